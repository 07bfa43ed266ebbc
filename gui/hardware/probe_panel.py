"""The measured batch size: real training steps at growing batch sizes (core.hardware.batch_probe),
run as the background job `probe`, and the table of what fitted."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.hardware.advice_rules import choose_batch
from core.hardware.batch_probe import ProbeConfig, ProbeResult, probe_for_config
from core.hardware.detect import MachineInfo
from core.messages import device_words
from gui.jobs import Job, Jobs
from gui.localized import error_text, format_bytes, format_text, number, translated
from gui.widgets import factory

log = logging.getLogger(__name__)

TABLE_COLUMNS = (
    QT_TRANSLATE_NOOP("ProbePanel", "Batch"),
    QT_TRANSLATE_NOOP("ProbePanel", "Peak memory"),
    QT_TRANSLATE_NOOP("ProbePanel", "Examples/s"),
    QT_TRANSLATE_NOOP("ProbePanel", "Seconds/step"),
    QT_TRANSLATE_NOOP("ProbePanel", "Within budget"),
)
RECOMMENDED_BRUSH = QBrush(QColor("#d1e7dd"))


def epoch_timing(project, train_cfg, result: ProbeResult, device: str, progress, should_cancel):
    """An epoch timed on `project`'s data at the advised batch (core.hardware.epoch_timing);
    None without a project, when the probe advised nothing, or when it cannot train yet
    (the advice then says what the probe's steps alone give)."""
    from core.hardware.epoch_timing import TimingCancelled, time_advised_epoch
    from core.train.data import DataError

    if project is None:
        return None
    try:
        return time_advised_epoch(project, train_cfg, result, device, progress, should_cancel)
    except TimingCancelled:
        return None
    except DataError as exc:
        log.info("epoch not timed: %s", exc)
        return None


class ProbePanel(QGroupBox):
    started = Signal()  # a probe began (the tab brings its dataset size up to date)
    finished = Signal(object)  # ProbeResult
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        jobs: Jobs,
        train_config: Callable[[], object],
        project: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Batch size that fits (measured)"))
        self.setObjectName("hwProbeBox")
        self.setProperty("card", True)
        self.jobs = jobs
        self._train_config = train_config  # raises ValueError with the reason when invalid
        self._project = project  # whose data an epoch is timed on (None: no timing)
        self.probe: ProbeResult | None = None
        self.timing = None  # EpochTiming at the advised batch, when a project was open
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.device_combo = factory.combo(
            self, "hwDeviceCombo", self.tr("Device to measure on"), ["cpu"]
        )
        self.safety_spin = factory.spin(
            self,
            "hwSafetySpin",
            self.tr("Safety fraction of free memory"),
            0.3,
            0.9,
            0.7,
            decimals=2,
            step=0.05,
        )
        self.safety_spin.setToolTip(
            self.tr(
                "Share of free memory the recommended batch may use at its peak; the rest "
                "absorbs fragmentation, longer clips and other programs."
            )
        )
        self.max_batch_spin = factory.int_spin(
            self, "hwMaxBatchSpin", self.tr("Largest batch to try"), 1, 1024, 64
        )
        self.source_label = QLabel(self.tr("Model: the Training tab's settings"), self)
        self.source_label.setObjectName("hwConfigSource")
        self.source_label.hide()
        row.addWidget(self.source_label)
        for text, w in (
            (self.tr("Device"), self.device_combo),
            (self.tr("Safety"), self.safety_spin),
            (self.tr("Up to"), self.max_batch_spin),
        ):
            lbl = QLabel(text, self)
            lbl.setBuddy(w)
            row.addWidget(lbl)
            row.addWidget(w)
        self.measure_button = factory.button(
            self, self.tr("Measure batch size"), "hwMeasureButton", slot=self.start_probe
        )
        self.cancel_button = factory.button(
            self, self.tr("Cancel", "abandon the job"), "hwCancelProbeButton",
            slot=self.cancel_probe, accessible=self.tr("Cancel measuring"),
        )  # fmt: skip
        self.cancel_button.setEnabled(False)
        row.addWidget(self.measure_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        v.addLayout(row)
        self.probe_progress = QProgressBar(self)
        self.probe_progress.setObjectName("hwProbeProgress")
        self.probe_progress.setAccessibleName(self.tr("Measuring progress"))
        self.probe_progress.setTextVisible(True)
        self.probe_progress.hide()
        v.addWidget(self.probe_progress)
        self.probe_summary = QLabel(
            self.tr(
                "Runs real training steps of the model at growing batch sizes and recommends "
                "the largest that stays within the safety share of free memory."
            ),
            self,
        )
        self.probe_summary.setObjectName("hwProbeSummary")
        self.probe_summary.setWordWrap(True)
        v.addWidget(self.probe_summary)
        self.table = QTableWidget(0, len(TABLE_COLUMNS), self)
        self.table.setObjectName("hwProbeTable")
        self.table.setAccessibleName(self.tr("Measured batch sizes"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in TABLE_COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        v.addWidget(self.table)

    def set_devices(self, machine: MachineInfo) -> None:
        """Offer the machine's GPUs and the CPU, keeping the choice when it is still there."""
        current = self.device_combo.currentText()
        devices = [
            f"{g.backend}:{g.index}" if g.backend == "cuda" else g.backend for g in machine.gpus
        ]
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        self.device_combo.addItems(devices + ["cpu"])
        if current in devices:
            self.device_combo.setCurrentText(current)
        self.device_combo.blockSignals(False)

    def probe_running(self) -> bool:
        return self.jobs.busy("probe")

    def start_probe(self) -> None:
        if self.probe_running():
            return
        try:
            train_cfg = self._train_config()
            probe_cfg = ProbeConfig(
                safety_fraction=round(self.safety_spin.value(), 2),
                max_batch=self.max_batch_spin.value(),
            )
        except Exception as exc:
            self.probe_summary.setText(
                self.tr("Cannot measure: {reason}").format(reason=error_text(exc))
            )
            self.failed.emit(str(exc))
            return
        self.started.emit()
        device = self.device_combo.currentText() or "cpu"

        project = self._project()

        def work(progress, should_cancel):
            def said(msg, done, total):
                progress(done, total, msg)

            result = probe_for_config(train_cfg, device, probe_cfg, progress=said,
                                      should_cancel=should_cancel, project=project)  # fmt: skip
            return result, epoch_timing(project, train_cfg, result, device, said, should_cancel)

        self.measure_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.probe_progress.setRange(0, 0)
        self.probe_progress.setFormat(self.tr("Starting…"))
        self.probe_progress.show()
        self.probe_summary.setText(
            self.tr("Measuring on {device}…").format(device=translated(device_words(device)))
        )
        job = self.jobs.start("probe", work)
        job.progress.connect(self._probe_progress)
        job.result.connect(self._probe_done)
        job.errored.connect(self._probe_error)
        job.finished.connect(self._probe_ended)

    def cancel_probe(self) -> None:
        if self.probe_running():
            self.jobs.cancel("probe")
            self.probe_progress.setFormat(self.tr("Cancelling after this step…"))

    def _probe_progress(self, done: int, total: int, what: str) -> None:
        self.probe_progress.setRange(0, max(total, 1))
        self.probe_progress.setValue(done)
        self.probe_progress.setFormat(translated(what))

    def _probe_done(self, done: tuple) -> None:
        self.probe, self.timing = done
        self.fill_table()
        self.finished.emit(self.probe)

    def _probe_error(self, message: str) -> None:
        job = self.sender()
        cancelled = isinstance(job, Job) and job.cancelled
        self.probe_summary.setText(
            self.tr("Measuring cancelled.")
            if cancelled
            else self.tr("Measuring failed: {reason}").format(reason=translated(message))
        )
        if not cancelled:
            log.warning("batch probe failed: %s", message)
        self.failed.emit(message)

    def _probe_ended(self) -> None:
        self.measure_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.probe_progress.hide()

    def clear(self) -> None:
        self.probe = self.timing = None
        self.fill_table()

    def fill_table(self) -> None:
        r = self.probe
        self.table.setRowCount(0)
        if r is None:
            return
        bold = QFont()
        bold.setBold(True)
        choice = choose_batch(r)
        advised = choice.batch if choice is not None else r.recommended_batch
        for p in r.points:
            row = self.table.rowCount()
            self.table.insertRow(row)
            fits = p.status == "ok" and p.peak_bytes <= r.budget_bytes
            if p.status == "ok":
                fastest = self.tr("  (fastest)") if p.batch_size == r.fastest_batch else ""
                cells = [
                    str(p.batch_size),
                    format_bytes(p.peak_bytes),
                    number(p.samples_per_s, 1) + fastest,
                    number(p.seconds_per_step, 3),
                    self.tr("yes") if fits else self.tr("no"),
                ]
            else:
                failure = self.tr("out of memory") if p.status == "oom" else self.tr("error")
                cells = [str(p.batch_size), failure, "", "", self.tr("no")]
            if p.batch_size == advised:
                cells[0] += self.tr("  ← advised")
            elif p.batch_size == r.recommended_batch:
                cells[0] += self.tr("  (largest that fits)")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if p.batch_size == advised:
                    item.setBackground(RECOMMENDED_BRUSH)
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        why = f" ({html.escape(translated(choice.why))})" if choice is not None else ""
        self.probe_summary.setText(
            format_text(
                self.tr(
                    "On {device}: advised batch <b>{batch}</b>{why}. Budget {budget} = {share:.0%} of "
                    "{free} free; memory ≈ {fixed} + {per_example} per example ({kind})."
                ),
                device=html.escape(r.device_name),
                batch=advised,
                why=why,
                budget=format_bytes(r.budget_bytes),
                share=r.safety_fraction,
                free=format_bytes(r.free_bytes),
                fixed=format_bytes(r.fit_a),
                per_example=format_bytes(r.fit_b),
                kind=r.memory_kind,
            )  # fmt: skip
        )

    def recommended_row(self) -> int | None:
        """The highlighted row: the advised batch (core.hardware.advice_rules.choose_batch)."""
        if self.probe is None:
            return None
        choice = choose_batch(self.probe)
        advised = choice.batch if choice is not None else self.probe.recommended_batch
        for row, p in enumerate(self.probe.points):
            if p.batch_size == advised:
                return row
        return None

    def restore_settings(self, s: QSettings) -> None:
        self.safety_spin.setValue(float(s.value("safety", 0.7)))
        self.max_batch_spin.setValue(int(s.value("maxBatch", 64)))

    def save_settings(self, s: QSettings) -> None:
        s.setValue("safety", self.safety_spin.value())
        s.setValue("maxBatch", self.max_batch_spin.value())

    def shutdown(self) -> None:
        self.jobs.cancel("probe", discard=True)
