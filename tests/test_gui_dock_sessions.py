"""The default dock layout across sessions: a default saved at close is not restored as the user's.

The default layout depends on the window's size (Now and Team share the bottom below 1280 px).
A session that never touched the docks saves that default for its size; the next start, maybe on a
smaller screen, lays the default out for the size it opens at, in the start-up frame and in the
window alike. A layout the user arranged (a separator dragged, a dock moved or closed) is theirs
and comes back as it was.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget

from gui_support import clock, open_demo_window
from oncall.gui.document import TeamDocument
from oncall.gui.main_window import DISCARD, MainWindow
from oncall.gui.startup_frame import StartupFrame

SMALL = (1024, 700)


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _reopen(window, qtbot, after_close=None):
    """Close ``window`` (its layout saved) and start again from the same settings, on a 1024x700 screen.

    The frame and the window are placed at 1024x700, as a window manager fits a 1400x900 window
    onto a smaller screen (the offscreen test screen cannot be made 1024x700 itself).
    """
    settings = window.settings
    window.close()
    if after_close is not None:
        after_close(settings)
    frame = StartupFrame(settings)
    qtbot.addWidget(frame)
    frame.resize(*SMALL)
    frame.show()
    qtbot.waitUntil(lambda: (frame.width(), frame.height()) == SMALL, timeout=2000)
    again = MainWindow(TeamDocument(window.document.team), settings, clock)
    again.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(again)
    again.restore_state()
    again.take_place(frame.geometry())  # as start_app does
    placed = _docks(again)[:2]  # what its first paint shows
    with qtbot.waitSignal(again.panelsFilled, timeout=5000):
        again.show()
    qtbot.waitUntil(lambda: (again.width(), again.height()) == SMALL, timeout=2000)
    qtbot.wait(50)
    assert _docks(again)[:2] == placed  # no second layout once shown
    return frame, again


def _docks(main) -> tuple:
    """Where the Now and Team docks are: area, tabbed together or not, and their rectangles."""
    now, team = main.findChild(QDockWidget, "NowDock"), main.findChild(QDockWidget, "TeamDock")
    return (main.dockWidgetArea(now), main.tabifiedDockWidgets(team) == [now],
            team.geometry() if team.isVisible() else None, now.geometry() if now.isVisible() else None)


def _findings_rows(window, qtbot) -> float:
    panel = window.coverage
    window.tabs.setCurrentWidget(panel)
    panel.range.set_range(date(2027, 3, 1), 31)
    qtbot.wait(30)
    view = panel.findings_view
    return view.viewport().height() / max(view.sizeHintForRow(0), 1)


def test_an_untouched_default_saved_at_1400x900_is_laid_out_afresh_at_1024x700(window, qtbot):
    assert (window.width(), window.height()) == (1400, 900)
    assert window.dockWidgetArea(window.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea  # the wide default
    frame, again = _reopen(window, qtbot)
    assert again.tabifiedDockWidgets(again.team_dock) == [again.now_dock]  # Now and Team share the bottom
    rows = _findings_rows(again, qtbot)
    assert rows >= 8, rows  # the stale 1400x900 layout left about four
    frame_docks, window_docks = _docks(frame), _docks(again)
    assert frame_docks[:2] == window_docks[:2]  # the frame showed the same layout: no jump
    assert abs(frame_docks[2].top() - window_docks[2].top()) <= 16, (frame_docks, window_docks)
    again.resize(1400, 900)  # still the default: it follows the size for the rest of the session
    qtbot.waitUntil(lambda: again.dockWidgetArea(again.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea,
                    timeout=2000)


def _forget_the_flag(settings) -> None:
    """A layout saved by a version before the flag existed."""
    settings._s.remove("window/docks_arranged")
    settings.sync()


@pytest.mark.parametrize("saved_by", ["this version", "an earlier version"])
def test_docks_the_user_arranged_come_back_as_they_were(window, qtbot, saved_by):
    tabs, team = window.tabs, window.team_dock
    before = team.height()
    x = team.geometry().center().x()
    seam = QPoint(x, (tabs.geometry().bottom() + team.geometry().top()) // 2)  # the separator above Team
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=seam)
    for step in range(1, 9):
        qtbot.mouseMove(window, QPoint(x, seam.y() - 15 * step))
        qtbot.wait(5)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(x, seam.y() - 120))
    qtbot.wait(30)
    assert team.height() >= before + 100, (before, team.height())  # the user made the Team dock taller
    assert not window.default_docks.following
    frame, again = _reopen(window, qtbot, _forget_the_flag if saved_by == "an earlier version" else None)
    assert again.dockWidgetArea(again.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea  # not re-laid out
    assert not again.tabifiedDockWidgets(again.team_dock)
    assert _docks(frame)[:2] == _docks(again)[:2]  # the frame showed their layout too
    assert again.team_dock.height() / again.height() >= 0.36  # still the taller Team dock (default: 0.28)
    again.resize(1020, 690)
    qtbot.wait(50)
    assert again.dockWidgetArea(again.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea  # still theirs


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ONCALL_DATA_DIR", str(folder))
    return folder


def test_a_real_start_on_a_smaller_screen_lays_the_default_out_for_it(qtbot, tmp_path, data_dir):
    """``oncall gui`` after a 1400x900 session on an 800x800 screen (the offscreen test screen):
    Qt fits the restored geometry to the screen, and frame and window both take the compact layout."""
    from PySide6.QtCore import QSettings

    from oncall import storage
    from oncall.core.demo import demo_team
    from oncall.gui import app as gui_app
    from oncall.gui.settings import Settings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    db = tmp_path / "t.db"
    with storage.open_database(str(db), create=True) as database:
        database.replace_team(demo_team())
    last = MainWindow(TeamDocument(demo_team()), Settings(), clock)
    last.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(last)
    with qtbot.waitSignal(last.panelsFilled, timeout=5000):
        last.show()
    assert last.width() == 1400 and last.dockWidgetArea(last.now_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    last.close()  # docks untouched: the saved layout is the default for 1400x900
    frames, windows = [], []
    gui_app.start_app(str(db), on_frame=frames.append, on_window=windows.append)
    frame = frames[0]
    assert frame.width() < 1280  # fitted to the screen
    frame_size, frame_docks = frame.size(), _docks(frame)[:2]  # the frame is gone once the window shows
    assert frame_docks == (Qt.DockWidgetArea.BottomDockWidgetArea, True)  # compact, not the saved layout
    qtbot.waitUntil(lambda: bool(windows), timeout=10000)
    window = windows[0]
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.document.kind == "database", timeout=10000)
    assert window.size() == frame_size and _docks(window)[:2] == frame_docks
    assert window.default_docks.following  # still the default: it keeps following the size
