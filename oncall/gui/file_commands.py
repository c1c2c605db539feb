"""File commands of the main window: new, open, save (with conflicts), import, export, reload.

A mixin so the window module stays about layout and wiring; the modal questions are
attributes (``ask_save_changes``, ``ask_open_path``...) that tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from .document import DocumentError, SaveConflict, is_team_file

TEAM_FILTER = "Team files (*.toml)"
DB_FILTER = "oncall databases (*.db *.sqlite)"
SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"


class FileCommands:
    """Needs ``document``, ``settings``, ``statusBar()`` and the ``ask_*``/``show_error`` hooks."""

    # ---------------------------------------------------------------- file actions

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current team (saved, discarded, or unmodified)."""
        if not self.document.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def new_team(self) -> None:
        if self.maybe_save():
            self.document.new()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path:
            self.open_location(path, check_saved=False)

    def open_location(self, location: str | None, *, check_saved: bool = True, demo_if_new: bool = False) -> bool:
        if check_saved and not self.maybe_save():
            return False
        try:
            self.document.open(location, demo_if_new=demo_if_new)
        except DocumentError as exc:
            self.show_error("Cannot open", str(exc))
            return False
        self._remember(self.document.location)
        return True

    def _remember(self, location: str | None) -> None:
        if not location:
            return
        self.settings.add_recent_file(location)
        if self.document.kind == "database":
            self.settings.set_last_database(location)

    def save(self) -> bool:
        if self.document.kind == "memory":
            return self.save_as()
        try:
            self.document.save()
        except SaveConflict as conflict:
            return self._handle_conflict(conflict)
        except DocumentError as exc:
            self.show_error("Not saved", str(exc))
            return False
        self.statusBar().showMessage("Saved", 4000)
        return True

    def _handle_conflict(self, conflict: SaveConflict) -> bool:
        from . import conflict_dialog  # a rare dialog: not imported at start-up

        choice = self.resolve_conflict(conflict)
        if choice == conflict_dialog.REAPPLY:
            failed = self.document.rebase_on_latest()
            if failed:
                self.show_error("Some edits no longer apply",
                                "These edits were dropped because the other user's changes conflict:\n\n"
                                + "\n".join(failed) + "\n\nThe rest are re-applied and not yet saved.")
                return False
            return self.save()
        if choice == conflict_dialog.DISCARD:
            self.document.reload()
        else:
            self.statusBar().showMessage("Not saved: your edits are kept. Save again when ready.", 15000)
        return False

    def save_as(self) -> bool:
        path = self.ask_save_path("Save team as", f"{DB_FILTER};;{TEAM_FILTER}", self.document.team.name)
        if not path:
            return False
        if "://" not in path and not Path(path).suffix:
            path += ".db"
        chosen_zone = self.settings.team_zone(self.document.location)
        try:
            self.document.save_as(path)
        except DocumentError as exc:
            self.show_error("Not saved", str(exc))
            return False
        if chosen_zone:  # the team's display zone goes with it
            self.settings.set_team_zone(self.document.location, chosen_zone)
        self._remember(self.document.location)
        return True

    def import_team_file(self) -> None:
        path = self.ask_open_path()
        if not path:
            return
        try:
            self.document.import_team_file(path)
        except DocumentError as exc:
            self.show_error("Cannot import", str(exc))

    def import_from_tool(self) -> None:
        """File > Import from another tool…: check a schedule, then save it as a team file and open it."""
        from PySide6.QtWidgets import QDialog

        from .schedule_import_dialog import ScheduleImportDialog

        dialog = ScheduleImportDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_import is not None:
            self.open_imported_schedule(dialog.result_import)

    def open_imported_schedule(self, result) -> bool:
        """Write an imported schedule as a team file the lead names, and open it as the team."""
        from oncall.services.schedule_import import ScheduleImportError, write_team_file

        if not self.maybe_save():
            return False
        path = self.ask_save_path("Save the imported team", TEAM_FILTER, result.team.name)
        if not path:
            return False
        if not is_team_file(path):
            path += ".toml"
        try:
            write_team_file(result, path)
        except ScheduleImportError as exc:
            self.show_error("Not saved", str(exc))
            return False
        return self.open_location(path, check_saved=False)

    def export_team_file(self) -> None:
        path = self.ask_save_path("Export team file", TEAM_FILTER, self.document.team.name)
        if not path:
            return
        if not is_team_file(path):
            path += ".toml"
        try:
            self.document.export_team_file(path)
        except DocumentError as exc:
            self.show_error("Not exported", str(exc))
            return
        self.statusBar().showMessage(f"Exported {path}", 6000)

    def reload(self) -> None:
        if self.maybe_save():
            try:
                self.document.reload()
            except DocumentError as exc:
                self.show_error("Cannot reload", str(exc))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            from .startup import DEMO_TITLE, is_demo

            label = DEMO_TITLE if is_demo(path) else Path(path).name if "://" not in path else path
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_location(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # ---------------------------------------------------------------- modal questions

    def _ask_save_changes(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                          f"Save the changes to {self.document.team.name}?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL)

    def _resolve_conflict(self, conflict: SaveConflict) -> str:
        from . import conflict_dialog

        dialog = conflict_dialog.ConflictDialog(conflict, self)
        dialog.exec()
        return dialog.choice

    def _ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open team", "", f"{DB_FILTER};;{TEAM_FILTER};;All files (*)")
        return path or None

    def _ask_save_path(self, title: str, filters: str, team_name: str = "") -> str | None:
        """Opens in the documents folder with the team's name filled in ("payments-sre.db"), not
        in whatever folder the app was started from with an empty name."""
        from .print_week_dialog import documents_folder, file_stem

        suffix = ".db" if filters.startswith(DB_FILTER) else ".toml"
        suggested = documents_folder() / f"{file_stem(team_name)}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), filters)
        return path or None

    def _about(self) -> None:
        from oncall import __version__

        QMessageBox.about(self, "About oncall",
                          f"<b>oncall {__version__}</b><p>Plan follow-the-sun on-call with overlap windows "
                          "instead of hard handoffs.</p>")
