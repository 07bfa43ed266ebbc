"""The dataset statistics as the plain-text report `wavesmith stats` prints and the
Dataset tab shows: each line a Message (core.messages), so a face can show it in its
reader's language, counts with their plural forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.messages import QT_TRANSLATE_NOOP, Message, counted
from core.units import format_duration

if TYPE_CHECKING:
    from core.dataset.stats import DatasetStats


def report_text(stats: DatasetStats, per_file: bool = True, say: Callable[[str], str] = str) -> str:
    """A plain-text report for the terminal; `say` turns each line (a core.messages
    Message) into the reader's language (the GUI's gui.localized.translated)."""
    lines = [_first_line(stats)]
    for role, rs in stats.roles.items():
        if rs.files:
            lines.append(
                _line(
                    QT_TRANSLATE_NOOP(
                        "DatasetStats",
                        "  {role:<7} {files:>11}  {seconds:>9}  voiced {voiced:>9}  "
                        "segments {segments}",
                    ),
                    role=Message("RoleNames", role),
                    files=_count(
                        QT_TRANSLATE_NOOP("DatasetStats", "%n file(s)"),
                        ("%n file", "%n files"),
                        rs.files,
                    ),
                    seconds=format_duration(rs.seconds),
                    voiced=format_duration(rs.voiced_seconds),
                    segments=rs.segments,
                )
            )
    if stats.pair_count or stats.unpaired_inputs or stats.unpaired_targets:
        lines.append(
            _line(
                QT_TRANSLATE_NOOP(
                    "DatasetStats", "pairs: {n} (unpaired: {inputs} inputs, {targets} targets)"
                ),
                n=stats.pair_count,
                inputs=stats.unpaired_inputs,
                targets=stats.unpaired_targets,
            )
        )
    if stats.task != "classify":  # it cuts windows: the per-class table counts them
        lines.append(
            _line(
                QT_TRANSLATE_NOOP(
                    "DatasetStats",
                    "segments of {seconds:g} s ({task}): {base} × augmentation {aug:g} = "
                    "{per_epoch} per epoch, {total} over {epochs}",
                ),
                seconds=stats.segment_seconds,
                task=Message("ConfigValue", stats.task),  # its name: gui's value_names
                base=stats.base_segments,
                aug=stats.augmentation,
                per_epoch=stats.segments_per_epoch,
                total=stats.segments_total,
                epochs=_count(
                    QT_TRANSLATE_NOOP("DatasetStats", "%n epoch(s)"),
                    ("%n epoch", "%n epochs"),
                    stats.epochs,
                ),
            )
        )
    if stats.majority_sample_rate:
        lines.append(
            _line(
                QT_TRANSLATE_NOOP("DatasetStats", "most files: {rate} Hz, {channels}"),
                rate=stats.majority_sample_rate,
                channels=_count(
                    QT_TRANSLATE_NOOP("DatasetStats", "%n channel(s)"),
                    ("%n channel", "%n channels"),
                    stats.majority_channels,
                ),
            )
        )
    problems = stats.problems()
    if problems:
        lines.append(
            _count(
                QT_TRANSLATE_NOOP("DatasetStats", "health: %n file(s) with problems"),
                ("health: %n file with problems", "health: %n files with problems"),
                len(problems),
            )
        )
        for f in problems if per_file else ():
            lines.append(f"  {f.path}: " + "; ".join(say(i) for i in f.issues))
    else:
        lines.append(_line(QT_TRANSLATE_NOOP("DatasetStats", "health: no problems found")))
    lines.append(_line(QT_TRANSLATE_NOOP("DatasetStats", "advice:")))
    lines.extend(f"  - {say(a)}" for a in stats.advice)
    return "\n".join(say(line) for line in lines)


def _first_line(stats: DatasetStats) -> Message:
    estimate = "" if stats.voiced_exact else " (estimate: some clips not measured)"
    modes = {
        "full": QT_TRANSLATE_NOOP(
            "DatasetStats",
            "{clips}, {total} in total, {voiced} voiced{estimate} (full mode)",
        ),
        "headers": QT_TRANSLATE_NOOP(
            "DatasetStats",
            "{clips}, {total} in total, {voiced} voiced{estimate} (headers mode)",
        ),
    }
    return _line(
        modes[stats.mode],
        clips=_count(
            QT_TRANSLATE_NOOP("DatasetStats", "%n clip(s)"),
            ("%n clip", "%n clips"),
            stats.clip_count,
        ),
        total=format_duration(stats.total_seconds),
        voiced=format_duration(stats.voiced_seconds),
        estimate=_line(QT_TRANSLATE_NOOP("DatasetStats", " (estimate: some clips not measured)"))
        if estimate
        else "",
    )


def _line(template: str, **args) -> Message:
    return Message("DatasetStats", template, **args)


def _count(template: str, english: tuple[str, str], n: int, **args) -> Message:
    return counted("DatasetStats", template, english, n, **args)
