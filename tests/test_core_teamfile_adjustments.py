"""The [[adjustment]] table of the team file: parsed exactly as the contract writes it,
validated with one message per problem (naming both overlapping adjustments), written back."""

from __future__ import annotations

from datetime import date

import pytest

from oncall.core.demo import demo_team
from oncall.core.model import Adjustment, LocalWindow
from oncall.core.team_rules import team_findings
from oncall.core.teamfile import TeamFileError, dump_team, parse_team

CONTRACT = '''
[[adjustment]]
leg = "lon"                 # a leg id
from = "2026-10-25"         # first site-local day, inclusive
to = "2027-03-28"           # exclusive
window = "06:00-15:00"      # replaces the leg's window for occurrences starting on those days
reason = "Sydney on daylight time, London on standard time"   # optional
'''


def _demo_text(extra: str) -> str:
    return dump_team(demo_team()) + extra


def test_the_contract_example_parses():
    team = parse_team(_demo_text(CONTRACT), "t.toml").team
    assert team.adjustments == (Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(360, 900),
                                           "Sydney on daylight time, London on standard time"),)


def test_adjustments_round_trip_through_the_writer():
    items = (Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(360, 900), "why"),
             Adjustment("syd", date(2026, 4, 5), date(2026, 10, 4), LocalWindow(22 * 60, 7 * 60)),
             Adjustment("sfo", date(2026, 3, 8), date(2026, 3, 29), LocalWindow(8 * 60, 0), ""))
    team = demo_team().evolve(adjustments=items)
    text = dump_team(team)
    assert '[[adjustment]]\nleg = "lon"\nfrom = "2026-10-25"\nto = "2027-03-28"\nwindow = "06:00-15:00"\nreason = "why"\n' in text
    assert parse_team(text).team == team


def _problems(extra: str) -> list[str]:
    with pytest.raises(TeamFileError) as caught:
        parse_team(_demo_text(extra), "t.toml")
    return caught.value.problems


def test_two_overlapping_adjustments_of_one_leg_are_one_error_naming_both():
    second = CONTRACT.replace('from = "2026-10-25"', 'from = "2027-03-01"').replace('to = "2027-03-28"', 'to = "2027-04-30"')
    problems = _problems(CONTRACT + second)
    assert problems == ["t.toml: [[adjustment]] #2 (leg 'lon'), key 'from': adjustment #2 (leg 'lon', 2027-03-01 to "
                        "2027-04-30) overlaps adjustment #1 (leg 'lon', 2026-10-25 to 2027-03-28): one leg can have "
                        "only one adjustment on a day"]


def test_adjacent_adjustments_and_other_legs_do_not_overlap():
    second = CONTRACT.replace('from = "2026-10-25"', 'from = "2027-03-28"').replace('to = "2027-03-28"', 'to = "2027-04-30"')
    other = CONTRACT.replace('leg = "lon"', 'leg = "syd"')
    assert len(parse_team(_demo_text(CONTRACT + second + other)).team.adjustments) == 3


@pytest.mark.parametrize("change, key, words", [
    (('leg = "lon"', 'leg = "paris"'), "leg", "'paris' is not a leg"),
    (('to = "2027-03-28"', 'to = "2026-10-25"'), "to", "must be after 'from'"),
    (('window = "06:00-15:00"', 'window = "06:00"'), "window", "not a window"),
    (('window = "06:00-15:00"', 'window = "25:00-15:00"'), "window", "not a valid time"),
    (('from = "2026-10-25"', 'from = "25 Oct"'), "from", "not a date"),
])
def test_bad_values_are_one_clear_error(change, key, words):
    problems = _problems(CONTRACT.replace(*change))
    assert len(problems) == 1
    assert f"[[adjustment]] #1" in problems[0] and f"key {key!r}" in problems[0] and words in problems[0]


def test_missing_keys_and_unknown_keys():
    problems = _problems('\n[[adjustment]]\nleg = "lon"\nwindow = "06:00-15:00"\n')
    assert sorted(p.split("key ")[1].split(":")[0] for p in problems) == ["'from'", "'to'"]
    warned = parse_team(_demo_text(CONTRACT.replace("reason", "colour = 'red'\nreason"))).warnings
    assert any("key 'colour': unknown key, ignored" in w for w in warned)


def test_team_rules_see_adjustments_too():
    team = demo_team().evolve(adjustments=(Adjustment("nope", date(2026, 1, 1), date(2026, 2, 1), LocalWindow(0, 60)),))
    assert [(label, f.key) for label, f in team_findings(team)] == [("adjustment #1", "leg")]


def test_adjustments_survive_import_and_export_team(tmp_path, capsys):
    from oncall.cli.main import main

    source = tmp_path / "team.toml"
    source.write_text(_demo_text(CONTRACT))
    db = str(tmp_path / "team.db")
    assert main(["import", str(source), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export-team", "--db", db]) == 0
    exported = capsys.readouterr().out
    assert parse_team(exported).team == parse_team(_demo_text(CONTRACT)).team
    assert 'reason = "Sydney on daylight time, London on standard time"' in exported


def test_a_bad_adjustment_is_refused_by_import_with_nothing_written(tmp_path, capsys):
    from oncall.cli.main import main

    source = tmp_path / "team.toml"
    source.write_text(_demo_text(CONTRACT + CONTRACT))
    code = main(["import", str(source), "--db", str(tmp_path / "team.db")])
    err = capsys.readouterr().err
    assert code == 2 and "overlaps adjustment #1" in err and "Traceback" not in err
    assert not (tmp_path / "team.db").exists()


def test_validate_counts_adjustments(tmp_path, capsys):
    from oncall.cli.main import main

    source = tmp_path / "team.toml"
    source.write_text(_demo_text(CONTRACT))
    assert main(["validate", str(source)]) == 0
    assert "3 legs, 1 overrides, 2 time-off entries, 1 window adjustments" in capsys.readouterr().out
