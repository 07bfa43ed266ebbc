"""The classify task's training order: which windows an epoch draws, and how often.

Large collections are imbalanced (a common bird has 500 recordings, a rare one 6): trained on
the data's own frequencies, a model learns to say the common classes. `classify.balance`:

- "weighted": every class is drawn equally often. The epoch has as many draws as the split
  has windows, split evenly over the classes; a class's draws walk a shuffled copy of its
  windows (again and again for a rare class), so no window of a class is drawn twice before
  every other one has been drawn once.
- "oversample": every class's windows repeated until it has as many as the largest class,
  but at most `oversample_cap` times its own count; the epoch grows by the repeats.
- "off": every window once, in the data's frequencies.

The order depends on (seed, epoch) only, like core.train.sampling's, so a run resumed after a
crash draws what an uninterrupted one would have.
"""

from __future__ import annotations

import numpy as np

_STREAM = 11  # keeps these draws apart from the other seeded streams of (seed, epoch)


def class_members(labels: np.ndarray) -> list[np.ndarray]:
    """The window indices of each class present in `labels`, in class order."""
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    present, starts = np.unique(labels[order], return_index=True)
    return np.split(order, starts[1:]) if len(present) else []


def balanced_order(
    labels: np.ndarray, mode: str, seed: int, epoch: int, oversample_cap: int = 4
) -> np.ndarray:
    """The indices of `labels` one epoch draws, shuffled (see the module docstring)."""
    rng = np.random.default_rng([seed, epoch, _STREAM])
    n = len(labels)
    if mode == "off" or n == 0:
        return rng.permutation(n)
    members = class_members(labels)
    if mode == "weighted":
        share, extra = divmod(n, len(members))
        counts = np.full(len(members), share)
        counts[rng.choice(len(members), extra, replace=False)] += 1  # the remainder, fairly
    elif mode == "oversample":
        largest = max(len(m) for m in members)
        counts = np.array([min(largest, oversample_cap * len(m)) for m in members])
    else:
        raise ValueError(f"unknown balance mode {mode!r}")
    drawn = [_walk(m, int(k), rng) for m, k in zip(members, counts, strict=True)]
    return rng.permutation(np.concatenate(drawn))


def epoch_length(labels: np.ndarray, mode: str, oversample_cap: int = 4) -> int:
    """How many windows one epoch draws (the same for every epoch)."""
    if mode != "oversample":
        return len(labels)
    members = class_members(labels)
    largest = max((len(m) for m in members), default=0)
    return int(sum(min(largest, oversample_cap * len(m)) for m in members))


def _walk(members: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` of `members`: whole shuffled passes over them, then part of one more."""
    passes, rest = divmod(count, len(members))
    parts = [rng.permutation(members) for _ in range(passes)]
    if rest:
        parts.append(rng.permutation(members)[:rest])
    return np.concatenate(parts) if parts else members[:0]
