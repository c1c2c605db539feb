"""The Feeds tab: public address (checked, saved, tested against the real feed server),
feeds for everyone, links that are never clipped, QR code, invitation and mailto."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QGuiApplication

from gui_support import open_demo_window
from oncall.feeds.server import FeedServer, ServerSettings
from oncall.feeds.source import DatabaseFeedSource
from oncall.services import feeds as feed_service


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


@pytest.fixture
def panel(window):
    panel = window.feeds
    window.tabs.setCurrentWidget(panel)
    panel.confirm = lambda text: True
    panel.errors = []
    panel.show_error = panel.errors.append
    return panel


def test_address_check_is_visible_and_a_malformed_one_cannot_be_saved(panel, window):
    bar = panel.address
    assert bar.edit.text() == "http://127.0.0.1:8642"
    assert "only this computer can reach it; Google Calendar and phones cannot" in bar.status.text()
    assert "Warning" in bar.status.text() and "Not set for the team yet" in bar.status.text()
    bar.edit.setText("cal.example.com/oops")
    bar.edit.textEdited.emit(bar.edit.text())
    assert "Error" in bar.status.text() and not bar.save_button.isEnabled()
    bar.edit.setText("http://cal.example.com")
    bar.edit.textEdited.emit(bar.edit.text())
    assert "clear text" in bar.status.text() and bar.save_button.isEnabled()
    bar.edit.setText("https://cal.example.com/")
    bar.edit.textEdited.emit(bar.edit.text())
    assert bar.status.text().startswith("\u2713")
    bar.save_button.click()
    assert not panel.errors
    assert feed_service.public_address(window.document.database) == "https://cal.example.com"


def test_feeds_for_everyone_links_qr_invitation_and_mailto(panel, window, qtbot):
    feed_service.set_public_address(window.document.database, "https://cal.example.com")
    panel.refresh()
    panel.everyone_button.click()
    assert not panel.errors
    team = window.document.team
    assert panel.model.rowCount() == len(team.members)
    assert [panel.model.item(r).label for r in range(panel.model.rowCount())] == [m.name for m in team.members]
    assert not panel.everyone_button.isEnabled(), "everyone has a feed now"
    box = panel.links_box
    assert box.isVisible() and box.issued().entry.target == team.members[0].id
    https = box.https_link.full_text()
    assert https.startswith("https://cal.example.com/feeds/") and box.https_link.toolTip() == https
    assert box.webcal_link.full_text() == "webcal://" + https.removeprefix("https://")
    assert not box.qr.pixmap().isNull() and box.qr.pixmap().width() >= 100
    box.copy_https.click()
    assert QGuiApplication.clipboard().text() == https
    box.copy_invitation.click()
    invitation = QGuiApplication.clipboard().text()
    assert invitation.startswith(f"Hi {team.members[0].name},") and https in invitation
    assert all(c in invitation for c in ("Google Calendar", "Outlook", "Apple Calendar", "Thunderbird", "8 to 24"))
    opened = []
    box.open_url = opened.append
    box.email_button.click()
    mail = urlsplit(opened[0].toString(opened[0].ComponentFormattingOption.FullyEncoded))
    assert mail.scheme == "mailto" and parse_qs(mail.query)["body"] == [invitation]
    # Selecting another member's row shows that member's links (issued in this session).
    panel.view.setCurrentIndex(panel.model.index(2, 0))
    assert box.issued().entry.target == team.members[2].id and box.https_link.full_text() != https


def test_the_chooser_keeps_its_selection_after_creating_a_feed(panel):
    index = panel.choice.findText("Payments SRE on call: Erin Garcia")
    panel.choice.setCurrentIndex(index)
    panel.new_button.click()
    assert not panel.errors and panel.model.rowCount() == 1
    assert panel.choice.currentText() == "Payments SRE on call: Erin Garcia"
    assert panel.links_box.isVisible() and panel.links_box.issued().entry.target == "erin"


def test_links_are_never_clipped_at_1024_pixels(panel, window, qtbot):
    feed_service.set_public_address(window.document.database,
                                    "https://calendars.platform-engineering.example-corporation.com/oncall/feeds-prod")
    window.resize(1024, 700)
    panel.refresh()
    panel.choice.setCurrentIndex(0)
    panel.new_button.click()
    qtbot.wait(50)
    box = panel.links_box
    for link in (box.https_link, box.webcal_link):
        full = link.full_text()
        shown = link.text()
        assert link.toolTip() == full
        assert link.fontMetrics().horizontalAdvance(shown) <= link.width()
        assert link.mapTo(window, link.rect().topRight()).x() <= window.width()
        if shown != full:  # elided in the middle: the server and the file name both show
            head, _, tail = shown.partition("\u2026")
            assert full.startswith(head) and full.endswith(tail) and tail.endswith(".ics")
    for button in (box.copy_https, box.copy_webcal, box.copy_invitation, box.email_button):
        assert button.isVisible() and button.mapTo(window, button.rect().topRight()).x() <= window.width()


def test_test_button_reports_a_real_feed_server(panel, window, qtbot):
    db = window.document.database
    server = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0)).start()
    try:
        panel.address.edit.setText(server.base_url)
        panel.address.save_button.click()
        panel.choice.setCurrentIndex(0)
        panel.new_button.click()  # a link is shown: Test fetches that one
        with qtbot.waitSignal(panel.address.tested, timeout=10000) as blocker:
            panel.address.test_button.click()
        result = blocker.args[0]
        assert result.ok and result.status == 200
        assert "HTTP 200 OK (a calendar feed)" in panel.address.status.text()
        assert "only this computer" in panel.address.status.text(), "the loopback warning stays visible"
        assert "(secret).ics" in panel.address.status.text()
        panel.links_box.clear()
        with qtbot.waitSignal(panel.address.tested, timeout=10000) as blocker:
            panel.address.test_button.click()
        assert blocker.args[0].status == 404 and "does reach a server" in panel.address.status.text()
    finally:
        server.stop()
