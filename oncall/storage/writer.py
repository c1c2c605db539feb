"""Apply a :class:`~oncall.storage.diff.TeamDiff` through the ORM, inside the caller's transaction.

Updates and deletes go through mapped objects, so ``version_id_col`` adds ``AND version = ?``
and bumps the version; a row that moved under us raises StaleDataError (a conflict).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from . import codec
from .diff import CREATED, DELETED, Change, TeamDiff
from .loaded import TEAM_KEY, LoadedTeam
from .schema import (
    TEAM_ROW_ID, AdjustmentRow, LegRotationRow, LegRow, MemberRow, OverrideRow, SiteRow, TeamRow, UnavailabilityRow,
)

MODELS = {"team": TeamRow, "site": SiteRow, "member": MemberRow, "leg": LegRow,
          "override": OverrideRow, "unavailability": UnavailabilityRow, "adjustment": AdjustmentRow}
ORDER = ("team", "site", "member", "leg", "override", "unavailability", "adjustment")
CHUNK = 500


def values(kind: str, entity: Any) -> dict[str, Any]:
    if kind == "team":
        return codec.team_values(*entity)
    return {
        "site": codec.site_values, "member": codec.member_values, "leg": codec.leg_values,
        "override": codec.override_values, "unavailability": codec.unavailability_values,
        "adjustment": codec.adjustment_values,
    }[kind](entity)


def _load_rows(session: Session, kind: str, keys: list) -> dict:
    model = MODELS[kind]
    found = {}
    for i in range(0, len(keys), CHUNK):
        for obj in session.scalars(select(model).where(model.id.in_(keys[i:i + CHUNK]))):
            found[obj.id] = obj
    return found


def _rotation_rows(leg_id: str, rotation: tuple[str, ...]) -> list[dict]:
    return [{"leg_id": leg_id, "position": n, "member_id": m} for n, m in enumerate(rotation)]


def _apply_kind(session: Session, kind: str, changes: list[Change]) -> dict[int, Any]:
    """Write one kind's changes; returns {index in ``changes``: row object} for written rows."""
    model = MODELS[kind]
    existing_keys = [TEAM_ROW_ID if kind == "team" else ch.key for ch in changes if ch.action != CREATED]
    rows = _load_rows(session, kind, existing_keys) if existing_keys else {}
    written: dict[int, Any] = {}
    rotations: list[dict] = []
    for n, ch in enumerate(changes):
        key = TEAM_ROW_ID if kind == "team" else ch.key
        if ch.action == CREATED:
            attrs = values(kind, ch.after)
            if kind in ("site", "member", "leg"):
                attrs["id"] = ch.key
            obj = model(position=ch.position, version=1, **attrs)
            session.add(obj)
            written[n] = obj
            if kind == "leg":
                rotations += _rotation_rows(ch.key, ch.after.rotation)
            continue
        obj = rows.get(key)
        if obj is None:
            raise StaleDataError(f"{kind} {key!r} is gone")
        if ch.action == DELETED:
            if kind == "leg":
                session.execute(delete(LegRotationRow).where(LegRotationRow.leg_id == key))
            session.delete(obj)
            continue
        for name, value in values(kind, ch.after).items():
            setattr(obj, name, value)
        if ch.position is not None:
            obj.position = ch.position
        if kind == "leg" and ch.before.rotation != ch.after.rotation:
            session.execute(delete(LegRotationRow).where(LegRotationRow.leg_id == key))
            rotations += _rotation_rows(key, ch.after.rotation)
            flag_modified(obj, "site_id")  # the rotation is part of the leg: bump its version
        written[n] = obj
    session.flush()
    if rotations:
        session.execute(insert(LegRotationRow), rotations)
    return written


def apply(session: Session, diff: TeamDiff) -> dict[int, Any]:
    """Write every change; returns {index in diff.changes: row object} for created/updated rows."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for n, ch in enumerate(diff.changes):
        by_kind[ch.kind].append(n)
    written: dict[int, Any] = {}
    for kind in ORDER:
        indexes = by_kind.get(kind)
        if not indexes:
            continue
        objs = _apply_kind(session, kind, [diff.changes[n] for n in indexes])
        written.update({indexes[i]: obj for i, obj in objs.items()})
    session.flush()
    return written


def next_base(base: LoadedTeam, team, diff: TeamDiff, written: dict[int, Any], counter: int) -> LoadedTeam:
    """The LoadedTeam after a save, built without re-reading (valid when no one else wrote)."""
    versions = dict(base.versions)
    new_ids: dict[tuple[str, int], int] = {}
    for n, ch in enumerate(diff.changes):
        if ch.action == DELETED:
            versions.pop(ch.entity_key, None)
            continue
        obj = written[n]
        key = TEAM_KEY if ch.kind == "team" else (ch.kind, obj.id)
        versions[key] = obj.version
        if ch.index is not None:
            new_ids[(ch.kind, ch.index)] = obj.id
    positions: dict = {}
    for kind, entities in (("site", team.sites), ("member", team.members), ("leg", team.legs)):
        for entity, pos in zip(entities, diff.positions[kind]):
            positions[(kind, entity.id)] = pos
    ids: dict[str, tuple[int, ...]] = {}
    for kind in ("override", "unavailability", "adjustment"):
        row_ids = [new_ids.get((kind, i), rid) for i, rid in enumerate(diff.row_ids[kind])]
        ids[kind] = tuple(row_ids)
        positions.update({(kind, rid): pos for rid, pos in zip(row_ids, diff.positions[kind])})
    return LoadedTeam(team, versions, counter, ids["override"], ids["unavailability"], positions,
                      ids["adjustment"])
