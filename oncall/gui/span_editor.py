"""Start and end of an override or time off, typed in a chosen site's wall-clock time.

The user thinks in local time ("Carol covers Tuesday 09:00-17:00 London"); the team stores UTC
instants. The zone combo says which wall clock the fields mean; switching it re-displays the
same instants, and ``instants()`` resolves the fields through the core's RFC 5545 rules.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QWidget

from oncall.core import timezones as tz
from oncall.core.model import Team

FORMAT = "ddd yyyy-MM-dd HH:mm"
DATE_FORMAT = "ddd yyyy-MM-dd"


def _to_qdatetime(naive: datetime) -> QDateTime:
    return QDateTime(QDate(naive.year, naive.month, naive.day), QTime(naive.hour, naive.minute))


def _from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class SpanEditor(QWidget):
    changed = Signal()

    def __init__(self, team: Team, zone: str, start: datetime, end: datetime, *,
                 all_day_option: bool = False, all_day: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone_combo = QComboBox()
        self.zone_combo.setAccessibleName("Times are in")
        zones = []
        for s in team.sites:
            if s.timezone not in zones:
                zones.append(s.timezone)
                self.zone_combo.addItem(f"{s.name} ({s.timezone})", s.timezone)
        if zone not in zones:
            self.zone_combo.addItem(zone, zone)
        if "UTC" not in zones and zone != "UTC":
            self.zone_combo.addItem("UTC", "UTC")
        self.zone_combo.setCurrentIndex(self.zone_combo.findData(zone))
        self._zone = zone
        self.start_edit = QDateTimeEdit()
        self.end_edit = QDateTimeEdit()
        for w, name in ((self.start_edit, "Start"), (self.end_edit, "End")):
            w.setCalendarPopup(True)
            w.setDisplayFormat(FORMAT)
            w.setAccessibleName(name)
        self.all_day_box = QCheckBox("Whole days (local dates, end date included)")
        self.all_day_box.setVisible(all_day_option)
        self.all_day_box.setChecked(all_day)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Times &in:", self.zone_combo)
        if all_day_option:
            form.addRow("", self.all_day_box)
        form.addRow("&From:", self.start_edit)
        form.addRow("&To:", self.end_edit)
        self._show(start, end)
        self.zone_combo.currentIndexChanged.connect(self._zone_changed)
        self.all_day_box.toggled.connect(self._all_day_changed)
        self.start_edit.dateTimeChanged.connect(self.changed)
        self.end_edit.dateTimeChanged.connect(self.changed)
        self._apply_all_day_format()

    def zone(self) -> str:
        return self.zone_combo.currentData()

    def all_day(self) -> bool:
        return self.all_day_box.isChecked()

    def instants(self) -> tuple[datetime, datetime]:
        """(start, end) as UTC instants; for whole days, local midnights with the end date included."""
        zone = self.zone()
        start, end = _from_qdatetime(self.start_edit.dateTime()), _from_qdatetime(self.end_edit.dateTime())
        if self.all_day():
            return tz.resolve_date(zone, start.date()), tz.resolve_date(zone, end.date() + timedelta(days=1))
        return tz.resolve(zone, start), tz.resolve(zone, end)

    def _show(self, start: datetime, end: datetime) -> None:
        zone = self._zone
        local_start, local_end = tz.to_local(zone, start), tz.to_local(zone, end)
        if self.all_day_box.isChecked():
            local_end = local_end - timedelta(days=1) if local_end.time() == datetime.min.time() else local_end
        self.start_edit.setDateTime(_to_qdatetime(local_start))
        self.end_edit.setDateTime(_to_qdatetime(local_end))

    def _zone_changed(self) -> None:
        start, end = self._instants_in(self._zone)
        self._zone = self.zone()
        self._show(start, end)
        self.changed.emit()

    def _instants_in(self, zone: str) -> tuple[datetime, datetime]:
        start, end = _from_qdatetime(self.start_edit.dateTime()), _from_qdatetime(self.end_edit.dateTime())
        if self.all_day():
            return tz.resolve_date(zone, start.date()), tz.resolve_date(zone, end.date() + timedelta(days=1))
        return tz.resolve(zone, start), tz.resolve(zone, end)

    def _all_day_changed(self, _on: bool) -> None:
        self._apply_all_day_format()
        self.changed.emit()

    def _apply_all_day_format(self) -> None:
        fmt = DATE_FORMAT if self.all_day() else FORMAT
        self.start_edit.setDisplayFormat(fmt)
        self.end_edit.setDisplayFormat(fmt)
