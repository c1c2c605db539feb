"""Calendar feeds: the team's public address, one feed per member, site or the team, with
links, QR codes and invitations to hand out, and revoke/rotate.

Feed secrets are stored only as hashes, so a feed's links can be shown when it is created or
rotated, never later: the panel keeps the feeds issued in this session and shows their links
(with copy buttons, a QR code and the invitation) when one is selected. Tokens and the public
address live in the team database; with a team file or an unsaved team the panel says so.

The feeds service (and with it the calendar rendering code and icalendar) is imported when
the panel is first shown, not at start-up: most sessions never open this tab.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QScrollArea, QVBoxLayout,
    QWidget,
)

from oncall.core.model import Team

from .feed_address_bar import FeedAddressBar
from .feed_links_box import FeedLinksBox
from .feeds_model import FeedsModel
from .palette import mute
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
    def __init__(self, database: Callable[[], object | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._team: Team | None = None
        self._service = _NOT_LOADED
        self._issued: dict[int, object] = {}  # token id -> IssuedFeed made in this session
        self.show_error: Callable[[str], None] = lambda text: QMessageBox.warning(self, "Feeds", text)
        self.confirm: Callable[[str], bool] = lambda text: QMessageBox.question(self, "Feeds", text) \
            == QMessageBox.StandardButton.Yes
        # Runs a write to the team database (feed tokens advance its change counter too); the
        # main window passes TeamDocument.own_write.
        self.run_write: Callable[[Callable[[], object]], object] = lambda write: write()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.address = FeedAddressBar(lambda: self.service)
        self.address.save = self.save_address
        self.address.current_link = self._shown_link
        self.choice = QComboBox()
        self.choice.setAccessibleName("Calendar for a new feed")
        self.choice.setToolTip("Whose calendar the new feed publishes: the whole team, a site or a member")
        self.choice.setMinimumContentsLength(18)
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText("label (optional), e.g. Alice's phone")
        self.label_edit.setAccessibleName("Feed label")
        self.label_edit.setToolTip("A name for this link in the list (whose phone or calendar has it), "
                                   "so it can be revoked alone later")
        self.new_button = QPushButton("&New feed")
        self.new_button.setToolTip("Make a feed of the chosen calendar and show its links and QR code "
                                   "(shown only now)")
        self.everyone_button = QPushButton("Create feeds for ever&yone")
        self.everyone_button.setToolTip("One feed per member who has none, labelled with their name")
        self.revoke_button = QPushButton("Revo&ke")
        self.revoke_button.setToolTip("Stop the selected feed: its link stops working and subscribed "
                                      "calendars stop updating")
        self.rotate_button = QPushButton("R&otate link")
        self.rotate_button.setToolTip("A new secret link for the same calendar; the old link stops working")
        self.model = FeedsModel(self)
        self.view = FittedTableView(self.model, "Feeds")
        self.links_box = FeedLinksBox(lambda: self.service)
        self.hint = mute(QLabel())  # secondary text, readable (a disabled label is 1.6:1 in light mode)
        self.hint.setWordWrap(True)
        self.google_note = mute(QLabel(GOOGLE_NOTE))
        self.google_note.setWordWrap(True)

        create = QHBoxLayout()
        create.addWidget(self.choice, 2)
        create.addWidget(self.label_edit, 2)
        create.addWidget(self.new_button)
        create.addWidget(self.everyone_button)
        actions = QHBoxLayout()
        actions.addWidget(self.hint, 1)
        actions.addWidget(self.rotate_button)
        actions.addWidget(self.revoke_button)
        # In a scroll area: at 1024x700 with the docks open the tab is short, and squeezing
        # the links box below its height would overlap its rows; scrolling never clips.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self._scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The address and its check stay above the scrolling part: scrolled down to new links at
        # 1024x700, a "loopback: only this computer can reach it" warning must still show with them.
        pinned = QVBoxLayout()
        pinned.setContentsMargins(9, 9, 9, 0)
        pinned.addWidget(self.address)
        outer.addLayout(pinned)
        outer.addWidget(scroll, 1)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 3 + 4)
        layout = QVBoxLayout(content)
        layout.addWidget(self.message)
        layout.addLayout(create)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.links_box)
        layout.addWidget(self.google_note)
        self.new_button.clicked.connect(self.create_feed)
        self.everyone_button.clicked.connect(self.create_for_everyone)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.rotate_button.clicked.connect(self.rotate_selected)
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_selected())
        self.model.modelReset.connect(self._show_selected)

    @property
    def service(self):
        """The feeds service module (None if not in this build), imported on first use."""
        if self._service is _NOT_LOADED:
            self._service = feeds_service()
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
        for w in (self.address, self.choice, self.label_edit, self.new_button, self.everyone_button, self.view,
                  self.revoke_button, self.rotate_button):
            w.setEnabled(usable)
        if self.service is None:
            self.message.setText("Calendar feeds are not available in this build.")
            return
        db = self._database()
        if db is None:
            self.message.setText("Feeds are served from the team database: save the team as a database "
                                 "(File > Save As) to publish calendar feeds.")
            self.model.set_entries(self._team, ())
            return
        self.message.setText("Give each person the link of their own calendar (or the site's or team's), "
                             "served by <code>oncall serve</code> at the public address.")
        chosen = self.choice.currentData()
        self.choice.clear()
        for c in self.service.feed_choices(self._team):
            self.choice.addItem(c.title, (c.kind, c.target))
        # Keep the choice across refreshes (findData cannot compare the Python tuples stored).
        kept = next((i for i in range(self.choice.count()) if self.choice.itemData(i) == chosen), -1)
        if kept >= 0:
            self.choice.setCurrentIndex(kept)
        try:
            stored = self.service.public_address(db)
            entries = self.service.list_feeds(db)
        except Exception as exc:  # noqa: BLE001 - show why instead of an empty table
            self.message.setText(f"Cannot list feeds: {exc}")
            stored, entries = None, []
        if not self.address.edit.hasFocus():
            self.address.set_address(stored or self.service.DEFAULT_BASE_URL, stored is not None)
        selected = self.selected()
        self.model.set_entries(self._team, entries)
        if selected is not None:
            self._select(selected.id)
        missing = sum(1 for m in self._team.members
                      if not any(e.kind == "member" and e.target == m.id and e.active for e in entries))
        self.everyone_button.setEnabled(usable and missing > 0)
        self.everyone_button.setToolTip(f"One feed for each of the {missing} members without one, "
                                        "labelled with their name" if missing else "Every member has a feed")

    def selected(self):
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _select(self, token_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row).id == token_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    def _show_selected(self) -> None:
        entry = self.selected()
        issued = self._issued.get(entry.id) if entry is not None and entry.active else None
        if issued is not None:
            self.links_box.show_feed(issued, self._team)
            self.hint.setText("")
        else:
            self.links_box.clear()
            self.hint.setText("A feed's links are shown only when it is made or rotated: "
                              "Rotate link gives a new one." if entry is not None and entry.active else "")

    def _shown_link(self) -> str | None:
        issued = self.links_box.issued()
        return issued.links.plain if issued is not None and self.links_box.isVisible() else None

    # -- actions
    def save_address(self, url: str) -> None:
        db = self._database()
        if db is None or self.service is None:
            return
        try:
            check = self.run_write(lambda: self.service.set_public_address(db, url))
        except Exception as exc:  # noqa: BLE001 - FeedServiceError, StorageError: shown, not raised
            self.show_error(str(exc))
            return
        self.address.set_address(check.base_url, True)

    def create_feed(self) -> None:
        kind, target = self.choice.currentData() or (None, None)
        if kind is None:
            return
        label = self.label_edit.text().strip() or None
        self._run(lambda db: [self.service.create_feed(db, kind, target, label)])
        self.label_edit.clear()

    def create_for_everyone(self) -> None:
        self._run(lambda db: self.service.create_member_feeds(db))

    def rotate_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.confirm(f"Make a new link for {entry.title}? The old link stops working at once."):
            self._run(lambda db: [self.service.rotate_feed(db, entry.id)])

    def revoke_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.confirm(f"Revoke the feed {entry.title}? Subscribed calendars stop updating."):
            self._run(lambda db: (self.service.revoke_feed(db, entry.id), [])[1])

    def _run(self, operation) -> None:
        """Run a write that returns the feeds it issued; then list again and show the first."""
        try:
            issued = self.run_write(lambda: operation(self._database()))
        except Exception as exc:  # noqa: BLE001 - FeedServiceError, StorageError: shown, not raised
            self.show_error(str(exc))
            return
        for one in issued:
            self._issued[one.entry.id] = one
        self.refresh()
        if issued:
            self._select(issued[0].entry.id)
        self._show_selected()
        if issued and self.links_box.isVisible():  # the links are shown only now: bring them into view
            self.layout().activate()
            self._scroll.widget().adjustSize()
            self._show_links()
            # Once more after the posted layout requests: the box grows when its QR code and links are set.
            QTimer.singleShot(0, self, self._show_links)

    def _show_links(self) -> None:
        self._scroll.ensureWidgetVisible(self.links_box, 0, 0)
