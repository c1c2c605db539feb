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

Reproducible: one search worker, a fixed seed, and budgets in CP-SAT's *deterministic time*
(a work count, not the clock): the time limit is shared between groups in proportion to
their turns, then between stages, and what a stage does not use flows on, all counted in
deterministic seconds. So the same input and seed give the same plan however loaded the
machine is. The wall clock only backs this up: planning stops at three times the limit plus 10 s
(a machine that busy gets the best plan found by then). OR-Tools
is imported here only, and only when a plan is asked for: start-up never pays for it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

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


def solve(problem: Problem) -> Solution:
    """Solve each group of legs that share members on its own, in turn, within the time limit.

    Legs that share no member are independent (the objectives are sums over legs and every
    rule between legs goes through a shared member), so one small model per group finds and
    proves its optimum far sooner than one model of everything.
    """
    cp_model = load_cp_model()
    limit = problem.settings.time_limit
    wall_deadline = time.monotonic() + 3 * limit + 10  # a backstop only (see the module docstring)
    choice = [0] * len(problem.turns)
    relaxed = [False] * len(problem.turns)
    per_stage: list[list[StageResult]] = [[] for _ in STAGES]
    groups = _groups(problem)
    carry = 0.0
    for group in groups:
        budget = limit * len(group) / max(1, len(problem.turns)) + carry
        built = _Built(cp_model, problem, group)
        values, stages, used = _staged(cp_model, built, problem.settings.seed, budget, wall_deadline)
        carry = max(0.0, budget - used)
        for k, t in enumerate(group):
            choice[t] = next(j for j, v in enumerate(built.option_vars[k]) if values[v])
            relaxed[t] = bool(values[built.relaxed_vars[k]])
        for found, result in zip(per_stage, stages):
            found.append(result)
    stages = []
    for name, results in zip(STAGES, per_stage):
        if not results:
            break
        complete = len(results) == len(groups)
        stages.append(StageResult(name, sum(r.objective for r in results), sum(r.bound for r in results),
                                  complete and all(r.optimal for r in results), sum(r.seconds for r in results),
                                  len(groups), len(results)))
    return Solution(tuple(choice), tuple(relaxed), tuple(stages))


# Share of the budget left that each stage may use; what a stage does not need flows on.
_STAGE_SHARE = (0.1, 0.5, 0.4, 1.0)


def _staged(cp_model, built: "_Built", seed: int, budget: float,
            wall_deadline: float) -> tuple[dict, list[StageResult], float]:
    """Minimise each stage's objective in turn; the values, the stages and the deterministic time used."""
    stages: list[StageResult] = []
    values: dict | None = None
    used = 0.0
    for strict in built.strict_keep:  # start from the rota as it is: fewest changes first
        built.model.AddHint(strict, 1)
    for name, objective, share in zip(STAGES, built.objectives(), _STAGE_SHARE):
        remaining = budget - used
        if values is not None and (remaining <= 0.01 or time.monotonic() >= wall_deadline):
            break
        limit = max(remaining * share, 0.05)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.linearization_level = 2  # the LP proves these bounds at once; the default search stalls
        p.random_seed = seed
        p.max_deterministic_time = limit
        p.max_time_in_seconds = max(0.5, wall_deadline - time.monotonic())
        built.model.Minimize(objective)
        t0 = time.perf_counter()
        status = solver.Solve(built.model)
        seconds = time.perf_counter() - t0
        used += solver.deterministic_time
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if values is None:  # cannot happen: keeping every turn relaxed is always allowed
                raise RuntimeError(f"the planner found no solution ({solver.StatusName(status)})")
            break
        value = round(solver.ObjectiveValue())
        stages.append(StageResult(name, value, round(solver.BestObjectiveBound()), status == cp_model.OPTIMAL,
                                  seconds))
        values = {v: solver.Value(v) for v in built.all_vars}
        built.model.Add(objective <= value)
        built.model.ClearHints()
        for v, x in values.items():
            built.model.AddHint(v, x)
    assert values is not None
    return values, stages, used


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

    def objectives(self) -> list:
        weights = self.problem.settings.weights
        ooh = self._spread_sum(lambda load: load.weighted(weights))
        hours = self._spread_sum(lambda load: load.minutes)
        changes = sum(v for opts in self.option_vars for v in opts[1:])
        return [sum(self.relaxed_vars), ooh, hours, changes]

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

