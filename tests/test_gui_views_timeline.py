"""TimelineView driven like a user: select spans, hover, highlight, modes (offscreen Qt)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from oncall.core.demo import demo_team, large_team, utc
from oncall.gui.timeline_view import TimelineView


@pytest.fixture
def timeline(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_team(demo_team())
    view.set_range(date(2026, 12, 7), 7)
    view.set_display_zone("UTC")
    view.set_row_mode("site")
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def _x(view: TimelineView, minutes: float) -> int:
    geo = view._geometry()
    return round(geo.plot_left + minutes / view.data().total_minutes * geo.plot_width)


def test_drag_selection_emits_span_selected(timeline, qtbot):
    row = timeline.visible_rect_of_row(1)  # London
    y = row.center().y()
    a, b = QPoint(_x(timeline, 24 * 60 + 6 * 60), y), QPoint(_x(timeline, 2 * 24 * 60 + 18 * 60), y)
    with qtbot.waitSignal(timeline.spanSelected, timeout=1000) as blocker:
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=a)
        qtbot.mouseMove(timeline.viewport(), b)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=b)
    start, end, kind, row_id = blocker.args
    assert (kind, row_id) == ("site", "lon")
    assert start == utc(2026, 12, 8, 6) and end == utc(2026, 12, 9, 18)


def test_selection_is_in_the_display_zone(timeline, qtbot):
    timeline.set_display_zone("Australia/Sydney")
    timeline.set_row_mode("member")
    assert timeline.data().origin == utc(2026, 12, 6, 13)  # Sydney midnight in AEDT
    y = timeline.visible_rect_of_row(2).center().y()  # carol
    a, b = QPoint(_x(timeline, 0), y), QPoint(_x(timeline, 24 * 60), y)
    with qtbot.waitSignal(timeline.spanSelected, timeout=1000) as blocker:
        qtbot.mousePress(timeline.viewport(), Qt.MouseButton.LeftButton, pos=a)
        qtbot.mouseMove(timeline.viewport(), b)
        qtbot.mouseRelease(timeline.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert blocker.args == [utc(2026, 12, 6, 13), utc(2026, 12, 7, 13), "member", "carol"]


def test_keyboard_selects_days(timeline, qtbot):
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Down)  # selects the first day of the first row
    qtbot.keyClick(timeline, Qt.Key.Key_Down)  # moves to London
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(timeline.spanSelected, timeout=1000) as blocker:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert blocker.args == [utc(2026, 12, 8), utc(2026, 12, 10), "site", "lon"]


def test_tooltip_text_shows_every_zone(timeline):
    timeline.set_row_mode("member")
    data = timeline.data()
    bar = next(b for b in data.bars if b.shift.member == "dan")
    geo = timeline._geometry()
    shape = next(s for s in geo.bars[bar.row] if data.bars[s.index] is bar)
    pos = shape.rect.center()
    pos.setY(pos.y() + geo.header - timeline.verticalScrollBar().value())
    text = timeline._tooltip_at(pos)
    assert "override for Carol Smith" in text and "GMT" in text and "UTC:" in text


def test_highlight_moves_range_and_flashes(timeline, qtbot):
    with qtbot.waitSignal(timeline.rangeChanged, timeout=1000) as blocker:
        timeline.highlight(utc(2026, 12, 24, 6), utc(2026, 12, 24, 12))
    assert blocker.args == [date(2026, 12, 21), 7]
    assert timeline._flash == (3 * 1440 + 360.0, 3 * 1440 + 720.0)


def test_row_modes_and_team_change(timeline):
    assert [r.id for r in timeline.data().rows] == ["syd", "lon", "sfo"]
    timeline.set_row_mode("member")
    assert len(timeline.data().rows) == 6
    team = demo_team()
    timeline.set_team(team.evolve(overrides=()))
    assert not any(b.shift.replaces for b in timeline.data().bars if b.shift.member == "dan")
    with pytest.raises(ValueError):
        timeline.set_row_mode("leg")


def test_large_team_month_paints_and_scrolls(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_team(large_team())
    view.set_range(date(2026, 11, 1), 30)
    view.set_row_mode("member")
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.verticalScrollBar().maximum() > 0
    top = view.viewport().grab().toImage()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    bottom = view.viewport().grab().toImage()
    assert not bottom.isNull() and bottom != top  # scrolled: other rows are painted
    colours = {bottom.pixelColor(x, y).name() for x in range(0, bottom.width(), 25) for y in range(0, bottom.height(), 25)}
    assert len(colours) > 3  # bars, grid and labels, not an empty background


def test_dark_palette_repaints(timeline):
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#1b1b1d"),
                        (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.WindowText, "#e8e8e8")):
        pal.setColor(role, QColor(color))
    timeline.setPalette(pal)
    assert timeline._colors.dark
    assert not timeline.grab().isNull()


def test_hidden_view_defers_the_recompute_until_shown(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_team(demo_team())
    assert view._data is None and view._stale  # nothing computed while hidden
    view.set_range(date(2026, 12, 7), 7)
    view.show()
    qtbot.waitExposed(view)
    assert not view._stale and view.data().first_day == date(2026, 12, 7)
