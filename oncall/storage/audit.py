"""The audit log: who changed which entity when, with a before/after summary."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from . import field_summary
from .diff import Change
from .schema import AuditRow

USER_ENV = "ONCALL_USER"


def resolve_user(explicit: str | None = None) -> str:
    """The ``user`` argument, else $ONCALL_USER, else the OS login name."""
    if explicit:
        return explicit
    configured = os.environ.get(USER_ENV)
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str
    entity: str
    entity_id: str
    action: str
    before: str | None  # summary of the entity before the change (None: created)
    after: str | None  # summary after (None: deleted)
    fields_before: dict[str, Any] | None = None
    fields_after: dict[str, Any] | None = None
    counter: int = 0

    @property
    def change(self) -> str:
        """What changed, field by field (used in conflict messages)."""
        if self.action not in ("created", "updated", "deleted"):
            return f"{self.action}: {self.after or self.before or ''}".rstrip(": ")
        return field_summary.changed_fields(self.fields_before, self.fields_after)

    def __str__(self) -> str:
        text = f"{self.at:%Y-%m-%d %H:%M:%SZ}  {self.user}  {self.action} {self.entity} {self.entity_id}"
        detail = self.change if self.action == "updated" else (self.after or self.before)
        return f"{text}: {detail}" if detail else text


_FIELDS = {
    "site": field_summary.site_fields, "member": field_summary.member_fields, "leg": field_summary.leg_fields,
    "override": field_summary.override_fields, "unavailability": field_summary.unavailability_fields,
    "adjustment": field_summary.adjustment_fields,
}


def entity_fields(kind: str, entity: Any) -> dict[str, Any] | None:
    if entity is None:
        return None
    if kind == "team":
        return field_summary.team_fields(*entity)
    return _FIELDS[kind](entity)


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def change_rows(changes: list[Change], ids: dict[int, Any], user: str, at: datetime,
                counter: int) -> list[dict[str, Any]]:
    """Audit rows for applied changes; ``ids`` maps Change position -> the row id it got."""
    rows = []
    for n, ch in enumerate(changes):
        key = ch.label if ch.label is not ch.key else ids.get(n, ch.key)
        rows.append({
            "at": at, "user": user, "entity": ch.kind, "entity_id": str(key), "action": ch.action,
            "before": entity_fields(ch.kind, ch.before), "after": entity_fields(ch.kind, ch.after),
            "counter": counter,
        })
    return rows


def write(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(AuditRow), rows)


def record(conn: Connection, *, user: str, entity: str, entity_id: str, action: str,
           before: dict | None, after: dict | None, counter: int, at: datetime | None = None) -> None:
    write(conn, [{"at": at or now_utc(), "user": user, "entity": entity, "entity_id": entity_id,
                  "action": action, "before": before, "after": after, "counter": counter}])


def _entry(row) -> AuditEntry:
    return AuditEntry(row.at, row.user, row.entity, row.entity_id, row.action,
                      field_summary.summary(row.before), field_summary.summary(row.after),
                      row.before, row.after, row.counter)


def read(conn: Connection, limit: int | None = None) -> list[AuditEntry]:
    """Newest first."""
    query = select(AuditRow.__table__).order_by(AuditRow.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_entry(r) for r in conn.execute(query)]


def latest_for(conn: Connection, entity: str, entity_id: str, since_counter: int) -> AuditEntry | None:
    """The newest change to one entity committed after ``since_counter``."""
    t = AuditRow.__table__
    row = conn.execute(
        select(t).where(t.c.entity == entity, t.c.entity_id == entity_id, t.c.counter > since_counter)
        .order_by(t.c.id.desc()).limit(1)
    ).first()
    return None if row is None else _entry(row)


def since(conn: Connection, counter: int) -> list[AuditEntry]:
    t = AuditRow.__table__
    return [_entry(r) for r in conn.execute(select(t).where(t.c.counter > counter).order_by(t.c.id))]
