"""The text report a lead reads at a terminal: a day at a time, in local and display time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from oncall.core import timezones as tz
from oncall.core.model import Team
from oncall.core.report import Report
from oncall.core.shifts import Shift

RED, YELLOW, BOLD, RESET = "\033[31m", "\033[33m", "\033[1m", "\033[0m"


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text


def _hm(zone: str, instant: datetime, day: date | None = None) -> str:
    local = tz.to_local(zone, instant)
    text = f"{local:%H:%M}"
    if day is not None and local.date() != day:
        delta = (local.date() - day).days
        text += f"{'+' if delta > 0 else ''}{delta}d"
    return text


def _day_of(zone: str, instant: datetime) -> date:
    return tz.to_local(zone, instant).date()


def _source(team: Team, sh: Shift) -> str:
    if sh.source.value == "rotation":
        return ""
    who = team.member(sh.replaces).name if sh.replaces and team.has_member(sh.replaces) else sh.replaces
    return f"  [{sh.source.value}{' for ' + who if who else ''}]"


def render_text(team: Team, report: Report, display_zone: str = "UTC", *, color: bool = False) -> str:
    return "\n".join(_lines(team, report, display_zone, _Style(color))) + "\n"


def _lines(team: Team, report: Report, zone: str, style: _Style) -> Iterator[str]:
    label = "UTC" if zone == "UTC" else zone
    yield style(BOLD, f"{team.name}: on call from {report.start:%Y-%m-%d} to {report.end:%Y-%m-%d} (UTC days)")
    yield f"Times in {label}; each shift also in its site's local time."
    events: dict[date, list[tuple[datetime, int, str]]] = {}
    for sh in report.shifts:
        site = team.site(sh.site)
        d = _day_of(zone, sh.start)
        local = (f"{_hm(site.timezone, sh.start)}-{_hm(site.timezone, sh.end, _day_of(site.timezone, sh.start))} "
                 f"{tz.abbreviation(site.timezone, sh.start)}")
        who = team.member(sh.member).name
        text = (f"  {_hm(zone, sh.start)}-{_hm(zone, sh.end, d):<8} {who:<20} {site.name:<16} {local}"
                f"{_source(team, sh)}")
        events.setdefault(d, []).append((sh.start, 0, text))
    for h in report.handoffs:
        d = _day_of(zone, h.at)
        a, b = team.member(h.from_member).name, team.member(h.to_member).name
        overlap = f"{h.minutes} min overlap" if h.minutes else "HARD handoff (0 min overlap)"
        text = f"  {_hm(zone, h.at)}       handoff {a} -> {b}: {overlap}"
        events.setdefault(d, []).append((h.at, 1, style(YELLOW, text) if not h.minutes else text))
    for g in report.gaps:
        d = _day_of(zone, g.start)
        text = f"  {_hm(zone, g.start)}-{_hm(zone, g.end, d):<8} GAP: nobody on call for {g.minutes} min"
        events.setdefault(d, []).append((g.start, 2, style(RED, text)))
    for d in sorted(events):
        yield ""
        yield style(BOLD, f"{d:%a} {d.day} {d:%b %Y}")
        for _, _, text in sorted(events[d], key=lambda e: (e[0], e[1])):
            yield text
    yield from _summary(team, report, style)


def _summary(team: Team, report: Report, style: _Style) -> Iterator[str]:
    yield ""
    yield style(BOLD, "Members (hours inside the range, real elapsed time)")
    yield f"  {'member':<20} {'site':<16} {'hours':>8} {'shifts':>6} {'out of hrs':>10} {'weekend':>8} {'holiday':>8}"
    for f in report.members:
        m = team.member(f.member)
        yield (f"  {m.name:<20} {team.site(m.site).name:<16} {f.hours:>8.1f} {f.shifts:>6} "
               f"{f.out_of_hours:>10.1f} {f.weekend_hours:>8.1f} {f.holiday_hours:>8.1f}")
    q = report.quality
    gap_minutes, hard = q.gap_minutes, q.hard_handoffs
    yield ""
    yield style(BOLD, "Quality")
    grade = {"red": RED, "amber": YELLOW}.get(q.grade, "")
    yield (f"  coverage {q.coverage:.1f}%  balance {q.balance:.1f}%  out-of-hours balance "
           f"{q.out_of_hours_balance:.1f}%  " + style(grade, f"score {q.score}/100 ({q.grade})"))
    yield (f"  {len(report.handoffs)} handoffs ({hard} hard), "
           + style(RED if report.gaps else "", f"{len(report.gaps)} gaps ({gap_minutes} min uncovered)"))
    if report.gap_groups:
        yield ""
        yield style(BOLD, "Gaps by cause")
        for group in report.gap_groups:
            yield style(RED, f"  {group.message}")
            for day in group.days:
                yield f"      {day}"
    if report.warnings:
        yield ""
        yield style(BOLD, "Warnings")
        for w in report.warnings:
            color = RED if w.kind in ("uncovered",) else YELLOW
            yield style(color, f"  [{w.kind}] {w.message}")
