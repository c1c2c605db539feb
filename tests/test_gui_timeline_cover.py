"""The timeline: "Cover this shift" (double-click / right-click a bar) and the show-on-timeline flash."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QAbstractAnimation, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from tests.gui_support import DialogScript, open_demo_window

UTC = timezone.utc


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _show_week(window, qtbot):
    window.tabs.setCurrentWidget(window.timeline)
    window.timeline.rows_combo.setCurrentIndex(window.timeline.rows_combo.findData("member"))
    window.timeline.range.set_range(date(2026, 11, 23), 7)
    view = window.timeline.view
    qtbot.waitUntil(lambda: (d := view.data()) is not None and d.first_day == date(2026, 11, 23)
                    and d.days == 7 and d.row_mode == "member", timeout=2000)
    return view


def _bar_point(view, member: str, day: date) -> tuple[QPoint, object]:
    """The viewport point in the middle of ``member``'s bar that starts on ``day`` (UTC)."""
    data = view.data()
    geo = view._geometry()
    for row, shapes in enumerate(geo.bars):
        for shape in shapes:
            shift = data.bars[shape.index].shift
            if shift.member == member and shift.start.date() == day:
                view._scroll_to_row(row)
                center = shape.rect.center()
                y = center.y() + geo.header - view.verticalScrollBar().value()
                return QPoint(int(center.x()), int(y)), shift
    raise AssertionError(f"no bar for {member} on {day}")


def _capture_dialog(window):
    seen = []
    window.actions.exec_dialog = lambda dialog: seen.append(dialog) or False
    return seen


def test_double_click_a_shift_opens_an_override_for_it(window, qtbot):
    view = _show_week(window, qtbot)
    point, shift = _bar_point(view, "carol", date(2026, 11, 26))
    seen = _capture_dialog(window)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(seen) == 1
    dialog = seen[0]
    value = dialog.value()
    assert (value.start, value.end) == (shift.start, shift.end)  # the whole shift, overlap included
    assert value.start == datetime(2026, 11, 26, 7, tzinfo=UTC) and value.end == datetime(2026, 11, 26, 16, 30,
                                                                                        tzinfo=UTC)
    assert value.replaces == "carol"
    assert value.member == "dan"  # a colleague at the same site first
    assert dialog.span.zone() == "Europe/London"  # the coverer's local times
    assert not dialog.advice_box.isVisible()


def test_right_click_a_shift_offers_cover_this_shift_and_the_edit_is_undoable(window, qtbot):
    view = _show_week(window, qtbot)
    point, shift = _bar_point(view, "erin", date(2026, 11, 26))
    asked = []

    def choose(global_pos):
        asked.append(global_pos)
        return "cover"

    window.timeline.ask_shift_action = choose
    script = DialogScript(lambda d: d.member_combo.setCurrentIndex(d.member_combo.findData("frank")))
    window.actions.exec_dialog = script
    before = len(window.document.team.overrides)
    # What the window system sends for a right-click (QTest's mouse clicks do not make one).
    qtbot.mousePress(view.viewport(), Qt.MouseButton.RightButton, pos=point)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                              view.viewport().mapToGlobal(point)))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, pos=point)
    assert asked, "no context menu for the bar"
    team = window.document.team
    assert len(team.overrides) == before + 1
    added = team.overrides[-1]
    assert (added.member, added.replaces, added.start, added.end) == ("frank", "erin", shift.start, shift.end)
    assert script.seen[0].span.zone() == "America/Los_Angeles"
    window.undo_action.trigger()
    assert len(window.document.team.overrides) == before


def test_show_on_timeline_fades_out_completely(window, qtbot):
    view = _show_week(window, qtbot)
    start = datetime(2026, 11, 24, 6, 30, tzinfo=UTC)
    window.show_on_timeline(start, datetime(2026, 11, 24, 7, 0, tzinfo=UTC))
    qtbot.waitUntil(lambda: view.flash_level() > 0.5, timeout=2000)
    qtbot.waitUntil(lambda: view._flash is None, timeout=4000)
    assert view.flash_level() == 0.0


def test_a_highlight_never_moves_to_another_range(window, qtbot):
    view = _show_week(window, qtbot)
    window.show_on_timeline(datetime(2026, 11, 24, 6, 30, tzinfo=UTC), datetime(2026, 11, 24, 7, tzinfo=UTC))
    qtbot.waitUntil(lambda: view.flash_level() > 0.5, timeout=2000)
    window.timeline.range.set_range(date(2026, 11, 30), 7)  # the user moves on while it still shows
    assert view._flash is None and view.flash_level() == 0.0
    # Nothing left running that could bring it back: the fade animation is stopped.
    assert view._flash_anim.state() == QAbstractAnimation.State.Stopped


def test_the_menu_key_on_a_selected_day_offers_cover_this_shift(window, qtbot):
    """Found walking the app: a keyboard user could select days with the arrows but not cover a
    shift (the Menu key's context menu looked for a bar under the mouse, and found none)."""
    view = _show_week(window, qtbot)
    asked = []

    def choose(global_pos):
        asked.append(global_pos)
        return "cover"

    window.timeline.ask_shift_action = choose
    script = DialogScript(lambda d: d.member_combo.setCurrentIndex(d.member_combo.findData("bob")))
    window.actions.exec_dialog = script
    view.setFocus()
    view.activateWindow()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the first row (Alice), its first day
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right)  # Thursday
    # What the window system sends the focused widget for the Menu key or Shift+F10 (offscreen, QTest's
    # key clicks do not make one): a keyboard context menu at the text cursor, (0, 0) for a view.
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0),
                                                   view.mapToGlobal(QPoint(0, 0))))
    assert asked, "no menu for the selected day's shift"
    assert view.viewport().rect().contains(view.viewport().mapFromGlobal(asked[0]))  # shown on the bar
    added = window.document.team.overrides[-1]
    assert (added.member, added.replaces) == ("bob", "alice")
    assert added.start.date() in (date(2026, 11, 25), date(2026, 11, 26))  # Alice's Thursday shift (UTC)
    assert "Bob" in window.undo_action.text()
