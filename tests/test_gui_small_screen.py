"""Second-look fixes from walking the app at 1024x700 (the smallest supported size), light and dark."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from oncall.core.demo import demo_team
from oncall.gui.document import TeamDocument
from oncall.gui.findings_model import FindingsModel
from oncall.gui.palette import contrast
from oncall.gui.plan_dialog import PlanDialog
from oncall.gui.schedule_import_dialog import ScheduleImportDialog
from oncall.viewmodels.coverage import shared_cache
from gui_support import NOW, dark_palette, drawn_text_colour

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"

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


# ---------------------------------------------------------------- status colours in light and dark


_dark = dark_palette


@pytest.fixture(params=["light", "dark"])
def palette(request):
    app = QApplication.instance()
    before = app.palette()
    if request.param == "dark":
        app.setPalette(_dark())
    yield app.palette()
    app.setPalette(before)


_label_colour = drawn_text_colour


def test_import_verdicts_are_readable_on_light_and_dark(palette, qtbot):
    dialog = ScheduleImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    window = palette.color(QPalette.ColorRole.Window)
    cases = (("pagerduty", FIXTURES / "pagerduty" / "follow-the-sun-schedule.json",
              FIXTURES / "pagerduty" / "follow-the-sun-timeline.json", "Matches"),
             ("opsgenie", FIXTURES / "pagerduty" / "weekly-schedule.json", None, "Cannot import"))
    for tool, schedule, timeline, verdict in cases:
        dialog.tool.setCurrentIndex(dialog.tool.findData(tool))
        dialog.schedule.clear()
        QTest.keyClicks(dialog.schedule, str(schedule))
        dialog.timeline.clear()
        if timeline:
            QTest.keyClicks(dialog.timeline, str(timeline))
        QTest.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert dialog.verdict.text().startswith(verdict)
        assert contrast(_label_colour(dialog.verdict), window) >= 4.5, dialog.verdict.text()


def test_gap_findings_and_the_score_are_readable_on_light_and_dark(palette, qtbot):
    from oncall.gui.coverage_panel import CoveragePanel

    team = demo_team()
    start = NOW.replace(hour=0, minute=0, second=0, microsecond=0)
    report = shared_cache().report(team, start, start + timedelta(days=28))
    model = FindingsModel()
    model.set_report(team, report)
    gap = next(r for r in range(model.rowCount()) if model.item(r).kind == "gap")
    colour = model.data(model.index(gap, 0), Qt.ItemDataRole.ForegroundRole)
    assert contrast(colour, palette.color(QPalette.ColorRole.Base)) >= 4.5
    panel = CoveragePanel(lambda: NOW.date())
    qtbot.addWidget(panel)
    panel.set_team(team)
    assert report.quality.grade == "red"
    shown = QColor(panel.score.text().split("color:")[1].split(";")[0].strip())
    assert contrast(shown, palette.color(QPalette.ColorRole.Window)) >= 4.5


# ---------------------------------------------------------------- the band's legend when narrow


def _legend(view):
    from oncall.gui.band_painter import BandPainter
    from oncall.gui.palette import view_colors

    return BandPainter(view._metrics(), view.band(), view_colors(view.palette()), view.palette(), view.font(),
                       view.width()).legend_layout()


def test_a_narrow_adjusted_band_still_explains_every_colour(plan_dialog):
    """The Plan dialog's after-band at 1024 px: the long adjusted key used to push Night, Overlap, Gap out."""
    plan_dialog.resize(*SMALL)
    QApplication.processEvents()
    view = plan_dialog.band_after
    keys = _legend(view)
    assert [text for _, _, text, _ in keys] == ["Window", "Adjusted", "Handoff", "Working", "Night", "Overlap", "Gap"]
    boxes = [box for sw, box, _, _ in keys]
    assert all(a.right() <= b.left() for a, b in zip(boxes, boxes[1:]))  # no key overlaps the next
    assert boxes[-1].right() <= view.width()
    plan_dialog.resize(1800, 900)  # room enough: the keys say it in full, under the plot
    QApplication.processEvents()
    keys = _legend(view)
    assert keys[1][2].startswith("Adjusted window (") and keys[-1][2] == "Gap"
    assert keys[0][0].left() >= view._metrics().plot_left


# ---------------------------------------------------------------- the adjustment dialog


def test_a_new_adjustment_opens_on_a_free_day_not_on_an_error(qtbot):
    from dataclasses import replace

    from oncall.core.model import Adjustment, LocalWindow
    from oncall.gui.adjustment_dialog import AdjustmentDialog

    winter = Adjustment("syd", date(2026, 10, 4), date(2027, 4, 4), LocalWindow(8 * 60, 18 * 60), "drift")
    team = replace(demo_team(), adjustments=(winter,))
    dialog = AdjustmentDialog(team, None, leg="syd", today=date(2026, 11, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.first_edit.date().toPython() == date(2027, 4, 4)  # the day after the existing one ends
    assert dialog.problems() == [] and not dialog.problems_label.text()
    other = AdjustmentDialog(team, None, leg="lon", today=date(2026, 11, 30))  # another leg: today is free
    qtbot.addWidget(other)
    assert other.first_edit.date().toPython() == date(2026, 11, 30)


def test_the_reason_field_shows_its_example_whole(qtbot):
    from oncall.gui.adjustment_dialog import AdjustmentDialog

    dialog = AdjustmentDialog(demo_team(), None, today=date(2026, 11, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.reason_edit
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 8
    assert dialog.width() <= SMALL[0]


def test_dialog_problems_are_readable_on_light_and_dark(palette, qtbot):
    from oncall.gui.adjustment_dialog import AdjustmentDialog

    dialog = AdjustmentDialog(demo_team(), None, today=date(2026, 11, 30))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.last_edit.setDate(dialog.first_edit.date().addDays(-3))  # a reversed span: a problem shows
    assert "is before the first day" in dialog.problems_label.text()
    assert contrast(_label_colour(dialog.problems_label), palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_every_proposal_column_shows_at_1024_without_scrolling_sideways(plan_dialog):
    plan_dialog.resize(*SMALL)
    QApplication.processEvents()
    view = plan_dialog.proposals_view
    header = view.horizontalHeader()
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionViewportPosition(header.count() - 1) + header.sectionSize(header.count() - 1) \
        <= view.viewport().width()
    for column in range(header.count()):  # no header is cut
        assert header.sectionSize(column) >= header.sectionSizeHint(column), plan_dialog.proposals.headerData(
            column, Qt.Orientation.Horizontal)


# ---------------------------------------------------------------- keyboard


def test_import_dialog_mnemonics_land_in_the_file_fields(qtbot):
    dialog = ScheduleImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.tool.setFocus()
    for key, field in ((Qt.Key.Key_S, dialog.schedule), (Qt.Key.Key_L, dialog.timeline), (Qt.Key.Key_T, dialog.tool)):
        qtbot.keyClick(dialog.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)
        assert field.hasFocus(), key
    assert dialog.tool.hasFocus() and not dialog.schedule.text()
    qtbot.keyClick(dialog.tool, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.focusWidget(), "/tmp/a.json")
    assert dialog.schedule.text() == "/tmp/a.json"


def test_editor_dialogs_open_in_their_first_field_and_tab_reaches_the_buttons(qtbot):
    from oncall.gui.adjustment_dialog import AdjustmentDialog
    from oncall.gui.site_dialog import SiteDialog

    for dialog, first in ((AdjustmentDialog(demo_team(), None, today=date(2026, 11, 30)), "Leg"),
                          (SiteDialog(demo_team(), None), "Name")):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        assert dialog.focusWidget() is not None and dialog.focusWidget().accessibleName() == first
        seen = set()
        for _ in range(30):
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
            seen.add(dialog.focusWidget())
        assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel) in seen


def test_plan_dialog_tab_order_has_no_empty_stop(plan_dialog, qtbot):
    plan_dialog.activateWindow()
    qtbot.waitUntil(plan_dialog.isActiveWindow, timeout=2000)
    plan_dialog.start_edit.setFocus()
    stops = []
    for _ in range(30):
        qtbot.keyClick(plan_dialog.focusWidget() or plan_dialog, Qt.Key.Key_Tab)
        stops.append(plan_dialog.focusWidget())
    assert plan_dialog.pages_scroll not in stops
    assert plan_dialog.apply_button in stops and plan_dialog.proposals_view in stops


def test_fairness_figures_fit_1024_with_two_line_headers(plan_dialog, qtbot):
    from oncall.gui.fair_figures_model import HEADERS

    plan_dialog.resize(*SMALL)
    page = plan_dialog.fairness
    plan_dialog.pages.setCurrentWidget(page)
    page.max_consecutive.setValue(2)
    page.find_button.click()
    qtbot.waitUntil(lambda: not page.planning, timeout=60_000)  # the solver runs in a worker thread
    QApplication.processEvents()
    assert page.figures.rowCount() == 6
    view = page.figures_view
    assert not view.horizontalScrollBar().isVisible()
    hours = HEADERS.index("Hours before")
    model = page.figures
    assert model.headerData(hours, Qt.Orientation.Horizontal) == "Hours\nbefore"
    assert model.headerData(hours, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Hours before"


def test_before_and_after_bands_share_one_hour_axis(plan_dialog):
    """The after-band's "(adjusted)" labels are wider; its hours used to sit right of the before-band's."""
    QApplication.processEvents()
    for index in range(plan_dialog.season.count()):
        plan_dialog.season.setCurrentIndex(index)
        QApplication.processEvents()
        before, after = plan_dialog.band_before._metrics(), plan_dialog.band_after._metrics()
        assert before.plot_left == after.plot_left and before.plot_right == after.plot_right
        assert before.x(7 * 60) == after.x(7 * 60)
    after = plan_dialog.band_after
    assert after._metrics().label_width == after.natural_label_width()  # the wider one sets both


def test_plan_and_import_controls_say_what_they_do(plan_dialog, qtbot):
    dialog = ScheduleImportDialog()
    qtbot.addWidget(dialog)
    for widget in (plan_dialog.plan_button, plan_dialog.season, plan_dialog.apply_button, dialog.open_button,
                   dialog.check_button, dialog.tool, dialog.weeks):
        assert widget.toolTip(), widget.accessibleName() or widget.text()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.weeks.width() < dialog.width() / 3  # "8 weeks" is a number field, not a bar across the dialog


@pytest.fixture
def window(qtbot, tmp_path):
    from gui_support import open_demo_window

    yield from open_demo_window(qtbot, tmp_path)


def test_fix_on_a_day_of_a_drift_gap_group_plans_the_whole_group(window, qtbot):
    panel = window.coverage
    window.tabs.setCurrentWidget(panel)
    panel.range.set_range(date(2026, 11, 26), 28)
    group = next(i for i in range(panel.findings.rowCount())
                 if panel.findings.item(i).kind == "gap" and panel.findings.item(i).children)
    parent = panel.findings.index(group, 0)
    panel.findings_view.expand(parent)
    panel.findings_view.setCurrentIndex(panel.findings.index(3, 0, parent))  # the group's fourth day
    assert panel.fix_button.isEnabled()
    seen = []
    window.actions.exec_dialog = lambda d: seen.append(d) or False
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    row = panel.findings.item(group)
    assert seen and seen[0].start_edit.date().toPython() == row.start.date()
    assert seen[0].end_edit.date().toPython() == row.end.date() + timedelta(days=1)
    assert "proposed for 1 DST season;" in seen[0].summary.text()  # one season, not "1 DST seasons"


def test_adjustments_list_in_calendar_order_and_edit_the_row_chosen(window, qtbot):
    from oncall.core.model import Adjustment, LocalWindow

    later = Adjustment("lon", date(2027, 10, 31), date(2028, 3, 26), LocalWindow(6 * 60, 16 * 60), "winter 2027")
    sooner = Adjustment("syd", date(2026, 11, 26), date(2027, 3, 28), LocalWindow(8 * 60, 18 * 60), "summer 2026")
    window.document.apply("two adjustments", lambda team: team.evolve(adjustments=(later, sooner)))
    page = window.team_panel.show_page("Adjustments")
    model = window.team_panel.adjustments
    assert [model.item(r).reason for r in range(model.rowCount())] == ["summer 2026", "winter 2027"]
    seen = []

    def keep(dialog) -> bool:
        seen.append(dialog.value())
        return False

    window.actions.exec_dialog = keep
    page.select_row(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen == [sooner]  # the row on screen, not the team list's first entry
    page.select_row(1)
    window.actions.confirm = lambda *_a: True
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert window.document.team.adjustments == (sooner,)


def test_hints_under_the_views_are_readable_and_follow_the_palette(window, qtbot):
    """The hints were disabled labels: Fusion's light disabled grey is 1.6:1 on the window."""
    app = QApplication.instance()
    window.tabs.setCurrentWidget(window.band)
    hint = window.band.hint
    page = window.team_panel.show_page("Members")
    for label in (hint, page.hint):
        assert label.isEnabled()  # read by screen readers as text, not as a disabled control
    background = app.palette().color(QPalette.ColorRole.Window)
    assert contrast(hint.palette().color(QPalette.ColorRole.WindowText), background) >= 4.5
    assert contrast(_label_colour(hint), background) >= 4.5
    before = app.palette()
    try:
        app.setPalette(_dark())
        dark = _dark().color(QPalette.ColorRole.Window)
        qtbot.waitUntil(lambda: contrast(hint.palette().color(QPalette.ColorRole.WindowText), dark) >= 4.5,
                        timeout=2000)
        assert contrast(page.hint.palette().color(QPalette.ColorRole.WindowText), dark) >= 4.5
    finally:
        app.setPalette(before)
