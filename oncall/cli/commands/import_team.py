"""``oncall import TEAM.toml [--db ...]``: make the database's team equal a team file.

Every difference is written in one transaction and audited entity by entity; importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys

from oncall import storage
from oncall.cli.common import CliError
from oncall.core.teamfile import TeamFileError, load_team_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="load a team file into the database",
                       description="Replace the team in the database (default: the local one) with "
                                   "the team file's; changes are audited. Export it back with "
                                   "`oncall export-team`.")
    p.add_argument("team_file", metavar="TEAM.toml")
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="database: SQLite file path or postgresql+psycopg://user@host/db URL")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = load_team_file(args.team_file)
    except TeamFileError as exc:
        raise CliError(str(exc)) from None
    for warning in result.warnings:
        print(f"oncall: warning: {warning}", file=sys.stderr)
    try:
        # A new database is made with the team in its first commit (never an empty one).
        with storage.open_database(storage.database_url(getattr(args, "db", None)), create=True,
                                   first_team=result.team) as db:
            before = 0 if db.created else db.change_counter()
            loaded = db.replace_team(result.team)
            changed = len(db.changes_in(loaded.counter)) if loaded.counter != before else 0
            location = db.location
    except storage.StorageError as exc:
        raise CliError(str(exc)) from None
    team = result.team
    print(f"imported {team.name!r} into {location}: {len(team.sites)} sites, {len(team.members)} members, "
          f"{len(team.legs)} legs, {len(team.overrides)} overrides, {len(team.unavailable)} "
          f"unavailability entries ({changed or 'no'} change{'' if changed == 1 else 's'})")
    return 0
