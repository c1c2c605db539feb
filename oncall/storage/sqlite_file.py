"""The SQLite file before SQLAlchemy touches it: create it private, check it, back it up.

Opening through the engine switches the file to WAL mode (which rewrites its header), so
everything that may refuse a file (not a database, damaged, newer schema, not ours) is
decided here first, on a connection that cannot write (``PRAGMA query_only``): a refused
file keeps every byte.

The check never deletes or renames the ``-wal``/``-shm`` side files. Another process's live
connection may hold them, and removing them under it makes that process commit into an
unlinked WAL: its saves report success and are lost. Instead the check uses an ordinary
read-write connection in query-only mode, so SQLite itself decides on close whether it was
the last connection and may remove the side files it created (it takes the file's exclusive
lock first, so it never removes them under another connection).
"""

from __future__ import annotations

import glob
import os
import secrets
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from .errors import CorruptDatabaseError, StorageError, UnreachableDatabaseError
from .revision_files import SchemaState

HEADER = b"SQLite format 3\x00"
PRIVATE = 0o600  # the file holds feed-token hashes and everyone's schedule
BUSY_TIMEOUT_S = 10.0  # another process may be recovering the WAL index: wait, do not fail


def create_private_file(path: Path) -> None:
    """An empty file readable by its owner only, created before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
    os.close(fd)
    os.chmod(path, PRIVATE)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_S)


def query_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write and tidies up its own side files on close.

    Falls back to a read-only connection when the file or its directory is not writable
    (then SQLite could not have created side files for us anyway).
    """
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=rw", uri=True, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_S)
    except sqlite3.OperationalError:
        return _read_only(path)
    conn.execute("PRAGMA query_only=1")
    return conn


def check_header(path: Path, location: str) -> None:
    with open(path, "rb") as fh:
        head = fh.read(len(HEADER))
    if head != HEADER:
        raise CorruptDatabaseError(location, "not an SQLite database (the file does not start with the "
                                             "SQLite header); it was left unchanged")


def check_pages(conn: sqlite3.Connection, location: str) -> None:
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except UnicodeDecodeError:  # SQLite's error quoted damaged bytes that are not UTF-8
        problems = ["SQLite's report on it quotes unreadable bytes"]
    if problems != ["ok"]:
        raise CorruptDatabaseError(location, "the database is damaged (" + "; ".join(problems)
                                   + "); it was left unchanged: restore a backup (team.db.bak-*)")


def _classify(conn: sqlite3.Connection) -> tuple[SchemaState, str | None]:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from . import migrate

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=NullPool)
    with engine.connect() as sa_conn:
        return migrate.classify(sa_conn)


NO_DATABASE = "no database file here (create it with `oncall --demo` or `oncall import TEAM.toml`)"


def inspect_file(path: Path, location: str) -> tuple[SchemaState, str | None]:
    """(schema state, revision) of the existing file at ``path``; never writes to it.

    An existing empty file (made by the user, e.g. ``touch team.db``) reads as EMPTY: it
    becomes a database in place. A missing one is created by ``open_database`` under a
    temporary name instead, so a killed first import never leaves a half-made database.
    """
    if not path.exists():
        raise StorageError(location, NO_DATABASE)
    if path.is_dir():
        raise StorageError(location, "is a directory, not a database file")
    try:
        if path.stat().st_size == 0:
            return SchemaState.EMPTY, None
        check_header(path, location)
        conn = query_only(path)
    except OSError as exc:
        raise UnreachableDatabaseError(location, f"cannot read the database file ({exc.strerror})") from None
    except sqlite3.Error as exc:
        raise UnreachableDatabaseError(location, f"cannot open the database file ({exc})") from None
    try:
        check_pages(conn, location)
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
    return state, rev


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
    src = query_only(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


# -- a new database: built under a temporary name, moved into place after its first commit ----
TEMP_SUFFIX = ".creating"
STALE_TEMP_S = 15 * 60  # a temp file this old belongs to a creator that died (killed import)


def temp_path(path: Path) -> Path:
    """A hidden sibling no other process uses: ``.team.db.<random>.creating``."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def remove_temp(temp: Path) -> None:
    """Our own temp database and its side files (only its creator knows the random name)."""
    for side in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm"),
                 temp.with_name(temp.name + "-journal")):
        side.unlink(missing_ok=True)


def remove_stale_temps(path: Path) -> None:
    """Temp databases of creators that were killed long ago (never a live creator's)."""
    now = time.time()
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        try:
            if now - temp.stat().st_mtime > STALE_TEMP_S:
                remove_temp(temp)
        except OSError:
            continue


def checkpoint_all(conn: sqlite3.Connection, location: str) -> None:
    """Move every committed page from the WAL into the main file before the file is moved."""
    busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise StorageError(location, "cannot finish creating the database (its log is still in use)")


def move_into_place(temp: Path, path: Path) -> bool:
    """Publish the finished temp database as ``path``; False if another creator was first.

    ``os.link`` fails when ``path`` exists, so two processes creating the same database at
    once never replace each other's file; the loser opens the winner's database instead.
    """
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: rename, after a last look
        if path.exists():
            return False
        os.rename(temp, path)
    _fsync_dir(path.parent)
    return True


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory; its renames are durable anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
