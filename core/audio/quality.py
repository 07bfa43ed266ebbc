"""Objective quality of audio against its clean reference: SI-SDR, PESQ (wideband), STOI.

The one owner of these metrics: the training loss and validation, the Listen tab, the CLI
and the benchmarks all call the functions here, so a figure means the same thing wherever
it is shown.

- SI-SDR (Le Roux et al. 2019), in dB, at the signals' own rate; batched in torch (the loss
  needs gradients), with a float64 wrapper for single signals.
- PESQ, ITU-T P.862.2 wideband, through the `pesq` package: defined at 16 kHz only, so
  both signals are resampled to 16 kHz first. Scores run from about 1.0 (bad) to 4.64.
- STOI (Taal et al. 2011) through `pystoi`, 0..1; pystoi resamples to 10 kHz itself.

PESQ costs about 50 ms and STOI about 15 ms per 2 s of audio on one core of this project's
2-core CPU, so validation scores a subset of segments (data.quality_segments).

The `pesq` package holds the GIL for its whole call (measured: a 4 s pair kept another
thread waiting 77 ms), so code that scores in a background thread of the GUI process (the
trainer's QThread, the Listen tab's job) uses `PerceptualScorer`, which runs PESQ and STOI in
spawned worker processes. torch is imported only inside the SI-SDR functions, so a worker
starts without it.
"""

from __future__ import annotations

import logging
import math
import warnings
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

import numpy as np

from core.audio.io import resample, to_mono
from core.processes import spawn_pool

if TYPE_CHECKING:
    import torch

log = logging.getLogger(__name__)

PESQ_RATE = 16000  # P.862.2 wideband is defined at 16 kHz
# PESQ needs a quarter of a second of speech at least; shorter inputs are refused by the
# library with an error that names nothing, so they are caught here.
PESQ_MIN_SECONDS = 0.25


def si_sdr(est: torch.Tensor, ref: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Scale-invariant SDR in dB over the last axis, one value per item of the first axis
    (further axes, e.g. channels, are averaged)."""
    est = est - est.mean(dim=-1, keepdim=True)
    ref = ref - ref.mean(dim=-1, keepdim=True)
    scale = (est * ref).sum(-1, keepdim=True) / (ref.pow(2).sum(-1, keepdim=True) + eps)
    target = scale * ref
    noise = est - target
    ratio = target.pow(2).sum(-1) / (noise.pow(2).sum(-1) + eps)
    return 10 * (ratio + eps).log10().reshape(est.shape[0], -1).mean(-1)


def si_sdr_np(est: np.ndarray, ref: np.ndarray) -> float:
    """SI-SDR in dB of two mono signals (the shorter length of the two), in float64."""
    import torch

    n = min(len(est), len(ref))
    e = torch.from_numpy(np.asarray(est[:n], np.float64)).reshape(1, -1)
    r = torch.from_numpy(np.asarray(ref[:n], np.float64)).reshape(1, -1)
    return float(si_sdr(e, r, eps=1e-12)[0])


def _mono(x: np.ndarray) -> np.ndarray:
    return to_mono(np.asarray(x))[:, 0]


def pesq_wb(est: np.ndarray, ref: np.ndarray, sr: int) -> float:
    """Wideband PESQ (MOS-LQO) of mono `est` against `ref`, both at `sr`; NaN when PESQ
    cannot score the pair (too short, or no speech in the reference)."""
    from pesq import pesq

    n = min(len(est), len(ref))
    if n < PESQ_MIN_SECONDS * sr:
        return math.nan
    r16 = resample(_mono(ref[:n]), sr, PESQ_RATE)
    e16 = resample(_mono(est[:n]), sr, PESQ_RATE)
    try:
        return float(pesq(PESQ_RATE, r16, e16, "wb"))
    except Exception as exc:  # NoUtterancesError on a silent reference, among others
        log.debug("PESQ cannot score this pair: %s", exc)
        return math.nan


def stoi(est: np.ndarray, ref: np.ndarray, sr: int) -> float:
    """STOI (0..1) of mono `est` against `ref`, both at `sr`; NaN when it cannot score."""
    from pystoi import stoi as _stoi

    n = min(len(est), len(ref))
    try:
        with warnings.catch_warnings():  # the "not enough frames" case is answered by NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            value = float(_stoi(_mono(ref[:n]), _mono(est[:n]), sr, extended=False))
    except Exception as exc:  # e.g. shorter than one analysis frame
        log.debug("STOI cannot score this pair: %s", exc)
        return math.nan
    # pystoi returns 1e-5 when fewer than 30 frames (0.4 s) hold speech: no score.
    return value if value > 1e-4 else math.nan


def perceptual_metrics(est: np.ndarray, ref: np.ndarray, sr: int) -> dict[str, float]:
    """{"pesq": wideband PESQ, "stoi": STOI} of mono `est` against `ref` at `sr` (NaN where
    the measure cannot score the pair)."""
    return {"pesq": pesq_wb(est, ref, sr), "stoi": stoi(est, ref, sr)}


class PerceptualScorer:
    """PESQ and STOI of many pairs in spawned worker processes, so the calling thread's
    process keeps its GIL free (see the module docstring). The workers start at the first
    `score` and stay until `close` (or the end of a `with` block)."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PerceptualScorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def score(self, pairs: list[tuple[np.ndarray, np.ndarray]], sr: int) -> list[dict[str, float]]:
        """perceptual_metrics(est, ref, sr) of each (est, ref) pair, in order."""
        if not pairs:
            return []
        try:
            if self._pool is None:
                self._pool = spawn_pool(self.workers, uses_torch=False)
            futures = [self._pool.submit(perceptual_metrics, e, r, sr) for e, r in pairs]
            return [f.result() for f in futures]
        except Exception as exc:  # no worker could start or one died: score here instead
            log.warning("PESQ/STOI worker processes failed (%s); scoring in-process", exc)
            self.close()
            return [perceptual_metrics(e, r, sr) for e, r in pairs]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def reference_metrics(
    original: np.ndarray,
    processed: np.ndarray,
    sr: int,
    reference: np.ndarray,
    ref_sr: int,
) -> dict[str, float]:
    """Metrics of the original and the processed audio against the clean reference.

    Keys: si_sdr_original, si_sdr_processed, si_sdr_improvement, pesq_original,
    pesq_processed, stoi_original, stoi_processed (NaN where a measure cannot score).
    Everything is compared in mono at the reference's rate.
    """
    ref = _mono(reference)
    orig = resample(_mono(original), sr, ref_sr)
    proc = resample(_mono(processed), sr, ref_sr)
    n = min(len(ref), len(orig), len(proc))
    ref, orig, proc = ref[:n], orig[:n], proc[:n]
    out = {"si_sdr_original": si_sdr_np(orig, ref), "si_sdr_processed": si_sdr_np(proc, ref)}
    out["si_sdr_improvement"] = out["si_sdr_processed"] - out["si_sdr_original"]
    # Called from the Listen tab's worker thread: PESQ must not hold the GUI's GIL.
    with PerceptualScorer(workers=2) as scorer:
        scores = scorer.score([(orig, ref), (proc, ref)], ref_sr)
    for name, values in zip(("original", "processed"), scores, strict=True):
        for key, value in values.items():
            out[f"{key}_{name}"] = value
    return out
