"""Every leg's occurrences over a range with the window each local day really uses.

The planner reasons about windows, not people: who is on call does not change where a
junction between two legs falls. A day's window is the leg's window unless an adjustment
covers that site-local day (the team-file contract); the engine's own occurrence function
applies them, so the planner and the report never disagree on where a window lies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from oncall.core.model import Adjustment, Leg, LocalWindow, Team
from oncall.core.adjustments import for_leg, window_table
from oncall.core.schedule import occurrences


class Occurrence(NamedTuple):
    start: float  # POSIX seconds of the window start
    end: float  # POSIX seconds of the window end plus the team's handoff overlap
    leg: str
    day: int  # the site-local start day as a proleptic ordinal


@dataclass(frozen=True)
class LegDays:
    """One leg's occurrences in time order and the window each day uses."""

    leg: Leg
    occurrences: tuple[Occurrence, ...]
    windows: dict[int, LocalWindow]  # local day ordinal -> the window that day uses


def adjustments_of(team: Team, leg_id: str) -> list[Adjustment]:
    return list(for_leg(team, leg_id))


def leg_days(team: Team, leg: Leg, start: datetime, end: datetime) -> LegDays:
    """The leg's occurrences intersecting [start, end), adjustments applied (by the engine)."""
    zone = team.site(leg.site).timezone
    adjustments = for_leg(team, leg.id)
    table = window_table(leg, adjustments)
    out: list[Occurrence] = []
    windows: dict[int, LocalWindow] = {}
    for day, s, e in occurrences(leg, zone, team.handoff_overlap, start, end, adjustments):
        windows[day] = next((w for a, b, w in table if a <= day < b), leg.window)
        out.append(Occurrence(s.timestamp(), e.timestamp(), leg.id, day))
    out.sort()
    return LegDays(leg, tuple(out), windows)


def all_leg_days(team: Team, start: datetime, end: datetime,
                 margin: timedelta = timedelta(days=2)) -> dict[str, LegDays]:
    """Every leg with a rotation, computed with a margin so junctions at the edges see both sides."""
    return {leg.id: leg_days(team, leg, start - margin, end + margin) for leg in team.legs if leg.rotation}
