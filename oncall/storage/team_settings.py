"""Team-wide settings that are not part of the schedule, one row per key.

The public feed address lives here rather than in each lead's QSettings: every lead, the
CLI and ``oncall serve`` must hand out the same links. A change is audited and advances the
change counter like any other team edit, so open apps pick it up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from . import audit
from .schema import TeamSettingRow

if TYPE_CHECKING:  # pragma: no cover
    from .database import Database

MAX_VALUE = 2000  # a URL or a short text; settings are not a document store


class TeamSettingsRepository:
    def __init__(self, db: "Database") -> None:
        self._db = db

    def get(self, key: str) -> str | None:
        t = TeamSettingRow.__table__
        with self._db.reading() as conn:
            return conn.execute(select(t.c.value).where(t.c.key == key)).scalar_one_or_none()

    def all(self) -> dict[str, str]:
        t = TeamSettingRow.__table__
        with self._db.reading() as conn:
            return {k: v for k, v in conn.execute(select(t.c.key, t.c.value).order_by(t.c.key))}

    def set(self, key: str, value: str | None, user: str | None = None) -> bool:
        """Store ``value`` under ``key`` (None removes it); False when nothing changed."""
        if value is not None and len(value) > MAX_VALUE:
            raise ValueError(f"setting {key!r} is longer than {MAX_VALUE} characters")
        with self._db.writing() as (conn, session):
            row = session.get(TeamSettingRow, key)
            before = None if row is None else row.value
            if before == value:
                return False
            if value is None:
                session.delete(row)
            elif row is None:
                session.add(TeamSettingRow(key=key, value=value, updated_at=audit.now_utc(), version=1))
            else:
                row.value, row.updated_at = value, audit.now_utc()
            session.flush()
            counter = self._db.bump_counter(conn)
            action = "deleted" if value is None else "created" if before is None else "updated"
            audit.record(conn, user=self._db.who(user), entity="setting", entity_id=key, action=action,
                         before=None if before is None else {"value": before},
                         after=None if value is None else {"value": value}, counter=counter)
        return True
