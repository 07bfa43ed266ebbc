"""The single rules of the hardware advice: DataLoader workers, the dataset cache, mixed
precision and torch.compile, each from the machine's description alone (pure functions,
so a test can describe any machine by hand). `core.hardware.advice.advise` combines them."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from core.device import resolve_amp
from core.hardware.batch_probe import ProbeResult
from core.hardware.detect import CpuInfo, DiskInfo, GpuInfo, MemoryInfo
from core.hardware.estimates import DatasetSize
from core.hardware.probe_step import ProbePoint
from core.messages import QT_TRANSLATE_NOOP, Message, counted, size_words
from core.units import GIB

# The advice's sentences are core Messages: English here and on the command line, the
# reader's language in the GUI (gui.localized.translated), sizes and durations included.
CONTEXT = "HardwareAdvice"


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


def words(template: str, **args) -> Message:
    """The advice's Message of `template` (marked where it is written with
    QT_TRANSLATE_NOOP("HardwareAdvice", ...)) and its arguments."""
    return Message(CONTEXT, template, **args)


def line(topic: str, level: str, template: str, **args) -> AdviceLine:
    """An advice line worded by `words(template, **args)`: the one way the rules say one."""
    return AdviceLine(topic, level, words(template, **args))


@dataclass(frozen=True)
class BatchChoice:
    """The batch size advised from a probe, the probed point at it (None when it was not
    probed) and why, in words. The probe table highlights this one too."""

    batch: int
    point: ProbePoint | None
    why: str
    largest: int  # the largest that fits the memory budget


# Bigger batches are steadier: the largest that fits is kept unless a smaller one is this
# much faster per example.
FASTER_BY = 1.1


# -- pieces --------------------------------------------------------------------------------
def choose_batch(probe: ProbeResult) -> BatchChoice | None:
    """The fastest batch per example within the memory budget, or the largest that fits
    when it is about as fast; None when the probe measured nothing that fits."""
    if probe.method != "measured" or probe.recommended_batch < 1:
        return None
    largest = probe.recommended_batch
    at_largest = next((p for p in probe.ok_points if p.batch_size == largest), None)
    fast = next((p for p in probe.ok_points if p.batch_size == probe.fastest_batch), None)
    if (
        fast is not None
        and fast.batch_size != largest
        and (at_largest is None or fast.samples_per_s > FASTER_BY * at_largest.samples_per_s)
    ):
        against = (
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("HardwareAdvice", " against {speed:.0f} at {batch}"),
                speed=at_largest.samples_per_s,
                batch=largest,
            )  # fmt: skip
            if at_largest
            else ""
        )
        why = Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "HardwareAdvice",
                "the fastest per example measured ({speed:.0f} examples/s{against}; up to "
                "{largest} fits, but bigger batches are not always faster)",
            ),
            speed=fast.samples_per_s,
            against=against,
            largest=largest,
        )
        return BatchChoice(fast.batch_size, fast, why, largest)
    if at_largest is not None:
        why = Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "HardwareAdvice",
                "the largest that fits, and as fast per example as any measured ({speed:.0f} "
                "examples/s)",
            ),
            speed=at_largest.samples_per_s,
        )
    else:
        why = Message(CONTEXT, QT_TRANSLATE_NOOP("HardwareAdvice", "the largest that fits"))
    return BatchChoice(largest, at_largest, why, largest)


def advise_workers(cpu: CpuInfo, memory: MemoryInfo, on_gpu: bool) -> tuple[int, str]:
    cores = max(1, cpu.usable_cores)
    if not on_gpu:
        # On the CPU the model's math uses every core, yet preparing data in the training
        # process made steps wait for it (15-54 % of step time on 2 cores with 0 workers,
        # 0.7-2.4 % with 1 or 2: bench/bench_train_throughput.py, docs/BENCHMARKS.md).
        workers = 0 if cores <= 1 else 2
        if workers == 0:
            why = words(QT_TRANSLATE_NOOP(
                "HardwareAdvice", "one core: data is prepared in the training process"))  # fmt: skip
        else:
            why = words(QT_TRANSLATE_NOOP(
                "HardwareAdvice",
                "two loader processes prepare the next batches while the model trains, so "
                "steps do not wait for data (15-50 % of each step without them, measured "
                "on 2 cores)",
            ))  # fmt: skip
        return workers, _workers_words(workers, why)
    by_cores = min(8, cores - 1)  # one core feeds the GPU; beyond 8 decoding is rarely the limit
    by_ram = int(max(0, memory.available_bytes - RESERVED_RAM_BYTES) // WORKER_RAM_BYTES)
    workers = max(0, min(by_cores, by_ram))
    if by_ram < by_cores:
        why = words(QT_TRANSLATE_NOOP("HardwareAdvice", "limited by {free} free RAM, about 0.75 GB each"),
                    free=size_words(memory.available_bytes))  # fmt: skip
    else:
        why = counted("HardwareAdvice", QT_TRANSLATE_NOOP("HardwareAdvice", "%n core(s), one kept for the training loop"),
                      ("%n core, kept for the training loop", "%n cores, one kept for the training loop"), cores)  # fmt: skip
    return workers, _workers_words(workers, why)


def _workers_words(workers: int, why: Message) -> Message:
    return words(QT_TRANSLATE_NOOP("HardwareAdvice", "DataLoader workers: {workers} ({why})."),
                 workers=workers, why=why)  # fmt: skip


def advise_cache(
    dataset: DatasetSize | None, memory: MemoryInfo, disk: DiskInfo | None
) -> tuple[str, list[AdviceLine]]:
    if dataset is None:
        return "disk", [line("cache", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "Cache: on disk until the dataset size is known."))]  # fmt: skip
    need = dataset.cache_bytes
    available = memory.available_bytes
    if dataset.feature_bytes is not None:
        return _feature_cache_advice(dataset, available, disk)
    if need <= available * RAM_CACHE_FRACTION:
        return "ram", [line("cache", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Cache: in RAM. The decoded dataset ({need}) fits easily in {available} "
            "available, so epochs never wait for the disk.",
        ), need=size_words(need), available=size_words(available))]  # fmt: skip
    lines = [line("cache", "info", QT_TRANSLATE_NOOP(
        "HardwareAdvice",
        "Cache: on disk. The decoded dataset ({need}) is more than {share:.0%} of "
        "the {available} of RAM available; a disk cache of decoded audio still "
        "saves decoding each epoch.",
    ), need=size_words(need), share=RAM_CACHE_FRACTION, available=size_words(available))]  # fmt: skip
    lines += _disk_short(disk, need)
    return "disk", lines


def _disk_short(disk: DiskInfo | None, need: int) -> list[AdviceLine]:
    """The warning when the disk holding the project has no room for a cache of `need`."""
    if disk is None or disk.free_bytes >= need * 1.1:
        return []
    return [line("cache", "warning", QT_TRANSLATE_NOOP(
        "HardwareAdvice",
        "Only {free} free at {path}, less than the {need} cache: free space "
        "or expect slower epochs.",
    ), free=size_words(disk.free_bytes), path=disk.path, need=size_words(need))]  # fmt: skip


def _feature_cache_advice(
    dataset: DatasetSize, available: int, disk: DiskInfo | None
) -> tuple[str, list[AdviceLine]]:
    """The classify task's cache lines: its log-mel windows, not decoded audio; RAM or disk
    by the rule `classify.cache=auto` reads it with; written to disk either way."""
    from core.train.cache import RAM_SHARE  # the share the feature cache's "auto" reads by

    need = dataset.cache_bytes
    what = words(QT_TRANSLATE_NOOP("HardwareAdvice", "The log-mel feature cache ({need}, {windows} windows)"),
                 need=size_words(need), windows=dataset.feature_windows)  # fmt: skip
    cache = "ram" if need < available * RAM_SHARE else "disk"
    if cache == "ram":
        lines = [line("cache", "info", QT_TRANSLATE_NOOP("HardwareAdvice", "Cache: in RAM. {what} fits easily in {available} available, so epochs never wait for the disk."),
                      what=what, available=size_words(available))]  # fmt: skip
    else:
        lines = [line("cache", "info", QT_TRANSLATE_NOOP("HardwareAdvice", "Cache: on disk, memory-mapped. {what} is more than {share:.0%} of the {available} of RAM available. Fewer mel bins, a larger hop, fewer variants or a lower max_per_class make it smaller."),
                      what=what, share=RAM_SHARE, available=size_words(available))]  # fmt: skip
    lines += _disk_short(disk, need)
    return cache, lines


def advise_precision(gpu: GpuInfo | None) -> tuple[str, list[AdviceLine]]:
    if gpu is None:
        return "off", [line("precision", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Precision: fp32. Mixed precision on a CPU only pays off on server CPUs with "
            "AMX; it can be slower elsewhere.",
        ))]  # fmt: skip
    if gpu.backend == "mps":
        return "off", [line("precision", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Precision: fp32 on the Apple GPU; float16 autocast works there but gains "
            "little for these models and can lose accuracy.",
        ))]  # fmt: skip
    # The trainer's own choice for this card, so the advice and the run agree.
    mode = resolve_amp("auto", gpu.backend, gpu.capability or (0, 0), gpu.name)
    if mode == "off" and gpu.is_gtx16:
        return "off", [line("precision", "warning", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "{gpu}: GTX 16xx cards are known to produce NaN losses with fp16 mixed "
            "precision. Train in fp32 (the default here); bf16 is not supported by this "
            "card.",
        ), gpu=gpu.name)]  # fmt: skip
    if mode == "bf16":
        return "bf16", [line("precision", "tip", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Precision: bf16 mixed precision. Same range as fp32 so no loss scaling, "
            "roughly half the activation memory and faster steps on this card.",
        ))]  # fmt: skip
    if mode == "fp16":
        return "fp16", [line("precision", "tip", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Precision: fp16 mixed precision with loss scaling (this card has tensor "
            "cores but no fast bf16). If the loss turns NaN, switch to fp32.",
        ))]  # fmt: skip
    return "off", [line("precision", "info", QT_TRANSLATE_NOOP(
        "HardwareAdvice",
        "Precision: fp32. This card has no tensor cores, so mixed precision gains little.",
    ))]  # fmt: skip


def advise_compile(gpu: GpuInfo | None, os_name: str) -> tuple[bool, AdviceLine]:
    if gpu is None or gpu.backend != "cuda":
        return False, line("compile", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "torch.compile: off. Its gains are on NVIDIA GPUs; here it mostly adds start-up time.",
        ))  # fmt: skip
    if not os_name.lower().startswith("linux") or importlib.util.find_spec("triton") is None:
        return False, line("compile", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "torch.compile: off. It needs Triton, which PyTorch ships on Linux only.",
        ))  # fmt: skip
    if gpu.capability is not None and gpu.capability < (7, 0):
        return False, line("compile", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "torch.compile: off. Triton needs a Volta (7.0) or newer card."))  # fmt: skip
    return True, line("compile", "tip", QT_TRANSLATE_NOOP(
        "HardwareAdvice",
        "torch.compile: worth trying for runs over about half an hour. The first steps "
        "take a minute or two to compile, then steps usually run 1.2-1.5× faster.",
    ))  # fmt: skip
