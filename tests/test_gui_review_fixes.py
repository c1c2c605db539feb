"""Defects left from the last UX review (docs/notes ux-review "handed over"), each driven through real widgets.

Readable hints and status colours in light and dark, the timeline's zone choice at 1024 px, room for
the Coverage findings at 1024x700, Feeds tooltips and the loopback warning, one date per findings
day row, en dashes in adjusted-window text, the window's clock in the adjustment dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from gui_support import dark_palette, drawn_text_colour, open_demo_window
from oncall.core.demo import demo_team
from oncall.gui.palette import contrast


@pytest.fixture(params=["light", "dark"])
def palette(request):
    app = QApplication.instance()
    before = app.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield app.palette()
    app.setPalette(before)


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _readable(label: QLabel, palette: QPalette) -> bool:
    """Enabled (read as text, not as a disabled control) and drawn at >= 4.5:1 on the window."""
    return label.isEnabled() and contrast(drawn_text_colour(label), palette.color(QPalette.ColorRole.Window)) >= 4.5


# ---------------------------------------------------------------- 1. hints were disabled labels


def test_leg_feeds_and_startup_hints_are_readable_on_light_and_dark(palette, qtbot, tmp_path):
    from oncall.gui.feeds_panel import GOOGLE_NOTE, FeedsPanel
    from oncall.gui.leg_dialog import LegDialog
    from oncall.gui.startup_frame import StartupFrame
    from gui_support import settings_at

    leg = LegDialog(demo_team())
    qtbot.addWidget(leg)
    leg.show()
    hint = next(w for w in leg.findChildren(QLabel) if w.text() == "Drag names to change the turn order.")
    assert _readable(hint, palette)

    feeds = FeedsPanel(lambda: None)
    qtbot.addWidget(feeds)
    feeds.show()
    feeds.hint.setText("A feed's links are shown only when it is made or rotated")
    note = next(w for w in feeds.findChildren(QLabel) if w.text() == GOOGLE_NOTE)
    assert _readable(feeds.hint, palette) and _readable(note, palette)

    frame = StartupFrame(settings_at(tmp_path))
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    loading = [w for w in frame.findChildren(QLabel) if w.text().endswith("…")]
    assert len(loading) == 3 and all(_readable(label, palette) for label in loading)


# ---------------------------------------------------------------- 2. status colours hard-coded for light


def _strongest(image, rows: range, background, keep=lambda c: True):
    """The pixel in ``rows`` of ``image`` that contrasts most with ``background`` (a text's pen colour)."""
    best = background
    for y in rows:
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if keep(c) and contrast(c, background) > contrast(best, background):
                best = c
    return best


def test_advice_problems_and_preview_gaps_are_readable_light_and_dark_following_a_switch(qtbot, tmp_path):
    from datetime import date, datetime, timezone

    from PySide6.QtCore import Qt

    from oncall.gui.leg_preview_view import BAR, ROW
    from oncall.gui.leg_dialog import LegDialog
    from oncall.gui.override_dialog import OverrideDialog
    from oncall.gui.print_week_dialog import PrintWeekDialog

    team = demo_team()
    advice = OverrideDialog(team, None, start=datetime(2026, 11, 26, 12, tzinfo=timezone.utc),
                            end=datetime(2026, 11, 26, 14, tzinfo=timezone.utc), member="bob", replaces="alice")
    qtbot.addWidget(advice)
    advice.show()
    assert "Alice Chen is not on call then" in advice.advice_label.text()

    def fail(zone, monday, path):
        raise OSError("disk full")

    printing = PrintWeekDialog(team, date(2026, 3, 9), None, "UTC", fail)
    qtbot.addWidget(printing)
    printing.ask_path = lambda suggested: str(tmp_path / "x.pdf")
    printing.show()
    qtbot.mouseClick(printing.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved: disk full" in printing.problem.text()
    leg = LegDialog(team, team.leg(team.legs[1].id), today=date(2026, 3, 20))  # London: a 30 min gap after Sydney
    qtbot.addWidget(leg)
    leg.show()
    assert "gap of 30 min after Sydney" in leg.preview_view.lines()[0]

    def reddish(c) -> bool:
        return c.red() > c.green() + 60 and c.red() > c.blue() + 60

    def check(palette: QPalette) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        assert contrast(drawn_text_colour(advice.advice_label), window) >= 4.5
        assert contrast(drawn_text_colour(printing.problem), window) >= 4.5
        view = leg.preview_view
        labels = range(18 + 2 * BAR + 4, 18 + 2 * BAR + 4 + 14)  # the first row's junction labels
        gap = _strongest(view.grab().toImage(), labels, view.palette().color(QPalette.ColorRole.Window), reddish)
        assert gap != window and contrast(gap, window) >= 4.5, gap.name()
        assert labels.stop <= ROW

    app = QApplication.instance()
    before = app.palette()
    check(before)
    try:
        app.setPalette(dark_palette())  # made in light, then the desktop switches to dark
        QApplication.processEvents()
        check(dark_palette())
    finally:
        app.setPalette(before)


# ---------------------------------------------------------------- 6. the findings tree's day rows


def test_a_gap_day_row_shows_its_date_once(window):
    from datetime import date

    from PySide6.QtCore import Qt

    panel = window.coverage
    window.tabs.setCurrentWidget(panel)
    panel.range.set_range(date(2026, 11, 26), 28)
    model, view = panel.findings, panel.findings_view
    group = next(i for i in range(model.rowCount()) if model.item(i).kind == "gap" and model.item(i).children)
    parent = model.index(group, 0)
    view.expand(parent)
    shown = [model.data(model.index(0, column, parent), Qt.ItemDataRole.DisplayRole) for column in range(3)]
    assert shown[1] == "Thu 26 Nov 2026 06:30Z"
    assert shown[2].startswith("06:30\u201307:00Z (30 min): Sydney ends 17:30 AEDT")  # the times, not the date again
    assert sum(text.count("26 Nov 2026") for text in shown) == 1


# ---------------------------------------------------------------- 7. adjusted windows spelled one way


def test_timeline_tooltip_and_team_dock_spell_an_adjusted_window_alike(qtbot):
    from datetime import date

    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from oncall.core.model import Adjustment, LocalWindow
    from oncall.gui.adjustments_model import AdjustmentsModel
    from oncall.gui.timeline_view import TimelineView

    winter = Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(6 * 60, 15 * 60), "drift")
    team = demo_team().evolve(adjustments=(winter,))
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_team(team)
    view.set_range(date(2026, 11, 23), 7)
    view.set_display_zone("UTC")
    view.set_row_mode("site")
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    data, geo = view.data(), view._geometry()
    bar = next(b for b in data.bars if b.shift.leg == "lon" and b.start > 0)
    shape = next(s for s in geo.bars[bar.row] if data.bars[s.index] is bar)
    pos = shape.rect.center().toPoint() + QPoint(0, geo.header - view.verticalScrollBar().value())
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    shown = QToolTip.text()
    assert "Window adjusted to 06:00\u201315:00 (usually 07:00\u201316:00): drift" in shown, shown
    model = AdjustmentsModel()
    model.set_team(team)
    dock = " ".join(str(model.data(model.index(0, c), role)) for c in range(model.columnCount())
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))
    assert "06:00\u201315:00" in dock and "07:00\u201316:00" in dock and "-15:00" not in dock and "-16:00" not in dock


# ---------------------------------------------------------------- 8. dialogs open on the window's day


def test_new_adjustment_leg_and_override_default_to_the_windows_clock(window, qtbot):
    from datetime import date, datetime, timezone

    from PySide6.QtCore import Qt

    window.clock = lambda: datetime(2026, 6, 10, 9, 30, tzinfo=timezone.utc)  # a Wednesday, not the machine's day
    seen = []
    window.actions.exec_dialog = lambda dialog: seen.append(dialog) or False
    page = window.team_panel.show_page("Adjustments")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen[-1].first_edit.date().toPython() == date(2026, 6, 10)
    window.add_leg_action.trigger()
    assert seen[-1].value().start == date(2026, 6, 15)  # the next Monday handoff after the window's day
    window.add_override_action.trigger()
    assert seen[-1].value().start == datetime(2026, 6, 11, 9, tzinfo=timezone.utc)  # tomorrow, on the hour


# ---------------------------------------------------------------- 9. the Fairness page in names


def test_fairness_page_names_people_and_sites_not_ids(qtbot):
    import re
    from datetime import date

    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    dialog = PlanDialog(TeamDocument(demo_team()), date(2026, 10, 1), date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.fairness
    dialog.pages.setCurrentWidget(page)
    ids = re.compile(r"\b(syd|lon|sfo|alice|bob|carol|dan|erin|frank)\b")
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)  # one turn in a row: Sydney turn 50 is not planned
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)  # the solver runs in a worker thread
    assert page.conflicts.isVisible()
    text = page.conflicts.text()
    assert "Sydney turn 50" in text and "Alice Chen keeps it" in text and "Bob Nguyen: time off" in text
    assert not ids.search(text), text
    page.max_consecutive.setValue(2)
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)  # the solver runs in a worker thread
    shown = [page.changes.display_text(r, c) for r in range(page.changes.rowCount())
             for c in range(page.changes.columnCount())]
    shown += [str(page.figures.data(page.figures.index(r, c))) for r in range(page.figures.rowCount())
              for c in range(page.figures.columnCount())]
    assert "Sydney" in shown and any(s.startswith("evens out-of-hours in Sydney (weighted, as rostered: Alice Chen")
                                     for s in shown)
    assert not [s for s in shown if ids.search(s)]


def test_bold_figures_are_not_cut_after_a_plan(qtbot):
    """The figures that moved are bold: columns fitted with the plain font cut "409.5" to "40…"."""
    from datetime import date

    from PySide6.QtGui import QFont, QFontMetricsF

    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    dialog = PlanDialog(TeamDocument(demo_team()), date(2026, 10, 1), date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.fairness
    dialog.pages.setCurrentWidget(page)
    page.max_consecutive.setValue(2)
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)  # the solver runs in a worker thread
    view = page.figures_view
    model, header = page.figures, view.horizontalHeader()
    # What the item delegate needs besides the text (Qt's text margins either side, and the grid line).
    margin = 2 * (view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1
    bold_cells = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            font = model.data(model.index(row, column), Qt.ItemDataRole.FontRole)
            if isinstance(font, QFont) and font.bold():
                bold_cells += 1
                width = QFontMetricsF(font).horizontalAdvance(model.display_text(row, column))
                assert header.sectionSize(column) >= width + margin, (model.display_text(row, column), column)
    assert bold_cells >= 6


# ---------------------------------------------------------------- 5. the Feeds tab


def _fully_shown(widget) -> bool:
    """On screen and not scrolled (even partly) out of its scroll area."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def test_feeds_controls_explain_themselves_and_the_loopback_warning_stays_with_the_links(window, qtbot):
    panel = window.feeds
    window.resize(1024, 700)
    window.default_layout()
    qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 700, timeout=2000)
    window.tabs.setCurrentWidget(panel)
    for widget in (panel.address.save_button, panel.new_button, panel.revoke_button, panel.address.edit,
                   panel.label_edit):
        assert widget.toolTip(), widget.accessibleName() or widget.text()
    status = panel.address.status
    assert "only this computer can reach it" in status.text()  # the default address is loopback
    panel.choice.setCurrentIndex(0)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert _fully_shown(panel.links_box)  # the new links are brought into view...
    assert _fully_shown(status) and "only this computer can reach it" in status.text()  # ...with the warning
    assert contrast(drawn_text_colour(status), status.palette().color(QPalette.ColorRole.Window)) >= 4.5


# ---------------------------------------------------------------- 3. the timeline's zone choice at 1024 px


def _text_fits(combo) -> bool:
    """The combo is wide enough for its current text (what the style needs around it included)."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    needed = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                            QSize(metrics.horizontalAdvance(combo.currentText()), metrics.height()),
                                            combo)
    return combo.width() >= needed.width()


def _inside(widget, panel) -> bool:
    right = widget.mapTo(panel, widget.rect().bottomRight())
    return widget.isVisible() and right.x() < panel.width() and right.y() < panel.height()


def test_timeline_zone_choice_shows_its_whole_name_at_1024_with_the_range_on_screen(window, qtbot):
    panel = window.timeline
    window.tabs.setCurrentWidget(panel)
    window.default_docks.stop()  # a layout of the user's own (say, from a wide screen): Now stays beside the tabs
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
    qtbot.wait(30)
    assert window.dockWidgetArea(window.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea and panel.width() < 700
    assert panel.zone_combo.currentText() == "Team (Australia/Sydney)"
    for layout in ("beside the Now dock", "default at 1024x700"):
        assert _text_fits(panel.zone_combo), (layout, panel.zone_combo.width())
        for widget in (panel.range, panel.zone_combo, panel.rows_combo):
            assert _inside(widget, panel), (layout, widget.accessibleName())
        window.default_layout()  # Now and Team share the bottom: the timeline gets the whole width
        qtbot.wait(30)
    assert panel.width() > 1000
    top = panel.range.mapTo(panel, panel.range.rect().topLeft()).y()
    assert panel.zone_combo.mapTo(panel, panel.zone_combo.rect().topLeft()).y() < top + panel.range.height()  # one line


# ---------------------------------------------------------------- 4. room for the Coverage findings at 1024x700


def _rows_shown(view) -> float:
    return view.viewport().height() / max(view.sizeHintForRow(0), 1)


def _march_coverage(window, qtbot):
    from datetime import date

    panel = window.coverage
    window.tabs.setCurrentWidget(panel)
    panel.range.set_range(date(2027, 3, 1), 31)
    qtbot.wait(30)
    return panel.findings_view


def test_coverage_findings_get_the_room_when_the_window_is_made_smaller(window, qtbot):
    """Laid out at 1400x900 and then made 1024x700, the docks kept their 1400x900 sizes: four rows."""
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.tabs.width() >= 1000, timeout=2000)  # the default for the new size
    view = _march_coverage(window, qtbot)
    assert _rows_shown(view) >= 8, _rows_shown(view)
    assert window.tabifiedDockWidgets(window.team_dock) == [window.now_dock]
    window.resize(1400, 900)  # and back: the larger size's default again (Now on the left)
    qtbot.waitUntil(lambda: window.dockWidgetArea(window.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea,
                    timeout=2000)
    assert window.now_dock.isVisible() and window.team_dock.height() >= 240


def test_a_layout_the_user_arranged_or_restored_is_kept_when_the_window_resizes(window, qtbot, tmp_path):
    from gui_support import clock
    from oncall.gui.document import TeamDocument
    from oncall.gui.main_window import DISCARD, MainWindow

    window.team_dock.toggleViewAction().trigger()  # the user closes the Team dock...
    window.team_dock.toggleViewAction().trigger()  # ...and opens it again: the layout is theirs now
    window.resize(1024, 700)
    qtbot.wait(50)
    assert window.dockWidgetArea(window.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea  # not moved for them
    window.resizeDocks([window.team_dock], [420], Qt.Orientation.Vertical)
    qtbot.wait(30)
    tall = window.team_dock.height()
    settings = window.settings
    window.close()
    again = MainWindow(TeamDocument(window.document.team), settings, clock)
    again.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(again)
    again.restore_state()
    with qtbot.waitSignal(again.panelsFilled, timeout=5000):
        again.show()
    again.resize(1020, 700)
    qtbot.wait(50)
    assert again.dockWidgetArea(again.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert abs(again.team_dock.height() - tall) <= 4  # the remembered height, not the default's


def test_plan_dialog_problems_follow_a_switch_to_dark(qtbot):
    """The Fairness page's "Not planned" text kept the light red (#b3261e, 2.3:1 on dark) after a switch."""
    from datetime import date

    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    dialog = PlanDialog(TeamDocument(demo_team()), date(2026, 10, 1), date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.fairness
    dialog.pages.setCurrentWidget(page)
    qtbot.mouseClick(page.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)  # the solver runs in a worker thread
    assert page.conflicts.isVisible()
    app = QApplication.instance()
    before = app.palette()
    try:
        app.setPalette(dark_palette())
        QApplication.processEvents()
        window = dark_palette().color(QPalette.ColorRole.Window)
        assert contrast(drawn_text_colour(page.conflicts), window) >= 4.5
    finally:
        app.setPalette(before)


def test_figures_columns_stay_with_their_values_on_a_wide_screen(qtbot, tmp_path):
    """Before: at 2560 px Coverage's last column ("Holiday") stretched over ~1,800 px, its header
    centred far from the numbers under it."""
    from gui_support import open_demo_window

    for window in open_demo_window(qtbot, tmp_path):
        window.resize(2560, 1440)
        window.tabs.setCurrentWidget(window.coverage)
        view = window.coverage.figures_view
        qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0, timeout=5000)
        header = view.horizontalHeader()
        last = view.model().columnCount() - 1
        qtbot.waitUntil(lambda: view.viewport().width() > 1500, timeout=5000)
        assert header.sectionSize(last) <= 2 * header.sectionSizeHint(last), header.sectionSize(last)
        assert all(header.sectionSize(c) >= header.sectionSizeHint(c) for c in range(last + 1))  # none cut
