"""Building one group of the feature cache (one split of one class), in a worker process or
in the caller's, and the noise bank the training variants mix from.

A group is written into a temporary folder beside its place and renamed into place only
once complete, with its meta.json (the key it was built for) written last: a build killed at
any point leaves either the previous complete group or none, never a half file read as
valid. Clips are read one at a time (core.dataset.clip_audio.read_clip, with their edits)
and their windows written as they are computed, so a group never sits in memory whole.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from core.dataset.clip_audio import read_clip
from core.dataset.clips import Clip
from core.dataset.project import Project
from core.train.classify.config import FeatureConfig
from core.train.classify.feature_cache_plan import (
    FEATURE_DTYPE,
    GroupTask,
    most_windows,
    select_windows,
)
from core.train.classify.features import feature_audio, log_mel_batch, window_starts
from core.train.classify.variants import window_variants

FEATURES = "features.f16"  # [rows, n_mels, frames] FEATURE_DTYPE (float16), raw (np.memmap)
ROWS = "rows.npz"  # clip_ids, starts_s, variants of each row
META = "meta.json"  # written last: a group without it was never finished
_CHUNK = 256  # windows per log-mel batch: bounds memory on long recordings
# The noise bank keeps this much of each noise clip, and this much in all (at 16 kHz, 20
# minutes are 77 MB), so a project with hours of noise recordings does not fill each worker.
NOISE_CLIP_S = 30.0
NOISE_TOTAL_S = 1200.0


class FeatureCacheCancelled(Exception):
    """should_cancel() turned true during a build; what was finished is kept and valid."""


@dataclass
class GroupResult:
    folder: str
    rows: int
    clips: int
    problems: list[tuple[str, str]] = field(default_factory=list)  # (clip's file, why)


def clip_signal(clip: Clip, features: FeatureConfig) -> np.ndarray:
    """A clip after its edits (excluded regions left out), mono at the feature rate."""
    audio, sr = read_clip(clip, for_training=True)
    return feature_audio(audio, sr, features)


def _windows(signal: np.ndarray, starts: np.ndarray, win: int) -> np.ndarray:
    padded = np.zeros(int(starts[-1]) + win, dtype=np.float32)
    padded[: len(signal)] = signal[: len(padded)]
    return padded[starts[:, None] + np.arange(win)[None, :]]


class _Writer:
    """Rows appended to a group's raw features file, and what each row is."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh = open(path, "wb")  # noqa: SIM115 (closed by close(), after many appends)
        self.clip_ids: list[int] = []
        self.starts_s: list[float] = []
        self.variants: list[int] = []

    def variant_rows(self, mels: np.ndarray, clip_id: int, start_s: float) -> None:
        """Variants 1..len(mels) of the window of a clip starting at `start_s`."""
        self.fh.write(np.ascontiguousarray(mels, dtype=FEATURE_DTYPE).tobytes())
        self.clip_ids += [clip_id] * len(mels)
        self.starts_s += [start_s] * len(mels)
        self.variants += list(range(1, len(mels) + 1))

    def originals(self, mels: np.ndarray, clip_id: int, starts_s: np.ndarray) -> None:
        self.fh.write(np.ascontiguousarray(mels, dtype=FEATURE_DTYPE).tobytes())
        self.clip_ids += [clip_id] * len(mels)
        self.starts_s += [float(s) for s in starts_s]
        self.variants += [0] * len(mels)

    def close(self) -> int:
        self.fh.close()
        return len(self.clip_ids)


def _write_originals(w: _Writer, clip: Clip, signal: np.ndarray, starts, f: FeatureConfig):
    for lo in range(0, len(starts), _CHUNK):
        part = starts[lo : lo + _CHUNK]
        windows = torch.from_numpy(_windows(signal, part, f.window_samples))
        w.originals(log_mel_batch(windows, f).numpy(), clip.id, part / f.sample_rate)


def _write_variants(w: _Writer, task: GroupTask, clip: Clip, signal, starts, noise) -> None:
    f = task.features
    for s in starts:
        mels = window_variants(
            signal, int(s), clip.id, task.variants, f, task.augment, task.seed, noise
        )
        w.variant_rows(mels, clip.id, float(s) / f.sample_rate)


def build_group(
    task: GroupTask,
    report: Callable[[int, str], None] = lambda n, what: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> GroupResult:
    """Write one group into `task.folder`; report(clips done, clip name) after each clip.
    A clip that cannot be read is named in the result and the others still build."""
    final = Path(task.folder)
    tmp = final.with_name(f".tmp-{os.getpid()}-{final.name}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        result = _build_into(tmp, task, report, cancelled)
        _swap_into_place(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _build_into(tmp: Path, task: GroupTask, report, cancelled) -> GroupResult:
    f = task.features
    noise = load_noise_bank(task.noise_file)
    upper = sum(most_windows(clip, f) for clip, _ in task.clips)
    capped = 0 < task.max_windows < upper
    w = _Writer(tmp / FEATURES)
    problems: list[tuple[str, str]] = []
    kept_clips: list[tuple[Clip, str, int]] = []  # clip, source, windows
    for clip, source in task.clips:
        if cancelled():
            w.close()
            raise FeatureCacheCancelled(task.folder)
        try:
            signal = clip_signal(clip, f)
        except Exception as exc:  # any reason a file cannot be read: named, and go on
            problems.append((clip.path, f"{type(exc).__name__}: {exc}"))
            report(1, clip.name)
            continue
        if len(signal):  # a clip excluded whole gives no windows
            starts = window_starts(len(signal), f)
            _write_originals(w, clip, signal, starts, f)
            if task.variants and not capped:
                _write_variants(w, task, clip, signal, starts, noise)
            kept_clips.append((clip, source, len(starts)))
        report(1, clip.name)
    rows = w.close()
    if capped:
        rows = _cap(tmp, w, task, kept_clips, noise, cancelled)
    np.savez(
        tmp / ROWS,
        clip_ids=np.asarray(w.clip_ids, dtype=np.int64),
        starts_s=np.asarray(w.starts_s, dtype=np.float32),
        variants=np.asarray(w.variants, dtype=np.int16),
    )
    meta = {
        "key": task.key,
        "split": task.split,
        "label": task.label,
        "rows": rows,
        "originals": w.variants.count(0),
        "shape": [f.n_mels, f.frames],
        "clips": len(kept_clips),
        "problems": problems,
    }
    (tmp / META).write_text(json.dumps(meta))
    return GroupResult(task.folder, rows, len(kept_clips), problems)


def _cap(tmp: Path, w: _Writer, task: GroupTask, clips, noise, cancelled) -> int:
    """Keep `task.max_windows` of the originals just written (select_windows), then add the
    variants of those only (their clips are read a second time: holding every clip of a
    class until the choice is made could be hours of audio)."""
    f = task.features
    keep = select_windows(
        [n for _, _, n in clips], [s for _, s, _ in clips], task.max_windows, task.seed, task.label
    )
    rows = [i for i, k in enumerate(_kept_mask(clips, keep)) if k]
    shape = (len(w.clip_ids), f.n_mels, f.frames)
    old = np.memmap(tmp / FEATURES, dtype=FEATURE_DTYPE, mode="r", shape=shape)
    kept = _Writer(tmp / (FEATURES + ".kept"))
    ids, starts = np.asarray(w.clip_ids), np.asarray(w.starts_s)
    for lo in range(0, len(rows), _CHUNK):
        sel = rows[lo : lo + _CHUNK]
        kept.fh.write(np.ascontiguousarray(old[sel]).tobytes())
        kept.clip_ids += ids[sel].tolist()
        kept.starts_s += starts[sel].tolist()
        kept.variants += [0] * len(sel)
    del old
    if task.variants:
        for (clip, _, _), k in zip(clips, keep, strict=True):
            if cancelled():
                kept.close()
                raise FeatureCacheCancelled(task.folder)
            if len(k):
                signal = clip_signal(clip, f)
                _write_variants(kept, task, clip, signal, window_starts(len(signal), f)[k], noise)
    n = kept.close()
    os.replace(kept.path, tmp / FEATURES)
    w.clip_ids, w.starts_s, w.variants = kept.clip_ids, kept.starts_s, kept.variants
    return n


def _kept_mask(clips, keep: list[np.ndarray]) -> list[bool]:
    flags = []
    for (_, _, n), k in zip(clips, keep, strict=True):
        mask = np.zeros(n, dtype=bool)
        mask[k] = True
        flags += mask.tolist()
    return flags


def _swap_into_place(tmp: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".old-{os.getpid()}-{final.name}")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# -- the noise bank ----------------------------------------------------------------------
def build_noise_bank(
    project: Project, features: FeatureConfig, folder: Path, key: str
) -> tuple[str, list[tuple[str, str]]]:
    """The project's noise clips at the feature rate in one file (`folder`/<key>.f32 and its
    .json of offsets), built once per key; (its path or "" when there is no noise, problems)."""
    path = folder / f"{key}.f32"
    if path.with_suffix(".json").is_file():
        return str(path), []
    problems: list[tuple[str, str]] = []
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    offsets, total = [0], 0
    limit, per_clip = (
        int(NOISE_TOTAL_S * features.sample_rate),
        int(NOISE_CLIP_S * features.sample_rate),
    )
    with open(tmp, "wb") as fh:
        for clip in project.clips(role="noise"):
            if total >= limit:
                break
            try:
                signal = clip_signal(clip, features)[: min(per_clip, limit - total)]
            except Exception as exc:  # named, and the others still mix
                problems.append((clip.path, f"{type(exc).__name__}: {exc}"))
                continue
            if len(signal):
                fh.write(signal.astype(np.float32).tobytes())
                total += len(signal)
                offsets.append(total)
    if total == 0:
        tmp.unlink()
        return "", problems
    os.replace(tmp, path)
    path.with_suffix(".json").write_text(json.dumps({"offsets": offsets}))
    return str(path), problems


def load_noise_bank(path: str) -> list[np.ndarray]:
    """The noise clips of a bank, memory-mapped ([] for "")."""
    if not path:
        return []
    offsets = json.loads(Path(path).with_suffix(".json").read_text())["offsets"]
    data = np.memmap(path, dtype=np.float32, mode="r", shape=(offsets[-1],))
    return [data[a:b] for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
