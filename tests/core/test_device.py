"""The one device and precision choice (core.device), with torch's CUDA and MPS queries
patched so every branch runs on this CPU-only machine."""

from __future__ import annotations

import pytest
import torch

from core.device import amp_dtype, is_gtx16, pick_device, resolve_amp


def _machine(monkeypatch, cuda: int = 0, mps: bool = False) -> None:
    """Pretend this machine has `cuda` CUDA cards and (or not) Apple's MPS."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch):
    _machine(monkeypatch, cuda=1, mps=True)
    assert pick_device("auto") == torch.device("cuda")
    _machine(monkeypatch, cuda=0, mps=True)
    # A model trained on a Mac's GPU is served on it too (inference used to take the CPU).
    assert pick_device() == torch.device("mps")
    _machine(monkeypatch, cuda=0, mps=False)
    assert pick_device("auto") == torch.device("cpu")


def test_auto_on_this_machine_is_cpu():
    if torch.cuda.is_available() or torch.backends.mps.is_available():
        pytest.skip("this machine has a GPU")
    assert pick_device("auto").type == "cpu"


def test_explicit_devices_are_checked_and_named(monkeypatch):
    _machine(monkeypatch, cuda=0, mps=False)
    with pytest.raises(ValueError, match=r"'cuda' requested but CUDA is not available"):
        pick_device("cuda")
    with pytest.raises(ValueError, match=r"'mps' requested but Apple MPS is not available"):
        pick_device("mps")
    with pytest.raises(ValueError, match=r"unknown device 'nonsense'"):
        pick_device("nonsense")
    with pytest.raises(ValueError, match=r"unknown device 'meta'"):
        pick_device("meta")  # a torch device, but not one a model can train or run on
    assert pick_device("cpu") == torch.device("cpu")
    _machine(monkeypatch, cuda=2)
    assert pick_device("cuda:1") == torch.device("cuda", 1)
    with pytest.raises(ValueError, match=r"'cuda:2' requested but this machine has 2 CUDA"):
        pick_device("cuda:2")


def test_ddp_rank_gets_its_own_card(monkeypatch):
    _machine(monkeypatch, cuda=2)
    assert pick_device("cuda", local_rank=1) == torch.device("cuda", 1)
    assert pick_device("auto", local_rank=1) == torch.device("cuda", 1)
    assert pick_device("cpu", local_rank=1) == torch.device("cpu")  # gloo ranks share the CPU


@pytest.mark.parametrize(
    ("capability", "name", "mode"),
    [
        ((9, 0), "NVIDIA H100 80GB HBM3", "bf16"),
        ((8, 0), "NVIDIA A100-SXM4-40GB", "bf16"),
        ((8, 6), "NVIDIA GeForce RTX 3070", "bf16"),
        # Turing with tensor cores: no native bf16 (torch would emulate it), fp16 + scaler.
        ((7, 5), "Tesla T4", "fp16"),
        ((7, 0), "Tesla V100-SXM2-16GB", "fp16"),
        # Turing without tensor cores: fp16 gives NaN losses there, bf16 is emulated.
        ((7, 5), "NVIDIA GeForce GTX 1650", "off"),
        ((7, 5), "NVIDIA GeForce GTX 1660 SUPER", "off"),
        ((6, 1), "NVIDIA GeForce GTX 1080 Ti", "off"),
    ],
)
def test_auto_precision_by_card(capability, name, mode):
    assert resolve_amp("auto", "cuda", capability, name) == mode
    assert resolve_amp("auto", torch.device("cuda", 0), capability, name) == mode


def test_auto_precision_reads_the_card_from_torch(monkeypatch):
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (7, 5))
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: "Tesla T4")
    # Emulated bf16 counts as supported for torch; it must not decide.
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert resolve_amp("auto", "cuda:0") == "fp16"
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: "GeForce GTX 1650")
    assert resolve_amp("auto", "cuda:0") == "off"
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (8, 9))
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: "NVIDIA L4")
    assert resolve_amp("auto", "cuda") == "bf16"


def test_precision_off_the_gpu_and_explicit_modes():
    for device in ("cpu", "mps", torch.device("cpu")):
        for mode in ("auto", "bf16", "fp16", "off"):
            assert resolve_amp(mode, device, (9, 0), "x") == "off"
    # Asked for by name: kept, even where auto would choose otherwise.
    assert resolve_amp("fp16", "cuda", (9, 0), "H100") == "fp16"
    assert resolve_amp("bf16", "cuda", (7, 5), "Tesla T4") == "bf16"
    assert resolve_amp("off", "cuda", (9, 0), "H100") == "off"
    with pytest.raises(ValueError, match="fp8"):
        resolve_amp("fp8", "cuda", (9, 0), "H100")


def test_dtype_and_gtx16_names():
    assert amp_dtype("bf16") is torch.bfloat16 and amp_dtype("fp16") is torch.float16
    assert amp_dtype("off") is None
    assert is_gtx16("NVIDIA GeForce GTX 1660 Ti") and not is_gtx16("NVIDIA GeForce RTX 2060")


def test_a_device_is_named_as_a_person_reads_it():
    from core.messages import device_words

    assert device_words("cpu") == "the CPU"
    assert device_words("cuda:1") == "GPU 1 (cuda:1)"
    assert device_words("cuda") == "the GPU (cuda)"
    assert device_words("mps") == "the Apple GPU (mps)"
    assert device_words("xpu:0") == "xpu:0"  # one it does not know: as typed
