"""Recompute a painted view's data only while it can be seen.

The band and the timeline are rebuilt on every team, date, range or zone change, but most of
the time one of them sits on a hidden tab: there it only marks itself stale and catches up in
``showEvent`` (or when a caller asks for its data), so start-up and edits pay only for the
views the user can see.
"""

from __future__ import annotations


class RecomputeWhenShown:
    """Mixin for a QWidget subclass (list it before the Qt base class).

    The host implements ``_compute()`` (the real work) and may override
    ``_forget_interaction()`` (drop a drag or selection that the new data invalidates).
    """

    _stale = False  # True while hidden with data that no longer matches the inputs

    def _compute(self) -> None:
        raise NotImplementedError

    def _forget_interaction(self) -> None:
        """Drop per-gesture state that points into the old data; nothing by default."""

    def _rebuild(self) -> None:
        """Recompute now if visible; a hidden view only marks itself stale."""
        self._forget_interaction()
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._compute()

    def _ensure_current(self) -> None:
        """Catch up on a recompute skipped while hidden (before painting or answering)."""
        if self._stale:
            self._stale = False
            self._compute()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._ensure_current()
