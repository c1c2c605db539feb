"""Tool rotations -> oncall's sites, members and legs, exactly where oncall can say the same thing.

oncall legs hand over at occurrence boundaries and count turns in local days, so a rotation
translates exactly when its turns are whole days (daily, weekly, every N days) or divide a
day (12 h, 8 h...: one leg per part of the day), and when no handoff falls inside an on-call
window. Everything else is translated to the nearest such rota and listed in the report.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.model import (
    ALL_DAYS, WEEKDAYS, Cadence, Leg, LocalWindow, Member, Site, Team, format_hhmm, next_leg_id,
)

from .documents import ScheduleImportError
from .report import ImportReport
from .rotations import Restriction, ToolRotation, ToolUser

DAY = 86400
# One leg per distinct on-call window: a layer of one-minute turns needs 1,440 of them. Beyond
# this many the importer's and the schedule's costs grow with the square of the count (a 2 KB
# document of four such layers ran for minutes), and no rota a lead can review has so many.
MAX_LEGS = 1500


@dataclass(frozen=True)
class _Window:
    start: int  # minutes after midnight
    minutes: int  # 1..1440
    days: frozenset[int]


@dataclass(frozen=True)
class BuiltTeam:
    team: Team
    member_of: dict[str, str]  # tool user id -> member id
    source: dict[str, ToolRotation]  # leg id -> the rotation it came from


def build_team(name: str, rotations: list[ToolRotation], users: dict[str, ToolUser], report: ImportReport,
               others: list[str] = ()) -> BuiltTeam:
    """The team these rotations describe; inexact choices go to ``report``.

    ``others``: users who take no turn (an override, a pair's second person) but are people of
    the team all the same: they become members of the first site.
    """
    for rotation in rotations:
        _check_zone(rotation)
    sites = _sites(rotations, report)
    members, member_ids = _members(rotations, users, sites, report, others)
    legs: list[Leg] = []
    source: dict[str, ToolRotation] = {}
    for rotation in rotations:
        for note in rotation.notes:
            report.approximate(f"{rotation.path} ({rotation.name}): {note}")
        for leg in _legs(rotation, sites[rotation.zone].id, member_ids, {leg.id for leg in legs}, report):
            legs.append(leg)
            source[leg.id] = rotation
    team = Team(name=name, handoff_overlap=timedelta(0), sites=tuple(sites.values()), members=tuple(members),
                legs=tuple(legs))
    return BuiltTeam(team, member_ids, source)


def _check_zone(rotation: ToolRotation) -> None:
    try:
        tz.check_zone(rotation.zone)
    except ValueError as exc:
        raise ScheduleImportError(f"{rotation.path}: {exc}") from None


def slug(text: str, fallback: str) -> str:
    value = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return value[:40] or fallback


def _sites(rotations: list[ToolRotation], report: ImportReport) -> dict[str, Site]:
    sites: dict[str, Site] = {}
    for rotation in rotations:
        if rotation.zone in sites:
            continue
        city = rotation.zone.split("/")[-1].replace("_", " ")
        ident = slug(city, "site")
        while any(s.id == ident for s in sites.values()):
            ident += "-2"
        sites[rotation.zone] = Site(id=ident, name=city, timezone=rotation.zone)
        report.map(f"time zone {rotation.zone} -> site {ident!r} ({city})")
    return sites


def _members(rotations, users: dict[str, ToolUser], sites: dict[str, Site], report: ImportReport, others):
    """One member per user; each at the site of the rotation they appear in most."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for rotation in rotations:
        for user in rotation.users:
            seen[user][rotation.zone] += 1
    first_zone = next(iter(sites))
    for user in others:
        if user not in seen:
            seen[user][first_zone] += 1
    members, ids = [], {}
    for user_id, zones in seen.items():
        user = users.get(user_id, ToolUser(user_id, user_id))
        ident = slug(user.name.split("@")[0].replace(" ", "-"), "member")
        while ident in ids.values():
            ident += "-2"
        ids[user_id] = ident
        site = sites[zones.most_common(1)[0][0]]
        members.append(Member(id=ident, name=user.name, site=site.id, email=user.email))
        report.map(f"user {user.name} ({user_id}) -> member {ident!r} at site {site.id!r}")
    return members, ids


def _legs(rotation: ToolRotation, site: str, member_ids: dict[str, str], taken: set[str],
          report: ImportReport) -> list[Leg]:
    if not rotation.users:
        report.drop(f"{rotation.path} ({rotation.name}): no users to rotate")
        return []
    turn = _turn_seconds(rotation, report)
    legs = []
    windows = _windows(rotation, turn, report)
    if len(taken) + len(windows) > MAX_LEGS:
        raise ScheduleImportError(f"{report.tool}: {rotation.path} ({rotation.name}): the schedule needs more than "
                                  f"{MAX_LEGS} legs (one per distinct on-call window; this one adds "
                                  f"{len(windows)}); shorten the list of restrictions or lengthen the turns")
    for window in windows:
        _check_handoffs_inside(rotation, window, turn, report)
        leg = _leg(rotation, window, turn, site, member_ids, taken | {x.id for x in legs}, report)
        if leg is not None:
            legs.append(leg)
            days = "every day" if window.days == ALL_DAYS else ", ".join(WEEKDAYS[d] for d in sorted(window.days))
            report.map(f"{rotation.path} ({rotation.name}) -> leg {leg.id!r}: {leg.window} {days}, "
                       f"{leg.cadence} turns of {', '.join(leg.rotation)}")
    return legs


def _turn_seconds(rotation: ToolRotation, report: ImportReport) -> int:
    turn = rotation.turn_seconds
    if turn % DAY == 0 or DAY % turn == 0:
        return turn
    days = max(1, round(turn / DAY))
    report.approximate(f"{rotation.path} ({rotation.name}): a turn of {_hours(turn)} is neither whole days nor a "
                       f"part of a day; imported as turns of {days} day{'s' if days > 1 else ''}")
    return days * DAY


def _hours(seconds: int) -> str:
    return f"{seconds / 3600:g} h"


def _windows(rotation: ToolRotation, turn: int, report: ImportReport) -> list[_Window]:
    """The local on-call windows, as oncall legs can hold them (at most 24 h, grouped by weekday)."""
    pieces: dict[tuple[int, int], set[int]] = defaultdict(set)
    restrictions = rotation.restrictions or _whole_turns(rotation, turn)
    for r in restrictions:
        if r.minutes <= 0:
            report.drop(f"{rotation.path} ({rotation.name}): an empty restriction")
            continue
        days = range(7) if r.weekday is None else [r.weekday]
        for day in days:
            remaining, offset = r.minutes, 0
            while remaining > 0:  # a weekly restriction of several days: one window per day
                piece = min(1440, remaining)
                pieces[(r.start, piece)].add((day + offset) % 7)
                remaining -= piece
                offset += 1
    return [_Window(start, minutes, frozenset(days)) for (start, minutes), days in sorted(pieces.items())]


def _whole_turns(rotation: ToolRotation, turn: int) -> list[Restriction]:
    """No restriction: on call all the time, cut into windows at the turn's local handoff times."""
    anchor = rotation.anchor.hour * 60 + rotation.anchor.minute
    if turn >= DAY:
        return [Restriction(None, anchor, 1440)]
    part = turn // 60
    return [Restriction(None, (anchor + j * part) % 1440, part) for j in range(DAY // turn)]


def _check_handoffs_inside(rotation: ToolRotation, window: _Window, turn: int, report: ImportReport) -> None:
    """A turn that changes inside an on-call window cannot be a leg's turn: say so."""
    anchor = rotation.anchor.hour * 60 + rotation.anchor.minute
    if turn == 7 * DAY:  # one handoff a week: only windows that contain it, on its weekday
        handoffs = [(rotation.anchor.weekday() - day) % 7 * 1440 + anchor for day in window.days]
        inside = [anchor for h in handoffs if 0 < h - window.start < window.minutes]
    else:
        step = min(turn, DAY) // 60
        times = {(anchor + j * step) % 1440 for j in range(max(1, 1440 // step))}
        inside = [h for h in times if 0 < (h - window.start) % 1440 < window.minutes]
    if inside:
        report.approximate(f"{rotation.path} ({rotation.name}): turns change at "
                           f"{', '.join(sorted({format_hhmm(h) for h in inside}))}, inside the window from "
                           f"{format_hhmm(window.start)}; oncall gives each window to the member on call at its start")


def _turn_index(rotation: ToolRotation, wall: datetime, turn: int) -> int:
    return math.floor((wall - rotation.anchor).total_seconds() / turn)


def _leg(rotation: ToolRotation, window: _Window, turn: int, site: str, member_ids: dict[str, str],
         taken: set[str], report: ImportReport) -> Leg | None:
    first = _first_day(rotation, window)
    if first is None:
        report.drop(f"{rotation.path} ({rotation.name}): the {format_hhmm(window.start)} window never runs "
                    "before the rotation ends")
        return None

    def index(day: date) -> int:
        wall = datetime(day.year, day.month, day.day) + timedelta(minutes=window.start)
        return _turn_index(rotation, wall, turn)

    users = rotation.users
    cadence, start, handoff_day, steps = _cadence(rotation, first, turn, index)
    sequence = [users[(index(start) + steps * i) % len(users)] for i in range(len(users) // math.gcd(len(users), steps))]
    rotation_ids = _unique([member_ids[u] for u in sequence], rotation, report)
    end_window = LocalWindow(window.start, (window.start + window.minutes) % 1440)
    return Leg(id=_leg_id(rotation, site, taken), site=site, window=end_window, rotation=tuple(rotation_ids),
               cadence=cadence, start=start, days=window.days, handoff_day=handoff_day,
               end=_end_day(rotation, window, report))


def _leg_id(rotation: ToolRotation, site: str, taken: set[str]) -> str:
    """The rotation's own name as the leg id ("apac-nights"), so the team reads as the tool did."""
    base = slug(rotation.name, "") if not rotation.name.startswith(("schedule.", "data.", "results[")) else ""
    if not base or base in taken:
        return next_leg_id(base or site, taken)
    return base


def _first_day(rotation: ToolRotation, window: _Window) -> date | None:
    day = rotation.start.date()
    for _ in range(8):
        begins = datetime(day.year, day.month, day.day) + timedelta(minutes=window.start)
        if day.weekday() in window.days and begins >= rotation.start:
            if rotation.end is not None and begins >= rotation.end:
                return None
            return day
        day += timedelta(days=1)
    return None


def _cadence(rotation: ToolRotation, first: date, turn: int, index) -> tuple[Cadence, date, int | None, int]:
    """Cadence, leg start, handoff weekday, and turns per day step (for part-of-a-day turns)."""
    if turn < DAY:
        return Cadence.daily(), first, None, DAY // turn
    n_days = turn // DAY
    if n_days == 1:
        return Cadence.daily(), first, None, 1
    if n_days == 7:
        day = first + timedelta(days=1)
        while index(day) == index(day - timedelta(days=1)):
            day += timedelta(days=1)
        return Cadence.weekly(), first, day.weekday(), 1
    start = first
    while index(start - timedelta(days=1)) == index(start):
        start -= timedelta(days=1)  # oncall counts N-day turns from the leg's start: begin on a turn's first day
    return Cadence.every(n_days), start, None, 1


def _unique(ids: list[str], rotation: ToolRotation, report: ImportReport) -> list[str]:
    out = [i for n, i in enumerate(ids) if i not in ids[:n]]
    if len(out) < len(ids):
        report.approximate(f"{rotation.path} ({rotation.name}): a user takes several turns in one cycle "
                           f"({', '.join(ids)}); oncall lists each member once: {', '.join(out)}")
    return out


def _end_day(rotation: ToolRotation, window: _Window, report: ImportReport) -> date | None:
    if rotation.end is None:
        return None
    day = rotation.end.date()
    begins = datetime(day.year, day.month, day.day) + timedelta(minutes=window.start)
    if begins < rotation.end:
        day += timedelta(days=1)
        if rotation.end - begins < timedelta(minutes=window.minutes):
            report.approximate(f"{rotation.path} ({rotation.name}): it ends at {rotation.end:%Y-%m-%d %H:%M}, "
                               "inside a window; oncall ends legs on whole days")
    return day
