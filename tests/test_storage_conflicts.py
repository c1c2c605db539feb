"""Two leads, one team: a save that lost a race is refused, names who changed what, loses nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from oncall.core.model import Member, Override, Site
from oncall.storage import ConflictError, open_database
from storage_support import BACKENDS, team, url_for, utc, with_leg_rotation, with_member, with_override


@pytest.fixture(params=BACKENDS)
def two_leads(request, tmp_path):
    """Two independent connections (as two apps at two sites) to one database holding the demo team."""
    url = url_for(request, tmp_path)
    a = open_database(url, user="alice")
    a.replace_team(team())
    b = open_database(url, user="bob")
    yield a, b
    a.close()
    b.close()


def test_second_edit_of_the_same_leg_gets_a_conflict_and_loses_nothing(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    a.save(with_leg_rotation(base_a.team, "syd", ("bob", "alice")), base_a)
    mine = with_leg_rotation(base_b.team, "syd", ("alice", "bob", "carol"))
    with pytest.raises(ConflictError) as caught:
        b.save(mine, base_b)
    err = caught.value
    assert err.pending == mine  # the losing edit is kept for re-applying
    [(kind, entity_id, who, when, what)] = err.conflicts
    assert (kind, entity_id, who) == ("leg", "syd", "alice")
    assert when is not None and "rotation: 'alice,bob' -> 'bob,alice'" in what
    assert "alice" in str(err) and "leg 'syd'" in str(err)
    stored = b.load()
    assert stored.team.leg("syd").rotation == ("bob", "alice")  # the winner's edit is intact
    # Re-apply on top of the fresh state: now it saves.
    again = b.save(with_leg_rotation(stored.team, "syd", err.pending.leg("syd").rotation), stored)
    assert a.load_team().leg("syd").rotation == ("alice", "bob", "carol") == again.team.leg("syd").rotation


def test_edits_of_different_entities_merge(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    a.save(base_a.team.evolve(handoff_overlap=timedelta(minutes=60)), base_a)
    after_b = b.save(with_member(base_b.team, Member("gus", "Gus", "lon")), base_b)
    # b's new base includes a's edit, so b's next save does not undo it
    assert after_b.team.handoff_overlap == timedelta(minutes=60)
    assert after_b.counter == b.change_counter()
    final = a.load_team()
    assert final.handoff_overlap == timedelta(minutes=60) and final.has_member("gus")


def test_override_for_a_member_someone_deleted_is_a_conflict(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    without_frank = base_a.team.evolve(
        members=tuple(m for m in base_a.team.members if m.id != "frank"),
        legs=tuple(replace(leg, rotation=tuple(x for x in leg.rotation if x != "frank")) for leg in base_a.team.legs))
    a.save(without_frank, base_a)
    with pytest.raises(ConflictError) as caught:
        b.save(with_override(base_b.team, Override("frank", utc(2027, 1, 4), utc(2027, 1, 5), "erin")), base_b)
    assert ("member", "frank", "alice") in [(c.kind, c.entity_id, c.user) for c in caught.value.conflicts]
    assert not b.load_team().has_member("frank")


def test_deleting_a_member_someone_just_scheduled_is_a_conflict(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    a.save(with_override(base_a.team, Override("frank", utc(2027, 1, 4), utc(2027, 1, 5))), base_a)
    without_frank = base_b.team.evolve(
        members=tuple(m for m in base_b.team.members if m.id != "frank"),
        legs=tuple(replace(leg, rotation=tuple(x for x in leg.rotation if x != "frank")) for leg in base_b.team.legs))
    with pytest.raises(ConflictError) as caught:
        b.save(without_frank, base_b)
    assert any(c.kind == "override" and c.user == "alice" for c in caught.value.conflicts)
    assert a.load_team().has_member("frank") and len(a.load_team().overrides) == 2


def test_same_new_site_id_created_twice(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    a.save(base_a.team.evolve(sites=base_a.team.sites + (Site("ber", "Berlin", "Europe/Berlin"),)), base_a)
    with pytest.raises(ConflictError) as caught:
        b.save(base_b.team.evolve(sites=base_b.team.sites + (Site("ber", "Berlin 2", "Europe/Berlin"),)), base_b)
    [conflict] = caught.value.conflicts
    assert (conflict.kind, conflict.entity_id, conflict.user) == ("site", "ber", "alice")
    assert b.load_team().site("ber").name == "Berlin"


def test_edit_of_an_override_someone_deleted(two_leads):
    a, b = two_leads
    base_a, base_b = a.load(), b.load()
    a.save(base_a.team.evolve(overrides=()), base_a)
    moved = replace(base_b.team.overrides[0], end=base_b.team.overrides[0].end + timedelta(hours=1))
    with pytest.raises(ConflictError) as caught:
        b.save(base_b.team.evolve(overrides=(moved,)), base_b)
    [conflict] = caught.value.conflicts
    assert conflict.kind == "override" and conflict.user == "alice" and "deleted" in conflict.change
    assert a.load_team().overrides == ()


def test_change_counter_tells_an_open_app_to_reload(two_leads):
    a, b = two_leads
    seen = b.load()
    assert b.change_counter() == seen.counter
    base = a.load()
    a.save(base.team.evolve(name="Payments SRE (EU)"), base)
    assert b.change_counter() > seen.counter
    assert b.load_team().name == "Payments SRE (EU)"


def test_parallel_writers_on_different_entities_all_land(two_leads):
    """Eight writers at once, each adding its own member: serialised, none lost, none refused."""
    import threading

    a, _ = two_leads
    url = a.url
    errors: list[BaseException] = []

    def lead(n: int) -> None:
        try:
            with open_database(url, user=f"lead{n}") as db:
                base = db.load()
                db.save(with_member(base.team, Member(f"new{n}", f"New {n}", "syd")), base)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=lead, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    final = a.load_team()
    assert {f"new{n}" for n in range(8)} <= {m.id for m in final.members}
    assert {e.user for e in a.audit_log(8)} == {f"lead{n}" for n in range(8)}
