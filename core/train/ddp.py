"""DistributedDataParallel plumbing: the same `wavesmith train` under torchrun.

torchrun sets RANK, WORLD_SIZE and LOCAL_RANK; `init_from_env` joins the process group
(NCCL on CUDA, gloo on CPU). Rank 0 alone writes checkpoints, logs and samples; every rank
reads its own stride of the epoch order (see sampling.ResumableBatchSampler) and validates on the
full (small, fixed) validation set, so all ranks take the same early-stopping decision.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

log = logging.getLogger(__name__)


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
    if not ctx.enabled:
        return flag
    t = torch.tensor([1.0 if flag else 0.0])
    if dist.get_backend() == "nccl":
        t = t.cuda()
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item() > 0)


def wrap(model: torch.nn.Module, ctx: DistContext, device: torch.device) -> torch.nn.Module:
    if not ctx.enabled:
        return model
    from torch.nn.parallel import DistributedDataParallel

    ids = [device.index] if device.type == "cuda" else None
    return DistributedDataParallel(model, device_ids=ids)


def shutdown(ctx: DistContext) -> None:
    if ctx.enabled and dist.is_initialized():
        dist.destroy_process_group()
