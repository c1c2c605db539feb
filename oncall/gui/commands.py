"""Undo commands: each edit replaces the document's Team value.

An edit is a pure function ``Team -> Team`` (see :mod:`oncall.viewmodels.team_edits`). The
command keeps the value before and after: ``redo`` sets the after value, ``undo`` the
before value. It also keeps the function, so after a save conflict the document can re-apply
the user's edits on top of what the other writer saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from oncall.core.model import Team

if TYPE_CHECKING:  # pragma: no cover
    from .document import TeamDocument

Edit = Callable[[Team], Team]


class TeamEditCommand(QUndoCommand):
    """One undoable edit; ``text`` is what Edit > Undo shows ("Undo Add site Tokyo")."""

    def __init__(self, document: "TeamDocument", text: str, edit: Edit, before: Team, after: Team) -> None:
        super().__init__(text)
        self._document = document
        self.edit = edit
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._document._set_team(self.after)

    def undo(self) -> None:
        self._document._set_team(self.before)
