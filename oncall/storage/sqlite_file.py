"""The SQLite file before SQLAlchemy touches it: create it private, check it read-only, back it up.

Opening through the engine switches the file to WAL mode (which rewrites its header), so
everything that may refuse a file (not a database, damaged, newer schema, not ours) is
decided here on a read-only connection first: a refused file keeps every byte.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from . import migrate
from .errors import CorruptDatabaseError, StorageError, UnreachableDatabaseError
from .migrate import SchemaState

HEADER = b"SQLite format 3\x00"
PRIVATE = 0o600  # the file holds feed-token hashes and everyone's schedule


def create_private_file(path: Path) -> None:
    """An empty file readable by its owner only, created before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
    os.close(fd)
    os.chmod(path, PRIVATE)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False)


def _check_header(path: Path, location: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(len(HEADER))
    if head != HEADER:
        raise CorruptDatabaseError(location, "not an SQLite database (the file does not start with the "
                                             "SQLite header); it was left unchanged")


def _check_pages(conn: sqlite3.Connection, location: str) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise CorruptDatabaseError(location, "the database is damaged (" + "; ".join(problems)
                                   + "); it was left unchanged: restore a backup (team.db.bak-*)")


def _classify(conn: sqlite3.Connection) -> tuple[SchemaState, str | None]:
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=NullPool)
    with engine.connect() as sa_conn:
        return migrate.classify(sa_conn)


def inspect_file(path: Path, location: str, *, create: bool) -> tuple[SchemaState, str | None, bool]:
    """(schema state, revision, created-now) of the file at ``path``; never writes to it."""
    if not path.exists():
        if not create:
            raise StorageError(location, "no database file here (create it with `oncall --demo` or `oncall import TEAM.toml`)")
        try:
            create_private_file(path)
        except OSError as exc:
            raise UnreachableDatabaseError(location, f"cannot create the database file ({exc.strerror})") from None
        return SchemaState.EMPTY, None, True
    if path.is_dir():
        raise StorageError(location, "is a directory, not a database file")
    sides = _side_files(path)
    existed = {p for p in sides if p.exists()}
    try:
        if path.stat().st_size == 0:
            return SchemaState.EMPTY, None, False
        _check_header(path, location)
        conn = _read_only(path)
    except OSError as exc:
        raise UnreachableDatabaseError(location, f"cannot read the database file ({exc.strerror})") from None
    except sqlite3.Error as exc:
        raise UnreachableDatabaseError(location, f"cannot open the database file ({exc})") from None
    try:
        _check_pages(conn, location)
        state, rev = _classify(conn)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(location, f"not a usable database ({exc}); it was left unchanged") from None
    except Exception as exc:  # SQLAlchemy wraps driver errors
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.DatabaseError):
            raise CorruptDatabaseError(location, f"not a usable database ({orig}); it was left unchanged") from None
        raise
    finally:
        conn.close()
        _remove_new_side_files(sides, existed)
    return state, rev, False


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _remove_new_side_files(sides: list[Path], existed: set[Path]) -> None:
    """A read-only look at a WAL file leaves an empty -wal and a -shm behind; tidy up ours."""
    wal = sides[0]
    if wal in existed or (wal.exists() and wal.stat().st_size > 0):
        return
    for side in sides:
        if side not in existed:
            side.unlink(missing_ok=True)


def backup_path(path: Path, revision: str) -> Path:
    """``team.db.bak-<revision>``; a second backup of the same revision gets ``.2``, ``.3``..."""
    candidate = path.with_name(f"{path.name}.bak-{revision}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-{revision}.{n}")
        n += 1
    return candidate


def write_backup(path: Path, revision: str) -> Path:
    """A consistent copy (SQLite's online backup, WAL included) next to the file, mode 0600."""
    target = backup_path(path, revision)
    create_private_file(target)
    src = _read_only(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target
