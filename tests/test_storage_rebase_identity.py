"""Two leads, one database: a rebase re-applies overrides and time-off edits by their stable id.

Regression: an unsaved "remove override 2", re-applied after another lead removed override 1,
removed the wrong override (the edit named a row index and the rows had moved up). Edits now
name an override or time-off entry by its ``id``: re-applied after the other lead removed A,
"remove B" removes B; re-applied after the other lead removed B itself, it is reported as no
longer applying and nothing else is touched. Two real writers on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from oncall.core.demo import demo_team, utc
from oncall.services.session import DatabaseSession, SaveConflict
from oncall.storage import open_database
from oncall.viewmodels import team_edits as e
from storage_support import BACKENDS, team_with_covers, url_for


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    url = url_for(request, tmp_path)
    open_database(url, first_team=team_with_covers()).close()
    return url


def _notes(team) -> list[str | None]:
    return [o.note for o in team.overrides]


def _other_lead(url: str, *edits) -> None:
    """Another lead's app: load, edit, save (a second connection to the same database)."""
    with DatabaseSession(url, create=False) as other:
        team = other.team
        for edit in edits:
            team = edit(team)
        other.save(team)


def _my_pending(lead: DatabaseSession, edits: list[tuple[str, object]]):
    team = lead.team
    for _label, edit in edits:
        team = edit(team)
    return team


def test_remove_b_after_the_other_lead_removed_a_removes_b(url):
    with DatabaseSession(url, create=False) as lead:
        mine = [("Remove override B", partial(e.remove_override, override_id="ovr-b")),
                ("Rename team", partial(e.patch_team, changes={"name": "Payments (mine)"}))]
        pending = _my_pending(lead, mine)
        assert _notes(pending)[-2:] == ["cover A", "cover C"]
        _other_lead(url, partial(e.remove_override, override_id="ovr-a"),
                    partial(e.patch_team, changes={"name": "Payments (theirs)"}))
        with pytest.raises(SaveConflict):
            lead.save(pending)  # both renamed the team: the save is refused, nothing written
        rebased = lead.rebase(mine)
        assert rebased.failed == ()
        assert "cover A" not in _notes(rebased.latest) and "cover B" in _notes(rebased.latest)
        assert _notes(rebased.team)[-1:] == ["cover C"] and "cover B" not in _notes(rebased.team)
        lead.save(rebased.team)
    with open_database(url, create=False) as db:
        stored = db.load_team()
    assert [o.id for o in stored.overrides[-1:]] == ["ovr-c"]
    assert {"ovr-a", "ovr-b"}.isdisjoint(o.id for o in stored.overrides)
    assert stored.name == "Payments (mine)"


def test_remove_b_after_the_other_lead_removed_b_no_longer_applies(url):
    with DatabaseSession(url, create=False) as lead:
        mine = [("Remove override B", partial(e.remove_override, override_id="ovr-b")),
                ("Edit override C", partial(e.update_override, override_id="ovr-c",
                                            override=replace(lead.team.overrides[-1], note="cover C, longer"))),
                ("Remove time off", partial(e.remove_time_off, entry_id="off-bob-march")),
                ("Rename team", partial(e.patch_team, changes={"name": "Payments (mine)"}))]
        pending = _my_pending(lead, mine)
        _other_lead(url, partial(e.remove_override, override_id="ovr-b"),
                    partial(e.remove_time_off, entry_id="off-bob-march"),
                    partial(e.patch_team, changes={"name": "Payments (theirs)"}))
        with pytest.raises(SaveConflict):
            lead.save(pending)
        rebased = lead.rebase(mine)
        assert len(rebased.failed) == 2
        assert rebased.failed[0].startswith("Remove override B: override 'ovr-b' no longer exists")
        assert rebased.failed[1].startswith("Remove time off: time-off entry 'off-bob-march' no longer exists")
        assert all("no longer applies" in why for why in rebased.failed)
        # Nothing guessed: A is untouched, C got my edit, the name is mine.
        assert _notes(rebased.team)[-2:] == ["cover A", "cover C, longer"]
        assert rebased.team.name == "Payments (mine)"
        lead.save(rebased.team)
    with open_database(url, create=False) as db:
        stored = db.load_team()
    assert [(o.id, o.note) for o in stored.overrides[-2:]] == [("ovr-a", "cover A"), ("ovr-c", "cover C, longer")]
    assert "off-bob-march" not in [u.id for u in stored.unavailable]


def test_ids_survive_the_database_and_an_edit(url):
    with DatabaseSession(url, create=False) as lead:
        before = lead.team
        assert [o.id for o in before.overrides] == [o.id for o in team_with_covers().overrides]
        edited = e.update_override(before, "ovr-b", replace(before.overrides[-2], end=utc(2027, 2, 2, 20), id=None))
        lead.save(edited)
    with open_database(url, create=False) as db:
        loaded = db.load()
        b = loaded.team.overrides[-2]
        assert (b.id, b.end) == ("ovr-b", utc(2027, 2, 2, 20))
        assert loaded.team == edited
        [change] = [c for c in db.changes_in(loaded.counter)]
        assert change.action == "updated" and change.entity == "override"  # one row updated, not replaced


def test_export_writes_the_ids_and_reimporting_the_plain_file_changes_nothing(tmp_path, capsys):
    from oncall.cli.main import main
    from oncall.core.demo import demo_team_text

    source = tmp_path / "team.toml"
    source.write_text(demo_team_text())  # no id keys
    db = str(tmp_path / "team.db")
    assert main(["import", str(source), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export-team", "--db", db]) == 0
    exported = capsys.readouterr().out
    team = demo_team()
    for item in (*team.overrides, *team.unavailable):
        assert f'id = "{item.id}"' in exported  # the derived ids, now written down
    assert main(["import", str(source), "--db", db]) == 0
    assert "no changes" in capsys.readouterr().out


def test_log_and_conflicts_name_overrides_by_their_id(url):
    with DatabaseSession(url, create=False) as lead, DatabaseSession(url, create=False) as other:
        b = lead.team.overrides[-2]
        other.save(e.update_override(other.team, "ovr-b", replace(b, note="theirs")))
        with pytest.raises(SaveConflict) as caught:
            lead.save(e.update_override(lead.team, "ovr-b", replace(b, note="mine")))
        assert any("override 'ovr-b' was changed by" in line for line in caught.value.conflicts)
        assert "updated override ovr-b" in caught.value.intended
    with open_database(url, create=False) as db:
        newest = db.audit_log(limit=1)[0]
    assert (newest.entity, newest.entity_id, newest.action) == ("override", "ovr-b", "updated")
