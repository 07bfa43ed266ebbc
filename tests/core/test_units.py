"""core.units: the one duration and byte-size formatter, in each of its styles."""

from __future__ import annotations

import math

import pytest

from core.units import GIB, MIB, format_bytes, format_duration


@pytest.mark.parametrize(
    ("seconds", "decimals", "text"),
    [
        (3723.4567, 3, "1:02:03.457"),
        (5.5, 3, "0:05.500"),
        (65, 0, "1:05"),
        (0, 0, "0:00"),
        (3599.6, 0, "1:00:00"),  # rounded before it is split: never 0:60 or 59:60
        (59.96, 1, "1:00.0"),  # the file browser showed 0:60.0
        (-1.25, 2, "-0:01.25"),  # a pair's target view is drawn shifted left
        (-0.0004, 3, "0:00.000"),  # no sign when it rounds to zero
    ],
)
def test_clock_style(seconds, decimals, text):
    assert format_duration(seconds, decimals=decimals) == text


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf])
def test_unknown_durations_show_a_dash(value):
    assert format_duration(value) == "—"
    assert format_duration(value, "rough") == "—"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(42, "42 s"), (12 * 60, "12 min"), (1.5 * 3600, "1.5 h"), (2 * 86400, "2.0 days")],
)
def test_rough_style_for_estimates(seconds, text):
    assert format_duration(seconds, "rough") == text


def test_unknown_style_is_refused():
    with pytest.raises(ValueError, match="style"):
        format_duration(1.0, "fancy")


def test_bytes():
    assert format_bytes(3 * GIB) == "3.0 GB"
    assert format_bytes(5 * MIB) == "5 MB"
    assert format_bytes(2048) == "2 KB"
    assert format_bytes(None) == "unknown"
