"""The optimized report pieces against the straightforward versions they replaced.

The report was made faster (issue 2) by building shifts and handoffs without the frozen
dataclass ``__init__``, sweeping handoffs per instant, resolving a leg's wall times in one
call and binding each site's days once. The old algorithms are kept here as references;
every test asserts identical results, not merely close ones.
"""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date, datetime, timedelta

from hypothesis import given, settings, strategies as st

from oncall.core import timezones as tz
from oncall.core.coverage import gaps, gaps_in_order, handoffs, handoffs_in_order
from oncall.core.demo import demo_team, large_team, utc
from oncall.core.figures import SiteCalendar, member_figures
from oncall.core.findings import Finding, drift_findings, holiday_findings
from oncall.core.model import Team
from oncall.core.report import build_report
from oncall.core.schedule import compute_schedule, occurrences
from oncall.core.shifts import SHIFT_ORDER, Gap, Handoff, Shift, Source, make_handoff, make_shift

MARGIN = timedelta(days=2)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- the findings' words, spelled out here from docs/team-file.md, not with the code's helpers ---

def _describe(value: int) -> str:
    if value > 0:
        return f"overlap is {value} min"
    if value == 0:
        return "overlap is 0 min (a hard handoff)"
    return f"overlap is 0 min and there is a {-value} min gap"


def _fmt_day(team: Team, leg_id: str, instant: datetime) -> str:
    """The leg's local date, read through zoneinfo (not the engine's zone tables)."""
    from zoneinfo import ZoneInfo

    local = instant.astimezone(ZoneInfo(team.site(team.leg(leg_id).site).timezone))
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def _leg_label(team: Team, leg_id: str) -> str:
    """The site's name; with the leg id when the site runs more than one leg."""
    site = team.leg(leg_id).site
    name = team.site(site).name
    return name if [lg.site for lg in team.legs].count(site) == 1 else f"{name} ({leg_id})"


# --- references: the algorithms as they were before the speed-up -------------------------

def reference_handoffs(shifts, start, end):
    by_start = sorted(shifts, key=lambda sh: sh.start)
    by_end = sorted((sh for sh in shifts if start <= sh.end < end),
                    key=lambda sh: (sh.end, sh.start, sh.site, sh.member))
    active, out, i, last_instant = [], [], 0, None
    for outgoing in by_end:
        instant = outgoing.end
        if instant != last_instant:
            while i < len(by_start) and by_start[i].start <= instant:
                active.append(by_start[i])
                i += 1
            active = [sh for sh in active if sh.end > instant]
            last_instant = instant
        incoming: dict[str, Shift] = {}
        stays = False
        for sh in active:
            if sh.member == outgoing.member:
                stays = True
                break
            best = incoming.get(sh.member)
            if best is None or sh.start < best.start:
                incoming[sh.member] = sh
        if not stays:
            out.extend(Handoff(outgoing, sh) for sh in sorted(incoming.values(), key=SHIFT_ORDER))
    return out


def reference_gaps(shifts, start, end):
    result, cursor, last = [], start, None
    for sh in sorted(shifts, key=SHIFT_ORDER):
        if sh.start > cursor and cursor < end:
            gap_end = min(sh.start, end)
            result.append(Gap(cursor, gap_end, last if last and last.end == cursor else None,
                              sh if sh.start == gap_end else None))
        if last is None or sh.end > last.end:
            last = sh
        cursor = max(cursor, sh.end)
        if cursor >= end:
            break
    if cursor < end:
        result.append(Gap(cursor, end, last if last and last.end == cursor else None, None))
    return result


def reference_drift(team: Team, hs, gs):
    series: dict[tuple[str, str], list[tuple]] = {}
    for h in hs:
        a, b = h.outgoing.leg, h.incoming.leg
        if a and b and a != b:
            minutes = round((h.outgoing.end - max(h.outgoing.start, h.incoming.start)).total_seconds() / 60)
            series.setdefault((a, b), []).append((h.outgoing.end, h.outgoing.end, minutes))
    for g in gs:
        if g.before and g.after and g.before.leg and g.after.leg and g.before.leg != g.after.leg:
            series.setdefault((g.before.leg, g.after.leg), []).append((g.start, g.end, -g.minutes))
    findings = []
    for (a, b), junctions in series.items():
        junctions.sort(key=lambda j: j[0])
        counts: dict[int, int] = {}
        for j in junctions:
            counts[j[2]] = counts.get(j[2], 0) + 1
        normal = max(counts, key=counts.__getitem__)
        runs: list[list[tuple]] = []
        for j in junctions:
            if runs and runs[-1][-1][2] == j[2]:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            if run[0][2] == normal:
                continue
            label = f"{_leg_label(team, a)} to {_leg_label(team, b)}"
            first, last = _fmt_day(team, a, run[0][0]), _fmt_day(team, a, run[-1][0])
            span = f"on {first}" if first == last else f"from {first} to {last}"
            message = (f"{span} the {label} {_describe(run[0][2])} "
                       f"(normally {_describe(normal).removeprefix('overlap is ')})")
            findings.append(Finding("dst_drift", message, run[0][0], run[-1][1]))
    findings.sort(key=lambda f: f.start)
    return findings


def reference_holidays(team: Team, shifts, calendars, start, end):
    import bisect

    by_site: dict[str, list[Shift]] = {}
    for sh in shifts:
        by_site.setdefault(team.member(sh.member).site, []).append(sh)
    out = []
    for site_id, cal in calendars.items():
        site = team.site(site_id)
        site_shifts = sorted(by_site.get(site_id, ()), key=lambda sh: sh.start)
        starts = [sh.start for sh in site_shifts]
        longest = max((sh.end - sh.start for sh in site_shifts), default=timedelta(0))
        for day, name in sorted(cal.holidays.items()):
            d = cal.day(day)
            lo, hi = max(d.start, start), min(d.end, end)
            if lo >= hi:
                continue
            seen: set[str] = set()
            for sh in site_shifts[bisect.bisect_left(starts, lo - longest):bisect.bisect_left(starts, hi)]:
                if sh.end > lo and sh.member not in seen:
                    seen.add(sh.member)
                    out.append(Finding(
                        "holiday", f"{team.member(sh.member).name} ({site.name}) is on call on {name}, "
                        f"{day:%a} {day.day} {day:%b %Y} ({site.holidays})", max(sh.start, lo), min(sh.end, hi)))
    return out


def reference_occurrences(leg, zone, overlap, start, end):
    first_day = max(leg.start, tz.to_local(zone, start).date() - timedelta(days=2))
    last_day = tz.to_local(zone, end).date() + timedelta(days=1)
    if leg.end is not None:
        last_day = min(last_day, leg.end - timedelta(days=1))
    w = leg.window
    end_minutes = w.end + (1440 if w.crosses_midnight else 0)
    out = []
    for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if day.weekday() not in leg.days:
            continue
        midnight = datetime.combine(day, datetime.min.time())
        s = tz.resolve(zone, midnight + timedelta(minutes=w.start))
        e = tz.resolve(zone, midnight + timedelta(minutes=end_minutes)) + overlap
        if e > start and s < end:
            out.append((ordinal, s, e))
    return out


# --- cases ------------------------------------------------------------------------------------

CASES = [
    ("demo 2026", demo_team, utc(2026, 1, 1), utc(2027, 1, 1)),
    ("demo DST spring", demo_team, utc(2026, 3, 1), utc(2026, 4, 15)),
    ("demo 4 years", demo_team, utc(2025, 6, 1), utc(2029, 1, 1)),
    ("large half year", large_team, utc(2026, 5, 5, 3, 17), utc(2026, 11, 1)),
]


def schedule_of(make_team, start, end):
    team = make_team()
    return team, compute_schedule(team, start - MARGIN, end + MARGIN).shifts


def test_fast_constructors_build_equal_objects():
    s, e = utc(2026, 3, 8, 7), utc(2026, 3, 8, 15, 30)
    args = ("ana", "syd", s, e, Source.SUBSTITUTE, "ben", "syd", s, 3)
    slow, fast = Shift(*args), make_shift(*args)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.replace(fast, member="cy") == dataclasses.replace(slow, member="cy")
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert fast.hours == slow.hours and fast.duration == slow.duration
    other = Shift("cy", "lon", s, e)
    h, fh = Handoff(slow, other), make_handoff(fast, other)
    assert fh == h and hash(fh) == hash(h) and repr(fh) == repr(h) and fh.minutes == h.minutes


def test_fast_shift_stays_frozen():
    sh = make_shift("ana", "syd", utc(2026, 1, 1), utc(2026, 1, 2), Source.ROTATION, None, None, None)
    try:
        sh.member = "ben"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        return
    raise AssertionError("a fast-built shift must stay frozen")


def test_occurrences_match_resolving_each_day():
    for make_team in (demo_team, large_team):
        team = make_team()
        start, end = utc(2026, 1, 1), utc(2027, 1, 1)
        for leg in team.legs:
            zone = team.site(leg.site).timezone
            assert occurrences(leg, zone, team.handoff_overlap, start, end) == \
                reference_occurrences(leg, zone, team.handoff_overlap, start, end)


def test_sweep_gaps_and_drift_match_the_references():
    for name, make_team, start, end in CASES:
        team, shifts = schedule_of(make_team, start, end)
        hs = handoffs(shifts, start, end)
        assert hs == reference_handoffs(shifts, start, end), name
        assert handoffs_in_order(shifts, start, end) == hs, name
        gs = gaps(shifts, start, end)
        assert gs == reference_gaps(shifts, start, end), name
        assert gaps_in_order(shifts, start, end) == gs, name
        assert drift_findings(team, hs, gs) == reference_drift(team, hs, gs), name
        calendars = {site.id: SiteCalendar(site, (start - MARGIN).date(), (end + MARGIN).date())
                     for site in team.sites if site.holidays}
        inside = [sh for sh in shifts if sh.end > start and sh.start < end]
        for listed in (inside, inside[::-1]):
            assert holiday_findings(team, listed, calendars, start, end) == \
                reference_holidays(team, listed, calendars, start, end), name


def test_bound_day_totals_match_the_day_walk():
    for name, make_team, start, end in CASES:
        team, shifts = schedule_of(make_team, start, end)
        first, last = (start - MARGIN).date(), (end + MARGIN).date()
        for site in team.sites:
            cal = SiteCalendar(site, first, last)
            spans = [(max(sh.start, start).timestamp(), min(sh.end, end).timestamp()) for sh in shifts]
            spans = [(s, e) for s, e in spans if e > s]
            expected = [0.0, 0.0, 0.0, 0.0]
            for s, e in spans:
                o, w, h = cal.split(s, e)
                expected = [expected[0] + (e - s), expected[1] + o, expected[2] + w, expected[3] + h]
            assert list(cal.totaller(first, last)(spans)) == expected, (name, site.id)
        assert member_figures(team, [sh for sh in shifts if sh.end > start and sh.start < end], start, end) \
            == list(build_report(team, start, end).members), name


ZONES = ["Australia/Sydney", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/New_York",
         "Europe/London", "Pacific/Apia", "America/Sao_Paulo", "UTC"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ZONES), st.integers(-3000, 20000), st.integers(1, 400),
       st.lists(st.integers(0, 86_399), min_size=1, max_size=3))
def test_resolve_walls_matches_one_wall_at_a_time(zone, first_day, count, times):
    walls = sorted((first_day + d) * 86_400 + t for d in range(count) for t in times)
    one = [int(tz.resolve(zone, datetime(1970, 1, 1) + timedelta(seconds=w)).timestamp()) for w in walls]
    assert tz.resolve_walls(zone, walls) == one


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ZONES), st.integers(0, 95), st.integers(0, 96), st.frozensets(st.integers(0, 6), min_size=1),
       st.integers(0, 700), st.integers(1, 400), st.integers(0, 1439), st.sampled_from([0, 30, 90]))
def test_occurrences_match_resolving_each_day_anywhere(zone, a, b, days, offset_days, length_days, minute, overlap):
    from oncall.core.model import Cadence, Leg, LocalWindow
    leg = Leg("x", "x", LocalWindow(a * 15, b * 15 or 1440), ("m",), Cadence.daily(), date(2025, 1, 1), days)
    start = utc(2025, 1, 1) + timedelta(days=offset_days, minutes=minute)
    end = start + timedelta(days=length_days)
    ov = timedelta(minutes=overlap)
    assert occurrences(leg, zone, ov, start, end) == reference_occurrences(leg, zone, ov, start, end)


def test_report_is_the_sum_of_its_public_parts():
    for name, make_team, start, end in CASES[:3]:
        team, everything = schedule_of(make_team, start, end)
        report = build_report(team, start, end)
        assert list(report.handoffs) == reference_handoffs(everything, start, end), name
        assert list(report.gaps) == reference_gaps(everything, start, end), name
        assert report.shifts == tuple(sh for sh in everything if sh.end > start and sh.start < end), name


_T0 = datetime(2026, 3, 1, tzinfo=tz.UTC)
_shift = st.builds(
    lambda m, site, s, d, leg: Shift(m, site, _T0 + timedelta(minutes=15 * s),
                                     _T0 + timedelta(minutes=15 * (s + d)), leg=leg),
    st.sampled_from(["a", "b", "c"]), st.sampled_from(["x", "y"]), st.integers(0, 60), st.integers(0, 24),
    st.sampled_from([None, "x", "y"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_shift, max_size=25), st.integers(0, 40), st.integers(1, 60))
def test_random_shift_lists_match_the_references(shifts, lo, length):
    start = _T0 + timedelta(minutes=15 * lo)
    end = start + timedelta(minutes=15 * length)
    assert handoffs(shifts, start, end) == reference_handoffs(shifts, start, end)
    assert gaps(shifts, start, end) == reference_gaps(shifts, start, end)
    ordered = sorted(shifts, key=SHIFT_ORDER)  # as a schedule lists them; ties between equal
    assert handoffs_in_order(ordered, start, end) == reference_handoffs(ordered, start, end)  # starts follow input order
    assert gaps_in_order(ordered, start, end) == reference_gaps(shifts, start, end)


def test_utc_instants_equal_one_conversion_per_value():
    values = [1_767_225_600 + 86_400 * k for k in range(5)] + [1_800_000_000.25, 1_800_086_400.25, 5.5, 86_405.5]
    assert tz.utc_instants(values) == [tz.from_seconds(v) for v in values]
    assert [d.microsecond for d in tz.utc_instants(values)] == [tz.from_seconds(v).microsecond for v in values]
