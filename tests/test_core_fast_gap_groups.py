"""The one-pass gap grouping (and other report pieces) against the per-item versions they replaced.

``group_gaps`` used to find each gap's cause on its own: a scan of every uncovered slot and
two zone lookups per gap. It now finds the overlapping slots with one search each and reads
each zone's daylight flags in one batch (:func:`oncall.core.timezones.dst_flags`). The old
algorithm is kept here as the reference, with the daylight question asked of ``zoneinfo``
rather than the engine's tables; every test asserts identical groups, not similar ones.
The same holds for the other pieces of the report sped up with it: the hard-handoff count,
the normals a plain year reads from its drift junctions, the override/time-off conflicts and
the days' windows of an adjusted leg.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from oncall.core import timezones as tz
from oncall.core.demo import demo_team, large_team, utc
from oncall.core.gap_groups import MAX_STEP, _key, _message, group_gaps
from oncall.core.labels import leg_label
from oncall.core.report import build_report


def reference_cause(team, uncovered, g) -> str:
    """The cause of one gap, found the obvious way (the algorithm before the sweep)."""
    for u in uncovered:
        if u.slot.start < g.end and g.start < u.slot.end:
            who = team.member(u.member).name if team.has_member(u.member) else u.member
            return f"{who} is unavailable and nobody else in the {leg_label(team, u.slot.leg)} rotation is free"
    a_leg, b_leg = (g.before.leg if g.before else None), (g.after.leg if g.after else None)
    site_of = {lg.id: team.site(lg.site) for lg in team.legs if team.has_site(lg.site)}
    a, b = site_of.get(a_leg), site_of.get(b_leg)
    if a is None or b is None:
        return "no leg is rostered at this time"

    def season(zone: str) -> str:
        return "daylight" if g.start.astimezone(ZoneInfo(zone)).dst() else "standard"

    sa, sb = season(a.timezone), season(b.timezone)
    if a.name != b.name and sa != sb:
        return f"{a.name} is on {sa} time, {b.name} on {sb} time"
    return f"{leg_label(team, a_leg)}'s window ends before {leg_label(team, b_leg)}'s starts"


def reference_groups(team, gaps, uncovered=()):
    """(gaps, message, cause) per group, grouped per gap as before."""
    open_groups: dict[tuple, list] = {}
    order: list[tuple[list, str]] = []
    for g in gaps:
        cause = reference_cause(team, uncovered, g)
        key = _key(g) + (cause,)
        current = open_groups.get(key)
        if current is not None and g.start - current[-1].start <= MAX_STEP:
            current.append(g)
            continue
        current = open_groups[key] = [g]
        order.append((current, cause))
    out = [(tuple(items), _message(items, cause), cause) for items, cause in order]
    out.sort(key=lambda row: row[0][0].start)
    return out


def _cases():
    """Reports with DST gaps, window gaps, many uncovered slots (a thin rota with lots of time
    off) and adjusted windows."""
    thin = large_team(sites=4, members=8, overrides=40, unavailable=300, years=1)
    yield "demo year", demo_team(), utc(2026, 1, 1), utc(2027, 1, 1)
    yield "demo two years", demo_team(), utc(2026, 1, 5), utc(2028, 1, 5)
    yield "thin rota with time off", thin, utc(2026, 1, 5), utc(2027, 1, 5)
    yield "large team, 3 sites", large_team(sites=3, members=30, years=1), utc(2026, 1, 5), utc(2027, 1, 5)
    yield "adjusted demo", _adjusted(demo_team()), utc(2026, 1, 1), utc(2027, 1, 1)


def _adjusted(team):
    from datetime import date

    from oncall.core.model import Adjustment, LocalWindow

    spans = [(date(2026, 3, 1), date(2026, 4, 15)), (date(2026, 10, 1), date(2026, 11, 20))]
    return team.evolve(adjustments=tuple(
        Adjustment(leg.id, a, b, LocalWindow((leg.window.start + 45) % 1440, leg.window.end))
        for leg in team.legs for a, b in spans))


def test_grouping_matches_the_per_gap_reference():
    seen_causes = set()
    for name, team, start, end in _cases():
        report = build_report(team, start, end)
        assert report.gaps, name
        expected = reference_groups(team, report.gaps, report.uncovered)
        got = [(grp.gaps, grp.message, grp.cause) for grp in report.gap_groups]
        assert got == expected, name
        # Any order of the uncovered slots gives the same causes (the scan's fallback).
        shuffled = tuple(reversed(report.uncovered))
        assert [(grp.gaps, grp.message, grp.cause) for grp in group_gaps(team, report.gaps, shuffled)] == \
            reference_groups(team, report.gaps, shuffled), name
        seen_causes |= {row[2].split(" ")[-1] for row in expected}
    # The cases really exercise every kind of cause.
    assert {"free", "time", "starts"} <= seen_causes


def test_hard_handoff_count_is_is_hard():
    for name, team, start, end in _cases():
        report = build_report(team, start, end)
        assert report.quality.hard_handoffs == sum(1 for h in report.handoffs if h.is_hard), name


def test_batch_daylight_flags_equal_one_lookup_each():
    start = utc(2026, 1, 1)
    instants = [start + timedelta(hours=7 * k) for k in range(0, 5000)]  # 2026 to 2030
    instants += [utc(2037, 1, 1) + timedelta(hours=13 * k) for k in range(0, 3000)]  # past pytz's tables
    seconds = [t.timestamp() for t in instants]
    for zone in ("Australia/Sydney", "Europe/London", "America/New_York", "Asia/Kolkata", "UTC"):
        assert tz.dst_flags(zone, seconds) == [tz.is_dst(zone, t) for t in instants], zone
    assert tz.dst_flags("Europe/London", []) == []


def test_a_plain_year_reads_its_normals_from_the_drift_series():
    """A 365-day report of a rota without overrides or time off takes its normals from the
    junctions its drift findings use; they must equal the separately computed normals."""
    from oncall.core.findings import drift_findings
    from oncall.core.junctions import _CACHE, normal_overlaps, normals_from

    plain = demo_team().evolve(overrides=(), unavailable=())
    for team in (plain, _adjusted(plain), large_team(sites=4, members=40, overrides=0, unavailable=0, years=1)):
        for start in (utc(2026, 1, 1), utc(2026, 3, 20, 5, 30)):
            end = start + timedelta(days=365)
            report = build_report(team, start, end)
            _CACHE.clear()
            assert report.normals == normal_overlaps(team, start) == normals_from(report.handoffs, report.gaps, start)
            assert list(report.normals) == list(normals_from(report.handoffs, report.gaps, start))
            drift = [w for w in report.warnings if w.kind == "dst_drift"]
            assert drift == drift_findings(team, report.handoffs, report.gaps, normal_overlaps(team, start))
            assert drift, "the case must have drift to compare"


def test_override_conflicts_match_the_scan_of_all_time_off():
    """Override shifts checked against their member's time off only, as against all of it."""
    from oncall.core.findings import Finding, override_conflict_findings
    from oncall.core.shifts import Source

    def reference(team, shifts):
        out = []
        for sh in shifts:
            if sh.source is not Source.OVERRIDE:
                continue
            for u in team.unavailable:
                if u.member == sh.member and u.start < sh.end and sh.start < u.end:
                    who = team.member(sh.member).name
                    out.append(Finding("override_unavailable",
                                       f"an override puts {who} on call during their time off"
                                       + (f" ({u.reason})" if u.reason else ""), sh.start, sh.end))
                    break
        return out

    team = large_team(sites=4, members=12, overrides=600, unavailable=400, years=1)
    shifts = build_report(team, utc(2026, 1, 5), utc(2027, 1, 5)).shifts
    found = override_conflict_findings(team, shifts)
    assert len(found) >= 20 and found == reference(team, shifts)


def reference_adjusted_occurrences(leg, zone, overlap, start, end, adjustments):
    """One window lookup (window_on: the first adjustment holding the day) and two resolves per day."""
    from datetime import date, datetime

    from oncall.core.adjustments import window_on

    first_day = max(leg.start, tz.to_local(zone, start).date() - timedelta(days=2))
    last_day = tz.to_local(zone, end).date() + timedelta(days=1)
    if leg.end is not None:
        last_day = min(last_day, leg.end - timedelta(days=1))
    out = []
    for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if day.weekday() not in leg.days:
            continue
        w = window_on(leg, day, adjustments)
        midnight = datetime.combine(day, datetime.min.time())
        s = tz.resolve(zone, midnight + timedelta(minutes=w.start))
        e = tz.resolve(zone, midnight + timedelta(minutes=w.end + (1440 if w.crosses_midnight else 0))) + overlap
        if e > start and s < end:
            out.append((ordinal, s, e))
    return out


def test_adjusted_occurrences_match_a_window_lookup_per_day():
    """The days' windows painted per adjustment equal the per-day lookup, also when (built in
    code, not from a validated file) adjustments overlap, repeat a window or run backwards."""
    from datetime import date

    from oncall.core.adjustments import for_leg
    from oncall.core.model import Adjustment, LocalWindow
    from oncall.core.schedule import occurrences

    team = demo_team()
    for leg in team.legs:
        w = leg.window
        early, late = LocalWindow((w.start - 60) % 1440, w.end), LocalWindow((w.start + 30) % 1440, (w.end + 90) % 1440)
        items = (Adjustment(leg.id, date(2026, 3, 1), date(2026, 4, 10), early),
                 Adjustment(leg.id, date(2026, 3, 20), date(2026, 5, 1), late),  # overlaps the first
                 Adjustment(leg.id, date(2026, 5, 1), date(2026, 6, 1), early),
                 Adjustment(leg.id, date(2026, 6, 1), date(2026, 6, 20), early),  # same window, adjacent
                 Adjustment(leg.id, date(2026, 10, 20), date(2026, 10, 30), w),
                 Adjustment(leg.id, date(2026, 12, 5), date(2026, 12, 1), late),  # empty span
                 Adjustment(leg.id, date(2025, 1, 1), date(2025, 2, 1), late))  # before the range
        adjusted = team.evolve(adjustments=items)
        zone = team.site(leg.site).timezone
        for start, end in ((utc(2026, 1, 1), utc(2027, 1, 1)), (utc(2026, 3, 25, 13, 7), utc(2026, 6, 5))):
            got = occurrences(leg, zone, team.handoff_overlap, start, end, for_leg(adjusted, leg.id))
            assert got == reference_adjusted_occurrences(leg, zone, team.handoff_overlap, start, end,
                                                         for_leg(adjusted, leg.id)), (leg.id, start)
