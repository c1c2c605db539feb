"""Where a team comes from and goes to: one team session over memory, a team file or a database.

Both faces open a team here: the CLI (``cli/common.py``) for one command, the GUI
(``gui/document.py``, a Qt adapter with undo, signals and a poll timer) for a window. A
:class:`TeamSession` loads, saves, answers "did someone else save?" (the change counter),
and rebases unsaved edits on the latest version; storage errors become :class:`SessionError`
whose message names the file or database and the problem.

The three kinds differ only where they must: memory has nowhere to save (Save As first), a
team file is written atomically and has no change counter, a database saves what changed
and refuses a save that lost a race (:class:`SaveConflict`, nothing written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from oncall.atomic_file import write_atomic
from oncall.core.model import Team

TEAM_FILE_SUFFIXES = (".toml",)

Edit = Callable[[Team], Team]


class SessionError(Exception):
    """The team could not be read or written; the message names the file or database and the problem."""


class SaveConflict(SessionError):
    """Another writer saved first. Nothing was written; the caller's team is kept."""

    def __init__(self, message: str, conflicts: tuple[str, ...], intended: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.conflicts = conflicts
        self.intended = intended


def empty_team(name: str = "New team") -> Team:
    return Team(name, timedelta(minutes=30))


def is_team_file(path: str) -> bool:
    return Path(path).suffix.lower() in TEAM_FILE_SUFFIXES


def default_database_path() -> Path:
    """The local database every command and the app use without ``--db`` (user data directory)."""
    from oncall import storage

    return storage.default_database_path()


def load_storage() -> None:
    """Import the storage layer (SQLAlchemy and the schema) now rather than on the first open."""
    import oncall.storage.database  # noqa: F401


def load_snapshot_reader() -> None:
    """Import what reading a SQLite team without SQLAlchemy needs (``snapshot_first``)."""
    import oncall.storage.sqlite_snapshot  # noqa: F401


def database_url(path_or_url: str | None) -> str:
    """A SQLAlchemy URL for a path, a URL, or None (the default database)."""
    from oncall import storage

    return storage.database_url(path_or_url)


def describe_url(url: str) -> str:
    """For messages: the file path for SQLite, the URL without its password otherwise."""
    from oncall import storage

    return storage.describe(url)


@dataclass(frozen=True)
class TeamFileRead:
    team: Team
    warnings: tuple[str, ...] = ()


def read_team_file(path: str | Path) -> TeamFileRead:
    """The team in a team file, with the parser's warnings."""
    from oncall.core.teamfile import TeamFileError, load_team_file as _load

    try:
        result = _load(path)
    except TeamFileError as exc:
        raise SessionError(str(exc)) from exc
    return TeamFileRead(result.team, tuple(result.warnings))


def load_team_file(path: str | Path) -> Team:
    return read_team_file(path).team


def write_team_file(path: str | Path, team: Team) -> None:
    """Write atomically: a crash mid-write never leaves half a team file."""
    from oncall.core.teamfile import dump_team

    try:
        write_atomic(Path(path), dump_team(team).encode("utf-8"))
    except OSError as exc:
        raise SessionError(f"{path}: cannot write: {exc.strerror or exc}") from None


def team_file_text(team: Team) -> str:
    """The team as a team file (TOML): what ``export-team`` prints."""
    from oncall.core.teamfile import dump_team

    return dump_team(team)


def open_database(url: str, *, create: bool = True, demo_if_new: bool = False, first_team: Team | None = None):
    """Open a team database (storage.Database); storage errors become SessionError."""
    from oncall import storage

    try:
        return storage.open_database(url, create=create, demo_if_new=demo_if_new, first_team=first_team)
    except storage.StorageError as exc:
        raise SessionError(str(exc)) from exc


def ensure_demo_database(path_or_url: str | None) -> str:
    """Create the database with the demo team if it does not exist yet; return its URL."""
    url = database_url(path_or_url)
    open_database(url, create=True, demo_if_new=True).close()
    return url


@dataclass(frozen=True)
class Rebased:
    """The latest saved team, the team with the edits re-applied, and the edits that no longer apply."""

    latest: Team
    team: Team
    failed: tuple[str, ...] = field(default=())


class TeamSession:
    """An open team: memory (``kind="memory"``), a team file, or a database."""

    kind = "memory"
    url: str | None = None  # the database URL (database sessions only)

    def __init__(self, team: Team | None = None) -> None:
        self.team = team or empty_team()
        self.location: str | None = None

    # -- what it is
    @property
    def database(self):
        """The storage Database (notes, feed tokens, audit log) when a database is open, else None."""
        return None

    @property
    def description(self) -> str:
        """For messages: ``team.toml``, the database file, or the URL without its password."""
        return self.title()

    def title(self) -> str:
        return "Untitled"

    # -- reading and writing
    def load(self) -> Team:
        """Read the team again (a memory session keeps what it has)."""
        return self.team

    def save(self, team: Team) -> Team:
        """Save ``team``; returns it as stored (a database may normalise ids and order)."""
        raise SessionError("this team has no file or database yet: use Save As")

    def change_counter(self) -> int | None:
        """The database's change counter now (None: no database, or it cannot be read)."""
        return None

    @property
    def is_open(self) -> bool:
        """Everything behind the team is open (a database session may have read only its snapshot)."""
        return True

    def open_now(self) -> None:
        """Open what is behind the team if it is not yet (SessionError if it cannot be)."""

    @property
    def loaded_counter(self) -> int | None:
        """The change counter at the last load or save (None without a database)."""
        return None

    def rebase(self, edits: Sequence[tuple[str, Edit]]) -> Rebased:
        """Reload the latest saved team and re-apply ``edits`` (label, edit) in order on top.

        An edit that no longer applies (its site was deleted, the value it changes is gone)
        is reported as ``"label: why"`` instead of being guessed at; the others still apply.
        Refusals are ValueErrors (viewmodels.team_edits.EditError is one) or KeyErrors.
        """
        latest = self.load()
        team, failed = latest, []
        for label, edit in edits:
            try:
                team = edit(team)
            except (KeyError, ValueError) as exc:
                failed.append(f"{label}: {exc}")
        return Rebased(latest, team, tuple(failed))

    def close(self) -> None:
        pass

    def __enter__(self) -> "TeamSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class TeamFileSession(TeamSession):
    kind = "file"

    def __init__(self, path: str | Path, team: Team | None = None) -> None:
        self.location = str(Path(path).absolute())
        self._given = str(path)
        self.team = team if team is not None else load_team_file(self.location)

    @property
    def description(self) -> str:
        return self._given

    def title(self) -> str:
        return Path(self.location).name

    def load(self) -> Team:
        self.team = load_team_file(self.location)
        return self.team

    def save(self, team: Team) -> Team:
        write_team_file(self.location, team)
        self.team = team
        return team


class DatabaseSession(TeamSession):
    """A team database. ``snapshot_first``: read an existing SQLite file's team with the standard
    library first (storage.sqlite_snapshot) and open the database itself (SQLAlchemy, ~0.3 s)
    only when something needs it: a save, the change counter, notes. The desktop app paints
    the team that much sooner; what a later save checks is the same either way."""

    kind = "database"

    def __init__(self, location: str | None, *, create: bool = True, demo_if_new: bool = False,
                 first_team: Team | None = None, load: bool = True, snapshot_first: bool = False) -> None:
        from oncall import storage

        self._storage = storage
        self.url = database_url(location)
        self.location = location if location else str(storage.default_database_path())
        self._db = None
        self.loaded, self.team = None, first_team  # load=False: a replace (import) comes next
        if snapshot_first and load and first_team is None and self._read_snapshot():
            return
        self._db = open_database(self.url, create=create, demo_if_new=demo_if_new, first_team=first_team)
        if not load:
            return
        try:
            self.loaded = self._db.load()
        except storage.StorageError as exc:
            self._db.close()
            raise SessionError(str(exc)) from None
        self.team = self.loaded.team

    def _read_snapshot(self) -> bool:
        from oncall.storage import sqlite_snapshot

        loaded = sqlite_snapshot.read(self.location)
        if loaded is None:
            return False
        self.loaded, self.team = loaded, loaded.team
        return True

    @property
    def db(self):
        """The open storage Database, opened now if only the snapshot was read (SessionError if it cannot be)."""
        if self._db is None:
            self._db = open_database(self.url, create=False)
        return self._db

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def open_now(self) -> None:
        _ = self.db

    @property
    def database(self):
        return self.db

    @property
    def description(self) -> str:
        return describe_url(self.url)

    def title(self) -> str:
        return Path(self.location).name if "://" not in self.location else describe_url(self.url)

    def load(self) -> Team:
        try:
            self.loaded = self.db.load()
        except self._storage.StorageError as exc:
            raise SessionError(str(exc)) from None
        self.team = self.loaded.team
        return self.team

    def save(self, team: Team) -> Team:
        try:
            self.loaded = self.db.save(team, self.loaded)  # the database names the user (storage.audit)
        except self._storage.ConflictError as exc:
            raise SaveConflict(str(exc), tuple(str(c) for c in exc.conflicts),
                               tuple(getattr(exc, "intended", ()))) from None
        except self._storage.StorageError as exc:
            raise SessionError(str(exc)) from None
        self.team = self.loaded.team
        return self.team

    def replace(self, team: Team, *, counted_from: int | None = None) -> int:
        """Make the database's team equal ``team`` (one audited transaction); returns how many
        entities changed since ``counted_from`` (default: now; 0 when it already was equal)."""
        try:
            before = self.db.change_counter() if counted_from is None else counted_from
            self.loaded = self.db.replace_team(team)
            changed = len(self.db.changes_in(self.loaded.counter)) if self.loaded.counter != before else 0
        except self._storage.StorageError as exc:
            raise SessionError(str(exc)) from None
        self.team = self.loaded.team
        return changed

    @property
    def created(self) -> bool:
        """This session created the database (its first commit holds the team)."""
        return bool(getattr(self._db, "created", False))

    def change_counter(self) -> int | None:
        try:
            return self.db.change_counter()
        except (self._storage.StorageError, SessionError):
            return None

    @property
    def loaded_counter(self) -> int | None:
        return self.loaded.counter

    def audit_log(self, limit: int | None = None) -> list:
        """Who changed what, newest first (storage.AuditEntry)."""
        try:
            return self.db.audit_log(limit)
        except self._storage.StorageError as exc:
            raise SessionError(str(exc)) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def open_session(location: str | None, *, create: bool = True, demo_if_new: bool = False,
                 snapshot_first: bool = False) -> TeamSession:
    """A ``.toml`` team file, or a database (SQLite path or URL; None = the default database).

    ``snapshot_first`` (the desktop app): see :class:`DatabaseSession`."""
    if location and is_team_file(location):
        return TeamFileSession(location)
    return DatabaseSession(location, create=create, demo_if_new=demo_if_new, snapshot_first=snapshot_first)


def open_for_command(team_file: str | None, db: str | None, *, create: bool = False,
                     demo_if_new: bool = False, snapshot_first: bool = False) -> TeamSession:
    """The team a command works on: a team file if given, else ``db``, else the default database."""
    if team_file and db:
        raise SessionError("give either a team file or --db, not both")
    if team_file:
        return TeamFileSession(team_file)
    return DatabaseSession(db, create=create, demo_if_new=demo_if_new, snapshot_first=snapshot_first)


def save_as(team: Team, location: str) -> TeamSession:
    """Write ``team`` to a team file or a (new or existing) database and return the session there."""
    if is_team_file(location):
        write_team_file(location, team)
        return TeamFileSession(location, team)
    session = DatabaseSession(location, create=True, first_team=team)  # a new one: the team in its first commit
    try:
        session.replace(team)  # an existing one: made equal to the team (nothing to do for a new one)
    except SessionError:
        session.close()
        raise
    return session


def import_team(team: Team, db: str | None) -> tuple[str, int]:
    """Make the database's team equal ``team``: (where, how many entities changed).

    A new database is made with the team in its first commit (never an empty one).
    """
    # Not loaded first: an import may replace a team whose stored rows no longer load (a bad zone).
    with DatabaseSession(db, create=True, first_team=team, load=False) as session:
        changed = session.replace(team, counted_from=0 if session.created else None)
        return session.db.location, changed


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn a storage failure inside the block (a lost connection, a locked file) into a
    SessionError naming the database, for use cases that work on ``session.database``."""
    from oncall import storage

    try:
        yield
    except storage.StorageError as exc:
        raise SessionError(str(exc)) from None
