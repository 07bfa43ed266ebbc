"""Background processing for the Listen tab: model loading, processing, reading, metrics.

One bridge between threads: a ProcessThread runs the whole job with core functions and
turns progress, the result and any error into Qt signals queued to the GUI thread.
Cancelling is cooperative: core.listen.inference checks the flag between blocks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from gui.dataset.import_controller import release_finished_thread

if TYPE_CHECKING:  # core.listen.inference imports torch: not on the window's start-up path
    from core.listen.inference import ProcessConfig, ProcessResult
    from core.listen.model_loading import ModelForInference

log = logging.getLogger(__name__)


def _default_config() -> ProcessConfig:
    from core.listen.inference import ProcessConfig

    return ProcessConfig()


@dataclass
class ListenJob:
    original: Path
    out_path: Path
    model_path: str | None = None  # loaded in the thread when `model` is None
    model: ModelForInference | None = None
    config: ProcessConfig = field(default_factory=_default_config)
    reference: Path | None = None  # a clean version of the original, for metrics


@dataclass
class ListenOutcome:
    original: np.ndarray  # (frames, channels) float32
    processed: np.ndarray
    sample_rate: int
    result: ProcessResult
    model_name: str
    metrics: dict[str, float] | None = None
    match_gains: tuple[float, float] = (1.0, 1.0)  # linear gains that equalise LUFS


def run_job(job: ListenJob, progress, should_cancel) -> ListenOutcome:
    """Everything the tab needs after pressing Process, done off the GUI thread."""
    from core.audio.io import read_audio
    from core.listen.inference import process_file
    from core.listen.model_loading import load_for_inference

    model = job.model or load_for_inference(job.model_path)
    config = model.config_for(job.config)  # "model's choice": the limit validation found
    result = process_file(
        model.model,
        model.sample_rate,
        job.original,
        job.out_path,
        config,
        progress=progress,
        should_cancel=should_cancel,
        delay=model.delay,
        trained_band_hz=model.trained_band_hz,
    )
    original, sr = read_audio(job.original)
    processed, _ = read_audio(job.out_path)
    from core.listen.playback import loudness_match_gains

    gains = loudness_match_gains(original, processed, sr)
    metrics = None
    if job.reference is not None:
        from core.audio.quality import reference_metrics

        reference, ref_sr = read_audio(job.reference)
        metrics = reference_metrics(original, processed, sr, reference, ref_sr)
    name = Path(model.source).name
    return ListenOutcome(original, processed, sr, result, name, metrics, gains)


class ProcessThread(QThread):
    progress = Signal(int, int)
    result = Signal(object)
    error = Signal(str)

    def __init__(self, job: ListenJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listenProcessThread")
        self._job = job
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            out = run_job(
                self._job,
                lambda done, total: self.progress.emit(int(done), int(total)),
                lambda: self._cancel,
            )
        except Exception as exc:  # shown in the tab, never lost in the thread
            log.exception("processing %s failed", self._job.original)
            self.error.emit(str(exc) or type(exc).__name__)
            return
        self.result.emit(out)


class ProcessController(QObject):
    """Runs one ListenJob at a time in a ProcessThread."""

    started = Signal()
    progress = Signal(int, int)  # frames done, frames total
    finished = Signal(object)  # ListenOutcome
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listenProcessController")
        self._thread: ProcessThread | None = None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, job: ListenJob) -> bool:
        if self.is_running():
            return False
        thread = ProcessThread(job, self)
        thread.progress.connect(self.progress)
        thread.result.connect(self.finished)
        thread.error.connect(self.failed)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        self.started.emit()
        thread.start()
        return True

    def _on_thread_finished(self) -> None:
        self._thread = release_finished_thread(self.sender(), self._thread)

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel()

    def shutdown(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.cancel()
            thread.wait(30000)
