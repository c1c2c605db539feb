"""What the pointer means on the band: which window edge is under it, what a drag previews,
what the tooltip says. Plain functions over the band's numbers and geometry, so the widget's
event handlers (:mod:`oncall.gui.band_view`) only route Qt events here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF

from oncall.core.labels import axis_time_text, day_text
from oncall.viewmodels.band_layout import SNAP_MINUTES, BandData, WindowPiece, local_time_text

from . import formatting as fmt
from .band_geometry import BandGeometry


@dataclass
class Drag:
    """A window edge being dragged: ``minutes`` is where it would go (snapped)."""

    row: int
    piece: WindowPiece
    edge: str  # "start" | "end"
    minutes: float


def hit_edge(geo: BandGeometry, data: BandData, pos: QPointF) -> tuple[int, WindowPiece, str] | None:
    """The draggable window edge under ``pos``: (row, piece, "start"|"end"), or None."""
    tolerance = max(4.0, geo.line * 0.35)
    for i, row in enumerate(data.rows):
        top = geo.row_top(i)
        if not (top <= pos.y() < top + geo.row):
            continue
        for piece in row.pieces:
            if piece.has_start and abs(pos.x() - geo.x(piece.start)) <= tolerance:
                return i, piece, "start"
            if piece.has_end and abs(pos.x() - geo.x(piece.end)) <= tolerance:
                return i, piece, "end"
    return None


def preview(drag: Drag | None, i: int, piece: WindowPiece) -> tuple[float, float]:
    """The span to draw for ``piece``: moved by the drag in progress, never shorter than a snap."""
    if drag is None or drag.row != i or drag.piece != piece:
        return piece.start, piece.end
    if drag.edge == "start":
        return min(drag.minutes, piece.end - SNAP_MINUTES), piece.end
    return piece.start, max(drag.minutes, piece.start + SNAP_MINUTES)


def drag_text(data: BandData, drag: Drag) -> str:
    """``Start 07:15 GMT (07:15 UTC)``: the feedback shown while dragging."""
    row = data.rows[drag.row]
    edge = "Start" if drag.edge == "start" else "End"
    return f"{edge} {local_time_text(row.zone, data.origin, drag.minutes)}"


def leg_name(data: BandData, leg_id: str) -> str:
    return next((r.label for r in data.rows if r.leg_id == leg_id), leg_id)


def adjusted_text(label: str, piece: WindowPiece, local: str) -> str:
    """The tooltip of an adjusted slot: its window, the leg's usual one, the span and the reason."""
    a = piece.adjustment
    assert a is not None
    reason = f": {a.reason}" if a.reason else ""
    last = a.end.toordinal() - 1
    return (f"{label}: adjusted window {fmt.window(a.window)} local = {axis_time_text(piece.start)}\u2013"
            f"{axis_time_text(piece.end)} UTC (the dashed outline is the leg's usual window)\n"
            f"Adjusted from {day_text(a.start)} to {day_text(date.fromordinal(last))}{reason}\n"
            f"{local}. Drag an edge to change the adjusted window (the Team dock lists every adjustment).")


def tooltip_text(geo: BandGeometry, data: BandData, pos: QPointF) -> str:
    """What is under ``pos``: a window, a leg's local time, a gap or an overlap ("" for nothing)."""
    if pos.x() < geo.plot_left:
        return ""
    minutes = geo.minutes_at(pos.x())
    row = geo.row_at(pos.y(), len(data.rows))
    if row is not None:
        r = data.rows[row]
        local = local_time_text(r.zone, data.origin, minutes)
        for p in r.pieces:
            if p.start <= minutes <= p.end:
                if p.adjustment is not None:
                    return adjusted_text(r.label, p, local)
                return (f"{r.label}: window {r.window_text} = {axis_time_text(p.start)}\u2013{axis_time_text(p.end)} UTC"
                        f"\n{local}. Drag an edge to change the window.")
        return f"{r.label}: {local}"
    for g in data.gaps:
        if g.start <= minutes <= g.end:
            return f"Gap: nobody on call {axis_time_text(g.start)}\u2013{axis_time_text(g.end)} UTC ({g.minutes} min)"
    for j in data.junctions:
        if j.start <= minutes <= j.end:
            return (f"Overlap {leg_name(data, j.from_leg)} \u2192 {leg_name(data, j.to_leg)}: "
                    f"{axis_time_text(j.start)}\u2013{axis_time_text(j.end)} UTC ({j.minutes} min)")
    return ""
