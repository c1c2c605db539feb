"""Add or edit a leg: site, local window, days, rotation order (drag and drop), cadence, dates."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QListView, QPushButton, QSpinBox, QWidget,
)

from oncall.core.model import ALL_DAYS, Cadence, CadenceKind, Leg, LocalWindow, Team, next_leg_id
from oncall.gui.date_fields import date_entry
from oncall.viewmodels import leg_preview
from oncall.viewmodels.leg_preview import next_weekday
from oncall.viewmodels.team_edits import leg_problems

from .editor_dialog import DaysPicker, EditorDialog, qtime_to_minutes
from .formatting import DAY_NAMES
from .leg_preview_view import LegPreviewView
from .palette import mute
from .rotation_model import RotationModel


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class LegDialog(EditorDialog):
    def __init__(self, team: Team, leg: Leg | None = None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(team, "Edit leg" if leg else "Add leg", parent)
        self.original = leg
        today = today or date.today()
        self._today = today
        self.site_combo = self.add_row("&Site:", QComboBox())
        for s in team.sites:
            self.site_combo.addItem(f"{s.name} ({s.timezone})", s.id)
        if leg:
            self.site_combo.setCurrentIndex(max(0, self.site_combo.findData(leg.site)))
        self.id_edit = self.add_row("&Id:", QLineEdit(leg.id if leg else ""))
        self.id_edit.setReadOnly(leg is not None)  # feed UIDs derive from it
        if leg:
            self.id_edit.setToolTip("A leg keeps its id: calendar feeds derive event ids from it")
        window = leg.window if leg else LocalWindow(8 * 60, 16 * 60)
        self.add_window_row(window)
        self.days = self.add_row("&Days:", DaysPicker(leg.days if leg else ALL_DAYS))
        self.add_row("&Rotation:", self._rotation_editor(leg), "Rotation")
        self.cadence_combo = QComboBox()
        self.cadence_combo.addItem("Daily", CadenceKind.DAILY.value)
        self.cadence_combo.addItem("Weekly", CadenceKind.WEEKLY.value)
        self.cadence_combo.addItem("Every N days", CadenceKind.EVERY_N_DAYS.value)
        self.cadence_combo.setAccessibleName("Cadence")
        self.every_n = QSpinBox()
        self.every_n.setRange(2, 365)
        self.every_n.setSuffix(" days")
        self.every_n.setAccessibleName("Every N days")
        cadence = leg.cadence if leg else Cadence.weekly()
        self.cadence_combo.setCurrentIndex(self.cadence_combo.findData(cadence.kind.value))
        self.every_n.setValue(max(2, cadence.days))
        crow = QWidget()
        cbox = QHBoxLayout(crow)
        cbox.setContentsMargins(0, 0, 0, 0)
        cbox.addWidget(self.cadence_combo)
        cbox.addWidget(self.every_n)
        cbox.addStretch(1)
        self.add_row("&Cadence:", crow, "Cadence")
        self.handoff_combo = self.add_row("&Handoff day:", QComboBox())
        self.handoff_combo.addItem("Weekday of the start date", None)
        for i, name in enumerate(DAY_NAMES):
            self.handoff_combo.addItem(name, i)
        if leg and leg.handoff_day is not None:
            self.handoff_combo.setCurrentIndex(leg.handoff_day + 1)
        elif not leg:
            self.handoff_combo.setCurrentIndex(1)  # Monday
        # A new leg starts on the next handoff day (a Monday unless changed), not mid-week today.
        first = leg.start if leg else next_weekday(today, self.handoff_combo.currentData() or 0)
        self.start_edit = self.add_row("S&tart:", date_entry(QDateEdit(_qdate(first))))
        self._start_touched = leg is not None
        self.ends_box = QCheckBox("Ends (exclusive)")
        default_end = leg.end if leg and leg.end else today.replace(year=today.year + 1)
        self.end_edit = date_entry(QDateEdit(_qdate(default_end)))
        self.end_edit.setAccessibleName("End date")
        self.ends_box.setChecked(bool(leg and leg.end))
        erow = QWidget()
        ebox = QHBoxLayout(erow)
        ebox.setContentsMargins(0, 0, 0, 0)
        ebox.addWidget(self.ends_box)
        ebox.addWidget(self.end_edit)
        ebox.addStretch(1)
        self.add_row("&End:", erow, "End")

        self.preview_view = self.add_row("Preview:", LegPreviewView(), "Leg preview")
        self.preview_view.setObjectName("leg_preview")
        self.start_edit.dateChanged.connect(self._start_edited)
        self.handoff_combo.currentIndexChanged.connect(self._handoff_day_changed)
        self.site_combo.currentIndexChanged.connect(self._site_changed)
        for signal in (self.win_from.timeChanged, self.win_to.timeChanged, self.cadence_combo.currentIndexChanged,
                       self.every_n.valueChanged, self.handoff_combo.currentIndexChanged,
                       self.start_edit.dateChanged, self.end_edit.dateChanged, self.ends_box.toggled,
                       self.id_edit.textChanged):
            signal.connect(self.revalidate)
        self.days.connect_changed(self.revalidate)
        for signal in (self.rotation.rowsMoved, self.rotation.rowsInserted, self.rotation.rowsRemoved,
                       self.rotation.modelReset):
            signal.connect(self.revalidate)
        if not leg:
            self._site_changed()
        self.revalidate()

    # -- the rotation editor
    def _rotation_editor(self, leg: Leg | None) -> QWidget:
        names = {m.id: m.name for m in self.team.members}
        self.rotation = RotationModel(list(leg.rotation) if leg else [], names, self)
        self.rotation_view = QListView()
        self.rotation_view.setModel(self.rotation)
        self.rotation_view.setAccessibleName("Rotation order")
        self.rotation_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.rotation_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.rotation_view.setDragEnabled(True)
        self.rotation_view.setAcceptDrops(True)
        self.rotation_view.setDropIndicatorShown(True)
        self.rotation_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rotation_view.setMinimumHeight(110)
        self.add_member_combo = QComboBox()
        self.add_member_combo.setAccessibleName("Member to add")
        for m in self.team.members:
            self.add_member_combo.addItem(f"{m.name} ({self.team.site(m.site).name})", m.id)
        add = QPushButton("&Add")
        add.setAccessibleName("Add to rotation")
        remove = QPushButton("Re&move")
        up = QPushButton("Move &up")
        down = QPushButton("Move do&wn")
        add.clicked.connect(self.add_selected_member)
        remove.clicked.connect(lambda: self.rotation.remove(self._current_row()))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        widget = QWidget()
        grid = QGridLayout(widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.rotation_view, 0, 0, 4, 1)
        grid.addWidget(up, 0, 1)
        grid.addWidget(down, 1, 1)
        grid.addWidget(remove, 2, 1)
        grid.addWidget(self.add_member_combo, 4, 0)
        grid.addWidget(add, 4, 1)
        self.rotation_hint = mute(QLabel("Drag names to change the turn order."))  # readable, not disabled
        grid.addWidget(self.rotation_hint, 5, 0, 1, 2)
        return widget

    def _start_edited(self, *_args) -> None:
        if not self._setting_start:
            self._start_touched = True

    def _handoff_day_changed(self, *_args) -> None:
        """Until the user picks a start date, it follows the handoff day."""
        day = self.handoff_combo.currentData()
        if self.original is None and not self._start_touched and day is not None:
            self._setting_start = True
            self.start_edit.setDate(_qdate(next_weekday(self._today, day)))
            self._setting_start = False

    _setting_start = False

    def previews(self) -> list:
        """The leg as edited, on its first day shown and after the next DST change."""
        leg = self.value()
        if not self.team.has_site(leg.site) or not leg.days:
            return []
        others = tuple(lg for lg in self.team.legs if lg.id not in {leg.id, self.original.id if self.original else ""})
        team = self.team.evolve(legs=others + (leg,))
        shown = []
        first = max(self._today, leg.start)
        for offset in range(7):  # the first day the leg runs
            one = leg_preview.preview(team, leg, first + timedelta(days=offset))
            if one is not None:
                shown.append(one)
                break
        change = leg_preview.next_dst_change(team, leg, first)
        if change is not None:
            for offset in range(7):
                one = leg_preview.preview(team, leg, change[0] + timedelta(days=offset), change[1])
                if one is not None:
                    shown.append(one)
                    break
        return shown

    def _current_row(self) -> int:
        index = self.rotation_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _move(self, step: int) -> None:
        row = self._current_row()
        target = row + step
        if row >= 0 and 0 <= target < self.rotation.rowCount() and self.rotation.move(row, target):
            self.rotation_view.setCurrentIndex(self.rotation.index(target, 0))

    def add_selected_member(self) -> None:
        member = self.add_member_combo.currentData()
        if member:
            self.rotation.append(member)

    def _site_changed(self, *_args) -> None:
        site = self.site_combo.currentData()
        if self.original is None and site:
            self.id_edit.setText(next_leg_id(site, {lg.id for lg in self.team.legs}))
            at_site = [i for i in range(self.add_member_combo.count())
                       if self.team.member(self.add_member_combo.itemData(i)).site == site]
            if at_site:
                self.add_member_combo.setCurrentIndex(at_site[0])
        self.revalidate()

    # -- value
    def cadence(self) -> Cadence:
        kind = CadenceKind(self.cadence_combo.currentData())
        if kind is CadenceKind.DAILY:
            return Cadence.daily()
        if kind is CadenceKind.WEEKLY:
            return Cadence.weekly()
        return Cadence.every(self.every_n.value())

    def value(self) -> Leg:
        window = LocalWindow(qtime_to_minutes(self.win_from.time()), qtime_to_minutes(self.win_to.time()))
        cadence = self.cadence()
        handoff = self.handoff_combo.currentData() if cadence.kind is CadenceKind.WEEKLY else None
        end = _pydate(self.end_edit.date()) if self.ends_box.isChecked() else None
        return Leg(self.id_edit.text().strip(), self.site_combo.currentData() or "", window,
                   self.rotation.members(), cadence, _pydate(self.start_edit.date()), self.days.selected(),
                   handoff, end)

    def problems(self) -> list[str]:
        kind = CadenceKind(self.cadence_combo.currentData())
        weekly = kind is CadenceKind.WEEKLY
        self.every_n.setVisible(kind is CadenceKind.EVERY_N_DAYS)
        self.handoff_combo.setEnabled(weekly)
        self.end_edit.setEnabled(self.ends_box.isChecked())
        leg = self.value()
        w = leg.window
        self.win_note.setText(f"{w.nominal_minutes // 60} h {w.nominal_minutes % 60:02d} min"
                              + (", ends the next day" if w.crosses_midnight and w.end else ""))
        if self.site_combo.count() == 0:
            return ["site: add a site first"]
        problems = leg_problems(self.team, leg, self.original.id if self.original else None)
        try:
            self.preview_view.set_previews([] if problems else self.previews())
        except (ValueError, KeyError):
            self.preview_view.set_previews([])
        return problems
