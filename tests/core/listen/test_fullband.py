"""Full band out and the bandwidth warning (issue 13): a file above the model's rate keeps
its band above the model's Nyquist frequency, treated as the model treated the top of its
own band; a file far outside the band the model was trained on gets a warning."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal
import soundfile as sf
import torch
from torch import nn

from cli.main import run_cli
from core.audio.bandwidth import band_limit
from core.listen.chunked import top_band_gain
from core.listen.inference import ProcessConfig, process_file
from tests.core.listen.test_inference_export import passthrough_run

FILE_SR, MODEL_SR = 48000, 16000


class Gain(nn.Module):
    def __init__(self, gain: float) -> None:
        super().__init__()
        self.gain = gain

    def forward(self, x):
        return x * self.gain


class LowPass(nn.Module):
    """Keeps the model's band below 3 kHz: its top band is turned right down."""

    def forward(self, x):
        y = band_limit(x.reshape(-1).numpy(), MODEL_SR, 3000.0, "lowpass")
        return torch.from_numpy(y).reshape(x.shape)


def _band_db(x: np.ndarray, lo: float, hi: float, sr: int = FILE_SR) -> float:
    f, p = scipy.signal.welch(x, sr, window="blackmanharris", nperseg=4096)
    return float(10 * np.log10(np.mean(p[(f >= lo) & (f <= hi)]) + 1e-30))


def _process(tmp_path, model, audio, **config) -> np.ndarray:
    src, out = tmp_path / "in.wav", tmp_path / "out.wav"
    sf.write(str(src), audio, FILE_SR, subtype="FLOAT")
    process_file(model, MODEL_SR, src, out, ProcessConfig(subtype="FLOAT", **config))
    return sf.read(str(out), dtype="float32")[0]


@pytest.fixture
def white():
    return (0.1 * np.random.default_rng(0).standard_normal(3 * FILE_SR)).astype(np.float32)


def test_band_above_the_models_nyquist_is_kept(tmp_path, white):
    out = _process(tmp_path, Gain(1.0), white)
    assert out.shape == white.shape
    err = 10 * np.log10(np.mean((out - white) ** 2) / np.mean(white**2))
    assert err < -30, f"a pass-through model changed the file by {err:.1f} dB"
    for lo, hi in ((9000, 15000), (15000, 23000)):
        assert abs(_band_db(out, lo, hi) - _band_db(white, lo, hi)) < 0.5


def test_cut_top_band_drops_it_as_before(tmp_path, white):
    out = _process(tmp_path, Gain(1.0), white, keep_top_band=False)
    assert _band_db(out, 9000, 23000) - _band_db(white, 9000, 23000) < -60


@pytest.mark.parametrize("gain", [0.5, 0.1])
def test_top_band_follows_the_models_gain(tmp_path, white, gain):
    out = _process(tmp_path, Gain(gain), white)
    expect = 20 * np.log10(gain)
    for lo, hi in ((1000, 7000), (9000, 23000)):
        assert _band_db(out, lo, hi) - _band_db(white, lo, hi) == pytest.approx(expect, abs=0.6)


def test_a_model_that_mutes_its_top_band_mutes_the_band_above(tmp_path, white):
    out = _process(tmp_path, LowPass(), white)
    assert _band_db(out, 9000, 23000) - _band_db(white, 9000, 23000) < -30
    assert _band_db(out, 500, 2500) - _band_db(white, 500, 2500) == pytest.approx(0, abs=0.5)


def test_top_band_gain_is_the_amplitude_ratio_of_the_top_eighth():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 8000)).astype(np.float32)
    g = top_band_gain(x, np.stack([0.3 * x[0], x[1]]))
    assert g.shape == x.shape
    assert np.allclose(g[0], 0.3, atol=1e-3) and np.allclose(g[1], 1.0, atol=1e-3)
    # An input with nothing in its top band says nothing about it: the gain over the whole
    # band stands in; digital silence passes.
    narrow = band_limit(x[0], MODEL_SR, 3000.0, "lowpass")[None]
    assert np.allclose(top_band_gain(narrow, 0.5 * narrow)[:, 300:-300], 0.5, atol=0.02)
    assert np.allclose(top_band_gain(0 * narrow, 0 * narrow), 1.0)


def _narrow_file(tmp_path, cutoff: float):
    rng = np.random.default_rng(2)
    x = band_limit((0.1 * rng.standard_normal(2 * MODEL_SR)).astype(np.float32), MODEL_SR, cutoff)
    path = tmp_path / f"narrow_{int(cutoff)}.wav"
    sf.write(str(path), x, MODEL_SR, subtype="FLOAT")
    return path


def test_bandwidth_warning_when_the_file_is_far_narrower_than_training(tmp_path):
    narrow = _narrow_file(tmp_path, 2000.0)
    r = process_file(Gain(1.0), MODEL_SR, narrow, tmp_path / "a.wav", trained_band_hz=(4000, 8000))
    assert r.content_bandwidth_hz == pytest.approx(2000, rel=0.1)
    assert len(r.warnings) == 1 and "narrow_2000.wav" in r.warnings[0] and "kHz" in r.warnings[0]
    ok = _narrow_file(tmp_path, 5000.0)
    r = process_file(Gain(1.0), MODEL_SR, ok, tmp_path / "b.wav", trained_band_hz=(4000, 8000))
    assert r.warnings == ()
    # A model trained on full-band audio only warns about the same 5 kHz file.
    r = process_file(Gain(1.0), MODEL_SR, ok, tmp_path / "c.wav", trained_band_hz=(7200, 8000))
    assert len(r.warnings) == 1


@pytest.mark.parametrize("name,codec", [("take.m4a", "aac"), ("take.webm", "libopus")])
def test_bandwidth_warning_for_files_only_ffmpeg_reads(tmp_path, name, codec):
    """An m4a or webm (AAC, Opus: what phones and browsers record) is probed through the
    any-format decoder like any WAV: a 48 kHz file holding telephone-band content (cut at
    3 kHz) gets the warning from a model trained down to 5 kHz; the same noise full band
    does not."""
    from tests.support.mediagen import can_encode, encode

    if not can_encode(codec):
        pytest.skip(f"this FFmpeg cannot encode {codec}")
    rng = np.random.default_rng(3)
    noise = (0.1 * rng.standard_normal(3 * FILE_SR)).astype(np.float32)
    narrow = encode(tmp_path / name, band_limit(noise, FILE_SR, 3000.0)[:, None], FILE_SR, codec)
    trained = (5000.0, 8000.0)
    r = process_file(Gain(1.0), MODEL_SR, narrow, tmp_path / "a.wav", trained_band_hz=trained)
    assert r.content_bandwidth_hz == pytest.approx(3000, rel=0.1)
    assert len(r.warnings) == 1 and name in r.warnings[0] and "5.0 kHz" in r.warnings[0]
    full = encode(tmp_path / f"full_{name}", noise[:, None], FILE_SR, codec)
    r = process_file(Gain(1.0), MODEL_SR, full, tmp_path / "b.wav", trained_band_hz=trained)
    assert r.content_bandwidth_hz > 8000 and r.warnings == ()


def test_process_command_prints_the_bandwidth_warning(tmp_path, capsys):
    run = passthrough_run(tmp_path, MODEL_SR)  # its config trained without band-limiting?
    from core.train.config import TrainConfig

    cfg = TrainConfig.from_dict(torch.load(run / "checkpoints" / "best.pt")["config"])
    assert cfg.data.corrupt.band_limit_prob > 0  # the speech preset: trained down to 4 kHz
    narrow = _narrow_file(tmp_path, 2000.0)
    code = run_cli(["process", str(run), str(narrow), "--out", str(tmp_path / "out")])
    assert code == 0
    err = capsys.readouterr().err
    assert "warning: narrow_2000.wav" in err and "4.0 kHz" in err


def test_process_uses_the_attenuation_limit_validation_chose(tmp_path, capsys):
    """A run whose history recommends 6 dB: a model that mutes everything leaves the input
    6 dB down instead of silent, unless --atten-limit 0 asks for no limit."""
    from core.train.checkpoint import atomic_save, checkpoint_dir

    run = passthrough_run(tmp_path, MODEL_SR)
    ckpt = torch.load(checkpoint_dir(run) / "best.pt", weights_only=True)
    with torch.no_grad():
        ckpt["model"]["band_head.bias"].fill_(-30.0)  # the weights are zero: the mask is 0
    ckpt["history"] = [{"epoch": 0, "val_loss": 0.0, "atten_limit_db": 6.0}]
    atomic_save(ckpt, checkpoint_dir(run) / "best.pt")
    src = tmp_path / "in.wav"
    x = (0.1 * np.random.default_rng(4).standard_normal(MODEL_SR)).astype(np.float32)
    sf.write(str(src), x, MODEL_SR, subtype="FLOAT")
    assert run_cli(["process", str(run), str(src), "--out", str(tmp_path / "lim")]) == 0
    assert "attenuation limit 6 dB" in capsys.readouterr().err
    out = sf.read(str(tmp_path / "lim" / "in.wav"), dtype="float32")[0]
    assert 20 * np.log10(np.std(out) / np.std(x)) == pytest.approx(-6.0, abs=0.3)
    none = tmp_path / "none"
    assert run_cli(["process", str(run), str(src), "--out", str(none), "--atten-limit", "0"]) == 0
    assert np.std(sf.read(str(none / "in.wav"), dtype="float32")[0]) < 0.01 * np.std(x)
