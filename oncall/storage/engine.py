"""Engines for SQLite (WAL, foreign keys, real transactions) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from .errors import CorruptDatabaseError, StorageError, UnreachableDatabaseError
from .locations import describe, parse_url

BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5
IMMEDIATE = "sqlite_begin_immediate"  # execution option: take SQLite's write lock at BEGIN


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself, so DDL (migrations) is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here, not psycopg2
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
                                 pool_pre_ping=True)
        except ImportError as exc:
            raise StorageError(describe(url), f"the database driver is not installed ({exc.name}); "
                                              "use postgresql+psycopg://") from None
    raise StorageError(describe(url), f"unsupported database {backend!r}: use a SQLite file path "
                                      "or a postgresql+psycopg:// URL")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def translate(exc: BaseException, url: str) -> StorageError:
    """A driver error as a StorageError that names the database and the problem."""
    location = describe(url)
    orig = getattr(exc, "orig", exc)
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if isinstance(orig, sqlite3.DatabaseError) and _looks_corrupt(text):
        return CorruptDatabaseError(location, f"not a usable oncall database ({text}); the file was left unchanged")
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return UnreachableDatabaseError(location, f"cannot reach the database ({text})")
    return StorageError(location, text)


def _looks_corrupt(text: str) -> bool:
    text = text.lower()
    return any(s in text for s in ("not a database", "malformed", "disk image", "encrypted",
                                   # damaged or hand-edited: text that is not UTF-8, tables not as oncall made them
                                   "could not decode", "no such column", "no such table"))
