"""TeamDocument: undoable edits, save and reopen (team file and SQLite), conflicts, polling."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from oncall import storage
from oncall.core.demo import demo_team
from oncall.core.model import LocalWindow, Member, Site
from oncall.gui.document import DocumentError, SaveConflict, TeamDocument
from oncall.viewmodels import team_edits as e


def _site_and_member(doc: TeamDocument) -> None:
    doc.apply("Add site Tokyo", partial(e.add_site, site=Site("tyo", "Tokyo", "Asia/Tokyo", "JP")))
    doc.apply("Add member Yuki", partial(e.add_member, member=Member("yuki", "Yuki Sato", "tyo")))
    doc.apply("Add Yuki to syd", partial(e.add_to_rotation, leg_id="syd", member_id="yuki"))


def test_edits_undo_redo_and_modified_flag(qtbot):
    doc = TeamDocument(demo_team())
    seen = []
    doc.teamChanged.connect(seen.append)
    assert not doc.is_modified()
    _site_and_member(doc)
    assert doc.is_modified() and doc.team.leg("syd").rotation[-1] == "yuki"
    assert doc.undo_stack.undoText() == "Add Yuki to syd"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.team == demo_team() and not doc.is_modified()
    doc.undo_stack.redo()
    assert doc.team.has_site("tyo") and not doc.team.has_member("yuki")
    assert len(seen) == 7


def test_refused_edit_pushes_nothing(qtbot):
    doc = TeamDocument(demo_team())
    with pytest.raises(e.EditError):
        doc.apply("Remove Sydney", partial(e.remove_site, site_id="syd"))
    assert doc.undo_stack.count() == 0 and not doc.is_modified()


def test_team_file_save_and_reopen(qtbot, tmp_path):
    path = tmp_path / "team.toml"
    doc = TeamDocument(demo_team())
    doc.save_as(str(path))
    assert doc.kind == "file" and not doc.is_modified()
    _site_and_member(doc)
    doc.save()
    assert not doc.is_modified()
    other = TeamDocument()
    other.open(str(path))
    assert other.team == doc.team


def test_broken_team_file_is_refused_with_its_name(qtbot, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[team]\nname = 1\n")
    doc = TeamDocument(demo_team())
    with pytest.raises(DocumentError, match="broken.toml"):
        doc.open(str(path))
    assert doc.team == demo_team()  # nothing lost


def test_import_is_one_undoable_command(qtbot, tmp_path):
    path = tmp_path / "other.toml"
    other = demo_team().evolve(name="Imported")
    TeamDocument(other).export_team_file(str(path))
    doc = TeamDocument(demo_team())
    doc.import_team_file(str(path))
    assert doc.team.name == "Imported"
    doc.undo_stack.undo()
    assert doc.team.name == demo_team().name


def test_database_save_and_reopen(qtbot, tmp_path):
    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    assert doc.kind == "database" and doc.team == demo_team()
    _site_and_member(doc)
    doc.save()
    assert not doc.is_modified()
    doc.close()
    again = TeamDocument()
    again.open(db_path)
    assert again.team.leg("syd").rotation == ("alice", "bob", "yuki")
    assert again.team.site("tyo").holidays == "JP"
    again.close()


def test_save_as_database_from_memory(qtbot, tmp_path):
    doc = TeamDocument(demo_team())
    doc.save_as(str(tmp_path / "new.db"))
    assert doc.kind == "database"
    with storage.open_database(str(tmp_path / "new.db"), create=False) as db:
        assert db.load_team() == demo_team()


def _other_writer_renames_sydney(db_path: str) -> None:
    with storage.open_database(db_path, create=False) as db:
        loaded = db.load()
        t = loaded.team
        db.save(e.update_site(t, "syd", replace(t.site("syd"), name="Sydney CBD")), loaded, user="pat")


def test_conflict_keeps_the_users_edit_and_reapplies_it(qtbot, tmp_path):
    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    doc.apply("Sydney hours", partial(e.patch_site, site_id="syd",
                                      changes={"working_hours": LocalWindow(480, 960)}))
    _other_writer_renames_sydney(db_path)  # a second Database object on the same SQLite file
    with qtbot.waitSignal(doc.conflictDetected) as signal, pytest.raises(SaveConflict) as raised:
        doc.save()
    assert signal.args[0] is raised.value
    assert "pat" in "\n".join(raised.value.conflicts)
    assert doc.is_modified() and doc.team.site("syd").working_hours == LocalWindow(480, 960)  # kept
    assert doc.rebase_on_latest() == []
    assert doc.team.site("syd").name == "Sydney CBD"  # theirs
    assert doc.team.site("syd").working_hours == LocalWindow(480, 960)  # mine, re-applied
    doc.save()
    with storage.open_database(db_path, create=False) as db:
        stored = db.load_team().site("syd")
    assert (stored.name, stored.working_hours) == ("Sydney CBD", LocalWindow(480, 960))
    doc.close()


def test_polling_reloads_when_clean_and_warns_when_modified(qtbot, tmp_path):
    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    _other_writer_renames_sydney(db_path)
    with qtbot.waitSignal(doc.reloaded):
        doc.poll_for_changes()
    assert doc.team.site("syd").name == "Sydney CBD"
    doc.apply("Rename team", partial(e.set_team_settings, name="Infra", handoff_overlap=doc.team.handoff_overlap))
    with storage.open_database(db_path, create=False) as db:
        loaded = db.load()
        db.save(e.add_site(loaded.team, Site("ber", "Berlin", "Europe/Berlin")), loaded, user="pat")
    with qtbot.waitSignal(doc.externalChange):
        doc.poll_for_changes()
    assert doc.team.name == "Infra" and doc.is_modified()
    doc.save()  # a change elsewhere in the team is no conflict: both survive
    assert doc.team.has_site("ber") and doc.team.name == "Infra"
    doc.close()


def _save_a_note(doc: TeamDocument, hour: int = 7) -> None:
    """A handoff note saved from this window, as the Handoffs panel does."""
    from datetime import datetime, timezone

    from oncall.core.notes import HandoffNote
    from oncall.services import handoffs as handoff_service

    note = HandoffNote("alice", "carol", datetime(2026, 11, 26, hour, 0, tzinfo=timezone.utc), summary="All quiet")
    doc.own_write(lambda: handoff_service.save_note(doc.database, note, expected=None))


def test_own_note_save_is_not_someone_elses_save(qtbot, tmp_path):
    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    doc.apply("Rename team", partial(e.set_team_settings, name="Infra", handoff_overlap=doc.team.handoff_overlap))
    warnings, reloads = [], []
    doc.externalChange.connect(warnings.append)
    doc.reloaded.connect(reloads.append)
    _save_a_note(doc)
    doc.poll_for_changes()
    assert warnings == [] and doc.is_modified() and doc.team.name == "Infra"
    doc.save()
    _save_a_note(doc, hour=15)  # also with nothing unsaved: no reload "because another user saved"
    doc.poll_for_changes()
    assert reloads == [] and warnings == []
    _other_writer_renames_sydney(db_path)  # a real other writer is still noticed
    doc.poll_for_changes()
    assert len(reloads) == 1 and doc.team.site("syd").name == "Sydney CBD"
    doc.close()


def test_own_note_save_after_an_unseen_other_save_still_warns(qtbot, tmp_path):
    db_path = str(tmp_path / "team.db")
    doc = TeamDocument()
    doc.open(db_path, demo_if_new=True)
    doc.apply("Rename team", partial(e.set_team_settings, name="Infra", handoff_overlap=doc.team.handoff_overlap))
    _other_writer_renames_sydney(db_path)  # not polled yet
    _save_a_note(doc)
    with qtbot.waitSignal(doc.externalChange):
        doc.poll_for_changes()
    doc.close()


def test_corrupt_database_is_refused_and_untouched(qtbot, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    before = bad.read_bytes()
    doc = TeamDocument(demo_team())
    with pytest.raises(DocumentError, match="bad.db"):
        doc.open(str(bad))
    assert bad.read_bytes() == before and doc.team == demo_team()
