"""Who is on call now and next, and each site's clock (no Qt).

Split in two so the panel can tick every second cheaply: :func:`site_clock` is a handful of
table look-ups, while :func:`now_status` runs the schedule and is called once a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.coverage import gap_handoffs, gaps_in_order, handoffs as find_handoffs
from oncall.core.holiday_calendar import UnknownHolidayCalendar, holiday_name
from oncall.core.model import LocalWindow, Site, Team, format_hhmm
from oncall.core.schedule import compute_schedule
from oncall.core.shifts import Gap, Handoff, Shift

LOOKAHEAD = timedelta(days=8)  # a weekly rota's next handoff is at most a week away


@dataclass(frozen=True)
class SiteClock:
    site_id: str
    name: str
    zone: str
    local: datetime  # naive wall-clock time
    abbreviation: str
    offset_text: str
    dst: bool
    working_hours: LocalWindow
    status: str  # "working hours" | "off hours" | "weekend" | "holiday: <name>"

    @property
    def working(self) -> bool:
        return self.status == "working hours"

    @property
    def hours_text(self) -> str:
        return f"{format_hhmm(self.working_hours.start)}\u2013{format_hhmm(self.working_hours.end)}"


@dataclass(frozen=True)
class NowStatus:
    now: datetime
    on_call: tuple[Shift, ...]
    next_up: tuple[Shift, ...]  # shifts starting after now, one per leg/override, soonest first
    next_handoff: Handoff | None  # the next change of hands; a gap between two people counts
    next_gap: Gap | None = None  # the gap in progress, else the next one within the lookahead


def site_clock(site: Site, now: datetime) -> SiteClock:
    zone = site.timezone
    local = tz.to_local(zone, now)
    return SiteClock(site.id, site.name, zone, local, tz.abbreviation(zone, now),
                     tz.format_offset(tz.utc_offset(zone, now)), tz.is_dst(zone, now),
                     site.working_hours, _status(site, local))


def _status(site: Site, local: datetime) -> str:
    holiday = None
    if site.holidays:
        try:
            holiday = holiday_name(site.holidays, local.date())
        except UnknownHolidayCalendar:
            holiday = None
    if holiday:
        return f"holiday: {holiday}"
    if local.weekday() not in site.workdays:
        return "weekend"
    minute = local.hour * 60 + local.minute
    wh = site.working_hours
    inside = (wh.start <= minute < wh.end) if not wh.crosses_midnight else (minute >= wh.start or minute < wh.end)
    return "working hours" if inside else "off hours"


def now_status(team: Team, now: datetime) -> NowStatus:
    shifts = compute_schedule(team, now - timedelta(days=2), now + LOOKAHEAD).shifts
    on_call = tuple(sh for sh in shifts if sh.covers(now))
    upcoming = sorted((sh for sh in shifts if sh.start > now), key=Shift.sort_key)
    seen: set = set()
    next_up = []
    for sh in upcoming:
        key = sh.leg or ("override", sh.override_index)
        if key not in seen:
            seen.add(key)
            next_up.append(sh)
    ahead = [h for h in find_handoffs(shifts, now, now + LOOKAHEAD) if h.at > now]
    # A gap is read as a handoff with negative overlap, so the next-handoff line names the
    # gap when one comes first instead of skipping over it to the handoff after.
    gaps = gaps_in_order(shifts, now, now + LOOKAHEAD)
    ahead += [h for h in gap_handoffs(gaps) if h.at > now]
    nxt = min(ahead, key=lambda h: h.at, default=None)
    next_gap = gaps[0] if gaps else None  # one that reaches the lookahead's end is open-ended
    return NowStatus(now, on_call, tuple(next_up), nxt, next_gap)


def gap_warning(gap: Gap, now: datetime) -> str:
    """``nobody on call from 06:30 UTC (in 2 h 10 min) for 30 min``, or the gap in progress."""
    open_ended = gap.end >= now + LOOKAHEAD  # nobody rostered until the end of what we look at
    length = "more than a week" if open_ended else minutes_text(gap.end - gap.start)
    if gap.start <= now:
        if open_ended:
            return "nobody on call now, and nobody is rostered in the next week"
        return f"nobody on call now, until {gap.end:%H:%M} UTC (for {format_duration(gap.end - now)} more)"
    day = "" if gap.start.date() == now.date() else f"{gap.start:%a} "
    return f"nobody on call from {day}{gap.start:%H:%M} UTC (in {format_duration(gap.start - now)}) for {length}"


def format_duration(delta: timedelta) -> str:
    """``2 h 05 min``, ``45 min``, ``3 d 4 h``, ``12 s``: countdowns that stay short."""
    secs = int(delta.total_seconds())
    if secs < 0:
        secs = 0
    days, rem = divmod(secs, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, seconds = divmod(rem, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def minutes_text(delta: timedelta) -> str:
    """``30 min``, ``1 h 30 min``, ``2 h``: a length, where seconds would only be noise."""
    minutes = round(delta.total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def handoff_text(team: Team, h: Handoff, now: datetime) -> str:
    """``Carol Smith -> Erin Garcia in 2 h 05 min (16:30 UTC); overlap 90 min starts in 35 min``."""
    who = f"{_name(team, h.from_member)} \u2192 {_name(team, h.to_member)}"
    text = f"{who} in {format_duration(h.at - now)} ({h.at:%a %H:%M} UTC)"
    if h.is_gap:
        return text + f"; then nobody on call for {minutes_text(h.start - h.end)} until {_name(team, h.to_member)} starts"
    if h.is_hard:
        return text + "; hard handoff, no overlap"
    if now < h.start:
        return text + f"; {h.minutes} min overlap starts in {format_duration(h.start - now)}"
    return text + f"; {h.minutes} min overlap in progress"


def _name(team: Team, member_id: str) -> str:
    return team.member(member_id).name if team.has_member(member_id) else member_id
