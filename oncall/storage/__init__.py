"""Storage: the team in SQLite (embedded default) or PostgreSQL (shared by several leads).

SQLAlchemy 2 models, Alembic migrations shipped in the package, repository functions that
translate rows to the core's dataclasses. The core never imports this package.
"""

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

__all__ = [
    "AuditEntry", "Conflict", "ConflictError", "CorruptDatabaseError", "Database",
    "DatabaseRevisionStore", "FeedToken", "FeedTokenRepository", "LoadedTeam", "NewerSchemaError",
    "NoteRepository", "NotOncallDatabaseError", "StorageError", "UnreachableDatabaseError",
    "database_url", "default_database_path", "describe", "open_database",
]
