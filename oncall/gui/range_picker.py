"""A date range chooser: first day and a length (week, fortnight, 4 weeks, quarter, year)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

LENGTHS = ((7, "1 week"), (14, "2 weeks"), (28, "4 weeks"), (91, "13 weeks"), (365, "1 year"))


class RangePicker(QWidget):
    changed = Signal()

    def __init__(self, first: date, days: int = 28, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_edit = QDateEdit(QDate(first.year, first.month, first.day))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd yyyy-MM-dd")
        self.start_edit.setAccessibleName("From")
        self.length = QComboBox()
        self.length.setAccessibleName("Length")
        for n, label in LENGTHS:
            self.length.addItem(label, n)
        self.length.setCurrentIndex(max(0, self.length.findData(days)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Fro&m")
        label.setBuddy(self.start_edit)
        layout.addWidget(label)
        layout.addWidget(self.start_edit)
        layout.addWidget(self.length)
        self.start_edit.dateChanged.connect(self.changed)
        self.length.currentIndexChanged.connect(self.changed)

    def first_day(self) -> date:
        q = self.start_edit.date()
        return date(q.year(), q.month(), q.day())

    def days(self) -> int:
        return int(self.length.currentData())

    def set_range(self, first: date, days: int | None = None) -> None:
        self.start_edit.setDate(QDate(first.year, first.month, first.day))
        if days is not None:
            index = self.length.findData(days)
            if index >= 0:
                self.length.setCurrentIndex(index)

    def utc_range(self) -> tuple[datetime, datetime]:
        """[first day 00:00Z, first day + length 00:00Z)."""
        first = self.first_day()
        start = datetime(first.year, first.month, first.day, tzinfo=timezone.utc)
        return start, start + timedelta(days=self.days())
