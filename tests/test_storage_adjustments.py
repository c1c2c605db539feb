"""Window adjustments in the database: round-trip, edits keep their row, audit, conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oncall.core.model import Adjustment, LocalWindow
from oncall.storage import open_database
from storage_support import BACKENDS, team, url_for

ITEMS = (Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(360, 900),
                    "Sydney on daylight time, London on standard time"),
         Adjustment("syd", date(2026, 4, 5), date(2026, 10, 4), LocalWindow(420, 1020), None))


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    database = open_database(url_for(request, tmp_path), user="alice")
    yield database
    database.close()


def test_adjustments_round_trip_in_order(db):
    t = team().evolve(adjustments=ITEMS)
    saved = db.save(t, db.load())
    loaded = db.load()
    assert loaded.team.adjustments == ITEMS
    assert loaded == saved  # the locally built base equals a fresh load
    assert len(loaded.adjustment_ids) == 2


def test_an_edited_adjustment_stays_one_row_and_is_audited(db):
    base = db.save(team().evolve(adjustments=ITEMS), db.load())
    edited = base.team.evolve(adjustments=(replace(ITEMS[0], window=LocalWindow(330, 900)), ITEMS[1]))
    after = db.save(edited, base, user="bob")
    assert after.adjustment_ids == base.adjustment_ids
    assert after.versions[("adjustment", base.adjustment_ids[0])] == 2
    assert db.load_team().adjustments[0].window == LocalWindow(330, 900)
    entry = next(e for e in db.changes_in(after.counter) if e.entity == "adjustment")
    assert (entry.action, entry.user) == ("updated", "bob")
    assert "window: '06:00-15:00' -> '05:30-15:00'" in entry.change


def test_deleting_an_adjustment_deletes_its_row(db):
    base = db.save(team().evolve(adjustments=ITEMS), db.load())
    after = db.save(base.team.evolve(adjustments=ITEMS[1:]), base)
    assert db.load_team().adjustments == ITEMS[1:]
    assert after.adjustment_ids == base.adjustment_ids[1:]


def test_two_leads_editing_one_adjustment_is_a_conflict(db):
    from oncall.storage.errors import ConflictError

    base = db.save(team().evolve(adjustments=ITEMS), db.load())
    db.save(base.team.evolve(adjustments=(replace(ITEMS[0], reason="first lead"), ITEMS[1])), base, user="ann")
    with pytest.raises(ConflictError) as caught:
        db.save(base.team.evolve(adjustments=(replace(ITEMS[0], reason="second lead"), ITEMS[1])), base, user="bob")
    assert any(c.kind == "adjustment" and c.user == "ann" for c in caught.value.conflicts)
