"""Reading the feature cache for training: one FeatureSplit per split, its features
memory-mapped from the groups' files (disk) or read into one array (RAM).

`classify.cache` "ram" reads every split into memory, "disk" maps the files (the OS keeps
what fits in its page cache), "auto" reads into RAM when the cache takes less than
core.train.cache.RAM_SHARE of the memory available now, as the denoise cache does.

On disk a split's features are a `FeatureRows`: the rows of its class groups' files, one
memory map each, indexed as one array (an int, a slice or an array of row indices gives an
ndarray). Pickling it (a DataLoader worker started by spawn) sends the file names, not the
data: the worker maps the files again.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import psutil

from core.dataset.labels import LabelledClip
from core.dataset.project import Project
from core.processes import in_ram
from core.train.cache import RAM_SHARE
from core.train.classify.feature_cache import group_is_current, plan
from core.train.classify.feature_cache_build import FEATURES, META, ROWS
from core.train.classify.feature_cache_plan import FEATURE_DTYPE, SPLITS, GroupTask, class_names
from core.train.classify.features import FeatureSplit
from core.train.config import TrainConfig

log = logging.getLogger(__name__)


class FeatureCacheStale(Exception):
    """The cache does not hold these clips with these settings: build it first."""


class FeatureRows:
    """Rows of several [n, n_mels, frames] FEATURE_DTYPE (float16) files, read as one array
    (of that dtype: training converts each batch to float32)."""

    def __init__(self, files: list[tuple[str, int]], row_shape: tuple[int, int]) -> None:
        self.files = files  # (path, rows)
        self.row_shape = tuple(row_shape)
        self._open()

    def _open(self) -> None:
        self.parts = [
            np.memmap(p, dtype=FEATURE_DTYPE, mode="r", shape=(n, *self.row_shape))
            for p, n in self.files
            if n
        ]
        self.offsets = np.cumsum([0] + [len(p) for p in self.parts])

    def __getstate__(self) -> dict:
        return {"files": self.files, "row_shape": self.row_shape}

    def __setstate__(self, state: dict) -> None:
        self.files, self.row_shape = state["files"], tuple(state["row_shape"])
        self._open()

    def __len__(self) -> int:
        return int(self.offsets[-1])

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self), *self.row_shape)

    @property
    def dtype(self) -> np.dtype:
        return FEATURE_DTYPE

    @property
    def ndim(self) -> int:
        return 1 + len(self.row_shape)

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, (int, np.integer)):
            i = int(key) + (len(self) if key < 0 else 0)
            if not 0 <= i < len(self):
                raise IndexError(f"row {key} of {len(self)}")
            part = int(np.searchsorted(self.offsets, i, side="right")) - 1
            return np.array(self.parts[part][i - self.offsets[part]])
        if isinstance(key, slice):
            key = np.arange(len(self))[key]
        idx = np.asarray(key, dtype=np.int64).reshape(-1)
        idx = np.where(idx < 0, idx + len(self), idx)
        if len(idx) and (idx.min() < 0 or idx.max() >= len(self)):
            raise IndexError(f"rows out of range 0..{len(self) - 1}")
        out = np.empty((len(idx), *self.row_shape), dtype=FEATURE_DTYPE)
        which = np.searchsorted(self.offsets, idx, side="right") - 1
        for part in np.unique(which):
            sel = which == part
            out[sel] = self.parts[part][idx[sel] - self.offsets[part]]
        return out

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        out = self[np.arange(len(self))]
        return out if dtype is None else out.astype(dtype)


def cache_bytes(tasks: list[GroupTask]) -> int:
    return sum(
        (Path(t.folder) / FEATURES).stat().st_size
        for t in tasks
        if (Path(t.folder) / FEATURES).exists()
    )


def where_to_read(mode: str, nbytes: int) -> str:
    """ "ram" or "disk" for a cache of `nbytes` under `classify.cache` = mode."""
    if mode in ("ram", "disk"):
        return mode
    return "ram" if nbytes < RAM_SHARE * psutil.virtual_memory().available else "disk"


def load_feature_splits(
    project: Project, clips: list[LabelledClip], cfg: TrainConfig, where: str | None = None
) -> dict[str, FeatureSplit]:
    """{"train", "val", "test"} -> FeatureSplit of the cache built for exactly these clips
    and settings (build_feature_cache first; FeatureCacheStale names a group that is
    missing or out of date). `where` ("ram"/"disk") overrides `classify.cache`."""
    tasks = plan(project, clips, cfg)
    stale = [t for t in tasks if not group_is_current(t, retry_failed=False)]
    if stale:
        raise FeatureCacheStale(
            f"{stale[0].folder}: the feature cache is missing or out of date for "
            f"{len(stale)} of {len(tasks)} class groups; build it first "
            "(wavesmith cache PROJECT --task classify)"
        )
    f = cfg.classify.features
    row_shape = (f.n_mels, f.frames)
    where = where or where_to_read(cfg.classify.cache, cache_bytes(tasks))
    classes = class_names(clips)
    out = {}
    for split in SPLITS:
        group = [t for t in tasks if t.split == split]
        metas = [json.loads((Path(t.folder) / META).read_text()) for t in group]
        files = [
            (str(Path(t.folder) / FEATURES), m["rows"]) for t, m in zip(group, metas, strict=True)
        ]
        rows = [np.load(Path(t.folder) / ROWS) for t in group]
        features = FeatureRows(files, row_shape)
        if where == "ram":  # loader workers map the files instead (core.processes.in_ram)
            features = in_ram(_read_whole(files, row_shape), features)
        out[split] = FeatureSplit(
            features=features,
            labels=np.concatenate(
                [
                    np.full(m["rows"], t.label_index, np.int64)
                    for t, m in zip(group, metas, strict=True)
                ]
                or [np.zeros(0, np.int64)]
            ),
            clip_ids=_cat([r["clip_ids"] for r in rows], np.int64),
            starts_s=_cat([r["starts_s"] for r in rows], np.float32),
            variants=_cat([r["variants"] for r in rows], np.int16),
            classes=classes,
        )
    log.info("feature cache %s read from %s", tasks[0].folder if tasks else "-", where)
    return out


def _cat(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype)


def _read_whole(files: list[tuple[str, int]], row_shape: tuple[int, int]) -> np.ndarray:
    """One array of every file's rows, read file by file (never two copies at once)."""
    out = np.empty((sum(n for _, n in files), *row_shape), dtype=FEATURE_DTYPE)
    at = 0
    for path, n in files:
        with open(path, "rb") as fh:
            fh.readinto(memoryview(out[at : at + n]).cast("B"))
        at += n
    return out
