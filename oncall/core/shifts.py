"""What the engine computes from the rules: shifts, handoffs and gaps (all instants UTC)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from collections.abc import Callable, Iterable
from itertools import compress, count, islice
from operator import attrgetter, eq
from typing import TypeVar

T = TypeVar("T")


class Source(str, Enum):
    ROTATION = "rotation"
    SUBSTITUTE = "substitute"
    OVERRIDE = "override"


@dataclass(frozen=True, order=True)
class Slot:
    """A leg's occurrence on one local day, before anyone is assigned to it.

    ``nominal_start`` is the UTC instant of the window start: stable under reassignment,
    so feeds derive their UIDs from (leg, nominal_start).
    """

    nominal_start: datetime
    end: datetime
    leg: str
    site: str
    day: date
    turn: int

    @property
    def start(self) -> datetime:
        return self.nominal_start


@dataclass(frozen=True)
class Shift:
    """One member on call from ``start`` to ``end``.

    ``leg``/``slot_start`` identify the rota slot the shift came from (None for an added
    override), ``replaces`` the member it stands in for (substitutes and overrides).
    """

    member: str
    site: str
    start: datetime
    end: datetime
    source: Source = Source.ROTATION
    replaces: str | None = None
    leg: str | None = None
    slot_start: datetime | None = None
    override_index: int | None = None

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def covers(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def sort_key(self) -> tuple:
        return SHIFT_ORDER(self)


SHIFT_ORDER = attrgetter("start", "end", "site", "member")  # C-speed sort key: start, end, site, member
START = attrgetter("start")


def sorted_by(items: Iterable[T], key: Callable[[T], tuple], first: Callable[[T], object]) -> list[T]:
    """``sorted(items, key=key)`` where ``first(x)`` is ``key(x)[0]``, without a key tuple per item.

    Items are sorted by ``first`` alone (one datetime compare each, no tuple built); only runs
    of equal ``first`` values, found by comparing neighbours in C, are then sorted by the whole
    key. Both sorts are stable, so the order is exactly the full sort's, ties included; a
    year's schedule has few or no such runs.
    """
    out = sorted(items, key=first)
    firsts = list(map(first, out))
    ties = list(compress(count(1), map(eq, islice(firsts, 1, None), firsts)))  # i: firsts[i] == firsts[i - 1]
    k, n = 0, len(ties)
    while k < n:
        lo = ties[k] - 1
        hi = ties[k] + 1
        k += 1
        while k < n and ties[k] == hi:
            hi += 1
            k += 1
        out[lo:hi] = sorted(out[lo:hi], key=key)
    return out

_new = object.__new__


def make_shift(member: str, site: str, start: datetime, end: datetime, source: Source,
               replaces: str | None, leg: str | None, slot_start: datetime | None,
               override_index: int | None = None) -> Shift:
    """``Shift(...)`` for hot loops: the same object, built about three times faster.

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` once per field;
    a year of shifts pays that ten thousand times. Filling the instance dict directly gives
    an object that compares, hashes, prints and ``dataclasses.replace``-s identically
    (tests/test_core_fast_report.py checks it). All arguments are positional and required
    except ``override_index``, so a new field cannot be forgotten silently: add it here.
    """
    sh = _new(Shift)
    d = sh.__dict__
    d["member"] = member
    d["site"] = site
    d["start"] = start
    d["end"] = end
    d["source"] = source
    d["replaces"] = replaces
    d["leg"] = leg
    d["slot_start"] = slot_start
    d["override_index"] = override_index
    return sh


@dataclass(frozen=True)
class UncoveredSlot:
    """A slot whose member and every substitute were unavailable."""

    slot: Slot
    member: str


@dataclass(frozen=True)
class Handoff:
    """Coverage passes from ``outgoing`` to ``incoming`` at ``at`` (the outgoing shift's end).

    The overlap window [start, end) is when both are on call; ``end == at``. A zero-length
    overlap is a hard handoff.
    """

    outgoing: Shift
    incoming: Shift

    @property
    def from_member(self) -> str:
        return self.outgoing.member

    @property
    def to_member(self) -> str:
        return self.incoming.member

    @property
    def at(self) -> datetime:
        return self.outgoing.end

    @property
    def start(self) -> datetime:
        return max(self.outgoing.start, self.incoming.start)

    @property
    def end(self) -> datetime:
        return self.outgoing.end

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)

    @property
    def is_hard(self) -> bool:
        return self.end == self.start

    @property
    def is_gap(self) -> bool:
        """A gap between two members, read as a handoff with negative overlap (see
        :func:`oncall.core.coverage.gap_handoffs`)."""
        return self.end < self.start

    def key(self) -> tuple[str, str, datetime]:
        """What a handoff note is keyed to: outgoing, incoming, instant."""
        return (self.from_member, self.to_member, self.at)


def make_handoff(outgoing: Shift, incoming: Shift) -> Handoff:
    """``Handoff(outgoing, incoming)`` for the sweep's hot loop.

    Two ``object.__setattr__`` calls instead of the dataclass ``__init__``; unlike
    :func:`make_shift` it does not fill ``__dict__``: that would give each of a year's
    thousand handoffs a dict of its own (more for the garbage collector to walk, and slower
    reads of ``outgoing``/``incoming`` for the junctions and the hard-handoff count), which
    costs more than the two calls save with only two fields.
    """
    h = _new(Handoff)
    _set(h, "outgoing", outgoing)
    _set(h, "incoming", incoming)
    return h


_set = object.__setattr__


@dataclass(frozen=True)
class Gap:
    """Time nobody covers; ``before``/``after`` are the shifts that border it, if any."""

    start: datetime
    end: datetime
    before: Shift | None = None
    after: Shift | None = None

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)


def make_gap(start: datetime, end: datetime, before: Shift | None, after: Shift | None) -> Gap:
    """``Gap(start, end, before, after)`` for the gap sweep, set field by field like
    :func:`make_handoff`: a year has a hundred or more, and the frozen ``__init__``'s call
    and per-field lookups were most of the sweep's time."""
    g = _new(Gap)
    _set(g, "start", start)
    _set(g, "end", end)
    _set(g, "before", before)
    _set(g, "after", after)
    return g
