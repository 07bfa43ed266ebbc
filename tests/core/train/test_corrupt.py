"""Rooms, microphones, several noises at once and band-limited inputs (core.train.corrupt),
and the speech preset's examples built from them."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal

from core.audio.bandwidth import BandLimit
from core.train.config import CorruptConfig, TrainConfig
from core.train.corrupt import (
    Corruption,
    apply_room,
    band_limit_pair,
    draw_corruption,
    noise_mixture,
    peaking_eq,
    synthetic_rir,
)
from core.train.data import SegmentDataset, Sources

SR = 16000


def _rt60(rir: np.ndarray, sr: int) -> float:
    """Schroeder backward integration of the diffuse tail (after 20 ms), T20 extrapolated
    to 60 dB."""
    tail = rir[int(0.02 * sr) :]
    energy = np.cumsum(tail[::-1] ** 2)[::-1]
    db = 10 * np.log10(energy / energy[0] + 1e-30)
    t5, t25 = np.argmax(db <= -5), np.argmax(db <= -25)
    return 3.0 * (t25 - t5) / sr


@pytest.mark.parametrize("rt60", [0.2, 0.5])
def test_synthetic_rir_decays_at_the_drawn_reverberation_time(rt60):
    rir = synthetic_rir(SR, rt60, np.random.default_rng(0))
    assert rir[0] == 1.0
    assert _rt60(rir, SR) == pytest.approx(rt60, rel=0.35)
    assert np.array_equal(rir, synthetic_rir(SR, rt60, np.random.default_rng(0)))


def test_room_keeps_length_and_level_and_smears_an_impulse():
    x = np.zeros(SR, np.float32)
    x[100] = 1.0
    y = apply_room(x, SR, Corruption(rt60_s=0.4, rir_seed=3))
    assert y.shape == x.shape
    assert np.sqrt(np.mean(y**2)) == pytest.approx(np.sqrt(np.mean(x**2)), rel=1e-3)
    # Energy after 50 ms: the tail.
    assert np.sum(y[100 + SR // 20 :] ** 2) > 0.01 * np.sum(y**2)
    assert np.array_equal(apply_room(x, SR, Corruption()), x)


def test_peaking_eq_boosts_its_centre_and_leaves_far_bands():
    t = np.arange(SR) / SR
    for f, expect in ((1000.0, 6.0), (100.0, 0.0), (6000.0, 0.0)):
        x = np.sin(2 * np.pi * f * t).astype(np.float32)
        y = peaking_eq(x, SR, ((1000.0, 6.0, 2.0),))
        gain = 20 * np.log10(np.std(y[SR // 2 :]) / np.std(x[SR // 2 :]))
        assert gain == pytest.approx(expect, abs=0.5), f
    assert peaking_eq(x, SR, ()).dtype == np.float32


def test_several_noise_sources_are_mixed_at_their_drawn_levels():
    t = np.arange(SR) / SR
    tones = iter([np.sin(2 * np.pi * 500 * t), np.sin(2 * np.pi * 2000 * t)])
    c = Corruption(sources=2, source_gains_db=(0.0, -6.0))
    out = noise_mixture(c, lambda rng: next(tones), np.random.default_rng(0), SR, CorruptConfig())
    spec = np.abs(np.fft.rfft(out))
    ratio_db = 20 * np.log10(spec[2000] / spec[500])  # bins are 1 Hz apart
    assert ratio_db == pytest.approx(-6.0, abs=0.2)


def test_draw_corruption_is_deterministic_and_follows_its_probabilities():
    cfg = CorruptConfig(rir_prob=0.3, eq_prob=0.5, multi_noise_prob=0.5, band_limit_prob=0.5)
    draws = [draw_corruption(cfg, np.random.default_rng([5, i]), SR) for i in range(300)]
    assert draws == [draw_corruption(cfg, np.random.default_rng([5, i]), SR) for i in range(300)]
    share = lambda f: np.mean([f(d) for d in draws])  # noqa: E731
    assert share(lambda d: d.rt60_s is not None) == pytest.approx(0.3, abs=0.08)
    assert share(lambda d: bool(d.eq)) == pytest.approx(0.5, abs=0.08)
    assert share(lambda d: d.sources > 1) == pytest.approx(0.5 * 3 / 7 * 1.0 + 0.5 * 0, abs=0.3)
    assert share(lambda d: d.band.cutoff_hz is not None) == pytest.approx(0.5, abs=0.08)
    off = [draw_corruption(CorruptConfig(), np.random.default_rng(i), SR) for i in range(50)]
    assert all(
        d.rt60_s is None and not d.eq and d.sources == 1 and d.band.cutoff_hz is None for d in off
    )


def test_band_limit_pair_limits_input_and_target_alike():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((2, SR)).astype(np.float32)
    a, b = band_limit_pair(x, y, SR, Corruption(band=BandLimit(4000.0, "resample")))
    for z in (a, b):
        f, p = scipy.signal.welch(z, SR, nperseg=1024)
        assert 10 * np.log10(p[f > 4400].mean() / p[f < 3000].mean()) < -60


def test_speech_preset_examples_are_reproducible_and_band_limited_where_drawn():
    cfg = TrainConfig.preset("speech", sample_rate=SR).data
    rng = np.random.default_rng(0)
    t = np.arange(6 * SR) / SR
    voice = (np.sin(2 * np.pi * 150 * t) * (1 + np.sin(2 * np.pi * 3 * t))).astype(np.float32)
    voice += 0.05 * rng.standard_normal(voice.shape[0]).astype(np.float32)
    ds = SegmentDataset(Sources(["v"], [voice], None), cfg, seed=1, train=True)
    limited = 0
    for i in range(len(ds)):
        for epoch in range(6):
            inp, tgt = ds.example(epoch, i)
            again = ds.example(epoch, i)
            assert np.array_equal(inp, again[0]) and np.array_equal(tgt, again[1])
            c = draw_corruption(cfg.corrupt, _stream_at_corruption(ds, epoch, i), SR)
            if c.band.cutoff_hz is not None:
                limited += 1
                f, p = scipy.signal.welch(inp, SR, nperseg=512)
                top = p[f > 1.1 * c.band.cutoff_hz].mean()
                assert 10 * np.log10(top / p[f < 0.5 * c.band.cutoff_hz].mean()) < -50
    assert limited > 0


def _stream_at_corruption(ds: SegmentDataset, epoch: int, i: int) -> np.random.Generator:
    """The example's generator advanced to where SegmentDataset.example draws its corruption."""
    from core.train.augment import draw_augment

    rng = ds.rng_for(epoch, i)
    rng.integers(0, int(ds.index[i][2]) + 1)
    draw_augment(ds.cfg.augment, rng)
    return rng
