"""Start-up deferral, fitted tables, the band panel's layout, timeline bar labels, palette changes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from oncall.core.demo import demo_team, large_team
from oncall.gui.band_panel import BandPanel
from oncall.gui.document import TeamDocument
from oncall.gui.main_window import MainWindow
from oncall.gui.members_model import MembersModel
from oncall.gui.legs_model import LegsModel
from oncall.gui.now_panel import NowPanel, _Swatch
from oncall.gui.palette import site_color
from oncall.gui.table_views import FittedTableView
from oncall.gui.timeline_view import TimelineView
from oncall.viewmodels.timeline_layout import bar_labels

from gui_support import clock, settings_at

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- start-up


def test_docks_fill_right_after_the_first_paint_and_hidden_tabs_on_first_show(qtbot, tmp_path):
    window = MainWindow(TeamDocument(large_team()), settings_at(tmp_path), clock)
    qtbot.addWidget(window)
    assert window.band.view._team is not None  # the visible tab has the team before the first paint
    assert window.team_panel.members.rowCount() == 0 and window.now.status() is None  # docks: after it
    with qtbot.waitSignal(window.panelsFilled, timeout=5000):
        window.show()
    assert window.team_panel.members.rowCount() == 200 and window.now.status() is not None
    assert window.coverage.report() is None  # hidden: nothing computed yet
    window.tabs.setCurrentWidget(window.coverage)
    assert window.coverage.report() is not None


def test_a_database_at_the_newest_schema_opens_without_importing_alembic(tmp_path):
    from oncall import storage

    path = tmp_path / "team.db"
    storage.open_database(str(path), create=True, demo_if_new=True).close()
    code = ("import sys; from oncall import storage\n"
            f"db = storage.open_database({str(path)!r}, create=False); db.load(); db.close()\n"
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False", out.stderr


def test_newest_revision_read_from_the_files_is_alembics():
    from oncall.storage import migrate, revision_files

    assert revision_files.head_from_files() == migrate._scripts().get_current_head()


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize("model_class", [MembersModel, LegsModel])
def test_fitted_columns_are_as_wide_as_qt_would_make_them(qtbot, model_class):
    model = model_class()
    view = FittedTableView(model, "t")
    qtbot.addWidget(view)
    view.resize(1600, 400)
    model.set_team(large_team())
    assert view.horizontalHeader().sectionSize(0) == view.horizontalHeader().defaultSectionSize()  # hidden: not yet
    view.show()
    qtbot.waitExposed(view)
    ours = [view.columnWidth(c) for c in range(model.columnCount() - 1)]
    view.resizeColumnsToContents()
    assert ours == [view.columnWidth(c) for c in range(model.columnCount() - 1)]


# ---------------------------------------------------------------- band panel


def test_band_panel_keeps_the_hint_at_the_bottom(qtbot):
    panel = BandPanel(lambda: date(2026, 11, 26))
    qtbot.addWidget(panel)
    panel.set_team(demo_team())
    panel.resize(1200, 900)
    panel.show()
    qtbot.waitExposed(panel)
    # The band is computed when shown; its height follows on the next layout pass.
    qtbot.waitUntil(lambda: panel.view.height() == panel.view.sizeHint().height(), timeout=2000)
    bottom_margin = panel.layout().contentsMargins().bottom()
    assert panel.hint.geometry().bottom() >= panel.height() - bottom_margin - 2
    assert panel.hint.height() <= panel.hint.heightForWidth(panel.hint.width()) + 2  # not centred in spare room


# ---------------------------------------------------------------- timeline labels


def test_bar_labels_go_from_full_name_to_initials():
    team = demo_team()
    from oncall.core.schedule import compute_schedule
    from oncall.core.demo import utc

    shifts = compute_schedule(team, utc(2026, 12, 6), utc(2026, 12, 14)).shifts
    frank = next(sh for sh in shifts if sh.member == "frank")
    assert bar_labels(team, frank) == ("Frank Miller", "Frank", "FM", "F")
    dan = next(sh for sh in shifts if sh.replaces)
    assert bar_labels(team, dan)[1:] == ("Dan for Carol", "Dan", "DO", "D")


@pytest.mark.parametrize("width", [1400, 900, 600])
def test_week_bars_never_show_an_elided_stub(qtbot, width):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_team(demo_team())
    view.set_range(date(2026, 12, 7), 7)
    view.set_row_mode("member")
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    data, geo = view.data(), view._geometry()
    shapes = [(shape, data.bars[shape.index].labels) for row in geo.bars for shape in row]
    assert shapes and all("…" not in s.text and "..." not in s.text for s, _ in shapes)
    assert all(s.text == "" or s.text in labels for s, labels in shapes)
    wide = [(s, labels) for s, labels in shapes if s.rect.width() >= 64]  # a whole shift at 1400 px
    assert all(s.text not in ("", *labels[-2:]) for s, labels in wide)  # a name, not initials
    assert (width == 1400) == bool(wide)


# ---------------------------------------------------------------- now panel and the palette


def _dark() -> QPalette:
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#232629"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1c1e20"), (QPalette.ColorRole.Text, "#e6e6e6")):
        pal.setColor(role, QColor(colour))
    return pal


def test_now_panel_swatches_follow_a_palette_change(qtbot):
    app = QApplication.instance()
    panel = NowPanel()
    qtbot.addWidget(panel)
    panel.set_clock(clock)
    panel.set_team(demo_team())
    panel.show()
    qtbot.waitExposed(panel)
    swatches = panel.findChildren(_Swatch)
    assert swatches
    light = [s.color().name() for s in swatches]
    before = app.palette()
    try:
        app.setPalette(_dark())
        qtbot.waitUntil(lambda: [s.color().name() for s in swatches] != light, timeout=2000)
        dark = [s.color().name() for s in swatches]
        assert dark[0] == site_color(swatches[0]._index, _dark()).name()
        pixel = swatches[0].grab().toImage().pixelColor(2, 2)
        assert pixel.name() == dark[0]
    finally:
        app.setPalette(before)
