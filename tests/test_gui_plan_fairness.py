"""The Plan dialog's Fairness page as a lead uses it: settings, figures before/after, changes, Apply, Undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from core_helpers import z
from fair_support import assert_nobody_on_call_while_unavailable, find_plan
from oncall.core.demo import demo_team
from oncall.gui.document import TeamDocument
from oncall.gui.fair_figures_model import HEADERS
from oncall.gui.plan_dialog import PlanDialog


@pytest.fixture
def page(qtbot):
    doc = TeamDocument(demo_team())
    dialog = PlanDialog(doc, date(2026, 10, 1), date(2027, 1, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pages.setCurrentIndex(dialog.pages.indexOf(dialog.fairness))
    return dialog.fairness


def _cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_page_finds_a_plan_and_shows_figures_before_and_after(page, qtbot, qtmodeltester):
    assert page.dialog.pages.tabText(page.dialog.pages.indexOf(page)) == "Fairness"
    assert not page.dialog.apply_button.isVisible()  # the drift page's Apply is not this page's
    assert not page.apply_button.isEnabled()  # nothing planned until asked
    page.max_consecutive.setValue(2)
    find_plan(qtbot, page)
    assert page.summary.text().startswith("9 of 42 turns change.")
    assert "proven optimal" in page.summary.text()
    qtmodeltester.check(page.figures)
    qtmodeltester.check(page.changes)
    names = [_cell(page.figures, r, 0) for r in range(page.figures.rowCount())]
    assert names[:2] == ["Alice Chen", "Bob Nguyen"]
    hours = HEADERS.index("Hours before"), HEADERS.index("Hours after")
    assert _cell(page.figures, 0, hours[0], Qt.ItemDataRole.EditRole) == 476
    assert _cell(page.figures, 0, hours[1], Qt.ItemDataRole.EditRole) == 409.5
    assert _cell(page.figures, 0, hours[1], Qt.ItemDataRole.FontRole).bold()  # it moved
    assert page.changes.rowCount() == 9
    first_syd = next(page.changes.row(r) for r in range(9) if page.changes.row(r).leg == "Sydney")  # not "syd"
    assert (first_syd.member, first_syd.instead) == ("Bob Nguyen", "Alice Chen")
    assert first_syd.local.startswith("Mon ") and " 08:00 AEDT to Sun " in first_syd.local
    assert first_syd.utc.endswith("06:30Z") and " 21:00Z to " in first_syd.utc
    assert first_syd.why.startswith("evens out-of-hours in Sydney (weighted, as rostered: Alice Chen ")
    assert not page.conflicts.isVisible()
    assert page.apply_button.isEnabled()


def test_a_turn_no_plan_can_staff_is_named_in_red(page, qtbot):
    find_plan(qtbot, page)  # default: weekly legs allow one turn in a row
    assert "0 of 42 turns change: the rota is already as fair as the rules allow." in page.summary.text()
    assert page.conflicts.isVisible()
    assert "Sydney turn 50" in page.conflicts.text() and "max consecutive" in page.conflicts.text()


def test_apply_is_one_undoable_edit(page, qtbot):
    doc = page.document
    original = doc.team
    page.max_consecutive.setValue(2)
    find_plan(qtbot, page)
    depth = doc.undo_stack.count()
    page.apply_button.click()
    assert page.dialog.result() == 1
    assert doc.undo_stack.count() == depth + 1
    assert doc.undo_stack.undoText() == "Fair plan: 9 turns reassigned"
    planned = [ov for ov in doc.team.overrides if (ov.note or "").startswith("planned: ")]
    assert len(planned) == 9 and doc.team.overrides[:1] == original.overrides
    assert_nobody_on_call_while_unavailable(doc.team, z(2026, 10, 1), z(2027, 1, 1))
    doc.undo_stack.undo()
    assert doc.team == original
    doc.undo_stack.redo()
    assert len([ov for ov in doc.team.overrides if (ov.note or "").startswith("planned: ")]) == 9


def test_history_and_weights_reach_the_planner(page, qtbot):
    page.history_check.setChecked(True)
    page.history_edit.setDate(QDate(2026, 7, 1))
    page.weekend.setValue(3.0)
    page.max_consecutive.setValue(2)
    options = page.options()
    assert options["history_from"] == date(2026, 7, 1) and options["weekend_weight"] == 3.0
    find_plan(qtbot, page)
    assert page.plan.settings.history_start == z(2026, 7, 1)
    assert page.plan.settings.weights.weekend == 3.0


def test_leaving_the_page_brings_back_the_drift_apply(page):
    page.dialog.pages.setCurrentIndex(0)
    assert page.dialog.apply_button.isVisible()


def test_bad_settings_say_why_and_disable_apply(page, qtbot):
    page.history_check.setChecked(True)
    page.history_edit.setDate(QDate(2026, 12, 1))  # after the range starts
    find_plan(qtbot, page)
    assert "--history-from (2026-12-01) must be before --from (2026-10-01)" in page.summary.text()
    assert not page.apply_button.isEnabled() and page.figures.rowCount() == 0
