"""Plain-language training advice from a machine description and a batch probe.

Pure functions over the dataclasses in core.hardware.detect and core.hardware.batch_probe: no torch calls,
no detection, so tests describe a 4 GB laptop card or an 80 GB H100 by hand and check what
we would tell its owner. `advise()` gathers everything; `Advice.settings()` is the dict the
Training tab applies to its TrainConfig ({"run.batch_size": .., "run.workers": ..,
"data.cache": .., "run.amp": .., "run.compile": .., "run.device": ..}).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from core.hardware.advice_rules import (
    OTHERS_VRAM_WARN_FRACTION,
    AdviceLine,
    advise_cache,
    advise_compile,
    advise_precision,
    advise_workers,
)
from core.hardware.batch_probe import ProbeResult, table_batch_size
from core.hardware.detect import MachineInfo
from core.hardware.estimates import DatasetSize, TimeEstimate, estimate_time
from core.train.sampling import steps_per_epoch
from core.units import GIB, format_bytes, format_duration


@dataclass(frozen=True)
class Advice:
    device: str  # "cuda:0", "mps" or "cpu"
    batch_size: int
    batch_source: str  # "measured" or "table"
    workers: int
    cache: str  # "ram" or "disk"
    amp: str  # "off", "bf16" or "fp16"
    compile: bool  # torch.compile is worth trying
    lines: tuple[AdviceLine, ...]
    estimate: TimeEstimate | None = None

    def settings(self) -> dict:
        """Dotted TrainConfig overrides the Training tab applies."""
        return {
            "run.batch_size": self.batch_size,
            "run.workers": self.workers,
            "data.cache": self.cache,
            "run.amp": self.amp,
            "run.compile": self.compile,
            "run.device": self.device,
        }

    def warnings(self) -> list[str]:
        return [line.text for line in self.lines if line.level == "warning"]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["settings"] = self.settings()
        return d


def time_lines(est: TimeEstimate) -> list[AdviceLine]:
    text = (
        f"Time: about {format_duration(est.seconds_per_epoch, 'rough')} per epoch "
        f"({est.steps_per_epoch} step{'s' if est.steps_per_epoch != 1 else ''} × "
        f"{est.seconds_per_step:.3g} s measured)"
    )
    if est.total_seconds is not None:
        text += f"; {est.epochs} epochs take about {format_duration(est.total_seconds, 'rough')}"
    if est.epochs_in_budget is not None:
        text += f"; {est.epochs_in_budget} epochs fit in {est.budget_hours:g} h"
    # The probe times training steps on random batches: loading, validation and the
    # per-epoch samples are not in it, so the estimate is a lower bound.
    text += " (training steps only; validation and data loading add to it)"
    lines = [AdviceLine("time", "info", text + ".")]
    if est.epochs_in_budget == 0:
        lines.append(AdviceLine("time", "warning", "Not even one epoch fits in the time you have."))
    return lines


# -- everything ----------------------------------------------------------------------------
def advise(
    machine: MachineInfo,
    probe: ProbeResult | None = None,
    dataset: DatasetSize | None = None,
    epochs: int | None = None,
    hours: float | None = None,
) -> Advice:
    gpu = machine.best_gpu
    device = machine.default_device
    if probe is not None and probe.method == "measured":
        # Advise for the device that was measured, even when it is not the default one
        # (a CPU probe on a GPU machine must not hand a CPU batch size to the GPU).
        gpu = machine.gpu_for(probe.device)
        device = "cpu" if gpu is None else gpu.device
    lines: list[AdviceLine] = []

    if gpu is None and machine.best_gpu is not None:
        lines.append(
            AdviceLine(
                "device",
                "warning",
                f"Measured on the CPU, although this machine has {machine.best_gpu.name}; "
                "measure on the GPU to train there, usually many times faster.",
            )
        )
    elif gpu is None:
        lines.append(
            AdviceLine(
                "device",
                "warning",
                "No GPU found: training runs on the CPU, often 10-50× slower than on a recent "
                "NVIDIA card. Fine for small models and short runs; for long ones use a GPU "
                "machine or Colab.",
            )
        )
    else:
        lines.append(
            AdviceLine(
                "device",
                "info",
                f"Training runs on {gpu.name} ({format_bytes(gpu.total_bytes)}, "
                f"{format_bytes(gpu.free_bytes)} free).",
            )
        )
        others = gpu.held_by_others_bytes
        if gpu.backend == "cuda" and others > max(GIB, OTHERS_VRAM_WARN_FRACTION * gpu.total_bytes):
            lines.append(
                AdviceLine(
                    "device",
                    "warning",
                    f"Other programs hold {format_bytes(others)} of the "
                    f"{format_bytes(gpu.total_bytes)} on {gpu.name}. Batch advice uses only "
                    "what is free now; close them (games, GPU-accelerated browsers, another "
                    "training) for a bigger batch, and do not start them during training.",
                )
            )
    if gpu is not None:  # without one, the warning above already says why
        for note in machine.notes:
            lines.append(AdviceLine("device", "info", note))

    amp, precision_lines = advise_precision(gpu)
    lines += precision_lines

    if probe is not None and probe.method == "measured" and probe.recommended_batch >= 1:
        batch, source = probe.recommended_batch, "measured"
        peak = probe.predicted_bytes(batch)
        measured = next((p for p in probe.ok_points if p.batch_size == batch), None)
        if measured is not None:
            peak = measured.peak_bytes
        lines.append(
            AdviceLine(
                "batch",
                "info",
                f"Batch size: {batch}, measured. A training step at {batch} peaks at "
                f"{format_bytes(peak)}, within {probe.safety_fraction:.0%} of the "
                f"{format_bytes(probe.free_bytes)} free ({probe.memory_kind}).",
            )
        )
        fast = next((p for p in probe.ok_points if p.batch_size == probe.fastest_batch), None)
        at_rec = measured
        if fast is not None and fast.batch_size != batch:
            if at_rec is None or fast.samples_per_s > 1.1 * at_rec.samples_per_s:
                lines.append(
                    AdviceLine(
                        "batch",
                        "tip",
                        f"Batch {fast.batch_size} was the fastest per example measured "
                        f"({fast.samples_per_s:.0f} examples/s); bigger batches are not "
                        "always faster.",
                    )
                )
    else:
        batch, source = table_batch_size(gpu), "table"
        why = "run the probe to measure it for your model"
        if probe is not None and probe.method == "measured" and probe.recommended_batch < 1:
            why = "the probe found that not even one example fits"
            lines.append(AdviceLine("batch", "warning", probe.warnings[-1]))
        lines.append(
            AdviceLine(
                "batch",
                "info",
                f"Batch size: {batch}, from a table for "
                f"{'this much free memory' if gpu else 'CPUs'} ({why}).",
            )
        )
    if probe is not None:
        for w in probe.warnings:
            if w not in (line.text for line in lines):
                lines.append(AdviceLine("batch", "warning", w))

    workers, workers_text = advise_workers(
        machine.cpu, machine.memory, gpu is not None and gpu.backend == "cuda"
    )
    lines.append(AdviceLine("workers", "info", workers_text))

    cache, cache_lines = advise_cache(dataset, machine.memory, machine.disk)
    lines += cache_lines

    compile_ok, compile_line = advise_compile(gpu, machine.os)
    lines.append(compile_line)

    if machine.disk is not None and machine.disk.free_bytes < 5 * GIB:
        lines.append(
            AdviceLine(
                "disk",
                "warning",
                f"Only {format_bytes(machine.disk.free_bytes)} free at {machine.disk.path}: "
                "checkpoints and audio samples need room.",
            )
        )

    estimate = None
    if (
        probe is not None
        and probe.seconds_per_step
        and source == "measured"
        and dataset is not None
        and dataset.train_segments > 0
    ):
        steps = steps_per_epoch(dataset.train_segments, batch)
        estimate = estimate_time(probe.seconds_per_step, steps, epochs, hours)
        lines += time_lines(estimate)
    elif epochs or hours:
        lines.append(
            AdviceLine(
                "time", "info", "Time: measure the batch size on a project to get an estimate."
            )
        )

    return Advice(
        device=device,
        batch_size=batch,
        batch_source=source,
        workers=workers,
        cache=cache,
        amp=amp,
        compile=compile_ok,
        lines=tuple(lines),
        estimate=estimate,
    )
