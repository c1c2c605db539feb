"""Coverage findings as a two-level tree: each cause once, its days underneath.

The core's report lists gaps separately from its warnings (DST drift, holidays, uncovered
slots, overrides during time off). A DST season repeats the same gap every day for weeks, so
gaps come grouped by cause (:mod:`oncall.core.gap_groups`): one row "daily 06:30-07:00Z from
1 Mar to 28 Mar: Sydney is on daylight time, London on standard time" that expands to its
days. Warnings are top-level rows without children. The model is read-only; the panel's tree
view expands a group on click and jumps to the timeline on activation (either level).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from oncall.core.gap_groups import gap_day_detail
from oncall.core.model import Team
from oncall.core.report import Report

from . import formatting as fmt
from .palette import tone_color

KIND_LABELS = {
    "gap": "Gap",
    "dst_drift": "DST drift",
    "holiday": "Holiday",
    "uncovered": "Uncovered",
    "override_unavailable": "Override in time off",
}
HEADERS = ("Kind", "When (UTC)", "Finding")
_TOP = 0  # internalId of top-level rows; a child's is its parent's row + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    kind: str
    message: str
    start: datetime
    end: datetime | None
    children: tuple["Row", ...] = ()
    drift: bool = False  # a DST drift finding, or gaps caused by one: the planner can fix it


def finding_rows(report: Report, team: Team) -> tuple[Row, ...]:
    rows = []
    for group in report.gap_groups:
        # A day's line without its date: the "When" column shows the day already.
        days = tuple(Row("gap", gap_day_detail(team, g), g.start, g.end) for g in group.gaps)
        label = f"{group.message} ({len(days)} days)" if len(days) > 1 else group.message
        rows.append(Row("gap", label, group.start, group.end, days if len(days) > 1 else (), group.drift))
    rows += [Row(w.kind, w.message, w.start, w.end, (), w.kind == "dst_drift") for w in report.warnings]
    rows.sort(key=lambda r: (r.start, r.kind))
    return tuple(rows)


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = ()
        self._team = Team("")

    def set_report(self, team: Team, report: Report | None) -> None:
        self.beginResetModel()
        self._team = team
        self._rows = () if report is None else finding_rows(report, team)
        self.endResetModel()

    def item(self, row: int) -> Row:
        """A top-level finding (the panel's and tests' way to read a row)."""
        return self._rows[row]

    def row_at(self, index: Index) -> Row | None:
        """The finding or day behind any index."""
        if not index.isValid():
            return None
        parent = index.internalId()
        if parent == _TOP:
            return self._rows[index.row()]
        return self._rows[parent - 1].children[index.row()]

    # -- Qt
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        if parent.internalId() != _TOP:
            return QModelIndex()  # days have no children
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        if not parent.isValid():
            return len(self._rows)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        return len(self._rows[parent.row()].children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        child = index.internalId() != _TOP
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return "" if child else KIND_LABELS.get(row.kind, row.kind)
            if index.column() == 1:
                return fmt.utc_time(row.start)
            return row.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 and row.kind in ("gap", "uncovered"):
            return tone_color("error", QGuiApplication.palette())  # readable in light and dark
        return None
