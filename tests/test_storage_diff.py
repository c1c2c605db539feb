"""The pure diff rules: positions that rarely renumber, overrides matched without ids."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, strategies as st

from oncall.core.model import Override
from oncall.storage.diff import CREATED, DELETED, GAP, UPDATED, assign_positions, diff_team, match_unkeyed
from oncall.storage.loaded import LoadedTeam
from storage_support import team, utc


def _ov(i: int, member: str = "alice") -> Override:
    return Override(member, utc(2027, 1, 1) + timedelta(days=i), utc(2027, 1, 2) + timedelta(days=i), "bob")


def test_appending_keeps_existing_positions():
    assert assign_positions([("a", 0), ("b", GAP)], ["a", "b", None]) == [0, GAP, 2 * GAP]


def test_inserting_between_uses_the_gap():
    assert assign_positions([("a", 0), ("b", GAP)], ["a", None, "b"]) == [0, GAP // 2, GAP]


def test_equal_positions_from_concurrent_appends_are_kept():
    # two leads appended at once: same position, the key breaks the tie on load
    assert assign_positions([("a", 0), ("b", GAP), ("c", GAP)], ["a", "b", "c", None]) == [0, GAP, GAP, 2 * GAP]


def test_reordering_renumbers():
    assert assign_positions([("a", 0), ("b", GAP)], ["b", "a"]) == [0, GAP]


def test_no_room_renumbers():
    assert assign_positions([("a", 0), ("b", 1)], ["a", None, "b"]) == [0, GAP, 2 * GAP]


@given(st.lists(st.integers(0, 30), unique=True, max_size=12), st.data())
def test_positions_always_sort_into_the_new_order(old_keys, data):
    old = [(k, i * 3) for i, k in enumerate(old_keys)]
    kept = data.draw(st.permutations(old_keys))[: data.draw(st.integers(0, len(old_keys)))]
    new = list(kept)
    for _ in range(data.draw(st.integers(0, 5))):
        new.insert(data.draw(st.integers(0, len(new))), None)
    positions = assign_positions(old, new)
    assert all(a < b for a, b in zip(positions, positions[1:]))
    old_pos = dict(old)
    in_order = all(old_pos[a] < old_pos[b] for a, b in zip(kept, kept[1:]))
    if in_order and _room_for_new_rows(new, old_pos):
        # Stable: every stored row keeps its position (no rewrite), whatever the list's length.
        assert all(positions[i] == old_pos[k] for i, k in enumerate(new) if k is not None)
    else:
        # Reordered, or new rows squeezed between neighbours with no integer left: renumbered.
        assert positions == [n * GAP for n in range(len(new))]


def _room_for_new_rows(new: list, old_pos: dict) -> bool:
    """Each run of new rows fits strictly between its stored neighbours (open ends always fit)."""
    i = 0
    while i < len(new):
        if new[i] is not None:
            i += 1
            continue
        j = i
        while j < len(new) and new[j] is None:
            j += 1
        if 0 < i and j < len(new) and old_pos[new[j]] - old_pos[new[i - 1]] - 1 < j - i:
            return False
        i = j
    return True


def test_a_long_list_with_room_keeps_every_stored_position():
    old = [(k, k * GAP) for k in range(40)]
    new = [None, *range(0, 20), None, None, *range(20, 40), None]
    positions = assign_positions(old, new)
    assert [p for p, k in zip(positions, new) if k is not None] == [k * GAP for k in range(40)]


def test_unchanged_overrides_match_in_place():
    old = [_ov(i) for i in range(5)]
    assert match_unkeyed(old, list(old)) == [0, 1, 2, 3, 4]


def test_an_edited_override_is_matched_to_its_row():
    old = [_ov(i) for i in range(5)]
    new = list(old)
    new[2] = replace(old[2], end=old[2].end + timedelta(hours=3))
    del new[0]
    assert match_unkeyed(old, new) == [1, 2, 3, 4]


def test_identical_duplicates_are_matched_once_each():
    old = [_ov(1), _ov(1), _ov(2)]
    assert match_unkeyed(old, [_ov(2), _ov(1)]) == [2, 1]  # same place first, then by value


def _base(t) -> LoadedTeam:
    ids = tuple(range(100, 100 + len(t.overrides)))
    uids = tuple(range(200, 200 + len(t.unavailable)))
    return LoadedTeam(t, {}, 0, ids, uids)


def test_diff_detects_a_changed_override_and_nothing_else():
    t = team()
    changed = t.evolve(overrides=(replace(t.overrides[0], note="swapped"),))
    [change] = diff_team(_base(t), changed).changes
    assert (change.kind, change.key, change.action) == ("override", 100, UPDATED)


def test_diff_of_members_and_team_settings():
    t = team()
    edited = t.evolve(handoff_overlap=timedelta(minutes=5), members=t.members[1:] + (replace(t.members[0], id="zed"),))
    actions = sorted((c.kind, c.key, c.action) for c in diff_team(_base(t), edited).changes)
    assert actions == [("member", "alice", DELETED), ("member", "zed", CREATED), ("team", "team", UPDATED)]
