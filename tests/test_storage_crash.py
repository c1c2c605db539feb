"""Crash safety: killing a writer with SIGKILL mid-save leaves the last committed state."""

from __future__ import annotations

import os
from dataclasses import replace
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from oncall.storage import open_database
from storage_support import many_overrides, team

REPO = Path(__file__).resolve().parents[1]

# The writer adds ``batch`` overrides per save. With HANG it stops right before COMMIT (the
# engine's "commit" event fires before the COMMIT statement is sent), so the kill lands inside
# an open transaction whose rows are already written.
WRITER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import event
    sys.path.insert(0, {tests!r})
    from oncall.storage import open_database
    from storage_support import many_overrides

    url, batch, rounds, hang = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "hang"
    db = open_database(url, user="writer")
    if hang:
        @event.listens_for(db.engine, "commit")
        def _stall(conn):
            print("about to commit", flush=True)
            time.sleep(120)
    for n in range(rounds):
        base = db.load()
        extra = many_overrides(base.team, batch * (n + 1))[batch * n:]
        db.save(base.team.evolve(overrides=base.team.overrides + extra), base)
        print("committed", n, flush=True)
""")


def _start_writer(tmp_path: Path, url: str, batch: int, rounds: int, mode: str) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(tests=str(Path(__file__).parent)))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, str(script), url, str(batch), str(rounds), mode],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)


def _kill_after(proc: subprocess.Popen, line: str) -> None:
    for out in proc.stdout:
        if out.startswith(line):
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL


def _healthy(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_kill_inside_an_open_transaction_keeps_the_last_commit(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
        committed = db.load()
    proc = _start_writer(tmp_path, str(path), 5000, 1, "hang")
    _kill_after(proc, "about to commit")
    _healthy(path)
    with open_database(str(path)) as db:
        assert db.load() == committed  # none of the 5,000 uncommitted overrides
        assert db.change_counter() == committed.counter
        assert all(e.user != "writer" for e in db.audit_log())


def test_kill_at_a_random_moment_keeps_a_committed_state(tmp_path):
    path = tmp_path / "team.db"
    with open_database(str(path)) as db:
        db.replace_team(team())
        first = len(db.load_team().overrides)
    batch = 700
    proc = _start_writer(tmp_path, str(path), batch, 50, "run")
    _kill_after(proc, "committed 2")
    _healthy(path)
    with open_database(str(path)) as db:
        loaded = db.load()
        added = len(loaded.team.overrides) - first
        assert added % batch == 0 and added >= 3 * batch  # whole saves only
        stored = tuple(replace(o, id=None) for o in loaded.team.overrides[first:])  # ids derived on save
        assert stored == many_overrides(loaded.team, added)
        rounds = sum(1 for e in db.audit_log() if e.user == "writer") // batch
        assert rounds * batch == added  # the audit log matches the data: same transactions


@pytest.mark.postgres
def test_kill_inside_an_open_transaction_on_postgres(tmp_path, pg_url):
    with open_database(pg_url) as db:
        db.replace_team(team())
        committed = db.load()
    proc = _start_writer(tmp_path, pg_url, 2000, 1, "hang")
    _kill_after(proc, "about to commit")
    with open_database(pg_url) as db:
        assert db.load() == committed
