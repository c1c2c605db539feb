"""Handoffs in a range: when (in both sites' local time), who to whom, the overlap, the note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from oncall.core.model import Team
from oncall.core.report import Report
from oncall.core.shifts import Handoff

from . import formatting as fmt
from .report_table_model import ReportTableModel

NoteState = Callable[[Handoff], str]


def _name(t: Team, member_id: str) -> str:
    return t.member(member_id).name if t.has_member(member_id) else member_id


def _local(t: Team, member_id: str, h: Handoff) -> str:
    if not t.has_member(member_id):
        return ""
    return fmt.local_time(t.member_zone(member_id), h.at, with_date=False)


def _overlap(h: Handoff) -> str:
    return "hard handoff" if h.is_hard else fmt.duration(h.end - h.start)


class HandoffsModel(ReportTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        self.note_state: NoteState = lambda h: ""
        self.columns = (
            ("When (UTC)", lambda h, t: fmt.utc_time(h.at)),
            ("From", lambda h, t: f"{_name(t, h.from_member)} ({_local(t, h.from_member, h)})"),
            ("To", lambda h, t: f"{_name(t, h.to_member)} ({_local(t, h.to_member, h)})"),
            ("Overlap", lambda h, t: _overlap(h)),
            ("Note", lambda h, t: self.note_state(h)),
        )
        super().__init__(parent)

    def report_rows(self, report: Report, team: Team) -> tuple[Handoff, ...]:
        return report.handoffs
