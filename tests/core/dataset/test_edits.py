"""Fade ramps: the whole curve and any slice of it come from one formula."""

from __future__ import annotations

import numpy as np
import pytest

from core.dataset.edits import EditError, fade_curve, fade_slice


@pytest.mark.parametrize("curve", ["linear", "equal_power"])
@pytest.mark.parametrize("rising", [True, False])
def test_fade_curve_is_the_whole_slice(curve, rising):
    n = 1001
    g = fade_curve(n, curve, rising)
    assert g.dtype == np.float32 and g.shape == (n,)
    np.testing.assert_array_equal(
        np.concatenate(
            [fade_slice(n, curve, rising, 0, 400), fade_slice(n, curve, rising, 400, n)]
        ),
        g,
    )
    first, last = (g[0], g[-1]) if rising else (g[-1], g[0])
    assert 0 < first < 0.01 and 0.99 < last < 1  # sample centres: never exactly 0 or 1
    assert np.all(np.diff(g) > 0) if rising else np.all(np.diff(g) < 0)


def test_fade_edge_cases():
    assert fade_curve(0, "linear", True).shape == (0,)
    with pytest.raises(EditError, match="unknown fade curve"):
        fade_curve(10, "cubic", True)
