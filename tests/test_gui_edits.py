"""The pure team edits behind every undo command (oncall.viewmodels.team_edits)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from oncall.core.demo import demo_team, utc
from oncall.core.model import LocalWindow, Member, Override, Site, Unavailability
from oncall.core.teamfile import dump_team, parse_team
from oncall.viewmodels import team_edits as e


@pytest.fixture
def team():
    return demo_team()


def test_add_site_and_member_then_rotation(team):
    t = e.add_site(team, Site("tyo", "Tokyo", "Asia/Tokyo", "JP"))
    t = e.add_member(t, Member("yuki", "Yuki Sato", "tyo"))
    t = e.add_to_rotation(t, "syd", "yuki")
    assert t.leg("syd").rotation == ("alice", "bob", "yuki")
    assert team.leg("syd").rotation == ("alice", "bob")  # the input is untouched
    assert parse_team(dump_team(t)).team == t  # still a valid team file


def test_site_validation_names_each_problem(team):
    bad = Site("Syd ney", "", "Mars/Olympus", "XX-YY", LocalWindow(17 * 60, 9 * 60), frozenset())
    problems = e.site_problems(team, bad)
    text = "\n".join(problems)
    for expected in ("id:", "name: required", "time zone:", "holidays:", "working hours:", "workdays:"):
        assert expected in text
    with pytest.raises(e.EditError, match="already exists"):
        e.add_site(team, Site("syd", "Sydney 2", "Australia/Sydney"))


def test_zone_typo_suggests(team):
    problems = e.site_problems(team, Site("nyc", "New York", "America/New_Yrok"))
    assert "did you mean 'America/New_York'" in problems[0]


def test_renaming_a_site_carries_members_and_legs(team):
    t = e.update_site(team, "syd", replace(team.site("syd"), id="sydney"))
    assert {m.site for m in t.members if m.id in ("alice", "bob")} == {"sydney"}
    assert t.leg("syd").site == "sydney"


def test_remove_site_in_use_is_refused(team):
    with pytest.raises(e.EditError, match="Sydney is still used by members Alice Chen, Bob Nguyen and the leg Sydney"):
        e.remove_site(team, "syd")


def test_remove_member_cascades_and_refuses_last_in_rotation(team):
    assert e.member_removal_effects(team, "carol") == ["leaves the rotation of London", "removes 1 override(s)"]
    t = e.remove_member(team, "carol")
    assert t.leg("lon").rotation == ("dan",)
    assert not t.overrides
    with pytest.raises(e.EditError, match="Dan Okafor is the only one in the rotation of London"):
        e.remove_member(t, "dan")


def test_member_rename_follows_everywhere(team):
    t = e.update_member(team, "bob", Member("robert", "Robert Nguyen", "syd"))
    assert t.leg("syd").rotation == ("alice", "robert")
    assert t.unavailable[0].member == "robert"


def test_leg_window_and_rotation(team):
    t = e.set_leg_window(team, "lon", LocalWindow(6 * 60, 15 * 60))
    assert t.leg("lon").window == LocalWindow(360, 900)
    with pytest.raises(e.EditError, match="listed twice"):
        e.set_rotation(team, "lon", ("carol", "carol"))
    with pytest.raises(e.EditError, match="unknown member 'zed'"):
        e.set_rotation(team, "lon", ("carol", "zed"))
    with pytest.raises(e.EditError, match="unknown leg"):
        e.set_leg_window(team, "nope", LocalWindow(0, 60))


def test_overrides_and_time_off(team):
    ov = Override("erin", utc(2026, 12, 1, 15), utc(2026, 12, 1, 23), "frank")
    t = e.add_override(team, ov)
    added = t.overrides[-1]
    assert replace(added, id=None) == ov and added.id.startswith("ovr-")  # a new random id
    t = e.update_override(t, added.id, replace(ov, note="swap"))
    assert t.overrides[1].note == "swap" and t.overrides[1].id == added.id  # the id is kept
    t = e.remove_override(t, team.overrides[0].id)
    assert [o.id for o in t.overrides] == [added.id]
    with pytest.raises(e.EditError, match="no longer exists"):
        e.remove_override(t, team.overrides[0].id)
    with pytest.raises(e.EditError, match="no longer exists"):
        e.update_override(t, "ovr-gone", ov)
    with pytest.raises(e.EditError, match="already exists"):
        e.add_override(t, replace(ov, id=added.id))
    with pytest.raises(e.EditError, match="cannot replace themselves"):
        e.add_override(team, replace(ov, replaces="erin"))
    with pytest.raises(e.EditError, match="after the start"):
        e.add_time_off(team, Unavailability("erin", utc(2026, 12, 2), utc(2026, 12, 1)))
    t = e.add_time_off(team, Unavailability("erin", utc(2026, 12, 1), utc(2026, 12, 2), "PTO"))
    entry = t.unavailable[-1]
    assert entry.id.startswith("off-")
    t2 = e.update_time_off(t, entry.id, replace(entry, reason="PTO (all week)", id=None))
    assert t2.unavailable[-1].id == entry.id and t2.unavailable[-1].reason == "PTO (all week)"
    assert e.remove_time_off(t, entry.id) == team
    with pytest.raises(e.EditError, match="no longer exists"):
        e.remove_time_off(team, entry.id)


def test_team_settings(team):
    t = e.set_team_settings(team, " Infra ", timedelta(minutes=45))
    assert (t.name, t.handoff_overlap) == ("Infra", timedelta(minutes=45))
    with pytest.raises(e.EditError):
        e.set_team_settings(team, "", timedelta(0))
