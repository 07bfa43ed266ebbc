"""A file's samples as blocks in order, whatever decodes it: the one streaming reader.

`read_audio` holds a file whole (an hour of 16 kHz mono is 230 MB of float32, of 44.1 kHz
stereo 1.3 GB). What runs along a whole recording (a model processing it, a classifier
scoring windows along it) reads it here instead: libsndfile's blocks for what libsndfile
reads, FFmpeg's (core.audio.decode.AudioDecoder) for the rest, chosen by `probe` exactly as
`read_audio` chooses, so the blocks put together are the samples `read_audio` returns.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from core.audio.failures import say, soundfile_reason
from core.audio.io import AudioInfo, AudioReadError, probe, to_mono
from core.messages import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

BLOCK_FRAMES = 1 << 16  # 1.4 s at 48 kHz: the longest a reader runs between two checks


@dataclass
class BlockSource:
    """An open file streaming float32 (frames, channels) blocks, the last one shorter."""

    info: AudioInfo  # the header: `frames` is FFmpeg's estimate until the stream ends
    sample_rate: int  # what the decoder produces (HE-AAC doubles its header's rate)
    blocks: Iterator[np.ndarray]
    is_video: bool = False  # the audio is a video's soundtrack


def _checked(path: Path, blocks: Iterator[np.ndarray], check_finite: bool) -> Iterator[np.ndarray]:
    """Blocks with libsndfile's failures mid-file, and NaN/inf samples, as AudioReadError."""
    at = 0
    while True:
        try:
            block = next(blocks)
        except StopIteration:
            return
        except sf.LibsndfileError as exc:
            reason = say(QT_TRANSLATE_NOOP("MediaFailures", "truncated or corrupt after frame {frames} ({reason})"),
                         frames=at, reason=soundfile_reason(exc))  # fmt: skip
            raise AudioReadError(path, reason) from exc
        if check_finite and not np.isfinite(block).all():
            raise AudioReadError(path, say(QT_TRANSLATE_NOOP("MediaFailures", "contains NaN/inf samples (near frame {at})"), at=at))  # fmt: skip
        at += len(block)
        yield block


@contextmanager
def open_blocks(
    path: str | os.PathLike,
    block_frames: int = BLOCK_FRAMES,
    stream: int = 0,
    info: AudioInfo | None = None,
    check_finite: bool = True,
) -> Iterator[BlockSource]:
    """The file's audio stream `stream` as blocks of `block_frames`; AudioReadError
    (naming the file) when it cannot be opened or breaks off. `info`: its probe, when the
    caller has it. A damaged FFmpeg stream keeps what decoded (its damage is logged)."""
    p = Path(path)
    info = info or probe(p, stream)
    if info.decoder != "ffmpeg":
        with sf.SoundFile(str(p)) as src:
            raw = src.blocks(blocksize=block_frames, dtype="float32", always_2d=True)
            yield BlockSource(info, info.sample_rate, _checked(p, raw, check_finite))
        return
    from core.audio import decode as decoder

    with decoder.open_audio(p, stream) as dec:
        blocks = _checked(p, dec.blocks(block_frames), check_finite)
        yield BlockSource(info, dec.sample_rate, blocks, dec.info.is_video)
        if dec.damage:
            log.warning("%s: %s", p, dec.damage)


def mono_resampled(blocks: Iterable[np.ndarray], sr: int, rate: int) -> Iterator[np.ndarray]:
    """Blocks ((frames, channels) or (frames,) at `sr`) down-mixed and resampled to `rate`
    by one soxr stream as 1-D float32 pieces: put together, exactly `resample(to_mono(x))`
    of the whole (soxr's stream and one-shot conversions give the same samples)."""
    stream = soxr.ResampleStream(sr, rate, 1, dtype="float32", quality="HQ") if sr != rate else None
    for block in blocks:
        mono = np.ascontiguousarray(to_mono(block)[:, 0])
        out = stream.resample_chunk(mono) if stream is not None else mono
        if len(out):
            yield np.asarray(out, dtype=np.float32)
    if stream is not None:
        tail = stream.resample_chunk(np.zeros(0, np.float32), last=True)
        if len(tail):
            yield np.asarray(tail, dtype=np.float32)
