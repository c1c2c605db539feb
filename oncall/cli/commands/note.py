"""``oncall note``: read, edit or acknowledge the note of one handoff (database only).

A handoff is named ``--handoff OUTGOING:INCOMING@2026-03-09T06:30Z`` (UTC, as printed on
every summary as "Handoff id"), or ``--at DAY --member ID`` when that member has exactly
one handoff that day (a UTC day unless ``--tz``): the one they give, or with ``--ack``
the one they take. ``--edit`` opens ``$VISUAL``/``$EDITOR``
on the note as TOML; if the edited text is not valid, nothing is saved and the text is
kept in a file named in the error.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

from oncall.cli.common import CliError, add_team_source_arguments, open_team, parse_date, parse_zone
from oncall.services import handoffs as service


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "note", help="show, edit or acknowledge a handoff note",
        description="The note the outgoing engineer leaves for one handoff. Name the handoff with "
                    "--handoff OUTGOING:INCOMING@YYYY-MM-DDTHH:MMZ (UTC; printed as 'Handoff id' on "
                    "summaries) or with --at DAY --member ID when that member has one handoff that "
                    "day. Notes live in the database (--db); team files hold none.")
    add_team_source_arguments(p)
    p.add_argument("--handoff", metavar="OUT:IN@TIME", help="e.g. alice:carol@2026-03-09T06:30Z")
    p.add_argument("--at", type=parse_date, metavar="YYYY-MM-DD", help="with --member: the day of the handoff")
    p.add_argument("--tz", type=parse_zone, default="UTC", metavar="ZONE", help="read --at in this zone (default UTC)")
    p.add_argument("--member", metavar="ID",
                   help="with --at: the member who hands over that day (with --ack: who takes over)")
    p.add_argument("--edit", action="store_true", help="edit the note in $VISUAL/$EDITOR")
    p.add_argument("--ack", action="store_true", help="record that the incoming engineer read it (now)")
    p.set_defaults(func=run)


def _choice(args: argparse.Namespace, team, db):
    if args.handoff and (args.at or args.member):
        raise CliError("give --handoff, or --at with --member, not both")
    try:
        if args.handoff:
            return service.choose_by_ref(team, *service.parse_handoff_ref(args.handoff), db=db)
        if args.at and args.member:
            return service.choose_by_member(team, args.at, args.member, args.tz,
                                            prefer="incoming" if args.ack else "outgoing")
    except service.HandoffServiceError as exc:
        raise CliError(str(exc)) from exc
    raise CliError("name the handoff: --handoff OUTGOING:INCOMING@YYYY-MM-DDTHH:MMZ, or --at DAY --member ID")


def run(args: argparse.Namespace) -> int:
    with open_team(args, needs_database=service.NOTES_NEED_DATABASE) as opened:
        return _run(args, opened.team, opened.database)


def _run(args: argparse.Namespace, team, db) -> int:
    choice = _choice(args, team, db)
    try:
        note, stored = service.note_or_blank(db, choice)
        edited = note
        if args.edit:
            edited = _edit(note, service.choice_heading(team, choice))
            if edited is None:
                print("cancelled: the note is unchanged", file=sys.stderr)
                return 0
        if args.ack:
            edited = service.acknowledge(edited, datetime.now(timezone.utc))
        if edited != note or (stored is None and (args.edit or args.ack)):
            service.save_note(db, edited, expected=stored)
            print(f"saved the note for {choice.ref}", file=sys.stderr)
        elif args.edit:
            print("no changes", file=sys.stderr)
    except service.HandoffServiceError as exc:
        raise CliError(str(exc)) from exc
    if not args.edit and not args.ack:
        _show(team, choice, stored)
    return 0


def _show(team, choice, stored) -> None:
    sys.stdout.write(service.choice_markdown(team, choice, stored))


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def _edit(note, heading: str):
    """Run the editor on the note as TOML; the edited note, or None if the text was emptied."""
    text = service.note_as_text(note, heading)
    fd, path = tempfile.mkstemp(prefix="oncall-note-", suffix=".toml")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    command = editor_command()
    try:
        status = subprocess.call([*command, path])
    except OSError as exc:
        os.unlink(path)
        raise CliError(f"cannot start the editor {command[0]!r}: {exc.strerror or exc} (set $EDITOR)") from exc
    if status != 0:
        os.unlink(path)
        raise CliError(f"the editor exited with status {status}; the note is unchanged")
    with open(path, encoding="utf-8") as f:
        edited = f.read()
    try:
        result = service.note_from_text(edited, note)
    except service.HandoffServiceError as exc:
        raise CliError(f"{exc}; nothing saved, your text is kept in {path}") from exc
    os.unlink(path)
    return result
