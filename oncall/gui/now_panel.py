"""Now panel: who is on call now and next, the next handoff, and a clock for every site.

Built from labels in layouts (not painted), so screen readers read it and text never clips
at any scale. The clock is injected (``set_clock``) so tests control time. Clocks tick every
second; the schedule is recomputed only when the minute changes (or the team does).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from oncall.core import timezones as tz
from oncall.core.labels import day_text
from oncall.core.model import Team
from oncall.core.shifts import Shift, Source
from oncall.viewmodels.now_status import (
    NowStatus, format_duration, gap_warning, handoff_text, now_status, site_clock,
)

from .palette import mute, site_color, view_colors


def system_clock() -> datetime:
    """The real clock, aware UTC. The only place the GUI views read the wall clock."""
    return datetime.now(tz.UTC)


class _Swatch(QWidget):
    """A small square in a site's colour (purely decorative for screen readers).

    Painted from the inherited palette each time, never stored in the widget's own palette:
    when the palette changes at runtime (dark mode switched on), the square follows with
    the band and the timeline.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        side = self.fontMetrics().height() * 3 // 4
        self.setFixedSize(side, side)
        self._index = 0

    def set_site(self, index: int) -> None:
        self._index = index
        self.update()

    def color(self) -> QColor:
        return site_color(self._index, self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        QPainter(self).fillRect(self.rect(), self.color())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)


class NowPanel(QWidget):
    """On call now/next, countdown to the next handoff, and per-site clocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: Team | None = None
        self._clock: Callable[[], datetime] = system_clock
        self._status: NowStatus | None = None
        self._minute: datetime | None = None
        self._site_index: dict[str, int] = {}
        self._clock_rows: list[tuple[str, QLabel, QLabel, QLabel]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self.setAccessibleName("On call now")
        self._build()

    # ------------------------------------------------------------------ API

    def set_team(self, team: Team | None) -> None:
        sites_changed = (team.sites if team else None) != (self._team.sites if self._team else None)
        self._team = team
        self._site_index = {s.id: i for i, s in enumerate(team.sites)} if team else {}
        if sites_changed or not self._clock_rows:
            self._rebuild_clocks()  # most edits leave the sites alone: keep the clock widgets
        self._minute = None  # recompute now/next on the next refresh
        self.refresh()

    def set_clock(self, clock: Callable[[], datetime]) -> None:
        """Inject the clock (a callable returning an aware UTC datetime)."""
        self._clock = clock
        self._minute = None
        self.refresh()

    def status(self) -> NowStatus | None:
        return self._status

    def refresh(self) -> None:
        """One tick: clocks and countdown always; now/next when the minute changed."""
        now = self._clock()
        minute = now.replace(second=0, microsecond=0)
        if self._team is not None and minute != self._minute:
            self._minute = minute
            self._status = now_status(self._team, now)
            self._show_people()
        self._show_countdown(now)
        self._show_clocks(now)

    # --------------------------------------------------------------- layout

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        people = QGroupBox("On call")
        people.setAccessibleName("On call now and next")
        self._people = QGridLayout(people)
        self._people.setColumnStretch(1, 1)
        self._handoff = QLabel()
        self._handoff.setWordWrap(True)
        self._handoff.setAccessibleName("Next handoff")
        self._handoff.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        clocks = QGroupBox("Site clocks")
        clocks.setAccessibleName("Site clocks")
        self._clocks = QGridLayout(clocks)
        self._clocks.setColumnStretch(1, 1)
        handoff_box = QGroupBox("Next handoff")
        QHBoxLayout(handoff_box).addWidget(self._handoff)
        outer.addWidget(people)
        outer.addWidget(handoff_box)
        outer.addWidget(clocks)
        outer.addStretch(1)

    def _clear(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; do not paint it meanwhile
                widget.deleteLater()

    def _rebuild_clocks(self) -> None:
        """One compact block per site (name and time, then zone, then hours): fits a dock."""
        self._clear(self._clocks)
        self._clock_rows = []
        if self._team is None:
            return
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.45)
        big.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        big.setStyleHint(QFont.StyleHint.Monospace)
        for index, site in enumerate(self._team.sites):
            row = index * 3
            swatch = _Swatch()
            swatch.set_site(index)
            name = QLabel(f"<b>{site.name}</b>")
            time_label = QLabel()
            time_label.setFont(big)
            time_label.setAccessibleName(f"{site.name} local time")
            zone_label, hours_label = QLabel(), QLabel()
            zone_label.setAccessibleName(f"{site.name} zone")
            hours_label.setAccessibleName(f"{site.name} working hours")
            for w in (zone_label, hours_label):
                w.setWordWrap(True)
            self._clocks.addWidget(swatch, row, 0, Qt.AlignmentFlag.AlignVCenter)
            self._clocks.addWidget(name, row, 1)
            self._clocks.addWidget(time_label, row, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._clocks.addWidget(zone_label, row + 1, 1, 1, 2)
            self._clocks.addWidget(hours_label, row + 2, 1, 1, 2)
            self._clock_rows.append((site.id, time_label, zone_label, hours_label))

    def _show_clocks(self, now: datetime) -> None:
        if self._team is None:
            return
        for site_id, time_label, zone_label, hours_label in self._clock_rows:
            c = site_clock(self._team.site(site_id), now)
            time_label.setText(f"{c.local:%H:%M:%S}")
            dst = " \u00b7 DST" if c.dst else ""
            zone_label.setText(f"{day_text(c.local.date())} \u00b7 {c.abbreviation} "
                               f"\u00b7 UTC{c.offset_text}{dst}")
            zone_label.setToolTip(c.zone)
            state = c.status if not c.working else "working now"
            hours_label.setText(f"Hours {c.hours_text} \u00b7 {state}")

    def _show_people(self) -> None:
        self._clear(self._people)
        s = self._status
        if s is None:
            return
        row = 0
        heading_now = QLabel("<b>Now</b>")
        self._people.addWidget(heading_now, row, 0, 1, 3)
        row += 1
        if not self._team.legs and not self._team.overrides:  # a new team: nothing broke, nothing is set up yet
            hint = QLabel("Nobody is rostered yet: add a leg (Edit > Add leg…, Ctrl+Shift+L) to put someone on call.")
            hint.setWordWrap(True)
            self._people.addWidget(mute(hint), row, 0, 1, 3)
            return
        gap = s.next_gap
        if gap is not None and gap.start <= s.now:  # the gap is now: say so first
            row = self._add_gap_warning(row, gap_warning(gap, s.now))
        for sh in s.on_call:
            row = self._add_shift(row, sh, f"until {self._when(sh, sh.end)}")
        if gap is not None and gap.start > s.now:  # warn before the gap, not only while it happens
            row = self._add_gap_warning(row, gap_warning(gap, s.now))
        self._people.addWidget(QLabel("<b>Next</b>"), row, 0, 1, 3)
        row += 1
        for sh in s.next_up[: max(len(self._team.legs), 1)]:
            row = self._add_shift(row, sh, f"from {self._when(sh, sh.start)}, in {format_duration(sh.start - s.now)}")

    def _add_gap_warning(self, row: int, text: str) -> int:
        warn = QLabel("\u26a0 " + text[:1].upper() + text[1:] + ".")
        warn.setWordWrap(True)
        warn.setStyleSheet(f"color: {view_colors(self.palette()).gap.name()}; font-weight: bold;")
        warn.setAccessibleName(warn.text())
        self._people.addWidget(warn, row, 0, 1, 3)
        return row + 1

    def _add_shift(self, row: int, sh: Shift, when: str) -> int:
        team = self._team
        swatch = _Swatch()
        swatch.set_site(self._site_index.get(sh.site, 0))
        name = team.member(sh.member).name if team.has_member(sh.member) else sh.member
        site = team.site(sh.site).name if team.has_site(sh.site) else sh.site
        extra = ""
        if sh.replaces and team.has_member(sh.replaces):
            kind = "override" if sh.source is Source.OVERRIDE else "substitute"
            extra = f" ({kind} for {team.member(sh.replaces).name})"
        label = QLabel(f"<b>{name}</b>{extra} \u00b7 {site}<br>{when}")
        label.setWordWrap(True)
        label.setAccessibleName(f"{name}{extra}, {site}, {when}")
        self._people.addWidget(swatch, row, 0, Qt.AlignmentFlag.AlignTop)
        self._people.addWidget(label, row, 1, 1, 2)
        return row + 1

    def _when(self, sh: Shift, instant: datetime) -> str:
        """``Thu 16:30 GMT (16:30 UTC)``: the member's own wall clock first."""
        team = self._team
        if not team.has_member(sh.member):
            return f"{instant:%a %H:%M} UTC"
        zone = team.member_zone(sh.member)
        local = tz.to_local(zone, instant)
        return f"{local:%a %H:%M} {tz.abbreviation(zone, instant)} ({instant:%H:%M} UTC)"

    def _show_countdown(self, now: datetime) -> None:
        s = self._status
        if self._team is None or s is None:
            self._handoff.setText("")  # the main window fills the panel right after its first paint
        elif s.next_handoff is None:
            self._handoff.setText("No handoff in the next week")
        else:
            self._handoff.setText(handoff_text(self._team, s.next_handoff, now))

    # ---------------------------------------------------------------- timer

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._timer.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._timer.stop()
        super().hideEvent(event)
