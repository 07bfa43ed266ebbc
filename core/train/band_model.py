"""`BandGRUNet`: the speech default. ERB-band features, a recurrent core, a band gain plus a
fine per-bin mask over the harmonic range, applied to the STFT. Zero delay.

Why this shape (after DeepFilterNet and PercepNet): speech noise reduction is mostly a
smooth gain over ~30 perceptual bands, which a small network learns fast and generalises;
the harmonics of a voice need per-bin resolution, but only below ~5 kHz. A GRU carries
the context (noise floor, who is speaking) across seconds, which the dilated convolutions
of `SpectralMaskNet` (0.2 s at 22 kHz) could not; a centred convolution before it gives two
frames of look-ahead, so the model is non-causal but has no delay, like the other models.

Bandwidth robustness: the features are normalised by the level of the speech band
(100 Hz - 4 kHz) and floored 40 dB below it, so empty bins above a band-limited input's
cut-off read as a constant floor instead of shifting every other feature (the failure of
per-example log-magnitude means on 16 kHz audio played at 22 kHz).
"""

from __future__ import annotations

import math

import torch
from torch import nn

_FLOOR = 1e-4  # feature floor: 40 dB below the speech-band power


def _erb(f: float) -> float:
    return 21.4 * math.log10(1.0 + 0.00437 * f)


def _erb_inv(e: float) -> float:
    return (10 ** (e / 21.4) - 1.0) / 0.00437


def erb_band_edges(n_fft: int, sr: int, n_bands: int, min_bins: int = 2) -> list[int]:
    """Bin indices where each of the (at most) n_bands rectangular ERB-spaced bands starts,
    plus the end (bins). Low bands are widened to min_bins, so there may be fewer bands."""
    bins = n_fft // 2 + 1
    top = _erb(sr / 2)
    edges = [0]
    for k in range(1, n_bands):
        b = int(round(_erb_inv(top * k / n_bands) / (sr / n_fft)))
        b = max(b, edges[-1] + min_bins)
        if b >= bins - min_bins + 1:
            break
        edges.append(b)
    edges.append(bins)
    return edges


class BandGRUNet(nn.Module):
    delay_samples = 0  # centred STFT and convolutions: no latency to measure or remove

    def __init__(
        self,
        sample_rate: int,
        n_fft: int = 512,
        hop: int = 256,
        hidden: int = 128,
        layers: int = 2,
        bands: int = 32,
        fine_hz: float = 5000.0,
        core: str = "gru",
    ) -> None:
        super().__init__()
        self.n_fft, self.hop, self.sample_rate = n_fft, hop, sample_rate
        bins = n_fft // 2 + 1
        edges = erb_band_edges(n_fft, sample_rate, bands)
        self.n_bands = len(edges) - 1
        self.fine_bins = max(1, min(bins, int(round(fine_hz / (sample_rate / n_fft)))))
        # (bands, bins) averaging matrix and its (bins, bands) expansion: not persistent,
        # rebuilt from the config, so exports hold only learnt weights.
        avg = torch.zeros(self.n_bands, bins)
        for b in range(self.n_bands):
            avg[b, edges[b] : edges[b + 1]] = 1.0 / (edges[b + 1] - edges[b])
        self.register_buffer("band_avg", avg, persistent=False)
        self.register_buffer("band_expand", (avg > 0).float().T.contiguous(), persistent=False)
        freqs = torch.arange(bins) * (sample_rate / n_fft)
        speech = ((freqs >= 100) & (freqs <= 4000)).float()
        self.register_buffer("speech_bins", speech / speech.sum().clamp_min(1), persistent=False)
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        feat = self.n_bands + self.fine_bins
        self.inp = nn.Sequential(nn.Linear(feat, hidden), nn.PReLU())
        # Centred over 5 frames: look-ahead without delay.
        self.context = nn.Conv1d(hidden, hidden, 5, padding=2, groups=4)
        self.core = core
        if core == "gru":
            self.gru = nn.GRU(hidden, hidden, num_layers=layers, batch_first=True)
        else:
            # Dilated, centred: 2 * (2**layers - 1) + 1 frames of context (6 layers: 127
            # frames, 2 s at 16 kHz / hop 256), several times cheaper than a GRU to train
            # on a CPU.
            from core.train.models import _DilatedBlock

            self.blocks = nn.ModuleList(_DilatedBlock(hidden, 2**i) for i in range(layers))
        self.band_head = nn.Linear(hidden, self.n_bands)
        self.fine_head = nn.Linear(hidden, self.fine_bins)
        # Start near pass-through: an untrained model keeps the input rather than mute it.
        nn.init.constant_(self.band_head.bias, 2.0)
        nn.init.zeros_(self.fine_head.weight)
        nn.init.zeros_(self.fine_head.bias)

    def mask(self, spec: torch.Tensor) -> torch.Tensor:
        """[0, 1] gains (B, bins, frames) for a complex STFT (B, bins, frames)."""
        power = spec.real.square() + spec.imag.square()
        ref = (power.mean(-1) @ self.speech_bins).clamp_min(1e-10)  # (B,)
        floor = (_FLOOR * ref)[:, None, None]
        band = torch.log((self.band_avg @ power + floor) / ref[:, None, None])
        fine = torch.log((power[:, : self.fine_bins] + floor) / ref[:, None, None])
        feat = torch.cat([band, fine], dim=1).transpose(1, 2)  # (B, frames, feat)
        h = self.inp(feat)
        h = h + self.context(h.transpose(1, 2)).transpose(1, 2)
        if self.core == "gru":
            h, _ = self.gru(h)
        else:
            h = h.transpose(1, 2)
            for block in self.blocks:
                h = block(h)
            h = h.transpose(1, 2)
        logits = self.band_head(h) @ self.band_expand.T  # (B, frames, bins)
        logits = torch.cat(
            [logits[..., : self.fine_bins] + self.fine_head(h), logits[..., self.fine_bins :]],
            dim=-1,
        )
        return torch.sigmoid(logits).transpose(1, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, t = x.shape
        wave = x.reshape(b, t).float()  # float32 STFT even under autocast
        spec = torch.stft(
            wave, self.n_fft, self.hop, window=self.window, center=True, return_complex=True
        )
        est = torch.istft(
            spec * self.mask(spec), self.n_fft, self.hop, window=self.window, center=True, length=t
        )
        return est.reshape(b, 1, t).to(x.dtype)
