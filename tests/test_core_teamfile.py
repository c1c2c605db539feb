"""The team file contract: parsing, every validation message, and the writer's round trip."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from oncall.core.demo import demo_team, demo_team_text
from oncall.core.model import CadenceKind, LocalWindow
from oncall.core.teamfile import (
    TeamFileError, dump_team, load_team_file, parse_duration, parse_team, parse_window,
)
from oncall.core.timezones import UTC

EXAMPLE = """
version = 1
[team]
name = "Payments SRE"
handoff_overlap = "30m"

[[site]]
id = "syd"
name = "Sydney"
timezone = "Australia/Sydney"
holidays = "AU-NSW"
working_hours = "09:00-17:00"
workdays = ["mon","tue","wed","thu","fri"]

[[site]]
id = "lon"
name = "London"
timezone = "Europe/London"

[[member]]
id = "alice"
name = "Alice Chen"
email = "alice@example.com"
site = "syd"

[[member]]
id = "bob"
name = "Bob"
site = "syd"

[[member]]
id = "dan"
name = "Dan"
site = "lon"

[[leg]]
site = "syd"
window = "08:00-16:00"
days = ["mon","tue","wed","thu","fri"]
rotation = ["alice", "bob"]
cadence = "weekly"
handoff_day = "mon"
start = "2026-03-02"
end = "2026-12-31"

[[override]]
member = "dan"
replaces = "alice"
start = "2026-03-10T08:00"
end = "2026-03-12T08:00"

[[unavailable]]
member = "bob"
start = "2026-04-01"
end = "2026-04-08"
reason = "PTO"
"""


def test_the_issue_example_parses():
    result = parse_team(EXAMPLE, "team.toml")
    team = result.team
    assert team.name == "Payments SRE"
    assert team.handoff_overlap == timedelta(minutes=30)
    assert [s.id for s in team.sites] == ["syd", "lon"]
    leg = team.legs[0]
    assert leg.id == "syd" and leg.window == LocalWindow(480, 960)
    assert leg.cadence.kind is CadenceKind.WEEKLY and leg.handoff_day == 0
    assert leg.days == frozenset(range(5)) and leg.end == date(2026, 12, 31)
    # Naive override times are in the covering member's (dan's, London) zone: GMT in March.
    ov = team.overrides[0]
    assert ov.start == datetime(2026, 3, 10, 8, tzinfo=UTC) and ov.replaces == "alice"
    # Dates of time off are local midnights at the member's site (Sydney, AEDT +11).
    u = team.unavailable[0]
    assert u.start == datetime(2026, 3, 31, 13, tzinfo=UTC) and u.all_day
    assert u.end == datetime(2026, 4, 7, 14, tzinfo=UTC)  # AEST after 5 Apr
    assert result.warnings == ()


def test_override_timezone_key_wins_over_member_site():
    text = EXAMPLE.replace('replaces = "alice"', 'replaces = "alice"\ntimezone = "Australia/Sydney"')
    ov = parse_team(text).team.overrides[0]
    assert ov.start == datetime(2026, 3, 9, 21, tzinfo=UTC) and ov.timezone == "Australia/Sydney"


def test_explicit_offsets_and_toml_datetimes_are_accepted():
    text = EXAMPLE.replace('start = "2026-03-10T08:00"', 'start = 2026-03-10T08:00:00+10:00')
    assert parse_team(text).team.overrides[0].start == datetime(2026, 3, 9, 22, tzinfo=UTC)


def problems(text: str) -> list[str]:
    with pytest.raises(TeamFileError) as info:
        parse_team(text, "team.toml")
    return info.value.problems


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('timezone = "Australia/Sydney"', 'timezone = "Australia/Sydny"',
         "team.toml: [[site]] #1 (id 'syd'), key 'timezone': unknown time zone 'Australia/Sydny' (did you mean 'Australia/Sydney'?)"),
        ('timezone = "Australia/Sydney"', 'timezone = "UTC+10"', "unknown time zone 'UTC+10'"),
        ('rotation = ["alice", "bob"]', 'rotation = ["alice", "zed"]',
         "team.toml: [[leg]] #1 (site 'syd'), key 'rotation': unknown member 'zed'"),
        ('window = "08:00-16:00"', 'window = "8am-4pm"', "key 'window'"),
        ('window = "08:00-16:00"', 'window = "24:00-06:00"', "24:00 is only allowed as an end"),
        ('end = "2026-12-31"', 'end = "2026-01-01"', "key 'end': 2026-01-01 is not after start 2026-03-02"),
        ('end = "2026-03-12T08:00"', 'end = "2026-03-09T08:00"', "[[override]] #1 (member 'dan'), key 'end'"),
        ('id = "bob"', 'id = "alice"', "[[member]] #2 (id 'alice'), key 'id': duplicate id 'alice'"),
        ('cadence = "weekly"', 'cadence = "fortnightly"', "is not a cadence"),
        ('holidays = "AU-NSW"', 'holidays = "AU-XYZ"', "unknown holiday calendar 'AU-XYZ'"),
        ('handoff_overlap = "30m"', 'handoff_overlap = "half an hour"', "[team], key 'handoff_overlap'"),
        ('site = "lon"\n\n[[leg]]', 'site = "par"\n\n[[leg]]', "[[member]] #3 (id 'dan'), key 'site': unknown site 'par'"),
        ('version = 1', 'version = 2', "newer than this app understands"),
        ('replaces = "alice"', 'replaces = "dan"', "cannot replace themselves"),
    ],
)
def test_bad_files_name_file_table_key_and_problem(old, new, expected):
    assert old in EXAMPLE
    found = problems(EXAMPLE.replace(old, new, 1))
    assert any(expected in p for p in found), found


def test_every_problem_is_reported_at_once():
    text = EXAMPLE.replace('"Australia/Sydney"', '"Nowhere/City"').replace('"weekly"', '"often"')
    assert len(problems(text)) >= 2


def test_broken_toml_names_the_line():
    found = problems('version = 1\n[team\nname = "x"\n')
    assert found[0].startswith("team.toml: not valid TOML") and "line 2" in found[0]


def test_rotation_with_member_of_another_site_is_allowed_but_warned():
    text = EXAMPLE.replace('rotation = ["alice", "bob"]', 'rotation = ["alice", "dan"]')
    result = parse_team(text, "team.toml")
    assert any("member 'dan' belongs to site 'lon', not 'syd' (allowed)" in w for w in result.warnings)


def test_unknown_keys_are_warned_not_fatal():
    result = parse_team(EXAMPLE.replace('name = "Sydney"', 'name = "Sydney"\ncolour = "red"'))
    assert any("key 'colour': unknown key" in w for w in result.warnings)


def test_missing_file_and_binary_file(tmp_path):
    with pytest.raises(TeamFileError, match="cannot read"):
        load_team_file(tmp_path / "nope.toml")
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TeamFileError, match="not UTF-8"):
        load_team_file(tmp_path / "bin.toml")


def test_second_leg_of_a_site_gets_a_stable_default_id():
    text = EXAMPLE + '\n[[leg]]\nsite = "syd"\nwindow = "22:00-06:00"\nrotation = ["bob"]\ncadence = "daily"\nstart = "2026-03-02"\n'
    assert [leg.id for leg in parse_team(text).team.legs] == ["syd", "syd-2"]


def test_window_and_duration_parsers():
    assert parse_window("22:00-06:00").crosses_midnight
    assert parse_window("00:00-24:00") == LocalWindow(0, 1440)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert parse_duration("0") == timedelta(0)
    assert parse_duration("45min") == timedelta(minutes=45)


def test_round_trip_of_the_example_and_the_demo():
    for text in (EXAMPLE, demo_team_text()):
        team = parse_team(text).team
        again = parse_team(dump_team(team)).team
        assert again == team
        assert dump_team(again) == dump_team(team)


def test_round_trip_keeps_instants_in_dst_gaps_and_folds():
    text = EXAMPLE.replace('start = "2026-03-10T08:00"', 'start = "2026-03-29T01:30"').replace(
        'end = "2026-03-12T08:00"', 'end = "2026-10-25T01:30"')
    team = parse_team(text).team
    assert parse_team(dump_team(team)).team.overrides == team.overrides


def test_demo_team_is_valid():
    team = demo_team()
    assert {s.name for s in team.sites} == {"Sydney", "London", "San Francisco"}


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(["Australia/Sydney", "Asia/Kathmandu", "Pacific/Chatham", "America/New_York",
                          "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe"]),
    start=st.integers(0, 95), length=st.integers(1, 96), day=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    cadence=st.sampled_from(["daily", "weekly", "3d"]), hour=st.integers(0, 23),
)
def test_round_trip_property(zone, start, length, day, cadence, hour):
    s, e = start * 15, (start * 15 + length * 15) % 1440
    window = f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}"
    text = f"""
version = 1
[team]
name = "T"
[[site]]
id = "a"
timezone = "{zone}"
[[member]]
id = "m"
site = "a"
[[member]]
id = "n"
site = "a"
[[leg]]
site = "a"
window = "{window}"
rotation = ["m", "n"]
cadence = "{cadence}"
start = "{day.isoformat()}"
[[override]]
member = "n"
replaces = "m"
start = "{day.isoformat()}T{hour:02d}:30"
end = "{(day + timedelta(days=2)).isoformat()}T{hour:02d}:00"
"""
    team = parse_team(text).team
    assert parse_team(dump_team(team)).team == team
