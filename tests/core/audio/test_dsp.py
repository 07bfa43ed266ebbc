"""core.audio.dsp: the one run finder (true_runs: silences, kept pieces, excluded regions) and
the one silence setting (SilenceRule)."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio.dsp import SilenceRule, silent_spans, true_runs, voiced_mask, voiced_seconds


@pytest.mark.parametrize(
    ("flags", "min_length", "runs"),
    [
        (None, 1, []),
        ([], 1, []),
        ([False, False], 1, []),
        ([True, True, True], 1, [(0, 3)]),
        ([True, False, False, True], 1, [(0, 1), (3, 4)]),  # runs at both edges
        ([False, True, True, False, True], 2, [(1, 3)]),  # the short one is dropped
        ([False, True, True, False, True], 3, []),
    ],
)
def test_true_runs(flags, min_length, runs):
    mask = None if flags is None else np.array(flags, dtype=bool)
    assert true_runs(mask, min_length) == runs


def test_excluded_regions_are_the_runs_of_the_inverted_mask():
    keep = np.array([True, False, False, True, False])
    assert true_runs(~keep) == [(1, 3), (4, 5)]
    assert all(isinstance(i, int) and isinstance(j, int) for i, j in true_runs(keep))


def test_silence_rule_round_trips_through_the_edit_it_stores():
    rule = SilenceRule(threshold_db=-52.5, min_silence_s=0.8, keep_margin_s=0.02)
    edit = rule.to_edit()
    # The stored names are the edit list's, unchanged since before SilenceRule.
    assert edit == {
        "op": "delete_silence",
        "threshold_db": -52.5,
        "min_duration": 0.8,
        "keep": 0.02,
    }
    assert SilenceRule.from_edit(edit) == rule
    assert SilenceRule.from_edit(SilenceRule().to_edit()) == SilenceRule()


def test_an_old_edit_without_a_minimum_keeps_its_half_second():
    # Edits stored before the minimum was written read as the 0.5 s default of that time,
    # not today's 0.3 s, so they render as they did.
    old = {"op": "delete_silence", "threshold_db": -45.0}
    assert SilenceRule.from_edit(old) == SilenceRule(threshold_db=-45.0, min_silence_s=0.5)
    assert SilenceRule().min_silence_s == 0.3


@pytest.mark.parametrize(
    "bad",
    [
        {"min_silence_s": -0.1},
        {"keep_margin_s": -1.0},
        {"frame_s": 0.0},
        {"threshold_db": float("nan")},
    ],
)
def test_silence_rule_refuses_nonsense(bad):
    with pytest.raises(ValueError):
        SilenceRule(**bad)


def test_the_rule_decides_what_counts_as_silence():
    sr = 1000
    loud = np.full(1000, 0.5, np.float32)
    # 1 s loud, 0.2 s of digital silence, 1 s loud, 0.6 s silence, 1 s loud
    audio = np.concatenate([loud, np.zeros(200), loud, np.zeros(600), loud])[:, None]
    spans = lambda rule: true_runs(~voiced_mask(audio, sr, rule))  # noqa: E731
    assert spans(SilenceRule(min_silence_s=0.3)) == [(2250, 2750)]  # 0.6 s less 50 ms a side
    assert spans(SilenceRule(min_silence_s=0.1)) == [(1050, 1150), (2250, 2750)]
    assert spans(SilenceRule(min_silence_s=0.1, keep_margin_s=0.0)) == [(1000, 1200), (2200, 2800)]
    assert spans(SilenceRule(threshold_db=-200.0)) == []  # nothing is quieter than the floor
    assert voiced_seconds(audio, sr, SilenceRule(min_silence_s=0.3)) == pytest.approx(3.3)
    # Frame levels give the same spans: a long file is judged block by block this way.
    levels = np.concatenate([np.full(100, -6.0), np.full(20, -120.0), np.full(100, -6.0)])
    assert silent_spans(levels, 10, 2200, sr, SilenceRule(min_silence_s=0.1)) == [(1050, 1150)]
