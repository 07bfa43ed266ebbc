"""Plain-language training advice from a machine description and a batch probe.

Pure functions over the dataclasses in core.hardware.detect and core.hardware.batch_probe: no torch calls,
no detection, so tests describe a 4 GB laptop card or an 80 GB H100 by hand and check what
we would tell its owner. `advise()` gathers everything; `Advice.settings()` is the dict the
Training tab applies to its TrainConfig ({"run.batch_size": .., "run.workers": ..,
"data.cache": .., "run.amp": .., "run.compile": .., "run.device": ..}).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import asdict, dataclass

from core.device import resolve_amp
from core.hardware.batch_probe import ProbeResult, table_batch_size
from core.hardware.detect import (
    GIB,
    CpuInfo,
    DiskInfo,
    GpuInfo,
    MachineInfo,
    MemoryInfo,
    format_bytes,
)

# RAM one DataLoader worker costs: a Python interpreter with torch imported, decode and
# resample buffers, and prefetched batches. Measured workers sit around 0.4-0.6 GB.
WORKER_RAM_BYTES = int(0.75 * GIB)
# RAM left alone for the OS, the GUI, the model and the main process when deciding workers.
RESERVED_RAM_BYTES = 2 * GIB
# Share of available RAM a decoded in-memory dataset may take.
RAM_CACHE_FRACTION = 0.4
# Others' VRAM worth a warning: more than this share of the card (and at least 1 GiB).
OTHERS_VRAM_WARN_FRACTION = 0.1


@dataclass(frozen=True)
class AdviceLine:
    topic: str  # "device", "batch", "workers", "cache", "precision", "compile", "time", "disk"
    level: str  # "info", "tip" or "warning"
    text: str


@dataclass(frozen=True)
class DatasetSize:
    """How much audio training reads, in seconds at the training sample rate (mono)."""

    train_seconds: float  # examples drawn each epoch (clean clips or input/target pairs)
    cached_seconds: float  # everything a cache would hold (train, val, noise, targets)
    sample_rate: int

    @property
    def cache_bytes(self) -> int:
        return int(self.cached_seconds * self.sample_rate * 4)  # float32


@dataclass(frozen=True)
class TimeEstimate:
    seconds_per_step: float
    steps_per_epoch: int
    seconds_per_epoch: float
    epochs: int | None  # planned epochs, when given
    total_seconds: float | None  # for the planned epochs
    budget_hours: float | None  # "I have N hours", when given
    epochs_in_budget: int | None


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


# -- pieces --------------------------------------------------------------------------------
def device_for(machine: MachineInfo) -> str:
    gpu = machine.best_gpu
    if gpu is None:
        return "cpu"
    return f"cuda:{gpu.index}" if gpu.backend == "cuda" else "mps"


def _gpu_for_device(machine: MachineInfo, device: str) -> GpuInfo | None:
    kind, _, index = device.partition(":")
    for g in machine.gpus:
        if g.backend == kind and (kind != "cuda" or g.index == int(index or 0)):
            return g
    return None


def advise_workers(cpu: CpuInfo, memory: MemoryInfo, on_gpu: bool) -> tuple[int, str]:
    cores = max(1, cpu.usable_cores)
    if not on_gpu:
        # On the CPU the model's math already uses every core; loader processes steal from it.
        workers = 0 if cores <= 4 else 2
        why = (
            f"{cores} cores do the training math themselves, so data loads in the main process"
            if workers == 0
            else f"2 of {cores} cores prepare data; the rest train"
        )
        return workers, f"DataLoader workers: {workers} ({why})."
    by_cores = min(8, cores - 1)  # one core feeds the GPU; beyond 8 decoding is rarely the limit
    by_ram = int(max(0, memory.available_bytes - RESERVED_RAM_BYTES) // WORKER_RAM_BYTES)
    workers = max(0, min(by_cores, by_ram))
    if by_ram < by_cores:
        why = f"limited by {format_bytes(memory.available_bytes)} free RAM, about 0.75 GB each"
    else:
        why = f"{cores} cores, one kept for the training loop"
    return workers, f"DataLoader workers: {workers} ({why})."


def advise_cache(
    dataset: DatasetSize | None, memory: MemoryInfo, disk: DiskInfo | None
) -> tuple[str, list[AdviceLine]]:
    if dataset is None:
        return "disk", [
            AdviceLine("cache", "info", "Cache: on disk until the dataset size is known.")
        ]
    need = dataset.cache_bytes
    lines: list[AdviceLine] = []
    limit = memory.available_bytes * RAM_CACHE_FRACTION
    if need <= limit:
        cache = "ram"
        lines.append(
            AdviceLine(
                "cache",
                "info",
                f"Cache: in RAM. The decoded dataset ({format_bytes(need)}) fits easily in "
                f"{format_bytes(memory.available_bytes)} available, so epochs never wait for "
                "the disk.",
            )
        )
    else:
        cache = "disk"
        lines.append(
            AdviceLine(
                "cache",
                "info",
                f"Cache: on disk. The decoded dataset ({format_bytes(need)}) is more than "
                f"{RAM_CACHE_FRACTION:.0%} of the {format_bytes(memory.available_bytes)} of "
                "RAM available; a disk cache of decoded audio still saves decoding each epoch.",
            )
        )
        if disk is not None and disk.free_bytes < need * 1.1:
            lines.append(
                AdviceLine(
                    "cache",
                    "warning",
                    f"Only {format_bytes(disk.free_bytes)} free at {disk.path}, less than the "
                    f"{format_bytes(need)} cache: free space or expect slower epochs.",
                )
            )
    return cache, lines


def advise_precision(gpu: GpuInfo | None) -> tuple[str, list[AdviceLine]]:
    if gpu is None:
        return "off", [
            AdviceLine(
                "precision",
                "info",
                "Precision: fp32. Mixed precision on a CPU only pays off on server CPUs with "
                "AMX; it can be slower elsewhere.",
            )
        ]
    if gpu.backend == "mps":
        return "off", [
            AdviceLine(
                "precision",
                "info",
                "Precision: fp32 on the Apple GPU; float16 autocast works there but gains "
                "little for these models and can lose accuracy.",
            )
        ]
    # The trainer's own choice for this card, so the advice and the run agree.
    mode = resolve_amp("auto", gpu.backend, gpu.capability or (0, 0), gpu.name)
    if mode == "off" and gpu.is_gtx16:
        return "off", [
            AdviceLine(
                "precision",
                "warning",
                f"{gpu.name}: GTX 16xx cards are known to produce NaN losses with fp16 "
                "mixed precision. Train in fp32 (the default here); bf16 is not supported by "
                "this card.",
            )
        ]
    if mode == "bf16":
        return "bf16", [
            AdviceLine(
                "precision",
                "tip",
                "Precision: bf16 mixed precision. Same range as fp32 so no loss scaling, "
                "roughly half the activation memory and faster steps on this card.",
            )
        ]
    if mode == "fp16":
        return "fp16", [
            AdviceLine(
                "precision",
                "tip",
                "Precision: fp16 mixed precision with loss scaling (this card has tensor "
                "cores but no fast bf16). If the loss turns NaN, switch to fp32.",
            )
        ]
    return "off", [
        AdviceLine(
            "precision",
            "info",
            "Precision: fp32. This card has no tensor cores, so mixed precision gains little.",
        )
    ]


def advise_compile(gpu: GpuInfo | None, os_name: str) -> tuple[bool, AdviceLine]:
    if gpu is None or gpu.backend != "cuda":
        return False, AdviceLine(
            "compile",
            "info",
            "torch.compile: off. Its gains are on NVIDIA GPUs; here it mostly adds start-up time.",
        )
    if not os_name.lower().startswith("linux") or importlib.util.find_spec("triton") is None:
        return False, AdviceLine(
            "compile",
            "info",
            "torch.compile: off. It needs Triton, which PyTorch ships on Linux only.",
        )
    if gpu.capability is not None and gpu.capability < (7, 0):
        return False, AdviceLine(
            "compile", "info", "torch.compile: off. Triton needs a Volta (7.0) or newer card."
        )
    return True, AdviceLine(
        "compile",
        "tip",
        "torch.compile: worth trying for runs over about half an hour. The first steps "
        "take a minute or two to compile, then steps usually run 1.2-1.5× faster.",
    )


def steps_per_epoch(dataset: DatasetSize, stride_seconds: float, batch: int) -> int:
    """One epoch visits every training segment once; segments start every `stride_seconds`
    (the segment length × the config's hop fraction)."""
    if stride_seconds <= 0 or batch < 1:
        raise ValueError("stride_seconds and batch must be positive")
    segments = max(1, math.ceil(dataset.train_seconds / stride_seconds))
    return max(1, math.ceil(segments / batch))


def estimate_time(
    seconds_per_step: float,
    steps: int,
    epochs: int | None = None,
    hours: float | None = None,
) -> TimeEstimate:
    """Time per epoch and for `epochs`; or how many epochs fit in `hours`."""
    if seconds_per_step <= 0 or steps < 1:
        raise ValueError("seconds_per_step and steps must be positive")
    per_epoch = seconds_per_step * steps
    return TimeEstimate(
        seconds_per_step=seconds_per_step,
        steps_per_epoch=steps,
        seconds_per_epoch=per_epoch,
        epochs=epochs,
        total_seconds=per_epoch * epochs if epochs else None,
        budget_hours=hours,
        epochs_in_budget=int(hours * 3600 // per_epoch) if hours else None,
    )


def format_duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _time_lines(est: TimeEstimate) -> list[AdviceLine]:
    text = (
        f"Time: about {format_duration(est.seconds_per_epoch)} per epoch "
        f"({est.steps_per_epoch} step{'s' if est.steps_per_epoch != 1 else ''} × "
        f"{est.seconds_per_step:.3g} s measured)"
    )
    if est.total_seconds is not None:
        text += f"; {est.epochs} epochs take about {format_duration(est.total_seconds)}"
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
    stride_seconds: float | None = None,
    epochs: int | None = None,
    hours: float | None = None,
) -> Advice:
    gpu = machine.best_gpu
    device = device_for(machine)
    if probe is not None and probe.method == "measured":
        # Advise for the device that was measured, even when it is not the default one
        # (a CPU probe on a GPU machine must not hand a CPU batch size to the GPU).
        gpu = _gpu_for_device(machine, probe.device)
        device = "cpu" if gpu is None else (f"cuda:{gpu.index}" if gpu.backend == "cuda" else "mps")
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
        and stride_seconds
    ):
        steps = steps_per_epoch(dataset, stride_seconds, batch)
        estimate = estimate_time(probe.seconds_per_step, steps, epochs, hours)
        lines += _time_lines(estimate)
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


def dataset_size(
    project, sample_rate: int, task: str = "denoise", variants: int = 1
) -> DatasetSize:
    """Seconds of training audio in a project, from the clip index (no audio is read).

    The cached size counts what the trainer's pre-generated cache holds: for each training
    second an input and a target per augmented variant, plus validation and noise audio.
    """
    train = other = 0.0
    for clip in project.clips():
        seconds = clip.frames / clip.sample_rate if clip.sample_rate else 0.0
        is_example = (task == "denoise" and clip.role == "clean") or (
            task == "paired" and clip.role == "input"
        )
        if clip.split == "train" and is_example:
            train += seconds
        elif not (task == "paired" and clip.role == "target" and clip.split == "train"):
            other += seconds
    cached = train * 2 * max(1, variants) + other
    return DatasetSize(train_seconds=train, cached_seconds=cached, sample_rate=int(sample_rate))


def dataset_size_for(project, train_config) -> DatasetSize:
    data = train_config.data
    return dataset_size(project, data.sample_rate, data.task, data.cache_variants)


def stride_seconds_for(train_config) -> float:
    data = train_config.data
    return data.segment_samples * data.hop_fraction / data.sample_rate
