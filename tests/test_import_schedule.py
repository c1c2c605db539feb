"""import-schedule: PagerDuty, Opsgenie and Grafana OnCall schedules imported, reported and proved.

The timeline fixtures are rendered by tests/fixtures/schedules/render_reference.py, minute by
minute from each tool's documented semantics with zoneinfo and nothing from oncall.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oncall.cli.main import main
from oncall.core.report import build_report
from oncall.core.teamfile import load_team_file
from oncall.core.timezones import UTC
from datetime import datetime

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"
TOOLS = ("pagerduty", "opsgenie", "grafana")
EXACT = {
    ("pagerduty", "weekly"): 9, ("pagerduty", "follow-the-sun"): 169, ("pagerduty", "midnight-dst"): 41,
    ("opsgenie", "weekly"): 9, ("opsgenie", "follow-the-sun"): 169, ("opsgenie", "midnight-dst"): 49,
    ("grafana", "weekly"): 9, ("grafana", "follow-the-sun"): 169,
}
EXPLAINED = {  # imported, reported as approximated, and the proof shows where
    ("pagerduty", "approximated"): "a turn of 36 h is neither whole days nor a part of a day",
    ("opsgenie", "approximated"): "participant 'none' (none) is not a person; its turns are skipped",
    ("grafana", "approximated"): "the group UD, UE takes turns together",
    ("grafana", "midnight-dst"): "lasts 10 h of real time in Grafana OnCall",
}


def args(tool: str, name: str, *extra: str) -> list[str]:
    base = ["import-schedule", "--from", tool, str(FIXTURES / tool / f"{name}-schedule.json"),
            "--timeline", str(FIXTURES / tool / f"{name}-timeline.json")]
    if tool == "grafana":
        base += ["--shifts", str(FIXTURES / tool / f"{name}-shifts.json")]
    return base + list(extra)


def test_every_tool_has_four_fixtures_with_timelines():
    for tool in TOOLS:
        names = {p.name.split("-schedule")[0] for p in (FIXTURES / tool).glob("*-schedule.json")}
        assert names == {"weekly", "follow-the-sun", "midnight-dst", "approximated"}
        assert all((FIXTURES / tool / f"{n}-timeline.json").exists() for n in names)


@pytest.mark.parametrize("tool, name", sorted(EXACT))
def test_exact_schedules_match_the_tools_own_timeline(tool, name, capsys):
    assert main(args(tool, name, "--format", "json")) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["proof"]["matches"] is True
    assert doc["proof"]["matched"] == doc["proof"]["shifts"] == EXACT[tool, name]
    assert doc["report"]["approximated"] == [] and doc["report"]["dropped"] == []


@pytest.mark.parametrize("tool, name", sorted(EXPLAINED))
def test_approximations_are_listed_and_the_proof_names_each_difference(tool, name, capsys):
    assert main(args(tool, name)) == 3
    out, err = capsys.readouterr()
    assert "Approximated:" in out and EXPLAINED[tool, name] in out
    assert "Differs from" in out and "on call only in" in out
    assert "differs from" in err and "exit status 3" in err


def test_text_report_names_the_match_in_words(capsys):
    assert main(args("pagerduty", "follow-the-sun")) == 0
    out = capsys.readouterr().out
    assert "Matches PagerDuty's own timeline: 169 of 169 shifts (2026-03-02 to 2026-04-27)." in out
    assert "Preview only" in out


def test_follow_the_sun_in_grafana_makes_a_site_per_zone(tmp_path, capsys):
    target = tmp_path / "team.toml"
    assert main(args("grafana", "follow-the-sun", "-o", str(target))) == 0
    team = load_team_file(target).team
    assert sorted(s.timezone for s in team.sites) == ["America/Los_Angeles", "Australia/Sydney", "Europe/London"]
    assert {m.name for m in team.members} >= {"Uma Das", "Victor Hugo"}
    by_site = {leg.site: leg for leg in team.legs}
    assert str(by_site["sydney"].window) == "08:00-16:00" and str(by_site["sydney"].cadence) == "daily"


def test_the_written_team_file_reports_the_same_shifts(tmp_path, capsys):
    target = tmp_path / "team.toml"
    assert main(args("pagerduty", "midnight-dst", "-o", str(target))) == 0
    team = load_team_file(target).team
    weekend = next(leg for leg in team.legs if leg.cadence.kind.value == "weekly")
    assert weekend.handoff_day == 4  # Friday 18:00 turns
    report = build_report(team, datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 4, 27, tzinfo=UTC))
    assert report.shifts  # the file is a working team: the report runs on it
    assert main(["report", str(target), "--from", "2026-03-02", "--to", "2026-03-09"]) == 0


def test_pagerduty_overrides_replace_whoever_is_on_call(capsys):
    assert main(args("pagerduty", "approximated", "--format", "json")) == 3
    doc = json.loads(capsys.readouterr().out)
    assert doc["team"]["overrides"] == 1
    assert any("override 2026-03-10 03:30Z to 2026-03-11 03:30Z -> gita-rao instead of" in line
               for line in doc["report"]["mapped"])


def test_saving_into_a_database(tmp_path, capsys):
    from oncall.storage import open_database

    url = str(tmp_path / "team.db")
    assert main(args("opsgenie", "weekly", "--db", url)) == 0
    with open_database(url) as db:
        team = db.load_team()
    assert team.name == "Payments" and len(team.members) == 3
    assert {m.name for m in team.members} == {"Kai Nakamura", "Lena Fischer", "Mo Haddad"}


@pytest.mark.parametrize("tool, document, message", [
    ("opsgenie", "pagerduty/weekly-schedule.json", "Opsgenie: {path}: no 'data' object: is this Opsgenie's"),
    ("pagerduty", "opsgenie/weekly-schedule.json", "PagerDuty: {path}: no 'schedule' object"),
])
def test_a_document_from_another_tool_is_named(tool, document, message, tmp_path, capsys):
    path = FIXTURES / document
    target = tmp_path / "team.toml"
    assert main(["import-schedule", "--from", tool, str(path), "-o", str(target)]) == 2
    assert message.format(path=path) in capsys.readouterr().err
    assert not target.exists()


def test_a_truncated_download_and_a_wrong_field_are_named_with_their_path(tmp_path, capsys):
    text = (FIXTURES / "pagerduty" / "weekly-schedule.json").read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2])
    assert main(["import-schedule", "--from", "pagerduty", str(cut)]) == 2
    assert "not JSON (line" in capsys.readouterr().err
    doc = json.loads(text)
    doc["schedule"]["schedule_layers"][0]["rotation_turn_length_seconds"] = "a week"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(doc))
    target = tmp_path / "team.toml"
    assert main(["import-schedule", "--from", "pagerduty", str(wrong), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "at schedule.schedule_layers[0].rotation_turn_length_seconds: expected a whole number" in err
    assert "nothing was written" in err and not target.exists()


def test_an_unknown_zone_and_a_grafana_import_without_shifts_are_refused(tmp_path, capsys):
    doc = json.loads((FIXTURES / "opsgenie" / "weekly-schedule.json").read_text())
    doc["data"]["timezone"] = "Mars/Olympus"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert main(["import-schedule", "--from", "opsgenie", str(bad)]) == 2
    assert "Mars/Olympus" in capsys.readouterr().err
    assert main(["import-schedule", "--from", "grafana", str(FIXTURES / "grafana" / "weekly-schedule.json")]) == 2
    assert "--shifts" in capsys.readouterr().err
