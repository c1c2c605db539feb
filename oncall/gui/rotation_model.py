"""A leg's rotation order as a list the user reorders by drag and drop (or move buttons)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel, QByteArray, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt,
)

MIME = "application/x-oncall-rotation-rows"
Index = QModelIndex | QPersistentModelIndex


class RotationModel(QAbstractListModel):
    """Member ids in turn order, shown by name. Moves keep the list a permutation."""

    def __init__(self, members: list[str], names: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members = list(members)
        self._names = dict(names)

    def members(self) -> tuple[str, ...]:
        return tuple(self._members)

    def append(self, member_id: str) -> None:
        if member_id in self._members:
            return
        n = len(self._members)
        self.beginInsertRows(QModelIndex(), n, n)
        self._members.append(member_id)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._members):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._members[row]
            self.endRemoveRows()

    # -- Qt: data
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # No turn number in the text: it would change for every row on each move.
            return self._names.get(member, member)
        if role == Qt.ItemDataRole.UserRole:
            return member
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Turn {index.row() + 1} of {len(self._members)}; drag to change the order"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # -- Qt: moves
    def moveRows(self, source_parent: Index, source_row: int, count: int,
                 destination_parent: Index, destination_child: int) -> bool:
        n = len(self._members)
        if (source_parent.isValid() or destination_parent.isValid() or count < 1
                or source_row < 0 or source_row + count > n or not 0 <= destination_child <= n
                or source_row <= destination_child <= source_row + count):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1,
                                  QModelIndex(), destination_child):
            return False
        moving = self._members[source_row:source_row + count]
        rest = self._members[:source_row] + self._members[source_row + count:]
        at = destination_child if destination_child < source_row else destination_child - count
        self._members = rest[:at] + moving + rest[at:]
        self.endMoveRows()
        return True

    def move(self, row: int, to_row: int) -> bool:
        """Put the member at ``row`` at position ``to_row`` (both before the move)."""
        if row == to_row:
            return False
        return self.moveRow(QModelIndex(), row, QModelIndex(), to_row + 1 if to_row > row else to_row)

    # -- Qt: drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r]
        if len(rows) != 1:
            return False
        dest = parent.row() if parent.isValid() else (row if row >= 0 else len(self._members))
        self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), dest)
        # The move is done; returning False stops the view from also removing the source row.
        return False
