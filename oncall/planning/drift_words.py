"""A drift plan in words (text) and as data (JSON): what a lead reviews before applying it.

Each adjustment is told in the site's local time and in UTC, with the overlap of the
junctions it serves before and after (as the engine computes them on the planned team).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.model import LocalWindow, Team, format_hhmm

from .drift import DriftPlan, Proposal


def minutes_text(m: int) -> str:
    h, mm = divmod(abs(m), 60)
    text = f"{h} h {mm} min" if h and mm else f"{h} h" if h else f"{mm} min"
    return ("-" if m < 0 else "") + text


def overlap_text(m: int | None) -> str:
    if m is None:
        return "no handoff"
    if m < 0:
        return f"a {minutes_text(-m)} gap"
    return f"{minutes_text(m)} overlap" if m else "a hard handoff (0 min)"


def day_text(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def leg_name(team: Team, leg_id: str) -> str:
    leg = team.leg(leg_id)
    site = team.site(leg.site)
    same = [lg for lg in team.legs if lg.site == leg.site]
    return site.name if len(same) == 1 else f"{site.name} ({leg_id})"


def utc_window(zone: str, day: date, window: LocalWindow, dash: str = "-") -> str:
    start = tz.resolve(zone, datetime.combine(day, datetime.min.time()) + timedelta(minutes=window.start))
    end = start + timedelta(minutes=window.nominal_minutes)
    return f"{start:%H:%M}Z{dash}{end:%H:%M}Z ({tz.abbreviation(zone, start)}, UTC{tz.format_offset(tz.utc_offset(zone, start))})"


def change_text(p: Proposal) -> str:
    w, b = p.adjustment.window, p.base
    parts = []
    if p.earlier:
        parts.append(f"start at {format_hhmm(w.start)} instead of {format_hhmm(b.start)}")
    if p.later:
        parts.append(f"end at {format_hhmm(w.end)} instead of {format_hhmm(b.end)}")
    return " and ".join(parts) or f"keep {w}"


def utc_views(plan: DriftPlan, p: Proposal, dash: str = "-", day: Callable[[date], str] = day_text) -> list[str]:
    """The window in UTC on each offset the run spans (a run may cross the site's own change).

    The CLI keeps its ASCII text; the Plan dialog passes the en dash and the GUI's day format.
    """
    zone = plan.team.site(plan.team.leg(p.adjustment.leg).site).timezone
    probes = [p.adjustment.start] + [tz.to_local(zone, plan.seasons.items[s].start).date() + timedelta(days=1)
                                     for s in sorted(p.seasons)]
    views: list[str] = []
    for d in sorted(set(x for x in probes if p.adjustment.start <= x < p.adjustment.end)):
        text = utc_window(zone, d, p.adjustment.window, dash)
        if not views or not views[-1].endswith(text):
            views.append(text if not views else f"from {day(d)} {text}")
    return views


def junction_effect(plan: DriftPlan, p: Proposal) -> list[tuple[str, str, int | None, int | None]]:
    out = []
    for a, b in p.junctions:
        out.append((a, b, plan.before.junction_min(a, b, set(p.seasons)), plan.after.junction_min(a, b, set(p.seasons))))
    return out


def render_drift(plan: DriftPlan) -> str:
    team = plan.team
    lines = [f"Drift plan for {team.name}, {plan.start:%Y-%m-%d} to {plan.end:%Y-%m-%d}: "
             f"{len(plan.seasons)} DST seasons, handoff overlap {minutes_text(_floor(team))}, "
             f"window limit {minutes_text(plan.max_window)}", ""]
    if plan.proposals:
        lines.append(f"Proposed adjustments ({len(plan.proposals)}):")
    else:
        lines.append("No adjustment needed." if not plan.unclosable else "No adjustment closes anything.")
    for i, p in enumerate(plan.proposals, 1):
        adj = p.adjustment
        last = adj.end - timedelta(days=1)
        lines.append(f"  {i}. {leg_name(team, adj.leg)}: {change_text(p)} ({adj.window} local), "
                     f"local days {day_text(adj.start)} to {day_text(last)}")
        lines.append(f"     in UTC: {'; '.join(utc_views(plan, p))}")
        for a, b, before, after in junction_effect(plan, p):
            lines.append(f"     {leg_name(team, a)} to {leg_name(team, b)}: {overlap_text(before)} -> {overlap_text(after)}")
        if adj.reason:
            lines.append(f"     why: {adj.reason}")
    if plan.removed:
        lines.append(f"Existing adjustments re-expressed by the plan ({len(plan.removed)}): "
                     + ", ".join(f"{a.leg} {a.start}..{a.end} {a.window}" for a in plan.removed))
    lines += ["", "Junctions (smallest overlap in the range, before -> after):"]
    for a, b in plan.junction_keys:
        lines.append(f"  {leg_name(team, a)} to {leg_name(team, b)}: "
                     f"{overlap_text(plan.before.junction_min(a, b))} -> {overlap_text(plan.after.junction_min(a, b))}")
    lines.append(f"Gap minutes: {plan.before.gap_minutes} -> {plan.after.gap_minutes}")
    if plan.after.edge_gap_minutes:
        lines.append(f"  of which {plan.after.edge_gap_minutes} are not between two legs (before a leg starts, "
                     "after one ends, or a day a leg does not run): no window adjustment closes them")
    if plan.unclosable:
        lines += ["", f"Could not close ({len(plan.unclosable)}):"]
        for u in plan.unclosable:
            lines.append(f"  {leg_name(team, u.outgoing)} to {leg_name(team, u.incoming)}, "
                         f"{_season_text(u.season.start, u.season.end)}: {u.reason}")
    for problem in plan.problems:
        lines.append(f"Engine check failed: {problem}")
    return "\n".join(lines) + "\n"


def _season_text(start: datetime, end: datetime) -> str:
    return f"{start:%Y-%m-%d %H:%MZ} to {end:%Y-%m-%d %H:%MZ}"


def _floor(team: Team) -> int:
    return round(team.handoff_overlap.total_seconds() / 60)


def _iso(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def drift_to_dict(plan: DriftPlan) -> dict:
    """The JSON shape of ``oncall plan --fix drift`` (documented in docs/planning.md)."""
    team = plan.team
    seasons = plan.seasons.items
    return {
        "max_window_minutes": plan.max_window,
        "handoff_overlap_minutes": _floor(team),
        "seasons": [{"start": _iso(s.start), "end": _iso(s.end)} for s in seasons],
        "adjustments": [
            {"leg": p.adjustment.leg, "from": p.adjustment.start.isoformat(), "to": p.adjustment.end.isoformat(),
             "window": str(p.adjustment.window), "reason": p.adjustment.reason, "base_window": str(p.base),
             "earlier_minutes": p.earlier, "later_minutes": p.later,
             "junctions": [{"from_leg": a, "to_leg": b, "before_minutes": before, "after_minutes": after}
                           for a, b, before, after in junction_effect(plan, p)]}
            for p in plan.proposals
        ],
        "removed_adjustments": [{"leg": a.leg, "from": a.start.isoformat(), "to": a.end.isoformat(),
                                 "window": str(a.window)} for a in plan.removed],
        "junctions": [
            {"from_leg": a, "to_leg": b, "before_min_minutes": plan.before.junction_min(a, b),
             "after_min_minutes": plan.after.junction_min(a, b),
             "seasons": [{"season": s.index, "before_min_minutes": plan.before.junction_min(a, b, {s.index}),
                          "after_min_minutes": plan.after.junction_min(a, b, {s.index})} for s in seasons]}
            for a, b in plan.junction_keys
        ],
        "gap_minutes": {"before": plan.before.gap_minutes, "after": plan.after.gap_minutes,
                        "after_not_between_legs": plan.after.edge_gap_minutes},
        "unclosable": [{"from_leg": u.outgoing, "to_leg": u.incoming, "seasons": list(u.seasons),
                        "start": _iso(u.season.start), "end": _iso(u.season.end),
                        "minutes_short": u.minutes_short, "reason": u.reason} for u in plan.unclosable],
        "verified": not plan.problems,
        "problems": list(plan.problems),
    }
