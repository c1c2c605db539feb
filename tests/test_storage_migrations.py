"""Migrations: a database of the first schema upgrades to head (after a backup on SQLite);
the models and the migrations describe the same schema on both engines."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from oncall.storage import NewerSchemaError, StorageError, UnreachableDatabaseError, open_database
from oncall.storage import migrate
from oncall.storage.engine import make_engine
from oncall.storage.schema import Base
from storage_support import BACKENDS, make_first_schema_database, team, url_for


def test_there_is_more_than_one_revision():
    revisions = migrate.known_revisions()
    assert revisions[0] == migrate.first_revision() == "0001_initial"
    assert revisions[-1] == migrate.head_revision() and len(revisions) >= 2


@pytest.mark.parametrize("request_backend", BACKENDS)
def test_first_schema_upgrades_to_head(request, tmp_path, request_backend):
    url = url_for(request, tmp_path, request_backend)
    make_first_schema_database(url)
    with open_database(url) as db:
        assert db.load_team() == team()  # the data survived
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert "feed_revisions" in inspect(conn).get_table_names()
        store = db.revisions("team")  # the table the second revision added works
        assert store.sync({"uid-1": "fp"}, team().overrides[0].start)["uid-1"].sequence == 0
    if request_backend == "sqlite":
        backup = tmp_path / f"team.db.bak-{migrate.first_revision()}"
        assert backup.exists() and stat.S_IMODE(backup.stat().st_mode) == 0o600
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
            assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 6
        conn.close()
        # opening again does not back up again
        with open_database(url):
            pass
        assert sorted(p.name for p in tmp_path.glob("team.db.bak-*")) == [backup.name]


@pytest.mark.parametrize("request_backend", BACKENDS)
def test_models_match_migrations(request, tmp_path, request_backend):
    url = url_for(request, tmp_path, request_backend)
    with open_database(url) as db:
        with db.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


@pytest.mark.postgres
def test_newer_schema_on_postgres_is_refused_unchanged(pg_url):
    with open_database(pg_url) as db:
        db.replace_team(team())
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        before = (sorted(inspect(conn).get_table_names()), conn.execute(text("SELECT count(*) FROM audit_log")).scalar())
    with pytest.raises(NewerSchemaError, match="0099_future"):
        open_database(pg_url)
    with engine.connect() as conn:
        after = (sorted(inspect(conn).get_table_names()), conn.execute(text("SELECT count(*) FROM audit_log")).scalar())
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099_future"
    engine.dispose()
    assert before == after


def test_unreachable_postgres_is_a_clear_error():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+psycopg://lead:s3cret@127.0.0.1:{port}/oncall"
    with pytest.raises(UnreachableDatabaseError) as caught:
        open_database(url)
    message = str(caught.value)
    assert f"127.0.0.1:{port}/oncall" in message and "cannot reach" in message
    assert "s3cret" not in message


@pytest.mark.postgres
def test_missing_postgres_database_is_a_clear_error(pg_cluster):
    with pytest.raises(UnreachableDatabaseError, match="no_such_db"):
        open_database(pg_cluster.url("no_such_db"))


def test_plain_postgresql_url_uses_psycopg3_and_other_drivers_are_explained():
    with pytest.raises(UnreachableDatabaseError, match="cannot reach"):
        open_database("postgresql://lead@127.0.0.1:1/oncall")
    with pytest.raises(StorageError, match="driver is not installed"):
        open_database("postgresql+pg8000://lead@127.0.0.1:1/oncall")
    with pytest.raises(StorageError, match="unsupported database 'mysql'"):
        open_database("mysql://lead@127.0.0.1/oncall")
