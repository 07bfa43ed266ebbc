"""Whether a file can be imported: the checks, cheapest first, and the reason when not.

A regular readable file, not empty, a header libsndfile or FFmpeg understands, a WAV
whose header matches its size, then one streaming decode (NaN/inf, decoder errors, fewer
frames than declared, all zeros). The file is only ever opened for reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from core.audio.io import AudioInfo, AudioReadError, decode_check, probe, wav_truncation
from core.messages import QT_TRANSLATE_NOOP, Message


def _say(template: str, **args) -> Message:
    # The reasons core.audio.failures gives too, in the same context (core.messages).
    return Message("MediaFailures", template, **args)


def _unreadable(exc: OSError) -> Message:
    return _say(
        QT_TRANSLATE_NOOP("MediaFailures", "unreadable ({why})"), why=exc.strerror or str(exc)
    )


def inspect_file(path: Path, stream: int | None) -> tuple[str | None, AudioInfo | None]:
    """The reason `path` cannot be imported, checked cheapest first (None if it is usable),
    with the probed info when it is.

    A file libsndfile reads is decoded whole once here, in blocks; one only FFmpeg reads
    is decoded later, into the project's cache, once its hash shows it is new.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return _say(QT_TRANSLATE_NOOP("MediaFailures", "file not found (broken link?)")), None
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "file not found")), None
    except OSError as exc:
        return _unreadable(exc), None
    if stat.S_ISDIR(st.st_mode):
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "is a folder, not a file")), None
    if not stat.S_ISREG(st.st_mode):
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "not a regular file (device, pipe or socket)")
        ), None
    if st.st_size == 0:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "zero-length file")), None
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return _unreadable(exc), None
    try:
        info = probe(path, stream or 0)
    except AudioReadError as exc:
        return exc.reason, None
    if info.decoder == "ffmpeg":
        return None, info
    if stream:
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "has no audio stream {stream}: it holds 1"),
            stream=stream,
        ), None
    try:
        truncated = wav_truncation(path)
    except OSError as exc:
        return _unreadable(exc), None
    if truncated:
        return truncated, None
    try:
        check = decode_check(path)
    except AudioReadError as exc:
        return exc.reason, None
    if check.peak == 0.0:
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "digital silence (every sample is zero)")
        ), None
    return None, info
