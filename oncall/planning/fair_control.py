"""Watching and stopping a fair plan from another thread (the desktop app's Cancel and progress).

The desktop app runs the planner in a worker thread so the window keeps painting. OR-Tools'
``CpSolver.solve`` releases the GIL while it searches (checked on OR-Tools 9.15: a thread
ticking every 10 ms keeps ticking through a multi-second solve), so the only cooperation the
planner needs is:

* a way to stop at once: :meth:`SolveControl.cancel` calls ``CpSolver.stop_search()`` on the
  solve under way (thread-safe in OR-Tools) and the planner checks the flag between its
  pure-Python steps, raising :class:`PlanCancelled`;
* a cheap view of where it is: the step, the group of legs, the plans found (a solution
  callback counts them) and the goals already settled, read by the GUI's timer.

Observing changes nothing the solver decides: budgets are deterministic time, one worker and a
fixed seed, so a watched plan is the plan the CLI makes. Pure Python, no Qt; the CLI passes no
control at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace


def wall_backstop(time_limit: float) -> float:
    """Seconds on the clock after which planning stops whatever the solver reached.

    The limit itself is deterministic time (solver work), so the plan does not depend on the
    machine's load; this backstop only bounds a very busy machine (see fair_model).
    """
    return 3 * time_limit + 10


class PlanCancelled(Exception):
    """The plan was cancelled before it was made: nothing was produced and nothing changed."""


@dataclass(frozen=True)
class Settled:
    """A step of the staged objective finished in every group of legs (see fair_model.STAGES)."""

    step: int
    objective: int  # in the step's own unit: turns, weighted minutes, minutes, changes
    bound: int
    optimal: bool


@dataclass(frozen=True)
class Progress:
    step: int = -1  # index into fair_model.STAGES; -1 while the problem is being prepared
    group: int = 0  # 1-based group of legs being solved in this step
    groups: int = 0
    solutions: int = 0  # plans the solver has found so far, all steps together
    settled: tuple[Settled, ...] = ()


class SolveControl:
    """Shared by the thread that plans and the one that watches; every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._solver = None
        self._progress = Progress()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Stop as soon as possible. Idempotent: calling it again re-sends the stop to the solve
        under way (closes the instant between a solve being registered and it starting)."""
        with self._lock:
            self._cancelled = True
            solver = self._solver
        if solver is not None:
            solver.stop_search()

    def check(self) -> None:
        if self._cancelled:
            raise PlanCancelled("the plan was cancelled")

    @contextmanager
    def solving(self, solver) -> Iterator[None]:
        """``solver`` is the solve under way inside the block; raises PlanCancelled before or after it."""
        with self._lock:
            if self._cancelled:
                raise PlanCancelled("the plan was cancelled")
            self._solver = solver
        try:
            yield
        finally:
            with self._lock:
                self._solver = None
        self.check()

    def progress(self) -> Progress:
        return self._progress

    def at(self, step: int, group: int, groups: int) -> None:
        with self._lock:
            self._progress = replace(self._progress, step=step, group=group, groups=groups)

    def found(self) -> None:
        """A solution callback saw one more plan."""
        with self._lock:
            self._progress = replace(self._progress, solutions=self._progress.solutions + 1)

    def settle(self, settled: Settled) -> None:
        with self._lock:
            self._progress = replace(self._progress, settled=self._progress.settled + (settled,))


def solution_watcher(cp_model, control: SolveControl):
    """A CP-SAT solution callback that counts plans for ``control`` and stops when it is cancelled."""

    class _Watcher(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            control.found()
            if control.cancelled:
                self.stop_search()

    return _Watcher()
