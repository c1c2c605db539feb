"""The leg dialog's live preview and start date, and Add member/leg blocked until a site/member exists."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTime, Qt

from oncall.core.demo import demo_team
from oncall.core.model import Member, Site
from oncall.gui.document import TeamDocument, empty_team
from oncall.gui.leg_dialog import LegDialog
from oncall.gui.main_window import DISCARD, MainWindow
from tests.gui_support import DialogScript, clock, settings_at


def test_preview_shows_overlaps_now_and_after_the_next_dst_change(qtbot):
    team = demo_team()
    dialog = LegDialog(team, team.leg(team.legs[1].id), today=date(2026, 3, 20))  # London
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.preview_view.lines()
    assert lines == [
        "Fri 20 Mar 2026: gap of 30 min after Sydney; 150 min overlap with San Francisco",
        "Mon 30 Mar 2026, after the DST change in Europe/London on Sun 29 Mar 2026: "
        "30 min overlap with Sydney; 90 min overlap with San Francisco",
    ]
    # Moving the window start an hour earlier (typed) closes the gap at once.
    dialog.win_from.setFocus()
    dialog.win_from.setSelectedSection(dialog.win_from.Section.HourSection)
    qtbot.keyClicks(dialog.win_from, "06")
    assert dialog.win_from.time() == QTime(6, 0)
    assert dialog.preview_view.lines()[0].startswith("Fri 20 Mar 2026: 30 min overlap with Sydney")
    assert dialog.preview_view.accessibleDescription().startswith("Fri 20 Mar 2026: 30 min overlap")


def test_new_leg_starts_on_the_next_handoff_day(qtbot):
    team = demo_team()
    dialog = LegDialog(team, None, today=date(2026, 11, 26))  # a Thursday
    qtbot.addWidget(dialog)
    assert dialog.value().start == date(2026, 11, 30)  # the next Monday, the default handoff day
    dialog.handoff_combo.setCurrentIndex(dialog.handoff_combo.findData(3))  # Thursday
    assert dialog.value().start == date(2026, 12, 3)  # the next Thursday, not today
    dialog.start_edit.setFocus()
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Up)  # the user picks a date: it stays theirs
    picked = dialog.value().start
    dialog.handoff_combo.setCurrentIndex(dialog.handoff_combo.findData(0))
    assert dialog.value().start == picked


def test_add_member_and_leg_wait_for_a_site_and_a_member(qtbot, tmp_path):
    window = MainWindow(TeamDocument(empty_team()), settings_at(tmp_path), clock)
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.panelsFilled, timeout=5000):
        window.show()
    members, legs = window.team_panel.pages["Members"], window.team_panel.pages["Legs"]
    assert not window.add_member_action.isEnabled() and not window.add_leg_action.isEnabled()
    assert window.add_member_action.toolTip() == "Add a site first (Sites tab)"
    window.team_panel.show_page("Members")
    assert not members.add_button.isEnabled() and members.hint.isVisible()
    assert members.hint.text() == "Add a site first (Sites tab)"
    assert not window.toolbar.widgetForAction(window.add_override_action).isEnabled()

    window.actions.exec_dialog = DialogScript(lambda d: _fill_site(qtbot, d))
    window.add_site_action.trigger()
    assert window.add_member_action.isEnabled() and members.add_button.isEnabled() and not members.hint.isVisible()
    assert not window.add_leg_action.isEnabled()
    assert legs.hint.text() == "Add a member first (Members tab)"

    window.actions.exec_dialog = DialogScript(lambda d: qtbot.keyClicks(d.name_edit, "Ana Silva"))
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert window.document.team.members[0].name == "Ana Silva"
    assert window.add_leg_action.isEnabled() and legs.add_button.isEnabled()
    window.undo_action.trigger()
    assert not window.add_leg_action.isEnabled()


def _fill_site(qtbot, dialog):
    qtbot.keyClicks(dialog.name_edit, "Lisbon")  # the id follows the name; the zone stays UTC


def test_blocked_reasons_match_the_team():
    from oncall.gui.team_panel import add_blocked_reasons

    site_only = empty_team().evolve(sites=(Site("lis", "Lisbon", "Europe/Lisbon"),))
    assert add_blocked_reasons(site_only)["Members"] is None
    assert add_blocked_reasons(site_only)["Legs"] == "Add a member first (Members tab)"
    staffed = site_only.evolve(members=(Member("ana", "Ana", "lis"),))
    assert add_blocked_reasons(staffed)["Adjustments"] == "Add a leg first (Legs tab)"  # adjustments change a leg
    assert {k for k, v in add_blocked_reasons(staffed).items() if v is None} == {
        "Sites", "Members", "Legs", "Overrides", "Time off"}


def test_a_short_legs_two_junction_figures_do_not_print_over_each_other(qtbot):
    """Found walking the app: a 4-hour London leg between two gaps drew "gap 150 min" over "gap 270 min"."""
    from dataclasses import replace

    from oncall.core.model import LocalWindow

    team = demo_team()
    london = replace(team.legs[1], window=LocalWindow(10 * 60, 14 * 60))
    team = replace(team, legs=(team.legs[0], london, *team.legs[2:]))
    dialog = LegDialog(team, london, today=date(2026, 3, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.preview_view
    assert view.width() < 600 and len(view.lines()) == 2
    for row, preview in enumerate(view._previews):
        boxes = view.junction_labels(preview)
        assert [label for _n, _b, label in boxes][0].startswith("gap")
        assert len(boxes) == 2
        (_, first, _), (_, second, _) = boxes
        assert not first.intersects(second), (row, first, second)
        assert first.left() >= 0 and second.right() <= view.width()
        for _n, box, label in boxes:  # each figure fits its box: nothing clipped
            assert view.fontMetrics().horizontalAdvance(label) <= box.width()
    view.grab()  # paints with the same boxes
