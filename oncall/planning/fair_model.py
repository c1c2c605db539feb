"""The fair planner's CP-SAT model: one option per turn, hard rules, a lexicographic objective.

Variables: one boolean per (turn, option) (see :mod:`oncall.planning.fair_turns`), plus one
*relaxed keep* per turn: the turn stays as the rota has it and is exempt from the hard rules.
Hard rules on every other choice:

* exactly one option per turn;
* a member never holds two slots of different legs that overlap or leave less than the
  minimum rest between them;
* per leg, at most K consecutive turns per member (K+1 turns in a row sum to at most K),
  counting the turns just before the range as the schedule has them.

Objective, solved in stages (each stage fixes the previous stage's value and starts from
its solution, so the order is strictly lexicographic and every stage reports its own bound):

0. the fewest relaxed turns (0 whenever a plan satisfies every rule);
1. the sum over legs of the largest difference in weighted out-of-hours minutes;
2. the same for total minutes on call;
3. the fewest turns that differ from the rota.

Stages 0-2 break ties by the fewest changes (weighted below one unit of their own goal), so
a stage the time limit cuts short still prefers the rota among the plans it has seen.

Reproducible: one search worker, a fixed seed, and budgets in CP-SAT's *deterministic time*
(a work count, not the clock): the time limit is shared between groups in proportion to
their turns, then between stages (what a stage does not use flows on to the next), all counted
in deterministic seconds. So the same input and seed give the same plan however loaded the
machine is. The wall clock only backs this up: planning stops at three times the limit plus 10 s
(a machine that busy gets the best plan found by then). OR-Tools
is imported here only, and only when a plan is asked for: start-up never pays for it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from .fair_control import Settled, SolveControl, solution_watcher, wall_backstop
from .fair_figures import ZERO as _ZERO
from .fair_turns import Problem

MISSING_MESSAGE = "the fair planner needs OR-Tools: pip install oncall[planner]"
STAGES = ("relaxed turns", "out-of-hours spread", "hours spread", "changes")


class PlannerUnavailable(RuntimeError):
    """OR-Tools is not installed (it is the optional ``planner`` extra)."""


@dataclass(frozen=True)
class StageResult:
    name: str
    objective: int
    bound: int
    optimal: bool
    seconds: float
    groups: int = 1  # groups of legs solved separately
    reached: int = 1  # of which this stage ran in (the rest kept the previous stage's plan)

    @property
    def gap(self) -> float:
        """Relative distance to the solver's bound over the groups it ran in (0 when proven optimal)."""
        return 0.0 if self.optimal else abs(self.objective - self.bound) / max(1, abs(self.objective))


@dataclass(frozen=True)
class Solution:
    choice: tuple[int, ...]  # per turn: the index of the chosen option
    relaxed: tuple[bool, ...]  # per turn: kept as the rota has it although a rule is broken
    stages: tuple[StageResult, ...]

    @property
    def optimal(self) -> bool:
        return all(s.optimal for s in self.stages) and len(self.stages) == len(STAGES)

    @property
    def gap(self) -> float:
        return max((s.gap for s in self.stages), default=0.0)


def load_cp_model():
    try:
        from ortools.sat.python import cp_model
    except ImportError as exc:
        missing = (getattr(exc, "name", None) or "").split(".")[0]
        # OR-Tools absent: the plain advice. Present but broken (a dependency missing, a
        # frozen app built without a part): the advice plus what failed, for a bug report.
        raise PlannerUnavailable(MISSING_MESSAGE if missing == "ortools" else f"{MISSING_MESSAGE} ({exc})") from exc
    return cp_model


def solve(problem: Problem, control: SolveControl | None = None) -> Solution:
    """Solve each group of legs that share members as its own model, stage by stage.

    Legs that share no member are independent (the objectives are sums over legs and every
    rule between legs goes through a shared member), so small models find and prove their
    optima far sooner than one model of everything. Each stage runs in every group before the
    next stage starts, so a search cut short leaves every group with the same stages done.
    ``control`` (the desktop app's) watches the search and may cancel it (PlanCancelled).
    """
    cp_model = load_cp_model()
    limit = problem.settings.time_limit
    wall_deadline = time.monotonic() + wall_backstop(limit)  # a backstop only (see the module docstring)
    groups = _groups(problem)
    models = []
    for group in groups:  # pure Python: a large group takes a moment, so Cancel is checked between
        if control is not None:
            control.check()
        models.append(_Built(cp_model, problem, group))
    budgets = [limit * len(group) / max(1, len(problem.turns)) for group in groups]
    used = [0.0] * len(groups)
    values: list[dict | None] = [None] * len(groups)
    stages = []
    for k, (name, share) in enumerate(zip(STAGES, _STAGE_SHARE)):
        results = []
        for i, built in enumerate(models):
            remaining = budgets[i] - used[i]
            if values[i] is not None and (remaining <= 0.01 or time.monotonic() >= wall_deadline):
                continue
            if control is not None:
                control.at(k, i + 1, len(groups))
            result, found, det = _stage(cp_model, built, k, share, remaining, problem.settings.seed,
                                        wall_deadline, values[i], control)
            used[i] += det
            if found is not None:
                values[i] = found
                results.append(result)
        if results:
            stages.append(StageResult(name, sum(r.objective for r in results), sum(r.bound for r in results),
                                      len(results) == len(groups) and all(r.optimal for r in results),
                                      sum(r.seconds for r in results), len(groups), len(results)))
            if control is not None:
                control.settle(Settled(k, stages[-1].objective, stages[-1].bound, stages[-1].optimal))
    choice = [0] * len(problem.turns)
    relaxed = [False] * len(problem.turns)
    for group, built, found in zip(groups, models, values):
        assert found is not None
        for k, t in enumerate(group):
            choice[t] = next(j for j, v in enumerate(built.option_vars[k]) if found[v])
            relaxed[t] = bool(found[built.relaxed_vars[k]])
    return Solution(tuple(choice), tuple(relaxed), tuple(stages))


# Share of a group's remaining budget each stage may use; what a stage does not need flows on.
_STAGE_SHARE = (0.1, 0.5, 0.4, 1.0)


def _stage(cp_model, built: "_Built", k: int, share: float, remaining: float, seed: int, wall_deadline: float,
           previous: dict | None, control: SolveControl | None = None
           ) -> tuple[StageResult | None, dict | None, float]:
    """Minimise stage k's objective from the previous stage's solution, then fix the value reached.

    Returns the stage's result, its solution (None when it found none; the earlier one stands)
    and the deterministic time used.
    """
    limit = max(remaining * share, min(remaining, 0.5) if previous is None else 0.05)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.linearization_level = 2  # the LP proves these bounds at once; the default search stalls
    p.random_seed = seed
    p.max_deterministic_time = limit
    p.max_time_in_seconds = max(0.5, wall_deadline - time.monotonic())
    model = built.model
    model.ClearHints()
    if previous is None:
        for strict in built.strict_keep:  # start from the rota as it is
            model.AddHint(strict, 1)
    else:
        for v, x in previous.items():
            model.AddHint(v, x)
    primary, tiebreak = built.objective(k)  # built when first needed: stage 0 solves without the spreads
    weight = built.change_weight
    model.Minimize(primary if tiebreak is None else weight * primary + tiebreak)
    t0 = time.perf_counter()
    if control is None:
        status = solver.solve(model)
    else:  # watched from the GUI: a callback counts plans; Cancel stops the search at once
        with control.solving(solver):
            status = solver.solve(model, solution_watcher(cp_model, control))
    seconds = time.perf_counter() - t0
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        value = round(solver.Value(primary))
        bound = round(solver.BestObjectiveBound())
        if tiebreak is not None:  # a bound on weight * primary + changes bounds primary by its quotient
            bound = max(0, bound) // weight
        found = {v: solver.Value(v) for v in built.all_vars}
        optimal = status == cp_model.OPTIMAL
        model.Add(primary <= value)  # fix what this stage decides; the tie-break stays free
    elif previous is None:
        # No solution within the budget (a huge group): the rota as it is, every turn
        # exempt, is always allowed; the later stages improve on it from there.
        found = built.everything_kept()
        value, bound, optimal = len(built.turns), 0, False
    else:
        return None, None, solver.deterministic_time
    return StageResult(STAGES[k], value, bound, optimal, seconds), found, solver.deterministic_time


def _groups(problem: Problem) -> list[list[int]]:
    """Turn indices grouped by connected legs (legs linked when their rotations share a member)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for leg in problem.team.legs:
        find(leg.id)
        for member in leg.rotation:
            if member in owner:
                parent[find(leg.id)] = find(owner[member])
            else:
                owner[member] = leg.id
    groups: dict[str, list[int]] = {}
    for t, turn in enumerate(problem.turns):
        groups.setdefault(find(turn.leg), []).append(t)
    return list(groups.values())


class _Built:
    """One group's model and its objective expressions, built once and re-minimised per stage.

    ``group`` lists global turn indices; variables are indexed by position in it.
    """

    def __init__(self, cp_model, problem: Problem, group: list[int]) -> None:
        self.problem = problem
        self.turns = [problem.turns[t] for t in group]
        self.legs = list(dict.fromkeys(turn.leg for turn in self.turns))
        m = self.model = cp_model.CpModel()
        self.option_vars: list[list] = []
        self.relaxed_vars: list = []
        self.strict_keep: list = []
        for t, turn in enumerate(self.turns):
            opts = [m.NewBoolVar(f"t{t}o{k}") for k in range(len(turn.options))]
            strict, relaxed = m.NewBoolVar(f"t{t}strict"), m.NewBoolVar(f"t{t}relaxed")
            # Keep is either strict (under the rules) or relaxed (exempt): a plain exactly-one
            # keeps the objective's bound obvious to the solver.
            m.AddExactlyOne([strict, relaxed] + opts[1:])
            m.Add(opts[0] == strict + relaxed)
            self.option_vars.append(opts)
            self.relaxed_vars.append(relaxed)
            self.strict_keep.append(strict)
        self.all_vars = [v for opts in self.option_vars for v in opts] + self.relaxed_vars + self.strict_keep
        self._consecutive()
        self._rest()

    def everything_kept(self) -> dict:
        """Every turn kept as the rota has it and exempt from the rules: always a solution."""
        values = {v: 0 for opts in self.option_vars for v in opts} | {v: 0 for v in self.strict_keep}
        values |= {opts[0]: 1 for opts in self.option_vars} | {v: 1 for v in self.relaxed_vars}
        return values

    def _counted(self, t: int, k: int):
        """The variable that puts option k of turn t under the hard rules."""
        return self.strict_keep[t] if k == 0 else self.option_vars[t][k]

    def _consecutive(self) -> None:
        problem, m = self.problem, self.model
        by_leg: dict[str, dict[int, int]] = defaultdict(dict)
        for t, turn in enumerate(self.turns):
            by_leg[turn.leg][turn.index] = t
        for leg_id, turns in by_leg.items():
            limit = problem.settings.consecutive_for(problem.team.leg(leg_id))
            before = problem.context.get(leg_id, {})
            members = dict.fromkeys(problem.team.leg(leg_id).rotation)
            first = min(turns)
            for start in range(first - limit, max(turns) - limit + 1):
                window = range(start, start + limit + 1)
                for member in members:
                    terms, constant = [], 0
                    for index in window:
                        if index in turns:
                            t = turns[index]
                            terms += [self._counted(t, k) for k, o in enumerate(self.turns[t].options)
                                      if o.turn_holder == member]
                        elif index < first and before.get(index) == member:
                            constant += 1
                    if terms and len(terms) + constant > limit:
                        m.Add(sum(terms) + constant <= limit)

    def _rest(self) -> None:
        """Pairs of options of different legs that would give one member clashing shifts."""
        rest = self.problem.settings.min_rest
        entries: dict[str, list[tuple]] = defaultdict(list)
        for t, turn in enumerate(self.turns):
            for k, option in enumerate(turn.options):
                for member in set(h for h in option.holders if h is not None):
                    spans = [(s.start, s.end) for s, h in zip(turn.slots, option.holders) if h == member]
                    entries[member].append((spans[0][0], spans[-1][1], turn.leg, t, k, spans))
        for items in entries.values():
            if len({e[2] for e in items}) < 2:
                continue
            items.sort(key=lambda e: e[0])
            for i, (s1, e1, leg1, t1, k1, spans1) in enumerate(items):
                for s2, _, leg2, t2, k2, spans2 in items[i + 1:]:
                    if s2 >= e1 + rest:
                        break
                    if leg1 != leg2 and _clash(spans1, spans2, rest):
                        self.model.AddBoolOr([self._counted(t1, k1).Not(), self._counted(t2, k2).Not()])

    @property
    def change_weight(self) -> int:
        """A stage's own goal counts more than every possible change (the tie-break)."""
        return len(self.turns) + 1

    def objective(self, stage: int):
        """Stage ``stage``'s goal and its tie-break (fewest changes), or None for the last stage.

        The spreads' variables and constraints join the model when first needed. The tie-break
        makes every stage prefer the rota among equally good plans, so a stage cut short by
        the time limit does not leave gratuitous changes for the last stage to undo.
        """
        changes = sum(v for opts in self.option_vars for v in opts[1:])
        if stage == 0:
            return sum(self.relaxed_vars), changes
        if stage == 1:
            weights = self.problem.settings.weights
            return self._spread_sum(lambda load: load.weighted(weights)), changes
        if stage == 2:
            return self._spread_sum(lambda load: load.minutes), changes
        return changes, None

    def _spread_sum(self, figure) -> object:
        problem, m = self.problem, self.model
        linear: dict[str, list] = defaultdict(list)
        for t, turn in enumerate(self.turns):
            for k, option in enumerate(turn.options):
                for member, load in option.loads.items():
                    value = figure(load)
                    if value:
                        linear[member].append((self.option_vars[t][k], value))
        total = 0
        for leg_id in self.legs:
            members = list(dict.fromkeys(problem.team.leg(leg_id).rotation))
            if len(members) < 2:
                continue
            base = {x: figure(problem.constant.get(x, _ZERO)) for x in members}
            exprs = [base[x] + sum(v * c for v, c in linear[x]) for x in members]
            top = max(base[x] + sum(c for _, c in linear[x]) for x in members)
            hi, lo = m.NewIntVar(0, top, f"{leg_id}hi"), m.NewIntVar(0, top, f"{leg_id}lo")
            m.AddMaxEquality(hi, exprs)
            m.AddMinEquality(lo, exprs)
            total += hi - lo
            self.all_vars += [hi, lo]
        return total


def _clash(a: list, b: list, rest) -> bool:
    return any(s1 < e2 + rest and s2 < e1 + rest for s1, e1 in a for s2, e2 in b)

