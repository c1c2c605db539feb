"""Alembic migrations shipped in the package, run in code (no alembic.ini on disk).

``classify`` reads what a database holds without writing; ``upgrade`` brings it to the
newest schema inside one transaction. A database from a newer oncall is refused untouched.

Alembic is imported only when a database is not at the newest revision: importing it costs
~0.25 s (it loads every dialect's DDL module), which the desktop app's start-up must not pay
for the usual case. The stored revision is one SELECT; the newest revision is read from the
migration files' ``revision``/``down_revision`` lines, falling back to Alembic whenever
those do not form one plain chain.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from .revision_files import MIGRATIONS_DIR, OUR_TABLES, SchemaState, head_from_files

__all__ = ["MIGRATIONS_DIR", "OUR_TABLES", "SchemaState", "classify", "head_revision", "upgrade"]

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head_revision() -> str:
    return head_from_files() or _scripts().get_current_head()


def first_revision() -> str:
    return [rev.revision for rev in _scripts().walk_revisions()][-1]


def known_revisions() -> list[str]:
    """Oldest first."""
    return [rev.revision for rev in _scripts().walk_revisions()][::-1]


def current_revision(conn: Connection) -> str | None:
    """The stored revision (the ``alembic_version`` table must exist)."""
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    if len(rows) <= 1:
        return rows[0][0] if rows else None
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()  # several heads: Alembic says why


def classify(conn: Connection) -> tuple[SchemaState, str | None]:
    """What the database holds, and its revision; reads only."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return SchemaState.EMPTY, None
    if "alembic_version" not in tables:
        return SchemaState.FOREIGN, None
    rev = current_revision(conn)
    if rev is None:
        return (SchemaState.EMPTY, None) if tables == {"alembic_version"} else (SchemaState.FOREIGN, None)
    if rev == head_revision():  # the usual case, decided without importing Alembic
        return (SchemaState.CURRENT, rev) if OUR_TABLES <= tables else (SchemaState.FOREIGN, rev)
    if rev not in known_revisions():
        return SchemaState.NEWER, rev
    if not OUR_TABLES <= tables:
        return SchemaState.FOREIGN, rev
    return (SchemaState.CURRENT if rev == head_revision() else SchemaState.OLDER), rev


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the migrations on ``conn`` (inside the caller's transaction)."""
    from alembic import command

    command.upgrade(config(conn), target)
