"""The benchmark's peer denoisers: lengths and rates kept, delay found and removed, noise
actually reduced on a simple case (speech in white noise)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from core.audio.io import resample
from core.audio.quality import si_sdr_np
from core.dataset.pairing import find_offset
from tests.support.audiogen import at_snr, have_espeak, speech_in_white_noise

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
peers = pytest.importorskip("peers")

needs_espeak = pytest.mark.skipif(not have_espeak(), reason="espeak-ng is not installed")


@pytest.fixture(scope="module")
def loaded():
    return {p.name: p for p in peers.all_peers()}


@pytest.fixture(scope="module")
def noisy_speech(tmp_path_factory):
    """(clean, noisy at 5 dB SNR of white noise) at 16 kHz, an odd number of samples."""
    clean, noise = speech_in_white_noise(
        tmp_path_factory.mktemp("peers"),
        "Please record every take in a quiet room, then listen closely.",
        seed=7,
    )
    n = len(clean) // 2 * 2 - 1
    return clean[:n], at_snr(clean[:n], noise[:n], 5.0)


def test_align_to_removes_a_known_delay_either_way():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(8000).astype(np.float32)
    late = np.concatenate([np.zeros(123, np.float32), x])  # 123 samples late, longer
    aligned, lag = peers.align_to(late, x, 8000, 0.1)
    assert lag == 123 and len(aligned) == len(x)
    np.testing.assert_array_equal(aligned, x)
    early = x[40:]  # 40 samples early, shorter
    aligned, lag = peers.align_to(early, x, 8000, 0.1)
    assert lag == -40 and len(aligned) == len(x)
    np.testing.assert_array_equal(aligned[40:], x[40:])
    assert not aligned[:40].any()


@needs_espeak
@pytest.mark.parametrize("name", ["DeepFilterNet3", "RNNoise", "noisereduce"])
def test_peer_keeps_length_and_rate_and_reduces_noise(loaded, noisy_speech, name):
    clean, noisy = noisy_speech
    peer = loaded[name]
    out = peer(noisy, 16000)
    assert out.shape == noisy.shape and out.dtype == np.float32 and np.isfinite(out).all()
    gain = si_sdr_np(out, clean) - si_sdr_np(noisy, clean)
    assert gain > 2.0, f"{name}: SI-SDR improvement {gain:+.1f} dB on speech in white noise"
    # At 44.1 kHz as well (the C runtimes work at 48 kHz: two resamplings).
    clean44, noisy44 = resample(clean, 16000, 44100), resample(noisy, 16000, 44100)
    out44 = peer(noisy44, 44100)
    assert out44.shape == noisy44.shape
    # noisereduce's fixed 1024-point STFT resolves less at 44.1 kHz: it gains less there.
    floor = 0.5 if name == "noisereduce" else 2.0
    assert si_sdr_np(out44, clean44) - si_sdr_np(noisy44, clean44) > floor


@needs_espeak
@pytest.mark.parametrize("name", ["DeepFilterNet3", "RNNoise"])
def test_runtime_delay_is_found_and_removed(loaded, noisy_speech, name):
    clean, noisy = noisy_speech
    peer = loaded[name]
    out = peer(noisy, 16000)
    # The runtimes are 10 ms (RNNoise) to a few tens of ms (DFN3) late; the wrapper found
    # that delay and the output now lines up with the clean speech to the sample.
    assert 5.0 <= peer.delay_ms <= 60.0, peer.delay_ms
    lag, confidence = find_offset(clean, out, 16000, 0.1)
    assert abs(lag) <= 1 and confidence > 0.5
