"""Bad input at the storage and serving edge: one clear message, exit status 2, no traceback.

Regressions: `feeds revoke 99999999999999999999999` (an id no database column can hold),
`serve --host no.such.host.invalid`, and a stored row naming an unknown time zone each ended
in a Python traceback.
"""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text
from oncall.storage import StorageError, open_database
from storage_support import BACKENDS, url_for

HUGE = "99999999999999999999999"


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    url = url_for(request, tmp_path)
    with open_database(url, first_team=demo_team()):
        pass
    return url


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refuses an argument with exit status 2
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert len([line for line in lines if "error" in line]) == 1, err
    return err


@pytest.mark.parametrize("action", ["revoke", "rotate"])
@pytest.mark.parametrize("feed_id", [HUGE, str(2**63), "0", "-1", "x"])
def test_feed_ids_out_of_range_are_refused(db_url, capsys, action, feed_id):
    code, out, err = _run(capsys, "feeds", action, feed_id, "--db", db_url)
    assert code == 2 and out == ""
    _one_error(err)
    assert feed_id in err


def test_a_huge_feed_id_names_no_token_in_the_repository(db_url):
    with open_database(db_url, create=False) as db:
        assert db.feed_tokens.get(int(HUGE)) is None
        with pytest.raises(StorageError, match=f"no feed token {HUGE}"):
            db.feed_tokens.revoke(int(HUGE))
        with pytest.raises(StorageError, match=f"no feed token {HUGE}"):
            db.feed_tokens.rotate(int(HUGE))


@pytest.mark.parametrize("host", ["no.such.host.invalid", "a..b", "999.1.1.1"])
def test_serve_on_an_unknown_host_is_refused(tmp_path, capsys, host):
    db = str(tmp_path / "team.db")
    open_database(db, first_team=demo_team()).close()
    code, _out, err = _run(capsys, "serve", "--db", db, "--host", host, "--port", "0")
    assert code == 2
    _one_error(err)
    assert f"cannot listen on {host}:0" in err


def _execute(url: str, sql: str) -> None:
    from oncall.storage import database_url

    engine = create_engine(database_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.parametrize("sql, row", [
    ("UPDATE sites SET timezone = 'Mars/Olympus' WHERE id = 'syd'", "sites row 'syd': unknown time zone 'Mars/Olympus'"),
    ("UPDATE overrides SET timezone = 'Europe/Lundon'", "overrides row 1: unknown time zone 'Europe/Lundon'"),
    ("UPDATE unavailability SET timezone = 'UTC+10' WHERE id = 2", "unavailability row 2: unknown time zone 'UTC+10'"),
])
def test_a_row_with_an_unknown_zone_is_one_clear_error(db_url, tmp_path, capsys, sql, row):
    _execute(db_url, sql)
    for argv in (["report", "--db", db_url, "--from", "2026-03-01", "--to", "2026-03-08"],
                 ["export-team", "--db", db_url],
                 ["handoff", "--db", db_url, "--at", "2026-03-09"]):
        code, out, err = _run(capsys, *argv)
        assert code == 2 and out == "", argv
        _one_error(err)
        assert row in err
    # Importing a good team file replaces the bad row.
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    assert _run(capsys, "import", str(source), "--db", db_url)[0] == 0
    with open_database(db_url, create=False) as db:
        assert db.load_team() == demo_team()


@pytest.mark.parametrize("sql, says", [
    ("UPDATE legs SET start_date = '2026-13-45'", "a stored value cannot be read (month must be in 1..12)"),
    ("UPDATE legs SET start_date = 20260101", "a stored value cannot be read"),
    ("UPDATE overrides SET start = 12345", "a stored value cannot be read"),
    ("UPDATE sites SET name = CAST(x'ff' AS TEXT)", "not a usable oncall database (Could not decode to UTF-8"),
    ("ALTER TABLE adjustments RENAME COLUMN reason TO why", "not a usable oncall database (no such column"),
])
def test_a_damaged_or_hand_edited_sqlite_value_is_one_clear_error(tmp_path, capsys, sql, says):
    """Regressions: each ended in a TypeError/ValueError traceback or said "cannot reach the database"."""
    path = tmp_path / "team.db"
    with open_database(str(path), first_team=demo_team()):
        pass
    _execute(str(path), sql)
    before = path.read_bytes()
    for argv in (["report", "--db", str(path), "--from", "2026-03-01", "--to", "2026-03-08"],
                 ["export-team", "--db", str(path)]):
        code, out, err = _run(capsys, *argv)
        assert code == 2 and out == "", argv
        _one_error(err)
        assert says in err and str(path) in err
    assert path.read_bytes() == before
