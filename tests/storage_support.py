"""Helpers shared by the storage tests (tests/test_storage_*.py)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from oncall.core.demo import demo_team
from oncall.core.model import Member, Override, Team

UTC = timezone.utc

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def url_for(request, tmp_path: Path, backend: str | None = None) -> str:
    """A fresh database of ``backend`` (default: the parametrized fixture's ``request.param``)."""
    if (backend or request.param) == "sqlite":
        return str(tmp_path / "team.db")
    return request.getfixturevalue("pg_url")


def files_digest(directory: Path) -> dict[str, str]:
    """Name -> SHA-256 of every file in ``directory`` (to prove nothing was touched)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


def utc(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def team() -> Team:
    return demo_team()


def with_leg_rotation(t: Team, leg_id: str, rotation: tuple[str, ...]) -> Team:
    return t.evolve(legs=tuple(replace(leg, rotation=rotation) if leg.id == leg_id else leg for leg in t.legs))


def with_member(t: Team, member: Member) -> Team:
    return t.evolve(members=t.members + (member,))


def with_override(t: Team, ov: Override) -> Team:
    return t.evolve(overrides=t.overrides + (ov,))


def many_overrides(t: Team, n: int) -> tuple[Override, ...]:
    ids = [m.id for m in t.members]
    start = utc(2027, 1, 1)
    return tuple(Override(ids[i % len(ids)], start + timedelta(hours=i), start + timedelta(hours=i + 8),
                          ids[(i + 1) % len(ids)], None, f"cover {i}") for i in range(n))


def team_with_covers() -> Team:
    """The demo team with three more overrides (ids ovr-a, ovr-b, ovr-c) and a time-off entry
    (off-bob-march): the entries two leads edit in the rebase-by-identity tests."""
    from oncall.core.model import Unavailability

    t = demo_team()
    start = utc(2027, 2, 1, 8)
    covers = [Override("erin", start + timedelta(days=n), start + timedelta(days=n, hours=8), "frank",
                       note=f"cover {name}", id=f"ovr-{name.lower()}") for n, name in enumerate("ABC")]
    off = Unavailability("bob", utc(2027, 3, 1), utc(2027, 3, 8), "PTO", id="off-bob-march")
    return t.evolve(overrides=t.overrides + tuple(covers), unavailable=t.unavailable + (off,))



def make_first_schema_database(url: str) -> None:
    """What oncall's first release wrote: schema 0001 holding the demo team.

    Today's code reads every table of the newest schema, so the team is written at head and
    the schema then taken down to 0001 (tables added later are dropped, the rows stay).
    """
    from alembic import command

    from oncall.storage import database_url, migrate
    from oncall.storage.database import Database, _ensure_singletons
    from oncall.storage.engine import make_engine

    engine = make_engine(database_url(url))
    with engine.begin() as conn:
        migrate.upgrade(conn)
        _ensure_singletons(conn)
    Database(url, engine, user="old-release").replace_team(team())
    with engine.begin() as conn:
        command.downgrade(migrate.config(conn), migrate.first_revision())
    engine.dispose()
