"""The classify task's training data: the cached splits as training reads them.

A training split's rows are windows, each original followed in the cache by its augmented
variants (same clip, same start). An epoch draws every window (a "unit") once, as
core.train.classify.balance orders them, and takes one of its rows (the original or a
variant) drawn from (seed, epoch, unit): heavy augmentation costs nothing at training time and
every epoch hears each window differently.

Batches go through `MixupCollate`: class indices as targets, or, for a batch chosen for mixup
(`classify.mixup` of them), the inputs mixed pairwise and the targets as the same mix of the
two classes. The draw comes from the batch's keys, so a resumed run mixes alike.
"""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import Dataset

from core.train.classify.features import FeatureSplit

MIXUP_ALPHA = 0.4  # Beta(a, a) mixing weights: most mixes keep one class clearly ahead


def window_units(split: FeatureSplit) -> tuple[np.ndarray, list[np.ndarray]]:
    """(label of each unit, the rows of each unit): a unit is one window of one clip, its
    rows the original and its variants."""
    usable = np.flatnonzero(np.asarray(split.labels) >= 0)  # -1: a class the run lacks
    ms = np.round(np.asarray(split.starts_s, dtype=np.float64)[usable] * 1000).astype(np.int64)
    key = np.asarray(split.clip_ids, dtype=np.int64)[usable] * (1 << 32) + ms
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = usable[np.argsort(inverse, kind="stable")]
    rows = np.split(order, np.cumsum(np.bincount(inverse, minlength=len(uniq)))[:-1])
    return np.asarray(split.labels)[usable[first]].astype(np.int64), rows


class ClassifyDataset(Dataset):
    """Training windows by (epoch, unit) key: (features [n_mels, frames], class, key)."""

    def __init__(self, split: FeatureSplit, seed: int) -> None:
        self.split, self.seed = split, seed
        self.unit_labels, self.unit_rows = window_units(split)

    def __len__(self) -> int:
        return len(self.unit_labels)

    def row(self, epoch: int, unit: int) -> int:
        """The row a unit gives in `epoch`: the original or one of its variants."""
        rows = self.unit_rows[unit]
        if len(rows) == 1:
            return int(rows[0])
        return int(rows[np.random.default_rng([self.seed, epoch, unit, 5]).integers(len(rows))])

    def __getitem__(self, key: tuple[int, int]):
        epoch, unit = key
        r = self.row(epoch, unit)
        feats = torch.from_numpy(np.array(self.split.features[r], dtype=np.float32))
        return feats, int(self.split.labels[r]), key


class MixupCollate:
    """A batch of dataset items -> (inputs [B, n_mels, frames], targets): class indices
    [B], or for a mixed batch the mixed class weights [B, classes]."""

    def __init__(self, classes: int, mixup: float, seed: int) -> None:
        self.classes, self.mixup, self.seed = classes, mixup, seed

    def __call__(self, items):
        inputs = torch.stack([f for f, _, _ in items])
        labels = torch.tensor([c for _, c, _ in items], dtype=torch.int64)
        if self.mixup <= 0 or len(items) < 2:
            return inputs, labels
        epoch = items[0][2][0]
        rng = np.random.default_rng([self.seed, epoch, 17, *(int(k[1]) for _, _, k in items)])
        if rng.random() >= self.mixup:
            return inputs, labels
        lam = float(rng.beta(MIXUP_ALPHA, MIXUP_ALPHA))
        perm = torch.from_numpy(rng.permutation(len(items)))
        onehot = torch.nn.functional.one_hot(labels, self.classes).float()
        return lam * inputs + (1 - lam) * inputs[perm], lam * onehot + (1 - lam) * onehot[perm]


def classify_loss(smoothing: float):
    """Cross-entropy with label smoothing, for class indices or mixed class weights."""

    def loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        logits = logits.float()
        if not target.is_floating_point():
            return torch.nn.functional.cross_entropy(logits, target, label_smoothing=smoothing)
        soft = target * (1 - smoothing) + smoothing / logits.shape[1]
        return -(soft * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()

    return loss


def remap(split: FeatureSplit, classes: tuple[str, ...]) -> tuple[FeatureSplit, list[str]]:
    """`split` with its labels as indices into `classes` (a run's, which may be older than
    the project's), and the classes of its windows the run lacks: those windows get label
    -1 and are left out of training and validation (no row is copied: `features` may be
    memory-mapped)."""
    index = {name: i for i, name in enumerate(classes)}
    table = np.array([index.get(name, -1) for name in split.classes] or [-1], dtype=np.int64)
    labels = table[np.asarray(split.labels, dtype=np.int64)]
    dropped = sorted({split.classes[i] for i in np.unique(np.asarray(split.labels)[labels < 0])})
    return FeatureSplit(
        split.features, labels, split.clip_ids, split.starts_s, split.variants, classes
    ), dropped
