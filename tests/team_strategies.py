"""Hypothesis strategies for whole teams using every key the team file knows (shared by the
team-file round-trip and the storage snapshot tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from oncall.core import timezones as tz
from oncall.core.model import (
    Adjustment, Cadence, Leg, LocalWindow, Member, Override, Site, Team, Unavailability,
)

ZONES = ["UTC", "Australia/Lord_Howe", "Pacific/Chatham", "Africa/Casablanca", "Asia/Kathmandu",
         "America/New_York", "Europe/London", "America/St_Johns"]
HOLIDAYS = [None, "AU-NSW", "GB-ENG", "DE"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
NAME = TEXT.filter(lambda s: s.strip())
IDENT = st.from_regex(r"[a-z0-9_-]{1,6}", fullmatch=True)
DAY = st.dates(date(1970, 1, 2), date(2100, 11, 30))
INSTANT = st.integers(int(datetime(1970, 1, 2, tzinfo=tz.UTC).timestamp()),
                      int(datetime(2100, 12, 1, tzinfo=tz.UTC).timestamp())).map(tz.from_seconds)
WINDOW = st.builds(LocalWindow, st.integers(0, 1439), st.integers(0, 1440))


@st.composite
def teams(draw) -> Team:
    site_ids = draw(st.lists(IDENT, min_size=1, max_size=3, unique=True))
    sites = tuple(Site(i, draw(NAME), draw(st.sampled_from(ZONES)), draw(st.sampled_from(HOLIDAYS)),
                       LocalWindow(*sorted(draw(st.lists(st.integers(0, 1440), min_size=2, max_size=2, unique=True)))),
                       draw(st.frozensets(st.integers(0, 6), min_size=1)))
                  for i in site_ids)
    member_ids = draw(st.lists(IDENT, min_size=1, max_size=4, unique=True))
    members = tuple(Member(i, draw(NAME), draw(st.sampled_from(site_ids)),
                           draw(st.none() | TEXT.map(lambda t: t + "@" + t)), draw(st.booleans()))
                    for i in member_ids)
    legs = []
    for leg_id in draw(st.lists(IDENT, min_size=0, max_size=3, unique=True)):
        cadence = draw(st.sampled_from([Cadence.daily(), Cadence.weekly(), Cadence.every(3)]))
        start = draw(DAY)
        end = draw(st.none() | st.integers(1, 400).map(lambda n: start + timedelta(days=n)))
        legs.append(Leg(leg_id, draw(st.sampled_from(site_ids)), draw(WINDOW),
                        tuple(draw(st.lists(st.sampled_from(member_ids), min_size=1, unique=True))), cadence, start,
                        draw(st.frozensets(st.integers(0, 6), min_size=1)),
                        draw(st.none() | st.integers(0, 6)) if cadence.kind.value == "weekly" else None,
                        end if end is None or end.year <= 2100 else None))
    zone_of = {m.id: next(s.timezone for s in sites if s.id == m.site) for m in members}
    overrides = []
    for k in range(draw(st.integers(0, 3))):
        member = draw(st.sampled_from(member_ids))
        start = draw(INSTANT)
        others = [m for m in member_ids if m != member]
        overrides.append(Override(
            member, start, start + timedelta(seconds=draw(st.integers(1, 10 ** 7))),
            draw(st.none() | st.sampled_from(others)) if others else None,
            draw(st.none() | st.sampled_from(ZONES)), draw(st.none() | TEXT), draw(st.none() | st.just(f"ov{k}"))))
    time_off = []
    for k in range(draw(st.integers(0, 3))):
        member = draw(st.sampled_from(member_ids))
        zone = draw(st.none() | st.sampled_from(ZONES))
        if draw(st.booleans()):
            first = draw(DAY)
            used = zone or zone_of[member]
            start, end = tz.resolve_date(used, first), tz.resolve_date(used, first + timedelta(days=draw(st.integers(1, 20))))
            all_day = True
        else:
            start = draw(INSTANT)
            end, all_day = start + timedelta(seconds=draw(st.integers(1, 10 ** 7))), False
        time_off.append(Unavailability(member, start, end, draw(st.none() | TEXT), all_day, zone,
                                       draw(st.none() | st.just(f"off{k}"))))
    adjustments = tuple(Adjustment(leg.id, leg.start, leg.start + timedelta(days=draw(st.integers(1, 60))),
                                   draw(WINDOW), draw(st.none() | TEXT))
                        for leg in legs if draw(st.booleans()))
    overlap = timedelta(seconds=draw(st.integers(0, 12 * 3600)))
    return Team(draw(NAME), overlap, sites, members, tuple(legs), tuple(overrides), tuple(time_off), adjustments)
