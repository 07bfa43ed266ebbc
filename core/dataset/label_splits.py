"""Splits of the classify task: by source recording, stratified per class, never moved.

Which recording a file comes from. Collections cut long recordings into files named
`<recording><sep><index>`: `XC1234_003.wav`, `rec01-part2.flac`, `take (2).wav`,
`0a7c2a8d_nohash_0.wav`. `recording_key` is the file's folder plus its name with one such
trailing index removed (a separator, an optional word such as part/seg/chunk, up to four
digits); a name without one is a recording of its own. A stray match (a date such as
`2021-05-03`) only puts more files in one group, which can make a split coarser but never
lets a recording straddle two.

The rule. A split depends on the whole class, so no rule computed from a file alone can
both stratify and stay put (a hash threshold leaves a class of five recordings without a
validation one 59 % of the time), and a rank within the class moves files when a new one
ranks above them. So the split is decided once, when a recording is first labelled, and
stored: the new recording goes where its class is furthest below its share
(`DEFAULT_SPLIT`, counted in recordings, ties to train, then val, then test); a file of a
recording already labelled joins that recording's split. With 80/10/10 the 4th recording
of a class goes to validation and the 7th to test, so every class with four recordings has
train and validation. One import labels new recordings in the order of a hash of their key
(`assignment_order`), so which recordings go to validation does not follow their names
(dates, take numbers) and does not depend on the folder listing.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from core.dataset.clips import DEFAULT_SPLIT

SPLITS = ("train", "val", "test")

_INDEX_SUFFIX = re.compile(
    r"^(?P<recording>.+?)[ _\-.]+(?:(?:part|seg|segment|chunk|cut|clip|piece|slice)[ _\-.]*)?"
    r"\(?\d{1,4}\)?$",
    re.IGNORECASE,
)


def recording_key(path: str | os.PathLike) -> str:
    """The recording a file was cut from: its folder and its name without a trailing index."""
    p = Path(path)
    match = _INDEX_SUFFIX.match(p.stem)
    name = match.group("recording") if match else p.stem
    return f"{p.parent.as_posix()}/{name}"


def split_for_new_recording(
    counts: dict[str, int], fractions: tuple[float, float, float] = DEFAULT_SPLIT
) -> str:
    """The split for one more recording of a class whose recordings are spread as `counts`
    (split -> recordings): the split furthest below its share once this one is counted."""
    n = sum(counts.get(s, 0) for s in SPLITS) + 1
    # Rounded so shares that are equal on paper compare equal (0.1 * 3 is 0.30000000000000004).
    deficits = [round(f * n - counts.get(s, 0), 9) for s, f in zip(SPLITS, fractions, strict=True)]
    best = max(range(len(SPLITS)), key=lambda i: (deficits[i], -i))
    return SPLITS[best]


def assignment_order(key: str) -> bytes:
    """Sort key that puts the recordings of one import in a fixed pseudo-random order."""
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()[:8]
