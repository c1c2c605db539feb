"""CalDAV sync against a real Radicale server: create, leave alone, update, delete, converge.

Every test starts its own Radicale (tests/caldav_support.py) and reads the result back with
the ``caldav`` library and icalendar, independently of the sync code.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import caldav
import icalendar
import pytest

from caldav_support import PASSWORD, USER, free_port, radicale_server
from feeds_support import NOW, Stores, events_by_uid
from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text
from oncall.core.model import Override
from oncall.export.ics import FeedOptions, FeedSet
from oncall.services.caldav_publish import CalDavError, caldav_password, publish_caldav

OPTIONS = FeedOptions(days_back=1, days_ahead=6)  # a week keeps Radicale's writes few
FEEDS = ("team", "site-lon", "member-carol", "member-dan")


@pytest.fixture
def dav(tmp_path):
    with radicale_server(tmp_path / "radicale") as server:
        yield server


def _push(dav, team, stores, now=NOW, feeds=FEEDS, password=PASSWORD, url=None):
    return publish_caldav(team, url or dav.url, USER, password, now, OPTIONS, feeds=feeds, revisions=stores)


def _server_state(dav) -> dict[str, dict[str, tuple[str, str]]]:
    """Collection id -> UID -> (ETag, data), read with a separate client."""
    client = caldav.DAVClient(url=dav.url, username=USER, password=PASSWORD)
    out = {}
    for cal in client.principal().calendars():
        cal_id = str(cal.url).rstrip("/").rsplit("/", 1)[-1]
        objs = {}
        for obj in cal.get_events():
            vevent = icalendar.Calendar.from_ical(obj.data).walk("VEVENT")[0]
            objs[str(vevent["UID"])] = (obj.etag, obj.data)
        out[cal_id] = objs
    return out


def _expected(team, stores, now=NOW) -> dict[str, dict[str, bytes]]:
    docs = FeedSet.for_horizon(team, now, OPTIONS).render_all(stores, now)
    return {name: events_by_uid(docs[name].body) for name in FEEDS if name in docs}


def test_first_sync_creates_everything_and_a_second_touches_nothing(dav):
    stores = Stores()
    team = demo_team()
    first = _push(dav, team, stores)
    expected = _expected(team, Stores())
    total = sum(len(v) for v in expected.values())
    assert (first.total.created, first.total.updated, first.total.deleted, first.total.unchanged) == (total, 0, 0, 0)
    state = _server_state(dav)
    assert set(state) == {f"oncall-payments-sre-{name}" for name in FEEDS}
    for name, events in expected.items():
        stored = state[f"oncall-payments-sre-{name}"]
        assert set(stored) == set(events)
        for uid, data in stored.items():  # what the server holds parses to the feed's event
            ours = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + events[uid] + b"END:VCALENDAR\r\n")
            theirs = icalendar.Calendar.from_ical(data[1])
            a, b = ours.walk("VEVENT")[0], theirs.walk("VEVENT")[0]
            assert (a["DTSTART"].dt, a["DTEND"].dt, str(a["SUMMARY"]), str(a["DESCRIPTION"]), a["SEQUENCE"]) == \
                   (b["DTSTART"].dt, b["DTEND"].dt, str(b["SUMMARY"]), str(b["DESCRIPTION"]), b["SEQUENCE"])
    calendars = {str(c.url).rstrip("/").rsplit("/", 1)[-1]: c
                 for c in caldav.DAVClient(url=dav.url, username=USER, password=PASSWORD).principal().calendars()}
    assert calendars["oncall-payments-sre-member-dan"].get_display_name() == "Payments SRE on call: Dan Okafor"

    again = _push(dav, team, stores, now=NOW + timedelta(hours=3))
    assert (again.total.created, again.total.updated, again.total.deleted, again.total.unchanged) == (0, 0, 0, total)
    assert _server_state(dav) == state, "no resource was rewritten (same ETags)"


def test_member_calendars_carry_the_overlap_alarms(dav):
    team = demo_team()
    stores = Stores()
    _push(dav, team, stores, feeds=("member-bob",))
    (objs,) = _server_state(dav).values()
    again = _push(dav, team, stores, feeds=("member-bob",))  # Radicale rewrites TRIGGER:P0D as PT0S
    assert again.total.written == 0 and again.total.unchanged == len(objs)
    alarms = []
    for _etag, data in objs.values():
        for ev in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            alarms += [(ev["DTSTART"].dt + a["TRIGGER"].dt, str(a["DESCRIPTION"])) for a in ev.walk("VALARM")]
    assert alarms and all(text.startswith("Join ") and text.endswith(" your time") for _, text in alarms)


def test_after_an_override_only_the_affected_events_change(dav):
    stores = Stores()
    team = demo_team()
    _push(dav, team, stores)
    before = _server_state(dav)
    old = _expected(team, stores)
    # Dan covers Carol's London slot of 29 Nov (07:00-16:30 UTC) entirely.
    day = NOW.replace(day=29, hour=7)
    changed_team = team.evolve(overrides=team.overrides + (Override("dan", day, day + timedelta(hours=9, minutes=30), "carol"),))
    later = NOW + timedelta(hours=1)
    result = _push(dav, changed_team, stores, now=later)
    new = _expected(changed_team, stores, later)
    touched = {(n, u) for n in new for u in new[n] if u in old.get(n, {}) and new[n][u] != old[n][u]}
    added = {(n, u) for n in new for u in new[n] if u not in old.get(n, {})}
    gone = {(n, u) for n in old for u in old[n] if u not in new.get(n, {})}
    assert touched and added and gone, "the override moves an event between member calendars"
    t = result.total
    assert (t.updated, t.created, t.deleted) == (len(touched), len(added), len(gone))
    assert t.unchanged == sum(len(v) for v in new.values()) - len(touched) - len(added)
    after = _server_state(dav)
    for name in FEEDS:
        cal = f"oncall-payments-sre-{name}"
        for uid, (etag, _data) in after[cal].items():
            if (name, uid) not in touched and (name, uid) not in added:
                assert before[cal][uid][0] == etag, f"{uid} in {name} was rewritten"


def test_after_removing_a_member_their_events_are_deleted(dav):
    stores = Stores()
    team = demo_team()
    _push(dav, team, stores, feeds=())  # every feed
    without = team.evolve(members=tuple(m for m in team.members if m.id != "frank"),
                          legs=tuple(dataclasses.replace(leg, rotation=tuple(r for r in leg.rotation if r != "frank"))
                                     for leg in team.legs))
    result = _push(dav, without, stores, now=NOW + timedelta(hours=1), feeds=())
    orphan = [c for c in result.calendars if c.orphan]
    assert [c.feed for c in orphan] == ["member-frank"] and orphan[0].counts.deleted > 0
    state = _server_state(dav)
    assert state["oncall-payments-sre-member-frank"] == {}
    for objs in state.values():
        assert not any("Frank Miller" in data for _etag, data in objs.values())
    assert result.total.deleted >= orphan[0].counts.deleted


def test_a_change_on_the_server_meanwhile_is_a_conflict_not_overwritten_and_rerun_converges(dav):
    from oncall.feeds.caldav_sync import CalDavServer, event_objects

    stores = Stores()
    team = demo_team()
    _push(dav, team, stores, feeds=("member-dan",))
    server = CalDavServer(dav.url, USER, PASSWORD)
    calendar = server.calendars()["oncall-payments-sre-member-dan"]
    stale = calendar.get_events()  # what a sync read ...
    victim = stale[0]
    other = caldav.DAVClient(url=dav.url, username=USER, password=PASSWORD)  # ... before someone else wrote
    edited = re.sub(r"SUMMARY:[^\r\n]*", "SUMMARY:Edited on the phone", victim.data, count=1)
    assert other.put(str(victim.url), edited, {"Content-Type": "text/calendar"}).status in (201, 204)
    calendar.get_events = lambda: stale
    current = event_objects(FeedSet.for_horizon(team, NOW, OPTIONS).render_all(Stores(), NOW)["member-dan"].body)
    wanted = {uid: data.replace(b"SUMMARY:On call", b"SUMMARY:On-call") for uid, data in current.items()}
    shifts = sum(b"SUMMARY:On call" in data for data in current.values())
    assert shifts >= 2 and b"SUMMARY:On call" in current[_uid(victim.data)]
    counts = server.sync_calendar(calendar, wanted)
    assert counts.conflicts == [_uid(victim.data)] and counts.updated == shifts - 1
    held = {_uid(e.data): e.data for e in other.principal().calendars()[0].get_events()}
    assert "Edited on the phone" in held[_uid(victim.data)], "the server's change was not overwritten"
    del calendar.get_events  # a fresh read: the next run converges
    counts = server.sync_calendar(calendar, wanted)
    assert counts.conflicts == [] and counts.updated == 1 and counts.unchanged == len(wanted) - 1


def _uid(data: str) -> str:
    return str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["UID"])


def test_wrong_password_or_unreachable_server_is_a_clear_error_then_a_rerun_converges(dav):
    team = demo_team()
    stores = Stores()
    with pytest.raises(CalDavError, match="refused the user name or password"):
        _push(dav, team, stores, password="wrong")
    assert _server_state(dav) == {}, "nothing written before the login succeeded"
    with pytest.raises(CalDavError, match=r"cannot reach the server to log in \(connection refused\)$"):
        _push(dav, team, stores, url=f"http://127.0.0.1:{free_port()}/")
    result = _push(dav, team, stores)
    assert result.total.created > 0 and result.total.conflicts == []


def test_password_from_the_environment_or_a_clear_error(monkeypatch):
    assert caldav_password("lead", "https://dav.example.com/", {"ONCALL_CALDAV_PASSWORD": "pw"}) == "pw"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(CalDavError, match="ONCALL_CALDAV_PASSWORD.*keyring set oncall-caldav lead@dav.example.com"):
        caldav_password("lead", "https://dav.example.com/", {})


def test_publish_caldav_cli_prints_counts_and_never_the_password(dav, tmp_path, capsys, monkeypatch):
    team_file = tmp_path / "team.toml"
    team_file.write_text(demo_team_text())
    argv = ["publish", "--caldav", dav.url, "--user", USER, str(team_file), "--days-back", "1", "--days-ahead", "4",
            "--feed", "team", "--feed", "member-alice"]
    monkeypatch.delenv("ONCALL_CALDAV_PASSWORD", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert main(argv) == 2
    assert "ONCALL_CALDAV_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("ONCALL_CALDAV_PASSWORD", PASSWORD)
    assert main(argv) == 0
    out, err = capsys.readouterr()
    created = int(re.search(r"created (\d+), updated 0, deleted 0, unchanged 0", out).group(1))
    assert created > 0 and "member-alice" in out and PASSWORD not in out + err
    assert (tmp_path / ".oncall-caldav").is_dir(), "revisions kept beside the team file"
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert f"created 0, updated 0, deleted 0, unchanged {created}" in out and PASSWORD not in out + err
    monkeypatch.setenv("ONCALL_CALDAV_PASSWORD", "wrong-one")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "refused the user name or password" in err and "wrong-one" not in err
    assert main(["publish", "--caldav", dav.url, str(team_file)]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("ONCALL_CALDAV_PASSWORD", PASSWORD)
    assert main(argv[:-2] + ["--feed", "member-nobody"]) == 2
    assert "no feed named member-nobody" in capsys.readouterr().err


def test_content_comparison_ignores_what_servers_rewrite_and_sees_real_changes():
    from oncall.feeds.caldav_sync import normalised

    ours = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@b\r\nSUMMARY:On call: Jos\u00e9 Ram\u00edrez and a long "
            "name that folds\r\n  here\r\nBEGIN:VALARM\r\nTRIGGER:P0D\r\nACTION:DISPLAY\r\nEND:VALARM\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
    radicale = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:On call: Jos\u00e9 Ram\u00edrez and a long name "
                "that f\n olds here\nUID:a@b\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:PT0S\nEND:VALARM\nEND:VEVENT\n"
                "END:VCALENDAR\n")
    assert normalised(ours) == normalised(radicale)
    assert normalised(ours) != normalised(radicale.replace("PT0S", "PT5M"))
    assert normalised(ours) != normalised(radicale.replace("a long", "a longer"))
    two = ours.replace("END:VALARM\r\n", "END:VALARM\r\nBEGIN:VALARM\r\nTRIGGER:PT30M\r\nACTION:DISPLAY\r\nEND:VALARM\r\n")
    assert normalised(two) != normalised(ours), "an added alarm is a change"


def test_password_from_the_system_keyring(monkeypatch):
    """The keyring path, through keyring's own API with a backend that keeps passwords in a dict
    (a headless test machine has no Secret Service to talk to)."""
    import keyring
    from keyring.backend import KeyringBackend

    class DictKeyring(KeyringBackend):
        priority = 1
        passwords: dict = {}

        def get_password(self, service, username):
            return self.passwords.get((service, username))

        def set_password(self, service, username, password):
            self.passwords[(service, username)] = password

        def delete_password(self, service, username):
            self.passwords.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(DictKeyring())
    try:
        keyring.set_password("oncall-caldav", "lead@dav.example.com", "from-the-keyring")
        assert caldav_password("lead", "https://dav.example.com/dav/", {}) == "from-the-keyring"
        assert caldav_password("lead", "https://dav.example.com/dav/", {"ONCALL_CALDAV_PASSWORD": "env"}) == "env"
        with pytest.raises(CalDavError, match="no password for other@dav.example.com"):
            caldav_password("other", "https://dav.example.com/dav/", {})
    finally:
        keyring.set_keyring(previous)
