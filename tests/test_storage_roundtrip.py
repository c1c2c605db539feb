"""Save and load the team on SQLite and PostgreSQL: every entity round-trips, edits are diffs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import event

from oncall.core.demo import large_team
from oncall.core.model import Leg, LocalWindow, Member, Override, Site, Unavailability, Cadence
from oncall.storage import open_database
from storage_support import BACKENDS, many_overrides, team, url_for, utc, with_member


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    database = open_database(url_for(request, tmp_path), user="alice")
    yield database
    database.close()


def test_new_database_is_empty_with_a_team_row(db):
    loaded = db.load()
    assert loaded.team.sites == () and loaded.team.name
    assert loaded.counter == 0


def test_demo_team_round_trips(db):
    saved = db.save(team(), db.load())
    loaded = db.load()
    assert loaded.team == team()
    assert loaded == saved  # the locally built base equals a fresh load


def test_large_team_round_trips(db):
    big = large_team()
    db.replace_team(big)
    assert db.load_team() == big


def test_every_field_round_trips(db):
    t = team().evolve(
        handoff_overlap=timedelta(minutes=45),
        sites=team().sites + (Site("ktm", "Kathmandu", "Asia/Kathmandu", None, LocalWindow(600, 1080),
                                   frozenset({6, 0, 1, 2, 3})),),
        members=team().members + (Member("gita", "Gita", "ktm", "gita@example.org"),),
        legs=team().legs + (Leg("ktm", "ktm", LocalWindow(1320, 360), ("gita",), Cadence.every(3),
                                team().legs[0].start, frozenset({0, 2, 4}), None,
                                team().legs[0].start + timedelta(days=90)),),
        overrides=team().overrides + (Override("gita", utc(2027, 2, 1), utc(2027, 2, 2), None,
                                               "Asia/Kathmandu", "extra cover"),),
        unavailable=team().unavailable + (Unavailability("gita", utc(2027, 3, 1), utc(2027, 3, 2, 12),
                                                         None, False, "Asia/Kathmandu"),),
    )
    db.save(t, db.load())
    assert db.load_team() == t


def test_edits_write_only_what_changed(db):
    base = db.save(team(), db.load())
    versions = dict(base.versions)
    edited = base.team.evolve(
        sites=(replace(base.team.sites[0], name="Sydney CBD"),) + base.team.sites[1:],
        overrides=(replace(base.team.overrides[0], end=base.team.overrides[0].end + timedelta(hours=2)),),
        unavailable=base.team.unavailable[1:],
    )
    after = db.save(edited, base, user="bob")
    assert db.load() == after and after.team == edited
    assert after.versions[("site", "syd")] == versions[("site", "syd")] + 1
    assert after.versions[("site", "lon")] == versions[("site", "lon")]
    assert after.override_ids == base.override_ids  # the edited override stays the same row
    assert after.versions[("override", base.override_ids[0])] == 2
    latest = db.changes_in(after.counter)
    assert sorted((e.entity, e.action, e.user) for e in latest) == [
        ("override", "updated", "bob"), ("site", "updated", "bob"), ("unavailability", "deleted", "bob")]
    site_entry = next(e for e in latest if e.entity == "site")
    assert "name: 'Sydney' -> 'Sydney CBD'" in site_entry.change


def test_member_added_deleted_and_rotation_reordered(db):
    base = db.save(team(), db.load())
    t = with_member(base.team, Member("zoe", "Zoe", "syd"))
    t = t.evolve(legs=(replace(t.legs[0], rotation=("bob", "zoe", "alice")),) + t.legs[1:])
    second = db.save(t, base)
    assert db.load_team() == t
    assert second.versions[("leg", "syd")] == base.versions[("leg", "syd")] + 1
    t2 = t.evolve(members=tuple(m for m in t.members if m.id != "zoe"),
                  legs=(replace(t.legs[0], rotation=("bob", "alice")),) + t.legs[1:])
    db.save(t2, second)
    assert db.load_team() == t2


def test_order_is_kept_when_inserting_in_the_middle(db):
    base = db.save(team(), db.load())
    ovs = list(base.team.overrides) + list(many_overrides(base.team, 3))
    t = base.team.evolve(overrides=tuple(ovs))
    base = db.save(t, base)
    middle = Override("alice", utc(2027, 6, 1), utc(2027, 6, 2))
    t2 = t.evolve(overrides=tuple(ovs[:2] + [middle] + ovs[2:]))
    after = db.save(t2, base)
    assert db.load_team().overrides == t2.overrides
    unchanged = [k for k in base.override_ids if after.versions[("override", k)] == base.versions[("override", k)]]
    assert len(unchanged) == 4  # nobody else was renumbered


def test_change_counter_moves_once_per_save_and_not_for_no_op(db):
    c0 = db.change_counter()
    base = db.save(team(), db.load())
    assert db.change_counter() == c0 + 1 == base.counter
    same = db.save(team(), base)
    assert db.change_counter() == base.counter and same.counter == base.counter


def test_replace_team_is_idempotent_and_audited(db):
    db.replace_team(team(), user="importer")
    counter = db.change_counter()
    db.replace_team(team(), user="importer")
    assert db.change_counter() == counter
    log = db.audit_log()
    assert {e.user for e in log} == {"importer"}
    assert len(log) == 3 + 6 + 3 + 1 + 2 + 1  # every entity created + the team row renamed


def test_audit_user_falls_back_to_env(db, monkeypatch):
    monkeypatch.setenv("ONCALL_USER", "from-env")
    db.user = None
    db.save(team(), db.load())
    assert db.audit_log(1)[0].user == "from-env"


def test_ten_thousand_overrides_load_in_a_few_bulk_selects(db):
    t = team().evolve(overrides=many_overrides(team(), 10_000))
    db.replace_team(t)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        loaded = db.load()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert loaded.team.overrides == t.overrides
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 10, selects  # no N+1: one SELECT per table (timing: benchmarks/bench_storage.py)
