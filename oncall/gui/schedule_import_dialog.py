"""File > Import from another tool…: a PagerDuty, Opsgenie or Grafana OnCall schedule as a new team.

The lead picks the tool and the saved JSON files, checks (the import report and the proof
against the tool's timeline appear below), then saves the result as a team file that opens
as the current team. Nothing is written before that last step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from oncall.services import schedule_import as service

from .palette import tone_label

TOOLS = (("PagerDuty", "pagerduty"), ("Opsgenie", "opsgenie"), ("Grafana OnCall", "grafana"))
HINTS = {
    "pagerduty": ("GET /schedules/{id}", "GET /schedules/{id}?since=…&until=…"),
    "opsgenie": ("GET /v2/schedules/{id}", "GET /v2/schedules/{id}/timeline"),
    "grafana": ("GET /api/v1/schedules/{id}", "GET /api/v1/schedules/{id}/final_shifts"),
}
JSON_FILTER = "JSON documents (*.json);;All files (*)"


class ScheduleImportDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from another tool")
        self.result_import: service.ScheduleImport | None = None
        self.tool = QComboBox()
        for label, key in TOOLS:
            self.tool.addItem(label, key)
        self.schedule, schedule_row = self._file_row("The schedule, as the tool's API returns it")
        self.shifts, self.shifts_row = self._file_row("Grafana OnCall only: GET /api/v1/on_call_shifts/")
        self.timeline, timeline_row = self._file_row("Optional: the tool's rendered timeline, to prove the import")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, service.MAX_WEEKS)
        self.weeks.setValue(8)
        self.weeks.setSuffix(" weeks")
        self.weeks.setToolTip("How much of the timeline to compare")
        self.weeks.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a number, not a 700 px bar
        self.tool.setToolTip("The tool the schedule was exported from")
        for widget, name in ((self.tool, "Tool"), (self.schedule, "Schedule file"), (self.shifts, "Shifts file"),
                             (self.timeline, "Timeline file"), (self.weeks, "Weeks to compare")):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.addRow("&Tool:", self.tool)
        form.addRow("&Schedule:", schedule_row)
        form.addRow("S&hifts:", self.shifts_row)
        form.addRow("Time&line:", timeline_row)
        form.addRow("&Compare:", self.weeks)
        for row, edit in ((schedule_row, self.schedule), (self.shifts_row, self.shifts), (timeline_row, self.timeline)):
            form.labelForField(row).setBuddy(edit)  # Alt+S, Alt+H, Alt+L land in the field, not its row
        self.check_button = QPushButton("Chec&k")
        self.check_button.setToolTip("Read the files and show the import report; nothing is written")
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Import report")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton("Save as team file and &open…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        self.open_button.setToolTip("Choose where to save the imported team file, then open it as the team "
                                    "(unsaved changes to the current team are asked about first)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.tool.currentIndexChanged.connect(self._tool_changed)
        for edit in (self.schedule, self.shifts, self.timeline):
            edit.textChanged.connect(self._inputs_changed)
        self._tool_changed()
        self.resize(760, 560)

    def _file_row(self, tooltip: str) -> tuple[QLineEdit, QWidget]:
        edit = QLineEdit()
        edit.setToolTip(tooltip)
        edit.setClearButtonEnabled(True)
        browse = QPushButton("Browse…")
        browse.setToolTip(tooltip)
        browse.clicked.connect(lambda: self._browse(edit))
        row = QWidget()
        row.setFocusProxy(edit)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(browse)
        return edit, row

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a JSON document", edit.text(), JSON_FILTER)
        if path:
            edit.setText(path)

    def tool_key(self) -> str:
        return self.tool.currentData()

    def _tool_changed(self) -> None:
        key = self.tool_key()
        schedule_hint, timeline_hint = HINTS[key]
        self.schedule.setPlaceholderText(f"the response of {schedule_hint}")
        self.timeline.setPlaceholderText(f"optional: {timeline_hint}")
        self.shifts_row.setEnabled(key == "grafana")
        self.shifts.setPlaceholderText("GET /api/v1/on_call_shifts/" if key == "grafana" else "Grafana OnCall only")
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        self.result_import = None
        self.open_button.setEnabled(False)
        self.check_button.setEnabled(bool(self.schedule.text().strip()))

    def check(self) -> None:
        key = self.tool_key()
        try:
            result = service.import_schedule(
                key, self.schedule.text().strip(), timeline=self.timeline.text().strip() or None,
                shifts=(self.shifts.text().strip() or None) if key == "grafana" else None, weeks=self.weeks.value())
        except service.ScheduleImportError as exc:
            self._show(None, f"Cannot import: {exc}", "error")
            return
        proof = result.proof
        if proof is None:
            verdict, tone = "Imported. Give the tool's timeline to prove it matches.", "neutral"
        elif proof.matches:
            verdict, tone = f"Matches {proof.tool}'s own timeline: {proof.matched} of {proof.total} shifts.", "good"
        else:
            verdict, tone = (f"Imported, but {len(proof.differences)} differences from {proof.tool}'s timeline "
                             "(listed below).", "warning")
        self._show(result, verdict, tone)

    def _show(self, result, verdict: str, tone: str) -> None:
        self.result_import = result
        tone_label(self.verdict, tone)  # >= 4.5:1 on light and dark, following a switch
        font = self.verdict.font()
        font.setBold(tone != "neutral")  # a verdict with a tone stands out in weight too, not by colour alone
        self.verdict.setFont(font)
        self.verdict.setText(verdict)
        self.details.setPlainText("\n".join(result.lines()) if result else "")
        self.open_button.setEnabled(result is not None)
