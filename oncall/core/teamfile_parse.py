"""Reading a team file: TOML text -> raw values per key -> model values -> the one rule check.

Parsing collects every problem it finds and reports them together, each naming the file, the
table, the key and the problem, so a lead fixes a file in one pass instead of one traceback at
a time. Converting a key is one line (``r.get("key", converter)``) in the table's function
below, and a key that no function asks for is reported as unknown; the rules that relate values
to each other live in :mod:`oncall.core.team_rules`, shared with the editors.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

from . import team_rules as rules
from . import timezones as tz
from .holiday_calendar import UnknownHolidayCalendar, check_code
from .limits import MAX_FILE_BYTES
from .model import Adjustment, Cadence, Leg, Member, Override, Site, Team, Unavailability, next_leg_id
from .teamfile_values import (
    parse_bool, parse_cadence, parse_date, parse_duration, parse_ident, parse_rotation, parse_text,
    parse_wall, parse_weekday, parse_weekdays, parse_window, resolve_wall,
)

FORMAT_VERSION = 1
TABLES = ("site", "member", "leg", "override", "unavailable", "adjustment")
TOP_LEVEL = {"version", "team", *TABLES}
MISSING: Any = object()  # a key absent from the file: the model's default applies


class TeamFileError(ValueError):
    """A team file that cannot be used; ``problems`` lists every message found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadResult:
    team: Team
    warnings: tuple[str, ...] = ()


@dataclass
class _Parser:
    source: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def where(self, table: str, index: int | None, item: dict | None, key: str | None) -> str:
        item = item or {}
        label = f"[{table}]" if index is None else f"[[{table}]] #{index + 1}"
        ident = item.get("id") if table in ("site", "member", "leg") else None
        if ident is None and table == "leg" and isinstance(item.get("site"), str):
            label += f" (site {item['site']!r})"
        if ident is None and table in ("override", "unavailable") and item.get("member") is not None:
            label += f" (member {item['member']!r})"
        if table == "adjustment" and isinstance(item.get("leg"), str):
            label += f" (leg {item['leg']!r})"
        if isinstance(ident, str):
            label += f" (id {ident!r})"
        return f"{self.source}: {label}" + (f", key {key!r}" if key else "")

    def report(self, table: str, index: int | None, item: dict | None, key: str | None, message: str,
               warning: bool = False) -> None:
        (self.warnings if warning else self.problems).append(f"{self.where(table, index, item, key)}: {message}")

    def tables(self, doc: dict, name: str) -> list[dict]:
        value = doc.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report(name, None, None, None, f"must be written as [[{name}]] tables")
            return []
        return value


@dataclass
class _Record:
    """One table of the file: converts keys on request and remembers which keys were asked."""

    p: _Parser
    table: str
    index: int | None
    item: dict
    failed: bool = False
    asked: set[str] = field(default_factory=set)

    def get(self, key: str, conv: Callable[[Any], Any], *, required: bool = False, default: Any = MISSING) -> Any:
        self.asked.add(key)
        if key not in self.item:
            if required:
                self.problem(key, "missing")
            return default
        try:
            return conv(self.item[key])
        except (ValueError, TypeError, tz.UnknownTimeZone, UnknownHolidayCalendar) as exc:
            self.problem(key, str(exc))
            return None

    def problem(self, key: str | None, message: str) -> None:
        self.failed = True
        self.p.report(self.table, self.index, self.item, key, message)

    def warn(self, key: str | None, message: str) -> None:
        self.p.report(self.table, self.index, self.item, key, message, warning=True)

    def build(self, cls: type, **values: Any) -> Any:
        """``cls(**values)`` without the absent keys, or None when a key failed."""
        for key in self.item:
            if key not in self.asked:
                self.warn(key, "unknown key, ignored")
        if self.failed:
            return None
        return cls(**{k: v for k, v in values.items() if v is not MISSING})


def _toml(text: str, source: str) -> dict:
    if len(text) > MAX_FILE_BYTES:
        raise TeamFileError([f"{source}: larger than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TeamFileError([f"{source}: not valid TOML: {exc}"]) from None
    except RecursionError:
        raise TeamFileError([f"{source}: not a team file: arrays or tables nested too deeply"]) from None


def parse_team(text: str, source: str = "<team file>") -> LoadResult:
    """Parse and validate a team file's text; raise TeamFileError listing every problem."""
    doc = _toml(text, source)
    p = _Parser(source)
    version = doc.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            p.problems.append(f"{source}: key 'version': {version} is newer than this app understands ({FORMAT_VERSION}); upgrade oncall")
        else:
            p.problems.append(f"{source}: key 'version': {version!r} is not a supported version (use {FORMAT_VERSION})")
    for key in doc:
        if key not in TOP_LEVEL:
            p.warnings.append(f"{source}: top-level key {key!r}: unknown, ignored")
    team_table = doc.get("team")
    has_team = isinstance(team_table, dict)
    if not has_team:
        what = "missing" if team_table is None else "not a table"
        p.problems.append(f"{source}: [team]: {what} (it needs at least name = \"...\")")
        team_table = {}
    r = _Record(p, "team", None, team_table)
    name = r.get("name", parse_text, required=has_team, default="")
    overlap = r.get("handoff_overlap", parse_duration, default=timedelta(0))
    r.build(dict)  # reports the table's unknown keys
    if has_team and not r.failed:
        for f in rules.team_settings_findings(name, overlap):
            r.warn(f.key, f.message) if f.warning else r.problem(f.key, f.message)

    items = {table: p.tables(doc, table) for table in TABLES}
    # References are checked against every id a table declares, valid or not, so one broken
    # site yields one message instead of one per member and leg that names it.
    known = rules.Known(frozenset(_declared(items["site"])),
                        {it["id"]: it.get("site") for it in items["member"] if isinstance(it.get("id"), str)})
    sites = _each(p, "site", items["site"], lambda r, seen: _site(r), lambda s, seen, it: rules.site_findings(s, seen))
    members = _each(p, "member", items["member"], lambda r, seen: _member(r),
                    lambda m, seen, it: rules.member_findings(m, known, seen))
    leg_ids = _declared(items["leg"])
    legs = _each(p, "leg", items["leg"], lambda r, seen: _leg(r, leg_ids | seen),
                 lambda lg, seen, it: rules.leg_findings(lg, known, seen))
    zones = {s.id: s.timezone for s in sites}
    member_zone = {m.id: zones.get(m.site, "UTC") for m in members}
    overrides = _each(p, "override", items["override"], lambda r, seen: _override(r, member_zone),
                      lambda o, seen, it: _span_check(rules.override_findings(o, known, seen), it))
    unavailable = _each(p, "unavailable", items["unavailable"], lambda r, seen: _time_off(r, member_zone),
                        lambda u, seen, it: _span_check(rules.time_off_findings(u, known, seen), it))
    adjustments = _adjustments(p, items["adjustment"], {lg.id for lg in legs} | leg_ids)
    if p.problems:
        raise TeamFileError(p.problems)
    team = Team(name, overlap, tuple(sites), tuple(members), tuple(legs), tuple(overrides), tuple(unavailable),
                tuple(adjustments))
    return LoadResult(team, tuple(p.warnings))


def _declared(items: list[dict]) -> set[str]:
    return {it["id"] for it in items if isinstance(it.get("id"), str)}


def _each(p: _Parser, table: str, items: list[dict], make: Callable, check: Callable) -> list:
    """Build each record of ``table`` with ``make`` and report what the rules find in it."""
    out = []
    seen: set[str] = set()
    for i, it in enumerate(items):
        r = _Record(p, table, i, it)
        value = make(r, seen)
        ident = getattr(value, "id", None) if value is not None else it.get("id")
        if value is not None:
            for f in check(value, seen, it):
                r.warn(f.key, f.message) if f.warning else r.problem(f.key, f.message)
            out.append(value)
        if isinstance(ident, str):
            seen.add(ident)
    return out


def _span_check(findings: list[rules.Finding], item: dict) -> list[rules.Finding]:
    """Name the end-before-start problem with the values as written."""
    return [rules.Finding("end", f"{item.get('end')} is not after start {item.get('start')}")
            if f.key == "end" and f.message == "must be after the start" else f for f in findings]


def _site(r: _Record) -> Site | None:
    ident = r.get("id", parse_ident, required=True)
    return r.build(
        Site, id=ident, timezone=r.get("timezone", tz.check_zone, required=True),
        name=r.get("name", parse_text, default=ident),
        holidays=r.get("holidays", lambda v: check_code(parse_text(v))),
        working_hours=r.get("working_hours", parse_window),
        workdays=r.get("workdays", parse_weekdays),
    )


def _member(r: _Record) -> Member | None:
    ident = r.get("id", parse_ident, required=True)
    return r.build(
        Member, id=ident, site=r.get("site", parse_text, required=True),
        name=r.get("name", parse_text, default=ident),
        email=r.get("email", parse_text),
        alarms=r.get("alarms", parse_bool),
    )


def _leg(r: _Record, taken: set[str]) -> Leg | None:
    site = r.get("site", parse_text, required=True)
    ident = r.get("id", parse_ident)
    if ident is MISSING:
        ident = next_leg_id(site, taken) if isinstance(site, str) else None
    cadence = r.get("cadence", parse_cadence, default=Cadence.weekly())
    handoff_day = r.get("handoff_day", parse_weekday)
    if handoff_day not in (MISSING, None) and cadence is not None and cadence.kind.value != "weekly":
        r.warn("handoff_day", f"only used with cadence \"weekly\", ignored for {cadence}")
        handoff_day = MISSING
    return r.build(
        Leg, id=ident, site=site, cadence=cadence, handoff_day=handoff_day,
        window=r.get("window", parse_window, required=True),
        rotation=r.get("rotation", parse_rotation, required=True),
        start=r.get("start", parse_date, required=True),
        days=r.get("days", parse_weekdays),
        end=r.get("end", parse_date),
    )


def _span(r: _Record, member_zone: dict[str, str], member: Any) -> tuple[Any, Any, Any, bool]:
    """(zone as written or MISSING, start, end, all_day) with wall values resolved."""
    zone = r.get("timezone", tz.check_zone)
    start = r.get("start", parse_wall, required=True)
    end = r.get("end", parse_wall, required=True)
    if r.failed:
        return zone, None, None, False
    used = zone if zone is not MISSING else member_zone.get(member if isinstance(member, str) else "", "UTC")
    (start, start_is_date), (end, end_is_date) = resolve_wall(start, used), resolve_wall(end, used)
    return zone, start, end, start_is_date and end_is_date


def _override(r: _Record, member_zone: dict[str, str]) -> Override | None:
    member = r.get("member", parse_text, required=True)
    zone, start, end, _ = _span(r, member_zone, member)
    return r.build(
        Override, member=member, start=start, end=end, timezone=zone,
        replaces=r.get("replaces", parse_text),
        note=r.get("note", parse_text),
        id=r.get("id", parse_ident),
    )


def _time_off(r: _Record, member_zone: dict[str, str]) -> Unavailability | None:
    member = r.get("member", parse_text, required=True)
    zone, start, end, all_day = _span(r, member_zone, member)
    return r.build(
        Unavailability, member=member, start=start, end=end, timezone=zone, all_day=all_day,
        reason=r.get("reason", parse_text),
        id=r.get("id", parse_ident),
    )


def _adjustments(p: _Parser, items: list[dict], leg_ids: set[str]) -> list[Adjustment]:
    """Every ``[[adjustment]]``; overlaps are judged against the ones listed before each."""
    out: list[Adjustment] = []
    records: list[_Record] = []
    for i, it in enumerate(items):
        r = _Record(p, "adjustment", i, it)
        value = r.build(
            Adjustment, leg=r.get("leg", parse_text, required=True),
            start=r.get("from", parse_date, required=True), end=r.get("to", parse_date, required=True),
            window=r.get("window", parse_window, required=True), reason=r.get("reason", parse_text),
        )
        if value is not None:
            out.append(value)
            records.append(r)
    for i, r in enumerate(records):
        for f in rules.adjustment_findings(out, i, leg_ids):
            r.problem(f.key, f.message)
    return out


def read_text_file(path: str | Path, what: str = "file") -> str:
    """A UTF-8 text file read with the size limit; TeamFileError with one message otherwise."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TeamFileError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise TeamFileError([f"{path}: larger than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MB for a {what}"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TeamFileError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None


def load_team_file(path: str | Path) -> LoadResult:
    return parse_team(read_text_file(path, "team file"), str(Path(path)))
