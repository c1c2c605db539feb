"""Helpers every subcommand shares: errors, where the team comes from, date arguments."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, datetime

from oncall.core.limits import MAX_RANGE_DAYS, LimitError, check_range, check_year
from oncall.core.model import Team
from oncall.core.timezones import UTC, UnknownTimeZone, check_zone
from oncall.services import session
from oncall.services.session import TeamSession


class CliError(Exception):
    """Bad input from the user: printed as ``oncall: error: ...`` with exit status 2."""


def add_team_source_arguments(parser: argparse.ArgumentParser, *, file_required: bool = False) -> None:
    """``TEAM.toml`` (positional, optional) or ``--db`` (SQLite path or PostgreSQL URL)."""
    parser.add_argument("team_file", nargs=None if file_required else "?", metavar="TEAM.toml",
                        help="a team file; without it the team comes from --db or the default database")
    parser.add_argument("--db", default=argparse.SUPPRESS,
                        help="database: SQLite file path or postgresql+psycopg://user@host/db URL")


@dataclass(frozen=True)
class TeamSource:
    team: Team
    description: str  # "team.toml" or the database location, for messages
    database_url: str | None = None


def open_team(args: argparse.Namespace, *, create: bool = False, demo_if_new: bool = False,
              needs_database: str | None = None, snapshot_first: bool = False) -> TeamSession:
    """The team session a command works on: ``TEAM.toml`` if given, else ``--db``, else the
    default database (:func:`oncall.services.session.open_for_command`). Close it when done
    (``with open_team(args) as session:``). ``needs_database``: the error if a team file was given.
    """
    team_file = getattr(args, "team_file", None)
    if needs_database and team_file:
        raise CliError(needs_database)
    try:
        return session.open_for_command(team_file, getattr(args, "db", None), create=create, demo_if_new=demo_if_new,
                                        snapshot_first=snapshot_first)
    except session.SessionError as exc:
        raise CliError(str(exc)) from exc


def load_team_from_args(args: argparse.Namespace) -> TeamSource:
    """The team a command reads, read once (the session is closed again). A SQLite database is
    read with the standard library when it can be (``snapshot_first``): ~0.3 s less per command."""
    with open_team(args, snapshot_first=True) as opened:
        return TeamSource(opened.team, opened.description, opened.url)


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` argument within the supported years (docs/team-file.md, "Limits")."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    try:
        return check_year(day)
    except LimitError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def check_date_range(start: date, end: date) -> None:
    """``--from``/``--to`` as one range: after each other and at most ten years long."""
    try:
        check_range(start, end)
    except LimitError as exc:
        raise CliError(f"--from/--to: {exc}") from None


def day_count(text: str) -> int:
    """A number of days for a horizon argument: 0 up to the range limit."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if not 0 <= value <= MAX_RANGE_DAYS:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and {MAX_RANGE_DAYS} days")
    return value


def parse_zone(text: str) -> str:
    try:
        return check_zone(text)
    except UnknownTimeZone as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
