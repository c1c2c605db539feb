"""Handoffs in a range: when (in both sites' local time), who to whom, the overlap, the note."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication

from oncall.core.model import Team
from oncall.core.coverage import gap_handoffs
from oncall.core.report import Report
from oncall.core.shifts import Handoff

from . import formatting as fmt
from .palette import tone_color
from .report_table_model import ReportTableModel

NoteState = Callable[[Handoff], str]
OVERLAP_COLUMN = 3


def _name(t: Team, member_id: str) -> str:
    return t.member(member_id).name if t.has_member(member_id) else member_id


def _local(t: Team, member_id: str, h: Handoff) -> str:
    if not t.has_member(member_id):
        return ""
    return fmt.local_time(t.member_zone(member_id), h.at, with_date=False)


def _overlap(h: Handoff, normals: Mapping[tuple[str, str], int]) -> str:
    if h.is_gap:
        text = f"gap {fmt.duration(h.start - h.end)}"
    else:
        text = "hard handoff" if h.is_hard else fmt.duration(h.end - h.start)
    normal = _normal(h, normals)
    if normal is not None and normal != h.minutes:  # a gap's minutes are negative, as in the series
        usual = (fmt.duration(timedelta(minutes=normal)) if normal > 0 else "a hard handoff" if normal == 0
                 else f"a {fmt.duration(timedelta(minutes=-normal))} gap")
        text += f" (normally {usual})"
    return text


def _normal(h: Handoff, normals: Mapping[tuple[str, str], int]) -> int | None:
    """The junction's designed overlap (the same number the warnings and printed sheet use)."""
    a, b = h.outgoing.leg, h.incoming.leg
    return normals.get((a, b)) if a and b and a != b else None


def handoff_rows(report: Report) -> tuple[Handoff, ...]:
    """Handoffs, and gaps between two members as handoffs with a negative overlap.

    Coverage still passes from one person to the other across a gap; listing it here, in
    red, is where a lead looking at the week's handoffs needs to see it (and it can carry a
    note, like in the printed summaries).
    """
    rows = list(report.handoffs) + gap_handoffs(report.gaps)
    rows.sort(key=lambda h: (h.at, h.from_member, h.to_member))
    return tuple(rows)


class HandoffsModel(ReportTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        self.note_state: NoteState = lambda h: ""
        self.columns = (
            ("When (UTC)", lambda h, t: fmt.utc_time(h.at)),
            ("From", lambda h, t: f"{_name(t, h.from_member)} ({_local(t, h.from_member, h)})"),
            ("To", lambda h, t: f"{_name(t, h.to_member)} ({_local(t, h.to_member, h)})"),
            ("Overlap", lambda h, t: _overlap(h, self._normals)),
            ("Note", lambda h, t: self.note_state(h)),
        )
        self._normals: Mapping[tuple[str, str], int] = {}
        super().__init__(parent)

    def report_rows(self, report: Report, team: Team) -> tuple[Handoff, ...]:
        self._normals = report.normals
        return handoff_rows(report)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == OVERLAP_COLUMN:
            h = self._rows[index.row()]
            if h.is_gap or h.is_hard:
                return tone_color("error", QGuiApplication.palette())  # readable in light and dark
        return super().data(index, role)
