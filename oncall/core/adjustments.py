"""Window adjustments: a leg's window replaced on a span of site-local days.

The contract (docs/team-file.md, ``[[adjustment]]``): an occurrence of the leg whose
site-local start day ``d`` has ``start <= d < end`` uses the adjustment's window instead of
the leg's; days, turns, the handoff-overlap extension, substitutes and overrides are
unchanged. They exist so a rota's overlaps survive the weeks when its sites' clocks disagree
(the drift planner proposes them). Everything here is pure so the team file, the database
and the GUI editor share one reading and one set of validation messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from .model import Adjustment, Leg, LocalWindow, Team


def for_leg(team: Team, leg_id: str) -> tuple[Adjustment, ...]:
    """The leg's adjustments, earliest first (empty for almost every leg: the fast path)."""
    if not team.adjustments:
        return ()
    return tuple(sorted((a for a in team.adjustments if a.leg == leg_id), key=lambda a: a.start))


def window_on(leg: Leg, day: date, adjustments: Iterable[Adjustment]) -> LocalWindow:
    """The window of the leg's occurrence starting on the site-local ``day``."""
    for a in adjustments:
        if a.leg == leg.id and a.start <= day < a.end:
            return a.window
    return leg.window


def adjustment_at(adjustments: Iterable[Adjustment], leg_id: str, day: date) -> Adjustment | None:
    """The adjustment in force for ``leg_id`` on ``day``, if any (band tooltips, the editor)."""
    for a in adjustments:
        if a.leg == leg_id and a.start <= day < a.end:
            return a
    return None


def window_table(leg: Leg, adjustments: Sequence[Adjustment]) -> list[tuple[int, int, LocalWindow]]:
    """[(first ordinal, stop ordinal, window)] for ``for_leg`` output: the hot loop's lookup."""
    return [(a.start.toordinal(), a.end.toordinal(), a.window) for a in adjustments if a.leg == leg.id]


def describe(a: Adjustment, index: int | None = None) -> str:
    """``adjustment #2 (leg 'lon', 2026-10-25 to 2027-03-28)``: how messages name one."""
    label = "adjustment" if index is None else f"adjustment #{index + 1}"
    return f"{label} (leg {a.leg!r}, {a.start.isoformat()} to {a.end.isoformat()})"


def window_problem(window: LocalWindow) -> str | None:
    """Why a window cannot be used, or None (the parser only builds good ones; the GUI may not)."""
    if not (0 <= window.start < 1440 and 0 <= window.end <= 1440):
        return f"{window.start}-{window.end} is not a window of local times (00:00-24:00)"
    return None


def item_problems(items: Sequence[Adjustment], index: int, leg_ids: Iterable[str] | set[str]) -> list[tuple[str, str]]:
    """(team-file key, message) for ``items[index]``: unknown leg, empty span, bad window, and
    an overlap with an earlier adjustment of the same leg (the message names both)."""
    a = items[index]
    found: list[tuple[str, str]] = []
    if a.leg not in leg_ids:
        found.append(("leg", f"leg {a.leg!r} is not a leg of this team"))
    if a.end <= a.start:
        found.append(("to", f"'to' ({a.end.isoformat()}) must be after 'from' ({a.start.isoformat()})"))
    bad = window_problem(a.window)
    if bad:
        found.append(("window", bad))
    for j in range(index):
        b = items[j]
        if a.leg == b.leg and a.start < b.end and b.start < a.end and a.end > a.start and b.end > b.start:
            found.append(("from", f"{describe(a, index)} overlaps {describe(b, j)}: "
                                  "one leg can have only one adjustment on a day"))
    return found


def problems(adjustments: Sequence[Adjustment], leg_ids: Iterable[str]) -> list[tuple[int, str]]:
    """(index, message) for every invalid adjustment (see :func:`item_problems`)."""
    known = set(leg_ids)
    return [(i, message) for i in range(len(adjustments)) for _, message in item_problems(adjustments, i, known)]
