"""DST seasons: the range split at every clock change of any site that runs a leg.

Between two clock changes every site keeps one UTC offset, so two fixed local windows keep
one distance from each other and each junction's overlap holds one value. That makes the
season the natural unit of a repair: one adjustment per leg per season at most.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.model import Team


@dataclass(frozen=True)
class Season:
    index: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Seasons:
    """The seasons of [start, end) in order, with a fast "which season is this instant in"."""

    items: tuple[Season, ...]
    _cuts: tuple[float, ...]  # POSIX seconds of every boundary inside the range

    def index_at(self, seconds: float) -> int:
        """The season containing an instant; instants outside the range clamp to the edge ones."""
        return bisect.bisect_right(self._cuts, seconds)

    def __len__(self) -> int:
        return len(self.items)


def involved_zones(team: Team) -> list[str]:
    return sorted({team.site(leg.site).timezone for leg in team.legs if leg.rotation})


def split_seasons(team: Team, start: datetime, end: datetime) -> Seasons:
    cuts = sorted({t for zone in involved_zones(team) for t, _, _ in tz.transitions(zone, start, end)
                   if start < t < end})
    edges = [start, *cuts, end]
    items = tuple(Season(i, a, b) for i, (a, b) in enumerate(zip(edges, edges[1:])))
    return Seasons(items, tuple(t.timestamp() for t in cuts))


def clock_state(team: Team, site_id: str, at: datetime) -> str:
    """``Sydney on daylight time (UTC+11:00)``: a site's clocks at an instant, in words."""
    site = team.site(site_id)
    offset = tz.format_offset(tz.utc_offset(site.timezone, at))
    kind = "daylight time" if tz.is_dst(site.timezone, at) else "standard time"
    if not _has_dst(site.timezone, at):
        kind = "its year-round time"
    return f"{site.name} on {kind} (UTC{offset})"


def _has_dst(zone: str, at: datetime) -> bool:
    """Does the zone change its clocks within a year around ``at``?"""
    return bool(tz.transitions(zone, at - timedelta(days=183), at + timedelta(days=183)))
