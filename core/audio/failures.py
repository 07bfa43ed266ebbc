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
    if said:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "unreadable media ({text}; FFmpeg: {said})"),
                    text=text, said=said)  # fmt: skip
    return _say(QT_TRANSLATE_NOOP("MediaFailures", "unreadable media ({text})"), text=text)


def soundfile_reason(exc: Exception) -> str:
    """One line the user can act on from a libsndfile error."""
    # LibsndfileError's str() is often just "Error opening '<path>': "; the useful words
    # are in error_string.
    text = getattr(exc, "error_string", "") or str(exc)
    lowered = text.lower()
    said = text.strip().rstrip(".")
    if "format not recognised" in lowered or "unknown format" in lowered:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "not an audio file (format not recognised)"))
    if "unimplemented format" in lowered or "unsupported" in lowered:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "unsupported audio format"))
    if "permission denied" in lowered:
        return _say(DENIED)
    if "does not exist or is not a regular file" in lowered:
        # What libsndfile says when its MP3 decoder gives up on a file that does exist.
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "not a readable audio file (the decoder "
                                      "could not open it; corrupt or mislabelled)"))  # fmt: skip
    if "no such file" in lowered or "system error" in lowered:
        return _say(
            QT_TRANSLATE_NOOP("MediaFailures", "unreadable (file missing or not accessible)")
        )
    if "malformed" in lowered or "sf_info struct incomplete" in lowered:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "corrupt or unsupported header ({said})"),
                    said=said)  # fmt: skip
    if "lost sync" in lowered or "decoder" in lowered:
        return _say(QT_TRANSLATE_NOOP("MediaFailures", "truncated or corrupt audio data ({said})"),
                    said=said)  # fmt: skip
    last = text.strip().splitlines()[-1] if text.strip() else type(exc).__name__
    return _say(QT_TRANSLATE_NOOP("MediaFailures", "unreadable audio ({said})"), said=last)


def say(template: str, **args) -> Message:
    """A reason of context MediaFailures (the template marked with QT_TRANSLATE_NOOP)."""
    return _say(template, **args)
