"""Where the training loop differs between tasks: one small hook object per task.

`Trainer` runs the same loop for every task (resume, checkpoints, recovery, time budget,
events, DDP) and asks its task's hooks for what differs: the config the model is built from,
the data and its loader, the loss, validation, the epoch's history record and what follows an
epoch (listening samples for the audio tasks, the per-class report for classify).

`AudioTask` is denoise and paired (waveform in, waveform out); `ClassifyTask` lives with the
rest of its task in core.train.classify.task. `task_for(config)` picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

import torch
from torch.utils.data import DataLoader

from core.dataset.project import Project
from core.train import ddp
from core.train import events as ev
from core.train.config import TrainConfig
from core.train.losses import compute_loss
from core.train.run_loader import RunLoader
from core.train.samples import render_samples
from core.train.setup import TrainData, load_data
from core.train.state import TrainState
from core.train.step import LossFn, Precision
from core.train.validation import validate


class TaskHooks(Protocol):
    loss_fn: LossFn  # (model output, batch target) -> scalar, as the step and AMP check use

    def prepare(self, project: Project, config: TrainConfig) -> TrainConfig:
        """The config the model is built from (classify: with the data's classes)."""

    def load_data(
        self,
        project: Project,
        config: TrainConfig,
        run_dir: Path,
        ctx: ddp.DistContext,
        emit: Callable[[ev.Event], None],
        should_cancel: Callable[[], bool],
    ) -> TrainData: ...

    def examples_per_epoch(self, data: TrainData) -> int: ...

    def loader(
        self,
        data: TrainData,
        state: TrainState,
        config: TrainConfig,
        ctx: ddp.DistContext,
        device: torch.device,
    ) -> DataLoader:
        """The loader of the state's epoch from its position (the order from (seed, epoch)),
        the same loader and workers all run long (core.train.run_loader)."""

    def close(self) -> None:
        """End what the task started for the run (the loader's workers)."""

    def validate(
        self, model, data: TrainData, precision: Precision, state: TrainState, device, scorer
    ) -> dict:
        """The validation results; holds "val_loss" (the best epoch and plateau follow it)."""

    def epoch_figures(self, val: dict) -> dict:
        """What the epoch's history record keeps of `val` ("val_loss" and the task's own
        figures); TrainState.epoch_record adds the keys every task shares."""

    def after_epoch(
        self, model, data: TrainData, val: dict, epoch: int, improved: bool, device, emit
    ) -> None:
        """What follows a checkpointed epoch in the main process."""

    def amp_batch(self, data: TrainData, batch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """One batch of validation (input, target) to compare fp32 with mixed precision."""


class AudioTask:
    """denoise and paired: waveform segments in, waveform out."""

    def __init__(self, config: TrainConfig, run_dir: Path) -> None:
        self.config, self.run_dir = config, run_dir
        self.loss_fn = partial(compute_loss, config.optim.loss)
        self._loader: RunLoader | None = None

    def prepare(self, project: Project, config: TrainConfig) -> TrainConfig:
        return config

    def load_data(self, project, config, run_dir, ctx, emit, should_cancel) -> TrainData:
        return load_data(project, config, run_dir, ctx, emit, should_cancel)

    def examples_per_epoch(self, data: TrainData) -> int:
        return len(data.train_ds)

    def loader(self, data, state, config, ctx, device) -> DataLoader:
        if self._loader is None:
            self._loader = RunLoader(config, ctx, device)
        return self._loader.epoch(data.train_ds, state)

    def close(self) -> None:
        if self._loader is not None:
            self._loader.close()

    def validate(self, model, data, precision, state, device, scorer) -> dict:
        return validate(
            model,
            data.val,
            self.config,
            precision,
            self.loss_fn,
            state.batch_size,
            device,
            state.epoch,
            scorer,
        )

    def epoch_figures(self, val: dict) -> dict:
        return {
            "val_loss": val["val_loss"],
            "val_si_sdr": val["val_si_sdr"],
            "val_si_sdr_improvement": val["val_si_sdr_improvement"],
            **val["quality"],
            # What `process` uses unless told otherwise (None: no limit).
            "atten_limit_db": val["atten_limit_db"],
        }

    def after_epoch(self, model, data, val, epoch, improved, device, emit) -> None:
        samples_dir = self.run_dir / "samples" / f"epoch_{epoch:04d}"
        rate = self.config.data.sample_rate
        render_samples(model, data.sample_clips, samples_dir, epoch, rate, device, emit)

    def amp_batch(self, data: TrainData, batch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        return data.val.inputs[:batch_size], data.val.targets[:batch_size]


def task_for(config: TrainConfig, run_dir: Path) -> TaskHooks:
    """The hooks of the config's task."""
    if config.data.task == "classify":
        from core.train.classify.task import ClassifyTask

        return ClassifyTask(config, run_dir)
    return AudioTask(config, run_dir)
