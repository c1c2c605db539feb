"""The base of the read-only table models that show one part of the team.

A subclass names its columns and how to get its rows from a Team; ``set_team`` resets the
model. Editing happens in dialogs that push undo commands, never through ``setData``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from oncall.core.model import Team

Column = tuple[str, Callable[[Any, Team], str]]
Index = QModelIndex | QPersistentModelIndex


class TeamTableModel(QAbstractTableModel):
    columns: Sequence[Column] = ()

    def __init__(self, team: Team | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._team = team or Team("")
        self._rows: tuple = self.rows(self._team)

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
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row]

    def items(self) -> tuple:
        return self._rows

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.columns[index.column()][1](item, self._team)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column(), self._team)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

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
