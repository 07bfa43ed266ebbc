"""The Training tab's progress: the run and epoch bars, ETA, speed and the cache being built,
updated from buffered events on a timer like the plots."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from core.train import events as ev
from core.units import MIB, format_bytes, format_duration


class ProgressPanel(QWidget):
    """Epoch and whole-run progress bars with an ETA from the step rate of this session.

    QProgressBar.setValue repaints synchronously whenever its text changes, so steps only
    record the latest state and a timer applies it a few times a second.
    """

    def __init__(self, parent: QWidget | None = None, refresh_ms: int = 250) -> None:
        super().__init__(parent)
        self._pending: ev.StepDone | ev.EpochDone | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.setObjectName("progressPanel")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.epoch_bar = QProgressBar(self)
        self.epoch_bar.setObjectName("epochProgress")
        self.epoch_bar.setAccessibleName("Epoch progress")
        self.run_bar = QProgressBar(self)
        self.run_bar.setObjectName("runProgress")
        self.run_bar.setAccessibleName("Run progress")
        self.epoch_label = QLabel("Epoch —")
        self.epoch_label.setObjectName("epochLabel")
        self.run_label = QLabel("Run —")
        self.run_label.setObjectName("runLabel")
        self.eta_label = QLabel("ETA —")
        self.eta_label.setObjectName("etaLabel")
        self.eta_label.setAccessibleName("Estimated time left")
        grid.addWidget(self.epoch_label, 0, 0)
        grid.addWidget(self.epoch_bar, 0, 1)
        grid.addWidget(self.run_label, 1, 0)
        grid.addWidget(self.run_bar, 1, 1)
        # GPU memory, read at a glance (the curve is on the learning-rate plot's right axis);
        # hidden until a step reports it, so a CPU run keeps the ETA centred.
        self.gpu_label = QLabel(self)
        self.gpu_label.setObjectName("gpuMemoryLabel")
        self.gpu_label.setAccessibleName(self.tr("GPU memory"))
        self.gpu_label.setToolTip(
            self.tr(
                "GPU memory the last training step allocated at its peak, and the most any "
                "step of this run has (PyTorch's allocator; the driver reserves some more)."
            )
        )
        self.gpu_label.hide()
        grid.addWidget(self.eta_label, 0, 2, 2, 1)
        grid.addWidget(self.gpu_label, 1, 2)
        grid.setColumnStretch(1, 1)
        self.reset()

    def reset(self) -> None:
        self.total_epochs = 0
        self.steps_per_epoch = 0
        self.hours = 0.0
        self._t0: float | None = None
        self._step0 = 0
        self.last_step: ev.StepDone | None = None
        self._pending = None
        self._cache_t0: tuple[float, int] | None = None
        self.eta_seconds = float("nan")
        self.gpu_peak_mb: float | None = None  # the most any step of the shown run reported
        self._show_gpu(None)
        for bar in (self.epoch_bar, self.run_bar):
            bar.setRange(0, 1000)
            bar.setValue(0)
        self.epoch_label.setText("Epoch —")
        self.run_label.setText("Run —")
        self.eta_label.setText("ETA —")

    def started(self, e: ev.TrainStarted, hours: float = 0.0) -> None:
        self.total_epochs = max(e.total_epochs, 1)
        self.steps_per_epoch = max(e.steps_per_epoch, 1)
        self.hours = hours
        self._t0 = time.monotonic()
        self._step0 = e.step
        self.epoch_label.setText(f"Epoch {e.epoch + 1}/{self.total_epochs}")
        self.run_label.setText(f"Run, step {e.step:,}")
        self.eta_label.setText("ETA —")
        self.run_bar.setValue(int(1000 * e.epoch / self.total_epochs))
        self.epoch_bar.setValue(0)

    def update_steps(self, steps: list[ev.StepDone]) -> None:
        """Only the last step of a batch matters for the bars."""
        if steps:
            self._pending = steps[-1]
            self.last_step = steps[-1]
            reported = [s.gpu_mem_mb for s in steps if s.gpu_mem_mb is not None]
            if reported:
                self.gpu_peak_mb = max(reported + [self.gpu_peak_mb or 0.0])

    def refresh(self) -> None:
        s, self._pending = self._pending, None
        if isinstance(s, ev.EpochDone):
            self._show_epoch_end(s)
        elif s is not None:
            self._show_step(s)

    def _show_step(self, s: ev.StepDone) -> None:
        spe = max(s.steps_per_epoch, 1)
        self.steps_per_epoch = spe
        total = max(self.total_epochs, s.epoch + 1)
        done_in_run = s.epoch * spe + s.step_in_epoch
        _set_bar(self.epoch_bar, int(1000 * s.step_in_epoch / spe))
        _set_bar(self.run_bar, int(1000 * min(done_in_run / (total * spe), 1.0)))
        _set_text(self.epoch_label, f"Epoch {s.epoch + 1}/{total}")
        _set_text(self.run_label, f"Run, step {s.step:,}")
        self._show_gpu(s.gpu_mem_mb)
        if self._t0 is not None and s.step > self._step0:
            rate = (s.step - self._step0) / max(time.monotonic() - self._t0, 1e-6)
            eta = (total * spe - done_in_run) / rate
            if self.hours > 0:
                eta = min(eta, self.hours * 3600 - (time.monotonic() - self._t0))
            self.eta_seconds = max(eta, 0.0)
            _set_text(self.eta_label, f"ETA {format_duration(self.eta_seconds)}")

    def _show_gpu(self, mb: float | None) -> None:
        """The step's GPU memory and the run's peak; with it the ETA shares its column."""
        shown = mb is not None and self.gpu_peak_mb is not None
        if shown:
            _set_text(
                self.gpu_label,
                self.tr("GPU {now} (peak {peak})").format(
                    now=format_bytes(mb * MIB), peak=format_bytes(self.gpu_peak_mb * MIB)
                ),
            )
        if shown != self.gpu_label.isVisibleTo(self):
            grid = self.layout()
            grid.removeWidget(self.eta_label)
            grid.addWidget(self.eta_label, 0, 2, 1 if shown else 2, 1)
            self.gpu_label.setVisible(shown)

    def _show_epoch_end(self, e: ev.EpochDone) -> None:
        if self.last_step is not None and self.last_step.epoch == e.epoch:
            self._show_step(self.last_step)
        total = max(self.total_epochs, e.epoch + 1)
        _set_bar(self.run_bar, int(1000 * (e.epoch + 1) / total))
        _set_bar(self.epoch_bar, 1000)

    def cache_progress(self, e: ev.CacheProgress) -> None:
        """Building the training cache: the run bar shows it, with its own ETA."""
        if e.done == 0 or self._cache_t0 is None:
            self._cache_t0 = (time.monotonic(), e.done)
        total = max(e.total, 1)
        _set_bar(self.run_bar, int(1000 * e.done / total))
        _set_text(self.epoch_label, "Preparing")
        _set_text(self.run_label, f"Cache {e.done:,}/{e.total:,} segments")
        t0, done0 = self._cache_t0
        elapsed = time.monotonic() - t0
        if e.done > done0 and elapsed > 0:
            left = (e.total - e.done) / ((e.done - done0) / elapsed)
            _set_text(self.eta_label, f"Cache ETA {format_duration(max(left, 0.0))}")
        else:
            _set_text(self.eta_label, "Building cache…")

    def epoch_finished(self, e: ev.EpochDone) -> None:
        """Shown at the next tick, like steps: an attached run brings hundreds at once."""
        self._pending = e

    def finished(self, f: ev.Finished) -> None:
        self.refresh()
        self.eta_label.setText(f"{f.status.replace('_', ' ')}")
        if f.status == "completed":
            self.run_bar.setValue(1000)


def _set_bar(bar: QProgressBar, value: int) -> None:
    if bar.value() != value:
        bar.setValue(value)


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
