"""The Hardware tab's cards: GPU, CPU, memory and disk, and live GPU readings (NVML)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from core.hardware.detect import MachineInfo
from core.hardware.nvml import GpuLive, live_gpu_stats
from gui.jobs import Jobs
from gui.localized import format_bytes, format_text, translated
from gui.widgets import factory

LIVE_INTERVAL_MS = 2000  # NVML readings; utilisation is itself averaged over ~1 s by the driver


class MachineCards(QWidget):
    def __init__(self, parent: QWidget, jobs: Jobs) -> None:
        super().__init__(parent)
        self.setObjectName("hwMachineCards")
        self.jobs = jobs
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.gpu_card, self.gpu_text = factory.card(self, self.tr("GPU"), "hwGpuCard")
        self.cpu_card, self.cpu_text = factory.card(self, self.tr("CPU"), "hwCpuCard")
        self.ram_card, self.ram_text = factory.card(self, self.tr("Memory"), "hwRamCard")
        self.disk_card, self.disk_text = factory.card(self, self.tr("Disk"), "hwDiskCard")
        self.live_label = QLabel(self.gpu_card)
        self.live_label.setObjectName("hwGpuLive")
        self.live_label.setAccessibleName(self.tr("Live GPU readings"))
        self.live_label.setWordWrap(True)
        self.gpu_card.layout().addWidget(self.live_label)
        self.live_label.hide()
        grid.addWidget(self.gpu_card, 0, 0, 2, 1)
        grid.addWidget(self.cpu_card, 0, 1)
        grid.addWidget(self.ram_card, 0, 2)
        grid.addWidget(self.disk_card, 1, 1, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_INTERVAL_MS)
        self.live_timer.timeout.connect(self._poll_live)

    def show_machine(self, m: MachineInfo) -> None:
        if m.gpus:
            self.gpu_text.setText("<br><br>".join(_gpu_lines(g) for g in m.gpus))
        else:
            notes = "<br>".join(html.escape(translated(n)) for n in m.notes)
            none = self.tr(
                "<b>No GPU found.</b> Training will run on the CPU: fine for small models and "
                "short runs, slow for long ones."
            )
            self.gpu_text.setText(f"{none}<br><span style='color:gray'>{notes}</span>")
        c = m.cpu
        usable = (
            self.tr("; {cores} usable here").format(cores=c.usable_cores)
            if c.usable_cores != c.logical_cores
            else ""
        )
        cores = self.tr("{cores} cores, {threads} threads{usable}").format(
            cores=c.physical_cores, threads=c.logical_cores, usable=usable
        )
        self.cpu_text.setText(f"<b>{html.escape(c.model)}</b><br>{cores}<br>{html.escape(c.arch)}")
        self.ram_text.setText(
            self.tr("<b>{available}</b> available<br>of {total} installed").format(
                available=format_bytes(m.memory.available_bytes),
                total=format_bytes(m.memory.total_bytes),
            )
        )
        if m.disk is not None:
            self.disk_text.setText(
                self.tr("<b>{free}</b> free of {total} at {path}").format(
                    free=format_bytes(m.disk.free_bytes),
                    total=format_bytes(m.disk.total_bytes),
                    path=html.escape(m.disk.path),
                )
            )
        else:
            self.disk_text.setText(self.tr("Open a project to see the free space where it lives."))
        # Live readings need NVML and an NVIDIA GPU.
        if m.nvml and any(g.backend == "cuda" for g in m.gpus):
            self.live_label.show()
            if not self.live_timer.isActive():
                self.live_timer.start()
        else:
            self.live_timer.stop()
            self.live_label.hide()

    def _poll_live(self) -> None:
        # A slow driver skips a tick rather than piling up reads.
        job = self.jobs.start("live", lambda **_: live_gpu_stats())
        if job is not None:
            job.result.connect(self.show_live)

    def show_live(self, stats: list[GpuLive]) -> None:
        lines = []
        for s in stats:
            util = (
                format_text(self.tr("{percent:.0f}% busy"), percent=s.utilization_pct)
                if s.utilization_pct is not None
                else self.tr("busy: ?")
            )
            temp = f", {s.temperature_c:.0f} °C" if s.temperature_c is not None else ""
            power = f", {s.power_w:.0f} W" if s.power_w is not None else ""
            lines.append(
                self.tr("GPU {index} now: {busy}, {used} of {total} in use{temp}{power}").format(
                    index=s.index,
                    busy=util,
                    used=format_bytes(s.memory_used_bytes),
                    total=format_bytes(s.memory_total_bytes),
                    temp=temp,
                    power=power,
                )  # fmt: skip
            )
        self.live_label.setText("\n".join(lines))

    def stop(self) -> None:
        self.live_timer.stop()


def _gpu_lines(g) -> str:
    lines = [f"<b>{html.escape(g.name)}</b>"]
    lines.append(
        QCoreApplication.translate("MachineCards", "{total} memory, {free} free now").format(
            total=format_bytes(g.total_bytes), free=format_bytes(g.free_bytes)
        )
    )
    if g.capability:
        prec = (
            QCoreApplication.translate("MachineCards", "bf16 and fp16")
            if g.bf16
            else ("fp16" if g.fp16 else QCoreApplication.translate("MachineCards", "fp32 only"))
        )
        lines.append(
            QCoreApplication.translate(
                "MachineCards", "Compute capability {major}.{minor}; fast {precisions}"
            ).format(major=g.capability[0], minor=g.capability[1], precisions=prec)
        )
    if g.driver_version or g.cuda_version:
        driver = (
            QCoreApplication.translate("MachineCards", " (driver supports {version})").format(
                version=g.driver_cuda_version
            )
            if g.driver_cuda_version
            else ""
        )
        lines.append(
            QCoreApplication.translate(
                "MachineCards", "Driver {driver}, CUDA {cuda}{supports}"
            ).format(driver=g.driver_version or "?", cuda=g.cuda_version or "?", supports=driver)
        )
    if g.backend == "cuda" and g.held_by_others_bytes > 0:
        lines.append(
            QCoreApplication.translate("MachineCards", "Other programs hold {size}").format(
                size=format_bytes(g.held_by_others_bytes)
            )
        )
    return "<br>".join(lines)
