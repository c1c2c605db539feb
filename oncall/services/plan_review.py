"""What the Plan dialog shows of a drift plan: rows, worst days per season, figures before/after.

Pure data from a :class:`~oncall.services.planning.FixResult`, so the dialog only lays it out
and tests read the same words a lead reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from oncall.core.labels import day_span_text, day_text, window_text
from oncall.core.model import Team

EN_DASH = "\u2013"  # windows and spans on screen; the CLI's text keeps ASCII


@dataclass(frozen=True)
class ProposalRow:
    site: str  # "London" (or "London (lon-2)")
    change: str  # "start at 06:00 instead of 07:00"
    window: str  # "06:00–16:00" (en dash, as every screen writes a window)
    days: str  # "Sun 25 Oct 2026 – Mon 4 Jan 2027" (core.labels, as every date label)
    utc: str  # "06:00Z–16:00Z (GMT, UTC+00:00)"
    effect: str  # "Sydney to London: a 30 min gap → 30 min overlap"
    reason: str


@dataclass(frozen=True)
class SeasonDay:
    """The day of a season whose smallest junction overlap is worst (the band to look at)."""

    label: str  # "Mon 5 Jan 2026 – Sun 8 Mar 2026: Sydney to London, a 30 min gap → 30 min overlap"
    day: date  # a UTC day: the band's axis


@dataclass(frozen=True)
class Figures:
    gap_minutes: int
    hard_handoffs: int
    coverage: float
    score: int
    shortest: int | None  # smallest overlap between legs (negative: a gap)


def proposal_rows(result) -> list[ProposalRow]:
    from oncall.planning.drift_words import change_text, junction_effect, leg_name, overlap_text, utc_views

    plan = result.detail
    rows = []
    for p in plan.proposals:
        adj = p.adjustment
        effect = "; ".join(f"{leg_name(plan.team, a)} to {leg_name(plan.team, b)}: "
                           f"{overlap_text(before)} \u2192 {overlap_text(after)}"
                           for a, b, before, after in junction_effect(plan, p))
        rows.append(ProposalRow(leg_name(plan.team, adj.leg), change_text(p), window_text(adj.window),
                                day_span_text(adj.start, adj.end - timedelta(days=1)),
                                "; ".join(utc_views(plan, p, dash=EN_DASH, day=day_text)), effect, adj.reason or ""))
    return rows


def unclosable_lines(result) -> list[str]:
    from oncall.planning.drift_words import leg_name

    plan = result.detail
    return [f"{leg_name(plan.team, u.outgoing)} to {leg_name(plan.team, u.incoming)}, "
            f"{day_span_text(u.season.start.date(), u.season.end.date())}: {u.reason}"
            for u in plan.unclosable]


def season_days(result) -> list[SeasonDay]:
    """Per season with a shortfall before the plan (or a change), its worst day."""
    from oncall.planning.drift_words import leg_name, overlap_text

    plan = result.detail
    floor = round(plan.team.handoff_overlap.total_seconds() / 60)
    changed = {s for p in plan.proposals for s in p.seasons}
    out: list[SeasonDay] = []
    for season in plan.seasons.items:
        found = [(m, at, a, b) for (a, b, s), (m, at) in plan.before.minima.items() if s == season.index]
        if not found:
            continue
        minutes, at, a, b = min(found, key=lambda f: (f[0], f[1]))
        if minutes >= floor and season.index not in changed:
            continue
        after = plan.after.junction_min(a, b, {season.index})
        last = season.end - timedelta(seconds=1)
        out.append(SeasonDay(f"{day_span_text(season.start.date(), last.date())}: "
                             f"{leg_name(plan.team, a)} to {leg_name(plan.team, b)}, "
                             f"{overlap_text(minutes)} \u2192 {overlap_text(after)}", at.date()))
    return out


def figures(result) -> tuple[Figures, Figures]:
    plan = result.detail
    return _figures(plan.before), _figures(plan.after)


def _figures(judged) -> Figures:
    q = judged.report.quality
    values = [m for m, _ in judged.minima.values()]
    return Figures(q.gap_minutes, q.hard_handoffs, q.coverage, q.score, min(values) if values else None)


def with_plan(team: Team, result) -> Team:
    """``team`` with the plan's adjustment changes applied (an edit that survives a rebase)."""
    plan = result.detail
    kept = [a for a in team.adjustments if a not in plan.removed]
    added = [a for a in plan.added if a not in kept]
    return team.evolve(adjustments=tuple(sorted(kept + added, key=lambda a: (a.leg, a.start))))
