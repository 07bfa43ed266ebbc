"""What the statistics advise: how much voiced audio a dataset has against what a good model
needs, and what to fix first."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from core.dataset.measure import SHORT_CLIP_SECONDS
from core.messages import QT_TRANSLATE_NOOP, Message, counted

if TYPE_CHECKING:
    from core.dataset.stats import DatasetStats

# Minutes of voiced audio → advice (lower bound, words).
ADVICE_LEVELS = (
    (
        60.0,
        QT_TRANSLATE_NOOP(
            "DatasetAdvice", "great: over an hour of {what}; enough for a strong model"
        ),
    ),
    (
        30.0,
        QT_TRANSLATE_NOOP(
            "DatasetAdvice", "good: {minutes:.0f} minutes of {what}; enough for a solid model"
        ),
    ),
    (
        10.0,
        QT_TRANSLATE_NOOP(
            "DatasetAdvice",
            "usable: {minutes:.0f} minutes of {what}; 30+ minutes would make it clearly better",
        ),
    ),
    (
        0.0,
        QT_TRANSLATE_NOOP(
            "DatasetAdvice",
            "collect more: only {minutes:.1f} minutes of {what}; aim for at least 10, ideally 30+",
        ),
    ),
)
CONTEXT = "DatasetAdvice"  # the messages' context in resources/i18n (core.messages)


def _say(template: str, **args) -> Message:
    return Message(CONTEXT, template, **args)


def _count(template: str, english: tuple[str, str], n: int, **args) -> Message:
    return counted(CONTEXT, template, english, n, **args)


def advice_for(stats: DatasetStats) -> list[str]:
    """Plain-language lines, most important first."""
    out: list[str] = []
    if stats.clip_count == 0:
        return [
            _say(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "the project is empty: add clean speech (and noise) or a folder pair first",
                )
            )
        ]
    if stats.task == "paired":
        minutes = stats.roles["input"].voiced_seconds / 60
        what = _count(
            QT_TRANSLATE_NOOP("DatasetAdvice", "paired audio (%n pair(s))"),
            ("paired audio (%n pair)", "paired audio (%n pairs)"),
            stats.pair_count,
        )
    else:
        minutes = stats.roles["clean"].voiced_seconds / 60
        what = _say(QT_TRANSLATE_NOOP("DatasetAdvice", "clean voice"))
    # A labelled project's advice on amounts is per class (core.dataset.stats_classes).
    for floor_minutes, text in ADVICE_LEVELS if stats.task != "classify" else ():
        if minutes >= floor_minutes:
            out.append(_say(text, minutes=minutes, what=what))
            break
    if stats.task == "classify":
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "a labelled project: amounts are judged per class (the class statistics)",
                )
            )
        )
    if not stats.voiced_exact:
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "voiced time is an estimate: run full statistics (without --headers-only)",
                )
            )
        )
    if stats.task == "denoise" and stats.roles["clean"].files and not stats.roles["noise"].files:
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "no noise clips: a denoiser learns from noise mixed into clean speech; "
                    "add recordings of the noise you want removed",
                )
            )
        )
    if stats.unpaired_inputs or stats.unpaired_targets:
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "{inputs} and {targets} have no partner and are not used for paired training",
                ),
                inputs=_count(
                    QT_TRANSLATE_NOOP("DatasetAdvice", "%n input file(s)"),
                    ("%n input file", "%n input files"),
                    stats.unpaired_inputs,
                ),
                targets=_count(
                    QT_TRANSLATE_NOOP("DatasetAdvice", "%n target file(s)"),
                    ("%n target file", "%n target files"),
                    stats.unpaired_targets,
                ),
            )
        )
    if 0 < stats.segments_per_epoch < 100 and stats.task != "classify":
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "only %n segment(s) per epoch: use shorter segments, more augmentation or "
                    "more data",
                ),
                (
                    "only %n segment per epoch: use shorter segments, more augmentation or "
                    "more data",
                    "only %n segments per epoch: use shorter segments, more augmentation or "
                    "more data",
                ),
                stats.segments_per_epoch,
            )
        )
    counts = Counter()
    for f in stats.files:
        for issue in f.issues:
            counts[issue.split(" (")[0].split(" ")[0]] += 1
    if counts.get("clipping"):
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "%n file(s) clip: re-record quieter or exclude the clipped parts",
                ),
                (
                    "%n file clips: re-record it quieter or exclude the clipped parts",
                    "%n files clip: re-record them quieter or exclude the clipped parts",
                ),
                counts["clipping"],
            )
        )
    below = sum(1 for f in stats.files if any("training rate" in i for i in f.issues))
    if below:
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice",
                    "%n speech file(s) were recorded below the training rate: the model "
                    "learns an empty top band from them; train at their rate or record at a "
                    "higher one",
                ),
                (
                    "%n speech file was recorded below the training rate: the model learns "
                    "an empty top band from it; train at its rate or record at a higher one",
                    "%n speech files were recorded below the training rate: the model "
                    "learns an empty top band from them; train at their rate or record at a "
                    "higher one",
                ),
                below,
            )
        )
    short = sum(1 for f in stats.files if any(i.startswith("very short") for i in f.issues))
    if short:
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice", "%n clip(s) are shorter than {seconds:g} s and add little"
                ),
                (
                    "%n clip is shorter than {seconds:g} s and adds little",
                    "%n clips are shorter than {seconds:g} s and add little",
                ),
                short,
                seconds=SHORT_CLIP_SECONDS,
            )
        )
    missing = sum(
        1 for f in stats.files if any(i.startswith(("missing", "changed")) for i in f.issues)
    )
    if missing:
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "DatasetAdvice", "%n source file(s) are missing or changed since import"
                ),
                (
                    "%n source file is missing or changed since import",
                    "%n source files are missing or changed since import",
                ),
                missing,
            )
        )
    return out
