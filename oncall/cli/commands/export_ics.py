"""``oncall export ics``: write team.ics, site-<id>.ics and member-<id>.ics into a folder."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from oncall.cli.common import (
    CliError, add_team_source_arguments, check_date_range, day_count, parse_date, utc_midnight,
)
from oncall.core.timezones import UTC
from oncall.services.publishing import FeedOptions, RevisionFileError, export_ics
from oncall.services.feeds import FeedInputs, feed_inputs


def add_feed_option_arguments(p: argparse.ArgumentParser) -> None:
    """Options every feed-producing command shares (export, serve, publish)."""
    p.add_argument("--days-back", type=day_count, default=30, metavar="N", help="start N days before today (default 30)")
    p.add_argument("--days-ahead", type=day_count, default=365, metavar="N", help="end N days after today (default 365)")
    p.add_argument("--alarm", type=int, default=None, metavar="MINUTES",
                   help="member feeds: a reminder this many minutes before each shift starts")
    p.add_argument("--notes", action="store_true",
                   help="include each handoff note in the incoming engineer's shift "
                        "(off by default: notes may be private)")
    p.add_argument("--no-alarms", dest="overlap_alarms", action="store_false",
                   help="member feeds: no reminder to join each overlap (on by default; a member's "
                        "`alarms = false` in the team file turns theirs off)")


def feed_options_from_args(args: argparse.Namespace) -> FeedOptions:
    try:
        return FeedOptions(args.days_back, args.days_ahead, args.alarm, args.notes, args.overlap_alarms)
    except ValueError as exc:
        raise CliError(str(exc)) from None


@contextmanager
def open_inputs(args: argparse.Namespace, include_notes: bool) -> Iterator[FeedInputs]:
    """The team (file or database) with notes and revisions; bad input -> CliError."""
    from oncall.services.session import SessionError

    try:
        with feed_inputs(getattr(args, "team_file", None), getattr(args, "db", None), include_notes) as inputs:
            yield inputs
    except SessionError as exc:
        raise CliError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export documents (calendar feeds)",
                       description="Export documents made from the schedule.")
    kinds = p.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    ics = kinds.add_parser("ics", help="calendar feeds as .ics files",
                           description="Write team.ics, site-<id>.ics and member-<id>.ics into --out. Files whose "
                                       "content did not change are left untouched; event revisions are kept in "
                                       "DIR/.oncall-revisions.json (team file) or the database.")
    add_team_source_arguments(ics)
    ics.add_argument("--out", required=True, metavar="DIR", help="folder to write the feeds into")
    ics.add_argument("--from", dest="start", type=parse_date, metavar="YYYY-MM-DD",
                     help="first day (UTC) instead of --days-back")
    ics.add_argument("--to", dest="end", type=parse_date, metavar="YYYY-MM-DD",
                     help="end day (UTC, exclusive) instead of --days-ahead")
    add_feed_option_arguments(ics)
    ics.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = feed_options_from_args(args)
    if args.start and args.end and args.end <= args.start:
        raise CliError(f"--to ({args.end}) must be after --from ({args.start})")
    if args.start and args.end:
        check_date_range(args.start, args.end)
    now = datetime.now(UTC)
    with open_inputs(args, options.include_notes) as inputs:
        try:
            result = export_ics(inputs.team, args.out, now, options,
                                start=utc_midnight(args.start) if args.start else None,
                                end=utc_midnight(args.end) if args.end else None,
                                notes=inputs.notes, revisions=inputs.revisions)
        except RevisionFileError as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"cannot write feeds to {args.out}: {exc.strerror or exc}") from None
    total = len(result.written) + len(result.unchanged)
    print(f"{total} feeds in {args.out}: {len(result.written)} changed, {len(result.unchanged)} unchanged"
          + (f", {len(result.removed)} removed ({', '.join(p.name for p in result.removed)})" if result.removed else ""))
    return 0
