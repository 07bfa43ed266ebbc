"""The ideal mask of the default speech model's own representation: how far a trained model
is from what its shape allows.

BandGRUNet (core.train.band_model) multiplies the noisy STFT by a gain per ERB band, refined
per bin below `fine_hz`, and keeps the noisy phase. Given the clean speech, the best such
gains are known: per band, the square root of the clean over the noisy band energy, per fine
bin the clean over the noisy magnitude, both capped at 1 (a mask only turns down). Scoring
that output beside the trained model's says whether quality is limited by the
representation (the ideal would score low too) or by what the model learnt in its budget.
It cheats by construction, reading the clean speech: a bound, never a system to compare.
"""

from __future__ import annotations

import numpy as np
import torch

from core.audio.io import resample
from core.train.band_model import erb_band_edges
from core.train.config import ModelConfig


def ideal_mask_output(noisy: np.ndarray, clean: np.ndarray, sr: int, model_sr: int,
                      model: ModelConfig) -> np.ndarray:  # fmt: skip
    """`noisy` (at sr) through the ideal band + fine mask of a band_gru `model` running at
    model_sr, back at sr and the input's length."""
    n_fft, hop = model.n_fft, model.hop
    x = torch.from_numpy(resample(noisy, sr, model_sr).astype(np.float32))
    s = torch.from_numpy(resample(clean, sr, model_sr).astype(np.float32))
    window = torch.hann_window(n_fft)
    noisy_spec = torch.stft(x, n_fft, hop, window=window, return_complex=True)
    clean_spec = torch.stft(s, n_fft, hop, window=window, return_complex=True)
    edges = erb_band_edges(n_fft, model_sr, model.bands)
    member = torch.zeros(n_fft // 2 + 1, len(edges) - 1)  # (bins, bands)
    for b in range(len(edges) - 1):
        member[edges[b] : edges[b + 1], b] = 1.0
    noisy_pow, clean_pow = noisy_spec.abs().square(), clean_spec.abs().square()
    band_gain = (member.T @ clean_pow / (member.T @ noisy_pow).clamp_min(1e-12)).sqrt()
    mask = (member @ band_gain).clamp(max=1.0)
    fine = max(1, int(round(model.fine_hz / (model_sr / n_fft))))
    per_bin = (clean_spec.abs() / noisy_spec.abs().clamp_min(1e-8)).clamp(max=1.0)
    mask[:fine] = per_bin[:fine]
    out = torch.istft(noisy_spec * mask, n_fft, hop, window=window, length=len(x)).numpy()
    back = resample(out, model_sr, sr)[: len(noisy)]
    return np.pad(back, (0, len(noisy) - len(back)))
