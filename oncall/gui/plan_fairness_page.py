"""The Plan dialog's "Fairness" page: the fair rota planner's proposal, reviewed, then applied.

The page shares the dialog's range, adds the planner's own settings (history range, weights,
rest, turns in a row, time limit), and shows the figures per member before and after, the
changed turns, and the turns no plan could staff. Apply is one command on the document's undo
stack: the planned overrides appended; Ctrl+Z removes them all.

The solver takes seconds (more for a large team), so Find runs it in a worker thread
(:mod:`.fair_solve_thread`) on a snapshot of the team: the window keeps painting, a busy bar,
the elapsed time, the step the solver is on and what it has settled so far show, and Cancel
stops it at once. Cancel discards the unfinished search: the team and the page stay as they
were (a plan cut short by the time limit is already offered, labelled "not proven optimal").
While a plan runs, Find is disabled; closing the dialog cancels it and waits for the thread.
A plan made for a team that changed since Find (another lead's save reloaded, an edit) is
shown but marked out of date and cannot be applied: applying it would undo the other change.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QElapsedTimer, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from oncall.gui.date_fields import day_picker
from oncall.services import fair_planning, fair_review, planning

from .fair_changes_model import FairChangesModel
from .fair_figures_model import FairFiguresModel
from .fair_solve_thread import FairSolveThread
from .palette import tone_label
from .table_views import FittedTableView


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FairnessPage(QWidget):
    def __init__(self, dialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.document = dialog.document
        self.plan = None
        self.planned_from = None  # the team the shown plan was made for
        self.job: FairSolveThread | None = None
        self._build_settings()
        self._build_working()
        self.summary = QLabel("Find a fair plan: who of each leg's rotation covers each turn, evenly and "
                              "within the rules.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Fair plan summary")
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.conflicts.setAccessibleName("Turns the plan cannot staff")
        tone_label(self.conflicts, "error")  # readable on light and dark, following a switch
        self.conflicts.hide()
        self.figures = FairFiguresModel(self)
        self.figures_view = FittedTableView(self.figures, "Figures per member before and after",
                                            stretch_last=False)
        self.changes = FairChangesModel(self)
        self.changes_view = FittedTableView(self.changes, "Changed turns")
        self.apply_button = QPushButton("Appl&y fair plan")
        self.apply_button.setToolTip("Add the planned overrides as one edit (Ctrl+Z undoes it)")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        figures = QGroupBox("Figures per member over the range (hours)")
        QVBoxLayout(figures).addWidget(self.figures_view)
        changes = QGroupBox("Changed turns")
        QVBoxLayout(changes).addWidget(self.changes_view)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_box)
        layout.addWidget(self.working)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflicts)
        layout.addWidget(figures, 1)
        layout.addWidget(changes, 1)
        layout.addLayout(bottom)
        # The dialog's own Apply is the drift page's; on this page only this page's Apply shows.
        dialog.pages.currentChanged.connect(self._page_changed)
        dialog.finished.connect(self.stop_planning)  # Close, Esc, Apply: no thread outlives the dialog
        dialog.installEventFilter(self)  # Esc while planning cancels the plan, not the dialog
        self.document.teamChanged.connect(self._team_changed)
        self.missing = fair_planning.planner_missing()
        if self.missing:
            self.summary.setText(f"The {self.missing[4:]}.")
            self.find_button.setEnabled(False)

    def _page_changed(self, index: int) -> None:
        self.dialog.apply_button.setVisible(self.dialog.pages.widget(index) is not self)

    def _build_settings(self) -> None:
        start = _pydate(self.dialog.start_edit.date())
        self.history_check = QCheckBox("Count &history from")
        self.history_edit = day_picker(QDateEdit(QDate(*(start - timedelta(days=91)).timetuple()[:3])))
        self.history_edit.setAccessibleName("History from")
        self.history_edit.setEnabled(False)
        self.history_check.toggled.connect(self.history_edit.setEnabled)
        self.weekend = self._weight("Weekend hour weight")
        self.holiday = self._weight("Holiday hour weight")
        self.min_rest = QSpinBox()
        self.min_rest.setRange(0, 72)
        self.min_rest.setValue(11)
        self.min_rest.setSuffix(" h")
        self.min_rest.setAccessibleName("Minimum rest between legs")
        self.max_consecutive = QSpinBox()
        self.max_consecutive.setRange(0, 28)
        self.max_consecutive.setSpecialValueText("by cadence (2 daily, 1 weekly)")
        self.max_consecutive.setAccessibleName("Turns in a row at most")
        self.time_limit = QSpinBox()
        self.time_limit.setRange(1, 600)
        self.time_limit.setValue(10)
        self.time_limit.setSuffix(" s")
        self.time_limit.setAccessibleName("Solver time limit")
        self.find_button = QPushButton("F&ind a fair plan")
        self.find_button.clicked.connect(self.run_plan)
        self.settings_box = QGroupBox("Fair rota settings (the range is the dialog's From and To)")
        grid = QGridLayout(self.settings_box)
        cells = [(self.history_check, self.history_edit), ("&Weekend hour counts:", self.weekend),
                 ("Holi&day hour counts:", self.holiday), ("Minimum &rest between legs:", self.min_rest),
                 ("Turns in a ro&w at most:", self.max_consecutive), ("Time li&mit:", self.time_limit)]
        tips = ("Also count the figures of an earlier range, so whoever carried many nights or a holiday "
                "then is relieved now (--history-from)",
                "How much a weekend hour weighs against a weekday out-of-hours hour",
                "How much a public-holiday hour weighs against a weekday out-of-hours hour",
                "Hours off between two shifts of one member on different legs (--min-rest)",
                "Most turns one member covers in a row (--max-consecutive)",
                "The solver stops after this long with the best plan found (--time-limit)")
        for k, ((label, widget), tip) in enumerate(zip(cells, tips, strict=True)):
            widget.setToolTip(tip)
            if isinstance(label, str):
                label = QLabel(label)
                label.setBuddy(widget)
            label.setToolTip(tip)
            # Two settings a row: the page stays narrower than a 1024 px wide screen.
            grid.addWidget(label, k // 2, (k % 2) * 2)
            grid.addWidget(widget, k // 2, (k % 2) * 2 + 1)
        self.find_button.setToolTip("Run the fair planner over the range; nothing changes until you apply")
        grid.addWidget(self.find_button, 0, 4, 3, 1, Qt.AlignmentFlag.AlignTop)

    def _build_working(self) -> None:
        """The row that shows while the solver works: a busy bar, where it is, and Cancel."""
        self.working = QWidget()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no end known: a busy indicator
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Planning")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Planner progress")
        self.settled = QLabel()
        self.settled.setWordWrap(True)
        self.settled.setAccessibleName("Settled so far")
        self.cancel_button = QPushButton("Ca&ncel")
        self.cancel_button.setToolTip("Stop the planner; the team and this page stay as they were")
        self.cancel_button.clicked.connect(self.cancel)
        lines = QVBoxLayout()
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addWidget(self.status)
        lines.addWidget(self.settled)
        row = QHBoxLayout(self.working)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(lines, 1)
        row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        self.working.hide()
        self.clock = QElapsedTimer()
        self.ticker = QTimer(self)
        self.ticker.setInterval(250)
        self.ticker.timeout.connect(self._show_progress)

    def _weight(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0, 10)
        box.setSingleStep(0.5)
        box.setDecimals(1)
        box.setValue(2.0)
        box.setPrefix("x")
        box.setAccessibleName(name)
        return box

    def options(self) -> dict:
        return {"history_from": _pydate(self.history_edit.date()) if self.history_check.isChecked() else None,
                "time_limit": float(self.time_limit.value()), "min_rest_hours": float(self.min_rest.value()),
                "max_consecutive": self.max_consecutive.value() or None, "weekend_weight": self.weekend.value(),
                "holiday_weight": self.holiday.value()}

    def run_plan(self) -> None:
        """Start the planner in a worker thread (Find is disabled until it reports)."""
        if self.job is not None:
            return
        start, end = _pydate(self.dialog.start_edit.date()), _pydate(self.dialog.end_edit.date())
        if end <= start:
            self._fail("The range must end after it starts.")
            return
        request = planning.PlanRequest(start, end, ("fair",), None, self.options())
        self.job = FairSolveThread(self.document.team, request, self)
        self.job.planned.connect(self._planned)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.cancel_button.setEnabled(True)
        self.clock.start()
        self._show_progress()
        self.working.show()
        focused = self.dialog.focusWidget()
        if focused is not None and any(w is focused or w.isAncestorOf(focused) for w in self._inputs()):
            self.cancel_button.setFocus()  # before its widget is disabled (see _finished): to what can act now
        self._lock_inputs(True)
        self.apply_button.setEnabled(False)
        self.ticker.start()
        self.job.start()

    @property
    def planning(self) -> bool:
        return self.job is not None

    def cancel(self) -> None:
        """Stop the solver now; the page comes back as it was when it reports (at once)."""
        if self.job is not None:
            self.job.cancel()  # Cancel stays enabled (pressing it again re-sends the stop): disabling the
            self.status.setText("Cancelling…")  # focused button would pass the focus down the page

    def stop_planning(self) -> None:
        """Cancel and wait for the worker (the dialog is closing): no thread outlives it."""
        job = self.job
        if job is not None:
            job.stop()
            self._finished(job)

    def _inputs(self) -> tuple[QWidget, ...]:
        return self.settings_box, self.dialog.start_edit, self.dialog.end_edit

    def _lock_inputs(self, locked: bool) -> None:
        """While a plan runs, its inputs (settings, the dialog's range) cannot change under it."""
        for widget in self._inputs():
            widget.setEnabled(not locked)
        if locked:
            self.setCursor(Qt.CursorShape.BusyCursor)  # working, yet the window still answers
        else:
            self.unsetCursor()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (watched is self.dialog and self.job is not None and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self.cancel()  # as in any desktop progress: the first Esc stops the work, the next closes
            return True
        return super().eventFilter(watched, event)

    def _show_progress(self) -> None:
        if self.job is None or self.job.control.cancelled:
            return
        first, second = fair_review.progress_lines(self.job.progress(), self.clock.elapsed() / 1000,
                                                   self.job.request.options["time_limit"])
        self.status.setText(first)
        self.settled.setText(second)
        self.settled.setVisible(bool(second))

    def _finished(self, job) -> FairSolveThread | None:
        """Back to idle if ``job`` is the one running; None for a report of a job already let go."""
        if job is None or job is not self.job:
            return None
        self.job = None
        self.ticker.stop()
        self._lock_inputs(False)
        self.find_button.setEnabled(not self.missing)
        # Focus moves before the row hides: hiding the focused Cancel would pass the focus down
        # the page (to the figures), and the page's scroll area would scroll after it.
        if self.dialog.focusWidget() is self.cancel_button:
            self.find_button.setFocus()
        self.working.hide()
        return job

    def _planned(self, plan) -> None:
        job = self._finished(self.sender())
        if job is None:
            return
        if job.control.cancelled:  # finished just as Cancel was pressed: Cancel wins
            self._restore()
            return
        self.plan, self.planned_from = plan, job.team
        lines = fair_review.conflict_lines(self.plan)
        self.conflicts.setText("\n".join(["Not planned (kept as the rota has it):"] + lines) if lines else "")
        self.conflicts.setVisible(bool(lines))
        self.figures.set_rows(fair_review.figure_rows(self.plan))
        self.changes.set_rows(fair_review.change_rows(self.plan))
        self._show_verdict()

    def _failed(self, message: str) -> None:
        if self._finished(self.sender()) is not None:
            self._fail(message)

    def _cancelled(self) -> None:
        """The page as it was before Find: the previous plan (if any) stays, still applicable if fresh."""
        if self._finished(self.sender()) is not None:
            self._restore()

    def _restore(self) -> None:
        if self.plan is not None:
            self._show_verdict()
        else:
            self.apply_button.setEnabled(False)

    def _stale(self) -> bool:
        return self.plan is not None and self.document.team != self.planned_from

    def _team_changed(self, _team=None) -> None:
        """An edit or a reload: the shown plan may be out of date now (or fresh again, after an undo)."""
        if self.plan is not None and self.job is None:  # while planning, the verdict comes with the result
            self._show_verdict()

    def _show_verdict(self) -> None:
        """The plan's summary and Apply; a plan made for another team than the one open is refused."""
        text = fair_review.summary(self.plan)
        stale = self._stale()
        if stale:
            text = ("The team changed while or since this plan was made (an edit, or another lead's save "
                    "reloaded): the plan is out of date and cannot be applied. Find a fair plan again to plan "
                    f"the team as it is now. The plan was: {text}")
        self.summary.setText(text)
        self.apply_button.setEnabled(bool(self.plan.changes) and not stale)

    def _fail(self, message: str) -> None:
        self.plan = None
        self.summary.setText(message)
        self.conflicts.hide()
        self.figures.set_rows([])
        self.changes.set_rows([])
        self.apply_button.setEnabled(False)

    def apply(self) -> None:
        """One undoable edit: the planned overrides appended to the team the plan was made for."""
        plan = self.plan
        if plan is None or not plan.changes or self.job is not None:
            return
        if self._stale():  # also refused when the button was enabled a moment too long
            self._show_verdict()
            return
        count = len(plan.changes)
        self.document.apply(f"Fair plan: {count} turn{'s' if count != 1 else ''} reassigned",
                            lambda team: fair_review.with_fair_plan(team, plan))
        self.dialog.accept()
