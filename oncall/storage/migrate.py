"""Alembic migrations shipped in the package, run in code (no alembic.ini on disk).

``classify`` reads what a database holds without writing; ``upgrade`` brings it to the
newest schema inside one transaction. A database from a newer oncall is refused untouched.
"""

from __future__ import annotations

import functools
from enum import Enum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
OUR_TABLES = {"team", "sites", "members"}


class SchemaState(Enum):
    EMPTY = "empty"  # no tables: a new database
    CURRENT = "current"
    OLDER = "older"  # an earlier oncall schema: upgrade after a backup
    NEWER = "newer"  # written by a newer oncall: refuse
    FOREIGN = "foreign"  # tables, but not ours


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head_revision() -> str:
    return _scripts().get_current_head()


def first_revision() -> str:
    return [rev.revision for rev in _scripts().walk_revisions()][-1]


def known_revisions() -> list[str]:
    """Oldest first."""
    return [rev.revision for rev in _scripts().walk_revisions()][::-1]


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


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
    if rev not in known_revisions():
        return SchemaState.NEWER, rev
    if not OUR_TABLES <= tables:
        return SchemaState.FOREIGN, rev
    return (SchemaState.CURRENT if rev == head_revision() else SchemaState.OLDER), rev


def upgrade(conn: Connection, target: str = "head") -> None:
    """Run the migrations on ``conn`` (inside the caller's transaction)."""
    command.upgrade(config(conn), target)
