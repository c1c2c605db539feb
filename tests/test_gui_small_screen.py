"""Second-look fixes from walking the app at 1024x700 (the smallest supported size), light and dark."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from oncall.core.demo import demo_team
from oncall.gui.document import TeamDocument
from oncall.gui.plan_dialog import PlanDialog

SMALL = (1024, 700 - 40)  # the screen less a title bar


@pytest.fixture
def plan_dialog(qtbot):
    d = PlanDialog(TeamDocument(demo_team()), date(2026, 1, 5), date(2027, 1, 5))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _inside(widget, dialog) -> bool:
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    return (widget.isVisible() and top_left.x() >= 0 and top_left.y() >= 0
            and top_left.x() + widget.width() <= dialog.width() and top_left.y() + widget.height() <= dialog.height())


def test_plan_dialog_fits_a_1024x700_screen_with_its_buttons_in_reach(plan_dialog, qtbot):
    hint = plan_dialog.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], hint
    plan_dialog.resize(*SMALL)
    QApplication.processEvents()
    assert plan_dialog.size().toTuple() == SMALL
    for page in range(plan_dialog.pages.count()):
        plan_dialog.pages.setCurrentIndex(page)
        QApplication.processEvents()
        assert not plan_dialog.pages_scroll.horizontalScrollBar().isVisible(), plan_dialog.pages.tabText(page)
    plan_dialog.pages.setCurrentIndex(0)
    QApplication.processEvents()
    assert _inside(plan_dialog.apply_button, plan_dialog) and _inside(plan_dialog.plan_button, plan_dialog)
    # the bands below the table are reached by scrolling, not cut off
    plan_dialog.pages_scroll.ensureWidgetVisible(plan_dialog.figures_after)
    QApplication.processEvents()
    assert plan_dialog.figures_after.visibleRegion().boundingRect().height() == plan_dialog.figures_after.height()


def test_fairness_settings_explain_themselves(plan_dialog):
    page = plan_dialog.fairness
    for widget in (page.history_edit, page.weekend, page.holiday, page.min_rest, page.max_consecutive,
                   page.time_limit, page.find_button):
        assert widget.toolTip(), widget.accessibleName() or widget.text()
