"""``oncall plan``: propose changes that repair the rota (window adjustments for DST drift).

Nothing changes without ``-o`` (write the planned team file) or ``--apply`` (save it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from oncall.cli.common import (
    CliError, add_team_source_arguments, check_date_range, load_team_from_args, parse_date,
)
from oncall.cli.fair_arguments import add_fair_arguments, fair_options

_DURATION = re.compile(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*")


def parse_window_limit(text: str) -> int:
    """``10h``, ``9h30m``, ``570m`` -> minutes."""
    m = _DURATION.fullmatch(text)
    if not m or not (m.group(1) or m.group(2)):
        raise argparse.ArgumentTypeError(f"not a duration (like 10h or 9h30m): {text!r}")
    minutes = int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if not 0 < minutes < 1440:
        raise argparse.ArgumentTypeError(f"a window limit must be more than 0 and less than 24h: {text!r}")
    return minutes


def register(sub: argparse._SubParsersAction) -> None:
    from oncall.services.planning import fix_choices

    p = sub.add_parser("plan", help="propose window adjustments that keep every handoff overlapped (--fix drift) "
                                    "and fair turn assignments (--fix fair)",
                       description="Find every junction between legs whose overlap falls below the team's "
                                   "handoff_overlap in some DST season of [from, to) and propose the fewest, "
                                   "cheapest [[adjustment]] entries that restore it. The plan is checked by "
                                   "recomputing the report on the planned team. --fix fair reassigns turns "
                                   "within each leg's rotation so out-of-hours and hours are even (overrides "
                                   "noted 'planned: ...'). Nothing changes without -o or --apply. Dates are UTC "
                                   "midnights.")
    add_team_source_arguments(p)
    p.add_argument("--from", dest="start", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--fix", action="append", choices=fix_choices(), metavar="|".join(fix_choices()),
                   help="what to repair (default: drift); 'all' runs every planner, drift first")
    p.add_argument("--max-window", type=parse_window_limit, metavar="DURATION",
                   help="no window longer than this (default: the longest window the team has, plus 1h)")
    add_fair_arguments(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", metavar="PLANNED.toml", help="write the planned team file here")
    p.add_argument("--apply", action="store_true",
                   help="save the plan: into the database as one audited change, or into the team file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from oncall.services import planning

    if args.end <= args.start:
        raise CliError(f"--to ({args.end}) must be after --from ({args.start})")
    check_date_range(args.start, args.end)
    check_date_range(args.start, args.end)
    source = load_team_from_args(args)
    request = planning.PlanRequest(args.start, args.end, tuple(args.fix or ("drift",)), args.max_window,
                                   fair_options(args))
    try:
        original = planning.read_team_text(args.team_file) if args.team_file else None
        outcome = planning.plan(source.team, request)
        if args.output:
            planning.write_planned_file(args.output, outcome, original)
        saved = _apply(args, source, outcome, original) if args.apply else None
    except planning.PlanningError as exc:
        raise CliError(str(exc)) from None
    if args.format == "json":
        json.dump(outcome.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(outcome.text())
    if args.output:
        print(f"Wrote the planned team to {args.output}.")
    if saved is not None:
        print(saved)
    elif not args.output and outcome.changes_anything:
        print("Preview only: write the planned team with -o PLANNED.toml, or save it with --apply.")
    return 0


def _apply(args: argparse.Namespace, source, outcome, original: str | None) -> str:
    from oncall.services import planning

    if not outcome.changes_anything:
        return "Nothing to save."
    if args.team_file:
        planning.write_planned_file(args.team_file, outcome, original)
        return f"Saved the plan to {args.team_file}."
    entries = planning.apply_to_database(source.database_url, outcome)
    return f"Saved the plan to {source.description} as one change ({entries} audit entries)."
