"""``oncall export-team [--db ...] > TEAM.toml``: the database's team as a team file."""

from __future__ import annotations

import argparse
import sys

from oncall import storage
from oncall.cli.common import CliError, add_team_source_arguments, load_team_from_args
from oncall.core.teamfile import dump_team


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-team", help="write the database's team as a team file (TOML) to stdout",
                       description="Print the team as TOML; `oncall import` reads it back unchanged. "
                                   "A team file given instead of --db is normalised.")
    add_team_source_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "team_file", None):
        team = load_team_from_args(args).team
    else:
        team = _team_from_database(getattr(args, "db", None))
    sys.stdout.write(dump_team(team))
    return 0


def _team_from_database(db_arg: str | None):
    url = storage.database_url(db_arg)
    try:
        with storage.open_database(url, create=False) as db:
            return db.load_team()
    except storage.StorageError as exc:
        raise CliError(str(exc)) from None
