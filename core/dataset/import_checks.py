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


def check_file(path: Path, stream: int | None = None) -> str | None:
    """The reason `path` cannot be imported, checked cheapest first; None if it is usable.

    A file libsndfile reads is decoded whole once here, in blocks; one only FFmpeg reads
    is decoded later, into the project's cache, once its hash shows it is new.
    """
    reason, _info = inspect_file(path, stream)
    return reason


def inspect_file(path: Path, stream: int | None) -> tuple[str | None, AudioInfo | None]:
    """`check_file`'s reason, with the probed info when the file is usable."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ("file not found (broken link?)" if path.is_symlink() else "file not found"), None
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})", None
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file", None
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, pipe or socket)", None
    if st.st_size == 0:
        return "zero-length file", None
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})", None
    try:
        info = probe(path, stream or 0)
    except AudioReadError as exc:
        return exc.reason, None
    if info.decoder == "ffmpeg":
        return None, info
    if stream:
        return f"has no audio stream {stream}: it holds 1", None
    try:
        truncated = wav_truncation(path)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})", None
    if truncated:
        return truncated, None
    try:
        check = decode_check(path)
    except AudioReadError as exc:
        return exc.reason, None
    if check.peak == 0.0:
        return "digital silence (every sample is zero)", None
    return None, info
