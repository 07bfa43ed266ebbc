"""The Hardware tab: what this machine has, the batch size that fits, and how long training takes.

All logic lives in core.hardware.detect (detection), core.hardware.batch_probe (the measured batch size) and
core.hardware.advice (everything we tell the user); this file only shows it. Detection, live GPU
readings and the probe each run as a background job (gui.jobs, keys `detect`, `live` and
`probe`), so a slow CUDA start or a minute of probing never freezes the window. "Apply to training settings" emits `advice_applied` with
dotted TrainConfig keys; the main window hands it to the Training tab.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.dataset.project import Project
from core.hardware.advice import Advice, DatasetSize, advise, dataset_size_for, stride_seconds_for
from core.hardware.batch_probe import ProbeConfig, ProbeResult, probe_for_config
from core.hardware.detect import GpuLive, MachineInfo, detect_machine, format_bytes, live_gpu_stats
from gui.heavy_imports import heavy_imports
from gui.jobs import Job, Jobs

log = logging.getLogger(__name__)

LIVE_INTERVAL_MS = 2000  # NVML readings; utilisation is itself averaged over ~1 s by the driver
TABLE_COLUMNS = ("Batch", "Peak memory", "Examples/s", "Seconds/step", "Within budget")
RECOMMENDED_BRUSH = QBrush(QColor("#d1e7dd"))
CARD_STYLE = "QGroupBox { font-weight: bold; } QLabel { font-weight: normal; }"
LEVEL_ICON = {"warning": "⚠", "tip": "✔", "info": "•"}
LEVEL_COLOR = {"warning": "#8a4b00", "tip": "#0f5132", "info": "inherit"}


def _card(title: str, name: str, parent: QWidget) -> tuple[QGroupBox, QLabel]:
    box = QGroupBox(title, parent)
    box.setObjectName(name)
    box.setStyleSheet(CARD_STYLE)
    label = QLabel(box)
    label.setObjectName(name + "Text")
    label.setAccessibleName(title)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    QVBoxLayout(box).addWidget(label)
    return box, label


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
        self.probe: ProbeResult | None = None
        self.advice: Advice | None = None
        self.dataset: DatasetSize | None = None
        self._stride: float | None = None
        self._config_provider: Callable[[], object | None] | None = None
        self._refresh_again = False
        self._waiting_for_torch = False
        self._build()
        self._restore_settings()
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(LIVE_INTERVAL_MS)
        self._live_timer.timeout.connect(self._poll_live)
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        top = QHBoxLayout()
        self.refresh_button = QPushButton("Refresh", body)
        self.refresh_button.setObjectName("hwRefreshButton")
        self.refresh_button.setAccessibleName("Detect hardware again")
        self.refresh_button.clicked.connect(self.refresh)
        self.status_label = QLabel("Detecting hardware…", body)
        self.status_label.setObjectName("hwStatusLabel")
        top.addWidget(self.refresh_button)
        top.addWidget(self.status_label, 1)
        layout.addLayout(top)

        cards = QGridLayout()
        self.gpu_card, self.gpu_text = _card("GPU", "hwGpuCard", body)
        self.cpu_card, self.cpu_text = _card("CPU", "hwCpuCard", body)
        self.ram_card, self.ram_text = _card("Memory", "hwRamCard", body)
        self.disk_card, self.disk_text = _card("Disk", "hwDiskCard", body)
        self.live_label = QLabel(self.gpu_card)
        self.live_label.setObjectName("hwGpuLive")
        self.live_label.setAccessibleName("Live GPU readings")
        self.live_label.setWordWrap(True)
        self.gpu_card.layout().addWidget(self.live_label)
        self.live_label.hide()
        cards.addWidget(self.gpu_card, 0, 0, 2, 1)
        cards.addWidget(self.cpu_card, 0, 1)
        cards.addWidget(self.ram_card, 0, 2)
        cards.addWidget(self.disk_card, 1, 1, 1, 2)
        cards.setColumnStretch(0, 2)
        cards.setColumnStretch(1, 1)
        cards.setColumnStretch(2, 1)
        layout.addLayout(cards)

        layout.addWidget(self._build_probe_box(body))

        lower = QHBoxLayout()
        advice_box = QGroupBox("Advice", body)
        advice_box.setObjectName("hwAdviceBox")
        advice_box.setStyleSheet(CARD_STYLE)
        self.advice_text = QLabel(advice_box)
        self.advice_text.setObjectName("hwAdviceText")
        self.advice_text.setAccessibleName("Training advice")
        self.advice_text.setWordWrap(True)
        self.advice_text.setTextFormat(Qt.TextFormat.RichText)
        self.advice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        av = QVBoxLayout(advice_box)
        av.addWidget(self.advice_text)
        self.apply_button = QPushButton("Apply to training settings", advice_box)
        self.apply_button.setObjectName("hwApplyButton")
        self.apply_button.setAccessibleName("Apply advice to training settings")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_advice)
        av.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        lower.addWidget(advice_box, 3)
        lower.addWidget(self._build_time_box(body), 2)
        layout.addLayout(lower)
        layout.addStretch(1)

    def _build_probe_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Batch size that fits (measured)", parent)
        box.setObjectName("hwProbeBox")
        box.setStyleSheet(CARD_STYLE)
        v = QVBoxLayout(box)
        row = QHBoxLayout()
        self.preset_combo = QComboBox(box)
        self.preset_combo.setObjectName("hwPresetCombo")
        self.preset_combo.setAccessibleName("Model preset to measure")
        self.preset_combo.addItems(["speech", "music"])
        self.task_combo = QComboBox(box)
        self.task_combo.setObjectName("hwTaskCombo")
        self.task_combo.setAccessibleName("Task to measure")
        self.task_combo.addItems(["auto", "denoise", "paired"])
        self.preset_combo.currentTextChanged.connect(self._on_model_choice)
        self.task_combo.currentTextChanged.connect(self._on_model_choice)
        self.device_combo = QComboBox(box)
        self.device_combo.setObjectName("hwDeviceCombo")
        self.device_combo.setAccessibleName("Device to measure on")
        self.device_combo.addItem("cpu")
        self.safety_spin = QDoubleSpinBox(box)
        self.safety_spin.setObjectName("hwSafetySpin")
        self.safety_spin.setAccessibleName("Safety fraction of free memory")
        self.safety_spin.setRange(0.3, 0.9)
        self.safety_spin.setSingleStep(0.05)
        self.safety_spin.setValue(0.7)
        self.safety_spin.setToolTip(
            "Share of free memory the recommended batch may use at its peak; the rest "
            "absorbs fragmentation, longer clips and other programs."
        )
        self.max_batch_spin = QSpinBox(box)
        self.max_batch_spin.setObjectName("hwMaxBatchSpin")
        self.max_batch_spin.setAccessibleName("Largest batch to try")
        self.max_batch_spin.setRange(1, 1024)
        self.max_batch_spin.setValue(64)
        self.source_label = QLabel("Model: the Training tab's settings", box)
        self.source_label.setObjectName("hwConfigSource")
        self.source_label.hide()
        row.addWidget(self.source_label)
        self._own_model_widgets: list[QWidget] = []
        for text, w in (
            ("Model", self.preset_combo),
            ("Task", self.task_combo),
            ("Device", self.device_combo),
            ("Safety", self.safety_spin),
            ("Up to", self.max_batch_spin),
        ):
            lbl = QLabel(text, box)
            lbl.setBuddy(w)
            row.addWidget(lbl)
            row.addWidget(w)
            if w in (self.preset_combo, self.task_combo):
                self._own_model_widgets += [lbl, w]
        self.measure_button = QPushButton("Measure batch size", box)
        self.measure_button.setObjectName("hwMeasureButton")
        self.measure_button.setAccessibleName("Measure batch size")
        self.measure_button.clicked.connect(self.start_probe)
        self.cancel_button = QPushButton("Cancel", box)
        self.cancel_button.setObjectName("hwCancelProbeButton")
        self.cancel_button.setAccessibleName("Cancel measuring")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_probe)
        row.addWidget(self.measure_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        v.addLayout(row)
        self.probe_progress = QProgressBar(box)
        self.probe_progress.setObjectName("hwProbeProgress")
        self.probe_progress.setAccessibleName("Measuring progress")
        self.probe_progress.setTextVisible(True)
        self.probe_progress.hide()
        v.addWidget(self.probe_progress)
        self.probe_summary = QLabel(
            "Runs real training steps of the model at growing batch sizes and recommends the "
            "largest that stays within the safety share of free memory.",
            box,
        )
        self.probe_summary.setObjectName("hwProbeSummary")
        self.probe_summary.setWordWrap(True)
        v.addWidget(self.probe_summary)
        self.table = QTableWidget(0, len(TABLE_COLUMNS), box)
        self.table.setObjectName("hwProbeTable")
        self.table.setAccessibleName("Measured batch sizes")
        self.table.setHorizontalHeaderLabels(TABLE_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        v.addWidget(self.table)
        return box

    def _build_time_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Training time", parent)
        box.setObjectName("hwTimeBox")
        box.setStyleSheet(CARD_STYLE)
        form = QFormLayout(box)
        self.epochs_radio = QRadioButton("Epochs planned", box)
        self.epochs_radio.setObjectName("hwEpochsRadio")
        self.epochs_radio.setAccessibleName("Plan by epochs")
        self.hours_radio = QRadioButton("I have hours", box)
        self.hours_radio.setObjectName("hwHoursRadio")
        self.hours_radio.setAccessibleName("Plan by a time budget")
        group = QButtonGroup(box)
        group.addButton(self.epochs_radio)
        group.addButton(self.hours_radio)
        self.epochs_radio.setChecked(True)
        self.epochs_spin = QSpinBox(box)
        self.epochs_spin.setObjectName("hwEpochsSpin")
        self.epochs_spin.setAccessibleName("Epochs planned")
        self.epochs_spin.setRange(1, 100000)
        self.epochs_spin.setValue(40)
        self.hours_spin = QDoubleSpinBox(box)
        self.hours_spin.setObjectName("hwHoursSpin")
        self.hours_spin.setAccessibleName("Hours available")
        self.hours_spin.setRange(0.1, 10000)
        self.hours_spin.setValue(8.0)
        self.hours_spin.setSuffix(" h")
        form.addRow(self.epochs_radio, self.epochs_spin)
        form.addRow(self.hours_radio, self.hours_spin)
        self.time_label = QLabel(box)
        self.time_label.setObjectName("hwTimeEstimate")
        self.time_label.setAccessibleName("Time estimate")
        self.time_label.setWordWrap(True)
        form.addRow(self.time_label)
        for w in (self.epochs_spin, self.hours_spin):
            w.valueChanged.connect(self._update_advice)
        self.epochs_radio.toggled.connect(self._update_advice)
        return box

    def _on_model_choice(self, *_: object) -> None:
        self._update_dataset()
        self._update_advice()

    # -- model side ---------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.probe = None
        self._fill_table()
        self._update_dataset()
        self.refresh()

    def set_config_provider(self, provider: Callable[[], object | None] | None) -> None:
        """Where the TrainConfig to measure comes from (the Training tab's form; None while
        its fields are invalid). Without a provider, the preset and task chosen here are used."""
        self._config_provider = provider
        for w in self._own_model_widgets:
            w.setVisible(provider is None)
        self.source_label.setVisible(provider is not None)

    def train_config(self):
        from core.train.config import TrainConfig

        if self._config_provider is not None:
            cfg = self._config_provider()
            if cfg is None:
                raise ValueError(
                    "the Training tab's settings are not valid; fix the fields marked there first"
                )
            return cfg
        task = self.task_combo.currentText()
        if task == "auto":
            task = "paired" if self.project is not None and self.project.pairs() else "denoise"
        return TrainConfig.preset(self.preset_combo.currentText(), task)

    def _update_dataset(self) -> None:
        self.dataset, self._stride = None, None
        if self.project is None:
            return
        try:
            cfg = self.train_config()
            self.dataset = dataset_size_for(self.project, cfg)
            self._stride = stride_seconds_for(cfg)
        except Exception as exc:  # a config the form has not validated yet
            log.warning("dataset size for advice unavailable: %s", exc)

    # -- detection ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Detect again in the background; the cards update when it answers."""
        imports = heavy_imports()
        if not imports.is_ready():
            # The GPUs are torch's to list. Detecting now would import it in the detector's
            # thread, competing with the window's first paint for the GIL; start-up loads it
            # in the background right after, and the detection follows.
            self.status_label.setText("Detecting hardware… (loading PyTorch)")
            self.refresh_button.setEnabled(False)
            if not self._waiting_for_torch:
                self._waiting_for_torch = True
                imports.when_ready(self._refresh_after_loading)
            return
        if self.jobs.busy("detect"):
            self._refresh_again = True  # the project changed mid-detection: detect once more
            return
        path = self.project.root if self.project is not None else None
        self.status_label.setText("Detecting hardware…")
        self.refresh_button.setEnabled(False)
        job = self.jobs.start("detect", lambda **_: detect_machine(path))
        job.result.connect(self.set_machine)
        job.errored.connect(self._detect_failed)
        job.finished.connect(self._detect_ended)

    def _refresh_after_loading(self) -> None:
        self._waiting_for_torch = False
        self.refresh()

    def _detect_failed(self, message: str) -> None:
        self.status_label.setText(f"Detection failed: {message}")

    def _detect_ended(self) -> None:
        self.refresh_button.setEnabled(True)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _poll_live(self) -> None:
        # A slow driver skips a tick rather than piling up reads.
        job = self.jobs.start("live", lambda **_: live_gpu_stats())
        if job is not None:
            job.result.connect(self.show_live)

    def set_machine(self, machine: MachineInfo) -> None:
        """Show a machine description (from detection, or injected by tests and demos)."""
        self.machine = machine
        gpus = ", ".join(g.name for g in machine.gpus) or "no GPU"
        self.status_label.setText(f"Detected: {machine.cpu.model}; {gpus}.")
        self._show_cards(machine)
        current = self.device_combo.currentText()
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        devices = [
            f"{g.backend}:{g.index}" if g.backend == "cuda" else g.backend for g in machine.gpus
        ]
        self.device_combo.addItems(devices + ["cpu"])
        if current in devices:
            self.device_combo.setCurrentText(current)
        self.device_combo.blockSignals(False)
        if machine.nvml and any(g.backend == "cuda" for g in machine.gpus):
            self.live_label.show()
            if not self._live_timer.isActive():
                self._live_timer.start()
        else:
            self._live_timer.stop()
            self.live_label.hide()
        self._update_advice()
        self.machine_ready.emit(machine)

    def _show_cards(self, m: MachineInfo) -> None:
        if m.gpus:
            parts = []
            for g in m.gpus:
                lines = [f"<b>{html.escape(g.name)}</b>"]
                lines.append(
                    f"{format_bytes(g.total_bytes)} memory, {format_bytes(g.free_bytes)} free now"
                )
                if g.capability:
                    prec = "bf16 and fp16" if g.bf16 else ("fp16" if g.fp16 else "fp32 only")
                    lines.append(
                        f"Compute capability {g.capability[0]}.{g.capability[1]}; fast {prec}"
                    )
                if g.driver_version or g.cuda_version:
                    lines.append(
                        f"Driver {g.driver_version or '?'}, CUDA {g.cuda_version or '?'}"
                        + (
                            f" (driver supports {g.driver_cuda_version})"
                            if g.driver_cuda_version
                            else ""
                        )
                    )
                if g.backend == "cuda" and g.held_by_others_bytes > 0:
                    lines.append(f"Other programs hold {format_bytes(g.held_by_others_bytes)}")
                parts.append("<br>".join(lines))
            self.gpu_text.setText("<br><br>".join(parts))
        else:
            notes = "<br>".join(html.escape(n) for n in m.notes)
            self.gpu_text.setText(
                "<b>No GPU found.</b> Training will run on the CPU: fine for small models and "
                f"short runs, slow for long ones.<br><span style='color:gray'>{notes}</span>"
            )
        c = m.cpu
        usable = f"; {c.usable_cores} usable here" if c.usable_cores != c.logical_cores else ""
        self.cpu_text.setText(
            f"<b>{html.escape(c.model)}</b><br>{c.physical_cores} cores, "
            f"{c.logical_cores} threads{usable}<br>{html.escape(c.arch)}"
        )
        self.ram_text.setText(
            f"<b>{format_bytes(m.memory.available_bytes)}</b> available<br>"
            f"of {format_bytes(m.memory.total_bytes)} installed"
        )
        if m.disk is not None:
            self.disk_text.setText(
                f"<b>{format_bytes(m.disk.free_bytes)}</b> free of "
                f"{format_bytes(m.disk.total_bytes)} at {html.escape(m.disk.path)}"
            )
        else:
            self.disk_text.setText("Open a project to see the free space where it lives.")

    def show_live(self, stats: list[GpuLive]) -> None:
        lines = []
        for s in stats:
            util = f"{s.utilization_pct:.0f}% busy" if s.utilization_pct is not None else "busy: ?"
            temp = f", {s.temperature_c:.0f} °C" if s.temperature_c is not None else ""
            power = f", {s.power_w:.0f} W" if s.power_w is not None else ""
            lines.append(
                f"GPU {s.index} now: {util}, {format_bytes(s.memory_used_bytes)} of "
                f"{format_bytes(s.memory_total_bytes)} in use{temp}{power}"
            )
        self.live_label.setText("\n".join(lines))

    # -- probe --------------------------------------------------------------------------
    def probe_running(self) -> bool:
        return self.jobs.busy("probe")

    def start_probe(self) -> None:
        if self.probe_running():
            return
        try:
            train_cfg = self.train_config()
            probe_cfg = ProbeConfig(
                safety_fraction=round(self.safety_spin.value(), 2),
                max_batch=self.max_batch_spin.value(),
            )
        except Exception as exc:
            self.probe_summary.setText(f"Cannot measure: {exc}")
            self.probe_failed.emit(str(exc))
            return
        self._update_dataset()
        device = self.device_combo.currentText() or "cpu"

        def work(progress, should_cancel):
            return probe_for_config(
                train_cfg,
                device,
                probe_cfg,
                progress=lambda msg, done, total: progress(done, total, msg),
                should_cancel=should_cancel,
            )

        self.measure_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.probe_progress.setRange(0, 0)
        self.probe_progress.setFormat("Starting…")
        self.probe_progress.show()
        self.probe_summary.setText(f"Measuring on {device}…")
        job = self.jobs.start("probe", work)
        job.progress.connect(self._probe_progress)
        job.result.connect(self._probe_done)
        job.errored.connect(self._probe_error)
        job.finished.connect(self._probe_ended)

    def cancel_probe(self) -> None:
        if self.probe_running():
            self.jobs.cancel("probe")
            self.probe_progress.setFormat("Cancelling after this step…")

    def _probe_progress(self, done: int, total: int, what: str) -> None:
        self.probe_progress.setRange(0, max(total, 1))
        self.probe_progress.setValue(done)
        self.probe_progress.setFormat(what)

    def _probe_done(self, result: ProbeResult) -> None:
        self.probe = result
        self._fill_table()
        self._update_advice()
        self.probe_finished.emit(result)

    def _probe_error(self, message: str) -> None:
        job = self.sender()
        cancelled = isinstance(job, Job) and job.cancelled
        text = "Measuring cancelled." if cancelled else f"Measuring failed: {message}"
        self.probe_summary.setText(text)
        if not cancelled:
            log.warning("batch probe failed: %s", message)
        self.probe_failed.emit(message)

    def _probe_ended(self) -> None:
        self.measure_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.probe_progress.hide()

    def _fill_table(self) -> None:
        r = self.probe
        self.table.setRowCount(0)
        if r is None:
            return
        bold = QFont()
        bold.setBold(True)
        for p in r.points:
            row = self.table.rowCount()
            self.table.insertRow(row)
            fits = p.status == "ok" and p.peak_bytes <= r.budget_bytes
            if p.status == "ok":
                cells = [
                    str(p.batch_size),
                    format_bytes(p.peak_bytes),
                    f"{p.samples_per_s:.1f}"
                    + ("  (fastest)" if p.batch_size == r.fastest_batch else ""),
                    f"{p.seconds_per_step:.3f}",
                    "yes" if fits else "no",
                ]
            else:
                cells = [
                    str(p.batch_size),
                    "out of memory" if p.status == "oom" else "error",
                    "",
                    "",
                    "no",
                ]
            if p.batch_size == r.recommended_batch:
                cells[0] += "  ← recommended"
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if p.batch_size == r.recommended_batch:
                    item.setBackground(RECOMMENDED_BRUSH)
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        self.probe_summary.setText(
            f"On {html.escape(r.device_name)}: recommended batch <b>{r.recommended_batch}</b>. "
            f"Budget {format_bytes(r.budget_bytes)} = {r.safety_fraction:.0%} of "
            f"{format_bytes(r.free_bytes)} free; memory ≈ {format_bytes(r.fit_a)} + "
            f"{format_bytes(r.fit_b)} per example ({r.memory_kind})."
        )

    def recommended_row(self) -> int | None:
        if self.probe is None:
            return None
        for row, p in enumerate(self.probe.points):
            if p.batch_size == self.probe.recommended_batch:
                return row
        return None

    # -- advice -------------------------------------------------------------------------
    def _update_advice(self, *_: object) -> None:
        if self.machine is None:
            return
        by_epochs = self.epochs_radio.isChecked()
        self.advice = advise(
            self.machine,
            self.probe,
            self.dataset,
            self._stride,
            epochs=self.epochs_spin.value() if by_epochs else None,
            hours=None if by_epochs else self.hours_spin.value(),
        )
        items = []
        for line in self.advice.lines:
            if line.topic == "time":
                continue
            color = LEVEL_COLOR[line.level]
            items.append(
                f"<p style='margin:2px; color:{color}'>{LEVEL_ICON[line.level]} "
                f"{html.escape(line.text)}</p>"
            )
        self.advice_text.setText("".join(items))
        est = self.advice.estimate
        if est is not None:
            time_lines = [ln.text for ln in self.advice.lines if ln.topic == "time"]
            self.time_label.setText("\n".join(time_lines))
        elif self.project is None:
            self.time_label.setText("Open a project and measure the batch size to estimate time.")
        else:
            self.time_label.setText("Measure the batch size to estimate time.")
        self.apply_button.setEnabled(True)

    def apply_advice(self) -> dict:
        if self.advice is None:
            return {}
        settings = self.advice.settings()
        log.info("hardware advice applied: %s", settings)
        self.advice_applied.emit(settings)
        return settings

    # -- settings and shutdown ------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = QSettings()
        s.beginGroup("hardwareTab")
        self.safety_spin.setValue(float(s.value("safety", 0.7)))
        self.max_batch_spin.setValue(int(s.value("maxBatch", 64)))
        self.preset_combo.setCurrentText(str(s.value("preset", "speech")))
        self.task_combo.setCurrentText(str(s.value("task", "auto")))
        self.epochs_spin.setValue(int(s.value("epochs", 40)))
        self.hours_spin.setValue(float(s.value("hours", 8.0)))
        (self.hours_radio if s.value("byHours", False, bool) else self.epochs_radio).setChecked(
            True
        )
        s.endGroup()

    def save_settings(self) -> None:
        s = QSettings()
        s.beginGroup("hardwareTab")
        s.setValue("safety", self.safety_spin.value())
        s.setValue("maxBatch", self.max_batch_spin.value())
        s.setValue("preset", self.preset_combo.currentText())
        s.setValue("task", self.task_combo.currentText())
        s.setValue("epochs", self.epochs_spin.value())
        s.setValue("hours", self.hours_spin.value())
        s.setValue("byHours", self.hours_radio.isChecked())
        s.endGroup()

    def shutdown(self) -> None:
        """Stop timers and threads before the window closes (a probe stops after its step)."""
        self.save_settings()
        self._live_timer.stop()
        self.jobs.cancel("probe", discard=True)
        if self._own_jobs:
            # A probe stops after its current step; CUDA detection can take a few seconds.
            self.jobs.shutdown()
