"""The links of a feed just made: https and webcal, a QR code and the member's invitation.

A feed's secret is stored only as a hash, so these are shown for feeds created or rotated
in this session (the panel keeps them until it closes). A link is never clipped: it is
elided in the middle to fit (the start says which server, the end which file), the full
link is in the tooltip, and Copy buttons copy the whole of it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

QR_SIZE = 120  # pixels: big enough for a phone camera at arm's length on a laptop screen


class ElidedLink(QLabel):
    """A one-line link that fits any width: elided in the middle, whole in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._placeholder = ""
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def full_text(self) -> str:
        return self._full

    def set_link(self, link: str, placeholder: str = "") -> None:
        """Show ``link``; with none, ``placeholder`` says why (greyed, also elided)."""
        self._full, self._placeholder = link, placeholder
        self.setEnabled(bool(link))
        self.setToolTip(link or placeholder)
        self.setAccessibleDescription(link or placeholder)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(min(hint.width(), 480), hint.height())

    def _elide(self) -> None:
        text = self._full or self._placeholder
        mode = Qt.TextElideMode.ElideMiddle if self._full else Qt.TextElideMode.ElideRight
        super().setText(self.fontMetrics().elidedText(text, mode, max(self.width() - 4, 40)))


class FeedLinksBox(QGroupBox):
    """Links, QR code and invitation of one issued feed (``show_feed``), or hidden."""

    def __init__(self, service, parent: QWidget | None = None) -> None:
        super().__init__("Links", parent)
        self._service = service  # oncall.services.feeds (imported lazily by the panel)
        self._issued = None
        self._invitation = None
        self.https_link = ElidedLink()
        self.webcal_link = ElidedLink()
        self.https_link.setAccessibleName("https link")
        self.webcal_link.setAccessibleName("webcal link")
        self.copy_https = QPushButton("Copy https")
        self.copy_webcal = QPushButton("Copy webcal")
        self.copy_invitation = QPushButton("Copy invitation")
        self.email_button = QPushButton("Email\u2026")
        self.copy_https.setAccessibleName("Copy https link")
        self.copy_webcal.setAccessibleName("Copy webcal link")
        self.copy_invitation.setToolTip("The member's link with how to subscribe in Google Calendar, "
                                        "Outlook, Apple Calendar and Thunderbird")
        self.email_button.setToolTip("Open the mail program with the invitation filled in")
        self.qr = QLabel()
        self.qr.setFixedSize(QR_SIZE, QR_SIZE)
        self.qr.setAccessibleName("QR code of the webcal link")
        self.qr.setToolTip("Point a phone's camera at it to subscribe (webcal link)")
        self.qr.setScaledContents(True)
        self.copy_https.clicked.connect(lambda: self._copy(self.https_link.full_text()))
        self.copy_webcal.clicked.connect(lambda: self._copy(self.webcal_link.full_text()))
        self.copy_invitation.clicked.connect(lambda: self._copy(self._invitation.body if self._invitation else ""))
        self.email_button.clicked.connect(self._email)
        self.open_url = QDesktopServices.openUrl  # replaced in tests: no mail program there

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, (label, link, button) in enumerate((("https", self.https_link, self.copy_https),
                                                     ("webcal", self.webcal_link, self.copy_webcal))):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(link, row, 1)
            grid.addWidget(button, row, 2)
        invite = QHBoxLayout()
        invite.addWidget(self.copy_invitation)
        invite.addWidget(self.email_button)
        invite.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addLayout(invite)
        left.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def issued(self):
        return self._issued

    def invitation(self):
        return self._invitation

    def show_feed(self, issued, team) -> None:
        """Show an issued feed's links, QR code and invitation."""
        from oncall.services.feed_links import invitation_for, qr_code

        self._issued = issued
        links = issued.links
        self.setTitle(f"Links for {issued.entry.title} (shown only now: copy or send them)")
        self.https_link.set_link(links.https or "", links.why_no_https or "")
        self.copy_https.setEnabled(links.https is not None)
        self.webcal_link.set_link(links.webcal)
        # The address's own warnings (loopback, clear text) are shown by the address bar above.
        pixmap = QPixmap()
        pixmap.loadFromData(qr_code(links.webcal, "png", scale=4))
        self.qr.setPixmap(pixmap)
        self._invitation = invitation_for(team, issued)
        self.email_button.setEnabled(True)
        self.setVisible(True)

    def clear(self) -> None:
        self._issued = self._invitation = None
        self.setVisible(False)

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)

    def _email(self) -> None:
        if self._invitation is not None:
            self.open_url(QUrl(self._invitation.mailto))
