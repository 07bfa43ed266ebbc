"""Measure the batch size that fits: real training steps of the real model at a few sizes.

A fixed table by VRAM ignores the model, the segment length and whatever else holds the
card, and users lose overnight runs to CUDA out-of-memory. Instead we run forward, backward
and an optimizer step at growing batch sizes, fit peak memory = a + b·batch by least
squares, and recommend the largest batch whose predicted peak stays within a safety fraction
of the memory that was free when the probe started. The probe also times each size, because
a bigger batch is not always faster per sample.

What "memory" means depends on the device, and the result says which (`memory_kind`):
- CUDA: `torch.cuda.max_memory_allocated` over the steps, i.e. every tensor the step needed
  at its worst moment, weights and optimizer state included. The caching allocator reserves
  a little more than that (fragmentation); the safety fraction covers it.
- CPU and Apple MPS: there is no peak-allocation counter, and RSS moves with the allocator's
  caching, not the batch. We count tensor bytes instead: weights, gradients and optimizer
  state, plus every tensor autograd saved for backward, plus the batch itself, and scale
  them by HOST_MEMORY_FACTOR: temporaries during backward, library workspaces and malloc's
  retained pages add to them (bench/bench_batch_probe.py measured peak RSS growth of a
  batch-8 step at 1.48× and 1.68× its activation tensor bytes for two versions of the
  speech model). It grows with the batch like the real thing, which is what the fit needs;
  the figure is an estimate, and the result says so.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial

from core.hardware.detect import CUDA_CONTEXT_ALLOWANCE, GpuInfo
from core.hardware.probe_fit import (
    batch_plan,
    fit_memory,
    largest_batch_within,
    seconds_per_step_at,
)
from core.hardware.probe_memory import free_memory
from core.hardware.probe_step import BatchMeasurer, ProbePoint
from core.messages import QT_TRANSLATE_NOOP, Message
from core.units import GIB

log = logging.getLogger(__name__)

# The probe's warnings and progress are Messages: the Hardware tab shows them translated.
_say = partial(Message, "ProbeMessages")


ProgressFn = Callable[[str, int, int], None]  # (message, done, total)


@dataclass
class ProbeConfig:
    # Share of free memory the recommended batch may use at its peak. The rest absorbs
    # allocator fragmentation, longer clips, evaluation passes and a desktop that grows.
    safety_fraction: float = 0.7
    # Largest batch ever recommended. Denoisers gain little from bigger batches per sample
    # seen, and the learning rate presets were tuned at or below this.
    max_batch: int = 64
    # Explicit sizes to try; None doubles from 1 (1, 2, 4, ...) until the budget or max_batch.
    batch_sizes: tuple[int, ...] | None = None
    warmup_steps: int = 1  # untimed: cuDNN autotuning and first-call allocations
    timed_steps: int = 2  # the fastest of these is reported
    amp: str = "off"  # "off", "bf16" or "fp16": run the steps under autocast like training will
    grad_clip: float = 0.0  # max gradient norm, as optim.grad_clip; 0 does not clip
    compile: bool = False  # torch.compile the model (CUDA only), as run.compile
    # Stop trying larger sizes after this long (slow CPUs); what was measured still counts.
    max_seconds: float = 120.0
    # Also run the recommended batch when it was not one of the probed sizes, and step it
    # down if the measured peak exceeds the budget.
    verify: bool = True

    def __post_init__(self) -> None:
        if not 0.05 <= self.safety_fraction <= 0.95:
            raise ValueError(f"safety_fraction must be in [0.05, 0.95], got {self.safety_fraction}")
        if self.max_batch < 1:
            raise ValueError(f"max_batch must be >= 1, got {self.max_batch}")
        if self.batch_sizes is not None and (
            not self.batch_sizes or any(int(b) < 1 for b in self.batch_sizes)
        ):
            raise ValueError(f"batch_sizes must be positive integers, got {self.batch_sizes}")
        if self.amp not in ("off", "bf16", "fp16"):
            raise ValueError(f"amp must be off, bf16 or fp16, got {self.amp!r}")
        if self.timed_steps < 1 or self.warmup_steps < 0:
            raise ValueError("timed_steps must be >= 1 and warmup_steps >= 0")
        if self.grad_clip < 0:
            raise ValueError(f"grad_clip must be >= 0, got {self.grad_clip}")


@dataclass(frozen=True)
class ProbeResult:
    device: str  # "cuda:0", "cpu", "mps"
    device_name: str
    method: str  # "measured", or "table" when probing was impossible
    memory_kind: str  # "cuda max_memory_allocated", "tensor bytes × 1.7, ..." or "table"
    segment_samples: int
    parameters: int
    free_bytes: int  # free when the probe started (CPU: available RAM)
    total_bytes: int
    safety_fraction: float
    budget_bytes: int  # safety_fraction × free_bytes
    points: tuple[ProbePoint, ...]
    fit_a: float  # bytes that do not depend on the batch (weights, optimizer state, workspaces)
    fit_b: float  # bytes per sample in the batch
    recommended_batch: int  # 0 when not even one sample fits
    fastest_batch: int | None  # the probed size with most samples/s within the budget
    seconds_per_step: float | None  # at the recommended batch (measured, else interpolated)
    warnings: tuple[str, ...] = ()

    def predicted_bytes(self, batch: int) -> float:
        return self.fit_a + self.fit_b * batch

    @property
    def ok_points(self) -> tuple[ProbePoint, ...]:
        return tuple(p for p in self.points if p.status == "ok")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["points"] = [asdict(p) for p in self.points]
        d["warnings"] = list(self.warnings)
        return d


class ProbeCancelled(Exception):
    pass


# -- pure helpers -------------------------------------------------------------------------
def table_batch_size(gpu: GpuInfo | None) -> int:
    """The fallback when probing is impossible, for the default model at the default segment.

    Tiers sit a little under the marketing sizes: a "4 GB" card reports about 3.8 GiB.
    Usable memory is what is free plus our own context, so a card mostly held by another
    program gets the tier of what is left, not of what is printed on the box.
    """
    if gpu is None:
        return 8  # CPU: speed, not memory, is the limit
    usable = min(gpu.total_bytes, gpu.free_bytes + gpu.own_bytes + CUDA_CONTEXT_ALLOWANCE)
    gb = usable / GIB
    if gb >= 22:
        return 64
    if gb >= 14:
        return 48
    if gb >= 7:
        return 32
    if gb >= 3.5:
        return 16
    if gb >= 1.75:
        return 8
    return 4


def _l1(out, target):
    return (out - target).abs().mean()


def probe_batch_sizes(
    model_factory: Callable[[], object],
    segment_samples: int,
    device: str = "cpu",
    config: ProbeConfig | None = None,
    loss_fn: Callable | None = None,
    optimizer_factory: Callable | None = None,
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
    free_bytes: int | None = None,
    make_batch: Callable | None = None,
) -> ProbeResult:
    """Probe `model_factory()` (a module mapping (B, 1, T) → (B, 1, T), or what
    `make_batch(batch, generator, device) -> (input, target)` makes) on `device`.

    `free_bytes` overrides the memory the budget is taken from (tests use it to make the
    budget bind on a machine with plenty of RAM). Raises ProbeCancelled when cancelled
    before anything was measured; a later cancel returns what was measured.
    """
    import torch

    from core.train.step import Precision, compile_model

    cfg = config or ProbeConfig()
    loss_fn = loss_fn or _l1
    dev = torch.device(device)
    if dev.type == "cuda" and dev.index is None:
        dev = torch.device("cuda", torch.cuda.current_device())
    warnings: list[str] = []

    def report(msg: str, done: int, total: int) -> None:
        log.info("batch probe: %s", msg)
        if progress is not None:
            progress(msg, done, total)

    memory = free_memory(dev)
    free, total, name = memory.free, memory.total, memory.name
    if free_bytes is not None:
        free = int(free_bytes)
    budget = int(free * cfg.safety_fraction)

    model = model_factory()
    n_params = sum(p.numel() for p in model.parameters())
    model = model.to(dev).train()
    optimizer = (
        optimizer_factory(model.parameters())
        if optimizer_factory
        else torch.optim.Adam(model.parameters(), lr=1e-4)
    )
    precision = Precision.for_run(cfg.amp, dev)
    stepped, compile_warning = compile_model(model, dev, cfg.compile)
    compiled = cfg.compile and compile_warning is None
    if compiled:
        warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "Measured with torch.compile (each size compiles once, untimed).")))  # fmt: skip
    warmup_steps = max(cfg.warmup_steps, 1) if compiled else cfg.warmup_steps
    measurer = BatchMeasurer(
        model,
        stepped,
        optimizer,
        precision,
        dev,
        segment_samples,
        loss_fn,
        cfg.grad_clip,
        warmup_steps,
        cfg.timed_steps,
        memory.base_allocated,
        make_batch,
    )
    measure = measurer.measure

    plan = batch_plan(cfg.batch_sizes, cfg.max_batch)
    points: list[ProbePoint] = []
    started = time.perf_counter()
    steps_total = len(plan) + (1 if cfg.verify else 0)

    def fit() -> tuple[float, float]:
        ok = [p for p in points if p.status == "ok"]
        return fit_memory([p.batch_size for p in ok], [p.peak_bytes for p in ok])

    for i, batch in enumerate(plan):
        if should_cancel is not None and should_cancel():
            if not points:
                raise ProbeCancelled("batch probe cancelled")
            warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "Probe cancelled; advice uses the sizes measured so far.")))  # fmt: skip
            break
        ok = [p for p in points if p.status == "ok"]
        if len(ok) >= 2:
            a, b_ = fit()
            if a + b_ * batch > free * 0.95:
                break  # would not fit anyway; skip it rather than provoke an OOM
        report(_say(QT_TRANSLATE_NOOP("ProbeMessages", "batch {batch}: forward + backward"), batch=batch), i, steps_total)  # fmt: skip
        point = measure(batch)
        points.append(point)
        if point.status != "ok":
            break
        if point.peak_bytes > budget:
            break
        if time.perf_counter() - started > cfg.max_seconds:
            warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "Probe stopped after {seconds:.0f} s; larger sizes not tried."),
                                 seconds=cfg.max_seconds))  # fmt: skip
            break

    ok = [p for p in points if p.status == "ok"]
    if not ok:
        first = points[0] if points else None
        reason = first.message if first else _say(QT_TRANSLATE_NOOP("ProbeMessages", "nothing measured"))  # fmt: skip
        warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "Not even batch {batch} could run: {reason}"), batch=plan[0],
                             reason=reason))  # fmt: skip
        return ProbeResult(
            str(dev), name, "measured", memory.memory_kind, segment_samples, n_params, free, total,
            cfg.safety_fraction, budget, tuple(points), 0.0, 0.0, 0, None, None, tuple(warnings),
        )  # fmt: skip

    a, b = fit()
    recommended = largest_batch_within(a, b, budget, cfg.max_batch)
    # Verify an unprobed recommendation with a real step; step down if the fit was optimistic.
    for _ in range(3):
        if not cfg.verify or recommended < 1 or any(p.batch_size == recommended for p in points):
            break
        if should_cancel is not None and should_cancel():
            break
        report(_say(QT_TRANSLATE_NOOP("ProbeMessages", "batch {batch}: checking the recommendation"), batch=recommended),
               steps_total - 1, steps_total)  # fmt: skip
        point = measure(recommended)
        points.append(point)
        if point.status == "ok" and point.peak_bytes <= budget:
            break
        if point.status == "ok":
            a, b = fit()
            recommended = min(largest_batch_within(a, b, budget, cfg.max_batch), recommended - 1)
        else:
            recommended = max(0, int(recommended * 0.8))
    # A probed size above the budget (or one that failed) is never the recommendation.
    bad = [p.batch_size for p in points if p.status != "ok" or p.peak_bytes > budget]
    if bad:
        recommended = min(recommended, min(bad) - 1)
    if recommended < 1:
        warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "Even one example does not fit in the safety budget: shorten "
                             "the segment, use a smaller model, or free memory.")))  # fmt: skip

    points.sort(key=lambda p: p.batch_size)
    safe = [p for p in points if p.status == "ok" and p.peak_bytes <= budget]
    fastest = max(safe, key=lambda p: p.samples_per_s).batch_size if safe else None
    sps = seconds_per_step_at(recommended, [p for p in points if p.status == "ok"])
    if any(p.status == "oom" for p in points):
        warnings.append(_say(QT_TRANSLATE_NOOP("ProbeMessages", "A probed size ran out of memory; the recommendation stays "
                             "below it.")))  # fmt: skip
    report(_say(QT_TRANSLATE_NOOP("ProbeMessages", "done")), steps_total, steps_total)
    # Drop our references so the caching allocator can hand the memory back before training.
    model = stepped = optimizer = measurer = measure = None
    if dev.type == "cuda":
        torch.cuda.empty_cache()
    return ProbeResult(
        device=str(dev),
        device_name=name,
        method="measured",
        memory_kind=memory.memory_kind,
        segment_samples=segment_samples,
        parameters=n_params,
        free_bytes=int(free),
        total_bytes=int(total),
        safety_fraction=cfg.safety_fraction,
        budget_bytes=budget,
        points=tuple(points),
        fit_a=a,
        fit_b=b,
        recommended_batch=recommended,
        fastest_batch=fastest,
        seconds_per_step=sps,
        warnings=tuple(warnings),
    )


def probe_for_config(
    train_config,
    device: str = "cpu",
    config: ProbeConfig | None = None,
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
    free_bytes: int | None = None,
    amp: str | None = None,
    project=None,
) -> ProbeResult:
    """Probe the model a TrainConfig describes, at its sample rate and segment length, with
    its loss and optimizer, under the precision training would use (`amp` overrides the
    config's run.amp: "auto", "off", "bf16" or "fp16"). A classify config is probed on its
    log-mel windows, with `project`'s classes (core.hardware.classify_probe)."""
    from functools import partial

    from core.device import resolve_amp
    from core.train.losses import compute_loss
    from core.train.models import build_model
    from core.train.step import build_optimizer

    chosen = amp if amp is not None else str(train_config.run.amp)
    optim = train_config.optim
    cfg = dataclasses.replace(
        config or ProbeConfig(),
        amp=resolve_amp(chosen, device),
        grad_clip=optim.grad_clip,
        compile=train_config.run.compile,
    )
    if train_config.data.task == "classify":
        from core.hardware.classify_probe import probe_classifier

        return probe_classifier(train_config, project, device, cfg, progress, should_cancel,
                                free_bytes)  # fmt: skip
    sr = int(train_config.data.sample_rate)
    return probe_batch_sizes(
        lambda: build_model(train_config.model, sr),
        int(train_config.data.segment_samples),
        device=device,
        config=cfg,
        loss_fn=partial(compute_loss, optim.loss),
        optimizer_factory=lambda params: build_optimizer(params, optim),
        progress=progress,
        should_cancel=should_cancel,
        free_bytes=free_bytes,
    )
