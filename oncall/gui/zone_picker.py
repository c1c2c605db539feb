"""A time-zone picker with search: type any part of a name ("york", "kolk") to filter.

The list is the core's place-like IANA names (fixed offsets such as UTC+10 are refused:
a site is a place, and places change their offsets). A label beside it shows the zone's
current offset and abbreviation, so "Asia/Kolkata" reads as "UTC+05:30 IST".
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QWidget

from oncall.core import timezones as tz


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
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.offset_label = QLabel()
        self.offset_label.setAccessibleName("Offset now")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.offset_label)
        self.combo.currentTextChanged.connect(self._changed)
        self.set_zone(zone)

    def zone(self) -> str:
        return self.combo.currentText().strip()

    def set_zone(self, zone: str) -> None:
        self.combo.setCurrentText(zone)
        self._changed(zone)

    def _changed(self, text: str) -> None:
        try:
            zone = tz.check_zone(text)
        except tz.UnknownTimeZone:
            self.offset_label.setText("unknown zone")
        else:
            now = datetime.now(timezone.utc)
            self.offset_label.setText(
                f"UTC{tz.format_offset(tz.utc_offset(zone, now))} {tz.abbreviation(zone, now)}")
        self.zoneChanged.emit(text)


def filter_zones(text: str) -> list[str]:
    """The zone names containing ``text`` (case-insensitive): what the completer shows."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel(tz.all_zone_names()))
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterFixedString(text)
    return [proxy.index(i, 0).data() for i in range(proxy.rowCount())]
