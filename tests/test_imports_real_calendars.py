"""Every test calendar shipped with icalendar and recurring-ical-events goes through import-ics.

These files were collected from bug reports about Google, Outlook, Apple, Thunderbird and other
clients' exports. Found through the installed packages, so the test follows their versions.
Each must preview without a traceback and within the import's own work budget; a whole file
may be refused only when it is not iCalendar at all (no VCALENDAR).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text


def _package_calendars() -> list[Path]:
    import icalendar
    import recurring_ical_events

    roots = [Path(icalendar.__file__).parent / "tests", Path(recurring_ical_events.__file__).parent / "test"]
    return sorted(p for root in roots for p in root.rglob("*.ics"))


CALENDARS = _package_calendars()


def _not_icalendar(path: Path) -> bool:
    return b"BEGIN:VCALENDAR" not in path.read_bytes().upper()


def test_the_packages_ship_test_calendars():
    assert len(CALENDARS) >= 200  # 258 with icalendar 7.3 and recurring-ical-events 3.8


@pytest.fixture(scope="module")
def team_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("team") / "team.toml"
    path.write_text(demo_team_text())
    return path


@pytest.mark.parametrize("path", CALENDARS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_world_calendar_previews_or_is_refused_only_when_not_icalendar(path, team_file, capsys):
    before = team_file.read_bytes()
    code = main(["import-ics", str(path), str(team_file), "--member", "alice", "--as", "unavailable",
                 "--from", "2026-10-31", "--to", "2027-11-30"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "took more than" not in err, f"{path.name} hit the work budget"
    if code == 2:
        assert _not_icalendar(path), f"{path.name} refused: {err.strip()}"
        assert "not an iCalendar file" in err
    else:
        assert code == 0 and "Read " in out
    assert team_file.read_bytes() == before  # preview only


def test_the_two_calendars_that_ended_in_a_traceback_now_skip_the_one_bad_event(capsys, team_file):
    by_name = {f"{p.parent.name}/{p.name}": p for p in CALENDARS}
    for name in ("calendars/america_new_york_forward_reference.ics", "calendars/pacific_fiji.ics"):
        if name not in by_name:
            continue  # a newer icalendar may have dropped the file
        assert main(["import-ics", os.fspath(by_name[name]), str(team_file), "--member", "alice",
                     "--as", "unavailable", "--format", "json"]) == 0
        assert "DTSTART is given 2 times" in capsys.readouterr().out
