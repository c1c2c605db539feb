"""Per-member hours from the coverage report: total, out of hours, weekends, holidays."""

from __future__ import annotations

from oncall.core.figures import MemberFigures
from oncall.core.model import Team
from oncall.core.report import Report

from .report_table_model import ReportTableModel


def _h(value: float) -> str:
    return f"{value:.1f}"


class MemberFiguresModel(ReportTableModel):
    columns = (
        ("Member", lambda f, t: t.member(f.member).name if t.has_member(f.member) else f.member),
        ("Shifts", lambda f, t: str(f.shifts)),
        ("Hours", lambda f, t: _h(f.hours)),
        ("Out of hours", lambda f, t: _h(f.out_of_hours)),
        ("Weekend", lambda f, t: _h(f.weekend_hours)),
        ("Holiday", lambda f, t: _h(f.holiday_hours)),
    )

    def report_rows(self, report: Report, team: Team) -> tuple[MemberFigures, ...]:
        return report.members
