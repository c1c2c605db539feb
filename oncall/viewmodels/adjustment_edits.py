"""Edits of a team's window adjustments, as pure functions ``Team -> Team``.

Like :mod:`oncall.viewmodels.team_edits`: the GUI wraps each in one undo command, and each
validates with the team rules the team-file parser uses (:func:`oncall.core.team_rules.
adjustment_findings`), so an edit never yields a team the file or the database would refuse.
Adjustments are addressed by their index in ``Team.adjustments`` (file order).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from oncall.core import team_rules as rules
from oncall.core.labels import day_text, leg_label
from oncall.core.model import Adjustment, LocalWindow, Team

from .team_edits import EditError

def adjustment_problems(team: Team, adjustment: Adjustment, replacing: int | None = None) -> list[str]:
    """What is wrong with ``adjustment`` as a new one (``replacing`` None) or as an edit of one.

    An overlap is checked against every other adjustment of the leg, wherever it is listed,
    and the message names the other one by its number in the Team dock.
    """
    leg_ids = frozenset(lg.id for lg in team.legs)
    found = [f for f in rules.errors(rules.adjustment_findings([adjustment], 0, leg_ids))]
    texts = [f"{f.key}: {f.message}" for f in found]
    for j, other in enumerate(team.adjustments):
        if j != replacing and other.leg == adjustment.leg and adjustment.start < other.end \
                and other.start < adjustment.end and adjustment.start < adjustment.end:
            last = other.end - timedelta(days=1)  # the editors show days inclusive
            texts.append(f"days: overlap adjustment #{j + 1} of {leg_label(team, other.leg)} "
                         f"({day_text(other.start)} to {day_text(last)}); a leg can have only one "
                         "adjustment on a day")
    return texts


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise EditError("; ".join(problems))


def _check_index(team: Team, index: int) -> None:
    if not 0 <= index < len(team.adjustments):
        raise EditError(f"no adjustment #{index + 1} (another user may have removed it)")


def add_adjustment(team: Team, adjustment: Adjustment) -> Team:
    _raise_if(adjustment_problems(team, adjustment))
    return team.evolve(adjustments=team.adjustments + (adjustment,))


def update_adjustment(team: Team, index: int, adjustment: Adjustment) -> Team:
    _check_index(team, index)
    _raise_if(adjustment_problems(team, adjustment, replacing=index))
    items = list(team.adjustments)
    items[index] = adjustment
    return team.evolve(adjustments=tuple(items))


def _index_of(team: Team, adjustment: Adjustment) -> int:
    """Where ``adjustment`` is now. The GUI's edits address an adjustment by its value, so an
    edit re-applied after another writer's save still finds it even if the list moved."""
    if adjustment not in team.adjustments:
        leg = leg_label(team, adjustment.leg) if any(lg.id == adjustment.leg for lg in team.legs) else adjustment.leg
        raise EditError(f"the adjustment of {leg} from {day_text(adjustment.start)} is gone "
                        "(another user may have changed it)")
    return team.adjustments.index(adjustment)


def replace_adjustment(team: Team, original: Adjustment, adjustment: Adjustment) -> Team:
    return update_adjustment(team, _index_of(team, original), adjustment)


def drop_adjustment(team: Team, original: Adjustment) -> Team:
    return remove_adjustment(team, _index_of(team, original))


def set_adjustment_window(team: Team, adjustment: Adjustment, window: LocalWindow) -> Team:
    """What dragging an adjusted slot's edge on the band does."""
    return replace_adjustment(team, adjustment, replace(adjustment, window=window))


def remove_adjustment(team: Team, index: int) -> Team:
    _check_index(team, index)
    return team.evolve(adjustments=team.adjustments[:index] + team.adjustments[index + 1:])
