"""Reading, probing, resampling and writing audio.

Everything that leaves this module is float32 shaped (frames, channels), so the rest of
the code never has to ask which layout or dtype a file had on disk.

`probe` and `read_audio` take any file: libsndfile reads what it can (WAV, FLAC, AIFF,
OGG, MP3, ...: exact frame counts, sample-exact seeks), and what it cannot open at all
goes to FFmpeg through core.audio.decode (AAC, WebM, video soundtracks, G.722, AMR, ...).
Headerless telephone formats (.g722, .gsm, ...) go to FFmpeg directly, because
libsndfile would need to be told their encoding and cannot decode G.722 at all.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from core.audio.failures import (
    regular_file_problem,
    say,
    soundfile_reason,
    unsupported_codec_reason,
)
from core.disk import atomic_output
from core.messages import QT_TRANSLATE_NOOP, Message


class AudioReadError(Exception):
    """A file could not be used as audio; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        # A Message (core.messages), so a face can show the reason in its reader's language.
        said = QT_TRANSLATE_NOOP("MediaFailures", "{path}: {reason}")
        super().__init__(Message("MediaFailures", said, path=self.path, reason=reason))


@dataclass(frozen=True)
class AudioInfo:
    """What the header says, read without decoding samples."""

    path: str
    sample_rate: int
    channels: int
    frames: int
    format: str  # container, e.g. "WAV", "FLAC", "MP4"
    subtype: str  # sample encoding, e.g. "PCM_16", "FLOAT", "AAC"
    # "sndfile": frames is exact and reads seek sample-exactly. "ffmpeg": frames is the
    # container's estimate until the stream is decoded (core.audio.decoded_cache does that once).
    decoder: str = "sndfile"

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _ffmpeg_reads(p: Path) -> bool:
    """Headerless formats libsndfile cannot be pointed at; FFmpeg needs only the name."""
    from core.audio.formats import HEADERLESS_FORMATS

    return p.suffix.lower() in HEADERLESS_FORMATS


def _not_for_sndfile(exc: Exception) -> bool:
    """libsndfile's refusal means "not a format I read" (so FFmpeg should try), not damage."""
    reason = soundfile_reason(exc)
    return reason.startswith(
        ("not an audio file", "unsupported audio format", "corrupt or unsupported header")
    )


def _second_opinion(p: Path, sndfile_exc: Exception, ffmpeg_call):
    """FFmpeg's attempt at a file libsndfile refused. When FFmpeg fails too, the reason
    shown is FFmpeg's if it recognised something (a known media extension, or its log
    named the problem: "moov atom not found"), else libsndfile's plain "not an audio file".
    """
    from core.audio.formats import DECODED_EXTENSIONS

    try:
        return ffmpeg_call()
    except AudioReadError as exc:
        ours = soundfile_reason(sndfile_exc)
        specific = exc.reason.startswith(("unsupported codec", "no audio stream", "zero-length"))
        if specific or p.suffix.lower() in DECODED_EXTENSIONS:
            raise
        if "FFmpeg:" in exc.reason:  # both read a broken header: say so with FFmpeg's words
            said = exc.reason[exc.reason.index("FFmpeg:") :].rstrip(")")
            if ours.startswith("corrupt or unsupported header"):
                ours = f"{ours.rstrip(')')}; {said})"
            else:
                raise
        raise AudioReadError(p, ours) from exc


def _ffmpeg_info(p: Path, stream: int = 0) -> AudioInfo:
    from core.audio import media_probe

    media = media_probe.probe(p)
    s = media.stream(stream)
    if s.codec == "unknown" or s.sample_rate <= 0:
        raise media_probe.DecodeError(p, unsupported_codec_reason(stream))
    if problem := rate_problem(s.sample_rate):
        raise AudioReadError(p, problem)
    duration = s.duration if s.duration is not None else (media.duration or 0.0)
    return AudioInfo(
        path=str(p),
        sample_rate=s.sample_rate,
        channels=s.channels,
        frames=int(round(duration * s.sample_rate)),
        format=media.container.split(",")[0].upper(),
        subtype=s.codec.upper(),
        decoder="ffmpeg",
    )


# Sample rates a recording can have: below 1 kHz, or above 768 kHz (the highest any
# converter offers), a header is damaged or crafted; buffers sized from it would be absurd.
MIN_RATE, MAX_RATE = 1000, 768000


def rate_problem(rate: float) -> str | None:
    if MIN_RATE <= rate <= MAX_RATE:
        return None
    said = QT_TRANSLATE_NOOP("MediaFailures", "header declares a sample rate of {rate:,.0f} Hz, outside 1 kHz–768 kHz (damaged?)")  # fmt: skip
    return Message("MediaFailures", said, rate=rate)


def probe(path: str | os.PathLike, stream: int = 0) -> AudioInfo:
    """Read the header only: rate, channels, frames, format. Decodes nothing.

    `stream` picks the audio stream of a multi-stream file (FFmpeg path only)."""
    p = Path(path)
    problem = regular_file_problem(p)
    if problem is not None:  # before any open: a FIFO named .wav would block
        raise AudioReadError(p, problem)
    if _ffmpeg_reads(p):
        return _ffmpeg_info(p, stream)
    try:
        info = sf.info(str(p))
    except Exception as exc:  # libsndfile reports every failure as a generic error
        if not _not_for_sndfile(exc):
            raise AudioReadError(p, soundfile_reason(exc)) from exc
        return _second_opinion(p, exc, lambda: _ffmpeg_info(p, stream))
    if info.format == "RAW":
        return _ffmpeg_info(p, stream)
    if info.samplerate <= 0 or info.channels <= 0:
        raise AudioReadError(p, say(QT_TRANSLATE_NOOP("MediaFailures", "header declares no samples or channels")))  # fmt: skip
    if problem := rate_problem(info.samplerate):
        raise AudioReadError(p, problem)
    if info.frames <= 0:
        raise AudioReadError(p, say(QT_TRANSLATE_NOOP("MediaFailures", "contains no audio frames")))
    return AudioInfo(
        path=str(p),
        sample_rate=int(info.samplerate),
        channels=int(info.channels),
        frames=int(info.frames),
        format=str(info.format),
        subtype=str(info.subtype),
    )


def read_audio(
    path: str | os.PathLike,
    start: int = 0,
    stop: int | None = None,
    check_finite: bool = True,
    stream: int = 0,
) -> tuple[np.ndarray, int]:
    """Decode frames [start, stop) as float32 (frames, channels) and return it with the rate.

    Integer formats are scaled to [-1, 1) by libsndfile; float files keep their values,
    which may exceed 1.0. NaN or inf samples raise, because one of them poisons a whole
    training batch. Files libsndfile cannot open are decoded by FFmpeg (core.audio.decode).
    """
    p = Path(path)
    problem = regular_file_problem(p)
    if problem is not None:  # before any open: a FIFO named .wav would block
        raise AudioReadError(p, problem)
    if _ffmpeg_reads(p):
        data, sr = _ffmpeg_read(p, start, stop, stream)
    else:
        try:
            data, sr = sf.read(str(p), start=start, stop=stop, dtype="float32", always_2d=True)
        except Exception as exc:
            if not _not_for_sndfile(exc):
                raise AudioReadError(p, soundfile_reason(exc)) from exc
            data, sr = _second_opinion(p, exc, lambda: _ffmpeg_read(p, start, stop, stream))
    if check_finite and not np.isfinite(data).all():
        bad = int(np.count_nonzero(~np.isfinite(data)))
        raise AudioReadError(p, say(QT_TRANSLATE_NOOP("MediaFailures", "contains {bad} NaN/inf samples"), bad=bad))  # fmt: skip
    return np.ascontiguousarray(data), int(sr)


def _ffmpeg_read(p: Path, start: int, stop: int | None, stream: int) -> tuple[np.ndarray, int]:
    from core.audio import decode as decoder

    return decoder.read(p, start, stop, stream)


def resample(audio: np.ndarray, sr_in: int, sr_out: int, quality: str = "HQ") -> np.ndarray:
    """Band-limited resampling with soxr; audio is (frames, channels) or (frames,)."""
    if sr_in == sr_out:
        return audio.astype(np.float32, copy=False)
    if audio.shape[0] == 0:
        shape = (0,) + audio.shape[1:]
        return np.zeros(shape, dtype=np.float32)
    out = soxr.resample(audio.astype(np.float32, copy=False), sr_in, sr_out, quality=quality)
    return np.ascontiguousarray(out, dtype=np.float32)


def to_mono(audio: np.ndarray) -> np.ndarray:
    """Average channels into (frames, 1)."""
    if audio.ndim == 1:
        return audio[:, None].astype(np.float32, copy=False)
    return audio.mean(axis=1, keepdims=True, dtype=np.float32)


def fit_length(x: np.ndarray, n: int) -> np.ndarray:
    """`x` trimmed or zero-padded at the end to `n` frames (axis 0; any further axes kept)."""
    if x.shape[0] >= n:
        return x[:n]
    return np.pad(x, [(0, n - x.shape[0])] + [(0, 0)] * (x.ndim - 1))


def match_channels(audio: np.ndarray, channels: int) -> np.ndarray:
    """Down-mix to mono or duplicate mono to the requested channel count."""
    if audio.shape[1] == channels:
        return audio
    mono = to_mono(audio)
    return np.repeat(mono, channels, axis=1) if channels > 1 else mono


WRITE_SUBTYPES = {
    "PCM_16": "16-bit integer",
    "PCM_24": "24-bit integer",
    "PCM_32": "32-bit integer",
    "FLOAT": "32-bit float",
    "DOUBLE": "64-bit float",
    "PCM_U8": "8-bit unsigned (WAV only)",
}


def write_audio(
    path: str | os.PathLike, audio: np.ndarray, sample_rate: int, subtype: str = "PCM_16"
) -> Path:
    """Write WAV or FLAC (chosen by the suffix) with the given sample encoding.

    The file is written to a temporary name and renamed, so a crash never leaves a half
    file under the final name.
    """
    p = Path(path)
    fmt = {".wav": "WAV", ".flac": "FLAC"}.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"{p}: can only write .wav or .flac, not {p.suffix!r}")
    if subtype not in WRITE_SUBTYPES:
        raise ValueError(f"{p}: unknown subtype {subtype!r}; choose from {sorted(WRITE_SUBTYPES)}")
    if not sf.check_format(fmt, subtype):
        raise ValueError(f"{p}: {fmt} cannot store {WRITE_SUBTYPES[subtype]} samples")
    data = audio if audio.ndim == 2 else audio[:, None]
    if subtype not in ("FLOAT", "DOUBLE"):
        # Integer formats clip anyway; doing it here avoids libsndfile's wrap-around.
        data = np.clip(data, -1.0, 1.0)
    p.parent.mkdir(parents=True, exist_ok=True)
    width = {"PCM_U8": 1, "PCM_16": 2, "PCM_24": 3, "DOUBLE": 8}.get(subtype, 4)
    with atomic_output(p, data.size * width + 44) as tmp:
        sf.write(str(tmp), data, int(sample_rate), subtype=subtype, format=fmt)
    return p


def content_hash(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """BLAKE2b of the file's bytes: identifies duplicates and changed sources."""
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


# -- checks used on import ------------------------------------------------------------------


def wav_truncation(path: str | os.PathLike) -> str | None:
    """For RIFF/WAVE files: a reason if the header promises more audio bytes than the file
    holds, else None.

    libsndfile quietly shortens such files to what is there, so a file cut off mid-copy
    would otherwise import as a shorter clip without anyone noticing. Streaming writers
    leave the size as 0 or 0xFFFFFFFF ("unknown"); those are not called truncated.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        pos = 12
        while pos + 8 <= size:
            fh.seek(pos)
            chunk = fh.read(8)
            if len(chunk) < 8:
                return None
            chunk_id, chunk_size = chunk[:4], int.from_bytes(chunk[4:8], "little")
            if chunk_id == b"data":
                if chunk_size in (0, 0xFFFFFFFF):
                    return None
                held = size - (pos + 8)
                if chunk_size > held:
                    return (
                        f"truncated: the header declares {chunk_size} bytes of audio "
                        f"but the file holds {held}"
                    )
                return None
            pos += 8 + chunk_size + (chunk_size & 1)  # chunks are padded to even sizes
    return None


@dataclass(frozen=True)
class DecodeCheck:
    """What one full streaming decode of a file found."""

    frames: int  # frames actually decoded
    peak: float  # largest absolute sample value


def decode_check(path: str | os.PathLike, block_frames: int = 1 << 17) -> DecodeCheck:
    """Decode the whole file in blocks (memory stays small for hours of audio) and raise
    AudioReadError on NaN/inf samples, decoder errors, or fewer frames than the header
    declares."""
    p = Path(path)
    frames = 0
    peak = 0.0
    try:
        with sf.SoundFile(str(p)) as fh:
            declared = fh.frames
            while True:
                block = fh.read(block_frames, dtype="float32", always_2d=True)
                if block.shape[0] == 0:
                    break
                finite = np.isfinite(block)
                if not finite.all():
                    bad = int(np.count_nonzero(~finite))
                    at = frames + int(np.argmax(~finite.all(axis=1)))
                    raise AudioReadError(p, say(QT_TRANSLATE_NOOP("MediaFailures",
                        "contains NaN/inf samples ({bad} in the block at frame {at})"), bad=bad, at=at))  # fmt: skip
                peak = max(peak, float(np.max(np.abs(block))))
                frames += block.shape[0]
    except AudioReadError:
        raise
    except Exception as exc:
        reason = soundfile_reason(exc)
        if frames:
            reason = say(QT_TRANSLATE_NOOP("MediaFailures", "truncated or corrupt after frame {frames} ({reason})"),
                         frames=frames, reason=reason)  # fmt: skip
        raise AudioReadError(p, reason) from exc
    if frames < declared:
        raise AudioReadError(p, say(QT_TRANSLATE_NOOP("MediaFailures",
            "truncated: decoded {frames} of the {declared} frames the header declares"),
            frames=frames, declared=declared))  # fmt: skip
    return DecodeCheck(frames=frames, peak=peak)
