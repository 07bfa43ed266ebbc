"""Units shown to people: byte sizes and durations, each formatted one way everywhere.

Pure functions, no imports from the rest of core (every room may use them).
"""

from __future__ import annotations

import math
from typing import Literal

KIB = 1024
MIB = 1024**2
GIB = 1024**3


def bytes_in_unit(n: float) -> tuple[float, int, str]:
    """`n` bytes as (value, decimals, unit): the unit and precision every face shows."""
    if n >= GIB:
        return n / GIB, 1, "GB"
    if n >= MIB:
        return n / MIB, 0, "MB"
    return n / KIB, 0, "KB"


def format_bytes(n: float | None) -> str:
    """`3.0 GB`, `5 MB`, `12 KB` (binary units, the way memory is counted); None is unknown.
    (The GUI writes the same parts in the reader's language: gui.localized.)"""
    if n is None:
        return "unknown"
    value, decimals, unit = bytes_in_unit(n)
    return f"{value:.{decimals}f} {unit}"


def rough_in_unit(seconds: float) -> tuple[float, int, str]:
    """An estimate's duration as (value, decimals, unit): `s`, `min`, `h` or `days`."""
    if seconds < 90:
        return seconds, 0, "s"
    if seconds < 5400:
        return seconds / 60, 0, "min"
    if seconds < 48 * 3600:
        return seconds / 3600, 1, "h"
    return seconds / 86400, 1, "days"


def format_duration(
    seconds: float | None,
    style: Literal["clock", "rough"] = "clock",
    decimals: int = 0,
    decimal_point: str = ".",
) -> str:
    """A duration as people read it.

    "clock": `m:ss` or `h:mm:ss`, with `decimals` digits after the seconds (`1:02:03.457`).
    The value is rounded to that precision before it is split, so 59.96 s at one decimal is
    `1:00.0`, never `0:60.0`. Negative values are signed (a pair's target view is drawn
    shifted); None, NaN and infinities give `—`.
    "rough": the wording of estimates (`42 s`, `12 min`, `1.5 h`, `2.0 days`).
    `decimal_point`: the reader's (the GUI passes its locale's for the clock style).
    """
    if seconds is None or not math.isfinite(seconds):
        return "—"
    if style == "rough":
        value, places, unit = rough_in_unit(seconds)
        return f"{value:.{places}f} {unit}"
    if style != "clock":
        raise ValueError(f"unknown duration style {style!r}")
    # Whole units of the last digit shown, so rounding carries into the minutes and hours.
    scale = 10**decimals
    ticks = round(abs(seconds) * scale)
    sign = "-" if seconds < 0 and ticks else ""
    whole, fraction = divmod(ticks, scale)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    sec = f"{s:02d}{decimal_point}{fraction:0{decimals}d}" if decimals else f"{s:02d}"
    return f"{sign}{h}:{m:02d}:{sec}" if h else f"{sign}{m}:{sec}"
