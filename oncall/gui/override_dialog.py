"""Add or edit an override: who covers, instead of whom (or on top of the rota), when, why."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from oncall.core.model import Override, Team
from oncall.viewmodels.team_edits import span_problems

from .editor_dialog import EditorDialog
from .span_editor import SpanEditor


class OverrideDialog(EditorDialog):
    def __init__(self, team: Team, override: Override | None = None, parent: QWidget | None = None, *,
                 start: datetime | None = None, end: datetime | None = None,
                 member: str | None = None, replaces: str | None = None) -> None:
        super().__init__(team, "Edit override" if override else "Add override", parent)
        self.original = override
        self.member_combo = self.add_row("&Who covers:", QComboBox())
        self.replaces_combo = self.add_row("&Instead of:", QComboBox())
        self.replaces_combo.addItem("Nobody (adds cover on top of the rota)", None)
        for m in team.members:
            label = f"{m.name} ({team.site(m.site).name})"
            self.member_combo.addItem(label, m.id)
            self.replaces_combo.addItem(label, m.id)
        member = override.member if override else member
        replaces = override.replaces if override else replaces
        if member:
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(member)))
        if replaces:
            self.replaces_combo.setCurrentIndex(max(0, self.replaces_combo.findData(replaces)))
        first = self.member_combo.currentData()
        zone = (override.timezone if override and override.timezone else
                team.member_zone(first) if first else "UTC")
        start = override.start if override else start
        end = override.end if override else end
        self.span = self.add_row("When:", SpanEditor(team, zone, start, end), "When")
        self.note_edit = self.add_row("&Note:", QLineEdit(override.note or "" if override else ""))
        self.note_edit.setPlaceholderText("optional, e.g. Carol at the SRE summit")
        for signal in (self.member_combo.currentIndexChanged, self.replaces_combo.currentIndexChanged,
                       self.span.changed):
            signal.connect(self.revalidate)
        self.revalidate()

    def value(self) -> Override:
        member = self.member_combo.currentData() or ""
        start, end = self.span.instants()
        zone = self.span.zone()
        own = self.team.member_zone(member) if self.team.has_member(member) else None
        return Override(member, start, end, self.replaces_combo.currentData(),
                        None if zone == own else zone, self.note_edit.text().strip() or None)

    def problems(self) -> list[str]:
        if self.member_combo.count() == 0:
            return ["who covers: add a member first"]
        o = self.value()
        return span_problems(self.team, o.member, o.start, o.end, o.replaces)
