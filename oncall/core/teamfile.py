"""The team file: one TOML document that describes a team completely (rotation as code).

The format is a public contract (docs/team-file.md). Parsing collects every problem it finds
and reports them together, each naming the file, the table, the key and the problem, so a lead
fixes a file in one pass instead of one traceback at a time.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from . import timezones as tz
from .holiday_calendar import UnknownHolidayCalendar, check_code
from .model import (
    ALL_DAYS, DEFAULT_WORKING_HOURS, ID_PATTERN, WEEKDAYS, WORKDAYS, Cadence, Leg, LocalWindow,
    Member, Override, Site, Team, Unavailability, format_hhmm, next_leg_id,
)

FORMAT_VERSION = 1
KNOWN_KEYS = {
    "team": {"name", "handoff_overlap"},
    "site": {"id", "name", "timezone", "holidays", "working_hours", "workdays"},
    "member": {"id", "name", "email", "site"},
    "leg": {"id", "site", "window", "days", "rotation", "cadence", "handoff_day", "start", "end"},
    "override": {"member", "replaces", "start", "end", "timezone", "note"},
    "unavailable": {"member", "start", "end", "reason", "timezone"},
}
TOP_LEVEL = {"version", "team", "site", "member", "leg", "override", "unavailable"}


class TeamFileError(ValueError):
    """A team file that cannot be used; ``problems`` lists every message found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadResult:
    team: Team
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- value parsers

_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


def parse_hhmm(text: str, *, allow_24: bool) -> int:
    m = _HHMM.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a time of day (HH:MM)")
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not allow_24)):
        raise ValueError(f"{text!r} is not a valid time of day" + ("" if allow_24 else " (24:00 is only allowed as an end)"))
    return hours * 60 + minutes


def parse_window(text: Any) -> LocalWindow:
    """``HH:MM-HH:MM``; an end at or before the start crosses midnight; ``24:00`` as an end."""
    if not isinstance(text, str) or text.count("-") != 1:
        raise ValueError(f"{text!r} is not a window like \"08:00-16:00\"")
    a, b = text.split("-")
    return LocalWindow(parse_hhmm(a, allow_24=False), parse_hhmm(b, allow_24=True))


def parse_duration(value: Any) -> timedelta:
    """``30m``, ``1h``, ``1h30m``, ``90min``, ``45s``; ``0`` or ``"0"`` for none."""
    if value in (0, "0", ""):
        return timedelta(0)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a duration like \"30m\" or \"1h30m\"")
    m = _DURATION.match(value)
    if not m or not any(m.groups()):
        raise ValueError(f"{value!r} is not a duration like \"30m\" or \"1h30m\"")
    h, mi, s = (int(g) if g else 0 for g in m.groups())
    return timedelta(hours=h, minutes=mi, seconds=s)


def format_duration(td: timedelta) -> str:
    total = int(td.total_seconds())
    if total == 0:
        return "0m"
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")


def parse_weekday(value: Any) -> int:
    if isinstance(value, str) and value.strip().lower()[:3] in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower()[:3])
    raise ValueError(f"{value!r} is not a weekday (mon, tue, wed, thu, fri, sat, sun)")


def parse_weekdays(value: Any) -> frozenset[int]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{value!r} is not a non-empty list of weekdays like [\"mon\", \"tue\"]")
    return frozenset(parse_weekday(v) for v in value)


def parse_cadence(value: Any) -> Cadence:
    if value == "daily":
        return Cadence.daily()
    if value == "weekly":
        return Cadence.weekly()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+)\s*d\s*", value)
        if m and int(m.group(1)) >= 1:
            return Cadence.daily() if int(m.group(1)) == 1 else Cadence.every(int(m.group(1)))
    raise ValueError(f"{value!r} is not a cadence (\"daily\", \"weekly\" or \"<N>d\" such as \"3d\")")


def parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)")


def parse_instant(value: Any, zone: str) -> tuple[datetime, bool]:
    """A date (local midnight), a naive datetime (wall time in ``zone``) or one with an offset.

    Returns (UTC instant, whether it was a bare date).
    """
    if isinstance(value, time):
        raise ValueError(f"{value!r} is a time without a date")
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                value = date.fromisoformat(text)
            else:
                value = datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(tz.UTC), False
        return tz.resolve(zone, value), False
    if isinstance(value, date):
        return tz.resolve_date(zone, value), True
    raise ValueError(f"{value!r} is not a date or date-time")


# ---------------------------------------------------------------- the parser


@dataclass
class _Parser:
    source: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def where(self, table: str, index: int | None, item: dict | None, key: str | None) -> str:
        label = f"[{table}]" if index is None else f"[[{table}]] #{index + 1}"
        ident = (item or {}).get("id") if table in ("site", "member", "leg") else None
        if ident is None and table == "leg" and isinstance((item or {}).get("site"), str):
            label += f" (site {item['site']!r})"
        if ident is None and table in ("override", "unavailable"):
            ident = (item or {}).get("member")
            if ident is not None:
                label += f" (member {ident!r})"
                ident = None
        if isinstance(ident, str):
            label += f" (id {ident!r})"
        return f"{self.source}: {label}" + (f", key {key!r}" if key else "")

    def problem(self, table: str, index: int | None, item: dict | None, key: str | None, message: str) -> None:
        self.problems.append(f"{self.where(table, index, item, key)}: {message}")

    def warn(self, table: str, index: int | None, item: dict | None, key: str | None, message: str) -> None:
        self.warnings.append(f"{self.where(table, index, item, key)}: {message}")

    def field(self, table, index, item, key, conv, *, required=True, default=None):
        """Convert ``item[key]`` with ``conv``; record a problem and return None on failure."""
        if key not in item:
            if required:
                self.problem(table, index, item, key, "missing")
            return default
        try:
            return conv(item[key])
        except (ValueError, TypeError, tz.UnknownTimeZone, UnknownHolidayCalendar) as exc:
            self.problem(table, index, item, key, str(exc))
            return None

    def tables(self, doc: dict, name: str) -> list[dict]:
        value = doc.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(name, None, None, None, f"must be written as [[{name}]] tables")
            return []
        for i, item in enumerate(value):
            for key in item:
                if key not in KNOWN_KEYS[name]:
                    self.warn(name, i, item, key, "unknown key, ignored")
        return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    return value


def _ident(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a valid id (lowercase letters, digits, '_' and '-')")
    return value


def _rotation(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{value!r} is not a non-empty list of member ids")
    return tuple(value)


def parse_team(text: str, source: str = "<team file>") -> LoadResult:
    """Parse and validate a team file's text; raise TeamFileError listing every problem."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TeamFileError([f"{source}: not valid TOML: {exc}"]) from None
    p = _Parser(source)
    version = doc.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            p.problems.append(f"{source}: key 'version': {version} is newer than this app understands ({FORMAT_VERSION}); upgrade oncall")
        else:
            p.problems.append(f"{source}: key 'version': {version!r} is not a supported version (use {FORMAT_VERSION})")
    for key in doc:
        if key not in TOP_LEVEL:
            p.warnings.append(f"{source}: top-level key {key!r}: unknown, ignored")
    team_table = doc.get("team")
    if not isinstance(team_table, dict):
        p.problems.append(f"{source}: [team]: missing (it needs at least name = \"...\")")
        team_table = {}
    else:
        for key in team_table:
            if key not in KNOWN_KEYS["team"]:
                p.warn("team", None, None, key, "unknown key, ignored")
    name = p.field("team", None, team_table, "name", _text) if team_table or "team" in doc else None
    overlap = p.field("team", None, team_table, "handoff_overlap", parse_duration, required=False, default=timedelta(0))

    # References are checked against every id a table declares, valid or not, so one broken
    # site yields one message instead of one per member and leg that names it.
    site_items = p.tables(doc, "site")
    sites = _parse_sites(p, site_items)
    declared_sites = _declared(site_items)
    members = _parse_members(p, p.tables(doc, "member"), declared_sites)
    member_sites = {m.id: m.site for m in members}
    legs = _parse_legs(p, p.tables(doc, "leg"), declared_sites, member_sites)
    zones = {s.id: s.timezone for s in sites}
    member_zone = {m: zones.get(s, "UTC") for m, s in member_sites.items()}
    overrides = _parse_overrides(p, p.tables(doc, "override"), member_zone)
    unavailable = _parse_unavailable(p, p.tables(doc, "unavailable"), member_zone)
    if p.problems:
        raise TeamFileError(p.problems)
    team = Team(name or "", overlap or timedelta(0), tuple(sites), tuple(members), tuple(legs),
                tuple(overrides), tuple(unavailable))
    return LoadResult(team, tuple(p.warnings))


def _declared(items: list[dict]) -> set[str]:
    return {it["id"] for it in items if isinstance(it.get("id"), str)}


def _check_unique(p: _Parser, table: str, items: list[dict]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in seen:
                p.problem(table, i, item, "id", f"duplicate id {ident!r}")
            seen.add(ident)


def _parse_sites(p: _Parser, items: list[dict]) -> list[Site]:
    _check_unique(p, "site", items)
    sites = []
    for i, it in enumerate(items):
        ident = p.field("site", i, it, "id", _ident)
        zone = p.field("site", i, it, "timezone", tz.check_zone)
        hol = p.field("site", i, it, "holidays", check_code, required=False)
        wh = p.field("site", i, it, "working_hours", parse_window, required=False, default=DEFAULT_WORKING_HOURS)
        wd = p.field("site", i, it, "workdays", parse_weekdays, required=False, default=WORKDAYS)
        name = p.field("site", i, it, "name", _text, required=False, default=ident)
        if wh is not None and wh.crosses_midnight:
            p.problem("site", i, it, "working_hours", f"{it['working_hours']!r} ends before it starts (working hours cannot cross midnight)")
        if None not in (ident, zone, wh, wd, name):
            sites.append(Site(ident, name, zone, hol, wh, wd))
    return sites


def _parse_members(p: _Parser, items: list[dict], site_ids: set[str]) -> list[Member]:
    """Members whose fields parse; ``site_ids`` are the declared site ids."""
    _check_unique(p, "member", items)
    members = []
    for i, it in enumerate(items):
        ident = p.field("member", i, it, "id", _ident)
        site = p.field("member", i, it, "site", _text)
        name = p.field("member", i, it, "name", _text, required=False, default=ident)
        email = p.field("member", i, it, "email", _text, required=False)
        if site is not None and site not in site_ids:
            p.problem("member", i, it, "site", f"unknown site {site!r}")
            continue
        if None not in (ident, site, name):
            members.append(Member(ident, name, site, email))
    return members


def _parse_legs(p: _Parser, items: list[dict], sites: set[str], member_sites: dict[str, str]) -> list[Leg]:
    legs: list[Leg] = []
    taken: set[str] = {it["id"] for it in items if isinstance(it.get("id"), str)}
    seen: set[str] = set()
    for i, it in enumerate(items):
        site = p.field("leg", i, it, "site", _text)
        window = p.field("leg", i, it, "window", parse_window)
        days = p.field("leg", i, it, "days", parse_weekdays, required=False, default=ALL_DAYS)
        rotation = p.field("leg", i, it, "rotation", _rotation)
        cadence = p.field("leg", i, it, "cadence", parse_cadence, required=False, default=Cadence.weekly())
        handoff_day = p.field("leg", i, it, "handoff_day", parse_weekday, required=False)
        start = p.field("leg", i, it, "start", parse_date)
        end = p.field("leg", i, it, "end", parse_date, required=False)
        ident = p.field("leg", i, it, "id", _ident, required=False)
        if site is not None and site not in sites:
            p.problem("leg", i, it, "site", f"unknown site {site!r}")
            site = None
        if ident is None and site is not None and "id" not in it:
            ident = next_leg_id(site, taken | seen)
        if ident in seen:
            p.problem("leg", i, it, "id", f"duplicate leg id {ident!r}")
        seen.add(ident)
        if start is not None and end is not None and end <= start:
            p.problem("leg", i, it, "end", f"{end} is not after start {start}")
        if handoff_day is not None and cadence is not None and cadence.kind.value != "weekly":
            p.warn("leg", i, it, "handoff_day", f"only used with cadence \"weekly\", ignored for {cadence}")
            handoff_day = None
        if window is not None and window.start == window.end:
            p.warn("leg", i, it, "window", f"{it['window']!r} starts and ends at the same time: read as 24 hours")
        if rotation is not None:
            _check_rotation(p, i, it, rotation, site, member_sites)
        if None not in (site, window, days, rotation, cadence, start, ident):
            legs.append(Leg(ident, site, window, rotation, cadence, start, days, handoff_day, end))
    return legs


def _check_rotation(p: _Parser, i: int, it: dict, rotation: tuple[str, ...], site: str | None,
                    member_sites: dict[str, str]) -> None:
    seen: set[str] = set()
    for member in rotation:
        if member not in member_sites:
            p.problem("leg", i, it, "rotation", f"unknown member {member!r}")
        elif site is not None and member_sites[member] != site:
            p.warn("leg", i, it, "rotation", f"member {member!r} belongs to site {member_sites[member]!r}, not {site!r} (allowed)")
        if member in seen:
            p.warn("leg", i, it, "rotation", f"member {member!r} is listed more than once")
        seen.add(member)


def _zone_for(p: _Parser, table: str, i: int, it: dict, member_zone: dict[str, str], member: str | None) -> str | None:
    if "timezone" in it:
        return p.field(table, i, it, "timezone", tz.check_zone)
    return member_zone.get(member or "", "UTC")


def _member_ref(p: _Parser, table: str, i: int, it: dict, key: str, member_zone: dict[str, str], required=True) -> str | None:
    member = p.field(table, i, it, key, _text, required=required)
    if member is not None and member not in member_zone:
        p.problem(table, i, it, key, f"unknown member {member!r}")
        return None
    return member


def _span(p: _Parser, table: str, i: int, it: dict, zone: str | None):
    if zone is None:
        return None, None, False
    start = p.field(table, i, it, "start", lambda v: parse_instant(v, zone))
    end = p.field(table, i, it, "end", lambda v: parse_instant(v, zone))
    if start and end and end[0] <= start[0]:
        p.problem(table, i, it, "end", f"{it['end']} is not after start {it['start']}")
        return None, None, False
    if not start or not end:
        return None, None, False
    return start[0], end[0], start[1] and end[1]


def _parse_overrides(p: _Parser, items: list[dict], member_zone: dict[str, str]) -> list[Override]:
    out = []
    for i, it in enumerate(items):
        member = _member_ref(p, "override", i, it, "member", member_zone)
        replaces = _member_ref(p, "override", i, it, "replaces", member_zone, required=False)
        if member is not None and replaces == member:
            p.problem("override", i, it, "replaces", f"{member!r} cannot replace themselves")
        zone = _zone_for(p, "override", i, it, member_zone, member)
        start, end, _ = _span(p, "override", i, it, zone)
        note = p.field("override", i, it, "note", _text, required=False)
        if member and start and end:
            out.append(Override(member, start, end, replaces, it.get("timezone") and zone, note))
    return out


def _parse_unavailable(p: _Parser, items: list[dict], member_zone: dict[str, str]) -> list[Unavailability]:
    out = []
    for i, it in enumerate(items):
        member = _member_ref(p, "unavailable", i, it, "member", member_zone)
        zone = _zone_for(p, "unavailable", i, it, member_zone, member)
        start, end, all_day = _span(p, "unavailable", i, it, zone)
        reason = p.field("unavailable", i, it, "reason", _text, required=False)
        if member and start and end:
            out.append(Unavailability(member, start, end, reason, all_day, it.get("timezone") and zone))
    return out


def load_team_file(path: str | Path) -> LoadResult:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TeamFileError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TeamFileError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    return parse_team(text, str(path))


# ---------------------------------------------------------------- the writer


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _days(days: frozenset[int]) -> str:
    return "[" + ", ".join(_q(WEEKDAYS[d]) for d in sorted(days)) + "]"


def _wall(instant: datetime, zone: str, as_date: bool) -> str:
    """The shortest spelling that reads back as the same instant in ``zone``."""
    local = tz.to_local(zone, instant)
    if as_date and local.time() == time(0) and tz.resolve_date(zone, local.date()) == instant:
        return _q(local.date().isoformat())
    if tz.resolve(zone, local) == instant:
        return _q(local.strftime("%Y-%m-%dT%H:%M" + (":%S" if local.second else "")))
    return _q(tz.to_local_aware(zone, instant).isoformat())


def dump_team(team: Team) -> str:
    """A team file for ``team``; ``parse_team(dump_team(t))`` gives an equal team."""
    out = [f"version = {FORMAT_VERSION}", "", "[team]", f"name = {_q(team.name)}",
           f"handoff_overlap = {_q(format_duration(team.handoff_overlap))}"]
    for s in team.sites:
        out += ["", "[[site]]", f"id = {_q(s.id)}", f"name = {_q(s.name)}", f"timezone = {_q(s.timezone)}"]
        if s.holidays:
            out.append(f"holidays = {_q(s.holidays)}")
        if s.working_hours != DEFAULT_WORKING_HOURS:
            out.append(f"working_hours = {_q(str(s.working_hours))}")
        if s.workdays != WORKDAYS:
            out.append(f"workdays = {_days(s.workdays)}")
    for m in team.members:
        out += ["", "[[member]]", f"id = {_q(m.id)}", f"name = {_q(m.name)}"]
        if m.email:
            out.append(f"email = {_q(m.email)}")
        out.append(f"site = {_q(m.site)}")
    for leg in team.legs:
        out += _dump_leg(leg)
    for ov in team.overrides:
        zone = ov.timezone or team.member_zone(ov.member)
        out += ["", "[[override]]", f"member = {_q(ov.member)}"]
        if ov.replaces:
            out.append(f"replaces = {_q(ov.replaces)}")
        if ov.timezone:
            out.append(f"timezone = {_q(ov.timezone)}")
        out += [f"start = {_wall(ov.start, zone, False)}", f"end = {_wall(ov.end, zone, False)}"]
        if ov.note:
            out.append(f"note = {_q(ov.note)}")
    for u in team.unavailable:
        zone = u.timezone or team.member_zone(u.member)
        out += ["", "[[unavailable]]", f"member = {_q(u.member)}"]
        if u.timezone:
            out.append(f"timezone = {_q(u.timezone)}")
        out += [f"start = {_wall(u.start, zone, u.all_day)}", f"end = {_wall(u.end, zone, u.all_day)}"]
        if u.reason:
            out.append(f"reason = {_q(u.reason)}")
    return "\n".join(out) + "\n"


def _dump_leg(leg: Leg) -> list[str]:
    lines = ["", "[[leg]]", f"id = {_q(leg.id)}", f"site = {_q(leg.site)}",
             f"window = {_q(format_hhmm(leg.window.start) + '-' + format_hhmm(leg.window.end))}"]
    if leg.days != ALL_DAYS:
        lines.append(f"days = {_days(leg.days)}")
    lines += [
        "rotation = [" + ", ".join(_q(m) for m in leg.rotation) + "]",
        f"cadence = {_q(str(leg.cadence))}",
    ]
    if leg.cadence.kind.value == "weekly" and leg.handoff_day is not None:
        lines.append(f"handoff_day = {_q(WEEKDAYS[leg.handoff_day])}")
    lines.append(f"start = {_q(leg.start.isoformat())}")
    if leg.end:
        lines.append(f"end = {_q(leg.end.isoformat())}")
    return lines
