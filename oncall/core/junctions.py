"""Junctions between legs and their normal overlap: one definition for every view.

A *junction* is where one leg hands over to the next (Sydney to London). Each day it has an
overlap in minutes; a gap counts as a negative overlap. Its **normal** overlap is the designed
one: the value most often seen in the rota (legs, windows, adjustments, the handoff overlap;
overrides and time off left out) over the 365 days starting at the range start (ties: the
value seen first). So a short range, a printed week and a whole year all compare against the
same number: the report's warnings, the Coverage panel, the printed week sheet and the
Handoffs tab never disagree about what "normally" means (docs/team-file.md).

Leaving overrides and time off out is also what makes the normals cheap to keep: they depend
only on the rota, so the GUI's most frequent edits (an override, a day off) reuse them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from .coverage import gaps_in_order, handoffs_in_order
from .model import Team
from .schedule import compute_schedule
from .shifts import Gap, Handoff

NORMAL_SPAN = timedelta(days=365)
_MARGIN = timedelta(days=2)
_CACHE: dict[tuple, dict[tuple[str, str], int]] = {}
_CACHE_SIZE = 16


def junction_series(handoffs: Sequence[Handoff], gaps: Sequence[Gap]) -> dict[tuple[str, str], list[tuple]]:
    """Per (outgoing leg, incoming leg): (at, end, value) of every handoff and gap between them.

    Junctions are plain tuples (a year has a thousand); callers sort them by ``at``.
    """
    series: dict[tuple[str, str], list[tuple]] = {}
    minutes_of: dict[timedelta, int] = {}  # a junction's overlap takes a handful of values
    lists: dict[str, dict[str, list[tuple]]] = {}  # outgoing leg -> incoming leg -> its list in series
    for h in handoffs:
        out, inc = h.outgoing, h.incoming
        a, b = out.leg, inc.leg
        if a and b and a != b:
            at, s0, s1 = out.end, out.start, inc.start
            overlap = at - (s0 if s0 >= s1 else s1)
            minutes = minutes_of.get(overlap)
            if minutes is None:
                minutes = minutes_of[overlap] = round(overlap.total_seconds() / 60)
            to = lists.get(a)
            if to is None:
                to = lists[a] = {}
            found = to.get(b)
            if found is None:
                found = to[b] = series[(a, b)] = []
            found.append((at, at, minutes))
    for g in gaps:
        if g.before and g.after and g.before.leg and g.after.leg and g.before.leg != g.after.leg:
            series.setdefault((g.before.leg, g.after.leg), []).append((g.start, g.end, -g.minutes))
    return series


def most_common(junctions: Sequence[tuple]) -> int:
    """The value seen most often among time-sorted junctions (ties: the value seen first)."""
    counts: dict[int, int] = {}
    for j in junctions:
        counts[j[2]] = counts.get(j[2], 0) + 1
    return max(counts, key=counts.__getitem__)


def normals_from(handoffs: Sequence[Handoff], gaps: Sequence[Gap], start: datetime) -> dict[tuple[str, str], int]:
    """Normals from handoffs and gaps that already cover [start, start + 365 days)."""
    stop = start + NORMAL_SPAN
    inside_h = [h for h in handoffs if start <= h.outgoing.end < stop]
    inside_g = [g for g in gaps if start <= g.start < stop]
    out = {}
    for pair, junctions in junction_series(inside_h, inside_g).items():
        junctions.sort(key=lambda j: j[0])
        out[pair] = most_common(junctions)
    return out


def normals_of(series: dict[tuple[str, str], list[tuple]]) -> dict[tuple[str, str], int]:
    """Normals from a :func:`junction_series` that spans exactly the 365 days (sorted in place).

    The report of a plain year reads its normals from the series its drift findings use,
    instead of building the same thousand junctions twice (:func:`normals_from`).
    """
    out = {}
    for pair, junctions in series.items():
        junctions.sort(key=_AT)
        out[pair] = most_common(junctions)
    return out


def _AT(junction: tuple) -> datetime:
    return junction[0]


def normal_overlaps(team: Team, start: datetime) -> dict[tuple[str, str], int]:
    """(outgoing leg, incoming leg) -> normal overlap minutes, over [start, start + 365 days).

    Cached per (rota, start): every view asks for the same numbers after each edit.
    """
    key = (team.sites, team.legs, team.handoff_overlap, team.adjustments, start)
    found = _CACHE.get(key)
    if found is not None:
        return found
    stop = start + NORMAL_SPAN
    rota = team.evolve(overrides=(), unavailable=()) if team.overrides or team.unavailable else team
    shifts = compute_schedule(rota, start - _MARGIN, stop + _MARGIN).shifts
    found = normals_from(handoffs_in_order(shifts, start, stop), gaps_in_order(shifts, start, stop), start)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = found
    return found
