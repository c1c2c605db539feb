"""`oncall report` and `oncall validate` as a user runs them."""

from __future__ import annotations

import json

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


def test_report_json_has_the_contract_shape(team_file, capsys):
    assert main(["report", str(team_file), "--from", "2026-03-01", "--to", "2026-03-08", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["range"] == {"start": "2026-03-01T00:00:00Z", "end": "2026-03-08T00:00:00Z"}
    assert data["shifts"][0]["start"].endswith("Z")
    assert {m["member"] for m in data["members"]} == {"alice", "bob", "carol", "dan", "erin", "frank"}


def test_report_text_shows_local_times_handoffs_gaps_and_summary(team_file, capsys):
    assert main(["report", str(team_file), "--from", "2026-03-07", "--to", "2026-03-09", "--tz", "Europe/London"]) == 0
    out = capsys.readouterr().out
    assert "Times in Europe/London" in out
    assert "AEDT" in out and "GMT" in out and "PDT" in out
    assert "handoff Carol Smith -> Erin Garcia" in out
    assert "GAP: nobody on call for 30 min" in out
    assert "\033[" not in out  # no colour when stdout is not a terminal
    assert "Quality" in out and "score" in out


def test_report_colours_gaps_red_when_asked(team_file, capsys):
    main(["report", str(team_file), "--from", "2026-03-07", "--to", "2026-03-08", "--color", "always"])
    assert "\033[31m" in capsys.readouterr().out


def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[team]\nname = "x"\n[[site]]\nid = "a"\ntimezone = "Mars/Olympus"\n')
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("oncall: error:") and "unknown time zone 'Mars/Olympus'" in err and "Traceback" not in err
    assert main(["report", str(bad), "--from", "2026-03-01", "--to", "2026-03-02"]) == 2
    assert main(["report", str(tmp_path / "missing.toml"), "--from", "2026-03-01", "--to", "2026-03-02"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_range_that_ends_before_it_starts(team_file, capsys):
    assert main(["report", str(team_file), "--from", "2026-03-08", "--to", "2026-03-01"]) == 2
    assert "must be after" in capsys.readouterr().err


def test_unknown_display_zone_is_refused(team_file, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(team_file), "--from", "2026-03-01", "--to", "2026-03-02", "--tz", "Europe/Londn"])
    assert exit_info.value.code == 2
    assert "Europe/London" in capsys.readouterr().err


def test_validate_ok_and_warnings(team_file, capsys):
    assert main(["validate", str(team_file)]) == 0
    assert "OK" in capsys.readouterr().out


def test_commands_on_a_missing_default_database_say_how_to_create_it(capsys):
    assert main(["report", "--from", "2026-03-01", "--to", "2026-03-02"]) == 2
    assert "oncall --demo" in capsys.readouterr().err


def test_demo_flag_creates_the_default_database_for_any_command(capsys):
    assert main(["--demo", "report", "--from", "2026-03-01", "--to", "2026-03-02", "--format", "json"]) == 0
    assert '"member": "alice"' in capsys.readouterr().out
