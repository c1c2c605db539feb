"""Start and end of an override or time off, typed in a chosen site's wall-clock time.

The user thinks in local time ("Carol covers Tuesday 09:00-17:00 London"); the team stores UTC
instants. The zone combo says which wall clock the fields mean; switching it re-displays the
same instants, and ``instants()`` resolves the fields through the core's RFC 5545 rules.

The dialogs make the zone follow the person chosen (:meth:`SpanEditor.follow_person`): once the
user has typed times they are that person's wall-clock times (so 09:00-17:00 typed for a
London engineer stays 09:00-17:00 London); a span that came from the timeline keeps its
instants and is re-displayed. Under the fields a line repeats the span in the person's zone
and in UTC, so a wrong zone shows before OK.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QFormLayout, QLabel, QWidget

from oncall.core import timezones as tz
from oncall.core.labels import day_span_text
from oncall.core.model import Team
from oncall.gui.date_fields import ENTRY_FORMAT, ENTRY_TIME_FORMAT, date_entry

from . import formatting as fmt
from .palette import mute

FORMAT = ENTRY_TIME_FORMAT  # typed as digits, section by section (date_fields)
DATE_FORMAT = ENTRY_FORMAT


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
        self.start_edit = date_entry(QDateTimeEdit(), with_time=True)
        self.end_edit = date_entry(QDateTimeEdit(), with_time=True)
        for w, name in ((self.start_edit, "Start"), (self.end_edit, "End")):
            w.setAccessibleName(name)
        self.all_day_box = QCheckBox("Whole days (local dates, end date included)")
        self.all_day_box.setVisible(all_day_option)
        self.all_day_box.setChecked(all_day)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.zone_combo.setToolTip("The wall clock the From and To fields are in; it follows the person chosen")
        self.echo = QLabel()
        self.echo.setObjectName("span_echo")
        self.echo.setAccessibleName("Span in the person's zone and in UTC")
        self.echo.setWordWrap(True)
        mute(self.echo)  # secondary text, readable (a disabled label is 1.6:1 in light mode)
        self._person: tuple[str, str] | None = None  # name, zone
        self.typed = False  # the user changed From/To (then a new zone keeps the wall times)
        self._showing = False
        form.addRow("Time&s in:", self.zone_combo)
        if all_day_option:
            form.addRow("", self.all_day_box)
        form.addRow("&From:", self.start_edit)
        form.addRow("&To:", self.end_edit)
        form.addRow("", self.echo)
        self._show(start, end)
        self.zone_combo.currentIndexChanged.connect(self._zone_changed)
        self.all_day_box.toggled.connect(self._all_day_changed)
        self.start_edit.dateTimeChanged.connect(self._typed)
        self.end_edit.dateTimeChanged.connect(self._typed)
        self.changed.connect(self._update_echo)
        self._apply_all_day_format()
        self._update_echo()

    def _typed(self, *_args) -> None:
        if not self._showing:
            self.typed = True
        self.changed.emit()

    def follow_person(self, name: str, zone: str, *, switch: bool = True) -> None:
        """The person the span is for: the fields switch to their zone (see the module doc)."""
        self._person = (name, zone)
        if switch and zone != self.zone():
            index = self.zone_combo.findData(zone)
            if index < 0:
                self.zone_combo.addItem(zone, zone)
                index = self.zone_combo.count() - 1
            if self.typed:  # keep what was typed, read in the new zone
                self.zone_combo.blockSignals(True)
                self.zone_combo.setCurrentIndex(index)
                self.zone_combo.blockSignals(False)
                self._zone = zone
                self.changed.emit()
            else:
                self.zone_combo.setCurrentIndex(index)  # re-displays the same instants
        else:
            self._update_echo()

    def set_span(self, start: datetime, end: datetime) -> None:
        """Show [start, end) in the current zone (a fix the dialog offers)."""
        self._show(start, end)
        self.changed.emit()

    def _update_echo(self) -> None:
        try:
            start, end = self.instants()
        except (ValueError, KeyError):
            self.echo.setText("")
            return
        parts = []
        if self._person is not None:
            name, zone = self._person
            if self.all_day():  # whole local days: the dates, end date included
                first, last = tz.to_local(zone, start).date(), tz.to_local(zone, end - timedelta(minutes=1)).date()
                parts.append(f"{name}'s days: {day_span_text(first, last)} ({zone})")
            else:
                parts.append(f"{name}'s time: {fmt.local_time(zone, start)} – {fmt.local_time(zone, end)}")
        if self.zone() != "UTC":
            parts.append(f"UTC: {fmt.utc_time(start)} – {fmt.utc_time(end)}")
        self.echo.setText("\n".join(parts))
        # Each line whole where the screen allows (a narrow dialog wrapped two lines into four,
        # splitting "16:00" from "GMT"); the dialog widens to fit, up to a 1024 px screen's share.
        widest = max((self.echo.fontMetrics().horizontalAdvance(line) for line in parts), default=0)
        self.echo.setMinimumWidth(min(widest + 4, 640))

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
        self._showing = True
        try:
            self.start_edit.setDateTime(_to_qdatetime(local_start))
            self.end_edit.setDateTime(_to_qdatetime(local_end))
        finally:
            self._showing = False

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
