"""Hostile calendars end quickly with a clear message: the work is bounded before expansion.

Each case runs the real CLI in a subprocess under a hang guard far above the import's own
4-second budget; the figures (all well under a second here) are in benchmarks/bench_import_ics.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from oncall.core.demo import demo_team_text

HANG_GUARD_SECONDS = 60
FAR_OUT = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{events}END:VCALENDAR\r\n"


def event(body: str) -> str:
    return f"BEGIN:VEVENT\r\n{body}\r\nEND:VEVENT\r\n"


def calendar(*bodies: str) -> bytes:
    return FAR_OUT.format(events="".join(event(b) for b in bodies)).encode()


GOOD = "UID:good\r\nDTSTART:20270105T090000Z\r\nDTEND:20270105T170000Z\r\nSUMMARY:Dentist"
HOSTILE = {
    "interval-zero": ("UID:i0\r\nDTSTART:20270101T090000Z\r\nDTEND:20270101T100000Z\r\nRRULE:FREQ=DAILY;INTERVAL=0",
                      "RRULE:INTERVAL=0 must be at least 1"),
    "hourly-billion": ("UID:hb\r\nDTSTART:20270101T000000Z\r\nDTEND:20270101T003000Z\r\n"
                       "RRULE:FREQ=HOURLY;COUNT=1000000000", "more than 5000 occurrences in the window"),
    "secondly-1900": ("UID:s\r\nDTSTART:19000101T000000Z\r\nDTEND:19000101T000001Z\r\nRRULE:FREQ=SECONDLY",
                      "RRULE:FREQ=SECONDLY from 1900-01-01 needs about"),
    "minutely-1900": ("UID:m\r\nDTSTART:19000101T000000Z\r\nDTEND:19000101T000100Z\r\nRRULE:FREQ=MINUTELY;BYHOUR=9",
                      "RRULE:FREQ=MINUTELY from 1900-01-01 needs about"),
}


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


def run_import(ics, team_file, *extra: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "oncall", "import-ics", str(ics), str(team_file), "--member", "alice",
            "--as", "unavailable", "--from", "2026-12-01", "--to", "2027-12-01", *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=HANG_GUARD_SECONDS)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_runaway_rule_is_skipped_with_its_reason_and_the_rest_is_imported(name, tmp_path, team_file):
    body, reason = HOSTILE[name]
    ics = tmp_path / f"{name}.ics"
    ics.write_bytes(calendar(GOOD, body))
    before = team_file.read_bytes()
    result = run_import(ics, team_file, "--apply")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert reason in result.stdout
    assert "1 new unavailability entry" in result.stdout
    text = team_file.read_text()
    assert text != before.decode() and "Dentist" in text


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, team_file):
    ics = tmp_path / "huge.ics"
    filler = event("UID:x\r\nDTSTART:20100101T090000Z\r\nDTEND:20100101T100000Z\r\nSUMMARY:" + "y" * 60)
    ics.write_bytes(FAR_OUT.format(events=filler * 50_000).encode())  # about 6 MB
    before = team_file.read_bytes()
    result = run_import(ics, team_file, "--apply")
    assert result.returncode == 2
    assert "KiB an import accepts; export a shorter range" in result.stderr
    assert team_file.read_bytes() == before


def test_a_large_history_export_under_the_limit_is_read(tmp_path, team_file):
    history = "".join(event(f"UID:h{i}\r\nDTSTART:2015{1 + i % 12:02d}{1 + i % 28:02d}T090000Z\r\n"
                            f"DTEND:2015{1 + i % 12:02d}{1 + i % 28:02d}T100000Z\r\nSUMMARY:Old meeting {i}")
                      for i in range(30_000))
    ics = tmp_path / "history.ics"
    ics.write_bytes(FAR_OUT.format(events=history + event(GOOD)).encode())
    assert 3_000_000 < ics.stat().st_size < 4 * 1024 * 1024
    result = run_import(ics, team_file, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"outside_window": 30000' in result.stdout and '"imported": 1' in result.stdout


def test_too_many_events_in_the_window_refuse_the_file_and_change_nothing(tmp_path, team_file):
    rules = [f"UID:h{i}\r\nDTSTART:20270101T0{i}0000Z\r\nDTEND:20270101T0{i}1000Z\r\nRRULE:FREQ=HOURLY;COUNT=1000"
             for i in range(6)]
    ics = tmp_path / "busy.ics"
    ics.write_bytes(calendar(*rules))
    before = team_file.read_bytes()
    result = run_import(ics, team_file, "--apply")
    assert result.returncode == 2 and "more than 5000 events between" in result.stderr
    assert team_file.read_bytes() == before
