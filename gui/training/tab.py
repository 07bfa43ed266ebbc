"""The Training tab: settings, the project's runs, and one run shown live.

Left: the runs list with its actions above the settings form. Right: progress with ETA, the
live plots, the listening samples and a log of what the trainer said. All training goes
through `TrainingController` (one bridge, one thread); this file only wires widgets to it.

Selecting a run while nothing trains shows it by *following* its folder, so a run trained
headless and synced back, or one still being written, appears the same way as a local one.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.dataset.project import Project
from core.train import events as ev
from core.train.config import ConfigError, TrainConfig
from core.train.run_folder import run_info
from core.train.runs import RunRow, checkpoint_choices, run_row, run_rows
from core.units import format_duration
from gui.training.controller import TrainingController
from gui.training.plots import ProgressPanel, TrainingPlots
from gui.training.samples_list import SamplesList
from gui.training.settings_form import RunSettingsForm

log = logging.getLogger(__name__)

RUN_COLUMNS = ("Run", "Status", "Epochs", "Best val loss", "Best SI-SDR", "Duration", "Date")
WARNING_STYLE = "background: #fff3cd; color: #664d03; padding: 4px;"
ERROR_STYLE = "background: #f8d7da; color: #842029; padding: 4px;"
INFO_STYLE = "background: #e7f1ff; color: #084298; padding: 4px;"


class TrainingTab(QWidget):
    open_in_listen = Signal(str, str)  # processed path, input path (from the samples list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.project: Project | None = None
        self.controller = TrainingController(self)
        self.shown_run: Path | None = None
        self._hours = 0.0
        self._epoch_seconds: dict[int, float] = {}  # the shown run's epochs -> seconds
        self._known_seconds: dict[Path, float] = {}  # runs shown before in this session

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("trainingSplitter")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.banner = QLabel("")
        self.banner.setObjectName("trainingBanner")
        self.banner.setAccessibleName("Training message")
        self.banner.setWordWrap(True)
        # A fixed two-line strip, there from the start: a message that appeared, went or
        # changed its line count would resize the plots, and re-laying out six plots
        # (every axis re-ticked) blocked the window for ~100 ms. The log keeps long texts.
        self.banner.setFixedHeight(2 * self.banner.fontMetrics().lineSpacing() + 10)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.banner)
        layout.addWidget(splitter)

        splitter.addWidget(self._build_left())
        splitter.addWidget(self._build_right())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 930])

        c = self.controller
        c.train_started.connect(self._on_started)
        c.steps.connect(self._on_steps)
        c.epoch_done.connect(self._on_epoch)
        c.checkpoint_saved.connect(self._on_checkpoint)
        c.sample_rendered.connect(self.samples.add_sample)
        c.cache_progress.connect(self._on_cache_progress)
        c.warning.connect(self._on_warning)
        c.finished.connect(self._on_finished)
        c.failed.connect(self._on_failed)
        c.running_changed.connect(lambda _: self._update_actions())
        c.paused_changed.connect(self._on_paused)
        self.form.validity_changed.connect(lambda _: self._update_actions())
        self.samples.open_in_listen.connect(self.open_in_listen)
        self._restore_settings()
        self._update_actions()

    # -- layout ------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot, accessible: str | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible or text)
        # Not connected directly: PySide passes clicked's `checked` to a slot's first
        # defaulted argument, which would turn delete_run(confirm) off.
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_left(self) -> QWidget:
        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)

        runs_group = QGroupBox("Runs", left)
        runs_group.setObjectName("runsGroup")
        runs_box = QVBoxLayout(runs_group)
        self.runs_table = QTableWidget(0, len(RUN_COLUMNS), runs_group)
        self.runs_table.setObjectName("runsTable")
        self.runs_table.setAccessibleName("Runs of this project")
        self.runs_table.setHorizontalHeaderLabels(list(RUN_COLUMNS))
        self.runs_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.runs_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.runs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.runs_table.verticalHeader().hide()
        self.runs_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.runs_table.itemSelectionChanged.connect(self._on_run_selected)
        runs_box.addWidget(self.runs_table)

        grid = QGridLayout()
        self.start_button = self._button("Start new run", "startButton", self.start_run)
        self.resume_button = self._button("Resume", "resumeButton", self.resume_run)
        self.pause_button = self._button("Pause", "pauseButton", self.toggle_pause)
        self.pause_button.setCheckable(True)
        self.stop_button = self._button(
            "Stop", "stopButton", self.stop_run, "Stop (write a checkpoint, then stop)"
        )
        self.stop_button.setToolTip("Writes a checkpoint, then stops; Resume continues from it.")
        self.attach_button = self._button("Attach folder…", "attachButton", self._ask_attach)
        self.attach_button.setToolTip("Follow a run folder, e.g. one trained headless on a server.")
        self.duplicate_button = self._button(
            "Duplicate settings", "duplicateButton", self.duplicate_settings
        )
        self.open_button = self._button("Open folder", "openFolderButton", self.open_run_folder)
        self.delete_button = self._button("Delete run…", "deleteButton", self.delete_run)
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
        runs_box.addLayout(grid)
        resume_row = QHBoxLayout()
        resume_row.addWidget(QLabel("Resume from"))
        self.checkpoint_combo = QComboBox(runs_group)
        self.checkpoint_combo.setObjectName("checkpointCombo")
        self.checkpoint_combo.setAccessibleName("Checkpoint to resume from")
        self.checkpoint_combo.currentIndexChanged.connect(lambda _: self._update_actions())
        resume_row.addWidget(self.checkpoint_combo, 1)
        runs_box.addLayout(resume_row)
        box.addWidget(runs_group, 2)

        self.form = RunSettingsForm(left)
        scroll = QScrollArea(left)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        settings_group = QGroupBox("Settings for a new run", left)
        settings_group.setObjectName("settingsGroup")
        QVBoxLayout(settings_group).addWidget(scroll)
        box.addWidget(settings_group, 3)
        return left

    def _build_right(self) -> QWidget:
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setObjectName("trainingRightSplitter")
        top = QWidget(right)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        self.run_title = QLabel("No run shown")
        self.run_title.setObjectName("runTitle")
        self.run_title.setStyleSheet("font-weight: bold;")
        top_box.addWidget(self.run_title)
        self.progress = ProgressPanel(top)
        top_box.addWidget(self.progress)
        self.plots = TrainingPlots(top)
        top_box.addWidget(self.plots, 1)
        right.addWidget(top)

        bottom = QSplitter(Qt.Orientation.Horizontal, right)
        samples_group = QGroupBox("Listening samples", bottom)
        samples_group.setObjectName("samplesGroup")
        self.samples = SamplesList(samples_group)
        QVBoxLayout(samples_group).addWidget(self.samples)
        bottom.addWidget(samples_group)
        log_group = QGroupBox("Training log", bottom)
        log_group.setObjectName("trainingLogGroup")
        self.log_view = QPlainTextEdit(log_group)
        self.log_view.setObjectName("trainingLog")
        self.log_view.setAccessibleName("Training log")
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(2000)
        QVBoxLayout(log_group).addWidget(self.log_view)
        bottom.addWidget(log_group)
        right.addWidget(bottom)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        return right

    # -- project -----------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        if self.controller.is_active:
            self.controller.shutdown()
        self.project = project
        if project is not None:
            self.form.set_project(project)
        self._clear_view(None)
        self.refresh_runs()
        self._update_actions()

    def refresh_runs(self) -> None:
        selected = self.controller.run_dir if self.controller.is_training else self.selected_run()
        table = self.runs_table
        table.blockSignals(True)
        table.setRowCount(0)
        rows = run_rows(self.project) if self.project is not None else []
        for row in rows:
            i = table.rowCount()
            table.insertRow(i)
            for j, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(row.path))
                table.setItem(i, j, item)
            if selected is not None and row.path == selected:
                table.selectRow(i)
        table.blockSignals(False)
        self._refresh_checkpoints()

    def refresh_run(self, run_dir: Path) -> None:
        """Rewrite one run's row (the training run at each checkpoint): the whole list would
        re-read every run folder and re-measure every column on the GUI thread."""
        i = self._row_of(run_dir)
        info = run_info(run_dir)
        if i is None or info is None:
            self.refresh_runs()
            return
        for j, text in enumerate(self._cells(run_row(info))):
            item = self.runs_table.item(i, j)
            if item.text() != text:
                item.setText(text)
        if self.selected_run() == Path(run_dir):
            self._refresh_checkpoints()

    def _cells(self, row: RunRow) -> tuple[str, ...]:
        return (
            row.path.name,
            self._status_text(row),
            f"{row.epochs_done}/{row.total_epochs}",
            "—" if row.best_val_loss is None else f"{row.best_val_loss:.4f}",
            "—" if row.best_si_sdr is None else f"{row.best_si_sdr:.2f} dB",
            self._duration_text(row),
            time.strftime("%Y-%m-%d %H:%M", time.localtime(row.created)) if row.created else "",
        )

    def _row_of(self, run_dir: Path) -> int | None:
        for i in range(self.runs_table.rowCount()):
            if Path(self.runs_table.item(i, 0).data(Qt.ItemDataRole.UserRole)) == Path(run_dir):
                return i
        return None

    def _duration_text(self, row: RunRow) -> str:
        # status.json carries no training time; the shown run's epochs do (their seconds
        # arrive with its events), other runs show it once they have been shown.
        seconds = row.seconds
        if seconds is None and row.path == self.shown_run and self._epoch_seconds:
            seconds = sum(self._epoch_seconds.values())
        if seconds is None:
            seconds = self._known_seconds.get(row.path)
        return "—" if seconds is None else format_duration(seconds)

    def _status_text(self, row: RunRow) -> str:
        # status.json says "running" from the first checkpoint until the run finishes; if
        # this window is not training it, it runs elsewhere (headless) or was killed.
        c = self.controller
        if row.status == "running" and not (c.is_training and c.run_dir == row.path):
            return "running elsewhere or interrupted"
        return row.status.replace("_", " ")

    def _update_duration_cell(self) -> None:
        i = self._row_of(self.shown_run) if self.shown_run is not None else None
        if i is not None:
            cell = self.runs_table.item(i, RUN_COLUMNS.index("Duration"))
            cell.setText(format_duration(sum(self._epoch_seconds.values())))

    def selected_run(self) -> Path | None:
        items = self.runs_table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select_run(self, run_dir: Path) -> bool:
        i = self._row_of(run_dir)
        if i is not None:
            self.runs_table.selectRow(i)
        return i is not None

    def _refresh_checkpoints(self) -> None:
        self.checkpoint_combo.clear()
        run = self.selected_run()
        if run is not None:
            for label, path in checkpoint_choices(run):
                self.checkpoint_combo.addItem(label, path)
        self._update_actions()

    def _on_run_selected(self) -> None:
        self._refresh_checkpoints()
        run = self.selected_run()
        if run is not None and not self.controller.is_training and run != self.shown_run:
            self.attach_run(run)

    # -- actions -----------------------------------------------------------------------
    def _update_actions(self) -> None:
        c = self.controller
        training = c.is_training
        run = self.selected_run()
        has_project = self.project is not None
        self.start_button.setEnabled(has_project and not training and self.form.is_valid())
        self.start_button.setToolTip(
            "" if self.form.is_valid() else "Fix the settings marked in red first."
        )
        self.resume_button.setEnabled(
            has_project and not training and run is not None and self.checkpoint_combo.count() > 0
        )
        self.pause_button.setEnabled(training)
        self.stop_button.setEnabled(c.is_active)
        self.stop_button.setText("Stop" if training or not c.is_active else "Stop following")
        for button in (self.duplicate_button, self.open_button):
            button.setEnabled(run is not None or self.shown_run is not None)
        self.delete_button.setEnabled(run is not None and not (training and c.run_dir == run))

    def start_run(self) -> Path | None:
        config = self.form.config()
        if self.project is None or config is None:
            self._say(self.form_error_text() or "Open a project first.", ERROR_STYLE)
            return None
        self._release_controller()
        self._hours = config.run.hours
        self._clear_view(None)
        run_dir = self.controller.start(self.project, config)
        self._show_run(run_dir)
        self._say(f"Starting {run_dir.name}…", INFO_STYLE)
        self._log(f"start {run_dir}")
        return run_dir

    def resume_run(self) -> Path | None:
        run = self.selected_run()
        if self.project is None or run is None:
            return None
        checkpoint = self.checkpoint_combo.currentData()
        if run != self.shown_run:
            self._clear_view(run)
        self._release_controller()
        try:
            self._hours = TrainConfig.load(run / "config.json").run.hours
        except ConfigError:
            self._hours = 0.0
        label = self.checkpoint_combo.currentText() or "latest checkpoint"
        self.controller.resume(self.project, run, checkpoint=checkpoint)
        self._show_run(run)
        self._say(f"Resuming {run.name} from {label}", INFO_STYLE)
        self._log(f"resume {run} from {label}")
        return run

    def stop_run(self) -> None:
        if self.controller.is_training:
            self._say("Stopping: writing a checkpoint…", INFO_STYLE)
        self.controller.stop()

    def toggle_pause(self) -> None:
        self.controller.set_paused(self.pause_button.isChecked())

    def _ask_attach(self) -> None:
        start = str(self.project.runs_dir) if self.project else ""
        path = QFileDialog.getExistingDirectory(self, "Run folder to follow", start)
        if path:
            self.attach_run(Path(path))

    def attach_run(self, run_dir: Path) -> bool:
        """Show a run folder and follow it while it is written; False while training."""
        run_dir = Path(run_dir)
        if self.controller.is_training:
            self._say("A run is training; stop it before showing another.", WARNING_STYLE)
            return False
        if not (run_dir / "events.jsonl").exists() and not (run_dir / "config.json").exists():
            self._say(f"{run_dir}: not a run folder (no events.jsonl or config.json)", ERROR_STYLE)
            return False
        self._release_controller()
        self._clear_view(run_dir)
        try:
            self._hours = TrainConfig.load(run_dir / "config.json").run.hours
        except ConfigError:
            self._hours = 0.0
        self.controller.attach(run_dir)
        self._show_run(run_dir)
        return True

    def duplicate_settings(self) -> bool:
        run = self.selected_run() or self.shown_run
        if run is None:
            return False
        try:
            config = TrainConfig.load(run / "config.json")
        except ConfigError as exc:
            self._say(str(exc), ERROR_STYLE)
            return False
        self.form.set_config(config)
        self._say(
            f"Settings of {run.name} copied into the form; Start makes a new run.", INFO_STYLE
        )
        return True

    def open_run_folder(self) -> None:
        run = self.selected_run() or self.shown_run
        if run is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(run)))

    def delete_run(self, confirm: bool = True) -> bool:
        run = self.selected_run()
        if run is None or (self.controller.is_training and self.controller.run_dir == run):
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete run",
                f"Delete the run folder {run}?\nIts checkpoints, samples and logs are removed; "
                "your audio is not touched.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if self.shown_run == run:
            self._release_controller()
            self._clear_view(None)
        try:
            shutil.rmtree(run)
        except OSError as exc:
            self._say(f"cannot delete {run}: {exc}", ERROR_STYLE)
            return False
        self._log(f"deleted {run}")
        self.refresh_runs()
        return True

    def apply_advice(self, advice: dict) -> list[str]:
        """Hardware advice such as {"run.batch_size": 24, "run.workers": 4} into the form."""
        skipped = self.form.apply_overrides(dict(advice))
        applied = ", ".join(f"{k}={v}" for k, v in advice.items() if k not in skipped)
        self._say(f"Hardware advice applied: {applied}", INFO_STYLE)
        if skipped:
            self._log(f"advice not applied: {', '.join(skipped)}")
        return skipped

    def form_error_text(self) -> str:
        return "; ".join(self.form.errors.values())

    # -- controller events -------------------------------------------------------------
    def _release_controller(self) -> None:
        if self.controller.is_active:
            self.controller.shutdown()

    def _clear_view(self, run_dir: Path | None) -> None:
        if self.shown_run is not None and self._epoch_seconds:
            self._known_seconds[self.shown_run] = sum(self._epoch_seconds.values())
        self._epoch_seconds = {}
        self.plots.clear()
        self.progress.reset()
        self.samples.clear()
        self.shown_run = run_dir
        self.run_title.setText(run_dir.name if run_dir else "No run shown")

    def _show_run(self, run_dir: Path) -> None:
        self.shown_run = run_dir
        mode = "training" if self.controller.is_training else "following"
        self.run_title.setText(f"{run_dir.name} ({mode})")
        self._update_actions()

    def _on_started(self, e: ev.TrainStarted) -> None:
        self.progress.started(e, self._hours)
        where = f", resumed from {Path(e.resumed_from).name}" if e.resumed_from else ""
        self._log(
            f"started at epoch {e.epoch + 1}/{e.total_epochs} (step {e.step:,}), "
            f"{e.steps_per_epoch} steps/epoch, batch {e.batch_size} on {e.device}{where}"
        )
        if self.controller.is_training:
            self._say(
                f"Training on {e.device}: continuing at epoch {e.epoch + 1}"
                if e.epoch
                else f"Training on {e.device}",
                INFO_STYLE,
            )
            self.refresh_runs()  # a new run's folder exists now

    def _on_steps(self, steps: list) -> None:
        self.plots.add_steps(steps)
        self.progress.update_steps(steps)

    def _on_epoch(self, e: ev.EpochDone) -> None:
        self._epoch_seconds[e.epoch] = e.seconds
        self._update_duration_cell()
        self.plots.add_epoch(e)
        self.progress.epoch_finished(e)
        best = " (best)" if e.best_epoch == e.epoch else ""
        quality = "".join(
            f"{name} {value:.{digits}f}, "
            for name, value, digits in (("PESQ", e.val_pesq, 2), ("STOI", e.val_stoi, 3))
            if value is not None
        )
        self._log(
            f"epoch {e.epoch + 1}: train {e.train_loss:.4f}, val {e.val_loss:.4f}{best}, "
            f"SI-SDR {e.val_si_sdr:.2f} dB ({e.val_si_sdr_improvement:+.2f}), "
            f"{quality}lr {e.lr:.2e}, {format_duration(e.seconds)}"
        )

    def _on_checkpoint(self, e: ev.CheckpointSaved) -> None:
        self._log(
            f"checkpoint {Path(e.path).name} (continues at epoch {e.epoch + 1}, step {e.step:,})"
        )
        if self.controller.is_training:
            self.refresh_run(self.controller.run_dir)  # status.json, metrics.csv rewritten

    def _on_cache_progress(self, e: ev.CacheProgress) -> None:
        self.progress.cache_progress(e)
        if e.done == 0:
            self._say(
                f"Building the training cache ({e.total:,} segments) before the first step…",
                INFO_STYLE,
            )
            self._log(f"building the training cache: {e.total:,} segments in {e.path}")
        elif e.done == e.total:
            self._log("training cache built")

    def _on_warning(self, e: ev.Warning) -> None:
        titles = {
            "oom": "Out of memory",
            "nan": "Loss became NaN",
            "data": "Data problem",
            "resume": "Resume",
        }
        text = f"{titles.get(e.kind, 'Warning')}: {e.message}"
        self._say(text, WARNING_STYLE)
        self._log("WARNING " + text)

    def _on_finished(self, e: ev.Finished) -> None:
        self.progress.finished(e)
        messages = {
            "completed": "Training completed",
            "stopped": "Stopped; a checkpoint was written — Resume continues from it",
            "early_stopped": "Stopped early: validation loss stopped improving",
            "time_budget": "Time budget used up; a checkpoint was written",
            "failed": "Training failed",
        }
        text = f"{messages.get(e.status, e.status)} after {e.epoch} epochs"
        if e.message:
            text += f": {e.message}"
        self._say(text, ERROR_STYLE if e.status == "failed" else INFO_STYLE)
        self._log(text)
        self.refresh_runs()

    def _on_failed(self, message: str) -> None:
        self._say(f"Training failed: {message}", ERROR_STYLE)
        self._log("ERROR " + message)
        self.refresh_runs()

    def _on_paused(self, paused: bool) -> None:
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(paused)
        self.pause_button.blockSignals(False)
        self.pause_button.setText("Continue" if paused else "Pause")
        if paused:
            self._say("Paused after the current step; Continue goes on.", INFO_STYLE)

    # -- messages ----------------------------------------------------------------------
    def _say(self, text: str, style: str) -> None:
        self.banner.setText(text)
        self.banner.setToolTip(text)
        self.banner.setStyleSheet(style)

    def _log(self, text: str) -> None:
        self.log_view.appendPlainText(time.strftime("%H:%M:%S ") + text)
        log.info("%s", text)

    # -- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        text = QSettings().value("training/config", "")
        if text:
            try:
                self.form.set_config(TrainConfig.from_dict(json.loads(str(text))))
            except (ConfigError, ValueError, TypeError) as exc:
                log.info("saved training settings ignored: %s", exc)

    def save_settings(self) -> None:
        config = self.form.config()
        if config is not None:
            QSettings().setValue("training/config", json.dumps(config.to_dict()))

    def shutdown(self) -> None:
        self.save_settings()
        self.samples.shutdown()
        self.controller.shutdown()
