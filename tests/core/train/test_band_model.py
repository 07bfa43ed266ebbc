"""The speech default model (BandGRUNet), its loss, and the preset's sample-rate choice."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.audio.bandwidth import band_limit
from core.dataset.importer import import_paths
from core.dataset.project import Project
from core.train.band_model import BandGRUNet, erb_band_edges
from core.train.config import ModelConfig, TrainConfig
from core.train.losses import compute_loss
from core.train.models import build_model
from core.train.rate_choice import choose_rate, preset_rate
from tests.support.audiogen import noise, write

SR = 16000


def _voice(seconds: float = 2.0) -> torch.Tensor:
    t = np.arange(int(seconds * SR)) / SR
    x = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 40) if 140 * k < SR / 2)
    x = x * (0.6 + 0.4 * np.sin(2 * np.pi * 2.5 * t))
    x += 0.05 * np.random.default_rng(0).standard_normal(t.shape[0])
    return torch.from_numpy((0.1 * x).astype(np.float32)).reshape(1, 1, -1)


def test_erb_bands_cover_every_bin_once_and_widen_upwards():
    edges = erb_band_edges(512, SR, 32)
    assert edges[0] == 0 and edges[-1] == 257
    widths = np.diff(edges)
    assert widths.min() >= 2 and widths[-1] > widths[0]
    assert len(edges) - 1 <= 32


def test_model_keeps_length_has_no_delay_and_starts_near_pass_through():
    model = build_model(ModelConfig(kind="band_gru"), SR).eval()
    x = _voice(1.3)
    with torch.no_grad():
        y = model(x)
    assert y.shape == x.shape
    # Untrained: the band gain starts at sigmoid(2) = 0.88 everywhere; no shift in time.
    corr = np.correlate(y.numpy().ravel(), x.numpy().ravel(), "full")
    assert int(np.argmax(corr)) - (x.shape[-1] - 1) == 0
    ratio = float((y.norm() / x.norm()).item())
    assert 0.8 < ratio < 0.95


def test_features_below_a_cut_off_do_not_move_when_the_top_band_is_empty():
    """The failure of issue 13: empty bins above 8 kHz shifted every feature."""
    model = BandGRUNet(SR)
    x = _voice()
    limited = torch.from_numpy(band_limit(x.numpy().ravel(), SR, 5512.5)).reshape(1, 1, -1)
    feats = []
    for audio in (x, limited):
        spec = torch.stft(audio.reshape(1, -1), 512, 256, window=model.window, return_complex=True)
        captured = {}

        def keep(module, inputs, output, captured=captured):
            captured["f"] = inputs[0]

        handle = model.inp.register_forward_hook(keep)
        model.mask(spec)
        handle.remove()
        feats.append(captured["f"][0])
    below = int(np.searchsorted(erb_band_edges(512, SR, 32), 4500 / (SR / 512))) - 1
    diff = (feats[0][:, :below] - feats[1][:, :below]).abs().mean()
    assert float(diff) < 0.05, f"band features below 4.5 kHz moved by {float(diff):.3f}"
    # Above the cut-off the limited input reads the fixed floor, not -inf or noise.
    floor = feats[1][:, model.n_bands - 2].mean()
    assert float(floor) == pytest.approx(np.log(1e-4), abs=0.5)


def test_si_sdr_mrstft_loss_prefers_the_reference():
    ref = _voice(1.0)
    noisy = ref + 0.05 * torch.randn_like(ref)
    assert compute_loss("si_sdr_mrstft", ref, ref) < compute_loss("si_sdr_mrstft", noisy, ref)
    assert torch.isfinite(compute_loss("si_sdr_mrstft", torch.zeros_like(ref), ref))


@pytest.mark.parametrize(
    "preset, found, expect",
    [
        ("speech", 16000, 16000),
        ("speech", 8000, 16000),
        ("speech", 22050, 22050),
        ("speech", 44100, 22050),
        ("speech", 48000, 24000),
        ("speech", None, 22050),
        ("music", 48000, 48000),
        ("music", 96000, 48000),
        ("music", 16000, 44100),
    ],
)
def test_preset_rate_follows_the_audio_within_the_presets_range(preset, found, expect):
    assert preset_rate(preset, found) == expect


def test_choose_rate_takes_the_rate_of_most_audio_and_says_so(tmp_path):
    project = Project.create(tmp_path / "p")
    write(tmp_path / "a" / "long16k.wav", noise(3.0, 16000), 16000)
    write(tmp_path / "a" / "short48k.wav", noise(1.0, 48000), 48000)
    import_paths(project, [tmp_path / "a"], role="clean")
    rate, why = choose_rate(project, "speech", "denoise")
    assert rate == 16000 and "16000 Hz" in why and "data.sample_rate" in why
    cfg = TrainConfig.preset("speech", sample_rate=rate)
    assert cfg.data.sample_rate == 16000 and cfg.model.kind == "band_gru"
    assert TrainConfig.preset("speech_small").model.kind == "spectral_mask"  # still selectable


def test_attenuation_limit_choice_keeps_every_input_sdr_group_from_harm():
    import torch as t

    from core.train.atten_limit import choose_atten_limit, limited

    inp_sdr = t.tensor([0.0, 0.0, 30.0, 30.0])
    # No limit: big gains on noisy inputs, a loss on clean ones; a limit trims both.
    imps = {None: t.tensor([9.0, 9.0, -2.0, -2.0]), 12.0: t.tensor([7.0, 7.0, 0.5, 0.5])}
    assert choose_atten_limit(imps, inp_sdr) == 12.0
    imps = {None: t.tensor([9.0, 9.0, 0.5, 0.5]), 12.0: t.tensor([7.0, 7.0, 0.5, 0.5])}
    assert choose_atten_limit(imps, inp_sdr) is None
    # Nothing is safe: the limit whose worst group is least bad.
    imps = {None: t.tensor([9.0, 9.0, -3.0, -3.0]), 6.0: t.tensor([4.0, 4.0, -0.5, -0.5])}
    assert choose_atten_limit(imps, inp_sdr) == 6.0
    est, inp = t.zeros(1, 1, 4), t.ones(1, 1, 4)
    assert t.allclose(limited(est, inp, 20.0), t.full((1, 1, 4), 0.1))
    assert limited(est, inp, None) is est
