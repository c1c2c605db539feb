"""Handoff notes: what the outgoing engineer leaves the incoming one.

A note is keyed to a handoff by (outgoing member, incoming member, handoff instant). Rota
edits can move or remove that handoff; :func:`attach_notes` then reports the note as an
orphan with where it used to be, so nothing a person wrote is ever silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .shifts import Handoff

DEFAULT_CHECKLIST = (
    "Pager tested",
    "Dashboards reviewed",
    "Open incidents read",
    "Escalation contacts known",
)


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    state: str = "open"  # open | mitigated | resolved | ...
    link: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    done: bool = False


def default_checklist() -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(text) for text in DEFAULT_CHECKLIST)


@dataclass(frozen=True)
class HandoffNote:
    outgoing: str
    incoming: str
    at: datetime  # UTC instant of the handoff (the outgoing shift's end)
    summary: str = ""
    incidents: tuple[Incident, ...] = ()
    watch: tuple[str, ...] = ()
    checklist: tuple[ChecklistItem, ...] = field(default_factory=default_checklist)
    acknowledged_at: datetime | None = None
    author: str | None = None
    updated_at: datetime | None = None

    @property
    def key(self) -> tuple[str, str, datetime]:
        return (self.outgoing, self.incoming, self.at)

    @property
    def is_empty(self) -> bool:
        return not (self.summary.strip() or self.incidents or self.watch
                    or any(i.done for i in self.checklist) or self.acknowledged_at)


@dataclass(frozen=True)
class NoteAttachment:
    attached: dict[tuple[str, str, datetime], HandoffNote]
    orphans: tuple[HandoffNote, ...]


def attach_notes(notes: Iterable[HandoffNote], handoffs: Sequence[Handoff],
                 start: datetime | None = None, end: datetime | None = None) -> NoteAttachment:
    """Match notes to the current handoffs; notes in [start, end) that match none are orphans."""
    current = {h.key() for h in handoffs}
    attached: dict[tuple[str, str, datetime], HandoffNote] = {}
    orphans: list[HandoffNote] = []
    for note in notes:
        if note.key in current:
            attached[note.key] = note
        elif (start is None or note.at >= start) and (end is None or note.at < end):
            orphans.append(note)
    orphans.sort(key=lambda n: n.at)
    return NoteAttachment(attached, tuple(orphans))
