"""Add or edit time off: a member, whole local days or a span of hours, a reason."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from oncall.core.model import Team, Unavailability
from oncall.viewmodels.team_edits import span_problems

from .editor_dialog import EditorDialog
from .span_editor import SpanEditor


class TimeOffDialog(EditorDialog):
    def __init__(self, team: Team, entry: Unavailability | None = None, parent: QWidget | None = None, *,
                 start: datetime | None = None, end: datetime | None = None, member: str | None = None,
                 all_day: bool = True) -> None:
        super().__init__(team, "Edit time off" if entry else "Add time off", parent)
        self.original = entry
        self.member_combo = self.add_row("&Member:", QComboBox())
        for m in team.members:
            self.member_combo.addItem(f"{m.name} ({team.site(m.site).name})", m.id)
        member = entry.member if entry else member
        if member:
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(member)))
        first = self.member_combo.currentData()
        zone = (entry.timezone if entry and entry.timezone else team.member_zone(first) if first else "UTC")
        self.span = self.add_row("When:", SpanEditor(
            team, zone, entry.start if entry else start, entry.end if entry else end,
            all_day_option=True, all_day=entry.all_day if entry else all_day), "When")
        self.reason_edit = self.add_row("&Reason:", QLineEdit(entry.reason or "" if entry else ""))
        self.reason_edit.setPlaceholderText("optional, e.g. PTO")
        self._follow_member(switch=entry is None or entry.timezone is None)
        self.member_combo.currentIndexChanged.connect(lambda *_: self._follow_member())
        self.member_combo.currentIndexChanged.connect(self.revalidate)
        self.span.changed.connect(self.revalidate)
        self.revalidate()

    def _follow_member(self, switch: bool = True) -> None:
        """Times are the person's wall clock (see SpanEditor.follow_person)."""
        member = self.member_combo.currentData()
        if member and self.team.has_member(member):
            self.span.follow_person(self.team.member(member).name, self.team.member_zone(member), switch=switch)

    def value(self) -> Unavailability:
        member = self.member_combo.currentData() or ""
        start, end = self.span.instants()
        zone = self.span.zone()
        own = self.team.member_zone(member) if self.team.has_member(member) else None
        return Unavailability(member, start, end, self.reason_edit.text().strip() or None,
                              self.span.all_day(), None if zone == own else zone,
                              id=self.original.id if self.original else None)  # an edit keeps the identity

    def problems(self) -> list[str]:
        if self.member_combo.count() == 0:
            return ["member: add a member first"]
        u = self.value()
        return span_problems(self.team, u.member, u.start, u.end)
