"""Print the week's handoff sheet: which week, which wall clock, then preview/print or save a PDF.

The sheet's days are local days of one zone, so the dialog asks for it: the user's own zone
by default (the computer's), else the team's. "Save PDF…" proposes
``<team>-handoffs-2026-W11.pdf`` in the user's documents folder, so saving is two clicks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from oncall.core.model import Team
from oncall.core.labels import day_span_text
from oncall.gui.date_fields import day_picker
from oncall.gui.palette import tone_label

PREVIEW = "preview"
SAVED = "saved"


def iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def file_stem(team_name: str) -> str:
    """``payments-sre``: the team's name made file-safe (``team`` without one)."""
    return re.sub(r"[^a-z0-9]+", "-", team_name.lower()).strip("-") or "team"


def pdf_name(team_name: str, monday: date) -> str:
    """``payments-sre-handoffs-2026-W11.pdf``."""
    return f"{file_stem(team_name)}-handoffs-{iso_week(monday)}.pdf"


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


class PrintWeekDialog(QDialog):
    """Choose the week and zone; "Preview / Print…" closes with ``choice == PREVIEW``; "Save PDF…"
    asks for the file (``ask_path``, replaced in tests) and writes it with ``write_pdf``."""

    def __init__(self, team: Team, monday: date, user_zone: str | None, team_zone: str,
                 write_pdf: Callable[[str, date, Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print week")
        self.team = team
        self.write_pdf = write_pdf  # (zone, monday, path) -> None; raises on failure
        self.ask_path: Callable[[str], str | None] = self._ask_path
        self.choice: str | None = None
        self.saved_path: Path | None = None
        self.week_edit = day_picker(QDateEdit(QDate(monday.year, monday.month, monday.day)), prefix="Week of")
        self.week_edit.setAccessibleName("Week")
        self.week_edit.setToolTip("Any day of the week to print; the sheet runs Monday to Sunday")
        self.zone_combo = QComboBox()
        self.zone_combo.setAccessibleName("Times in")
        self.zone_combo.setToolTip("The sheet's days and times are in this zone (UTC alongside)")
        self._fill_zones(user_zone, team_zone)
        self.week_label = QLabel()
        self.week_label.setAccessibleName("ISO week")
        self.problem = QLabel()
        tone_label(self.problem, "error")  # readable on light and dark, following a switch
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        form = QFormLayout()
        form.addRow("&Week:", self.week_edit)
        form.addRow("", self.week_label)
        form.addRow("Times &in:", self.zone_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton("&Preview / Print…")
        self.save_button = QPushButton("&Save PDF…")
        self.preview_button.setDefault(True)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self._preview)
        self.save_button.clicked.connect(self.save_pdf)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.week_edit.dateChanged.connect(self._week_changed)
        self._week_changed()

    def _fill_zones(self, user_zone: str | None, team_zone: str) -> None:
        """The user's zone first (the default), then the team's; no user zone: the team's first."""
        seen: set[str] = set()

        def add(label: str, zone: str) -> None:
            if zone not in seen:
                seen.add(zone)
                self.zone_combo.addItem(label, zone)

        if user_zone:
            add(f"Mine ({user_zone})", user_zone)
        add(f"Team ({team_zone})", team_zone)
        for site in self.team.sites:
            add(f"{site.name} ({site.timezone})", site.timezone)
        add("UTC", "UTC")

    def monday(self) -> date:
        q = self.week_edit.date()
        day = date(q.year(), q.month(), q.day())
        return day - timedelta(days=day.weekday())

    def zone(self) -> str:
        return self.zone_combo.currentData()

    def suggested_path(self) -> Path:
        return documents_folder() / pdf_name(self.team.name, self.monday())

    def _week_changed(self, *_args) -> None:
        monday = self.monday()
        self.week_label.setText(f"{iso_week(monday)}: {day_span_text(monday, monday + timedelta(days=6))}")

    def _preview(self) -> None:
        self.choice = PREVIEW
        self.accept()

    def save_pdf(self) -> Path | None:
        path = self.ask_path(str(self.suggested_path()))
        if not path:
            return None
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            self.write_pdf(self.zone(), self.monday(), target)
        except Exception as exc:  # noqa: BLE001 - any write failure is told here, the dialog stays open
            self.problem.setText(f"Not saved: {exc}")
            self.problem.setVisible(True)
            return None
        self.saved_path = target
        self.choice = SAVED
        self.accept()
        return target

    def _ask_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save week as PDF", suggested, "PDF files (*.pdf)")
        return path or None
