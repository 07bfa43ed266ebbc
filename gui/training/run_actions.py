"""The Training tab's run buttons: start, resume, pause, stop, attach, duplicate, open and
delete. Each acts through the controller and tells the runs list and the run view."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGridLayout, QMessageBox, QWidget

from core.dataset.project import Project
from core.hardware.advice import setting_in_words
from core.train.config import ConfigError, TrainConfig
from gui.localized import error_text, translated
from gui.training.controller import TrainingController
from gui.training.run_view import RunView
from gui.training.runs_list import RunsList
from gui.training.settings_form import RunSettingsForm
from gui.widgets import factory


def _hours_of(run_dir: Path) -> float:
    try:
        return TrainConfig.load(run_dir / "config.json").run.hours
    except ConfigError:
        return 0.0


class RunActions(QWidget):
    message = Signal(str, str)  # text, level (info, warning, error)

    def __init__(
        self,
        parent: QWidget,
        controller: TrainingController,
        runs_list: RunsList,
        run_view: RunView,
        form: RunSettingsForm,
        project: Callable[[], Project | None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runActions")
        self.controller, self.runs_list, self.run_view, self.form = (
            controller,
            runs_list,
            run_view,
            form,
        )
        self._project = project
        b = factory.button
        self.start_button = b(self, self.tr("Start new run"), "startButton", slot=self.start_run)
        self.resume_button = b(self, self.tr("Resume"), "resumeButton", slot=self.resume_run)
        self.pause_button = b(
            self, self.tr("Pause"), "pauseButton", slot=self.toggle_pause, checkable=True
        )
        self.stop_button = b(
            self, self.tr("Stop"), "stopButton", slot=self.stop_run,
            accessible=self.tr("Stop (write a checkpoint, then stop)"),
            tooltip=self.tr("Writes a checkpoint, then stops; Resume continues from it."),
        )  # fmt: skip
        self.attach_button = b(
            self, self.tr("Attach folder…"), "attachButton", slot=self._ask_attach,
            accessible=self.tr("Attach folder…"),
            tooltip=self.tr("Follow a run folder, e.g. one trained headless on a server."),
        )  # fmt: skip
        self.duplicate_button = b(
            self, self.tr("Duplicate settings"), "duplicateButton", slot=self.duplicate_settings
        )
        self.open_button = b(
            self, self.tr("Open folder"), "openFolderButton", slot=self.open_run_folder
        )
        self.delete_button = b(
            self,
            self.tr("Delete run…"),
            "deleteButton",
            slot=self.delete_run,
            accessible=self.tr("Delete run…"),
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        buttons = (
            self.start_button,
            self.resume_button,
            self.pause_button,
            self.stop_button,
            self.attach_button,
            self.duplicate_button,
            self.open_button,
            self.delete_button,
        )
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // 4, i % 4)
        controller.paused_changed.connect(self._on_paused)

    @property
    def project(self) -> Project | None:
        return self._project()

    def update_actions(self, *_: object) -> None:
        c = self.controller
        training = c.is_training
        run = self.runs_list.selected_run()
        shown = self.run_view.shown_run
        has_project = self.project is not None
        valid = self.form.is_valid()
        self.start_button.setEnabled(has_project and not training and valid)
        self.start_button.setToolTip(
            "" if valid else self.tr("Fix the settings marked in red first.")
        )
        self.resume_button.setEnabled(
            has_project
            and not training
            and run is not None
            and self.runs_list.checkpoint_combo.count() > 0
        )
        self.pause_button.setEnabled(training)
        self.stop_button.setEnabled(c.is_active)
        self.stop_button.setText(
            self.tr("Stop") if training or not c.is_active else self.tr("Stop following")
        )
        for button in (self.duplicate_button, self.open_button):
            button.setEnabled(run is not None or shown is not None)
        self.delete_button.setEnabled(run is not None and not (training and c.run_dir == run))

    def on_run_selected(self, run: Path | None) -> None:
        """Show a selected run by following it, unless a run is training."""
        if run is not None and not self.controller.is_training and run != self.run_view.shown_run:
            self.attach_run(run)
        self.update_actions()

    def start_run(self) -> Path | None:
        config = self.form.config()
        if self.project is None or config is None:
            self.message.emit(self.form_error_text() or self.tr("Open a project first."), "error")
            return None
        self._release_controller()
        self.run_view.clear(None, config.run.hours)
        run_dir = self.controller.start(self.project, config)
        self._show_run(run_dir)
        self.message.emit(self.tr("Starting {run}…").format(run=run_dir.name), "info")
        self.run_view.log(self.tr("start {run}").format(run=run_dir))
        return run_dir

    def resume_run(self) -> Path | None:
        run = self.runs_list.selected_run()
        if self.project is None or run is None:
            return None
        checkpoint = self.runs_list.checkpoint_combo.currentData()
        if run != self.run_view.shown_run:
            self.run_view.clear(run)
        self._release_controller()
        self.run_view.hours = _hours_of(run)
        label = self.runs_list.checkpoint_combo.currentText() or self.tr("latest checkpoint")
        self.controller.resume(self.project, run, checkpoint=checkpoint)
        self._show_run(run)
        self.message.emit(
            self.tr("Resuming {run} from {checkpoint}").format(run=run.name, checkpoint=label),
            "info",
        )
        self.run_view.log(
            self.tr("resume {run} from {checkpoint}").format(run=run, checkpoint=label)
        )
        return run

    def stop_run(self) -> None:
        if self.controller.is_training:
            self.message.emit(self.tr("Stopping: writing a checkpoint…"), "info")
        self.controller.stop()

    def toggle_pause(self) -> None:
        self.controller.set_paused(self.pause_button.isChecked())

    def _on_paused(self, paused: bool) -> None:
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(paused)
        self.pause_button.blockSignals(False)
        self.pause_button.setText(self.tr("Continue") if paused else self.tr("Pause"))
        if paused:
            self.message.emit(self.tr("Paused after the current step; Continue goes on."), "info")

    def _ask_attach(self) -> None:
        start = str(self.project.runs_dir) if self.project else ""
        path = QFileDialog.getExistingDirectory(self, self.tr("Run folder to follow"), start)
        if path:
            self.attach_run(Path(path))

    def attach_run(self, run_dir: Path) -> bool:
        """Show a run folder and follow it while it is written; False while training."""
        run_dir = Path(run_dir)
        if self.controller.is_training:
            self.message.emit(
                self.tr("A run is training; stop it before showing another."), "warning"
            )
            return False
        if not (run_dir / "events.jsonl").exists() and not (run_dir / "config.json").exists():
            self.message.emit(
                self.tr("{folder}: not a run folder (no events.jsonl or config.json)").format(
                    folder=run_dir
                ),
                "error",
            )
            return False
        self._release_controller()
        self.run_view.clear(run_dir, _hours_of(run_dir))
        self.controller.attach(run_dir)
        self._show_run(run_dir)
        return True

    def duplicate_settings(self) -> bool:
        run = self.runs_list.selected_run() or self.run_view.shown_run
        if run is None:
            return False
        try:
            config = TrainConfig.load(run / "config.json")
        except ConfigError as exc:
            self.message.emit(error_text(exc), "error")
            return False
        self.form.set_config(config)
        self.message.emit(
            self.tr("Settings of {run} copied into the form; Start makes a new run.").format(
                run=run.name
            ),
            "info",
        )
        return True

    def open_run_folder(self) -> None:
        run = self.runs_list.selected_run() or self.run_view.shown_run
        if run is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(run)))

    def delete_run(self, confirm: bool = True) -> bool:
        run = self.runs_list.selected_run()
        if run is None or (self.controller.is_training and self.controller.run_dir == run):
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete run"),
                self.tr(
                    "Delete the run folder {folder}?\nIts checkpoints, samples and logs are "
                    "removed; your audio is not touched."
                ).format(folder=run),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if self.run_view.shown_run == run:
            self._release_controller()
            self.run_view.clear(None)
        try:
            shutil.rmtree(run)
        except OSError as exc:
            self.message.emit(
                self.tr("cannot delete {folder}: {reason}").format(
                    folder=run, reason=error_text(exc)
                ),
                "error",
            )
            return False
        self.run_view.log(self.tr("deleted {folder}").format(folder=run))
        self.runs_list.refresh()
        return True

    def apply_advice(self, advice: dict) -> list[str]:
        """Hardware advice such as {"run.batch_size": 24, "run.workers": 4} into the form."""
        before = self.form.config()
        skipped = self.form.apply_overrides(dict(advice))
        changes = []
        for key, value in advice.items():
            old = _dotted(before, key) if before is not None else None
            if key in skipped or old == value:
                continue
            words = translated(setting_in_words(key, value))
            was = self.tr("{setting} (was {old})")
            changes.append(
                words
                if old is None
                else was.format(setting=words, old=translated(setting_in_words(key, old)))
            )
        if changes:
            text = self.tr("Hardware advice applied: {changes}.").format(changes="; ".join(changes))
        else:
            text = self.tr("Hardware advice applied: the settings already matched it.")
        self.message.emit(text, "info")
        if skipped:
            self.run_view.log(self.tr("advice not applied: {keys}").format(keys=", ".join(skipped)))
        return skipped

    def form_error_text(self) -> str:
        return "; ".join(self.form.errors.values())

    def _show_run(self, run_dir: Path) -> None:
        self.run_view.show_run(run_dir)
        self.update_actions()

    def _release_controller(self) -> None:
        if self.controller.is_active:
            self.controller.shutdown()


def _dotted(config, key: str):
    """A TrainConfig value by its dotted name ("run.batch_size"); None when absent."""
    value = config
    for part in key.split("."):
        value = getattr(value, part, None)
    return value
