"""``oncall validate``: check a team file and list every problem and warning."""

from __future__ import annotations

import argparse
import sys

from oncall.cli.common import CliError
from oncall.core.teamfile import TeamFileError, load_team_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a team file", description="Check a team file; exit 0 if usable.")
    p.add_argument("team_file", metavar="TEAM.toml")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = load_team_file(args.team_file)
    except TeamFileError as exc:
        raise CliError(f"{len(exc.problems)} problem(s):\n" + "\n".join(f"  {p}" for p in exc.problems)) from exc
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    t = result.team
    print(f"{args.team_file}: OK: team {t.name!r}, {len(t.sites)} sites, {len(t.members)} members, "
          f"{len(t.legs)} legs, {len(t.overrides)} overrides, {len(t.unavailable)} time-off entries"
          + (f", {len(t.adjustments)} window adjustments" if t.adjustments else ""))
    return 0
