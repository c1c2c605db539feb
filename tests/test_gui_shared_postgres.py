"""Shared mode on a real PostgreSQL server: two leads edit at once; the loser keeps the edit."""

from __future__ import annotations

from functools import partial

import pytest

from oncall import storage
from oncall.core.model import LocalWindow
from oncall.gui import conflict_dialog
from oncall.gui.document import SaveConflict, TeamDocument
from oncall.gui.main_window import DISCARD, MainWindow
from oncall.viewmodels import team_edits as e

from gui_support import clock, settings_at

pytestmark = pytest.mark.postgres


def test_two_windows_conflict_on_postgres(qtbot, tmp_path, pg_url):
    first, second = TeamDocument(), TeamDocument()
    first.open(pg_url, demo_if_new=True)
    second.open(pg_url)
    assert first.team == second.team
    window = MainWindow(second, settings_at(tmp_path), clock)
    window.ask_save_changes = lambda: DISCARD
    qtbot.addWidget(window)

    first.apply("London earlier", partial(e.patch_leg, leg_id="lon", changes={"window": LocalWindow(360, 960)}))
    second.apply("London later", partial(e.patch_leg, leg_id="lon", changes={"window": LocalWindow(420, 1020)}))
    second.apply("Rename London", partial(e.patch_site, site_id="lon", changes={"name": "London (HQ)"}))
    first.save()

    choices = []
    window.resolve_conflict = lambda c: choices.append(c) or conflict_dialog.KEEP
    assert window.save() is False
    assert any("leg 'lon'" in text for text in choices[0].conflicts)
    assert second.is_modified() and second.team.leg("lon").window == LocalWindow(420, 1020)  # kept

    # Re-applying puts the second lead's window over the first's, explicitly, and saves.
    window.resolve_conflict = lambda c: conflict_dialog.REAPPLY
    assert window.save() is True
    with storage.open_database(pg_url, create=False) as db:
        stored = db.load_team()
    assert stored.leg("lon").window == LocalWindow(420, 1020) and stored.site("lon").name == "London (HQ)"
    with pytest.raises(SaveConflict):  # the first lead is now behind and is told so
        first.apply("Weekdays only", partial(e.patch_leg, leg_id="lon", changes={"days": frozenset({0, 1, 2, 3, 4})}))
        first.save()
    first.close()
    second.close()
