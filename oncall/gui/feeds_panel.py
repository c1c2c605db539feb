"""Calendar feeds: one per member, site or the team, with links to copy, revoke and rotate.

Feed secrets are stored only as hashes, so a feed's links can be shown when it is created or
rotated, never later: the panel shows them once, with copy buttons, and says so. Tokens live
in the team database; with a team file or an unsaved team the panel explains that instead.

The feeds service (and with it the calendar rendering code and icalendar) is imported when
the panel is first shown, not at start-up: most sessions never open this tab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout,
    QWidget,
)

from oncall.core.model import Team

from .feeds_model import FeedsModel
from .table_views import FittedTableView

GOOGLE_NOTE = ("Google Calendar refreshes subscribed calendars only every 8 to 24 hours and ignores "
               "refresh hints, so changes can take a day to appear there; Apple Calendar, Outlook and "
               "Thunderbird follow the feed's one-hour hint.")
_NOT_LOADED = object()


def feeds_service():
    try:
        return importlib.import_module("oncall.services.feeds")
    except ImportError:
        return None


class FeedsPanel(QWidget):
    def __init__(self, database: Callable[[], object | None], base_url: Callable[[], str | None] = lambda: None,
                 set_base_url: Callable[[str], None] = lambda _u: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._set_base_url = set_base_url
        self._team: Team | None = None
        self._service = _NOT_LOADED
        self.show_error: Callable[[str], None] = lambda text: QMessageBox.warning(self, "Feeds", text)
        self.confirm: Callable[[str], bool] = lambda text: QMessageBox.question(self, "Feeds", text) \
            == QMessageBox.StandardButton.Yes
        # Runs a write to the team database (feed tokens advance its change counter too); the
        # main window passes TeamDocument.own_write.
        self.run_write: Callable[[Callable[[], object]], object] = lambda write: write()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.base_edit = QLineEdit(base_url() or "")  # the service's default is filled in when shown
        self.base_edit.setAccessibleName("Feed server address")
        self.base_edit.setPlaceholderText("https://cal.example.com (where `oncall serve` is reachable)")
        self.base_edit.editingFinished.connect(lambda: self._set_base_url(self.base_edit.text().strip()))
        self.choice = QComboBox()
        self.choice.setAccessibleName("Calendar for a new feed")
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText("label (optional), e.g. Alice's phone")
        self.label_edit.setAccessibleName("Feed label")
        self.new_button = QPushButton("&New feed")
        self.revoke_button = QPushButton("Revo&ke")
        self.rotate_button = QPushButton("R&otate link")
        self.rotate_button.setToolTip("A new secret link for the same calendar; the old link stops working")
        self.model = FeedsModel(self)
        self.view = FittedTableView(self.model, "Feeds")
        self.links_box = self._links_box()
        note = QLabel(GOOGLE_NOTE)
        note.setWordWrap(True)
        note.setEnabled(False)

        server = QHBoxLayout()
        server.addWidget(QLabel("Server:"))
        server.addWidget(self.base_edit, 1)
        create = QHBoxLayout()
        create.addWidget(self.choice, 2)
        create.addWidget(self.label_edit, 2)
        create.addWidget(self.new_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.rotate_button)
        actions.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(server)
        layout.addLayout(create)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.links_box)
        layout.addWidget(note)
        self.new_button.clicked.connect(self.create_feed)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.rotate_button.clicked.connect(self.rotate_selected)

    def _links_box(self) -> QGroupBox:
        box = QGroupBox("Links (shown once: copy them now)")
        grid = QGridLayout(box)
        self.https_edit = QLineEdit()
        self.webcal_edit = QLineEdit()
        for row, (label, edit) in enumerate((("https", self.https_edit), ("webcal", self.webcal_edit))):
            edit.setReadOnly(True)
            edit.setAccessibleName(f"{label} link")
            button = QPushButton(f"Copy {label}")
            button.setAccessibleName(f"Copy {label} link")
            button.clicked.connect(lambda _c=False, e=edit: QGuiApplication.clipboard().setText(e.text()))
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(button, row, 2)
        box.setVisible(False)
        return box

    @property
    def service(self):
        """The feeds service module (None if not in this build), imported on first use."""
        if self._service is _NOT_LOADED:
            self._service = feeds_service()
            if self._service is not None and not self.base_edit.text():
                self.base_edit.setText(self._service.DEFAULT_BASE_URL)
        return self._service

    # -- state
    def set_team(self, team: Team) -> None:
        """Listing feeds reads the database: do it when the panel is shown, not on every edit."""
        self._team = team
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._team is not None:
            self.refresh()

    def _usable(self) -> bool:
        return self.service is not None and self._database() is not None

    def refresh(self) -> None:
        usable = self._usable()
        for w in (self.base_edit, self.choice, self.label_edit, self.new_button, self.view,
                  self.revoke_button, self.rotate_button):
            w.setEnabled(usable)
        if self.service is None:
            self.message.setText("Calendar feeds are not available in this build.")
            return
        if self._database() is None:
            self.message.setText("Feeds are served from the team database: save the team as a database "
                                 "(File > Save As) to publish calendar feeds.")
            self.model.set_entries(self._team, ())
            return
        self.message.setText("Give each person the link of their own calendar (or the site's or team's). "
                             "Serve them with <code>oncall serve</code>.")
        self.choice.clear()
        for c in self.service.feed_choices(self._team):
            self.choice.addItem(c.title, (c.kind, c.target))
        try:
            entries = self.service.list_feeds(self._database())
        except Exception as exc:  # noqa: BLE001 - show why instead of an empty table
            self.message.setText(f"Cannot list feeds: {exc}")
            entries = []
        self.model.set_entries(self._team, entries)

    def selected(self):
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    # -- actions
    def _show_links(self, issued) -> None:
        self.https_edit.setText(issued.urls.https)
        self.webcal_edit.setText(issued.urls.webcal)
        self.links_box.setTitle(f"Links for {issued.entry.title} (shown once: copy them now)")
        self.links_box.setVisible(True)

    def create_feed(self) -> None:
        kind, target = self.choice.currentData() or (None, None)
        if kind is None:
            return
        self._run(lambda db: self.service.create_feed(db, kind, target, self.label_edit.text().strip() or None,
                                                      base_url=self.base_edit.text().strip()))

    def rotate_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.confirm(f"Make a new link for {entry.title}? The old link stops working at once."):
            self._run(lambda db: self.service.rotate_feed(db, entry.id, base_url=self.base_edit.text().strip()))

    def revoke_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.confirm(f"Revoke the feed {entry.title}? Subscribed calendars stop updating."):
            self._run(lambda db: self.service.revoke_feed(db, entry.id), show=False)

    def _run(self, operation, show: bool = True) -> None:
        try:
            result = self.run_write(lambda: operation(self._database()))
        except Exception as exc:  # noqa: BLE001 - FeedServiceError, StorageError: shown, not raised
            self.show_error(str(exc))
            return
        self.refresh()
        if show:
            self._show_links(result)
        else:
            self.links_box.setVisible(False)
