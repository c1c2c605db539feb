"""Out-of-range input gets one readable message and exit status 2, never a traceback.

Each case ended in an OverflowError, RecursionError or a hang before the limits of
docs/team-file.md ("Limits") were checked at the edge.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text(), encoding="utf-8")
    return path


def variant(team: Path, old: str, new: str, append: str = "") -> Path:
    text = team.read_text(encoding="utf-8")
    assert old in text
    path = team.with_name("variant.toml")
    path.write_text(text.replace(old, new, 1) + append, encoding="utf-8")
    return path


def assert_refused(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize("args, words", [
    (["report", "{team}", "--from", "0001-01-01", "--to", "0001-02-01"], ["supported years 1970-2100"]),
    (["report", "{team}", "--from", "9999-12-01", "--to", "9999-12-31"], ["supported years"]),
    (["report", "{team}", "--from", "2026-01-01", "--to", "2100-12-31"], ["longer than the limit"]),
    (["report", "{team}", "--from", "1970-01-01", "--to", "2100-01-01"], ["longer than the limit"]),
    (["plan", "{team}", "--from", "2026-03-01", "--to", "2036-04-01"], ["longer than the limit"]),
    (["handoff", "{team}", "--at", "9999-12-31"], ["supported years"]),
    (["handoff", "{team}", "--at", "0001-01-01"], ["supported years"]),
    (["handoff-sheet", "{team}", "--week", "9999-W52"], ["supported years"]),
    (["handoff-sheet", "{team}", "--week", "0001-W01"], ["supported years"]),
    (["export", "ics", "{team}", "--days-ahead", "99999999999", "--out", "{out}"], ["--days-ahead"]),
    (["export", "ics", "{team}", "--from", "1970-01-01", "--to", "2100-01-01", "--out", "{out}"], ["longer"]),
])
def test_dates_out_of_range_are_refused(team, tmp_path, args, words):
    code, err = run(*[a.format(team=team, out=tmp_path / "out") for a in args])
    assert_refused(code, err, *words)


def test_a_handoff_reference_in_year_9999_is_refused(team, tmp_path):
    db = tmp_path / "team.db"
    assert run("import", str(team), "--db", str(db))[0] == 0
    before = db.read_bytes()
    code, err = run("note", "--db", str(db), "--handoff", "a:b@9999-12-31T23:59Z")
    assert_refused(code, err, "supported years")
    assert db.read_bytes() == before


@pytest.mark.parametrize("old, new, append, words", [
    ('handoff_overlap = "30m"', 'handoff_overlap = "99999999999h"', "", ["handoff_overlap", "longer than 12h"]),
    ('handoff_overlap = "30m"', 'handoff_overlap = "100000000h"', "", ["handoff_overlap", "longer than 12h"]),
    ('handoff_overlap = "30m"', 'handoff_overlap = "12h1m"', "", ["handoff_overlap"]),
    ('holidays = "AU-NSW"', "holidays = true", "", ["holidays", "not a string"]),
    ('holidays = "AU-NSW"', "holidays = []", "", ["holidays"]),
    ('holidays = "AU-NSW"', "holidays = 1.5", "", ["holidays"]),
    ("[[member]]", "[[member]]", '\n[[override]]\nmember = "alice"\nstart = "0001-01-01T00:00+10:00"\nend = "2026-01-01"\n',
     ["start", "supported years"]),
    ("[[member]]", "[[member]]", '\n[[override]]\nmember = "alice"\nstart = "2026-01-01"\nend = 9999-12-31T23:59:59-10:00\n',
     ["end", "supported years"]),
    ("[[member]]", "[[member]]", "\nx = " + "[" * 5000 + "]" * 5000 + "\n", ["nested too deeply"]),
    ('start = "2026-', 'start = "1969-', "", ["supported years"]),
])
def test_team_file_values_out_of_range_are_refused_by_validate_and_report(team, old, new, append, words):
    path = variant(team, old, new, append)
    for args in (["validate", str(path)], ["report", str(path), "--from", "2026-01-01", "--to", "2026-02-01"]):
        code, err = run(*args)
        assert_refused(code, err, *words)


def test_reading_dev_zero_stops_at_the_size_limit():
    code, err = run("report", "/dev/zero", "--from", "2026-01-01", "--to", "2026-02-01")
    assert_refused(code, err, "larger than the limit of 10 MB")


def test_a_file_just_over_the_limit_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    code, err = run("validate", str(big))
    assert_refused(code, err, "10 MB")


def test_the_edges_of_the_supported_years_work(team, tmp_path):
    assert run("report", str(team), "--from", "2091-01-01", "--to", "2100-12-31")[0] == 0
    assert run("handoff", str(team), "--at", "1970-01-01", "--format", "md", "-o", str(tmp_path / "h.md"))[0] == 0
    assert run("handoff-sheet", str(team), "--week", "2100-W52", "--format", "md", "-o", str(tmp_path / "s.md"))[0] == 0
