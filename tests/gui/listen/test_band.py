"""The Listen tab says which band the model treats next to the input's, and warns before
processing when the model would cut part of it (issue #15, 5)."""

from __future__ import annotations

import json

from gui.listen.tab import ListenTab
from tests.support.audiogen import noise, sine, write


def _run_folder(path, rate: int):
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps({"data": {"sample_rate": rate}}))
    return path


def test_a_48k_input_through_a_22k_model_is_warned_about_before_processing(qtbot, tmp_path):
    tab = ListenTab()
    qtbot.addWidget(tab)
    podcast = write(tmp_path / "podcast.wav", noise(2.0, 48000, seed=1), 48000)  # full band
    phone = write(tmp_path / "phone.wav", sine(300, 2.0, sr=8000), 8000)
    model = _run_folder(tmp_path / "runs" / "speech", 22050)
    tab.set_model_path(model)
    tab.set_original(podcast)
    qtbot.waitUntil(lambda: tab.band.check is not None, timeout=30_000)
    text = tab.band.text()
    assert "up to 11.0 kHz (22050 Hz model)" in text and "Input: 48000 Hz" in text
    assert "cuts what lies above 11.0 kHz" in text and tab.band.check.drops_hz > 5000
    assert tab.outcome is None  # said before anything was processed

    tab.set_original(phone)  # an 8 kHz call fits in the model's band: no warning
    qtbot.waitUntil(lambda: tab.band.check is not None and tab.band.check.input_rate == 8000)
    assert "cuts" not in tab.band.text() and tab.band.check.drops_hz == 0
    tab.shutdown()
