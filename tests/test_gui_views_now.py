"""NowPanel with an injected clock (offscreen Qt)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel

from oncall.core.demo import demo_team, utc
from oncall.gui.now_panel import NowPanel


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def panel(qtbot):
    clock = FakeClock(utc(2026, 11, 26, 14, 47) + timedelta(seconds=12))
    view = NowPanel()
    qtbot.addWidget(view)
    view.set_clock(clock)
    view.set_team(demo_team())
    view.show()
    qtbot.waitExposed(view)
    return view, clock


def _texts(view) -> str:
    """The text a user sees (labels just added are shown, old ones deleted, by the event loop)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return "\n".join(label.text() for label in view.findChildren(QLabel) if label.isVisible())


def test_shows_on_call_now_next_and_clocks(panel):
    view, _ = panel
    text = _texts(view)
    assert "Carol Smith" in text and "Erin Garcia" in text
    assert "14:47:12" in text and "01:47:12" in text  # London and Sydney clocks
    assert "AEDT \u00b7 UTC+11:00 \u00b7 DST" in text
    assert "holiday: Thanksgiving Day" in text
    assert "90 min overlap starts in 12 min 48 s" in text


def test_ticks_clocks_every_second_but_recomputes_once_a_minute(panel):
    view, clock = panel
    status = view.status()
    clock.now += timedelta(seconds=30)
    view.refresh()
    assert view.status() is status
    assert "14:47:42" in _texts(view)
    clock.now += timedelta(seconds=30)
    view.refresh()
    assert view.status() is not status


def test_after_handoff_the_next_person_is_on_call(panel):
    view, clock = panel
    clock.now = utc(2026, 11, 26, 17)
    view.refresh()
    assert [sh.member for sh in view.status().on_call] == ["erin"]


def test_team_change_rebuilds(panel):
    view, _ = panel
    team = demo_team()
    view.set_team(team.evolve(sites=team.sites[:2], legs=team.legs[:2],
                              members=tuple(m for m in team.members if m.site != "sfo"),
                              unavailable=()))
    text = _texts(view)
    assert "San Francisco" not in text and "Sydney" in text


def test_timer_runs_only_while_visible(panel):
    view, _ = panel
    assert view._timer.isActive()
    view.hide()
    assert not view._timer.isActive()


def test_warns_before_a_gap_and_the_next_handoff_names_it(qtbot):
    # The demo team's Sydney leg ends at 06:30Z and London starts at 07:00Z in early March.
    from oncall.viewmodels.now_status import gap_warning, now_status

    team = demo_team()
    status = now_status(team, utc(2026, 3, 2, 4, 20))
    assert (status.next_gap.start, status.next_gap.end) == (utc(2026, 3, 2, 6, 30), utc(2026, 3, 2, 7))
    assert gap_warning(status.next_gap, status.now) == "nobody on call from 06:30 UTC (in 2 h 10 min) for 30 min"
    assert status.next_handoff.is_gap and status.next_handoff.at == utc(2026, 3, 2, 6, 30)

    view = NowPanel()
    qtbot.addWidget(view)
    view.set_clock(FakeClock(utc(2026, 3, 2, 4, 20)))
    view.set_team(team)
    view.show()
    qtbot.waitExposed(view)
    text = _texts(view)
    assert "\u26a0 Nobody on call from 06:30 UTC (in 2 h 10 min) for 30 min." in text
    assert "Alice Chen \u2192 Carol Smith in 2 h 10 min (Mon 06:30 UTC); then nobody on call for 30 min" in text


def test_during_a_gap_says_until_when_and_no_gap_means_no_warning():
    from oncall.viewmodels.now_status import gap_warning, now_status

    team = demo_team()
    during = now_status(team, utc(2026, 3, 2, 6, 40))
    assert gap_warning(during.next_gap, during.now) == "nobody on call now, until 07:00 UTC (for 20 min 00 s more)"
    assert not during.next_handoff.is_gap  # the gap has begun: the next change of hands is a real one
    assert now_status(team, utc(2026, 6, 10, 12)).next_gap is None  # June: every junction overlaps


def test_a_team_with_nobody_rostered_says_so():
    from oncall.core.model import Team
    from oncall.viewmodels.now_status import gap_warning, now_status

    status = now_status(Team("Nobody"), utc(2026, 3, 2, 4, 20))
    assert status.on_call == () and status.next_handoff is None
    assert gap_warning(status.next_gap, status.now) == "nobody on call now, and nobody is rostered in the next week"


def test_a_team_with_nobody_rostered_yet_is_told_what_to_add_not_warned_in_red(panel):
    """Before: a new team (sites and members, no legs) read "⚠ Nobody on call now, and nobody is
    rostered in the next week." in bold red, as if a rota had broken."""
    view, _ = panel
    team = demo_team()
    view.set_team(team.evolve(legs=(), overrides=(), adjustments=()))
    text = _texts(view)
    assert "\u26a0" not in text
    assert "Nobody is rostered yet: add a leg" in text
    view.set_team(team.evolve(legs=(), adjustments=()))  # overrides alone do put people on call
    assert "Nobody is rostered yet" not in _texts(view)
