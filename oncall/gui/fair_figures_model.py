"""The Fairness page's before/after figures: one row per member, before and after columns.

Numbers stay numbers (``EditRole``, for sorting and tests); the display text is formatted
once per plan. An "after" cell whose value changed is bold, so the eye finds what moved.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from oncall.services.fair_review import FigureRow

_LABELS = ("Hours", "Out of hours", "Weekend", "Holiday")
HEADERS = ("Member", "Legs") + tuple(f"{label} {when}" for label in _LABELS for when in ("before", "after"))


class FairFiguresModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[FigureRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[FigureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(HEADERS)

    def value(self, row: int, column: int) -> str | float:
        r = self._rows[row]
        if column == 0:
            return r.name
        if column == 1:
            return r.legs
        before_after = r.values[(column - 2) // 2]
        return before_after[(column - 2) % 2]

    def display_text(self, row: int, column: int) -> str:
        value = self.value(row, column)
        return value if isinstance(value, str) else f"{value:g}"

    def _changed(self, row: int, column: int) -> bool:
        if column < 2:
            return False
        before, after = self._rows[row].values[(column - 2) // 2]
        return (column - 2) % 2 == 1 and before != after

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._changed(row, column):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self._rows[row].member
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # "Hours" over "before": eleven columns fit 1024 px
            label, _, when = HEADERS[section].rpartition(" ")
            return f"{label}\n{when}" if when in ("before", "after") else HEADERS[section]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[section]
        return None
