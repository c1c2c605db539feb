"""The timeline's span selection: what a drag or the arrow keys select, in minutes from the start.

Pure steps, no widget: the view feeds them pointer positions and key presses and paints the
result. A drag snaps to what a pixel can resolve (15 min, an hour, 6 h or a day); the keyboard
moves or extends the selection a whole day at a time.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from oncall.viewmodels.timeline_layout import TimelineData

from .timeline_geometry import BarShape

SNAP_STEPS = (15, 60, 360, 1440)


@dataclass
class Selection:
    row: int
    anchor: float  # minutes
    current: float

    def span(self) -> tuple[float, float]:
        """(from, to) in minutes, whichever way the user dragged."""
        lo, hi = sorted((self.anchor, self.current))
        return lo, hi


def snap(minutes: float, total_minutes: float, plot_width: float) -> float:
    """Round to the finest step that is at least 4 pixels wide at this scale."""
    per_pixel = total_minutes / plot_width
    step = next((s for s in SNAP_STEPS if s / per_pixel >= 4), SNAP_STEPS[-1])
    return round(minutes / step) * step


def first_day(data: TimelineData, row: int) -> Selection:
    """The first day of a row: where the keyboard starts selecting."""
    marks = data.day_marks
    return Selection(row, marks[0].start, marks[0].end)


def step_day(data: TimelineData, sel: Selection | None, row: int, step: int, extend: bool) -> Selection:
    """Move the selection a day left or right (``extend``: grow or shrink it from the anchor)."""
    marks: Sequence = data.day_marks
    starts = [m.start for m in marks]
    sel = sel or first_day(data, row)
    edge = sel.current if extend else sel.anchor
    i = bisect.bisect_right(starts, edge - 1e-6 if extend else edge) - 1
    i = max(0, min(len(marks) - 1, i + step))
    if extend:
        sel.current = max(marks[i].end, sel.anchor + 1) if marks[i].end > sel.anchor else marks[i].start
    else:
        sel.anchor, sel.current = marks[i].start, marks[i].end
    sel.row = row
    return sel



def selected_shape(data: TimelineData, bars: Sequence[Sequence[BarShape]], sel: Selection | None) -> BarShape | None:
    """The bar the keyboard selection is on (``bars``: the drawn shapes per row): the one in its row
    that overlaps the selected day(s) most, so the Menu key offers "Cover this shift" as a right-click does."""
    if sel is None or not 0 <= sel.row < len(bars):
        return None
    lo, hi = sel.span()
    overlap = {shape.index: min(data.bars[shape.index].end, hi) - max(data.bars[shape.index].start, lo)
               for shape in bars[sel.row]}
    best = max(overlap, key=overlap.get, default=None)
    return next(s for s in bars[sel.row] if s.index == best) if best is not None and overlap[best] > 0 else None
