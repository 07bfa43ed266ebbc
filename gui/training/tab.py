"""The Training tab: settings, the project's runs, and one run shown live.

Left: the runs list with its actions above the settings form. Right: progress with ETA, the
live plots, the listening samples and a log of what the trainer said. All training goes
through `TrainingController` (its own worker: it streams events); this file lays out the
panels (runs_list, run_actions, settings_form, run_view) and wires them to it.

Selecting a run while nothing trains shows it by *following* its folder, so a run trained
headless and synced back, or one still being written, appears the same way as a local one.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from core.dataset.project import Project
from core.train.config import ConfigError, TrainConfig
from gui.jobs import Jobs
from gui.training.controller import TrainingController
from gui.training.run_actions import RunActions
from gui.training.run_view import RunView
from gui.training.runs_list import RunsList
from gui.training.settings_form import RunSettingsForm
from gui.widgets.message_banner import MessageBanner

log = logging.getLogger(__name__)


class TrainingTab(QWidget):
    open_in_listen = Signal(str, str)  # processed path, input path (from the samples list)
    runs_changed = Signal()  # a run appeared, finished or failed, or saved a checkpoint

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTab")
        self.project: Project | None = None
        self._own_jobs = jobs is None  # a tab built alone (tests) shuts its own down
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.controller = TrainingController(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.banner = MessageBanner(self, "trainingBanner", self.tr("Training message"))
        layout.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("trainingSplitter")
        layout.addWidget(splitter)

        left = QWidget(splitter)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        self.runs_list = RunsList(left, self.controller)
        box.addWidget(self.runs_list, 2)
        self.form = RunSettingsForm(left)
        scroll = QScrollArea(left)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        settings_group = QGroupBox(self.tr("Settings for a new run"), left)
        settings_group.setObjectName("settingsGroup")
        QVBoxLayout(settings_group).addWidget(scroll)
        box.addWidget(settings_group, 3)
        self.run_view = RunView(splitter, self.controller, self.jobs, lambda: self.project)
        self.actions = RunActions(
            self.runs_list,
            self.controller,
            self.runs_list,
            self.run_view,
            self.form,
            lambda: self.project,
        )
        self.runs_list.insert_actions(self.actions)
        splitter.addWidget(left)
        splitter.addWidget(self.run_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 930])

        c = self.controller
        c.running_changed.connect(self.actions.update_actions)
        self.form.validity_changed.connect(self.actions.update_actions)
        self.runs_list.checkpoints_changed.connect(self.actions.update_actions)
        self.runs_list.run_selected.connect(self.actions.on_run_selected)
        self.run_view.shown_changed.connect(self.runs_list.set_shown)
        self.run_view.epoch_timed.connect(self.runs_list.epoch_timed)
        self.run_view.runs_changed.connect(self.runs_list.refresh)
        self.run_view.run_changed.connect(self.runs_list.refresh_run)
        self.run_view.runs_changed.connect(self.runs_changed)
        self.run_view.run_changed.connect(lambda _path: self.runs_changed.emit())
        for panel in (self.run_view, self.actions):
            panel.message.connect(self.banner.say)
        self.run_view.samples.open_in_listen.connect(self.open_in_listen)
        self._restore_settings()
        self.actions.update_actions()

    def set_project(self, project: Project | None) -> None:
        if self.controller.is_active:
            self.controller.shutdown()
        self.project = project
        if project is not None:
            self.form.set_project(project)
        self.run_view.clear(None)
        self.runs_list.set_project(project)
        self.actions.update_actions()

    def apply_advice(self, advice: dict) -> list[str]:
        """Hardware advice such as {"run.batch_size": 24} into the form (the main window)."""
        return self.actions.apply_advice(advice)

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
        self.run_view.samples.shutdown()
        self.run_view.results.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
        self.controller.shutdown()
