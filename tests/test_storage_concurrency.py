"""Many processes saving at the same moment lose nothing: a save that reports success is stored.

Regression for the lost saves of concurrent SQLite writers: the check run on open deleted
``-wal``/``-shm`` side files that another process's live connection held, so that process
committed into an unlinked WAL (success reported, nothing stored). Here several processes
open the same database together, round after round, and save distinct notes through the
real CLI and distinct notes and team edits through the services; then every reported save
must be in the database, with exactly one audit entry each. The same on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from oncall.core.demo import demo_team
from oncall.export.handoff_ref import format_ref
from oncall.export.handoff_summary import in_range, timeline
from oncall.storage import open_database
from concurrency_support import run_workers
from storage_support import BACKENDS, url_for

REPO = Path(__file__).resolve().parents[1]
WORKERS = 4
ROUNDS = 10


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    url = url_for(request, tmp_path)
    with open_database(url, create=True) as db:
        db.replace_team(demo_team(), user="lead")
    return url


def _refs(count: int) -> list[str]:
    """``count`` distinct handoff refs of the demo team, from 2 March 2026 on."""
    start = datetime(2026, 3, 2, tzinfo=timezone.utc)
    end = start + timedelta(days=count)  # three handoffs a day: plenty
    found = in_range(timeline(demo_team(), start, end), start, end)
    refs = [format_ref(*h.key()) for h in found if h.minutes >= 0]
    assert len(refs) >= count
    return refs[:count]


def _cli(url: str, *argv: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "ONCALL_USER": "cli"}
    return subprocess.Popen([sys.executable, "-m", "oncall", "--db", url, *argv], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored(url: str):
    with open_database(url, create=False) as db:
        return db.notes.list(), db.audit_log(), db.load_team()


@pytest.mark.slow  # 80 CLI processes: about a minute on SQLite, two on PostgreSQL
def test_parallel_cli_note_saves_are_all_stored(url, record_property):
    """4 `oncall note --handoff REF --ack` at once, 10 rounds: every "saved" note is there."""
    refs = iter(_refs(WORKERS * ROUNDS))
    reported, failures = [], []
    for _round in range(ROUNDS):
        batch = [(ref, _cli(url, "note", "--handoff", ref, "--ack")) for ref in
                 [next(refs) for _ in range(WORKERS)]]
        for ref, proc in batch:
            _out, err = proc.communicate(timeout=120)
            if proc.returncode == 0 and f"saved the note for {ref}" in err:
                reported.append(ref)
            else:
                failures.append((ref, proc.returncode, err))
    notes, log, _team = _stored(url)
    stored = {format_ref(*n.key) for n in notes if n.acknowledged_at is not None}
    audited = Counter(e.entity_id for e in log if e.entity == "note" and e.action == "created")
    record_property("cli_notes_reported_stored", f"{len(reported)}/{len(stored)}")
    print(f"CLI notes: {len(reported)} reported saved, {len(stored)} stored")
    assert sorted(set(reported) - stored) == []  # reported saved, yet lost
    assert failures == []  # every save waited its turn; none was refused or failed
    assert len(reported) == WORKERS * ROUNDS
    assert stored == set(reported)
    assert len(audited) == len(reported) and set(audited.values()) == {1}


def _pto_calendar(path: Path, worker: int, round_: int) -> str:
    """One all-day event on a day no other (worker, round) uses; returns its summary."""
    day = datetime(2027, 1, 4) + timedelta(days=worker * 20 + round_)
    summary = f"PTO w{worker} r{round_}"
    path.write_text("\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oncall tests//EN", "BEGIN:VEVENT",
        f"UID:w{worker}-r{round_}@oncall.test", "DTSTAMP:20260101T000000Z",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{summary}", "END:VEVENT", "END:VCALENDAR", ""]))
    return summary


@pytest.mark.slow  # 40 CLI processes: about a minute
def test_parallel_cli_edits_are_all_stored(url, tmp_path, record_property):
    """4 `oncall import-ics --apply` at once (time off for 4 members), 10 rounds."""
    members = ["alice", "bob", "carol", "dan"][:WORKERS]
    reported, failures = [], []
    for round_ in range(ROUNDS):
        batch = []
        for worker, member in enumerate(members):
            ics = tmp_path / f"pto-{worker}-{round_}.ics"
            summary = _pto_calendar(ics, worker, round_)
            batch.append((summary, _cli(url, "import-ics", str(ics), "--member", member, "--as", "unavailable",
                                        "--from", "2027-01-01", "--to", "2027-12-31", "--apply")))
        for summary, proc in batch:
            out, err = proc.communicate(timeout=120)
            if proc.returncode == 0 and "Saved 1 unavailability entry" in out:
                reported.append(summary)
            else:
                failures.append((summary, proc.returncode, out, err))
    _notes, log, team = _stored(url)
    stored = Counter(u.reason for u in team.unavailable if (u.reason or "").startswith("PTO w"))
    audited = [e for e in log if e.entity == "unavailability" and e.action == "created" and e.user == "cli"]
    record_property("cli_edits_reported_stored", f"{len(reported)}/{sum(stored.values())}")
    print(f"CLI edits: {len(reported)} reported saved, {sum(stored.values())} stored")
    assert sorted(set(reported) - set(stored)) == []  # reported saved, yet lost
    assert failures == []
    assert len(reported) == WORKERS * ROUNDS and set(stored) == set(reported) and set(stored.values()) == {1}
    assert len(audited) == len(reported)


def test_parallel_service_saves_are_all_stored(url, record_property):
    """4 processes x 10 rounds, each opening the database afresh: notes and team edits."""
    outcomes = run_workers(url, WORKERS, ROUNDS)
    errors = [e for o in outcomes for e in o.errors]
    notes_reported = [s for o in outcomes for s in o.saved_notes]
    edits_reported = [s for o in outcomes for s in o.saved_edits]
    notes, log, team = _stored(url)
    notes_stored = {n.summary for n in notes if n.summary.startswith("note w")}
    edits_stored = Counter(o.note for o in team.overrides if (o.note or "").startswith("edit w"))
    note_audits = [e for e in log if e.entity == "note" and e.action == "created"]
    edit_audits = [e for e in log if e.entity == "override" and e.action == "created"
                   and e.user.startswith("w")]
    record_property("service_notes_reported_stored", f"{len(notes_reported)}/{len(notes_stored)}")
    record_property("service_edits_reported_stored", f"{len(edits_reported)}/{sum(edits_stored.values())}")
    print(f"service: notes {len(notes_reported)} reported / {len(notes_stored)} stored; "
          f"edits {len(edits_reported)} reported / {sum(edits_stored.values())} stored; {len(errors)} errors")
    assert sorted(set(notes_reported) - notes_stored) == []  # reported saved, yet lost
    assert sorted(set(edits_reported) - set(edits_stored)) == []
    assert errors == []
    assert len(notes_reported) == len(edits_reported) == WORKERS * ROUNDS
    assert notes_stored == set(notes_reported)
    assert set(edits_stored) == set(edits_reported) and set(edits_stored.values()) == {1}
    assert len(note_audits) == len(notes_reported)
    assert len(edit_audits) == len(edits_reported)
