"""The RFC 5545 reading of wall-clock times, checked against pytz's localize and zoneinfo."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import pytz
from hypothesis import given, settings, strategies as st

from oncall.core import timezones as tz
from oncall.core.timezones import UTC


def z(y, m, d, h=0, mi=0):
    return datetime(y, m, d, h, mi, tzinfo=UTC)


@pytest.mark.parametrize(
    "zone, local, expected",
    [
        # Spring forward gap: offset before the gap (EST), 02:30 -> 07:30Z = 03:30 EDT.
        ("America/New_York", datetime(2026, 3, 8, 2, 30), z(2026, 3, 8, 7, 30)),
        # Fall back fold: first occurrence (EDT), 01:30 -> 05:30Z.
        ("America/New_York", datetime(2026, 11, 1, 1, 30), z(2026, 11, 1, 5, 30)),
        ("America/New_York", datetime(2026, 11, 1, 2, 0), z(2026, 11, 1, 7, 0)),
        # London gap 01:30 on 29 Mar 2026 -> GMT -> 01:30Z.
        ("Europe/London", datetime(2026, 3, 29, 1, 30), z(2026, 3, 29, 1, 30)),
        # Sydney fold (DST ends 5 Apr 2026 03:00 -> 02:00): 02:30 first = AEDT.
        ("Australia/Sydney", datetime(2026, 4, 5, 2, 30), z(2026, 4, 4, 15, 30)),
        # Lord Howe: 30-minute DST. Ends 5 Apr 02:00 -> 01:30; 01:45 first = +11.
        ("Australia/Lord_Howe", datetime(2026, 4, 5, 1, 45), z(2026, 4, 4, 14, 45)),
        # Lord Howe gap 4 Oct 2026 02:00 -> 02:30; 02:15 uses +10:30.
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), z(2026, 10, 3, 15, 45)),
        # Chatham +13:45 in January, +12:45 in July.
        ("Pacific/Chatham", datetime(2026, 1, 15, 9, 0), z(2026, 1, 14, 19, 15)),
        ("Pacific/Chatham", datetime(2026, 7, 15, 9, 0), z(2026, 7, 14, 20, 15)),
        ("Asia/Kolkata", datetime(2026, 6, 1, 9, 0), z(2026, 6, 1, 3, 30)),
        ("Asia/Kathmandu", datetime(2026, 6, 1, 9, 0), z(2026, 6, 1, 3, 15)),
        ("Pacific/Kiritimati", datetime(2026, 6, 1, 0, 0), z(2026, 5, 31, 10, 0)),
        ("Pacific/Pago_Pago", datetime(2026, 6, 1, 0, 0), z(2026, 6, 1, 11, 0)),
        # Mexico City has had no DST since 2022: UTC-6 all year.
        ("America/Mexico_City", datetime(2026, 7, 1, 9, 0), z(2026, 7, 1, 15, 0)),
        ("America/Mexico_City", datetime(2026, 1, 1, 9, 0), z(2026, 1, 1, 15, 0)),
    ],
)
def test_resolve_follows_rfc5545(zone, local, expected):
    assert tz.resolve(zone, local) == expected
    assert tz.localize_reference(zone, local) == expected


def test_round_trip_to_local():
    instant = z(2026, 3, 8, 7, 30)
    assert tz.to_local("America/New_York", instant) == datetime(2026, 3, 8, 3, 30)
    assert tz.abbreviation("America/New_York", instant) == "EDT"
    assert tz.is_dst("America/New_York", instant)
    assert tz.format_offset(tz.utc_offset("Asia/Kathmandu", instant)) == "+05:45"
    assert tz.format_offset(tz.utc_offset("Pacific/Pago_Pago", instant)) == "-11:00"


def test_to_local_aware_is_fixed_offset_not_lmt():
    local = tz.to_local_aware("America/New_York", z(2026, 1, 1, 12))
    assert local.utcoffset() == timedelta(hours=-5)  # never the LMT -04:56


@pytest.mark.parametrize("name", ["UTC+10", "GMT-3", "Etc/GMT+5", "utc+05:30"])
def test_fixed_offsets_are_refused(name):
    with pytest.raises(tz.UnknownTimeZone):
        tz.check_zone(name)


def test_unknown_zone_suggests_a_close_name():
    with pytest.raises(tz.UnknownTimeZone) as info:
        tz.check_zone("Europe/Londn")
    assert "Europe/London" in str(info.value)


def test_zone_names_are_canonicalised():
    assert tz.check_zone("europe/london") == "Europe/London"
    assert tz.check_zone("UTC") == "UTC"


def test_transitions_lists_the_clock_changes_of_a_year():
    changes = tz.transitions("Europe/London", z(2026, 1, 1), z(2027, 1, 1))
    assert [t[0] for t in changes] == [z(2026, 3, 29, 1), z(2026, 10, 25, 1)]


ZONES = st.sampled_from(sorted(pytz.common_timezones))
LOCAL_TIMES = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2036, 12, 31))


@settings(max_examples=600, deadline=None)
@given(zone=ZONES, local=LOCAL_TIMES)
def test_fast_resolver_equals_pytz_localize(zone, local):
    local = local.replace(second=0, microsecond=0)
    assert tz.resolve(zone, local) == tz.localize_reference(zone, local)


# Zones whose rules the host's tz database and pytz's agree on for these years.
STABLE = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu",
          "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Berlin", "America/Sao_Paulo"]


@settings(max_examples=400, deadline=None)
@given(zone=st.sampled_from(STABLE),
       local=st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2026, 12, 31)))
def test_resolver_equals_pep495_fold0(zone, local):
    """PEP 495 with fold=0 reads gaps and folds exactly as RFC 5545 does."""
    local = local.replace(second=0, microsecond=0)
    expected = local.replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=0).astimezone(UTC)
    assert tz.resolve(zone, local) == expected


@settings(max_examples=300, deadline=None)
@given(zone=ZONES, instant=st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2035, 1, 1)))
def test_to_local_then_resolve_is_identity_outside_folds(zone, instant):
    instant = instant.replace(microsecond=0, tzinfo=UTC)
    local = tz.to_local(zone, instant)
    back = tz.resolve(zone, local)
    # In a fold the first occurrence wins, so `back` may be earlier, never later.
    assert back <= instant
    assert tz.to_local(zone, back) == local


def test_resolve_walls_handles_24_00():
    midnight = (date(2026, 3, 28).toordinal() - 719163) * 86400
    assert tz.resolve_walls("Europe/London", [midnight + 1440 * 60]) == [int(z(2026, 3, 29, 0).timestamp())]
