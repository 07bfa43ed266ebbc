"""Augmented variants of a training window, made once by the feature cache (so pitch shifting
and time stretching never run during training) and reproducible from the run's seed.

A variant is the window's audio with a gain, a pitch shift and a time stretch
(core.train.augment, the denoise task's own), noise mixed from the project's noise clips at
an SNR, then its log-mel with SpecAugment time and frequency masks. Every random number
comes from a Generator seeded by (seed, clip, window start, variant), so a window's
variants do not depend on which worker made them or in what order.
"""

from __future__ import annotations

import numpy as np
import torch

from core.train.augment import apply_augment, draw_augment
from core.train.classify.config import FeatureConfig, VariantConfig
from core.train.classify.features import log_mel_batch
from core.train.noise import loop_crop, mix_at_snr


def variant_rng(seed: int, clip_id: int, start: int, variant: int) -> np.random.Generator:
    """The Generator of one variant of the window starting at sample `start` of a clip."""
    return np.random.default_rng([seed, clip_id, start, variant])


def spec_augment(mel: np.ndarray, cfg: VariantConfig, rng: np.random.Generator) -> np.ndarray:
    """[n_mels, frames] with `cfg.time_masks` runs of frames and `cfg.freq_masks` runs of mel
    bins set to the spectrogram's mean (a log-mel has no zero: its mean is neutral)."""
    out = mel.copy()
    fill = np.float32(mel.mean())
    n_mels, frames = mel.shape
    for count, width, axis_len, axis in (
        (cfg.time_masks, cfg.time_mask_frames, frames, 1),
        (cfg.freq_masks, cfg.freq_mask_bins, n_mels, 0),
    ):
        for _ in range(count):
            w = int(rng.integers(0, min(width, axis_len) + 1))
            at = int(rng.integers(0, axis_len - w + 1))
            if axis == 1:
                out[:, at : at + w] = fill
            else:
                out[at : at + w, :] = fill
    return out


def _excerpt(signal: np.ndarray, start: int, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float32)
    piece = signal[start : start + n]
    out[: len(piece)] = piece
    return out


def window_variants(
    signal: np.ndarray,
    start: int,
    clip_id: int,
    count: int,
    features: FeatureConfig,
    cfg: VariantConfig,
    seed: int,
    noise: list[np.ndarray] | None = None,
) -> np.ndarray:
    """[count, n_mels, frames]: the variants 1..count of the window of `signal` (mono, at
    the feature rate) starting at sample `start`; `noise` are the project's noise clips at
    the feature rate (empty: no noise mixed)."""
    win = features.window_samples
    audio = np.empty((count, win), dtype=np.float32)
    rngs = [variant_rng(seed, clip_id, start, v) for v in range(1, count + 1)]
    for i, rng in enumerate(rngs):
        plan = draw_augment(cfg, rng)  # VariantConfig has AugmentConfig's fields
        # Drawn whether or not they are used, so the stream never depends on a branch.
        mix, snr, pick = rng.random(), rng.uniform(*cfg.noise_snr_db), rng.random()
        x = apply_augment(
            _excerpt(signal, start, plan.source_length(win)), features.sample_rate, plan, win
        )
        if noise and mix < cfg.noise_prob:
            x = mix_at_snr(x, loop_crop(noise[int(pick * len(noise))], win, rng), snr)
        audio[i] = x
    mels = log_mel_batch(torch.from_numpy(audio), features).numpy()
    return np.stack([spec_augment(m, cfg, rng) for m, rng in zip(mels, rngs, strict=True)])
