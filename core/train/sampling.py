"""The order examples are drawn in: a seeded permutation per epoch, split across DDP ranks,
that a resumed run continues from its saved position (counted in examples, so a changed
batch size keeps the place)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def epoch_order(n: int, seed: int, epoch: int, world: int = 1) -> np.ndarray:
    """The data order of one epoch; padded (by repeating) to a multiple of `world`."""
    order = np.random.default_rng([seed, epoch, 7]).permutation(n)
    if world > 1 and n % world:
        order = np.concatenate([order, order[: world - n % world]])
    return order


class ResumableBatchSampler:
    """Batches of (epoch, index) keys starting `position` examples into this rank's share
    of the epoch order. `position` counts examples, so a batch size change keeps the place."""

    def __init__(
        self,
        n: int,
        batch_size: int,
        seed: int,
        epoch: int,
        position: int = 0,
        rank: int = 0,
        world: int = 1,
    ) -> None:
        self.order = epoch_order(n, seed, epoch, world)[rank::world]
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
