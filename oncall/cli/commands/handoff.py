"""``oncall handoff``: printable summaries of the handoffs on one day (PDF, HTML or Markdown).

``--at`` names a UTC day (00:00Z to 24:00Z) unless ``--tz`` gives another zone's day.
From a database the summaries carry their notes (and list orphaned ones); from a team file
they print without notes (team files hold none).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oncall.cli.common import CliError, add_team_source_arguments, open_team, parse_date, parse_zone
from oncall.services import handoffs as service

_SUFFIX_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def add_output_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=service.FORMATS, default=None,
                   help="pdf, html or md (default: from the -o file name, else md)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="file to write (html and md go to standard output without it)")
    p.add_argument("--paper", choices=("a4", "letter"), default=None,
                   help="PDF page size (default: Letter in US/CA/MX/PH locales, else A4)")


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        return _SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "md")
    return "md"


def write_output(doc, args: argparse.Namespace) -> int:
    """Write ``doc`` as the arguments ask; errors become CliError."""
    fmt = output_format(args)
    try:
        if not args.output or args.output == "-":
            if fmt == "pdf":
                raise CliError("a PDF needs a file: add -o FILE.pdf")
            sys.stdout.write(service.render(doc, fmt))
            return 0
        pages = service.write_document(doc, fmt, args.output, args.paper)
    except service.HandoffServiceError as exc:
        raise CliError(str(exc)) from exc
    detail = f" ({pages} page{'s' if pages != 1 else ''})" if pages is not None else ""
    print(f"wrote {args.output}{detail}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "handoff", help="handoff summaries for one day (PDF, HTML or Markdown)",
        description="Summaries of the handoffs on one day: who hands to whom, the overlap window "
                    "in UTC and both members' local times, the note and checklist, and each "
                    "member's next handoff. --at is a UTC day unless --tz is given. Notes come "
                    "from the database; a team file prints without notes.")
    add_team_source_arguments(p)
    p.add_argument("--at", type=parse_date, required=True, metavar="YYYY-MM-DD",
                   help="the day (midnight to midnight UTC, or in --tz)")
    p.add_argument("--tz", type=parse_zone, default="UTC", metavar="ZONE",
                   help="read --at as a day in this IANA zone (default UTC)")
    p.add_argument("--member", metavar="ID", help="only handoffs this member gives or takes")
    add_output_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_team(args) as opened:
        try:
            doc = service.day_document(opened.team, args.at, args.tz, args.member, opened.database)
        except service.HandoffServiceError as exc:
            raise CliError(str(exc)) from exc
    return write_output(doc, args)
