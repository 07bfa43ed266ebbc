"""Pre-generated training data: segments and augmented variants written once, read memory-mapped.

Users with large datasets pre-generate to keep on-the-fly augmentation from eating memory and
CPU during training. `build_cache` runs N spawned worker processes (core.processes) that
each rebuild the dataset from the project and fill a slice of two .npy files (inputs,
targets) shaped (segments, variants, samples); the trainer then reads
variant `epoch % variants` of each segment. Only the train split is cached: validation is
small and made once per run anyway.

The cache folder's name is a hash of everything that determines its content (data config,
seed, the clips' hashes and edits), so a stale cache is never used.

The two files are allocated in full before any worker writes (posix_fallocate): a disk
that cannot hold them is refused up front with the size needed, rather than a worker dying
of SIGBUS on a page of the memory map the filesystem cannot back. Whatever ends a build
early, the partial `.building` folder is removed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psutil

from core.dataset.project import Project
from core.disk import DiskFullError, free_bytes, is_disk_full, require_free
from core.processes import in_ram, spawn_pool
from core.train.config import TrainConfig
from core.train.data import SegmentDataset, load_noise_clips, load_sources

log = logging.getLogger(__name__)

# Fields that do not change what the cache holds.
_NOT_CONTENT = {
    "cache",
    "val_segments_max",
    "sample_clips",
    "sample_seconds",
    "quality_every",
    "quality_segments",
}
# A RAM cache may take at most this share of the memory available when it is opened.
RAM_SHARE = 0.25


class CacheCancelled(Exception):
    """`should_cancel()` turned true while the cache was being built; nothing was kept."""


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    segments: int
    variants: int
    samples: int
    bytes: int
    seconds: float  # time to build (0 when it already existed)
    where: str  # "ram" or "disk" (how a run would read it now)


def cache_key(project: Project, config: TrainConfig) -> str:
    data = {k: v for k, v in config.to_dict()["data"].items() if k not in _NOT_CONTENT}
    if config.data.task == "denoise":
        items = [[c.audio_key, c.edits] for c in project.clips(role="clean", split="train")]
        items += [[c.audio_key, c.edits] for c in project.clips(role="noise")]
    else:
        items = [
            [p.input.audio_key, p.target.audio_key, p.offset, p.input.edits, p.target.edits]
            for p in project.pairs(split="train")
        ]
    blob = json.dumps({"data": data, "seed": config.run.seed, "items": items}, sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


def cache_path(project: Project, config: TrainConfig) -> Path:
    return project.cache_dir / "train_segments" / cache_key(project, config)


def _where(config: TrainConfig, nbytes: int) -> str:
    if config.data.cache in ("ram", "disk"):
        return config.data.cache
    return "ram" if nbytes < RAM_SHARE * psutil.virtual_memory().available else "disk"


# Worker state: each spawned worker rebuilds the parent's dataset from the project; the
# prepared audio it reads is memory-mapped from the project's cache, so nothing is decoded
# twice and no audio is pickled.
_WORKER_DS: SegmentDataset | None = None
_WORKER_ERROR: str | None = None


def _dataset(project: Project, config: TrainConfig) -> SegmentDataset:
    sources = load_sources(project, config.data, "train")
    noise = load_noise_clips(project, config.data) if config.data.task == "denoise" else []
    return SegmentDataset(sources, config.data, config.run.seed, train=True, noise_clips=noise)


def _init_worker(root: str, config: dict, segments: int) -> None:
    """The parent's dataset, or why not: raised from `_fill`, where the parent sees it."""
    global _WORKER_DS, _WORKER_ERROR
    try:
        with Project.open(root) as project:
            ds = _dataset(project, TrainConfig.from_dict(config))
    except Exception as exc:  # noqa: BLE001 - reported by the first task instead
        _WORKER_ERROR = f"{root}: a cache worker could not read the training data: {exc}"
        return
    if len(ds) != segments:
        _WORKER_ERROR = (
            f"{root}: the training clips changed while the cache was being built "
            f"({len(ds)} segments, not {segments}); start again"
        )
    _WORKER_DS = ds


def _fill(path: str, lo: int, hi: int, variants: int) -> int:
    if _WORKER_ERROR is not None:
        raise RuntimeError(_WORKER_ERROR)
    ds = _WORKER_DS
    inputs = np.load(Path(path) / "inputs.npy", mmap_mode="r+")
    targets = np.load(Path(path) / "targets.npy", mmap_mode="r+")
    for i in range(lo, hi):
        for v in range(variants):
            inp, tgt = ds.example(v, i)
            inputs[i, v] = inp
            targets[i, v] = tgt
    inputs.flush()
    targets.flush()
    return hi - lo


def build_cache(
    project: Project,
    config: TrainConfig,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    rebuild: bool = False,
    should_cancel: Callable[[], bool] | None = None,
) -> CacheInfo:
    """Write the training segments of `config` with `workers` processes; progress(done, total)
    from 0 on. When `should_cancel()` turns true the build ends with CacheCancelled and leaves
    no partial cache behind."""
    path = cache_path(project, config)
    n_var, seg = config.data.cache_variants, config.data.segment_samples
    if (path / "meta.json").exists() and not rebuild:
        meta = json.loads((path / "meta.json").read_text())
        return CacheInfo(
            path, meta["segments"], n_var, seg, meta["bytes"], 0.0, _where(config, meta["bytes"])
        )
    t0 = time.monotonic()
    ds = _dataset(project, config)
    n = len(ds)
    if n == 0:
        raise ValueError(f"{project.root}: no training segments to cache")
    tmp = path.with_name(path.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    shape = (n, n_var, seg)
    try:
        _allocate(tmp, shape)
        _build(tmp, ds, project, config, workers, progress, should_cancel)
        nbytes = sum((tmp / f).stat().st_size for f in ("inputs.npy", "targets.npy"))
        meta = {"segments": n, "variants": n_var, "samples": seg, "bytes": nbytes}
        (tmp / "meta.json").write_text(json.dumps({**meta, "config": config.to_dict()["data"]}))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(path, ignore_errors=True)
    tmp.rename(path)
    return CacheInfo(path, n, n_var, seg, nbytes, time.monotonic() - t0, _where(config, nbytes))


def _allocate(tmp: Path, shape: tuple[int, int, int]) -> None:
    """Both .npy files at full size, their blocks reserved on the disk (see the module doc)."""
    needed = 2 * int(np.prod(shape)) * 4 + 2 * 4096
    what = "the training cache"
    require_free(tmp.parent, needed, what)
    tmp.mkdir(parents=True)
    for name in ("inputs.npy", "targets.npy"):
        try:
            mm = np.lib.format.open_memmap(tmp / name, mode="w+", dtype=np.float32, shape=shape)
            mm.flush()
            del mm
            with open(tmp / name, "r+b") as fh:
                os.posix_fallocate(fh.fileno(), 0, os.fstat(fh.fileno()).st_size)
        except AttributeError:  # no posix_fallocate (macOS, Windows): the check above only
            pass
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(tmp.parent, needed, free_bytes(tmp.parent), what) from exc
            if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL):  # a filesystem without it
                raise


def _build(
    tmp: Path,
    ds: SegmentDataset,
    project: Project,
    config: TrainConfig,
    workers: int,
    progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> None:
    global _WORKER_DS
    n, n_var = len(ds), config.data.cache_variants
    path = tmp.with_name(tmp.name.removesuffix(".building"))
    chunk = max(1, min(64, n // max(1, workers * 4)))
    ranges = [(lo, min(n, lo + chunk)) for lo in range(0, n, chunk)]
    done = 0
    if progress:
        progress(0, n)
    cancelled = should_cancel or (lambda: False)
    if workers <= 0:
        _WORKER_DS = ds
        try:
            for lo, hi in ranges:
                if cancelled():
                    raise CacheCancelled(str(path))
                done += _fill(str(tmp), lo, hi, n_var)
                if progress:
                    progress(done, n)
        finally:
            _WORKER_DS = None
        return
    init = (str(project.root), config.to_dict(), n)
    with spawn_pool(min(workers, len(ranges)), _init_worker, init) as pool:
        futures = [pool.submit(_fill, str(tmp), lo, hi, n_var) for lo, hi in ranges]
        for fut in as_completed(futures):
            done += fut.result()
            if progress:
                progress(done, n)
            if cancelled():
                pool.shutdown(wait=True, cancel_futures=True)
                raise CacheCancelled(str(path))


def open_cache(
    project: Project,
    config: TrainConfig,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The cached (inputs, targets) for this config, in RAM or memory-mapped; None when no
    cache was built (cache "auto") — "ram"/"disk" build one first (see `build_cache`)."""
    mode = config.data.cache
    if mode == "off":
        return None
    path = cache_path(project, config)
    if not (path / "meta.json").exists():
        if mode == "auto":
            return None
        build_cache(
            project,
            config,
            workers=max(1, config.run.workers),
            progress=progress,
            should_cancel=should_cancel,
        )
    meta = json.loads((path / "meta.json").read_text())
    where = _where(config, meta["bytes"])
    inputs = np.load(path / "inputs.npy", mmap_mode="r")
    targets = np.load(path / "targets.npy", mmap_mode="r")
    if where == "ram":  # loader workers map the files instead (core.processes.in_ram)
        inputs = in_ram(np.ascontiguousarray(inputs), inputs)
        targets = in_ram(np.ascontiguousarray(targets), targets)
    log.info("training cache %s (%.1f MB, %s)", path, meta["bytes"] / 1e6, where)
    return inputs, targets
