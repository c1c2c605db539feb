"""What a save must write: the per-entity difference between the loaded team and the edited one.

Pure functions (no SQL), so the rules are easy to test: sites, members and legs are matched
by id. Overrides and time off are stored in rows with a database row id, and carry a stable
``id`` of their own (core/span_ids.py): they are matched by that id, so an edited entry stays
one row whose version moves, and an entry with a new id is a new row. Items without such an
id (adjustments) are matched first by position and equal content, then by similarity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from oncall.core.model import Team

from .loaded import TEAM_KEY, LoadedTeam

GAP = 1024  # spacing of new positions, so inserts rarely renumber their neighbours

SIMILARITY_BUDGET = 250_000  # pairs compared before giving up on pairing edits

CREATED, UPDATED, DELETED = "created", "updated", "deleted"


@dataclass(frozen=True)
class Change:
    kind: str  # team | site | member | leg | override | unavailability | adjustment
    key: Any  # entity id; the row id for overrides/unavailability (None when created)
    action: str  # created | updated | deleted
    before: Any  # core entity, or (name, overlap) for the team row; None when created
    after: Any  # None when deleted
    position: int | None = None  # position to store (created/updated rows)
    index: int | None = None  # index in the new team's tuple (overrides/unavailability)

    @property
    def label(self) -> Any:
        """How the audit log and conflict messages name the entity: an override's or time-off
        entry's stable id (``ovr-…``), not its row number; the key for everything else."""
        if self.kind in ("override", "unavailability"):
            entity = self.after if self.after is not None else self.before
            if getattr(entity, "id", None) is not None:
                return entity.id
        return self.key

    @property
    def entity_key(self) -> tuple[str, Any]:
        return TEAM_KEY if self.kind == "team" else (self.kind, self.key)


def assign_positions(old: Sequence[tuple[Any, int]], new_keys: Sequence[Any]) -> list[int]:
    """Positions for ``new_keys`` (None = a new row) that keep existing rows where they are.

    ``old`` lists (key, position) of the stored rows, which load in (position, key) order, so
    two writers appending at once may leave equal positions. Existing rows keep their position
    while their relative (position, key) order is unchanged; new rows go strictly between their
    neighbours; if there is no room or the order changed, everything is renumbered.
    """
    old_pos = dict(old)
    kept = [(old_pos[k], k) for k in new_keys if k is not None and k in old_pos]
    if any(b <= a for a, b in zip(kept, kept[1:])):
        return _renumbered(new_keys)
    out: list[int | None] = [old_pos.get(k) if k is not None else None for k in new_keys]
    i = 0
    while i < len(out):
        if out[i] is not None:
            i += 1
            continue
        j = i
        while j < len(out) and out[j] is None:
            j += 1
        slots = _slots(out[i - 1] if i > 0 else None, out[j] if j < len(out) else None, j - i)
        if slots is None:
            return _renumbered(new_keys)
        out[i:j] = slots
        i = j
    return out  # type: ignore[return-value]


def _renumbered(keys: Sequence[Any]) -> list[int]:
    return [n * GAP for n in range(len(keys))]


def _slots(lo: int | None, hi: int | None, run: int) -> list[int] | None:
    """``run`` positions strictly between ``lo`` and ``hi`` (None = open end), or None if no room."""
    if lo is None and hi is None:
        return [n * GAP for n in range(run)]
    if hi is None:
        return [lo + (n + 1) * GAP for n in range(run)]
    if lo is None:
        return [hi - (run - n) * GAP for n in range(run)]
    step = (hi - lo) // (run + 1)
    return None if step < 1 else [lo + (n + 1) * step for n in range(run)]


def _same(a: Any, b: Any) -> bool:
    """Equal values; identity first, since an edited team shares its untouched elements."""
    return a is b or a == b


def _similarity(a: Any, b: Any) -> int:
    return sum(getattr(a, f.name) == getattr(b, f.name) for f in fields(a))


def _identified(items: Sequence[Any]) -> bool:
    return all(getattr(item, "id", None) is not None for item in items)


def _match_by_id(old: Sequence[Any], new: Sequence[Any]) -> list[int | None]:
    where = {item.id: j for j, item in enumerate(old)}
    return [where.get(item.id) for item in new]


def match_unkeyed(old: Sequence[Any], new: Sequence[Any]) -> list[int | None]:
    """For each new item, the index of the old item it continues (None = created).

    Items that carry a stable ``id`` (overrides, time off) continue the old item with the same
    id, and only that one. For items without one: same position and equal content first (the common,
    nothing-changed case is linear), then equal content anywhere, then the most similar
    remaining item sharing at least two fields (an edit), nearest position breaking ties.
    """
    if _identified(old) and _identified(new):
        return _match_by_id(old, new)
    result: list[int | None] = [None] * len(new)
    used = [False] * len(old)
    for i in range(min(len(old), len(new))):
        if _same(old[i], new[i]):
            result[i], used[i] = i, True
    by_value: dict[Any, list[int]] = defaultdict(list)
    for j, item in enumerate(old):
        if not used[j]:
            by_value[item].append(j)
    for i, item in enumerate(new):
        if result[i] is None and by_value.get(item):
            j = by_value[item].pop(0)
            result[i], used[j] = j, True
    free = [j for j in range(len(old)) if not used[j]]
    pending = sum(r is None for r in result)
    if pending * len(free) > SIMILARITY_BUDGET:  # a wholesale replacement: delete + insert
        return result
    for i, item in enumerate(new):
        if result[i] is not None or not free:
            continue
        best = max(free, key=lambda j: (_similarity(old[j], item), -abs(j - i)))
        if _similarity(old[best], item) >= 2:
            result[i] = best
            free.remove(best)
    return result


@dataclass
class TeamDiff:
    """The changes, plus how every element of the new team maps onto rows (for the next base)."""

    changes: list[Change] = field(default_factory=list)
    positions: dict[str, list[int]] = field(default_factory=dict)  # kind -> position per element
    row_ids: dict[str, list[int | None]] = field(default_factory=dict)  # unkeyed kinds: row per element


def _keyed(kind: str, base: LoadedTeam, old: Sequence[Any], new: Sequence[Any], out: TeamDiff) -> None:
    old_by_id = {e.id: e for e in old}
    new_ids = [e.id if e.id in old_by_id else None for e in new]
    stored = [(e.id, base.positions.get((kind, e.id), i * GAP)) for i, e in enumerate(old)]
    positions = assign_positions(stored, new_ids)
    out.positions[kind] = positions
    old_pos = dict(stored)
    new_set = set()
    for entity, pos in zip(new, positions):
        new_set.add(entity.id)
        before = old_by_id.get(entity.id)
        if before is None:
            out.changes.append(Change(kind, entity.id, CREATED, None, entity, pos))
        elif not _same(before, entity) or old_pos[entity.id] != pos:
            out.changes.append(Change(kind, entity.id, UPDATED, before, entity, pos))
    out.changes += [Change(kind, e.id, DELETED, e, None) for e in old if e.id not in new_set]


def _unkeyed(kind: str, base: LoadedTeam, ids: Sequence[int], old: Sequence[Any],
             new: Sequence[Any], out: TeamDiff) -> None:
    if len(ids) != len(old):
        raise ValueError(f"base has {len(old)} {kind} rows but {len(ids)} ids")
    if _edited_in_place(kind, base, ids, old, new, out):
        return
    matches = match_unkeyed(old, new)
    stored = [(row_id, base.positions.get((kind, row_id), j * GAP)) for j, row_id in enumerate(ids)]
    positions = assign_positions(stored, [None if m is None else ids[m] for m in matches])
    out.positions[kind] = positions
    out.row_ids[kind] = [None if m is None else ids[m] for m in matches]
    for i, (m, pos) in enumerate(zip(matches, positions)):
        if m is None:
            out.changes.append(Change(kind, None, CREATED, None, new[i], pos, i))
        elif not _same(old[m], new[i]) or stored[m][1] != pos:
            out.changes.append(Change(kind, ids[m], UPDATED, old[m], new[i], pos, i))
    kept = {m for m in matches if m is not None}
    out.changes += [Change(kind, ids[j], DELETED, old[j], None) for j in range(len(old)) if j not in kept]


def _edited_in_place(kind: str, base: LoadedTeam, ids: Sequence[int], old: Sequence[Any],
                     new: Sequence[Any], out: TeamDiff) -> bool:
    """Fast path for the GUI's usual edit: same length, at most one element changed in place."""
    if len(old) != len(new):
        return False
    differing = []
    for i, (a, b) in enumerate(zip(old, new)):
        if a is not b and a != b:
            if getattr(a, "id", None) != getattr(b, "id", None):
                return False  # another entry in its place: a delete and a create
            differing.append(i)
            if len(differing) > 1:
                return False
    positions = [base.positions.get((kind, row_id), j * GAP) for j, row_id in enumerate(ids)]
    if any(b < a for a, b in zip(positions, positions[1:])):
        return False  # a base without stored positions: let the general path number them
    out.positions[kind] = positions
    out.row_ids[kind] = list(ids)
    out.changes += [Change(kind, ids[i], UPDATED, old[i], new[i], positions[i], i) for i in differing]
    return True


def diff_team(base: LoadedTeam, team: Team) -> TeamDiff:
    """Every entity that differs between ``base.team`` and ``team``."""
    old = base.team
    out = TeamDiff()
    if (old.name, old.handoff_overlap) != (team.name, team.handoff_overlap):
        out.changes.append(Change("team", "team", UPDATED, (old.name, old.handoff_overlap),
                                  (team.name, team.handoff_overlap)))
    _keyed("site", base, old.sites, team.sites, out)
    _keyed("member", base, old.members, team.members, out)
    _keyed("leg", base, old.legs, team.legs, out)
    _unkeyed("override", base, base.override_ids, old.overrides, team.overrides, out)
    _unkeyed("unavailability", base, base.unavailability_ids, old.unavailable, team.unavailable, out)
    _unkeyed("adjustment", base, base.adjustment_ids, old.adjustments, team.adjustments, out)
    return out
