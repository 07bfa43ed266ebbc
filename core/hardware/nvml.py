"""NVIDIA's management library (NVML): live GPU use, and the memory other processes hold.

NVML answers without a CUDA context and sees other processes' memory, which torch cannot.
Every call is guarded: a machine without the NVIDIA driver (or a container that hides it)
gets empty answers, never an error."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from core.units import GIB

log = logging.getLogger(__name__)

# Memory a CUDA context and the cuDNN/cuBLAS workspaces take in our own process before any
# tensor exists; used bytes above this that we do not hold ourselves belong to someone else.
CUDA_CONTEXT_ALLOWANCE = int(0.75 * GIB)


@dataclass(frozen=True)
class GpuLive:
    """Live NVML readings for one card, for the panel's timer."""

    index: int
    utilization_pct: float | None
    memory_used_bytes: int
    memory_total_bytes: int
    temperature_c: float | None
    power_w: float | None = None


# -- NVML -----------------------------------------------------------------------------------
def load_nvml():
    """The pynvml module after nvmlInit, or None when there is no NVIDIA driver."""
    try:
        import pynvml

        pynvml.nvmlInit()
        return pynvml
    except Exception as exc:  # ImportError, NVMLError_LibraryNotFound, DriverNotLoaded, ...
        log.debug("NVML unavailable: %s", exc)
        return None


def handle_for(nv, index: int, pci_bus_id: str | None):
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


def other_process_bytes(nv, handle, own_bytes: int) -> int | None:
    procs: list[tuple[int, int | None]] = []
    for getter in ("nvmlDeviceGetComputeRunningProcesses", "nvmlDeviceGetGraphicsRunningProcesses"):
        try:
            procs += [
                (int(p.pid), getattr(p, "usedGpuMemory", None)) for p in getattr(nv, getter)(handle)
            ]
        except Exception:
            continue
    return others_from_process_list(procs, os.getpid(), own_bytes)


def pci_bus_id(props) -> str | None:
    bus = getattr(props, "pci_bus_id", None)
    if not isinstance(bus, int):
        return None
    return f"{props.pci_domain_id:08x}:{bus:02x}:{props.pci_device_id:02x}.0"


def as_str(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def live_gpu_stats() -> list[GpuLive]:
    """Utilisation, memory and temperature of every NVIDIA card; [] without NVML."""
    nv = load_nvml()
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
