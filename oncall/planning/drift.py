"""The drift fixer: window adjustments that keep every handoff overlapped in every DST season.

``plan_drift(team, start, end)`` finds, for every junction between consecutive legs and every
season of the range (see :mod:`.seasons`), where the overlap falls below the team's
``handoff_overlap`` (gaps included), lets :mod:`.drift_solver` decide which side extends by
how much, turns those decisions into ``[[adjustment]]`` entries (one per leg per run of
seasons with the same extension), and has the engine judge the planned team.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from oncall.core.model import Adjustment, LocalWindow, Team

from .adjustment_runs import RunDay, build_runs, expand
from .drift_solver import Allocation, Need, Slot, allocate, closable
from .judge import Judged, judge
from .junctions import JunctionDay, junction_days
from .occurrences import LegDays, adjustments_of, all_leg_days
from .seasons import Season, Seasons, clock_state, split_seasons

MAX_WINDOW_MINUTES = 1439  # a window of 24 h would be a whole day, not a longer shift


class PlanError(ValueError):
    """The request cannot be planned (a bad range or limit); the message says why."""


@dataclass(frozen=True)
class Unclosable:
    """A shortfall no choice within the limits closes, with the reason in words."""

    outgoing: str
    incoming: str
    season: Season  # the span of consecutive seasons it covers (index: the first)
    minutes_short: int  # the largest shortfall among them
    reason: str
    seasons: tuple[int, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """One adjustment with what it is for: the words and figures a lead reviews."""

    adjustment: Adjustment
    base: LocalWindow  # the window those days used before
    earlier: int  # minutes the start moves earlier
    later: int  # minutes the end moves later
    seasons: frozenset[int]
    junctions: tuple[tuple[str, str], ...]  # (outgoing, incoming) legs it serves


@dataclass(frozen=True)
class DriftPlan:
    team: Team  # as given
    planned: Team  # with the adjustments
    start: datetime
    end: datetime
    max_window: int  # minutes
    seasons: Seasons
    proposals: tuple[Proposal, ...]
    removed: tuple[Adjustment, ...]  # existing adjustments the plan re-expresses
    unclosable: tuple[Unclosable, ...]
    before: Judged
    after: Judged
    problems: tuple[str, ...] = field(default=())  # where the engine disagrees with the plan

    @property
    def added(self) -> tuple[Adjustment, ...]:
        return tuple(p.adjustment for p in self.proposals)

    @property
    def junction_keys(self) -> list[tuple[str, str]]:
        keys = {(a, b) for a, b, _ in self.before.minima} | {(a, b) for a, b, _ in self.after.minima}
        return sorted(keys)


def default_max_window(team: Team) -> int:
    """The longest window the team already has (adjustments included), plus one hour."""
    lengths = [leg.window.nominal_minutes for leg in team.legs]
    lengths += [a.window.nominal_minutes for a in team.adjustments]
    return min(MAX_WINDOW_MINUTES, max(lengths, default=480) + 60)


def plan_drift(team: Team, start: datetime, end: datetime, max_window: int | None = None) -> DriftPlan:
    """Propose adjustments for [start, end) (aware UTC instants) and judge them with the engine."""
    if end <= start:
        raise PlanError(f"the range ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    limit = default_max_window(team) if max_window is None else max_window
    if not 0 < limit <= MAX_WINDOW_MINUTES:
        raise PlanError("--max-window must be more than 0 and less than 24 h")
    seasons = split_seasons(team, start, end)
    legs = all_leg_days(team, start, end)
    junctions = junction_days(legs.values(), start, end)
    floor = round(team.handoff_overlap.total_seconds() / 60)
    slots, season_of = _slots(team, legs, seasons, start, end, limit)
    needs = _needs(junctions, seasons, floor)
    alloc = allocate(needs, slots, len(seasons))
    unresolved = {n.key for n in alloc.unresolved}
    proposals, removed = _proposals(team, legs, season_of, alloc, needs, seasons, unresolved)
    kept = [a for a in team.adjustments if a not in removed]
    planned = team.evolve(adjustments=tuple(sorted(kept + [p.adjustment for p in proposals],
                                                   key=lambda a: (a.leg, a.start))))
    unclosable = _unclosables(team, alloc.unresolved, needs, slots, seasons, limit)
    before = judge(team, start, end, seasons)
    after = before if not proposals else judge(planned, start, end, seasons)
    problems = _problems(team, after, floor, unclosable, limit, planned)
    return DriftPlan(team, planned, start, end, limit, seasons, tuple(proposals), tuple(removed),
                     unclosable, before, after, problems)


def _slots(team: Team, legs: dict[str, LegDays], seasons: Seasons, start: datetime, end: datetime,
           limit: int) -> tuple[dict[tuple[str, int], Slot], dict[str, dict[int, int]]]:
    """Per leg and season: its days, room and cost window; and each day's season per leg."""
    lo, hi = start.timestamp(), end.timestamp()
    slots: dict[tuple[str, int], Slot] = {}
    season_of: dict[str, dict[int, int]] = {}
    for leg_id, ld in legs.items():
        site = team.site(ld.leg.site)
        days_by_season: dict[int, list[int]] = {}
        mapping = season_of.setdefault(leg_id, {})
        for occ in ld.occurrences:
            if occ.end <= lo or occ.start >= hi:
                continue
            s = seasons.index_at(occ.start)
            mapping[occ.day] = s
            days_by_season.setdefault(s, []).append(occ.day)
        for s, days in days_by_season.items():
            windows = [ld.windows[d] for d in days]
            common = Counter(windows).most_common(1)[0][0]
            longest = max(w.nominal_minutes for w in windows)
            slots[(leg_id, s)] = Slot(leg_id, s, site.id, len(days), max(0, limit - longest),
                                      min(w.start for w in windows), common, site.working_hours)
    return slots, season_of


def _needs(junctions: list[JunctionDay], seasons: Seasons, floor: int) -> list[Need]:
    worst: dict[tuple[str, int, str, int], int] = {}
    for jd in junctions:
        short = floor - jd.minutes
        if short <= 0:
            continue
        key = (jd.outgoing.leg, seasons.index_at(jd.outgoing.start), jd.incoming.leg,
               seasons.index_at(jd.incoming.start))
        if short > worst.get(key, 0):
            worst[key] = short
    return [Need(a, sa, b, sb, m) for (a, sa, b, sb), m in worst.items()]


def _proposals(team: Team, legs: dict[str, LegDays], season_of: dict[str, dict[int, int]],
               alloc: Allocation, needs: list[Need], seasons: Seasons,
               unresolved: set) -> tuple[list[Proposal], list[Adjustment]]:
    serves: dict[tuple[str, int], set[tuple[str, str]]] = {}
    for n in needs:
        if n.key in unresolved:
            continue
        if alloc.end.get((n.outgoing, n.out_season)):
            serves.setdefault((n.outgoing, n.out_season), set()).add((n.outgoing, n.incoming))
        if alloc.start.get((n.incoming, n.in_season)):
            serves.setdefault((n.incoming, n.in_season), set()).add((n.outgoing, n.incoming))
    proposals: list[Proposal] = []
    removed: list[Adjustment] = []
    for leg_id, ld in legs.items():
        changed: dict[int, RunDay] = {}
        for day, s in season_of.get(leg_id, {}).items():
            early, late = alloc.deltas((leg_id, s))
            if early or late:
                base = ld.windows[day]
                changed[day] = RunDay(expand(base, early, late), base, early, late, s)
        if not changed:
            continue
        existing = adjustments_of(team, leg_id)
        runs, dropped = build_runs(ld.leg, existing, changed)
        removed += dropped
        for run in runs:
            served = sorted({j for s in run.seasons for j in serves.get((leg_id, s), ())})
            reason = _reason(team, served, [seasons.items[s] for s in sorted(run.seasons)])
            adjustment = Adjustment(leg_id, run.start, run.end, run.window, reason or run.reason)
            proposals.append(Proposal(adjustment, run.base, run.earlier, run.later,
                                      frozenset(run.seasons), tuple(served)))
    proposals.sort(key=lambda p: (p.adjustment.start, p.adjustment.leg))
    return proposals, removed


def _reason(team: Team, served: list[tuple[str, str]], seasons: list[Season]) -> str | None:
    """Why: the clocks of the sites at each end of the junctions this adjustment keeps overlapped."""
    if not served or not seasons:
        return None
    phrases: list[str] = []
    for season in seasons:
        at = season.start + (season.end - season.start) / 2
        for a, b in served:
            sa, sb = team.leg(a).site, team.leg(b).site
            text = f"{clock_state(team, sa, at)}, {clock_state(team, sb, at)}"
            if text not in phrases:
                phrases.append(text)
    if len(phrases) > 3:
        phrases = phrases[:3] + [f"{len(phrases) - 3} more"]
    return "; ".join(phrases)


def _unclosables(team: Team, unresolved: list[Need], needs: list[Need], slots: dict, seasons: Seasons,
                 limit: int) -> tuple[Unclosable, ...]:
    """One entry per junction and run of seasons (the largest shortfall), in time order.

    Seasons in between where the junction has no shortfall at all (a three-hour season
    between two other sites' clock changes) do not break a run.
    """
    needed = {(n.outgoing, n.incoming, n.out_season) for n in needs}
    worst: dict[tuple[str, str, int], Need] = {}
    for n in unresolved:
        key = (n.outgoing, n.incoming, n.out_season)
        if key not in worst or n.minutes > worst[key].minutes:
            worst[key] = n
    found = sorted((_unclosable(team, n, slots, seasons, limit) for n in worst.values()),
                   key=lambda u: (u.outgoing, u.incoming, u.season.index))
    merged: list[Unclosable] = []
    for u in found:  # consecutive seasons of one junction read as one entry
        last = merged[-1] if merged else None
        between = range(last.seasons[-1] + 1, u.season.index) if last else range(0)
        if last and (last.outgoing, last.incoming) == (u.outgoing, u.incoming) and not any(
                (u.outgoing, u.incoming, k) in needed for k in between):
            worse = u if u.minutes_short > last.minutes_short else last
            merged[-1] = Unclosable(u.outgoing, u.incoming, Season(last.season.index, last.season.start, u.season.end),
                                    worse.minutes_short, worse.reason, last.seasons + (u.season.index,))
        else:
            merged.append(u)
    return tuple(sorted(merged, key=lambda u: (u.season.index, u.outgoing, u.incoming)))


def _unclosable(team: Team, need: Need, slots: dict, seasons: Seasons, limit: int) -> Unclosable:
    out_slot, in_slot = slots.get((need.outgoing, need.out_season)), slots.get((need.incoming, need.in_season))
    a, b = team.leg(need.outgoing), team.leg(need.incoming)
    name_a, name_b = team.site(a.site).name, team.site(b.site).name
    parts = [f"it needs {_minutes(need.minutes)} more overlap"]
    room_a = out_slot.room if out_slot else 0
    parts.append(f"{name_a}'s window ({a.window}) can end at most {_minutes(room_a)} later")
    if in_slot is None:
        parts.append(f"{name_b}'s window cannot start earlier")
    elif in_slot.start_room < in_slot.room:
        parts.append(f"{name_b}'s window ({b.window}) can start at most {_minutes(in_slot.start_room)} "
                     f"earlier before it would start on the previous day")
    else:
        parts.append(f"{name_b}'s window ({b.window}) can start at most {_minutes(in_slot.room)} earlier")
    why = "; ".join(parts) + f" within the {_minutes(limit)} window limit (--max-window)"
    if closable(need, slots):
        why += ", and the room left after the other repairs does not cover it"
    season = seasons.items[need.out_season]
    return Unclosable(need.outgoing, need.incoming, season, need.minutes, why, (season.index,))


def _problems(team: Team, after: Judged, floor: int, unclosable: tuple[Unclosable, ...], limit: int,
              planned: Team) -> tuple[str, ...]:
    """Where the engine still finds a junction short that the plan claims to have closed."""
    expected = {(u.outgoing, u.incoming, s) for u in unclosable for s in u.seasons}
    out: list[str] = []
    for (a, b, s), (minutes, at) in sorted(after.minima.items()):
        if minutes < floor and (a, b, s) not in expected:
            out.append(f"{a} to {b}: the engine still finds {minutes} min overlap at {at:%Y-%m-%d %H:%MZ}")
    for adj in planned.adjustments:
        if adj not in team.adjustments and adj.window.nominal_minutes > limit:
            out.append(f"{adj.leg} from {adj.start}: window {adj.window} is longer than the limit")
    return tuple(out)


def _minutes(m: int) -> str:
    h, mm = divmod(abs(m), 60)
    text = f"{h} h {mm} min" if h and mm else f"{h} h" if h else f"{mm} min"
    return ("-" if m < 0 else "") + text
