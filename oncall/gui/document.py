"""The open team: its value, undo stack, where it lives (memory, team file, database), saving.

Widgets never hold the team; they ask the document and listen to ``teamChanged``. Every
edit goes through :meth:`TeamDocument.apply`, which validates it (a pure function that may
raise EditError) before pushing an undo command, so a refused edit leaves no trace.

With a database the document also polls the change counter: when someone else saved and we
have no unsaved edits, it reloads; with unsaved edits it says so and keeps them. A save that
loses a race (ConflictError) keeps the user's edits, and :meth:`rebase_on_latest` re-applies
them on top of the other writer's version.

Every write to the database advances the counter, also a handoff note or a feed token saved
from this window. Such writes go through :meth:`TeamDocument.own_write`, which remembers the
counter value they produced, so polling does not take the user's own note for "someone else
saved".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from oncall.atomic_file import write_atomic
from oncall.core.model import Team
from oncall.viewmodels.team_edits import EditError

from .commands import Edit, TeamEditCommand

TEAM_FILE_SUFFIXES = (".toml",)
POLL_INTERVAL_MS = 3000
T = TypeVar("T")


class DocumentError(Exception):
    """Opening or saving failed; ``str()`` names the file or database and the problem."""


class SaveConflict(Exception):
    """Another writer saved first. Nothing was written; the user's team is kept."""

    def __init__(self, message: str, conflicts: tuple[str, ...], intended: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.conflicts = conflicts
        self.intended = intended


def empty_team(name: str = "New team") -> Team:
    return Team(name, timedelta(minutes=30))


def is_team_file(path: str) -> bool:
    return Path(path).suffix.lower() in TEAM_FILE_SUFFIXES


# ---------------------------------------------------------------- backends


class _MemoryBackend:
    """An untitled team: saving needs a place first (Save As)."""

    kind = "memory"
    location = None

    def title(self) -> str:
        return "Untitled"

    def save(self, team: Team) -> None:
        raise DocumentError("this team has no file or database yet: use Save As")

    def change_counter(self) -> int | None:
        return None

    def close(self) -> None:
        pass


class _TeamFileBackend:
    kind = "file"

    def __init__(self, path: str) -> None:
        self.location = str(Path(path).absolute())

    def title(self) -> str:
        return Path(self.location).name

    def load(self) -> Team:
        from oncall.core.teamfile import TeamFileError, load_team_file

        try:
            return load_team_file(self.location).team
        except TeamFileError as exc:
            raise DocumentError(str(exc)) from None

    def save(self, team: Team) -> None:
        write_team_file(self.location, team)

    def change_counter(self) -> int | None:
        return None

    def close(self) -> None:
        pass


def write_team_file(path: str, team: Team) -> None:
    """Write atomically: a crash mid-write never leaves half a team file."""
    from oncall.core.teamfile import dump_team

    target = Path(path)
    text = dump_team(team)
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise DocumentError(f"{path}: cannot write: {exc.strerror or exc}") from None


class _DatabaseBackend:
    kind = "database"

    def __init__(self, location: str | None, *, create: bool = True, demo_if_new: bool = False) -> None:
        from oncall import storage

        self._storage = storage
        self.url = storage.database_url(location)
        self.location = location if location else str(storage.default_database_path())
        try:
            self.db = storage.open_database(self.url, create=create, demo_if_new=demo_if_new)
            self.loaded = self.db.load()
        except storage.StorageError as exc:
            raise DocumentError(str(exc)) from None

    def title(self) -> str:
        return Path(self.location).name if "://" not in self.location else self._describe()

    def _describe(self) -> str:
        from oncall.services.session import describe_url

        return describe_url(self.url)

    def load(self) -> Team:
        try:
            self.loaded = self.db.load()
        except self._storage.StorageError as exc:
            raise DocumentError(str(exc)) from None
        return self.loaded.team

    def save(self, team: Team) -> None:
        try:
            self.loaded = self.db.save(team, self.loaded)  # the database names the user (storage.audit)
        except self._storage.ConflictError as exc:
            raise SaveConflict(str(exc), tuple(str(c) for c in exc.conflicts),
                               tuple(getattr(exc, "intended", ()))) from None
        except self._storage.StorageError as exc:
            raise DocumentError(str(exc)) from None

    def replace(self, team: Team) -> None:
        try:
            self.db.replace_team(team)
            self.loaded = self.db.load()
        except self._storage.StorageError as exc:
            raise DocumentError(str(exc)) from None

    def change_counter(self) -> int | None:
        try:
            return self.db.change_counter()
        except self._storage.StorageError:
            return None

    def close(self) -> None:
        close = getattr(self.db, "close", None)
        if close:
            close()


# ---------------------------------------------------------------- the document


class TeamDocument(QObject):
    teamChanged = Signal(object)  # the new Team value
    modifiedChanged = Signal(bool)
    sourceChanged = Signal()  # title/location/kind changed
    conflictDetected = Signal(object)  # SaveConflict
    externalChange = Signal(str)  # another writer saved while we have unsaved edits
    reloaded = Signal(str)  # reloaded because another writer saved (status text)

    def __init__(self, team: Team | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._team = team or empty_team()
        self._backend = _MemoryBackend()
        self.revision = 0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.poll_for_changes)
        self._warned_counter: int | None = None
        # The newest change-counter value whose change is ours or shown: loaded, saved, or
        # produced by one of our own writes (a note, a feed token). Polling ignores it.
        self._seen_counter: int | None = None

    # -- state
    @property
    def team(self) -> Team:
        return self._team

    @property
    def kind(self) -> str:
        return self._backend.kind

    @property
    def location(self) -> str | None:
        return self._backend.location

    def title(self) -> str:
        return self._backend.title()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def database(self):
        """The storage Database when a database is open (notes, feed tokens), else None."""
        return getattr(self._backend, "db", None)

    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    def _set_team(self, team: Team) -> None:
        self._team = team
        self.revision += 1
        self.teamChanged.emit(team)

    # -- editing
    def apply(self, text: str, edit: Edit) -> Team:
        """Validate and push one edit; raises EditError (nothing pushed) if it is refused."""
        before = self._team
        after = edit(before)
        if after is before or after == before:
            return before
        self.undo_stack.push(TeamEditCommand(self, text, edit, before, after))
        return after

    def replace_team(self, text: str, team: Team) -> Team:
        """An undoable whole-team replacement (import a team file)."""
        return self.apply(text, lambda _old: team)

    # -- opening
    def _switch(self, backend, team: Team) -> None:
        self._poll.stop()
        old = self._backend
        self._backend = backend
        if old is not backend:
            old.close()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._warned_counter = None
        self._seen_counter = self._loaded_counter()
        self._set_team(team)
        self.sourceChanged.emit()
        self.modifiedChanged.emit(False)
        if backend.kind == "database":
            self._poll.start()

    def new(self, team: Team | None = None) -> None:
        self._switch(_MemoryBackend(), team or empty_team())

    def open(self, location: str | None, *, demo_if_new: bool = False) -> None:
        """A ``.toml`` team file, or a database (SQLite path or URL; None = the default)."""
        if location and is_team_file(location):
            backend = _TeamFileBackend(location)
            self._switch(backend, backend.load())
        else:
            backend = _DatabaseBackend(location, demo_if_new=demo_if_new)
            self._switch(backend, backend.loaded.team)

    def reload(self) -> None:
        """Discard unsaved edits and read the team again."""
        if self._backend.kind == "memory":
            return
        self._switch(self._backend, self._backend.load())

    # -- saving
    def save(self) -> None:
        """Save in place; raises DocumentError, or SaveConflict (also emitted) keeping the edits."""
        try:
            self._backend.save(self._team)
        except SaveConflict as conflict:
            self.conflictDetected.emit(conflict)
            raise
        self.undo_stack.setClean()
        if self._backend.kind == "database":
            self._warned_counter = None
            self._seen_counter = self._loaded_counter()
            # A save can normalise values (ids, order): show what the database holds.
            loaded_team = self._backend.loaded.team
            if loaded_team != self._team:
                self._team = loaded_team
                self.revision += 1
                self.teamChanged.emit(loaded_team)

    def save_as(self, location: str) -> None:
        """Write the team to a team file or a new database and keep working there."""
        if is_team_file(location):
            write_team_file(location, self._team)
            backend = _TeamFileBackend(location)
        else:
            backend = _DatabaseBackend(location, create=True)
            backend.replace(self._team)
        team = self._team
        self._switch(backend, team)

    def export_team_file(self, path: str) -> None:
        write_team_file(path, self._team)

    def import_team_file(self, path: str) -> None:
        from oncall.core.teamfile import TeamFileError, load_team_file

        try:
            team = load_team_file(path).team
        except TeamFileError as exc:
            raise DocumentError(str(exc)) from None
        self.replace_team(f"Import {Path(path).name}", team)

    # -- conflicts and other writers
    def pending_edits(self) -> list[TeamEditCommand]:
        """The edits made since the last save, oldest first."""
        clean = max(self.undo_stack.cleanIndex(), 0)
        return [self.undo_stack.command(i) for i in range(clean, self.undo_stack.index())]

    def rebase_on_latest(self) -> list[str]:
        """Reload what the database holds and re-apply the unsaved edits on top.

        Returns the edits that no longer apply (e.g. their site was deleted), with why. The
        result is unsaved (modified) and the undo history restarts from the reloaded team.
        """
        edits = self.pending_edits()
        latest = self._backend.load()
        team, failed = latest, []
        for command in edits:
            try:
                team = command.edit(team)
            except (EditError, KeyError, ValueError) as exc:
                failed.append(f"{command.text()}: {exc}")
        self._switch(self._backend, latest)
        if team != latest:
            self.replace_team("Re-apply my edits", team)
        return failed

    def _loaded_counter(self) -> int | None:
        loaded = getattr(self._backend, "loaded", None)
        return loaded.counter if loaded is not None else None

    def own_write(self, write: Callable[[], T]) -> T:
        """Run ``write`` (a note or feed-token write to this database) as this user's own change.

        The write advances the change counter like anybody's save. When the counter moved by
        exactly one across the write, and before it stood where this document last saw it,
        the step is ours: remember it, so polling neither reloads nor warns about it. If
        someone else wrote meanwhile the counter moved further and polling reports them.
        """
        before = self._backend.change_counter()
        result = write()
        after = self._backend.change_counter()
        if before is not None and before == self._seen_counter and after == before + 1:
            self._seen_counter = after
        return result

    def poll_for_changes(self) -> None:
        counter = self._backend.change_counter()
        loaded = getattr(self._backend, "loaded", None)
        if counter is None or loaded is None or counter == self._seen_counter:
            return
        if not self.is_modified():
            self._switch(self._backend, self._backend.load())
            self.reloaded.emit("Another user saved the team: showing their version")
        elif self._warned_counter != counter:
            self._warned_counter = counter
            self.externalChange.emit("Another user saved the team while you have unsaved edits; "
                                     "saving will check for conflicts")

    def close(self) -> None:
        self._poll.stop()
        self._backend.close()
