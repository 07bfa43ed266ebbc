"""Models mapping a waveform (B, 1, T) to a waveform of the same length and zero delay.

- `SpectralMaskNet` (speech default): STFT magnitude → dilated 1-D convolutions over frames →
  a [0, 1] mask per time-frequency bin → inverse STFT. Small and fast on a CPU.
- `WaveUNet` (the users' model): a 1-D U-Net on the waveform of depth D; every level halves
  the length, so inputs are padded to a multiple of 2**D and cropped back.

Every convolution is centred (odd kernels, symmetric padding), so neither model delays the
signal and an output sample lines up with the input sample it came from.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from core.train.config import CLASSIFIER_KINDS, ModelConfig


class _DilatedBlock(nn.Module):
    def __init__(self, channels: int, dilation: int) -> None:
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, 3, padding=dilation, dilation=dilation)
        self.norm = nn.GroupNorm(1, channels)
        self.act = nn.PReLU(channels)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return h + self.act(self.norm(self.conv(h)))


class SpectralMaskNet(nn.Module):
    def __init__(self, n_fft: int = 512, hop: int = 128, hidden: int = 128, layers: int = 4):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        bins = n_fft // 2 + 1
        # Not persistent: the window is rebuilt from n_fft, so exports hold only learnt weights.
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        self.inp = nn.Conv1d(bins, hidden, 1)
        self.blocks = nn.ModuleList(_DilatedBlock(hidden, 2 ** (i % 5)) for i in range(layers))
        self.out = nn.Conv1d(hidden, bins, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, t = x.shape
        # STFT in float32 even under autocast: fp16 FFTs lose the quiet bins.
        wave = x.reshape(b, t).float()
        spec = torch.stft(
            wave,
            self.n_fft,
            self.hop,
            window=self.window,
            center=True,
            return_complex=True,
        )
        logmag = torch.log(spec.abs() + 1e-5)
        # Subtracting the per-example mean makes the network blind to overall gain.
        feat = logmag - logmag.mean(dim=(1, 2), keepdim=True)
        h = self.inp(feat)
        for block in self.blocks:
            h = block(h)
        mask = torch.sigmoid(self.out(h)).float()
        est = torch.istft(
            spec * mask, self.n_fft, self.hop, window=self.window, center=True, length=t
        )
        return est.reshape(b, 1, t).to(x.dtype)


class WaveUNet(nn.Module):
    def __init__(
        self, depth: int = 4, channels: int = 16, max_channels: int = 256, kernel: int = 15
    ) -> None:
        super().__init__()
        self.depth = depth
        pad = kernel // 2
        widths = [min(channels * 2**i, max_channels) for i in range(depth + 1)]
        self.stem = nn.Sequential(nn.Conv1d(1, widths[0], kernel, padding=pad), nn.GELU())
        self.down = nn.ModuleList()
        self.up = nn.ModuleList()
        self.merge = nn.ModuleList()
        for i in range(depth):
            self.down.append(
                nn.Sequential(
                    nn.Conv1d(widths[i], widths[i + 1], 4, stride=2, padding=1),
                    nn.GELU(),
                    nn.Conv1d(widths[i + 1], widths[i + 1], kernel, padding=pad),
                    nn.GELU(),
                )
            )
            self.up.append(nn.ConvTranspose1d(widths[i + 1], widths[i], 4, stride=2, padding=1))
            self.merge.append(
                nn.Sequential(nn.Conv1d(2 * widths[i], widths[i], kernel, padding=pad), nn.GELU())
            )
        self.head = nn.Conv1d(widths[0], 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        t = x.shape[-1]
        step = 2**self.depth
        padded = (t + step - 1) // step * step
        y = F.pad(x, (0, padded - t)) if padded != t else x
        h = self.stem(y)
        skips = []
        for down in self.down:
            skips.append(h)
            h = down(h)
        for i in reversed(range(self.depth)):
            h = self.up[i](h)
            h = self.merge[i](torch.cat([h, skips[i]], dim=1))
        # Residual output: an untrained U-Net passes the input through instead of silence.
        out = y + self.head(h)
        return out[..., :t]


def build_model(model_cfg: ModelConfig, sample_rate: int | None = None) -> nn.Module:
    """The model a config describes; band_gru needs the sample rate (its bands are in Hz).
    The classify task's kinds are core.train.classify.models'."""
    if model_cfg.kind in CLASSIFIER_KINDS:
        from core.train.classify.models import build_classifier

        return build_classifier(model_cfg)
    if model_cfg.kind == "band_gru":
        from core.train.band_model import BandGRUNet

        return BandGRUNet(
            sample_rate or 16000,
            model_cfg.n_fft,
            model_cfg.hop,
            model_cfg.hidden,
            model_cfg.layers,
            model_cfg.bands,
            model_cfg.fine_hz,
            model_cfg.core,
        )
    if model_cfg.kind == "spectral_mask":
        return SpectralMaskNet(model_cfg.n_fft, model_cfg.hop, model_cfg.hidden, model_cfg.layers)
    if model_cfg.kind == "unet":
        return WaveUNet(
            model_cfg.depth, model_cfg.channels, model_cfg.max_channels, model_cfg.kernel
        )
    raise ValueError(f"unknown model kind {model_cfg.kind!r}")


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def model_size_mb(model: nn.Module) -> float:
    """Size of the weights as stored (float32)."""
    return sum(p.numel() * p.element_size() for p in model.state_dict().values()) / 1e6
