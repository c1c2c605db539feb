"""Named follow-the-sun teams for the planner tests, and the engine's verdict on a planned team."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.model import Cadence, Leg, LocalWindow, Member, Site, Team
from oncall.core.report import build_report

YEAR_START = datetime(2026, 1, 5, tzinfo=tz.UTC)
YEAR_END = datetime(2027, 1, 5, tzinfo=tz.UTC)

# name -> [(site id, zone)] in follow-the-sun order (each site's window covers the next UTC span)
SCENARIOS = {
    "sydney-london-sf": [("syd", "Australia/Sydney"), ("lon", "Europe/London"), ("sfo", "America/Los_Angeles")],
    "lord-howe": [("lhi", "Australia/Lord_Howe"), ("ber", "Europe/Berlin"), ("nyc", "America/New_York")],
    "chatham": [("cha", "Pacific/Chatham"), ("par", "Europe/Paris"), ("chi", "America/Chicago")],
    "date-line": [("kir", "Pacific/Kiritimati"), ("lon", "Europe/London"), ("ppg", "Pacific/Pago_Pago")],
    "casablanca": [("syd", "Australia/Sydney"), ("cas", "Africa/Casablanca"), ("lax", "America/Los_Angeles")],
    "mexico-city": [("tyo", "Asia/Tokyo"), ("mad", "Europe/Madrid"), ("mex", "America/Mexico_City")],
}


def tiled_team(sites: list[tuple[str, str]], *, overlap: int = 30, reference: date = date(2026, 1, 15),
               first_utc_hour: int = 22) -> Team:
    """Three legs that tile the UTC day in eight-hour spans on ``reference`` (local windows
    fixed from that day's offsets), so every other DST season drifts."""
    at = datetime(reference.year, reference.month, reference.day, 12, tzinfo=tz.UTC)
    span = 1440 // len(sites)
    site_list, members, legs = [], [], []
    for k, (sid, zone) in enumerate(sites):
        utc_start = (first_utc_hour * 60 + k * span) % 1440
        offset = round(tz.utc_offset(zone, at).total_seconds() / 60)
        start = (utc_start + offset) % 1440
        end = (start + span) % 1440 or 1440
        site_list.append(Site(sid, zone.split("/")[-1].replace("_", " "), zone))
        rotation = (f"{sid}1", f"{sid}2")
        members += [Member(m, m, sid) for m in rotation]
        legs.append(Leg(sid, sid, LocalWindow(start, end), rotation, Cadence.weekly(),
                        YEAR_START.date() - timedelta(days=14), handoff_day=0))
    return Team("Scenario", timedelta(minutes=overlap), tuple(site_list), tuple(members), tuple(legs))


def engine_verdict(team: Team, start: datetime = YEAR_START, end: datetime = YEAR_END) -> tuple[int, int]:
    """(gap minutes, smallest overlap of a handoff between two legs) as ``oncall report`` computes them."""
    report = build_report(team, start, end)
    between = [h.minutes for h in report.handoffs if h.outgoing.leg != h.incoming.leg]
    return sum(g.minutes for g in report.gaps), min(between, default=10**6)
