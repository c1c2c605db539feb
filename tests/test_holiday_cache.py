"""The holiday file cache: the desktop start paints the band's working hours without
importing ``holidays`` (every country module, ~0.1 s), and the cache never changes an answer."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from oncall.core import holiday_calendar
from oncall.services import holiday_cache

ROOT = Path(__file__).resolve().parents[1]


def test_computed_years_are_kept_under_the_package_version(tmp_path):
    path = tmp_path / "holidays-cache.json"
    holiday_cache.use_file_cache(path)
    assert holiday_calendar.holiday_name("GB-ENG", date(2026, 12, 25)) == "Christmas Day"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["holidays"] == holiday_cache.package_version() is not None
    assert ["2026-12-25", "Christmas Day"] in data["calendars"]["GB-ENG/2026"]
    assert holiday_calendar.holidays_in("US-CA", date(2026, 7, 1), date(2026, 7, 31)) == {
        date(2026, 7, 3): "Independence Day (observed)", date(2026, 7, 4): "Independence Day"}
    assert "US-CA/2026" in json.loads(path.read_text(encoding="utf-8"))["calendars"]


def test_a_fresh_process_reads_the_cache_without_importing_holidays(tmp_path):
    path = tmp_path / "holidays-cache.json"
    holiday_cache.use_file_cache(path)
    expected = holiday_calendar.holidays_in("AU-NSW", date(2026, 1, 1), date(2026, 12, 31))
    probe = (
        "import sys; from datetime import date\n"
        "from oncall.services.holiday_cache import use_file_cache\n"
        "from oncall.core.holiday_calendar import holidays_in\n"
        f"use_file_cache(__import__('pathlib').Path({str(path)!r}))\n"
        "days = holidays_in('AU-NSW', date(2026, 1, 1), date(2026, 12, 31))\n"
        "print(sorted((d.isoformat(), n) for d, n in days.items())); print('holidays' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         check=True).stdout.splitlines()
    assert out == [str(sorted((d.isoformat(), n) for d, n in expected.items())), "False"]


def test_another_holidays_release_or_a_damaged_file_is_recomputed(tmp_path):
    path = tmp_path / "holidays-cache.json"
    stale = {"GB-ENG/2026": [["2026-12-25", "Not Christmas"]]}
    path.write_text(json.dumps({"holidays": "0.0-older", "calendars": stale}), encoding="utf-8")
    holiday_cache.use_file_cache(path)
    assert holiday_calendar.holiday_name("GB-ENG", date(2026, 12, 25)) == "Christmas Day"
    assert json.loads(path.read_text(encoding="utf-8"))["holidays"] == holiday_cache.package_version()

    # The same entry under the installed release is trusted: the cache is what answers.
    path.write_text(json.dumps({"holidays": holiday_cache.package_version(), "calendars": stale}), encoding="utf-8")
    holiday_cache.use_file_cache(path)
    assert holiday_calendar.holiday_name("GB-ENG", date(2026, 12, 25)) == "Not Christmas"

    for damage in ("{not json", json.dumps({"holidays": holiday_cache.package_version(),
                                            "calendars": {"GB-ENG/2026": [["25 Dec", 1]]}})):
        path.write_text(damage, encoding="utf-8")
        holiday_cache.use_file_cache(path)
        assert holiday_calendar.holiday_name("GB-ENG", date(2026, 12, 25)) == "Christmas Day"
        assert ["2026-12-25", "Christmas Day"] in json.loads(path.read_text(encoding="utf-8"))["calendars"]["GB-ENG/2026"]


def test_an_unwritable_place_still_answers_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    holiday_cache.use_file_cache(blocker / "holidays-cache.json")
    assert holiday_calendar.holiday_name("US-CA", date(2026, 12, 25)) == "Christmas Day"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_unknown_calendars_still_fail_clearly_with_a_cache(tmp_path):
    holiday_cache.use_file_cache(tmp_path / "holidays-cache.json")
    with pytest.raises(holiday_calendar.UnknownHolidayCalendar, match="no country 'XX'"):
        holiday_calendar.check_code("XX")
    assert not (tmp_path / "holidays-cache.json").exists()
