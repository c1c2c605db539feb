"""Editor dialogs: they show a value unchanged, validate inline, and search zones."""

from __future__ import annotations

from PySide6.QtCore import Qt

from datetime import timedelta

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from oncall.core.demo import demo_team, utc
from oncall.gui.adjustment_dialog import AdjustmentDialog
from oncall.gui.leg_dialog import LegDialog
from oncall.gui.member_dialog import MemberDialog
from oncall.gui.override_dialog import OverrideDialog
from oncall.gui.site_dialog import SiteDialog
from oncall.gui.team_dialog import TeamDialog
from oncall.gui.time_off_dialog import TimeOffDialog
from oncall.gui.zone_picker import filter_zones


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


@pytest.mark.parametrize("make, pick", [
    (SiteDialog, lambda t: t.sites[0]),
    (MemberDialog, lambda t: t.members[2]),
    (LegDialog, lambda t: t.legs[1]),
    (OverrideDialog, lambda t: t.overrides[0]),
    (TimeOffDialog, lambda t: t.unavailable[0]),
    (TimeOffDialog, lambda t: t.unavailable[1]),
])
def test_dialog_shows_a_value_unchanged(qtbot, make, pick):
    team = demo_team()
    dialog = make(team, pick(team))
    qtbot.addWidget(dialog)
    assert dialog.value() == pick(team)
    assert ok_enabled(dialog)


def test_site_dialog_validates_inline(qtbot):
    dialog = SiteDialog(demo_team())
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)
    dialog.name_edit.setText("Berlin")
    dialog.name_edit.textEdited.emit("Berlin")
    dialog.zone.set_zone("Europe/Berlln")
    assert "did you mean 'Europe/Berlin'" in dialog.problems_label.text()
    assert dialog.zone.offset_label.text() == "unknown zone"
    dialog.zone.set_zone("Europe/Berlin")
    dialog.holidays_edit.setText("DE-XX")
    assert "holidays:" in dialog.problems_label.text() and not ok_enabled(dialog)
    dialog.holidays_edit.setText("de-be")
    dialog.hours_from.setTime(QTime(18, 0))
    assert "cannot cross midnight" in dialog.problems_label.text()
    dialog.hours_from.setTime(QTime(8, 0))
    assert ok_enabled(dialog) and dialog.problems_label.isHidden()
    site = dialog.value()
    assert (site.id, site.timezone, site.holidays) == ("berlin", "Europe/Berlin", "DE-BE")


def test_zone_search_matches_any_part():
    assert "America/New_York" in filter_zones("york")
    assert filter_zones("KOLK") == ["Asia/Kolkata"]
    assert not any(z.startswith("Etc/GMT+") for z in filter_zones("gmt"))


def test_member_dialog_refuses_duplicate_id(qtbot):
    dialog = MemberDialog(demo_team())
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Alice Again")
    dialog.name_edit.textEdited.emit("Alice Again")
    assert dialog.id_edit.text() == "alice"
    assert "already exists" in dialog.problems_label.text()
    dialog.id_edit.setText("alice2")
    assert ok_enabled(dialog)


def test_member_dialog_keeps_and_toggles_overlap_reminders(qtbot):
    from dataclasses import replace

    team = demo_team()
    quiet = replace(team.members[0], alarms=False)
    dialog = MemberDialog(team.evolve(members=(quiet,) + team.members[1:]), quiet)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.alarms_check.isChecked()
    assert dialog.value().alarms is False  # editing a name must not switch reminders back on
    dialog.alarms_check.setFocus()
    qtbot.keyClick(dialog.alarms_check, Qt.Key.Key_Space)
    assert dialog.value().alarms is True
    assert MemberDialog(team).value().alarms is True  # a new member gets reminders


def test_leg_dialog_new_leg_defaults_and_cadences(qtbot):
    team = demo_team()
    dialog = LegDialog(team)
    qtbot.addWidget(dialog)
    dialog.site_combo.setCurrentIndex(dialog.site_combo.findData("lon"))
    assert dialog.id_edit.text() == "lon-2"  # never renames the existing leg
    assert "rotation: add at least one member" in dialog.problems_label.text()
    dialog.add_selected_member()
    assert dialog.rotation.members() == ("carol",)  # the site's first member is offered first
    dialog.cadence_combo.setCurrentIndex(dialog.cadence_combo.findData("ndays"))
    dialog.every_n.setValue(3)
    assert str(dialog.value().cadence) == "3d" and not dialog.handoff_combo.isEnabled()
    dialog.cadence_combo.setCurrentIndex(dialog.cadence_combo.findData("daily"))
    assert str(dialog.value().cadence) == "daily"
    dialog.win_from.setTime(QTime(22, 0))
    dialog.win_to.setTime(QTime(6, 0))
    assert "ends the next day" in dialog.win_note.text()
    for box in dialog.days.boxes:
        box.setChecked(False)
    assert "days: pick at least one weekday" in dialog.problems_label.text()


def test_override_times_follow_the_chosen_zone(qtbot):
    team = demo_team()
    start = utc(2026, 12, 2, 7)
    dialog = OverrideDialog(team, start=start, end=start + timedelta(hours=8), member="alice")
    qtbot.addWidget(dialog)
    assert dialog.span.start_edit.dateTime().time() == QTime(18, 0)  # Sydney, AEDT
    dialog.span.zone_combo.setCurrentIndex(dialog.span.zone_combo.findData("UTC"))
    assert dialog.span.start_edit.dateTime().time() == QTime(7, 0)
    value = dialog.value()
    assert value.start == start and value.timezone == "UTC"
    dialog.span.end_edit.setDateTime(dialog.span.start_edit.dateTime())
    assert "end: must be after the start" in dialog.problems_label.text()


def test_team_dialog(qtbot):
    dialog = TeamDialog(demo_team())
    qtbot.addWidget(dialog)
    assert dialog.value() == ("Payments SRE", timedelta(minutes=30))
    dialog.name_edit.setText(" ")
    assert not ok_enabled(dialog)


def test_fields_have_accessible_names(qtbot):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    team = demo_team()
    for dialog in (SiteDialog(team), MemberDialog(team), LegDialog(team, team.legs[0]),
                   OverrideDialog(team, team.overrides[0]), TimeOffDialog(team, team.unavailable[0]),
                   AdjustmentDialog(team, leg="lon")):
        qtbot.addWidget(dialog)
        for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QComboBox):
            if widget.objectName().startswith("qt_") or isinstance(widget.parent(), QComboBox):
                continue  # the line edit inside a spin box or combo box
            assert widget.accessibleName(), (type(dialog).__name__, type(widget).__name__)
        assert all(b.text() for b in dialog.findChildren(QAbstractButton))


def test_a_city_no_zone_is_named_after_completes_to_its_zone(qtbot):
    """Found walking the app: typing "San Francisco" in Add site found no zone (it is
    America/Los_Angeles), and Down + Enter then picked the list's next zone (Africa/Accra)."""
    from oncall.core.model import Team
    from oncall.gui.site_dialog import SiteDialog

    assert "San Francisco (America/Los_Angeles)" in filter_zones("francisco")
    dialog = SiteDialog(Team(name="T", sites=(), members=(), legs=()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name_edit, "San Francisco")
    edit = dialog.zone.combo.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "san fran")
    popup = dialog.zone.combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.zone.combo.currentText() == "America/Los_Angeles"
    assert dialog.zone.offset_label.text().startswith("UTC-0")
    assert dialog.problems() == [] and dialog.value().timezone == "America/Los_Angeles"
    edit.selectAll()
    qtbot.keyClicks(edit, "Bangalore")  # typed whole, not picked from the list
    assert dialog.value().timezone == "Asia/Kolkata" and dialog.problems() == []
