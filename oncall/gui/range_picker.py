"""A date range chooser: first day and a length (weeks, a calendar month or quarter, a year).

Calendar months and quarters matter for DST: "4 weeks from 1 March" stops on 28 March and
misses Europe's change on the last Sunday; "March" does not. For those lengths the first day
snaps to the 1st of the month (or quarter) and the length is that month's (quarter's) days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from oncall.gui.date_fields import day_picker

MONTH = "month"
QUARTER = "quarter"
LENGTHS: tuple[tuple[int | str, str], ...] = (
    (7, "1 week"), (14, "2 weeks"), (28, "4 weeks"), (MONTH, "Calendar month"), (QUARTER, "Quarter"),
    (91, "13 weeks"), (365, "1 year"))


def period_start(day: date, unit: str) -> date:
    """The 1st of ``day``'s month, or of its quarter."""
    if unit == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def period_days(first: date, unit: str) -> int:
    """Days in the month (or quarter) that starts on ``first``."""
    months = 3 if unit == QUARTER else 1
    year, month = divmod(first.month - 1 + months, 12)
    return (date(first.year + year, month + 1, 1) - first).days


class RangePicker(QWidget):
    changed = Signal()

    def __init__(self, first: date, days: int | str = 28, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_edit = day_picker(QDateEdit(QDate(first.year, first.month, first.day)))  # "Thu 26 Nov 2026"
        self.start_edit.setAccessibleName("From")
        self.start_edit.setToolTip("First day of the range (a calendar month or quarter starts on its 1st)")
        self.length = QComboBox()
        self.length.setAccessibleName("Length")
        self.length.setToolTip("How long a range to show")
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
        self._snap()
        self.start_edit.dateChanged.connect(self._changed)
        self.length.currentIndexChanged.connect(self._changed)

    def unit(self) -> int | str:
        """A number of days, or ``"month"`` / ``"quarter"``."""
        return self.length.currentData()

    def first_day(self) -> date:
        q = self.start_edit.date()
        return date(q.year(), q.month(), q.day())

    def days(self) -> int:
        unit = self.unit()
        if isinstance(unit, str):
            return period_days(self.first_day(), unit)
        return int(unit)

    def set_range(self, first: date, days: int | str | None = None) -> None:
        """Show ``first`` on; ``days`` a number of days or ``"month"``/``"quarter"`` (None keeps it)."""
        self.blockSignals(True)
        try:
            if days is not None:
                index = self.length.findData(days)
                if index >= 0:
                    self.length.setCurrentIndex(index)
            self.start_edit.setDate(QDate(first.year, first.month, first.day))
            self._snap()
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def _snap(self) -> None:
        unit = self.unit()
        if isinstance(unit, str):
            first = period_start(self.first_day(), unit)
            if first != self.first_day():
                self.start_edit.blockSignals(True)
                self.start_edit.setDate(QDate(first.year, first.month, first.day))
                self.start_edit.blockSignals(False)

    def _changed(self, *_args) -> None:
        self._snap()
        self.changed.emit()

    def utc_range(self) -> tuple[datetime, datetime]:
        """[first day 00:00Z, first day + length 00:00Z)."""
        first = self.first_day()
        start = datetime(first.year, first.month, first.day, tzinfo=timezone.utc)
        return start, start + timedelta(days=self.days())
