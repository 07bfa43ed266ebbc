"""Decoding through FFmpeg (PyAV) for every file libsndfile cannot read.

libsndfile (core.audio.io) stays the path for what it reads well: WAV, FLAC, AIFF,
OGG/Vorbis/Opus, MP3, ... open with an exact frame count and seek sample-exactly and
fast. Everything else people actually have goes through FFmpeg's libraries, bundled in
the `av` wheel (no system ffmpeg): AAC in .m4a/.mp4/.mov, Opus or Vorbis in .webm/.mkv,
the soundtrack of a video, AMR in .amr/.3gp, telephone prompts in raw G.722 or GSM, AC-3,
WMA, ALAC, ...

The interface is small and stable (other modules and branches build on it); what a file
holds, read from its header, is core.audio.media_probe (probe, MediaInfo, DecodeError):

    read(path, start, stop, stream) -> (audio, rate)   float32 (frames, channels)
    open_audio(path, stream) -> AudioDecoder    .blocks(n) streams the stream in order

Only the chosen audio stream's packets reach a decoder: the others (video, subtitles,
the other audio tracks) are discarded by the demuxer, so video frames are never decoded.

Compressed streams do not seek sample-exactly (a seek lands on a packet, and codecs with
priming or overlapping frames need a run-in), so the rest of the app never seeks in them:
it reads a lossless copy decoded once (core.audio.decoded_cache). `read` with a start seeks a
little early and places the packets by their timestamps where those count single samples
(MP4/MOV, raw streams), which gives the same samples as a decode from the beginning; where
they are coarser (Matroska/WebM count milliseconds, 48 samples at 48 kHz) it decodes from
the beginning instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from core.audio.failures import CONTEXT, unsupported_codec_reason
from core.audio.media_probe import DecodeError, media_info, open_container
from core.messages import QT_TRANSLATE_NOOP, Message, counted

# Containers whose header or index states the stream's length, so a decode that comes up
# short means data was lost. Raw streams (ADTS, AMR, G.722, ...) only estimate a duration
# from the bit rate, and a cut raw file is indistinguishable from a short one.
_INDEXED_CONTAINERS = ("mov", "mp4", "matroska", "webm", "avi", "asf", "ogg", "flv", "caf")
# Shortfall tolerated against the declared length: codec frames of padding and priming.
_SHORTFALL_S = 0.25
_SHORTFALL_FRACTION = 0.002
# Packets the decoder may reject before anything decoded, before the stream is called corrupt.
_MAX_BAD_PACKETS_AT_START = 50
# How far before a requested start a ranged read seeks: codecs need a run-in (Opus asks
# for 80 ms, AAC for one frame) before their output matches a decode from the beginning.
_SEEK_PREROLL_S = 0.5


def _to_array(frame, dtype: str) -> np.ndarray:
    """A decoded frame as (samples, channels) in `dtype` ("float32" or "int16")."""
    a = frame.to_ndarray()
    channels = frame.layout.nb_channels
    a = a.T if frame.format.is_planar else a.reshape(-1, channels)
    kind = frame.format.name.rstrip("p")
    if dtype == "int16":
        if kind != "s16":
            raise ValueError(f"int16 blocks asked of a {frame.format.name} decoder")
        return np.ascontiguousarray(a)
    if kind == "s16":
        return a.astype(np.float32) / np.float32(32768.0)
    if kind == "s32":
        return (a.astype(np.float64) / 2147483648.0).astype(np.float32)
    if kind == "u8":
        return (a.astype(np.float32) - 128.0) / np.float32(128.0)
    if kind == "s64":
        return (a.astype(np.float64) / 9223372036854775808.0).astype(np.float32)
    return np.ascontiguousarray(a, dtype=np.float32)


class AudioDecoder:
    """One audio stream of a media file, decoded in order, block by block.

    Opening decodes the first frame, so the rate, channel count and sample format are the
    ones the decoder really produces (HE-AAC doubles the rate its header declares), and a
    stream without a single decodable frame fails here with a reason. After `blocks` is
    exhausted, `frames_read` is the exact length and `damage` says what was lost, if
    anything: a damaged file keeps what decoded.
    """

    def __init__(self, path: str | os.PathLike, stream: int = 0) -> None:
        import av
        from av.stream import Discard

        self.path = Path(path)
        self._container = open_container(self.path)
        try:
            self.info = media_info(self.path, self._container)
            self.stream = self.info.stream(stream)
            self._stream = self._container.streams.audio[stream]
            if self._stream.codec_context is None:
                raise DecodeError(self.path, unsupported_codec_reason(stream))
            for other in self._container.streams:
                if other is not self._stream:
                    other.discard = Discard.all  # demuxed past, never decoded
            self._av_error = av.error.FFmpegError
            self._resampler = None
            self._bad_packets = 0
            self._demux_error: str | None = None
            self._packets = self._container.demux(self._stream)
            self._first = None
            self._first = self._first_frame()
        except BaseException:
            self._container.close()
            raise
        self.sample_rate = int(self._first.sample_rate)
        self.channels = int(self._first.layout.nb_channels)
        self.sample_format = self._first.format.name  # e.g. "fltp", "s16"
        self._first_pts = self._first.pts
        self._time_base = self._first.time_base
        self.frames_read = 0
        self.damage: str | None = None

    # -- what the decoder produces ---------------------------------------------------
    @property
    def integer16(self) -> bool:
        """The decoder produces 16-bit integers (G.722, GSM, PCM): FLAC stores them exactly."""
        return self.sample_format.rstrip("p") == "s16"

    def _decoded(self) -> Iterator:
        """Frames of the chosen stream; bad packets are counted and passed over."""
        while True:
            try:
                packet = next(self._packets)
            except StopIteration:
                return
            except self._av_error as exc:  # the container broke off (truncated, damaged)
                self._demux_error = str(exc)
                return
            try:
                frames = packet.decode()
            except self._av_error:
                self._bad_packets += 1
                if self._first is None and self._bad_packets > _MAX_BAD_PACKETS_AT_START:
                    return  # nothing decodes: not worth reading the rest of the file
                continue
            yield from frames

    def _first_frame(self):
        for frame in self._decoded():
            if frame.samples > 0:
                return frame
        s = self.stream
        if self._bad_packets:
            said = QT_TRANSLATE_NOOP("MediaFailures", "corrupt audio data: the {codec} decoder rejected every packet it was given ({bad})")  # fmt: skip
            raise DecodeError(self.path, Message(CONTEXT, said, codec=s.codec, bad=self._bad_packets))  # fmt: skip
        if self._demux_error:
            said = QT_TRANSLATE_NOOP("MediaFailures", "truncated or corrupt container ({error})")
            raise DecodeError(self.path, Message(CONTEXT, said, error=self._demux_error.strip()))
        said = QT_TRANSLATE_NOOP("MediaFailures", "zero-length stream: audio stream {index} holds no samples")  # fmt: skip
        raise DecodeError(self.path, Message(CONTEXT, said, index=s.index))

    def _normalised(self, frame):
        """Frames that change rate, layout or format mid-stream are converted to the first's."""
        first = self._first
        if (
            frame.sample_rate == first.sample_rate
            and frame.format.name == first.format.name
            and frame.layout.name == first.layout.name
        ):
            return [frame]
        import av

        if self._resampler is None:
            self._resampler = av.AudioResampler(
                format=first.format.name, layout=first.layout.name, rate=first.sample_rate
            )
        return self._resampler.resample(frame)

    def _frames(self) -> Iterator:
        yield self._first
        for frame in self._decoded():
            yield from self._normalised(frame)
        if self._resampler is not None:  # it holds back a filter's worth of samples
            yield from self._resampler.resample(None)

    def blocks(self, block_frames: int = 1 << 16, dtype: str = "float32") -> Iterator[np.ndarray]:
        """(block_frames, channels) arrays in order, the last one shorter.

        dtype "int16" (only when `integer16`) hands over the decoder's integers untouched.
        """
        if dtype not in ("float32", "int16"):
            raise ValueError(f"dtype must be float32 or int16, not {dtype!r}")
        pending: list[np.ndarray] = []
        held = 0
        for frame in self._frames():
            a = _to_array(frame, dtype)
            if not len(a):
                continue
            pending.append(a)
            held += len(a)
            while held >= block_frames:
                joined = np.concatenate(pending) if len(pending) > 1 else pending[0]
                block, rest = joined[:block_frames], joined[block_frames:]
                pending, held = ([rest] if len(rest) else []), len(rest)
                self.frames_read += len(block)
                yield block
        if held:
            block = np.concatenate(pending) if len(pending) > 1 else pending[0]
            self.frames_read += len(block)
            yield block
        self.damage = self._damage_report()

    def _damage_report(self) -> Message | None:
        got = self.frames_read / self.sample_rate
        declared = self.stream.duration
        trusted = declared is not None and any(
            n in self.info.container for n in _INDEXED_CONTAINERS
        )
        short = trusted and got < declared - max(_SHORTFALL_S, _SHORTFALL_FRACTION * declared)
        if not (short or self._bad_packets or self._demux_error):
            return None
        # Messages (core.messages), each optional part bringing its own separator, so a
        # face can show the report in its reader's language.
        if short:
            said = QT_TRANSLATE_NOOP("MediaFailures", "decoded {got:.1f} s of the {declared:.1f} s the container declares ({percent:.0f} %)")  # fmt: skip
            decoded = Message(CONTEXT, said, got=got, declared=declared, percent=100 * got / declared)  # fmt: skip
        else:
            decoded = Message(CONTEXT, QT_TRANSLATE_NOOP("MediaFailures", "decoded {got:.1f} s"), got=got)  # fmt: skip
        packets = breaks = ""
        if self._bad_packets:
            packets = counted(CONTEXT, QT_TRANSLATE_NOOP("MediaFailures", "; %n damaged packet(s) skipped"),
                              ("; %n damaged packet skipped", "; %n damaged packets skipped"), self._bad_packets)  # fmt: skip
        if self._demux_error:
            said = QT_TRANSLATE_NOOP("MediaFailures", "; the container breaks off ({error})")
            breaks = Message(CONTEXT, said, error=self._demux_error.strip())
        said = QT_TRANSLATE_NOOP("MediaFailures", "damaged: {decoded}{packets}{breaks}; kept what decoded")  # fmt: skip
        return Message(CONTEXT, said, decoded=decoded, packets=packets, breaks=breaks)

    # -- positioning ------------------------------------------------------------------
    def _position(self, frame) -> int | None:
        if frame.pts is None or self._first_pts is None or frame.time_base is None:
            return None
        return int(round((frame.pts - self._first_pts) * frame.time_base * self.sample_rate))

    def read_range(self, start: int, stop: int | None, seek: bool = True) -> np.ndarray:
        """Frames [start, stop) as float32 (see the module docstring on exactness).

        Call on a fresh decoder, instead of `blocks`."""
        if start < 0 or (stop is not None and stop < start):
            raise ValueError(f"bad range [{start}, {stop})")
        parts: list[np.ndarray] = []
        pos: int | None = 0
        frames = self._frames()
        tb = self._stream.time_base
        fine = tb is not None and float(tb) * self.sample_rate <= 1.0  # one tick <= one sample
        if seek and fine and start > 0 and self._first_pts is not None:
            target = start / self.sample_rate - _SEEK_PREROLL_S
            if target > 0:
                ts = self._first_pts + int(target / float(self._stream.time_base))
                try:
                    self._container.seek(ts, stream=self._stream, backward=True)
                    self._packets = self._container.demux(self._stream)
                    self._stream.codec_context.flush_buffers()
                    frames = (f for frame in self._decoded() for f in self._normalised(frame))
                    pos = None  # from the next frame's timestamp
                except self._av_error:
                    pos = 0
        for frame in frames:
            if pos is None:
                pos = self._position(frame)
                if pos is None:  # no timestamps after all: start over from the beginning
                    with AudioDecoder(self.path, self.stream.index) as again:
                        return again.read_range(start, stop, seek=False)
            a = _to_array(frame, "float32")
            end = pos + len(a)
            if end > start:
                parts.append(a[max(0, start - pos) :])
            pos = end
            if stop is not None and pos >= stop:
                break
        out = np.concatenate(parts) if parts else np.zeros((0, self.channels), np.float32)
        if stop is not None:
            out = out[: stop - start]
        return np.ascontiguousarray(out)

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> AudioDecoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_audio(path: str | os.PathLike, stream: int = 0) -> AudioDecoder:
    """A decoder for audio stream `stream` (0: the first), ready to stream blocks."""
    return AudioDecoder(path, stream)


def read(
    path: str | os.PathLike, start: int = 0, stop: int | None = None, stream: int = 0
) -> tuple[np.ndarray, int]:
    """Frames [start, stop) of an audio stream as float32 (frames, channels), and the rate.

    A whole read (start 0, stop None) decodes the stream in order and is exact. Damage is
    tolerated as in `AudioDecoder`: what decoded is returned.
    """
    with AudioDecoder(path, stream) as dec:
        if start == 0 and stop is None:
            blocks = list(dec.blocks(1 << 18))
            audio = np.concatenate(blocks) if blocks else np.zeros((0, dec.channels), np.float32)
            return np.ascontiguousarray(audio), dec.sample_rate
        return dec.read_range(start, stop), dec.sample_rate
