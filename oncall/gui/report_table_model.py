"""The base of the table models that show part of a coverage report."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from oncall.core.model import Team
from oncall.core.report import Report

from .team_table_model import TeamTableModel


class ReportTableModel(TeamTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        self._report: Report | None = None
        super().__init__(None, parent)

    def set_report(self, team: Team, report: Report | None) -> None:
        self._report = report
        self.set_team(team)

    def rows(self, team: Team) -> tuple:
        return () if self._report is None else self.report_rows(self._report, team)

    def report_rows(self, report: Report, team: Team) -> tuple[Any, ...]:  # pragma: no cover
        raise NotImplementedError
