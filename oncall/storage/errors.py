"""What can go wrong with a database, as exceptions whose text a team lead can act on.

Every message names the database location (password hidden) and the problem, so the CLI can
print it as is and the GUI can show it in a dialog without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from oncall.core.model import Team


class StorageError(Exception):
    """Base: the database at ``location`` could not be used; ``str()`` says why."""

    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem


class CorruptDatabaseError(StorageError):
    """The file is not an SQLite database, or its pages are damaged. It was not modified."""


class NewerSchemaError(StorageError):
    """The database was written by a newer oncall; opening it here could damage it."""


class UnreachableDatabaseError(StorageError):
    """The server did not answer or refused the connection (or the file cannot be opened)."""


class NotOncallDatabaseError(StorageError):
    """A valid database that some other program owns: we leave it alone."""


class Conflict(NamedTuple):
    """One entity another writer changed since the caller loaded the team.

    A tuple ``(kind, entity_id, user, at, change)`` with those names as attributes.
    """

    kind: str  # "team", "site", "member", "leg", "override", "unavailability", "adjustment", "note"
    entity_id: str
    user: str | None  # who changed it (None: unknown, e.g. no audit entry)
    at: datetime | None  # when
    change: str  # what changed, e.g. "deleted" or "name: 'Sydney' -> 'Sydney CBD'"

    def __str__(self) -> str:
        who = self.user or "another writer"
        when = f" at {self.at:%Y-%m-%d %H:%M:%SZ}" if self.at else ""
        return f"{self.kind} {self.entity_id!r} was changed by {who}{when}: {self.change}"


class ConflictError(StorageError):
    """A save lost a race: nothing was written; ``pending`` keeps the edit to re-apply."""

    def __init__(self, location: str, conflicts: Sequence[Conflict], pending: "Team",
                 intended: Sequence[str] = ()) -> None:
        lines = "; ".join(str(c) for c in conflicts) or "another writer changed the team"
        super().__init__(location, f"not saved, the team changed meanwhile: {lines}. "
                                   "Reload and re-apply your edit.")
        self.conflicts = list(conflicts)
        self.pending = pending
        self.intended = list(intended)  # human summaries of the changes that were not saved
