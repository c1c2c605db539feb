"""A time-zone picker with search: type any part of a name ("york", "kolk") to filter.

The list is the core's place-like IANA names (fixed offsets such as UTC+10 are refused:
a site is a place, and places change their offsets). A label beside it shows the zone's
current offset and abbreviation, so "Asia/Kolkata" reads as "UTC+05:30 IST". Common office cities
that no zone is named after complete too ("san fran" -> "San Francisco (America/Los_Angeles)", see
:mod:`oncall.gui.zone_aliases`).
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QWidget

from oncall.core import timezones as tz

from . import zone_aliases

SEARCH_ROLE = Qt.ItemDataRole.UserRole  # what the completer matches and puts in the box


class ZonePicker(QWidget):
    zoneChanged = Signal(str)

    def __init__(self, zone: str = "UTC", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName("Time zone")
        self.combo.setMinimumContentsLength(22)
        names = tz.all_zone_names()
        self._names = QStringListModel(names, self)
        self.combo.setModel(self._names)
        # The completer also knows the cities (picking one puts its zone in the box).
        self._searchable = searchable_model(self)
        completer = QCompleter(self._searchable, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        completer.activated.connect(self._completed)
        self.offset_label = QLabel()
        self.offset_label.setAccessibleName("Offset now")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.offset_label)
        self.combo.currentTextChanged.connect(self._changed)
        self.set_zone(zone)

    def zone(self) -> str:
        return zone_aliases.zone_for(self.combo.currentText())

    def _completed(self, text: str) -> None:
        zone = zone_aliases.zone_for(text)
        if zone != text.strip():  # a city: show the zone it means
            self.combo.setCurrentText(zone)

    def set_zone(self, zone: str) -> None:
        self.combo.setCurrentText(zone)
        self._changed(zone)

    def _changed(self, text: str) -> None:
        try:
            zone = tz.check_zone(zone_aliases.zone_for(text))
        except tz.UnknownTimeZone:
            self.offset_label.setText("unknown zone")
        else:
            now = datetime.now(timezone.utc)
            self.offset_label.setText(
                f"UTC{tz.format_offset(tz.utc_offset(zone, now))} {tz.abbreviation(zone, now)}")
        self.zoneChanged.emit(text)


def searchable_model(parent=None) -> QStandardItemModel:
    """Zone names, then the cities: a city is searched and completed by its name only (SEARCH_ROLE)
    and listed as "San Francisco (America/Los_Angeles)", so "kolk" finds Asia/Kolkata alone."""
    model = QStandardItemModel(parent)
    for shown, searched in [(n, n) for n in tz.all_zone_names()] + [
            (zone_aliases.entry(c), c) for c in zone_aliases.CITY_ZONES]:
        item = QStandardItem(shown)
        item.setData(searched, SEARCH_ROLE)
        model.appendRow(item)
    return model


def filter_zones(text: str) -> list[str]:
    """The entries whose name contains ``text`` (case-insensitive): what the completer shows."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(searchable_model())
    proxy.setFilterRole(SEARCH_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterFixedString(text)
    return [proxy.index(i, 0).data() for i in range(proxy.rowCount())]
