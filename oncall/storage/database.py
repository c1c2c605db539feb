"""Open a team database and load/save the team: the API the CLI, GUI and feeds code against."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oncall.core.model import Team

from . import audit, codec, conflicts, loader, migrate, sqlite_file, writer
from .audit import AuditEntry
from .diff import TeamDiff, diff_team
from .engine import IMMEDIATE, is_sqlite, make_engine, translate
from .errors import (
    ConflictError, CorruptDatabaseError, NewerSchemaError, NotOncallDatabaseError, StorageError, UnreachableDatabaseError,
)
from .loaded import LoadedTeam
from .locations import database_url, describe, parse_url, sqlite_path
from .migrate import SchemaState
from .schema import TEAM_ROW_ID, ChangeCounterRow, TeamRow
from .team_rows import BadRowError

NOTIFY_CHANNEL = "oncall_changes"


class Database:
    """One team database. Thread-compatible, not thread-safe: one per thread or guard it."""

    def __init__(self, url: str, engine: Engine, *, user: str | None = None) -> None:
        from .feed_tokens import FeedTokenRepository
        from .notes import NoteRepository
        from .team_settings import TeamSettingsRepository

        self.url = url
        self.location = describe(url)
        self.engine = engine
        self.user = user
        self.created = False  # set by open_database: this open created the database
        self.notes = NoteRepository(self)
        self.feed_tokens = FeedTokenRepository(self)
        self.settings = TeamSettingsRepository(self)

    # -- plumbing ---------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.location!r})"

    def who(self, user: str | None = None) -> str:
        return audit.resolve_user(user or self.user)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction that sees one consistent snapshot.

        A stored value the driver cannot decode (bytes that are not UTF-8, a date SQLite keeps as
        text that is no longer a date or is a number: a damaged or hand-edited file) is a
        CorruptDatabaseError naming the database, not a ValueError or TypeError from deep inside
        a result row.
        """
        try:
            with self.engine.connect() as conn:
                if not is_sqlite(self.engine):
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except (StorageError, BadRowError):
            raise
        except DBAPIError as exc:
            raise translate(exc, self.url) from None
        except (ValueError, TypeError) as exc:  # UnicodeDecodeError included; an int where a date was kept
            raise CorruptDatabaseError(self.location, f"a stored value cannot be read ({_first_line(exc)}); the "
                                                      "database was left unchanged: restore a backup (team.db.bak-*)"
                                       ) from None

    @contextmanager
    def writing(self) -> Iterator[tuple[Connection, Session]]:
        """One write transaction holding the writers' lock (SQLite: BEGIN IMMEDIATE)."""
        try:
            with self.engine.connect() as conn:
                if is_sqlite(self.engine):
                    conn = conn.execution_options(**{IMMEDIATE: True})
                with conn.begin():
                    with Session(bind=conn, autoflush=False, expire_on_commit=False) as session:
                        yield conn, session
                        session.flush()
        except (StorageError, StaleDataError, IntegrityError):
            raise
        except DBAPIError as exc:
            raise translate(exc, self.url) from None

    def lock_writers(self, conn: Connection) -> None:
        """Serialise writers before reading what a write depends on (SQLite: BEGIN IMMEDIATE did)."""
        if not is_sqlite(self.engine):
            conn.execute(select(ChangeCounterRow.value).where(ChangeCounterRow.id == 1).with_for_update())

    def bump_counter(self, conn: Connection) -> int:
        """Increment the change counter first thing in a write: it also serialises writers."""
        conn.execute(update(ChangeCounterRow).where(ChangeCounterRow.id == 1)
                     .values(value=ChangeCounterRow.value + 1))
        if not is_sqlite(self.engine):
            conn.exec_driver_sql(f"NOTIFY {NOTIFY_CHANNEL}")
        return loader.read_counter(conn)

    # -- the team ---------------------------------------------------------------------------
    def load(self) -> LoadedTeam:
        """The team; StorageError naming the row if a stored row is unusable (unknown zone)."""
        try:
            with self.reading() as conn:
                return loader.load(conn)
        except loader.BadRowError as exc:
            raise StorageError(self.location, f"{exc}; fix that row, or import a team file to replace "
                                              "the team (`oncall import TEAM.toml`)") from None

    def load_team(self) -> Team:
        return self.load().team

    def change_counter(self) -> int:
        """Cheap; poll it and reload when it differs from ``LoadedTeam.counter``."""
        with self.reading() as conn:
            return loader.read_counter(conn)

    def save(self, team: Team, base: LoadedTeam, *, user: str | None = None) -> LoadedTeam:
        """Write what changed between ``base.team`` and ``team`` in one transaction.

        Raises ConflictError (nothing written, ``pending`` = ``team``) if another writer changed
        an entity this edit touches since ``base`` was loaded.
        """
        diff = diff_team(base, team)
        if not diff.changes:
            return dataclasses.replace(base, team=team)
        who = self.who(user)
        try:
            with self.writing() as (conn, session):
                counter = self.bump_counter(conn)
                found = conflicts.find(conn, diff, base)
                if found:
                    raise self._conflict(found, team, diff)
                written = writer.apply(session, diff)
                self._audit(conn, diff, written, who, counter)
        except (StaleDataError, IntegrityError) as exc:
            with self.reading() as conn:
                others = conflicts.since(conn, base.counter)
            if not others:  # nobody else wrote: the edit itself is inconsistent
                raise StorageError(self.location, f"not saved: {_first_line(exc)}") from None
            raise self._conflict(others, team, diff) from None
        if counter == base.counter + 1:
            return writer.next_base(base, team, diff, written, counter)
        return self.load()  # others saved meanwhile (elsewhere in the team): take their edits too

    def replace_team(self, team: Team, *, user: str | None = None) -> LoadedTeam:
        """Make the stored team equal ``team`` whatever it was (import); audits each change."""
        who = self.who(user)
        try:
            with self.writing() as (conn, session):
                self.lock_writers(conn)
                self.replace_in(conn, session, team, who)
        except IntegrityError as exc:
            raise _undefined_reference(self.location, exc) from None
        return self.load()

    def replace_in(self, conn: Connection, session: Session, team: Team, who: str) -> bool:
        """Inside the caller's write transaction: make the stored team equal ``team``.

        False if it already was (nothing written, the change counter unchanged).
        """
        diff = diff_team(loader.load(conn, check=False), team)
        if not diff.changes:
            return False
        counter = self.bump_counter(conn)
        written = writer.apply(session, diff)
        self._audit(conn, diff, written, who, counter)
        return True

    def _audit(self, conn: Connection, diff: TeamDiff, written: dict, who: str, counter: int) -> None:
        ids = {n: obj.id for n, obj in written.items() if diff.changes[n].key is None}
        audit.write(conn, audit.change_rows(diff.changes, ids, who, audit.now_utc(), counter))

    def _conflict(self, found, team: Team, diff: TeamDiff) -> ConflictError:
        intended = [f"{ch.action} {ch.kind} {ch.label if ch.label is not None else '(new)'}" for ch in diff.changes]
        return ConflictError(self.location, found, team, intended)

    # -- the rest -----------------------------------------------------------------------------
    def audit_log(self, limit: int | None = None) -> list[AuditEntry]:
        """Newest first."""
        with self.reading() as conn:
            return audit.read(conn, limit)

    def changes_in(self, counter: int) -> list[AuditEntry]:
        """The audit entries of one commit (``LoadedTeam.counter`` after a save or import)."""
        with self.reading() as conn:
            return [e for e in audit.since(conn, counter - 1) if e.counter == counter]

    def revisions(self, feed_name: str):
        from .revision_store import DatabaseRevisionStore

        return DatabaseRevisionStore(self, feed_name)


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]


def _undefined_reference(location: str, exc: BaseException) -> StorageError:
    return StorageError(location, f"the team refers to something it does not define ({_first_line(exc)})")


# -- opening --------------------------------------------------------------------------------
def _prepare_sqlite(path: Path, location: str) -> None:
    state, rev = sqlite_file.inspect_file(path, location)
    _refuse(state, rev, location)
    if state is SchemaState.OLDER:
        sqlite_file.write_backup(path, rev)


def _refuse(state: SchemaState, rev: str | None, location: str) -> None:
    if state is SchemaState.NEWER:
        raise NewerSchemaError(location, f"written by a newer version of oncall (schema {rev}; this "
                                         f"version knows up to {migrate.head_revision()}); upgrade oncall "
                                         "to open it. The database was left unchanged")
    if state is SchemaState.FOREIGN:
        raise NotOncallDatabaseError(location, "a database, but not an oncall one; it was left unchanged")


def _ensure_schema(db: Database, location: str, first_team: Team | None = None) -> bool:
    """Create or upgrade the schema in one transaction; True if the database was new.

    A new database gets ``first_team`` (if given) in that same transaction, so no reader
    ever sees it half made (an empty "New team" where an import was meant to be).
    """
    engine = db.engine
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn = conn.execution_options(**{IMMEDIATE: True})
        with conn.begin():
            if not is_sqlite(engine):
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(72317)")  # one migrator at a time
            state, rev = migrate.classify(conn)
            _refuse(state, rev, location)
            if state in (SchemaState.EMPTY, SchemaState.OLDER):
                migrate.upgrade(conn)
            created = _ensure_singletons(conn)
            if created and first_team is not None:
                with Session(bind=conn, autoflush=False, expire_on_commit=False) as session:
                    db.replace_in(conn, session, first_team, db.who())
                    session.flush()
            return created


def _ensure_singletons(conn: Connection) -> bool:
    created = False
    if conn.execute(select(ChangeCounterRow.id)).first() is None:
        conn.execute(insert(ChangeCounterRow).values(id=1, value=0))
    if conn.execute(select(TeamRow.id)).first() is None:
        conn.execute(insert(TeamRow).values(id=TEAM_ROW_ID, version=1,
                                            **codec.team_values(loader.DEFAULT_TEAM_NAME, _zero())))
        created = True
    return created


def _zero():
    from datetime import timedelta

    return timedelta(0)


def _setup(db: Database, url: str, first_team: Team | None) -> bool:
    """``_ensure_schema`` with driver errors as StorageErrors; the engine is disposed on failure."""
    try:
        return _ensure_schema(db, db.location, first_team)
    except StorageError:
        db.engine.dispose()
        raise
    except IntegrityError as exc:
        db.engine.dispose()
        raise _undefined_reference(db.location, exc) from None
    except SQLAlchemyError as exc:
        db.engine.dispose()
        raise translate(exc, url) from None


def _create_sqlite(path: Path, location: str, first_team: Team | None, user: str | None) -> bool:
    """Build a new SQLite database under a temporary name and move it into place after its
    first commit (schema and ``first_team`` in one transaction); False if another process
    created ``path`` meanwhile (then theirs is used, ours discarded).

    A creator killed midway leaves only a hidden ``.team.db.*.creating`` file, never a
    ``team.db`` that later commands would take for a real, empty team; the next creation
    removes such leftovers once they are old enough not to belong to a live creator.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite_file.remove_stale_temps(path)
        temp = sqlite_file.temp_path(path)
        sqlite_file.create_private_file(temp)
    except OSError as exc:
        raise UnreachableDatabaseError(location, f"cannot create the database file ({exc.strerror})") from None
    temp_url = database_url(str(temp))
    db = Database(temp_url, make_engine(temp_url), user=user)
    db.location = location
    try:
        _setup(db, temp_url, first_team)
        raw = db.engine.raw_connection()
        try:
            sqlite_file.checkpoint_all(raw.driver_connection, location)
        finally:
            raw.close()
        db.engine.dispose()  # the last connection closes: SQLite removes the temp's side files
        return sqlite_file.move_into_place(temp, path)
    except OSError as exc:
        raise UnreachableDatabaseError(location, f"cannot create the database file ({exc.strerror})") from None
    finally:
        db.engine.dispose()
        sqlite_file.remove_temp(temp)


def open_database(url: str, *, create: bool = True, demo_if_new: bool = False,
                  user: str | None = None, first_team: Team | None = None) -> Database:
    """Open (creating, upgrading after a backup, if needed) the team database at ``url``.

    A database created now holds ``first_team`` (or the demo team with ``demo_if_new``)
    from its first commit; ``Database.created`` says whether this call created it.
    """
    url = database_url(url)  # a plain path is accepted too
    location = describe(url)
    parse_url(url)
    if first_team is None and demo_if_new:
        from oncall.core.demo import demo_team

        first_team = demo_team()
    path = sqlite_path(url)
    created = False
    if path is not None:
        if create and not path.exists():
            created = _create_sqlite(path, location, first_team, user)
        _prepare_sqlite(path, location)
    db = Database(url, make_engine(url), user=user)
    db.created = _setup(db, url, first_team) or created
    return db
