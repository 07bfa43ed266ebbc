"""DistributedDataParallel plumbing: the same `wavesmith train` under torchrun.

torchrun sets RANK, WORLD_SIZE and LOCAL_RANK; `init_from_env` joins the process group
(NCCL on CUDA, gloo on CPU). Rank 0 alone writes checkpoints, logs and samples; every rank
reads its own stride of the epoch order (see sampling.ResumableBatchSampler) and validates on the
full (small, fixed) validation set, so all ranks take the same early-stopping decision.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import torch
import torch.distributed as dist

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class DistContext:
    rank: int = 0
    world: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def enabled(self) -> bool:
        return self.world > 1


def init_from_env(device_type: str | None = None) -> DistContext:
    """Join the process group when launched by torchrun (WORLD_SIZE > 1); else single process."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return DistContext()
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if not dist.is_initialized():
        use_cuda = torch.cuda.is_available() and device_type != "cpu"
        backend = "nccl" if use_cuda else "gloo"
        if use_cuda:
            torch.cuda.set_device(local_rank)
        dist.init_process_group(backend=backend)
        log.info("DDP rank %d/%d (%s)", rank, world, backend)
    return DistContext(rank, world, local_rank)


def any_rank(ctx: DistContext, flag: bool) -> bool:
    """True when the flag is set on any rank: a stop or time-budget decision must be shared,
    or the other ranks would wait forever in the next gradient all-reduce."""
    return _largest(ctx, 1 if flag else 0) > 0


def _largest(ctx: DistContext, value: int) -> int:
    if not ctx.enabled:
        return value
    t = torch.tensor([float(value)])
    if dist.get_backend() == "nccl":
        t = t.cuda()
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return int(t.item())


class MainProcessFailed(RuntimeError):
    """The main process failed at a step every process waited for (its log says why)."""


def main_first(
    ctx: DistContext,
    work: Callable[[], T],
    what: str,
    cancelled: type[Exception] | None = None,
) -> T | None:
    """`work()` on the main process while the others wait (a cache they all read next); its
    result there, None elsewhere. Every process learns how it ended: when the main one
    raised, it re-raises and the others raise `cancelled(...)` if it was that kind, else
    MainProcessFailed, instead of waiting forever in the next collective."""
    error: Exception | None = None
    result = None
    if ctx.is_main:
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - re-raised below, once the others know
            error = exc
    kind = 0 if error is None else 1 if cancelled and isinstance(error, cancelled) else 2
    outcome = _largest(ctx, kind)
    if error is not None:
        raise error
    if outcome == 1 and cancelled is not None:
        raise cancelled(f"the main process was stopped while {what}")
    if outcome:
        raise MainProcessFailed(f"the main process failed while {what}; its log says why")
    return result


def wrap(model: torch.nn.Module, ctx: DistContext, device: torch.device) -> torch.nn.Module:
    if not ctx.enabled:
        return model
    from torch.nn.parallel import DistributedDataParallel

    ids = [device.index] if device.type == "cuda" else None
    return DistributedDataParallel(model, device_ids=ids)


def shutdown(ctx: DistContext) -> None:
    if ctx.enabled and dist.is_initialized():
        dist.destroy_process_group()
