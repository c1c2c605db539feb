"""Screens that speak alike: status tones that follow a light/dark switch, undo texts in names with
en-dash windows, one display format for dates in every caption and heading. Real widgets throughout.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from gui_support import NOW, DialogScript, dark_palette, drawn_text_colour, open_demo_window
from oncall.core.model import LocalWindow
from oncall.gui.palette import contrast, tone_color

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"


@pytest.fixture
def restore_palette():
    app = QApplication.instance()
    before = app.palette()
    yield app
    app.setPalette(before)


# ---------------------------------------------------------------- the import verdict follows light/dark


def _check(qtbot, dialog, tool: str, schedule: str, timeline: str | None = None, shifts: str | None = None) -> None:
    dialog.tool.setCurrentIndex(dialog.tool.findData(tool))
    for edit, name in ((dialog.schedule, schedule), (dialog.timeline, timeline), (dialog.shifts, shifts)):
        edit.clear()
        if name:
            qtbot.keyClicks(edit, str(FIXTURES / name))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("case", ["good", "warning", "error", "neutral"])
def test_import_verdict_stays_readable_after_a_switch_to_dark_and_back(case, qtbot, restore_palette):
    from oncall.gui.schedule_import_dialog import ScheduleImportDialog

    app = restore_palette
    dialog = ScheduleImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    if case == "good":
        _check(qtbot, dialog, "opsgenie", "opsgenie/follow-the-sun-schedule.json", "opsgenie/follow-the-sun-timeline.json")
        assert dialog.verdict.text().startswith("Matches")
    elif case == "warning":
        _check(qtbot, dialog, "grafana", "grafana/approximated-schedule.json", "grafana/approximated-timeline.json",
               "grafana/approximated-shifts.json")
        assert "differences from Grafana OnCall's timeline" in dialog.verdict.text()
    elif case == "error":
        _check(qtbot, dialog, "opsgenie", "pagerduty/weekly-schedule.json")
        assert dialog.verdict.text().startswith("Cannot import")
    else:
        _check(qtbot, dialog, "opsgenie", "opsgenie/follow-the-sun-schedule.json")
        assert dialog.verdict.text().startswith("Imported. Give the tool's timeline")
    for palette in (dark_palette(), QPalette(app.palette()), dark_palette()):  # the verdict was set in light
        app.setPalette(palette)
        QApplication.processEvents()
        window = palette.color(QPalette.ColorRole.Window)
        drawn = drawn_text_colour(dialog.verdict)
        assert contrast(drawn, window) >= 4.5, (case, drawn.name(), window.name())
        expected = palette.color(QPalette.ColorRole.WindowText) if case == "neutral" else tone_color(case, palette)
        assert contrast(drawn, expected) < 1.3, (case, drawn.name(), expected.name())  # its tone, not another
    assert dialog.verdict.font().bold() == (case != "neutral")


def test_override_span_echo_is_readable_in_light_and_after_a_switch_to_dark(qtbot, restore_palette):
    """The echo under From/To ("Carol Smith's time: … / UTC: …") was a disabled label: 1.6:1 in light mode."""
    from oncall.core.demo import demo_team
    from oncall.gui.override_dialog import OverrideDialog

    app = restore_palette
    team = demo_team()
    dialog = OverrideDialog(team, None, start=NOW, end=NOW + timedelta(hours=8), member="dan", replaces="carol")
    qtbot.addWidget(dialog)
    dialog.show()
    echo = dialog.span.echo
    assert "UTC:" in echo.text() and echo.isEnabled()
    for palette in (QPalette(app.palette()), dark_palette()):
        app.setPalette(palette)
        QApplication.processEvents()
        drawn = drawn_text_colour(echo)
        assert contrast(drawn, palette.color(QPalette.ColorRole.Window)) >= 4.5, drawn.name()


# ---------------------------------------------------------------- undo texts speak in names


ID_WORD = re.compile(r"(?<![\w-])(syd|lon|sfo|alice|bob|carol|dan|erin|frank)(?![\w-])")  # a demo id alone
ASCII_WINDOW = re.compile(r"\d\d:\d\d-\d\d:\d\d")


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _edit_menu_undo(window) -> str:
    """Edit > Undo … as the menu shows it (the mnemonic's ampersand dropped)."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit")
    menu.aboutToShow.emit()
    undo = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Undo"))
    text = undo.text().replace("&", "")
    assert not ID_WORD.search(text) and not ASCII_WINDOW.search(text), text
    return text


def _drag_edge(qtbot, band, leg_id: str, edge: str, to_minutes: int) -> None:
    """Drag a leg's start or end edge on the band to ``to_minutes`` past midnight UTC, with the mouse."""
    data = band.band()
    index = [r.leg_id for r in data.rows].index(leg_id)
    piece = next(p for p in data.rows[index].pieces if (p.has_start if edge == "start" else p.has_end))
    rect = band._bar_rect(index, piece.start, piece.end)
    grab = QPoint(round(rect.left() if edge == "start" else rect.right()), round(rect.center().y()))
    target = QPoint(round(band._x(to_minutes)), grab.y())
    qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(band, QPoint((grab.x() + target.x()) // 2, grab.y()))
    qtbot.mouseMove(band, target)
    qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=target)


def _type_date(qtbot, edit, yyyymmdd: str) -> None:
    S = QDateTimeEdit.Section
    edit.setFocus()
    for section, digits in ((S.YearSection, yyyymmdd[:4]), (S.MonthSection, yyyymmdd[4:6]),
                            (S.DaySection, yyyymmdd[6:])):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, digits)


def _type_time(qtbot, edit, hhmm: str) -> None:
    S = QDateTimeEdit.Section
    edit.setFocus()
    for section, digits in ((S.HourSection, hhmm[:2]), (S.MinuteSection, hhmm[2:])):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, digits)


def test_edit_undo_names_legs_and_people_with_en_dash_windows(window, qtbot):
    band = window.band.view
    window.band.set_date(date(2026, 11, 26))
    _drag_edge(qtbot, band, "lon", "start", 6 * 60)  # 07:00 GMT -> 06:00
    assert window.document.team.leg("lon").window == LocalWindow(6 * 60, 16 * 60)
    assert _edit_menu_undo(window) == "Undo Move window of London to 06:00\u201316:00"  # was "of lon to 06:00-16:00"

    def winter(d):  # Team dock > Adjustments > Add…, typed into the real dialog
        d.leg_combo.setCurrentIndex(d.leg_combo.findData("lon"))
        _type_date(qtbot, d.first_edit, "20261025")
        _type_date(qtbot, d.last_edit, "20270327")
        _type_time(qtbot, d.win_from, "0530")
        _type_time(qtbot, d.win_to, "1500")

    window.actions.exec_dialog = DialogScript(winter)
    window.team_panel.show_page("Adjustments").add_button.click()
    assert _edit_menu_undo(window) == "Undo Add adjustment of London (05:30\u201315:00)"
    _drag_edge(qtbot, band, "lon", "end", 15 * 60 + 30)  # the adjusted day's end, 15:00 -> 15:30
    assert _edit_menu_undo(window) == "Undo Move adjusted window of London to 05:30\u201315:30"

    questions = []
    window.actions.confirm = lambda _parent, _title, text: questions.append(text) or True
    window.document.apply("seed", lambda t: t.evolve(legs=t.legs + (replace(t.leg("lon"), id="lon-2"),)))
    legs = window.team_panel.show_page("Legs")
    legs.select_row([lg.id for lg in window.document.team.legs].index("lon-2"))
    legs.remove_button.click()
    assert questions[-1] == "Remove the leg London (lon-2)?"
    assert _edit_menu_undo(window) == "Undo Remove leg London (lon-2)"

    overrides = window.team_panel.show_page("Overrides")
    who = window.document.team.member(window.document.team.overrides[0].member).name
    overrides.select_row(0)
    overrides.remove_button.click()
    assert questions[-1] == f"Remove this override for {who}?"
    assert _edit_menu_undo(window) == f"Undo Remove override for {who}"

    window.actions.confirm = lambda _parent, _title, text: questions.append(text) and False
    members = window.team_panel.show_page("Members")
    members.select_row([m.id for m in window.document.team.members].index("carol"))
    members.remove_button.click()
    assert "leaves the rotation of London" in questions[-1], questions[-1]  # was "of leg 'lon'"


def test_plan_proposals_window_column_uses_the_en_dash(qtbot):
    from oncall.core.demo import demo_team
    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    dialog = PlanDialog(TeamDocument(demo_team()), date(2026, 1, 5), date(2027, 1, 5))
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.proposals_view.model()
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Window")
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    assert shown == ["08:00\u201318:00", "06:00\u201316:00"], shown
    cells = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for text in cells + headers:  # the UTC column and the effects too: "21:00Z–07:00Z", "gap → overlap"
        assert not re.search(r"\d\dZ?-\d\d", text) and "->" not in text, text
    qtbot.mouseClick(dialog.proposals_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.proposals_view.visualRect(model.index(1, 0)).center())
    assert "(06:00\u201316:00 local" in dialog.detail.text(), dialog.detail.text()


# ---------------------------------------------------------------- one way to write a day


DAY = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
ISO = re.compile(r"\d{4}-\d\d-\d\d")


def test_band_ranges_print_and_plan_write_the_same_day_alike(window, qtbot):
    """Thu 26 Nov 2026 on the band, in Coverage/Timeline/Handoffs "From", the print dialog and the Plan.

    They read "Thu 26 Nov 2026", "From Thu 2026-11-26", "Week of Thu 2026-11-23" and "26 Nov 2026".
    """
    thursday, monday = "Thu 26 Nov 2026", "Mon 23 Nov 2026"
    band = window.band
    window.tabs.setCurrentWidget(band)
    band.set_date(date(2026, 11, 26))
    assert band.date_edit.text() == thursday
    assert band.view.accessibleDescription().startswith(f"{thursday}, times in UTC")  # the painted caption's words
    assert band.week_label.text().startswith(f"The week of {monday} (UTC)")
    for panel in (window.coverage, window.timeline, window.handoffs):
        window.tabs.setCurrentWidget(panel)
        panel.range.set_range(date(2026, 11, 26), 28)
        assert panel.range.start_edit.text() == thursday, panel.accessibleName()
    assert window.timeline.view.accessibleDescription().startswith(f"{thursday} \u2013 Wed 23 Dec 2026, times in")

    seen = []
    window.handoffs.exec_dialog = lambda dialog: seen.append(dialog) or False
    window.handoffs.range.set_range(date(2026, 11, 26), 7)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Print week / PDF…
    printing = seen[-1]
    assert printing.week_edit.text() == f"Week of {thursday}"
    assert printing.week_label.text() == f"2026-W48: {monday} \u2013 Sun 29 Nov 2026"

    window.actions.exec_dialog = lambda dialog: seen.append(dialog) or False
    window.plan_action.trigger()  # Tools > Plan…, a year from the window's today
    plan = seen[-1]
    assert (plan.start_edit.text(), plan.end_edit.text()) == (thursday, "Fri 26 Nov 2027")
    model = plan.proposals_view.model()
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Local days")
    days = [model.index(r, column).data() for r in range(model.rowCount())]
    assert days and all(re.fullmatch(f"{DAY} \u2013 {DAY}", text) for text in days), days
    for text in (plan.season.itemText(i) for i in range(plan.season.count())):
        assert re.match(f"{DAY} \u2013 {DAY}: ", text) and not ISO.search(text), text


def test_date_fields_read_as_english_whatever_the_desktop_locale(qtbot, restore_palette):
    """Qt names days in the desktop's language ("jeu. 26 nov."); the labels beside them are English."""
    from PySide6.QtCore import QLocale

    from oncall.gui.range_picker import RangePicker

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        picker = RangePicker(date(2026, 11, 26), 7)
        qtbot.addWidget(picker)
        assert picker.start_edit.text() == "Thu 26 Nov 2026"
    finally:
        QLocale.setDefault(before)


def test_the_fairness_history_date_reads_like_every_date_label(qtbot, tmp_path):
    from oncall.core.demo import demo_team
    from oncall.gui.document import TeamDocument
    from oncall.gui.plan_dialog import PlanDialog

    document = TeamDocument(demo_team())
    dialog = PlanDialog(document, date(2026, 11, 26), date(2027, 11, 26))
    qtbot.addWidget(dialog)
    assert dialog.fairness.history_edit.text() == "Thu 27 Aug 2026"  # 91 days before, as the band names a day
