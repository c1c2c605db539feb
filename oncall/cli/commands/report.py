"""``oncall report``: shifts, handoffs, gaps, fairness and warnings for a date range."""

from __future__ import annotations

import argparse
import json
import sys
from oncall.cli.common import (
    CliError, add_team_source_arguments, check_date_range, load_team_from_args, parse_date, parse_zone, utc_midnight,
)
from oncall.cli.report_text import render_text
from oncall.core.report import build_report, report_to_dict


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="coverage report for a date range",
                       description="Shifts, handoffs with overlap windows, gaps, per-member figures, "
                                   "quality and DST-drift warnings. Dates are UTC midnights; the range is [from, to).")
    add_team_source_arguments(p)
    p.add_argument("--from", dest="start", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--tz", type=parse_zone, default="UTC", metavar="ZONE",
                   help="show times in this IANA zone (text format)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    start, end = args.start, args.end
    if end <= start:
        raise CliError(f"--to ({end}) must be after --from ({start})")
    check_date_range(start, end)
    source = load_team_from_args(args)
    report = build_report(source.team, utc_midnight(start), utc_midnight(end))
    if args.format == "json":
        json.dump(report_to_dict(report), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    sys.stdout.write(render_text(source.team, report, args.tz, color=color))
    return 0
