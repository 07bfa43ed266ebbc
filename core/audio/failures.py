"""Why a file gave no audio, in words the user can act on: the checks made before FFmpeg
opens a file, and the sentences built from what FFmpeg's exceptions and log said."""

from __future__ import annotations

import os
import re
import stat

# FFmpeg's log folds repeats into a line of its own, which says nothing to the user.
_REPEAT_NOTE = re.compile(r"\s*\((last message )?repeated \d+ more times?\)", re.IGNORECASE)


def regular_file_problem(path: str | os.PathLike) -> str | None:
    """Why `path` must not be opened, or None. Checked with stat, before any open: a FIFO
    or a device named like audio would block or never end."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file not found"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, pipe or socket)"
    if st.st_size == 0:
        return "zero-length file"
    if not os.access(path, os.R_OK):
        return "unreadable (permission denied)"
    return None


def unsupported_codec_reason(stream: int) -> str:
    return f"unsupported codec: FFmpeg in this build has no decoder for audio stream {stream}"


def ffmpeg_reason(exc: Exception, logs: list) -> str:
    """One line the user can act on from a PyAV exception and FFmpeg's log lines."""
    import av

    lines = (_REPEAT_NOTE.sub("", m).strip() for level, _name, m in logs if level <= 16)
    said = "; ".join(dict.fromkeys(line for line in lines if line))
    if isinstance(exc, av.error.FileNotFoundError):
        return "file not found"
    if isinstance(exc, av.error.PermissionError):
        return "unreadable (permission denied)"
    # A container cut short, or random bytes behind a real magic number ("OggS"), runs
    # the demuxer off the end of the file while it still looks for the first stream.
    if isinstance(exc, (av.error.InvalidDataError, av.error.EOFError)):
        detail = f" (FFmpeg: {said})" if said else ""
        return f"not a readable media file: truncated or corrupt container, or not audio{detail}"
    text = getattr(exc, "strerror", None) or str(exc)
    return f"unreadable media ({text}{'; FFmpeg: ' + said if said else ''})"
