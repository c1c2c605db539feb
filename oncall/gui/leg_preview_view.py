"""The leg dialog's live preview: the leg between the legs before and after it, twice.

One row for the first day shown (today or the leg's start) and one for the day after the next
DST change, each a small band in UTC: the neighbour before, the leg, the neighbour after, and
at each junction the overlap in minutes (green) or the gap (red), in the palette's readable
tones so they follow light and dark. The numbers come from
:mod:`oncall.viewmodels.leg_preview`; this only paints them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from oncall.core.labels import day_text
from oncall.viewmodels.leg_preview import LegPreview, Neighbour

from .palette import tone_color

ROW = 68  # caption, the leg's lane, the neighbours' lane, the junction labels
BAR = 14


def junction_text(n: Neighbour | None, side: str) -> str:
    if n is None:
        return f"no leg {side}"
    if n.overlap_minutes > 0:
        return f"{n.overlap_minutes} min overlap with {n.span.label}"
    if n.overlap_minutes == 0:
        return f"hard handoff with {n.span.label}"
    return f"gap of {-n.overlap_minutes} min {'after' if side == 'before' else 'before'} {n.span.label}"


def caption(p: LegPreview) -> str:
    return day_text(p.day) + (f", {p.zone_note}" if p.zone_note else "")


class LegPreviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._previews: list[LegPreview] = []
        self.setAccessibleName("Leg preview")
        self.setToolTip("The leg against the legs before and after it (UTC), on the first day and after the "
                        "next daylight-saving change")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_previews(self, previews: list[LegPreview]) -> None:
        self._previews = previews
        self.setAccessibleDescription("; ".join(self.lines()))
        self.updateGeometry()
        self.update()

    def lines(self) -> list[str]:
        """What the rows say, as text (accessible description, tests)."""
        return [f"{caption(p)}: {junction_text(p.before, 'before')}; {junction_text(p.after, 'after')}"
                for p in self._previews]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(560, max(1, len(self._previews)) * ROW + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, max(1, len(self._previews)) * ROW + 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        if not self._previews:
            p.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No occurrence to preview")
            return
        for row, preview in enumerate(self._previews):
            self._paint_row(p, pal, preview, row * ROW)

    def _paint_row(self, p: QPainter, pal: QPalette, pv: LegPreview, top: float) -> None:
        spans = [s for s in (pv.before.span if pv.before else None, pv.leg, pv.after.span if pv.after else None) if s]
        lo = min(s.start for s in spans)
        hi = max(s.end for s in spans)
        total = max((hi - lo).total_seconds(), 1.0)
        left, width = 4.0, max(self.width() - 8.0, 10.0)

        def x(instant) -> float:
            return left + width * (instant - lo).total_seconds() / total

        text = pal.color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        p.setPen(text)
        p.drawText(QRectF(left, top, width, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   metrics.elidedText(caption(pv), Qt.TextElideMode.ElideRight, int(width)))
        bar_top = top + 18
        neutral = pal.color(QPalette.ColorRole.Button)
        for span, colour in ((pv.before.span if pv.before else None, neutral), (pv.leg, pal.color(QPalette.ColorRole.Highlight)),
                             (pv.after.span if pv.after else None, neutral)):
            if span is None:
                continue
            lane = bar_top if span is pv.leg else bar_top + BAR + 2
            rect = QRectF(x(span.start), lane, max(x(span.end) - x(span.start), 2.0), BAR)
            p.fillRect(rect, colour)
            if span is not pv.leg:
                p.setPen(pal.color(QPalette.ColorRole.Mid))
                p.drawRect(rect)
            p.setPen(pal.color(QPalette.ColorRole.HighlightedText if span is pv.leg else QPalette.ColorRole.ButtonText))
            inner = rect.adjusted(3, 0, -3, 0)
            p.drawText(inner, Qt.AlignmentFlag.AlignCenter,
                       metrics.elidedText(f"{span.label} {span.start:%H:%M}–{span.end:%H:%M}Z",
                                          Qt.TextElideMode.ElideRight, max(int(inner.width()), 0)))
        for n, box, label in self.junction_labels(pv, top):
            p.setPen(tone_color("good" if n.overlap_minutes > 0 else "error", pal))  # readable light and dark
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def junction_labels(self, pv: LegPreview, top: float = 0.0) -> list[tuple[Neighbour, QRectF, str]]:
        """Where each junction's figure goes: outward from its junction (the before figure ends at the
        leg's start, the after figure begins at its end), so a short leg's two figures never print
        over each other ("gap 150 min" and "gap 270 min" did); kept inside the row."""
        spans = [s for s in (pv.before.span if pv.before else None, pv.leg, pv.after.span if pv.after else None) if s]
        lo, hi = min(s.start for s in spans), max(s.end for s in spans)
        total = max((hi - lo).total_seconds(), 1.0)
        left, width = 4.0, max(self.width() - 8.0, 10.0)
        metrics = self.fontMetrics()
        boxes: list[tuple[Neighbour, QRectF, str]] = []
        for n, side in ((pv.before, "before"), (pv.after, "after")):
            if n is None:
                continue
            at = left + width * ((pv.leg.start if side == "before" else pv.leg.end) - lo).total_seconds() / total
            label = f"+{n.overlap_minutes} min" if n.overlap_minutes > 0 else (
                "hard" if n.overlap_minutes == 0 else f"gap {-n.overlap_minutes} min")
            w = metrics.horizontalAdvance(label) + 6.0
            x0 = at - w if side == "before" else at
            x0 = min(max(x0, left), left + width - w)
            if boxes and x0 < boxes[-1][1].right():  # squeezed against an edge: follow the first figure
                x0 = boxes[-1][1].right()
            boxes.append((n, QRectF(x0, top + 18 + 2 * BAR + 4, w, 14), label))
        return boxes
