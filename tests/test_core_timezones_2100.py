"""Every instant from 1970 to 2100 matches zoneinfo reading pytz's own zone files.

pytz's transition tables end in 2037; before the fix New York 2040-07-01 09:00 resolved with
EST (14:00Z) instead of EDT (13:00Z). zoneinfo with ``fold=0`` is the RFC 5545 reading
(ambiguous: first occurrence; in a gap: the offset before it).
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import pytz
from hypothesis import given, settings, strategies as st

from oncall.core import timezones as tz
from oncall.core.timezones import UTC

ZONES = ["America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Africa/Casablanca", "Asia/Kathmandu",
         "Europe/London", "Europe/Dublin", "Australia/Sydney", "America/Santiago", "America/Nuuk",
         "Asia/Tehran", "Pacific/Apia", "America/Sao_Paulo", "Asia/Gaza", "America/St_Johns", "Antarctica/Troll",
         "Africa/Cairo", "America/Havana", "Pacific/Kiritimati", "UTC", "Asia/Kolkata", "Europe/Berlin"]


def reference(zone: str) -> zoneinfo.ZoneInfo:
    with pytz.open_resource(zone) as fh:
        return zoneinfo.ZoneInfo.from_file(fh, key=zone)


REFS = {z: reference(z) for z in ZONES}
LOCAL = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 12, 30))


@pytest.mark.parametrize("zone, local, expected", [
    ("America/New_York", datetime(2040, 7, 1, 9), datetime(2040, 7, 1, 13, tzinfo=UTC)),
    ("America/New_York", datetime(2099, 1, 15, 9), datetime(2099, 1, 15, 14, tzinfo=UTC)),
    ("Europe/London", datetime(2077, 8, 1, 12), datetime(2077, 8, 1, 11, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2050, 1, 1, 9), datetime(2049, 12, 31, 22, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2060, 1, 1, 9), datetime(2059, 12, 31, 22, tzinfo=UTC)),
])
def test_summer_time_after_2037(zone, local, expected):
    assert tz.resolve(zone, local) == expected


@settings(max_examples=1500, deadline=None)
@given(zone=st.sampled_from(ZONES), local=LOCAL)
def test_resolve_equals_zoneinfo_fold0_1970_2100(zone, local):
    local = local.replace(microsecond=0)
    assert tz.resolve(zone, local) == local.replace(tzinfo=REFS[zone], fold=0).astimezone(UTC)


@settings(max_examples=800, deadline=None)
@given(zone=st.sampled_from(ZONES), year=st.integers(1971, 2099), minutes=st.integers(-240, 240))
def test_wall_times_next_to_every_clock_change(zone, year, minutes):
    """Gaps and folds are where readers disagree: probe around each change of a year."""
    for at, before, after in tz.transitions(zone, datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)):
        local = (at + before).replace(tzinfo=None) + timedelta(minutes=minutes)
        assert tz.resolve(zone, local) == local.replace(tzinfo=REFS[zone], fold=0).astimezone(UTC), (at, local)


@settings(max_examples=800, deadline=None)
@given(zone=st.sampled_from(ZONES), seconds=st.integers(0, int(datetime(2100, 12, 31, tzinfo=UTC).timestamp())))
def test_to_local_offsets_and_batches_equal_zoneinfo(zone, seconds):
    instant = datetime.fromtimestamp(seconds, UTC)
    ref = instant.astimezone(REFS[zone])
    assert tz.to_local(zone, instant) == ref.replace(tzinfo=None)
    assert tz.utc_offset(zone, instant) == ref.utcoffset()
    assert tz.abbreviation(zone, instant) == ref.tzname()
    assert tz.local_walls(zone, [seconds]) == [seconds + int(ref.utcoffset().total_seconds())]


@settings(max_examples=200, deadline=None)
@given(zone=st.sampled_from(ZONES), first=st.dates(date(1970, 1, 2), date(2099, 1, 1)), count=st.integers(1, 800),
       minute=st.integers(0, 1439))
def test_batch_equals_single_over_long_runs(zone, first, count, minute):
    walls = [(first.toordinal() - 719163 + d) * 86400 + minute * 60 for d in range(count)]
    single = [int(tz.resolve(zone, datetime(1970, 1, 1) + timedelta(seconds=w)).timestamp()) for w in walls]
    assert tz.resolve_walls(zone, walls) == single


@pytest.mark.slow
@pytest.mark.skipif(__import__("os").environ.get("ONCALL_TZ_SCAN") != "1", reason="every zone, day by day: ONCALL_TZ_SCAN=1")
def test_every_zone_matches_a_day_by_day_scan():
    """The sampling steps and the TZif-tail shortcut miss no change after 2037 in any zone
    (rerun after a pytz upgrade: a new tz release may bring shorter periods)."""
    from oncall.core import zone_rules

    def daily(name: str, after: int) -> list:
        steps = zone_rules.EXPLICIT_STEP, zone_rules.RULE_STEP
        tail = zone_rules._tail
        zone_rules.EXPLICIT_STEP = zone_rules.RULE_STEP = 86400
        zone_rules._tail = lambda data: (zone_rules.SCAN_TO, True)
        try:
            return zone_rules.later_transitions(name, after)
        finally:
            zone_rules.EXPLICIT_STEP, zone_rules.RULE_STEP = steps
            zone_rules._tail = tail

    for name in pytz.all_timezones:
        trans = getattr(pytz.timezone(name), "_utc_transition_times", None) or []
        if len(trans) < 2:
            continue
        after = max(int((trans[-1] - datetime(1970, 1, 1)).total_seconds()) + 1, zone_rules.SCAN_FROM)
        assert zone_rules.later_transitions(name, after) == daily(name, after), name


@pytest.mark.parametrize("zone", ZONES)
def test_times_before_2037_need_no_scan_and_read_the_same_across_the_switch(zone):
    """pytz's table answers until a day before 2037 (start-up skips the 2037-2100 scan);
    every 5 hours of 2036-12-29 .. 2038-12-31 (pytz's table ends during 2037) and a 2036 -> 2038
    batch read as zoneinfo does."""
    tz._pytz_table.cache_clear()
    tz._full_table.cache_clear()
    tz.resolve(zone, datetime(2026, 11, 30, 9))
    tz.to_local(zone, datetime(2026, 11, 30, 9, tzinfo=UTC))
    tz.transitions(zone, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert tz._full_table.cache_info().currsize == 0
    ref = REFS[zone]
    for hour in range(0, 733 * 24, 5):
        local = datetime(2036, 12, 29) + timedelta(hours=hour)
        assert tz.resolve(zone, local) == local.replace(tzinfo=ref).astimezone(UTC), local
        instant = local.replace(tzinfo=UTC)
        assert tz.to_local(zone, instant) == instant.astimezone(ref).replace(tzinfo=None), instant
    days = [(date(2036, 6, 1) + timedelta(days=k)).toordinal() - 719163 for k in range(0, 800, 7)]
    walls = [d * 86400 + 9 * 3600 for d in days]
    expected = [int(datetime.fromtimestamp(w, UTC).replace(tzinfo=None).replace(tzinfo=ref).timestamp())
                for w in walls]
    assert tz.resolve_walls(zone, walls) == expected
