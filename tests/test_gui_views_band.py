"""BandView driven like a user: drag edges, keys, team and date changes (offscreen Qt)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from oncall.core.demo import demo_team
from oncall.core.model import LocalWindow
from oncall.gui.band_view import BandView


@pytest.fixture
def band(qtbot):
    view = BandView()
    qtbot.addWidget(view)
    view.set_team(demo_team())
    view.set_date(date(2026, 11, 26))
    view.resize(1100, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    return view


def _edge_point(view: BandView, leg_id: str, edge: str) -> QPoint:
    data = view.band()
    index = [r.leg_id for r in data.rows].index(leg_id)
    piece = next(p for p in data.rows[index].pieces if (p.has_start if edge == "start" else p.has_end))
    rect = view._bar_rect(index, piece.start, piece.end)
    x = rect.left() if edge == "start" else rect.right()
    return QPoint(round(x), round(rect.center().y()))


def test_drag_window_start_emits_new_local_window(band, qtbot):
    start = _edge_point(band, "lon", "start")  # 07:00Z = 07:00 GMT
    target = QPoint(round(band._x(6 * 60)), start.y())
    with qtbot.waitSignal(band.windowEdited, timeout=1000) as blocker:
        qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(band, QPoint((start.x() + target.x()) // 2, start.y()))
        qtbot.mouseMove(band, target)
        qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == ["lon", LocalWindow(6 * 60, 16 * 60)]


def test_drag_end_in_summer_converts_through_bst(band, qtbot):
    band.set_date(date(2026, 7, 1))
    end = _edge_point(band, "lon", "end")  # 16:00 BST = 15:00Z
    target = QPoint(round(band._x(17 * 60)), end.y())  # 17:00Z = 18:00 BST
    with qtbot.waitSignal(band.windowEdited, timeout=1000) as blocker:
        qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=end)
        qtbot.mouseMove(band, target)
        qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == ["lon", LocalWindow(7 * 60, 18 * 60)]


def test_click_without_moving_emits_nothing(band, qtbot):
    start = _edge_point(band, "lon", "start")
    with qtbot.assertNotEmitted(band.windowEdited):
        qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=start)


def test_keyboard_nudges_the_focused_leg(band, qtbot):
    band.setFocus()
    qtbot.keyClick(band, Qt.Key.Key_Down)  # Sydney -> London
    with qtbot.waitSignal(band.windowEdited, timeout=1000) as blocker:
        qtbot.keyClick(band, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == ["lon", LocalWindow(7 * 60, 16 * 60 + 15)]


def test_page_down_moves_the_date(band, qtbot):
    with qtbot.waitSignal(band.dateChanged, timeout=1000) as blocker:
        qtbot.keyClick(band, Qt.Key.Key_PageDown)
    assert blocker.args == [date(2026, 11, 27)] and band.date() == date(2026, 11, 27)


def test_band_updates_after_a_team_change(band):
    team = demo_team()
    lon = team.leg("lon")
    changed = team.evolve(legs=tuple(leg if leg.id != "lon" else
                                     type(leg)(**{**leg.__dict__, "window": LocalWindow(6 * 60, 16 * 60)})
                                     for leg in team.legs))
    assert band.band().row("lon").pieces[0].start == 7 * 60
    band.set_team(changed)
    assert band.band().row("lon").pieces[0].start == 6 * 60
    assert not band.band().gaps  # the 06:30-07:00 gap closed
    assert lon.window == LocalWindow(7 * 60, 16 * 60)


def test_band_shows_dst_drift_between_march_and_april(band):
    band.set_date(date(2026, 3, 20))
    march = band.band().row("lon").pieces[0].start
    band.set_date(date(2026, 4, 20))
    assert band.band().row("lon").pieces[0].start == march - 60


def test_accessible_description_and_empty_team(band, qtbot):
    assert "London 07:00\u201316:00 GMT" in band.accessibleDescription()
    assert "gap 06:30-07:00 UTC" in band.accessibleDescription()
    band.set_team(None)
    assert band.band() is None
    band.repaint()  # paints the empty state without error


def test_renders_at_double_scale_without_clipping_labels(band):
    font = band.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    band.setFont(font)
    hint = band.sizeHint()
    m = band._metrics()
    assert m.row >= 2 * band.fontMetrics().height()  # the bar and the local hours fit
    assert hint.height() > 0 and m.label_width > band.fontMetrics().horizontalAdvance("San Francisco")
    band.resize(hint)
    assert not band.grab().isNull()


@pytest.mark.parametrize("width", [700, 1000, 1800])
def test_every_row_labels_its_local_hour_at_midnight_utc(band, width):
    """Found walking the app: each row's local hours started at 01 UTC (London's "00", Sydney's "11"
    and San Francisco's "16" were dropped because the label's wide box, not its text, was measured)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from oncall.gui.band_painter import BandPainter
    from oncall.gui.palette import view_colors

    band.set_date(date(2026, 11, 26))
    band.resize(width, band.sizeHint().height())
    painter = BandPainter(band._metrics(), band.band(), view_colors(band.palette()), band.palette(), band.font(),
                          band.width())
    m = band._metrics()
    firsts = []
    for i, row in enumerate(band.band().rows):
        labels = painter.local_hour_labels(i, row, QRectF(m.plot_left, m.row_top(i), m.plot_right - m.plot_left, m.row))
        firsts.append(labels[0][2])
        assert labels[0][0] == m.x(0)  # at 00 UTC
        text_width = QFontMetricsF(painter.small).horizontalAdvance("00")
        for (x1, _, _), (x2, _, _) in zip(labels, labels[1:]):
            assert x2 - x1 > text_width  # no two labels touch
        assert labels[0][1].center().x() - text_width / 2 > m.plot_left  # clear of the row's detail text
    assert firsts == ["11", "00", "16"]  # Sydney (AEDT), London (GMT), San Francisco (PST)
    band.grab()
