"""The coverage report: shifts, handoffs, gaps, member figures, quality and findings.

Quality (percentages rounded to 0.1; the contract is in docs/team-file.md):

* coverage: the covered share of the range;
* balance: the mean, over pairs of members of the same leg, of min(hours) / max(hours)
  (a pair where both have 0 hours counts as balanced);
* out-of-hours balance: the same on out-of-hours figures;
* score: coverage dominates, because a rota with a hole in it is broken however fair it is.
  With B = (balance + out-of-hours balance) / 2:
  - any uncovered minute (red): round(coverage / 100 * (39 + 20 * B / 100)), at most 59;
  - else any hard handoff (amber): 60 + round(19 * B / 100), 60-79;
  - else (green): 80 + round(20 * B / 100), 80-100;
  a range nobody covers at all (an empty team) scores 0.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .coverage import gaps_in_order, handoffs_in_order
from .figures import MemberFigures, SiteCalendar, figures_from_calendars
from .findings import (
    Finding, drift_findings, holiday_findings, override_conflict_findings, uncovered_findings,
)
from .gap_groups import GapGroup, group_gaps
from .junctions import NORMAL_SPAN, junction_series, normal_overlaps, normals_from, normals_of
from .model import Team
from .schedule import compute_schedule
from .shifts import Gap, Handoff, Shift, UncoveredSlot


@dataclass(frozen=True)
class Quality:
    coverage: float
    balance: float
    out_of_hours_balance: float
    score: int
    gap_minutes: int = 0  # uncovered minutes in the range
    hard_handoffs: int = 0  # handoffs with 0 min overlap

    @property
    def grade(self) -> str:
        """``red`` (a gap), ``amber`` (a hard handoff) or ``green``: what the score's colour says."""
        return "green" if self.score >= 80 else "amber" if self.score >= 60 else "red"


@dataclass(frozen=True)
class Report:
    start: datetime
    end: datetime
    shifts: tuple[Shift, ...]
    handoffs: tuple[Handoff, ...]
    gaps: tuple[Gap, ...]
    members: tuple[MemberFigures, ...]
    quality: Quality
    warnings: tuple[Finding, ...]
    uncovered: tuple[UncoveredSlot, ...]
    # (outgoing leg, incoming leg) -> the junction's normal overlap in minutes (core.junctions)
    normals: Mapping[tuple[str, str], int] = field(default_factory=dict)
    gap_groups: tuple[GapGroup, ...] = ()  # the gaps grouped by cause (core.gap_groups)


def build_report(team: Team, start: datetime, end: datetime) -> Report:
    """Everything a lead needs to judge [start, end). Instants are aware UTC datetimes."""
    if end <= start:
        raise ValueError(f"report range ends ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M})")
    # Compute a margin around the range so handoffs and gaps at its edges see both sides.
    margin = timedelta(days=2)
    schedule = compute_schedule(team, start - margin, end + margin)
    everything = schedule.shifts
    shifts = _inside(everything, start, end)
    handoffs = tuple(handoffs_in_order(everything, start, end))  # a schedule is sorted by SHIFT_ORDER
    gaps = tuple(gaps_in_order(everything, start, end))
    # One calendar per site serves both the figures and the holiday findings.
    calendars = {s.id: SiteCalendar(s, (start - margin).date(), (end + margin).date()) for s in team.sites}
    figures = figures_from_calendars(team, calendars, shifts, start, end)
    uncovered = tuple(u for u in schedule.uncovered if u.slot.end > start and u.slot.start < end)
    # The designed overlap of each junction over the 365 days from the range start, read from
    # this report when it spans them and has nothing but the rota in it (no extra cost): a
    # range of exactly those days shares its junctions with the drift findings.
    series = junction_series(handoffs, gaps)
    if end - start >= NORMAL_SPAN and not team.overrides and not team.unavailable:
        normals = normals_of(series) if end - start == NORMAL_SPAN else normals_from(handoffs, gaps, start)
    else:
        normals = normal_overlaps(team, start)
    warnings = (
        drift_findings(team, handoffs, gaps, normals, series)
        + holiday_findings(team, shifts, {k: c for k, c in calendars.items() if c.site.holidays}, start, end)
        + uncovered_findings(team, uncovered)
        + override_conflict_findings(team, shifts)
    )
    warnings.sort(key=lambda f: (f.start, f.kind))
    # Handoff.is_hard without two property calls per handoff: a schedule's shifts end after
    # they start, so the overlap is empty exactly when the incoming shift starts at the handoff.
    hard = sum(1 for h in handoffs if h.incoming.start == h.outgoing.end)
    quality = compute_quality(team, gaps, figures, start, end, hard)
    return Report(start, end, shifts, handoffs, gaps, tuple(figures), quality, tuple(warnings), uncovered, normals,
                  tuple(group_gaps(team, gaps, uncovered)))


def _inside(ordered: tuple[Shift, ...], start: datetime, end: datetime) -> tuple[Shift, ...]:
    """The shifts of a schedule (sorted by start, each ending after it starts) that meet [start, end).

    Those starting inside the range are one run found by bisection; only the few starting
    before it (the schedule's margin) are looked at one by one.
    """
    starts = [sh.start for sh in ordered]
    first, stop = bisect_left(starts, start), bisect_left(starts, end)
    return tuple([sh for sh in ordered[:first] if sh.end > start] + list(ordered[first:stop]))


def _pair_balance(values: dict[str, float], groups: list[tuple[str, ...]]) -> float:
    """The mean over pairs of members of one group of min/max (0 and 0 count as 1).

    Linear after a sort per group, not pairwise: with each group's values ascending, the
    pairs whose larger value is v[j] contribute (v[0] + ... + v[j-1]) / v[j], or j pairs
    of two zeros when v[j] is 0 (values are hours, never negative). A 10,000-member leg
    has fifty million pairs; tests check this against the pairwise definition.
    """
    total, pairs = 0.0, 0
    for group in groups:
        ordered = sorted(values.get(m, 0.0) for m in set(group))
        below = 0.0
        for j, v in enumerate(ordered):
            total += j if v == 0 else below / v
            below += v
        pairs += len(ordered) * (len(ordered) - 1) // 2
    return 100.0 * total / pairs if pairs else 100.0


pair_balance = _pair_balance  # the one balance definition, for planners that report it per leg


def compute_quality(team: Team, gaps: tuple[Gap, ...], figures: list[MemberFigures],
                    start: datetime, end: datetime, hard_handoffs: int = 0) -> Quality:
    """Quality from the range's gaps (covered = range - gaps), hard handoffs and member figures."""
    total = (end - start).total_seconds()
    gap_seconds = sum((g.end - g.start).total_seconds() for g in gaps)
    coverage = 100.0 * (total - gap_seconds) / total
    groups = [leg.rotation for leg in team.legs]
    hours = {f.member: f.hours for f in figures}
    ooh = {f.member: f.out_of_hours for f in figures}
    balance = _pair_balance(hours, groups)
    ooh_balance = _pair_balance(ooh, groups)
    gap_minutes = round(gap_seconds / 60)
    score = quality_score(coverage, balance, ooh_balance, gap_seconds > 0, hard_handoffs)
    return Quality(round(coverage, 1), round(balance, 1), round(ooh_balance, 1), score,
                   gap_minutes, hard_handoffs)


def quality_score(coverage: float, balance: float, ooh_balance: float, has_gap: bool, hard_handoffs: int) -> int:
    """The score bands of the module docstring: red <= 59, amber 60-79, green 80-100."""
    b = (balance + ooh_balance) / 200  # 0..1: fairness decides within a band
    if has_gap:
        return min(59, round(coverage / 100 * (39 + 20 * b)))
    if hard_handoffs:
        return 60 + round(19 * b)
    return 80 + round(20 * b)


def iso_z(instant: datetime) -> str:
    """ISO 8601 in UTC with a ``Z`` suffix (seconds only when not zero)."""
    text = instant.strftime("%Y-%m-%dT%H:%M:%S")
    return text + "Z"


def report_to_dict(report: Report) -> dict:
    """The JSON shape of ``oncall report --format json`` (a public contract)."""
    return {
        "range": {"start": iso_z(report.start), "end": iso_z(report.end)},
        "shifts": [
            {"member": s.member, "site": s.site, "start": iso_z(s.start), "end": iso_z(s.end),
             "source": s.source.value, "replaces": s.replaces}
            for s in report.shifts
        ],
        "handoffs": [
            {"from": h.from_member, "to": h.to_member, "start": iso_z(h.start), "end": iso_z(h.end),
             "minutes": h.minutes}
            for h in report.handoffs
        ],
        "gaps": [{"start": iso_z(g.start), "end": iso_z(g.end), "minutes": g.minutes} for g in report.gaps],
        "members": [
            {"member": f.member, "hours": f.hours, "shifts": f.shifts, "out_of_hours": f.out_of_hours,
             "weekend_hours": f.weekend_hours, "holiday_hours": f.holiday_hours}
            for f in report.members
        ],
        "quality": {"coverage": report.quality.coverage, "balance": report.quality.balance,
                    "out_of_hours_balance": report.quality.out_of_hours_balance,
                    "score": report.quality.score, "gap_minutes": report.quality.gap_minutes,
                    "hard_handoffs": report.quality.hard_handoffs},
        "warnings": [{"kind": w.kind, "message": w.message, "start": iso_z(w.start)} for w in report.warnings],
    }
