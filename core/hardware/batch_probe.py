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
  speech model). It grows with the batch like the real thing,
  which is what the fit needs; the figure is an estimate, and the result says so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from core.hardware.detect import CUDA_CONTEXT_ALLOWANCE, GpuInfo
from core.units import GIB

log = logging.getLogger(__name__)

# Host peak RSS growth of a training step over the tensor bytes we count (CPU and MPS);
# bench/bench_batch_probe.py measured 1.48 and 1.68 for two speech models: the larger.
HOST_MEMORY_FACTOR = 1.7

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


@dataclass(frozen=True)
class ProbePoint:
    batch_size: int
    status: str  # "ok", "oom" or "error"
    peak_bytes: int = 0  # see memory_kind in the result
    reserved_bytes: int | None = None  # CUDA: the allocator's reserved peak
    seconds_per_step: float = 0.0
    samples_per_s: float = 0.0
    message: str = ""


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
def fit_memory(batches: list[int], peaks: list[float]) -> tuple[float, float]:
    """Least-squares a, b of peak = a + b·batch. One point: all of it is per-sample."""
    if not batches:
        raise ValueError("no measurements to fit")
    x = np.asarray(batches, dtype=float)
    y = np.asarray(peaks, dtype=float)
    if len(set(batches)) < 2:
        return 0.0, float(y.max() / x.max())
    b, a = np.polyfit(x, y, 1)
    if b <= 0:  # noise on a model whose activations are tiny next to its weights
        b = max(float((y.max() - y.min()) / max(x.max() - x.min(), 1)), 1.0)
        a = float(y.max() - b * x.max())
    return float(a), float(b)


def largest_batch_within(a: float, b: float, budget: float, max_batch: int) -> int:
    if b <= 0:
        return max_batch if a <= budget else 0
    n = math.floor((budget - a) / b)
    return int(max(0, min(max_batch, n)))


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


def table_result(gpu: GpuInfo | None, safety_fraction: float, reason: str) -> ProbeResult:
    """A ProbeResult from the table, saying why it was not measured."""
    batch = table_batch_size(gpu)
    free = gpu.free_bytes if gpu else 0
    return ProbeResult(
        device=f"{gpu.backend}:{gpu.index}" if gpu else "cpu",
        device_name=gpu.name if gpu else "CPU",
        method="table",
        memory_kind="table",
        segment_samples=0,
        parameters=0,
        free_bytes=free,
        total_bytes=gpu.total_bytes if gpu else 0,
        safety_fraction=safety_fraction,
        budget_bytes=int(free * safety_fraction),
        points=(),
        fit_a=0.0,
        fit_b=0.0,
        recommended_batch=batch,
        fastest_batch=None,
        seconds_per_step=None,
        warnings=(f"Batch size from a table, not measured: {reason}",),
    )


# -- measuring ----------------------------------------------------------------------------
class _SavedTensorBytes:
    """Counts distinct storages autograd saves for backward (CPU/MPS memory estimate)."""

    def __init__(self, exclude: set[int]) -> None:
        self.exclude = exclude
        self.seen: dict[int, int] = {}

    def pack(self, t):
        try:
            storage = t.untyped_storage()
            ptr = storage.data_ptr()
            if ptr not in self.exclude and ptr not in self.seen:
                self.seen[ptr] = storage.nbytes()
        except Exception:  # sparse or wrapper tensors have no plain storage
            pass
        return t

    @staticmethod
    def unpack(t):
        return t

    @property
    def total(self) -> int:
        return sum(self.seen.values())


def _static_bytes(model, optimizer) -> int:
    total = 0
    for p in model.parameters():
        total += p.numel() * p.element_size() * 2  # weight and its gradient
    for state in optimizer.state.values():
        for v in state.values():
            if hasattr(v, "numel"):
                total += v.numel() * v.element_size()
    return total


class _Stepper:
    """One model and optimizer, stepped at any batch size."""

    def __init__(self, model, device, segment_samples: int, amp: str, loss_fn, optimizer) -> None:
        import torch

        self.torch = torch
        self.model = model
        self.device = device
        self.segment = segment_samples
        self.loss_fn = loss_fn
        self.optimizer = optimizer
        self.amp_dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(amp)
        self.scaler = (
            torch.amp.GradScaler(device.type) if amp == "fp16" and device.type == "cuda" else None
        )
        self.param_ptrs = {p.untyped_storage().data_ptr() for p in model.parameters()}

    def sync(self) -> None:
        if self.device.type == "cuda":
            self.torch.cuda.synchronize(self.device)
        elif self.device.type == "mps":
            self.torch.mps.synchronize()

    def step(self, batch: int, gen) -> int:
        """One training step; returns the tensor-byte estimate (used off CUDA)."""
        torch = self.torch
        # Made on the device: copying a large random batch from the host would be timed too.
        x = torch.randn(batch, 1, self.segment, generator=gen, device=self.device)
        y = 0.5 * x
        counter = _SavedTensorBytes(self.param_ptrs)
        autocast = (
            torch.autocast(self.device.type, dtype=self.amp_dtype)
            if self.amp_dtype is not None
            else contextlib.nullcontext()
        )
        with torch.autograd.graph.saved_tensors_hooks(counter.pack, counter.unpack), autocast:
            out = self.model(x)
            loss = self.loss_fn(out.float(), y)
        if out.shape != y.shape:
            raise RuntimeError(f"model output {tuple(out.shape)} != input {tuple(y.shape)}")
        if self.scaler is not None:
            self.scaler.scale(loss).backward()
            self.scaler.step(self.optimizer)
            self.scaler.update()
        else:
            loss.backward()
            self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        batch_bytes = 3 * x.numel() * x.element_size()  # input, target, output
        estimate = _static_bytes(self.model, self.optimizer) + counter.total + batch_bytes
        del x, y, out, loss
        return estimate


def _is_oom_message(message: str) -> bool:
    m = message.lower()
    return "out of memory" in m or "alloc_failed" in m or "cudnn_status_alloc" in m


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
) -> ProbeResult:
    """Probe `model_factory()` (a module mapping (B, 1, T) → (B, 1, T)) on `device`.

    `free_bytes` overrides the memory the budget is taken from (tests use it to make the
    budget bind on a machine with plenty of RAM). Raises ProbeCancelled when cancelled
    before anything was measured; a later cancel returns what was measured.
    """
    import torch

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

    if dev.type == "cuda":
        torch.cuda.set_device(dev)
        torch.cuda.empty_cache()
        free, total = torch.cuda.mem_get_info(dev)
        base_allocated = torch.cuda.memory_allocated(dev)
        name = torch.cuda.get_device_name(dev)
        memory_kind = "cuda max_memory_allocated"
    else:
        import psutil

        vm = psutil.virtual_memory()
        free, total = int(vm.available), int(vm.total)
        if dev.type == "mps":
            # Unified memory, but Metal caps what one process may allocate.
            try:
                cap = int(torch.mps.recommended_max_memory())
                free = min(free, cap - int(torch.mps.driver_allocated_memory()))
                total = cap
            except (AttributeError, RuntimeError):
                pass
        base_allocated = 0
        name = "Apple GPU (Metal)" if dev.type == "mps" else "CPU"
        memory_kind = f"tensor bytes × {HOST_MEMORY_FACTOR:g}, an RSS estimate"
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
    stepper = _Stepper(model, dev, segment_samples, cfg.amp, loss_fn, optimizer)
    gen = torch.Generator(device=dev).manual_seed(0)

    def measure(batch: int) -> ProbePoint:
        if dev.type == "cuda":
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats(dev)
        estimate = 0
        try:
            for _ in range(cfg.warmup_steps):
                estimate = max(estimate, stepper.step(batch, gen))
            stepper.sync()
            # The fastest timed step, like timeit: other processes only ever add time, and
            # on a shared machine a mean mostly measures them.
            dt = math.inf
            for _ in range(cfg.timed_steps):
                t0 = time.perf_counter()
                estimate = max(estimate, stepper.step(batch, gen))
                stepper.sync()
                dt = min(dt, time.perf_counter() - t0)
        except torch.OutOfMemoryError as exc:
            oom = str(exc).splitlines()[0][:200]
        except RuntimeError as exc:
            # cuFFT, cuBLAS and cuDNN report a failed workspace allocation as a plain
            # RuntimeError; it is memory all the same.
            if not _is_oom_message(str(exc)):
                raise
            oom = str(exc).splitlines()[0][:200]
        else:
            oom = None
        if oom is not None:
            # Outside the except block: the traceback no longer pins the failed step's tensors.
            optimizer.zero_grad(set_to_none=True)
            if dev.type == "cuda":
                torch.cuda.empty_cache()
            return ProbePoint(batch, "oom", message=oom)
        if dev.type == "cuda":
            peak = torch.cuda.max_memory_allocated(dev) - base_allocated
            reserved = torch.cuda.max_memory_reserved(dev)
        else:
            peak, reserved = int(estimate * HOST_MEMORY_FACTOR), None
        return ProbePoint(batch, "ok", int(peak), reserved, dt, batch / dt if dt > 0 else 0.0)

    if cfg.batch_sizes is not None:
        plan = sorted({min(int(b), cfg.max_batch) for b in cfg.batch_sizes})
    else:
        plan, b = [], 1
        while b < cfg.max_batch:
            plan.append(b)
            b *= 2
        plan.append(cfg.max_batch)
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
            warnings.append("Probe cancelled; advice uses the sizes measured so far.")
            break
        ok = [p for p in points if p.status == "ok"]
        if len(ok) >= 2:
            a, b_ = fit()
            if a + b_ * batch > free * 0.95:
                break  # would not fit anyway; skip it rather than provoke an OOM
        report(f"batch {batch}: forward + backward", i, steps_total)
        point = measure(batch)
        points.append(point)
        if point.status != "ok":
            break
        if point.peak_bytes > budget:
            break
        if time.perf_counter() - started > cfg.max_seconds:
            warnings.append(f"Probe stopped after {cfg.max_seconds:.0f} s; larger sizes not tried.")
            break

    ok = [p for p in points if p.status == "ok"]
    if not ok:
        first = points[0] if points else None
        reason = first.message if first else "nothing measured"
        warnings.append(f"Not even batch {plan[0]} could run: {reason}")
        return ProbeResult(
            str(dev), name, "measured", memory_kind, segment_samples, n_params, free, total,
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
        report(f"batch {recommended}: checking the recommendation", steps_total - 1, steps_total)
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
        warnings.append(
            "Even one example does not fit in the safety budget: shorten the segment, "
            "use a smaller model, or free memory."
        )

    points.sort(key=lambda p: p.batch_size)
    safe = [p for p in points if p.status == "ok" and p.peak_bytes <= budget]
    fastest = max(safe, key=lambda p: p.samples_per_s).batch_size if safe else None
    sps = _seconds_per_step_at(recommended, [p for p in points if p.status == "ok"])
    if any(p.status == "oom" for p in points):
        warnings.append("A probed size ran out of memory; the recommendation stays below it.")
    report("done", steps_total, steps_total)
    # Drop our references so the caching allocator can hand the memory back before training.
    model = optimizer = stepper = None
    if dev.type == "cuda":
        torch.cuda.empty_cache()
    return ProbeResult(
        device=str(dev),
        device_name=name,
        method="measured",
        memory_kind=memory_kind,
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


def _seconds_per_step_at(batch: int, ok: list[ProbePoint]) -> float | None:
    if batch < 1 or not ok:
        return None
    for p in ok:
        if p.batch_size == batch:
            return p.seconds_per_step
    if len(ok) == 1:
        return ok[0].seconds_per_step * batch / ok[0].batch_size
    # Step time is close to linear in the batch once the device is busy; fit the two
    # largest sizes, which are the most representative of the recommended one.
    top = sorted(ok, key=lambda p: p.batch_size)[-2:]
    (b0, t0), (b1, t1) = [(p.batch_size, p.seconds_per_step) for p in top]
    slope = (t1 - t0) / (b1 - b0)
    return max(t1 + slope * (batch - b1), t1 * batch / b1 * 0.5)


def resolve_amp(amp: str, device: str) -> str:
    """The trainer's "auto": bf16 where the card has it, else fp16 with a scaler; CUDA only."""
    import torch

    if not device.startswith("cuda") or amp == "off":
        return "off"
    if amp != "auto":
        return amp
    major, _ = torch.cuda.get_device_capability(torch.device(device))
    return "bf16" if major >= 8 else "fp16"


def probe_for_config(
    train_config,
    device: str = "cpu",
    config: ProbeConfig | None = None,
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
    free_bytes: int | None = None,
    amp: str | None = None,
) -> ProbeResult:
    """Probe the model a TrainConfig describes, at its sample rate and segment length, with
    its loss and optimizer, under the precision training would use (`amp` overrides the
    config's run.amp: "auto", "off", "bf16" or "fp16")."""
    from functools import partial

    import torch

    from core.train.losses import compute_loss
    from core.train.models import build_model

    chosen = amp if amp is not None else str(train_config.run.amp)
    cfg = dataclasses.replace(config or ProbeConfig(), amp=resolve_amp(chosen, device))
    optim = train_config.optim
    opt_cls = torch.optim.AdamW if optim.optimizer == "adamw" else torch.optim.Adam
    sr = int(train_config.data.sample_rate)
    return probe_batch_sizes(
        lambda: build_model(train_config.model, sr),
        int(train_config.data.segment_samples),
        device=device,
        config=cfg,
        loss_fn=partial(compute_loss, optim.loss),
        optimizer_factory=lambda params: opt_cls(
            params, lr=optim.lr, weight_decay=optim.weight_decay
        ),
        progress=progress,
        should_cancel=should_cancel,
        free_bytes=free_bytes,
    )


__all__ = [
    "ProbeCancelled",
    "ProbeConfig",
    "ProbePoint",
    "ProbeResult",
    "fit_memory",
    "largest_batch_within",
    "probe_batch_sizes",
    "probe_for_config",
    "resolve_amp",
    "table_batch_size",
    "table_result",
]
