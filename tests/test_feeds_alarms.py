"""Member feeds remind the incoming engineer to join each overlap (issue 14, part 4).

Every handoff INTO a member's shift: a VALARM at the overlap's start in that member's feed,
and the shift's DESCRIPTION names the outgoing engineer, the overlap on the member's own clock
and (with notes on) the note's summary and things to watch. Checked with three parsers.
"""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from feeds_support import NOW, Stores, events_by_uid, render_all, sequence
from oncall.core.coverage import handoffs as find_handoffs
from oncall.core.demo import demo_team
from oncall.core.notes import HandoffNote
from oncall.core.schedule import compute_schedule
from oncall.export.ics import FeedOptions, FeedSet, horizon

DASH = "\u2013"


def _unfolded(body: bytes) -> str:
    return body.replace(b"\r\n ", b"").decode("utf-8")


def _incoming(team, member: str):
    """Every handoff into ``member`` inside the default horizon, from the engine itself."""
    start, end = horizon(NOW, FeedOptions())
    shifts = compute_schedule(team, start - timedelta(days=2), end + timedelta(days=2)).shifts
    return [h for h in find_handoffs(shifts, start, end) if h.to_member == member]


@pytest.fixture(scope="module")
def docs():
    return render_all()[1]


def test_each_incoming_handoff_has_an_alarm_at_the_overlap_start_in_three_parsers(docs):
    team = demo_team()
    body = docs["member-alice"].body
    expected = {h.start for h in _incoming(team, "alice")}
    assert len(expected) > 100

    cal = icalendar.Calendar.from_ical(body)
    fired = {}
    for ev in cal.walk("VEVENT"):
        for alarm in ev.walk("VALARM"):
            assert str(ev["SUMMARY"]).startswith("On call: Alice Chen"), "alarms sit on Alice's shifts only"
            fired[ev["DTSTART"].dt + alarm["TRIGGER"].dt] = str(alarm["DESCRIPTION"])
    assert set(fired) == expected
    texts = set(fired.values())
    assert f"Join Frank Miller's handoff: overlap 08:00{DASH}10:30 your time" in texts  # AEDT, Alice's clock
    assert all(t.startswith("Join ") and t.endswith(" your time") for t in texts)

    vcal = vobject.readOne(body.decode("utf-8"), validate=True)
    v_fired = {ev.dtstart.value + al.trigger.value: al.description.value
               for ev in vcal.vevent_list for al in ev.contents.get("valarm", [])}
    assert v_fired == fired

    stream = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    i_fired = {ev.dtstart + al.trigger: al.description for ev in stream.events for al in ev.alarm}
    assert i_fired == fired


def test_alarm_in_the_members_local_time_across_daylight_saving(docs):
    """London's overlap times are written on London's clock in summer and winter alike."""
    team = demo_team()
    cal = icalendar.Calendar.from_ical(docs["member-erin"].body)
    by_start = {ev["DTSTART"].dt + al["TRIGGER"].dt: str(al["DESCRIPTION"])
                for ev in cal.walk("VEVENT") for al in ev.walk("VALARM")}
    from oncall.core import timezones as tz

    for h in _incoming(team, "erin")[:200]:
        local_a = h.start + tz.utc_offset("America/Los_Angeles", h.start)
        local_b = h.end + tz.utc_offset("America/Los_Angeles", h.end)
        assert f"overlap {local_a:%H:%M}{DASH}{local_b:%H:%M} your time" in by_start[h.start]


def test_shift_description_names_the_outgoing_engineer_and_overlap(docs):
    text = _unfolded(docs["member-alice"].body)
    assert ("Handoff from Frank Miller: overlap 08:00 to 10:30 AEDT your time (150 min). "
            "Join while they are still on call.") in text


def test_team_and_site_feeds_carry_descriptions_but_never_alarms(docs):
    assert b"BEGIN:VALARM" not in docs["team"].body
    assert b"BEGIN:VALARM" not in docs["site-syd"].body
    assert "Handoff from Frank Miller" in _unfolded(docs["site-syd"].body)


def test_a_member_with_alarms_false_gets_the_text_but_no_alarm():
    team = demo_team()
    quiet = team.evolve(members=tuple(m if m.id != "alice" else type(m)(m.id, m.name, m.site, m.email, False)
                                      for m in team.members))
    _, docs, _ = render_all(quiet)
    assert b"BEGIN:VALARM" not in docs["member-alice"].body
    assert "Handoff from Frank Miller" in _unfolded(docs["member-alice"].body)
    assert b"BEGIN:VALARM" in docs["member-bob"].body  # the others keep theirs


def test_no_alarms_option_turns_them_off_for_the_feed():
    _, docs, _ = render_all(options=FeedOptions(overlap_alarms=False))
    assert not any(b"BEGIN:VALARM" in d.body for d in docs.values())


def test_reminder_before_the_shift_and_overlap_alarms_together():
    _, docs, _ = render_all(options=FeedOptions(alarm_minutes=10))
    cal = icalendar.Calendar.from_ical(docs["member-alice"].body)
    for ev in cal.walk("VEVENT"):
        if str(ev["SUMMARY"]).startswith("On call: "):
            triggers = [a["TRIGGER"].dt for a in ev.walk("VALARM")]
            assert triggers[0] == timedelta(minutes=-10) and all(t >= timedelta(0) for t in triggers[1:])


def _note_for(team, member: str) -> tuple[HandoffNote, object]:
    h = next(h for h in _incoming(team, member) if h.start > NOW + timedelta(days=3))
    return h, HandoffNote(h.from_member, h.to_member, h.at, summary="DB failover pending; watch p99, please",
                          watch=("queue depth > 10k", "cert expiry \\ renewals"))


def test_a_note_changes_only_the_events_that_show_it_and_keeps_uids():
    team = demo_team()
    options = FeedOptions(include_notes=True)
    stores = Stores()
    _, before, _ = render_all(team, stores=stores, options=options)
    h, note = _note_for(team, "alice")
    _, after, _ = render_all(team, stores=stores, options=options, notes=[note], now=NOW + timedelta(hours=1))
    old, new = events_by_uid(before["team"].body), events_by_uid(after["team"].body)
    assert set(old) == set(new), "UIDs stay stable when a note is added"
    changed = {uid for uid in old if old[uid] != new[uid]}
    # Only the incoming engineer's shift shows the note: it alone moves.
    (shift_uid,) = changed
    assert not shift_uid.startswith("handoff-") and b"Handoff note: DB failover" in new[shift_uid].replace(b"\r\n ", b"")
    for uid in changed:
        assert sequence(new[uid]) == sequence(old[uid]) + 1
        assert b"LAST-MODIFIED:20261126T110000Z" in new[uid]

    # Editing the note again: the same two events, one more SEQUENCE each.
    edited = HandoffNote(note.outgoing, note.incoming, note.at, summary="failover done", watch=note.watch)
    _, again, _ = render_all(team, stores=stores, options=options, notes=[edited], now=NOW + timedelta(hours=2))
    third = events_by_uid(again["team"].body)
    assert {uid for uid in new if new[uid] != third[uid]} == changed
    assert all(sequence(third[uid]) == sequence(new[uid]) + 1 for uid in changed)


def test_note_text_is_escaped_and_folded_and_reads_back_exactly():
    team = demo_team()
    h, note = _note_for(team, "alice")
    _, docs, _ = render_all(team, options=FeedOptions(include_notes=True), notes=[note])
    body = docs["member-alice"].body
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
    cal = icalendar.Calendar.from_ical(body)
    desc = next(str(ev["DESCRIPTION"]) for ev in cal.walk("VEVENT")
                if ev["DTSTART"].dt <= h.start < ev["DTEND"].dt and str(ev["SUMMARY"]).startswith("On call: "))
    assert "Handoff note: DB failover pending; watch p99, please" in desc.splitlines()
    assert "Watch: queue depth > 10k" in desc.splitlines()
    assert "Watch: cert expiry \\ renewals" in desc.splitlines()
    vcal = vobject.readOne(body.decode("utf-8"))
    assert desc in {ev.description.value for ev in vcal.vevent_list}
    stream = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    assert desc in {ev.description for ev in stream.events}


def test_without_notes_option_the_note_never_reaches_the_shift():
    team = demo_team()
    _h, note = _note_for(team, "alice")
    _, docs, _ = render_all(team, notes=[note])
    assert b"DB failover" not in docs["member-alice"].body


def test_feedset_reuses_event_bytes_between_member_feeds_and_team_feed(docs):
    """A shift's bytes in the member feed are the team feed's plus its VALARMs, nothing else."""
    team_events = events_by_uid(docs["team"].body)
    for uid, block in events_by_uid(docs["member-alice"].body).items():
        plain = block.split(b"BEGIN:VALARM")[0]
        assert team_events[uid].startswith(plain.removesuffix(b"END:VEVENT\r\n"))


def test_feedset_with_alarms_is_deterministic():
    a = FeedSet.for_horizon(demo_team(), NOW).render_all(Stores(), NOW)
    b = FeedSet.for_horizon(demo_team(), NOW).render_all(Stores(), NOW)
    assert {k: d.body for k, d in a.items()} == {k: d.body for k, d in b.items()}


def test_alarms_false_in_the_team_file_reaches_the_feed_through_the_database(tmp_path, capsys):
    """`alarms = false` on a member: parsed, stored (members.alarms), loaded, honoured."""
    from oncall.cli.main import main
    from oncall.core.demo import demo_team_text
    from oncall.storage import open_database

    text = demo_team_text().replace('id = "alice"', 'id = "alice"\nalarms = false', 1)
    assert 'alarms = false' in text
    team_file = tmp_path / "team.toml"
    team_file.write_text(text)
    out = tmp_path / "from-file"
    assert main(["export", "ics", str(team_file), "--out", str(out)]) == 0
    assert b"BEGIN:VALARM" not in (out / "member-alice.ics").read_bytes()
    assert b"BEGIN:VALARM" in (out / "member-bob.ics").read_bytes()

    db_path = str(tmp_path / "team.db")
    from oncall.core.teamfile import parse_team

    with open_database(db_path) as db:
        db.replace_team(parse_team(text).team)
    with open_database(db_path) as db:  # a fresh connection reads the column back
        assert not db.load_team().member("alice").alarms and db.load_team().member("bob").alarms
    out = tmp_path / "from-db"
    assert main(["export", "ics", "--db", db_path, "--out", str(out)]) == 0
    assert b"BEGIN:VALARM" not in (out / "member-alice.ics").read_bytes()
    assert b"BEGIN:VALARM" in (out / "member-bob.ics").read_bytes()


def test_a_hard_handoff_reminds_at_the_instant_and_says_there_is_no_overlap():
    from oncall.core.shifts import Handoff, Shift
    from oncall.core.demo import utc
    from oncall.export.ics_events import build_events

    team = demo_team()
    out = Shift("frank", "sfo", utc(2026, 12, 7, 15), utc(2026, 12, 7, 21), leg="sfo", slot_start=utc(2026, 12, 7, 15))
    inc = Shift("alice", "syd", utc(2026, 12, 7, 21), utc(2026, 12, 8, 6, 30), leg="syd",
                slot_start=utc(2026, 12, 7, 21))
    events = build_events(team, [out, inc], [Handoff(out, inc)])
    shift = next(e for e in events if e.uid.startswith("syd-"))
    assert shift.alarms == ((timedelta(0), "Take over from Frank Miller at 08:00 your time (hard handoff, no overlap)"),)
    assert "Handoff from Frank Miller: hard handoff at 08:00 AEDT your time, no overlap" in shift.description
