"""Drive the real window: dialogs, undo/redo, save and reopen, timeline spans, conflicts, start-up."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialog, QLabel

from oncall import storage
from oncall.core.demo import demo_team
from oncall.core.model import LocalWindow
from oncall.gui import app as gui_app
from oncall.gui import conflict_dialog
from oncall.gui.document import TeamDocument
from oncall.gui.main_window import MainWindow
from oncall.viewmodels import team_edits as e

from gui_support import DialogScript, open_demo_window, settings_at

UTC = timezone.utc


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def fill_site(d):
    d.name_edit.setText("Tokyo")
    d.name_edit.textEdited.emit("Tokyo")
    assert d.id_edit.text() == "tokyo"  # suggested from the name
    d.id_edit.setText("tyo")
    d.zone.set_zone("Asia/Tokyo")
    d.holidays_edit.setText("JP")


def fill_member(d):
    d.name_edit.setText("Yuki Sato")
    d.name_edit.textEdited.emit("Yuki Sato")
    assert d.id_edit.text() == "yuki"
    d.site_combo.setCurrentIndex(d.site_combo.findData("tyo"))


def fill_leg(d):
    d.site_combo.setCurrentIndex(d.site_combo.findData("tyo"))
    d.win_from.setTime(QTime(9, 0))
    d.win_to.setTime(QTime(17, 0))
    d.add_member_combo.setCurrentIndex(d.add_member_combo.findData("yuki"))
    d.add_selected_member()
    d.start_edit.setDate(QDate(2026, 11, 30))


def test_create_site_member_leg_undo_redo_save_reopen(window, tmp_path):
    script = DialogScript(fill_site, fill_member, fill_leg)
    window.actions.exec_dialog = script
    assert window.add_site_action.trigger() is None and window.document.team.site("tyo").holidays == "JP"
    window.add_member_action.trigger()
    window.add_leg_action.trigger()
    team = window.document.team
    assert team.member("yuki").site == "tyo"
    assert team.leg("tyo").rotation == ("yuki",) and team.leg("tyo").window == LocalWindow(540, 1020)
    assert window.isWindowModified()
    assert window.team_panel.legs.rowCount() == 4

    window.undo_action.trigger()  # Ctrl+Z
    assert not any(lg.id == "tyo" for lg in window.document.team.legs)
    assert window.team_panel.legs.rowCount() == 3
    window.redo_action.trigger()  # Ctrl+Y
    assert window.document.team.leg("tyo").rotation == ("yuki",)

    assert window.save()
    assert not window.isWindowModified()
    window.document.close()
    again = TeamDocument()
    again.open(str(tmp_path / "team.db"))
    assert again.team == window.document.team
    again.close()


def test_edit_leg_rotation_order_by_moving(window):
    def reorder(d):
        d.rotation_view.setCurrentIndex(d.rotation.index(1, 0))
        d._move(-1)

    window.actions.exec_dialog = DialogScript(reorder)
    window.actions.edit_leg("lon")
    assert window.document.team.leg("lon").rotation == ("dan", "carol")
    assert window.document.undo_stack.undoText() == "Edit leg London"


def test_band_and_coverage_update_after_an_edit(window, qtbot):
    window.band.set_date(datetime(2026, 11, 26).date())
    band_before = window.band.view.band() if window.band.view is not None else None
    window.tabs.setCurrentWidget(window.coverage)
    gaps_before = len(window.coverage.report().gaps)
    assert gaps_before > 0  # the demo team has a gap before London's day in the northern winter
    # Widen London's window as a drag of its start edge on the band would, closing the gap.
    window.band.windowEdited.emit("lon", LocalWindow(6 * 60, 16 * 60))
    assert window.document.team.leg("lon").window == LocalWindow(360, 960)
    assert len(window.coverage.report().gaps) < gaps_before  # the visible panel updated at once
    window.tabs.setCurrentWidget(window.band)  # the hidden one catches up when shown
    if band_before is not None:
        assert window.band.view.band() != band_before
        assert window.band.view.band().row("lon") != band_before.row("lon")
    window.undo_action.trigger()
    window.tabs.setCurrentWidget(window.coverage)
    assert len(window.coverage.report().gaps) == gaps_before


def test_create_override_from_timeline_span(window):
    start = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
    end = start + timedelta(hours=9)
    window.timeline.ask_span_action = lambda: "override"

    def who_covers(d):
        assert d.replaces_combo.currentData() == "carol"  # prefilled from the row
        assert d.span.instants() == (start, end)
        d.member_combo.setCurrentIndex(d.member_combo.findData("dan"))

    window.actions.exec_dialog = DialogScript(who_covers)
    if window.timeline.view is not None:
        window.timeline.view.spanSelected.emit(start, end, "member", "carol")
    else:  # the timeline view is not installed: its panel's slot is the same path
        window.timeline._span_selected(start, end, "member", "carol")
    added = window.document.team.overrides[-1]
    assert (added.member, added.replaces, added.start, added.end) == ("dan", "carol", start, end)


def test_time_off_from_timeline_span(window):
    start = datetime(2026, 12, 14, 0, 0, tzinfo=UTC)
    window.timeline.ask_span_action = lambda: "time_off"
    window.actions.exec_dialog = DialogScript(lambda d: d.reason_edit.setText("Dentist"))
    window.timeline._span_selected(start, start + timedelta(days=2), "member", "carol")
    entry = window.document.team.unavailable[-1]
    assert (entry.member, entry.reason, entry.all_day) == ("carol", "Dentist", True)


def test_conflict_in_shared_mode_keeps_the_edit(window, tmp_path):
    db_path = str(tmp_path / "team.db")
    window.document.apply("Overlap 45", partial(e.patch_team, changes={"handoff_overlap": timedelta(minutes=45)}))
    with storage.open_database(db_path, create=False) as other:  # a second writer on the same file
        loaded = other.load()
        other.save(e.patch_team(loaded.team, {"name": "Payments SRE (EU)"}), loaded, user="pat")
    shown = []
    window.resolve_conflict = lambda c: shown.append(c) or conflict_dialog.KEEP
    assert window.save() is False
    assert "pat" in shown[0].conflicts[0]
    assert window.document.team.handoff_overlap == timedelta(minutes=45) and window.isWindowModified()
    dialog = conflict_dialog.ConflictDialog(shown[0], window)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Nothing was saved and your edits are kept" in texts
    dialog.close()

    window.resolve_conflict = lambda c: conflict_dialog.REAPPLY
    assert window.save() is True
    assert not window.isWindowModified()
    with storage.open_database(db_path, create=False) as other:
        stored = other.load_team()
    assert (stored.name, stored.handoff_overlap) == ("Payments SRE (EU)", timedelta(minutes=45))


def test_coverage_finding_jumps_to_timeline(window):
    window.tabs.setCurrentWidget(window.coverage)  # hidden tabs are filled when first shown
    window.coverage.range.set_range(datetime(2026, 10, 20).date(), 28)
    model = window.coverage.findings
    row = next(r for r in range(model.rowCount()) if model.item(r).kind == "dst_drift")
    window.coverage.findings_view.activated.emit(model.index(row, 0))
    assert window.tabs.currentWidget() is window.timeline
    assert window.timeline.range.first_day() <= model.item(row).start.date()


def test_refused_edit_shows_why(window):
    errors = []
    window.actions.show_error = errors.append
    window.actions.confirm = lambda *a: True
    assert not window.actions.remove_site("syd")
    assert "still used by" in errors[0]
    assert window.document.undo_stack.count() == 0


def test_settings_keep_recent_files_and_geometry(window, tmp_path):
    path = str(tmp_path / "copy.toml")
    window.ask_save_path = lambda *a: path
    assert window.save_as()
    assert window.document.kind == "file"
    assert window.settings.recent_files()[0] == path
    window.close()
    assert window.settings.geometry() is not None


def test_dialog_cancel_changes_nothing(window):
    window.actions.exec_dialog = lambda d: False
    window.actions.add_site()
    assert window.document.undo_stack.count() == 0
    assert isinstance(QDialog(), QDialog)


def test_keyboard_edit_and_delete_in_team_tables(window, qtbot):
    from PySide6.QtCore import Qt

    page = window.team_panel.show_page("Overrides")
    window.team_dock.show()
    page.select_row(0)
    page.view.setFocus()
    window.actions.confirm = lambda *a: True
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert window.document.team.overrides == ()
    assert window.document.undo_stack.undoText() .startswith("Remove override for ")
    assert not page.edit_button.isEnabled()


def test_shortcuts_do_not_clash(window):
    from PySide6.QtGui import QAction

    seen = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert {"Ctrl+Z", "Ctrl+Y", "Ctrl+S", "Ctrl+O"} <= set(seen)


@pytest.mark.parametrize("action, expected", [("save_as_action", "payments-sre.db"),
                                              ("export_action", "payments-sre.toml")])
def test_save_as_opens_in_documents_with_the_teams_name(qtbot, tmp_path, monkeypatch, action, expected):
    """Found walking the app: Save (of a new team) and Export opened the file dialog in the folder the
    app was started from, with an empty name."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    from oncall.core.model import Team
    from oncall.gui.main_window import DISCARD
    from oncall.gui.print_week_dialog import documents_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    doc = TeamDocument()
    doc.new(Team(name="Payments SRE", sites=(), members=(), legs=()))
    win = MainWindow(doc, settings_at(tmp_path))
    win.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(win)
    win.show()
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen.append((dialog.directory().absolutePath(), dialog.findChild(QLineEdit, "fileNameEdit").text()))
        dialog.reject()

    QTimer.singleShot(0, look)
    getattr(win, action).trigger()  # the real file dialog
    assert seen == [(str(documents_folder()), expected)]
    assert documents_folder() == tmp_path / "Documents"
