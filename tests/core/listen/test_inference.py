"""Streaming inference: chunked overlap-add, resampling round trip, alignment, mixing."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
import torch
from scipy.signal import correlate
from torch import nn

from core.audio.io import AudioReadError
from core.listen.chunked import ChunkedModel, crossfade_window
from core.listen.inference import (
    ProcessCancelled,
    ProcessConfig,
    process_array,
    process_file,
    process_paths,
)
from tests.support.audiogen import noise, sine, write


class Identity(nn.Module):
    def forward(self, x):
        return x.clone()


class Smoother(nn.Module):
    """A zero-delay low-pass: a centred conv, like the real models."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv1d(1, 1, 9, padding=4, bias=False)
        with torch.no_grad():
            taps = torch.hann_window(11, periodic=False)[1:-1]  # symmetric: zero phase
            self.conv.weight[:] = taps / taps.sum()

    def forward(self, x):
        return self.conv(x)


class Delayed(nn.Module):
    """Outputs its input `d` samples late, like a causal model with latency."""

    def __init__(self, d: int) -> None:
        super().__init__()
        self.d = d

    def forward(self, x):
        return torch.nn.functional.pad(x, (self.d, 0))[..., : x.shape[-1]]


def test_crossfade_windows_sum_to_one():
    n, o = 100, 20
    a = crossfade_window(n, o, fade_in=False, fade_out=True)
    b = crossfade_window(n, o, fade_in=True, fade_out=False)
    np.testing.assert_allclose(a[n - o :] + b[:o], 1.0, atol=1e-6)


@pytest.mark.parametrize("total", [5, 99, 100, 181, 1000, 1237])
def test_chunked_identity_is_exact_for_any_length(total):
    x = np.random.default_rng(total).standard_normal((2, total)).astype(np.float32)
    runner = ChunkedModel(Identity(), chunk=100, overlap=20, device=torch.device("cpu"))
    outs = [runner.feed(x[:, i : i + 37]) for i in range(0, total, 37)]
    outs.append(runner.flush())
    y = np.concatenate([o for o in outs if o.size], axis=1)
    assert y.shape == x.shape
    np.testing.assert_allclose(y, x, atol=1e-6)


def test_model_delay_is_compensated():
    x = np.random.default_rng(1).standard_normal((1, 3000)).astype(np.float32)
    runner = ChunkedModel(Delayed(7), chunk=400, overlap=50, device=torch.device("cpu"), delay=7)
    y = np.concatenate([runner.feed(x), runner.flush()], axis=1)
    np.testing.assert_allclose(y, x, atol=1e-6)


def _lag(a: np.ndarray, b: np.ndarray, max_lag: int = 50) -> int:
    c = correlate(a, b, mode="full", method="fft")
    mid = len(b) - 1
    window = c[mid - max_lag : mid + max_lag + 1]
    return int(np.argmax(window)) - max_lag


def test_44k_stereo_odd_length_through_22k_mono_model_comes_back_aligned(tmp_path):
    sr = 44100
    n = 3 * sr + 17  # odd, and not a multiple of anything the chunker uses
    left = sine(440, n / sr, sr, amp=0.4)[:n, 0] + noise(n / sr, sr, 0.05, seed=1)[:n, 0]
    right = sine(1234, n / sr, sr, amp=0.3)[:n, 0] + noise(n / sr, sr, 0.05, seed=2)[:n, 0]
    audio = np.stack([left, right], axis=1)
    src = write(tmp_path / "in.wav", audio, sr, "FLOAT")
    out = tmp_path / "out" / "in.wav"
    cfg = ProcessConfig(chunk_seconds=0.5, overlap_seconds=0.05)  # many chunk seams
    res = process_file(Smoother(), 22050, src, out, cfg)
    info = sf.info(str(out))
    assert (info.samplerate, info.channels, info.frames) == (sr, 2, n)
    assert res.frames == n and res.rtf > 0
    wet, _ = sf.read(str(out), dtype="float32", always_2d=True)
    for c in range(2):
        assert _lag(wet[:, c], audio[:, c]) == 0
        # And no sub-sample shift either: the correlation is symmetric around lag 0.
        xc = correlate(wet[:, c], audio[:, c], mode="full", method="fft")[n - 2 : n + 1]
        assert abs(xc[0] - xc[2]) < 1e-3 * xc[1]
    # The channels stayed apart: the right output follows the right input, not the left.
    assert np.corrcoef(wet[:, 1], right)[0, 1] > 0.9
    assert np.corrcoef(wet[:, 1], left)[0, 1] < 0.2


def test_identity_model_round_trip_and_strength(tmp_path):
    sr = 48000
    x = sine(500, 1.3, sr, amp=0.5, channels=1) + sine(3000, 1.3, sr, amp=0.2)
    src = write(tmp_path / "x.flac", x, sr, "PCM_24")
    out = tmp_path / "y.wav"
    process_file(
        Identity(), 16000, src, out, ProcessConfig(chunk_seconds=0.3, overlap_seconds=0.05)
    )
    y, _ = sf.read(str(out), dtype="float32", always_2d=True)
    assert y.shape == x.shape
    # 48k -> 16k -> 48k keeps everything below 8 kHz: the tones come back aligned.
    inner = slice(2000, -2000)
    assert np.max(np.abs(y[inner] - x[inner])) < 5e-3

    silent = tmp_path / "z.wav"

    class Silence(nn.Module):
        def forward(self, t):
            return torch.zeros_like(t)

    process_file(Silence(), 16000, src, silent, ProcessConfig(strength=0.25, subtype="FLOAT"))
    z, _ = sf.read(str(silent), dtype="float32", always_2d=True)
    src_audio, _ = sf.read(str(src), dtype="float32", always_2d=True)
    np.testing.assert_allclose(z, 0.75 * src_audio, atol=1e-6)

    process_file(Silence(), 16000, src, silent, ProcessConfig(atten_limit_db=20, subtype="FLOAT"))
    z, _ = sf.read(str(silent), dtype="float32", always_2d=True)
    np.testing.assert_allclose(z, 0.1 * src_audio, atol=1e-6)  # at most 20 dB down


def test_never_overwrites_the_original_and_cleans_up_on_cancel(tmp_path):
    src = write(tmp_path / "a.wav", noise(1.0, 16000), 16000)
    before = src.read_bytes()
    with pytest.raises(ValueError, match="overwrite"):
        process_file(Identity(), 16000, src, src)
    out = tmp_path / "b.wav"
    with pytest.raises(ProcessCancelled):
        process_file(Identity(), 16000, src, out, should_cancel=lambda: True)
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    assert src.read_bytes() == before


def test_folder_batch_reports_bad_files(tmp_path):
    folder = tmp_path / "in"
    write(folder / "one.wav", noise(0.5, 16000), 16000)
    write(folder / "sub" / "two.flac", noise(0.5, 22050, seed=3), 22050)
    (folder / "broken.wav").write_bytes(b"RIFF not really")
    report = process_paths(Identity(), 16000, [folder], tmp_path / "out", suffix="_p")
    assert sorted(r.output for r in report.results) == sorted(
        [str(tmp_path / "out" / "one_p.wav"), str(tmp_path / "out" / "sub" / "two_p.flac")]
    )
    assert len(report.failed) == 1 and "broken.wav" in report.failed[0][0]
    with pytest.raises(AudioReadError):
        process_paths(Identity(), 16000, [tmp_path / "missing.wav"], tmp_path / "o")


def test_estimate_delay_finds_a_models_latency():
    from core.listen.model_loading import estimate_delay

    assert estimate_delay(Delayed(37), 16000) == 37
    assert estimate_delay(Smoother(), 16000) == 0
    assert estimate_delay(Identity(), 16000) == 0


def test_a_delayed_model_comes_back_aligned(tmp_path):
    from core.listen.model_loading import estimate_delay

    sr = 16000
    x = noise(2.0, sr, amp=0.2, seed=8)
    src = write(tmp_path / "x.wav", x, sr, "FLOAT")
    model = Delayed(23)
    out = tmp_path / "y.wav"
    process_file(
        model, sr, src, out, ProcessConfig(chunk_seconds=0.6), delay=estimate_delay(model, sr)
    )
    y, _ = sf.read(str(out), dtype="float32", always_2d=True)
    np.testing.assert_allclose(y[:-23], x[:-23], atol=1e-6)  # the model saw zeros past the end


@pytest.mark.parametrize("sr", [22050, 44100])
def test_process_array_gives_the_samples_process_file_writes(tmp_path, sr):
    """The array path is the file path without the file: the same chunks, resampling, top
    band, delay and mix, sample for sample (44.1 kHz stereo through a 22.05 kHz model)."""
    rng = np.random.default_rng(3)
    x = (0.2 * rng.standard_normal((int(1.3 * sr) + 7, 2))).astype(np.float32)
    src = tmp_path / "in.wav"
    sf.write(src, x, sr, subtype="FLOAT")
    cfg = ProcessConfig(chunk_seconds=0.4, overlap_seconds=0.05, strength=0.8, block_frames=4096)
    model = Smoother()
    process_file(model, 22050, src, tmp_path / "out.wav", cfg, delay=0)
    written, _ = sf.read(tmp_path / "out.wav", dtype="float32", always_2d=True)
    out = process_array(model, 22050, x, sr, cfg)
    assert out.shape == x.shape and np.array_equal(out, written)
    mono = process_array(model, 22050, x[:, 0], sr, cfg)
    assert mono.shape == (x.shape[0],)
    assert not np.allclose(mono, x[:, 0], atol=1e-3)  # the model did something
