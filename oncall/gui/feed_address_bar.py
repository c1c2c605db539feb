"""The team's public feed address: edit, save (checked) and test it.

The address is a team setting in the database, so every lead hands out the same links. It
is checked as it is typed (a malformed address cannot be saved; one that phones and Google
Calendar cannot reach, or that sends secrets in clear, is saved with a visible warning).
"Test" fetches one feed through it on a worker thread and reports status, TLS and time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .palette import tone_label

_TONES = {"ok": "good", "warning": "warning", "error": "error"}  # check level -> palette tone


class _Relay(QObject):
    """Carries a probe result from the worker thread to the GUI thread (queued signal)."""

    done = Signal(object)


class FeedAddressBar(QWidget):
    tested = Signal(object)  # the ProbeResult, for tests and the status line

    def __init__(self, service: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Public feed address")
        self.edit.setPlaceholderText("https://cal.example.com (where phones and Google Calendar reach the feeds)")
        self.edit.setToolTip("The address where phones and Google Calendar reach `oncall serve`; every feed "
                             "link starts with it (saved in the team database, shared by every lead)")
        self.save_button = QPushButton("Save &address")
        self.save_button.setToolTip("Store this address for the team (checked first; a malformed one cannot "
                                    "be saved)")
        self.test_button = QPushButton("Te&st")
        self.test_button.setToolTip("Fetch one feed through the public address (HEAD): status, TLS, response time")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Public address check")
        self.save = lambda url: None  # set by the panel: stores the address (a team write)
        self.current_link: Callable[[], str | None] = lambda: None  # a link shown now, to test with
        self._tested_link: str | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._show_probe)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Public address:"))
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.edit.textEdited.connect(lambda _t: self.show_check())
        self.edit.returnPressed.connect(self._save)
        self.save_button.clicked.connect(self._save)
        self.test_button.clicked.connect(self.run_test)

    def set_address(self, url: str, stored: bool) -> None:
        self.edit.setText(url)
        self.show_check(note="" if stored else "Not set for the team yet (links use this computer's address): ")

    def show_check(self, note: str = "") -> object:
        check = self._service().check_address(self.edit.text())
        self.save_button.setEnabled(check.usable)
        text = " ".join(check.messages) if check.messages else "Reachable form: https on a public host."
        self._set_status(check.level, note + text)
        return check

    def _set_status(self, level: str, text: str) -> None:
        tone_label(self.status, _TONES[level])  # >= 4.5:1 on light and dark, following a switch
        prefix = {"ok": "\u2713 ", "warning": "\u26a0 Warning: ", "error": "\u2716 Error: "}[level]
        self.status.setText(prefix + text)

    def _save(self) -> None:
        check = self.show_check()
        if check.usable:
            self.save(self.edit.text().strip())

    def run_test(self) -> None:
        """HEAD one feed through the address on a worker thread; the result comes back queued."""
        check = self.show_check()
        if not check.usable:
            return
        self.test_button.setEnabled(False)
        self._set_status(check.level, "Testing\u2026")
        service, base, link = self._service(), check.base_url, self.current_link()
        self._tested_link = link
        threading.Thread(target=lambda: self._relay.done.emit(service.probe_address(base, link, timeout=8)),
                         name="feed-address-test", daemon=True).start()

    def _show_probe(self, result) -> None:
        self.test_button.setEnabled(True)
        check = self._service().check_address(self.edit.text())
        reached = result.status is not None
        level = "ok" if result.ok else "warning" if reached else "error"
        text = result.text()
        if reached and result.status == 404 and self._tested_link is None:
            text += " (a test link no one holds: the address does reach a server)"
        if check.messages:
            text += " " + " ".join(check.messages)
        self._set_status(level if check.level == "ok" or level == "error" else "warning", text)
        self.tested.emit(result)
