"""What an override would really do, said while the lead types it (not an error: advice).

An override that ``replaces`` someone takes over the parts of their shifts inside its span.
Two mistakes are easy to make and silent in the schedule:

* the replaced person is not on call in that span at all, so the override adds nobody's
  cover and takes nothing (the lead meant "on top" or picked the wrong day);
* the override ends part-way through the replaced shift's *outgoing overlap* (the minutes
  where the next site already helps), so the replaced person comes back for a sliver and
  takes over from the coverer with a hard handoff.

:func:`advise` returns those findings with the fix the dialog offers (add on top; end at
the shift's end). Pure: the core computes the schedule, this reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from oncall.core import timezones as tz
from oncall.core.coverage import handoffs
from oncall.core.model import Override, Team
from oncall.core.schedule import compute_schedule

SLIVER = timedelta(minutes=60)  # a return to call shorter than this is a sliver
_MARGIN = timedelta(days=1)


@dataclass(frozen=True)
class Advice:
    kind: str  # "not_on_call" | "ends_in_overlap" | "sliver"
    text: str
    end_instead: datetime | None = None  # the suggested end, for the ends-in-overlap fix


def _without(team: Team, original: Override | None) -> Team:
    if original is None:
        return team
    kept = list(team.overrides)
    if original in kept:
        kept.remove(original)
    return team.evolve(overrides=tuple(kept))


def _hhmm(zone: str, instant: datetime) -> str:
    local = tz.to_local(zone, instant)
    return f"{local:%a} {local:%H:%M}"


def advise(team: Team, override: Override, zone: str, original: Override | None = None) -> list[Advice]:
    """Advice for adding ``override`` (replacing ``original`` when editing); times read in ``zone``."""
    if override.replaces is None or override.end <= override.start or not team.has_member(override.replaces) \
            or not team.has_member(override.member):
        return []
    base = _without(team, original)
    name = team.member(override.replaces).name
    start, end = override.start, override.end
    schedule = compute_schedule(base, start - _MARGIN, end + _MARGIN)
    theirs = [sh for sh in schedule.shifts if sh.member == override.replaces and sh.end > start and sh.start < end]
    if not theirs:
        return [Advice("not_on_call", f"{name} is not on call then: replacing them covers nothing.")]
    advice: list[Advice] = []
    cut = next((sh for sh in theirs if sh.start < end < sh.end), None)
    if cut is None:
        return advice
    coverer = team.member(override.member).name
    outgoing = [h for h in handoffs(schedule.shifts, start - _MARGIN, end + _MARGIN)
                if h.outgoing == cut and not h.is_gap]
    back = cut.end - end
    overlap = next((h for h in outgoing if h.start <= end < h.end), None)
    if overlap is not None:
        nxt = team.member(overlap.to_member).name
        advice.append(Advice(
            "ends_in_overlap",
            f"The override ends inside {name}'s handoff overlap with {nxt} ({_hhmm(zone, overlap.start)}–"
            f"{_hhmm(zone, overlap.end)}): {name} would be back for {_minutes(back)} and take over from "
            f"{coverer} with a hard handoff.",
            cut.end))
    elif back < SLIVER:
        advice.append(Advice(
            "sliver",
            f"{name} would be back on call for only {_minutes(back)} ({_hhmm(zone, end)}–{_hhmm(zone, cut.end)}), "
            f"taking over from {coverer} with a hard handoff.",
            cut.end))
    return advice


def _minutes(td: timedelta) -> str:
    minutes = round(td.total_seconds() / 60)
    h, m = divmod(minutes, 60)
    return f"{h} h {m} min" if h and m else f"{h} h" if h else f"{m} min"
