"""The follow-the-sun band for a chosen date, with day stepping; edge drags become undo commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oncall.core.model import Team

from .view_loader import add_view, hint_label, make_view


class BandPanel(QWidget):
    windowEdited = Signal(str, object)  # leg id, LocalWindow (re-emitted from the view)
    adjustmentEdited = Signal(object, object)  # Adjustment, LocalWindow (re-emitted from the view)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Band date")
        prev_button = QPushButton("◀ Day")
        prev_button.setAccessibleName("Previous day")
        next_button = QPushButton("Day ▶")
        next_button.setAccessibleName("Next day")
        today_button = QPushButton("Today")
        prev_button.setToolTip("Show the day before")
        next_button.setToolTip("Show the day after")
        today_button.setToolTip("Show today (Ctrl+Home)")
        prev_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        today_button.clicked.connect(lambda: self.set_date(self._today()))
        bar = QHBoxLayout()
        label = QLabel("&Date:")
        label.setBuddy(self.date_edit)
        for w in (label, self.date_edit, prev_button, next_button, today_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.hint = hint_label("Drag a window edge to change a leg's local hours, or an adjusted day's (Ctrl+Z undoes). "
                               "Move the date across March/April or October/November to see DST drift.")
        self.view = make_view("band_view", "BandView", self)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # Its natural height (one row per leg); the spare height goes below: the hint stays at the bottom.
        add_view(layout, self.view, "The follow-the-sun band is not available in this build.", fill=False)
        if self.view is not None:
            self.view.windowEdited.connect(self.windowEdited)
            self.view.adjustmentEdited.connect(self.adjustmentEdited)
            if hasattr(self.view, "dateChanged"):
                self.view.dateChanged.connect(self.set_date)
        layout.addWidget(self.hint)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.set_date(today())

    def date(self) -> date:
        q = self.date_edit.date()
        return date(q.year(), q.month(), q.day())

    def set_date(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self._date_changed()

    def step(self, days: int) -> None:
        self.set_date(self.date() + timedelta(days=days))

    def set_team(self, team: Team) -> None:
        if self.view is not None:
            self.view.set_team(team)

    def _date_changed(self, *_args) -> None:
        if self.view is not None:
            self.view.set_date(self.date())
