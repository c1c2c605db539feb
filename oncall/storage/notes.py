"""Handoff notes keyed to (outgoing, incoming, instant); audited like every other edit."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from oncall.core.notes import ChecklistItem, HandoffNote, Incident

from . import audit
from .errors import Conflict, ConflictError
from .schema import HandoffNoteRow

if TYPE_CHECKING:  # pragma: no cover
    from .database import Database


def _incident_json(i: Incident) -> dict[str, Any]:
    return {"id": i.id, "title": i.title, "state": i.state, "link": i.link}


def _values(note: HandoffNote) -> dict[str, Any]:
    return {
        "summary": note.summary,
        "incidents": [_incident_json(i) for i in note.incidents],
        "watch": list(note.watch),
        "checklist": [{"text": c.text, "done": c.done} for c in note.checklist],
        "acknowledged_at": note.acknowledged_at, "author": note.author, "updated_at": note.updated_at,
    }


def _from_row(row) -> HandoffNote:
    return HandoffNote(
        outgoing=row.outgoing, incoming=row.incoming, at=row.at, summary=row.summary or "",
        incidents=tuple(Incident(d["id"], d["title"], d.get("state", "open"), d.get("link"))
                        for d in row.incidents or ()),
        watch=tuple(row.watch or ()),
        checklist=tuple(ChecklistItem(d["text"], bool(d.get("done"))) for d in row.checklist or ()),
        acknowledged_at=row.acknowledged_at, author=row.author, updated_at=row.updated_at,
    )


def _fields(note: HandoffNote | None) -> dict[str, Any] | None:
    if note is None:
        return None
    done = sum(c.done for c in note.checklist)
    return {"handoff": f"{note.outgoing} -> {note.incoming} at {note.at:%Y-%m-%dT%H:%MZ}",
            "summary": note.summary[:200], "incidents": len(note.incidents),
            "checklist": f"{done}/{len(note.checklist)} done",
            "acknowledged": note.acknowledged_at is not None}


def note_id(outgoing: str, incoming: str, at: datetime) -> str:
    return f"{outgoing}->{incoming}@{at:%Y-%m-%dT%H:%M:%SZ}"


class _Unchecked:
    """Default of ``expected``: save without checking what is stored (last writer wins)."""

    def __repr__(self) -> str:
        return "<unchecked>"


_UNCHECKED: Any = _Unchecked()


class NoteRepository:
    def __init__(self, db: "Database") -> None:
        self._db = db

    @staticmethod
    def _key_filter(outgoing: str, incoming: str, at: datetime):
        return (HandoffNoteRow.outgoing == outgoing, HandoffNoteRow.incoming == incoming,
                HandoffNoteRow.at == at)

    def list(self, start: datetime | None = None, end: datetime | None = None) -> list[HandoffNote]:
        """Notes with ``start <= at < end``, oldest first."""
        t = HandoffNoteRow.__table__
        query = select(t).order_by(t.c.at, t.c.outgoing, t.c.incoming)
        if start is not None:
            query = query.where(t.c.at >= start)
        if end is not None:
            query = query.where(t.c.at < end)
        with self._db.reading() as conn:
            return [_from_row(r) for r in conn.execute(query)]

    def get(self, outgoing: str, incoming: str, at: datetime) -> HandoffNote | None:
        t = HandoffNoteRow.__table__
        with self._db.reading() as conn:
            row = conn.execute(select(t).where(*self._key_filter(outgoing, incoming, at))).first()
        return None if row is None else _from_row(row)

    def save(self, note: HandoffNote, user: str | None = None, *,
             expected: HandoffNote | None = _UNCHECKED) -> HandoffNote:
        """Create or replace the note for its handoff.

        Pass ``expected`` (the note as the editor loaded it, or None if there was none) to
        refuse overwriting a note someone else changed meanwhile (ConflictError).
        """
        who = self._db.who(user)
        with self._db.writing() as (conn, session):
            counter = self._db.bump_counter(conn)
            row = session.scalars(select(HandoffNoteRow).where(*self._key_filter(*note.key))).first()
            before = None if row is None else _from_row(row)
            if expected is not _UNCHECKED and before != expected:
                entry = audit.latest_for(conn, "note", note_id(*note.key), -1)
                raise ConflictError(self._db.location, [Conflict(
                    "note", note_id(*note.key), entry.user if entry else None, entry.at if entry else None,
                    entry.change if entry else "changed")], pending=note)  # type: ignore[arg-type]
            if row is None:
                row = HandoffNoteRow(outgoing=note.outgoing, incoming=note.incoming, at=note.at, version=1)
                session.add(row)
            for name, value in _values(note).items():
                setattr(row, name, value)
            session.flush()
            audit.record(conn, user=who, entity="note", entity_id=note_id(*note.key),
                         action="created" if before is None else "updated",
                         before=_fields(before), after=_fields(note), counter=counter)
        return note

    def delete(self, outgoing: str, incoming: str, at: datetime, user: str | None = None) -> bool:
        who = self._db.who(user)
        with self._db.writing() as (conn, session):
            row = session.scalars(select(HandoffNoteRow).where(*self._key_filter(outgoing, incoming, at))).first()
            if row is None:
                return False
            counter = self._db.bump_counter(conn)
            before = _from_row(row)
            session.delete(row)
            session.flush()
            audit.record(conn, user=who, entity="note", entity_id=note_id(outgoing, incoming, at),
                         action="deleted", before=_fields(before), after=None, counter=counter)
        return True
