"""Storage: the team in SQLite (embedded default) or PostgreSQL (shared by several leads).

SQLAlchemy 2 models, Alembic migrations shipped in the package, repository functions that
translate rows to the core's dataclasses. The core never imports this package.

The names below load on first use (PEP 562): importing one SQLAlchemy-free module of this
package (the start-up snapshot reader, the file locations) must not pay ~0.3 s for
SQLAlchemy and the mapped schema.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audit import AuditEntry
    from .database import Database, open_database
    from .errors import (
        Conflict, ConflictError, CorruptDatabaseError, NewerSchemaError, NotOncallDatabaseError,
        StorageError, UnreachableDatabaseError,
    )
    from .feed_tokens import FeedToken, FeedTokenRepository
    from .loaded import LoadedTeam
    from .locations import database_url, default_database_path, describe
    from .notes import NoteRepository
    from .revision_store import DatabaseRevisionStore

_HOMES = {
    "AuditEntry": "audit", "Database": "database", "open_database": "database",
    "Conflict": "errors", "ConflictError": "errors", "CorruptDatabaseError": "errors",
    "NewerSchemaError": "errors", "NotOncallDatabaseError": "errors", "StorageError": "errors",
    "UnreachableDatabaseError": "errors", "FeedToken": "feed_tokens", "FeedTokenRepository": "feed_tokens",
    "LoadedTeam": "loaded", "database_url": "locations", "default_database_path": "locations",
    "describe": "locations", "NoteRepository": "notes", "DatabaseRevisionStore": "revision_store",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value

