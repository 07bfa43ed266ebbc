"""Statistics of the classify task per class and split: files, duration, windows; the
imbalance between classes, and advice for the classes that are too small to learn or test.

Windows are what training cuts from a clip: core.train.classify.features.window_starts on
the clip resampled to the feature rate. core.dataset sits below core.train, so the caller
hands that function in with the features it counts for (`cli.labels.class_table` and
`gui.dataset.class_stats_view` pass it with `TrainConfig().classify.features`, the GUI with
the Training tab's). Durations and windows are counted from the header length after cuts
(trim, delete): read from the index, no file is decoded.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from core.dataset.label_splits import SPLITS
from core.dataset.labels import classes
from core.dataset.measure import edited_frames
from core.messages import QT_TRANSLATE_NOOP, Message, counted
from core.units import format_duration

if TYPE_CHECKING:
    from core.dataset.project import Project

# core.train.classify.features.window_starts: (samples at the feature rate, features) -> starts
WindowStarts = Callable[[int, Any], Sized]
# The largest class over the smallest, in training windows, past which the advice speaks.
IMBALANCE_ADVICE = 10.0


@dataclass
class SplitCounts:
    files: int = 0
    seconds: float = 0.0
    windows: int = 0


@dataclass
class ClassStats:
    name: str
    excluded: bool
    recordings: int
    splits: dict[str, SplitCounts] = field(
        default_factory=lambda: {s: SplitCounts() for s in SPLITS}
    )

    @property
    def files(self) -> int:
        return sum(c.files for c in self.splits.values())

    @property
    def seconds(self) -> float:
        return sum(c.seconds for c in self.splits.values())

    @property
    def windows(self) -> int:
        return sum(c.windows for c in self.splits.values())


@dataclass
class ClassTable:
    classes: list[ClassStats]
    unlabelled: int  # clips without a class, noise aside (the classify task skips them)
    min_per_class: int
    imbalance: float | None  # largest / smallest training windows among included classes
    advice: list[str]

    @property
    def included(self) -> list[ClassStats]:
        return [c for c in self.classes if not c.excluded]

    def to_dict(self) -> dict:
        """Machine output: English keys, raw numbers (seconds, counts), no formatting."""
        out = asdict(self)
        for row, cls in zip(out["classes"], self.classes, strict=True):
            row.update(files=cls.files, seconds=cls.seconds, windows=cls.windows)
        return out

    def format_text(self) -> str:
        excluded = len(self.classes) - len(self.included)
        head = f"classes: {len(self.included)}" + (f" ({excluded} excluded)" if excluded else "")
        if self.imbalance is not None:
            head += f", imbalance {self.imbalance:.1f}× (largest / smallest, training windows)"
        lines = [head]
        width = max([len(c.name) for c in self.classes] + [5])
        for c in self.classes:
            parts = [
                f"{s} {n.files:4d} files {format_duration(n.seconds):>8} {n.windows:6d} windows"
                for s, n in c.splits.items()
            ]
            tail = "  (excluded)" if c.excluded else ""
            lines.append(f"  {c.name:<{width}}  " + "  | ".join(parts) + tail)
        if self.unlabelled:
            lines.append(
                f"  {self.unlabelled} clip{'' if self.unlabelled == 1 else 's'} without a class"
            )
        lines.append("class advice:")
        lines.extend(f"  - {a}" for a in self.advice)
        return "\n".join(lines)


def class_stats(
    project: Project, window_starts: WindowStarts, features: Any, min_per_class: int = 5
) -> ClassTable:
    """Per-class, per-split statistics of a labelled project, and advice (see module doc).

    `features` is a FeatureConfig (its `sample_rate` and what `window_starts` reads);
    `min_per_class` is `TrainConfig.classify.min_per_class`: fewer clips than this in a
    class gives advice."""

    def windows_of(frames: int, rate: int) -> int:
        return len(window_starts(int(round(frames * features.sample_rate / rate)), features))

    table = {k.name: ClassStats(k.name, k.excluded, k.recordings) for k in classes(project)}
    unlabelled = 0
    for clip in project.clips():
        if clip.label is None:
            unlabelled += clip.role != "noise"  # noise clips are for mixing, not classes
            continue
        frames, _exact = edited_frames(clip.frames, clip.edits)
        counts = table[clip.label].splits[clip.split]
        counts.files += 1
        counts.seconds += frames / clip.sample_rate
        counts.windows += windows_of(frames, clip.sample_rate)
    rows = sorted(table.values(), key=lambda c: c.name)
    train = [c.splits["train"].windows for c in rows if not c.excluded]
    # None without classes, or when one has no training window (the advice says which).
    imbalance = max(train) / min(train) if train and min(train) > 0 else None
    out = ClassTable(rows, unlabelled, min_per_class, imbalance, [])
    out.advice = class_advice(out)
    return out


def class_advice(table: ClassTable) -> list[str]:
    """Plain-language lines about the classes, most important first."""
    included = table.included
    if not included:
        return [
            _say(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice",
                    "no class is left for training: import class folders, or include a class",
                )
            )
        ]
    out = []
    small = [c for c in included if c.files < table.min_per_class]
    if small:
        names = _names(small)
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice",
                    "%n class(es) have fewer than {least} clips ({names}): add examples, or "
                    "merge or exclude them; a model learns little from so few",
                ),
                (
                    "%n class has fewer than {least} clips ({names}): add examples, or "
                    "merge or exclude it; a model learns little from so few",
                    "%n classes have fewer than {least} clips ({names}): add examples, or "
                    "merge or exclude them; a model learns little from so few",
                ),
                len(small),
                least=table.min_per_class,
                names=names,
            )
        )
    no_train = [c for c in included if not c.splits["train"].files]
    if no_train:
        out.append(
            _count(
                QT_TRANSLATE_NOOP("ClassAdvice", "%n class(es) have no training clip ({names})"),
                (
                    "%n class has no training clip ({names})",
                    "%n classes have no training clip ({names})",
                ),
                len(no_train),
                names=_names(no_train),
            )
        )
    no_val = [c for c in included if not c.splits["val"].files]
    if no_val:
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice",
                    "%n class(es) have no validation recording ({names}): their accuracy "
                    "cannot be measured; a class needs 4 source recordings for one",
                ),
                (
                    "%n class has no validation recording ({names}): its accuracy cannot "
                    "be measured; a class needs 4 source recordings for one",
                    "%n classes have no validation recording ({names}): their accuracy "
                    "cannot be measured; a class needs 4 source recordings for one",
                ),
                len(no_val),
                names=_names(no_val),
            )
        )
    if table.imbalance is not None and table.imbalance > IMBALANCE_ADVICE:
        big = max(included, key=lambda c: c.splits["train"].windows)
        low = min(included, key=lambda c: c.splits["train"].windows)
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice",
                    "classes are imbalanced: {big} has {big_n} training windows, {low} "
                    "{low_n}; balancing (classify.balance) evens what training draws, more "
                    "examples of the rare classes help more",
                ),
                big=big.name,
                big_n=big.splits["train"].windows,
                low=low.name,
                low_n=low.splits["train"].windows,
            )
        )
    if table.unlabelled:
        out.append(
            _count(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice", "%n clip(s) have no class: the classify task leaves them out"
                ),
                (
                    "%n clip has no class: the classify task leaves it out",
                    "%n clips have no class: the classify task leaves them out",
                ),
                table.unlabelled,
            )
        )
    if not out:
        out.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "ClassAdvice", "{n} classes, each with training and validation recordings"
                ),
                n=len(included),
            )
        )
    return out


def _say(template: str, **args) -> Message:
    return Message("ClassAdvice", template, **args)


def _count(template: str, english: tuple[str, str], n: int, **args) -> Message:
    return counted("ClassAdvice", template, english, n, **args)


def _names(rows: list[ClassStats], most: int = 5) -> str:
    names = ", ".join(c.name for c in rows[:most])
    return names + (f" and {len(rows) - most} more" if len(rows) > most else "")
