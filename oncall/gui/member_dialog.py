"""Add or edit a member: name, id, site, email, and whether their feed reminds them to join overlaps."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from oncall.core.model import Member, Team
from oncall.viewmodels.team_edits import member_problems

from .editor_dialog import EditorDialog, slug


class MemberDialog(EditorDialog):
    def __init__(self, team: Team, member: Member | None = None, parent: QWidget | None = None,
                 site: str | None = None) -> None:
        super().__init__(team, "Edit member" if member else "Add member", parent)
        self.original = member
        self.name_edit = self.add_row("&Name:", QLineEdit(member.name if member else ""))
        self.name_edit.setPlaceholderText("Grace Hopper")
        self.id_edit = self.add_row("&Id:", QLineEdit(member.id if member else ""))
        self.id_edit.setPlaceholderText("grace")
        self._id_touched = member is not None
        self.site_combo = self.add_row("&Site:", QComboBox())
        for s in team.sites:
            self.site_combo.addItem(f"{s.name} ({s.timezone})", s.id)
        wanted = member.site if member else site
        if wanted:
            self.site_combo.setCurrentIndex(max(0, self.site_combo.findData(wanted)))
        self.email_edit = self.add_row("&Email:", QLineEdit(member.email or "" if member else ""))
        self.email_edit.setPlaceholderText("optional")
        self.alarms_check = self.add_row("", QCheckBox("&Remind them to join each handoff overlap"),
                                         "Remind them to join each handoff overlap")
        self.alarms_check.setChecked(member.alarms if member else True)
        self.alarms_check.setToolTip("Their calendar feed gets an alarm when an overlap they join as the "
                                     "incoming engineer starts (team file: alarms = true/false)")
        self.name_edit.textEdited.connect(self._suggest_id)
        self.id_edit.textEdited.connect(lambda _t: setattr(self, "_id_touched", True))
        for signal in (self.name_edit.textChanged, self.id_edit.textChanged, self.email_edit.textChanged,
                       self.site_combo.currentIndexChanged):
            signal.connect(self.revalidate)
        self.revalidate()

    def _suggest_id(self, text: str) -> None:
        if not self._id_touched:
            self.id_edit.setText(slug(text.split()[0]) if text.split() else "")

    def value(self) -> Member:
        return Member(self.id_edit.text().strip(), self.name_edit.text().strip(),
                      self.site_combo.currentData() or "", self.email_edit.text().strip() or None,
                      alarms=self.alarms_check.isChecked())

    def problems(self) -> list[str]:
        if self.site_combo.count() == 0:
            return ["site: add a site first"]
        return member_problems(self.team, self.value(), self.original.id if self.original else None)
