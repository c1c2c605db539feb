"""Week and month timeline: a row per site or member, shifts as labelled bars.

Fast by construction: :mod:`oncall.services.timeline_layout` computes the shifts, overlaps,
holidays and time off once per team/range change; :meth:`TimelineView._relayout` turns them
into pixel rectangles and elided labels once per size/font change; ``paintEvent`` only walks
the rows that intersect the exposed rectangle and draws prepared shapes. No schedule math,
no text measuring while painting.

Mouse: drag across a row to select a span (``spanSelected`` on release, snapped to what a
pixel can resolve: 15 min, an hour, 6 h or a day); double-click a bar for
``shiftActivated``. Keyboard: Up/Down pick a row, Left/Right a day, Shift+Left/Right extend,
Enter selects those days (``spanSelected``), Escape clears.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from oncall.core import timezones as tz
from oncall.core.model import Team
from oncall.core.shifts import Source
from oncall.services.timeline_layout import (
    DISPLAY_UTC, ROW_KINDS, TimelineData, build_timeline, check_display_zone, shift_details, span_text,
)

from . import none_guard  # noqa: F401 - must run before heavy painting (PySide6 6.12 on 3.11)
from .palette import ViewColors, lighter_fill, mix, site_color, text_on, view_colors, with_alpha

_SNAP_STEPS = (15, 60, 360, 1440)


@dataclass(frozen=True)
class _BarShape:
    rect: QRectF  # content coordinates (y from the top of the first row)
    text: str
    site_index: int
    source: Source
    index: int  # into TimelineData.bars


@dataclass
class _Selection:
    row: int
    anchor: float  # minutes
    current: float


@dataclass(frozen=True)
class _Geometry:
    pad: float
    line: float
    small_line: float
    lane: float
    label_width: float
    header: float
    plot_left: float
    plot_width: float
    row_tops: list[float]  # content y of each row, plus the total height at the end
    bars: list[list[_BarShape]]  # per row
    shades: list[list[tuple[QRectF, str]]]  # per row: (rect, kind)
    hatches: list[list[QRectF]]
    day_x: list[float]
    weekend: list[tuple[float, float]]
    gaps: list[tuple[float, float]]
    day_labels: list[tuple[QRectF, str]]
    hour_labels: list[tuple[float, str]]
    row_labels: list[tuple[str, str]]


class TimelineView(QAbstractScrollArea):
    """Shifts of a week or month in a chosen display zone."""

    spanSelected = Signal(object, object, str, str)  # start UTC, end UTC, "site"|"member", row id
    shiftActivated = Signal(object)  # oncall.core.shifts.Shift (double-click)
    rangeChanged = Signal(object, int)  # first day, days (when highlight() moved the range)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self._first = date.today() - timedelta(days=date.today().weekday())
        self._days = 7
        self._zone = DISPLAY_UTC
        self._mode = "site"
        self._data: TimelineData | None = None
        self._geo: _Geometry | None = None
        self._header_cache: QPixmap | None = None
        self._colors: ViewColors = view_colors(self.palette())
        self._site_colors: dict[int, tuple[QColor, QColor, QColor]] = {}
        self._selection: _Selection | None = None
        self._dragging = False
        self._stale = False
        self._cursor_row = 0
        self._flash: tuple[float, float] | None = None
        self._flash_level = 0.0
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(1400)
        self._flash_anim.setKeyValueAt(0.0, 0.0)
        self._flash_anim.setKeyValueAt(0.2, 1.0)
        self._flash_anim.setKeyValueAt(0.6, 1.0)
        self._flash_anim.setKeyValueAt(1.0, 0.25)
        self._flash_anim.valueChanged.connect(self._on_flash)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Shift timeline")
        self.verticalScrollBar().setSingleStep(20)

    # ------------------------------------------------------------------ API

    def set_team(self, team: Team | None) -> None:
        self._team = team
        self._rebuild()

    def set_range(self, start: date, days: int) -> None:
        if days < 1:
            raise ValueError("a timeline shows at least one day")
        if (start, days) == (self._first, self._days) and self._data is not None:
            return  # panels re-send the range with every team change: skip the recompute
        self._first, self._days = start, days
        self._rebuild()

    def set_display_zone(self, zone: str) -> None:
        zone = check_display_zone(zone)
        if zone == self._zone and self._data is not None:
            return
        self._zone = zone
        self._rebuild()

    def set_row_mode(self, mode: str) -> None:
        if mode not in ROW_KINDS:
            raise ValueError(f"row mode must be 'site' or 'member', not {mode!r}")
        if mode == self._mode and self._data is not None:
            return
        self._mode = mode
        self._cursor_row = 0
        self._rebuild()

    def highlight(self, start: datetime, end: datetime) -> None:
        """Bring [start, end) into view and flash it (e.g. a finding the user clicked)."""
        self._ensure_current()
        if self._data is None:
            return
        if end <= self._data.origin or start >= self._data.end:
            first = tz.to_local(self._zone, start).date()
            if self._days == 7:
                first -= timedelta(days=first.weekday())
            self.set_range(first, self._days)
            self.rangeChanged.emit(self._first, self._days)
        d = self._data
        self._flash = (max(d.minutes(start), 0.0), min(d.minutes(end), d.total_minutes))
        self._scroll_to_span(*self._flash)
        self._flash_anim.stop()
        self._flash_anim.start()

    def data(self) -> TimelineData | None:
        """The numbers on screen (tests, the accessible description)."""
        self._ensure_current()
        return self._data

    def _ensure_current(self) -> None:
        if self._stale:
            self._stale = False
            self._compute()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._ensure_current()

    def range(self) -> tuple[date, int]:
        return self._first, self._days

    def display_zone(self) -> str:
        return self._zone

    def row_mode(self) -> str:
        return self._mode

    # ------------------------------------------------------------- building

    def _rebuild(self) -> None:
        """Recompute for the current team/range/zone/mode, or later if hidden.

        A hidden view (another tab, a window not shown yet) only marks itself stale, so
        startup and edits pay for the views the user can see.
        """
        self._selection = None
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._compute()

    def _compute(self) -> None:
        if self._team is None:
            self._data = None
        else:
            self._data = build_timeline(self._team, self._first, self._days, self._zone, self._mode)
            self._cursor_row = min(self._cursor_row, max(len(self._data.rows) - 1, 0))
        self._geo = None
        self._update_description()
        self._geometry()  # lay out now (not in the next paint) so the scroll range is right
        self.viewport().update()
        self.updateGeometry()

    def _update_description(self) -> None:
        d = self._data
        if d is None:
            self.setAccessibleDescription("No team")
            return
        last = d.first_day + timedelta(days=d.days - 1)
        self.setAccessibleDescription(
            f"{d.first_day:%d %b} to {last:%d %b %Y}, times in {d.zone}, a row per {d.row_mode}: "
            f"{len(d.rows)} rows, {len(d.bars)} shifts, {len(d.gaps)} gaps")

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.86, 6.0))
        bold = QFont(self.font())
        bold.setBold(True)
        return self.font(), small, bold

    def _geometry(self) -> _Geometry:
        if self._geo is None:
            self._header_cache = None
            self._geo = self._relayout()
            self._sync_scrollbar()
        return self._geo

    def _relayout(self) -> _Geometry:
        font, small, bold = self._fonts()
        fm, sfm, bfm = QFontMetricsF(font), QFontMetricsF(small), QFontMetricsF(bold)
        line, small_line = fm.height(), sfm.height()
        pad = round(line * 0.45)
        lane = round(line * 1.35)
        d = self._data
        rows = d.rows if d else ()
        labels = [(r.label, r.detail if r.kind == "site" else "") for r in rows]
        zone_note = sfm.horizontalAdvance(f"Times in {self._zone}")
        label_width = max([bfm.horizontalAdvance(a) for a, _ in labels]
                          + [sfm.horizontalAdvance(b) for _, b in labels] + [line * 6, zone_note]) + pad * 3
        label_width = min(label_width, max(self.viewport().width() * 0.3, line * 6))
        plot_left = label_width
        plot_width = max(self.viewport().width() - plot_left - pad, line * 4)
        total = d.total_minutes if d else 1.0
        scale = plot_width / total

        def x(minutes: float) -> float:
            return plot_left + minutes * scale

        day_width = plot_width / max(self._days, 1)
        show_hours = day_width >= sfm.horizontalAdvance("00") * 4 + pad * 4
        header = round(line * 2 + pad * 2.4 + (small_line if show_hours else 0))
        tops, lane_tops, y = [], [], 0.0
        for r in rows:
            tops.append(y)
            body = r.lanes * lane + pad * 0.4
            label_need = (line + small_line + pad) if r.kind == "site" else line + pad * 0.6
            height = max(body, label_need)
            lane_tops.append(y + (height - r.lanes * lane) / 2 + pad * 0.2)  # lanes centred in the row
            y += height
        tops.append(y)
        bars: list[list[_BarShape]] = [[] for _ in rows]
        inner_pad = pad * 0.6
        for i, b in enumerate(d.bars if d else ()):
            top = lane_tops[b.row] + b.lane * lane
            rect = QRectF(x(b.start), top, max((b.end - b.start) * scale, 1.0), lane - pad * 0.4)
            text = self._fit(fm, b.labels or (b.label,), rect.width() - inner_pad * 2)
            bars[b.row].append(_BarShape(rect, text, rows[b.row].site_index, b.source, i))
        shades: list[list[tuple[QRectF, str]]] = [[] for _ in rows]
        for s in d.shades if d else ():
            targets = range(len(rows)) if s.row is None else (s.row,)
            for r in targets:
                height = tops[r + 1] - tops[r]
                shades[r].append((QRectF(x(s.start), tops[r], (s.end - s.start) * scale, height), s.kind))
        hatches: list[list[QRectF]] = [[] for _ in rows]
        for h in d.hatches if d else ():
            hatches[h.row].append(QRectF(x(h.start), lane_tops[h.row], (h.end - h.start) * scale,
                                         rows[h.row].lanes * lane - pad * 0.4))
        marks = d.day_marks if d else ()
        day_x = [x(m.start) for m in marks] + ([x(marks[-1].end)] if marks else [])
        weekend = [(x(m.start), x(m.end)) for m in marks if m.weekend]
        formats = self._day_format(fm, [m.day for m in marks], day_width - pad)
        day_labels = [(QRectF(x(m.start), line + pad * 0.8, (m.end - m.start) * scale, line), formats(m.day))
                      for m in marks]
        hour_labels = []
        if show_hours:
            for m in marks:
                for h in (6, 12, 18):
                    hour_labels.append((x(m.start + h * 60 * (m.end - m.start) / 1440), f"{h:02d}"))
        gaps = [(x(s), x(e)) for s, e in (d.gaps if d else ())]
        return _Geometry(pad, line, small_line, lane, label_width, header, plot_left, plot_width, tops, bars,
                         shades, hatches, day_x, weekend, gaps, day_labels, hour_labels, labels)

    @staticmethod
    def _fit(fm: QFontMetricsF, labels: tuple[str, ...], width: float) -> str:
        """The longest label that fits the bar (full name, first name, initials, one initial),
        measured with the font; nothing rather than an elided stub ("Ca…")."""
        return next((text for text in labels if fm.horizontalAdvance(text) <= width), "")

    @staticmethod
    def _day_format(fm: QFontMetricsF, days: list[date], width: float):
        """One label style for every day (the longest that fits all), so columns read alike."""
        styles = (lambda d: f"{d:%a} {d.day} {d:%b}", lambda d: f"{d:%a} {d.day}",
                  lambda d: f"{d:%a}"[:2] + f" {d.day}", lambda d: f"{d.day}")
        for style in styles:
            if all(fm.horizontalAdvance(style(d)) <= width for d in days):
                return style
        return lambda d: ""

    def _sync_scrollbar(self) -> None:
        geo = self._geo
        body = self.viewport().height() - geo.header
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, int(geo.row_tops[-1] - body)))
        bar.setPageStep(max(body, 1))

    def _colors_for(self, site_index: int) -> tuple[QColor, QColor, QColor]:
        cached = self._site_colors.get(site_index)
        if cached is None:
            fill = site_color(site_index, self.palette())
            cached = (fill, lighter_fill(fill, self.palette(), 0.5), text_on(fill))
            self._site_colors[site_index] = cached
        return cached

    def sizeHint(self) -> QSize:
        geo = self._geometry()
        return QSize(int(geo.label_width + geo.line * 50), int(geo.header + min(geo.row_tops[-1], geo.line * 30)))

    def minimumSizeHint(self) -> QSize:
        geo = self._geometry()
        return QSize(int(geo.line * 20), int(geo.header + geo.line * 3))

    # ----------------------------------------------------------------- events

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._geo = None
        super().resizeEvent(event)
        self._geometry()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if kind in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange):
            self._colors = view_colors(self.palette())
            self._site_colors.clear()
            self._header_cache = None
            self.viewport().update()
        elif kind in (event.Type.FontChange, event.Type.ApplicationFontChange):
            self._geo = None
            self.updateGeometry()
            self.viewport().update()
        super().changeEvent(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt API
        self.viewport().update()

    def _row_at(self, y: float) -> int | None:
        geo = self._geometry()
        if y < geo.header or not self._data:
            return None
        cy = y - geo.header + self.verticalScrollBar().value()
        i = bisect.bisect_right(geo.row_tops, cy) - 1
        return i if 0 <= i < len(self._data.rows) else None

    def _minutes_at(self, x: float) -> float:
        geo = self._geometry()
        total = self._data.total_minutes if self._data else 1.0
        return min(max((x - geo.plot_left) / geo.plot_width * total, 0.0), total)

    def _snap(self, minutes: float) -> float:
        geo = self._geometry()
        per_pixel = (self._data.total_minutes if self._data else 1440) / geo.plot_width
        step = next((s for s in _SNAP_STEPS if s / per_pixel >= 4), _SNAP_STEPS[-1])
        return round(minutes / step) * step

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position()
        row = self._row_at(pos.y())
        if event.button() == Qt.MouseButton.LeftButton and row is not None and pos.x() >= self._geometry().plot_left:
            self._cursor_row = row
            m = self._snap(self._minutes_at(pos.x()))
            self._selection = _Selection(row, m, m)
            self._dragging = True
            self.viewport().update()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        sel = self._selection
        if sel is not None and self._dragging:
            sel.current = self._snap(self._minutes_at(event.position().x()))
            lo, hi = sorted((sel.anchor, sel.current))
            if hi > lo:
                QToolTip.showText(event.globalPosition().toPoint(), span_text(self._data, lo, hi), self.viewport())
            self.viewport().update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        sel = self._selection
        if sel is None or not self._dragging or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        QToolTip.hideText()
        lo, hi = sorted((sel.anchor, sel.current))
        if hi > lo:
            self._emit_span(sel.row, lo, hi)
        else:
            self._selection = None
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        bar = self._bar_at(event.position())
        if bar is not None:
            self._selection = None
            self.shiftActivated.emit(self._data.bars[bar.index].shift)
            return
        super().mouseDoubleClickEvent(event)

    def _emit_span(self, row: int, lo: float, hi: float) -> None:
        r = self._data.rows[row]
        self.spanSelected.emit(self._data.instant(lo), self._data.instant(hi), r.kind, r.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        d = self._data
        if d is None or not d.rows:
            super().keyPressEvent(event)
            return
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        marks = d.day_marks
        sel = self._selection
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if sel:  # the first arrow press selects the first day of the current row
                self._cursor_row = max(0, min(len(d.rows) - 1, self._cursor_row + (-1 if key == Qt.Key.Key_Up else 1)))
                sel.row = self._cursor_row
            else:
                self._selection = _Selection(self._cursor_row, marks[0].start, marks[0].end)
            self._scroll_to_row(self._cursor_row)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._move_day_cursor(1 if key == Qt.Key.Key_Right else -1, shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and sel:
            lo, hi = sorted((sel.anchor, sel.current))
            if hi > lo:
                self._emit_span(sel.row, lo, hi)
        elif key == Qt.Key.Key_Escape and sel:
            self._selection = None
        else:
            super().keyPressEvent(event)
            return
        self.viewport().update()
        event.accept()

    def _move_day_cursor(self, step: int, extend: bool) -> None:
        marks = self._data.day_marks
        starts = [m.start for m in marks]
        sel = self._selection or _Selection(self._cursor_row, marks[0].start, marks[0].end)
        edge = sel.current if extend else sel.anchor
        i = bisect.bisect_right(starts, edge - 1e-6 if extend else edge) - 1
        i = max(0, min(len(marks) - 1, i + step))
        if extend:
            sel.current = max(marks[i].end, sel.anchor + 1) if marks[i].end > sel.anchor else marks[i].start
        else:
            sel.anchor, sel.current = marks[i].start, marks[i].end
        sel.row = self._cursor_row
        self._selection = sel

    def _scroll_to_row(self, row: int) -> None:
        geo = self._geometry()
        bar = self.verticalScrollBar()
        top, bottom = geo.row_tops[row], geo.row_tops[row + 1]
        body = self.viewport().height() - geo.header
        if top < bar.value():
            bar.setValue(int(top))
        elif bottom > bar.value() + body:
            bar.setValue(int(bottom - body))

    def _scroll_to_span(self, lo: float, hi: float) -> None:
        d = self._data
        for b in d.bars:
            if b.end > lo and b.start < hi:
                self._scroll_to_row(b.row)
                return

    def _on_flash(self, value) -> None:
        self._flash_level = float(value)
        self.viewport().update()

    def _bar_at(self, pos: QPointF) -> _BarShape | None:
        row = self._row_at(pos.y())
        if row is None:
            return None
        geo = self._geometry()
        content = QPointF(pos.x(), pos.y() - geo.header + self.verticalScrollBar().value())
        for shape in reversed(geo.bars[row]):
            if shape.rect.contains(content):
                return shape
        return None

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == event.Type.ToolTip:
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        if event.type() == event.Type.Paint:
            return super().viewportEvent(event)
        return super().viewportEvent(event)

    def _tooltip_at(self, pos: QPointF) -> str:
        if self._data is None:
            return ""
        geo = self._geometry()
        row = self._row_at(pos.y())
        if row is not None and pos.x() < geo.plot_left:
            r = self._data.rows[row]
            return f"{r.label} ({r.detail})" if r.detail else r.label
        bar = self._bar_at(pos)
        if bar is not None:
            return shift_details(self._team, self._data.bars[bar.index].shift, self._zone)
        if row is None:
            return ""
        minutes = self._minutes_at(pos.x())
        notes = [s.text for s in self._data.shades if s.row in (None, row) and s.start <= minutes < s.end]
        notes += [f"Gap: nobody on call ({span_text(self._data, s, e)})" for s, e in self._data.gaps
                  if s <= minutes < e]
        return "\n".join(notes)

    # ------------------------------------------------------------------ paint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self.viewport())
        c = self._colors
        exposed = QRectF(event.rect())
        p.fillRect(exposed, c.base)
        if self._data is None:
            p.setPen(c.muted)
            p.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, "No team open")
            return
        geo = self._geometry()
        offset = geo.header - self.verticalScrollBar().value()
        body_clip = QRectF(0, geo.header, self.viewport().width(), self.viewport().height() - geo.header)
        if exposed.intersects(body_clip):
            p.save()
            p.setClipRect(exposed.intersected(body_clip))
            self._paint_body(p, geo, exposed, offset)
            p.restore()
        if exposed.top() < geo.header:
            p.drawPixmap(0, 0, self._header_pixmap(geo))

    def _header_pixmap(self, geo: _Geometry) -> QPixmap:
        """The header changes only with data, size, font or palette: paint it once."""
        if self._header_cache is None:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(self.viewport().width() * ratio), int(geo.header * ratio) + 1)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._colors.base)
            painter = QPainter(pixmap)
            self._paint_header(painter, geo)
            painter.end()
            self._header_cache = pixmap
        return self._header_cache

    def _visible_rows(self, geo: _Geometry, exposed: QRectF, offset: float) -> range:
        top, bottom = exposed.top() - offset, exposed.bottom() - offset
        first = max(bisect.bisect_right(geo.row_tops, top) - 1, 0)
        last = min(bisect.bisect_left(geo.row_tops, bottom), len(geo.row_tops) - 1)
        return range(first, last)

    def _paint_body(self, p: QPainter, geo: _Geometry, exposed: QRectF, offset: float) -> None:
        """Tall columns first and opaque (translucent tall fills cost ~100x more in the raster
        engine), then row stripes and shades, which are short translucent spans."""
        c = self._colors
        width = self.viewport().width()
        bottom = min(geo.row_tops[-1] + offset, self.viewport().height())
        rows = self._visible_rows(geo, exposed, offset)
        left, right = exposed.left(), exposed.right()
        top = max(geo.header, exposed.top())
        height = bottom - top
        weekend, gap_fill, grid = mix(c.base, c.text, 0.045), mix(c.base, c.gap, 0.16), mix(c.base, c.text, 0.12)
        for x0, x1 in geo.weekend:
            if x1 >= left and x0 <= right:
                p.fillRect(QRectF(x0, top, x1 - x0, height), weekend)
        for x0, x1 in geo.gaps:
            if x1 >= left and x0 <= right:
                p.fillRect(QRectF(x0, top, max(x1 - x0, 1.0), height), gap_fill)
        for x in geo.day_x:
            if left - 1 <= x <= right + 1:
                p.fillRect(QRectF(x, top, 1.0, height), grid)
        p.translate(0, offset)
        stripe = with_alpha(c.text, 0.035 if not c.dark else 0.06)
        shade_colors = {"holiday": c.holiday, "time_off": c.time_off}
        for i in rows:
            if i % 2:
                p.fillRect(QRectF(0, geo.row_tops[i], width, geo.row_tops[i + 1] - geo.row_tops[i]), stripe)
            for rect, kind in geo.shades[i]:
                if rect.right() >= left and rect.left() <= right:
                    p.fillRect(rect, shade_colors[kind])
        self._paint_bars(p, geo, rows, left, right)
        self._paint_hatches(p, geo, rows, left, right)
        self._paint_bar_texts(p, geo, rows, left, right)
        if left < geo.plot_left:
            self._paint_labels(p, geo, rows)
        p.translate(0, -offset)
        self._paint_selection(p, geo, offset)
        self._paint_flash(p, geo, bottom)

    def _paint_bars(self, p: QPainter, geo: _Geometry, rows: range, left: float, right: float) -> None:
        font, small, bold = self._fonts()
        p.setFont(font)
        radius = geo.pad * 0.3
        inner = geo.pad * 0.6
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        dash = QPen(QColor(), 1.5, Qt.PenStyle.DashLine)
        for i in rows:
            for shape in geo.bars[i]:
                rect = shape.rect
                if rect.right() < left or rect.left() > right:
                    continue
                fill, light, ink = self._colors_for(shape.site_index)
                if shape.source is Source.SUBSTITUTE:
                    p.setBrush(light)
                    dash.setColor(fill.darker(130) if not self._colors.dark else fill.lighter(130))
                    p.setPen(dash)
                    ink = text_on(light)
                elif shape.source is Source.OVERRIDE:
                    p.setBrush(fill)
                    p.setPen(QPen(self._colors.text, 2))
                else:
                    p.setBrush(fill)
                    p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
                if shape.source is Source.OVERRIDE:
                    self._paint_corner(p, rect, geo)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_bar_texts(self, p: QPainter, geo: _Geometry, rows: range, left: float, right: float) -> None:
        """Labels after the hatching, so the overlap pattern never runs through a name."""
        p.setFont(self.font())
        inner = geo.pad * 0.6
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for i in rows:
            for shape in geo.bars[i]:
                rect = shape.rect
                if not shape.text or rect.right() < left or rect.left() > right:
                    continue
                fill, light, ink = self._colors_for(shape.site_index)
                p.setPen(text_on(light) if shape.source is Source.SUBSTITUTE else ink)
                box = rect.adjusted(inner, 0, -inner, 0) if rect.width() > inner * 3 else rect
                p.drawText(box, align if rect.width() > inner * 3 else Qt.AlignmentFlag.AlignCenter, shape.text)

    def _paint_corner(self, p: QPainter, rect: QRectF, geo: _Geometry) -> None:
        """The override badge: a dog-ear in the bar's top-right corner."""
        size = min(geo.pad * 1.2, rect.width() / 3, rect.height() / 2)
        tri = [QPointF(rect.right() - size, rect.top()), QPointF(rect.right(), rect.top()),
               QPointF(rect.right(), rect.top() + size)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._colors.text)
        p.drawPolygon(tri)

    def _paint_hatches(self, p: QPainter, geo: _Geometry, rows: range, left: float, right: float) -> None:
        brush = QBrush(self._colors.overlap_hatch, Qt.BrushStyle.BDiagPattern)
        for i in rows:
            for rect in geo.hatches[i]:
                if rect.right() >= left and rect.left() <= right:
                    p.fillRect(rect, brush)

    def _paint_labels(self, p: QPainter, geo: _Geometry, rows: range) -> None:
        c = self._colors
        font, small, bold = self._fonts()
        stripe = with_alpha(c.text, 0.035 if not c.dark else 0.06)
        p.fillRect(QRectF(0, geo.row_tops[rows.start] if rows else 0, geo.plot_left - 1,
                          (geo.row_tops[rows.stop] - geo.row_tops[rows.start]) if rows else 0), c.base)
        for i in rows:
            top, height = geo.row_tops[i], geo.row_tops[i + 1] - geo.row_tops[i]
            if i % 2:
                p.fillRect(QRectF(0, top, geo.plot_left - 1, height), stripe)
            label, detail = geo.row_labels[i]
            fill, _, _ = self._colors_for(self._data.rows[i].site_index)
            p.fillRect(QRectF(geo.pad * 0.5, top + geo.pad * 0.4, geo.pad * 0.45, height - geo.pad * 0.8), fill)
            text_left = geo.pad * 1.5
            width = geo.plot_left - text_left - geo.pad
            if detail:
                p.setFont(bold)
                p.setPen(c.text)
                p.drawText(QRectF(text_left, top + geo.pad * 0.4, width, geo.line),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                p.setFont(small)
                p.setPen(c.muted)
                p.drawText(QRectF(text_left, top + geo.pad * 0.4 + geo.line, width, geo.small_line),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
            else:
                p.setFont(font)
                p.setPen(c.text)
                p.drawText(QRectF(text_left, top, width, height),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            if i == self._cursor_row and self.hasFocus():
                p.setPen(QPen(c.focus, 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(1, top + 1, geo.plot_left - 3, height - 2))
        p.setPen(QPen(c.strong_grid, 1))
        if rows:
            p.drawLine(QPointF(geo.plot_left - 1, geo.row_tops[rows.start]),
                       QPointF(geo.plot_left - 1, geo.row_tops[rows.stop]))

    def _paint_selection(self, p: QPainter, geo: _Geometry, offset: float) -> None:
        sel = self._selection
        if sel is None:
            return
        lo, hi = sorted((sel.anchor, sel.current))
        total = self._data.total_minutes
        x0 = geo.plot_left + lo / total * geo.plot_width
        x1 = geo.plot_left + hi / total * geo.plot_width
        top = geo.row_tops[sel.row] + offset
        rect = QRectF(x0, top, max(x1 - x0, 2.0), geo.row_tops[sel.row + 1] - geo.row_tops[sel.row])
        p.fillRect(rect, with_alpha(self._colors.highlight, 0.28))
        p.setPen(QPen(self._colors.highlight, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    def _paint_flash(self, p: QPainter, geo: _Geometry, bottom: float) -> None:
        if self._flash is None or self._flash_level <= 0:
            return
        total = self._data.total_minutes
        lo, hi = self._flash
        x0 = geo.plot_left + lo / total * geo.plot_width
        x1 = geo.plot_left + hi / total * geo.plot_width
        rect = QRectF(x0, geo.header, max(x1 - x0, 3.0), bottom - geo.header)
        p.fillRect(rect, with_alpha(self._colors.highlight, 0.22 * self._flash_level))
        p.setPen(QPen(with_alpha(self._colors.highlight, self._flash_level), 2))
        p.drawRect(rect)

    def _paint_header(self, p: QPainter, geo: _Geometry) -> None:
        c, d = self._colors, self._data
        font, small, bold = self._fonts()
        width = self.viewport().width()
        p.fillRect(QRectF(0, 0, width, geo.header), c.base)
        for x0, x1 in geo.weekend:
            p.fillRect(QRectF(x0, geo.line + geo.pad * 0.6, x1 - x0, geo.header), c.weekend)
        p.setFont(bold)
        p.setPen(c.text)
        last = d.first_day + timedelta(days=d.days - 1)
        title = f"{d.first_day.day} {d.first_day:%b} \u2013 {last.day} {last:%b %Y}"
        p.drawText(QRectF(geo.pad, geo.pad * 0.4, geo.plot_left + geo.plot_width, geo.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        self._paint_legend(p, geo, QFontMetricsF(bold).horizontalAdvance(title) + geo.pad * 3)
        p.setFont(small)
        p.setPen(c.muted)
        p.drawText(QRectF(geo.pad, geo.line + geo.pad * 0.8, geo.plot_left - geo.pad * 2, geo.line),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"Times in {d.zone}")
        p.setFont(font)
        p.setPen(c.text)
        for rect, text in geo.day_labels:
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(small)
        p.setPen(c.muted)
        y = geo.line * 2 + geo.pad * 0.8
        for x, text in geo.hour_labels:
            p.drawText(QRectF(x - geo.line * 2, y, geo.line * 4, geo.small_line), Qt.AlignmentFlag.AlignCenter, text)
        p.setPen(QPen(c.grid, 1))
        for x in geo.day_x:
            p.drawLine(QPointF(x, geo.line + geo.pad * 0.6), QPointF(x, geo.header - geo.pad * 0.7))
        strip = QRectF(geo.plot_left, geo.header - geo.pad * 0.7, geo.plot_width, geo.pad * 0.7)
        p.fillRect(strip, c.covered)
        for x0, x1 in geo.gaps:
            p.fillRect(QRectF(x0, strip.top(), max(x1 - x0, 2.0), strip.height()), c.gap)
        p.setPen(QPen(c.strong_grid, 1))
        p.drawLine(QPointF(0, geo.header - 0.5), QPointF(width, geo.header - 0.5))

    def _paint_legend(self, p: QPainter, geo: _Geometry, left: float) -> None:
        """Key to the marks, right-aligned on the title line; items that do not fit are left out."""
        c = self._colors
        _, small, _ = self._fonts()
        fm = QFontMetricsF(small)
        fill, light, _ = self._colors_for(0)
        items = [("Shift", "fill"), ("Substitute", "sub"), ("Override", "ovr"), ("Handoff overlap", "hatch"),
                 ("Holiday", "holiday"), ("Time off", "off"), ("Gap", "gap")]
        sw = geo.pad * 1.6
        widths = [sw + geo.pad * 0.5 + fm.horizontalAdvance(t) + geo.pad * 1.2 for t, _ in items]
        right = self.viewport().width() - geo.pad
        while items and right - sum(widths) < left:
            items.pop()
            widths.pop()
        x = right - sum(widths)
        top = geo.pad * 0.4
        p.setFont(small)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (text, kind), w in zip(items, widths):
            box = QRectF(x, top + (geo.line - geo.pad) / 2, sw, geo.pad)
            self._legend_swatch(p, box, kind, fill, light)
            p.setPen(c.muted)
            p.drawText(QRectF(x + sw + geo.pad * 0.5, top, w, geo.line),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += w
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _legend_swatch(self, p: QPainter, box: QRectF, kind: str, fill: QColor, light: QColor) -> None:
        c = self._colors
        p.setPen(Qt.PenStyle.NoPen)
        if kind == "fill":
            p.fillRect(box, fill)
        elif kind == "sub":
            p.setBrush(light)
            p.setPen(QPen(fill.darker(130), 1.2, Qt.PenStyle.DashLine))
            p.drawRect(box)
        elif kind == "ovr":
            p.setBrush(fill)
            p.setPen(QPen(c.text, 1.5))
            p.drawRect(box)
        elif kind == "hatch":
            p.fillRect(box, fill)
            p.fillRect(box, QBrush(c.overlap_hatch, Qt.BrushStyle.BDiagPattern))
        elif kind == "holiday":
            p.fillRect(box, c.holiday)
        elif kind == "off":
            p.fillRect(box, c.time_off)
        else:
            p.fillRect(box, c.gap)

    # accessible helper for tests and screen readers
    def visible_rect_of_row(self, row: int) -> QRect:
        geo = self._geometry()
        top = geo.header + geo.row_tops[row] - self.verticalScrollBar().value()
        return QRect(int(geo.plot_left), int(top), int(geo.plot_width), int(geo.row_tops[row + 1] - geo.row_tops[row]))
