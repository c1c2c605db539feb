"""`oncall plan --fix fair` as a user runs it: words, JSON, the planned file, saving, and no OR-Tools."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core_helpers import z
from fair_support import assert_nobody_on_call_while_unavailable
from oncall.cli.main import main
from oncall.core.demo import demo_team_text
from oncall.core.teamfile import load_team_file
from oncall.storage import open_database

Q4 = ["--from", "2026-10-01", "--to", "2027-01-01"]
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


def test_text_lists_each_change_with_who_when_and_why_then_figures(team_file, capsys):
    assert main(["plan", str(team_file), *Q4, "--fix", "fair", "--max-consecutive", "2"]) == 0
    out = capsys.readouterr().out
    assert "9 of 42 turns change." in out
    assert "Solver: proven optimal" in out
    # Each change: leg and turn, who instead of whom (by name, as every screen says them), the leg's local
    # time, UTC (Sydney: 08:00 AEDT is 21:00Z).
    assert re.search(r"Sydney turn \d+: Bob Nguyen instead of Alice Chen, Mon \d\d \w{3} 08:00 AEDT to Sun \d\d \w{3} 17:30 AEDT "
                     r"\(2026-\d\d-\d\d 21:00Z to 2026-\d\d-\d\d 06:30Z\)", out)
    assert "why: evens out-of-hours in Sydney (weighted, as rostered: Alice Chen " in out
    assert "syd turn" not in out and "instead of alice" not in out
    assert "Figures per member over the range, before -> after (hours):" in out
    assert re.search(r"\n  Alice Chen +476 -> 409.5", out)
    assert re.search(r"\n  Sydney +77 -> 56 +38 -> 15", out)  # the leg's hours and out-of-hours spread
    assert "Preview only" in out


def test_a_rule_no_plan_can_keep_is_named(team_file, capsys):
    assert main(["plan", str(team_file), *Q4, "--fix", "fair"]) == 0
    out = capsys.readouterr().out
    assert "Not planned (1): kept as the rota has it, marked for the lead:" in out
    assert "max consecutive: Alice Chen keeps it: 2 turns in a row (limit 1); Bob Nguyen: time off" in out
    assert re.search(r"\n  Sydney turn 50, Mon 21 Dec 08:00 AEDT", out)  # the site's name, not "syd"


def test_json_and_planned_file_agree_and_report_finds_nobody_unavailable(team_file, tmp_path, capsys):
    out_path = tmp_path / "planned.toml"
    assert main(["plan", str(team_file), *Q4, "--fix", "fair", "--max-consecutive", "2", "--format", "json",
                 "-o", str(out_path)]) == 0
    fair = json.loads(capsys.readouterr().out)["fair"]
    assert fair["solver"]["optimal"] is True and fair["solver"]["gap"] == 0
    assert [s["name"] for s in fair["solver"]["stages"]] == [
        "relaxed turns", "out-of-hours spread", "hours spread", "changes"]
    planned_text = out_path.read_text()
    assert planned_text.startswith(team_file.read_text())  # the input byte for byte, comments kept
    assert "# Turns reassigned by `oncall plan --fix fair`" in planned_text
    planned = load_team_file(out_path).team
    added = planned.overrides[1:]
    assert [ov.id for ov in added] == [o["id"] for o in fair["overrides"]]
    assert all(ov.note.startswith("planned: ") and ov.replaces for ov in added)
    assert len(fair["changes"]) == 9 and fair["objective"]["after"]["changes"] == 9
    syd = next(row for row in fair["legs"] if row["leg"] == "syd")
    assert syd["before"]["out_of_hours_spread"] == 38 and syd["after"]["out_of_hours_spread"] == 15
    assert_nobody_on_call_while_unavailable(planned, z(2026, 10, 1), z(2027, 1, 1))


def test_fix_all_runs_drift_then_fair_on_the_adjusted_windows(team_file, tmp_path, capsys):
    out_path = tmp_path / "planned.toml"
    assert main(["plan", str(team_file), *Q4, "--fix", "all", "--max-consecutive", "2", "--format", "json",
                 "-o", str(out_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fixes"] == ["drift", "fair"]
    planned = load_team_file(out_path).team
    assert planned.adjustments and any((ov.note or "").startswith("planned: ") for ov in planned.overrides)
    assert_nobody_on_call_while_unavailable(planned, z(2026, 10, 1), z(2027, 1, 1))


def test_apply_saves_the_planned_overrides_as_one_audited_change(tmp_path, capsys):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    db = str(tmp_path / "team.db")
    assert main(["import", str(source), "--db", db]) == 0
    with open_database(db) as database:
        counter_before = database.load().counter
    capsys.readouterr()
    assert main(["plan", "--db", db, *Q4, "--fix", "fair", "--max-consecutive", "2", "--apply"]) == 0
    assert "as one change" in capsys.readouterr().out
    with open_database(db) as database:
        loaded = database.load()
        assert loaded.counter == counter_before + 1
        planned = [ov for ov in loaded.team.overrides if (ov.note or "").startswith("planned: ")]
        assert len(planned) == 9  # (stable ids reach the database with the storage work of issue 10)
    # Planning again: the planned turns are now overrides (kept as they are), nothing left to do.
    assert main(["plan", "--db", db, *Q4, "--fix", "fair", "--max-consecutive", "2", "--apply"]) == 0
    assert "Nothing to save." in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--history-from", "2026-11-01"], "--history-from (2026-11-01) must be before --from (2026-10-01)"),
    (["--time-limit", "0"], "--time-limit must be more than 0"),
    (["--min-rest", "100"], "--min-rest must be between 0 and 72 hours"),
    (["--max-consecutive", "0"], "--max-consecutive must be between 1 and 100"),
    (["--weekend-weight", "-1"], "--weekend-weight must be between 0 and 10"),
])
def test_bad_settings_are_one_clear_error_and_nothing_is_written(team_file, tmp_path, capsys, argv, message):
    out_path = tmp_path / "planned.toml"
    assert main(["plan", str(team_file), *Q4, "--fix", "fair", *argv, "-o", str(out_path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out_path.exists()


def _without_ortools(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter where ``import ortools`` fails, as on a plain install."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(textwrap.dedent("""
        import importlib.abc, sys

        class _NoOrTools(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "ortools" or name.startswith("ortools."):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, _NoOrTools())
    """))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(REPO)])}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_without_ortools_the_fair_planner_says_how_to_get_it(team_file, tmp_path):
    out_path = tmp_path / "planned.toml"
    code = (f"import sys; from oncall.cli.main import main; "
            f"sys.exit(main(['plan', {str(team_file)!r}, *{Q4!r}, '--fix', 'fair', '-o', {str(out_path)!r}]))")
    result = _without_ortools(tmp_path, code)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "oncall: error: the fair planner needs OR-Tools: pip install oncall[planner]"
    assert not out_path.exists()


def test_without_ortools_everything_else_works_and_start_up_never_imports_it(team_file, tmp_path):
    code = (f"import sys; from oncall.cli.main import main; "
            f"code = main(['plan', {str(team_file)!r}, *{Q4!r}, '--fix', 'drift']); "
            f"assert 'ortools' not in sys.modules; "
            f"from oncall.planning.fair import planner_available; print('available', planner_available()); "
            f"sys.exit(code)")
    result = _without_ortools(tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert "available False" in result.stdout


def test_planned_turns_reach_the_member_feeds(team_file, tmp_path, capsys):
    planned = tmp_path / "planned.toml"
    assert main(["plan", str(team_file), *Q4, "--fix", "fair", "--max-consecutive", "2", "--format", "json",
                 "-o", str(planned)]) == 0
    changes = json.loads(capsys.readouterr().out)["fair"]["changes"]
    bob = next(c for c in changes if c["member"] == "bob" and c["replaces"] == ["alice"])
    feeds = tmp_path / "feeds"
    assert main(["export", "ics", str(planned), "--out", str(feeds), "--from", "2026-10-01", "--to", "2027-01-01"]) == 0
    stamp = bob["start"].replace("-", "").replace(":", "")  # 2026-10-11T21:00:00Z -> 20261011T210000Z
    bob_feed = (feeds / "member-bob.ics").read_text()
    alice_feed = (feeds / "member-alice.ics").read_text()
    assert f"DTSTART:{stamp}" in bob_feed and f"UID:syd-{stamp[:13]}Z@" in bob_feed
    assert f"UID:syd-{stamp[:13]}Z@" not in alice_feed
