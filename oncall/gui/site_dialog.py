"""Add or edit a site: id, name, time zone (searchable), holiday calendar, working hours, workdays."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTimeEdit, QWidget

from oncall.core.model import DEFAULT_WORKING_HOURS, WORKDAYS, LocalWindow, Site, Team
from oncall.viewmodels.team_edits import site_problems

from .editor_dialog import DaysPicker, EditorDialog, minutes_to_qtime, qtime_to_minutes, slug
from .zone_picker import ZonePicker


class SiteDialog(EditorDialog):
    def __init__(self, team: Team, site: Site | None = None, parent: QWidget | None = None) -> None:
        super().__init__(team, "Edit site" if site else "Add site", parent)
        self.original = site
        self.name_edit = self.add_row("&Name:", QLineEdit(site.name if site else ""))
        self.name_edit.setPlaceholderText("Tokyo")
        self.id_edit = self.add_row("&Id:", QLineEdit(site.id if site else ""))
        self.id_edit.setPlaceholderText("tyo (lowercase letters, digits, - and _)")
        self._id_touched = site is not None
        self.zone = self.add_row("Time &zone:", ZonePicker(site.timezone if site else "UTC"))
        self.holidays_edit = self.add_row("&Holidays:", QLineEdit(site.holidays or "" if site else ""))
        self.holidays_edit.setPlaceholderText("e.g. AU-NSW, GB-ENG, US-CA, DE (empty: none)")
        hours = site.working_hours if site else DEFAULT_WORKING_HOURS
        self.hours_from = QTimeEdit(minutes_to_qtime(hours.start))
        self.hours_to = QTimeEdit(minutes_to_qtime(hours.end))
        for w, name in ((self.hours_from, "Working hours start"), (self.hours_to, "Working hours end")):
            w.setDisplayFormat("HH:mm")
            w.setAccessibleName(name)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.hours_from)
        box.addWidget(QLabel("to"))
        box.addWidget(self.hours_to)
        box.addStretch(1)
        self.add_row("Working &hours:", row, "Working hours")
        self.workdays = self.add_row("&Workdays:", DaysPicker(site.workdays if site else WORKDAYS))

        self.name_edit.textEdited.connect(self._suggest_id)
        self.id_edit.textEdited.connect(self._id_edited)
        for signal in (self.name_edit.textChanged, self.id_edit.textChanged, self.zone.zoneChanged,
                       self.holidays_edit.textChanged, self.hours_from.timeChanged, self.hours_to.timeChanged):
            signal.connect(self.revalidate)
        self.workdays.connect_changed(self.revalidate)
        self.revalidate()

    def _id_edited(self, _text: str) -> None:
        self._id_touched = True

    def _suggest_id(self, text: str) -> None:
        if not self._id_touched:
            self.id_edit.setText(slug(text))

    def value(self) -> Site:
        end = qtime_to_minutes(self.hours_to.time())
        hol = self.holidays_edit.text().strip().upper() or None
        return Site(self.id_edit.text().strip(), self.name_edit.text().strip(), self.zone.zone(), hol,
                    LocalWindow(qtime_to_minutes(self.hours_from.time()), end or 1440),
                    self.workdays.selected())

    def problems(self) -> list[str]:
        return site_problems(self.team, self.value(), self.original.id if self.original else None)
