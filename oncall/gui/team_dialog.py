"""Team settings: the team's name, the handoff overlap added to every leg's window, its display zone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from oncall.core.model import Team

from .editor_dialog import EditorDialog


class TeamDialog(EditorDialog):
    def __init__(self, team: Team, parent: QWidget | None = None, zone: str = "UTC") -> None:
        super().__init__(team, "Team settings", parent)
        self.name_edit = self.add_row("&Name:", QLineEdit(team.name))
        self.overlap = self.add_row("Handoff &overlap:", QSpinBox(), "Handoff overlap in minutes")
        self.overlap.setRange(0, 12 * 60 - 1)
        self.overlap.setSingleStep(15)
        self.overlap.setSuffix(" min")
        self.overlap.setValue(int(team.handoff_overlap.total_seconds() // 60))
        self.overlap.setToolTip("Every leg's window is extended by this much, so the outgoing and the "
                                "incoming engineer are both on call for a while")
        self.zone_combo = self.add_row("&Display zone:", QComboBox(), "Display zone")
        self.zone_combo.setToolTip("The zone the timeline's \"Team\" choice and printed sheets use; "
                                   "it does not change any site's hours")
        for label, value in [(f"{s.name} ({s.timezone})", s.timezone) for s in team.sites] + [("UTC", "UTC")]:
            if self.zone_combo.findData(value) < 0:
                self.zone_combo.addItem(label, value)
        if self.zone_combo.findData(zone) < 0:
            self.zone_combo.addItem(zone, zone)
        self.zone_combo.setCurrentIndex(self.zone_combo.findData(zone))
        self.name_edit.textChanged.connect(self.revalidate)
        self.revalidate()

    def zone(self) -> str:
        return self.zone_combo.currentData()

    def value(self) -> tuple[str, timedelta]:
        return self.name_edit.text().strip(), timedelta(minutes=self.overlap.value())

    def problems(self) -> list[str]:
        return [] if self.name_edit.text().strip() else ["name: required"]
