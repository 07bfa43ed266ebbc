"""What this machine has: GPUs, CPU, RAM and disk, as plain immutable descriptions.

Detection reads torch (CUDA, MPS), NVML through nvidia-ml-py when the NVIDIA driver is
there, psutil and /proc/cpuinfo. Every probe is wrapped: a missing driver, a container
that hides other processes, or a broken NVML yields `None` fields and a note, never an
exception. The advice code only looks at these dataclasses, so tests build them by hand
(`MachineInfo.from_dict` or the constructors) to describe machines they do not have.
"""

from __future__ import annotations

import logging
import os
import platform
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from core.device import is_gtx16, supports_bf16, supports_fp16
from core.hardware.nvml import (
    CUDA_CONTEXT_ALLOWANCE,
    as_str,
    handle_for,
    load_nvml,
    other_process_bytes,
    pci_bus_id,
)
from core.messages import QT_TRANSLATE_NOOP, Message

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GpuInfo:
    index: int
    name: str
    backend: str  # "cuda" or "mps"
    total_bytes: int  # device memory (MPS: the unified memory torch may use)
    free_bytes: int  # free right now, as the driver reports it (others' use already taken off)
    capability: tuple[int, int] | None = None  # CUDA compute capability, e.g. (8, 0) for A100
    bf16: bool = False  # native bfloat16 math (Ampere, capability 8.0, and newer)
    fp16: bool = False  # fast float16 through tensor cores (Volta, 7.0, and newer)
    multiprocessors: int | None = None
    driver_version: str | None = None
    cuda_version: str | None = None  # CUDA runtime torch was built with
    driver_cuda_version: str | None = None  # newest CUDA the installed driver supports
    own_bytes: int = 0  # memory this process holds on the card (torch's reserved pool)
    # Bytes that NVML lists for other processes; None when NVML cannot see processes
    # (common in containers). `held_by_others_bytes` then falls back to total - free - own.
    other_process_bytes: int | None = None

    @property
    def device(self) -> str:
        """The torch device string that names this card: `cuda:N` or `mps`."""
        return f"cuda:{self.index}" if self.backend == "cuda" else self.backend

    @property
    def used_bytes(self) -> int:
        return max(0, self.total_bytes - self.free_bytes)

    @property
    def held_by_others_bytes(self) -> int:
        if self.other_process_bytes is not None:
            return self.other_process_bytes
        return max(0, self.used_bytes - self.own_bytes - CUDA_CONTEXT_ALLOWANCE)

    @property
    def is_gtx16(self) -> bool:
        return is_gtx16(self.name)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["capability"] = list(self.capability) if self.capability else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> GpuInfo:
        d = dict(d)
        if d.get("capability") is not None:
            d["capability"] = tuple(d["capability"])
        return cls(**d)


@dataclass(frozen=True)
class CpuInfo:
    model: str
    physical_cores: int
    logical_cores: int
    usable_cores: int  # cores this process may run on (affinity, container limits)
    arch: str = ""


@dataclass(frozen=True)
class MemoryInfo:
    total_bytes: int
    available_bytes: int  # what new allocations can get without swapping (psutil's "available")


@dataclass(frozen=True)
class DiskInfo:
    path: str
    total_bytes: int
    free_bytes: int


@dataclass(frozen=True)
class MachineInfo:
    cpu: CpuInfo
    memory: MemoryInfo
    gpus: tuple[GpuInfo, ...] = ()
    disk: DiskInfo | None = None
    os: str = ""
    torch_version: str = ""
    nvml: bool = False  # NVML answered, so live stats are available
    notes: tuple[str, ...] = ()  # why something could not be detected

    @property
    def best_gpu(self) -> GpuInfo | None:
        """The card training would use: the one with most free memory."""
        if not self.gpus:
            return None
        return max(self.gpus, key=lambda g: (g.backend == "cuda", g.free_bytes))

    @property
    def default_device(self) -> str:
        """The device training uses when none is named: the best card, else the CPU."""
        gpu = self.best_gpu
        return "cpu" if gpu is None else gpu.device

    def gpu_for(self, device: str) -> GpuInfo | None:
        """The card a device string names (`cuda` is card 0), or None (the CPU, or absent)."""
        kind, _, index = device.partition(":")
        for g in self.gpus:
            if g.backend == kind and (kind != "cuda" or g.index == int(index or 0)):
                return g
        return None

    def to_dict(self) -> dict:
        return {
            "cpu": asdict(self.cpu),
            "memory": asdict(self.memory),
            "gpus": [g.to_dict() for g in self.gpus],
            "disk": asdict(self.disk) if self.disk else None,
            "os": self.os,
            "torch_version": self.torch_version,
            "nvml": self.nvml,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, d: dict) -> MachineInfo:
        return cls(
            cpu=CpuInfo(**d["cpu"]),
            memory=MemoryInfo(**d["memory"]),
            gpus=tuple(GpuInfo.from_dict(g) for g in d.get("gpus", ())),
            disk=DiskInfo(**d["disk"]) if d.get("disk") else None,
            os=d.get("os", ""),
            torch_version=d.get("torch_version", ""),
            nvml=bool(d.get("nvml", False)),
            notes=tuple(d.get("notes", ())),
        )


# -- CPU, RAM, disk -------------------------------------------------------------------------
def _cpu_model_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.lower().startswith(("model name", "hardware", "cpu model")):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def detect_cpu() -> CpuInfo:
    # Imported here so the GPU benchmark script runs where only torch is installed.
    import psutil

    logical = psutil.cpu_count(logical=True) or os.cpu_count() or 1
    physical = psutil.cpu_count(logical=False) or logical
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS and Windows have no sched_getaffinity
        usable = logical
    return CpuInfo(
        model=_cpu_model_name(),
        physical_cores=int(physical),
        logical_cores=int(logical),
        usable_cores=int(usable),
        arch=platform.machine(),
    )


def detect_memory() -> MemoryInfo:
    import psutil

    vm = psutil.virtual_memory()
    return MemoryInfo(total_bytes=int(vm.total), available_bytes=int(vm.available))


def detect_disk(path: str | os.PathLike) -> DiskInfo | None:
    p = Path(path)
    # The project folder may not exist yet (a new project): ask about its nearest parent.
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        usage = shutil.disk_usage(p)
    except OSError as exc:
        log.warning("cannot read free disk space at %s: %s", path, exc)
        return None
    return DiskInfo(path=str(path), total_bytes=int(usage.total), free_bytes=int(usage.free))


# -- GPUs -----------------------------------------------------------------------------------
def detect_gpus(notes: list[str] | None = None) -> tuple[tuple[GpuInfo, ...], bool]:
    """All CUDA cards (or the Apple GPU) torch can use, and whether NVML answered."""
    notes = notes if notes is not None else []
    try:
        import torch
    except ImportError as exc:
        notes.append(
            Message(
                "MachineDetect",
                QT_TRANSLATE_NOOP("MachineDetect", "PyTorch is not installed: {reason}"),
                reason=str(exc),
            )
        )
        return (), False
    gpus: list[GpuInfo] = []
    nv = None
    if torch.cuda.is_available():
        nv = load_nvml()
        driver = driver_cuda = None
        if nv is not None:
            try:
                driver = as_str(nv.nvmlSystemGetDriverVersion())
                v = int(nv.nvmlSystemGetCudaDriverVersion())
                driver_cuda = f"{v // 1000}.{(v % 1000) // 10}"
            except Exception as exc:
                notes.append(
                    Message(
                        "MachineDetect",
                        QT_TRANSLATE_NOOP(
                            "MachineDetect", "NVML could not report the driver version: {reason}"
                        ),
                        reason=str(exc),
                    )
                )
        for i in range(torch.cuda.device_count()):
            try:
                props = torch.cuda.get_device_properties(i)
                free, total = torch.cuda.mem_get_info(i)
            except Exception as exc:  # a card that is busy in exclusive mode, a driver fault
                notes.append(
                    Message(
                        "MachineDetect",
                        QT_TRANSLATE_NOOP(
                            "MachineDetect", "CUDA device {index} could not be queried: {reason}"
                        ),
                        index=i,
                        reason=str(exc),
                    )
                )
                continue
            cap = (int(props.major), int(props.minor))
            other = None
            if nv is not None:
                try:
                    pci = pci_bus_id(props)
                    handle = handle_for(nv, i, pci)
                    other = other_process_bytes(nv, handle, int(torch.cuda.memory_reserved(i)))
                except Exception as exc:
                    log.debug("NVML process list failed for device %d: %s", i, exc)
            gpus.append(
                GpuInfo(
                    index=i,
                    name=str(props.name),
                    backend="cuda",
                    total_bytes=int(total),
                    free_bytes=int(free),
                    capability=cap,
                    bf16=supports_bf16(cap),
                    fp16=supports_fp16(cap),
                    multiprocessors=int(props.multi_processor_count),
                    driver_version=driver,
                    cuda_version=torch.version.cuda,
                    driver_cuda_version=driver_cuda,
                    own_bytes=int(torch.cuda.memory_reserved(i)),
                    other_process_bytes=other,
                )
            )
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        # Apple silicon shares RAM with the GPU; torch caps what MPS may allocate.
        try:
            total = int(torch.mps.recommended_max_memory())
            used = int(torch.mps.driver_allocated_memory())
        except Exception:
            total, used = detect_memory().total_bytes, 0
        gpus.append(
            GpuInfo(
                index=0,
                name="Apple GPU (Metal)",
                backend="mps",
                total_bytes=total,
                free_bytes=max(0, total - used),
                bf16=False,
                fp16=True,
                own_bytes=used,
            )
        )
    elif torch.version.cuda is None and not torch.backends.mps.is_built():
        notes.append(
            Message(
                "MachineDetect",
                QT_TRANSLATE_NOOP(
                    "MachineDetect", "This PyTorch build ({version}) has no GPU support."
                ),
                version=torch.__version__,
            )
        )
    else:
        notes.append(
            Message(
                "MachineDetect",
                QT_TRANSLATE_NOOP(
                    "MachineDetect",
                    "No CUDA GPU found (no NVIDIA driver, or no card visible to this process).",
                ),
            )
        )
    return tuple(gpus), nv is not None


def detect_machine(path: str | os.PathLike | None = None) -> MachineInfo:
    """Everything at once. Takes a second or two the first time CUDA starts: call it off the
    GUI thread."""
    notes: list[str] = []
    gpus, nvml_ok = detect_gpus(notes)
    try:
        import torch

        torch_version = torch.__version__
    except ImportError:
        torch_version = ""
    return MachineInfo(
        cpu=detect_cpu(),
        memory=detect_memory(),
        gpus=gpus,
        disk=detect_disk(path) if path is not None else None,
        os=f"{platform.system()} {platform.release()}",
        torch_version=torch_version,
        nvml=nvml_ok,
        notes=tuple(notes),
    )


__all__ = [
    "CpuInfo",
    "DiskInfo",
    "GpuInfo",
    "MachineInfo",
    "MemoryInfo",
    "detect_cpu",
    "detect_disk",
    "detect_gpus",
    "detect_machine",
    "detect_memory",
]
