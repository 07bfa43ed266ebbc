"""Band-limiting augmentation and content-bandwidth measurement (core.audio.bandwidth)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal

from core.audio.bandwidth import (
    COMMON_CUTOFFS_HZ,
    band_limit,
    bandwidth_warning,
    content_bandwidth,
    draw_band_limit,
    trained_band,
)

SR = 48000


def _white(seconds: float = 2.0, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(int(SR * seconds)).astype(np.float32)


def _band_power_db(x: np.ndarray, lo: float, hi: float) -> float:
    f, p = scipy.signal.welch(x, SR, window="blackmanharris", nperseg=4096)
    return float(10 * np.log10(np.mean(p[(f >= lo) & (f <= hi)]) + 1e-30))


@pytest.mark.parametrize("method", ["resample", "lowpass"])
@pytest.mark.parametrize("cutoff", [4000.0, 8000.0, 11025.0, 16000.0])
def test_band_limit_cuts_where_asked_and_keeps_the_band_below(method, cutoff):
    x = _white()
    y = band_limit(x, SR, cutoff, method)
    assert y.shape == x.shape and y.dtype == np.float32
    kept = _band_power_db(y, 200, 0.8 * cutoff) - _band_power_db(x, 200, 0.8 * cutoff)
    removed = _band_power_db(y, 1.1 * cutoff, SR / 2 - 500) - _band_power_db(x, 200, 0.8 * cutoff)
    assert abs(kept) < 0.5, f"passband changed by {kept:.2f} dB"
    assert removed < -60, f"stop band only {removed:.1f} dB down"
    # And the measurement reads the cut-off back (within the filters' transition bands).
    assert content_bandwidth(y, SR) == pytest.approx(cutoff, rel=0.1)


def test_band_limit_above_nyquist_or_none_is_identity():
    x = _white(0.5)
    assert np.array_equal(band_limit(x, SR, None), x)
    assert np.array_equal(band_limit(x, SR, SR / 2), x)


def test_draw_band_limit_is_deterministic_from_its_seed_and_respects_nyquist():
    draws = [draw_band_limit(np.random.default_rng([7, i]), 16000, 0.5) for i in range(200)]
    again = [draw_band_limit(np.random.default_rng([7, i]), 16000, 0.5) for i in range(200)]
    assert draws == again
    cut = [d.cutoff_hz for d in draws if d.cutoff_hz is not None]
    assert 60 < len(cut) < 140  # about half are limited
    assert max(cut) < 8000 * 0.95  # only cut-offs below a 16 kHz model's Nyquist
    assert {d.method for d in draws if d.cutoff_hz} == {"resample", "lowpass"}
    # Cut-offs sit at the common ones, jittered down by at most 6 %.
    for c in cut:
        assert any(0.93 * k <= c <= k for k in COMMON_CUTOFFS_HZ)
    # The generator advances the same whatever was drawn: the next number agrees.
    a, b = np.random.default_rng(1), np.random.default_rng(1)
    draw_band_limit(a, 16000, 0.0)
    draw_band_limit(b, 16000, 1.0)
    assert a.random() == b.random()
    assert all(
        d.cutoff_hz is None
        for d in (draw_band_limit(np.random.default_rng(i), SR, 0.0) for i in range(20))
    )


def test_content_bandwidth_of_full_band_and_coloured_noise():
    x = _white()
    assert content_bandwidth(x, SR) == pytest.approx(SR / 2, rel=0.02)
    brown = np.cumsum(x).astype(np.float32)
    brown -= brown.mean()
    # Strong lows must not leak over an empty top band.
    assert content_bandwidth(band_limit(brown, SR, 8000.0), SR) == pytest.approx(8000, rel=0.1)


def test_bandwidth_warning_names_the_file_and_the_gap():
    low, high = trained_band(16000, 0.0)  # trained on full-band 16 kHz mixtures only
    assert (low, high) == (7200.0, 8000.0)
    message = bandwidth_warning(3700.0, low, high, "call.wav")
    assert message and "call.wav" in message and "3.7 kHz" in message
    assert bandwidth_warning(7800.0, low, high, "x.wav") is None
    low, high = trained_band(16000, 0.5)  # trained with band-limiting down to 4 kHz
    assert low == 4000.0
    assert bandwidth_warning(3700.0, low, high) is None
    assert "1.9 kHz" in bandwidth_warning(1900.0, low, high)
