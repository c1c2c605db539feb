"""`oncall plan` as a user runs it: words, JSON, the planned file, and saving into a database."""

from __future__ import annotations

import json
import tomllib

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text
from oncall.core.teamfile import dump_team, parse_team
from oncall.storage import open_database
from plan_support import SCENARIOS, tiled_team

RANGE = ["--from", "2026-01-05", "--to", "2027-01-05"]


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


def test_text_tells_each_adjustment_in_local_time_and_utc(team_file, capsys):
    assert main(["plan", str(team_file), *RANGE]) == 0
    out = capsys.readouterr().out
    assert "Sydney: end at 18:00 instead of 17:00 (08:00-18:00 local)" in out
    assert "in UTC: 21:00Z-07:00Z (AEDT, UTC+11:00)" in out
    assert "London: start at 06:00 instead of 07:00" in out
    assert "Sydney to London: a 30 min gap -> 30 min overlap" in out
    assert "Gap minutes: 4650 -> 0" in out
    assert "Preview only" in out


def test_json_lists_adjustments_and_each_junction_before_and_after(team_file, capsys):
    assert main(["plan", str(team_file), *RANGE, "--format", "json", "--fix", "drift"]) == 0
    data = json.loads(capsys.readouterr().out)
    drift = data["drift"]
    assert data["fixes"] == ["drift"] and drift["verified"] is True
    assert [(a["leg"], a["window"]) for a in drift["adjustments"]] == [("syd", "08:00-18:00"), ("lon", "06:00-16:00")]
    junctions = {(j["from_leg"], j["to_leg"]): j for j in drift["junctions"]}
    assert junctions[("syd", "lon")]["before_min_minutes"] == -30
    assert junctions[("syd", "lon")]["after_min_minutes"] == 30
    assert all(j["after_min_minutes"] >= 30 for j in junctions.values())
    assert drift["gap_minutes"] == {"before": 4650, "after": 0, "after_not_between_legs": 0}


def test_output_file_is_the_input_plus_adjustments(team_file, tmp_path, capsys):
    out_path = tmp_path / "planned.toml"
    before = team_file.read_bytes()
    assert main(["plan", str(team_file), *RANGE, "-o", str(out_path)]) == 0
    assert team_file.read_bytes() == before  # the input is not touched
    planned_text = out_path.read_text()
    assert planned_text.startswith(before.decode())  # comments and layout kept
    original, planned = tomllib.loads(before.decode()), tomllib.loads(planned_text)
    adjustments = planned.pop("adjustment")
    assert planned == original
    # The team parser reads it back: the input team plus exactly the proposed adjustments.
    team = parse_team(planned_text, "planned.toml").team
    assert team.evolve(adjustments=()) == parse_team(before.decode(), "team.toml").team
    assert {(a.leg, a.start.isoformat(), a.end.isoformat(), str(a.window)) for a in team.adjustments} == {
        (a["leg"], a["from"], a["to"], a["window"]) for a in adjustments}
    assert adjustments == [
        {"leg": "lon", "from": "2026-10-25", "to": "2027-01-05", "window": "06:00-16:00",
         "reason": "Sydney on daylight time (UTC+11:00), London on standard time (UTC+00:00)"},
        {"leg": "syd", "from": "2026-01-05", "to": "2026-03-30", "window": "08:00-18:00",
         "reason": "Sydney on daylight time (UTC+11:00), London on standard time (UTC+00:00)"},
    ]


def test_apply_saves_into_the_database_as_one_audited_change(tmp_path, capsys):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    db = str(tmp_path / "team.db")
    assert main(["import", str(source), "--db", db]) == 0
    with open_database(db) as database:
        counter_before = database.load().counter
    capsys.readouterr()
    assert main(["plan", "--db", db, *RANGE, "--apply"]) == 0
    assert "as one change (2 audit entries)" in capsys.readouterr().out
    with open_database(db) as database:
        loaded = database.load()
        assert {(a.leg, str(a.window)) for a in loaded.team.adjustments} == {
            ("syd", "08:00-18:00"), ("lon", "06:00-16:00")}
        assert loaded.counter == counter_before + 1  # one commit
        entries = database.changes_in(loaded.counter)
        assert len(entries) == 2 and {e.entity for e in entries} == {"adjustment"}
    # Planning again finds nothing left to do.
    assert main(["plan", "--db", db, *RANGE, "--apply"]) == 0
    assert "Nothing to save." in capsys.readouterr().out


def test_apply_to_a_team_file_rewrites_it_and_a_second_plan_finds_nothing(team_file, capsys):
    assert main(["plan", str(team_file), *RANGE, "--apply"]) == 0
    assert f"Saved the plan to {team_file}." in capsys.readouterr().out
    assert len(parse_team(team_file.read_text(), "team.toml").team.adjustments) == 2
    assert main(["plan", str(team_file), *RANGE, "--apply"]) == 0
    out = capsys.readouterr().out
    assert "No adjustment needed." in out and "Nothing to save." in out


@pytest.mark.parametrize("argv, message", [
    (["--from", "2026-06-01", "--to", "2026-01-01"], "--to (2026-01-01) must be after --from"),
    (["--from", "2026-01-01", "--to", "2026-06-01", "--max-window", "soon"], "not a duration"),
    (["--from", "2026-01-01", "--to", "2026-06-01", "--fix", "everything"], "invalid choice"),
])
def test_bad_input_is_one_clear_error(team_file, capsys, argv, message):
    if "--max-window" in argv or "--fix" in argv:  # argparse refuses these: usage error, exit 2
        with pytest.raises(SystemExit) as exit_info:
            main(["plan", str(team_file), *argv])
        assert exit_info.value.code == 2
    else:
        assert main(["plan", str(team_file), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_team_file_is_an_error_and_writes_nothing(tmp_path, capsys):
    out_path = tmp_path / "planned.toml"
    assert main(["plan", str(tmp_path / "nope.toml"), *RANGE, "-o", str(out_path)]) == 2
    assert "nope.toml" in capsys.readouterr().err
    assert not out_path.exists()


# -- every named scenario planned over a year, then judged by `oncall report` on the planned file

@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_report_on_the_planned_file_finds_no_gap_and_no_short_handoff(name, tmp_path, capsys):
    source, planned = tmp_path / f"{name}.toml", tmp_path / f"{name}-planned.toml"
    source.write_text(dump_team(tiled_team(SCENARIOS[name])))
    assert main(["plan", str(source), *RANGE, "--format", "json", "-o", str(planned)]) == 0
    limit = json.loads(capsys.readouterr().out)["drift"]["max_window_minutes"]
    assert main(["report", str(planned), *RANGE, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["gaps"] == [], name
    assert report["quality"]["gap_minutes"] == 0
    assert min(h["minutes"] for h in report["handoffs"]) >= 30, name
    team = parse_team(planned.read_text(), str(planned)).team
    assert team.adjustments and all(a.window.nominal_minutes <= limit for a in team.adjustments)
    assert team.evolve(adjustments=()) == parse_team(source.read_text(), str(source)).team


def test_an_unclosable_gap_is_reported_with_its_reason(tmp_path, capsys):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    assert main(["plan", str(source), *RANGE, "--max-window", "9h"]) == 0
    out = capsys.readouterr().out
    assert "Could not close" in out
    assert "Sydney to London" in out and "within the 9 h window limit (--max-window)" in out
    assert "No adjustment closes anything." in out


def test_gaps_no_adjustment_can_close_are_told_apart(team_file, capsys):
    """From 1 Jan the legs have not started yet (they start on 5 Jan): those gap minutes stay."""
    assert main(["plan", str(team_file), "--from", "2026-01-01", "--to", "2027-01-01", "--format", "json"]) == 0
    gaps = json.loads(capsys.readouterr().out)["drift"]["gap_minutes"]
    assert gaps["after"] == gaps["after_not_between_legs"] > 0


def test_a_range_over_ten_years_is_refused(team_file, capsys):
    assert main(["plan", str(team_file), "--from", "2026-01-01", "--to", "2037-01-01"]) == 2
    assert "longer than the limit of 3660 days" in capsys.readouterr().err
