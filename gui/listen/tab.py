"""The Listen tab: process an original with a model and compare the two by ear.

The tab binds widgets to two core objects: a core.listen.playback.Player (A = original,
B = processed) and, during a blind test, a core.listen.abx.AbxSession inside the AbxPanel.
Processing and opening a processed file run as background jobs (gui.jobs, keys `process`
and `compare`, both built by core.listen.comparison); the playhead and meters follow the player
from a 50 ms timer.
"""

from __future__ import annotations

import logging
import math
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.audio import peaks
from core.dataset.project import Project
from core.listen.comparison import Comparison, ComparisonJob, compare_files, compare_job
from core.listen.playback import PlaybackUnavailable, Player, list_output_devices
from gui.heavy_imports import heavy_imports
from gui.jobs import Jobs
from gui.listen.abx_panel import AbxPanel
from gui.listen.sources import ListenSources, make_button, make_combo
from gui.widgets.level_meter import LevelMeter
from gui.widgets.waveform_view import WaveformView, format_time

if TYPE_CHECKING:  # core.listen.inference imports torch: not on the window's start-up path
    from core.listen.inference import ModelForInference

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
        self.outcome: Comparison | None = None
        self.model_override: ModelForInference | None = None  # an in-memory model (tests)
        self._tmp = Path(tempfile.mkdtemp(prefix="wavesmith-listen-"))
        self._build()
        self._refresh_devices()
        self._restore_settings()
        self.timer = QTimer(self)
        self.timer.setInterval(50)  # playhead and meters follow the player at 20 Hz
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.sources = ListenSources(self)
        self.sources.process_button.clicked.connect(self.process)
        self.sources.cancel_button.clicked.connect(lambda: self.jobs.cancel("process"))
        # The tab's callers and tests reach the pickers and settings directly.
        for name in (
            "original_combo",
            "reference_combo",
            "model_combo",
            "strength",
            "atten_limit",
            "process_device",
            "process_button",
            "cancel_button",
            "progress",
            "metrics_label",
        ):
            setattr(self, name, getattr(self.sources, name))
        outer.addWidget(self.sources)

        # Two synchronized views: one time axis, one cursor, one selection.
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.view_a = WaveformView(split)
        self.view_a.setObjectName("viewOriginal")
        self.view_a.setAccessibleName("Original (A) waveform")
        self.view_b = WaveformView(split)
        self.view_b.setObjectName("viewProcessed")
        self.view_b.setAccessibleName("Processed (B) waveform")
        self.view_b.plot.setXLink(self.view_a.plot)
        for view, other in ((self.view_a, self.view_b), (self.view_b, self.view_a)):
            view.cursor_moved.connect(lambda f, o=other: self._on_cursor(f, o))
            view.selection_changed.connect(lambda s, e, o=other: self._on_selection(s, e, o))
        self.label_a = QLabel("A  original", self)
        self.label_b = QLabel("B  processed", self)
        for label, view, name in (
            (self.label_a, self.view_a, "labelOriginal"),
            (self.label_b, self.view_b, "labelProcessed"),
        ):
            label.setObjectName(name)
            label.setStyleSheet("font-weight: bold;")
            pane = QWidget(split)
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(label)
            box.addWidget(view, 1)
            split.addWidget(pane)
        outer.addWidget(split, 1)

        transport = QHBoxLayout()
        self.play_button = make_button(self, "Play", "playButton", "Play or pause (Space)")
        self.play_button.clicked.connect(self.toggle_play)
        self.stop_button = make_button(self, "Stop", "stopButton", "Stop and rewind")
        self.stop_button.clicked.connect(self.stop)
        self.ab_toggle = make_button(self, "A  original", "abToggle", "Switch A and B (A, B, Tab)")
        self.ab_toggle.setCheckable(True)
        self.ab_toggle.setMinimumSize(220, 48)
        font = QFont(self.ab_toggle.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.ab_toggle.setFont(font)
        self.ab_toggle.toggled.connect(lambda on: self.select("B" if on else "A"))
        self.diff_toggle = QCheckBox("Difference (A − B)", self)
        self.diff_toggle.setObjectName("diffToggle")
        self.diff_toggle.setAccessibleName("Listen to the difference A minus B")
        self.diff_toggle.toggled.connect(self._on_diff)
        self.loop_toggle = QCheckBox("Loop selection", self)
        self.loop_toggle.setObjectName("loopToggle")
        self.loop_toggle.setAccessibleName("Loop the selection")
        self.loop_toggle.toggled.connect(self._apply_loop)
        self.match_toggle = QCheckBox("Match loudness", self)
        self.match_toggle.setObjectName("matchToggle")
        self.match_toggle.setAccessibleName("Play A and B at the same loudness (LUFS)")
        self.match_toggle.setChecked(True)
        self.match_toggle.toggled.connect(self._on_match)
        self.spectrogram_toggle = QCheckBox("Spectrograms", self)
        self.spectrogram_toggle.setObjectName("spectrogramToggle")
        self.spectrogram_toggle.setAccessibleName("Show spectrograms")
        self.spectrogram_toggle.toggled.connect(self._on_spectrogram)
        self.output_device = make_combo(self, "outputDevice", "Output device")
        self.output_device.currentIndexChanged.connect(self._on_output_device)
        self.time_label = QLabel("0:00.000", self)
        self.time_label.setObjectName("timeLabel")
        self.time_label.setMinimumWidth(90)
        self.meter = LevelMeter(self)
        self.export_button = make_button(
            self, "Export…", "exportButton", "Export the processed audio"
        )
        self.export_button.clicked.connect(self._ask_export)
        for w in (self.play_button, self.stop_button, self.ab_toggle):
            transport.addWidget(w)
        col = QVBoxLayout()
        for w in (self.diff_toggle, self.loop_toggle):
            col.addWidget(w)
        transport.addLayout(col)
        col = QVBoxLayout()
        for w in (self.match_toggle, self.spectrogram_toggle):
            col.addWidget(w)
        transport.addLayout(col)
        transport.addWidget(self.time_label)
        transport.addWidget(self.meter, 1)
        transport.addWidget(self.output_device)
        transport.addWidget(self.export_button)
        outer.addLayout(transport)

        self.abx = AbxPanel(self)
        self.abx.play_source.connect(self._abx_play)
        self.abx.running_changed.connect(self._on_abx_running)
        outer.addWidget(self.abx)
        self.status = QLabel("Choose an original and a model, then Process.", self)
        self.status.setObjectName("listenStatus")
        self.status.setAccessibleName("Listen status")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

        for key, slot in (
            ("A", lambda: self._key_select("A")),
            ("B", lambda: self._key_select("B")),
            ("Tab", self._key_toggle),
            ("Space", self.toggle_play),
        ):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._set_loaded(False)

    # -- project and pickers -------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.sources.set_project(project)

    def set_original(self, path: str | Path) -> None:
        self.sources.set_original(path)

    def set_reference(self, path: str | Path | None) -> None:
        self.sources.set_reference(path)

    def set_model_path(self, path: str | Path) -> None:
        self.model_override = None
        self.sources.set_model_path(path)

    def set_model(self, model: ModelForInference) -> None:
        """Use a model already in memory (e.g. one just trained)."""
        self.model_override = model
        self.sources.set_model_path(model.source)

    # -- processing ----------------------------------------------------------------------
    def process(self) -> bool:
        """Process the original with the model in the background; False if it cannot start.

        In the first seconds after start-up torch may still be loading (gui.heavy_imports):
        then the click is kept and processing starts as soon as it has loaded.
        """
        original = self.original_combo.currentData()
        model_path = self.model_combo.currentData()
        if not original or not (model_path or self.model_override):
            self._say("Choose an original and a model first.")
            return False
        imports = heavy_imports()
        if not imports.is_ready():
            if self.process_button.isEnabled():
                self.process_button.setEnabled(False)
                self._say("Loading PyTorch… processing starts as soon as it has loaded.")
                imports.when_ready(self._process_after_loading)
            return True
        use_override = self.model_override is not None and model_path == self.model_override.source
        try:
            config = self.sources.config()
        except ValueError as exc:
            self._say(str(exc))
            return False
        out_dir = (self.project.cache_dir / "listen") if self.project else self._tmp
        tag = Path(str(model_path)).stem or "model"
        job = ComparisonJob(
            original=Path(original),
            out_path=out_dir / f"{Path(original).stem}.{tag}.wav",
            model_path=None if use_override else str(model_path),
            model=self.model_override if use_override else None,
            config=config,
            reference=Path(r) if (r := self.reference_combo.currentData()) else None,
        )
        self.player.pause()
        started = self.jobs.start(
            "process",
            lambda progress, should_cancel: compare_job(job, progress, should_cancel),
        )
        if started is None:
            return False
        started.progress.connect(self._on_progress)
        started.result.connect(self._on_processed)
        started.errored.connect(self._on_failed)
        self.sources.set_busy(True)
        self.progress.setValue(0)
        self._say(f"Processing {Path(original).name}…")
        return True

    def _process_after_loading(self) -> None:
        self.process_button.setEnabled(True)
        self.process()

    def _on_progress(self, done: int, total: int, _what: str = "") -> None:
        self.progress.setValue(int(1000 * done / total) if total else 0)

    def _on_failed(self, reason: str) -> None:
        self.sources.set_busy(False)
        self.progress.setValue(0)
        self._say(f"Processing failed: {reason}")
        self.process_failed.emit(reason)

    def open_processed(self, processed: str | Path, original: str | Path = "") -> bool:
        """Compare an already processed file (e.g. a training sample) with its original, read
        in the background (`compared` when shown). False when a file does not exist.

        Matches the Training tab's open_in_listen(processed, input) signal. Without an
        original the processed file plays as both A and B.
        """
        for path in (processed, original):
            if path and not Path(path).is_file():
                self._say(f"Cannot open: {path}: no such file")
                return False

        def work(progress, should_cancel):
            return compare_files(processed, original or None)

        job = self.jobs.start("compare", work, replace=True)
        job.result.connect(self._on_opened)
        job.errored.connect(self._on_open_failed)
        return True

    def _on_open_failed(self, reason: str) -> None:
        self._say(f"Cannot open: {reason}")

    def _on_opened(self, comparison: Comparison) -> None:
        self._show(comparison)
        r = comparison.result
        self._say(f"Comparing {Path(r.output).name} with {Path(r.input).name}.")

    def _on_processed(self, outcome: Comparison) -> None:
        self.sources.set_busy(False)
        self.progress.setValue(1000)
        self._show(outcome)
        r = outcome.result
        self._say(
            f"Processed {Path(r.input).name} with {outcome.model_name}: "
            f"{r.seconds_audio:.1f} s in {r.seconds_wall:.2f} s (real-time factor "
            f"{r.rtf:.3f}, {r.device}). Loudness match: A {self.player.match_gains_db[0]:+.1f} dB, "
            f"B {self.player.match_gains_db[1]:+.1f} dB."
            + "".join(f"\nWarning: {w}" for w in r.warnings)
        )
        self.processed.emit(outcome)

    def _show(self, outcome: Comparison) -> None:
        self.outcome = outcome
        sr, r = outcome.sample_rate, outcome.result
        for view, audio in ((self.view_a, outcome.original), (self.view_b, outcome.processed)):
            view.set_source(peaks.PeakPyramid.from_array(audio, sr), peaks.array_reader(audio))
        self.player.load(outcome.original, sr, outcome.processed, outcome.match_gains)
        self.player.set_loudness_match(self.match_toggle.isChecked())
        self.player.select("diff" if self.diff_toggle.isChecked() else self._ab())
        self._set_loaded(True)
        self.label_a.setText(f"A  original: {Path(r.input).name}")
        self.label_b.setText(f"B  processed with {outcome.model_name}")
        self.metrics_label.setText(self._metrics_text(outcome))
        self.compared.emit(outcome)

    @staticmethod
    def _metrics_text(outcome: Comparison) -> str:
        m = outcome.metrics
        if not m:
            return "Metrics need a clean reference."
        parts = [
            f"SI-SDR {m['si_sdr_original']:.1f} → {m['si_sdr_processed']:.1f} dB "
            f"({m['si_sdr_improvement']:+.1f})"
        ]
        for name, label, digits in (("pesq", "PESQ", 2), ("stoi", "STOI", 3)):
            before, after = m[f"{name}_original"], m[f"{name}_processed"]
            if math.isfinite(before) and math.isfinite(after):
                parts.append(f"{label} {before:.{digits}f} → {after:.{digits}f}")
            else:  # PESQ/STOI need a few seconds with speech in the reference
                parts.append(f"{label} — (no speech in the reference)")
        return "   ".join(parts)

    # -- transport -----------------------------------------------------------------------
    def _set_loaded(self, on: bool) -> None:
        for w in (
            self.play_button,
            self.stop_button,
            self.ab_toggle,
            self.diff_toggle,
            self.loop_toggle,
            self.export_button,
            self.abx,
        ):
            w.setEnabled(on)

    def _ab(self) -> str:
        return "B" if self.ab_toggle.isChecked() else "A"

    def select(self, source: str) -> None:
        """Switch the player to A or B (instant, crossfaded) and show it on the toggle."""
        self.ab_toggle.blockSignals(True)
        self.ab_toggle.setChecked(source == "B")
        self.ab_toggle.setText("B  processed" if source == "B" else "A  original")
        self.ab_toggle.blockSignals(False)
        if self.outcome is not None and not self.diff_toggle.isChecked():
            self.player.select(source)

    def _key_select(self, source: str) -> None:
        if self.outcome is not None and not self.abx.running:
            self.select(source)

    def _key_toggle(self) -> None:
        self._key_select("A" if self._ab() == "B" else "B")

    def _on_diff(self, on: bool) -> None:
        if self.outcome is not None:
            self.player.select("diff" if on else self._ab())

    def _on_match(self, on: bool) -> None:
        self.player.set_loudness_match(on)

    def _on_spectrogram(self, on: bool) -> None:
        self.view_a.set_spectrogram(on)
        self.view_b.set_spectrogram(on)

    def toggle_play(self) -> None:
        if self.outcome is None:
            return
        if self.player.is_playing:
            self.player.pause()
            return
        try:
            self.player.play()
        except PlaybackUnavailable as exc:
            self._say(f"Cannot play: {exc}")

    def stop(self) -> None:
        self.player.stop()
        self._tick()

    def _on_cursor(self, frame: int, other: WaveformView) -> None:
        if other.cursor != frame:
            other.blockSignals(True)
            other.set_cursor(frame)
            other.blockSignals(False)
        if self.outcome is not None and self.player.position != frame:
            self.player.seek(frame)

    def _on_selection(self, start: int, end: int, other: WaveformView) -> None:
        other.blockSignals(True)
        if end > start:
            other.set_selection(start, end)
        else:
            other.clear_selection()
        other.blockSignals(False)
        self._apply_loop()

    def _apply_loop(self, *_args) -> None:
        if self.outcome is None:
            return
        sel = self.view_a.selection()
        if self.loop_toggle.isChecked() and sel is not None and sel[1] - sel[0] >= 2:
            self.player.set_loop(*sel)
        else:
            self.player.set_loop(None)

    def _tick(self) -> None:
        if self.outcome is None:
            return
        pos = self.player.position
        for view in (self.view_a, self.view_b):
            view.set_playhead(pos)
        self.time_label.setText(format_time(pos / self.player.sample_rate))
        if self.player.is_playing:
            self.meter.set_levels(*self.player.levels())
        else:
            zeros = self.player.levels()[0] * 0
            self.meter.set_levels(zeros, zeros)
        self.play_button.setText("Pause" if self.player.is_playing else "Play")
        self.player.check()
        if self.player.error and self.status.text() != self.player.error:
            self._say(self.player.error)

    # -- devices -------------------------------------------------------------------------
    def _refresh_devices(self) -> None:
        self.output_device.blockSignals(True)
        self.output_device.clear()
        self.output_device.addItem("System default output", None)
        try:
            for dev in list_output_devices():
                self.output_device.addItem(dev.name, dev.name)
        except PlaybackUnavailable as exc:
            self._say(str(exc))
            self.output_device.setEnabled(False)
        self.output_device.blockSignals(False)

    def set_output_device(self, name: str | None) -> None:
        i = self.output_device.findData(name)
        if i < 0:
            self.output_device.addItem(str(name), name)
            i = self.output_device.count() - 1
        self.output_device.setCurrentIndex(i)

    def _on_output_device(self) -> None:
        self.player.set_device(self.output_device.currentData())

    # -- ABX -----------------------------------------------------------------------------
    def _on_abx_running(self, on: bool) -> None:
        # A blind test must not be won by loudness or by reading the toggle.
        if on:
            self.match_toggle.setChecked(True)
            self.diff_toggle.setChecked(False)
        for w in (self.ab_toggle, self.diff_toggle, self.match_toggle):
            w.setEnabled(not on and self.outcome is not None)

    def _abx_play(self, source: str) -> None:
        self.player.select(source)
        if not self.player.is_playing:
            self.toggle_play()

    # -- export --------------------------------------------------------------------------
    def _ask_export(self) -> None:
        if self.outcome is None:
            return
        suggested = Path(self.outcome.result.output).name
        path, _ = QFileDialog.getSaveFileName(
            self, "Export processed audio", suggested, "WAV (*.wav);;FLAC (*.flac)"
        )
        if path:
            self.export_processed(path)

    def export_processed(self, path: str | Path) -> Path:
        """Save the processed audio (same rate, channels and length as the original)."""
        from core.audio.io import write_audio

        path = Path(path)
        src = Path(self.outcome.result.output)
        if path.suffix.lower() == src.suffix.lower():
            path.parent.mkdir(parents=True, exist_ok=True)  # write_audio does the same
            shutil.copyfile(src, path)
        else:
            write_audio(path, self.outcome.processed, self.outcome.sample_rate, "PCM_24")
        self._say(f"Exported {path}")
        return path

    # -- misc ----------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)
        log.info("listen: %s", text)

    def _restore_settings(self) -> None:
        s = QSettings()
        self.match_toggle.setChecked(s.value("listen/match", True, bool))
        self.strength.setValue(int(s.value("listen/strength", 100, int)))
        self.atten_limit.setValue(float(s.value("listen/attenLimit", 0.0, float)))
        device = s.value("listen/outputDevice", None)
        if device:
            i = self.output_device.findData(device)
            if i >= 0:
                self.output_device.setCurrentIndex(i)

    def _save_settings(self) -> None:
        s = QSettings()
        s.setValue("listen/match", self.match_toggle.isChecked())
        s.setValue("listen/strength", self.strength.value())
        s.setValue("listen/attenLimit", self.atten_limit.value())
        s.setValue("listen/outputDevice", self.output_device.currentData() or "")

    def shutdown(self) -> None:
        self._save_settings()
        self.timer.stop()
        for key in ("process", "compare"):  # processing writes into the folder removed below
            self.jobs.cancel(key, discard=True, wait=True)
        if self._own_jobs:
            self.jobs.shutdown()
        self.player.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
