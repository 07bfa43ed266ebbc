"""What the index says about a clip and a pair, and the split a clip falls in.

`Clip` and `Pair` are the frozen records a `Project` hands out; `clip_from_row` builds a
`Clip` from a row of `CLIP_SELECT`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from core.audio.decoded_cache import FOLDER as DECODED_FOLDER

# Fractions of train / val / test; val and test are taken from the top of the hash range.
DEFAULT_SPLIT = (0.8, 0.1, 0.1)


def split_for_key(key: str, fractions: tuple[float, float, float] = DEFAULT_SPLIT) -> str:
    """Deterministic split from a stable key: adding files never moves existing ones."""
    u = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64
    if u < fractions[0]:
        return "train"
    if u < fractions[0] + fractions[1]:
        return "val"
    return "test"


@dataclass(frozen=True)
class Clip:
    """One usable piece of audio: a source file, its role and split, and its edit list."""

    id: int
    source_id: int
    path: str
    name: str
    role: str
    split: str
    sample_rate: int
    channels: int
    frames: int
    hash: str
    edits: list = field(default_factory=list, compare=False)
    history: dict = field(default_factory=dict, compare=False)
    # Where the samples are read: the source itself (libsndfile reads it sample-exactly),
    # or the decoded copy in the project cache for what FFmpeg decodes. Read it through
    # core.audio.decoded_cache.samples_path, which rebuilds a deleted copy.
    audio_path: str = ""
    stream: int = 0  # the audio stream of the source (several in some videos)
    note: str = ""  # what a damaged source lost when it was decoded
    label: str | None = None  # its class for the classify task (core.dataset.labels)

    def __post_init__(self) -> None:
        if not self.audio_path:
            object.__setattr__(self, "audio_path", self.path)

    @property
    def duration(self) -> float:
        """Seconds in the source file (before edits)."""
        return self.frames / self.sample_rate

    @property
    def decoded(self) -> bool:
        """The samples come from a decoded copy, not from the source file."""
        return self.audio_path != self.path

    @property
    def audio_key(self) -> str:
        """Names this clip's source audio in caches (peaks, statistics, training): the
        content hash, plus the stream when it is not the first."""
        return self.hash if self.stream == 0 else f"{self.hash}_s{self.stream}"


@dataclass(frozen=True)
class Pair:
    id: int
    input: Clip
    target: Clip
    offset: int  # samples by which the target lags the input (negative: leads)
    length_diff: int  # target frames minus input frames
    confidence: float


CLIP_SELECT = (
    "SELECT c.id, c.source_id, s.path, c.name, c.role, c.split, s.sample_rate, s.channels,"
    " s.frames, s.hash, c.edits, c.history, s.stream, s.decoded, s.note, l.name AS label"
    " FROM clips c JOIN sources s ON s.id = c.source_id LEFT JOIN labels l ON l.id = c.label_id"
)


def clip_from_row(row, cache_dir: Path) -> Clip:
    """The `Clip` of one row of `CLIP_SELECT`; `cache_dir` is the project's cache folder."""
    decoded = row["decoded"]
    return Clip(
        id=row["id"],
        source_id=row["source_id"],
        path=row["path"],
        name=row["name"],
        role=row["role"],
        split=row["split"],
        sample_rate=row["sample_rate"],
        channels=row["channels"],
        frames=row["frames"],
        hash=row["hash"],
        edits=json.loads(row["edits"]),
        history=json.loads(row["history"]),
        audio_path=str(cache_dir / DECODED_FOLDER / decoded) if decoded else "",
        stream=row["stream"],
        note=row["note"],
        label=row["label"],
    )
