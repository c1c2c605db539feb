"""Override and time-off dialogs: times follow the person, the span is echoed in their zone and UTC,
and the override dialog warns (with a fix) about replacing someone off call or ending in an overlap."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDateTimeEdit

from oncall.core import timezones as tz
from oncall.core.demo import demo_team
from oncall.gui.override_dialog import OverrideDialog
from oncall.gui.time_off_dialog import TimeOffDialog

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def team():
    return demo_team()


def _pick(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _type_time(qtbot, edit: QDateTimeEdit, hh: str, mm: str) -> None:
    """Type the hour and minute into a date-time edit with the keyboard."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(edit, hh)
    edit.setSelectedSection(QDateTimeEdit.Section.MinuteSection)
    qtbot.keyClicks(edit, mm)


def test_times_in_follows_the_person_and_typed_times_stay_theirs(qtbot, team):
    dialog = OverrideDialog(team, None, start=utc(2026, 3, 10, 0), end=utc(2026, 3, 10, 8))
    qtbot.addWidget(dialog)
    dialog.show()
    _pick(dialog.member_combo, "alice")
    assert dialog.span.zone() == "Australia/Sydney"
    _pick(dialog.member_combo, "carol")  # nothing typed yet: the same instants, London's wall clock
    assert dialog.span.zone() == "Europe/London"
    assert dialog.value().start == utc(2026, 3, 10, 0)
    _type_time(qtbot, dialog.span.start_edit, "09", "00")
    _type_time(qtbot, dialog.span.end_edit, "17", "00")
    value = dialog.value()
    assert value.start == tz.resolve("Europe/London", datetime(2026, 3, 10, 9, 0))
    assert value.end == tz.resolve("Europe/London", datetime(2026, 3, 10, 17, 0))
    assert value.timezone is None  # Carol's own zone
    echo = dialog.span.echo.text()
    assert "Carol Smith's time: Tue 10 Mar 2026 09:00 GMT – Tue 10 Mar 2026 17:00 GMT" in echo
    assert "UTC: Tue 10 Mar 2026 09:00Z – Tue 10 Mar 2026 17:00Z" in echo
    # Typed times are the person's wall clock: picking Dan (also London) keeps them; picking
    # Erin (San Francisco) reads 09:00-17:00 as Erin's time.
    _pick(dialog.member_combo, "erin")
    assert dialog.span.zone() == "America/Los_Angeles"
    assert dialog.value().start == tz.resolve("America/Los_Angeles", datetime(2026, 3, 10, 9, 0))
    assert "Erin Garcia's time: Tue 10 Mar 2026 09:00 PDT" in dialog.span.echo.text()


def test_time_off_times_follow_the_member(qtbot, team):
    dialog = TimeOffDialog(team, None, start=utc(2026, 7, 1, 0), end=utc(2026, 7, 2, 0), all_day=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.span.zone() == team.member_zone(dialog.member_combo.currentData())
    _pick(dialog.member_combo, "carol")
    assert dialog.span.zone() == "Europe/London"
    _type_time(qtbot, dialog.span.start_edit, "09", "00")
    assert dialog.value().start == utc(2026, 7, 1, 8, 0)  # 09:00 BST
    assert "Carol Smith's time: Wed 1 Jul 2026 09:00 BST" in dialog.span.echo.text()


def test_replacing_someone_not_on_call_warns_and_offers_on_top(qtbot, team):
    # Thu 26 Nov 2026 12:00-14:00 UTC: night in Sydney, nobody from Sydney is on call.
    dialog = OverrideDialog(team, None, start=utc(2026, 11, 26, 12), end=utc(2026, 11, 26, 14),
                            member="bob", replaces="alice")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.advice_box.isVisible()
    assert "Alice Chen is not on call then" in dialog.advice_label.text()
    assert dialog.on_top_button.isVisible()
    qtbot.mouseClick(dialog.on_top_button, Qt.MouseButton.LeftButton)
    assert dialog.replaces_combo.currentData() is None
    assert not dialog.advice_box.isVisible()
    assert dialog.value().replaces is None


def test_ending_inside_the_outgoing_overlap_warns_and_offers_the_shift_end(qtbot, team):
    # Carol (London) is on call 07:00-16:30 UTC; Erin (San Francisco) overlaps her from 15:00.
    dialog = OverrideDialog(team, None, start=utc(2026, 11, 26, 7), end=utc(2026, 11, 26, 16),
                            member="dan", replaces="carol")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.advice_label.text()
    assert "ends inside Carol Smith's handoff overlap with Erin Garcia" in text
    assert "back for 30 min" in text and "hard handoff" in text
    assert dialog.end_button.isVisible() and dialog.end_button.text() == "&End at 16:30 GMT"
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # advice, not an error
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert dialog.value().end == utc(2026, 11, 26, 16, 30)
    assert not dialog.advice_box.isVisible()


def test_a_short_return_outside_an_overlap_is_a_sliver(qtbot, team):
    # Alice (Sydney) is on call Wed 21:00 - Thu 06:30 UTC and then a gap opens (no overlap).
    dialog = OverrideDialog(team, None, start=utc(2026, 11, 25, 21), end=utc(2026, 11, 26, 4),
                            member="bob", replaces="alice")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.advice_box.isVisible()  # back for 2 h 30 min: fine
    dialog.span.set_span(utc(2026, 11, 25, 21), utc(2026, 11, 26, 6))
    assert dialog.advice_box.isVisible()
    assert "Alice Chen would be back on call for only 30 min" in dialog.advice_label.text()
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert dialog.value().end == utc(2026, 11, 26, 6, 30)
    assert not dialog.advice_box.isVisible()


def test_whole_days_are_echoed_as_the_persons_dates(qtbot, team):
    dialog = TimeOffDialog(team, None, start=utc(2026, 7, 1, 0), end=utc(2026, 7, 3, 0), member="carol",
                           all_day=False)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.span.all_day_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))  # on the check mark
    assert dialog.span.all_day()
    entry = dialog.value()
    assert entry.all_day and entry.start == utc(2026, 6, 30, 23)  # local midnight, BST
    assert "Carol Smith's days: Wed 1 Jul 2026 – Fri 3 Jul 2026 (Europe/London)" in dialog.span.echo.text()


def _clipped_labels(dialog) -> list[str]:
    """Word-wrapped labels shown shorter than their text needs at their width."""
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def test_text_that_appears_while_typing_is_not_cut_off(qtbot, team):
    """Found walking the app: choosing who covers and whom they replace (keyboard) showed the advice
    and the echo's UTC line was squeezed out of the dialog."""
    dialog = OverrideDialog(team, None, start=utc(2026, 12, 1, 9), end=utc(2026, 12, 1, 17))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not _clipped_labels(dialog)
    dialog.member_combo.setFocus()
    qtbot.keyClick(dialog.member_combo, Qt.Key.Key_Down)  # Bob covers
    dialog.replaces_combo.setFocus()
    qtbot.keyClick(dialog.replaces_combo, Qt.Key.Key_Down)  # instead of Alice, who is not on call then
    assert dialog.advice_box.isVisible() and "UTC:" in dialog.span.echo.text()
    assert not _clipped_labels(dialog)


@pytest.mark.parametrize("kind", ["override", "time off"])
def test_the_span_echo_keeps_each_line_whole(qtbot, team, kind):
    """Found walking the app: the override dialog opened 417 px wide and wrapped the two echo lines
    (the person's time, UTC) into four, splitting "16:00" from its "GMT"."""
    if kind == "override":
        dialog = OverrideDialog(team, None, start=utc(2026, 11, 26, 7), end=utc(2026, 11, 26, 16),
                                member="dan", replaces="carol")
    else:
        dialog = TimeOffDialog(team, None, start=utc(2026, 11, 26, 7), end=utc(2026, 11, 26, 16), member="carol")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    echo = dialog.span.echo
    lines = echo.text().split("\n")
    assert len(lines) == 2
    assert echo.heightForWidth(echo.width()) <= len(lines) * echo.fontMetrics().lineSpacing() + 4
    assert dialog.width() <= 1024
