"""Handoffs, overlap windows and gaps from a list of shifts.

A *handoff* happens where a member's shift ends, no other shift of the same member covers
that instant, and another member's shift does; its overlap window runs from the later of the
two starts to the outgoing end. A *gap* is time in the range that nobody covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter

from .shifts import SHIFT_ORDER, Gap, Handoff, Shift


def handoffs(shifts: Sequence[Shift], start: datetime, end: datetime) -> list[Handoff]:
    """Handoffs whose instant lies in [start, end), in time order.

    A sweep over shift ends keeps the set of shifts active at each end instant; that set is
    as small as the number of people on call at once, so this is O(n log n).
    """
    by_start = sorted(shifts, key=_START)
    by_end = sorted((sh for sh in shifts if start <= sh.end < end), key=_END_KEY)
    active: list[Shift] = []
    out: list[Handoff] = []
    i, n = 0, len(by_start)
    last_instant = None
    for outgoing in by_end:
        instant = outgoing.end
        if instant != last_instant:
            while i < n and by_start[i].start <= instant:
                active.append(by_start[i])
                i += 1
            active = [sh for sh in active if sh.end > instant]
            last_instant = instant
        out.extend(_handoffs_at(outgoing, active))
    return out


_START = attrgetter("start")
_END_KEY = attrgetter("end", "start", "site", "member")


def _handoffs_at(outgoing: Shift, active: list[Shift]) -> list[Handoff]:
    member = outgoing.member
    incoming: dict[str, Shift] = {}
    for sh in active:
        if sh.member == member:
            return []  # the member stays on call: no handoff
        best = incoming.get(sh.member)
        if best is None or sh.start < best.start:
            incoming[sh.member] = sh
    if len(incoming) == 1:
        return [Handoff(outgoing, next(iter(incoming.values())))]
    return [Handoff(outgoing, sh) for sh in sorted(incoming.values(), key=SHIFT_ORDER)]


def covered_spans(shifts: Sequence[Shift], start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The union of shifts, clipped to [start, end)."""
    spans: list[tuple[datetime, datetime]] = []
    for sh in sorted(shifts, key=SHIFT_ORDER):
        s, e = max(sh.start, start), min(sh.end, end)
        if s >= e:
            continue
        if spans and s <= spans[-1][1]:
            if e > spans[-1][1]:
                spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def gaps(shifts: Sequence[Shift], start: datetime, end: datetime) -> list[Gap]:
    """Uncovered time in [start, end), each with the shifts that border it."""
    ordered = sorted(shifts, key=SHIFT_ORDER)
    result: list[Gap] = []
    cursor = start
    last: Shift | None = None  # the shift reaching furthest so far
    for sh in ordered:
        if sh.start > cursor and cursor < end:
            gap_end = min(sh.start, end)
            result.append(Gap(cursor, gap_end, last if last and last.end == cursor else None,
                              sh if sh.start == gap_end else None))
        if last is None or sh.end > last.end:
            last = sh
        cursor = max(cursor, sh.end)
        if cursor >= end:
            break
    if cursor < end:
        result.append(Gap(cursor, end, last if last and last.end == cursor else None, None))
    return result


def covered_seconds(shifts: Sequence[Shift], start: datetime, end: datetime) -> float:
    return sum((e - s).total_seconds() for s, e in covered_spans(shifts, start, end))
