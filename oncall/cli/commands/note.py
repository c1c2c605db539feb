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

from oncall.cli.common import CliError, add_team_source_arguments, load_team_from_args, parse_date, parse_zone
from oncall.export.handoff_note_toml import NoteFormatError, note_from_toml, note_to_toml
from oncall.export.handoff_ref import HandoffRefError, parse_ref
from oncall.export.markdown import summary_markdown
from oncall.export.handoff_summary import party, summarize, timeline
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


def _choice(args: argparse.Namespace, team, url):
    if args.handoff and (args.at or args.member):
        raise CliError("give --handoff, or --at with --member, not both")
    try:
        if args.handoff:
            return service.choose_by_ref(team, *parse_ref(args.handoff), database_url=url)
        if args.at and args.member:
            return service.choose_by_member(team, args.at, args.member, args.tz,
                                            prefer="incoming" if args.ack else "outgoing")
    except HandoffRefError as exc:
        raise CliError(str(exc)) from exc
    except service.HandoffServiceError as exc:
        raise CliError(str(exc)) from exc
    raise CliError("name the handoff: --handoff OUTGOING:INCOMING@YYYY-MM-DDTHH:MMZ, or --at DAY --member ID")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "team_file", None):
        raise CliError(service.NOTES_NEED_DATABASE)
    source = load_team_from_args(args)
    url = source.database_url
    if url is None:  # pragma: no cover - load_team_from_args gives a URL without a team file
        raise CliError(service.NOTES_NEED_DATABASE)
    team = source.team
    choice = _choice(args, team, url)
    try:
        note, stored = service.note_or_blank(url, choice)
        edited = note
        if args.edit:
            edited = _edit(note, _heading(team, choice))
            if edited is None:
                print("cancelled: the note is unchanged", file=sys.stderr)
                return 0
        if args.ack:
            edited = service.acknowledge(edited, datetime.now(timezone.utc))
        if edited != note or (stored is None and (args.edit or args.ack)):
            service.save_note(url, edited, expected=stored)
            print(f"saved the note for {choice.ref}", file=sys.stderr)
        elif args.edit:
            print("no changes", file=sys.stderr)
    except service.HandoffServiceError as exc:
        raise CliError(str(exc)) from exc
    if not args.edit and not args.ack:
        _show(team, choice, stored)
    return 0


def _heading(team, choice) -> str:
    a, b = party(team, choice.outgoing), party(team, choice.incoming)
    orphan = "" if choice.handoff else " (orphaned: this handoff is no longer in the rota)"
    return f"{a.label} -> {b.label}, {choice.at:%a %d %b %Y %H:%M} UTC{orphan}"


def _show(team, choice, stored) -> None:
    if choice.handoff is None:
        print(f"# Orphaned note {choice.ref}\n\n{_heading(team, choice)}\n")
        print(note_to_toml(stored, _heading(team, choice)))
        return
    near = timeline(team, choice.at, choice.at)
    notes = {stored.key: stored} if stored else {}
    sys.stdout.write(summary_markdown(summarize(team, near, [choice.handoff], notes)[0], level=1))


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def _edit(note, heading: str):
    """Run the editor on the note as TOML; the edited note, or None if the text was emptied."""
    text = note_to_toml(note, heading)
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
        result = note_from_toml(edited, note)
    except NoteFormatError as exc:
        raise CliError(f"{exc}; nothing saved, your text is kept in {path}") from exc
    os.unlink(path)
    return result
