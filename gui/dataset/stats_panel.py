"""Statistics and advice for the whole dataset (in the background) and for the selection."""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.dataset.measure import measure_audio
from gui.dataset.import_controller import TaskThread

log = logging.getLogger(__name__)

SELECTION_MAX_FRAMES = 48000 * 600  # longer selections are not measured at all
SELECTION_SYNC_SECONDS = 5.0  # shorter ones are measured at once, longer ones in a thread


def format_selection_stats(m: dict) -> str:
    def db(v):
        return "−∞" if v is None or not np.isfinite(v) else f"{v:.1f}"

    return (
        f"Selection: {m['seconds']:.3f} s, voiced {m['voiced_seconds']:.2f} s\n"
        f"peak {db(m['peak_dbfs'])} dBFS, RMS {db(m['rms_dbfs'])} dBFS, "
        f"loudness {db(m['lufs'])} LUFS\n"
        f"DC offset {m['dc_offset']:.4f}, clipped {100 * m['clipped_fraction']:.3f} %"
    )


class DatasetStatsPanel(QWidget):
    stats_ready = Signal(object)  # core.dataset.stats.DatasetStats

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetStatsPanel")
        self.project = None
        self.stats = None
        self._thread: TaskThread | None = None
        self._selection_generation = 0  # results of older selections are dropped
        self._selection_threads: list[TaskThread] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.status = QLabel("No statistics yet.", self)
        self.status.setObjectName("statsStatus")
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.setObjectName("statsRefresh")
        self.refresh_button.setAccessibleName("Refresh dataset statistics")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.status, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("datasetStatsText")
        self.text.setAccessibleName("Dataset statistics and advice")
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 3)
        self.selection_label = QLabel("Select a range to measure it.", self)
        self.selection_label.setObjectName("selectionStats")
        self.selection_label.setAccessibleName("Statistics of the selection")
        self.selection_label.setWordWrap(True)
        layout.addWidget(self.selection_label)

    def set_project(self, project) -> None:
        self.project = project
        self.stats = None
        self.text.setPlainText("")
        self.status.setText("No statistics yet." if project else "No project.")
        if project is not None:
            self.refresh()

    def refresh(self) -> None:
        """Measure the dataset in a worker thread; a running measurement is cancelled first."""
        if self.project is None:
            return
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
        from core.dataset.stats import dataset_stats

        project = self.project

        def work(progress, should_cancel):
            return dataset_stats(project, progress=progress, should_cancel=should_cancel)

        thread = TaskThread(work, "statsThread", self)
        thread.progress.connect(self._on_progress)
        thread.result.connect(self._on_stats)
        thread.error.connect(self._on_error)
        thread.finished.connect(self._on_finished)
        self._thread = thread
        self.status.setText("Measuring…")
        thread.start()

    def _on_progress(self, done: int, total: int, _path: str) -> None:
        if self.sender() is self._thread:
            self.status.setText(f"Measuring {done}/{total}…")

    def _on_error(self, msg: str) -> None:
        if self.sender() is self._thread:
            self.status.setText(f"Statistics failed: {msg}")

    def _on_finished(self) -> None:
        thread = self.sender()
        if thread is self._thread:
            self._thread = None
        if thread is not None:
            thread.deleteLater()

    def _on_stats(self, stats) -> None:
        if self.sender() is not self._thread:
            return  # a result from a cancelled run
        self.stats = stats
        self.text.setPlainText(stats.format_text(per_file=True))
        self.status.setText(f"{stats.clip_count} clips measured in {stats.elapsed_seconds:.1f} s")
        self.stats_ready.emit(stats)

    def show_selection(self, audio: np.ndarray | None, sr: int) -> None:
        if audio is None or len(audio) == 0:
            self.selection_label.setText("Select a range to measure it.")
            return
        if len(audio) > SELECTION_MAX_FRAMES:
            self.selection_label.setText("Selection too long to measure here; use the dataset.")
            return
        self.selection_label.setText(format_selection_stats(measure_audio(audio, sr, -40.0)))

    def measure_selection(self, read, start: int, end: int, sr: int) -> None:
        """Measure frames [start, end) given by read(start, end); long ones off the GUI thread."""
        self._selection_generation += 1
        generation = self._selection_generation
        if end <= start:
            self.show_selection(None, sr)
            return
        if end - start > SELECTION_MAX_FRAMES:
            self.selection_label.setText("Selection too long to measure; use the dataset.")
            return
        if end - start <= SELECTION_SYNC_SECONDS * sr:
            self.show_selection(np.asarray(read(start, end)), sr)
            return

        def work(progress, should_cancel):
            return measure_audio(np.asarray(read(start, end)), sr, -40.0)

        thread = TaskThread(work, "selectionStatsThread", self)
        thread.context["generation"] = generation
        thread.result.connect(self._selection_measured)
        thread.error.connect(self._selection_failed)
        thread.finished.connect(self._forget)
        self._selection_threads.append(thread)
        self.selection_label.setText(f"Measuring {(end - start) / sr:.1f} s…")
        thread.start()

    def _selection_measured(self, measurement: dict) -> None:
        if self.sender().context["generation"] == self._selection_generation:
            self.selection_label.setText(format_selection_stats(measurement))

    def _selection_failed(self, msg: str) -> None:
        if self.sender().context["generation"] == self._selection_generation:
            self.selection_label.setText(f"Cannot measure: {msg}")

    def _forget(self) -> None:
        thread = self.sender()
        if thread in self._selection_threads:
            self._selection_threads.remove(thread)
        thread.deleteLater()

    def shutdown(self) -> None:
        for thread in list(self._selection_threads):
            thread.wait()
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
