"""The engine as the judge: junction overlaps read from the coverage report itself.

The planner's own arithmetic chooses the adjustments; whether they work is decided by
recomputing :func:`oncall.core.report.build_report` on the planned team and reading each
junction's overlap from its handoffs and gaps, exactly as ``oncall report`` would show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oncall.core.report import Report, build_report
from oncall.core.model import Team

from .seasons import Seasons


@dataclass(frozen=True)
class Judged:
    """What the engine says about a team over a range."""

    report: Report
    minima: dict[tuple[str, str, int], tuple[int, datetime]]  # (out leg, in leg, season) -> (min, when)

    @property
    def gap_minutes(self) -> int:
        return sum(g.minutes for g in self.report.gaps)

    @property
    def edge_gap_minutes(self) -> int:
        """Gap minutes not between two legs' windows: before a leg starts, after one ends, or
        with nobody on call on either side. No window adjustment closes these."""
        return sum(g.minutes for g in self.report.gaps
                   if g.before is None or g.after is None or not g.before.leg or not g.after.leg
                   or g.before.leg == g.after.leg)

    def junction_min(self, outgoing: str, incoming: str, seasons: set[int] | None = None) -> int | None:
        values = [m for (a, b, s), (m, _) in self.minima.items()
                  if a == outgoing and b == incoming and (seasons is None or s in seasons)]
        return min(values) if values else None


def judge(team: Team, start: datetime, end: datetime, seasons: Seasons) -> Judged:
    """Junction overlaps from the rules alone; gap minutes from the whole team.

    Overrides and time off move handoffs to other instants (an override ending at 14:00
    hands over mid-window); they are not drift, and no window change repairs them, so the
    junctions are read from the report of the rota without them.
    """
    report = build_report(team, start, end)
    rules = report if not (team.overrides or team.unavailable) else \
        build_report(team.evolve(overrides=(), unavailable=()), start, end)
    minima: dict[tuple[str, str, int], tuple[int, datetime]] = {}

    def note(a: str | None, b: str | None, minutes: int, at: datetime) -> None:
        if not a or not b or a == b:
            return
        key = (a, b, seasons.index_at(at.timestamp()))
        found = minima.get(key)
        if found is None or minutes < found[0]:
            minima[key] = (minutes, at)

    for h in rules.handoffs:
        note(h.outgoing.leg, h.incoming.leg, h.minutes, h.at)
    for g in rules.gaps:
        if g.before is not None and g.after is not None:
            note(g.before.leg, g.after.leg, -g.minutes, g.start)
    return Judged(report, minima)
