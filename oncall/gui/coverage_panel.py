"""The coverage report for a chosen range: quality score, findings, hours per member.

The core computes (through the shared report cache); this panel only shows. Activating a
finding emits ``findingActivated`` so the main window can show it on the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget,
)

from oncall.core.model import Team
from oncall.core.report import Report
from oncall.viewmodels.coverage import ReportCache, shared_cache

from .findings_model import FindingsModel
from .member_figures_model import MemberFiguresModel
from .palette import tone_color
from .range_picker import RangePicker
from .table_views import FittedTableView


SCORE_TONES = {"green": "good", "amber": "warning", "red": "error"}
SCORE_MEANING = {
    "red": "Red (at most 59): somebody's time is uncovered in this range. Close the gaps first.",
    "amber": "Amber (60-79): no gap, but at least one hard handoff with 0 min overlap.",
    "green": "Green (80-100): no gap and no hard handoff; balance and out-of-hours balance decide.",
}


def findings_tree(model: FindingsModel) -> QTreeView:
    """A read-only tree like the app's tables: whole rows selected, Tab leaves it."""
    view = QTreeView()
    view.setModel(model)
    view.setAccessibleName("Findings")
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setUniformRowHeights(True)
    view.setExpandsOnDoubleClick(False)  # double-click shows it on the timeline
    view.setTabKeyNavigation(False)
    header = view.header()
    header.setStretchLastSection(True)
    def fit() -> None:  # only visible rows count, so fit again when a group opens
        for column in (0, 1):
            view.resizeColumnToContents(column)

    model.modelReset.connect(fit)
    view.expanded.connect(fit)
    return view


class CoveragePanel(QWidget):
    findingActivated = Signal(object, object)  # start, end (aware UTC datetimes; end may be None)
    fixRequested = Signal(object, object)  # first and last-plus-one UTC day of a DST drift finding

    def __init__(self, today: Callable[[], date], cache: ReportCache | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache or shared_cache()
        self._team: Team | None = None
        self._report: Report | None = None
        self.range = RangePicker(today(), 28)
        self.score = QLabel()
        self.score.setAccessibleName("Quality score")
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Coverage figures")
        self.findings = FindingsModel(self)
        self.figures = MemberFiguresModel(self)
        self.findings_view = findings_tree(self.findings)
        self.findings_view.activated.connect(self._activated)  # Enter or double-click
        self.figures_view = FittedTableView(self.figures, "Hours per member", stretch_last=False)

        top = QHBoxLayout()
        top.addWidget(self.range)
        top.addStretch(1)
        top.addWidget(self.score)
        findings_box = QGroupBox("Findings by cause (expand a gap for its days; double-click to show on the timeline)")
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.addWidget(self.findings_view)
        self.fix_button = QPushButton("F&ix…")
        self.fix_button.setToolTip("Plan window adjustments that close this DST drift (Tools > Plan…)")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._fix)
        fix_row = QHBoxLayout()
        fix_row.addStretch(1)
        fix_row.addWidget(self.fix_button)
        findings_layout.addLayout(fix_row)
        self.findings_view.selectionModel().currentRowChanged.connect(self._current_changed)
        figures_box = QGroupBox("Hours per member")
        QVBoxLayout(figures_box).addWidget(self.figures_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(findings_box)
        split.addWidget(figures_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.split = split
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(split, 1)
        self.range.changed.connect(self.refresh)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Wide and short (a 1024x700 screen): findings and hours side by side, so both show rows."""
        super().resizeEvent(event)
        wide = self.width() > 2.4 * self.height()
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    def set_team(self, team: Team) -> None:
        self._team = team
        self.refresh()

    def report(self) -> Report | None:
        return self._report

    def utc_range(self) -> tuple[datetime, datetime]:
        return self.range.utc_range()

    def refresh(self) -> None:
        if self._team is None:
            return
        start, end = self.range.utc_range()
        # Drift is judged against each junction's designed overlap (the 365 days from the range
        # start, core.junctions), so a short range needs nothing added here.
        report = self._cache.report(self._team, start, end)
        self._report = report
        self.findings.set_report(self._team, report)
        self.figures.set_report(self._team, report)
        self._current_changed()
        q = report.quality
        colour = tone_color(SCORE_TONES[q.grade], self.palette()).name()  # readable in light and dark
        self.score.setText(f"Quality score <b style='color:{colour}; font-size:large'>{q.score}</b> / 100")
        self.score.setToolTip(SCORE_MEANING[q.grade])
        gap_minutes, hard = q.gap_minutes, q.hard_handoffs
        drift = sum(1 for w in report.warnings if w.kind == "dst_drift")
        self.details.setText(
            f"Coverage {q.coverage:.1f}% · balance {q.balance:.1f}% · out-of-hours balance "
            f"{q.out_of_hours_balance:.1f}% · {len(report.shifts)} shifts · {len(report.handoffs)} handoffs "
            f"({hard} hard) · {len(report.gaps)} gaps ({gap_minutes // 60} h {gap_minutes % 60} min) · "
            f"{drift} DST drift period{'s' if drift != 1 else ''} (against the designed overlap)")

    def _drift_row(self):
        index = self.findings_view.currentIndex()
        if index.parent().isValid():  # a day of a gap group: fix the group's whole period
            index = index.parent()
        row = self.findings.row_at(index)
        return row if row is not None and row.drift else None  # a drift, or the gaps it causes

    def _current_changed(self, *_args) -> None:
        self.fix_button.setEnabled(self._drift_row() is not None)

    def _fix(self) -> None:
        row = self._drift_row()
        if row is not None:
            last = (row.end or row.start).date()
            self.fixRequested.emit(row.start.date(), last + timedelta(days=1))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.findings.row_at(index)
            if row is not None:
                self.findingActivated.emit(row.start, row.end)
