"""``oncall import-schedule --from pagerduty|opsgenie|grafana SCHEDULE.json``: migrate a rota in.

Exit status: 0 when imported (and, with --timeline, the import matches the tool's own
timeline), 3 when imported but the timeline differs, 2 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys

from oncall.cli.common import CliError

DIFFERS = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-schedule", help="import a schedule from PagerDuty, Opsgenie or Grafana OnCall",
                       description="Turn the JSON a tool's REST API returns for a schedule into a team, list "
                                   "every approximation, and with --timeline prove the result against the "
                                   "tool's own rendering of who is on call. Nothing is written without -o or "
                                   "--db. See docs/migrating.md.")
    p.add_argument("schedule", metavar="SCHEDULE.json",
                   help="PagerDuty: GET /schedules/{id}; Opsgenie: GET /v2/schedules/{id}; "
                        "Grafana OnCall: GET /api/v1/schedules/{id}")
    p.add_argument("--from", dest="tool", required=True, choices=("pagerduty", "opsgenie", "grafana"))
    p.add_argument("--timeline", metavar="TIMELINE.json",
                   help="the tool's rendered schedule to prove the import against (PagerDuty: the schedule "
                        "with ?since=&until=; Opsgenie: .../timeline; Grafana: .../final_shifts)")
    p.add_argument("--shifts", metavar="SHIFTS.json", help="Grafana OnCall: GET /api/v1/on_call_shifts/")
    p.add_argument("--weeks", type=int, default=8, help="how many weeks of the timeline to compare (default 8)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="TEAM.toml", help="write the team file here")
    target.add_argument("--db", help="save the team into this database (SQLite path or PostgreSQL URL)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oncall.services import schedule_import as service

    try:
        result = service.import_schedule(args.tool, args.schedule, timeline=args.timeline, shifts=args.shifts,
                                         weeks=args.weeks)
        written = None
        if args.output:
            service.write_team_file(result, args.output)
            written = args.output
        elif args.db:
            written = service.save_to_database(result, args.db)
    except service.ScheduleImportError as exc:
        raise CliError(f"{exc}; nothing was written") from None
    if args.format == "json":
        print(json.dumps({**result.as_json(), "written": written}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(result.lines()))
        print(f"Wrote {written}." if written else "Preview only: give -o TEAM.toml or --db to keep it.")
    if result.proof is not None and not result.proof.matches:
        print(f"oncall: the import differs from {result.proof.tool}'s timeline (exit status {DIFFERS})",
              file=sys.stderr)
        return DIFFERS
    return 0
