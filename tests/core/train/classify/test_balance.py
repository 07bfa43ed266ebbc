"""Balancing the classify task's training order, on a deliberately imbalanced set (200, 50,
10 and 4 windows), through the loader training uses: with "weighted", the batches' class
frequencies are uniform within 1.5 points (they are exactly n/C per class over an epoch);
with "off" they are the data's within the same tolerance; "oversample" repeats rare classes
up to the cap. The order depends on (seed, epoch) only and resumes from a position."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import torch

from core.train.classify.balance import balanced_order, epoch_length
from core.train.classify.features import FeatureSplit
from core.train.classify.task import ClassifyTask
from core.train.config import TrainConfig
from core.train.ddp import DistContext
from core.train.setup import TrainData
from core.train.state import TrainState

COUNTS = (200, 50, 10, 4)
TOLERANCE = 0.015  # share of draws, absolute


def imbalanced_split() -> FeatureSplit:
    labels = np.concatenate([np.full(n, c) for c, n in enumerate(COUNTS)]).astype(np.int64)
    n = len(labels)
    return FeatureSplit(
        features=np.zeros((n, 8, 4), np.float32),
        labels=labels,
        clip_ids=np.arange(n, dtype=np.int64),  # one window per clip: every row its own unit
        starts_s=np.zeros(n, np.float32),
        variants=np.zeros(n, np.int16),
        classes=("common", "middle", "rare", "rarest"),
    )


def batch_shares(balance: str, epochs: int = 3, **overrides) -> tuple[np.ndarray, int]:
    """Each class's share of the draws of `epochs` epochs of the loader training uses, and
    the epoch's length in windows."""
    cfg = TrainConfig.preset("speech", "classify").with_overrides(
        {
            "model.classes": imbalanced_split().classes,
            "classify.balance": balance,
            "classify.mixup": 0.0,
            "run.batch_size": 16,
            "run.workers": 0,
            **overrides,
        }
    )
    task = ClassifyTask(cfg, "unused")
    data = TrainData(task_dataset(cfg), imbalanced_split(), [], [])
    counts: Counter = Counter()
    length = task.examples_per_epoch(data)
    for epoch in range(epochs):
        state = TrainState(batch_size=16, epoch=epoch)
        loader = task.loader(data, state, cfg, DistContext(), torch.device("cpu"))
        drawn = 0
        for _, labels in loader:
            counts.update(labels.tolist())
            drawn += len(labels)
        assert drawn == length
    total = sum(counts.values())
    return np.array([counts[c] / total for c in range(len(COUNTS))]), length


def task_dataset(cfg):
    from core.train.classify.data import ClassifyDataset

    return ClassifyDataset(imbalanced_split(), cfg.run.seed)


def test_weighted_batches_draw_every_class_equally_often():
    shares, length = batch_shares("weighted")
    assert length == sum(COUNTS)  # as many draws as windows, spread evenly
    assert np.all(np.abs(shares - 0.25) <= TOLERANCE), shares


def test_off_follows_the_data_frequencies():
    shares, length = batch_shares("off")
    assert length == sum(COUNTS)
    data = np.array(COUNTS) / sum(COUNTS)
    assert np.all(np.abs(shares - data) <= TOLERANCE), shares
    assert shares[0] > 0.7 and shares[3] < 0.03  # far from uniform: balancing is off


def test_oversample_repeats_rare_classes_up_to_the_cap():
    shares, length = batch_shares("oversample", **{"classify.oversample_cap": 4})
    capped = np.array([200, 200, 40, 16])  # min(largest, 4 x own)
    assert length == capped.sum()
    assert np.all(np.abs(shares - capped / capped.sum()) <= TOLERANCE), shares
    shares, length = batch_shares("oversample", epochs=1, **{"classify.oversample_cap": 50})
    assert length == 800 and np.all(np.abs(shares - 0.25) <= TOLERANCE)


@pytest.mark.parametrize("mode", ["weighted", "oversample", "off"])
def test_order_depends_on_seed_and_epoch_only(mode):
    labels = imbalanced_split().labels
    a = balanced_order(labels, mode, seed=3, epoch=2)
    assert np.array_equal(a, balanced_order(labels, mode, seed=3, epoch=2))
    assert not np.array_equal(a, balanced_order(labels, mode, seed=3, epoch=3))
    assert not np.array_equal(a, balanced_order(labels, mode, seed=4, epoch=2))
    assert len(a) == epoch_length(labels, mode)


def test_weighted_repeats_a_window_only_after_its_class_is_used_up():
    labels = imbalanced_split().labels
    order = balanced_order(labels, "weighted", seed=0, epoch=0)
    per_class = Counter(labels[order].tolist())
    assert sorted(per_class.values()) == [66, 66, 66, 66]  # 264 draws over 4 classes
    common = Counter(order[labels[order] == 0].tolist())
    assert max(common.values()) == 1  # 66 of 200: no common window twice
    rarest = Counter(order[labels[order] == 3].tolist())
    assert sorted(set(rarest.values())) in ([16, 17], [16], [17])  # 66 over 4: even passes


def test_a_resumed_epoch_continues_the_same_batches():
    cfg = TrainConfig.preset("speech", "classify").with_overrides(
        {"model.classes": imbalanced_split().classes, "run.batch_size": 8, "run.workers": 0}
    )
    task = ClassifyTask(cfg, "unused")
    data = TrainData(task_dataset(cfg), imbalanced_split(), [], [])
    device, ctx = torch.device("cpu"), DistContext()
    whole = list(task.loader(data, TrainState(8, epoch=1), cfg, ctx, device).batch_sampler)
    later = TrainState(8, epoch=1, position=40)
    assert list(task.loader(data, later, cfg, ctx, device).batch_sampler) == whole[5:]
