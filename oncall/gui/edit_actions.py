"""What the user can do to the team: open an editor dialog, then push the edit as one undo command.

The panels, the menus and the views' signals all call these methods, so each edit is wired
once. Undo texts (Edit > Undo …) name sites, people and legs as the screens do
("Move window of London to 06:00–16:00"), never by id. Modal steps go through two hooks,
``exec_dialog`` and ``confirm``, which tests replace to fill in the real dialogs without blocking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from functools import partial

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from oncall.core.labels import day_text, leg_label, new_leg_label, window_text
from oncall.core.model import LocalWindow
from oncall.viewmodels import adjustment_edits, team_edits as edits

from .adjustment_dialog import AdjustmentDialog
from .document import TeamDocument
from .leg_dialog import LegDialog
from .member_dialog import MemberDialog
from .override_dialog import OverrideDialog
from .site_dialog import SiteDialog
from .team_dialog import TeamDialog
from .time_off_dialog import TimeOffDialog


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class EditActions:
    def __init__(self, document: TeamDocument, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.document = document
        self.parent = parent
        # The window's clock: dialogs default to its day (a fixed clock in tests, the real one in use).
        self.clock = clock
        self.exec_dialog: Callable[[QDialog], bool] = _exec
        self.confirm: Callable[[QWidget | None, str, str], bool] = _confirm
        self.show_error: Callable[[str], None] = self._show_error
        # The team's display zone is a setting of the window (not part of the team file).
        self.team_zone: Callable[[], str] = lambda: "UTC"
        self.set_team_zone: Callable[[str], None] = lambda zone: None

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self.parent, "Edit refused", message)

    def apply(self, text: str, edit) -> bool:
        try:
            self.document.apply(text, edit)
        except edits.EditError as exc:
            self.show_error(str(exc))
            return False
        return True

    @property
    def team(self):
        return self.document.team

    # -- team
    def team_settings(self) -> bool:
        dialog = TeamDialog(self.team, self.parent, zone=self.team_zone())
        if not self.exec_dialog(dialog):
            return False
        # Stored even when it is what the team already shows: a new team's "UTC", accepted before it
        # had sites, must not turn into the first site added (the fallback for a zone never chosen).
        self.set_team_zone(dialog.zone())
        name, overlap = dialog.value()
        changes = {k: v for k, v in (("name", name), ("handoff_overlap", overlap))
                   if getattr(self.team, k) != v}
        return self.apply("Change team settings", partial(edits.patch_team, changes=changes))

    # -- sites
    def add_site(self) -> bool:
        dialog = SiteDialog(self.team, None, self.parent)
        if not self.exec_dialog(dialog):
            return False
        site = dialog.value()
        return self.apply(f"Add site {site.name}", partial(edits.add_site, site=site))

    def edit_site(self, site_id: str) -> bool:
        dialog = SiteDialog(self.team, self.team.site(site_id), self.parent)
        if not self.exec_dialog(dialog):
            return False
        site = dialog.value()
        changes = edits.changed_fields(self.team.site(site_id), site)
        return self.apply(f"Edit site {site.name}", partial(edits.patch_site, site_id=site_id, changes=changes))

    def remove_site(self, site_id: str) -> bool:
        name = self.team.site(site_id).name
        if not self.confirm(self.parent, "Remove site", f"Remove the site {name}?"):
            return False
        return self.apply(f"Remove site {name}", partial(edits.remove_site, site_id=site_id))

    # -- members
    def add_member(self, site: str | None = None) -> bool:
        dialog = MemberDialog(self.team, None, self.parent, site=site)
        if not self.exec_dialog(dialog):
            return False
        member = dialog.value()
        return self.apply(f"Add member {member.name}", partial(edits.add_member, member=member))

    def edit_member(self, member_id: str) -> bool:
        dialog = MemberDialog(self.team, self.team.member(member_id), self.parent)
        if not self.exec_dialog(dialog):
            return False
        member = dialog.value()
        changes = edits.changed_fields(self.team.member(member_id), member)
        return self.apply(f"Edit member {member.name}",
                          partial(edits.patch_member, member_id=member_id, changes=changes))

    def remove_member(self, member_id: str) -> bool:
        name = self.team.member(member_id).name
        effects = edits.member_removal_effects(self.team, member_id)
        text = f"Remove {name}?" + ("\n\nThis also " + "; ".join(effects) + "." if effects else "")
        if not self.confirm(self.parent, "Remove member", text):
            return False
        return self.apply(f"Remove member {name}", partial(edits.remove_member, member_id=member_id))

    # -- legs
    def add_leg(self) -> bool:
        dialog = LegDialog(self.team, None, self.parent, today=self._today())
        if not self.exec_dialog(dialog):
            return False
        leg = dialog.value()
        return self.apply(f"Add leg {new_leg_label(self.team, leg)}", partial(edits.add_leg, leg=leg))

    def edit_leg(self, leg_id: str) -> bool:
        dialog = LegDialog(self.team, self.team.leg(leg_id), self.parent, today=self._today())
        if not self.exec_dialog(dialog):
            return False
        leg = dialog.value()
        changes = edits.changed_fields(self.team.leg(leg_id), leg)
        return self.apply(f"Edit leg {new_leg_label(self.team, leg, replacing=leg_id)}",
                          partial(edits.patch_leg, leg_id=leg_id, changes=changes))

    def remove_leg(self, leg_id: str) -> bool:
        count = sum(1 for a in self.team.adjustments if a.leg == leg_id)
        also = f"\n\nThis also removes its {count} window adjustment{'s' if count != 1 else ''}." if count else ""
        name = leg_label(self.team, leg_id)
        if not self.confirm(self.parent, "Remove leg", f"Remove the leg {name}?{also}"):
            return False
        return self.apply(f"Remove leg {name}", partial(edits.remove_leg, leg_id=leg_id))

    def set_leg_window(self, leg_id: str, window: LocalWindow) -> bool:
        """The band's drag: no dialog, one undoable command."""
        return self.apply(f"Move window of {leg_label(self.team, leg_id)} to {window_text(window)}",
                          partial(edits.set_leg_window, leg_id=leg_id, window=window))

    # -- window adjustments
    def add_adjustment(self, leg: str | None = None) -> bool:
        dialog = AdjustmentDialog(self.team, None, self.parent, leg=leg, today=self._today())
        if not self.exec_dialog(dialog):
            return False
        a = dialog.value()
        return self.apply(f"Add adjustment of {leg_label(self.team, a.leg)} ({window_text(a.window)})",
                          partial(adjustment_edits.add_adjustment, adjustment=a))

    def edit_adjustment(self, index: int) -> bool:
        original = self.team.adjustments[index]
        dialog = AdjustmentDialog(self.team, original, self.parent, index=index, today=self._today())
        if not self.exec_dialog(dialog):
            return False
        a = dialog.value()
        return self.apply(f"Edit adjustment of {leg_label(self.team, a.leg)}",
                          partial(adjustment_edits.replace_adjustment, original=original, adjustment=a))

    def set_adjustment_window(self, adjustment, window: LocalWindow) -> bool:
        """The band's drag on an adjusted day: that adjustment's window, one undoable command."""
        return self.apply(f"Move adjusted window of {leg_label(self.team, adjustment.leg)} to {window_text(window)}",
                          partial(adjustment_edits.set_adjustment_window, adjustment=adjustment, window=window))

    def remove_adjustment(self, index: int) -> bool:
        a = self.team.adjustments[index]
        name = leg_label(self.team, a.leg)
        if not self.confirm(self.parent, "Remove adjustment",
                            f"Remove the adjustment of {name} from {day_text(a.start)} "
                            "(the leg keeps its usual window)?"):
            return False
        return self.apply(f"Remove adjustment of {name}", partial(adjustment_edits.drop_adjustment, original=a))

    # -- overrides
    def add_override(self, start: datetime | None = None, end: datetime | None = None,
                     member: str | None = None, replaces: str | None = None) -> bool:
        if start is None or end is None:
            start, end = self._default_span()
        dialog = OverrideDialog(self.team, None, self.parent, start=start, end=end, member=member,
                                replaces=replaces)
        if not self.exec_dialog(dialog):
            return False
        ov = dialog.value()
        return self.apply(f"Add override for {self._name(ov.member)}", partial(edits.add_override, override=ov))

    def cover_shift(self, shift) -> bool:
        """"Cover this shift": an override of the whole shift (overlap included) instead of its member,
        offered to a colleague at the same site first; the dialog shows the coverer's local times."""
        team = self.team
        if not team.has_member(shift.member):
            return False
        site = team.member(shift.member).site
        others = sorted((m for m in team.members if m.id != shift.member), key=lambda m: m.site != site)
        return self.add_override(shift.start, shift.end, member=others[0].id if others else None,
                                 replaces=shift.member)

    def edit_override(self, index: int) -> bool:
        dialog = OverrideDialog(self.team, self.team.overrides[index], self.parent)
        if not self.exec_dialog(dialog):
            return False
        ident = self.team.overrides[index].id  # edits address the override by id, not by row
        ov = dialog.value()
        return self.apply(f"Edit override for {self._name(ov.member)}",
                          partial(edits.update_override, override_id=ident, override=ov))

    def remove_override(self, index: int) -> bool:
        ov = self.team.overrides[index]
        if not self.confirm(self.parent, "Remove override", f"Remove this override for {self._name(ov.member)}?"):
            return False
        return self.apply(f"Remove override for {self._name(ov.member)}",
                          partial(edits.remove_override, override_id=ov.id))

    # -- time off
    def add_time_off(self, start: datetime | None = None, end: datetime | None = None,
                     member: str | None = None, all_day: bool = True) -> bool:
        if start is None or end is None:
            start, end = self._default_span()
        dialog = TimeOffDialog(self.team, None, self.parent, start=start, end=end, member=member, all_day=all_day)
        if not self.exec_dialog(dialog):
            return False
        entry = dialog.value()
        return self.apply(f"Add time off for {self._name(entry.member)}", partial(edits.add_time_off, entry=entry))

    def edit_time_off(self, index: int) -> bool:
        dialog = TimeOffDialog(self.team, self.team.unavailable[index], self.parent)
        if not self.exec_dialog(dialog):
            return False
        ident = self.team.unavailable[index].id  # edits address the entry by id, not by row
        entry = dialog.value()
        return self.apply(f"Edit time off for {self._name(entry.member)}",
                          partial(edits.update_time_off, entry_id=ident, entry=entry))

    def remove_time_off(self, index: int) -> bool:
        entry = self.team.unavailable[index]
        if not self.confirm(self.parent, "Remove time off", f"Remove this time off for {self._name(entry.member)}?"):
            return False
        return self.apply(f"Remove time off for {self._name(entry.member)}",
                          partial(edits.remove_time_off, entry_id=entry.id))

    def _name(self, member_id: str) -> str:
        return self.team.member(member_id).name if self.team.has_member(member_id) else member_id

    def _today(self) -> date:
        return self.clock().date()

    def _default_span(self) -> tuple[datetime, datetime]:
        now = self.clock().astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
        start = now + timedelta(days=1)
        return start, start + timedelta(hours=8)
