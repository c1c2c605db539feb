"""SQLAlchemy 2 models: the team's rules as rows (the schema at the newest migration).

Every row a lead edits carries a ``version`` column that SQLAlchemy's ``version_id_col``
checks on UPDATE and DELETE, so a write based on stale data fails instead of overwriting.
Only :mod:`oncall.storage.codec` knows how rows map to the core's dataclasses.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text,
    UniqueConstraint, true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .team_rows import TEAM_ROW_ID  # noqa: F401 - defined without SQLAlchemy, for the snapshot reader too

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out; stored naive so both engines agree."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: storage keeps UTC instants only")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _fk(target: str) -> ForeignKey:
    # Deferred, so one transaction may reorder related rows freely; checked at COMMIT.
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


class Versioned:
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class TeamRow(Versioned, Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    handoff_overlap_seconds: Mapped[int] = mapped_column(Integer, default=0)
    __mapper_args__ = {"version_id_col": Versioned.version}


class ChangeCounterRow(Base):
    """One row; every committed edit increments it, so open apps notice other leads' edits."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SiteRow(Versioned, Base):
    __tablename__ = "sites"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    holidays: Mapped[str | None] = mapped_column(String(32))
    work_start: Mapped[int] = mapped_column(Integer)
    work_end: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)  # bit i set = weekday i (0 = Monday)
    __mapper_args__ = {"version_id_col": Versioned.version}


class MemberRow(Versioned, Base):
    __tablename__ = "members"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    site_id: Mapped[str] = mapped_column(String(64), _fk("sites.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(320))
    # a reminder to join each overlap in their feed (added in 0004_team_settings)
    alarms: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    __mapper_args__ = {"version_id_col": Versioned.version}


class LegRow(Versioned, Base):
    __tablename__ = "legs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    site_id: Mapped[str] = mapped_column(String(64), _fk("sites.id"), index=True)
    window_start: Mapped[int] = mapped_column(Integer)
    window_end: Mapped[int] = mapped_column(Integer)
    cadence_kind: Mapped[str] = mapped_column(String(16))
    cadence_days: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)  # weekday bitmask
    handoff_day: Mapped[int | None] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": Versioned.version}


class LegRotationRow(Base):
    """A leg's rotation order; part of the leg (its version moves when this changes)."""

    __tablename__ = "leg_rotation"
    leg_id: Mapped[str] = mapped_column(String(64), _fk("legs.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), _fk("members.id"), index=True)


class OverrideRow(Versioned, Base):
    __tablename__ = "overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[str] = mapped_column(String(64), _fk("members.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    replaces_id: Mapped[str | None] = mapped_column(String(64), _fk("members.id"), index=True)
    timezone: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    uid: Mapped[str | None] = mapped_column(String(64))  # the stable id (team file `id`), added in 0005
    __table_args__ = (Index("uq_overrides_uid", "uid", unique=True),)
    __mapper_args__ = {"version_id_col": Versioned.version}


class UnavailabilityRow(Versioned, Base):
    __tablename__ = "unavailability"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[str] = mapped_column(String(64), _fk("members.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    timezone: Mapped[str | None] = mapped_column(String(64))
    uid: Mapped[str | None] = mapped_column(String(64))  # the stable id (team file `id`), added in 0005
    __table_args__ = (Index("uq_unavailability_uid", "uid", unique=True),)
    __mapper_args__ = {"version_id_col": Versioned.version}


class AdjustmentRow(Versioned, Base):
    """A leg's window replaced on the site-local days [start_date, end_date) (added in 0003)."""

    __tablename__ = "adjustments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer)
    leg_id: Mapped[str] = mapped_column(String(64), _fk("legs.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    window_start: Mapped[int] = mapped_column(Integer)
    window_end: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    __mapper_args__ = {"version_id_col": Versioned.version}


class HandoffNoteRow(Versioned, Base):
    """A note keyed to a handoff. No foreign keys: a note outlives rota edits (orphans)."""

    __tablename__ = "handoff_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outgoing: Mapped[str] = mapped_column(String(64))
    incoming: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    incidents: Mapped[list] = mapped_column(JSON, default=list)
    watch: Mapped[list] = mapped_column(JSON, default=list)
    checklist: Mapped[list] = mapped_column(JSON, default=list)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (UniqueConstraint("outgoing", "incoming", "at", name="uq_handoff_notes_key"),)
    __mapper_args__ = {"version_id_col": Versioned.version}


class FeedTokenRow(Versioned, Base):
    """A feed subscription secret; only its SHA-256 is stored."""

    __tablename__ = "feed_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # member | site | team
    target: Mapped[str | None] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(String(200))
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_access_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __mapper_args__ = {"version_id_col": Versioned.version}


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))  # created | updated | deleted | ...
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    counter: Mapped[int] = mapped_column(Integer)  # change counter value of the commit
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)  # added in 0002


class FeedRevisionRow(Base):
    """Per feed event: last content fingerprint, SEQUENCE and LAST-MODIFIED (added in 0002)."""

    __tablename__ = "feed_revisions"
    feed: Mapped[str] = mapped_column(String(200), primary_key=True)
    uid: Mapped[str] = mapped_column(String(400), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(128))
    sequence: Mapped[int] = mapped_column(Integer)
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime)



class TeamSettingRow(Versioned, Base):
    """A team-wide setting that is not part of the schedule (e.g. the public feed address),
    one row per key (added in 0004_team_settings). Kept in the database so every lead and
    every ``oncall`` command on the team sees the same value."""

    __tablename__ = "team_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __mapper_args__ = {"version_id_col": Versioned.version}
