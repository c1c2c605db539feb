"""The window's own path: an override removed from the Team dock, a lost race, "re-apply my edits".

EditActions turns the selected row into the override's id, so the undo command (and a rebase
after another lead's save) removes that override, wherever it has moved; if it is gone, the
rebase says the edit no longer applies.
"""

from __future__ import annotations

from functools import partial

import pytest

from oncall.gui.document import SaveConflict, TeamDocument
from oncall.gui.edit_actions import EditActions
from oncall.services.session import DatabaseSession
from oncall.storage import open_database
from oncall.viewmodels import team_edits as e
from storage_support import team_with_covers


def _other_lead(path: str, *edits) -> None:
    with DatabaseSession(path, create=False) as other:
        team = other.team
        for edit in edits:
            team = edit(team)
        other.save(team)


@pytest.fixture
def window_doc(qtbot, tmp_path):
    path = str(tmp_path / "team.db")
    open_database(path, first_team=team_with_covers()).close()
    doc = TeamDocument()
    doc.open(path)
    actions = EditActions(doc)
    actions.confirm = lambda *_: True  # the user answers "Remove this override?" with yes
    actions.apply("Rename team", partial(e.patch_team, changes={"name": "Payments (mine)"}))
    row_b = [o.id for o in doc.team.overrides].index("ovr-b")
    assert actions.remove_override(row_b)
    yield doc, path
    doc.close()


def test_the_dock_removes_b_even_after_the_other_lead_removed_a(window_doc):
    doc, path = window_doc
    _other_lead(path, partial(e.remove_override, override_id="ovr-a"),
                partial(e.patch_team, changes={"name": "Payments (theirs)"}))
    with pytest.raises(SaveConflict):
        doc.save()
    assert doc.rebase_on_latest() == []
    ids = [o.id for o in doc.team.overrides]
    assert "ovr-c" in ids and "ovr-b" not in ids and "ovr-a" not in ids
    doc.save()
    with open_database(path, create=False) as db:
        assert [o.id for o in db.load_team().overrides][-1] == "ovr-c"


def test_the_dock_removal_of_b_no_longer_applies_after_the_other_lead_removed_it(window_doc):
    doc, path = window_doc
    _other_lead(path, partial(e.remove_override, override_id="ovr-b"),
                partial(e.patch_team, changes={"name": "Payments (theirs)"}))
    with pytest.raises(SaveConflict):
        doc.save()
    [failed] = doc.rebase_on_latest()
    assert failed.startswith("Remove override for ") and "override 'ovr-b' no longer exists" in failed and "no longer applies" in failed
    assert [o.id for o in doc.team.overrides][-2:] == ["ovr-a", "ovr-c"]  # nothing else removed
    assert doc.team.name == "Payments (mine)"
