"""``oncall export-team [--db ...] > TEAM.toml``: the database's team as a team file."""

from __future__ import annotations

import argparse
import sys

from oncall.cli.common import add_team_source_arguments, load_team_from_args
from oncall.services import session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-team", help="write the database's team as a team file (TOML) to stdout",
                       description="Print the team as TOML; `oncall import` reads it back unchanged. "
                                   "A team file given instead of --db is normalised.")
    add_team_source_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(session.team_file_text(load_team_from_args(args).team))
    return 0
