"""Snapping positions to zero crossings, so cuts and fades start without a click."""

from __future__ import annotations

import numpy as np


def zero_crossings(mono: np.ndarray) -> np.ndarray:
    """Indices i where the signal changes sign between i-1 and i (or is exactly zero)."""
    x = np.asarray(mono, dtype=np.float32).reshape(-1)
    if len(x) < 2:
        return np.zeros(0, dtype=np.int64)
    sign = np.signbit(x)
    idx = np.flatnonzero(sign[1:] != sign[:-1]) + 1
    zeros = np.flatnonzero(x == 0)
    return np.union1d(idx, zeros).astype(np.int64)


def snap_to_zero_crossing(mono: np.ndarray, position: int, radius: int) -> int:
    """The zero crossing nearest `position` within `radius` samples; `position` if none.

    Of the two samples around a sign change the one closer to zero is chosen, so a cut
    there leaves the smallest step.
    """
    x = np.asarray(mono, dtype=np.float32).reshape(-1)
    n = len(x)
    position = int(min(max(position, 0), n))
    if n < 2 or radius <= 0:
        return position
    lo, hi = max(0, position - radius), min(n, position + radius + 1)
    crossings = zero_crossings(x[lo:hi]) + lo
    if len(crossings) == 0:
        return position
    best = int(crossings[np.argmin(np.abs(crossings - position))])
    if best > 0 and abs(x[best - 1]) < abs(x[best]) and x[best] != 0:
        best -= 1
    return best


def snap_in_reader(read, frame: int, frames: int, radius: int) -> int:
    """`snap_to_zero_crossing` on the mono mix of a clip read by `read(start, end)` (frames
    by channels), reading only the `radius` around `frame`."""
    lo, hi = max(0, frame - radius), min(frames, frame + radius + 1)
    mono = np.asarray(read(lo, hi)).mean(axis=1)
    return lo + snap_to_zero_crossing(mono, frame - lo, radius)
