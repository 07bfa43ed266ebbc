"""A run's data, made ready: the training set (cached or mixed on the fly), the fixed
validation set, the listening-sample clips, and the loader that resumes mid-epoch."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import Dataset

from core.dataset.project import Project
from core.messages import QT_TRANSLATE_NOOP, Message, counted
from core.train import ddp
from core.train import events as ev
from core.train.cache import CacheCancelled, cache_path, open_cache
from core.train.config import TrainConfig
from core.train.data import (
    VAL_EPOCH,
    CachedDataset,
    DataError,
    SegmentDataset,
    Sources,
    load_noise_clips,
    load_sources,
)
from core.train.samples import SampleClip, prepare_samples
from core.train.validation import ValidationSet

log = logging.getLogger(__name__)

CACHE_PROGRESS_INTERVAL_S = 0.25
VAL_MIN_EXAMPLES = 48  # validation examples drawn at least (small projects repeat segments)
# Fewer distinct validation segments than this are worth a word: repeating them with other
# noise steadies the figures, but the best epoch is still picked on a handful of speech.
VAL_FEW_SEGMENTS = 16


@dataclass
class TrainData:
    train_ds: Dataset
    val: ValidationSet
    sample_clips: list[SampleClip]  # rendered every epoch (main process only)
    skipped: list[str]  # source files left out of this run (deleted or changed)


def load_data(
    project: Project,
    config: TrainConfig,
    run_dir: Path,
    ctx: ddp.DistContext,
    emit: Callable[[ev.Event], None],
    should_cancel: Callable[[], bool],
) -> TrainData:
    """Raises DataError when the project cannot train (too few clips, no usable audio) and
    CacheCancelled when should_cancel() turns true while the cache is built."""
    cfg = config.data
    seed = config.run.seed
    skipped: list[str] = []

    def skip(path: str, why: str) -> None:
        # A file deleted or edited by the user while the project is in use must not end a
        # night of training: it is left out, and the user is told which one and why.
        skipped.append(path)
        said = Message("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "{path}: {why}"),
                       path=path, why=why)  # fmt: skip
        emit(ev.Warning(said, kind="data"))

    train = load_sources(project, cfg, "train", on_skip=skip)
    val = load_sources(project, cfg, "val", on_skip=skip)
    what = (
        Message("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "clean clips"))
        if cfg.task == "denoise"
        else Message("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "input/target pairs"))
    )
    if len(val) == 0:
        val = load_sources(project, cfg, "test", on_skip=skip)
    if len(val) == 0 and len(train) >= 2:
        # Tiny projects: hold one training clip out rather than validate on training data.
        emit(
            ev.Warning(
                Message(
                    "TrainMessages",
                    QT_TRANSLATE_NOOP(
                        "TrainMessages", "no {what} in the validation split; holding out '{name}'"
                    ),
                    what=what,
                    name=train.names[-1],
                ),
                kind="data",
            )
        )
        val = Sources(
            train.names[-1:],
            train.targets[-1:],
            train.inputs[-1:] if train.inputs is not None else None,
        )
        train = Sources(
            train.names[:-1],
            train.targets[:-1],
            train.inputs[:-1] if train.inputs is not None else None,
        )
    if len(train) == 0 or len(val) == 0:
        hint = (
            Message("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "import clean speech"))
            if cfg.task == "denoise"
            else Message(
                "TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "pair input and target folders")
            )
        )
        raise DataError(
            Message(
                "TrainMessages",
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "{root}: not enough {what} to train ({train} train, {val} validation); "
                    "{hint} first",
                ),
                root=str(project.root),
                what=what,
                train=len(train),
                val=len(val),
                hint=hint,
            )
        )
    noise_clips = load_noise_clips(project, cfg, on_skip=skip) if cfg.task == "denoise" else []
    train_ds = _train_dataset(
        project, config, train, noise_clips, bool(skipped), ctx, emit, should_cancel
    )
    if len(train_ds) == 0:
        raise DataError(
            Message(
                "TrainMessages",
                QT_TRANSLATE_NOOP(
                    "TrainMessages", "{root}: the training clips hold no usable audio"
                ),
                root=str(project.root),
            )
        )
    val_ds = SegmentDataset(
        val, cfg, seed, train=False, noise_clips=noise_clips, talkers=train.targets
    )
    n = len(val_ds)
    if n < VAL_FEW_SEGMENTS:
        emit(
            ev.Warning(
                Message(
                    "TrainMessages",
                    QT_TRANSLATE_NOOP(
                        "TrainMessages",
                        "validation rests on only {segments} of {clips}: its figures and the "
                        "best epoch are noisy; move more clips into the validation split",
                    ),
                    segments=_segments(n),
                    clips=_clips(len(val)),
                ),
                kind="data",
            )
        )
    want = min(max(n, VAL_MIN_EXAMPLES), cfg.val_segments_max)
    if n >= want:
        keys = [(VAL_EPOCH, int(i)) for i in np.linspace(0, n - 1, want).round()]
    else:
        # A small project: each segment again with other noise, SNR, room and band, so
        # the SI-SDR figures and the attenuation limit rest on more than a handful.
        keys = [(VAL_EPOCH + k // n, k % n) for k in range(want)]
    pairs = [val_ds.example(epoch, i) for epoch, i in keys]
    # PESQ/STOI cost ~65 ms a segment on a CPU core: an evenly spaced subset is scored.
    m = min(len(pairs), cfg.quality_segments)
    validation = ValidationSet(
        inputs=torch.from_numpy(np.stack([p[0] for p in pairs]))[:, None],
        targets=torch.from_numpy(np.stack([p[1] for p in pairs]))[:, None],
        quality_index=np.linspace(0, len(pairs) - 1, m).round().astype(int).tolist(),
    )
    sample_clips = prepare_samples(val, cfg, seed, run_dir, train.targets) if ctx.is_main else []
    log.info("data: %d training segments, %d validation examples", len(train_ds), len(keys))
    return TrainData(train_ds, validation, sample_clips, skipped)


def _train_dataset(
    project: Project,
    config: TrainConfig,
    train: Sources,
    noise_clips: list,
    any_skipped: bool,
    ctx: ddp.DistContext,
    emit: Callable[[ev.Event], None],
    should_cancel: Callable[[], bool],
) -> Dataset:
    cfg = config.data
    if cfg.cache != "off":
        path = cache_path(project, config)  # hashes every clip: once
        built = (path / "meta.json").exists()
        if any_skipped and (built or cfg.cache != "auto"):
            # A cache holds the left-out files' segments: mix on the fly instead.
            said = QT_TRANSLATE_NOOP(
                "TrainMessages",
                "files of the training cache are now missing or changed; mixing examples on "
                "the fly for this run (rebuild the cache to use one again)",
            )
            emit(ev.Warning(Message("TrainMessages", said), kind="data"))
        else:
            # The main process builds a missing cache while the others wait, then all read it.
            cached = ddp.main_first(
                ctx,
                lambda: open_cache(project, config, _cache_progress(path, emit), should_cancel),
                "building the training cache",
                CacheCancelled,
            )
            if not ctx.is_main:
                cached = open_cache(project, config)
            if cached is not None:
                inputs, targets = cached
                return CachedDataset(inputs, targets)
    return SegmentDataset(train, cfg, config.run.seed, train=True, noise_clips=noise_clips)


def _cache_progress(path: Path, emit: Callable[[ev.Event], None]):
    """CacheProgress events, at most a few a second (plus the first and the last)."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done in (0, total) or now - last[0] >= CACHE_PROGRESS_INTERVAL_S:
            last[0] = now
            emit(ev.CacheProgress(done, total, str(path)))

    return report


def _segments(n: int) -> Message:
    return counted("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "%n segment(s)"),
                   ("%n segment", "%n segments"), n)  # fmt: skip


def _clips(n: int) -> Message:
    return counted("TrainMessages", QT_TRANSLATE_NOOP("TrainMessages", "%n clip(s)"),
                   ("%n clip", "%n clips"), n)  # fmt: skip
