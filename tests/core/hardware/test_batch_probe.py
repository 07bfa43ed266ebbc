"""The batch probe on the CPU with the trainer's real model, and its pure helpers."""

from __future__ import annotations

import pytest

from core.hardware.batch_probe import (
    ProbeCancelled,
    ProbeConfig,
    probe_for_config,
    table_batch_size,
)
from core.hardware.detect import GpuInfo
from core.hardware.probe_fit import batch_plan, fit_memory, largest_batch_within
from core.units import GIB


@pytest.fixture(scope="module")
def speech_config():
    from core.train.config import TrainConfig

    # The speech preset's model at a shorter segment, so three sizes run in seconds here.
    return TrainConfig.preset("speech").with_overrides({"data.segment_samples": 4096})


FAST = dict(max_batch=4, warmup_steps=0, timed_steps=1)


def test_probe_with_real_model_fits_memory_and_recommends_within_budget(speech_config):
    from core.train.models import build_model, count_parameters

    free = probe_for_config(speech_config, "cpu", ProbeConfig(**FAST))
    assert [p.batch_size for p in free.points] == [1, 2, 4]
    assert all(p.status == "ok" and p.samples_per_s > 0 for p in free.points)
    assert free.memory_kind.startswith("tensor bytes") and free.method == "measured"
    n_params = count_parameters(build_model(speech_config.model, 22050))
    assert free.parameters == n_params
    # Activation memory is linear in the batch: the step from 2 to 4 is twice the 1 to 2 step.
    p1, p2, p4 = (p.peak_bytes for p in free.points)
    assert p1 < p2 < p4
    assert (p4 - p2) == pytest.approx(2 * (p2 - p1), rel=0.1)
    # Weights, gradients and Adam's two moments are the batch-independent part.
    assert free.fit_a >= 4 * 4 * n_params * 0.9
    assert free.fit_b == pytest.approx(p2 - p1, rel=0.1)
    assert free.recommended_batch == 4  # plenty of RAM: capped by max_batch

    # Now pretend only enough memory for 3.5 examples within the 70 % safety fraction.
    budget_free = int((free.fit_a + 3.5 * free.fit_b) / 0.7)
    tight = probe_for_config(
        speech_config, "cpu", ProbeConfig(**FAST), free_bytes=budget_free, amp="auto"
    )
    assert tight.budget_bytes == int(budget_free * 0.7)
    assert tight.recommended_batch == 3
    sizes = {p.batch_size: p for p in tight.points}
    assert sizes[4].peak_bytes > tight.budget_bytes  # measured, and over budget
    assert sizes[3].peak_bytes <= tight.budget_bytes  # the recommendation was verified
    assert tight.fastest_batch in (1, 2, 3)
    assert tight.seconds_per_step == sizes[3].seconds_per_step


def test_probe_cancelled_before_any_measurement(speech_config):
    with pytest.raises(ProbeCancelled):
        probe_for_config(speech_config, "cpu", ProbeConfig(**FAST), should_cancel=lambda: True)


def test_batch_plan_doubles_to_the_cap_or_takes_the_sizes_given():
    assert batch_plan(None, 6) == [1, 2, 4, 6]
    assert batch_plan(None, 8) == [1, 2, 4, 8]
    assert batch_plan((3, 100, 3), 64) == [3, 64]


def test_fit_and_largest_batch():
    a, b = fit_memory([1, 2, 4, 8], [110.0, 120.0, 140.0, 180.0])
    assert (a, b) == pytest.approx((100.0, 10.0))
    assert largest_batch_within(a, b, 175.0, 64) == 7
    assert largest_batch_within(a, b, 10_000.0, 64) == 64
    assert largest_batch_within(a, b, 50.0, 64) == 0
    assert fit_memory([4], [400.0]) == (0.0, 100.0)


def test_table_by_vram():
    def gpu(total_gb, free_gb):
        return GpuInfo(0, "card", "cuda", int(total_gb * GIB), int(free_gb * GIB), (8, 0))

    assert table_batch_size(None) == 8
    assert table_batch_size(gpu(3.82, 3.4)) == 16
    assert table_batch_size(gpu(7.8, 7.3)) == 32
    assert table_batch_size(gpu(15.7, 15.2)) == 48
    assert table_batch_size(gpu(79.6, 79.0)) == 64
    assert table_batch_size(gpu(24, 1.2)) == 8  # mostly held by another program


def test_config_checks():
    with pytest.raises(ValueError, match="safety_fraction"):
        ProbeConfig(safety_fraction=1.5)
    with pytest.raises(ValueError, match="amp"):
        ProbeConfig(amp="fp8")
    with pytest.raises(ValueError, match="batch_sizes"):
        ProbeConfig(batch_sizes=(0, 2))


def test_library_allocation_failures_count_as_out_of_memory():
    from core.hardware.probe_memory import is_oom_message

    assert is_oom_message("CUDA out of memory. Tried to allocate 2.00 GiB")
    assert is_oom_message("cuFFT error: CUFFT_ALLOC_FAILED")
    assert not is_oom_message("Given groups=1, weight of size [8, 1, 3]")


def test_probe_steps_are_the_trainers_own_with_its_gradient_clipping(speech_config, monkeypatch):
    import torch

    real_clip = torch.nn.utils.clip_grad_norm_
    clipped: list[float] = []

    def clip(params, max_norm, *args, **kwargs):
        clipped.append(max_norm)
        return real_clip(params, max_norm, *args, **kwargs)

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", clip)
    fast = ProbeConfig(batch_sizes=(1, 2), max_batch=2, warmup_steps=1, timed_steps=1)
    config = speech_config.with_overrides({"optim.grad_clip": 0.25})
    result = probe_for_config(config, "cpu", fast)
    assert [p.status for p in result.points] == ["ok", "ok"]
    assert clipped == [0.25] * 4  # every step, warm-up included, clips at the config's norm
    clipped.clear()
    probe_for_config(speech_config.with_overrides({"optim.grad_clip": 0.0}), "cpu", fast)
    assert clipped == []
