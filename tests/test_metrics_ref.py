"""SI-SDR against a clean reference, on signals whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from core.metrics_ref import reference_metrics, si_sdr


def test_si_sdr_known_values():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal(48000)
    noise = rng.standard_normal(48000)
    noise -= ref * np.dot(noise, ref) / np.dot(ref, ref)  # orthogonal, so the answer is exact
    noise *= np.linalg.norm(ref) / np.linalg.norm(noise) / 10  # 20 dB below
    assert si_sdr(ref + noise, ref) == pytest.approx(20.0, abs=1e-3)
    assert si_sdr(3.0 * (ref + noise), ref) == pytest.approx(20.0, abs=1e-3)  # scale-invariant


def test_reference_metrics_show_the_improvement():
    sr = 16000
    rng = np.random.default_rng(1)
    t = np.arange(2 * sr) / sr
    clean = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[:, None]
    noisy = clean + 0.1 * rng.standard_normal(clean.shape).astype(np.float32)
    better = clean + 0.01 * rng.standard_normal(clean.shape).astype(np.float32)
    m = reference_metrics(np.repeat(noisy, 2, 1), np.repeat(better, 2, 1), sr, clean, sr)
    assert m["si_sdr_processed"] > m["si_sdr_original"] + 15
    assert m["si_sdr_improvement"] == pytest.approx(m["si_sdr_processed"] - m["si_sdr_original"])
