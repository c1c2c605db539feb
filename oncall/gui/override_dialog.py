"""Add or edit an override: who covers, instead of whom (or on top of the rota), when, why.

The times follow the person who covers (their wall clock, echoed in UTC), and the dialog
says what the override would really do (:mod:`oncall.viewmodels.override_advice`): replacing
someone who is not on call then, or ending inside their handoff overlap, is shown inline
with a one-click fix ("Add on top instead", "End at 16:30").
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from oncall.core.model import Override, Team
from oncall.viewmodels.override_advice import Advice, advise
from oncall.viewmodels.team_edits import span_problems

from . import formatting as fmt
from .editor_dialog import EditorDialog
from .palette import tone_label
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
        self.replaces_combo.setToolTip("The person whose shifts in this span the coverer takes over")
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
        self.advice_box = self._advice_row()
        self.form.addRow("", self.advice_box)
        self.note_edit = self.add_row("&Note:", QLineEdit(override.note or "" if override else ""))
        self.note_edit.setPlaceholderText("optional, e.g. Carol at the SRE summit")
        self.advice: list[Advice] = []
        self._follow_member(switch=override is None or override.timezone is None)
        self.member_combo.currentIndexChanged.connect(lambda *_: self._follow_member())
        for signal in (self.member_combo.currentIndexChanged, self.replaces_combo.currentIndexChanged,
                       self.span.changed):
            signal.connect(self.revalidate)
        self.revalidate()

    def _advice_row(self) -> QWidget:
        box = QWidget()
        box.setObjectName("advice")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        tone_label(self.advice_label, "warning")  # readable on light and dark, following a switch
        self.advice_label.setAccessibleName("Advice")
        self.on_top_button = QPushButton("Add on to&p instead")
        self.on_top_button.setToolTip("Keep the rota as it is and add the coverer alongside")
        self.on_top_button.clicked.connect(lambda: self.replaces_combo.setCurrentIndex(0))
        self.end_button = QPushButton("&End at the shift's end")
        self.end_button.setToolTip("End the override when the replaced shift ends, overlap included")
        self.end_button.clicked.connect(self._end_instead)
        buttons = QHBoxLayout()
        buttons.addWidget(self.on_top_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        layout.addWidget(self.advice_label)
        layout.addLayout(buttons)
        box.setVisible(False)
        return box

    def _follow_member(self, switch: bool = True) -> None:
        member = self.member_combo.currentData()
        if member and self.team.has_member(member):
            self.span.follow_person(self.team.member(member).name, self.team.member_zone(member), switch=switch)

    def _end_instead(self) -> None:
        fix = next((a.end_instead for a in self.advice if a.end_instead is not None), None)
        if fix is not None:
            start, _end = self.span.instants()
            self.span.set_span(start, fix)

    def value(self) -> Override:
        member = self.member_combo.currentData() or ""
        start, end = self.span.instants()
        zone = self.span.zone()
        own = self.team.member_zone(member) if self.team.has_member(member) else None
        return Override(member, start, end, self.replaces_combo.currentData(),
                        None if zone == own else zone, self.note_edit.text().strip() or None,
                        id=self.original.id if self.original else None)  # an edit keeps the identity

    def problems(self) -> list[str]:
        if self.member_combo.count() == 0:
            return ["who covers: add a member first"]
        o = self.value()
        problems = span_problems(self.team, o.member, o.start, o.end, o.replaces)
        self._show_advice([] if problems else advise(self.team, o, self.span.zone(), self.original))
        return problems

    def _show_advice(self, advice: list[Advice]) -> None:
        self.advice = advice
        self.advice_label.setText("\n".join(a.text for a in advice))
        self.on_top_button.setVisible(any(a.kind == "not_on_call" for a in advice))
        fix = next((a.end_instead for a in advice if a.end_instead is not None), None)
        self.end_button.setVisible(fix is not None)
        if fix is not None:
            self.end_button.setText(f"&End at {fmt.local_time(self.span.zone(), fix, with_date=False)}")
        self.advice_box.setVisible(bool(advice))
