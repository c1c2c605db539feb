"""Week and month timeline with its controls: first day, length, display zone, rows per site or member.

Selecting a span on the timeline offers to create an override or time off, prefilled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, QTimeZone, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from oncall.core import timezones as tz
from oncall.core.model import Team

from .range_picker import RangePicker
from .view_loader import add_view, hint_label, make_view

SPAN_ACTIONS = (("override", "Create an override for this span…"), ("time_off", "Create time off for this span…"))


# Names of UTC itself: a computer set to "Etc/UTC" (most servers and containers) is on UTC, and
# calling that "Mine (Etc/UTC)" next to "UTC" printed week sheets with two identical UTC columns.
UTC_NAMES = frozenset({"etc/utc", "etc/uct", "etc/universal", "etc/zulu", "universal", "zulu", "uct"})


def system_zone() -> str:
    """The computer's IANA zone ("mine"), UTC if Qt cannot tell, the name is not a place or it is UTC's."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    if name.strip().lower() in UTC_NAMES:
        return "UTC"
    try:
        return tz.check_zone(name)
    except tz.UnknownTimeZone:
        return "UTC"


def team_zone(team: Team) -> str:
    """The team's home zone until one is chosen (Team settings): its first site's, else UTC."""
    return team.sites[0].timezone if team.sites else "UTC"


class TimelinePanel(QWidget):
    spanRequested = Signal(str, object, object, str, str)  # action, start, end, row kind, row id
    displayZoneChanged = Signal(str)  # the choice key: team | mine | UTC | <zone>
    coverRequested = Signal(object)  # a Shift: "Cover this shift" (double-click or right-click a bar)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self.team_zone_of: Callable[[Team], str] = team_zone  # the main window's: the chosen display zone
        self.range = RangePicker(today() - timedelta(days=today().weekday()), 7)
        self.zone_combo = QComboBox()
        self.zone_combo.setAccessibleName("Display zone")
        self.zone_combo.setToolTip("The wall clock the timeline's days and hours are drawn in: the team's display "
                                   "zone (Team settings), yours, a site's or UTC")
        self.rows_combo = QComboBox()
        self.rows_combo.setAccessibleName("Rows")
        self.rows_combo.setToolTip("One row per site, or one per member")
        self.rows_combo.addItem("Row per site", "site")
        self.rows_combo.addItem("Row per member", "member")
        # The zone's whole name shows ("Team (Australia/Sydney)", never "Team (Australia/Sydn"): the
        # combo is as wide as its longest choice, and when the panel is too narrow for the range and
        # the zone controls side by side (1024 px with the Now dock beside it) they wrap below the range.
        self.zone_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.zone_controls = QWidget()
        zone_row = QHBoxLayout(self.zone_controls)
        zone_row.setContentsMargins(0, 0, 0, 0)
        zone_label = QLabel("&Zone:")
        zone_label.setBuddy(self.zone_combo)
        zone_row.addWidget(zone_label)
        zone_row.addWidget(self.zone_combo)
        zone_row.addWidget(self.rows_combo)
        self._bar = QGridLayout()
        self._bar.addWidget(self.range, 0, 0)
        self._bar.setColumnStretch(2, 1)
        self._wrapped: bool | None = None
        self._place_zone_controls(wrapped=False)
        self.view = make_view("timeline_view", "TimelineView", self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar)
        add_view(layout, self.view, "The timeline is not available in this build.", fill=True)
        if self.view is not None:
            self.view.spanSelected.connect(self._span_selected)
            self.view.shiftActivated.connect(self.coverRequested)
            self.view.shiftMenuRequested.connect(self._shift_menu)
        layout.addWidget(hint_label("Drag across a row to create an override or time off; double-click or "
                                    "right-click a shift to cover it; hover a shift to see it in every "
                                    "participant's local time."))
        self._zone_key = "team"
        self.range.changed.connect(self._range_changed)
        self.zone_combo.currentIndexChanged.connect(self._zone_changed)
        self.rows_combo.currentIndexChanged.connect(self._rows_changed)
        self.ask_span_action: Callable[[], str | None] = self._ask_span_action
        self.ask_shift_action: Callable[[object], str | None] = self._ask_shift_action

    # -- API
    def set_team(self, team: Team) -> None:
        self._team = team
        self._fill_zones()
        if self.view is not None:
            self.view.set_team(team)
            self._range_changed()
            self._zone_changed()

    def set_display_zone_key(self, key: str) -> None:
        self._zone_key = key
        if self._team is not None:
            self._fill_zones()
            self._zone_changed()

    def display_zone(self) -> str:
        key = self.zone_combo.currentData() or "team"
        if key == "team":
            return self.team_zone_of(self._team) if self._team else "UTC"
        if key == "mine":
            return system_zone()
        return key

    def show_span(self, start: datetime, end: datetime | None) -> None:
        """Bring [start, end) into view and highlight it, keeping a calendar month or quarter length."""
        end = end or start + timedelta(hours=1)
        local = tz.to_local(self.display_zone(), start).date()
        unit = self.range.unit()
        if isinstance(unit, str):
            self.range.set_range(local, unit)
        else:
            days = unit if (end - start) <= timedelta(days=unit - 1) else 28
            self.range.set_range(local - timedelta(days=local.weekday()), days)
        if self.view is not None:
            self.view.highlight(start, end)

    # -- internals
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place_zone_controls()

    def _place_zone_controls(self, wrapped: bool | None = None) -> None:
        """Zone and rows beside the range when they fit in one line, else on a line of their own."""
        if wrapped is None:
            margins = self.layout().contentsMargins() if self.layout() is not None else None
            room = self.width() - (margins.left() + margins.right() if margins is not None else 0)
            wrapped = (self.range.sizeHint().width() + self._bar.horizontalSpacing()
                       + self.zone_controls.sizeHint().width()) > room
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        self._bar.removeWidget(self.zone_controls)
        if wrapped:
            self._bar.addWidget(self.zone_controls, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        else:
            self._bar.addWidget(self.zone_controls, 0, 1)

    def _fill_zones(self) -> None:
        team = self._team
        self.zone_combo.blockSignals(True)
        self.zone_combo.clear()
        self.zone_combo.addItem(f"Team ({self.team_zone_of(team)})" if team else "Team", "team")
        self.zone_combo.addItem(f"Mine ({system_zone()})", "mine")
        for s in team.sites if team else ():
            self.zone_combo.addItem(f"{s.name} ({s.timezone})", s.timezone)
        self.zone_combo.addItem("UTC", "UTC")
        index = self.zone_combo.findData(self._zone_key)
        self.zone_combo.setCurrentIndex(index if index >= 0 else 0)
        self.zone_combo.blockSignals(False)
        self._place_zone_controls()  # the longest choice may have changed

    def _range_changed(self) -> None:
        if self.view is not None:
            self.view.set_range(self.range.first_day(), self.range.days())

    def _zone_changed(self, *_args) -> None:
        key = self.zone_combo.currentData()
        if key is None:
            return
        self._zone_key = key
        if self.view is not None:
            self.view.set_display_zone(self.display_zone())
        self.displayZoneChanged.emit(key)

    def _rows_changed(self, *_args) -> None:
        if self.view is not None:
            self.view.set_row_mode(self.rows_combo.currentData())

    def _ask_span_action(self) -> str | None:
        menu = QMenu(self)
        for key, text in SPAN_ACTIONS:
            menu.addAction(text).setData(key)
        chosen = menu.exec(QCursor.pos())
        return chosen.data() if chosen else None

    def _ask_shift_action(self, global_pos) -> str | None:
        menu = QMenu(self)
        menu.addAction("&Cover this shift…").setData("cover")
        chosen = menu.exec(global_pos)
        return chosen.data() if chosen else None

    def _shift_menu(self, shift, global_pos) -> None:
        if self.ask_shift_action(global_pos) == "cover":
            self.coverRequested.emit(shift)

    def _span_selected(self, start: datetime, end: datetime, row_kind: str, row_id: str) -> None:
        action = self.ask_span_action()
        if action:
            self.spanRequested.emit(action, start, end, row_kind, row_id)
