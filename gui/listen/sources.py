"""The Listen tab's inputs: original, clean reference and model pickers, processing settings.

A panel of its own so the tab stays about playback and comparison. It knows the project
(clips, pairs, runs) and turns its fields into a core ProcessConfig; the tab runs the job.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSlider,
    QWidget,
)

from core.dataset.project import Project
from gui.heavy_imports import heavy_imports
from gui.widgets import factory
from gui.widgets.file_filters import audio_filter
from gui.widgets.role_names import role_name, split_name

if TYPE_CHECKING:  # core.listen.inference imports torch: not on the window's start-up path
    from core.listen.inference import ProcessConfig

log = logging.getLogger(__name__)

MODEL_SUFFIXES = (".safetensors", ".pt")
MODEL_PATTERNS = " ".join("*" + s for s in MODEL_SUFFIXES)


class ListenSources(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listenSources")
        self.project: Project | None = None

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.original_combo = factory.combo(
            self, "originalCombo", self.tr("Original audio"), min_chars=18
        )
        self.original_browse = factory.button(
            self, self.tr("File…"), "originalBrowse", accessible=self.tr("Choose an original file")
        )
        self.reference_combo = factory.combo(
            self, "referenceCombo", self.tr("Clean reference for metrics"), min_chars=18
        )
        self.reference_browse = factory.button(
            self,
            self.tr("File…"),
            "referenceBrowse",
            accessible=self.tr("Choose a clean reference file"),
        )
        self.model_combo = factory.combo(self, "modelCombo", self.tr("Model"), min_chars=18)
        self.model_browse = factory.button(
            self, self.tr("File…"), "modelBrowse", accessible=self.tr("Choose a model file")
        )
        self.original_browse.clicked.connect(self._browse_original)
        self._pair_targets: dict[str, str] = {}
        self._listed: set[str] = set()  # what the project gave the pickers (not files)
        self.original_combo.currentIndexChanged.connect(self._suggest_reference)
        self.reference_browse.clicked.connect(self._browse_reference)
        self.model_browse.clicked.connect(self._browse_model)
        for row, (label, combo, browse) in enumerate(
            (
                (self.tr("Original"), self.original_combo, self.original_browse),
                (self.tr("Clean reference"), self.reference_combo, self.reference_browse),
                (self.tr("Model"), self.model_combo, self.model_browse),
            )
        ):
            grid.addWidget(QLabel(label, self), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(browse, row, 2)

        self.strength = QSlider(Qt.Orientation.Horizontal, self)
        self.strength.setObjectName("strengthSlider")
        self.strength.setAccessibleName(self.tr("Strength: 0 is the original, 100 fully processed"))
        self.strength.setRange(0, 100)
        self.strength.setValue(100)
        strength = self.tr("Strength {percent} %")
        self.strength_label = QLabel(strength.format(percent=100), self)
        self.strength.valueChanged.connect(
            lambda v: self.strength_label.setText(strength.format(percent=v))
        )
        self.atten_limit = QDoubleSpinBox(self)
        self.atten_limit.setObjectName("attenLimit")
        self.atten_limit.setAccessibleName(
            self.tr("Attenuation limit in dB, 0 for the model's choice")
        )
        self.atten_limit.setRange(0, 100)
        self.atten_limit.setSpecialValueText(self.tr("model's choice"))
        self.atten_limit.setSuffix(" dB")
        self.atten_limit.setToolTip(
            self.tr(
                "Turn nothing down by more than this. At 0, the limit the model's validation "
                "chose (none for models without one)."
            )
        )
        self.process_device = factory.combo(
            self, "processDevice", self.tr("Processing device"), min_chars=18
        )
        self.process_device.addItem(self.tr("auto"), "auto")
        self.process_device.addItem("CPU", "cpu")
        heavy_imports().when_ready(self._add_gpus)  # the GPUs are torch's to list
        self.process_button = factory.button(
            self, self.tr("Process"), "processButton", accessible=self.tr("Process the original")
        )
        self.cancel_button = factory.button(
            self,
            self.tr("Cancel", "abandon the job"),
            "cancelProcess",
            accessible=self.tr("Cancel processing"),
        )
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("processProgress")
        self.progress.setAccessibleName(self.tr("Processing progress"))
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        row = QHBoxLayout()
        for w in (self.strength_label, self.strength):
            row.addWidget(w)
        row.addWidget(QLabel(self.tr("Attenuation limit"), self))
        row.addWidget(self.atten_limit)
        row.addWidget(QLabel(self.tr("on", "processing on a device"), self))
        row.addWidget(self.process_device)
        grid.addLayout(row, 0, 3)
        row2 = QHBoxLayout()
        row2.addWidget(self.process_button)
        row2.addWidget(self.cancel_button)
        row2.addWidget(self.progress, 1)
        grid.addLayout(row2, 1, 3)
        self.metrics_label = QLabel("", self)
        self.metrics_label.setObjectName("metricsLabel")
        self.metrics_label.setAccessibleName(self.tr("Objective metrics"))
        self.metrics_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.metrics_label, 2, 3)
        grid.setColumnStretch(3, 1)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        for combo in (self.original_combo, self.reference_combo, self.model_combo):
            combo.clear()
        self.refresh()

    def refresh(self) -> None:
        """List the project's clips and runs again (after an import, a new run or a new
        checkpoint), keeping what is chosen, files picked from disk included."""
        combos = (self.original_combo, self.reference_combo, self.model_combo)
        chosen = [c.currentData() for c in combos]
        # Files chosen from disk (not the project's) stay listed.
        extra = [
            [
                (c.itemText(i), c.itemData(i))
                for i in range(c.count())
                if c.itemData(i) and c.itemData(i) not in self._listed
            ]
            for c in combos
        ]
        for combo in combos:
            combo.blockSignals(True)  # one change at the end, not one per item
            combo.clear()
        self.reference_combo.addItem(self.tr("none", "no reference"), None)
        self._pair_targets, self._listed = {}, set()
        if self.project is not None:
            self._fill_from_project(self.project)
        for combo, items, data in zip(combos, extra, chosen, strict=True):
            for text, item in items:
                if combo.findData(item) < 0:
                    combo.addItem(text, item)
            i = combo.findData(data) if data is not None else -1
            combo.setCurrentIndex(i if i >= 0 else (0 if combo.count() else -1))
            combo.blockSignals(False)
        if chosen[0] != self.original_combo.currentData():
            self.original_combo.currentIndexChanged.emit(self.original_combo.currentIndex())
        elif chosen[0] is None:
            self._suggest_reference()

    def _fill_from_project(self, project: Project) -> None:
        # A pair's target is the natural reference for its input: preselect it on choice.
        self._pair_targets = {p.input.path: p.target.path for p in project.pairs()}
        clips = [
            (f"{c.name}  ({role_name(c.role)}, {split_name(c.split)})", c.path)
            for c in project.clips()
        ]
        self._listed.update(path for _, path in clips)
        for label, path in clips:  # references first, so the first original finds its target
            self.reference_combo.addItem(label, path)
        for label, path in clips:
            self.original_combo.addItem(label, path)
        try:
            from core.train.run_folder import list_runs

            for run in list_runs(project):
                # The Training tab's names of models and states (gui.training.value_names).
                model = QCoreApplication.translate("ConfigValue", run.model)
                status = QCoreApplication.translate("RunStatus", run.status.replace("_", " "))
                self.model_combo.addItem(f"{run.name}  ({model}, {status})", str(run.path))
                self._listed.add(str(run.path))
        except Exception as exc:  # a broken runs folder must not break the tab
            log.warning("could not list runs: %s", exc)

    def _suggest_reference(self) -> None:
        target = self._pair_targets.get(self.original_combo.currentData())
        if target is not None:
            i = self.reference_combo.findData(target)
            if i >= 0:
                self.reference_combo.setCurrentIndex(i)

    def _add_and_select(self, combo: QComboBox, path: str) -> None:
        i = combo.findData(path)
        if i < 0:
            combo.addItem(Path(path).name, path)
            i = combo.count() - 1
        combo.setCurrentIndex(i)

    def set_original(self, path: str | Path) -> None:
        self._add_and_select(self.original_combo, str(path))

    def set_reference(self, path: str | Path | None) -> None:
        if path is None:
            self.reference_combo.setCurrentIndex(max(0, self.reference_combo.findData(None)))
        else:
            self._add_and_select(self.reference_combo, str(path))

    def set_model_path(self, path: str | Path) -> None:
        self._add_and_select(self.model_combo, str(path))

    def _browse_original(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Original audio"), "", audio_filter())
        if path:
            self.set_original(path)

    def _browse_reference(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Clean reference"), "", audio_filter())
        if path:
            self.set_reference(path)

    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Model"),
            "",
            self.tr("Models ({patterns});;All files (*)").format(patterns=MODEL_PATTERNS),
        )
        if path:
            self.set_model_path(path)

    def _add_gpus(self) -> None:
        import torch

        for i in range(torch.cuda.device_count()):
            self.process_device.addItem(f"GPU {i}: {torch.cuda.get_device_name(i)}", f"cuda:{i}")

    def config(self) -> ProcessConfig:
        """The processing settings as a core config; raises ValueError on a bad value.
        Needs core.listen.inference: call it once heavy_imports() is ready."""
        from core.listen.inference import ProcessConfig

        return ProcessConfig(
            strength=self.strength.value() / 100,
            atten_limit_db=self.atten_limit.value() or None,
            device=self.process_device.currentData() or "auto",
        )

    def show_processing(self, on: bool) -> None:
        """Show the reference and the processing settings, or hide them (a classifier is
        chosen: it has no reference and its settings are in the classify view)."""
        grid = self.layout()
        widgets = [self.reference_combo, self.reference_browse, self.metrics_label]
        widgets.append(grid.itemAtPosition(1, 0).widget())  # the reference's label
        for row in (0, 1):
            line = grid.itemAtPosition(row, 3).layout()
            widgets += [line.itemAt(i).widget() for i in range(line.count())]
        for widget in widgets:
            if widget is not None:
                widget.setVisible(on)

    def set_busy(self, busy: bool) -> None:
        self.process_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
