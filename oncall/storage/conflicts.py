"""Did another writer change what this save touches? Checked under the write lock.

A conflict is a touched entity whose row version moved since the caller loaded it (or that
was deleted, or created with the same id), or an entity the edit refers to (a member's site,
a rotation's members) that someone deleted. Each is described from the audit log: who, when,
what changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from oncall.core.model import Adjustment, Leg, Member, Override, Unavailability

from . import audit
from .diff import CREATED, DELETED, Change, TeamDiff
from .errors import Conflict
from .loaded import LoadedTeam
from .schema import TEAM_ROW_ID, LegRow, MemberRow, SiteRow
from .writer import MODELS

CHUNK = 500


def _current_versions(conn: Connection, kind: str, keys: list) -> dict:
    t = MODELS[kind].__table__
    out = {}
    for i in range(0, len(keys), CHUNK):
        out.update(conn.execute(select(t.c.id, t.c.version).where(t.c.id.in_(keys[i:i + CHUNK]))).all())
    return out


def _references(entity) -> Iterable[tuple[str, str]]:
    if isinstance(entity, Member):
        yield "site", entity.site
    elif isinstance(entity, Leg):
        yield "site", entity.site
        yield from (("member", m) for m in entity.rotation)
    elif isinstance(entity, Override):
        yield "member", entity.member
        if entity.replaces:
            yield "member", entity.replaces
    elif isinstance(entity, Unavailability):
        yield "member", entity.member
    elif isinstance(entity, Adjustment):
        yield "leg", entity.leg


def _describe(conn: Connection, kind: str, key, since: int, fallback: str) -> Conflict:
    entry = audit.latest_for(conn, kind, str(key), since)
    if entry is None:
        return Conflict(kind, str(key), None, None, fallback)
    return Conflict(kind, str(key), entry.user, entry.at, entry.change)


def _stale(conn: Connection, diff: TeamDiff, base: LoadedTeam) -> list[tuple[str, object, str]]:
    by_kind: dict[str, list[Change]] = defaultdict(list)
    for ch in diff.changes:
        if ch.action != CREATED or ch.kind in ("site", "member", "leg"):
            by_kind[ch.kind].append(ch)
    found = []
    for kind, changes in by_kind.items():
        keys = [TEAM_ROW_ID if kind == "team" else ch.key for ch in changes]
        current = _current_versions(conn, kind, keys)
        for ch, key in zip(changes, keys):
            now = current.get(key)
            if ch.action == CREATED:
                if now is not None:
                    found.append((kind, ch.label, "created by someone else with the same id"))
            elif now is None:
                found.append((kind, ch.label, "deleted"))
            elif now != base.versions.get(ch.entity_key):
                found.append((kind, ch.label, "changed"))
    return found


def _missing_references(conn: Connection, diff: TeamDiff) -> list[tuple[str, object, str]]:
    created = {(ch.kind, ch.key) for ch in diff.changes if ch.action == CREATED}
    deleted_by_us = {(ch.kind, ch.key) for ch in diff.changes if ch.action == DELETED}
    wanted: dict[str, set[str]] = defaultdict(set)
    for ch in diff.changes:
        if ch.action != DELETED:
            for ref in _references(ch.after):
                if ref not in created and ref not in deleted_by_us:
                    wanted[ref[0]].add(ref[1])
    found = []
    for kind, model in (("site", SiteRow), ("member", MemberRow), ("leg", LegRow)):
        ids = sorted(wanted.get(kind, ()))
        if ids:
            present = set(_current_versions(conn, kind, ids))
            found += [(kind, i, "deleted") for i in ids if i not in present]
    return found


def find(conn: Connection, diff: TeamDiff, base: LoadedTeam) -> list[Conflict]:
    problems = _stale(conn, diff, base) + _missing_references(conn, diff)
    return [_describe(conn, kind, key, base.counter, what) for kind, key, what in problems]


def since(conn: Connection, counter: int) -> list[Conflict]:
    """Fallback when the database itself refused the write: everything others did since."""
    return [Conflict(e.entity, e.entity_id, e.user, e.at, e.change) for e in audit.since(conn, counter)]
