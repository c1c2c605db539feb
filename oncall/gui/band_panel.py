"""The follow-the-sun band for a chosen date, with day stepping; edge drags become undo commands.

Below the band, when the tab has the height for it (a large screen), the week around the date as
a timeline strip (a row per site, UTC like the band): the space is used for the week's coverage
instead of staying blank. Double-clicking a shift there offers to cover it, as on the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oncall.core.model import Team
from oncall.core.labels import day_text
from oncall.gui.date_fields import day_picker

from .palette import mute
from .view_loader import add_view, hint_label, make_view


class BandPanel(QWidget):
    windowEdited = Signal(str, object)  # leg id, LocalWindow (re-emitted from the view)
    adjustmentEdited = Signal(object, object)  # Adjustment, LocalWindow (re-emitted from the view)
    coverRequested = Signal(object)  # a Shift double-clicked in the week strip

    WEEK_MIN_HEIGHT = 170  # spare pixels below the band before the week strip shows

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.date_edit = day_picker(QDateEdit())  # reads like the band's caption: "Thu 26 Nov 2026"
        self.date_edit.setAccessibleName("Band date")
        self.date_edit.setToolTip("The day the band shows (UTC); Alt+D to type a date")
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
        self.week_label = mute(QLabel())
        self.week = make_view("timeline_view", "TimelineView", self)
        if self.week is not None:
            self.week.setAccessibleName("Week around the band's date")
            self.week.set_row_mode("site")
            self.week.set_display_zone("UTC")
            self.week.shiftActivated.connect(self.coverRequested)
            layout.insertWidget(layout.count() - 1, self.week_label)
            layout.insertWidget(layout.count() - 1, self.week, 100)  # before the stretch: it takes the spare height
        layout.addWidget(self.hint)
        self._team: Team | None = None
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
        self._team = team
        if self.view is not None:
            self.view.set_team(team)
        if self.week is not None:
            self.week.set_team(team)
        self._fit_week()

    def _date_changed(self, *_args) -> None:
        if self.view is not None:
            self.view.set_date(self.date())
        if self.week is not None:
            monday = self.date() - timedelta(days=self.date().weekday())
            self.week.set_range(monday, 7)
            self.week_label.setText(f"The week of {day_text(monday)} (UTC), a row per site: "
                                    "double-click a shift to cover it")

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_week()

    def _fit_week(self) -> None:
        """Show the week strip only when the band leaves room for it."""
        if self.week is None:
            return
        used = self.view.sizeHint().height() if self.view is not None else 0
        spare = self.height() - used - self.date_edit.sizeHint().height() - self.hint.sizeHint().height() - 40
        show = self._team is not None and spare >= self.WEEK_MIN_HEIGHT
        self.week.setVisible(show)
        self.week_label.setVisible(show)
