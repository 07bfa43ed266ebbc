"""The classify task's splits computed in memory, until the feature cache serves them.

Every labelled clip is read with its edits, cut into windows and turned into log-mel
features (core.train.classify.features), per split; training windows are capped at
`classify.max_per_class` per class (a seeded choice). No augmented variants. Interim: the
feature cache (core.train.classify.feature_cache) replaces it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

from core.audio.io import AudioReadError
from core.dataset.clip_audio import read_clip
from core.dataset.project import Project
from core.train import events as ev
from core.train.classify.features import (
    FeatureSplit,
    cut_windows,
    feature_audio,
    log_mel_batch,
)
from core.train.config import TrainConfig


def project_classes(project: Project) -> tuple[str, ...]:
    """The classes of the project's labelled clips (excluded classes left out), by name."""
    from core.dataset.labels import labelled_clips

    return tuple(sorted({c.label for c in labelled_clips(project)}))


def load_feature_splits(
    project: Project,
    config: TrainConfig,
    emit: Callable[[ev.Event], None],
    should_cancel: Callable[[], bool],
) -> dict[str, FeatureSplit]:
    from core.dataset.labels import labelled_clips

    fcfg = config.classify.features
    clips = labelled_clips(project)
    classes = tuple(sorted({c.label for c in clips}))
    index = {name: i for i, name in enumerate(classes)}
    parts: dict[str, list] = {}
    for clip in clips:
        try:
            audio, sr = read_clip(project.clip(clip.clip_id), for_training=True)
        except AudioReadError as exc:
            emit(ev.Warning(f"{exc}; left out of this run", kind="data"))
            continue
        signal = feature_audio(audio, sr, fcfg)
        starts, windows = cut_windows(signal, fcfg)
        feats = log_mel_batch(torch.from_numpy(windows), fcfg).numpy()
        n = len(starts)
        parts.setdefault(clip.split, []).append(
            (
                feats,
                np.full(n, index[clip.label]),
                np.full(n, clip.clip_id),
                starts / fcfg.sample_rate,
            )
        )
    splits = {}
    for name, items in parts.items():
        feats, labels, ids, starts = (np.concatenate(x) for x in zip(*items, strict=True))
        if name == "train" and config.classify.max_per_class:
            keep = _capped(labels, config.classify.max_per_class, config.run.seed)
            feats, labels, ids, starts = feats[keep], labels[keep], ids[keep], starts[keep]
        splits[name] = FeatureSplit(
            feats.astype(np.float32),
            labels.astype(np.int64),
            ids.astype(np.int64),
            starts.astype(np.float32),
            np.zeros(len(labels), np.int16),
            classes,
        )
    return splits


def _capped(labels: np.ndarray, cap: int, seed: int) -> np.ndarray:
    """Row indices keeping at most `cap` of each class (a seeded choice), in order."""
    rng = np.random.default_rng([seed, 23])
    keep = []
    for c in np.unique(labels):
        rows = np.flatnonzero(labels == c)
        keep.append(rows if len(rows) <= cap else np.sort(rng.choice(rows, cap, replace=False)))
    return np.sort(np.concatenate(keep))
