"""The follow-the-sun band: one UTC day, a row per leg, windows as bars you can drag.

All numbers come from :mod:`oncall.viewmodels.band_layout` when the team or the date changes;
painting only scales them. Sizes derive from font metrics, so the view reads the same at
100% and 200% scale. Dragging a window edge previews the new edge snapped to 15 minutes and,
on release, emits ``windowEdited(leg_id, LocalWindow)`` with the leg's new LOCAL window (the
UTC position converted back through the site's zone on that date). The document turns that
into an undoable edit; this view never changes the team itself.

Keyboard: Up/Down pick a leg; Ctrl+Left/Right moves its start by 15 minutes,
Ctrl+Shift+Left/Right its end; PageUp/PageDown change the date (``dateChanged``).

Split like the timeline: sizes and positions in :mod:`~oncall.gui.band_geometry`, drawing in
:mod:`~oncall.gui.band_painter`, what the pointer means in :mod:`~oncall.gui.band_interaction`;
this widget holds the state and routes Qt's events.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from oncall.core.labels import axis_time_text, day_text
from oncall.core.model import Team
from oncall.viewmodels.band_layout import SNAP_MINUTES, BandData, build_band, dragged_window, nudged_window, snap

from .band_geometry import BandGeometry, band_geometry
from .band_interaction import Drag, drag_text, hit_edge, tooltip_text
from .band_painter import BandPainter, empty_text
from .palette import ViewColors, view_colors
from .recompute_when_shown import RecomputeWhenShown


class BandView(RecomputeWhenShown, QWidget):
    """A 24-hour UTC axis with each leg's window, overlaps, gaps, working hours and nights.

    Recomputed on team or date changes only while visible (:class:`RecomputeWhenShown`).
    """

    windowEdited = Signal(str, object)  # leg id, new oncall.core.model.LocalWindow
    adjustmentEdited = Signal(object, object)  # the Adjustment drawn, its new LocalWindow
    dateChanged = Signal(object)  # the date the user moved to with PageUp/PageDown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self._date = date.today()
        self._data: BandData | None = None
        self._drag: Drag | None = None
        self._current = 0
        self._colors: ViewColors = view_colors(self.palette())
        self._m: BandGeometry | None = None
        self._label_floor = 0.0  # see align_hour_axes
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
            return empty_text(self._team)
        parts = [f"{day_text(d.day)}, times in UTC"]  # the caption's words
        for r in d.rows:
            spans = ", ".join(f"{axis_time_text(p.start)}-{axis_time_text(p.end)}" for p in r.pieces) or "not running"
            parts.append(f"{r.label} {r.window_text}: {spans} UTC")
        parts += [f"gap {axis_time_text(g.start)}-{axis_time_text(g.end)} UTC" for g in d.gaps]
        return "; ".join(parts)

    # -------------------------------------------------------------- geometry

    def natural_label_width(self) -> float:
        """How wide the row labels need to be for this band's own rows."""
        self._ensure_current()
        return band_geometry(self.font(), self._data, self.width()).label_width

    def set_label_floor(self, width: float) -> None:
        """Row labels at least ``width`` wide (so bands stacked together share one hour axis)."""
        if width != self._label_floor:
            self._label_floor = width
            self._m = None
            self.updateGeometry()
            self.update()

    def _metrics(self) -> BandGeometry:
        if self._m is None:
            self._m = band_geometry(self.font(), self._data, self.width(), self._label_floor)
        return self._m

    def _x(self, minutes: float) -> float:
        return self._metrics().x(minutes)

    def _bar_rect(self, index: int, start: float, end: float) -> QRectF:
        return self._metrics().bar_rect(index, start, end)

    def sizeHint(self) -> QSize:
        return self._metrics().size_hint(len(self._data.rows) if self._data else 1)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._metrics().minimum_width(), self.sizeHint().height())

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

    def _hit_edge(self, pos: QPointF):
        return hit_edge(self._metrics(), self._data, pos) if self._data else None

    def _row_at(self, y: float) -> int | None:
        return self._metrics().row_at(y, len(self._data.rows)) if self._data else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        hit = self._hit_edge(event.position())
        if event.button() == Qt.MouseButton.LeftButton and hit:
            row, piece, edge = hit
            self._current = row
            self._drag = Drag(row, piece, edge, piece.start if edge == "start" else piece.end)
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
            self._drag.minutes = float(snap(self._metrics().minutes_at(pos.x())))
            QToolTip.showText(event.globalPosition().toPoint(), drag_text(self._data, self._drag), self)
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
        if window is not None and drag.piece.adjustment is not None:
            self.adjustmentEdited.emit(drag.piece.adjustment, window)  # that day's window, not the leg's
        elif window is not None:
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
        if window is not None and row.adjustment is not None:
            self.adjustmentEdited.emit(row.adjustment, window)  # row.window is the adjusted one today
        elif window is not None:
            self.windowEdited.emit(row.leg_id, window)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and self._drag is None:
            text = tooltip_text(self._metrics(), self._data, QPointF(event.pos())) if self._data else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # ------------------------------------------------------------------ paint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        c = self._colors
        p.fillRect(self.rect(), c.base)
        if self._data is None:
            p.setPen(c.muted)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, empty_text(self._team))
            return
        BandPainter(self._metrics(), self._data, c, self.palette(), self.font(), self.width(), self._drag,
                    self._current if self.hasFocus() else None).paint(p)
