"""A handoff note as a TOML text to edit in ``$EDITOR`` (``oncall note --edit``), and back.

TOML because its errors name a line, multi-line text needs no escaping inside ``\"\"\"``,
and engineers already edit team files in it. The handoff's key is not editable: it is shown
in the comments and kept from the note being edited.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import datetime, timezone

import tomli_w

from oncall.core.notes import ChecklistItem, HandoffNote, Incident

from .handoff_ref import HandoffRefError, format_ref, parse_utc_instant

_KEYS = {"summary", "watch", "acknowledged_at", "incident", "checklist"}

_INCIDENT_EXAMPLE = """\
# Open incidents, one block each:
# [[incident]]
# id = "INC-1234"
# title = "What is broken"
# state = "open"            # open | mitigated | resolved
# link = "https://status.example.com/INC-1234"
"""


class NoteFormatError(ValueError):
    """The edited text is not a valid note; the message names the line or field."""


def note_to_toml(note: HandoffNote, heading: str = "") -> str:
    """The note as commented TOML; ``heading`` (e.g. who hands to whom) goes in the comments."""
    lines = [f"# Handoff note {format_ref(*note.key)}"]
    if heading:
        lines.append(f"# {heading}")
    lines += [
        "# Edit the fields, save and close the editor. Delete everything to cancel.",
        "# acknowledged_at: when the incoming engineer read this, in UTC (2026-03-09T06:40:00Z),",
        "# or remove the line.",
        "",
    ]
    data: dict = {"summary": note.summary if note.summary.endswith("\n") or not note.summary else note.summary + "\n",
                  "watch": list(note.watch)}
    if note.acknowledged_at is not None:
        data["acknowledged_at"] = note.acknowledged_at.astimezone(timezone.utc)
    if note.incidents:
        data["incident"] = [{"id": i.id, "title": i.title, "state": i.state, **({"link": i.link} if i.link else {})}
                            for i in note.incidents]
    data["checklist"] = [{"text": c.text, "done": c.done} for c in note.checklist]
    body = tomli_w.dumps(data, multiline_strings=True)
    if not note.summary:  # an empty block to type into rather than ""
        body = body.replace('summary = ""\n', 'summary = """\n\n"""\n', 1)
    if not note.incidents:
        body += "\n" + _INCIDENT_EXAMPLE
    return "\n".join(lines) + "\n" + body


def _is_blank(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def note_from_toml(text: str, base: HandoffNote) -> HandoffNote | None:
    """The edited note (key, author and times from ``base``); None if the text was emptied."""
    if _is_blank(text):
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NoteFormatError(f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise NoteFormatError(f"unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
                              f"(known: {', '.join(sorted(_KEYS))})")
    return replace(
        base,
        summary=_text(data.get("summary", ""), "summary").strip("\n"),
        watch=tuple(_text(w, "watch").strip() for w in _list(data.get("watch", []), "watch") if str(w).strip()),
        incidents=tuple(_incident(d, k) for k, d in enumerate(_list(data.get("incident", []), "incident"), 1)),
        checklist=tuple(_check(d, k) for k, d in enumerate(_list(data.get("checklist", []), "checklist"), 1)),
        acknowledged_at=_instant(data.get("acknowledged_at")),
    )


def _text(value, field: str) -> str:
    if not isinstance(value, str):
        raise NoteFormatError(f"{field} must be text in quotes, not {value!r}")
    return value


def _list(value, field: str) -> list:
    if not isinstance(value, list):
        raise NoteFormatError(f"{field} must be a list")
    return value


def _table(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise NoteFormatError(f"{where} must be a table ([[...]] block)")
    return value


def _incident(value, k: int) -> Incident:
    d = _table(value, f"incident {k}")
    extra = sorted(set(d) - {"id", "title", "state", "link"})
    if extra:
        raise NoteFormatError(f"incident {k}: unknown field {', '.join(extra)} (known: id, title, state, link)")
    if not str(d.get("id", "")).strip():
        raise NoteFormatError(f"incident {k} needs an id")
    link = d.get("link")
    return Incident(_text(d["id"], f"incident {k} id").strip(), _text(d.get("title", ""), f"incident {k} title").strip(),
                    _text(d.get("state", "open"), f"incident {k} state").strip() or "open",
                    _text(link, f"incident {k} link").strip() or None if link is not None else None)


def _check(value, k: int) -> ChecklistItem:
    d = _table(value, f"checklist item {k}")
    text = _text(d.get("text", ""), f"checklist item {k} text").strip()
    if not text:
        raise NoteFormatError(f"checklist item {k} needs a text")
    done = d.get("done", False)
    if not isinstance(done, bool):
        raise NoteFormatError(f"checklist item {k}: done must be true or false")
    return ChecklistItem(text, done)


def _instant(value) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise NoteFormatError("acknowledged_at needs a time zone: write it in UTC with Z (2026-03-09T06:40:00Z)")
        return value.astimezone(timezone.utc)
    if isinstance(value, str):
        try:
            return parse_utc_instant(value)
        except HandoffRefError as exc:
            raise NoteFormatError(f"acknowledged_at: {exc}") from None
    raise NoteFormatError(f"acknowledged_at must be a UTC time such as 2026-03-09T06:40:00Z, not {value!r}")
