"""One place that computes coverage reports, so panels that show the same range share one result.

After an edit the coverage panel, the handoffs panel and the timeline all ask for a report;
computing it once per (team value, range) keeps edit-to-screen well under 100 ms. ``Team`` is
a frozen value, but hashing a whole team on every lookup costs more than it saves, so entries
are keyed on the team's identity and keep a reference to it (an id is never reused while the
entry holds the object).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from oncall.core.model import Team
from oncall.core.report import Report, build_report


class ReportCache:
    """A small LRU of :func:`build_report` results."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[int, datetime, datetime], tuple[Team, Report]] = OrderedDict()

    def report(self, team: Team, start: datetime, end: datetime) -> Report:
        key = (id(team), start, end)
        hit = self._entries.get(key)
        if hit is not None and hit[0] is team:
            self._entries.move_to_end(key)
            return hit[1]
        result = build_report(team, start, end)
        self._entries[key] = (team, result)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return result

    def clear(self) -> None:
        self._entries.clear()


_shared = ReportCache()


def shared_cache() -> ReportCache:
    """The process-wide cache the GUI's panels use."""
    return _shared
