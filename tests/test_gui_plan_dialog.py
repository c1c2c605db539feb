"""The Plan dialog driven as a lead would: Tools > Plan…, review, Apply, Undo; Coverage > Fix…."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from oncall.core.demo import demo_team
from oncall.gui.document import TeamDocument
from oncall.gui.plan_dialog import PlanDialog
from gui_support import open_demo_window


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


@pytest.fixture
def dialog(qtbot):
    doc = TeamDocument(demo_team())
    d = PlanDialog(doc, date(2026, 1, 5), date(2027, 1, 5))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _apply(dialog) -> bool:
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    return dialog.result() == 1


def test_dialog_lists_each_adjustment_in_words(dialog, qtmodeltester):
    qtmodeltester.check(dialog.proposals)
    rows = [dialog.proposals.row(i) for i in range(dialog.proposals.rowCount())]
    assert [(r.site, r.window) for r in rows] == [("Sydney", "08:00\u201318:00"), ("London", "06:00\u201316:00")]
    assert rows[0].change == "end at 18:00 instead of 17:00"
    assert rows[0].utc == "21:00Z\u201307:00Z (AEDT, UTC+11:00)"
    assert rows[1].effect == "Sydney to London: a 30 min gap \u2192 30 min overlap"
    assert "2 adjustments proposed" in dialog.summary.text()
    dialog.proposals_view.setCurrentIndex(dialog.proposals.index(1, 0))
    assert dialog.detail.text().startswith("London: start at 06:00 instead of 07:00 (06:00\u201316:00 local")
    assert "Why: Sydney on daylight time (UTC+11:00), London on standard time (UTC+00:00)" in dialog.detail.text()
    assert not dialog.unclosable.isVisible()


def test_worst_day_bands_show_the_gap_before_and_not_after(dialog):
    assert dialog.season.count() >= 2
    for index in range(dialog.season.count()):
        dialog.season.setCurrentIndex(index)
        before, after = dialog.band_before.band(), dialog.band_after.band()
        assert before is not None and after is not None and before.day == after.day
        assert before.gaps, dialog.season.itemText(index)  # the worst day of a drift season has its gap
        assert not after.gaps
    assert dialog.figures_before.text().startswith("gaps 77 h 30 min")
    assert dialog.figures_after.text().startswith("gaps 0 h 0 min")


def test_a_tight_limit_says_what_cannot_be_closed(dialog):
    dialog.limit.setValue(540)  # 9 h: Sydney's and London's windows are 9 h already
    dialog.run_plan()
    assert dialog.proposals.rowCount() == 0
    assert not dialog.apply_button.isEnabled()
    assert dialog.unclosable.isVisibleTo(dialog)
    assert "Sydney to London" in dialog.unclosable.text() and "9 h window limit" in dialog.unclosable.text()


def test_tools_plan_applies_as_one_undoable_edit(window):
    doc = window.document
    assert window.plan_action in window.tools_menu.actions()
    seen = []
    window.actions.exec_dialog = lambda d: seen.append(d) or _apply(d)
    depth = doc.undo_stack.count()
    window.plan_action.trigger()
    assert isinstance(seen[0], PlanDialog)
    assert (seen[0].start_edit.date().year(), seen[0].end_edit.date().year()) == (2026, 2027)  # a year from today
    added = doc.team.adjustments
    assert added and doc.undo_stack.count() == depth + 1
    assert doc.undo_stack.undoText().startswith("Plan: ")
    doc.undo_stack.undo()
    assert doc.team.adjustments == ()
    doc.undo_stack.redo()
    assert doc.team.adjustments == added
    window.save()
    assert doc.database.load_team().adjustments == added


def test_coverage_fix_opens_the_plan_on_the_drift_period(window, qtbot):
    panel = window.coverage
    window.tabs.setCurrentWidget(panel)
    panel.range.set_range(date(2026, 12, 1), 28)
    panel.refresh()
    drift = [i for i in range(panel.findings.rowCount()) if panel.findings.item(i).kind == "dst_drift"]
    assert drift, "the demo team drifts in December"
    assert not panel.fix_button.isEnabled()
    seen = []
    window.actions.exec_dialog = lambda d: seen.append(d) or False
    panel.findings_view.setCurrentIndex(panel.findings.index(drift[0], 0))
    assert panel.fix_button.isEnabled()
    panel.fix_button.click()
    row = panel.findings.item(drift[0])
    dialog = seen[0]
    assert dialog.start_edit.date().toPython() == row.start.date()
    assert dialog.proposals.rowCount() >= 1  # the period's drift has a proposal
    assert window.document.team.adjustments == ()  # closed without Apply: nothing changed
    # The gaps a drift causes (one grouped row) offer the same repair.
    gap_rows = [i for i in range(panel.findings.rowCount()) if panel.findings.item(i).kind == "gap"]
    assert gap_rows and all(panel.findings.item(i).drift for i in gap_rows)
    panel.findings_view.setCurrentIndex(panel.findings.index(gap_rows[0], 0))
    assert panel.fix_button.isEnabled()
    holiday = [i for i in range(panel.findings.rowCount()) if panel.findings.item(i).kind == "holiday"]
    panel.findings_view.setCurrentIndex(panel.findings.index(holiday[0], 0))
    assert not panel.fix_button.isEnabled()  # nothing a window adjustment repairs


def test_a_closed_plan_dialog_is_deleted_not_kept_listening_to_the_team(window, qtbot):
    """Before: each Tools > Plan… left a hidden dialog under the window, connected to every team change."""
    from PySide6.QtCore import QTimer

    def run_and_close(dialog):
        QTimer.singleShot(0, dialog.reject)  # the lead presses Close
        return dialog.exec()

    window.actions.exec_dialog = run_and_close
    for _ in range(3):
        window.plan_action.trigger()
    qtbot.waitUntil(lambda: not window.findChildren(PlanDialog), timeout=5000)


def test_the_bands_keep_their_legends_on_a_small_screen(window, qtbot):
    """Found walking the app: at 800x760 (a 1024x700 screen's room) the pages' scroll area made the
    tabs only as tall as their plain minimum, and the word-wrapped proposal text took its height from
    the before/after bands: both lost their legend lines (drawn below the widget's bottom)."""
    from PySide6.QtWidgets import QApplication

    seen = []

    def look(dialog):
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.resize(800, 660)
        for _ in range(5):
            QApplication.processEvents()
        dialog.proposals_view.setFocus()
        qtbot.keyClick(dialog.proposals_view, Qt.Key.Key_Down)  # the detail text (three lines) changes
        for _ in range(5):
            QApplication.processEvents()
        for band in (dialog.band_before, dialog.band_after):
            assert band.height() >= band.sizeHint().height(), (band.accessibleName(), band.height())
        assert dialog.pages_scroll.verticalScrollBar().maximum() > 0  # it scrolls instead
        dialog.reject()
        return False

    window.actions.exec_dialog = look
    window.plan_action.trigger()
    assert seen


def test_closing_and_deleting_plan_dialogs_never_calls_into_a_destroyed_page(window, qtbot):
    """Found running this file's tests in another order: a shown dialog closed, then Tools > Plan…
    closed three times, crashed Python (segfault) or raised "'FairnessPage' object has no attribute
    'dialog'" from the Fairness page's key filter on the dialog while the dialog was destroyed."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    first = PlanDialog(TeamDocument(demo_team()), date(2026, 1, 5), date(2026, 2, 5))
    first.show()
    qtbot.waitExposed(first)
    first.close()
    first.deleteLater()

    def run_and_close(dialog):
        QTimer.singleShot(0, dialog.reject)
        return dialog.exec()

    window.actions.exec_dialog = run_and_close
    for _ in range(3):
        window.plan_action.trigger()
    for _ in range(5):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not window.findChildren(PlanDialog), timeout=5000)
