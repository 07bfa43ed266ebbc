"""One batch size run for real: the trainer's training step, its peak memory and its time.

The step is core.train.step.train_step, the trainer's own (autocast, scaler, clipping), on
a random batch made on the device: audio segments (B, 1, T) by default, or what the task's
`make_batch` makes (the classify task: log-mel windows and class indices). What a size used is CUDA's peak-allocation counter, or
off CUDA the tensor-byte estimate of core.hardware.probe_memory.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from core.hardware.probe_memory import (
    HOST_MEMORY_FACTOR,
    SavedTensorBytes,
    is_oom_message,
    static_bytes,
)


@dataclass(frozen=True)
class ProbePoint:
    batch_size: int
    status: str  # "ok", "oom" or "error"
    peak_bytes: int = 0  # see memory_kind in the result
    reserved_bytes: int | None = None  # CUDA: the allocator's reserved peak
    seconds_per_step: float = 0.0
    samples_per_s: float = 0.0
    message: str = ""


class BatchMeasurer:
    """Measures training steps of one model at any batch size on one device.

    `stepped` is the model the step calls (compiled or not), `model` the module whose
    parameters are counted; `base_allocated` is taken off CUDA peaks."""

    def __init__(
        self,
        model,
        stepped,
        optimizer,
        precision,
        dev,
        segment_samples: int,
        loss_fn: Callable,
        grad_clip: float,
        warmup_steps: int,
        timed_steps: int,
        base_allocated: int,
        make_batch: Callable | None = None,
    ) -> None:
        import torch

        self.model, self.stepped, self.optimizer = model, stepped, optimizer
        self.precision, self.dev = precision, dev
        self.segment_samples = segment_samples
        self.loss_fn, self.grad_clip = loss_fn, grad_clip
        self.warmup_steps, self.timed_steps = warmup_steps, timed_steps
        self.base_allocated = base_allocated
        # (batch, generator, device) -> (input, target); None: audio in, audio out.
        self.make_batch = make_batch
        self.param_ptrs = {p.untyped_storage().data_ptr() for p in model.parameters()}
        self.gen = torch.Generator(device=dev).manual_seed(0)

    def _checked_loss(self, out, target):
        if out.shape != target.shape:
            raise RuntimeError(f"model output {tuple(out.shape)} != input {tuple(target.shape)}")
        return self.loss_fn(out.float(), target)

    def step(self, batch: int) -> int:
        """One training step, the trainer's own; returns the tensor-byte estimate (used off
        CUDA, where there is no peak-allocation counter)."""
        import torch

        from core.train.step import train_step

        dev = self.dev
        # Made on the device: copying a large random batch from the host would be timed too.
        if self.make_batch is not None:
            x, target = self.make_batch(batch, self.gen, dev)
            loss_fn = self.loss_fn
        else:
            x = torch.randn(batch, 1, self.segment_samples, generator=self.gen, device=dev)
            target, loss_fn = 0.5 * x, self._checked_loss
        counter = SavedTensorBytes(self.param_ptrs)
        counting = (
            torch.autograd.graph.saved_tensors_hooks(counter.pack, counter.unpack)
            if dev.type != "cuda"
            else contextlib.nullcontext()
        )
        with counting:
            train_step(
                self.stepped,
                self.optimizer,
                self.precision,
                x,
                target,
                loss_fn=loss_fn,
                grad_clip=self.grad_clip,
            )
        # Input, target and output (an output is at most as large as the input here).
        batch_bytes = (2 * x.numel() + target.numel()) * x.element_size()
        return static_bytes(self.model, self.optimizer) + counter.total + batch_bytes

    def sync(self) -> None:
        import torch

        if self.dev.type == "cuda":
            torch.cuda.synchronize(self.dev)
        elif self.dev.type == "mps":
            torch.mps.synchronize()

    def measure(self, batch: int) -> ProbePoint:
        """Warm-up steps, then the fastest of the timed steps; "oom" when it did not fit."""
        import torch

        dev = self.dev
        if dev.type == "cuda":
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats(dev)
        estimate = 0
        try:
            for _ in range(self.warmup_steps):
                estimate = max(estimate, self.step(batch))
            self.sync()
            # The fastest timed step, like timeit: other processes only ever add time, and
            # on a shared machine a mean mostly measures them.
            dt = math.inf
            for _ in range(self.timed_steps):
                t0 = time.perf_counter()
                estimate = max(estimate, self.step(batch))
                self.sync()
                dt = min(dt, time.perf_counter() - t0)
        except torch.OutOfMemoryError as exc:
            oom = str(exc).splitlines()[0][:200]
        except RuntimeError as exc:
            # cuFFT, cuBLAS and cuDNN report a failed workspace allocation as a plain
            # RuntimeError; it is memory all the same.
            if not is_oom_message(str(exc)):
                raise
            oom = str(exc).splitlines()[0][:200]
        else:
            oom = None
        # Outside the except block: the traceback no longer pins the failed step's tensors.
        self.optimizer.zero_grad(set_to_none=True)  # the next size starts without these grads
        if oom is not None:
            if dev.type == "cuda":
                torch.cuda.empty_cache()
            return ProbePoint(batch, "oom", message=oom)
        if dev.type == "cuda":
            peak = torch.cuda.max_memory_allocated(dev) - self.base_allocated
            reserved = torch.cuda.max_memory_reserved(dev)
        else:
            peak, reserved = int(estimate * HOST_MEMORY_FACTOR), None
        return ProbePoint(batch, "ok", int(peak), reserved, dt, batch / dt if dt > 0 else 0.0)
