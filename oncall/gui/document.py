"""The open team in the desktop app: a Qt adapter over :mod:`oncall.services.session`.

The session knows where the team lives (memory, team file, database) and how to load, save
and rebase it; this document adds what a window needs on top: the undo stack, signals for
the views, and a poll timer that notices other writers.

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
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from oncall.core.model import Team
from oncall.services import session as sessions
from oncall.services.session import (  # noqa: F401 - the GUI's names for the session's errors and helpers
    SaveConflict, SessionError as DocumentError, TeamSession, empty_team, is_team_file, write_team_file,
)

from .commands import Edit, TeamEditCommand

POLL_INTERVAL_MS = 3000
T = TypeVar("T")


# ---------------------------------------------------------------- the document


class TeamDocument(QObject):
    teamChanged = Signal(object)  # the new Team value
    modifiedChanged = Signal(bool)
    sourceChanged = Signal()  # title/location/kind changed
    conflictDetected = Signal(object)  # SaveConflict
    externalChange = Signal(str)  # another writer saved while we have unsaved edits
    reloaded = Signal(str)  # reloaded because another writer saved (status text)
    storageFailed = Signal(str)  # the database whose snapshot is shown could not be opened (message)

    def __init__(self, team: Team | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._team = team or empty_team()
        self._session: TeamSession = TeamSession(self._team)
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
        return self._session.kind

    @property
    def location(self) -> str | None:
        return self._session.location

    def title(self) -> str:
        return self._session.title()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def database(self):
        """The storage Database when a database is open (notes, feed tokens), else None.

        A database shown from its snapshot opens here on first use; if it cannot be opened the
        answer is None (panels then offer no notes) and :attr:`storageFailed` says why.
        """
        try:
            return self._session.database
        except sessions.SessionError as exc:
            self.storageFailed.emit(str(exc))
            return None

    def open_storage(self) -> None:
        """Open the database behind a snapshot now (the app calls it once the team is on screen),
        so the first save, note or poll does not wait ~0.3 s for SQLAlchemy."""
        if self._session.is_open:
            return
        try:
            self._session.open_now()
        except sessions.SessionError as exc:
            self.storageFailed.emit(str(exc))

    @property
    def session(self) -> TeamSession:
        return self._session

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
        old = self._session
        self._session = backend
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
        session = TeamSession(team)
        self._switch(session, session.team)

    def open(self, location: str | None, *, demo_if_new: bool = False) -> None:
        """A ``.toml`` team file, or a database (SQLite path or URL; None = the default)."""
        session = sessions.open_session(location, demo_if_new=demo_if_new, snapshot_first=True)
        self._switch(session, session.team)

    def reload(self) -> None:
        """Discard unsaved edits and read the team again."""
        if self._session.kind == "memory":
            return
        self._switch(self._session, self._session.load())

    # -- saving
    def save(self) -> None:
        """Save in place; raises DocumentError, or SaveConflict (also emitted) keeping the edits."""
        try:
            stored = self._session.save(self._team)
        except SaveConflict as conflict:
            self.conflictDetected.emit(conflict)
            raise
        self.undo_stack.setClean()
        if self._session.kind == "database":
            self._warned_counter = None
            self._seen_counter = self._loaded_counter()
            # A save can normalise values (ids, order): show what the database holds.
            loaded_team = stored
            if loaded_team != self._team:
                self._team = loaded_team
                self.revision += 1
                self.teamChanged.emit(loaded_team)

    def save_as(self, location: str) -> None:
        """Write the team to a team file or a new database and keep working there."""
        team = self._team
        self._switch(sessions.save_as(team, location), team)

    def export_team_file(self, path: str) -> None:
        write_team_file(path, self._team)

    def import_team_file(self, path: str) -> None:
        self.replace_team(f"Import {Path(path).name}", sessions.load_team_file(path))

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
        rebased = self._session.rebase([(command.text(), command.edit) for command in self.pending_edits()])
        self._switch(self._session, rebased.latest)
        if rebased.team != rebased.latest:
            self.replace_team("Re-apply my edits", rebased.team)
        return list(rebased.failed)

    def _loaded_counter(self) -> int | None:
        return self._session.loaded_counter

    def own_write(self, write: Callable[[], T]) -> T:
        """Run ``write`` (a note or feed-token write to this database) as this user's own change.

        The write advances the change counter like anybody's save. When the counter moved by
        exactly one across the write, and before it stood where this document last saw it,
        the step is ours: remember it, so polling neither reloads nor warns about it. If
        someone else wrote meanwhile the counter moved further and polling reports them.
        """
        before = self._session.change_counter()
        result = write()
        after = self._session.change_counter()
        if before is not None and before == self._seen_counter and after == before + 1:
            self._seen_counter = after
        return result

    def poll_for_changes(self) -> None:
        counter = self._session.change_counter()
        if counter is None or self._session.loaded_counter is None or counter == self._seen_counter:
            return
        if not self.is_modified():
            self._switch(self._session, self._session.load())
            self.reloaded.emit("Another user saved the team: showing their version")
        elif self._warned_counter != counter:
            self._warned_counter = counter
            self.externalChange.emit("Another user saved the team while you have unsaved edits; "
                                     "saving will check for conflicts")

    def close(self) -> None:
        self._poll.stop()
        self._session.close()
