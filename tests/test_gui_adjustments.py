"""Window adjustments in the GUI: the Team dock's table, the dialog filled by typing, undo/redo,
save and reopen, and the band drawing the adjusted edge with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialogButtonBox

from oncall.core.demo import demo_team
from oncall.core.model import Adjustment, LocalWindow
from oncall.gui.adjustment_dialog import AdjustmentDialog
from oncall.gui.adjustments_model import AdjustmentsModel
from oncall.gui.band_interaction import hit_edge, tooltip_text
from oncall.gui.document import TeamDocument
from oncall.viewmodels import adjustment_edits as ae
from oncall.viewmodels.band_layout import build_band

from gui_support import DialogScript, open_demo_window

WINTER = Adjustment("lon", date(2026, 10, 25), date(2027, 3, 28), LocalWindow(6 * 60, 15 * 60),
                    "Sydney on daylight time, London on standard time")


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def _type(qtbot, widget, text: str) -> None:
    """Replace a field's text as a user would: select all, then type."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _select_section_and_type(qtbot, edit, text: str) -> None:
    """Type a date (YYYYMMDD) or a time (HHMM) into a QDateEdit/QTimeEdit, section by section,
    as a user does: select the section, type its digits."""
    S = QDateTimeEdit.Section
    if len(text) == 8:
        parts = ((S.YearSection, text[:4]), (S.MonthSection, text[4:6]), (S.DaySection, text[6:]))
    else:
        parts = ((S.HourSection, text[:2]), (S.MinuteSection, text[2:]))
    edit.setFocus()
    for section, digits in parts:
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, digits)


def fill_winter(qtbot):
    def fill(d: AdjustmentDialog) -> None:
        d.leg_combo.setCurrentIndex(d.leg_combo.findData("lon"))
        _select_section_and_type(qtbot, d.first_edit, "20261025")
        _select_section_and_type(qtbot, d.last_edit, "20270327")
        _select_section_and_type(qtbot, d.win_from, "0600")
        _select_section_and_type(qtbot, d.win_to, "1500")
        _type(qtbot, d.reason_edit, WINTER.reason)
        assert "usually 07:00\u201316:00: starts 1 h earlier, ends 1 h earlier" in d.win_note.text()
    return fill


def test_model_passes_the_model_tester_and_shows_days_inclusive(qtmodeltester):
    model = AdjustmentsModel(demo_team().evolve(adjustments=(WINTER,)))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(6)] == [
        "London", "Sun 25 Oct 2026", "Sat 27 Mar 2027", "06:00\u201315:00", "07:00\u201316:00", WINTER.reason]


def test_add_by_typing_undo_redo_save_and_reopen(window, qtbot, tmp_path):
    window.actions.exec_dialog = DialogScript(fill_winter(qtbot))
    page = window.team_panel.show_page("Adjustments")
    page.add_button.click()
    assert window.document.team.adjustments == (WINTER,)
    assert window.team_panel.adjustments.rowCount() == 1
    assert window.document.undo_stack.undoText() == "Add adjustment of London (06:00\u201315:00)"
    window.undo_action.trigger()
    assert window.document.team.adjustments == ()
    window.redo_action.trigger()
    assert window.document.team.adjustments == (WINTER,)
    assert window.save()
    window.document.close()
    again = TeamDocument()
    again.open(str(tmp_path / "team.db"))
    assert again.team.adjustments == (WINTER,)
    again.close()


def test_edit_and_remove_are_one_undoable_command_each(window, qtbot):
    window.document.apply("seed", lambda t: t.evolve(adjustments=(WINTER,)))

    def later_end(d):
        _select_section_and_type(qtbot, d.win_to, "1530")

    window.actions.exec_dialog = DialogScript(later_end)
    page = window.team_panel.show_page("Adjustments")
    page.select_row(0)
    page.edit_button.click()
    assert window.document.team.adjustments[0].window == LocalWindow(360, 930)
    window.actions.confirm = lambda *a: True
    page.select_row(0)
    page.remove_button.click()
    assert window.document.team.adjustments == ()
    window.undo_action.trigger()
    assert window.document.team.adjustments[0].window == LocalWindow(360, 930)
    window.undo_action.trigger()
    assert window.document.team.adjustments == (WINTER,)


def test_dialog_refuses_an_overlap_naming_the_other_and_a_reversed_span(qtbot):
    team = demo_team().evolve(adjustments=(WINTER,))
    dialog = AdjustmentDialog(team, leg="lon", today=date(2027, 3, 1))  # opens on the free 28 Mar
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    _select_section_and_type(qtbot, dialog.first_edit, "20270301")
    assert not ok.isEnabled()
    assert "overlap adjustment #1 of London (Sun 25 Oct 2026 to Sat 27 Mar 2027)" in dialog.problems_label.text()
    _select_section_and_type(qtbot, dialog.first_edit, "20270328")
    _select_section_and_type(qtbot, dialog.last_edit, "20270320")
    assert "is before the first day" in dialog.problems_label.text() and not ok.isEnabled()
    _select_section_and_type(qtbot, dialog.last_edit, "20270415")
    assert ok.isEnabled() and dialog.problems_label.isHidden()
    # Editing the one adjustment does not overlap itself.
    edit = AdjustmentDialog(team, WINTER, index=0)
    qtbot.addWidget(edit)
    assert edit.value() == WINTER and edit.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_edits_validate_like_the_team_file():
    team = demo_team()
    t = ae.add_adjustment(team, WINTER)
    with pytest.raises(ae.EditError, match="overlap adjustment #1 of London"):
        ae.add_adjustment(t, Adjustment("lon", date(2027, 1, 1), date(2027, 2, 1), LocalWindow(300, 900)))
    with pytest.raises(ae.EditError, match="'paris' is not a leg"):
        ae.add_adjustment(team, Adjustment("paris", date(2027, 1, 1), date(2027, 2, 1), LocalWindow(300, 900)))
    assert ae.remove_adjustment(t, 0).adjustments == ()


def test_removing_a_leg_removes_its_adjustments():
    from oncall.viewmodels import team_edits as e

    t = e.remove_leg(demo_team().evolve(adjustments=(WINTER,)), "lon")
    assert t.adjustments == ()


def test_band_marks_the_adjusted_edges_and_explains_them():
    team = demo_team().evolve(adjustments=(WINTER,))
    data = build_band(team, date(2026, 11, 26))
    lon = data.row("lon")
    assert lon.window == WINTER.window and lon.window_text == "06:00\u201315:00 GMT (adjusted)"
    piece = next(p for p in lon.pieces if p.has_start)
    assert piece.adjustment == WINTER and piece.adjusted_edges == (True, True)
    assert piece.normal == (7 * 60, 16 * 60)  # the leg's usual window, drawn dashed
    sydney = data.row("syd")
    assert all(p.adjustment is None for p in sydney.pieces) and sydney.adjustment is None
    # Before and after the adjustment, the leg's own window.
    assert build_band(team, date(2027, 4, 10)).row("lon").adjustment is None


def test_band_tooltip_gives_the_reason_and_dragging_an_adjusted_edge_edits_the_adjustment(qtbot):
    from PySide6.QtCore import QPoint

    from oncall.gui.band_view import BandView

    view = BandView()
    qtbot.addWidget(view)
    view.set_team(demo_team().evolve(adjustments=(WINTER,)))
    view.set_date(date(2026, 11, 26))
    view.resize(1100, view.sizeHint().height())
    view.show()
    qtbot.waitExposed(view)
    data = view.band()
    index = [r.leg_id for r in data.rows].index("lon")
    piece = next(p for p in data.rows[index].pieces if p.has_start)
    rect = view._bar_rect(index, piece.start, piece.end)
    geo = view._metrics()
    text = tooltip_text(geo, data, QPointF(rect.center()))
    assert "adjusted window 06:00\u201315:00 local = 06:00\u201315:00 UTC" in text  # one dash style
    assert "Adjusted from Sun 25 Oct 2026 to Sat 27 Mar 2027: Sydney on daylight time, London on standard time" in text
    image = view.grab().toImage()  # the notch above the moved start edge is drawn in the text colour
    assert image.pixelColor(round(rect.left()), round(rect.top()) - 2) != \
        image.pixelColor(round(rect.left()) - 12, round(rect.top()) - 2)
    # Dragging the start edge from 06:00Z to 05:30Z edits the adjustment, not the leg.
    start = QPoint(round(rect.left()), round(rect.center().y()))
    target = QPoint(round(view._x(5 * 60 + 30)), start.y())
    with qtbot.waitSignal(view.adjustmentEdited, timeout=1000) as blocker:
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view, target)
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [WINTER, LocalWindow(5 * 60 + 30, 15 * 60)]
    # Ctrl+Right on the London row nudges today's (adjusted) start, never the leg's own window.
    view._current = index
    with qtbot.waitSignal(view.adjustmentEdited, timeout=1000) as nudged:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert nudged.args == [WINTER, LocalWindow(6 * 60 + 15, 15 * 60)]


def test_the_band_drag_is_one_undoable_edit_in_the_window(window):
    window.document.apply("seed", lambda t: t.evolve(adjustments=(WINTER,)))
    assert window.actions.set_adjustment_window(WINTER, LocalWindow(330, 900))
    assert window.document.team.adjustments[0].window == LocalWindow(330, 900)
    assert window.document.team.leg("lon").window == LocalWindow(7 * 60, 16 * 60)
    window.undo_action.trigger()
    assert window.document.team.adjustments == (WINTER,)


def test_timeline_marks_adjusted_edges_and_says_why():
    from oncall.viewmodels.timeline_layout import build_timeline, shift_details

    team = demo_team().evolve(adjustments=(WINTER,))
    data = build_timeline(team, date(2026, 11, 23), 7)
    lon = [b for b in data.bars if b.shift.leg == "lon"]
    others = [b for b in data.bars if b.shift.leg != "lon"]
    assert lon and all(b.adjusted == (True, True) for b in lon if 0 < b.start and b.end < data.total_minutes)
    assert all(b.adjusted == (False, False) for b in others)
    text = shift_details(team, lon[1].shift, "UTC")
    assert "Window adjusted to 06:00\u201315:00 (usually 07:00\u201316:00): Sydney on daylight time" in text
    # An override that takes the end of an adjusted shift: only the start stays an adjusted edge.
    from oncall.core.model import Override
    from oncall.core.demo import utc

    cover = Override("dan", utc(2026, 11, 25, 12), utc(2026, 11, 25, 16), replaces="carol")
    split = build_timeline(team.evolve(overrides=(cover,)), date(2026, 11, 25), 1)
    kept = next(b for b in split.bars if b.shift.member == "carol" and b.shift.leg == "lon")
    assert kept.adjusted == (True, False)


def test_edits_address_an_adjustment_by_value_so_a_rebase_finds_it():
    spring = Adjustment("syd", date(2026, 4, 5), date(2026, 10, 4), LocalWindow(420, 1020))
    team = demo_team().evolve(adjustments=(WINTER, spring))
    moved = team.evolve(adjustments=(spring, WINTER))  # another writer reordered the list
    later = ae.replace_adjustment(moved, WINTER, replace(WINTER, reason=None))
    assert later.adjustments[1].reason is None and later.adjustments[0] == spring
    assert ae.drop_adjustment(moved, WINTER).adjustments == (spring,)
    with pytest.raises(ae.EditError, match="is gone"):
        ae.drop_adjustment(demo_team(), WINTER)
