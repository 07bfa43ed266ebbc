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

log = logging.getLogger(__name__)

GIB = 1024**3
# Memory a CUDA context and the cuDNN/cuBLAS workspaces take in our own process before any
# tensor exists; used bytes above this that we do not hold ourselves belong to someone else.
CUDA_CONTEXT_ALLOWANCE = int(0.75 * GIB)


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
class GpuLive:
    """Live NVML readings for one card, for the panel's timer."""

    index: int
    utilization_pct: float | None
    memory_used_bytes: int
    memory_total_bytes: int
    temperature_c: float | None
    power_w: float | None = None


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


# -- NVML -----------------------------------------------------------------------------------
def _nvml():
    """The pynvml module after nvmlInit, or None when there is no NVIDIA driver."""
    try:
        import pynvml

        pynvml.nvmlInit()
        return pynvml
    except Exception as exc:  # ImportError, NVMLError_LibraryNotFound, DriverNotLoaded, ...
        log.debug("NVML unavailable: %s", exc)
        return None


def _nvml_handle_for(nv, index: int, pci_bus_id: str | None):
    # torch orders devices fastest-first unless CUDA_DEVICE_ORDER=PCI_BUS_ID, and
    # CUDA_VISIBLE_DEVICES renumbers them; match by PCI bus id when torch gives one.
    if pci_bus_id:
        try:
            return nv.nvmlDeviceGetHandleByPciBusId(pci_bus_id)
        except Exception:
            pass
    return nv.nvmlDeviceGetHandleByIndex(index)


def others_from_process_list(
    procs: list[tuple[int, int | None]], my_pid: int, own_bytes: int
) -> int | None:
    """Bytes other processes hold, from NVML's (pid, used bytes) list for one card.

    None when the list is empty: inside containers other PIDs are hidden, so an empty list
    proves nothing. NVML reports host PIDs, which inside a container never match ours; when
    our PID is not in the list, our own share (the context and torch's pool) is taken off
    the total instead.
    """
    if not procs:
        return None
    total = sum(int(used or 0) for pid, used in procs if pid != my_pid)
    if all(pid != my_pid for pid, _ in procs):
        total -= own_bytes + CUDA_CONTEXT_ALLOWANCE
    return max(0, total)


def _other_process_bytes(nv, handle, own_bytes: int) -> int | None:
    procs: list[tuple[int, int | None]] = []
    for getter in ("nvmlDeviceGetComputeRunningProcesses", "nvmlDeviceGetGraphicsRunningProcesses"):
        try:
            procs += [
                (int(p.pid), getattr(p, "usedGpuMemory", None)) for p in getattr(nv, getter)(handle)
            ]
        except Exception:
            continue
    return others_from_process_list(procs, os.getpid(), own_bytes)


def _pci_bus_id(props) -> str | None:
    bus = getattr(props, "pci_bus_id", None)
    if not isinstance(bus, int):
        return None
    return f"{props.pci_domain_id:08x}:{bus:02x}:{props.pci_device_id:02x}.0"


def _as_str(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


# -- GPUs -----------------------------------------------------------------------------------
def detect_gpus(notes: list[str] | None = None) -> tuple[tuple[GpuInfo, ...], bool]:
    """All CUDA cards (or the Apple GPU) torch can use, and whether NVML answered."""
    notes = notes if notes is not None else []
    try:
        import torch
    except ImportError as exc:
        notes.append(f"PyTorch is not installed: {exc}")
        return (), False
    gpus: list[GpuInfo] = []
    nv = None
    if torch.cuda.is_available():
        nv = _nvml()
        driver = driver_cuda = None
        if nv is not None:
            try:
                driver = _as_str(nv.nvmlSystemGetDriverVersion())
                v = int(nv.nvmlSystemGetCudaDriverVersion())
                driver_cuda = f"{v // 1000}.{(v % 1000) // 10}"
            except Exception as exc:
                notes.append(f"NVML could not report the driver version: {exc}")
        for i in range(torch.cuda.device_count()):
            try:
                props = torch.cuda.get_device_properties(i)
                free, total = torch.cuda.mem_get_info(i)
            except Exception as exc:  # a card that is busy in exclusive mode, a driver fault
                notes.append(f"CUDA device {i} could not be queried: {exc}")
                continue
            cap = (int(props.major), int(props.minor))
            other = None
            if nv is not None:
                try:
                    pci = _pci_bus_id(props)
                    handle = _nvml_handle_for(nv, i, pci)
                    other = _other_process_bytes(nv, handle, int(torch.cuda.memory_reserved(i)))
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
        notes.append(f"This PyTorch build ({torch.__version__}) has no GPU support.")
    else:
        notes.append("No CUDA GPU found (no NVIDIA driver, or no card visible to this process).")
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


def live_gpu_stats() -> list[GpuLive]:
    """Utilisation, memory and temperature of every NVIDIA card; [] without NVML."""
    nv = _nvml()
    if nv is None:
        return []
    out: list[GpuLive] = []
    try:
        count = nv.nvmlDeviceGetCount()
    except Exception:
        return []
    for i in range(count):
        try:
            h = nv.nvmlDeviceGetHandleByIndex(i)
            mem = nv.nvmlDeviceGetMemoryInfo(h)
        except Exception:
            continue
        util = temp = power = None
        try:
            util = float(nv.nvmlDeviceGetUtilizationRates(h).gpu)
        except Exception:
            pass
        try:
            temp = float(nv.nvmlDeviceGetTemperature(h, nv.NVML_TEMPERATURE_GPU))
        except Exception:
            pass
        try:
            power = nv.nvmlDeviceGetPowerUsage(h) / 1000.0  # milliwatts
        except Exception:
            pass
        out.append(GpuLive(i, util, int(mem.used), int(mem.total), temp, power))
    return out


def format_bytes(n: float | None) -> str:
    if n is None:
        return "unknown"
    if n >= GIB:
        return f"{n / GIB:.1f} GB"
    if n >= 1024**2:
        return f"{n / 1024**2:.0f} MB"
    return f"{n / 1024:.0f} KB"


__all__ = [
    "CpuInfo",
    "DiskInfo",
    "GpuInfo",
    "GpuLive",
    "MachineInfo",
    "MemoryInfo",
    "detect_cpu",
    "detect_disk",
    "detect_gpus",
    "detect_machine",
    "detect_memory",
    "format_bytes",
    "live_gpu_stats",
    "others_from_process_list",
]
