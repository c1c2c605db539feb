"""``oncall handoff-sheet``: every handoff of an ISO week as a table, with gaps and warnings."""

from __future__ import annotations

import argparse

from oncall.cli.commands.handoff import add_output_arguments, write_output
from oncall.cli.common import CliError, add_team_source_arguments, open_team, parse_zone
from oncall.services import handoffs as service


def _week(text: str):
    try:
        return service.parse_week(text)
    except service.HandoffServiceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "handoff-sheet", help="weekly handoff sheet (PDF, HTML or Markdown)",
        description="Every handoff of an ISO week grouped by day in --tz, plus the week's gaps "
                    "and coverage warnings: the sheet a team lead pins up or sends round.")
    add_team_source_arguments(p)
    p.add_argument("--week", type=_week, required=True, metavar="YYYY-Www", help="ISO week, e.g. 2026-W11")
    p.add_argument("--tz", type=parse_zone, default="UTC", metavar="ZONE",
                   help="days and times in this IANA zone (default UTC)")
    add_output_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_team(args) as opened:
        try:
            doc = service.week_document(opened.team, args.week, args.tz, opened.database)
        except service.HandoffServiceError as exc:
            raise CliError(str(exc)) from exc
    return write_output(doc, args)
