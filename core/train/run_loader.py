"""The training loader of a whole run: its worker processes start once and serve every epoch.

    loader = RunLoader(config, ctx, device)
    for batch in loader.epoch(train_ds, state):     # the state's epoch from its position
        ...
    loader.close()                                  # the workers end with the run

The workers are spawned (core.processes says why: forking the GUI process at every epoch held
its event loop 35-180 ms per worker on two cores), which costs each one a fresh interpreter
and torch's import, seconds; so they are started at the first epoch and kept
(`persistent_workers`), each epoch's order set on the one batch sampler the loader holds. The
examples are keyed by (epoch, index) and drawn from seeded generators, never from a worker's
own random state, so a resumed run sees exactly the batches an uninterrupted one would.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from core.processes import spawn_context
from core.train import ddp
from core.train.config import TrainConfig
from core.train.sampling import ResumableBatchSampler
from core.train.state import TrainState


class RunLoader:
    """One DataLoader per (dataset, run); a new dataset (data reloaded) gets new workers."""

    def __init__(
        self,
        config: TrainConfig,
        ctx: ddp.DistContext,
        device: torch.device,
        collate_fn: Callable | None = None,
    ) -> None:
        self.config, self.ctx, self.device, self.collate_fn = config, ctx, device, collate_fn
        self._loader: DataLoader | None = None
        self.sampler: ResumableBatchSampler | None = None

    def epoch(
        self, dataset: Dataset, state: TrainState, order: np.ndarray | None = None
    ) -> DataLoader:
        """The loader of the state's epoch from its position, at its batch size; `order` is
        the epoch's order when the task draws its own (else the seeded permutation)."""
        if self._loader is not None and self._loader.dataset is dataset:
            self.sampler.start(state.epoch, state.position, state.batch_size, order)
            return self._loader
        self.close()
        seed, workers = self.config.run.seed, self.config.run.workers
        n = len(order) if order is not None else len(dataset)
        self.sampler = ResumableBatchSampler(
            n,
            state.batch_size,
            seed,
            state.epoch,
            state.position,
            self.ctx.rank,
            self.ctx.world,
            order,
        )
        self._loader = DataLoader(
            dataset,
            batch_sampler=self.sampler,
            collate_fn=self.collate_fn,
            # Its own generator: the loader draws its workers' base seed from it, and from the
            # global stream that would shift the model's dropout after a resume.
            generator=torch.Generator().manual_seed(seed * 1_000_003 + 11),
            num_workers=workers,
            persistent_workers=workers > 0,
            multiprocessing_context=spawn_context() if workers > 0 else None,
            pin_memory=self.device.type == "cuda",
            prefetch_factor=4 if workers > 0 else None,
        )
        return self._loader

    def close(self) -> None:
        """End the workers now rather than whenever the loader is collected."""
        loader, self._loader = self._loader, None
        iterator = getattr(loader, "_iterator", None)
        if iterator is not None and hasattr(iterator, "_shutdown_workers"):
            iterator._shutdown_workers()
