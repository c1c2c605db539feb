"""The one team session (services/session.py) that the CLI and the GUI both open teams through:
memory, a team file, a database; save, conflicts, rebase, and the errors a user sees."""

from __future__ import annotations

from datetime import timedelta

import pytest

from oncall.core.demo import demo_team
from oncall.core.teamfile import dump_team
from oncall.services import session


def _file(tmp_path, team=None):
    path = tmp_path / "team.toml"
    path.write_text(dump_team(team or demo_team()), encoding="utf-8")
    return path


def test_a_team_file_session_loads_and_saves_atomically(tmp_path):
    path = _file(tmp_path)
    with session.open_session(str(path)) as opened:
        assert opened.kind == "file" and opened.team == demo_team() and opened.database is None
        renamed = opened.team.evolve(name="Renamed")
        assert opened.save(renamed) == renamed
        assert opened.change_counter() is None and opened.loaded_counter is None
    assert session.load_team_file(path).name == "Renamed"
    assert [p.name for p in tmp_path.iterdir()] == ["team.toml"]  # no temp file left


def test_a_database_session_saves_and_sees_another_writer(tmp_path):
    url = str(tmp_path / "team.db")
    first = session.open_session(url, demo_if_new=True)
    second = session.open_session(url, create=False)
    try:
        assert first.kind == "database" and first.team == demo_team() and first.database is not None
        before = first.loaded_counter
        second.save(second.team.evolve(name="Second"))
        assert first.change_counter() > before  # polling would notice
        with pytest.raises(session.SaveConflict) as conflict:
            first.save(first.team.evolve(name="First"))
        assert conflict.value.conflicts  # names what the other writer changed
        assert first.load().name == "Second"
    finally:
        first.close()
        second.close()


def test_rebase_reapplies_edits_and_reports_the_ones_that_no_longer_apply(tmp_path):
    url = str(tmp_path / "team.db")
    with session.open_session(url, demo_if_new=True) as mine, session.open_session(url, create=False) as theirs:
        theirs.save(theirs.team.evolve(name="Theirs"))
        site = mine.team.sites[0].id

        def longer_overlap(team):
            return team.evolve(handoff_overlap=team.handoff_overlap + timedelta(minutes=15))

        def refused(team):
            raise ValueError(f"site {site} is gone")

        rebased = mine.rebase([("Longer overlap", longer_overlap), ("Edit site", refused)])
    assert rebased.latest.name == "Theirs"
    assert rebased.team.name == "Theirs"
    assert rebased.team.handoff_overlap == demo_team().handoff_overlap + timedelta(minutes=15)
    assert rebased.failed == (f"Edit site: site {site} is gone",)


def test_memory_has_nowhere_to_save():
    with pytest.raises(session.SessionError, match="Save As"):
        session.TeamSession().save(demo_team())


def test_a_command_takes_a_team_file_or_a_database_not_both(tmp_path):
    with pytest.raises(session.SessionError, match="not both"):
        session.open_for_command(str(_file(tmp_path)), str(tmp_path / "team.db"))


def test_a_missing_database_is_one_clear_error_and_nothing_is_created(tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(session.SessionError) as error:
        session.open_for_command(None, str(missing))
    assert str(missing) in str(error.value)
    assert not missing.exists()


def test_save_as_moves_a_team_into_a_new_database_and_back_to_a_file(tmp_path):
    team = demo_team().evolve(name="Moved")
    with session.save_as(team, str(tmp_path / "new.db")) as db_session:
        assert db_session.kind == "database" and db_session.load() == team
    with session.save_as(team, str(tmp_path / "back.toml")) as file_session:
        assert file_session.kind == "file" and file_session.load() == team


def test_import_counts_changes_and_a_second_import_changes_nothing(tmp_path):
    url = str(tmp_path / "team.db")
    location, changed = session.import_team(demo_team(), url)
    assert location == url and changed > 0
    assert session.import_team(demo_team(), url)[1] == 0
