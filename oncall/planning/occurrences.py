"""Every leg's occurrences over a range with the window each local day really uses.

The planner reasons about windows, not people: who is on call does not change where a
junction between two legs falls. A day's window is the leg's window unless an
adjustment covers that site-local day (the team-file contract), so this module asks the
engine for the occurrences of each distinct window a leg uses and keeps, per day, the one
that applies.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import NamedTuple

from oncall.core.model import Adjustment, Leg, LocalWindow, Team
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
    return sorted((a for a in team.adjustments if a.leg == leg_id), key=lambda a: a.start)


def window_on(leg: Leg, adjustments: list[Adjustment], day: int) -> LocalWindow:
    """The window ``leg`` uses on local day ``day`` (ordinal) given its sorted adjustments."""
    starts = [a.start.toordinal() for a in adjustments]
    i = bisect.bisect_right(starts, day) - 1
    if i >= 0 and day < adjustments[i].end.toordinal():
        return adjustments[i].window
    return leg.window


def leg_days(team: Team, leg: Leg, start: datetime, end: datetime) -> LegDays:
    """The leg's occurrences intersecting [start, end), adjustments applied."""
    zone = team.site(leg.site).timezone
    adjustments = adjustments_of(team, leg.id)
    by_window: dict[LocalWindow, dict[int, tuple[datetime, datetime]]] = {}
    for window in {leg.window, *(a.window for a in adjustments)}:
        probe = leg if window == leg.window else replace(leg, window=window)
        by_window[window] = {d: (s, e) for d, s, e in occurrences(probe, zone, team.handoff_overlap, start, end)}
    days = sorted({d for found in by_window.values() for d in found})
    out: list[Occurrence] = []
    windows: dict[int, LocalWindow] = {}
    for day in days:
        window = window_on(leg, adjustments, day)
        found = by_window[window].get(day)
        if found is None:
            continue  # that day's own window lies outside the range
        windows[day] = window
        out.append(Occurrence(found[0].timestamp(), found[1].timestamp(), leg.id, day))
    return LegDays(leg, tuple(out), windows)


def all_leg_days(team: Team, start: datetime, end: datetime,
                 margin: timedelta = timedelta(days=2)) -> dict[str, LegDays]:
    """Every leg with a rotation, computed with a margin so junctions at the edges see both sides."""
    return {leg.id: leg_days(team, leg, start - margin, end + margin) for leg in team.legs if leg.rotation}
