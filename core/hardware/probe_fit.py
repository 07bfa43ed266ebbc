"""What a batch probe's measurements say: the memory fit and the step time at any size.

Pure functions on numbers (core.hardware.batch_probe measures them).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from core.hardware.probe_step import ProbePoint


def batch_plan(batch_sizes: tuple[int, ...] | None, max_batch: int) -> list[int]:
    """The sizes to try, smallest first: `batch_sizes` capped at `max_batch`, or by default
    1, 2, 4, ... and `max_batch` itself."""
    if batch_sizes is not None:
        return sorted({min(int(b), max_batch) for b in batch_sizes})
    plan, b = [], 1
    while b < max_batch:
        plan.append(b)
        b *= 2
    plan.append(max_batch)
    return plan


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


def seconds_per_step_at(batch: int, ok: list[ProbePoint]) -> float | None:
    """Seconds per step at `batch`: measured when it was probed, else extrapolated."""
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
