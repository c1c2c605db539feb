"""One set of team rules: whatever the team-file parser accepts, the editors accept, and back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oncall.core import team_rules as rules
from oncall.core.teamfile import TeamFileError, dump_team, parse_team
from oncall.viewmodels import team_edits as e

from test_core_teamfile import EXAMPLE


def _problems(text: str) -> list[str]:
    with pytest.raises(TeamFileError) as info:
        parse_team(text, "team.toml")
    return info.value.problems


def test_member_listed_twice_is_an_error_in_the_file_and_in_the_editor():
    """Before: the parser only warned, so the loaded leg refused every later edit."""
    text = EXAMPLE.replace('rotation = ["alice", "bob"]', 'rotation = ["alice", "bob", "alice"]')
    found = _problems(text)
    assert any("[[leg]] #1 (site 'syd'), key 'rotation': member 'alice' is listed twice" in p for p in found), found
    team = parse_team(EXAMPLE).team
    with pytest.raises(e.EditError, match="listed twice"):
        e.set_rotation(team, "syd", ("alice", "bob", "alice"))


@pytest.mark.parametrize("old, new, key", [
    ('name = "Bob"', 'name = "   "', "name"),
    ('email = "alice@example.com"', 'email = "alice at example"', "email"),
    ('name = "Payments SRE"', 'name = ""', "name"),
    ('name = "Sydney"', 'name = ""', "name"),
])
def test_values_the_editor_refuses_are_refused_by_the_parser(old, new, key):
    """Before: these loaded, then every edit of the record failed with the editor's rule."""
    assert old in EXAMPLE
    found = _problems(EXAMPLE.replace(old, new, 1))
    assert any(f"key {key!r}" in p for p in found), found


def test_a_window_ending_at_midnight_loads_and_can_be_edited():
    """Before: the editor refused an end of 00:00 that the parser accepted."""
    team = parse_team(EXAMPLE.replace('window = "08:00-16:00"', 'window = "22:00-00:00"')).team
    edited = e.patch_leg(team, "syd", {"rotation": ("bob", "alice")})
    assert edited.leg("syd").window == team.leg("syd").window


def _every_record_is_editable(team):
    for s in team.sites:
        assert e.site_problems(team, s, s.id) == []
    for m in team.members:
        assert e.member_problems(team, m, m.id) == []
    for leg in team.legs:
        assert e.leg_problems(team, leg, leg.id) == []
    for o in team.overrides:
        assert e.span_problems(team, o.member, o.start, o.end, o.replaces) == []
    e.set_team_settings(team, team.name, team.handoff_overlap)
    assert rules.errors([f for _, f in rules.team_findings(team)]) == []


def test_the_example_and_the_demo_are_editable_record_by_record():
    from oncall.core.demo import demo_team_text
    for text in (EXAMPLE, demo_team_text()):
        _every_record_is_editable(parse_team(text).team)


def test_warnings_are_kept_by_parser_and_editor_alike():
    text = EXAMPLE.replace('rotation = ["alice", "bob"]', 'rotation = ["alice", "dan"]')
    result = parse_team(text)
    assert any("member 'dan' belongs to site 'lon'" in w for w in result.warnings)
    _every_record_is_editable(result.team)
    assert any(f.warning for _, f in rules.team_findings(result.team))


def test_an_edit_result_always_loads_again():
    team = parse_team(EXAMPLE).team
    edited = e.update_leg(team, "syd", replace(team.leg("syd"), rotation=("bob", "alice")))
    assert parse_team(dump_team(edited)).team == edited


def test_a_service_refuses_to_store_a_team_the_rules_refuse(tmp_path):
    """The planning service saves its own teams: the same rules guard that door."""
    from datetime import date

    from oncall import storage
    from oncall.services.planning import FixResult, PlanningError, PlanOutcome, PlanRequest, apply_to_database

    team = parse_team(EXAMPLE).team
    url = storage.database_url(str(tmp_path / "team.db"))
    with storage.open_database(url) as db:
        db.replace_team(team)
    bad = e.patch_leg(team, "syd", {}).evolve(
        legs=tuple(replace(lg, rotation=lg.rotation + lg.rotation[:1]) for lg in team.legs))
    assert any("listed twice" in p for p in rules.problems(bad))
    outcome = PlanOutcome(PlanRequest(date(2026, 3, 1), date(2026, 4, 1)), team,
                          (FixResult("drift", team, bad, "", {}),))
    before = (tmp_path / "team.db").read_bytes()
    with pytest.raises(PlanningError, match="listed twice"):
        apply_to_database(url, outcome)
    assert (tmp_path / "team.db").read_bytes() == before
    assert rules.problems(team) == []


@pytest.mark.parametrize("text, expected", [
    ("version = 1\n", "[team]: missing"),
    ("version = 1\nteam = 5\n", "[team]: not a table"),
])
def test_a_missing_team_table_is_one_message(text, expected):
    found = _problems(text)
    assert len(found) == 1 and expected in found[0], found
