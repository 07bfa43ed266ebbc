"""When a run saves a checkpoint, what happens when the write fails, and the last good state.

Checkpoints are written atomically (core.train.checkpoint); the run folder's metrics.csv and
status.json follow each one. A write that fails (a full disk) leaves the previous checkpoint
whole, so training goes on and the next one retries (core.train.recovery.CheckpointWrites).
Every checkpoint taken, written or not, is also the state NaN recovery goes back to.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path

from core.train import ddp
from core.train import events as ev
from core.train.checkpoint import checkpoint_dir, save_run_checkpoint
from core.train.config import TrainConfig
from core.train.recovery import CheckpointWrites
from core.train.run_folder import write_metrics, write_status
from core.train.state import TrainState
from core.train.step import scale_lr


class RunCheckpoints:
    """The checkpoints of one run (`emit` announces saves and failed writes)."""

    def __init__(
        self,
        run_dir: Path,
        config: TrainConfig,
        ctx: ddp.DistContext,
        emit: Callable[[ev.Event], None],
    ) -> None:
        self.run_dir, self.config, self.ctx, self._emit = run_dir, config, ctx, emit
        self._writes = CheckpointWrites()
        self._good: dict | None = None  # the last checkpoint taken, for NaN recovery
        self._last_time = time.monotonic()

    def remember(self, ckpt: dict) -> None:
        """Take `ckpt` as the last good state without writing it (the start of a run)."""
        self._good = copy.deepcopy(ckpt)
        self._last_time = time.monotonic()

    def save(
        self, ckpt: dict, state: TrainState, is_best: bool, status: Callable[[], dict]
    ) -> None:
        """Write `ckpt` (the checkpoint of `state`), then the metrics and `status()`."""
        self.remember(ckpt)
        if not self.ctx.is_main:
            return
        try:
            path = save_run_checkpoint(self.run_dir, ckpt, is_best, self.config.run.keep_last)
            write_metrics(self.run_dir, state.history)
            write_status(self.run_dir, status())
        except OSError as exc:
            # The previous checkpoint is still whole (writes go to a temporary file first):
            # train on, the next checkpoint retries; after MAX_FAILED_WRITES in a row, stop.
            message = self._writes.failed_write(exc, checkpoint_dir(self.run_dir))
            self._emit(ev.Warning(message, kind="checkpoint"))
            return
        self._writes.succeeded()
        self._emit(ev.CheckpointSaved(str(path), state.epoch, state.step, is_best))

    def mid_epoch_due(self, step: int) -> bool:
        """A checkpoint is due inside the epoch (run.checkpoint_steps or _minutes)."""
        r = self.config.run
        if r.checkpoint_steps and step % r.checkpoint_steps == 0:
            return True
        return (
            bool(r.checkpoint_minutes)
            and time.monotonic() - self._last_time >= r.checkpoint_minutes * 60
        )

    def restore_good(self, now: TrainState, model, optimizer, scheduler) -> TrainState:
        """Back to the last checkpointed state (NaN recovery). The recovery's own counters,
        the batch size, the precision in use and the learning-rate cuts already made stay as
        they are `now` (restoring the cuts too would halve the same rate at every retry)."""
        good = copy.deepcopy(self._good)
        state = TrainState.from_checkpoint(good, self.config)
        TrainState.restore_modules(good, model, optimizer, scheduler)
        state.nan_retries, state.batch_size = now.nan_retries, now.batch_size
        state.amp_enabled, state.elapsed_before = now.amp_enabled, now.elapsed_before
        if now.lr_scale != state.lr_scale:
            scale_lr(optimizer, scheduler, now.lr_scale / state.lr_scale)
            state.lr_scale = now.lr_scale
        return state
