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
    choose_batch,
    line,
    words,
)
from core.hardware.batch_probe import ProbeResult, table_batch_size
from core.hardware.detect import MachineInfo
from core.hardware.epoch_timing import EpochTiming
from core.hardware.estimates import DatasetSize, TimeEstimate, estimate_time
from core.messages import QT_TRANSLATE_NOOP, Message, counted, device_words, rough_words, size_words
from core.train.sampling import steps_per_epoch
from core.units import GIB


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


# What each advised value is called, as the advice's lines say it (marked for lupdate here,
# so the Training tab's "Hardware advice applied: ..." banner reads in the reader's language).
_CACHE_WORDS = {
    "ram": QT_TRANSLATE_NOOP("HardwareAdvice", "decoded audio kept in RAM"),
    "disk": QT_TRANSLATE_NOOP("HardwareAdvice", "decoded audio cached on disk"),
    "off": QT_TRANSLATE_NOOP("HardwareAdvice", "audio decoded again each epoch"),
    "auto": QT_TRANSLATE_NOOP("HardwareAdvice", "the cache chosen by size"),
}
_AMP_WORDS = {
    "off": QT_TRANSLATE_NOOP("HardwareAdvice", "full precision (fp32)"),
    "bf16": QT_TRANSLATE_NOOP("HardwareAdvice", "bf16 mixed precision"),
    "fp16": QT_TRANSLATE_NOOP("HardwareAdvice", "fp16 mixed precision"),
    "auto": QT_TRANSLATE_NOOP("HardwareAdvice", "the precision chosen for the card"),
}


def setting_in_words(key: str, value: object) -> Message:
    """One advised setting as a user says it ("batch size 32", not "run.batch_size=32"),
    a Message the GUI translates; its English is what the command line would print."""
    if key == "run.batch_size":
        return words(QT_TRANSLATE_NOOP("HardwareAdvice", "batch size {batch}"), batch=value)
    if key == "run.workers":
        if value == 0:
            return words(QT_TRANSLATE_NOOP(
                "HardwareAdvice", "data prepared in the training process (no loader workers)"))  # fmt: skip
        if value == 1:
            return words(QT_TRANSLATE_NOOP("HardwareAdvice", "1 data loading worker"))
        return words(QT_TRANSLATE_NOOP("HardwareAdvice", "{n} data loading workers"), n=value)
    if key == "data.cache":
        if str(value) in _CACHE_WORDS:
            return words(_CACHE_WORDS[str(value)])
        return words(QT_TRANSLATE_NOOP("HardwareAdvice", "cache {value}"), value=value)
    if key == "run.amp":
        if str(value) in _AMP_WORDS:
            return words(_AMP_WORDS[str(value)])
        return words(QT_TRANSLATE_NOOP("HardwareAdvice", "precision {value}"), value=value)
    if key == "run.compile":
        if value:
            return words(QT_TRANSLATE_NOOP("HardwareAdvice", "torch.compile on"))
        return words(QT_TRANSLATE_NOOP("HardwareAdvice", "torch.compile off"))
    if key == "run.device":
        return words(
            QT_TRANSLATE_NOOP("HardwareAdvice", "training on {device}"), device=device_words(value)
        )
    return words(QT_TRANSLATE_NOOP("HardwareAdvice", "{key} {value}"), key=key, value=value)


def time_lines(est: TimeEstimate, timing: EpochTiming | None = None) -> list[AdviceLine]:
    n = est.steps_per_epoch
    steps = counted("HardwareAdvice", QT_TRANSLATE_NOOP("HardwareAdvice", "%n step(s)"),
                    ("%n step", "%n steps"), n)  # fmt: skip
    if timing is not None:
        fed = (
            words(QT_TRANSLATE_NOOP("HardwareAdvice", "read from the training cache"))
            if timing.cached
            else words(QT_TRANSLATE_NOOP("HardwareAdvice", "mixed on the fly"))
        )
        how = words(QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "{steps} × {step:.3g} s, measured on this project's examples ({fed}; {wait:.2g} s "
            "of each step waiting for them), plus {validation} of validation",
        ), steps=steps, step=est.seconds_per_step, fed=fed, wait=timing.load_seconds,
           validation=rough_words(est.overhead_seconds))  # fmt: skip
    else:
        how = words(QT_TRANSLATE_NOOP("HardwareAdvice", "{steps} × {step:.3g} s measured"),
                    steps=steps, step=est.seconds_per_step)  # fmt: skip
    parts = [words(QT_TRANSLATE_NOOP("HardwareAdvice", "Time: about {epoch} per epoch ({how})"),
                   epoch=rough_words(est.seconds_per_epoch), how=how)]  # fmt: skip
    if est.total_seconds is not None:
        parts.append(counted("HardwareAdvice", QT_TRANSLATE_NOOP("HardwareAdvice", "; %n epoch(s) take about {total}"),
                             ("; %n epoch takes about {total}", "; %n epochs take about {total}"),
                             est.epochs, total=rough_words(est.total_seconds)))  # fmt: skip
    if est.epochs_in_budget is not None:
        parts.append(counted("HardwareAdvice", QT_TRANSLATE_NOOP("HardwareAdvice", "; %n epoch(s) fit in {budget}"),
                             ("; %n epoch fits in {budget}", "; %n epochs fit in {budget}"),
                             est.epochs_in_budget, budget=rough_words(est.budget_hours * 3600)))  # fmt: skip
    if timing is None:
        # The probe times training steps on random batches: loading, validation and the
        # per-epoch samples are not in it, so the estimate is a lower bound.
        parts.append(words(QT_TRANSLATE_NOOP(
            "HardwareAdvice", " (training steps only; validation and data loading add to it)")))  # fmt: skip
    fields = {f"p{i}": part for i, part in enumerate(parts)}
    lines = [line("time", "info", "".join("{" + k + "}" for k in fields) + ".", **fields)]
    if est.epochs_in_budget == 0:
        lines.append(line("time", "warning", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "Not even one epoch fits in the time you have.")))  # fmt: skip
    return lines


# -- everything ----------------------------------------------------------------------------
def advise(
    machine: MachineInfo,
    probe: ProbeResult | None = None,
    dataset: DatasetSize | None = None,
    epochs: int | None = None,
    hours: float | None = None,
    timing: EpochTiming | None = None,
) -> Advice:
    """`timing` (core.hardware.epoch_timing, at the advised batch) makes the time estimate
    one of real steps on the project's data and its validation, not of the probe's steps."""
    gpu = machine.best_gpu
    device = machine.default_device
    if probe is not None and probe.method == "measured":
        # Advise for the device that was measured, even when it is not the default one
        # (a CPU probe on a GPU machine must not hand a CPU batch size to the GPU).
        gpu = machine.gpu_for(probe.device)
        device = "cpu" if gpu is None else gpu.device
    lines: list[AdviceLine] = []

    if gpu is None and machine.best_gpu is not None:
        lines.append(line("device", "warning", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Measured on the CPU, although this machine has {gpu}; measure on the GPU "
            "to train there, usually many times faster.",
        ), gpu=machine.best_gpu.name))  # fmt: skip
    elif gpu is None:
        lines.append(line("device", "warning", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "No GPU found: training runs on the CPU, often 10-50× slower than on a "
            "recent NVIDIA card. Fine for small models and short runs; for long ones use "
            "a GPU machine or Colab.",
        )))  # fmt: skip
    else:
        lines.append(line("device", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "Training runs on {gpu} ({total}, {free} free)."),
            gpu=gpu.name, total=size_words(gpu.total_bytes), free=size_words(gpu.free_bytes)))  # fmt: skip
        others = gpu.held_by_others_bytes
        if gpu.backend == "cuda" and others > max(GIB, OTHERS_VRAM_WARN_FRACTION * gpu.total_bytes):
            lines.append(line("device", "warning", QT_TRANSLATE_NOOP(
                "HardwareAdvice",
                "Other programs hold {others} of the {total} on {gpu}. Batch advice uses "
                "only what is free now; close them (games, GPU-accelerated browsers, "
                "another training) for a bigger batch, and do not start them during "
                "training.",
            ), others=size_words(others), total=size_words(gpu.total_bytes), gpu=gpu.name))  # fmt: skip
    if gpu is not None:  # without one, the warning above already says why
        for note in machine.notes:
            lines.append(AdviceLine("device", "info", note))

    amp, precision_lines = advise_precision(gpu)
    lines += precision_lines

    step_seconds = probe.seconds_per_step if probe is not None else None
    choice = choose_batch(probe) if probe is not None else None
    if choice is not None:
        batch, measured, why = choice.batch, choice.point, choice.why
        source = "measured"
        peak = measured.peak_bytes if measured is not None else probe.predicted_bytes(batch)
        if measured is not None and measured.seconds_per_step:
            step_seconds = measured.seconds_per_step
        lines.append(line("batch", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Batch size: {batch}, measured: {why}. A training step at {batch} peaks at "
            "{peak}, within {share:.0%} of the {free} free ({kind}).",
        ), batch=batch, why=why, peak=size_words(peak), share=probe.safety_fraction,
           free=size_words(probe.free_bytes), kind=probe.memory_kind))  # fmt: skip
    else:
        batch, source = table_batch_size(gpu), "table"
        why = words(
            QT_TRANSLATE_NOOP("HardwareAdvice", "run the probe to measure it for your model")
        )
        if probe is not None and probe.method == "measured" and probe.recommended_batch < 1:
            why = words(QT_TRANSLATE_NOOP(
                "HardwareAdvice", "the probe found that not even one example fits"))  # fmt: skip
            lines.append(AdviceLine("batch", "warning", probe.warnings[-1]))
        what = (
            words(QT_TRANSLATE_NOOP("HardwareAdvice", "this much free memory"))
            if gpu
            else words(QT_TRANSLATE_NOOP("HardwareAdvice", "CPUs"))
        )
        lines.append(line("batch", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "Batch size: {batch}, from a table for {what} ({why})."),
            batch=batch, why=why, what=what))  # fmt: skip
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
        lines.append(line("disk", "warning", QT_TRANSLATE_NOOP(
            "HardwareAdvice",
            "Only {free} free at {path}: checkpoints and audio samples need room.",
        ), free=size_words(machine.disk.free_bytes), path=machine.disk.path))  # fmt: skip

    estimate = None
    # What an epoch draws: counted by the timed data (classify), else from the index.
    counted = timing.examples_per_epoch if timing is not None and timing.batch_size == batch else 0
    examples = counted or (dataset.train_segments if dataset is not None else 0)
    if probe is not None and step_seconds and source == "measured" and examples > 0:
        steps = steps_per_epoch(examples, batch)
        if timing is not None and timing.batch_size == batch and timing.step_seconds > 0:
            step_seconds = timing.step_seconds  # the real step, loader included
            overhead = timing.per_epoch_overhead
        else:
            timing, overhead = None, 0.0
        estimate = estimate_time(step_seconds, steps, epochs, hours, overhead)
        lines += time_lines(estimate, timing)
    elif epochs or hours:
        lines.append(line("time", "info", QT_TRANSLATE_NOOP(
            "HardwareAdvice", "Time: measure the batch size on a project to get an estimate.")))  # fmt: skip

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
