"""The one way core starts worker processes: a pool whose workers are spawned, never forked.

Every caller may run on a thread of the Qt GUI (the training thread builds caches and scores
PESQ there). Forking such a process copies mutexes other threads hold at that instant, and
costs the GUI its event loop meanwhile: os.fork copies the page tables of a process that has
torch and Qt loaded (~1.5 GB mapped) while holding the GIL, 35-60 ms per worker on a quiet
2-core machine and over 100 ms on a busy one. A spawned worker starts with a fresh
interpreter (the parent only runs fork+exec, cheap and without the GIL), so it is given
what it needs as small picklable arguments. A frozen build re-enters main.py in each worker,
which calls multiprocessing.freeze_support() first (main.main) for that reason.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def spawn_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    uses_torch: bool = True,
) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor of `workers` spawned processes, each running
    `initializer(*initargs)` first; with `uses_torch`, each also limited to one torch thread
    (N processes, one core each: no oversubscription). Workers that never touch torch say
    so and skip its import (seconds per worker)."""
    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=spawn_context(),
        initializer=_init,
        initargs=(initializer, initargs, uses_torch),
    )


def spawn_context():
    """The start method's context, for queues and events shared with `spawn_pool` workers."""
    return multiprocessing.get_context("spawn")


def _init(
    initializer: Callable[..., object] | None, initargs: tuple[Any, ...], uses_torch: bool
) -> None:
    if uses_torch:
        import torch

        torch.set_num_threads(1)
    if initializer is not None:
        initializer(*initargs)
