"""Every item model passes Qt's model tester, with real demo data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from oncall.core.demo import demo_team, utc
from oncall.core.report import build_report
from oncall.gui.findings_model import FindingsModel
from oncall.gui.handoffs_model import HandoffsModel
from oncall.gui.legs_model import LegsModel
from oncall.gui.member_figures_model import MemberFiguresModel
from oncall.gui.members_model import MembersModel
from oncall.gui.overrides_model import OverridesModel
from oncall.gui.rotation_model import RotationModel
from oncall.gui.sites_model import SitesModel
from oncall.gui.time_off_model import TimeOffModel

TEAM_MODELS = [SitesModel, MembersModel, LegsModel, OverridesModel, TimeOffModel]
REPORT_MODELS = [FindingsModel, MemberFiguresModel, HandoffsModel]


@pytest.mark.parametrize("model_class", TEAM_MODELS)
def test_team_models(qtmodeltester, model_class):
    model = model_class(demo_team())
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.set_team(demo_team().evolve(sites=(), members=(), legs=(), overrides=(), unavailable=()))
    qtmodeltester.check(model)


@pytest.mark.parametrize("model_class", REPORT_MODELS)
def test_report_models(qtmodeltester, model_class):
    team = demo_team()
    start = utc(2026, 10, 20)
    report = build_report(team, start, start + timedelta(days=21))
    model = model_class()
    model.set_report(team, report)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_findings_include_gaps_and_drift():
    team = demo_team()
    start = utc(2026, 10, 20)
    model = FindingsModel()
    model.set_report(team, build_report(team, start, start + timedelta(days=21)))
    kinds = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert {"Gap", "DST drift"} <= kinds


def test_legs_model_shows_rotation_by_name_and_window():
    model = LegsModel(demo_team())
    assert model.index(0, 4).data() == "Alice Chen → Bob Nguyen"
    assert model.index(1, 2).data() == "07:00–16:00"


def test_overrides_model_shows_local_times():
    model = OverridesModel(demo_team())
    assert model.index(0, 2).data() == "Mon 7 Dec 2026 06:00 GMT"
    assert model.index(0, 1).data() == "Carol Smith"


def test_time_off_shows_inclusive_local_dates():
    model = TimeOffModel(demo_team())
    assert model.index(0, 1).data() == "Mon 21 Dec 2026"
    assert model.index(0, 2).data() == "Sun 3 Jan 2027"


def test_rotation_model_moves_and_drops(qtmodeltester):
    model = RotationModel(["a", "b", "c"], {"a": "Ann", "b": "Ben", "c": "Cy"})
    qtmodeltester.check(model)
    assert model.move(0, 2)
    assert model.members() == ("b", "c", "a")
    assert model.move(2, 0)
    assert model.members() == ("a", "b", "c")
    mime = model.mimeData([model.index(2, 0)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert model.members() == ("c", "a", "b")
    assert model.index(0, 0).data() == "Cy"
    model.append("d")
    model.remove(0)
    assert model.members() == ("a", "b", "d")
    qtmodeltester.check(model)


def test_findings_group_gaps_by_cause_and_expand_to_days(qtmodeltester):
    # March 2026: Sydney on daylight time, London on standard time; 28 identical gaps.
    team = demo_team()
    report = build_report(team, utc(2026, 3, 1), utc(2026, 3, 29))
    model = FindingsModel()
    model.set_report(team, report)
    qtmodeltester.check(model)
    gaps = [r for r in range(model.rowCount()) if model.item(r).kind == "gap"]
    assert len(report.gaps) == 28 and len(gaps) == 1
    top = model.index(gaps[0], 2)
    assert top.data() == ("daily 06:30\u201307:00Z from 1 Mar to 28 Mar: Sydney is on daylight time, "
                          "London on standard time (28 days)")
    parent = model.index(gaps[0], 0)
    assert model.rowCount(parent) == 28
    first_day = model.index(0, 2, parent)
    assert first_day.data() == "06:30\u201307:00Z (30 min): Sydney ends 17:30 AEDT, London starts 07:00 GMT"  # date: col 1
    assert model.parent(first_day) == parent and model.row_at(first_day).start == utc(2026, 3, 1, 6, 30)


def test_a_gap_group_caused_by_dst_offers_the_fix(qtbot):
    from datetime import date

    from oncall.gui.coverage_panel import CoveragePanel

    panel = CoveragePanel(lambda: date(2026, 3, 1))
    qtbot.addWidget(panel)
    panel.set_team(demo_team())
    panel.range.set_range(date(2026, 3, 1), 28)
    panel.refresh()
    model = panel.findings
    gap = next(r for r in range(model.rowCount()) if model.item(r).kind == "gap")
    assert model.item(gap).drift
    panel.findings_view.setCurrentIndex(model.index(gap, 0))
    assert panel.fix_button.isEnabled()
    with qtbot.waitSignal(panel.fixRequested, timeout=1000) as fixed:
        panel.fix_button.click()
    assert fixed.args == [date(2026, 3, 1), date(2026, 3, 29)]
