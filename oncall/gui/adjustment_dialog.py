"""Add or edit a window adjustment: a leg, its first and last local day, the window, why.

The team file's ``to`` is exclusive; people think in the last day that is adjusted, so the
dialog shows the last day inclusive and stores the day after it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from oncall.core.labels import day_text, leg_label
from oncall.core.model import Adjustment, LocalWindow, Team
from oncall.gui.date_fields import date_entry
from oncall.viewmodels.adjustment_edits import adjustment_problems

from . import formatting as fmt
from .editor_dialog import EditorDialog, qtime_to_minutes


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _date_edit(d: date) -> QDateEdit:
    return date_entry(QDateEdit(_qdate(d)))


class AdjustmentDialog(EditorDialog):
    def __init__(self, team: Team, adjustment: Adjustment | None = None, parent: QWidget | None = None, *,
                 index: int | None = None, leg: str | None = None, today: date | None = None) -> None:
        super().__init__(team, "Edit window adjustment" if adjustment else "Add window adjustment", parent)
        self.index = index  # the edited adjustment's place in the team's list (None: a new one)
        self.leg_combo = self.add_row("&Leg:", QComboBox())
        for lg in team.legs:
            self.leg_combo.addItem(f"{leg_label(team, lg.id)} (usually {fmt.window(lg.window)})", lg.id)
        chosen = adjustment.leg if adjustment else leg
        if chosen:
            self.leg_combo.setCurrentIndex(max(0, self.leg_combo.findData(chosen)))
        first = adjustment.start if adjustment else _free_day(team, self.leg_combo.currentData(), today or date.today())
        last = adjustment.end - timedelta(days=1) if adjustment else first + timedelta(days=27)
        self.first_edit = self.add_row("&First day:", _date_edit(first), "First day")
        self.last_edit = self.add_row("L&ast day (inclusive):", _date_edit(last), "Last day")
        usual = self._usual()
        window = adjustment.window if adjustment else usual
        self.add_window_row(window)
        self.reason_edit = self.add_row("&Reason:", QLineEdit(adjustment.reason or "" if adjustment else ""))
        self.reason_edit.setPlaceholderText("optional, e.g. Sydney on daylight time, London on standard time")
        # wide enough for the example (and a planner's reason) without scrolling sideways
        self.reason_edit.setMinimumWidth(self.reason_edit.fontMetrics().horizontalAdvance(
            self.reason_edit.placeholderText()) + 24)
        for signal in (self.leg_combo.currentIndexChanged, self.first_edit.dateChanged, self.last_edit.dateChanged,
                       self.win_from.timeChanged, self.win_to.timeChanged):
            signal.connect(self.revalidate)
        self.revalidate()

    def _usual(self) -> LocalWindow:
        leg_id = self.leg_combo.currentData()
        legs = {lg.id: lg for lg in self.team.legs}
        return legs[leg_id].window if leg_id in legs else LocalWindow(8 * 60, 16 * 60)

    def value(self) -> Adjustment:
        window = LocalWindow(qtime_to_minutes(self.win_from.time()), qtime_to_minutes(self.win_to.time()))
        return Adjustment(self.leg_combo.currentData() or "", _pydate(self.first_edit.date()),
                          _pydate(self.last_edit.date()) + timedelta(days=1), window,
                          self.reason_edit.text().strip() or None)

    def problems(self) -> list[str]:
        if self.leg_combo.count() == 0:
            return ["leg: add a leg first"]
        a = self.value()
        w, usual = a.window, self._usual()
        moved = []
        if w.start != usual.start:
            moved.append(f"starts {_shift(w.start - usual.start)}")
        if w.end != usual.end:
            moved.append(f"ends {_shift(w.end - usual.end)}")
        self.win_note.setText(f"usually {fmt.window(usual)}" + (f": {', '.join(moved)}" if moved else ": unchanged"))
        if a.end <= a.start:
            return [f"last day: {day_text(a.end - timedelta(days=1))} is before the first day {day_text(a.start)}"]
        return adjustment_problems(self.team, a, self.index)


def _free_day(team: Team, leg: str | None, day: date) -> date:
    """``day``, or the first day after the leg's adjustments that cover it: a new adjustment's
    default must not open the dialog on the "only one adjustment on a day" error."""
    spans = sorted((a.start, a.end) for a in team.adjustments if a.leg == leg)
    for start, end in spans:
        if start <= day < end:
            day = end
    return day


def _shift(minutes: int) -> str:
    """``1 h earlier``, ``30 min later``: how far an edge moved (the short way round midnight)."""
    minutes = (minutes + 720) % 1440 - 720
    word = "earlier" if minutes < 0 else "later"
    h, m = divmod(abs(minutes), 60)
    amount = f"{h} h {m} min" if h and m else f"{h} h" if h else f"{m} min"
    return f"{amount} {word}"
