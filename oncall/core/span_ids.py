"""Stable identities for overrides and time off (``id`` in the team file and the database).

Sites, members and legs are named by their ids; overrides and time off had no name, so an
edit could only say "the second override" and a rebase after another lead's save could hit
the wrong one. Every override and time-off entry now carries an ``id``:

* one written in the team file (or kept in the database) is kept as is;
* one created in the app gets a random id (``new_id``): ``ovr-1f3a9c2e``, ``off-77b0d41a``;
* one that arrives without an id (a team file or calendar import without ``id`` keys, a
  program building a :class:`~oncall.core.model.Team`) gets an id derived from its content
  (``derived_id``), so parsing or importing the same file twice gives the same ids. Two
  entries with equal content get ``-2``, ``-3``... in their order.

Once given, an id never changes when the entry is edited: the editors keep it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import datetime, timezone
from typing import TypeVar

OVERRIDE_PREFIX = "ovr"
TIME_OFF_PREFIX = "off"
T = TypeVar("T")


def new_id(prefix: str, taken: Iterable[str] = ()) -> str:
    """A random id such as ``ovr-1f3a9c2e`` not in ``taken``."""
    used = set(taken)
    while True:
        candidate = f"{prefix}-{secrets.token_hex(4)}"
        if candidate not in used:
            return candidate


def _canonical(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return repr(value)


def derived_id(prefix: str, item: object) -> str:
    """``prefix-<8 hex>`` from every field of ``item`` but its id (same content, same id)."""
    text = "|".join(f"{f.name}={_canonical(getattr(item, f.name))}" for f in fields(item) if f.name != "id")
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


def with_ids(items: tuple[T, ...], prefix: str) -> tuple[T, ...]:
    """``items`` with an id on each: kept where present, derived where missing (unique)."""
    if all(getattr(item, "id") is not None for item in items):
        return items
    taken = {item.id for item in items if item.id is not None}  # type: ignore[attr-defined]
    out = []
    for item in items:
        if item.id is None:  # type: ignore[attr-defined]
            base = candidate = derived_id(prefix, item)
            n = 2
            while candidate in taken:
                candidate = f"{base}-{n}"
                n += 1
            taken.add(candidate)
            item = replace(item, id=candidate)  # type: ignore[type-var]
        out.append(item)
    return tuple(out)
