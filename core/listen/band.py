"""Which band a model treats, next to the band an input holds: known before processing, so
the Listen tab can warn that a 48 kHz podcast through a 22,050 Hz model comes back without
its top octave. Reads only a run's config.json and the input's first seconds (no torch)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from core.audio.bandwidth import content_bandwidth
from core.audio.io import AudioReadError, probe, read_audio
from core.messages import QT_TRANSLATE_NOOP, Message

PROBE_SECONDS = 30.0  # seconds from the start of the input measured for its content


@dataclass(frozen=True)
class BandCheck:
    model_rate: int | None  # None: not known before loading (a loose checkpoint file)
    input_rate: int
    content_hz: float  # where the input's content stops

    @property
    def model_top_hz(self) -> float | None:
        return self.model_rate / 2 if self.model_rate else None

    @property
    def drops_hz(self) -> float:
        """Content above the model's band that processing would lose (0: none)."""
        top = self.model_top_hz
        if top is None or self.content_hz <= 1.05 * top:
            return 0.0
        return self.content_hz - top

    def text(self) -> Message:
        """The check in words (a core Message: the GUI shows it in the reader's language)."""
        if self.model_rate:
            model = Message(
                "BandCheck",
                QT_TRANSLATE_NOOP("BandCheck", "Model band: up to {top:.1f} kHz ({rate} Hz model)"),
                top=self.model_top_hz / 1000,
                rate=self.model_rate,
            )
        else:
            model = Message(
                "BandCheck",
                QT_TRANSLATE_NOOP("BandCheck", "Model band: known once the model is loaded"),
            )
        args = {"model": model, "rate": self.input_rate, "content": self.content_hz / 1000}
        if not self.drops_hz:
            return Message(
                "BandCheck",
                QT_TRANSLATE_NOOP(
                    "BandCheck", "{model}. Input: {rate} Hz, content up to {content:.1f} kHz."
                ),
                **args,
            )
        return Message(
            "BandCheck",
            QT_TRANSLATE_NOOP(
                "BandCheck",
                "{model}. Input: {rate} Hz, content up to {content:.1f} kHz. Processing cuts what "
                "lies above {top:.1f} kHz ({drops:.1f} kHz of the input's band).",
            ),
            top=self.model_top_hz / 1000,
            drops=self.drops_hz / 1000,
            **args,
        )


def model_rate_of(model_path: str | os.PathLike) -> int | None:
    """The sample rate a model was trained at, from its run's config.json (a run folder, or
    a checkpoint inside one); None when no config is beside it."""
    path = Path(model_path)
    for folder in (path, path.parent, path.parent.parent):
        try:
            cfg = json.loads((folder / "config.json").read_text())
        except (OSError, ValueError):
            continue
        rate = cfg.get("data", {}).get("sample_rate")
        if isinstance(rate, int) and rate > 0:
            return rate
    return None


def band_check(input_path: str | os.PathLike, model_path: str | os.PathLike | None) -> BandCheck:
    """The input's rate and content bandwidth against the model's band. Raises
    AudioReadError for an input that cannot be read."""
    info = probe(input_path)
    head, sr = read_audio(input_path, 0, int(PROBE_SECONDS * info.sample_rate), check_finite=False)
    if head.shape[0] == 0:
        raise AudioReadError(
            input_path, Message("MediaFailures", QT_TRANSLATE_NOOP("MediaFailures", "no audio"))
        )
    rate = model_rate_of(model_path) if model_path else None
    return BandCheck(rate, int(sr), content_bandwidth(head.mean(axis=1), sr))
