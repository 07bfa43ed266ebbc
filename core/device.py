"""Which torch device, and which mixed precision on it: one answer for training, the batch
probe, the hardware advice and inference, so that all four agree.

torch is imported inside the functions: the window imports the advice at start-up, and
torch costs seconds there (#19).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


def _mps_available() -> bool:
    import torch

    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def pick_device(name: str = "auto", local_rank: int | None = None) -> torch.device:
    """auto: CUDA, else Apple MPS, else CPU. An explicit name is checked here, and a device
    this machine does not have is a ValueError naming it, not a traceback at the first
    `.to()`. With local_rank (DDP), a CUDA device becomes cuda:<local_rank>: each rank its
    own card."""
    import torch

    if name == "auto":
        if torch.cuda.is_available():
            name = "cuda"
        elif _mps_available():
            name = "mps"
        else:
            name = "cpu"
    try:
        device = torch.device(name)
    except (RuntimeError, TypeError) as exc:
        raise ValueError(f"unknown device {name!r}; use auto, cpu, cuda, cuda:N or mps") from exc
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise ValueError(f"device {name!r} requested but CUDA is not available here")
        if local_rank is not None:
            return torch.device("cuda", local_rank)
        count = torch.cuda.device_count()
        if device.index is not None and device.index >= count:
            gpus = "1 CUDA GPU" if count == 1 else f"{count} CUDA GPUs"
            raise ValueError(f"device {name!r} requested but this machine has {gpus}")
    elif device.type == "mps":
        if not _mps_available():
            raise ValueError(f"device {name!r} requested but Apple MPS is not available here")
    elif device.type != "cpu":
        raise ValueError(f"unknown device {name!r}; use auto, cpu, cuda, cuda:N or mps")
    return device


def supports_bf16(capability: tuple[int, int] | None) -> bool:
    """Native bfloat16 math: Ampere (compute capability 8.0) and newer."""
    return capability is not None and tuple(capability) >= (8, 0)


def supports_fp16(capability: tuple[int, int] | None) -> bool:
    """Fast float16 through tensor cores: Volta (7.0) and newer."""
    return capability is not None and tuple(capability) >= (7, 0)


def is_gtx16(name: str) -> bool:
    # Turing cards without tensor cores (GTX 1650/1660 family) give NaN/inf with fp16
    # autocast in many models; torch reports them as capability 7.5 like the RTX 20xx.
    return "GTX 16" in name.upper()


def resolve_amp(
    mode: str,
    device: torch.device | str,
    capability: tuple[int, int] | None = None,
    name: str | None = None,
) -> str:
    """The precision a run uses: "off", "bf16" or "fp16".

    Mixed precision is CUDA only; "off" and an explicit "bf16"/"fp16" are kept as asked.
    "auto" is bf16 where the card has it natively, off on a GTX 16xx, fp16 (with a grad
    scaler) on other cards with tensor cores, and off below that. `torch.cuda.is_bf16_supported()`
    is not used: it also answers yes where bf16 is only emulated (T4, V100), which is slow.
    The card's capability and name are read from torch when not given (advice passes a
    detected card's)."""
    device_type = getattr(device, "type", None) or str(device).split(":")[0]
    if device_type != "cuda" or mode == "off":
        return "off"
    if mode in ("bf16", "fp16"):
        return mode
    if mode != "auto":
        raise ValueError(f"amp must be auto, off, bf16 or fp16, got {mode!r}")
    if capability is None or name is None:
        import torch

        dev = torch.device(device)
        if capability is None:
            capability = tuple(torch.cuda.get_device_capability(dev))
        if name is None:
            name = str(torch.cuda.get_device_name(dev))
    if supports_bf16(capability):
        return "bf16"
    if is_gtx16(name):
        return "off"
    return "fp16" if supports_fp16(capability) else "off"


def amp_dtype(mode: str) -> torch.dtype | None:
    """The autocast dtype of a resolved mode; None for "off"."""
    import torch

    return {"bf16": torch.bfloat16, "fp16": torch.float16}.get(mode)
