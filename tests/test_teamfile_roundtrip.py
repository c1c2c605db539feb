"""The team-file writer and parser are inverses: parse(dump(team)) == team for generated teams.

Generated teams use every key the file knows (ids, alarms, adjustments, time zones of
overrides, all-day time off...) and awkward text: control characters (U+007F made the old
hand-written writer produce a file its own parser refused), quotes, backslashes, any Unicode.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st

from oncall.core import team_rules as rules
from oncall.core import timezones as tz
from oncall.core.model import (
    Adjustment, Cadence, Leg, LocalWindow, Member, Override, Site, Team, Unavailability,
)
from oncall.core.teamfile import dump_team, parse_team

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams())
def test_parse_of_dump_is_the_same_team(team):
    problems = rules.errors([f for _, f in rules.team_findings(team)])
    assert problems == [], problems  # the generator makes valid teams only
    text = dump_team(team)
    assert parse_team(text).team == team
    assert dump_team(parse_team(text).team) == text


def test_delete_character_in_a_name_round_trips():
    """Before: the hand-written writer put U+007F raw into a TOML string; tomllib refused it."""
    team = Team("T\x7f", sites=(Site("a", "Site \x7f \"q\" \\ \x00\x1b", "UTC"),),
                members=(Member("m", "M\x7f", "a"),))
    assert parse_team(dump_team(team)).team == team
