"""`oncall import`, `oncall export-team` and `oncall log` against real databases."""

from __future__ import annotations

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text, large_team
from oncall.core.teamfile import dump_team, parse_team
from oncall.storage import open_database
from storage_support import BACKENDS, files_digest, url_for


@pytest.fixture(params=BACKENDS)
def db_arg(request, tmp_path):
    return url_for(request, tmp_path)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_gives_an_equivalent_file(tmp_path, capsys, db_arg):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    code, out, _ = _run(capsys, "import", str(source), "--db", db_arg)
    assert code == 0 and "imported 'Payments SRE'" in out and "16 changes" in out
    code, exported, _ = _run(capsys, "export-team", "--db", db_arg)
    assert code == 0
    assert parse_team(exported, "exported").team == parse_team(demo_team_text(), "demo").team
    assert exported == dump_team(parse_team(demo_team_text(), "demo").team)
    code, out, _ = _run(capsys, "import", str(source), "--db", db_arg)
    assert "no changes" in out


def test_large_team_round_trips_through_the_cli(tmp_path, capsys):
    source = tmp_path / "large.toml"
    source.write_text(dump_team(large_team()))
    db = str(tmp_path / "large.db")
    assert _run(capsys, "import", str(source), "--db", db)[0] == 0
    _, exported, _ = _run(capsys, "export-team", "--db", db)
    assert parse_team(exported, "exported").team == parse_team(source.read_text(), "large").team


def test_global_db_option_and_default_database(tmp_path, capsys, monkeypatch):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    assert _run(capsys, "import", str(source))[0] == 0  # the default database (ONCALL_DATA_DIR)
    _, exported, _ = _run(capsys, "export-team")
    assert "Payments SRE" in exported
    db = str(tmp_path / "other.db")
    assert _run(capsys, "--db", db, "import", str(source))[0] == 0
    assert open_database(db).load_team().name == "Payments SRE"


def test_log_prints_who_changed_what(tmp_path, capsys, monkeypatch, db_arg):
    monkeypatch.setenv("ONCALL_USER", "lead-sydney")
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    _run(capsys, "import", str(source), "--db", db_arg)
    source.write_text(demo_team_text().replace("Payments SRE", "Payments SRE (global)"))
    _run(capsys, "import", str(source), "--db", db_arg)
    code, out, _ = _run(capsys, "log", "--db", db_arg, "--limit", "1")
    assert code == 0
    [line] = out.splitlines()
    assert "lead-sydney  updated team team: name: 'Payments SRE' -> 'Payments SRE (global)'" in line
    code, out, _ = _run(capsys, "log", "--db", db_arg)
    assert len(out.splitlines()) == 17


def test_export_from_a_missing_database_is_an_error(tmp_path, capsys):
    code, out, err = _run(capsys, "export-team", "--db", str(tmp_path / "nope.db"))
    assert code == 2 and out == "" and "nope.db: no database file here" in err
    assert not (tmp_path / "nope.db").exists()


def test_bad_team_file_and_bad_database_are_clear_errors(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n")
    code, _, err = _run(capsys, "import", str(bad), "--db", str(tmp_path / "t.db"))
    assert code == 2 and err.startswith("oncall: error:") and "Traceback" not in err
    assert not (tmp_path / "t.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 4096)
    good = tmp_path / "good.toml"
    good.write_text(demo_team_text())
    before = files_digest(tmp_path)
    code, _, err = _run(capsys, "import", str(good), "--db", str(junk))
    assert code == 2 and "junk.db: not an SQLite database" in err
    assert files_digest(tmp_path) == before
    code, _, err = _run(capsys, "log", "--db", str(junk))
    assert code == 2 and "not an SQLite database" in err
