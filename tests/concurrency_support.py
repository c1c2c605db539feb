"""Workers for tests/test_storage_concurrency.py: many processes saving at the same moment.

Each worker process opens the database afresh for every save (as a CLI command or a GUI
window does), waits at a barrier so all workers open it together, saves something that no
other save touches, and reports each save it was told succeeded. The test then counts
what the database holds: a save that reported success must be stored, audited once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from oncall.core.model import Override
from oncall.core.notes import HandoffNote

UTC = timezone.utc
NOTE_BASE = datetime(2031, 1, 1, tzinfo=UTC)
EDIT_BASE = datetime(2032, 1, 1, tzinfo=UTC)


@dataclass
class Outcome:
    worker: int
    saved_notes: list[str] = field(default_factory=list)  # note summaries reported saved
    saved_edits: list[str] = field(default_factory=list)  # override notes reported saved
    errors: list[str] = field(default_factory=list)


def note_for(worker: int, round_: int) -> HandoffNote:
    """A note on a key no other (worker, round) uses."""
    at = NOTE_BASE + timedelta(hours=worker * 1000 + round_)
    return HandoffNote(f"w{worker}", "in", at, summary=f"note w{worker} r{round_}")


def override_for(team, worker: int, round_: int) -> Override:
    members = [m.id for m in team.members]
    start = EDIT_BASE + timedelta(days=worker * 100 + round_)
    return Override(members[worker % len(members)], start, start + timedelta(hours=8),
                    note=f"edit w{worker} r{round_}")


def _save_edit(url: str, worker: int, round_: int) -> str:
    """Add one override through the team service's database, retrying lost races like a lead."""
    from oncall import storage
    from oncall.services import session

    db = session.open_database(url, create=False)
    try:
        for _attempt in range(20):
            base = db.load()
            ov = override_for(base.team, worker, round_)
            try:
                db.save(base.team.evolve(overrides=base.team.overrides + (ov,)), base, user=f"w{worker}")
                return ov.note
            except storage.ConflictError:
                continue
        raise RuntimeError("still conflicting after 20 attempts")
    finally:
        db.close()


def worker(url: str, index: int, rounds: int, barrier, results) -> None:
    """Save a distinct note and a distinct edit per round, each after a barrier."""
    from oncall.services import handoffs, session

    out = Outcome(index)
    for r in range(rounds):
        barrier.wait(timeout=120)
        try:
            with session.open_database(url, create=False) as db:  # a process saving one note, as `oncall note` does
                note = handoffs.save_note(db, note_for(index, r), expected=None, user=f"w{index}")
            out.saved_notes.append(note.summary)
        except Exception:  # noqa: BLE001 - counted, and shown by the test
            out.errors.append(traceback.format_exc(limit=3))
        barrier.wait(timeout=120)
        try:
            out.saved_edits.append(_save_edit(url, index, r))
        except Exception:  # noqa: BLE001
            out.errors.append(traceback.format_exc(limit=3))
    results.put(out)


def run_workers(url: str, workers: int, rounds: int) -> list[Outcome]:
    """Fork ``workers`` processes running :func:`worker`; their outcomes, by worker index."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(workers)
    results = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(url, i, rounds, barrier, results)) for i in range(workers)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(60)
    return sorted(outcomes, key=lambda o: o.worker)
