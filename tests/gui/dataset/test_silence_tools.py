"""The Dataset tab's silence tools speak core.audio.dsp.SilenceRule: its defaults, its preview,
its edit."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtWidgets import QWidget

from core.audio import dsp
from core.audio.dsp import SilenceRule
from gui.dataset.silence_tools import SilenceTools
from tests.support.audiogen import sine


def test_the_tools_start_from_the_rule_and_preview_what_it_removes(qtbot):
    bar = QWidget()
    qtbot.addWidget(bar)
    tools = SilenceTools(bar)
    # One default for every route: the spins show SilenceRule()'s (0.3 s, not the old 0.5).
    assert tools.rule() == SilenceRule()
    assert tools.silence_min.value() == SilenceRule().min_silence_s
    tools.silence_threshold.setValue(-50)
    tools.silence_min.setValue(0.8)
    rule = SilenceRule(threshold_db=-50.0, min_silence_s=0.8)
    assert tools.rule() == rule
    assert rule.to_edit()["min_duration"] == 0.8  # what "Delete silence" stores

    sr = 8000
    gap = lambda s: np.zeros((int(s * sr), 1), np.float32)  # noqa: E731
    audio = np.concatenate([sine(300, 1.0, sr), gap(0.5), sine(300, 1.0, sr), gap(1.0)])
    audio = np.concatenate([audio, sine(300, 1.0, sr)])
    wave = SimpleNamespace(in_memory=True, audio=audio, pyramid=SimpleNamespace(sample_rate=sr))
    tools.set_wave_source(lambda: wave)
    shown = []
    tools.preview.connect(shown.append)
    tools.silence_preview.setChecked(True)
    expected = dsp.true_runs(~dsp.voiced_mask(audio, sr, rule))
    assert shown[-1] == expected and len(expected) == 1  # the 0.5 s gap is under 0.8 s
    tools.silence_min.setValue(0.3)
    assert len(shown[-1]) == 2  # the rule follows the spin
    tools.silence_preview.setChecked(False)
    assert shown[-1] == []
