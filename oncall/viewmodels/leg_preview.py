"""A leg against its neighbours, as the leg dialog previews it while the lead edits the window.

For one local day of the leg: its occurrence (window plus the team's handoff overlap, in UTC),
the other legs' occurrences that come right before and right after it, and the overlap at each
end in minutes (negative: a gap). The dialog shows it for the day the leg starts (or today) and
for the day after the next DST change in any of the zones involved, because that is when a
comfortable overlap turns into a gap.

Pure: the core's occurrences, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oncall.core import timezones as tz
from oncall.core.labels import day_text
from oncall.core.model import Leg, Team
from oncall.core.schedule import occurrences

_REACH = timedelta(hours=16)  # how far before/after the leg a neighbour may lie


@dataclass(frozen=True)
class Span:
    label: str  # the site's name
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Neighbour:
    span: Span
    overlap_minutes: int  # with the previewed leg; negative is a gap


@dataclass(frozen=True)
class LegPreview:
    day: date
    leg: Span
    before: Neighbour | None
    after: Neighbour | None
    zone_note: str = ""  # e.g. "after the DST change in Europe/London on Sun 29 Mar"


def _site_name(team: Team, site: str) -> str:
    return team.site(site).name if team.has_site(site) else site


def _occurrence(team: Team, leg: Leg, day: date) -> Span | None:
    if not team.has_site(leg.site):
        return None
    zone = team.site(leg.site).timezone
    lo = tz.resolve_date(zone, day) - timedelta(hours=12)
    hi = tz.resolve_date(zone, day + timedelta(days=1)) + timedelta(hours=12)
    for ordinal, start, end in occurrences(leg, zone, team.handoff_overlap, lo, hi):
        if ordinal == day.toordinal():
            return Span(_site_name(team, leg.site), start, end)
    return None


def _others(team: Team, leg: Leg, lo: datetime, hi: datetime) -> list[Span]:
    spans = []
    for other in team.legs:
        if other.id == leg.id or not team.has_site(other.site):
            continue
        zone = team.site(other.site).timezone
        spans += [Span(_site_name(team, other.site), s, e)
                  for _o, s, e in occurrences(other, zone, team.handoff_overlap, lo, hi)]
    return spans


def _minutes(td: timedelta) -> int:
    return round(td.total_seconds() / 60)


def preview(team: Team, leg: Leg, day: date, zone_note: str = "") -> LegPreview | None:
    """``leg`` (edited, maybe not in ``team`` yet) on its local ``day``; None if it is off that day."""
    own = _occurrence(team, leg, day)
    if own is None:
        return None
    others = _others(team, leg, own.start - _REACH, own.end + _REACH)
    earlier = [s for s in others if s.start < own.start and s.end < own.end]
    later = [s for s in others if s.start > own.start and s.end > own.end]
    before = max(earlier, key=lambda s: s.end, default=None)
    after = min(later, key=lambda s: s.start, default=None)
    return LegPreview(
        day, own,
        Neighbour(before, _minutes(before.end - own.start)) if before else None,
        Neighbour(after, _minutes(own.end - after.start)) if after else None,
        zone_note)


def next_dst_change(team: Team, leg: Leg, after: date) -> tuple[date, str] | None:
    """The first local date after ``after`` on which any zone of the team changes its offset,
    as the leg's local date of the day after the change, with a note naming the change."""
    zones = sorted({s.timezone for s in team.sites} | ({team.site(leg.site).timezone} if team.has_site(leg.site)
                                                       else set()))
    start = datetime.combine(after, time(0)).replace(tzinfo=tz.UTC)
    end = start + timedelta(days=370)
    found: list[tuple[datetime, str]] = []
    for zone in zones:
        changes = tz.transitions(zone, start, end)
        if changes:
            found.append((changes[0][0], zone))
    if not found or not team.has_site(leg.site):
        return None
    instant, zone = min(found)
    local = tz.to_local(zone, instant)
    day = tz.to_local(team.site(leg.site).timezone, instant).date() + timedelta(days=1)
    return day, f"after the DST change in {zone} on {day_text(local.date())}"


def next_weekday(today: date, weekday: int) -> date:
    """The next date after ``today`` that falls on ``weekday`` (0 = Monday): a leg's first handoff."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
