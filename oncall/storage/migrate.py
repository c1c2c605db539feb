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
import re
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
OUR_TABLES = {"team", "sites", "members"}


class SchemaState(Enum):
    EMPTY = "empty"  # no tables: a new database
    CURRENT = "current"
    OLDER = "older"  # an earlier oncall schema: upgrade after a backup
    NEWER = "newer"  # written by a newer oncall: refuse
    FOREIGN = "foreign"  # tables, but not ours


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


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"""(?:"([^"]*)"|'([^']*)')""")


def _literal(value: str) -> str | None:
    """A revision line's value: a quoted id, or None; anything else is not understood."""
    if value == "None":
        return None
    match = _QUOTED.fullmatch(value)
    if match is None:
        raise ValueError(value)
    return match.group(1) if match.group(1) is not None else match.group(2)


@functools.cache
def _head_from_files() -> str | None:
    """The newest revision by reading the version files (no Alembic), or None if unsure.

    Sure only when every version file names exactly one ``revision`` and one
    ``down_revision`` (a quoted id or None) and together they form a single chain.
    """
    links: dict[str, str | None] = {}
    try:
        for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
            if path.name == "__init__.py":
                continue
            found: dict[str, list[str | None]] = {"revision": [], "down_revision": []}
            for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
                found[name].append(_literal(value))
            if len(found["revision"]) != 1 or len(found["down_revision"]) != 1 or found["revision"][0] is None:
                return None
            links[found["revision"][0]] = found["down_revision"][0]
    except (OSError, ValueError):
        return None
    if not links or sum(1 for down in links.values() if down is None) != 1:
        return None
    referenced = set(links.values())
    heads = [rev for rev in links if rev not in referenced]
    if len(heads) != 1 or not referenced - {None} <= set(links):
        return None
    return heads[0]


def head_revision() -> str:
    return _head_from_files() or _scripts().get_current_head()


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
