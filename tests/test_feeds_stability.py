"""Feeds stay stable: unchanged regenerations are byte-identical, changes move only what changed."""

from __future__ import annotations

from datetime import timedelta

from feeds_support import NOW, Stores, events_by_uid, render_all, sequence
from oncall.core.demo import demo_team, utc
from oncall.core.model import Override
from oncall.export.ics import FeedOptions, export_ics


def test_regenerating_an_unchanged_team_is_byte_identical():
    stores = Stores()
    _, first, _ = render_all(stores=stores)
    _, again, _ = render_all(stores=stores, now=NOW + timedelta(hours=5))  # same UTC day, later
    assert {k: d.body for k, d in first.items()} == {k: d.body for k, d in again.items()}
    assert {k: d.last_modified for k, d in first.items()} == {k: d.last_modified for k, d in again.items()}


def test_adding_an_override_changes_only_the_touched_events_and_raises_their_sequence():
    stores = Stores()
    team = demo_team()
    _, before, _ = render_all(team, stores=stores)
    later = NOW + timedelta(hours=2)
    # Erin covers Frank's San Francisco slot of 3 Dec (07:00-15:30 PST = 15:00-23:30Z) entirely.
    frank_day = utc(2026, 12, 3, 15)
    changed_team = team.evolve(overrides=team.overrides + (Override("erin", frank_day, frank_day + timedelta(hours=8, minutes=30), "frank"),))
    _, after, _ = render_all(changed_team, stores=stores, now=later)

    old, new = events_by_uid(before["team"].body), events_by_uid(after["team"].body)
    assert set(old) == set(new), "a reassigned slot keeps its UID: it updates in place"
    changed = {uid for uid in old if old[uid] != new[uid]}
    slot = "sfo-20261203T1500Z@payments-sre.oncall"
    assert slot in changed
    handoffs = {uid for uid in changed if uid.startswith("handoff-")}
    assert handoffs and all("sfo-20261203T1500Z" in uid for uid in handoffs)
    # The shift after the slot names its outgoing engineer (Frank, now Erin): it changes too.
    following = {f"{uid.split('-sfo-20261203T1500Z-')[1]}" for uid in handoffs if "-sfo-20261203T1500Z-" in uid}
    assert following and changed == {slot} | handoffs | following
    for uid in following:
        assert b"Handoff from Erin Garcia" in new[uid].replace(b"\r\n ", b"")
    for uid in changed:
        assert sequence(new[uid]) == sequence(old[uid]) + 1
        assert b"LAST-MODIFIED:20261126T120000Z" in new[uid] and b"DTSTAMP:20261126T120000Z" in new[uid]
    unfolded = new[slot].replace(b"\r\n ", b"")
    assert b"On call: Erin Garcia (San Francisco)" in unfolded and b"override for Frank Miller" in unfolded
    # Frank's feed loses the event; Erin's gains it; a London member's feed is untouched.
    assert slot not in events_by_uid(after["member-frank"].body)
    assert slot in events_by_uid(after["member-erin"].body)
    assert after["member-carol"].body == before["member-carol"].body
    assert after["member-carol"].last_modified == before["member-carol"].last_modified
    assert after["team"].last_modified > before["team"].last_modified


def test_removing_a_member_removes_their_events_and_their_feed():
    team = demo_team()
    _, before, _ = render_all(team)
    legs = tuple(leg if leg.site != "sfo" else leg.__class__(**{**leg.__dict__, "rotation": ("erin",)})
                 for leg in team.legs)
    without = team.evolve(members=tuple(m for m in team.members if m.id != "frank"), legs=legs)
    _, after, _ = render_all(without)
    assert b"Frank Miller" in before["team"].body
    assert b"Frank Miller" not in after["team"].body
    assert "member-frank" not in after


def test_export_writes_only_changed_files_and_keeps_revisions_beside_them(tmp_path):
    team = demo_team()
    first = export_ics(team, tmp_path, NOW)
    assert len(first.written) == 10 and (tmp_path / ".oncall-revisions.json").exists()
    bodies = {p.name: p.read_bytes() for p in tmp_path.glob("*.ics")}
    again = export_ics(team, tmp_path, NOW + timedelta(hours=3))
    assert again.written == () and len(again.unchanged) == 10
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.ics")} == bodies
    smaller = team.evolve(members=tuple(m for m in team.members if m.id != "frank"),
                          legs=tuple(leg.__class__(**{**leg.__dict__, "rotation": tuple(r for r in leg.rotation if r != "frank")})
                                     for leg in team.legs))
    third = export_ics(smaller, tmp_path, NOW + timedelta(hours=4))
    assert [p.name for p in third.removed] == ["member-frank.ics"]
    assert not (tmp_path / "member-frank.ics").exists()


def test_revision_file_that_is_corrupt_is_refused_and_left_alone(tmp_path):
    import pytest

    from oncall.export.ics import RevisionFileError

    bad = tmp_path / ".oncall-revisions.json"
    bad.write_text("{not json")
    with pytest.raises(RevisionFileError, match="revision file"):
        export_ics(demo_team(), tmp_path, NOW)
    assert bad.read_text() == "{not json"
    assert not list(tmp_path.glob("*.ics"))


def test_horizon_is_configurable():
    _, short, _ = render_all(options=FeedOptions(days_back=0, days_ahead=7))
    _, default, _ = render_all()
    assert 0 < len(events_by_uid(short["team"].body)) < len(events_by_uid(default["team"].body)) / 20


def test_an_adjustment_updates_the_days_events_in_place():
    from datetime import date

    from oncall.core.model import Adjustment, LocalWindow

    stores = Stores()
    team = demo_team()
    _, before, _ = render_all(team, stores=stores)
    lon = team.leg("lon")
    moved = LocalWindow(lon.window.start - 60, lon.window.end)  # London starts an hour earlier for two days
    adjusted = team.evolve(adjustments=(Adjustment("lon", date(2026, 12, 3), date(2026, 12, 5), moved, "test"),))
    _, after, _ = render_all(adjusted, stores=stores, now=NOW + timedelta(hours=2))
    old, new = events_by_uid(before["team"].body), events_by_uid(after["team"].body)
    assert set(old) <= set(new), "an adjusted day keeps its UID: calendars update it instead of re-adding it"
    # Starting earlier closes the demo's December gap before London: those handoffs are new.
    assert all(uid.startswith("handoff-syd-") and "-lon-2026120" in uid for uid in set(new) - set(old))
    changed = {uid for uid in old if old[uid] != new[uid]}
    lon_days = {uid for uid in changed if uid.startswith(("lon-20261203", "lon-20261204"))}
    assert len(lon_days) == 2
    for uid in lon_days:
        assert sequence(new[uid]) == sequence(old[uid]) + 1
