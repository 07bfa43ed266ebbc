"""The health of one file in the statistics: what it measured, and the problems flagged on it
(clipping, DC offset, too quiet, too short, speech below the training rate, a channel
count unlike the rest, duplicates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.dataset.clips import Clip
from core.dataset.measure import SHORT_CLIP_SECONDS, segment_count
from core.messages import QT_TRANSLATE_NOOP, Message, counted

CONTEXT = "DatasetHealth"  # the flags' context in resources/i18n (core.messages)
CLIPPING_FRACTION = 1e-4  # one sample in 10,000 at full scale is audible crackle
DC_OFFSET_LIMIT = 0.01  # 1 % of full scale; larger shifts the model's idea of silence
QUIET_PEAK_DBFS = -30.0


@dataclass
class FileHealth:
    """Measurements and problems of one clip (after its edits)."""

    clip_id: int
    path: str
    name: str
    role: str
    sample_rate: int
    channels: int
    seconds: float  # after edits, excluded regions dropped
    voiced_seconds: float | None  # None: not measured (headers-only without cache)
    segments: int
    peak_dbfs: float | None = None
    rms_dbfs: float | None = None
    lufs: float | None = None
    dc_offset: float | None = None
    clipped_fraction: float | None = None
    measured: bool = False
    issues: list[str] = field(default_factory=list)


def apply_measurement(health: FileHealth, data: dict) -> None:
    health.seconds = data["seconds"]
    health.voiced_seconds = data["voiced_seconds"]
    health.peak_dbfs = data["peak_dbfs"]
    health.rms_dbfs = data["rms_dbfs"]
    health.lufs = data["lufs"]
    health.dc_offset = data["dc_offset"]
    health.clipped_fraction = data["clipped_fraction"]
    health.measured = True
    flag_levels(health)


def finish_health(health: FileHealth, segment_seconds: float, flag_short: bool = True) -> None:
    """`flag_short` False: a short clip is no issue (the classify task pads keyword clips
    to one window)."""
    missing = any(i.startswith("missing") for i in health.issues)
    if missing:
        return
    if flag_short and health.seconds < SHORT_CLIP_SECONDS:
        health.issues.append(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("DatasetHealth", "very short ({seconds:.2f} s < {least:g} s)"),
                seconds=health.seconds,
                least=SHORT_CLIP_SECONDS,
            )
        )
    usable = health.voiced_seconds if health.voiced_seconds is not None else health.seconds
    health.segments = segment_count(usable, segment_seconds)


def flag_levels(h: FileHealth) -> None:
    if h.clipped_fraction is not None and h.clipped_fraction > CLIPPING_FRACTION:
        h.issues.append(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "DatasetHealth", "clipping ({percent:.2f} % of samples at full scale)"
                ),
                percent=100 * h.clipped_fraction,
            )
        )
    if h.dc_offset is not None and h.dc_offset > DC_OFFSET_LIMIT:
        h.issues.append(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP(
                    "DatasetHealth", "DC offset {offset:.3f} (high-pass or remove the offset)"
                ),
                offset=h.dc_offset,
            )
        )
    if h.peak_dbfs is not None and h.peak_dbfs < QUIET_PEAK_DBFS:
        h.issues.append(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("DatasetHealth", "very quiet (peak {peak:.1f} dBFS)"),
                peak=h.peak_dbfs,
            )
        )
    if h.voiced_seconds is not None and h.voiced_seconds == 0 and h.seconds > 0:
        h.issues.append(
            Message(
                CONTEXT,
                QT_TRANSLATE_NOOP("DatasetHealth", "no voiced audio above the silence threshold"),
            )
        )


# Roles whose audio the model learns to produce or to hear as speech: one recorded below the
# training rate has an empty top band after resampling, and the model learns that.
_BAND_ROLES = ("clean", "input", "target")


def flag_mismatches(files: list[FileHealth], training_rate: int | None = None) -> None:
    """What will go wrong for a file unlike the others. A sample rate of its own does not:
    training resamples every file (noise recorded at 48 kHz beside 22 kHz speech is fine),
    but speech recorded below the training rate lacks the top of the band it trains."""
    if training_rate:
        for f in files:
            if f.role in _BAND_ROLES and 0 < f.sample_rate < training_rate:
                f.issues.append(
                    Message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "DatasetHealth",
                            "recorded at {rate} Hz, below the {training} Hz training rate: "
                            "nothing above {top} Hz to learn from",
                        ),
                        rate=f.sample_rate,
                        training=training_rate,
                        top=f.sample_rate // 2,
                    )
                )
    chans = Counter(f.channels for f in files)
    if len(chans) > 1:
        major = chans.most_common(1)[0][0]
        for f in files:
            if f.channels != major:
                f.issues.append(
                    counted(
                        CONTEXT,
                        QT_TRANSLATE_NOOP(
                            "DatasetHealth", "%n channel(s); most files have {major}"
                        ),
                        (
                            "%n channel; most files have {major}",
                            "%n channels; most files have {major}",
                        ),
                        f.channels,
                        major=major,
                    )
                )


def flag_duplicates(files: list[FileHealth], clips: list[Clip]) -> None:
    # Import refuses duplicates, so this catches files that became identical later
    # (overwritten on disk) or indexes written by older versions. Split clips of one
    # source share a hash on purpose and are not duplicates.
    by_hash: dict[str, list[Clip]] = {}
    seen_sources: set[int] = set()
    for c in clips:
        if c.source_id in seen_sources:
            continue
        seen_sources.add(c.source_id)
        by_hash.setdefault(c.hash, []).append(c)
    index = {f.clip_id: f for f in files}
    for group in by_hash.values():
        for c in group[1:]:
            if c.id in index:
                index[c.id].issues.append(
                    Message(
                        CONTEXT,
                        QT_TRANSLATE_NOOP("DatasetHealth", "duplicate of {path}"),
                        path=group[0].path,
                    )
                )
