"""Labels of the classify task: which class each clip belongs to, and its split.

A project imported from a root of class folders stores each clip's label in the index (the
folder name, editable). Splits for this task are stratified per class and made by source
recording, so the windows of one recording never straddle train and validation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledClip:
    """One clip the classify task trains or tests on."""

    clip_id: int
    label: str  # the class name, as the index stores it (after renames and merges)
    source: str  # the recording it comes from: clips of one source share a split
    split: str  # "train", "val" or "test"
