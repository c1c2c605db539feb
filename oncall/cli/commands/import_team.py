"""``oncall import TEAM.toml [--db ...]``: make the database's team equal a team file.

Every difference is written in one transaction and audited entity by entity; importing the
same file twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys

from oncall.cli.common import CliError
from oncall.services import session


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
        read = session.read_team_file(args.team_file)
    except session.SessionError as exc:
        raise CliError(str(exc)) from None
    for warning in read.warnings:
        print(f"oncall: warning: {warning}", file=sys.stderr)
    try:
        location, changed = session.import_team(read.team, getattr(args, "db", None))
    except session.SessionError as exc:
        raise CliError(str(exc)) from None
    team = read.team
    print(f"imported {team.name!r} into {location}: {len(team.sites)} sites, {len(team.members)} members, "
          f"{len(team.legs)} legs, {len(team.overrides)} overrides, {len(team.unavailable)} "
          f"unavailability entries ({changed or 'no'} change{'' if changed == 1 else 's'})")
    return 0
