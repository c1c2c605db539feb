"""Handoffs, overlap windows and gaps from a list of shifts.

A *handoff* happens where a member's shift ends, no other shift of the same member covers
that instant, and another member's shift does; its overlap window runs from the later of the
two starts to the outgoing end. A *gap* is time in the range that nobody covers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from operator import attrgetter

from .shifts import SHIFT_ORDER, Gap, Handoff, Shift, make_gap, make_handoff, sorted_by
from .spans import merge_sorted

MEMBER = attrgetter("member")  # who holds a shift, for the handoff sweep
LEG = attrgetter("leg")


def handoffs(shifts: Sequence[Shift], start: datetime, end: datetime,
             owner: Callable[[Shift], str] = MEMBER) -> list[Handoff]:
    """Handoffs whose instant lies in [start, end), in time order.

    ``owner`` says who holds a shift: the member (the default), or the leg for the band,
    which asks where one leg's window hands to the next regardless of who is on call.

    A sweep over shift ends keeps the set of shifts active at each end instant; that set is
    as small as the number of people on call at once, so this is O(n log n). Shifts ending
    at the same instant share one "who is on call now" table (member -> earliest shift),
    built once per instant: with follow-the-sun legs most instants see one or two shifts,
    and the per-handoff work is then a dictionary lookup.
    """
    return handoffs_in_order(sorted(shifts, key=_START), start, end, owner)


def handoffs_in_order(by_start: Sequence[Shift], start: datetime, end: datetime,
                      owner: Callable[[Shift], str] = MEMBER) -> list[Handoff]:
    """:func:`handoffs` for shifts already sorted by start (a schedule's shifts are)."""
    by_end = sorted_by([sh for sh in by_start if start <= sh.end < end], _END_KEY, _END)
    active: list[Shift] = []
    out: list[Handoff] = []
    append, make, new, set_ = out.append, make_handoff, object.__new__, object.__setattr__
    i, n = 0, len(by_start)
    by_member = owner is MEMBER  # the report's case: read the attribute, not through attrgetter
    last_instant = None
    only: Shift | None = None
    incoming: dict[str, Shift] = {}
    ordered: list[Shift] = []
    for outgoing in by_end:
        instant = outgoing.end
        if instant != last_instant:
            last_instant = instant
            while i < n and by_start[i].start <= instant:
                active.append(by_start[i])
                i += 1
            still = []
            for sh in active:
                if sh.end > instant:
                    still.append(sh)
            active = still
            only = active[0] if len(active) == 1 else None  # the usual follow-the-sun case
            if only is None:
                incoming = _earliest_by_owner(active, owner)
                ordered = sorted(incoming.values(), key=SHIFT_ORDER)
        if only is not None:
            if (only.member != outgoing.member) if by_member else (owner(only) != owner(outgoing)):
                h = new(Handoff)  # make_handoff(outgoing, only), inlined: the one handoff of most instants
                set_(h, "outgoing", outgoing)
                set_(h, "incoming", only)
                append(h)
        elif owner(outgoing) not in incoming:  # else the owner stays on call: no handoff
            for sh in ordered:
                append(make(outgoing, sh))
    return out


_START = attrgetter("start")
_END_KEY = attrgetter("end", "start", "site", "member")
_END = attrgetter("end")


def _earliest_by_owner(active: list[Shift], owner: Callable[[Shift], str]) -> dict[str, Shift]:
    """Each owner's earliest-starting active shift (the first listed wins a tie)."""
    incoming: dict[str, Shift] = {}
    for sh in active:
        key = owner(sh)
        best = incoming.get(key)
        if best is None or sh.start < best.start:
            incoming[key] = sh
    return incoming


def covered_spans(shifts: Sequence[Shift], start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The union of shifts, clipped to [start, end)."""
    clipped = ((max(sh.start, start), min(sh.end, end)) for sh in sorted(shifts, key=SHIFT_ORDER))
    return merge_sorted((s, e) for s, e in clipped if s < e)


def gaps(shifts: Sequence[Shift], start: datetime, end: datetime) -> list[Gap]:
    """Uncovered time in [start, end), each with the shifts that border it."""
    return gaps_in_order(sorted(shifts, key=SHIFT_ORDER), start, end)


def gaps_in_order(ordered: Sequence[Shift], start: datetime, end: datetime) -> list[Gap]:
    """:func:`gaps` for shifts already sorted by ``SHIFT_ORDER`` (a schedule's shifts are)."""
    result: list[Gap] = []
    if not start < end:
        return result
    cursor = start  # stays before `end` at the top of the loop (it stops when cursor reaches it)
    last: Shift | None = None  # the shift reaching furthest so far
    last_end = None
    for sh in ordered:
        s = sh.start
        if s > cursor:
            gap_end = s if s < end else end
            result.append(make_gap(cursor, gap_end, last if last and last_end == cursor else None,
                                   sh if s == gap_end else None))
        e = sh.end
        if last is None or e > last_end:
            last, last_end = sh, e
        if e > cursor:
            cursor = e
        if cursor >= end:
            break
    if cursor < end:
        result.append(make_gap(cursor, end, last if last and last_end == cursor else None, None))
    return result


def gap_handoffs(gaps: Sequence[Gap]) -> list[Handoff]:
    """Gaps between two different members as handoffs whose overlap is negative.

    Coverage still passes from one person to the other across a gap, there is just nobody
    in between; as a :class:`Handoff` (keyed like any other) it can carry a note and be
    listed, in red, among the real handoffs.
    """
    return [Handoff(g.before, g.after) for g in gaps
            if g.before is not None and g.after is not None and g.before.member != g.after.member]


def covered_seconds(shifts: Sequence[Shift], start: datetime, end: datetime) -> float:
    return sum((e - s).total_seconds() for s, e in covered_spans(shifts, start, end))
