"""The Hardware tab: what this machine has, the batch size that fits, and how long training takes.

All logic lives in core.hardware.detect (detection), core.hardware.batch_probe (the measured batch size) and
core.hardware.advice (everything we tell the user); the panels only show it: the machine's cards
(gui.hardware.machine_cards), the probe (probe_panel) and the advice (advice_panel).
Detection, live GPU readings and the probe each run as a background job (gui.jobs, keys
`detect`, `live` and `probe`), so a slow CUDA start or a minute of probing never freezes the
window. "Apply to training settings" emits `advice_applied` with dotted TrainConfig keys; the
main window hands it to the Training tab.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.dataset.project import Project
from core.hardware.detect import MachineInfo, detect_machine
from core.hardware.estimates import DatasetSize, dataset_size_for
from gui.hardware.advice_panel import AdvicePanel
from gui.hardware.machine_cards import MachineCards
from gui.hardware.probe_panel import ProbePanel
from gui.heavy_imports import heavy_imports
from gui.jobs import Jobs
from gui.localized import error_text
from gui.widgets import factory

log = logging.getLogger(__name__)


class HardwareTab(QWidget):
    advice_applied = Signal(dict)  # {"run.batch_size": .., "run.workers": .., ...}
    machine_ready = Signal(object)  # MachineInfo
    probe_finished = Signal(object)  # ProbeResult
    probe_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hardwareTab")
        self._own_jobs = jobs is None  # built alone (tests): its own, shut down with it
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project: Project | None = None
        self.machine: MachineInfo | None = None
        self.dataset: DatasetSize | None = None
        self._config_provider: Callable[[], object | None] | None = None
        self._refresh_again = False
        self._waiting_for_torch = False

        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        self.refresh_button = factory.button(
            body, self.tr("Refresh"), "hwRefreshButton", slot=self.refresh,
            accessible=self.tr("Detect hardware again"),
        )  # fmt: skip
        self.status_label = QLabel(self.tr("Detecting hardware…"), body)
        self.status_label.setObjectName("hwStatusLabel")
        top.addWidget(self.refresh_button)
        top.addWidget(self.status_label, 1)
        layout.addLayout(top)
        self.cards = MachineCards(body, self.jobs)
        layout.addWidget(self.cards)
        self.probe_panel = ProbePanel(body, self.jobs, self.train_config, lambda: self.project)
        layout.addWidget(self.probe_panel)
        self.advice_panel = AdvicePanel(body)
        layout.addWidget(self.advice_panel)
        layout.addStretch(1)

        self.probe_panel.started.connect(self._update_dataset)
        self.probe_panel.finished.connect(self._on_probe_finished)
        self.probe_panel.failed.connect(self.probe_failed)
        self.advice_panel.applied.connect(self.advice_applied)
        self._restore_settings()
        self.refresh()

    @property
    def probe(self):
        """The last probe's result (None until one finished)."""
        return self.probe_panel.probe

    # -- model side ---------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.probe_panel.clear()
        self._update_dataset()
        self.refresh()

    def contents_changed(self) -> None:
        """Clips were imported, removed or given other roles: the advice counts them again."""
        self._update_dataset()
        self._update_advice()

    def set_config_provider(self, provider: Callable[[], object | None] | None) -> None:
        """Where the TrainConfig to measure comes from (the Training tab's form; None while
        its fields are invalid). Without one, the speech preset for this project's task
        (classify for a project of labelled clips)."""
        self._config_provider = provider
        self.probe_panel.source_label.setVisible(provider is not None)

    def train_config(self):
        from core.train.config import TrainConfig

        if self._config_provider is not None:
            cfg = self._config_provider()
            if cfg is None:
                raise ValueError(
                    self.tr(
                        "the Training tab's settings are not valid; fix the fields marked there "
                        "first"
                    )
                )
            return cfg
        from core.dataset.labels import project_task

        task = project_task(self.project) if self.project is not None else "denoise"
        return TrainConfig.preset("speech", task)

    def _update_dataset(self) -> None:
        self.dataset = None
        if self.project is None:
            return
        try:
            cfg = self.train_config()
            self.dataset = dataset_size_for(self.project, cfg)
        except Exception as exc:  # a config the form has not validated yet
            log.warning("dataset size for advice unavailable: %s", exc)

    def _update_advice(self) -> None:
        self.advice_panel.show_advice(
            self.machine,
            self.probe,
            self.dataset,
            self.project is not None,
            self.probe_panel.timing,
        )

    def _on_probe_finished(self, result) -> None:
        self._update_advice()
        self.probe_finished.emit(result)

    # -- detection ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Detect again in the background; the cards update when it answers."""
        imports = heavy_imports()
        if not imports.is_ready():
            # The GPUs are torch's to list. Detecting now would import it in the detector's
            # thread, competing with the window's first paint for the GIL; start-up loads it
            # in the background right after, and the detection follows.
            self.status_label.setText(self.tr("Detecting hardware… (loading PyTorch)"))
            self.refresh_button.setEnabled(False)
            if not self._waiting_for_torch:
                self._waiting_for_torch = True
                imports.when_ready(self._refresh_after_loading)
            return
        if self.jobs.busy("detect"):
            self._refresh_again = True  # the project changed mid-detection: detect once more
            return
        path = self.project.root if self.project is not None else None
        self.status_label.setText(self.tr("Detecting hardware…"))
        self.refresh_button.setEnabled(False)
        job = self.jobs.start("detect", lambda **_: detect_machine(path))
        job.result.connect(self.set_machine)
        job.errored.connect(self._detect_failed)
        job.finished.connect(self._detect_ended)

    def _refresh_after_loading(self) -> None:
        self._waiting_for_torch = False
        self.refresh()

    def _detect_failed(self, message: str) -> None:
        self.status_label.setText(
            self.tr("Detection failed: {reason}").format(reason=error_text(message))
        )

    def _detect_ended(self) -> None:
        self.refresh_button.setEnabled(True)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def set_machine(self, machine: MachineInfo) -> None:
        """Show a machine description (from detection, or injected by tests and demos)."""
        self.machine = machine
        gpus = ", ".join(g.name for g in machine.gpus) or self.tr("no GPU")
        self.status_label.setText(
            self.tr("Detected: {cpu}; {gpus}.").format(cpu=machine.cpu.model, gpus=gpus)
        )
        self.cards.show_machine(machine)
        self.probe_panel.set_devices(machine)
        self._update_advice()
        self.machine_ready.emit(machine)

    # -- settings and shutdown ------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = QSettings()
        s.beginGroup("hardwareTab")
        self.probe_panel.restore_settings(s)
        self.advice_panel.restore_settings(s)
        s.endGroup()

    def save_settings(self) -> None:
        s = QSettings()
        s.beginGroup("hardwareTab")
        self.probe_panel.save_settings(s)
        self.advice_panel.save_settings(s)
        s.endGroup()

    def shutdown(self) -> None:
        """Stop timers and jobs before the window closes (a probe stops after its step)."""
        self.save_settings()
        self.cards.stop()
        self.probe_panel.shutdown()
        if self._own_jobs:
            # A probe stops after its current step; CUDA detection can take a few seconds.
            self.jobs.shutdown()
