"""Layout at the smallest supported size (1024x700) and on a large screen (2560x1440); docks
collapsible and remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from oncall.gui.document import TeamDocument
from oncall.gui.main_window import DISCARD, MainWindow
from tests.gui_support import clock, open_demo_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _size(window, qtbot, width: int, height: int) -> None:
    window.resize(width, height)
    window.default_layout()
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height, timeout=2000)
    qtbot.wait(30)


def _rows_visible(view) -> int:
    return view.viewport().height() // max(view.rowHeight(0), 1)


def test_smallest_supported_size_keeps_views_and_columns_usable(window, qtbot):
    _size(window, qtbot, 1024, 700)
    tabs = window.tabs
    assert tabs.width() >= 1000 and tabs.height() >= 330, tabs.size()  # was 617x403 with the Now dock aside
    window.tabs.setCurrentWidget(window.handoffs)
    qtbot.wait(30)
    view = window.handoffs.view
    note = view.horizontalHeader().logicalIndex(view.model().columnCount() - 1)
    left = view.columnViewportPosition(note)
    assert view.viewport().width() - left >= 150, "the Note column is cut"
    assert _rows_visible(view) >= 5
    members = window.team_panel.show_page("Members")
    qtbot.wait(30)
    assert _rows_visible(members.view) >= 4  # all six demo members need at most a short scroll
    assert window.now_dock.isVisible() or window.tabifiedDockWidgets(window.team_dock)
    band = window.band
    window.tabs.setCurrentWidget(band)
    qtbot.wait(30)
    assert band.view.height() >= band.view.sizeHint().height()  # the whole band shows
    assert not band.week.isVisible()  # no room for the week strip: not squeezed in


def test_large_screen_uses_the_height(window, qtbot):
    from oncall.gui.timeline_geometry import MAX_LANE_LINES, relayout

    _size(window, qtbot, 2560, 1440)
    window.tabs.setCurrentWidget(window.timeline)
    qtbot.wait(30)
    view = window.timeline.view
    natural = relayout(view.data(), view.font(), view.viewport().width(), view.display_zone(), 7).row_tops[1]
    geo = view._geometry()
    assert geo.row_tops[1] > natural * 2  # rows grow with the space...
    assert geo.row_tops[1] <= view.fontMetrics().height() * (MAX_LANE_LINES + 1)  # ...up to a maximum
    assert geo.row_tops[-1] > 0.25 * view.viewport().height()
    window.tabs.setCurrentWidget(window.band)
    qtbot.wait(30)
    week = window.band.week
    assert week.isVisible() and week.height() > 250  # the band tab shows the week below the band
    assert week.range()[1] == 7 and week.row_mode() == "site"
    used = window.band.view.height() + week.height()
    assert used > 0.5 * window.band.height()


def test_docks_collapse_and_are_remembered(window, qtbot, tmp_path):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.team_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.now_dock.isVisible()
    settings = window.settings
    window.close()
    again = MainWindow(TeamDocument(window.document.team), settings, clock)
    again.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(again)
    again.restore_state()
    with qtbot.waitSignal(again.panelsFilled, timeout=5000):
        again.show()
    assert not again.team_dock.isVisible() and not again.now_dock.isVisible()
    assert again.tabs.width() > 0.9 * again.width()
    again.team_dock.toggleViewAction().trigger()
    assert again.team_dock.isVisible()
