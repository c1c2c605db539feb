"""Teams and checks for the fair planner's tests: every planned team goes through ``report``."""

from __future__ import annotations

from datetime import datetime

from core_helpers import team_from
from oncall.core.model import Team
from oncall.core.report import build_report
from oncall.core.teamfile import dump_team, parse_team


def weekly_leg(rotation: list[str], *, site: str = "ber", window: str = "08:00-18:00",
               start: str = "2026-01-05") -> str:
    names = ", ".join(f'"{m}"' for m in rotation)
    return (f'site = "{site}"\nwindow = "{window}"\nrotation = [{names}]\ncadence = "weekly"\n'
            f'handoff_day = "mon"\nstart = "{start}"')


def three_member_team(time_off: str = "", start: str = "2026-01-05") -> Team:
    """One Berlin leg, weekly, p/q/r; ``time_off`` is raw [[unavailable]] tables."""
    return team_from([("ber", "Europe/Berlin")], [weekly_leg(["p", "q", "r"], start=start)],
                     members={"p": "ber", "q": "ber", "r": "ber"}, extra=time_off)


def time_off(member: str, start: str, end: str, reason: str = "PTO") -> str:
    return f'[[unavailable]]\nmember = "{member}"\nstart = "{start}"\nend = "{end}"\nreason = "{reason}"\n'


def reported(team: Team, start: datetime, end: datetime):
    """The planned team written as a team file, read back, and reported on like a user would."""
    text = dump_team(team)
    reread = parse_team(text, "planned.toml").team
    assert reread == team
    return build_report(reread, start, end)


def assert_nobody_on_call_while_unavailable(team: Team, start: datetime, end: datetime) -> None:
    report = reported(team, start, end)
    for shift in report.shifts:
        for off in team.unavailable:
            if off.member == shift.member:
                assert not (off.start < shift.end and shift.start < off.end), (shift, off)
    assert not [w for w in report.warnings if w.kind == "override_unavailable"]


def leg_spread(team: Team, start: datetime, end: datetime, leg: str, figure: str = "out_of_hours") -> float:
    report = build_report(team, start, end)
    members = set(team.leg(leg).rotation)
    values = [getattr(f, figure) for f in report.members if f.member in members]
    return max(values) - min(values)


def find_plan(qtbot, page, timeout_ms: int = 120_000) -> None:
    """Click the Fairness page's Find and wait until the worker thread has reported."""
    page.find_button.click()
    assert page.planning and not page.find_button.isEnabled()  # one plan at a time
    qtbot.waitUntil(lambda: not page.planning, timeout=timeout_ms)
