"""What the timeline's tooltip says at a point: the row, the shift under the pointer, or the
holidays, time off and gaps at that moment."""

from __future__ import annotations

from oncall.core.model import Team
from oncall.viewmodels.timeline_layout import TimelineData, shift_details, span_text


def tooltip_text(team: Team | None, data: TimelineData, zone: str, row: int | None, in_labels: bool,
                 bar_index: int | None, minutes: float) -> str:
    """``row``: the row under the pointer (None above or below the rows); ``in_labels``: the
    pointer is left of the plot; ``bar_index``: the bar under it (into ``data.bars``)."""
    if row is not None and in_labels:
        r = data.rows[row]
        return f"{r.label} ({r.detail})" if r.detail else r.label
    if bar_index is not None:
        return shift_details(team, data.bars[bar_index].shift, zone)
    if row is None:
        return ""
    notes = [s.text for s in data.shades if s.row in (None, row) and s.start <= minutes < s.end]
    notes += [f"Gap: nobody on call ({span_text(data, s, e)})" for s, e in data.gaps if s <= minutes < e]
    return "\n".join(notes)
