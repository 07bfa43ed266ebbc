"""Objective quality against a clean reference: SI-SDR, and PESQ/STOI when installed."""

from __future__ import annotations

import logging

import numpy as np

from core.audio_io import resample, to_mono

log = logging.getLogger(__name__)


def si_sdr(est: np.ndarray, ref: np.ndarray, eps: float = 1e-12) -> float:
    """Scale-invariant SDR in dB (Le Roux et al. 2019) of two mono signals."""
    n = min(len(est), len(ref))
    e = np.asarray(est[:n], np.float64) - np.mean(est[:n])
    r = np.asarray(ref[:n], np.float64) - np.mean(ref[:n])
    target = (np.dot(e, r) / (np.dot(r, r) + eps)) * r
    residual = e - target
    return float(10 * np.log10((np.dot(target, target) + eps) / (np.dot(residual, residual) + eps)))


def reference_metrics(
    original: np.ndarray,
    processed: np.ndarray,
    sr: int,
    reference: np.ndarray,
    ref_sr: int,
) -> dict[str, float]:
    """Metrics of the original and the processed audio against the clean reference.

    Keys: si_sdr_original, si_sdr_processed, si_sdr_improvement, and pesq_*/stoi_* when
    the pesq / pystoi packages are importable. Everything is compared in mono at the
    reference's rate.
    """
    ref = to_mono(reference)[:, 0]
    orig = to_mono(resample(original, sr, ref_sr))[:, 0]
    proc = to_mono(resample(processed, sr, ref_sr))[:, 0]
    n = min(len(ref), len(orig), len(proc))
    ref, orig, proc = ref[:n], orig[:n], proc[:n]
    out = {
        "si_sdr_original": si_sdr(orig, ref),
        "si_sdr_processed": si_sdr(proc, ref),
    }
    out["si_sdr_improvement"] = out["si_sdr_processed"] - out["si_sdr_original"]
    try:
        from core.train.metrics import perceptual_metrics
    except ImportError:  # the trainer's optional metrics are not there: SI-SDR only
        return out
    for name, audio in (("original", orig), ("processed", proc)):
        try:
            for key, value in perceptual_metrics(audio, ref, ref_sr).items():
                out[f"{key}_{name}"] = value
        except Exception as exc:  # PESQ/STOI refuse some inputs (too short, silent)
            log.info("perceptual metrics skipped: %s", exc)
    return out
