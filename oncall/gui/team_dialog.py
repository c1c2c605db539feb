"""Team settings: the team's name and the handoff overlap added to every leg's window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from oncall.core.model import Team

from .editor_dialog import EditorDialog


class TeamDialog(EditorDialog):
    def __init__(self, team: Team, parent: QWidget | None = None) -> None:
        super().__init__(team, "Team settings", parent)
        self.name_edit = self.add_row("&Name:", QLineEdit(team.name))
        self.overlap = self.add_row("Handoff &overlap:", QSpinBox(), "Handoff overlap in minutes")
        self.overlap.setRange(0, 12 * 60 - 1)
        self.overlap.setSingleStep(15)
        self.overlap.setSuffix(" min")
        self.overlap.setValue(int(team.handoff_overlap.total_seconds() // 60))
        self.overlap.setToolTip("Every leg's window is extended by this much, so the outgoing and the "
                                "incoming engineer are both on call for a while")
        self.name_edit.textChanged.connect(self.revalidate)
        self.revalidate()

    def value(self) -> tuple[str, timedelta]:
        return self.name_edit.text().strip(), timedelta(minutes=self.overlap.value())

    def problems(self) -> list[str]:
        return [] if self.name_edit.text().strip() else ["name: required"]
