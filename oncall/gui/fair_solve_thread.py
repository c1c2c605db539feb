"""The fair rota planner in a worker thread, so the Plan dialog stays responsive and can cancel.

CP-SAT's solve releases the GIL (OR-Tools 9.15), so a plain worker thread keeps the window
painting while it searches; the pure-Python steps around it (turns, prices, the engine's
check) share the GIL with the GUI in the interpreter's 5 ms slices. The thread runs the same
use case as ``oncall plan --fix fair`` (:func:`oncall.services.planning.plan`) on an immutable
snapshot of the team, so its plan is the command's; the GUI thread alone applies it.

Lifetime is the delicate part: a QThread destroyed while running aborts the application
("QThread: Destroyed while thread is still running"). So a thread has no Qt parent and a
module-level keeper holds it until it has finished, whatever happens to the page that started
it; the page's destruction cancels it, and the application's ``aboutToQuit`` (or, for a script
that never ran the event loop, interpreter exit) cancels and waits for every thread still running. Cancelling is prompt: ``CpSolver.stop_search()`` ends the
search under way and the planner checks between its steps.
"""

from __future__ import annotations

import atexit
import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from oncall.services import fair_planning, planning

_log = logging.getLogger(__name__)


class FairSolveThread(QThread):
    """One fair plan of ``team`` for ``request``; reports exactly one of planned, failed, cancelled."""

    planned = Signal(object)  # the FairPlan
    failed = Signal(str)  # the one-line message the planner gives (as the CLI prints it)
    cancelled = Signal()
    ended = Signal(object)  # self, last of all: the keeper lets go of it

    def __init__(self, team, request: planning.PlanRequest, owner: QObject) -> None:
        super().__init__()  # no parent: the keeper holds it until it has finished
        self.setObjectName("fair-plan")
        self.team = team
        self.request = request
        self.control = fair_planning.SolveControl()
        owner.destroyed.connect(self.cancel)  # the page went away (its window closed): stop
        _keeper().keep(self)

    def run(self) -> None:  # the worker thread
        try:
            outcome = planning.plan(self.team, self.request, self.control)
        except fair_planning.PlanCancelled:
            self.cancelled.emit()
        except planning.PlanningError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: one line on the page, the traceback in the log
            _log.exception("the fair planner failed")
            self.failed.emit(f"The fair planner failed unexpectedly ({type(exc).__name__}: {exc}).")
        else:
            self.planned.emit(outcome.result("fair").detail)
        finally:
            self.ended.emit(self)

    def progress(self) -> fair_planning.Progress:
        return self.control.progress()

    def cancel(self) -> None:
        self.control.cancel()

    def stop(self, timeout: float = 10.0) -> bool:
        """Cancel and wait until the thread has ended (True) or ``timeout`` seconds passed (False).

        The stop is re-sent while waiting: a solve that was just starting when the first one
        went out is stopped by the next.
        """
        deadline = time.monotonic() + timeout
        self.control.cancel()
        while not self.wait(50):
            if time.monotonic() >= deadline:
                _log.warning("the fair planner did not stop within %.0f s; it is left to finish", timeout)
                return False
            self.control.cancel()
        return True


class _Keeper(QObject):
    """Holds every started FairSolveThread until it has finished (lives in the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[FairSolveThread] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_all)
        atexit.register(self.stop_all)  # before the interpreter tears the QThread objects down

    def keep(self, thread: FairSolveThread) -> None:
        self.threads.add(thread)
        thread.ended.connect(self._release)  # queued: runs in the GUI thread

    def _release(self, thread: FairSolveThread) -> None:
        thread.wait()  # run() has returned; this is the last instant of the thread
        self.threads.discard(thread)

    def stop_all(self) -> None:
        for thread in list(self.threads):
            if thread.stop():
                self.threads.discard(thread)


_KEEPER: _Keeper | None = None


def _keeper() -> _Keeper:
    global _KEEPER
    if _KEEPER is None:
        _KEEPER = _Keeper()
    return _KEEPER


def running_threads() -> int:
    """Fair-plan threads started and not yet finished (and released): 0 when nothing is left running."""
    return len(_keeper().threads)
