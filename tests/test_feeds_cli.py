"""The feed commands end to end: export ics, publish, feeds list/create/revoke/rotate, the service."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from feeds_support import NOW
from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text
from oncall.feeds.publish import PRIVATE_DIR, PublishError, publish
from oncall.services import feeds as feed_service
from oncall.storage import open_database


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


def test_export_ics_writes_every_feed_then_nothing_when_unchanged(tmp_path, team_file, capsys):
    out = tmp_path / "feeds"
    assert main(["export", "ics", str(team_file), "--out", str(out), "--alarm", "10"]) == 0
    assert "10 feeds" in capsys.readouterr().out
    names = sorted(p.name for p in out.glob("*.ics"))
    assert names == sorted(["team.ics", "site-syd.ics", "site-lon.ics", "site-sfo.ics"]
                           + [f"member-{m}.ics" for m in ("alice", "bob", "carol", "dan", "erin", "frank")])
    assert b"BEGIN:VALARM" in (out / "member-alice.ics").read_bytes()
    assert main(["export", "ics", str(team_file), "--out", str(out), "--alarm", "10"]) == 0
    assert "0 changed, 10 unchanged" in capsys.readouterr().out


def test_export_ics_no_alarms_leaves_out_the_overlap_reminders(tmp_path, team_file, capsys):
    out = tmp_path / "feeds"
    assert main(["export", "ics", str(team_file), "--out", str(out)]) == 0
    assert b"TRIGGER:P0D" in (out / "member-alice.ics").read_bytes(), "on by default"
    assert main(["export", "ics", str(team_file), "--out", str(out), "--no-alarms"]) == 0
    body = (out / "member-alice.ics").read_bytes()
    assert b"BEGIN:VALARM" not in body and b"Handoff from " in body.replace(b"\r\n ", b"")


def test_export_ics_explicit_range_and_database(tmp_path, capsys):
    db = tmp_path / "team.db"
    open_database(str(db), demo_if_new=True).close()
    out = tmp_path / "feeds"
    assert main(["export", "ics", "--db", str(db), "--out", str(out), "--from", "2026-12-06", "--to", "2026-12-08"]) == 0
    body = (out / "team.ics").read_bytes()
    starts = re.findall(rb"DTSTART:(\d{8})", body)
    assert starts and all(b"20261205" <= s <= b"20261208" for s in starts)
    assert not (out / ".oncall-revisions.json").exists(), "database revisions are used"


@pytest.mark.parametrize("argv, message", [
    (["--to", "2026-01-01", "--from", "2026-02-01"], "must be after"),
    (["--alarm", "-5"], "reminder"),
])
def test_export_ics_bad_arguments(tmp_path, team_file, capsys, argv, message):
    assert main(["export", "ics", str(team_file), "--out", str(tmp_path / "o")] + argv) == 2
    assert message in capsys.readouterr().err


def test_publish_uses_stable_secret_names_and_a_private_index(tmp_path):
    team = demo_team()
    out = tmp_path / "site"
    first = publish(team, out, NOW, base_url="https://files.example.com/oncall")
    names = {f.name: f.file.name for f in first.feeds}
    assert len(names) == 10 and all(re.fullmatch(r"[A-Za-z0-9_-]{32}\.ics", n) for n in names.values())
    assert not any(p.name.startswith(("team", "member", "site")) for p in out.iterdir())
    index = (out / PRIVATE_DIR / "index.html").read_text()
    assert "webcal://files.example.com/oncall/" in index and "https://files.example.com/oncall/" in index
    assert (out / PRIVATE_DIR).stat().st_mode & 0o077 == 0
    again = publish(team, out, NOW + timedelta(hours=1))
    assert {f.name: f.file.name for f in again.feeds} == names and not any(f.changed for f in again.feeds)
    rotated = publish(team, out, NOW, rotate=["member-bob"])
    assert {f.name: f.file.name for f in rotated.feeds}["member-bob"] != names["member-bob"]
    assert not (out / names["member-bob"]).exists()
    with pytest.raises(PublishError, match="no feed named"):
        publish(team, out, NOW, rotate=["member-nobody"])


def test_publish_cli(tmp_path, team_file, capsys):
    assert main(["publish", str(tmp_path / "pub"), str(team_file)]) == 0
    assert "Private index" in capsys.readouterr().out


def test_feeds_commands_create_list_rotate_revoke(tmp_path, capsys):
    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    assert main(["feeds", "--db", db, "--base-url", "https://cal.example.com", "create", "member", "alice",
                 "--label", "phone"]) == 0
    out = capsys.readouterr().out
    https = re.search(r"https://cal\.example\.com/feeds/([A-Za-z0-9_-]{32})\.ics", out)
    assert https and f"webcal://cal.example.com/feeds/{https.group(1)}.ics" in out
    assert main(["feeds", "--db", db, "list"]) == 0
    listing = capsys.readouterr().out
    assert "member-alice" in listing and "active" in listing and https.group(1) not in listing
    assert main(["feeds", "--db", db, "rotate", "1"]) == 0
    assert "https://cal.example.com/feeds/" in capsys.readouterr().out, "--base-url is the team's address now"
    assert main(["feeds", "--db", db, "revoke", "1"]) == 0
    assert main(["feeds", "--db", db, "list", "--active"]) == 0
    assert "member-alice" not in capsys.readouterr().out
    assert main(["feeds", "--db", db, "create", "member", "nobody"]) == 2
    assert "no member 'nobody'" in capsys.readouterr().err
    assert main(["feeds", "--db", db, "rotate", "1"]) == 2


def test_feed_service_for_the_gui(tmp_path):
    with open_database(str(tmp_path / "team.db"), demo_if_new=True) as db:
        choices = feed_service.feed_choices(db.load_team())
        assert [c.name for c in choices][:4] == ["team", "site-syd", "site-lon", "site-sfo"]
        issued = feed_service.create_feed(db, "site", "lon", "wallboard", base_url="https://cal.example.com/")
        assert issued.links.https.startswith("https://cal.example.com/feeds/")
        assert issued.links.webcal == "webcal://" + issued.links.https.removeprefix("https://")
        (entry,) = feed_service.list_feeds(db)
        assert entry.state == "active" and entry.title == "Payments SRE on call: London" and entry.label == "wallboard"
        rotated = feed_service.rotate_feed(db, entry.id)  # no public address stored: this computer's
        assert rotated.links.https is None and "plain http" in rotated.links.why_no_https
        assert rotated.links.plain.startswith("http://127.0.0.1:8642/feeds/")
        assert feed_service.revoke_feed(db, entry.id).state == "revoked"
        with pytest.raises(feed_service.FeedServiceError):
            feed_service.create_feed(db, "member", "alice", base_url="ftp://nope")


def test_serve_refuses_a_missing_database(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.db"), "--port", "0"]) == 2
    assert "oncall: error:" in capsys.readouterr().err


def test_db_option_is_accepted_after_the_action_too(tmp_path, capsys):
    from oncall.cli.main import main

    db = str(tmp_path / "t.db")
    assert main(["--demo", "report", "--db", db, "--from", "2026-03-01", "--to", "2026-03-02", "--format", "json"]) == 0
    assert main(["feeds", "create", "--db", db, "member", "alice", "--base-url", "https://cal.example.com"]) == 0
    assert "https://cal.example.com/feeds/" in capsys.readouterr().out
    assert main(["feeds", "list", "--db", db]) == 0
    assert "member-alice" in capsys.readouterr().out
