"""Units shown to people: byte sizes and durations, each formatted one way everywhere.

Pure functions, no imports from the rest of core (every room may use them).
"""

from __future__ import annotations

import math
from typing import Literal

KIB = 1024
MIB = 1024**2
GIB = 1024**3


def format_bytes(n: float | None) -> str:
    """`3.0 GB`, `5 MB`, `12 KB` (binary units, the way memory is counted); None is unknown."""
    if n is None:
        return "unknown"
    if n >= GIB:
        return f"{n / GIB:.1f} GB"
    if n >= MIB:
        return f"{n / MIB:.0f} MB"
    return f"{n / KIB:.0f} KB"


def format_duration(
    seconds: float | None, style: Literal["clock", "rough"] = "clock", decimals: int = 0
) -> str:
    """A duration as people read it.

    "clock": `m:ss` or `h:mm:ss`, with `decimals` digits after the seconds (`1:02:03.457`).
    The value is rounded to that precision before it is split, so 59.96 s at one decimal is
    `1:00.0`, never `0:60.0`. Negative values are signed (a pair's target view is drawn
    shifted); None, NaN and infinities give `—`.
    "rough": the wording of estimates (`42 s`, `12 min`, `1.5 h`, `2.0 days`).
    """
    if seconds is None or not math.isfinite(seconds):
        return "—"
    if style == "rough":
        if seconds < 90:
            return f"{seconds:.0f} s"
        if seconds < 5400:
            return f"{seconds / 60:.0f} min"
        if seconds < 48 * 3600:
            return f"{seconds / 3600:.1f} h"
        return f"{seconds / 86400:.1f} days"
    if style != "clock":
        raise ValueError(f"unknown duration style {style!r}")
    # Whole units of the last digit shown, so rounding carries into the minutes and hours.
    scale = 10**decimals
    ticks = round(abs(seconds) * scale)
    sign = "-" if seconds < 0 and ticks else ""
    whole, fraction = divmod(ticks, scale)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    sec = f"{s:02d}.{fraction:0{decimals}d}" if decimals else f"{s:02d}"
    return f"{sign}{h}:{m:02d}:{sec}" if h else f"{sign}{m}:{sec}"
