"""import-ics: other calendars as unavailability or overrides; hostile files change nothing."""

from __future__ import annotations


import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text, utc
from oncall.imports.ics_import import IcsImportError, read_calendar_bytes, read_calendar_file
from oncall.imports.import_plan import plan_import

START, END = utc(2026, 10, 27), utc(2027, 11, 26)


def cal(*events: str, header: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{header}{body}END:VCALENDAR\r\n").encode()


def read(data: bytes, zone: str = "Australia/Sydney"):
    return read_calendar_bytes(data, zone, START, END)


def test_all_day_pto_is_read_in_the_members_zone():
    r = read(cal("UID:a\r\nDTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261231\r\nSUMMARY:PTO"))
    (span,) = r.spans
    assert span.all_day and span.summary == "PTO"
    assert span.start == utc(2026, 12, 27, 13) and span.end == utc(2026, 12, 30, 13)  # AEDT midnights


def test_recurrence_is_expanded_and_x_wr_timezone_applies():
    data = cal("UID:r\r\nDTSTART:20270105T090000\r\nDTEND:20270105T170000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Class",
               header="X-WR-TIMEZONE:Europe/London\r\n")
    starts = [s.start for s in read(data).spans]
    assert starts == [utc(2027, 1, 5, 9), utc(2027, 1, 12, 9), utc(2027, 1, 19, 9)]


def test_tzid_and_floating_times():
    data = cal("UID:t\r\nDTSTART;TZID=America/New_York:20270310T090000\r\nDTEND;TZID=America/New_York:20270310T100000",
               "UID:f\r\nDTSTART:20270310T090000\r\nDTEND:20270310T100000")
    spans = sorted(read(data, "Asia/Kolkata").spans, key=lambda s: s.start)
    assert [s.start for s in spans] == [utc(2027, 3, 10, 3, 30), utc(2027, 3, 10, 14)]  # EST: DST starts 14 March


def test_cancelled_and_empty_events_are_skipped_with_reasons():
    r = read(cal("UID:c\r\nSTATUS:CANCELLED\r\nDTSTART:20270101T090000Z\r\nDTEND:20270101T100000Z\r\nSUMMARY:Trip",
                 "UID:z\r\nDTSTART:20270101T090000Z\r\nDTEND:20270101T090000Z\r\nSUMMARY:Blip"))
    assert r.spans == ()
    assert sorted((s.uid, s.summary, s.reason) for s in r.skipped) == [
        ("c", "Trip", "cancelled"), ("z", "Blip", "zero or negative length")]


@pytest.mark.parametrize("data, message", [
    (b"hello\x00world", "no BEGIN:VCALENDAR"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"just some text", "no BEGIN:VCALENDAR"),
    (cal(*(f"UID:s{i}\r\nDTSTART:20270101T0{i}0000Z\r\nDTEND:20270101T0{i}0001Z\r\nRRULE:FREQ=HOURLY;COUNT=900"
           for i in range(6))), "more than 5000 events"),
])
def test_hostile_or_broken_files_are_refused_clearly(data, message):
    with pytest.raises(IcsImportError, match=message):
        read(data)


def test_huge_files_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.ics"
    big.write_bytes(b"X" * 2048)
    with pytest.raises(IcsImportError, match="KiB"):
        read_calendar_file(big, "UTC", START, END, max_bytes=1024)


def test_plan_lists_additions_and_shift_changes_and_skips_duplicates():
    team = demo_team()
    spans = read(cal("UID:a\r\nDTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106\r\nSUMMARY:PTO")).spans
    plan = plan_import(team, "alice", "unavailable", spans, START, END)
    assert len(plan.added) == 1 and plan.shift_changes
    assert plan.team_after.unavailable[-1].reason == "PTO"
    again = plan_import(plan.team_after, "alice", "unavailable", spans, START, END)
    assert again.added == () and again.already_present == 1
    cover = plan_import(team, "bob", "override", spans, START, END, replaces="alice")
    assert cover.team_after.overrides[-1].replaces == "alice"
    with pytest.raises(ValueError):
        plan_import(team, "bob", "override", spans, START, END, replaces="bob")


def test_cli_previews_then_applies_to_a_team_file(tmp_path, capsys):
    team_file = tmp_path / "team.toml"
    team_file.write_text(demo_team_text())
    ics = tmp_path / "pto.ics"
    ics.write_bytes(cal("UID:a\r\nDTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270108\r\nSUMMARY:Ski trip"))
    before = team_file.read_bytes()
    assert main(["import-ics", str(ics), str(team_file), "--member", "alice", "--as", "unavailable",
                 "--from", "2026-12-01", "--to", "2027-02-01"]) == 0
    out = capsys.readouterr().out
    assert "1 new unavailability entry" in out and "Ski trip" in out and "--apply" in out
    assert team_file.read_bytes() == before
    assert main(["import-ics", str(ics), str(team_file), "--member", "alice", "--as", "unavailable",
                 "--from", "2026-12-01", "--to", "2027-02-01", "--apply"]) == 0
    assert "Ski trip" in team_file.read_text()


def test_cli_skips_an_event_in_an_unknown_zone_and_changes_nothing(tmp_path, capsys):
    team_file = tmp_path / "team.toml"
    team_file.write_text(demo_team_text())
    ics = tmp_path / "bad.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere/Land:20270101T090000\r\n"
                    b"DTEND;TZID=Nowhere/Land:20270101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    before = team_file.read_bytes()
    assert main(["import-ics", str(ics), str(team_file), "--member", "alice", "--as", "unavailable", "--apply",
                 "--from", "2026-12-01", "--to", "2027-02-01"]) == 0
    out = capsys.readouterr().out
    assert "skipped line 2: (no title): unknown time zone 'Nowhere/Land' in DTSTART" in out
    assert "Nothing to import." in out
    assert team_file.read_bytes() == before


def test_cli_refuses_a_file_that_is_not_a_calendar(tmp_path, capsys):
    team_file = tmp_path / "team.toml"
    team_file.write_text(demo_team_text())
    ics = tmp_path / "notes.ics"
    ics.write_bytes(b"BEGIN:VEVENT\r\nDTSTART:20270101T090000Z\r\nEND:VEVENT\r\n")
    before = team_file.read_bytes()
    assert main(["import-ics", str(ics), str(team_file), "--member", "alice", "--as", "unavailable", "--apply"]) == 2
    assert "no BEGIN:VCALENDAR; not an iCalendar file" in capsys.readouterr().err
    assert team_file.read_bytes() == before


def test_cli_applies_to_a_database(tmp_path, capsys):
    from oncall.storage import open_database

    url = str(tmp_path / "team.db")
    open_database(url, demo_if_new=True).close()
    ics = tmp_path / "pd.ics"
    ics.write_bytes(cal("UID:p\r\nDTSTART:20270110T000000Z\r\nDTEND:20270111T000000Z\r\nSUMMARY:On call (PagerDuty)"))
    assert main(["import-ics", str(ics), "--db", url, "--member", "erin", "--as", "override",
                 "--from", "2027-01-01", "--to", "2027-02-01", "--apply"]) == 0
    with open_database(url) as db:
        assert db.load_team().overrides[-1].note == "On call (PagerDuty)"
