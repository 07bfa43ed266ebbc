"""What a run does when something goes wrong, and the messages that say so.

- CUDA out of memory: halve the batch, keep the place in the data order, continue.
- NaN/inf loss: the trainer restores the last good state; AMP goes off if it was on, else the
  learning rate is halved; after run.max_nan_retries, the run fails.
- A checkpoint that cannot be written (a full disk): the previous one is still whole, so
  training goes on and the next checkpoint retries; after MAX_FAILED_WRITES in a row, stop.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch

from core.disk import DiskFullError, is_disk_full
from core.messages import QT_TRANSLATE_NOOP, Message, counted
from core.train.state import TrainState

log = logging.getLogger(__name__)

MAX_FAILED_WRITES = 3  # consecutive failed checkpoint writes before the run stops
# The warnings and failures are Messages (core.messages): the GUI's log shows them translated.
CONTEXT = "TrainMessages"


class TrainingFailed(Exception):
    """Training cannot continue; the message says why and what to try."""


def halve_batch(state: TrainState, device: torch.device) -> str:
    """After an out-of-memory error: the warning. Raises TrainingFailed at batch 1."""
    if device.type == "cuda":
        torch.cuda.empty_cache()
    if state.batch_size <= 1:
        raise TrainingFailed(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "out of memory even with a batch of 1; use shorter segments "
                    "(data.segment_samples) or a smaller model",
                ),
            )
        )
    old = state.batch_size
    state.batch_size = max(1, old // 2)
    return Message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "TrainMessages", "out of memory at batch {old}; continuing with batch {new}"
        ),
        old=old,
        new=state.batch_size,
    )


def count_nan(state: TrainState, loss: float, limit: int, culprits: list[str] = ()) -> None:
    """Count a non-finite loss; raises TrainingFailed once there were more than `limit`,
    naming `culprits` (the files the last bad batch came from, see `batch_culprits`)."""
    state.nan_retries += 1
    if state.nan_retries > limit:
        files = (
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("TrainMessages", "; the last one came from {files}"),
                files=", ".join(culprits),
            )
            if culprits
            else ""
        )
        raise TrainingFailed(
            counted(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "TrainMessages",
                    "loss became {loss} %n time(s) (limit {limit}){files}; check the data "
                    "for clipped, silent or out-of-range files, or lower optim.lr",
                ),
                (
                    "loss became {loss} %n time (limit {limit}){files}; check the data "
                    "for clipped, silent or out-of-range files, or lower optim.lr",
                    "loss became {loss} %n times (limit {limit}){files}; check the data "
                    "for clipped, silent or out-of-range files, or lower optim.lr",
                ),
                state.nan_retries,
                loss=str(loss),
                limit=limit,
                files=files,
            )
        )


def batch_culprits(train_ds, state: TrainState, seed: int, ctx, inp, tgt) -> list[str]:
    """The source files of the batch at `state`'s position (the one whose loss was not
    finite): those whose examples hold non-finite or far-out samples, else all of them."""
    from core.train.sampling import epoch_order

    if not hasattr(train_ds, "sources"):  # a pre-built cache: its segments name no file
        return []
    order = epoch_order(len(train_ds), seed, state.epoch, ctx.world)[ctx.rank :: ctx.world]
    keys = order[state.position : state.position + int(inp.shape[0])]
    flat = torch.cat([inp.reshape(len(inp), -1), tgt.reshape(len(tgt), -1)], dim=1).float()
    bad = (~torch.isfinite(flat)).any(dim=1) | (flat.abs().nan_to_num(0.0).amax(dim=1) > 1e3)
    picked = [k for k, b in zip(keys, bad.tolist(), strict=False) if b] or list(keys)
    names = dict.fromkeys(train_ds.sources.names[int(train_ds.index[k][0])] for k in picked)
    return list(names)[:5]


def ease_off(state: TrainState, optimisation) -> str:
    """After a NaN, on the restored state: mixed precision off if it was on, else the
    learning rate halved (core.train.step.Optimisation). Says which, for `nan_warning`."""
    if state.amp_enabled:
        optimisation.precision.disable()
        state.amp_enabled = False
        return Message(CONTEXT, QT_TRANSLATE_NOOP("TrainMessages", "switched mixed precision off"))
    state.lr_scale *= 0.5
    optimisation.scale_lr(0.5)
    return Message(
        CONTEXT,
        QT_TRANSLATE_NOOP("TrainMessages", "halved the learning rate to {lr}"),
        lr=f"{optimisation.lr():.3g}",
    )


def nan_warning(state: TrainState, loss: float, limit: int, what: str) -> str:
    """The warning after a NaN recovery, `state` being the restored one."""
    return Message(
        CONTEXT,
        QT_TRANSLATE_NOOP(
            "TrainMessages",
            "loss became {loss} at step {at}; restored the last good state (epoch {epoch}, "
            "step {step}) and {what} (retry {retry} of {limit})",
        ),
        loss=str(loss),
        at=state.step + 1,
        epoch=state.epoch + 1,
        step=state.step,
        what=what,
        retry=state.nan_retries,
        limit=limit,
    )


class CheckpointWrites:
    """Counts checkpoint writes that failed in a row."""

    def __init__(self) -> None:
        self.failed = 0

    def succeeded(self) -> None:
        self.failed = 0

    def failed_write(self, exc: OSError, folder: Path) -> str:
        """The warning for a write that failed; raises TrainingFailed after
        MAX_FAILED_WRITES in a row, rather than train unsaved all night."""
        self.failed += 1
        if isinstance(exc, DiskFullError):
            why = exc.reason
        elif is_disk_full(exc):
            why = Message(CONTEXT, QT_TRANSLATE_NOOP("TrainMessages", "the disk is full"))
        else:
            why = exc.strerror or str(exc)
        message = Message(
            CONTEXT,
            QT_TRANSLATE_NOOP(
                "TrainMessages",
                "could not write the checkpoint in {folder} ({why}); the previous checkpoint "
                "is kept (failure {failed} of {limit})",
            ),
            folder=str(folder),
            why=why,
            failed=self.failed,
            limit=MAX_FAILED_WRITES,
        )
        log.error("%s: %s", message, exc)
        if self.failed >= MAX_FAILED_WRITES:
            raise TrainingFailed(
                Message(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "TrainMessages",
                        "{message}; training stopped. Free space on that disk, then resume the run",
                    ),
                    message=message,
                )
            ) from exc
        return message
