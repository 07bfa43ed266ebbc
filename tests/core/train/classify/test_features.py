"""The classify task's features: windows along a clip (none lost, short clips padded), the
log-mel's shape and its response to where the energy is, and configs that cannot work."""

from __future__ import annotations

import numpy as np
import pytest

from core.train.classify.config import ClassifyConfig, FeatureConfig
from core.train.classify.features import (
    FeatureSplit,
    cut_windows,
    feature_audio,
    log_mel,
    window_starts,
)
from core.train.config import ConfigError, TrainConfig


def test_windows_cover_the_whole_signal_and_a_short_clip_gives_one():
    cfg = FeatureConfig(sample_rate=16000, window_s=1.0, window_hop_s=0.5)
    assert window_starts(4000, cfg).tolist() == [0]  # 0.25 s: one padded window
    assert window_starts(16000, cfg).tolist() == [0]
    assert window_starts(32000, cfg).tolist() == [0, 8000, 16000]
    starts = window_starts(33000, cfg)  # the last 1000 samples need one more window
    assert starts.tolist() == [0, 8000, 16000, 24000]
    assert starts[-1] + cfg.window_samples >= 33000
    signal = np.arange(33000, dtype=np.float32)
    got_starts, windows = cut_windows(signal, cfg)
    assert windows.shape == (4, 16000)
    assert windows[1, 0] == 8000 and windows[-1, 8999] == 32999 and windows[-1, 9000] == 0


def test_log_mel_shape_and_where_a_tone_lands():
    cfg = FeatureConfig()
    t = np.arange(cfg.window_samples) / cfg.sample_rate
    low = log_mel(0.5 * np.sin(2 * np.pi * 300 * t), cfg)
    high = log_mel(0.5 * np.sin(2 * np.pi * 5000 * t), cfg)
    assert low.shape == (cfg.n_mels, cfg.frames) and low.dtype == np.float32
    assert int(low.mean(axis=1).argmax()) < int(high.mean(axis=1).argmax())
    silence = log_mel(np.zeros(cfg.window_samples), cfg)
    assert np.isfinite(silence).all() and silence.max() < low.max() - 10


def test_feature_audio_is_mono_at_the_feature_rate():
    cfg = FeatureConfig(sample_rate=16000)
    stereo = np.zeros((44100, 2), dtype=np.float32)
    stereo[:, 0] = 0.5
    out = feature_audio(stereo, 44100, cfg)
    assert out.ndim == 1 and abs(len(out) - 16000) <= 1
    assert abs(float(np.median(out)) - 0.25) < 1e-3  # the channels were averaged


def test_bad_settings_name_their_field():
    with pytest.raises(ConfigError, match="classify.features.hop_length"):
        FeatureConfig(hop_length=500, win_length=400)
    with pytest.raises(ConfigError, match="classify.balance"):
        ClassifyConfig(balance="uniform")
    with pytest.raises(ConfigError, match="classify.features.f_max"):
        TrainConfig().with_overrides({"classify.features.f_max": "9000"})  # above 8 kHz


def test_a_split_with_rows_that_disagree_is_refused():
    ok = dict(
        features=np.zeros((2, 8, 5), np.float32),
        labels=np.zeros(2, np.int64),
        clip_ids=np.zeros(2, np.int64),
        starts_s=np.zeros(2, np.float32),
        variants=np.zeros(2, np.int16),
        classes=("a",),
    )
    assert len(FeatureSplit(**ok)) == 2
    with pytest.raises(ValueError, match="clip_ids"):
        FeatureSplit(**{**ok, "clip_ids": np.zeros(3, np.int64)})


def test_variant_settings_are_checked_and_survive_a_round_trip():
    cfg = TrainConfig().with_overrides({"classify.augment.pitch_prob": "0.25"})
    assert cfg.classify.augment.pitch_prob == 0.25
    assert TrainConfig.from_dict(cfg.to_dict()).classify.augment == cfg.classify.augment
    with pytest.raises(ConfigError, match="classify.augment.noise_prob"):
        TrainConfig().with_overrides({"classify.augment.noise_prob": "2"})
