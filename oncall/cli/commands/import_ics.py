"""``oncall import-ics FILE.ics --member ID --as unavailable|override``: another calendar's
events as time off or overrides. Shows what would change; ``--apply`` saves it."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from oncall.cli.common import CliError, add_team_source_arguments, parse_date
from oncall.core.timezones import UTC


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-ics", help="turn another calendar's events into unavailability or overrides",
                       description="Read an .ics file (a PTO calendar, a PagerDuty or Opsgenie schedule export, a "
                                   "Google Calendar export), expand recurring events, and preview the "
                                   "unavailability or overrides it adds for one member. Nothing changes "
                                   "without --apply.")
    p.add_argument("ics_file", metavar="FILE.ics")
    add_team_source_arguments(p)
    p.add_argument("--member", required=True, metavar="ID", help="whose time off / cover this calendar is")
    p.add_argument("--as", dest="mode", required=True, choices=("unavailable", "override"))
    p.add_argument("--replaces", metavar="ID", help="overrides: the member being covered (default: extra cover)")
    p.add_argument("--from", dest="start", type=parse_date, metavar="YYYY-MM-DD",
                   help="ignore events before this day (default: 30 days ago)")
    p.add_argument("--to", dest="end", type=parse_date, metavar="YYYY-MM-DD",
                   help="ignore events from this day on (default: a year ahead)")
    p.add_argument("--apply", action="store_true", help="save the changes (default: only show them)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="json: the same preview as one JSON document (counts, additions, skipped events)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oncall.imports.ics_import import IcsImportError, date_window, read_calendar_file
    from oncall.imports.import_plan import plan_import

    target = _open_target(args)
    try:
        team = target.team()
        if not team.has_member(args.member):
            raise CliError(f"no member {args.member!r} in the team")
        start, end = date_window(datetime.now(UTC).date(), args.start, args.end)
        read = read_calendar_file(args.ics_file, team.member_zone(args.member), start, end)
        plan = plan_import(team, args.member, args.mode, read.spans, start, end, args.replaces)
        saved = bool(args.apply and plan.changes_anything)
        if saved:
            target.save(plan.team_after)
        if args.format == "json":
            _print_json(team, plan, read, args.ics_file, saved)
            return 0
        _print_plan(team, plan, read, args.ics_file)
        if not plan.changes_anything:
            print("Nothing to import.")
        elif saved:
            print(f"Saved {len(plan.added)} {_noun(plan.mode, len(plan.added))} to {target.description}.")
        else:
            print("Preview only: run again with --apply to save.")
    except (IcsImportError, ValueError) as exc:
        raise CliError(str(exc)) from None
    finally:
        target.close()
    return 0


def _noun(mode: str, n: int) -> str:
    if mode == "unavailable":
        return "unavailability entry" if n == 1 else "unavailability entries"
    return "override" if n == 1 else "overrides"


MAX_LISTED = 20


def _print_plan(team, plan, read, source) -> None:
    from oncall.export.ics_text import wall

    zone = team.member_zone(plan.member)
    name = team.member(plan.member).name
    print(f"{source}: {len(plan.added)} new {_noun(plan.mode, len(plan.added))} for {name} ({plan.member})"
          + (f", {plan.already_present} already in the team" if plan.already_present else ""))
    print(f"Read {len(read.spans)} in the window, skipped {len(read.skipped)}, "
          f"{read.outside} outside the window.")
    for item in plan.added:
        text = getattr(item, "reason", None) or getattr(item, "note", None) or ""
        print(f"  + {wall(item.start, zone)} to {wall(item.end, zone)}  {text}")
    for skipped in read.skipped[:MAX_LISTED]:
        print(f"  - skipped {skipped}")
    if len(read.skipped) > MAX_LISTED:
        print(f"  - ... and {len(read.skipped) - MAX_LISTED} more skipped (--format json lists them all)")
    for note in read.notes[:MAX_LISTED]:
        print(f"  ! {note}")
    if plan.shift_changes:
        print(f"Shifts that change: {len(plan.shift_changes)}")
        for ch in plan.shift_changes[:30]:
            s = ch.before or ch.after
            before = team.member(ch.before.member).name if ch.before and team.has_member(ch.before.member) else "(nobody)"
            after = team.member(ch.after.member).name if ch.after and team.has_member(ch.after.member) else "(nobody)"
            print(f"  {s.start:%Y-%m-%d %H:%M}Z to {s.end:%Y-%m-%d %H:%M}Z  {before} -> {after}")
        if len(plan.shift_changes) > 30:
            print(f"  ... and {len(plan.shift_changes) - 30} more")


def _print_json(team, plan, read, source, saved: bool) -> None:
    import json

    def item(entry) -> dict:
        text = getattr(entry, "reason", None) or getattr(entry, "note", None)
        return {"start": entry.start.isoformat().replace("+00:00", "Z"),
                "end": entry.end.isoformat().replace("+00:00", "Z"), "text": text}

    document = {"file": str(source), "member": plan.member, "as": plan.mode, **read.as_json(),
                "new": [item(entry) for entry in plan.added], "already_present": plan.already_present,
                "shift_changes": len(plan.shift_changes), "saved": saved}
    print(json.dumps(document, indent=2, ensure_ascii=False))


class _FileTarget:
    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.description = path

    def team(self):
        from oncall.services import session

        try:
            return session.load_team_file(self.path)
        except session.SessionError as exc:
            raise CliError(str(exc)) from None

    def save(self, team) -> None:
        from oncall.core.teamfile import dump_team
        from oncall.export.ics import write_if_changed

        try:
            write_if_changed(self.path, dump_team(team).encode("utf-8"))
        except OSError as exc:
            raise CliError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def close(self) -> None:
        pass


class _DatabaseTarget:
    def __init__(self, db_arg: str | None) -> None:
        from oncall.services import session

        url = session.database_url(db_arg)
        self.description = session.describe_url(url)
        try:
            self.db = session.open_database(url, create=False)
        except session.SessionError as exc:
            raise CliError(str(exc)) from None
        self.loaded = None

    def team(self):
        from oncall import storage

        try:
            self.loaded = self.db.load()
        except storage.StorageError as exc:
            raise CliError(str(exc)) from None
        return self.loaded.team

    def save(self, team) -> None:
        from oncall import storage

        try:
            self.db.save(team, self.loaded)
        except storage.StorageError as exc:  # ConflictError included: someone edited meanwhile
            raise CliError(f"not saved: {exc}") from None

    def close(self) -> None:
        self.db.close()


def _open_target(args: argparse.Namespace):
    team_file, db = getattr(args, "team_file", None), getattr(args, "db", None)
    if team_file and db:
        raise CliError("give either a team file or --db, not both")
    return _FileTarget(team_file) if team_file else _DatabaseTarget(db)
