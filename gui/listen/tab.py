"""The Listen tab: process an original with a model and compare the two by ear.

The tab lays out and wires its panels: the pickers (gui.listen.sources), processing
(processing: jobs `process` and `compare`, each building a core.listen.comparison
Comparison off the GUI thread), the A/B views (ab_view), the transport (transport: the
player's controls, the playhead and meters on a 50 ms timer) and the blind test (abx_panel,
over a core.listen.abx.AbxSession). One core.listen.playback.Player plays A (the original)
and B (the processed). A classifier chosen as the model shows the classify view
(classify_view) in place of the comparison.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.audio.formats import AUDIO_EXTENSIONS
from core.dataset.project import Project
from core.listen.comparison import Comparison
from core.listen.playback import Player
from gui.jobs import Jobs
from gui.listen.ab_view import AbView
from gui.listen.abx_panel import AbxPanel
from gui.listen.band_label import BandLabel
from gui.listen.classify_view import ClassifyView
from gui.listen.processing import Processing, metrics_text
from gui.listen.sources import MODEL_SUFFIXES, ListenSources
from gui.listen.transport import Transport

log = logging.getLogger(__name__)


class ListenTab(QWidget):
    processed = Signal(object)  # core.listen.comparison.Comparison, once shown and loaded
    process_failed = Signal(str)  # the reason shown
    compared = Signal(object)  # Comparison: any comparison shown (processed or opened)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listenTab")
        self._own_jobs = jobs is None  # built alone (tests): its own, shut down with it
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project: Project | None = None
        self.player = Player()
        self._tmp = Path(tempfile.mkdtemp(prefix="wavesmith-listen-"))

        outer = QVBoxLayout(self)
        self.sources = ListenSources(self)
        outer.addWidget(self.sources)
        self.ab_view = AbView(self)
        outer.addWidget(self.ab_view, 1)
        self.transport = Transport(self, self.player, self.ab_view.selection)
        outer.addWidget(self.transport)
        self.abx = AbxPanel(self)
        outer.addWidget(self.abx)
        self.band = BandLabel(self, self.jobs)
        outer.addWidget(self.band)
        self.status = QLabel(self.tr("Choose an original and a model, then Process."), self)
        self.status.setObjectName("listenStatus")
        self.status.setAccessibleName(self.tr("Listen status"))
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        self.processing = Processing(self, self.jobs, self.sources, self.player, self._out_dir)
        self.classify_view = ClassifyView(
            self, self.jobs, self.sources.original_combo.currentData, lambda: self.project
        )
        outer.insertWidget(outer.indexOf(self.ab_view) + 1, self.classify_view, 1)
        self.classify_view.hide()
        self.classify_view.message.connect(self._say)
        self.sources.model_combo.currentIndexChanged.connect(self._on_model_chosen)

        self.processing.compared.connect(self._show)
        self.processing.processed.connect(self.processed)
        self.processing.failed.connect(self.process_failed)
        self.sources.original_combo.currentIndexChanged.connect(self._on_original_chosen)
        for combo in (self.sources.original_combo, self.sources.model_combo):
            combo.currentIndexChanged.connect(self._check_band)
        self.sources.reference_combo.currentIndexChanged.connect(self._on_reference_chosen)
        self.ab_view.seek.connect(self.transport.seek)
        self.ab_view.selection_changed.connect(self.transport.apply_loop)
        self.transport.tick.connect(self.ab_view.set_playhead)
        self.transport.spectrogram_toggled.connect(self.ab_view.set_spectrogram)
        self.transport.loaded_changed.connect(self.abx.setEnabled)
        self.abx.play_source.connect(self.transport.abx_play)
        self.abx.running_changed.connect(self.transport.on_abx_running)
        for panel in (self.processing, self.transport):
            panel.message.connect(self._say)
        self.transport.install_shortcuts(self)
        self.abx.setEnabled(False)
        self.transport.refresh_devices()
        self._restore_settings()

    @property
    def outcome(self) -> Comparison | None:
        """The comparison in the player (None before the first)."""
        return self.transport.comparison

    # -- project and pickers -------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.sources.set_project(project)
        self._on_model_chosen()

    def refresh_sources(self) -> None:
        """The project changed (an import, a new run or checkpoint): list it again."""
        self.sources.refresh()
        self._on_model_chosen()

    @property
    def classifying(self) -> bool:
        """True while the model picker holds a classifier (the classify view is shown)."""
        return not self.classify_view.isHidden()

    def _on_model_chosen(self) -> None:
        from core.train.run_folder import model_task

        model = self.sources.model_combo.currentData()
        on = bool(model) and model_task(model) == "classify"
        for panel in (self.ab_view, self.transport, self.abx, self.band):
            panel.setVisible(not on)
        self.sources.show_processing(not on)
        self.classify_view.setVisible(on)
        if on:
            self.transport.unload()
            self.classify_view.set_model(model)

    def _on_original_chosen(self) -> None:
        shown = self.outcome
        if shown is not None and str(shown.result.input) != str(
            self.sources.original_combo.currentData()
        ):
            self.transport.unload()
            self.ab_view.clear()
            self.sources.metrics_label.setText("")

    def _check_band(self) -> None:
        self.band.update_for(
            self.sources.original_combo.currentData(), self.sources.model_combo.currentData()
        )

    def _on_reference_chosen(self) -> None:
        if self.outcome is not None and self.sources.reference_combo.currentData():
            if not self.outcome.metrics:
                self.sources.metrics_label.setText(
                    self.tr("Process again to measure against the reference.")
                )

    def set_original(self, path: str | Path) -> None:
        self.sources.set_original(path)

    def set_reference(self, path: str | Path | None) -> None:
        self.sources.set_reference(path)

    def set_model_path(self, path: str | Path) -> None:
        self.sources.set_model_path(path)

    def open_dropped(self, paths: list[str]) -> list[str]:
        """Files dropped on the tab: a model file becomes the model, the first audio file
        the original to process (nothing is imported into the project). Returns what was
        taken."""
        taken, original = [], None
        for path in paths:
            suffix = Path(path).suffix.lower()
            if suffix in MODEL_SUFFIXES:
                self.set_model_path(path)
                taken.append(path)
            elif self.classifying:  # every file (and folder) dropped is one to classify
                if self.classify_view.add_paths([path]):
                    taken.append(path)
            elif suffix in AUDIO_EXTENSIONS and original is None and Path(path).is_file():
                original = path
                taken.append(path)
        if original is not None:
            self.set_original(original)
            self._say(
                self.tr("Opened {name} as the original: choose a model, then Process.").format(
                    name=Path(original).name
                )
            )
        elif not taken:
            self._say(self.tr("Drop an audio file to process it here, or a model file to use it."))
        return taken

    def _out_dir(self) -> Path:
        return (self.project.cache_dir / "listen") if self.project else self._tmp

    def open_processed(self, processed: str | Path, original: str | Path = "") -> bool:
        """Compare an already processed file (e.g. a training sample) with its original
        (`compared` once shown); matches the Training tab's open_in_listen signal."""
        return self.processing.open_processed(processed, original)

    def _show(self, comparison: Comparison) -> None:
        self.ab_view.show_comparison(comparison)
        self.transport.load(comparison)
        self.sources.metrics_label.setText(metrics_text(comparison))
        self.compared.emit(comparison)

    # -- misc ----------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)
        log.info("listen: %s", text)

    def _restore_settings(self) -> None:
        s = QSettings()
        self.transport.restore_settings(s)
        self.sources.strength.setValue(int(s.value("listen/strength", 100, int)))
        self.sources.atten_limit.setValue(float(s.value("listen/attenLimit", 0.0, float)))

    def _save_settings(self) -> None:
        s = QSettings()
        self.transport.save_settings(s)
        s.setValue("listen/strength", self.sources.strength.value())
        s.setValue("listen/attenLimit", self.sources.atten_limit.value())

    def shutdown(self) -> None:
        self._save_settings()
        self.transport.timer.stop()
        self.processing.shutdown()
        self.classify_view.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
        self.player.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
