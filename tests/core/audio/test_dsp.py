"""core.audio.dsp.true_runs: the one run finder (silences, kept pieces, excluded regions)."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio.dsp import true_runs


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
