"""Preferences that outlive a session; the only module that touches QSettings.

Window geometry and dock layout (and whether the user arranged the docks), recent files, the
display zones (the user's choice for the timeline, each team's own display zone) and the last
database opened.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
ORGANIZATION = "oncall"
APPLICATION = "oncall"


class Settings:
    """Typed access to the app's QSettings (a given QSettings in tests)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         ORGANIZATION, APPLICATION)

    # -- window
    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def docks_arranged(self) -> bool:
        """Whether the saved dock layout is the user's own arrangement.

        False (or never saved) means the docks were left as the default, which depends on the
        window's size: the next start lays the default out for the size it opens at instead of
        restoring a default computed for another screen. A layout saved by a version without
        this flag counts as arranged: it is restored as before rather than lost.
        """
        unknown = "true" if self._s.contains("window/state") else "false"
        return str(self._s.value("window/docks_arranged", unknown)).lower() == "true"

    def save_window(self, geometry: QByteArray, state: QByteArray, *, docks_arranged: bool) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.setValue("window/docks_arranged", "true" if docks_arranged else "false")

    # -- recent files and databases
    def recent_files(self) -> list[str]:
        value = self._s.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_file(self, path: str) -> list[str]:
        items = [path] + [p for p in self.recent_files() if p != path]
        items = items[:MAX_RECENT]
        self._s.setValue("recent/files", items)
        return items

    def last_database(self) -> str | None:
        value = self._s.value("database/last")
        return str(value) if value else None

    def set_last_database(self, location: str | None) -> None:
        self._s.setValue("database/last", location or "")

    # -- display
    def display_zone(self) -> str:
        """``team``, ``mine``, ``UTC`` or a site's zone name."""
        return str(self._s.value("display/zone", "team") or "team")

    def set_display_zone(self, zone: str) -> None:
        self._s.setValue("display/zone", zone)

    def team_zone(self, location: str | None) -> str | None:
        """The display zone chosen for the team at ``location`` (None: never chosen)."""
        value = self._team_zones().get(location or "")
        return str(value) if value else None

    def set_team_zone(self, location: str | None, zone: str) -> None:
        zones = self._team_zones()
        zones[location or ""] = zone
        self._s.setValue("display/team_zones", json.dumps(zones))

    def _team_zones(self) -> dict[str, str]:
        try:
            value = json.loads(str(self._s.value("display/team_zones", "{}") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def sync(self) -> None:
        self._s.sync()
