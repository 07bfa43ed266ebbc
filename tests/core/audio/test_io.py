"""Core audio I/O: every encoding reads as float32, probes decode nothing, resampling is real."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from core.audio.io import (
    AudioReadError,
    decode_check,
    fit_length,
    match_channels,
    probe,
    read_audio,
    resample,
    to_mono,
    wav_truncation,
    write_audio,
)
from tests.support.audiogen import sine

# Largest round-trip error allowed per encoding: half a quantisation step (plus float eps).
STEP = {
    "PCM_U8": 1 / 128,
    "PCM_16": 1 / 32768,
    "PCM_24": 1 / 2**23,
    "PCM_32": 1 / 2**31 + 1e-7,
    "FLOAT": 1e-7,
    "DOUBLE": 1e-7,
}


@pytest.mark.parametrize("subtype", list(STEP))
@pytest.mark.parametrize("sr", [8000, 44100, 96000])
def test_wav_round_trip_every_depth(tmp_path, subtype, sr):
    x = sine(997, 0.25, sr, amp=0.7, channels=2)
    x[:, 1] *= -0.5
    path = write_audio(tmp_path / "x.wav", x, sr, subtype)
    y, rate = read_audio(path)
    assert rate == sr and y.dtype == np.float32 and y.shape == x.shape
    assert np.max(np.abs(y - x)) <= STEP[subtype]
    info = probe(path)
    assert (info.sample_rate, info.channels, info.frames, info.subtype) == (
        sr,
        2,
        x.shape[0],
        subtype,
    )
    assert info.duration == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("fmt", "suffix", "subtype", "tol"),
    [
        ("FLAC", ".flac", "PCM_16", 1 / 32768),
        ("FLAC", ".flac", "PCM_24", 1 / 2**23),
        ("OGG", ".ogg", "VORBIS", 0.05),
        ("MP3", ".mp3", "MPEG_LAYER_III", None),
    ],
)
def test_compressed_formats_read(tmp_path, fmt, suffix, subtype, tol):
    x = sine(440, 1.0, 16000, amp=0.5, channels=6 if fmt == "FLAC" else 1)
    path = tmp_path / f"x{suffix}"
    sf.write(str(path), x, 16000, format=fmt, subtype=subtype)
    y, rate = read_audio(path)
    assert rate == 16000 and y.dtype == np.float32 and y.shape[1] == x.shape[1]
    if tol is not None:
        assert np.max(np.abs(y - x)) <= tol
    else:  # MP3's encoder delay shifts samples; the level survives
        assert np.sqrt(np.mean(y**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.1)


def test_probe_decodes_nothing(tmp_path):
    # Garbage where the compressed audio should be: the header is intact, so a probe that
    # only reads the header succeeds, while decoding fails.
    noise = np.random.default_rng(1).uniform(-0.5, 0.5, (48000, 1)).astype(np.float32)
    good = write_audio(tmp_path / "x.flac", noise, 16000)
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 3 :] = bytes(len(raw) - len(raw) // 3)
    broken = tmp_path / "broken.flac"
    broken.write_bytes(bytes(raw))
    info = probe(broken)
    assert (info.frames, info.sample_rate, info.format) == (48000, 16000, "FLAC")
    assert info.to_dict()["subtype"] == "PCM_16"
    with pytest.raises(AudioReadError):
        decode_check(broken)


def test_read_range_and_errors(tmp_path):
    x = sine(440, 1.0, 16000)
    path = write_audio(tmp_path / "x.wav", x, 16000, "FLOAT")
    y, _ = read_audio(path, start=100, stop=300)
    np.testing.assert_array_equal(y, x[100:300])
    with pytest.raises(AudioReadError, match="file not found"):
        read_audio(tmp_path / "nope.wav")
    (tmp_path / "t.wav").write_text("hello")
    with pytest.raises(AudioReadError, match=r"t\.wav: not an audio file"):
        probe(tmp_path / "t.wav")
    x[10] = np.nan
    bad = write_audio(tmp_path / "nan.wav", x, 16000, "FLOAT")
    with pytest.raises(AudioReadError, match="1 NaN/inf"):
        read_audio(bad)


def test_resample_is_band_limited(tmp_path):
    sr_in, sr_out = 48000, 16000
    x = sine(1000, 1.0, sr_in) + sine(12000, 1.0, sr_in, amp=0.3)  # 12 kHz > new Nyquist
    y = resample(x, sr_in, sr_out)
    assert y.shape == (sr_out, 1) and y.dtype == np.float32
    spectrum = np.abs(np.fft.rfft(y[:, 0] * np.hanning(len(y))))
    freqs = np.fft.rfftfreq(len(y), 1 / sr_out)
    assert freqs[np.argmax(spectrum)] == pytest.approx(1000, abs=2)
    # Linear interpolation would alias 12 kHz to 4 kHz; soxr removes it.
    alias = spectrum[np.abs(freqs - 4000) < 20].max()
    assert alias < 1e-3 * spectrum.max()
    assert resample(x, sr_in, sr_in) is not None
    assert resample(np.zeros((0, 2), np.float32), 44100, 16000).shape == (0, 2)


def test_channels_helpers():
    st = np.stack([np.ones(4), -np.ones(4) * 0.5], axis=1).astype(np.float32)
    np.testing.assert_allclose(to_mono(st)[:, 0], 0.25)
    assert match_channels(st, 1).shape == (4, 1)
    assert match_channels(to_mono(st), 2).shape == (4, 2)


def test_write_subtypes_and_errors(tmp_path):
    x = sine(440, 0.1, 16000, amp=1.5)  # over full scale: integer formats clip, not wrap
    p = write_audio(tmp_path / "a.flac", x, 16000, "PCM_24")
    assert sf.info(str(p)).subtype == "PCM_24"
    y, _ = read_audio(p)
    assert y.max() <= 1.0 and y.min() >= -1.0 and y.max() > 0.99
    f = write_audio(tmp_path / "f.wav", x, 16000, "FLOAT")
    assert read_audio(f)[0].max() == pytest.approx(1.5)
    with pytest.raises(ValueError, match="only write .wav or .flac"):
        write_audio(tmp_path / "a.mp3", x, 16000)
    with pytest.raises(ValueError, match="FLAC cannot store"):
        write_audio(tmp_path / "a.flac", x, 16000, "FLOAT")
    assert not list(tmp_path.glob(".*.part"))


def test_truncation_and_streaming_decode(tmp_path):
    p = write_audio(tmp_path / "x.wav", sine(440, 2.0, 16000), 16000)
    assert wav_truncation(p) is None
    check = decode_check(p, block_frames=1000)  # many blocks
    assert check.frames == 32000 and check.peak == pytest.approx(0.5, abs=1e-4)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(p.read_bytes()[:20000])
    assert "header declares 64000 bytes" in wav_truncation(cut)
    flac = write_audio(
        tmp_path / "x.flac", np.random.default_rng(0).uniform(-1, 1, (32000, 1)), 16000
    )
    half = tmp_path / "half.flac"
    half.write_bytes(flac.read_bytes()[: flac.stat().st_size // 2])
    with pytest.raises(AudioReadError, match="truncated or corrupt"):
        decode_check(half, block_frames=1000)


def test_fit_length_trims_or_zero_pads_frames_and_keeps_the_channels():
    stereo = np.arange(12, dtype=np.float32).reshape(6, 2) + 1
    assert np.array_equal(fit_length(stereo, 4), stereo[:4])
    padded = fit_length(stereo, 9)
    assert padded.shape == (9, 2) and padded.dtype == np.float32
    assert np.array_equal(padded[:6], stereo) and not padded[6:].any()
    mono = np.ones(5, dtype=np.float32)
    assert np.array_equal(fit_length(mono, 7), [1, 1, 1, 1, 1, 0, 0])
    assert fit_length(mono, 0).shape == (0,)
    assert np.array_equal(fit_length(stereo, 6), stereo)
