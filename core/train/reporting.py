"""Who hears a run's events, and the events the trainer builds from its state.

The run folder's writer hears each event first (a listener that reads events.jsonl finds
the event there), then the listeners added with `Trainer.add_listener`; only the main
process of a DDP run reports. A listener that raises is logged and passed over: a broken
progress bar must not end a night of training.
"""

from __future__ import annotations

import logging
import math
import time

import torch

from core.train import ddp
from core.train import events as ev
from core.train.state import TrainState

log = logging.getLogger(__name__)


class RunEvents:
    """The listeners of one run, and the events it announces."""

    def __init__(self, ctx: ddp.DistContext, listener: ev.Listener | None = None) -> None:
        self.ctx = ctx
        self.listeners: list[ev.Listener] = [listener] if listener is not None else []
        self.writers: list[ev.Listener] = []  # the run folder's, set up when the run starts

    def add(self, listener: ev.Listener) -> None:
        self.listeners.append(listener)

    def emit(self, event: ev.Event) -> None:
        if not self.ctx.is_main:
            return
        event = ev.stamped(event, time.time())  # every listener hears the same time
        for listener in (*self.writers, *self.listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not kill a night of training
                log.exception("event listener failed on %s", event.name)

    def warn(self, message: str, kind: str) -> None:
        self.emit(ev.Warning(message, kind=kind))

    def train_started(
        self,
        run_dir,
        state: TrainState,
        total_epochs: int,
        steps_per_epoch: int,
        device: torch.device,
        resumed_from: str | None,
    ) -> None:
        self.emit(
            ev.TrainStarted(
                run_dir=str(run_dir),
                epoch=state.epoch,
                step=state.step,
                total_epochs=total_epochs,
                steps_per_epoch=steps_per_epoch,
                device=str(device),
                batch_size=state.batch_size,
                resumed_from=resumed_from,
            )
        )

    def step_done(
        self,
        state: TrainState,
        steps_per_epoch: int,
        loss: float,
        lr: float,
        examples: int,
        seconds: float,
        data_seconds: float,
        device: torch.device,
    ) -> None:
        """A step of `examples` (this process's) that took `seconds`, `data_seconds` of them
        waiting for the loader."""
        gpu_mb = None
        if device.type == "cuda":
            # The peak since the last step's report (validation between epochs counts in
            # the next epoch's first step), not the run's so far: that curve only ever rose.
            # The run's peak is the maximum over its steps.
            gpu_mb = torch.cuda.max_memory_allocated(device) / 2**20
            torch.cuda.reset_peak_memory_stats(device)
        self.emit(
            ev.StepDone(
                epoch=state.epoch,
                step=state.step,
                step_in_epoch=math.ceil(state.position / state.batch_size),
                steps_per_epoch=steps_per_epoch,
                loss=loss,
                lr=lr,
                samples_per_s=examples * self.ctx.world / max(seconds, 1e-9),
                data_wait_fraction=data_seconds / max(seconds, 1e-9),
                gpu_mem_mb=gpu_mb,
            )
        )

    def epoch_done(
        self, epoch: int, record: dict, state: TrainState, seconds: float, val: dict
    ) -> None:
        """Epoch `epoch` finished with history `record` and validation results `val`;
        `state` has booked it. A figure the task does not measure is NaN (SI-SDR of a
        classifier) or None (accuracy of a denoiser)."""
        self.emit(
            ev.EpochDone(
                epoch=epoch,
                train_loss=record["train_loss"],
                val_loss=record["val_loss"],
                val_si_sdr=record.get("val_si_sdr", math.nan),
                val_si_sdr_improvement=record.get("val_si_sdr_improvement", math.nan),
                lr=record["lr"],
                best_epoch=state.best_epoch,
                best_val_loss=state.best_val_loss,
                epochs_without_improvement=state.bad_epochs,
                seconds=seconds,
                **val.get("quality", {}),
                val_top1=record.get("val_top1"),
                val_top5=record.get("val_top5"),
                val_macro_f1=record.get("val_macro_f1"),
            )
        )
