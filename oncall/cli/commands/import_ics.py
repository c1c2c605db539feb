"""``oncall import-ics FILE.ics --member ID --as unavailable|override``: another calendar's
events as time off or overrides. Shows what would change; ``--apply`` saves it."""

from __future__ import annotations

import argparse
from datetime import datetime

from oncall.cli.common import CliError, add_team_source_arguments, open_team, parse_date
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
    with open_team(args) as target:
        _import(args, target)
    return 0


def _import(args: argparse.Namespace, target) -> None:
    from oncall.imports.ics_import import IcsImportError, date_window, read_calendar_file
    from oncall.imports.import_plan import plan_import
    from oncall.services.session import SessionError

    team = target.team
    try:
        if not team.has_member(args.member):
            raise CliError(f"no member {args.member!r} in the team")
        start, end = date_window(datetime.now(UTC).date(), args.start, args.end)
        read = read_calendar_file(args.ics_file, team.member_zone(args.member), start, end)
        plan = plan_import(team, args.member, args.mode, read.spans, start, end, args.replaces)
        saved = bool(args.apply and plan.changes_anything)
        if saved:
            try:
                target.save(plan.team_after)
            except SessionError as exc:  # a conflict included: someone edited meanwhile
                raise CliError(f"not saved: {exc}") from None
        if args.format == "json":
            _print_json(team, plan, read, args.ics_file, saved)
            return
        _print_plan(team, plan, read, args.ics_file)
        if not plan.changes_anything:
            print("Nothing to import.")
        elif saved:
            print(f"Saved {len(plan.added)} {_noun(plan.mode, len(plan.added))} to {target.description}.")
        else:
            print("Preview only: run again with --apply to save.")
    except (IcsImportError, ValueError) as exc:
        raise CliError(str(exc)) from None


def _noun(mode: str, n: int) -> str:
    if mode == "unavailable":
        return "unavailability entry" if n == 1 else "unavailability entries"
    return "override" if n == 1 else "overrides"


MAX_LISTED = 20


def _print_plan(team, plan, read, source) -> None:
    from oncall.core.labels import wall_text

    zone = team.member_zone(plan.member)
    name = team.member(plan.member).name
    print(f"{source}: {len(plan.added)} new {_noun(plan.mode, len(plan.added))} for {name} ({plan.member})"
          + (f", {plan.already_present} already in the team" if plan.already_present else ""))
    print(f"Read {len(read.spans)} in the window, skipped {len(read.skipped)}, "
          f"{read.outside} outside the window.")
    for item in plan.added:
        text = getattr(item, "reason", None) or getattr(item, "note", None) or ""
        print(f"  + {wall_text(zone, item.start)} to {wall_text(zone, item.end)}  {text}")
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
