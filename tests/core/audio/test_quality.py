"""SI-SDR, PESQ and STOI against a clean reference, on signals whose answer is known."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
import torch

from core.audio.io import resample
from core.audio.quality import pesq_wb, reference_metrics, si_sdr, si_sdr_np, stoi
from tests.support.audiogen import at_snr, have_espeak, speech_in_white_noise

needs_espeak = pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed")


@pytest.fixture(scope="module")
def talk(tmp_path_factory):
    """Three seconds of spoken English at 16 kHz, and white noise of the same length."""
    folder = tmp_path_factory.mktemp("talk")
    clean, noise = speech_in_white_noise(
        folder, "Seven silver spoons lay on the wooden table by the window.", seed=3
    )
    return clean, noise, 16000


def test_si_sdr_known_values():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal(48000)
    noise = rng.standard_normal(48000)
    noise -= ref * np.dot(noise, ref) / np.dot(ref, ref)  # orthogonal, so the answer is exact
    noise *= np.linalg.norm(ref) / np.linalg.norm(noise) / 10  # 20 dB below
    assert si_sdr_np(ref + noise, ref) == pytest.approx(20.0, abs=1e-3)
    assert si_sdr_np(3.0 * (ref + noise), ref) == pytest.approx(20.0, abs=1e-3)  # scale-invariant
    # The batched torch form (the loss, validation) is the same measure, one value per item.
    batch = torch.from_numpy(np.stack([ref + noise, ref + 3 * noise])).float()[:, None]
    refs = torch.from_numpy(np.stack([ref, ref])).float()[:, None]
    values = si_sdr(batch, refs)
    assert values.shape == (2,)
    assert float(values[0]) == pytest.approx(20.0, abs=1e-2)
    assert float(values[1]) == pytest.approx(20.0 - 20 * math.log10(3), abs=1e-2)


@needs_espeak
def test_pesq_and_stoi_fall_as_the_noise_rises(talk):
    clean, noise, sr = talk
    pesq = [pesq_wb(at_snr(clean, noise, snr), clean, sr) for snr in (30, 20, 10)]
    intel = [stoi(at_snr(clean, noise, snr), clean, sr) for snr in (30, 20, 10)]
    assert pesq_wb(clean, clean, sr) > 4.4  # identical signals: near the top of the scale
    assert pesq[0] > pesq[1] > pesq[2] >= 1.0, pesq
    assert pesq[2] < 1.3  # PESQ is harsh on white noise: 10 dB scores near the bottom
    assert stoi(clean, clean, sr) == pytest.approx(1.0, abs=1e-3)
    assert intel[0] > intel[1] > intel[2] > 0.5, intel


@needs_espeak
def test_pesq_resamples_other_rates_to_16k(talk):
    clean, noise, sr = talk
    noisy = at_snr(clean, noise, 10)
    at_16k = pesq_wb(noisy, clean, sr)
    up = 22050
    at_22k = pesq_wb(resample(noisy, sr, up), resample(clean, sr, up), up)
    assert at_22k == pytest.approx(at_16k, abs=0.1)
    # The noise in the upper band a 22 kHz file adds above 8 kHz is out of PESQ's band.
    assert stoi(resample(noisy, sr, up), resample(clean, sr, up), up) == pytest.approx(
        stoi(noisy, clean, sr), abs=0.02
    )


def test_unscorable_pairs_give_nan_not_an_error():
    sr = 16000
    silent = np.zeros(3 * sr, np.float32)
    hiss = np.random.default_rng(0).standard_normal(3 * sr).astype(np.float32) * 0.01
    assert math.isnan(pesq_wb(hiss, silent, sr))  # no speech in the reference
    assert math.isnan(pesq_wb(hiss[:1000], hiss[:1000], sr))  # too short to score
    assert math.isnan(stoi(hiss, silent, sr))


@needs_espeak
def test_reference_metrics_show_the_improvement(talk):
    clean, noise, sr = talk
    noisy = at_snr(clean, noise, 5)[:, None]
    better = at_snr(clean, noise, 30)[:, None]
    # A stereo original and output at 22,050 Hz against the 16 kHz mono reference.
    up = 22050
    m = reference_metrics(
        np.repeat(resample(noisy, sr, up), 2, 1),
        np.repeat(resample(better, sr, up), 2, 1),
        up,
        clean[:, None],
        sr,
    )
    assert m["si_sdr_processed"] > m["si_sdr_original"] + 20
    assert m["si_sdr_improvement"] == pytest.approx(m["si_sdr_processed"] - m["si_sdr_original"])
    assert m["pesq_processed"] > m["pesq_original"] + 0.5
    assert m["stoi_processed"] > m["stoi_original"] + 0.05


@needs_espeak
def test_scorer_in_worker_processes_gives_the_in_process_scores(talk):
    from core.audio.quality import PerceptualScorer, perceptual_metrics

    clean, noise, sr = talk
    pairs = [(at_snr(clean, noise, snr), clean) for snr in (20, 5)] + [(clean[:100], clean[:100])]
    with PerceptualScorer(workers=2) as scorer:
        remote = scorer.score(pairs, sr)
        again = scorer.score(pairs[:1], sr)  # the workers stay for the next call
    local = [perceptual_metrics(e, r, sr) for e, r in pairs]
    assert remote[:2] == local[:2] and again == local[:1]
    assert all(math.isnan(v) for v in remote[2].values())  # too short: NaN, no error


def test_the_metrics_module_starts_without_torch():
    """PerceptualScorer's spawned workers import this module: torch would cost them seconds
    and hundreds of MB each."""
    import subprocess

    code = "import sys, core.audio.quality; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
