"""The memory a batch probe plans with, and how it counts what a step used off CUDA.

CUDA has a peak-allocation counter. CPU and Apple MPS do not, and RSS moves with the
allocator's caching, not the batch: there we count tensor bytes instead (weights, gradients,
optimizer state, every tensor autograd saved for backward, the batch itself) and scale them
by HOST_MEMORY_FACTOR (see core.hardware.batch_probe's docstring for the measurement).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message

# Host peak RSS growth of a training step over the tensor bytes we count (CPU and MPS);
# bench/bench_batch_probe.py measured 1.48 and 1.68 for two speech models: the larger.
HOST_MEMORY_FACTOR = 1.7


@dataclass(frozen=True)
class MemoryBudget:
    """What the device had free when the probe started, and how its peaks are measured."""

    free: int  # bytes free (CPU: available RAM; MPS: also under Metal's per-process cap)
    total: int
    base_allocated: int  # CUDA: bytes allocated before the probe, taken off each peak
    name: str  # the device's name, for the result
    memory_kind: str  # what the peaks are (ProbeResult.memory_kind)


def free_memory(dev) -> MemoryBudget:
    """The free memory of torch device `dev` (a CUDA device is made current and its cache
    emptied first, so the figure is what a run could get)."""
    import torch

    if dev.type == "cuda":
        torch.cuda.set_device(dev)
        torch.cuda.empty_cache()
        free, total = torch.cuda.mem_get_info(dev)
        base_allocated = torch.cuda.memory_allocated(dev)
        name = torch.cuda.get_device_name(dev)
        memory_kind = "cuda max_memory_allocated"  # a name: the same in every language
    else:
        import psutil

        vm = psutil.virtual_memory()
        free, total = int(vm.available), int(vm.total)
        if dev.type == "mps":
            # Unified memory, but Metal caps what one process may allocate.
            try:
                cap = int(torch.mps.recommended_max_memory())
                free = min(free, cap - int(torch.mps.driver_allocated_memory()))
                total = cap
            except (AttributeError, RuntimeError):
                pass
        base_allocated = 0
        name = "Apple GPU (Metal)" if dev.type == "mps" else "CPU"
        said = QT_TRANSLATE_NOOP("ProbeMessages", "tensor bytes × {factor:g}, an RSS estimate")
        memory_kind = Message("ProbeMessages", said, factor=HOST_MEMORY_FACTOR)
    return MemoryBudget(free, total, base_allocated, name, memory_kind)


class SavedTensorBytes:
    """Counts distinct storages autograd saves for backward (CPU/MPS memory estimate)."""

    def __init__(self, exclude: set[int]) -> None:
        self.exclude = exclude
        self.seen: dict[int, int] = {}

    def pack(self, t):
        try:
            storage = t.untyped_storage()
            ptr = storage.data_ptr()
            if ptr not in self.exclude and ptr not in self.seen:
                self.seen[ptr] = storage.nbytes()
        except Exception:  # sparse or wrapper tensors have no plain storage
            pass
        return t

    @staticmethod
    def unpack(t):
        return t

    @property
    def total(self) -> int:
        return sum(self.seen.values())


def static_bytes(model, optimizer) -> int:
    """Weights, their gradients and the optimizer's state, in bytes."""
    total = 0
    for p in model.parameters():
        total += p.numel() * p.element_size() * 2  # weight and its gradient
    for state in optimizer.state.values():
        for v in state.values():
            if hasattr(v, "numel"):
                total += v.numel() * v.element_size()
    return total


def is_oom_message(message: str) -> bool:
    """cuFFT, cuBLAS and cuDNN report a failed workspace allocation as a plain RuntimeError."""
    m = message.lower()
    return "out of memory" in m or "alloc_failed" in m or "cudnn_status_alloc" in m
