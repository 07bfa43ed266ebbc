"""Variants of a training window: reproducible from (seed, clip, start, variant), different
from the original, and with every augmentation off exactly the original's log-mel."""

from __future__ import annotations

import numpy as np

from core.train.classify.config import FeatureConfig, VariantConfig
from core.train.classify.features import log_mel
from core.train.classify.variants import spec_augment, variant_rng, window_variants

F = FeatureConfig(n_mels=32, window_s=0.5, window_hop_s=0.25)


def _signal() -> np.ndarray:
    t = np.arange(16000) / 16000
    return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_variants_are_reproducible_and_differ_from_the_original():
    x = _signal()
    cfg = VariantConfig()
    a = window_variants(x, 4000, clip_id=3, count=3, features=F, cfg=cfg, seed=0)
    b = window_variants(x, 4000, clip_id=3, count=3, features=F, cfg=cfg, seed=0)
    c = window_variants(x, 4000, clip_id=3, count=3, features=F, cfg=cfg, seed=1)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (3, 32, F.frames)
    assert not np.allclose(a, c)
    original = log_mel(x[4000 : 4000 + F.window_samples], F)
    assert all(np.abs(v - original).mean() > 0.05 for v in a)


def test_with_every_augmentation_off_a_variant_is_the_original():
    off = VariantConfig(
        gain_prob=0, pitch_prob=0, stretch_prob=0, noise_prob=0, time_masks=0, freq_masks=0
    )
    x = _signal()
    got = window_variants(x, 8000, 1, 2, F, off, seed=0, noise=[x])
    want = log_mel(np.pad(x[8000:], (0, F.window_samples - 8000)), F)
    np.testing.assert_allclose(got[0], want, atol=1e-5)
    np.testing.assert_allclose(got[1], want, atol=1e-5)


def test_spec_augment_masks_runs_of_frames_and_bins_with_the_mean():
    mel = np.arange(32 * 51, dtype=np.float32).reshape(32, 51)
    cfg = VariantConfig(time_masks=1, time_mask_frames=10, freq_masks=1, freq_mask_bins=6)
    out = spec_augment(mel, cfg, variant_rng(0, 1, 0, 1))
    masked = out != mel
    assert out.shape == mel.shape and masked.any()
    assert np.all(out[masked] == np.float32(mel.mean()))
    full_cols = masked.all(axis=0).sum()
    full_rows = masked.all(axis=1).sum()
    assert full_cols <= 10 and full_rows <= 6 and full_cols + full_rows > 0
