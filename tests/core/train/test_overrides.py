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
