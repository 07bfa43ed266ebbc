"""Where training segments start in a clip: one every hop, and one zero-padded segment for a
clip shorter than a segment. Pure; the trainer's dataset and the estimates count the same way."""

from __future__ import annotations

import numpy as np


def segment_index(lengths: list[int], seg: int, hop: int) -> np.ndarray:
    """(clip, start, room) rows: every hop samples; a clip shorter than a segment gives one
    zero-padded segment. `room` is how far the start may be jittered in training."""
    rows = []
    for k, n in enumerate(lengths):
        if n <= 0:
            continue
        if n <= seg:
            rows.append((k, 0, 0))
            continue
        last = n - seg
        for start in range(0, last + 1, hop):
            rows.append((k, start, min(hop - 1, last - start)))
    return np.asarray(rows, dtype=np.int64).reshape(-1, 3)


def segments_per_clip(frames: int, segment: int, hop: int) -> int:
    """How many rows `segment_index` gives a clip of `frames` samples."""
    if frames <= 0:
        return 0
    if frames <= segment:
        return 1
    return (frames - segment) // hop + 1
