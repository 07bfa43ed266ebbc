"""Detection on this machine (whatever it has) and the description dataclasses."""

from __future__ import annotations

import json
import os

import psutil
import torch

from core.hardware.detect import GpuInfo, MachineInfo, detect_disk, detect_machine
from core.hardware.nvml import live_gpu_stats
from core.units import GIB, format_bytes


def test_detect_machine_describes_this_machine(tmp_path):
    project = tmp_path / "not-created-yet"
    info = detect_machine(project)
    assert info.cpu.logical_cores == psutil.cpu_count(logical=True)
    assert 1 <= info.cpu.usable_cores <= info.cpu.logical_cores
    assert info.cpu.model
    assert 0 < info.memory.available_bytes <= info.memory.total_bytes
    # A folder that does not exist yet is measured at its nearest existing parent.
    assert info.disk is not None and info.disk.path == str(project)
    assert 0 < info.disk.free_bytes <= info.disk.total_bytes
    assert info.torch_version == torch.__version__
    if torch.cuda.is_available():
        assert len(info.gpus) == torch.cuda.device_count()
        assert all(g.total_bytes >= g.free_bytes > 0 for g in info.gpus)
    elif not torch.backends.mps.is_available():
        assert info.gpus == () and info.best_gpu is None
        assert any("GPU" in n for n in info.notes)  # says plainly why there is none


def test_machine_round_trips_through_json(tmp_path):
    info = detect_machine(tmp_path)
    again = MachineInfo.from_dict(json.loads(json.dumps(info.to_dict())))
    assert again == info


def test_injected_gpu_round_trips_and_picks_the_freest_card():
    a = GpuInfo(0, "NVIDIA T4", "cuda", 15 * GIB, 2 * GIB, (7, 5), False, True)
    b = GpuInfo(1, "NVIDIA A100", "cuda", 40 * GIB, 39 * GIB, (8, 0), True, True)
    info = MachineInfo.from_dict(
        {
            "cpu": {"model": "x", "physical_cores": 4, "logical_cores": 8, "usable_cores": 8},
            "memory": {"total_bytes": 16 * GIB, "available_bytes": 8 * GIB},
            "gpus": [a.to_dict(), b.to_dict()],
        }
    )
    assert info.gpus == (a, b)
    assert info.best_gpu == b
    assert info.gpus[0].capability == (7, 5)


def test_gtx16_is_recognised():
    assert GpuInfo(0, "NVIDIA GeForce GTX 1660 SUPER", "cuda", GIB, GIB, (7, 5)).is_gtx16
    assert not GpuInfo(0, "NVIDIA GeForce RTX 2060", "cuda", GIB, GIB, (7, 5)).is_gtx16


def test_live_stats_without_nvidia_driver_is_empty_not_an_error():
    stats = live_gpu_stats()
    if not torch.cuda.is_available():
        assert stats == []
    for s in stats:
        assert s.memory_total_bytes >= s.memory_used_bytes


def test_disk_and_bytes_formatting(tmp_path):
    disk = detect_disk(tmp_path)
    st = os.statvfs(tmp_path)
    assert abs(disk.free_bytes - st.f_bavail * st.f_frsize) < 64 * 1024**2
    assert format_bytes(3 * GIB) == "3.0 GB"
    assert format_bytes(5 * 1024**2) == "5 MB"
    assert format_bytes(None) == "unknown"


def test_other_processes_vram_from_nvml_list():
    from core.hardware.nvml import CUDA_CONTEXT_ALLOWANCE, others_from_process_list

    me = 4242
    assert others_from_process_list([], me, 0) is None  # hidden PIDs prove nothing
    # Our PID is listed: everyone else's memory counts, ours does not.
    assert others_from_process_list([(me, 3 * GIB), (7, 5 * GIB), (8, None)], me, 2 * GIB) == (
        5 * GIB
    )
    # In a container NVML lists host PIDs, so ours is absent: our own share is taken off.
    own = 2 * GIB
    got = others_from_process_list([(901, own + GIB // 2), (902, 6 * GIB)], me, own)
    assert got == 6 * GIB + GIB // 2 - CUDA_CONTEXT_ALLOWANCE
    assert others_from_process_list([(901, GIB // 2)], me, 0) == 0


def test_device_strings_name_the_card_both_ways():
    a = GpuInfo(0, "NVIDIA T4", "cuda", 15 * GIB, 2 * GIB, (7, 5))
    b = GpuInfo(1, "NVIDIA A100", "cuda", 40 * GIB, 39 * GIB, (8, 0))
    machine = MachineInfo(detect_machine().cpu, detect_machine().memory, (a, b))
    assert (a.device, b.device) == ("cuda:0", "cuda:1")
    assert machine.default_device == "cuda:1"  # the freest card
    assert machine.gpu_for("cuda:1") is b and machine.gpu_for("cuda") is a
    assert machine.gpu_for("cpu") is None and machine.gpu_for("cuda:7") is None
    mac = MachineInfo(machine.cpu, machine.memory, (GpuInfo(0, "Apple M2", "mps", GIB, GIB),))
    assert mac.default_device == "mps" and mac.gpu_for("mps").name == "Apple M2"
    assert MachineInfo(machine.cpu, machine.memory).default_device == "cpu"
