"""The follow-the-sun band: one UTC day, a row per leg, windows as bars you can drag.

All numbers come from :mod:`oncall.viewmodels.band_layout` when the team or the date changes;
painting only scales them. Sizes derive from font metrics, so the view reads the same at
100% and 200% scale. Dragging a window edge previews the new edge snapped to 15 minutes and,
on release, emits ``windowEdited(leg_id, LocalWindow)`` with the leg's new LOCAL window (the
UTC position converted back through the site's zone on that date). The document turns that
into an undoable edit; this view never changes the team itself.

Keyboard: Up/Down pick a leg; Ctrl+Left/Right moves its start by 15 minutes,
Ctrl+Shift+Left/Right its end; PageUp/PageDown change the date (``dateChanged``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from oncall.core.labels import axis_time_text
from oncall.core.model import Team
from oncall.viewmodels.band_layout import (
    DAY_MINUTES, SNAP_MINUTES, BandData, BandRow, WindowPiece, build_band, dragged_window,
    local_time_text, nudged_window, snap,
)

from .palette import ViewColors, lighter_fill, mix, site_color, text_on, view_colors, with_alpha
from .recompute_when_shown import RecomputeWhenShown


@dataclass
class _Drag:
    row: int
    piece: WindowPiece
    edge: str  # "start" | "end"
    minutes: float


@dataclass(frozen=True)
class _Metrics:
    """Every size of the layout, from the font: recomputed on font or size change."""

    pad: float
    line: float
    small_line: float
    label_width: float
    header: float
    row: float
    bar_top: float
    bar_height: float
    coverage: float
    legend: float
    plot_left: float
    plot_right: float


class BandView(RecomputeWhenShown, QWidget):
    """A 24-hour UTC axis with each leg's window, overlaps, gaps, working hours and nights.

    Recomputed on team or date changes only while visible (:class:`RecomputeWhenShown`).
    """

    windowEdited = Signal(str, object)  # leg id, new oncall.core.model.LocalWindow
    dateChanged = Signal(object)  # the date the user moved to with PageUp/PageDown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self._date = date.today()
        self._data: BandData | None = None
        self._drag: _Drag | None = None
        self._current = 0
        self._colors: ViewColors = view_colors(self.palette())
        self._m: _Metrics | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setAccessibleName("Follow-the-sun band")
        self.setToolTip("")

    # ------------------------------------------------------------------ data

    def set_team(self, team: Team | None) -> None:
        self._team = team
        self._rebuild()

    def set_date(self, day: date) -> None:
        if day != self._date or (self._data is None and not self._stale):
            self._date = day
            self._rebuild()

    def date(self) -> date:
        return self._date

    def band(self) -> BandData | None:
        """The numbers on screen (for tests and the accessible description)."""
        self._ensure_current()
        return self._data

    def _forget_interaction(self) -> None:
        self._drag = None  # a drag in progress points into the old rows

    def _compute(self) -> None:
        self._data = build_band(self._team, self._date) if self._team and self._team.legs else None
        if self._data:
            self._current = min(self._current, len(self._data.rows) - 1)
        self._m = None
        self.updateGeometry()
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        d = self._data
        if d is None:
            return "No legs to show"
        parts = [f"{d.day:%A %d %B %Y}, times in UTC"]
        for r in d.rows:
            spans = ", ".join(f"{axis_time_text(p.start)}-{axis_time_text(p.end)}" for p in r.pieces) or "not running"
            parts.append(f"{r.label} {r.window_text}: {spans} UTC")
        parts += [f"gap {axis_time_text(g.start)}-{axis_time_text(g.end)} UTC" for g in d.gaps]
        return "; ".join(parts)

    # --------------------------------------------------------------- metrics

    def _metrics(self) -> _Metrics:
        if self._m is not None:
            return self._m
        fm = QFontMetricsF(self.font())
        small = QFontMetricsF(self._small_font())
        bold = QFontMetricsF(self._bold_font())
        line, small_line = fm.height(), small.height()
        pad = round(line * 0.5)
        widths = [bold.horizontalAdvance("Coverage")]
        for r in self._data.rows if self._data else ():
            widths += [bold.horizontalAdvance(r.label), small.horizontalAdvance(self._row_detail(r))]
        label_width = max(widths) + 3 * pad
        bar_height = round(line * 1.45)
        row = round(pad * 0.6 + bar_height + small_line + pad * 0.9)
        header = round(line * 2 + pad * 1.2)
        legend = round(line + pad * 1.5)
        self._m = _Metrics(pad, line, small_line, label_width, header, row, round(pad * 0.6), bar_height,
                           round(bar_height + pad * 1.6), legend, label_width, self.width() - pad)
        return self._m

    def _small_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(max(f.pointSizeF() * 0.86, 6.0))
        return f

    def _bold_font(self) -> QFont:
        f = QFont(self.font())
        f.setBold(True)
        return f

    @staticmethod
    def _row_detail(r: BandRow) -> str:
        dst = " \u00b7 DST" if r.dst else ""
        return f"{r.window_text} \u00b7 UTC{r.offset_text}{dst}"

    def _x(self, minutes: float) -> float:
        m = self._metrics()
        return m.plot_left + (m.plot_right - m.plot_left) * minutes / DAY_MINUTES

    def _minutes_at(self, x: float) -> float:
        m = self._metrics()
        span = max(m.plot_right - m.plot_left, 1.0)
        return min(max((x - m.plot_left) * DAY_MINUTES / span, 0.0), float(DAY_MINUTES))

    def _row_top(self, index: int) -> float:
        m = self._metrics()
        return m.header + index * m.row

    def _bar_rect(self, index: int, start: float, end: float) -> QRectF:
        m = self._metrics()
        top = self._row_top(index) + m.bar_top
        return QRectF(self._x(start), top, max(self._x(end) - self._x(start), 1.0), m.bar_height)

    def sizeHint(self) -> QSize:
        m = self._metrics()
        rows = len(self._data.rows) if self._data else 1
        height = m.header + rows * m.row + m.coverage + m.legend + m.pad
        return QSize(int(m.label_width + m.line * 40), int(height))

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(int(self._metrics().label_width + self._metrics().line * 16), hint.height())

    # ----------------------------------------------------------------- events

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._m = None
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange):
            self._colors = view_colors(self.palette())
            self.update()
        elif kind in (event.Type.FontChange, event.Type.ApplicationFontChange):
            self._m = None
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def _hit_edge(self, pos: QPointF) -> tuple[int, WindowPiece, str] | None:
        if not self._data:
            return None
        m = self._metrics()
        tolerance = max(4.0, m.line * 0.35)
        for i, row in enumerate(self._data.rows):
            top = self._row_top(i)
            if not (top <= pos.y() < top + m.row):
                continue
            for piece in row.pieces:
                if piece.has_start and abs(pos.x() - self._x(piece.start)) <= tolerance:
                    return i, piece, "start"
                if piece.has_end and abs(pos.x() - self._x(piece.end)) <= tolerance:
                    return i, piece, "end"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        hit = self._hit_edge(event.position())
        if event.button() == Qt.MouseButton.LeftButton and hit:
            row, piece, edge = hit
            self._current = row
            self._drag = _Drag(row, piece, edge, piece.start if edge == "start" else piece.end)
            self.update()
            event.accept()
            return
        row = self._row_at(event.position().y())
        if row is not None:
            self._current = row
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position()
        if self._drag is not None:
            self._drag.minutes = float(snap(self._minutes_at(pos.x())))
            row = self._data.rows[self._drag.row]
            edge = "Start" if self._drag.edge == "start" else "End"
            text = f"{edge} {local_time_text(row.zone, self._data.origin, self._drag.minutes)}"
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
            self.update()
            return
        hit = self._hit_edge(pos)
        self.setCursor(Qt.CursorShape.SizeHorCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        QToolTip.hideText()
        self.update()
        row = self._data.rows[drag.row]
        window = dragged_window(self._team, self._data, row.leg_id, drag.piece, drag.edge, drag.minutes)
        if window is not None:
            self.windowEdited.emit(row.leg_id, window)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape and self._drag:
            self._drag = None
            QToolTip.hideText()
            self.update()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._data and not ctrl:
            step = -1 if key == Qt.Key.Key_Up else 1
            self._current = max(0, min(len(self._data.rows) - 1, self._current + step))
            self.update()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and ctrl and self._data:
            self._nudge("end" if shift else "start", SNAP_MINUTES * (-1 if key == Qt.Key.Key_Left else 1))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.set_date(self._date + timedelta(days=-1 if key == Qt.Key.Key_PageUp else 1))
            self.dateChanged.emit(self._date)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _nudge(self, edge: str, minutes: int) -> None:
        row = self._data.rows[self._current]
        window = nudged_window(row.window, edge, minutes)
        if window is not None:
            self.windowEdited.emit(row.leg_id, window)

    def _row_at(self, y: float) -> int | None:
        if not self._data:
            return None
        m = self._metrics()
        index = int((y - m.header) // m.row)
        return index if 0 <= index < len(self._data.rows) and y >= m.header else None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and self._drag is None:
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPointF) -> str:
        if not self._data or pos.x() < self._metrics().plot_left:
            return ""
        minutes = self._minutes_at(pos.x())
        row = self._row_at(pos.y())
        if row is not None:
            r = self._data.rows[row]
            local = local_time_text(r.zone, self._data.origin, minutes)
            for p in r.pieces:
                if p.start <= minutes <= p.end:
                    return (f"{r.label}: window {r.window_text} = {axis_time_text(p.start)}\u2013{axis_time_text(p.end)} UTC"
                            f"\n{local}. Drag an edge to change the window.")
            return f"{r.label}: {local}"
        for g in self._data.gaps:
            if g.start <= minutes <= g.end:
                return f"Gap: nobody on call {axis_time_text(g.start)}\u2013{axis_time_text(g.end)} UTC ({g.minutes} min)"
        for j in self._data.junctions:
            if j.start <= minutes <= j.end:
                return (f"Overlap {self._leg_name(j.from_leg)} \u2192 {self._leg_name(j.to_leg)}: "
                        f"{axis_time_text(j.start)}\u2013{axis_time_text(j.end)} UTC ({j.minutes} min)")
        return ""

    def _leg_name(self, leg_id: str) -> str:
        return next((r.label for r in self._data.rows if r.leg_id == leg_id), leg_id)

    # ------------------------------------------------------------------ paint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        c = self._colors
        p.fillRect(self.rect(), c.base)
        if self._data is None:
            p.setPen(c.muted)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No legs yet: add a leg to see the band.")
            return
        self._paint_header(p)
        for i, row in enumerate(self._data.rows):
            self._paint_row(p, i, row)
        self._paint_gap_columns(p)
        self._paint_coverage(p)
        self._paint_legend(p)
        if self.hasFocus():
            self._paint_focus(p)

    def _paint_header(self, p: QPainter) -> None:
        m, c, d = self._metrics(), self._colors, self._data
        p.setFont(self._bold_font())
        p.setPen(c.text)
        title = QRectF(m.pad, m.pad * 0.6, m.label_width - m.pad, m.line)
        p.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{d.day:%a %d %b %Y}")
        p.setFont(self.font())
        p.setPen(c.muted)
        p.drawText(QRectF(m.pad, m.pad * 0.6 + m.line, m.label_width - m.pad, m.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "UTC")
        step = self._hour_step(QFontMetricsF(self.font()).horizontalAdvance("00") + m.pad)
        bottom = m.header + len(d.rows) * m.row + m.coverage
        # Opaque 1-pixel fills, not antialiased translucent lines: ten times cheaper to raster.
        strong_grid, grid = mix(c.base, c.text, 0.28), mix(c.base, c.text, 0.10)
        top = m.header - m.pad * 0.4
        for hour in range(25):
            x = self._x(hour * 60)
            p.fillRect(QRectF(x, top, 1.0, bottom - top), strong_grid if hour % 6 == 0 else grid)
            if hour % step == 0 and hour < 24:
                p.setPen(c.text)
                box = QRectF(x - m.line * 2, m.pad * 0.6 + m.line, m.line * 4, m.line)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")

    def _hour_step(self, label_width: float) -> int:
        hour_width = (self._metrics().plot_right - self._metrics().plot_left) / 24
        for step in (1, 2, 3, 4, 6, 12):
            if hour_width * step >= label_width:
                return step
        return 24

    def _paint_row(self, p: QPainter, i: int, row: BandRow) -> None:
        m, c = self._metrics(), self._colors
        top = self._row_top(i)
        plot = QRectF(m.plot_left, top, m.plot_right - m.plot_left, m.row)
        if i % 2:
            p.fillRect(QRectF(0, top, self.width(), m.row), c.alt_base)
        for s, e in row.night:
            p.fillRect(QRectF(self._x(s), top, self._x(e) - self._x(s), m.row), c.night)
        for s, e in row.working:
            p.fillRect(self._bar_rect(i, s, e).adjusted(0, -m.pad * 0.3, 0, m.pad * 0.3), c.working)
        self._paint_label(p, i, row)
        color = site_color(row.site_index, self.palette())
        light = lighter_fill(color, self.palette())
        for s, e in row.overlap_pieces:
            rect = self._bar_rect(i, s, e)
            p.fillRect(rect, light)
        widest = max(row.pieces, key=lambda pc: pc.end - pc.start, default=None)
        for piece in row.pieces:
            start, end = self._preview(i, piece)
            rect = self._bar_rect(i, start, end)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.drawRoundedRect(rect, m.pad * 0.35, m.pad * 0.35)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            self._paint_edges(p, rect, piece, color)
            if piece is widest:
                self._paint_bar_text(p, rect, row, color)
        self._paint_local_hours(p, i, row, plot)

    def _preview(self, i: int, piece: WindowPiece) -> tuple[float, float]:
        d = self._drag
        if d is None or d.row != i or d.piece != piece:
            return piece.start, piece.end
        if d.edge == "start":
            return min(d.minutes, piece.end - SNAP_MINUTES), piece.end
        return piece.start, max(d.minutes, piece.start + SNAP_MINUTES)

    def _paint_edges(self, p: QPainter, rect: QRectF, piece: WindowPiece, color) -> None:
        """Grips on real (draggable) edges; the clipped edge at midnight stays plain."""
        handle = text_on(color)
        p.setPen(QPen(with_alpha(handle, 0.7), 2))
        inset = rect.height() * 0.28
        if piece.has_start:
            p.drawLine(QPointF(rect.left() + 3, rect.top() + inset), QPointF(rect.left() + 3, rect.bottom() - inset))
        if piece.has_end:
            p.drawLine(QPointF(rect.right() - 3, rect.top() + inset), QPointF(rect.right() - 3, rect.bottom() - inset))

    def _paint_bar_text(self, p: QPainter, rect: QRectF, row: BandRow, color) -> None:
        m = self._metrics()
        fm = QFontMetricsF(self.font())
        text = row.window_text
        inner = rect.adjusted(m.pad + 4, 0, -m.pad - 4, 0)
        if fm.horizontalAdvance(text) > inner.width():
            text = text.rsplit(" ", 1)[0]
            if fm.horizontalAdvance(text) > inner.width():
                return
        p.setPen(text_on(color))
        p.setFont(self.font())
        p.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_label(self, p: QPainter, i: int, row: BandRow) -> None:
        m, c = self._metrics(), self._colors
        top = self._row_top(i)
        swatch = QRectF(m.pad * 0.6, top + m.bar_top + m.pad * 0.2, m.pad * 0.5, m.bar_height - m.pad * 0.4)
        p.fillRect(swatch, site_color(row.site_index, self.palette()))
        left = m.pad * 1.6
        p.setFont(self._bold_font())
        p.setPen(c.text)
        p.drawText(QRectF(left, top + m.bar_top, m.label_width - left, m.bar_height),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row.label)
        p.setFont(self._small_font())
        p.setPen(c.muted)
        p.drawText(QRectF(left, top + m.bar_top + m.bar_height, m.label_width - left, m.small_line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._row_detail(row))

    def _paint_local_hours(self, p: QPainter, i: int, row: BandRow, plot: QRectF) -> None:
        m, c = self._metrics(), self._colors
        small = self._small_font()
        fm = QFontMetricsF(small)
        step = self._hour_step(fm.horizontalAdvance("00") + m.pad * 0.6)
        y = self._row_top(i) + m.bar_top + m.bar_height
        p.setFont(small)
        tick = mix(c.base, c.text, 0.35)
        p.setPen(c.muted)
        for minutes, hour in row.local_hours:
            if hour % step or minutes >= DAY_MINUTES:
                continue
            x = self._x(minutes)
            p.fillRect(QRectF(x, y, 1.0, m.pad * 0.35), tick)
            box = QRectF(x - m.line * 2, y + m.pad * 0.2, m.line * 4, m.small_line)
            if box.left() < plot.left() - m.pad:
                continue
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")

    def _coverage_rect(self) -> QRectF:
        m = self._metrics()
        top = self._row_top(len(self._data.rows)) + m.pad * 0.8
        return QRectF(m.plot_left, top, m.plot_right - m.plot_left, m.bar_height)

    def _paint_gap_columns(self, p: QPainter) -> None:
        m, c = self._metrics(), self._colors
        bottom = self._coverage_rect().top()
        for g in self._data.gaps:
            x0, x1 = self._x(g.start), self._x(g.end)
            p.fillRect(QRectF(x0, m.header, x1 - x0, bottom - m.header), with_alpha(c.gap, 0.16))
            p.setPen(QPen(with_alpha(c.gap, 0.8), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x0, m.header), QPointF(x0, bottom))
            p.drawLine(QPointF(x1, m.header), QPointF(x1, bottom))

    def _paint_coverage(self, p: QPainter) -> None:
        m, c, d = self._metrics(), self._colors, self._data
        rect = self._coverage_rect()
        p.setFont(self._bold_font())
        p.setPen(c.text)
        p.drawText(QRectF(m.pad * 1.6, rect.top(), m.label_width, rect.height()),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "Coverage")
        p.setPen(Qt.PenStyle.NoPen)
        for s, e in d.covered:
            p.fillRect(QRectF(self._x(s), rect.top(), self._x(e) - self._x(s), rect.height()), c.covered)
        fm = QFontMetricsF(self.font())
        p.setFont(self.font())
        for j in d.junctions:
            box = QRectF(self._x(j.start), rect.top(), self._x(j.end) - self._x(j.start), rect.height())
            p.fillRect(box, c.overlap)
            self._centred_text(p, box, fm, (f"{j.minutes} min overlap", f"{j.minutes}m"), text_on(c.overlap))
        for g in d.gaps:
            box = QRectF(self._x(g.start), rect.top(), max(self._x(g.end) - self._x(g.start), 2), rect.height())
            p.fillRect(box, c.gap)
            self._centred_text(p, box, fm, (f"{g.minutes} min gap", f"{g.minutes}m", "!"), c.gap_text)

    @staticmethod
    def _centred_text(p: QPainter, box: QRectF, fm: QFontMetricsF, options: tuple[str, ...], color) -> None:
        for text in options:
            if fm.horizontalAdvance(text) + 4 <= box.width():
                p.setPen(color)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
                return

    def _paint_legend(self, p: QPainter) -> None:
        m, c = self._metrics(), self._colors
        top = self._coverage_rect().bottom() + m.pad
        fm = QFontMetricsF(self._small_font())
        p.setFont(self._small_font())
        base = site_color(0, self.palette())
        items = (("Window", base), ("Handoff overlap", lighter_fill(base, self.palette())),
                 ("Working hours", c.working), ("Night (22\u201307 local)", c.night),
                 ("Overlap between legs", c.overlap), ("Gap", c.gap))
        x = m.plot_left
        for text, color in items:
            width = m.pad * 1.6 + fm.horizontalAdvance(text) + m.pad * 1.5
            if x + width > m.plot_right and x > m.plot_left:
                break  # too narrow: drop what does not fit rather than overlap
            sw = QRectF(x, top + (m.line - m.pad) / 2, m.pad * 1.2, m.pad)
            p.fillRect(sw, c.base)
            p.fillRect(sw, color)
            p.setPen(c.muted)
            p.drawText(QRectF(x + m.pad * 1.6, top, fm.horizontalAdvance(text) + 2, m.line),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width

    def _paint_focus(self, p: QPainter) -> None:
        m, c = self._metrics(), self._colors
        top = self._row_top(self._current)
        p.setPen(QPen(c.focus, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(2, top + 1, self.width() - 4, m.row - 2), 4, 4)
