"""``oncall plan`` and the Plan dialog's use case: run planners, then write or save their plan.

A *fixer* is one planner behind a name (``drift`` here; the fair rota planner registers
``fair``). ``--fix all`` runs every registered fixer in its order, drift first, each on the
team the previous one planned, so the fair planner sees the adjusted windows. A fixer
returns a :class:`FixResult`: the planned team plus its own words (text) and data (JSON);
the command and the dialog only know this interface.

Register another fixer with :func:`register_fixer` below this module's own; a fixer imports
its planner inside its body, so the solver it needs is only loaded when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oncall.core import team_rules
from oncall.core import timezones as tz
from oncall.core.model import Adjustment, Team


class PlanningError(Exception):
    """A plan could not be made, written or saved; the message says why (nothing was changed)."""


@dataclass(frozen=True)
class PlanRequest:
    start: date  # UTC midnight, inclusive
    end: date  # UTC midnight, exclusive
    fixes: tuple[str, ...] = ("drift",)
    max_window: int | None = None  # minutes; None: the longest window the team has + 1 h
    options: Mapping[str, Any] = field(default_factory=dict)  # per-fixer settings (e.g. fair weights)

    @property
    def start_utc(self) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=tz.UTC)

    @property
    def end_utc(self) -> datetime:
        return datetime(self.end.year, self.end.month, self.end.day, tzinfo=tz.UTC)


@dataclass(frozen=True)
class FixResult:
    """What one fixer proposes: the planned team, how to tell it, and the planner's own result."""

    name: str
    before: Team
    after: Team
    text: str
    data: dict
    detail: Any = None  # the planner's result object (DriftPlan, ...), for the GUI


@dataclass(frozen=True)
class PlanOutcome:
    request: PlanRequest
    team: Team
    results: tuple[FixResult, ...]

    @property
    def planned(self) -> Team:
        return self.results[-1].after if self.results else self.team

    @property
    def changes_anything(self) -> bool:
        return self.planned != self.team

    def result(self, name: str) -> FixResult | None:
        return next((r for r in self.results if r.name == name), None)

    def text(self) -> str:
        return "\n".join(r.text for r in self.results)

    def to_dict(self) -> dict:
        return {"team": self.team.name,
                "range": {"start": self.request.start.isoformat(), "end": self.request.end.isoformat()},
                "fixes": [r.name for r in self.results],
                **{r.name: r.data for r in self.results}}


Fixer = Callable[[Team, PlanRequest, Any], FixResult]  # the third: a SolveControl or None
_FIXERS: dict[str, Fixer] = {}  # in the order --fix all runs them


def register_fixer(name: str, fixer: Fixer) -> None:
    """Make ``--fix NAME`` (and the dialog) run ``fixer``; ``--fix all`` runs fixers in this order."""
    _FIXERS[name] = fixer


def fixer_names() -> list[str]:
    return list(_FIXERS)


def fix_choices() -> list[str]:
    return fixer_names() + ["all"]


def expand_fixes(fixes: tuple[str, ...]) -> tuple[str, ...]:
    """``all`` is every fixer in registration order; others keep that order too, once each."""
    unknown = [f for f in fixes if f != "all" and f not in _FIXERS]
    if unknown:
        raise PlanningError(f"unknown fix {unknown[0]!r} (choose from {', '.join(fix_choices())})")
    wanted = set(fixer_names()) if "all" in fixes else set(fixes)
    return tuple(n for n in fixer_names() if n in wanted)


def plan(team: Team, request: PlanRequest, control=None) -> PlanOutcome:
    """Run the requested fixers in order. ``control`` (a fair_planning.SolveControl, from the
    desktop app's worker thread) is handed to each fixer: it may cancel (PlanCancelled) but
    never changes a plan, so the dialog's plan is the command's."""
    if request.end <= request.start:
        raise PlanningError(f"--to ({request.end}) must be after --from ({request.start})")
    from oncall.core.limits import LimitError, check_range

    try:
        check_range(request.start, request.end)
    except LimitError as exc:
        raise PlanningError(str(exc)) from None
    results: list[FixResult] = []
    current = team
    for name in expand_fixes(request.fixes):
        result = _FIXERS[name](current, request, control)
        results.append(result)
        current = result.after
    return PlanOutcome(request, team, tuple(results))


def fix_drift(team: Team, request: PlanRequest, control=None) -> FixResult:
    """The drift fixer (:mod:`oncall.planning.drift`) as a registered fixer (fast: cancelled only before it starts)."""
    if control is not None:
        control.check()
    from oncall.planning.drift import PlanError, plan_drift
    from oncall.planning.drift_words import drift_to_dict, render_drift

    try:
        result = plan_drift(team, request.start_utc, request.end_utc, request.max_window)
    except PlanError as exc:
        raise PlanningError(str(exc)) from None
    return FixResult("drift", team, result.planned, render_drift(result), drift_to_dict(result), result)


register_fixer("drift", fix_drift)

from oncall.services.fair_planning import fix_fair  # noqa: E402  (after drift: --fix all runs drift first)

register_fixer("fair", fix_fair)


# -- writing and saving a plan -------------------------------------------------------------------

def adjustments_toml(adjustments: list[Adjustment]) -> str:
    """``[[adjustment]]`` tables in the team-file contract's spelling (dates as strings)."""
    import tomli_w

    rows = []
    for a in adjustments:
        row = {"leg": a.leg, "from": a.start.isoformat(), "to": a.end.isoformat(), "window": str(a.window)}
        if a.reason:
            row["reason"] = a.reason
        rows.append(row)
    return tomli_w.dumps({"adjustment": rows}) if rows else ""


def planned_file_text(outcome: PlanOutcome, original: str | None) -> str:
    """The planned team file.

    From a team file whose plan only adds adjustments and overrides (appended after the
    existing ones): the file as it was, byte for byte, with the new ``[[adjustment]]`` and
    ``[[override]]`` tables appended (comments and layout kept). Otherwise (a database, or a
    plan that rewrites existing entries): the whole team written out.
    """
    team, planned = outcome.team, outcome.planned
    added = [a for a in planned.adjustments if a not in team.adjustments]
    kept = len(team.overrides)
    added_overrides = list(planned.overrides[kept:]) if planned.overrides[:kept] == team.overrides else None
    only_added = added_overrides is not None and planned.evolve(
        adjustments=team.adjustments, overrides=team.overrides) == team and all(
        a in planned.adjustments for a in team.adjustments)
    if original is not None and only_added:
        if not added and not added_overrides:
            return original
        text = original if original.endswith("\n") else original + "\n"
        if added:
            text += "\n# Window adjustments proposed by `oncall plan --fix drift`\n" + adjustments_toml(added)
        if added_overrides:
            from oncall.core.teamfile_write import dump_overrides

            text += "\n# Turns reassigned by `oncall plan --fix fair`\n" + dump_overrides(planned, added_overrides)
        return text
    from oncall.core.teamfile import dump_team

    return dump_team(planned)


def write_planned_file(path: str | Path, outcome: PlanOutcome, original: str | None) -> None:
    from oncall.atomic_file import write_atomic

    try:
        write_atomic(Path(path), planned_file_text(outcome, original).encode("utf-8"))
    except OSError as exc:
        raise PlanningError(f"cannot write {path}: {exc.strerror or exc}") from None


def read_team_text(path: str | Path) -> str:
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanningError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


def apply_to_database(url: str, outcome: PlanOutcome, *, user: str | None = None) -> int:
    """Save the planned team as one audited change; the number of audit entries it wrote.

    Refused (nothing written) when the stored team is no longer the one that was planned.
    """
    from oncall import storage
    from oncall.services import session

    try:
        db = session.open_database(url, create=False)
    except session.SessionError as exc:
        raise PlanningError(str(exc)) from None
    try:
        base = db.load()
        if base.team != outcome.team:
            raise PlanningError("the team changed in the database since it was planned; plan again")
        invalid = team_rules.problems(outcome.planned)
        if invalid:
            raise PlanningError("not saved: the planned team breaks the team rules: " + "; ".join(invalid))
        saved = db.save(outcome.planned, base, user=user)
        return len(db.changes_in(saved.counter)) if saved.counter != base.counter else 0
    except storage.StorageError as exc:
        raise PlanningError(f"not saved: {exc}") from None
    finally:
        db.close()
