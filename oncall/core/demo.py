"""The demo team (Sydney, London, San Francisco) and a large synthetic team for benchmarks."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from importlib import resources

from . import timezones as tz
from .model import Cadence, Leg, LocalWindow, Member, Override, Site, Team, Unavailability
from .teamfile import parse_team


def demo_team_text() -> str:
    return resources.files("oncall.core").joinpath("data/demo-team.toml").read_text("utf-8")


def demo_team() -> Team:
    return parse_team(demo_team_text(), "demo-team.toml").team


LARGE_ZONES = (
    ("syd", "Sydney", "Australia/Sydney", "AU-NSW"),
    ("sin", "Singapore", "Asia/Singapore", "SG"),
    ("blr", "Bengaluru", "Asia/Kolkata", "IN"),
    ("ktm", "Kathmandu", "Asia/Kathmandu", None),
    ("ber", "Berlin", "Europe/Berlin", "DE"),
    ("lon", "London", "Europe/London", "GB-ENG"),
    ("sao", "Sao Paulo", "America/Sao_Paulo", "BR"),
    ("nyc", "New York", "America/New_York", "US-NY"),
    ("mex", "Mexico City", "America/Mexico_City", "MX"),
    ("sfo", "San Francisco", "America/Los_Angeles", "US-CA"),
)


def large_team(*, sites: int = 10, members: int = 200, overrides: int = 2000,
               unavailable: int = 500, start: date = date(2026, 1, 5), years: int = 3,
               seed: int = 7) -> Team:
    """A deterministic big team: each site runs a leg of 24/sites hours plus overlap."""
    rng = random.Random(seed)
    site_list = [Site(i, n, z, h) for i, n, z, h in LARGE_ZONES[:sites]]
    member_list = [Member(f"m{k:03d}", f"Member {k:03d}", site_list[k % sites].id) for k in range(members)]
    by_site: dict[str, list[str]] = {}
    for m in member_list:
        by_site.setdefault(m.site, []).append(m.id)
    legs = []
    span = 1440 // sites
    for k, s in enumerate(site_list):
        w = LocalWindow(480, (480 + span) % 1440 or 1440)
        legs.append(Leg(s.id, s.id, w, tuple(by_site[s.id]), Cadence.weekly(), start, handoff_day=0))
    horizon = years * 365 * 24
    base = tz.resolve_date("UTC", start)
    ov = []
    for _ in range(overrides):
        a, b = rng.sample(member_list, 2)
        t0 = base + timedelta(hours=rng.randrange(horizon))
        ov.append(Override(a.id, t0, t0 + timedelta(hours=rng.choice((4, 8, 24, 48))),
                           b.id if rng.random() < 0.8 else None))
    un = []
    for _ in range(unavailable):
        m = rng.choice(member_list)
        d0 = start + timedelta(days=rng.randrange(years * 365))
        zone = next(s.timezone for s in site_list if s.id == m.site)
        un.append(Unavailability(m.id, tz.resolve_date(zone, d0),
                                 tz.resolve_date(zone, d0 + timedelta(days=rng.choice((1, 3, 7, 14)))),
                                 "PTO", True))
    return Team("Large synthetic team", timedelta(minutes=30), tuple(site_list), tuple(member_list),
                tuple(legs), tuple(ov), tuple(un))


def utc(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=tz.UTC)
