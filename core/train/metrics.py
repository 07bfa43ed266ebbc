"""Validation metrics: SI-SDR and its improvement over the input; PESQ/STOI when installed."""

from __future__ import annotations

import importlib.util
import logging

import numpy as np
import torch

log = logging.getLogger(__name__)


def si_sdr(est: torch.Tensor, ref: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Scale-invariant SDR in dB over the last axis (Le Roux et al. 2019), one value per item."""
    est = est - est.mean(dim=-1, keepdim=True)
    ref = ref - ref.mean(dim=-1, keepdim=True)
    scale = (est * ref).sum(-1, keepdim=True) / (ref.pow(2).sum(-1, keepdim=True) + eps)
    target = scale * ref
    noise = est - target
    ratio = target.pow(2).sum(-1) / (noise.pow(2).sum(-1) + eps)
    return 10 * torch.log10(ratio + eps).reshape(est.shape[0], -1).mean(-1)


# Attenuation limits (dB) tried on validation; None is no limit.
ATTEN_LIMITS_DB = (None, 40.0, 30.0, 24.0, 18.0, 15.0, 12.0, 9.0, 6.0, 4.0, 3.0)
# Validation examples are grouped by their input SI-SDR (dB edges) for the limit choice:
# harm shows first on the cleanest inputs, where there is least to gain.
INPUT_SDR_EDGES = (5.0, 15.0, 25.0)


def limited(est: torch.Tensor, inp: torch.Tensor, limit_db: float | None) -> torch.Tensor:
    """The output with an attenuation limit, as inference applies it: nothing ends up more
    than limit_db below the input (out = (1 - l) * est + l * inp, l = 10^(-limit/20))."""
    if limit_db is None:
        return est
    floor = 10 ** (-limit_db / 20)
    return (1 - floor) * est + floor * inp


def choose_atten_limit(
    improvements: dict[float | None, torch.Tensor], input_sdr: torch.Tensor | None = None
) -> float | None:
    """The attenuation limit for `process`, from per-example SI-SDR improvements under each
    candidate limit. Never worse first: the examples are grouped by input SI-SDR, and of
    the limits under which no group is made worse on average, the one with the best mean
    wins; if none keeps every group at 0 dB or more, the one whose worst group is least bad."""
    groups = (
        torch.bucketize(input_sdr, torch.tensor(INPUT_SDR_EDGES))
        if input_sdr is not None
        else torch.zeros_like(next(iter(improvements.values())), dtype=torch.long)
    )

    def worst_group(imp: torch.Tensor) -> float:
        return min(float(imp[groups == g].mean()) for g in torch.unique(groups))

    safe = [k for k, imp in improvements.items() if worst_group(imp) >= 0.0]
    if safe:
        return max(safe, key=lambda k: (float(improvements[k].mean()), k is None))
    return max(improvements, key=lambda k: worst_group(improvements[k]))


def si_sdr_np(est: np.ndarray, ref: np.ndarray) -> float:
    n = min(len(est), len(ref))
    t = torch.from_numpy(np.ascontiguousarray(est[:n], dtype=np.float32)).reshape(1, -1)
    r = torch.from_numpy(np.ascontiguousarray(ref[:n], dtype=np.float32)).reshape(1, -1)
    return float(si_sdr(t, r)[0])


def optional_metrics_available() -> dict[str, bool]:
    return {
        "pesq": importlib.util.find_spec("pesq") is not None,
        "stoi": importlib.util.find_spec("pystoi") is not None,
    }


def perceptual_metrics(est: np.ndarray, ref: np.ndarray, sr: int) -> dict[str, float]:
    """PESQ (wideband, 16 kHz) and STOI, each only when its package is importable."""
    out: dict[str, float] = {}
    have = optional_metrics_available()
    if have["stoi"]:
        from pystoi import stoi

        out["stoi"] = float(stoi(ref, est, sr, extended=False))
    if have["pesq"]:
        from pesq import pesq

        from core.audio_io import resample

        try:
            r16 = resample(ref[:, None], sr, 16000)[:, 0]
            e16 = resample(est[:, None], sr, 16000)[:, 0]
            out["pesq"] = float(pesq(16000, r16, e16, "wb"))
        except Exception as exc:  # pesq raises on silent references
            log.debug("pesq skipped: %s", exc)
    return out
