"""Use case: migrate a schedule from PagerDuty, Opsgenie or Grafana OnCall into a team, and prove it.

Reads the JSON documents the tool's REST API returns (saved by the user; oncall never goes
online), builds the team, lists every approximation, and, given the tool's rendered
timeline, compares who is on call instant by instant. Both faces call this; nothing is
written until the caller asks for a team file or a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from oncall.core import team_rules
from oncall.core.model import Override, Team
from oncall.core.schedule import compute_schedule
from oncall.imports.schedules import grafana, opsgenie, pagerduty
from oncall.imports.schedules.documents import Document, ScheduleImportError, load_json
from oncall.imports.schedules.proof import Proof, prove
from oncall.imports.schedules.report import ImportReport
from oncall.imports.schedules.rotations import RenderedShift
from oncall.imports.schedules.to_team import build_team

TOOLS = {"pagerduty": pagerduty, "opsgenie": opsgenie, "grafana": grafana}
LAYERED = {"pagerduty", "grafana"}  # a higher layer/level hides a lower one in these tools
MAX_WEEKS = 104

__all__ = ["ScheduleImport", "ScheduleImportError", "TOOLS", "import_schedule", "write_team_file"]


@dataclass
class ScheduleImport:
    team: Team
    report: ImportReport
    member_of: dict[str, str]  # tool user id -> member id
    proof: Proof | None = None
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        t = self.team
        out = [f"Team {t.name!r}: {_count(t.sites, 'site')}, {_count(t.members, 'member')}, "
               f"{_count(t.legs, 'leg')}, {_count(t.overrides, 'override')}."]
        out += self.report.lines()
        if self.proof is not None:
            out += proof_lines(self.proof, self.team)
        return out

    def as_json(self) -> dict:
        t = self.team
        return {"team": {"name": t.name, "sites": len(t.sites), "members": len(t.members), "legs": len(t.legs),
                         "overrides": len(t.overrides)},
                "members": self.member_of, "report": self.report.as_json(),
                "proof": None if self.proof is None else self.proof.as_json()}


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def proof_lines(proof: Proof, team: Team) -> list[str]:
    if proof.matches:
        return [f"Matches {proof.tool}'s own timeline: {proof.matched} of {proof.total} shifts "
                f"({proof.start:%Y-%m-%d} to {proof.end:%Y-%m-%d})."]
    from oncall.core import timezones as tz

    out = [f"Differs from {proof.tool}'s own timeline: {proof.matched} of {proof.total} shifts match "
           f"({proof.start:%Y-%m-%d} to {proof.end:%Y-%m-%d}); {_count(proof.differences, 'difference')}:"]
    for d in proof.differences:
        zone = team.member_zone(d.member) if team.has_member(d.member) else "UTC"
        name = team.member(d.member).name if team.has_member(d.member) else d.member
        local = f"{tz.to_local(zone, d.start):%a %d %b %H:%M} to {tz.to_local(zone, d.end):%a %d %b %H:%M} {zone}"
        out.append(f"  {name}: on call only in {d.only_in}, {local} "
                   f"({d.start:%Y-%m-%d %H:%M}Z to {d.end:%Y-%m-%d %H:%M}Z)")
    return out


def import_schedule(tool: str, schedule: str | Path, *, timeline: str | Path | None = None,
                    shifts: str | Path | None = None, weeks: int = 8) -> ScheduleImport:
    """The team a tool's schedule describes, its import report, and the proof against a timeline."""
    module = TOOLS.get(tool)
    if module is None:
        raise ScheduleImportError(f"unknown tool {tool!r}: pagerduty, opsgenie or grafana")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ScheduleImportError(f"--weeks must be between 1 and {MAX_WEEKS}")
    report = ImportReport(module.TOOL)
    doc = load_json(schedule, module.TOOL)
    if tool == "grafana":
        if shifts is None:
            raise ScheduleImportError("Grafana OnCall: give the shifts too (--shifts ON_CALL_SHIFTS.json, "
                                      "the response of GET /api/v1/on_call_shifts/)")
        name, rotations, users, overrides = module.read_schedule(doc, load_json(shifts, module.TOOL), report)
    else:
        name, rotations, users, overrides = module.read_schedule(doc, report)
    rendered = module.read_timeline(load_json(timeline, module.TOOL), users) if timeline is not None else None
    if not rotations:
        raise doc.fail("nothing to import: no rotation with users")
    built = build_team(name, rotations, users, report, others=[o.user for o in overrides] + list(users))
    team, member_of = built.team, built.member_of
    team = _with_overrides(team, overrides, member_of, report)
    if tool in LAYERED:
        _report_layer_overlaps(team, built.source, report, module.TOOL)
    _validate(team, doc)
    proof = prove(team, rendered, member_of, module.TOOL, weeks) if rendered else None
    return ScheduleImport(team, report, member_of, proof)


def _with_overrides(team: Team, overrides: list[RenderedShift], member_of: dict[str, str],
                    report: ImportReport) -> Team:
    """The tool's overrides replace whoever the rota puts on call then (one override per person)."""
    added: list[Override] = []
    for entry in overrides:
        member = member_of.get(entry.user)
        if member is None:
            report.drop(f"an override for user {entry.user}, who is in no rotation")
            continue
        replaced = sorted({s.member for s in compute_schedule(team, entry.start, entry.end).shifts} - {member})
        for other in replaced or [None]:
            added.append(Override(member=member, start=entry.start, end=entry.end, replaces=other,
                                  note="imported override"))
        report.map(f"override {entry.start:%Y-%m-%d %H:%M}Z to {entry.end:%Y-%m-%d %H:%M}Z -> {member}"
                   + (f" instead of {', '.join(replaced)}" if replaced else " on top of the rota"))
    return team.evolve(overrides=team.overrides + tuple(added)) if added else team


def _report_layer_overlaps(team: Team, source: dict, report: ImportReport, tool: str) -> None:
    """Where two layers of different levels are on call at once the tool shows only the higher one.

    One sweep over the shifts in start order (each compared only with the shifts still running),
    so a layer of one-minute turns (1,440 legs) costs seconds, not the hours every pair of legs took.
    """
    if len(team.legs) < 2:
        return
    first = min(leg.start for leg in team.legs)
    start = datetime(first.year, first.month, first.day, tzinfo=timezone.utc)
    shifts = sorted(compute_schedule(team, start, start + timedelta(weeks=2)).shifts, key=lambda s: s.start)
    pairs: set[tuple[str, str]] = set()
    running: list = []
    for shift in shifts:
        running = [r for r in running if r.end > shift.start]
        for other in running:
            if other.leg != shift.leg and source[other.leg].level != source[shift.leg].level \
                    and other.start < shift.end:  # the same level: the tool puts both on call too
                pairs.add((min(other.leg, shift.leg), max(other.leg, shift.leg)))
        running.append(shift)
    for a, b in sorted(pairs):
        report.approximate(f"legs {a!r} and {b!r} are on call at the same time; {tool} shows only the "
                           "higher layer then, oncall keeps both on call (an overlap)")


def _validate(team: Team, doc: Document) -> None:
    problems = [f"{where}: {finding.message}" for where, finding in team_rules.team_findings(team)
                if not finding.warning]
    if problems:
        raise doc.fail("the imported team is not valid: " + "; ".join(problems[:5]))


def write_team_file(result: ScheduleImport, path: str | Path) -> None:
    """The team as a team file, written atomically (a failed write leaves the old file)."""
    from oncall.atomic_file import write_atomic
    from oncall.core.teamfile import dump_team

    try:
        write_atomic(Path(path), dump_team(result.team).encode("utf-8"))
    except OSError as exc:
        raise ScheduleImportError(f"cannot write {path}: {exc.strerror or exc}") from None


def save_to_database(result: ScheduleImport, db: str | None) -> str:
    """Replace the database's team with the imported one (a new database starts with it); its location."""
    from oncall import storage

    try:
        with storage.open_database(storage.database_url(db), create=True, first_team=result.team) as database:
            if not database.created:
                database.replace_team(result.team)
            return database.location
    except storage.StorageError as exc:
        raise ScheduleImportError(str(exc)) from None
