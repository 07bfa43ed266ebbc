"""Training losses on (B, 1, T) waveforms: MSE, L1 + multi-resolution STFT, SI-SDR, and
SI-SDR + multi-resolution STFT."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from core.audio.quality import si_sdr

# (n_fft, hop) pairs; ratios follow Parallel WaveGAN's multi-resolution STFT loss.
STFT_RESOLUTIONS = ((512, 128), (1024, 256), (256, 64))
SI_SDR_WEIGHT = 0.05


def _stft_mag(x: torch.Tensor, n_fft: int, hop: int) -> torch.Tensor:
    window = torch.hann_window(n_fft, device=x.device)
    spec = torch.stft(x, n_fft, hop, window=window, center=True, return_complex=True)
    return spec.abs().clamp_min(1e-5)


def multi_resolution_stft(est: torch.Tensor, ref: torch.Tensor) -> torch.Tensor:
    """Spectral convergence plus log-magnitude L1, averaged over resolutions."""
    e = est.reshape(-1, est.shape[-1]).float()
    r = ref.reshape(-1, ref.shape[-1]).float()
    total = e.new_zeros(())
    used = 0
    for n_fft, hop in STFT_RESOLUTIONS:
        if n_fft > e.shape[-1]:
            continue
        me, mr = _stft_mag(e, n_fft, hop), _stft_mag(r, n_fft, hop)
        sc = torch.linalg.norm(mr - me) / torch.linalg.norm(mr).clamp_min(1e-7)
        mag = F.l1_loss(torch.log(me), torch.log(mr))
        total = total + sc + mag
        used += 1
    return total / max(used, 1)


def compute_loss(name: str, est: torch.Tensor, ref: torch.Tensor) -> torch.Tensor:
    if name == "mse":
        return F.mse_loss(est.float(), ref.float())
    if name == "l1_stft":
        return F.l1_loss(est.float(), ref.float()) + multi_resolution_stft(est, ref)
    if name == "si_sdr":
        return -si_sdr(est.float(), ref.float()).mean()
    if name == "si_sdr_mrstft":
        # SI-SDR for the waveform, multi-resolution magnitude for what is heard (the
        # speech default). 0.05 per dB puts 10 dB of SI-SDR on the scale of the spectral
        # term of a model that is half way trained.
        return -SI_SDR_WEIGHT * si_sdr(est.float(), ref.float()).mean() + multi_resolution_stft(
            est, ref
        )
    raise ValueError(f"unknown loss {name!r}")
