"""Config dataclasses, presets and the two model families."""

from __future__ import annotations

import json

import pytest
import torch

from core.audio.quality import si_sdr
from core.train.band_model import BandGRUNet
from core.train.config import ConfigError, ModelConfig, TrainConfig
from core.train.losses import compute_loss
from core.train.models import SpectralMaskNet, WaveUNet, build_model, count_parameters
from core.train.resume import check_resume_compatible


def test_presets_match_the_users_setups():
    speech = TrainConfig.preset("speech")
    assert speech.data.sample_rate == 22050 and speech.data.segment_samples % 16 == 0
    assert speech.model.kind == "band_gru" and speech.optim.loss == "si_sdr_mrstft"
    assert speech.data.corrupt.band_limit_prob > 0 and speech.data.corrupt.rir_prob > 0
    assert TrainConfig.preset("speech", sample_rate=16000).data.sample_rate == 16000
    small = TrainConfig.preset("speech_small")
    assert small.model.kind == "spectral_mask" and small.data.corrupt.band_limit_prob == 0
    music = TrainConfig.preset("music")
    assert music.data.sample_rate == 44100 and music.data.segment_samples == 88192
    assert music.model.kind == "unet" and 88192 % 2**music.model.depth == 0
    paired = TrainConfig.preset("speech", task="paired")
    assert paired.data.task == "paired"
    assert paired.data.segment_samples == pytest.approx(4 * 22050, rel=0.01)
    assert paired.data.augment.pitch_prob > 0 and paired.data.augment.stretch_prob > 0
    assert paired.run.epochs == 300


def test_config_json_roundtrip_and_overrides(tmp_path):
    cfg = TrainConfig.preset("speech").with_overrides(
        {
            "optim.lr": "1e-4",
            "run.epochs": "40",
            "data.noise.levels": "0.005,0.01,0.02,0.05,0.1",
            "data.noise.mode": "levels",
            "run.compile": "true",
        }
    )
    assert cfg.optim.lr == 1e-4 and cfg.run.epochs == 40 and cfg.run.compile is True
    assert cfg.data.noise.levels == (0.005, 0.01, 0.02, 0.05, 0.1)
    path = cfg.save(tmp_path / "config.json")
    assert json.loads(path.read_text())["optim"]["lr"] == 1e-4
    assert TrainConfig.load(path) == cfg


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"optim.lr": -1}, "optim.lr"),
        ({"data.task": "dance"}, "data.task"),
        ({"data.noise.kinds": ("white", "thunder")}, "thunder"),
        ({"optim.nope": 1}, "unknown field 'nope'"),
        ({"run.epochs": "many"}, "cannot parse"),
        ({"data.augment.pitch_prob": 2}, "pitch_prob"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(overrides, message):
    with pytest.raises(ConfigError, match=message):
        TrainConfig.preset("speech").with_overrides(overrides)


def test_unet_segment_divisibility_is_explained():
    with pytest.raises(ConfigError, match=r"divisible by 16.*try 44000"):
        TrainConfig.preset("speech").with_overrides(
            {"model.kind": "unet", "model.depth": 4, "data.segment_samples": 44001}
        )


def test_resume_compatibility_rules():
    old = TrainConfig.preset("speech")
    assert (
        check_resume_compatible(old, old.with_overrides({"run.epochs": 80, "run.workers": 0})) == []
    )
    warn = check_resume_compatible(old, old.with_overrides({"run.batch_size": 8}))
    assert len(warn) == 1 and "batch size" in warn[0]
    with pytest.raises(ConfigError, match="model.layers"):
        check_resume_compatible(old, old.with_overrides({"model.layers": 8}))
    with pytest.raises(ConfigError, match="data.sample_rate"):
        check_resume_compatible(old, old.with_overrides({"data.sample_rate": 44100}))


@pytest.mark.parametrize("length", [4000, 4001, 777])
def test_models_keep_length_and_have_zero_delay(length):
    x = torch.zeros(2, 1, length)
    x[0, 0, length // 3] = 1.0
    x[1] = torch.randn(1, length) * 0.1
    unet = WaveUNet(depth=4, channels=4, max_channels=16, kernel=5)
    torch.nn.init.zeros_(unet.head.weight)
    torch.nn.init.zeros_(unet.head.bias)
    # With a zero head the residual U-Net is the identity: output sample n is input sample n.
    assert torch.equal(unet(x), x)
    spec = SpectralMaskNet(n_fft=128, hop=32, hidden=8, layers=2)
    torch.nn.init.zeros_(spec.out.weight)
    torch.nn.init.constant_(spec.out.bias, 30.0)  # mask == 1
    y = spec(x)
    assert y.shape == x.shape
    assert torch.allclose(y, x, atol=1e-5)  # STFT → iSTFT reconstructs with no shift
    assert int(y[0, 0].abs().argmax()) == length // 3


def test_build_model_and_parameter_counts():
    small = build_model(TrainConfig.preset("speech_small").model, 22050)
    speech = build_model(TrainConfig.preset("speech").model, 16000)
    music = build_model(TrainConfig.preset("music").model, 44100)
    assert isinstance(small, SpectralMaskNet) and isinstance(music, WaveUNet)
    assert isinstance(speech, BandGRUNet)
    assert 50_000 < count_parameters(small) < count_parameters(music)
    assert 50_000 < count_parameters(speech) < 1_000_000
    gru = build_model(ModelConfig(kind="band_gru", core="gru", layers=2), 16000)
    assert gru(torch.randn(1, 1, 4000)).shape == (1, 1, 4000)
    dilated = build_model(ModelConfig(kind="band_gru", core="dilated", layers=6), 16000)
    assert dilated(torch.randn(1, 1, 4000)).shape == (1, 1, 4000)
    x = torch.randn(1, 1, 2048)
    assert music(x).shape == x.shape
    with pytest.raises(ConfigError):
        ModelConfig(kind="transformer")


def test_losses_and_si_sdr():
    ref = torch.randn(3, 1, 4000)
    noisy = ref + 0.1 * torch.randn_like(ref)
    for name in ("mse", "l1_stft", "si_sdr", "si_sdr_mrstft"):
        assert compute_loss(name, ref, ref) < compute_loss(name, noisy, ref)
    # SI-SDR is blind to scale and equals 20 dB for noise at a tenth of the amplitude
    assert torch.allclose(si_sdr(3 * noisy, ref), si_sdr(noisy, ref), atol=1e-3)
    expected = 10 * torch.log10(ref.pow(2).sum((1, 2)) / (noisy - ref).pow(2).sum((1, 2)))
    assert torch.allclose(si_sdr(noisy, ref), expected, atol=0.05)
