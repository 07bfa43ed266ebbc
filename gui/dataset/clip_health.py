"""What the file list says of a clip before any statistics: its health from the header and
the source's state (missing, changed, very short, a low rate, damaged, edited), its
length after its edits, and a pair's alignment."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.dataset.measure import edited_frames
from gui.localized import format_duration, format_text, number


def clip_health(clip, state: str) -> tuple[str, list[str]]:
    """("ok" | "warn" | "bad", reasons) from the header and the source's state."""
    reasons = []
    level = "ok"
    if state == "missing":
        return "bad", [QCoreApplication.translate("FileBrowser", "source file is missing")]
    if state == "changed":
        level = "warn"
        reasons.append(
            QCoreApplication.translate(
                "FileBrowser", "source file changed since import (size or time differ)"
            )
        )
    if clip.duration < 1.0:
        level = "warn"
        reasons.append(
            QCoreApplication.translate("FileBrowser", "very short ({seconds} s)").format(
                seconds=number(clip.duration, 2)
            )
        )
    if clip.sample_rate < 16000:
        level = "warn"
        reasons.append(
            QCoreApplication.translate("FileBrowser", "low sample rate ({rate} Hz)").format(
                rate=number(clip.sample_rate)
            )
        )
    if clip.note:  # a damaged source that kept what decoded
        level = "warn"
        reasons.append(clip.note)
    if clip.edits:
        n = len(clip.edits)  # a plain name: lupdate skips a count that is an expression
        reasons.append(QCoreApplication.translate("FileBrowser", "%n edit(s) applied", "", n))
    return level, reasons or [ok_text()]


def ok_text() -> str:
    return QCoreApplication.translate("FileBrowser", "ok")


def state_name(state: str) -> str:
    names = {
        "missing": QCoreApplication.translate("FileBrowser", "missing"),
        "changed": QCoreApplication.translate("FileBrowser", "changed"),
    }
    return names.get(state, QCoreApplication.translate("FileBrowser", "check"))


def edited_duration_text(clip) -> str:
    """A clip's length after its edits, from the index ("~" when silence removal or an
    exclusion makes it depend on the audio)."""
    if not clip.sample_rate:
        return format_duration(None)
    frames, exact = edited_frames(clip.frames, clip.edits)
    return ("" if exact else "~") + format_duration(frames / clip.sample_rate, decimals=1)


def pair_tooltip(pair) -> str:
    return format_text(
        QCoreApplication.translate(
            "FileBrowser",
            "input {input}\ntarget {target}\noffset {offset} samples, length difference "
            "{diff}, confidence {confidence:.2f}",
        ),
        input=pair.input.path,
        target=pair.target.path,
        offset=pair.offset,
        diff=pair.length_diff,
        confidence=pair.confidence,
    )


def pair_confidence(pair) -> str:
    template = QCoreApplication.translate("FileBrowser", "alignment confidence {c:.2f}")
    return format_text(template, c=pair.confidence)
