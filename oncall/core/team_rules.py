"""The one set of team rules: what makes a site, member, leg, override, time off or adjustment valid.

The team-file parser, the GUI editors (through :mod:`oncall.viewmodels.team_edits`) and the
services all ask these functions, so a team that loads can always be edited and an edit can
never produce a team that would not load. A :class:`Finding` is either an error (the value
is refused everywhere) or a warning (it is kept everywhere and shown to the user).

Errors are what would make the schedule wrong or an edit impossible: unknown references,
duplicate ids, a member listed twice in one rotation (their turns would be ambiguous and the
rotation editor could not address them), blank names, times outside the day, spans that end
before they start, zones or holiday calendars that do not exist, values beyond
:mod:`oncall.core.limits`. Warnings are things a lead may mean: a member from another site in
a rotation, a window whose start equals its end (read as 24 hours).
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence
from datetime import datetime, timedelta

from . import timezones as tz
from .holiday_calendar import UnknownHolidayCalendar, check_code
from .limits import MAX_OVERLAP, MAX_YEAR, MIN_YEAR
from .adjustments import item_problems
from .model import ID_PATTERN, Adjustment, Leg, Member, Override, Site, Team, Unavailability


@dataclass(frozen=True)
class Finding:
    """One rule a value breaks: ``key`` is the team-file key it is about."""

    key: str
    message: str
    warning: bool = False


@dataclass(frozen=True)
class Known:
    """What references may name: site ids, and each member's site."""

    sites: frozenset[str]
    member_sites: dict[str, str]

    @staticmethod
    def of(team: Team) -> "Known":
        return Known(frozenset(s.id for s in team.sites), {m.id: m.site for m in team.members})


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.warning]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.warning]


def _id_rules(kind: str, ident: str | None, taken: set[str] | frozenset[str]) -> list[Finding]:
    if not isinstance(ident, str) or not ID_PATTERN.fullmatch(ident):
        return [Finding("id", "use lowercase letters, digits, '_' and '-'")]
    if ident in taken:
        return [Finding("id", f"duplicate id {ident!r}: a {kind} {ident!r} already exists")]
    return []


def _name_rules(name: str) -> list[Finding]:
    return [] if name.strip() else [Finding("name", "required (not blank)")]


def team_settings_findings(name: str, overlap: timedelta) -> list[Finding]:
    found = _name_rules(name)
    if overlap < timedelta(0) or overlap > MAX_OVERLAP:
        found.append(Finding("handoff_overlap", f"must be between 0 and {MAX_OVERLAP.seconds // 3600} hours"))
    return found


def site_findings(site: Site, taken: set[str] | frozenset[str]) -> list[Finding]:
    """``taken``: the ids of the team's other sites."""
    found = _id_rules("site", site.id, taken) + _name_rules(site.name)
    try:
        tz.check_zone(site.timezone)
    except tz.UnknownTimeZone as exc:
        found.append(Finding("timezone", str(exc)))
    if site.holidays:
        try:
            check_code(site.holidays)
        except UnknownHolidayCalendar as exc:
            found.append(Finding("holidays", str(exc)))
    if site.working_hours.crosses_midnight:
        found.append(Finding("working_hours", f"{str(site.working_hours)!r} must end after it starts "
                                              "(working hours cannot cross midnight)"))
    if not site.workdays:
        found.append(Finding("workdays", "pick at least one day"))
    return found


def member_findings(member: Member, known: Known, taken: set[str] | frozenset[str]) -> list[Finding]:
    """``taken``: the ids of the team's other members."""
    found = _id_rules("member", member.id, taken) + _name_rules(member.name)
    if member.site not in known.sites:
        found.append(Finding("site", f"unknown site {member.site!r}"))
    if member.email and "@" not in member.email:
        found.append(Finding("email", f"{member.email!r} is not an email address"))
    return found


def leg_findings(leg: Leg, known: Known, taken: set[str] | frozenset[str]) -> list[Finding]:
    """``taken``: the ids of the team's other legs."""
    found = _id_rules("leg", leg.id, taken)
    if leg.site not in known.sites:
        found.append(Finding("site", f"unknown site {leg.site!r}"))
    found += _rotation_rules(leg, known)
    if not leg.days:
        found.append(Finding("days", "pick at least one weekday"))
    if leg.end is not None and leg.end <= leg.start:
        found.append(Finding("end", f"{leg.end} is not after start {leg.start}"))
    if not MIN_YEAR <= leg.start.year <= MAX_YEAR or (leg.end and not MIN_YEAR <= leg.end.year <= MAX_YEAR):
        found.append(Finding("start", f"dates must lie in the supported years {MIN_YEAR}-{MAX_YEAR}"))
    if leg.cadence.days < 1:
        found.append(Finding("cadence", "every N days needs N >= 1"))
    if not (0 <= leg.window.start < 1440 and 0 <= leg.window.end <= 1440):
        found.append(Finding("window", "times must lie within the day"))
    elif leg.window.start == leg.window.end:
        found.append(Finding("window", f"{str(leg.window)!r} starts and ends at the same time: read as 24 hours",
                             warning=True))
    return found


def _rotation_rules(leg: Leg, known: Known) -> list[Finding]:
    if not leg.rotation:
        return [Finding("rotation", "add at least one member")]
    found = []
    seen: set[str] = set()
    for member in leg.rotation:
        if member not in known.member_sites:
            found.append(Finding("rotation", f"unknown member {member!r}"))
        elif member in seen:
            found.append(Finding("rotation", f"member {member!r} is listed twice (list each member once)"))
        elif leg.site in known.sites and known.member_sites[member] != leg.site:
            found.append(Finding("rotation", f"member {member!r} belongs to site {known.member_sites[member]!r}, "
                                             f"not {leg.site!r} (allowed)", warning=True))
        seen.add(member)
    return found


def span_findings(member: str, start: datetime, end: datetime, known: Known, replaces: str | None = None,
                  start_text: object = None, end_text: object = None) -> list[Finding]:
    """An override (``replaces`` may be set) or time off for ``member`` in [start, end).

    ``start_text``/``end_text``: the values as the user wrote them, for the message.
    """
    found = []
    if member not in known.member_sites:
        found.append(Finding("member", f"unknown member {member!r}"))
    if replaces is not None:
        if replaces not in known.member_sites:
            found.append(Finding("replaces", f"unknown member {replaces!r}"))
        elif replaces == member:
            found.append(Finding("replaces", f"{member!r} cannot replace themselves"))
    if end <= start:
        written = f"{end_text} is not after start {start_text}" if start_text is not None else "must be after the start"
        found.append(Finding("end", written))
    for key, instant in (("start", start), ("end", end)):
        if not MIN_YEAR <= instant.year <= MAX_YEAR:
            found.append(Finding(key, f"{instant:%Y-%m-%d} is outside the supported years {MIN_YEAR}-{MAX_YEAR}"))
    return found


def override_findings(ov: Override, known: Known, taken_ids: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    found = span_findings(ov.member, ov.start, ov.end, known, ov.replaces)
    if ov.id is not None:
        found += _id_rules("override", ov.id, taken_ids)
    return found


def time_off_findings(entry: Unavailability, known: Known,
                      taken_ids: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    found = span_findings(entry.member, entry.start, entry.end, known)
    if entry.id is not None:
        found += _id_rules("time-off entry", entry.id, taken_ids)
    return found


def adjustment_findings(items: Sequence[Adjustment], index: int, leg_ids: set[str] | frozenset[str]) -> list[Finding]:
    """``items[index]`` against the team's legs and the adjustments listed before it."""
    a = items[index]
    found = [Finding(key, message) for key, message in item_problems(items, index, leg_ids)]
    for key, day in (("from", a.start), ("to", a.end)):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            found.append(Finding(key, f"{day:%Y-%m-%d} is outside the supported years {MIN_YEAR}-{MAX_YEAR}"))
    return found


def team_findings(team: Team) -> list[tuple[str, Finding]]:
    """Every rule the whole team breaks, each with a label of the record (for services)."""
    known = Known.of(team)
    out: list[tuple[str, Finding]] = [("team", f) for f in team_settings_findings(team.name, team.handoff_overlap)]

    def each(label, items, check, ident):
        seen: set[str] = set()
        for i, item in enumerate(items):
            for f in check(item, seen):
                out.append((f"{label} #{i + 1}", f))
            if ident(item) is not None:
                seen.add(ident(item))

    each("site", team.sites, site_findings, lambda s: s.id)
    each("member", team.members, lambda m, seen: member_findings(m, known, seen), lambda m: m.id)
    each("leg", team.legs, lambda lg, seen: leg_findings(lg, known, seen), lambda lg: lg.id)
    each("override", team.overrides, lambda o, seen: override_findings(o, known, seen), lambda o: o.id)
    each("time off", team.unavailable, lambda u, seen: time_off_findings(u, known, seen), lambda u: u.id)
    leg_ids = frozenset(lg.id for lg in team.legs)
    for i in range(len(team.adjustments)):
        out += [(f"adjustment #{i + 1}", f) for f in adjustment_findings(team.adjustments, i, leg_ids)]
    return out


def problems(team: Team) -> list[str]:
    """The errors of a whole team as ``record, key: message`` lines (empty: the team is valid).

    Services call this before they store a team they built themselves (a plan, an import),
    so nothing reaches a database that the team file or the editors would refuse.
    """
    return [f"{label}, {f.key}: {f.message}" for label, f in team_findings(team) if not f.warning]
