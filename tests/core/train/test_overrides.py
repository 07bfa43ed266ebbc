"""Dotted-name overrides (`--set KEY=VALUE`): strings parsed to the field's type."""

import pytest

from core.train.config import ConfigError, TrainConfig
from core.train.overrides import apply_overrides


def test_strings_are_parsed_to_the_type_of_the_field_they_replace():
    d = apply_overrides(
        TrainConfig.preset("speech").to_dict(),
        TrainConfig,
        {
            "run.epochs": "7",
            "optim.lr": "2e-4",
            "data.noise.snr_db": "(1, 9)",
            "run.amp": "off",
            "data.skip_silence": "off",
        },
    )
    assert d["run"]["epochs"] == 7
    assert d["optim"]["lr"] == pytest.approx(2e-4)
    assert d["data"]["noise"]["snr_db"] == (1.0, 9.0)
    assert d["run"]["amp"] == "off"
    assert d["data"]["skip_silence"] is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nope.lr": 1}, "--set nope.lr: no section 'nope'"),
        ({"data.noise": 1}, "--set data.noise: unknown field 'noise'"),
        ({"run.epochs": "ten"}, "--set run.epochs=ten: cannot parse as int"),
    ],
)
def test_a_key_that_cannot_apply_names_itself(overrides, message):
    with pytest.raises(ConfigError, match=message):
        apply_overrides(TrainConfig.preset("speech").to_dict(), TrainConfig, overrides)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("data.noise.snr_db", (10.0, 0.0), r"data.noise.snr_db: needs \(low, high\) .*got \(10.0, 0.0\)"),
        ("data.augment.gain_db", (1.0,), r"data.augment.gain_db: needs \(low, high\)"),
        ("classify.augment.noise_snr_db", (20, 3), r"classify.augment.noise_snr_db: needs .*got \(20.0, 3.0\)"),
        ("data.augment.pitch_prob", 1.5, r"data.augment.pitch_prob: probability 1.5 not in \[0, 1\]"),
        ("data.corrupt.rir_prob", -0.1, r"data.corrupt.rir_prob: probability -0.1"),
        ("classify.augment.gain_prob", 2.0, r"classify.augment.gain_prob: probability 2.0"),
        ("classify.mixup", 1.2, r"classify.mixup: probability 1.2 not in \[0, 1\]"),
    ],
)  # fmt: skip
def test_ranges_and_probabilities_are_checked_alike_in_every_section(key, value, message):
    with pytest.raises(ConfigError, match=message):
        TrainConfig.preset("speech").with_overrides({key: value})


def test_a_good_range_is_kept_as_floats():
    cfg = TrainConfig.preset("speech").with_overrides({"classify.augment.gain_db": (-3, 3)})
    assert cfg.classify.augment.gain_db == (-3.0, 3.0)
