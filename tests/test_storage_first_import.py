"""A new database appears only complete: a killed or failed first import leaves none behind.

Regression: the first `oncall import` created the file and committed an empty "New team"
before writing the imported team, so a kill in between left a database every later command
used silently. Now a new SQLite database is built under a temporary name and moved into
place after its first commit, which holds the schema and the team together (on PostgreSQL
that one transaction is the whole story).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text
from oncall.storage import StorageError, open_database
from oncall.storage.sqlite_file import STALE_TEMP_S

REPO = Path(__file__).resolve().parents[1]

# Runs `oncall import` and stalls right before each COMMIT (the engine's "commit" event fires
# before the COMMIT statement is sent), so the test can SIGKILL it inside its first transaction.
STALLING_IMPORT = textwrap.dedent("""
    import sys, time
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from oncall.cli.main import main

    @event.listens_for(Engine, "commit")
    def _stall(conn):
        print("about to commit", flush=True)
        time.sleep(120)

    sys.exit(main(["import", sys.argv[1], "--db", sys.argv[2]]))
""")


def _bad_team():
    """A team whose override names a member it does not define: refused at COMMIT."""
    team = demo_team()
    ov = replace(team.overrides[0], member="ghost") if team.overrides else None
    assert ov is not None
    return team.evolve(overrides=(ov,) + team.overrides[1:])


def test_a_killed_first_import_leaves_no_database(tmp_path, capsys):
    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())
    path = tmp_path / "data" / "team.db"
    script = tmp_path / "stalling_import.py"
    script.write_text(STALLING_IMPORT)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, str(script), str(source), str(path)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "about to commit"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert not path.exists()
    code = main(["export-team", "--db", str(path)])
    _out, err = capsys.readouterr()
    assert code == 2 and "no database file here" in err
    code = main(["report", "--db", str(path), "--from", "2026-03-01", "--to", "2026-03-08"])
    assert code == 2 and "no database file here" in capsys.readouterr().err
    assert not path.exists()

    # The killed creator's temp file is removed by a later creation once it is stale.
    leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".creating")]
    assert leftovers
    old = time.time() - STALE_TEMP_S - 60
    for p in leftovers:
        os.utime(p, (old, old))
    assert main(["import", str(source), "--db", str(path)]) == 0
    assert "16 changes" in capsys.readouterr().out
    assert sorted(p.name for p in path.parent.iterdir()) == ["team.db"]
    with open_database(str(path), create=False) as db:
        assert db.load_team() == demo_team()
        assert db.change_counter() == 1  # schema and team in one first commit


def test_a_failed_first_commit_leaves_no_file(tmp_path):
    path = tmp_path / "team.db"
    with pytest.raises(StorageError, match="refers to something it does not define"):
        open_database(str(path), first_team=_bad_team())
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StorageError, match="no database file here"):
        open_database(str(path), create=False)


def test_a_new_database_holds_its_first_team_from_the_first_commit(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path), first_team=demo_team(), user="lead") as db:
        assert db.created
        assert db.load().counter == 1 and db.load_team() == demo_team()
        assert {e.user for e in db.audit_log()} == {"lead"}
    with open_database(str(path), first_team=_bad_team()) as db:  # exists: first_team unused
        assert not db.created and db.load_team() == demo_team()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.db"]


def _create_at_once(path: str, index: int, barrier, results) -> None:
    barrier.wait(timeout=60)
    try:
        team = demo_team().evolve(name=f"Creator {index}")
        with open_database(path, first_team=team) as db:
            results.put((index, db.created, db.load_team().name))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put((index, None, repr(exc)))


def test_processes_creating_the_same_database_at_once_agree_on_one(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    path = str(tmp_path / "team.db")
    n = 4
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_create_at_once, args=(path, i, barrier, results)) for i in range(n)]
    for p in procs:
        p.start()
    outcomes = sorted(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(30)
    creators = [o for o in outcomes if o[1] is True]
    assert [o for o in outcomes if o[1] is None] == []
    assert len(creators) == 1  # one file won; the others opened it
    winner = creators[0][2]
    assert {o[2] for o in outcomes} == {winner}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.db"]


@pytest.mark.postgres
def test_postgres_first_commit_holds_schema_and_team_or_nothing(pg_url):
    with pytest.raises(StorageError, match="refers to something it does not define"):
        open_database(pg_url, first_team=_bad_team())
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []  # nothing committed, not even the schema
    finally:
        engine.dispose()
    with open_database(pg_url, first_team=demo_team()) as db:
        assert db.created and db.load_team() == demo_team() and db.load().counter == 1


def test_save_as_a_new_database_writes_the_team_in_the_first_commit(tmp_path):
    from oncall.services import session

    path = str(tmp_path / "new.db")
    saved = session.save_as(demo_team(), path)
    saved.close()
    with open_database(path, create=False) as db:
        assert db.load_team() == demo_team() and db.change_counter() == 1  # no empty "New team" commit first
