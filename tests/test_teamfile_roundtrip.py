"""The team-file writer and parser are inverses: parse(dump(team)) == team for generated teams.

Generated teams use every key the file knows (ids, alarms, adjustments, time zones of
overrides, all-day time off...) and awkward text: control characters (U+007F made the old
hand-written writer produce a file its own parser refused), quotes, backslashes, any Unicode.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from oncall.core import team_rules as rules
from oncall.core.model import Member, Site, Team
from oncall.core.teamfile import dump_team, parse_team
from team_strategies import teams


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams())
def test_parse_of_dump_is_the_same_team(team):
    problems = rules.errors([f for _, f in rules.team_findings(team)])
    assert problems == [], problems  # the generator makes valid teams only
    text = dump_team(team)
    assert parse_team(text).team == team
    assert dump_team(parse_team(text).team) == text


def test_delete_character_in_a_name_round_trips():
    """Before: the hand-written writer put U+007F raw into a TOML string; tomllib refused it."""
    team = Team("T\x7f", sites=(Site("a", "Site \x7f \"q\" \\ \x00\x1b", "UTC"),),
                members=(Member("m", "M\x7f", "a"),))
    assert parse_team(dump_team(team)).team == team
