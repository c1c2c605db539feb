"""Choose, per leg and season, how much earlier to start and later to end.

The problem: every junction (outgoing leg a, incoming leg b) that falls short of the team's
handoff overlap by ``need`` minutes must get ``end[a] + start[b] >= need`` (a's extension in
the season of a's occurrence, b's in the season of b's), while no leg's window grows past
the window limit and no start moves before local midnight (that would move the occurrence
to another day). Among the ways to do that the planner prefers, in this order of weight:

1. time inside the site's working hours (an hour outside costs three inside);
2. fewer adjustments: extending a leg by the same amount as in the season next to it merges
   into one longer adjustment, a new one costs :data:`NEW_ADJUSTMENT_COST`;
3. balance: the extra minute-days each site takes on, so two sites share a repair over a
   year instead of one site carrying all of it.

It is a greedy pass in time order (shortfalls of one season are few and small), repeated
with the unresolved junctions first when a closable one was left open: a shortfall is
closable when both legs' whole room covers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from oncall.core.model import LocalWindow

OUT_OF_HOURS_WEIGHT = 3.0  # one minute outside working hours costs three inside
BALANCE_WEIGHT = 0.5  # per minute-day of added spread between the busiest and idlest site
NEW_ADJUSTMENT_COST = 3000.0  # minute-days: a season of 50 days at one hour


@dataclass(frozen=True)
class Slot:
    """One leg in one season: what an adjustment there may do and what it costs."""

    leg: str
    season: int
    site: str
    days: int  # occurrences of the leg in the season
    room: int  # minutes the window may grow (window limit minus its longest length)
    start_room: int  # minutes the start may move earlier before it crosses local midnight
    window: LocalWindow  # the window most days of the season use (for the cost)
    working_hours: LocalWindow


@dataclass(frozen=True)
class Need:
    """A junction (a in season sa, b in season sb) that falls ``minutes`` short."""

    outgoing: str
    out_season: int
    incoming: str
    in_season: int
    minutes: int

    @property
    def key(self) -> tuple[str, int, str, int]:
        return self.outgoing, self.out_season, self.incoming, self.in_season


@dataclass
class Allocation:
    start: dict[tuple[str, int], int] = field(default_factory=dict)  # minutes earlier
    end: dict[tuple[str, int], int] = field(default_factory=dict)  # minutes later
    unresolved: list[Need] = field(default_factory=list)
    cost: float = 0.0

    def deltas(self, key: tuple[str, int]) -> tuple[int, int]:
        return self.start.get(key, 0), self.end.get(key, 0)


def minutes_inside(lo: int, hi: int, hours: LocalWindow) -> int:
    """Minutes of [lo, hi) (minutes from a local midnight, may leave 0..1440) within working hours."""
    h_start = hours.start
    h_end = hours.end + (1440 if hours.crosses_midnight else 0)
    total = 0
    for k in range(-2, 3):
        a, b = max(lo, h_start + 1440 * k), min(hi, h_end + 1440 * k)
        if b > a:
            total += b - a
    return total


class _Solver:
    def __init__(self, slots: dict[tuple[str, int], Slot], seasons: int) -> None:
        self.slots = slots
        self.seasons = seasons
        self.alloc = Allocation()
        self.load: dict[str, float] = {s.site: 0.0 for s in slots.values()}

    def room(self, key: tuple[str, int], side: str) -> int:
        slot = self.slots.get(key)
        if slot is None:
            return 0
        s, e = self.alloc.deltas(key)
        free = slot.room - s - e
        if side == "start":
            free = min(free, slot.start_room - s)
        return max(0, free)

    def _runs(self, leg: str, override: tuple[tuple[str, int], tuple[int, int]] | None = None) -> int:
        runs, last = 0, (0, 0)
        for season in range(self.seasons):
            key = (leg, season)
            if key not in self.slots:
                continue
            value = override[1] if override and override[0] == key else self.alloc.deltas(key)
            if value != (0, 0) and value != last:
                runs += 1
            last = value
        return runs

    def cost(self, key: tuple[str, int], side: str, minutes: int) -> float:
        slot = self.slots[key]
        s, e = self.alloc.deltas(key)
        w = slot.window
        if side == "end":
            edge = w.start + w.nominal_minutes + e
            lo, hi = edge, edge + minutes
            after = (s, e + minutes)
        else:
            lo, hi = w.start - s - minutes, w.start - s
            after = (s + minutes, e)
        inside = minutes_inside(lo, hi, slot.working_hours)
        work = slot.days * (inside + OUT_OF_HOURS_WEIGHT * (minutes - inside))
        new_runs = self._runs(slot.leg, (key, after)) - self._runs(slot.leg)
        spread_before = max(self.load.values()) - min(self.load.values())
        load = dict(self.load)
        load[slot.site] += slot.days * minutes
        spread_after = max(load.values()) - min(load.values())
        return work + NEW_ADJUSTMENT_COST * new_runs + BALANCE_WEIGHT * (spread_after - spread_before)

    def give(self, key: tuple[str, int], side: str, minutes: int) -> None:
        if minutes <= 0:
            return
        self.alloc.cost += self.cost(key, side, minutes)
        target = self.alloc.end if side == "end" else self.alloc.start
        target[key] = target.get(key, 0) + minutes
        slot = self.slots[key]
        self.load[slot.site] += slot.days * minutes

    def satisfy(self, need: Need) -> bool:
        out_key, in_key = (need.outgoing, need.out_season), (need.incoming, need.in_season)
        short = need.minutes - self.alloc.end.get(out_key, 0) - self.alloc.start.get(in_key, 0)
        if short <= 0:
            return True
        room_out, room_in = self.room(out_key, "end"), self.room(in_key, "start")
        options = []
        if room_out >= short:
            options.append((self.cost(out_key, "end", short), 0, [(out_key, "end", short)]))
        if room_in >= short:
            options.append((self.cost(in_key, "start", short), 1, [(in_key, "start", short)]))
        if not options and room_out + room_in >= short:
            first_out = self.cost(out_key, "end", 1) <= self.cost(in_key, "start", 1)
            if first_out:
                part = [(out_key, "end", room_out), (in_key, "start", short - room_out)]
            else:
                part = [(in_key, "start", room_in), (out_key, "end", short - room_in)]
            options.append((0.0, 2, part))
        if not options:
            return False
        for key, side, minutes in min(options, key=lambda o: (o[0], o[1]))[2]:
            self.give(key, side, minutes)
        return True


def closable(need: Need, slots: dict[tuple[str, int], Slot]) -> bool:
    """Could the two legs close this shortfall if they spent all their room on it?"""
    out_slot = slots.get((need.outgoing, need.out_season))
    in_slot = slots.get((need.incoming, need.in_season))
    room_out = out_slot.room if out_slot else 0
    room_in = min(in_slot.room, in_slot.start_room) if in_slot else 0
    return room_out + room_in >= need.minutes


def allocate(needs: list[Need], slots: dict[tuple[str, int], Slot], seasons: int,
             attempts: int = 3) -> Allocation:
    """The cheapest allocation the greedy finds, retried with the stubborn shortfalls first."""
    order = sorted(needs, key=lambda n: (n.out_season, -n.minutes, n.outgoing, n.incoming))
    best: Allocation | None = None
    for _ in range(attempts):
        solver = _Solver(slots, seasons)
        for need in order:
            if not solver.satisfy(need):
                solver.alloc.unresolved.append(need)
        result = solver.alloc
        if best is None or (len(result.unresolved), result.cost) < (len(best.unresolved), best.cost):
            best = result
        stubborn = [n for n in result.unresolved if closable(n, slots)]
        if not stubborn:
            break
        first = {n.key for n in stubborn}
        order = stubborn + [n for n in order if n.key not in first]
    assert best is not None
    return best
