"""Junctions: where one leg's occurrence hands over to the next leg's.

X hands over to Y where the engine would see a handoff or a gap between them (see
:func:`junction_days`). The overlap is ``X.end - Y.start`` (the handoff overlap extension
included); a negative value is a gap. Junctions depend on windows only,
never on who is on call, so the drift fixer sees the same junctions every week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from .occurrences import LegDays, Occurrence


class JunctionDay(NamedTuple):
    outgoing: Occurrence
    incoming: Occurrence
    minutes: int  # overlap; negative = gap

    @property
    def key(self) -> tuple[str, str]:
        return self.outgoing.leg, self.incoming.leg


def junction_days(legs: Iterable[LegDays], start: datetime, end: datetime) -> list[JunctionDay]:
    """Every junction whose outgoing end lies in [start, end), in time order.

    As the engine reads handoffs: at X's end, X hands over to every occurrence of another
    leg on at that instant; if none is, the gap runs to the next occurrence to start. An X
    inside a longer occurrence of another leg is wholly overlapped: no junction to repair.
    """
    ordered = sorted((o for ld in legs for o in ld.occurrences), key=lambda o: (o.start, o.leg))
    lo, hi = start.timestamp(), end.timestamp()
    out: list[JunctionDay] = []
    n = len(ordered)
    for i, x in enumerate(ordered):
        if not lo <= x.end < hi:
            continue
        covered = any(ordered[k].end > x.end and ordered[k].leg != x.leg for k in range(max(0, i - 64), i))
        found = False
        j = i + 1
        while j < n and ordered[j].start <= x.end:
            y = ordered[j]
            if y.leg != x.leg and y.end > x.end:
                found = True
                if y.start > x.start:
                    out.append(JunctionDay(x, y, round((x.end - y.start) / 60)))
            j += 1
        if not found and not covered and j < n and ordered[j].leg != x.leg:
            out.append(JunctionDay(x, ordered[j], round((x.end - ordered[j].start) / 60)))
    out.sort(key=lambda jd: jd.outgoing.end)
    return out


@dataclass(frozen=True)
class JunctionSummary:
    """One pair of legs over a span: the smallest overlap and where it falls."""

    outgoing: str
    incoming: str
    min_minutes: int
    worst_at: float  # POSIX seconds of the outgoing end on the worst day
    days: int


def summarize(days: Iterable[JunctionDay]) -> dict[tuple[str, str], JunctionSummary]:
    out: dict[tuple[str, str], JunctionSummary] = {}
    for jd in days:
        found = out.get(jd.key)
        if found is None:
            out[jd.key] = JunctionSummary(jd.outgoing.leg, jd.incoming.leg, jd.minutes, jd.outgoing.end, 1)
        elif jd.minutes < found.min_minutes:
            out[jd.key] = JunctionSummary(found.outgoing, found.incoming, jd.minutes, jd.outgoing.end, found.days + 1)
        else:
            out[jd.key] = JunctionSummary(found.outgoing, found.incoming, found.min_minutes, found.worst_at,
                                          found.days + 1)
    return out
