"""Why a file gave no audio, in words the user can act on: the checks made before FFmpeg
opens a file, and the sentences built from what FFmpeg's exceptions and log said."""

from __future__ import annotations

import os
import re
import stat

from core.messages import QT_TRANSLATE_NOOP, Message

# FFmpeg's log folds repeats into a line of its own, which says nothing to the user.
_REPEAT_NOTE = re.compile(r"\s*\((last message )?repeated \d+ more times?\)", re.IGNORECASE)
# Messages (core.messages): the GUI shows them translated; the rejects table stores their
# English, which the file list translates back when it is one of the fixed ones.
CONTEXT = "MediaFailures"
NOT_FOUND = QT_TRANSLATE_NOOP("MediaFailures", "file not found")
DENIED = QT_TRANSLATE_NOOP("MediaFailures", "unreadable (permission denied)")


def _say(template: str, **args) -> Message:
    return Message(CONTEXT, template, **args)


def regular_file_problem(path: str | os.PathLike) -> str | None:
    """Why `path` must not be opened, or None. Checked with stat, before any open: a FIFO
    or a device named like audio would block or never end."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _say(NOT_FOUND)
    except OSError as exc:
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "unreadable ({why})"), why=exc.strerror or str(exc)
        )
    if stat.S_ISDIR(st.st_mode):
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "is a folder, not a file"))
    if not stat.S_ISREG(st.st_mode):
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "not a regular file (device, pipe or socket)")
        )
    if st.st_size == 0:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "zero-length file"))
    if not os.access(path, os.R_OK):
        return _say(DENIED)
    return None


def unsupported_codec_reason(stream: int) -> str:
    return _say(
        QT_TRANSLATE_NOOP(
            "MediaFailures",
            "unsupported codec: FFmpeg in this build has no decoder for audio stream {stream}",
        ),
        stream=stream,
    )


def ffmpeg_reason(exc: Exception, logs: list) -> str:
    """One line the user can act on from a PyAV exception and FFmpeg's log lines."""
    import av

    lines = (_REPEAT_NOTE.sub("", m).strip() for level, _name, m in logs if level <= 16)
    said = "; ".join(dict.fromkeys(line for line in lines if line))
    if isinstance(exc, av.error.FileNotFoundError):
        return _say(NOT_FOUND)
    if isinstance(exc, av.error.PermissionError):
        return _say(DENIED)
    # A container cut short, or random bytes behind a real magic number ("OggS"), runs
    # the demuxer off the end of the file while it still looks for the first stream.
    if isinstance(exc, (av.error.InvalidDataError, av.error.EOFError)):
        detail = f" (FFmpeg: {said})" if said else ""
        return _say(
            QT_TRANSLATE_NOOP(
                "MediaFailures",
                "not a readable media file: truncated or corrupt container, or not audio{detail}",
            ),
            detail=detail,
        )
    text = getattr(exc, "strerror", None) or str(exc)
    return f"unreadable media ({text}{'; FFmpeg: ' + said if said else ''})"
