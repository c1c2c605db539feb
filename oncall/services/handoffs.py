"""Handoff use cases shared by the CLI and the GUI: the handoffs of a day or a week with their
notes (and orphans), picking one handoff, reading and saving its note, writing documents.

Notes live only in a database; a team file has none, so documents from a team file render
without notes and note editing refuses with a clear message. Every function takes the open
database (``db``, a storage Database, or None for a team file), as :mod:`oncall.services.feeds`
does: the caller's team session opened it once, and a print or a save reuses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from oncall.core.model import Team
from oncall.core.notes import HandoffNote
from oncall.core.shifts import Handoff
from oncall.export.handoff_ref import format_ref
from oncall.export.handoff_sheet import WeekSheet, week_range, week_sheet
from oncall.export.handoff_summary import HandoffDay, day_range, handoff_day, in_range, party, summarize, timeline

FORMATS = ("pdf", "html", "md")
NOTES_NEED_DATABASE = "notes need a database: use --db (team files hold no handoff notes)"


class HandoffServiceError(Exception):
    """A handoff or note request that cannot be met; the message says why and what to do."""


def load_notes(db, start: datetime, end: datetime) -> list[HandoffNote]:
    """The notes with instants in [start, end); none without a database."""
    if db is None:
        return []
    from oncall.storage import StorageError

    try:
        return db.notes.list(start, end)
    except StorageError as exc:
        raise HandoffServiceError(str(exc)) from exc


def day_document(team: Team, day: date, zone: str = "UTC", member: str | None = None, db=None) -> HandoffDay:
    """The handoffs on ``day`` (midnight to midnight in ``zone``), with notes and orphans."""
    if member is not None and not team.has_member(member):
        raise HandoffServiceError(f"no member {member!r} in the team (members: {', '.join(m.id for m in team.members)})")
    start, end = day_range(day, zone)
    return handoff_day(team, day, zone, load_notes(db, start, end), member)


def week_document(team: Team, monday: date, zone: str = "UTC", db=None) -> WeekSheet:
    return week_sheet(team, monday, zone, load_notes(db, *week_range(monday, zone)))


def render(doc: HandoffDay | WeekSheet, fmt: str) -> str:
    """The document as HTML or Markdown text."""
    from oncall.export import handoff_html, markdown

    if fmt == "html":
        return handoff_html.day_html(doc) if isinstance(doc, HandoffDay) else handoff_html.sheet_html(doc)
    if fmt == "md":
        return markdown.day_markdown(doc) if isinstance(doc, HandoffDay) else markdown.sheet_markdown(doc)
    raise HandoffServiceError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")


def write_document(doc: HandoffDay | WeekSheet, fmt: str, path: str | Path, paper: str | None = None) -> int | None:
    """Write the document to ``path``; for PDF returns the page count."""
    target = Path(path)
    if fmt == "pdf":
        from oncall.export import handoff_html, pdf

        html = handoff_html.day_html(doc) if isinstance(doc, HandoffDay) else handoff_html.sheet_html(doc)
        try:
            return pdf.write_pdf(html, target, paper)
        except pdf.PdfError as exc:
            raise HandoffServiceError(str(exc)) from exc
    text = render(doc, fmt)
    from oncall.atomic_file import write_atomic

    try:
        write_atomic(target, text.encode("utf-8"))  # a full disk never leaves half a document
    except OSError as exc:
        raise HandoffServiceError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return None


# -- one handoff ------------------------------------------------------------------------------

@dataclass(frozen=True)
class HandoffChoice:
    """A handoff picked for its note; ``handoff`` is None for an orphaned note's old key."""

    outgoing: str
    incoming: str
    at: datetime
    handoff: Handoff | None

    @property
    def ref(self) -> str:
        return format_ref(self.outgoing, self.incoming, self.at)


def _describe(team: Team, h: Handoff) -> str:
    overlap = f"{h.minutes} min overlap" if h.minutes >= 0 else f"{-h.minutes} min gap"
    return (f"{format_ref(*h.key())} ({party(team, h.from_member).name} → "
            f"{party(team, h.to_member).name}, {overlap})")


def find_handoff(team: Team, outgoing: str, incoming: str, at: datetime) -> Handoff | None:
    """The current handoff with that key, if the rota still has it."""
    for h in in_range(timeline(team, at, at + timedelta(minutes=1)), at, at + timedelta(minutes=1)):
        if h.key() == (outgoing, incoming, at):
            return h
    return None


def choose_by_ref(team: Team, outgoing: str, incoming: str, at: datetime, db=None) -> HandoffChoice:
    """The handoff named by its key; an orphaned note's key is accepted too (to edit or read it)."""
    handoff = find_handoff(team, outgoing, incoming, at)
    if handoff is not None:
        return HandoffChoice(outgoing, incoming, at, handoff)
    if db is not None and get_note(db, outgoing, incoming, at) is not None:
        return HandoffChoice(outgoing, incoming, at, None)
    day = at.date()
    start, end = day_range(day)
    others = in_range(timeline(team, start, end), start, end)
    listing = "; ".join(_describe(team, h) for h in others) or "none"
    raise HandoffServiceError(
        f"no handoff {format_ref(outgoing, incoming, at)} in the rota. Handoffs on {day} (UTC): {listing}")


def choose_by_member(team: Team, day: date, member: str, zone: str = "UTC",
                     prefer: str = "outgoing") -> HandoffChoice:
    """The handoff of ``member`` on ``day``, refusing when it is ambiguous.

    Every member on a follow-the-sun rota takes one handoff and gives one each working day,
    so the member's role decides first: ``prefer="outgoing"`` (the note's writer) picks the
    one handoff they give, ``"incoming"`` (the reader acknowledging it) the one they take;
    without such a single match, a single handoff in either role is accepted.
    """
    if not team.has_member(member):
        raise HandoffServiceError(f"no member {member!r} in the team")
    start, end = day_range(day, zone)
    found = in_range(timeline(team, start, end), start, end, member)
    role = [h for h in found if (h.from_member if prefer == "outgoing" else h.to_member) == member]
    for candidates in (role, found):
        if len(candidates) == 1:
            return HandoffChoice(*candidates[0].key(), candidates[0])
    if not found:
        raise HandoffServiceError(f"{member} has no handoff on {day} ({zone})")
    listing = "; ".join(_describe(team, h) for h in role or found)
    raise HandoffServiceError(f"{member} has {len(role or found)} handoffs as {prefer if role else 'outgoing or incoming'} "
                              f"on {day} ({zone}); pick one with --handoff: {listing}")


def get_note(db, outgoing: str, incoming: str, at: datetime) -> HandoffNote | None:
    from oncall.storage import StorageError

    try:
        return db.notes.get(outgoing, incoming, at)
    except StorageError as exc:
        raise HandoffServiceError(str(exc)) from exc


def note_or_blank(db, choice: HandoffChoice) -> tuple[HandoffNote, HandoffNote | None]:
    """(the note to edit, the note as stored or None): a new note starts with the default checklist."""
    stored = get_note(db, choice.outgoing, choice.incoming, choice.at)
    return (stored or HandoffNote(choice.outgoing, choice.incoming, choice.at)), stored


def save_note(db, note: HandoffNote, *, expected: HandoffNote | None,
              user: str | None = None, now: datetime | None = None) -> HandoffNote:
    """Store ``note`` unless someone changed the stored one since ``expected`` was read."""
    from oncall import storage

    stamped = replace(note, updated_at=now or datetime.now(timezone.utc),
                      author=note.author or storage.audit.resolve_user(user))
    try:
        return db.notes.save(stamped, user, expected=expected)
    except storage.ConflictError as exc:
        raise HandoffServiceError(
            f"the note for {format_ref(*note.key)} was changed by someone else meanwhile: {exc}") from exc
    except storage.StorageError as exc:
        raise HandoffServiceError(str(exc)) from exc


def acknowledge(note: HandoffNote, now: datetime) -> HandoffNote:
    """The incoming engineer read the note (instant kept in UTC, to the minute)."""
    return replace(note, acknowledged_at=now.astimezone(timezone.utc).replace(second=0, microsecond=0))


def notes_in(db, handoffs: Sequence[Handoff]) -> dict[tuple[str, str, datetime], HandoffNote]:
    """The notes of exactly these handoffs (the GUI marks handoffs that have one)."""
    if not handoffs:
        return {}
    start = min(h.at for h in handoffs)
    end = max(h.at for h in handoffs) + timedelta(seconds=1)
    keys = {h.key() for h in handoffs}
    return {n.key: n for n in load_notes(db, start, end) if n.key in keys}


# -- HTML for the GUI's print preview and "Save as PDF" ----------------------------------------

def handoff_summary(team: Team, handoff: Handoff, db=None):
    """One handoff's summary with its note (for printing a single handoff)."""
    near = timeline(team, handoff.at, handoff.at)
    return summarize(team, near, [handoff], notes_in(db, [handoff]))[0]


def handoff_html(team: Team, handoff: Handoff, db=None) -> str:
    from oncall.export.handoff_html import summary_html

    return summary_html(handoff_summary(team, handoff, db))


def week_html(team: Team, monday: date, zone: str = "UTC", db=None) -> str:
    from oncall.export.handoff_html import sheet_html

    return sheet_html(week_document(team, monday, zone, db))


def day_html(team: Team, day: date, zone: str = "UTC", member: str | None = None, db=None) -> str:
    from oncall.export.handoff_html import day_html as render_day

    return render_day(day_document(team, day, zone, member, db))


# -- one note as text (the CLI's `oncall note`) --------------------------------------------------

def parse_week(text: str) -> date:
    """``2026-W11`` -> the Monday of that ISO week (a bad week raises, naming it)."""
    from oncall.export.handoff_sheet import WeekError, parse_iso_week

    try:
        return parse_iso_week(text)
    except WeekError as exc:
        raise HandoffServiceError(str(exc)) from exc


def parse_handoff_ref(text: str) -> tuple[str, str, datetime]:
    """``OUTGOING:INCOMING@2026-03-09T06:30Z`` -> (outgoing, incoming, instant)."""
    from oncall.export.handoff_ref import HandoffRefError, parse_ref

    try:
        return parse_ref(text)
    except HandoffRefError as exc:
        raise HandoffServiceError(str(exc)) from exc


def choice_heading(team: Team, choice: HandoffChoice) -> str:
    """``Alice Chen (Sydney) -> Carol (London), Mon 09 Mar 2026 06:30 UTC`` (marks an orphan)."""
    a, b = party(team, choice.outgoing), party(team, choice.incoming)
    orphan = "" if choice.handoff else " (orphaned: this handoff is no longer in the rota)"
    return f"{a.label} -> {b.label}, {choice.at:%a %d %b %Y %H:%M} UTC{orphan}"


def note_as_text(note: HandoffNote, heading: str) -> str:
    """The note as the TOML text a user edits."""
    from oncall.export.handoff_note_toml import note_to_toml

    return note_to_toml(note, heading)


def note_from_text(text: str, base: HandoffNote) -> HandoffNote | None:
    """The edited TOML text as a note (None if the text was emptied); a bad text raises."""
    from oncall.export.handoff_note_toml import NoteFormatError, note_from_toml

    try:
        return note_from_toml(text, base)
    except NoteFormatError as exc:
        raise HandoffServiceError(str(exc)) from exc


def choice_markdown(team: Team, choice: HandoffChoice, stored: HandoffNote | None) -> str:
    """The chosen handoff's summary with its note as Markdown; an orphaned note as its TOML."""
    if choice.handoff is None:
        heading = choice_heading(team, choice)
        return f"# Orphaned note {choice.ref}\n\n{heading}\n\n{note_as_text(stored, heading)}\n"
    from oncall.export.markdown import summary_markdown

    near = timeline(team, choice.at, choice.at)
    notes = {stored.key: stored} if stored else {}
    return summary_markdown(summarize(team, near, [choice.handoff], notes)[0], level=1)
