"""Watching and cancelling the fair planner from another thread, without Qt (planning layer).

Real CP-SAT on the demo's large team. The GUI's tests (test_gui_plan_fairness_thread.py) drive
the same control through the Fairness page.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from oncall.core.demo import large_team
from oncall.planning.fair_control import Settled
from oncall.services import fair_planning, fair_review, planning
from oncall.services.fair_planning import PlanCancelled, Progress, SolveControl

HALF_YEAR = planning.PlanRequest(date(2026, 1, 5), date(2026, 7, 6), ("fair",), None, {"time_limit": 120.0})


def test_a_cancelled_control_stops_before_any_work():
    control = SolveControl()
    control.cancel()
    with pytest.raises(PlanCancelled):
        planning.plan(large_team(), HALF_YEAR, control)
    assert control.progress() == Progress()  # not even the turns were prepared


def test_cancel_from_another_thread_stops_the_search_under_way():
    control = SolveControl()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["plan"] = fair_planning.run_fair(large_team(), HALF_YEAR.start, HALF_YEAR.end, HALF_YEAR.options,
                                                     control)
        except PlanCancelled as exc:
            outcome["cancelled"] = exc

    worker = threading.Thread(target=work)
    worker.start()
    inside = threading.Event()
    while worker.is_alive() and not inside.wait(0.05):  # until the solver is inside its second step
        if control.progress().step >= 1:
            inside.set()
    control.cancel()
    worker.join(timeout=30)  # 120 s of budget: only a working stop ends it in time
    assert not worker.is_alive()
    assert "cancelled" in outcome and "plan" not in outcome
    reached = control.progress()
    assert reached.step >= 1 and len(reached.settled) < 4 and reached.solutions >= 1


def test_progress_reads_as_steps_a_lead_understands():
    first, settled = fair_review.progress_lines(Progress(), 0.4, 10)
    assert first == ("Planning for 0 s (time limit: 10 s of solver work, at most 40 s on the clock): "
                     "preparing the turns and who may cover them.")
    assert settled == ""
    progress = Progress(step=2, group=3, groups=10, solutions=14,
                        settled=(Settled(0, 0, 0, True), Settled(1, 21891, 21000, False)))
    first, settled = fair_review.progress_lines(progress, 12.6, 10)
    assert first == ("Planning for 13 s (time limit: 10 s of solver work, at most 40 s on the clock): step 3 of 4, "
                     "evening out hours on call (legs 3 of 10); 14 plans found.")
    assert settled == ("Settled so far: every turn within the rules (proven best); weighted out-of-hours spread "
                       "364.9 h (best found; no plan does better than 350 h).")
