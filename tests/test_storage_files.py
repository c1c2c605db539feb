"""The SQLite file: where it lives, how it is created, and refusing bad files without touching them."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from oncall.storage import (
    CorruptDatabaseError, NewerSchemaError, NotOncallDatabaseError, StorageError, database_url,
    default_database_path, open_database,
)
from storage_support import files_digest, team


def test_default_path_honours_oncall_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ONCALL_DATA_DIR", str(tmp_path / "data"))
    assert default_database_path() == tmp_path / "data" / "team.db"
    assert database_url(None) == f"sqlite:///{tmp_path / 'data' / 'team.db'}"


def test_default_path_without_env_is_in_the_user_data_dir(monkeypatch):
    import platformdirs

    monkeypatch.delenv("ONCALL_DATA_DIR")
    assert default_database_path().parent == Path(platformdirs.user_data_dir("oncall", appauthor=False))


def test_database_url_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert database_url("team.db") == f"sqlite:///{tmp_path / 'team.db'}"
    pg = "postgresql+psycopg://lead@db.example.org/oncall"
    assert database_url(pg) == pg


def test_new_file_is_private_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for side in ("team.db-wal", "team.db-shm"):
        if (tmp_path / "sub" / side).exists():
            assert stat.S_IMODE((tmp_path / "sub" / side).stat().st_mode) & 0o077 == 0


def test_first_run_creates_the_demo_team_once(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path), demo_if_new=True) as db:
        assert db.load_team() == team()
        db.save(db.load_team().evolve(name="Ours now"), db.load())
    with open_database(str(path), demo_if_new=True) as db:
        assert db.load_team().name == "Ours now"


def test_missing_file_without_create_is_an_error_and_creates_nothing(tmp_path):
    with pytest.raises(StorageError, match="no database file"):
        open_database(str(tmp_path / "absent.db"), create=False)
    assert list(tmp_path.iterdir()) == []


def _assert_refused(tmp_path: Path, path: Path, error: type[StorageError], pattern: str) -> None:
    before = files_digest(tmp_path)
    with pytest.raises(error, match=pattern) as caught:
        open_database(str(path))
    assert str(path) in str(caught.value)
    assert files_digest(tmp_path) == before  # every byte unchanged, no -wal/-shm left behind


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "team.db"
    path.write_text('name = "not a database"\n')
    _assert_refused(tmp_path, path, CorruptDatabaseError, "not an SQLite database")


def test_a_damaged_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    data[4096:8192] = os.urandom(4096)  # trash page 2 onwards, keep the header
    path.write_bytes(bytes(data))
    _assert_refused(tmp_path, path, CorruptDatabaseError, "damaged|not a usable")


def test_a_truncated_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
    path.write_bytes(path.read_bytes()[:5000])
    _assert_refused(tmp_path, path, CorruptDatabaseError, "damaged|not a usable")


def test_a_newer_schema_is_refused_unchanged(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    _assert_refused(tmp_path, path, NewerSchemaError, "newer version of oncall.*0099_from_the_future")


def test_someone_elses_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    _assert_refused(tmp_path, path, NotOncallDatabaseError, "not an oncall one")


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(StorageError, match="directory"):
        open_database(str(tmp_path))


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "team.db"
    path.touch()
    with open_database(str(path)) as db:
        db.replace_team(team())
        assert db.load_team() == team()
