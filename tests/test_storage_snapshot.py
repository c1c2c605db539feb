"""The start-up snapshot reader (stdlib sqlite3) gives exactly what the SQLAlchemy loader gives,
or None (then the ordinary open decides), never writes, and a session that began from it saves,
detects conflicts and reports failures like one that opened the database at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing, suppress
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import Date, DateTime

from oncall.core.demo import demo_team, large_team
from oncall.core.model import Override
from oncall.services.session import DatabaseSession, SaveConflict, SessionError, open_session
from oncall.storage import StorageError, open_database, sqlite_snapshot, team_rows
from oncall.storage.migrate import first_revision
from oncall.storage.schema import TEAM_ROW_ID, Base, UTCDateTime
from storage_support import files_digest, make_first_schema_database, team_with_covers, utc
from team_strategies import teams

ROOT = Path(__file__).resolve().parents[1]


def _stored(path: Path, team) -> None:
    with open_database(str(path), first_team=team, user="lead"):
        pass


def _both(path: Path):
    with open_database(str(path), create=False) as db:
        full = db.load()
    return sqlite_snapshot.read(str(path)), full


def test_the_reader_reads_the_schemas_tables_columns_and_types():
    tables = Base.metadata.tables
    read = {team_rows.TEAM_TABLE, team_rows.ROTATION_TABLE, *(table for _, table in team_rows.ENTITY_TABLES)}
    assert set(sqlite_snapshot._TABLES) == read
    for name, columns in sqlite_snapshot._TABLES.items():
        table = tables[name]
        assert set(columns) == set(table.c.keys()), name
        dates = {c.name for c in table.c if isinstance(c.type, Date)}
        instants = {c.name for c in table.c if isinstance(c.type, UTCDateTime)}
        assert set(sqlite_snapshot.DATE_COLUMNS.get(name, ())) == dates, name
        assert set(sqlite_snapshot.INSTANT_COLUMNS.get(name, ())) == instants, name
        assert not any(isinstance(c.type, DateTime) and c.name not in instants for c in table.c), name
    for _, table in team_rows.ENTITY_TABLES:
        assert {"id", "position", "version"} <= set(tables[table].c.keys())
    assert team_rows.COUNTER_TABLE in tables
    assert sqlite_snapshot.TEAM_ROW_ID == TEAM_ROW_ID


@pytest.mark.parametrize("make", [demo_team, large_team, team_with_covers])
def test_snapshot_equals_the_sqlalchemy_load(tmp_path, make):
    path = tmp_path / "team.db"
    _stored(path, make())
    snapshot, full = _both(path)
    assert snapshot is not None
    assert snapshot == full  # team, versions, positions, row ids and the change counter


def test_snapshot_equals_the_load_after_edits_moved_versions_positions_and_ids(tmp_path):
    path = tmp_path / "team.db"
    _stored(path, team_with_covers())
    with open_database(str(path), create=False) as db:
        base = db.load()
        t = base.team
        edited = t.evolve(
            members=t.members[::-1],
            overrides=t.overrides[1:] + (Override(t.members[0].id, utc(2027, 5, 1, 9), utc(2027, 5, 1, 17),
                                                  t.members[1].id, "Asia/Kathmandu", "swap"),),
            legs=(replace(t.legs[0], end=t.legs[0].start + timedelta(days=400)),) + t.legs[1:],
        )
        db.save(edited, base)
    snapshot, full = _both(path)
    assert snapshot == full
    assert max(full.versions.values()) > 1 and full.counter > 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(team=teams())
def test_snapshot_equals_the_load_for_generated_teams(tmp_path_factory, team):
    path = tmp_path_factory.mktemp("gen") / "team.db"
    _stored(path, team)
    snapshot, full = _both(path)
    assert snapshot == full
    assert snapshot.team == team


def _old_schema(path: Path) -> None:
    make_first_schema_database(str(path))


def _newer_schema(path: Path) -> None:
    _stored(path, demo_team())
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")


def _bad_zone(path: Path) -> None:
    _stored(path, demo_team())
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE sites SET timezone = 'Mars/Olympus_Mons' WHERE position = 0")


def _damaged(path: Path) -> None:
    """A page of the audit log damaged: the team's own tables still read, the check must refuse."""
    _stored(path, large_team())
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page = conn.execute("PRAGMA page_count").fetchone()[0]  # the audit log is written last
        with suppress(sqlite3.Error):  # dbstat is optional in SQLite builds
            page = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'audit_log'").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size:page * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_text("name = 'not a database'\n")


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")


def _empty(path: Path) -> None:
    path.touch()


@pytest.mark.parametrize("make", [_old_schema, _newer_schema, _bad_zone, _damaged, _not_sqlite, _foreign, _empty])
def test_anything_unusual_is_left_to_the_ordinary_open_and_nothing_changes(tmp_path, make):
    path = tmp_path / "team.db"
    make(path)
    before = files_digest(tmp_path)
    assert sqlite_snapshot.read(str(path)) is None
    assert files_digest(tmp_path) == before


@pytest.mark.parametrize(("make", "message"), [
    (_damaged, "damaged|not a usable database"),  # even though the team's own tables still read
    (_bad_zone, "sites row 'syd'.*Mars/Olympus_Mons"),
])
def test_the_ordinary_open_names_what_the_snapshot_left_to_it(tmp_path, make, message):
    path = tmp_path / "team.db"
    make(path)
    with pytest.raises(SessionError, match=message):
        DatabaseSession(str(path), snapshot_first=True)


def test_missing_files_and_other_urls_are_not_read(tmp_path):
    assert sqlite_snapshot.read(str(tmp_path / "none.db")) is None
    assert not (tmp_path / "none.db").exists()
    assert sqlite_snapshot.read(str(tmp_path)) is None
    assert sqlite_snapshot.database_file("postgresql+psycopg://u:p@localhost/db") is None
    assert sqlite_snapshot.database_file("sqlite://") is None
    assert sqlite_snapshot.database_file("sqlite:///:memory:") is None
    assert sqlite_snapshot.database_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"


def test_session_from_a_snapshot_on_an_old_schema_opens_and_upgrades_as_before(tmp_path):
    path = tmp_path / "team.db"
    _old_schema(path)
    session = DatabaseSession(str(path), snapshot_first=True)
    try:
        assert session.is_open  # the ordinary open ran: upgraded after a backup
        assert session.team == demo_team()
    finally:
        session.close()
    assert list(tmp_path.glob(f"team.db.bak-{first_revision()}*"))


def test_reading_the_snapshot_imports_no_sqlalchemy(tmp_path):
    path = tmp_path / "team.db"
    _stored(path, demo_team())
    code = (f"import sys; from oncall.services.session import open_session\n"
            f"s = open_session({str(path)!r}, snapshot_first=True)\n"
            "print(s.team.name, s.is_open, 'sqlalchemy' in sys.modules)\n"
            "s.open_now(); print(s.is_open, 'sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == [f"{demo_team().name} False False", "True True"], out.stderr


def _rename_first_site(team, name: str):
    return team.evolve(sites=(replace(team.sites[0], name=name),) + team.sites[1:])


def test_a_session_begun_from_the_snapshot_saves_and_detects_a_lost_race(tmp_path):
    path = tmp_path / "team.db"
    _stored(path, demo_team())
    mine = open_session(str(path), snapshot_first=True)
    assert not mine.is_open
    with open_session(str(path)) as other:
        other.save(_rename_first_site(other.team, "Sydney (theirs)"))
    assert mine.change_counter() == mine.loaded_counter + 1  # opened on demand, sees their save
    with pytest.raises(SaveConflict):
        mine.save(_rename_first_site(mine.team, "Sydney (mine)"))  # same site: nothing written
    with open_session(str(path)) as check:
        assert check.team.sites[0].name == "Sydney (theirs)"
    mine.load()
    mine.save(_rename_first_site(mine.team, "Sydney (mine)"))
    mine.close()
    with open_session(str(path)) as check:
        assert check.team.sites[0].name == "Sydney (mine)"


def test_a_save_from_the_snapshot_writes_only_what_changed(tmp_path):
    path = tmp_path / "team.db"
    _stored(path, demo_team())
    with open_session(str(path), snapshot_first=True) as session:
        session.save(_rename_first_site(session.team, "Sydney HQ"))
        entries = session.audit_log()
    assert [(e.entity, e.action) for e in entries if e.counter == entries[0].counter] == [("site", "updated")]


def test_a_database_gone_bad_after_the_snapshot_is_a_clear_error_not_a_crash(tmp_path):
    path = tmp_path / "team.db"
    _stored(path, demo_team())
    session = open_session(str(path), snapshot_first=True)
    path.write_text("overwritten by something else\n")
    assert session.change_counter() is None
    with pytest.raises(SessionError, match="not an SQLite database"):
        session.save(_rename_first_site(session.team, "Sydney HQ"))
    session.close()
    assert path.read_text() == "overwritten by something else\n"


@pytest.fixture(scope="module")
def stored_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("bytes") / "team.db"
    _stored(path, team_with_covers())
    return path.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_file_is_either_refused_by_both_readers_or_read_alike(tmp_path_factory, stored_bytes, data):
    """Bytes flipped anywhere in the file: the snapshot never raises and never shows a team the
    ordinary open would refuse or read differently."""
    raw = bytearray(stored_bytes)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(raw) - 1), label="offset")
        raw[at] = data.draw(st.integers(0, 255), label="byte")
    path = tmp_path_factory.mktemp("flip") / "team.db"
    path.write_bytes(bytes(raw))
    snapshot = sqlite_snapshot.read(str(path))
    try:
        with open_database(str(path), create=False) as db:
            full = db.load()
    except StorageError:
        full = None
    if snapshot is not None:
        assert snapshot == full


@pytest.mark.parametrize("name", ["a%20b.db", "team?.db", "x#y @z.db", "ü ñ.db", "50%.db"])
def test_a_database_named_like_url_syntax_is_that_very_file(tmp_path, name, capsys):
    """Before: SQLAlchemy read "a%20b.db" as "a b.db" and "team?.db" as "team" (and the snapshot
    would have read the file named)."""
    from oncall.cli.main import main

    path = tmp_path / name
    with open_database(str(path), first_team=demo_team()):
        pass
    assert [p.name for p in tmp_path.iterdir()] == [name]
    snapshot, full = _both(path)
    assert snapshot == full and full.team == demo_team()
    with open_session(str(path)) as session:
        assert session.description == str(path)
        session.save(_rename_first_site(session.team, "Sydney HQ"))
    assert main(["export-team", "--db", str(path)]) == 0
    assert 'name = "Sydney HQ"' in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [name]
