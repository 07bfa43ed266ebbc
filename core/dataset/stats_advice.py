"""What the statistics advise: how much voiced audio a dataset has against what a good model
needs, and what to fix first."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from core.dataset.measure import SHORT_CLIP_SECONDS

if TYPE_CHECKING:
    from core.dataset.stats import DatasetStats

# Minutes of voiced audio → advice (lower bound, words).
ADVICE_LEVELS = (
    (60.0, "great: over an hour of {what}; enough for a strong model"),
    (30.0, "good: {minutes:.0f} minutes of {what}; enough for a solid model"),
    (10.0, "usable: {minutes:.0f} minutes of {what}; 30+ minutes would make it clearly better"),
    (0.0, "collect more: only {minutes:.1f} minutes of {what}; aim for at least 10, ideally 30+"),
)


def advice_for(stats: DatasetStats) -> list[str]:
    """Plain-language lines, most important first."""
    out: list[str] = []
    if stats.clip_count == 0:
        return ["the project is empty: add clean speech (and noise) or a folder pair first"]
    if stats.task == "paired":
        minutes = stats.roles["input"].voiced_seconds / 60
        what = f"paired audio ({stats.pair_count} pairs)"
    else:
        minutes = stats.roles["clean"].voiced_seconds / 60
        what = "clean voice"
    # A labelled project's advice on amounts is per class (core.dataset.stats_classes).
    for floor_minutes, text in ADVICE_LEVELS if stats.task != "classify" else ():
        if minutes >= floor_minutes:
            out.append(text.format(minutes=minutes, what=what))
            break
    if stats.task == "classify":
        out.append("a labelled project: amounts are judged per class (the class statistics)")
    if not stats.voiced_exact:
        out.append("voiced time is an estimate: run full statistics (without --headers-only)")
    if stats.task == "denoise" and stats.roles["clean"].files and not stats.roles["noise"].files:
        out.append(
            "no noise clips: a denoiser learns from noise mixed into clean speech; "
            "add recordings of the noise you want removed"
        )
    if stats.unpaired_inputs or stats.unpaired_targets:
        out.append(
            f"{stats.unpaired_inputs} input and {stats.unpaired_targets} target files have no "
            "partner and are not used for paired training"
        )
    if 0 < stats.segments_per_epoch < 100 and stats.task != "classify":
        out.append(
            f"only {stats.segments_per_epoch} segments per epoch: use shorter segments, "
            "more augmentation or more data"
        )
    counts = Counter()
    for f in stats.files:
        for issue in f.issues:
            counts[issue.split(" (")[0].split(" ")[0]] += 1
    if counts.get("clipping"):
        out.append(
            f"{counts['clipping']} file(s) clip: re-record quieter or exclude the clipped parts"
        )
    below = sum(1 for f in stats.files if any("training rate" in i for i in f.issues))
    if below:
        out.append(
            f"{below} speech file(s) were recorded below the training rate: the model learns "
            "an empty top band from them; train at their rate or record at a higher one"
        )
    short = sum(1 for f in stats.files if any(i.startswith("very short") for i in f.issues))
    if short:
        out.append(f"{short} clip(s) are shorter than {SHORT_CLIP_SECONDS:g} s and add little")
    missing = sum(
        1 for f in stats.files if any(i.startswith(("missing", "changed")) for i in f.issues)
    )
    if missing:
        out.append(f"{missing} source file(s) are missing or changed since import")
    return out
