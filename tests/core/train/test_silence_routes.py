"""One SilenceRule, three routes: the delete_silence edit, silence skipping before training
(DataConfig.silence) and sliced export find the same silences."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio import dsp
from core.audio.dsp import SilenceRule
from core.dataset.edits import render
from core.dataset.export import SliceOptions, slice_points
from core.train.config import DataConfig
from core.train.data import _skip_silence
from tests.support.audiogen import noise, sine

SR = 16000


def margin_frames(rule: SilenceRule) -> int:
    return int(rule.keep_margin_s * SR)


def _take() -> np.ndarray:
    """Tone A 1 s, silence 0.8 s, tone B 1 s, a 0.15 s gap, tone C 1 s, silence 0.8 s, tone D."""
    tone = sine(220, 1.0, SR, 0.5).reshape(-1)
    # Room tone at about -30 dBFS: silence for the rules below, not for the default -40 dB.
    hush = lambda s: noise(s, SR, 0.03, seed=int(s * 100)).reshape(-1)  # noqa: E731
    parts = [tone, hush(0.8), tone, hush(0.15), tone, hush(0.8), tone]
    return np.concatenate(parts).astype(np.float32)


@pytest.mark.parametrize(
    ("rule", "silences", "max_seconds"),
    [
        # The 0.15 s gap is a pause inside speech for the default minimum...
        (SilenceRule(threshold_db=-25.0, min_silence_s=0.4), 2, 3.0),
        # ...and a silence for a rule with a shorter one, on every route alike.
        (SilenceRule(threshold_db=-25.0, min_silence_s=0.1), 3, 1.6),
    ],
)
def test_edit_training_and_slicing_agree_on_one_rule(rule, silences, max_seconds):
    mono = _take()
    # 1. The delete_silence edit, stored under its own names.
    edited = render(mono[:, None], SR, [rule.to_edit()]).audio[:, 0]
    removed = dsp.true_runs(~dsp.voiced_mask(mono[:, None], SR, rule))
    assert len(removed) == silences
    # 2. Training's silence skipping, from a config carrying the same rule in its fields.
    cfg = DataConfig(
        sample_rate=SR, silence_threshold_db=rule.threshold_db, silence_min_s=rule.min_silence_s
    )
    assert cfg.silence == rule
    (skipped,) = _skip_silence(cfg, mono)
    np.testing.assert_array_equal(skipped, edited)
    # 3. Sliced export cuts inside those silences and nowhere else.
    pieces = slice_points(
        mono, SR, SliceOptions(silence=rule, min_seconds=0.5, max_seconds=max_seconds)
    )
    assert len(pieces) == silences + 1
    # Each piece is trimmed of the rule's silence too: together they hold the edited audio,
    # give or take the margin each route keeps at a silence's edge.
    covered = sum(e - s for s, e in pieces)
    assert abs(covered - len(edited)) <= 2 * silences * margin_frames(rule)
    margin = margin_frames(rule)
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        # Both sides of each cut lie in one removed silence (widened by the kept margin).
        assert any(s - margin <= end <= start <= e + margin for s, e in removed), (end, start)


def test_the_config_fields_keep_their_names_and_defaults():
    cfg = DataConfig()
    assert cfg.silence == SilenceRule()
    assert (cfg.silence_threshold_db, cfg.silence_min_s) == (-40.0, 0.3)
    loaded = DataConfig(**{"silence_threshold_db": -50.0, "silence_min_s": 1.0})
    assert loaded.silence == SilenceRule(threshold_db=-50.0, min_silence_s=1.0)
