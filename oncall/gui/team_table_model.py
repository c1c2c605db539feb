"""The base of the read-only table models that show one part of the team.

A subclass names its columns and how to get its rows from a Team; ``set_team`` resets the
model. Editing happens in dialogs that push undo commands, never through ``setData``.

Views ask ``data`` for about ten roles per cell on every paint and column fit, so the roles
are compared as plain ints, the roles nobody sets answer at once, and each cell's text is
formatted once per team (``display_text``) and kept until the next ``set_team``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from oncall.core.model import Team

Column = tuple[str, Callable[[Any, Team], str]]
Index = QModelIndex | QPersistentModelIndex

DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
ACCESSIBLE_TEXT = int(Qt.ItemDataRole.AccessibleTextRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
ANSWERED = frozenset({DISPLAY, ACCESSIBLE_TEXT, TOOLTIP, USER})


class TeamTableModel(QAbstractTableModel):
    columns: Sequence[Column] = ()

    def __init__(self, team: Team | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._team = team or Team("")
        self._rows: tuple = self.rows(self._team)
        self._texts: dict[tuple[int, int], str] = {}

    # -- subclass hooks
    def rows(self, team: Team) -> tuple:  # pragma: no cover - abstract
        raise NotImplementedError

    def tooltip(self, item: Any, column: int, team: Team) -> str | None:
        return None

    # -- API
    def set_team(self, team: Team) -> None:
        self.beginResetModel()
        self._team = team
        self._rows = self.rows(team)
        self._texts = {}
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row]

    def items(self) -> tuple:
        return self._rows

    def display_text(self, row: int, column: int) -> str:
        """The cell's text, formatted once per team (column fitting reads every cell)."""
        key = (row, column)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self.columns[column][1](self._rows[row], self._team)
        return text

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        role = int(role)
        if role not in ANSWERED or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        if role == DISPLAY or role == ACCESSIBLE_TEXT:
            return self.display_text(row, index.column())
        if role == TOOLTIP:
            return self.tooltip(self._rows[row], index.column(), self._team)
        return self._rows[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
