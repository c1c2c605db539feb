"""Week and month timeline: a row per site or member, shifts as labelled bars.

Fast by construction: :mod:`oncall.viewmodels.timeline_layout` computes the shifts, overlaps,
holidays and time off once per team/range change; :func:`oncall.gui.timeline_geometry.relayout`
turns them into pixel rectangles and elided labels once per size/font change; ``paintEvent``
hands them to :class:`oncall.gui.timeline_painter.TimelinePainter`, which only walks the rows
that intersect the exposed rectangle and draws prepared shapes. No schedule math, no text
measuring while painting.

Mouse: drag across a row to select a span (``spanSelected`` on release, snapped to what a
pixel can resolve: 15 min, an hour, 6 h or a day, see :mod:`oncall.gui.timeline_selection`);
double-click a bar for ``shiftActivated``. Keyboard: Up/Down pick a row, Left/Right a day,
Shift+Left/Right extend, Enter selects those days (``spanSelected``), Escape clears.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from oncall.core import timezones as tz
from oncall.core.labels import day_span_text
from oncall.core.model import Team
from oncall.viewmodels.timeline_layout import (
    DISPLAY_UTC, ROW_KINDS, TimelineData, build_timeline, check_display_zone, span_text,
)

from .palette import ViewColors, lighter_fill, site_color, text_on, view_colors
from .recompute_when_shown import RecomputeWhenShown
from .timeline_geometry import BarShape, TimelineGeometry, relayout
from .timeline_painter import Marks, TimelinePainter
from .timeline_selection import Selection, first_day, selected_shape, snap, step_day
from .timeline_tooltip import tooltip_text


class TimelineView(RecomputeWhenShown, QAbstractScrollArea):
    """Shifts of a week or month in a chosen display zone.

    Recomputed on team, range, zone or row-mode changes only while visible
    (:class:`RecomputeWhenShown`).
    """


    spanSelected = Signal(object, object, str, str)  # start UTC, end UTC, "site"|"member", row id
    shiftActivated = Signal(object)  # oncall.core.shifts.Shift (double-click)
    shiftMenuRequested = Signal(object, object)  # Shift, global QPoint (right-click on a bar)
    rangeChanged = Signal(object, int)  # first day, days (when highlight() moved the range)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self._first = date.today() - timedelta(days=date.today().weekday())
        self._days = 7
        self._zone = DISPLAY_UTC
        self._mode = "site"
        self._data: TimelineData | None = None
        self._geo: TimelineGeometry | None = None
        self._header_cache: QPixmap | None = None
        self._colors: ViewColors = view_colors(self.palette())
        self._site_colors: dict[int, tuple[QColor, QColor, QColor]] = {}
        self._selection: Selection | None = None
        self._dragging = False
        self._cursor_row = 0
        self._flash: tuple[float, float] | None = None
        self._flash_level = 0.0
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(1400)
        self._flash_anim.setKeyValueAt(0.0, 0.0)
        self._flash_anim.setKeyValueAt(0.2, 1.0)
        self._flash_anim.setKeyValueAt(0.6, 1.0)
        self._flash_anim.setKeyValueAt(1.0, 0.0)  # fades out completely
        self._flash_anim.valueChanged.connect(self._on_flash)
        self._flash_anim.finished.connect(self._clear_flash)
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
        self._clear_flash()  # a highlight belongs to the range it was made in
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

    def range(self) -> tuple[date, int]:
        return self._first, self._days

    def display_zone(self) -> str:
        return self._zone

    def row_mode(self) -> str:
        return self._mode

    # ------------------------------------------------------------- building

    def _forget_interaction(self) -> None:
        self._selection = None  # a selection points into the old rows

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
            f"{day_span_text(d.first_day, last)}, times in {d.zone}, a row per {d.row_mode}: "
            f"{len(d.rows)} rows, {len(d.bars)} shifts, {len(d.gaps)} gaps")

    def _geometry(self) -> TimelineGeometry:
        if self._geo is None:
            self._header_cache = None
            self._geo = relayout(self._data, self.font(), self.viewport().width(), self._zone, self._days,
                                 self.viewport().height())
            self._sync_scrollbar()
        return self._geo


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
        i = geo.row_at(cy)
        return i if 0 <= i < len(self._data.rows) else None

    def _minutes_at(self, x: float) -> float:
        geo = self._geometry()
        total = self._data.total_minutes if self._data else 1.0
        return min(max((x - geo.plot_left) / geo.plot_width * total, 0.0), total)

    def _snap(self, minutes: float) -> float:
        total = self._data.total_minutes if self._data else 1440
        return snap(minutes, total, self._geometry().plot_width)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = event.position()
        row = self._row_at(pos.y())
        if event.button() == Qt.MouseButton.LeftButton and row is not None and pos.x() >= self._geometry().plot_left:
            self._cursor_row = row
            m = self._snap(self._minutes_at(pos.x()))
            self._selection = Selection(row, m, m)
            self._dragging = True
            self.viewport().update()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        sel = self._selection
        if sel is not None and self._dragging:
            sel.current = self._snap(self._minutes_at(event.position().x()))
            lo, hi = sel.span()
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
        lo, hi = sel.span()
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
        sel = self._selection
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if sel:  # the first arrow press selects the first day of the current row
                self._cursor_row = max(0, min(len(d.rows) - 1, self._cursor_row + (-1 if key == Qt.Key.Key_Up else 1)))
                sel.row = self._cursor_row
            else:
                self._selection = first_day(d, self._cursor_row)
            self._scroll_to_row(self._cursor_row)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._selection = step_day(d, sel, self._cursor_row, 1 if key == Qt.Key.Key_Right else -1, shift)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and sel:
            lo, hi = sel.span()
            if hi > lo:
                self._emit_span(sel.row, lo, hi)
        elif key == Qt.Key.Key_Escape and sel:
            self._selection = None
        else:
            super().keyPressEvent(event)
            return
        self.viewport().update()
        event.accept()

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

    def _clear_flash(self) -> None:
        self._flash_anim.stop()
        self._flash = None
        self._flash_level = 0.0
        self.viewport().update()

    def flash_level(self) -> float:
        """How strongly the last highlight shows (0 once it has faded; tests)."""
        return self._flash_level if self._flash is not None else 0.0

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        # A right-click on a bar, or the Menu key (Shift+F10) on the day(s) the arrows selected.
        bar, where = (self._selected_bar() if event.reason() == event.Reason.Keyboard
                      else (self._bar_at(QPointF(event.pos())), event.globalPos()))
        if bar is None:
            super().contextMenuEvent(event)
            return
        self._selection = None
        self.shiftMenuRequested.emit(self._data.bars[bar.index].shift, where)
        event.accept()

    def _selected_bar(self) -> tuple[BarShape | None, QPoint | None]:
        geo = self._geometry()
        bar = selected_shape(self._data, geo.bars, self._selection) if self._data is not None else None
        top = QPoint(0, int(geo.header - self.verticalScrollBar().value()))
        return bar, (self.viewport().mapToGlobal(bar.rect.center().toPoint() + top) if bar else None)

    def _on_flash(self, value) -> None:
        self._flash_level = float(value)
        self.viewport().update()

    def _bar_at(self, pos: QPointF) -> BarShape | None:
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
        bar = self._bar_at(pos)
        return tooltip_text(self._team, self._data, self._zone, self._row_at(pos.y()), pos.x() < geo.plot_left,
                            None if bar is None else bar.index, self._minutes_at(pos.x()))

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
            self._painter(geo).paint_body(p, exposed, offset, self._marks())
            p.restore()
        if exposed.top() < geo.header:
            p.drawPixmap(0, 0, self._header_pixmap(geo))

    def _painter(self, geo: TimelineGeometry) -> TimelinePainter:
        vp = self.viewport()
        return TimelinePainter(geo, self._data, self._colors, self.font(), vp.width(), vp.height(), self._colors_for)

    def _marks(self) -> Marks:
        sel = self._selection
        return Marks(self._cursor_row if self.hasFocus() else None,
                     None if sel is None else (sel.row, *sel.span()), self._flash, self._flash_level)

    def _header_pixmap(self, geo: TimelineGeometry) -> QPixmap:
        """The header changes only with data, size, font or palette: paint it once."""
        if self._header_cache is None:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(self.viewport().width() * ratio), int(geo.header * ratio) + 1)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self._colors.base)
            painter = QPainter(pixmap)
            self._painter(geo).paint_header(painter)
            painter.end()
            self._header_cache = pixmap
        return self._header_cache

    # accessible helper for tests and screen readers
    def visible_rect_of_row(self, row: int) -> QRect:
        geo = self._geometry()
        top = geo.header + geo.row_tops[row] - self.verticalScrollBar().value()
        return QRect(int(geo.plot_left), int(top), int(geo.plot_width), int(geo.row_tops[row + 1] - geo.row_tops[row]))
