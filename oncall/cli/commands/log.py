"""``oncall log [--db ...]``: the audit log, newest first: who changed what, when."""

from __future__ import annotations

import argparse
import json
import sys

from oncall.cli.common import CliError, open_team
from oncall.services import session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="show who changed what in the team database",
                       description="The audit log, newest first: time (UTC), user, action, entity "
                                   "and a before/after summary.")
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="database: SQLite file path or postgresql+psycopg://user@host/db URL")
    p.add_argument("-n", "--limit", type=int, default=None, metavar="N", help="show the N newest entries")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and not 1 <= args.limit <= 1_000_000_000:
        raise CliError("--limit must be between 1 and 1000000000")
    with open_team(args) as opened:
        try:
            entries = opened.audit_log(args.limit)
        except session.SessionError as exc:
            raise CliError(str(exc)) from None
    if args.format == "json":
        json.dump([_as_dict(e) for e in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not entries:
        print("(no changes recorded)")
    for entry in entries:
        print(entry)
    return 0


def _as_dict(entry) -> dict:
    return {"at": entry.at.isoformat().replace("+00:00", "Z"), "user": entry.user, "entity": entry.entity,
            "id": entry.entity_id, "action": entry.action, "before": entry.fields_before,
            "after": entry.fields_after}
