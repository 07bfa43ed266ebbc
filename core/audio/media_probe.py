"""What a media file holds, read from its header through FFmpeg (PyAV), decoding nothing.

    probe(path) -> MediaInfo        container, duration, audio streams, video

`open_container` is the one way a file is opened for FFmpeg (the format hint a headerless
file needs, FFmpeg's own log in the reason when it fails); core.audio.decode decodes from it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from core.audio.failures import CONTEXT, ffmpeg_reason, regular_file_problem
from core.audio.formats import HEADERLESS_FORMATS
from core.audio.io import AudioReadError
from core.messages import QT_TRANSLATE_NOOP, Message, counted


class DecodeError(AudioReadError):
    """FFmpeg could not give audio from a file; the message names the file and the reason."""


@dataclass(frozen=True)
class AudioStream:
    """One audio stream of a file, as the container declares it."""

    index: int  # position among the file's audio streams: what `stream=` and --stream take
    codec: str  # FFmpeg's decoder name, e.g. "aac", "opus", "g722"
    codec_long: str
    sample_rate: int
    channels: int
    duration: float | None  # seconds the container declares, None when it does not say
    language: str | None = None
    title: str | None = None

    def describe(self) -> str:
        """'aac, 48000 Hz, 2 ch, 12.3 s, eng "Commentary"' for lists shown to the user."""
        parts = [self.codec, f"{self.sample_rate} Hz", f"{self.channels} ch"]
        if self.duration is not None:
            parts.append(f"{self.duration:.1f} s")
        text = ", ".join(parts)
        if self.language:
            text += f", {self.language}"
        if self.title:
            text += f' "{self.title}"'
        return text


@dataclass(frozen=True)
class MediaInfo:
    """What a media file holds, read from its header without decoding audio."""

    path: str
    container: str  # FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
    container_long: str
    duration: float | None  # seconds, container-wide
    audio: tuple[AudioStream, ...]
    video: tuple[str, ...] = field(default=())  # codec names of real video streams

    @property
    def is_video(self) -> bool:
        """A video file (cover art in an .m4a does not count)."""
        return bool(self.video)

    def stream(self, index: int) -> AudioStream:
        """Audio stream `index`, or DecodeError saying which ones exist."""
        if not self.audio:
            raise DecodeError(self.path, no_audio_reason(self))
        if not 0 <= index < len(self.audio):
            n = len(self.audio)
            if n > 1:
                said = QT_TRANSLATE_NOOP("MediaFailures", "has no audio stream {index}: it holds {n} (0 to {last})")  # fmt: skip
            else:
                said = QT_TRANSLATE_NOOP("MediaFailures", "has no audio stream {index}: it holds {n}")  # fmt: skip
            raise DecodeError(self.path, Message(CONTEXT, said, index=index, n=n, last=n - 1))
        return self.audio[index]


def no_audio_reason(info: MediaInfo) -> Message:
    if info.container.endswith("_pipe") or info.container in ("image2", "gif"):
        said = QT_TRANSLATE_NOOP("MediaFailures", "not an audio file (a {kind} image)")
        return Message(CONTEXT, said, kind=info.container.removesuffix("_pipe"))
    if info.video:
        streams = counted(CONTEXT, QT_TRANSLATE_NOOP("MediaFailures", "%n video stream(s)"),
                          ("%n video stream", "%n video streams"), len(info.video))  # fmt: skip
        said = QT_TRANSLATE_NOOP("MediaFailures", "no audio stream (a video with {streams}, {codecs}, and its audio missing)")  # fmt: skip
        return Message(CONTEXT, said, streams=streams, codecs=", ".join(info.video))
    # Bytes that FFmpeg could only take for some raw format hold no stream a user made;
    # "no audio stream" alone would suggest a video whose soundtrack is missing.
    said = QT_TRANSLATE_NOOP("MediaFailures", "not a readable audio file: FFmpeg found no audio in it (read as {container})")  # fmt: skip
    return Message(CONTEXT, said, container=info.container)


def format_hint(path: str | os.PathLike) -> tuple[str | None, dict[str, str]]:
    """The FFmpeg demuxer (and its options) a headerless file needs; (None, {}) to probe."""
    return HEADERLESS_FORMATS.get(Path(path).suffix.lower(), (None, {}))


def open_container(path: Path):
    """The container of `path` opened for demuxing, or DecodeError with FFmpeg's reason."""
    import av
    import av.logging

    problem = regular_file_problem(path)
    if problem is not None:
        raise DecodeError(path, problem)
    fmt, options = format_hint(path)
    # FFmpeg's own log says why an open failed ("moov atom not found"); PyAV leaves it
    # off unless asked, and the capture is per thread, so imports in parallel stay apart.
    if av.logging.get_level() is None:
        av.logging.set_level(av.logging.ERROR)
        # Past the open, FFmpeg complains once per damaged packet ("Reserved bit set."):
        # the decoder sums those up in its reason or `damage`, so they stay out of the
        # user's terminal unless a logger level for "libav" is set on purpose.
        lib_log = logging.getLogger("libav")
        if lib_log.level == logging.NOTSET:
            lib_log.setLevel(logging.CRITICAL)
    with av.logging.Capture() as logs:
        try:
            return av.open(str(path), format=fmt, options=options, timeout=None)
        except av.error.FFmpegError as exc:
            raise DecodeError(path, ffmpeg_reason(exc, logs)) from exc
        except (OSError, ValueError) as exc:
            said = QT_TRANSLATE_NOOP("MediaFailures", "unreadable media ({exc})")
            raise DecodeError(path, Message(CONTEXT, said, exc=str(exc))) from exc


def _stream_duration(s, meta: dict) -> float | None:
    """Seconds the container declares for one stream: its own duration, or the DURATION
    tag Matroska muxers write per track ("00:01:02.500000000")."""
    if s.duration is not None and s.time_base is not None:
        return float(s.duration * s.time_base)
    tag = meta.get("DURATION") or meta.get("duration")
    if tag:
        try:
            h, m, sec = tag.split(":")
            return int(h) * 3600 + int(m) * 60 + float(sec)
        except ValueError:
            return None
    return None


def media_info(path: Path, container) -> MediaInfo:
    """The MediaInfo of an open container."""
    from av.stream import Disposition

    audio = []
    for i, s in enumerate(container.streams.audio):
        ctx = s.codec_context
        meta = s.metadata or {}
        duration = _stream_duration(s, meta)
        if duration is None and len(container.streams) == 1 and container.duration is not None:
            duration = container.duration / 1_000_000  # the file's length is the stream's
        title = meta.get("title") or None
        audio.append(
            AudioStream(
                index=i,
                codec=ctx.name if ctx is not None else "unknown",
                codec_long=(ctx.codec.long_name if ctx is not None else "no decoder"),
                sample_rate=int(ctx.sample_rate) if ctx is not None else 0,
                channels=int(ctx.channels) if ctx is not None else 0,
                duration=duration,
                # "und": undetermined, what muxers write when nobody said
                language=(s.language or meta.get("language") or "und").replace("und", "") or None,
                title=title,
            )
        )
    video = tuple(
        (s.codec_context.name if s.codec_context is not None else "unknown")
        for s in container.streams.video
        if not (int(s.disposition) & int(Disposition.attached_pic))
    )
    return MediaInfo(
        path=str(path),
        container=container.format.name,
        container_long=container.format.long_name,
        duration=(container.duration / 1_000_000) if container.duration is not None else None,
        audio=tuple(audio),
        video=video,
    )


def probe(path: str | os.PathLike) -> MediaInfo:
    """Container, duration, audio and video streams. Decodes nothing."""
    p = Path(path)
    container = open_container(p)
    try:
        return media_info(p, container)
    finally:
        container.close()
