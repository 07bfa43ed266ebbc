"""The order examples are drawn in: a seeded permutation per epoch, split across DDP ranks,
that a resumed run continues from its saved position (counted in examples, so a changed
batch size keeps the place)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def epoch_order(n: int, seed: int, epoch: int, world: int = 1) -> np.ndarray:
    """The data order of one epoch; padded (by repeating) to a multiple of `world`."""
    return pad_for_world(np.random.default_rng([seed, epoch, 7]).permutation(n), world)


def pad_for_world(order: np.ndarray, world: int) -> np.ndarray:
    """`order` padded (by repeating its start) to a multiple of `world`, so every DDP rank
    takes as many steps."""
    n = len(order)
    if world > 1 and n % world:
        order = np.concatenate([order, order[: world - n % world]])
    return order


class ResumableBatchSampler:
    """Batches of (epoch, index) keys starting `position` examples into this rank's share
    of the epoch order. `position` counts examples, so a batch size change keeps the place.
    `order` is the epoch's order when the task draws its own (the classify task's balanced
    one, core.train.classify.balance), else the seeded permutation of `n`."""

    def __init__(
        self,
        n: int,
        batch_size: int,
        seed: int,
        epoch: int,
        position: int = 0,
        rank: int = 0,
        world: int = 1,
        order: np.ndarray | None = None,
    ) -> None:
        self.n, self.seed, self.rank, self.world = n, seed, rank, world
        self.start(epoch, position, batch_size, order)

    def start(
        self, epoch: int, position: int, batch_size: int, order: np.ndarray | None = None
    ) -> None:
        """Draw `epoch` from `position` on at `batch_size` from now on: a loader that keeps
        its workers across epochs (core.train.run_loader) holds one sampler for the run."""
        w = self.world
        full = (
            epoch_order(self.n, self.seed, epoch, w) if order is None else pad_for_world(order, w)
        )
        self.order = full[self.rank :: w]
        self.batch_size, self.epoch, self.position = batch_size, epoch, position

    def __len__(self) -> int:
        left = max(0, len(self.order) - self.position)
        return (left + self.batch_size - 1) // self.batch_size

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        for s in range(self.position, len(self.order), self.batch_size):
            yield [(self.epoch, int(i)) for i in self.order[s : s + self.batch_size]]


def examples_per_rank(n: int, world: int = 1) -> int:
    return (n + world - 1) // world


def steps_per_epoch(n: int, batch_size: int, world: int = 1) -> int:
    return (examples_per_rank(n, world) + batch_size - 1) // batch_size
