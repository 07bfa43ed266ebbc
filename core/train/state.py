"""Everything a run must carry over a restart, in one dataclass, and its checkpoint form.

The checkpoint keys are format 1 as written since the first release: old runs must resume,
so a field is renamed here, never in the file (`bad_epochs` is saved as
"epochs_without_improvement", `loss_sum` as "train_loss_sum").
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass, field

import torch

from core.messages import QT_TRANSLATE_NOOP, Message, counted, rough_words
from core.train.checkpoint import FORMAT_VERSION, rng_state
from core.train.config import RunConfig, TrainConfig


@dataclass
class TrainState:
    batch_size: int  # may be below the config's after an out-of-memory halving
    epoch: int = 0  # the epoch being trained (0-based)
    step: int = 0  # optimiser steps since the run began
    position: int = 0  # examples of this epoch's order already trained: the resume cursor
    history: list[dict] = field(default_factory=list)  # one record per finished epoch
    best_val_loss: float = math.inf
    best_epoch: int = -1
    bad_epochs: int = 0  # epochs without improvement, for early stopping
    loss_sum: float = 0.0  # training loss × examples so far this epoch
    loss_count: int = 0
    lr_scale: float = 1.0  # product of the NaN recoveries' learning-rate cuts
    nan_retries: int = 0
    # False once this run fell back to fp32 (off the GPU, or AMP disagreed or went NaN): a
    # resumed run does not switch it back on.
    amp_enabled: bool = True
    elapsed_before: float = 0.0  # training seconds of earlier sessions of this run

    def to_checkpoint(
        self,
        *,
        model: torch.nn.Module,
        optimizer: torch.optim.Optimizer,
        scheduler,
        scaler: torch.amp.GradScaler | None,
        config: TrainConfig,
        world: int,
        elapsed: float,
    ) -> dict:
        """The checkpoint dict, keys in their historical order (see the module docstring)."""
        return {
            "format": FORMAT_VERSION,
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict() if scheduler is not None else None,
            "scaler": scaler.state_dict() if scaler is not None and scaler.is_enabled() else None,
            "epoch": self.epoch,
            "step": self.step,
            "position": self.position,
            "history": copy.deepcopy(self.history),
            "best_val_loss": self.best_val_loss,
            "best_epoch": self.best_epoch,
            "epochs_without_improvement": self.bad_epochs,
            "train_loss_sum": self.loss_sum,
            "train_loss_count": self.loss_count,
            "batch_size": self.batch_size,
            "lr_scale": self.lr_scale,
            "nan_retries": self.nan_retries,
            "amp_enabled": self.amp_enabled,
            "world_size": world,
            "elapsed_s": elapsed,
            "config": config.to_dict(),
            "rng": rng_state(),
        }

    @classmethod
    def from_checkpoint(cls, ckpt: dict, config: TrainConfig) -> TrainState:
        """The state saved in `ckpt`, for a run continuing under `config`. Keys added after
        the first checkpoints (amp_enabled, elapsed_s) default to what those runs did."""
        saved = TrainConfig.from_dict(ckpt["config"])
        # A batch size chosen on resume wins; otherwise keep the saved one (it may have
        # been halved after an out-of-memory error).
        same = saved.run.batch_size == config.run.batch_size
        return cls(
            batch_size=ckpt["batch_size"] if same else config.run.batch_size,
            epoch=ckpt["epoch"],
            step=ckpt["step"],
            position=ckpt["position"],
            history=list(ckpt["history"]),
            best_val_loss=ckpt["best_val_loss"],
            best_epoch=ckpt["best_epoch"],
            bad_epochs=ckpt["epochs_without_improvement"],
            loss_sum=ckpt["train_loss_sum"],
            loss_count=ckpt["train_loss_count"],
            lr_scale=ckpt["lr_scale"],
            nan_retries=ckpt["nan_retries"],
            amp_enabled=ckpt.get("amp_enabled", True),
            elapsed_before=float(ckpt.get("elapsed_s", 0.0)),
        )

    @staticmethod
    def restore_modules(ckpt: dict, model, optimizer, scheduler) -> dict | None:
        """Load the weights, optimiser and schedule; returns the grad scaler's state, which
        is loaded once the precision is known."""
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        if scheduler is not None and ckpt.get("scheduler"):
            scheduler.load_state_dict(ckpt["scheduler"])
        return ckpt.get("scaler")

    def count_step(self, examples: int, loss: float) -> None:
        """Book one optimiser step over `examples` of the epoch's order."""
        self.position += examples
        self.step += 1
        self.loss_sum += loss * examples
        self.loss_count += examples

    def epoch_record(self, figures: dict, lr: float) -> dict:
        """The history record of the epoch being finished: what every task records around
        its validation `figures` (the task's `epoch_figures`, holding "val_loss")."""
        return {
            "epoch": self.epoch,
            "train_loss": self.loss_sum / max(self.loss_count, 1),
            **figures,
            "lr": lr,
            "batch_size": self.batch_size,
        }

    def end_epoch(self, record: dict, min_delta: float) -> bool:
        """Book a finished epoch (its record holds val_loss); the next starts at position 0.
        Returns whether it improved on the best by more than min_delta."""
        improved = record["val_loss"] < self.best_val_loss - min_delta
        if improved:
            self.best_val_loss, self.best_epoch, self.bad_epochs = record["val_loss"], self.epoch, 0
        else:
            self.bad_epochs += 1
        self.history.append(record)
        self.epoch += 1
        self.position, self.loss_sum, self.loss_count = 0, 0.0, 0
        return improved

    def finish_message(self, status: str, run: RunConfig) -> str:
        """What the Finished event says for a run that ended with `status`, after the status
        itself (every reader shows "stopped: …"), so it does not say "stopped" again."""
        # Messages (core.messages): the GUI's log and banner show them translated.
        ctx = "TrainMessages"
        if status == "completed":
            return counted(ctx, QT_TRANSLATE_NOOP("TrainMessages", "trained %n epoch(s)"),
                           ("trained %n epoch", "trained %n epochs"), self.epoch)  # fmt: skip
        if status == "early_stopped":
            return Message(
                ctx,
                QT_TRANSLATE_NOOP(
                    "TrainMessages", "no improvement for {bad} epochs; best epoch {best}"
                ),
                bad=self.bad_epochs,
                best=self.best_epoch + 1,
            )
        if status == "stopped":
            return Message(
                ctx,
                QT_TRANSLATE_NOOP(
                    "TrainMessages", "on request; resume continues from the checkpoint"
                ),
            )
        if status == "time_budget":
            if run.max_steps and self.step >= run.max_steps:
                return Message(
                    ctx,
                    QT_TRANSLATE_NOOP(
                        "TrainMessages",
                        "step budget of {steps} steps reached; resume continues from the "
                        "checkpoint",
                    ),
                    steps=run.max_steps,
                )
            return Message(
                ctx,
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "time budget of {budget} reached; resume continues from the checkpoint",
                ),
                budget=rough_words(run.hours * 3600),
            )
        return ""

    def status(
        self,
        config: TrainConfig,
        parameters: int,
        size_mb: float,
        elapsed: float,
        status: str,
        message: str = "",
    ) -> dict:
        """The run's status.json."""
        return {
            "status": status,
            "message": message,
            "epoch": self.epoch,
            "epochs_done": len(self.history),
            "step": self.step,
            "best_val_loss": self.best_val_loss if math.isfinite(self.best_val_loss) else None,
            "best_epoch": self.best_epoch,
            "model": config.model.kind,
            "parameters": parameters,
            "size_mb": round(size_mb, 3),
            "elapsed_s": round(elapsed, 1),
            "updated": time.time(),
        }
