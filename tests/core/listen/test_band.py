"""The model's band known before processing (core.listen.band)."""

from __future__ import annotations

import json

from core.listen.band import BandCheck, model_rate_of


def test_the_rate_comes_from_the_run_of_a_folder_or_a_checkpoint(tmp_path):
    run = tmp_path / "runs" / "r1"
    (run / "checkpoints").mkdir(parents=True)
    (run / "config.json").write_text(json.dumps({"data": {"sample_rate": 22050}}))
    assert model_rate_of(run) == 22050
    assert model_rate_of(run / "latest.pt") == 22050
    assert model_rate_of(run / "checkpoints" / "epoch_0003.pt") == 22050
    assert model_rate_of(tmp_path / "loose.safetensors") is None


def test_what_a_model_would_cut():
    cut = BandCheck(22050, 48000, 19800.0)
    assert round(cut.drops_hz) == 19800 - 11025 and "cuts what lies above 11.0 kHz" in cut.text()
    assert BandCheck(22050, 16000, 7900.0).drops_hz == 0  # inside the band
    unknown = BandCheck(None, 48000, 19800.0)
    assert unknown.drops_hz == 0 and "known once the model is loaded" in unknown.text()
