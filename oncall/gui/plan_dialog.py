"""Tools > Plan…: review the drift fixer's proposals, then apply them as ONE undoable edit.

The dialog runs the planning use case (:mod:`oncall.services.planning`) for a range, shows
each proposed adjustment in words, the follow-the-sun band of the worst day of each season
before and after the plan, and the coverage figures before and after. Apply pushes one
command on the document's undo stack; Ctrl+Z takes the whole plan back. Pages for other
planners (the fair rota planner's "Fairness") are added with :meth:`PlanDialog.add_page`.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QScrollArea, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from oncall.gui.date_fields import day_picker
from oncall.services import plan_review, planning

from .band_view import BandView
from .palette import tone_label
from .plan_fairness_page import FairnessPage
from .plan_proposals_model import PlanProposalsModel
from .table_views import FittedTableView
from .whole_pages import WholePages


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _figures_text(f: plan_review.Figures) -> str:
    shortest = "no handoff" if f.shortest is None else (
        f"a {-f.shortest} min gap" if f.shortest < 0 else f"{f.shortest} min")
    return (f"gaps {f.gap_minutes // 60} h {f.gap_minutes % 60} min · {f.hard_handoffs} hard handoffs · "
            f"coverage {f.coverage:.1f}% · quality score {f.score} · smallest overlap between legs {shortest}")


class PlanDialog(QDialog):
    def __init__(self, document, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan")
        self.setObjectName("PlanDialog")
        self.document = document
        self.fix_result: planning.FixResult | None = None
        self.start_edit = day_picker(QDateEdit(_qdate(start)))  # "Thu 26 Nov 2026", as every date label
        self.end_edit = day_picker(QDateEdit(_qdate(end)))
        for edit, name in ((self.start_edit, "Plan from"), (self.end_edit, "Plan to")):
            edit.setAccessibleName(name)
        self.limit = QSpinBox()
        self.limit.setRange(0, 1439)
        self.limit.setSingleStep(15)
        self.limit.setSuffix(" min")
        self.limit.setSpecialValueText("longest window + 1 h")
        self.limit.setAccessibleName("Longest window allowed")
        self.limit.setToolTip("No window grows longer than this (--max-window)")
        self.plan_button = QPushButton("&Plan again")
        self.plan_button.setToolTip("Plan again for this range and window limit (the proposals below are replaced)")
        self.plan_button.clicked.connect(self.run_plan)
        form = QHBoxLayout()
        for label, widget in (("&From:", self.start_edit), ("&To:", self.end_edit), ("&Longest window:", self.limit)):
            text = QLabel(label)
            text.setBuddy(widget)
            form.addWidget(text)
            form.addWidget(widget)
        form.addWidget(self.plan_button)
        form.addStretch(1)

        self.pages = QTabWidget()
        self.add_page(self._drift_page(), "DST drift")
        self.fairness = FairnessPage(self)
        # The page filters the dialog's keys (Esc while planning); once closed, let go of that filter,
        # so the dialog's destruction never calls into the page's half-destroyed wrapper (it crashed).
        self.finished.connect(self._release_page_filters)
        self.add_page(self.fairness, "Fairness")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setToolTip("Add the proposed adjustments as one edit (Ctrl+Z undoes it)")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # The pages scroll (range row and buttons stay put), so the dialog fits a 1024x700 screen:
        # the drift page's two bands and the Fairness settings need more than that leaves.
        self.pages_scroll = QScrollArea()
        self.pages_scroll.setWidgetResizable(True)
        self.pages_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not an empty Tab stop
        self.pages_scroll.setWidget(self.pages)
        layout.addWidget(self.pages_scroll, 1)
        self.whole_pages = WholePages(self.pages)  # scroll rather than squeeze the bands' legends
        layout.addWidget(self.buttons)
        self._fit_screen(1100, 880)  # the drift page whole, where the screen allows
        self.run_plan()

    def _fit_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than the screen (1024x700 is supported)."""
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height() - 40)  # 40: the title bar
        self.resize(width, height)

    def _release_page_filters(self, _result: int = 0) -> None:
        self.removeEventFilter(self.fairness)

    def add_page(self, widget: QWidget, title: str) -> int:
        """Another planner's page (e.g. "Fairness"); returns its tab index."""
        index = self.pages.addTab(widget, title)
        if hasattr(self, "whole_pages"):
            self.whole_pages.watch(index)
        return index

    # ------------------------------------------------------------------ the drift page

    def _drift_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Plan summary")
        self.proposals = PlanProposalsModel(self)
        self.proposals_view = FittedTableView(self.proposals, "Proposed adjustments")
        view = self.proposals_view  # room for three adjustments before it scrolls
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 3
                              + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Selected adjustment")
        self.proposals_view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.proposals_view.viewport().installEventFilter(self)
        self.unclosable = QLabel()
        self.unclosable.setWordWrap(True)
        self.unclosable.setAccessibleName("Gaps the plan cannot close")
        tone_label(self.unclosable, "error")  # readable on light and dark, following a switch
        self.season = QComboBox()
        self.season.setAccessibleName("Season")
        self.season.setToolTip("The bands show this DST season's worst day, before and after the plan")
        self.season.currentIndexChanged.connect(self._show_season)
        self.band_before, self.band_after = BandView(), BandView()
        self.band_before.setAccessibleName("Band before the plan")
        self.band_after.setAccessibleName("Band after the plan")
        self.figures_before, self.figures_after = QLabel(), QLabel()
        for label, name in ((self.figures_before, "Coverage before"), (self.figures_after, "Coverage after")):
            label.setWordWrap(True)
            label.setAccessibleName(name)
        bands = QGroupBox("The worst day of each season")
        form = QFormLayout(bands)
        form.addRow("Season:", self.season)
        form.addRow("Before:", self.band_before)
        form.addRow("After:", self.band_after)
        figures = QGroupBox("Coverage over the range")
        fig_form = QFormLayout(figures)
        fig_form.addRow("Before:", self.figures_before)
        fig_form.addRow("After:", self.figures_after)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.proposals_view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.unclosable)
        layout.addWidget(bands)
        layout.addWidget(figures)
        return page

    def run_plan(self) -> None:
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        if end <= start:
            self._fail("The range must end after it starts.")
            return
        request = planning.PlanRequest(start, end, ("drift",), self.limit.value() or None)
        try:
            outcome = planning.plan(self.document.team, request)
        except planning.PlanningError as exc:
            self._fail(str(exc))
            return
        self.outcome = outcome
        self.fix_result = outcome.result("drift")
        plan = self.fix_result.detail
        rows = plan_review.proposal_rows(self.fix_result)
        self.proposals.set_rows(rows)
        self._fit_proposals()
        if rows:
            self.proposals_view.setCurrentIndex(self.proposals.index(0, 0))
        else:
            self.detail.setText("")
        self.summary.setText(
            f"{len(rows)} adjustment{'s' if len(rows) != 1 else ''} proposed for {len(plan.seasons)} DST "
            f"season{'s' if len(plan.seasons) != 1 else ''}; no window longer than {plan.max_window // 60} h {plan.max_window % 60:02d} min."
            if rows else "No adjustment needed: every handoff keeps its overlap in every season."
            if not plan.unclosable else "No adjustment within the limits closes a gap.")
        lines = plan_review.unclosable_lines(self.fix_result) + [f"Engine check failed: {p}" for p in plan.problems]
        self.unclosable.setText("\n".join(["Cannot close:"] + lines) if lines else "")
        self.unclosable.setVisible(bool(lines))
        before, after = plan_review.figures(self.fix_result)
        self.figures_before.setText(_figures_text(before))
        self.figures_after.setText(_figures_text(after))
        self._season_days = plan_review.season_days(self.fix_result)
        self.season.blockSignals(True)
        self.season.clear()
        self.season.addItems([s.label for s in self._season_days])
        self.season.blockSignals(False)
        self.band_before.set_team(plan.team)
        self.band_after.set_team(plan.planned)
        self._show_season(0)
        self.apply_button.setEnabled(bool(rows))

    def _fit_proposals(self) -> None:
        """Columns as wide as their text, but the wordy last two (effect, why) share what is left
        of the view and elide, so every column shows without scrolling sideways (the selected
        adjustment is written out in full under the table)."""
        view, header = self.proposals_view, self.proposals_view.horizontalHeader()
        view.fit_columns()
        last = header.count() - 1
        fixed = sum(header.sectionSize(c) for c in range(last - 1))
        room = view.viewport().width() - fixed
        wanted = header.sectionSize(last - 1) + header.sectionSize(last)
        if room < wanted:  # never narrower than its header, which would be cut on both sides
            effect = min(header.sectionSize(last - 1), max(room // 2, header.sectionSizeHint(last - 1)))
            header.resizeSection(last - 1, effect)
            header.resizeSection(last, max(room - effect, header.sectionSizeHint(last)))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.proposals_view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_proposals()  # the table's room changed (dialog resized, scroll bar shown)
        return super().eventFilter(watched, event)

    def _show_detail(self, current, _previous=None) -> None:
        """The selected adjustment in full (the table elides long reasons)."""
        if current is None or not current.isValid():
            self.detail.setText("")
            return
        row = self.proposals.row(current.row())
        self.detail.setText(f"{row.site}: {row.change} ({row.window} local, {row.days}; in UTC {row.utc}). "
                            f"{row.effect}. Why: {row.reason or '-'}")

    def _fail(self, message: str) -> None:
        self.fix_result = None
        self.proposals.set_rows([])
        self.summary.setText(message)
        self.apply_button.setEnabled(False)

    def _show_season(self, index: int) -> None:
        if 0 <= index < len(getattr(self, "_season_days", [])):
            day = self._season_days[index].day
            self.band_before.set_date(day)
            self.band_after.set_date(day)
            self._align_bands()

    def _align_bands(self) -> None:
        """Before and after on one hour axis: the wider row labels ("… (adjusted) …") set both."""
        bands = (self.band_before, self.band_after)
        floor = max(b.natural_label_width() for b in bands)
        for b in bands:
            b.set_label_floor(floor)

    def apply(self) -> None:
        """One undoable edit that adds the plan's adjustments to whatever the team is now."""
        if self.fix_result is None or not self.fix_result.detail.proposals:
            return
        result = self.fix_result
        count = len(result.detail.proposals)
        self.document.apply(f"Plan: {count} window adjustment{'s' if count != 1 else ''}",
                            lambda team: plan_review.with_plan(team, result))
        self.accept()


def default_range(today: date) -> tuple[date, date]:
    """A year from today: every DST season a rota meets."""
    return today, today + timedelta(days=365)


def open_plan_dialog(window, start: date | None = None, end: date | None = None) -> PlanDialog:
    """Tools > Plan… and Coverage > Fix…: the dialog on the window's document (modal)."""
    first, last = default_range(window.clock().date())
    dialog = PlanDialog(window.document, start or first, end or last, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    # Deleted once closed (after its exec returns): a closed dialog kept as the window's child
    # stayed connected to every team change until the window closed.
    dialog.finished.connect(dialog.deleteLater)
    window.actions.exec_dialog(dialog)
    return dialog
