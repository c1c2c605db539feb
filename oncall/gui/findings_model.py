"""Coverage findings as a table: gaps first-class alongside the core's warnings.

The core's report lists gaps separately from its warnings (DST drift, holidays, uncovered
slots, overrides during time off); the lead wants one list to click through, so gaps become
findings here with the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from oncall.core.model import Team
from oncall.core.report import Report

from . import formatting as fmt
from .report_table_model import ReportTableModel

KIND_LABELS = {
    "gap": "Gap",
    "dst_drift": "DST drift",
    "holiday": "Holiday",
    "uncovered": "Uncovered",
    "override_unavailable": "Override in time off",
}


@dataclass(frozen=True)
class Row:
    kind: str
    message: str
    start: datetime
    end: datetime | None


def finding_rows(report: Report, team: Team) -> tuple[Row, ...]:
    rows = [Row("gap", f"nobody is on call for {fmt.duration(g.end - g.start)}", g.start, g.end)
            for g in report.gaps]
    rows += [Row(w.kind, w.message, w.start, w.end) for w in report.warnings]
    rows.sort(key=lambda r: (r.start, r.kind))
    return tuple(rows)


class FindingsModel(ReportTableModel):
    columns = (
        ("Kind", lambda r, t: KIND_LABELS.get(r.kind, r.kind)),
        ("When (UTC)", lambda r, t: fmt.utc_time(r.start)),
        ("Finding", lambda r, t: r.message),
    )

    def report_rows(self, report: Report, team: Team) -> tuple[Row, ...]:
        return finding_rows(report, team)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 0:
            kind = self._rows[index.row()].kind
            if kind in ("gap", "uncovered"):
                return QColor(200, 40, 40)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self._rows[index.row()].message
        return super().data(index, role)
