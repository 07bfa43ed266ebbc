"""Statistics and advice for the whole dataset (in the background) and for the selection.

Both run as background jobs (gui.jobs, keys `stats` and `selection_stats`), each replacing
the one before: only the latest measurement is shown."""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.dataset.measure import measure_audio
from gui.dataset.class_stats_view import ClassStatsView
from gui.jobs import Jobs
from gui.localized import error_text, format_text, number, translated

log = logging.getLogger(__name__)

SELECTION_MAX_FRAMES = 48000 * 600  # longer selections are not measured at all
SELECTION_SYNC_SECONDS = 5.0  # shorter ones are measured at once, longer ones in a thread


def format_selection_stats(m: dict) -> str:
    def db(v):
        return "−∞" if v is None or not np.isfinite(v) else number(v, 1)

    return format_text(
        QCoreApplication.translate(
            "DatasetStatsPanel",
            "Selection: {seconds:.3f} s, voiced {voiced:.2f} s\n"
            "peak {peak} dBFS, RMS {rms} dBFS, loudness {lufs} LUFS\n"
            "DC offset {dc:.4f}, clipped {clipped:.3f} %",
        ),
        seconds=m["seconds"],
        voiced=m["voiced_seconds"],
        peak=db(m["peak_dbfs"]),
        rms=db(m["rms_dbfs"]),
        lufs=db(m["lufs"]),
        dc=m["dc_offset"],
        clipped=100 * m["clipped_fraction"],
    )


class DatasetStatsPanel(QWidget):
    stats_ready = Signal(object)  # core.dataset.stats.DatasetStats

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetStatsPanel")
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project = None
        self.stats = None
        self._config_provider = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.status = QLabel(self.tr("No statistics yet."), self)
        self.status.setObjectName("statsStatus")
        # Wrapped: its text changes with each measurement, and a one-line text set the
        # side panel's minimum width, so the panels beside it moved from clip to clip.
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("statsRefresh")
        self.refresh_button.setAccessibleName(self.tr("Refresh dataset statistics"))
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.status, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("datasetStatsText")
        self.text.setAccessibleName(self.tr("Dataset statistics and advice"))
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 3)
        # A labelled project's classes: the table per class and split, the imbalance chart.
        self.class_view = ClassStatsView(self, self.jobs)
        layout.addWidget(self.class_view, 4)
        self.selection_label = QLabel(self.tr("Select a range to measure it."), self)
        self.selection_label.setObjectName("selectionStats")
        self.selection_label.setAccessibleName(self.tr("Statistics of the selection"))
        self.selection_label.setWordWrap(True)
        layout.addWidget(self.selection_label)

    def set_config_provider(self, provider) -> None:
        """Where the training settings come from (the Training tab's form; it returns None
        while its fields are invalid): the statistics count segments as they will train."""
        self._config_provider = provider

    def set_project(self, project) -> None:
        self.shutdown()  # nothing may read the project being closed
        self.project = project
        self.stats = None
        self.text.setPlainText("")
        self.status.setText(self.tr("No statistics yet.") if project else self.tr("No project."))
        self.class_view.set_project(project)
        if project is not None:
            self.refresh()

    def refresh(self) -> None:
        """Measure the dataset in the background; a running measurement is discarded."""
        if self.project is None:
            return
        from core.dataset.stats import dataset_stats

        project = self.project
        settings = {}
        config = self._config_provider() if self._config_provider is not None else None
        if config is not None:
            # Counted as training will cut them: its segment length, silence and rate.
            data = config.data
            settings = {
                "segment_seconds": data.segment_seconds,
                "silence": data.silence,
                "training_rate": data.sample_rate,
            }

        def work(progress, should_cancel):
            return dataset_stats(
                project, progress=progress, should_cancel=should_cancel, **settings
            )

        self.class_view.refresh(config.classify.features if config is not None else None)
        job = self.jobs.start("stats", work, replace=True)
        job.progress.connect(self._on_progress)
        job.result.connect(self._on_stats)
        job.errored.connect(self._on_error)
        self.status.setText(self.tr("Measuring…"))

    def _on_progress(self, done: int, total: int, _path: str) -> None:
        self.status.setText(self.tr("Measuring {done}/{total}…").format(done=done, total=total))

    def _on_error(self, msg: str) -> None:
        self.status.setText(self.tr("Statistics failed: {reason}").format(reason=error_text(msg)))

    def _on_stats(self, stats) -> None:
        self.stats = stats
        self.text.setPlainText(stats.format_text(per_file=True, say=translated))
        self.status.setText(
            format_text(
                self.tr("%n clip(s) measured in {seconds:.1f} s", "", stats.clip_count),
                seconds=stats.elapsed_seconds,
            )
        )
        self.stats_ready.emit(stats)

    def show_selection(self, audio: np.ndarray | None, sr: int) -> None:
        if audio is None or len(audio) == 0:
            self.selection_label.setText(self.tr("Select a range to measure it."))
            return
        if len(audio) > SELECTION_MAX_FRAMES:
            self.selection_label.setText(
                self.tr("Selection too long to measure here; use the dataset.")
            )
            return
        self.selection_label.setText(format_selection_stats(measure_audio(audio, sr)))

    def measure_selection(self, read, start: int, end: int, sr: int) -> None:
        """Measure frames [start, end) given by read(start, end); long ones off the GUI thread."""
        # Whatever was being measured belongs to an older selection.
        self.jobs.cancel("selection_stats", discard=True)
        if end <= start:
            self.show_selection(None, sr)
            return
        if end - start > SELECTION_MAX_FRAMES:
            self.selection_label.setText(self.tr("Selection too long to measure; use the dataset."))
            return
        if end - start <= SELECTION_SYNC_SECONDS * sr:
            self.show_selection(np.asarray(read(start, end)), sr)
            return

        def work(progress, should_cancel):
            return measure_audio(np.asarray(read(start, end)), sr)

        job = self.jobs.start("selection_stats", work, replace=True)
        job.result.connect(self._selection_measured)
        job.errored.connect(self._selection_failed)
        self.selection_label.setText(
            format_text(self.tr("Measuring {seconds:.1f} s…"), seconds=(end - start) / sr)
        )

    def _selection_measured(self, measurement: dict) -> None:
        self.selection_label.setText(format_selection_stats(measurement))

    def _selection_failed(self, msg: str) -> None:
        self.selection_label.setText(
            self.tr("Cannot measure: {reason}").format(reason=error_text(msg))
        )

    def shutdown(self) -> None:
        """Stop measuring and wait: both read the project that is about to close."""
        for key in ("selection_stats", "stats"):
            self.jobs.cancel(key, discard=True, wait=True)
        self.class_view.shutdown()
