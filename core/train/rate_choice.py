"""The sample rate a preset trains at, chosen from the project's audio.

A 16 kHz project trained at 22,050 Hz gives the model 3 kHz of empty band it must learn to
ignore and costs 40 % more compute for nothing; a 48 kHz project trained at 22,050 Hz cannot
clean its top octave. So unless the user sets `data.sample_rate`, the preset follows the rate
that holds most of the project's training audio, within the preset's range, and says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core.dataset.project import Project
from core.messages import QT_TRANSLATE_NOOP, Message

# (lowest, highest) rate each preset trains at: the speech model's cost grows with the
# rate and a voice has little above 12 kHz; the music U-Net is meant for full band.
PRESET_RANGES = {"speech": (16000, 24000), "music": (44100, 48000)}
DEFAULT_RATES = {"speech": 22050, "music": 44100}


def dominant_rate(project: Project, task: str) -> int | None:
    """The rate of most seconds of training audio (clean clips, or pair inputs)."""
    seconds: Counter[int] = Counter()
    if task == "paired":
        for pair in project.pairs():
            seconds[pair.input.sample_rate] += pair.input.duration
    else:
        for clip in project.clips(role="clean"):
            seconds[clip.sample_rate] += clip.duration
    return max(seconds, key=lambda r: (seconds[r], r)) if seconds else None


def preset_rate(preset: str, rate: int | None) -> int:
    """The rate `preset` trains at for audio mostly at `rate` (None: the preset's default)."""
    low, high = PRESET_RANGES[preset]
    if rate is None:
        return DEFAULT_RATES[preset]
    if rate <= low:
        return low
    if rate <= high:
        return rate
    # Above the range: the highest rate of the same family (48 k -> 24 k, 44.1 k -> 22.05 k)
    # so resampling is by a whole factor where it can be.
    for candidate in range(high, low - 1, -1):
        if rate % candidate == 0:
            return candidate
    return high if rate % 8000 == 0 else min(high, 22050 if preset == "speech" else 44100)


@dataclass(frozen=True)
class RateChoice:
    """The rate a preset trains at on a project, and why."""

    rate: int
    found: int | None  # the rate of most of the project's audio; None: no audio yet
    preset: Message  # the preset's name, in the interface's words
    why: Message  # why this rate, a clause: "most of the project's audio is 16000 Hz"


def rate_choice(project: Project, preset: str, task: str) -> RateChoice:
    """The rate a new run of `preset` on this project trains at, with its reason (a face
    words the sentence around it: the command line's `choose_rate`, the Training tab's hint)."""
    found = dominant_rate(project, task)
    rate = preset_rate(preset, found)
    # The preset's name in the interface's words (the GUI's ConfigValue names).
    name = Message("ConfigValue", preset)
    if found is None:
        why = Message(
            "RateChoice",
            QT_TRANSLATE_NOOP("RateChoice", "the {preset} preset's default (no audio yet)"),
            preset=name,
        )
    elif found == rate:
        why = Message(
            "RateChoice",
            QT_TRANSLATE_NOOP("RateChoice", "most of the project's audio is {found} Hz"),
            found=found,
        )
    else:
        why = Message(
            "RateChoice",
            QT_TRANSLATE_NOOP(
                "RateChoice",
                "most of the project's audio is {found} Hz; the {preset} preset trains at {rate} "
                "Hz for it",
            ),
            found=found, preset=name, rate=rate,
        )  # fmt: skip
    return RateChoice(rate, found, name, why)


def choose_rate(project: Project, preset: str, task: str) -> tuple[int, str]:
    """(rate, a sentence saying why) for a new run of `preset` on this project, as the
    command line says it (its way to change it is --set data.sample_rate=…)."""
    choice = rate_choice(project, preset, task)
    if choice.found is None:
        return choice.rate, Message(
            "RateChoice", "sample rate {rate} Hz: {why}", rate=choice.rate, why=choice.why
        )
    return choice.rate, Message(
        "RateChoice",
        "sample rate {rate} Hz from the project ({why}); set data.sample_rate to change it",
        rate=choice.rate, why=choice.why,
    )  # fmt: skip
