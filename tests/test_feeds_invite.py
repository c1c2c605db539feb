"""Subscribing made easy: feeds for everyone, invitations, mailto links and QR codes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import segno
from PySide6.QtGui import QImage

from oncall.cli.main import main
from oncall.core.demo import demo_team
from oncall.services import feeds as feed_service
from oncall.services.feed_links import GOOGLE_REFRESH_NOTE, qr_code
from oncall.storage import open_database

LINK = re.compile(r"https://cal\.example\.com/feeds/[A-Za-z0-9_-]{32}\.ics")


@pytest.fixture
def db(tmp_path):
    with open_database(str(tmp_path / "team.db"), demo_if_new=True) as opened:
        feed_service.set_public_address(opened, "https://cal.example.com")
        yield opened


def test_feeds_for_everyone_one_per_member_without_one_labelled_with_the_name(db):
    feed_service.create_feed(db, "member", "bob", "Bob's own")
    issued = feed_service.create_member_feeds(db)
    team = demo_team()
    assert [i.entry.target for i in issued] == [m.id for m in team.members if m.id != "bob"]
    assert [i.entry.label for i in issued] == [m.name for m in team.members if m.id != "bob"]
    assert all(LINK.fullmatch(i.links.https) for i in issued)
    assert feed_service.create_member_feeds(db) == [], "a second run creates nothing"
    feed_service.revoke_feed(db, issued[0].entry.id)
    (again,) = feed_service.create_member_feeds(db)  # a revoked feed does not count
    assert again.entry.target == issued[0].entry.target


def test_create_all_members_cli(tmp_path, capsys):
    path = str(tmp_path / "t.db")
    open_database(path, demo_if_new=True).close()
    assert main(["feeds", "--db", path, "--base-url", "https://cal.example.com", "create", "--all-members"]) == 0
    out = capsys.readouterr().out
    assert len(LINK.findall(out)) == 6 and "6 member feeds created" in out
    assert main(["feeds", "--db", path, "create", "--all-members"]) == 0
    assert "nothing created" in capsys.readouterr().out
    assert main(["feeds", "--db", path, "create", "member", "--all-members"]) == 2
    assert main(["feeds", "--db", path, "create"]) == 2
    assert "say which feed" in capsys.readouterr().err


def test_invitation_text_has_the_link_four_clients_and_the_google_note(db, capsys):
    invitation, issued = feed_service.invite_member(db, "alice")
    body = invitation.body
    assert issued.entry.label == "Alice Chen" and issued.links.https in body and issued.links.webcal in body
    assert body.startswith("Hi Alice Chen,")
    for client in ("Google Calendar:", "Outlook:", "Apple Calendar", "Thunderbird:"):
        assert client in body
    assert GOOGLE_REFRESH_NOTE in body and "8 to 24 hours" in body
    assert invitation.to == demo_team().member("alice").email
    mail = urlsplit(invitation.mailto)
    assert mail.scheme == "mailto" and unquote(mail.path) == (invitation.to or "")
    query = parse_qs(mail.query)
    assert query["body"] == [body] and query["subject"] == [invitation.subject]


def test_invite_refuses_to_guess_an_existing_link_and_can_replace_it(db, capsys):
    path = db.url
    assert main(["feeds", "--db", path, "invite", "carol"]) == 0  # no feed yet: one is made
    first = LINK.search(capsys.readouterr().out).group(0)
    assert main(["feeds", "--db", path, "invite", "carol"]) == 2
    assert "already has feed" in capsys.readouterr().err
    assert main(["feeds", "--db", path, "invite", "carol", "--link", first]) == 0
    assert first in capsys.readouterr().out
    assert main(["feeds", "--db", path, "invite", "carol", "--new-link"]) == 0
    out = capsys.readouterr().out
    assert LINK.search(out).group(0) != first
    assert main(["feeds", "--db", path, "invite", "carol", "--link", first, "--mailto"]) == 0
    assert capsys.readouterr().out.startswith("mailto:")
    assert main(["feeds", "--db", path, "invite", "nobody"]) == 2
    assert "no member 'nobody'" in capsys.readouterr().err


def _modules_from_png(data: bytes, scale: int, border: int = 4) -> list[list[bool]]:
    image = QImage.fromData(data)
    assert not image.isNull()
    size = image.width() // scale - 2 * border
    return [[image.pixelColor((c + border) * scale + scale // 2, (r + border) * scale + scale // 2).lightness() < 128
             for c in range(size)] for r in range(size)]


def test_qr_png_encodes_exactly_the_webcal_link():
    link = "webcal://cal.example.com/feeds/" + "A" * 32 + ".ics"
    expected = [[bool(v) for v in row] for row in segno.make(link, error="m").matrix]
    assert _modules_from_png(qr_code(link, "png", scale=4), 4) == expected
    svg = qr_code(link, "svg").decode("utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "Calendar subscription link" in svg
    text = qr_code(link, "text").decode("utf-8")
    assert len(text.splitlines()) >= len(expected) // 2 and "\u2588" in text
    with pytest.raises(ValueError):
        qr_code(link, "gif")


def test_qr_cli_png_svg_and_terminal(tmp_path, capsys):
    link = "https://cal.example.com/feeds/" + "b" * 32 + ".ics"
    assert main(["feeds", "qr", link, "--png", str(tmp_path / "q.png")]) == 0
    webcal = link.replace("https://", "webcal://")
    expected = [[bool(v) for v in row] for row in segno.make(webcal, error="m").matrix]
    assert _modules_from_png((tmp_path / "q.png").read_bytes(), 6) == expected
    assert main(["feeds", "qr", link, "--svg", str(tmp_path / "q.svg")]) == 0
    assert (tmp_path / "q.svg").read_bytes().startswith(b"<?xml")
    capsys.readouterr()
    assert main(["feeds", "qr", link]) == 0
    assert "\u2588" in capsys.readouterr().out
    assert main(["feeds", "qr", "not a link"]) == 2
    assert main(["feeds", "qr", link, "--png", str(tmp_path / "missing" / "q.png")]) == 2
    assert "cannot write" in capsys.readouterr().err
