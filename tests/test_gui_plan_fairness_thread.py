"""The Fairness page plans in a worker thread: the window stays responsive, Cancel and Close stop
the solver, a plan for a team that changed meanwhile is refused, and the plan is the CLI's.

Real widgets, real CP-SAT, the demo's large team (10 sites, 200 members) so a solve takes
seconds. Nothing here is timed: responsiveness is counted in timer ticks that fire while the
solver works, and "Cancel stops the solver" is shown by the steps it never settled.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from fair_support import find_plan
from oncall.core.demo import demo_team, large_team
from oncall.gui.document import TeamDocument
from oncall.gui.fair_solve_thread import running_threads
from oncall.gui.plan_dialog import PlanDialog
from oncall.services import planning

QUARTER = (date(2026, 1, 5), date(2026, 4, 6))
HALF_YEAR = (date(2026, 1, 5), date(2026, 7, 6))


def _dialog(qtbot, team, start: date, end: date, parent: QWidget | None = None) -> PlanDialog:
    dialog = PlanDialog(TeamDocument(team), start, end, parent)
    if parent is None:
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pages.setCurrentIndex(dialog.pages.indexOf(dialog.fairness))
    return dialog


def _solving(page, step: int = 0) -> bool:
    """The worker is inside CP-SAT's search, at ``step`` or later."""
    return page.job is not None and page.job.progress().step >= step


def _no_thread_warnings(qtlog) -> None:
    assert not [r.message for r in qtlog.records if "QThread" in r.message]


def test_the_window_keeps_processing_events_while_the_solver_works(qtbot):
    dialog = _dialog(qtbot, large_team(), *QUARTER)
    page = dialog.fairness
    page.time_limit.setValue(2)
    ticks = {"while planning": 0, "texts": set()}

    def tick() -> None:  # a timer in the GUI thread: it only fires if the event loop runs
        if page.plan is None:  # the result has not arrived yet
            ticks["while planning"] += 1
            ticks["texts"].add(page.status.text())

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    find_plan(qtbot, page)
    timer.stop()
    assert page.plan is not None and page.summary.text().startswith(f"{len(page.plan.changes)} of ")
    # A blocking solve (the old page) lets no tick through before its result; here the loop ran throughout.
    assert ticks["while planning"] >= 20
    # ... and repainted what the solver was doing, from the first step on.
    assert any("step 2 of 4, evening out out-of-hours hours (legs " in t for t in ticks["texts"]), ticks["texts"]
    assert not page.working.isVisible() and page.find_button.isEnabled()
    qtbot.waitUntil(lambda: running_threads() == 0, timeout=5_000)  # the keeper let go of the finished thread


def test_the_threaded_plan_is_the_synchronous_plan(qtbot):
    team = large_team()
    dialog = _dialog(qtbot, team, *QUARTER)
    page = dialog.fairness
    page.time_limit.setValue(1)  # cut short by the (deterministic) limit: steps not proven, still identical
    page.max_consecutive.setValue(2)
    find_plan(qtbot, page)
    direct = planning.plan(team, planning.PlanRequest(*QUARTER, ("fair",), None, page.options())).result("fair").detail
    assert page.plan.changes and not page.plan.solution.optimal  # something to compare, cut short by the limit
    assert page.plan.solution.choice == direct.solution.choice
    assert [(s.name, s.objective, s.bound, s.optimal) for s in page.plan.solution.stages] == \
        [(s.name, s.objective, s.bound, s.optimal) for s in direct.solution.stages]
    assert page.plan.team == direct.team


def test_cancel_stops_the_solver_and_leaves_team_and_page_as_they_were(qtbot, qtlog):
    dialog = _dialog(qtbot, large_team(), *HALF_YEAR)
    page = dialog.fairness
    doc = page.document
    original, depth, summary = doc.team, doc.undo_stack.count(), page.summary.text()
    page.time_limit.setValue(120)  # uncancelled, this search would run well past the wait below
    page.find_button.click()
    assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: _solving(page, 1), timeout=60_000)  # inside the second step's search
    job = page.job
    page.cancel_button.click()
    assert page.status.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not page.planning, timeout=15_000)
    assert job.wait(5_000) and job.control.cancelled
    assert len(job.progress().settled) < 4  # the search stopped: later steps never settled
    assert doc.team is original and doc.undo_stack.count() == depth
    assert page.plan is None and page.summary.text() == summary
    assert not page.apply_button.isEnabled() and page.find_button.isEnabled() and not page.working.isVisible()
    qtbot.waitUntil(lambda: running_threads() == 0, timeout=5_000)
    _no_thread_warnings(qtlog)


def test_closing_the_dialog_while_solving_stops_the_thread(qtbot, qtlog):
    dialog = _dialog(qtbot, large_team(), *HALF_YEAR)
    page = dialog.fairness
    original = page.document.team
    page.time_limit.setValue(120)
    page.find_button.click()
    qtbot.waitUntil(lambda: _solving(page), timeout=60_000)
    job = page.job
    dialog.close()  # Close / Esc / the window's X: reject(), finished
    assert job.isFinished() and job.control.cancelled and not page.planning  # waited for, not left running
    qtbot.waitUntil(lambda: running_threads() == 0, timeout=5_000)
    assert page.document.team is original
    _no_thread_warnings(qtlog)


def test_the_window_going_away_while_solving_cancels_the_thread(qtbot, qtlog):
    window = QWidget()
    window.show()
    dialog = _dialog(qtbot, large_team(), *HALF_YEAR, parent=window)
    page = dialog.fairness
    page.time_limit.setValue(120)
    page.find_button.click()
    qtbot.waitUntil(lambda: _solving(page), timeout=60_000)
    job = page.job
    window.deleteLater()  # the dialog and its page are destroyed with it, never closed
    qtbot.waitUntil(lambda: running_threads() == 0, timeout=20_000)  # the keeper held it until it ended
    assert job.control.cancelled and len(job.progress().settled) < 4
    _no_thread_warnings(qtlog)


def test_a_plan_for_a_team_that_changed_meanwhile_is_refused(qtbot):
    dialog = _dialog(qtbot, demo_team(), date(2026, 10, 1), date(2027, 1, 1))
    page = dialog.fairness
    doc = page.document
    page.max_consecutive.setValue(2)
    page.find_button.click()
    # The worker plans a snapshot; the edit lands before its result (which only a running event loop delivers).
    doc.apply("Rename the team", lambda team: team.evolve(name="Payments SRE (renamed)"))
    depth = doc.undo_stack.count()
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)
    assert page.plan is not None and page.plan.changes  # shown for review ...
    assert "out of date and cannot be applied" in page.summary.text()
    assert not page.apply_button.isEnabled()  # ... but not applicable
    page.apply()  # even asked directly
    assert doc.undo_stack.count() == depth and dialog.result() == 0
    assert "The plan was: " in page.summary.text() and " turns change." in page.summary.text()
    doc.undo_stack.undo()  # back to the team the plan was made for: fresh again
    assert page.apply_button.isEnabled() and page.summary.text().startswith(f"{len(page.plan.changes)} of ")
    doc.apply("Rename again", lambda team: team.evolve(name="Renamed after the plan"))  # edited after the plan
    assert not page.apply_button.isEnabled() and "out of date" in page.summary.text()


def test_a_second_find_while_one_runs_is_impossible(qtbot):
    dialog = _dialog(qtbot, large_team(), *HALF_YEAR)
    page = dialog.fairness
    page.time_limit.setValue(120)
    page.find_button.click()
    job = page.job
    assert not page.find_button.isEnabled() and not page.settings_box.isEnabled()
    assert not dialog.start_edit.isEnabled() and not dialog.end_edit.isEnabled()  # the plan's range is fixed
    page.run_plan()  # the shortcut or a stray call: still the one job
    assert page.job is job
    page.cancel()
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)
    assert page.find_button.isEnabled() and page.settings_box.isEnabled() and dialog.end_edit.isEnabled()


@pytest.mark.parametrize("edit", ["history", "range"])
def test_errors_in_the_worker_arrive_as_the_planners_messages(qtbot, edit):
    team = demo_team()
    dialog = _dialog(qtbot, team, date(2026, 10, 1), date(2027, 1, 1))
    page = dialog.fairness
    if edit == "history":
        page.history_check.setChecked(True)
        page.history_edit.setDate(date(2026, 12, 1))
    else:
        dialog.end_edit.setDate(date(2037, 1, 1))  # over the ten-year limit
    request = planning.PlanRequest(date(2026, 10, 1), page.dialog.end_edit.date().toPython(), ("fair",), None,
                                   page.options())
    with pytest.raises(planning.PlanningError) as direct:
        planning.plan(team, request)
    find_plan(qtbot, page)
    assert page.summary.text() == str(direct.value)
    assert "Traceback" not in page.summary.text() and not page.apply_button.isEnabled()


_SOLVING = """
import sys, time
from datetime import date
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from oncall.core.demo import large_team
from oncall.gui.document import TeamDocument
from oncall.gui.plan_dialog import PlanDialog

app = QApplication(sys.argv)
window = QWidget()
dialog = PlanDialog(TeamDocument(large_team()), date(2026, 1, 5), date(2026, 7, 6), window)
page = dialog.fairness
page.time_limit.setValue(120)
"""

QUIT_WHILE_SOLVING = _SOLVING + """
window.show()
dialog.show()
page.find_button.click()

def quit_when_solving():
    if page.job is not None and page.job.progress().step >= 0:
        print("quitting while solving", flush=True)
        app.quit()  # the session ends: no Close, no reject(), the dialog still open
    else:
        QTimer.singleShot(50, quit_when_solving)

QTimer.singleShot(50, quit_when_solving)
app.exec()
from oncall.gui.fair_solve_thread import running_threads
print("event loop left;", running_threads(), "left running", flush=True)  # the window and dialog still exist
"""

EXIT_WHILE_SOLVING = _SOLVING + """
page.find_button.click()
while page.job.progress().step < 0:
    time.sleep(0.05)
print("quitting while solving", flush=True)  # a script that never runs the event loop just ends
"""


@pytest.mark.parametrize("script_text", [QUIT_WHILE_SOLVING, EXIT_WHILE_SOLVING], ids=["app quits", "script ends"])
def test_quitting_the_app_while_solving_ends_cleanly(tmp_path, script_text):
    """A real process: quit while CP-SAT searches, then the interpreter tears everything down
    (without the stop at aboutToQuit / exit: "QThread: Destroyed while thread 'fair-plan' is still running")."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "quit_while_solving.py"
    script.write_text(script_text)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env)
    assert "quitting while solving" in done.stdout
    if script_text is QUIT_WHILE_SOLVING:
        assert "event loop left; 0 left running" in done.stdout  # stopped and waited for at aboutToQuit
    assert done.returncode == 0, done.stderr
    assert "QThread" not in done.stderr and "Traceback" not in done.stderr


def test_escape_while_planning_cancels_the_plan_and_keeps_the_dialog(qtbot):
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot, large_team(), *HALF_YEAR)
    page = dialog.fairness
    page.time_limit.setValue(120)
    page.find_button.click()
    qtbot.waitUntil(lambda: _solving(page), timeout=60_000)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.planning, timeout=15_000)
    assert dialog.isVisible() and page.plan is None  # the first Esc stopped the work ...
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # ... the next closes, as always


def test_cancel_keeps_the_plan_shown_before(qtbot):
    dialog = _dialog(qtbot, demo_team(), date(2026, 10, 1), date(2027, 1, 1))
    page = dialog.fairness
    page.max_consecutive.setValue(2)
    find_plan(qtbot, page)
    shown, summary = page.plan, page.summary.text()
    page.time_limit.setValue(30)
    page.find_button.click()
    page.cancel()  # before the worker has done anything: it stops at its first check
    qtbot.waitUntil(lambda: not page.planning, timeout=15_000)
    assert page.plan is shown and page.summary.text() == summary and page.changes.rowCount() == len(shown.changes)
    assert page.apply_button.isEnabled()  # still the team it was made for


@pytest.mark.parametrize("how", ["planned", "cancelled"])
def test_the_keyboard_goes_to_cancel_and_back_to_find_and_the_page_stays_at_the_top(qtbot, how):
    team, start, end = (demo_team(), date(2026, 10, 1), date(2027, 1, 1)) if how == "planned" else (large_team(),
                                                                                                      *HALF_YEAR)
    dialog = _dialog(qtbot, team, start, end)
    dialog.resize(1024, 660)  # the smallest supported screen: the page scrolls
    page = dialog.fairness
    page.time_limit.setValue(10 if how == "planned" else 120)
    dialog.start_edit.setFocus()  # focus in an input that is locked while planning
    page.find_button.click()
    assert page.planning and dialog.focusWidget() is page.cancel_button  # the keyboard moved to what can act
    if how == "cancelled":
        qtbot.waitUntil(lambda: _solving(page), timeout=60_000)
        qtbot.keyClick(page.cancel_button, " ")  # Space on Cancel
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)
    assert dialog.focusWidget() is page.find_button
    assert dialog.pages_scroll.verticalScrollBar().value() == 0  # not scrolled down after a vanished focus


def test_another_leads_save_reloaded_while_planning_makes_the_plan_stale(qtbot, tmp_path):
    """The real way a team changes under the modal dialog: the document polls the database."""
    from datetime import datetime, timezone

    from oncall import storage
    from oncall.core.model import Unavailability
    from oncall.viewmodels import team_edits

    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    dialog = PlanDialog(doc, date(2026, 10, 1), date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.fairness
    page.max_consecutive.setValue(2)
    page.find_button.click()
    with storage.open_database(db_path, create=False) as db:  # Bob books leave meanwhile
        loaded = db.load()
        leave = Unavailability("bob", datetime(2026, 11, 9, tzinfo=timezone.utc),
                               datetime(2026, 11, 23, tzinfo=timezone.utc), "Leave", id="off-bob-nov")
        db.save(team_edits.add_time_off(loaded.team, leave), loaded, user="pat")
    with qtbot.waitSignal(doc.reloaded):
        doc.poll_for_changes()
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)
    assert page.plan is not None and "out of date and cannot be applied" in page.summary.text()
    assert not page.apply_button.isEnabled()
    find_plan(qtbot, page)  # planned again for the team as it is now: Bob's leave respected
    assert page.apply_button.isEnabled()
    assert not [c for c in page.plan.changes if c.member == "bob" and c.start < leave.end and leave.start < c.end]
    doc.close()
