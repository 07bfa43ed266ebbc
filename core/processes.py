"""The one way core starts worker processes: a pool whose workers are spawned, never forked.

Every caller may run on a thread of the Qt GUI (the training thread builds caches and scores
PESQ there). Forking such a process copies mutexes other threads hold at that instant, and
costs the GUI its event loop meanwhile: os.fork copies the page tables of a process that has
torch and Qt loaded (~1.5 GB mapped) while holding the GIL, 35-60 ms per worker on a quiet
2-core machine and over 100 ms on a busy one. A spawned worker starts with a fresh
interpreter (the parent only runs fork+exec, cheap and without the GIL), so it is given
what it needs as small picklable arguments. A frozen build re-enters main.py in each worker,
which calls multiprocessing.freeze_support() first (main.main) for that reason.

What crosses to a spawned worker is pickled, and a memory-mapped array (prepared audio, the
training caches) would be pickled as its whole content: a copy of the dataset per worker.
Importing this module registers a reducer that sends such an array as its file, offset and
shape instead, so the worker maps the same pages (the OS page cache shares them). A cache
read into RAM (`in_ram`) travels as the map it was read from, for the same reason.
"""

from __future__ import annotations

import mmap
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.reduction import ForkingPickler
from typing import Any

import numpy as np


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


class RamCopy(np.ndarray):
    """An array read into RAM from files, which a spawned worker maps instead (see above)."""

    travels_as: object = None

    def __array_finalize__(self, obj) -> None:
        self.travels_as = None  # a view or a result is not the whole of what was read


def in_ram(array: np.ndarray, travels_as: object) -> RamCopy:
    """`array` (read into RAM from what `travels_as` maps) that crosses to a spawned worker
    as `travels_as`: a memory map, or an object that pickles as one."""
    out = array.view(RamCopy)
    out.travels_as = travels_as
    return out


def _reduce_ram_copy(a: RamCopy):
    if a.travels_as is None:
        return np.array, (np.asarray(a),)
    return _same, (a.travels_as,)


def _same(x: object) -> object:
    return x


def _reduce_memmap(a: np.memmap):
    """A contiguous map of a file travels as (file, position, dtype, shape); anything else
    (a strided view, an empty or anonymous map) as its content."""
    m = getattr(a, "_mmap", None)
    if a.filename is None or m is None or a.size == 0 or not a.flags.c_contiguous:
        return np.array, (np.asarray(a),)
    start = a.offset - a.offset % mmap.ALLOCATIONGRANULARITY  # where np.memmap mapped from
    pos = start + a.__array_interface__["data"][0] - np.frombuffer(m, np.uint8).ctypes.data
    mode = a.mode if a.mode in ("r", "c") else "r+"
    return _open_mapped, (a.filename, mode, pos, a.dtype.str, a.shape)


def _open_mapped(filename: str, mode: str, pos: int, dtype: str, shape: tuple[int, ...]):
    return np.memmap(filename, dtype=np.dtype(dtype), mode=mode, offset=pos, shape=shape)


ForkingPickler.register(np.memmap, _reduce_memmap)
ForkingPickler.register(RamCopy, _reduce_ram_copy)
