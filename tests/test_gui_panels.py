"""Handoffs (notes, print) and feeds (create, copy, rotate, revoke) panels on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QGuiApplication

from oncall.gui.document import TeamDocument
from oncall.gui.feeds_panel import GOOGLE_NOTE
from oncall.gui.main_window import MainWindow

from gui_support import clock, open_demo_window, settings_at


@pytest.fixture
def window(qtbot, tmp_path):
    yield from open_demo_window(qtbot, tmp_path)


def test_write_a_handoff_note_and_see_it_marked(window):
    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)
    assert panel.model.rowCount() > 0
    first = panel.model.item(0)

    def write(dialog):
        dialog.summary_edit.setPlainText("Payments latency alert flapping; silenced until 12:00")
        return True

    panel.exec_dialog = lambda d: write(d)
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.note_button.click()
    assert panel.model.index(0, 4).data().startswith("note written: Payments latency")
    stored = window.document.database.notes.get(*first.key())
    assert stored.summary.startswith("Payments latency")
    assert "1 with a note" in panel.status.text()


def test_own_note_and_feed_do_not_warn_about_another_user(window):
    from functools import partial

    from oncall.viewmodels import team_edits as e

    doc = window.document
    doc.apply("Rename team", partial(e.set_team_settings, name="Infra", handoff_overlap=doc.team.handoff_overlap))
    warnings = []
    doc.externalChange.connect(warnings.append)
    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)
    panel.exec_dialog = lambda d: d.summary_edit.setPlainText("Quiet night") or True
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.note_button.click()
    assert panel.model.index(0, 4).data().startswith("note written")
    window.tabs.setCurrentWidget(window.feeds)
    window.feeds.choice.setCurrentIndex(0)
    window.feeds.new_button.click()
    assert window.feeds.model.rowCount() == 1
    doc.poll_for_changes()
    assert warnings == [] and doc.is_modified()


def test_print_week_and_one_handoff_give_html(window):
    panel = window.handoffs
    window.tabs.setCurrentWidget(panel)  # hidden tabs are filled when first shown
    printed = []
    panel.preview = printed.append
    panel.exec_dialog = lambda dialog: dialog.preview_button.click() or dialog.result() == 1
    panel.print_week()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.print_selected()
    assert len(printed) == 2 and all("<html" in html.lower() for html in printed)


def test_notes_need_a_database(qtbot, tmp_path):
    from oncall.core.demo import demo_team

    win = MainWindow(TeamDocument(demo_team()), settings_at(tmp_path), clock)
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.handoffs)  # hidden tabs are filled when first shown
    assert not win.handoffs.note_button.isEnabled()
    assert "database" in win.handoffs.status.text()
    win.tabs.setCurrentWidget(win.feeds)
    win.show()
    assert "database" in win.feeds.message.text() and not win.feeds.new_button.isEnabled()


def test_feeds_create_copy_rotate_revoke(window):
    panel = window.feeds
    window.tabs.setCurrentWidget(panel)
    panel.confirm = lambda text: True
    errors = []
    panel.show_error = errors.append
    panel.choice.setCurrentIndex(panel.choice.findText("Payments SRE on call: Alice Chen"))
    assert panel.choice.currentIndex() >= 0, [panel.choice.itemText(i) for i in range(panel.choice.count())]
    panel.label_edit.setText("Alice's phone")
    panel.new_button.click()
    assert not errors
    assert panel.model.rowCount() == 1 and panel.model.index(0, 1).data() == "active"
    box = panel.links_box
    plain, webcal = box.issued().links.plain, box.webcal_link.full_text()
    assert plain.startswith("http://127.0.0.1") and webcal.startswith("webcal://")
    assert box.https_link.full_text() == "" and "no https link" in box.https_link.toolTip()
    box.copy_webcal.click()
    assert QGuiApplication.clipboard().text() == webcal
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.rotate_button.click()
    assert box.webcal_link.full_text() != webcal
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.revoke_button.click()
    assert panel.model.index(0, 1).data() == "revoked" and not panel.links_box.isVisible()
    assert "8 to 24 hours" in GOOGLE_NOTE


def test_band_panel_steps_days(window):
    window.band.set_date(date(2026, 3, 31))
    window.band.step(1)
    assert window.band.date() == date(2026, 4, 1)
    if window.band.view is not None:
        assert window.band.view.date() == date(2026, 4, 1)


def test_timeline_zone_choices_and_setting(window):
    panel = window.timeline
    window.tabs.setCurrentWidget(panel)  # hidden tabs are filled when first shown
    keys = [panel.zone_combo.itemData(i) for i in range(panel.zone_combo.count())]
    assert keys[:2] == ["team", "mine"] and "Europe/London" in keys and keys[-1] == "UTC"
    panel.zone_combo.setCurrentIndex(keys.index("Europe/London"))
    assert panel.display_zone() == "Europe/London"
    assert window.settings.display_zone() == "Europe/London"
    panel.show_span(clock(), clock() + timedelta(hours=2))
    assert panel.range.first_day().weekday() == 0
