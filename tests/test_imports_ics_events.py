"""import-ics reads event by event: a strange entry is skipped and named, the rest imported."""

from __future__ import annotations

import json

from oncall.cli.main import main
from oncall.core.demo import demo_team_text, utc
from oncall.imports.ics_import import read_calendar_bytes

START, END = utc(2026, 10, 27), utc(2027, 11, 26)
GOOD = "UID:good\r\nDTSTART:20270105T090000Z\r\nDTEND:20270105T170000Z\r\nSUMMARY:Dentist"


def cal(*events: str, header: str = "", footer: str = "END:VCALENDAR\r\n") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{header}{body}{footer}".encode()


def read(data: bytes, zone: str = "Europe/London"):
    return read_calendar_bytes(data, zone, START, END)


def reasons(result) -> dict[str, str]:
    return {s.uid or s.summary: s.reason for s in result.skipped}


def assert_only_good_imported(result) -> None:
    assert [(s.uid, s.start, s.end) for s in result.spans] == [("good", utc(2027, 1, 5, 9), utc(2027, 1, 5, 17))]


def test_an_event_ending_before_it_starts_is_skipped_and_the_rest_imported():
    r = read(cal(GOOD, "UID:back\r\nDTSTART:20270106T090000Z\r\nDTEND:20270106T080000Z\r\nSUMMARY:Backwards"))
    assert_only_good_imported(r)
    (skipped,) = r.skipped
    assert (skipped.uid, skipped.summary, skipped.line) == ("back", "Backwards", 10)
    assert skipped.reason.startswith("ends (2027-01-06 08:00:00+00:00) before it starts")


def test_a_negative_duration_is_skipped():
    r = read(cal(GOOD, "UID:neg\r\nDTSTART:20270106T090000Z\r\nDURATION:-PT1H\r\nSUMMARY:Negative"))
    assert_only_good_imported(r)
    assert reasons(r) == {"neg": "negative DURATION (-PT1H)"}


def test_a_vevent_nested_in_a_valarm_is_not_imported():
    nested = ("UID:host\r\nDTSTART:20270107T090000Z\r\nDTEND:20270107T100000Z\r\nSUMMARY:Host\r\n"
              "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\n"
              "BEGIN:VEVENT\r\nUID:inner\r\nDTSTART:20270301T000000Z\r\nDTEND:20270310T000000Z\r\nEND:VEVENT\r\n"
              "END:VALARM")
    r = read(cal(GOOD, nested))
    assert sorted(s.uid for s in r.spans) == ["good", "host"]
    assert all(s.start < utc(2027, 2, 1) for s in r.spans)  # nothing from the nested event
    assert [s.reason for s in r.skipped] == ["a VEVENT inside another component is not an event of the calendar"]


def test_a_time_without_a_date_and_an_unknown_zone_are_named():
    r = read(cal(GOOD, "UID:t\r\nDTSTART;VALUE=TIME:090000\r\nSUMMARY:Daily",
                 "UID:z\r\nDTSTART;TZID=Mars/Olympus:20270101T090000\r\nDTEND;TZID=Mars/Olympus:20270101T100000"))
    assert_only_good_imported(r)
    assert reasons(r) == {"t": "DTSTART is a time of day without a date",
                          "z": "unknown time zone 'Mars/Olympus' in DTSTART"}


def test_an_unreadable_property_skips_only_its_event():
    r = read(cal(GOOD, "UID:bad\r\nDTSTART:2027-13-45\r\nSUMMARY:Broken date"))
    assert_only_good_imported(r)
    assert reasons(r)["bad"].startswith("DTSTART cannot be read")


def test_a_truncated_file_keeps_the_complete_events():
    data = cal(GOOD, footer="") + b"BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:20270108T09"
    r = read(data)
    assert_only_good_imported(r)
    assert [s.reason for s in r.skipped] == ["the event never ends (END:VEVENT missing; was the file cut short?)"]


def test_two_calendars_in_one_file_are_both_read():
    second = "UID:two\r\nDTSTART:20270110T090000Z\r\nDTEND:20270110T100000Z"
    r = read(cal(GOOD) + cal(second))
    assert sorted(s.uid for s in r.spans) == ["good", "two"]
    assert "2 calendars in one file: read them all" in r.notes


def test_a_modification_without_its_master_is_imported_as_written():
    r = read(cal("UID:orphan\r\nRECURRENCE-ID:20270112T090000Z\r\nDTSTART:20270112T140000Z\r\n"
                 "DTEND:20270112T150000Z\r\nSUMMARY:Moved"))
    assert [(s.start, s.end) for s in r.spans] == [(utc(2027, 1, 12, 14), utc(2027, 1, 12, 15))]


def test_a_recurrence_the_library_cannot_expand_falls_back_to_its_own_times():
    r = read(cal("UID:rt\r\nDTSTART:20270302T090000Z\r\nDTEND:20270302T100000Z\r\nRDATE;VALUE=TIME:133000Z\r\n"
                 "SUMMARY:Odd RDATE"))
    assert [(s.start, s.end) for s in r.spans] == [(utc(2027, 3, 2, 9), utc(2027, 3, 2, 10))]
    (note,) = r.notes
    assert note.startswith("line 4: Odd RDATE: recurrence not expanded (")
    assert note.endswith("read as the single event it starts with")


def test_exdates_of_mixed_types_still_expand():
    r = read(cal("UID:x\r\nDTSTART;TZID=Europe/London:20270104T090000\r\nDTEND;TZID=Europe/London:20270104T100000\r\n"
                 "RRULE:FREQ=DAILY;COUNT=4\r\nEXDATE;TZID=Europe/London:20270105T090000\r\n"
                 "EXDATE:20270106T090000Z"))
    assert [s.start.day for s in r.spans] == [4, 7]


def test_an_unknown_x_wr_timezone_reads_floating_times_in_the_members_zone_and_says_so():
    r = read(cal("UID:f\r\nDTSTART:20270601T090000\r\nDTEND:20270601T100000", header="X-WR-TIMEZONE:Mars/Base\r\n"),
             zone="Australia/Sydney")
    assert [s.start for s in r.spans] == [utc(2027, 5, 31, 23)]  # 09:00 AEST
    assert r.notes and "X-WR-TIMEZONE:Mars/Base is unknown" in r.notes[0]


def test_counts_imported_skipped_and_outside_the_window():
    r = read(cal(GOOD, "UID:old\r\nDTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z",
                 "UID:oldrule\r\nDTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3",
                 "UID:bad\r\nDTSTART:nonsense"))
    assert (len(r.spans), len(r.skipped), r.outside) == (1, 1, 2)
    assert r.as_json()["outside_window"] == 2


def test_cli_json_preview_lists_counts_and_every_skipped_event(tmp_path, capsys):
    team_file = tmp_path / "team.toml"
    team_file.write_text(demo_team_text())
    ics = tmp_path / "pto.ics"
    ics.write_bytes(cal(GOOD, "UID:bad\r\nDTSTART:20270106T090000Z\r\nDURATION:-PT1H\r\nSUMMARY:Oops"))
    assert main(["import-ics", str(ics), str(team_file), "--member", "alice", "--as", "unavailable",
                 "--from", "2026-12-01", "--to", "2027-02-01", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["imported"] == 1 and doc["outside_window"] == 0 and doc["saved"] is False
    assert doc["skipped"] == [{"uid": "bad", "summary": "Oops", "line": 10, "reason": "negative DURATION (-PT1H)"}]
    assert [n["text"] for n in doc["new"]] == ["Dentist"]


def _custom_zone(offset: str) -> str:
    return ("BEGIN:VTIMEZONE\r\nTZID:Custom Office\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            f"TZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")


CUSTOM_EVENT = "UID:c\r\nDTSTART;TZID=Custom Office:20270105T090000\r\nDTEND;TZID=Custom Office:20270105T170000"


def test_a_custom_zone_is_read_from_each_file_not_from_an_earlier_one():
    """icalendar keeps custom VTIMEZONEs for the whole process, the first definition winning:
    a second file defining "Custom Office" as +05:00 was read with the first file's +02:00,
    and a file naming it without a definition borrowed one instead of being refused."""
    first = read(cal(CUSTOM_EVENT, header=_custom_zone("+0200")))
    assert [(s.start, s.end) for s in first.spans] == [(utc(2027, 1, 5, 7), utc(2027, 1, 5, 15))]
    second = read(cal(CUSTOM_EVENT, header=_custom_zone("+0500")))
    assert [(s.start, s.end) for s in second.spans] == [(utc(2027, 1, 5, 4), utc(2027, 1, 5, 12))]
    undefined = read(cal(GOOD, CUSTOM_EVENT))
    assert_only_good_imported(undefined)
    assert "Custom Office" in reasons(undefined)["c"]
