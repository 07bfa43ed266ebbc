"""A lossless copy of each FFmpeg-decoded source, inside the project, keyed by content hash.

Compressed streams (AAC, Opus, AMR, ...) do not seek sample-exactly, and an edit list,
a peak pyramid or a training segment needs sample N to be the same sample every time. So a
source that goes through FFmpeg is decoded once, in order, into `cache/decoded/` in the
project, and everything after import (peaks, edits, playback, statistics, export,
training, pairing) reads that copy through `samples_path`, the one place that says which
file holds a clip's samples.

The copy stores exactly what the decoder produced: FLAC when the decoder gives 16-bit
integers (G.722, GSM, mu-law, 16-bit PCM in a video: a third of the size, bit-exact);
32-bit float WAV otherwise (AAC, Opus, AMR, Vorbis decode to floats, FLAC cannot hold
floats, and rounding them to 24-bit integers would clip AAC's overshoots above full
scale). Float copies that could pass 4 GiB are written as RF64, WAV's 64-bit form.

The key is the source's content hash and the audio stream, so an unchanged source is
never decoded twice (a re-import or a second project folder finds the copy) and a changed
one is noticed: its hash no longer matches, and the copy is not rebuilt from it. The source
is only read. Deleting `cache/decoded/` loses nothing: each copy is rebuilt when next read.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from core.audio.failures import say
from core.audio.io import AudioReadError, content_hash
from core.messages import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

FOLDER = "decoded"
BLOCK_FRAMES = 1 << 16
# Past this many bytes a float copy is written as RF64: plain WAV counts in 32 bits, and
# the container's duration is an estimate, so the switch comes well before 4 GiB.
RF64_ABOVE_BYTES = 2 << 30

Progress = Callable[[int, int], None]  # (frames decoded, frames expected)


class DecodeCancelled(Exception):
    """should_cancel() returned True; nothing was left in the cache."""


@dataclass(frozen=True)
class Decoded:
    """A finished copy and what the decode found."""

    path: str  # the cache file
    sample_rate: int
    channels: int
    frames: int  # exact: counted while decoding
    peak: float  # largest absolute sample (0: digital silence)
    codec: str  # e.g. "aac"
    container: str  # e.g. "MOV"
    stream: int  # which audio stream of the source
    damage: str | None  # what was lost, for a damaged source that kept what decoded

    @property
    def name(self) -> str:
        return Path(self.path).name


def folder(cache_dir: str | os.PathLike) -> Path:
    return Path(cache_dir) / FOLDER


def _stem(digest: str, stream: int) -> str:
    return f"{digest}_s{stream}"


def _meta_path(cache_dir: str | os.PathLike, digest: str, stream: int) -> Path:
    return folder(cache_dir) / f"{_stem(digest, stream)}.json"


def find(cache_dir: str | os.PathLike, digest: str, stream: int = 0) -> Decoded | None:
    """The finished copy of (content, stream), or None. The meta file is written last, so
    an interrupted decode is never taken for a finished one."""
    meta = _meta_path(cache_dir, digest, stream)
    try:
        data = json.loads(meta.read_text())
        decoded = Decoded(**{**data, "path": str(folder(cache_dir) / data["path"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return decoded if os.path.isfile(decoded.path) else None


def build(
    source: str | os.PathLike,
    cache_dir: str | os.PathLike,
    digest: str,
    stream: int = 0,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Decoded:
    """Decode audio stream `stream` of `source` into the cache (or find it there).

    Memory stays at one block whatever the length: blocks go straight from the decoder to
    the file. Raises AudioReadError (with the file and the reason) when nothing usable
    decodes, NaN/inf samples included; a source damaged part-way keeps what decoded and
    the reason is in `damage`.
    """
    found = find(cache_dir, digest, stream)
    if found is not None:
        return found
    from core.audio import decode as decoder

    out_dir = folder(cache_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with decoder.open_audio(source, stream) as dec:
        expected = int((dec.stream.duration or 0.0) * dec.sample_rate)
        if dec.integer16 and dec.channels <= 8:
            suffix, fmt, subtype, dtype = ".flac", "FLAC", "PCM_16", "int16"
        else:
            big = expected == 0 or expected * dec.channels * 4 > RF64_ABOVE_BYTES
            suffix, fmt, subtype, dtype = ".wav", "RF64" if big else "WAV", "FLOAT", "float32"
        final = out_dir / (_stem(digest, stream) + suffix)
        # Per process and thread: two imports of the same content may decode at once.
        tmp = final.with_name(f".{final.name}.{os.getpid()}.{threading.get_ident()}.part")
        peak = 0.0
        try:
            with sf.SoundFile(
                str(tmp), "w", dec.sample_rate, dec.channels, subtype, format=fmt
            ) as sink:
                for block in dec.blocks(BLOCK_FRAMES, dtype=dtype):
                    if should_cancel is not None and should_cancel():
                        raise DecodeCancelled(str(source))
                    if dtype == "float32" and not np.isfinite(block).all():
                        at = dec.frames_read - len(block)
                        raise AudioReadError(source, say(QT_TRANSLATE_NOOP("MediaFailures", "contains NaN/inf samples (near frame {at})"), at=at))  # fmt: skip
                    peak = max(peak, float(np.abs(block).max()))
                    sink.write(block)
                    if progress is not None:
                        progress(dec.frames_read, max(expected, dec.frames_read))
            if dtype == "int16":
                peak /= 32768.0
            os.replace(tmp, final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        decoded = Decoded(
            path=str(final),
            sample_rate=dec.sample_rate,
            channels=dec.channels,
            frames=dec.frames_read,
            peak=peak,
            codec=dec.stream.codec,
            container=dec.info.container.split(",")[0].upper(),
            stream=stream,
            damage=dec.damage,
        )
    meta = _meta_path(cache_dir, digest, stream)
    part = meta.with_name(f".{meta.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.write_text(json.dumps({**asdict(decoded), "path": final.name}))
    os.replace(part, meta)
    log.info(
        "decoded %s (stream %d, %s) into %s: %d frames%s",
        source,
        stream,
        decoded.codec,
        final,
        decoded.frames,
        f"; {decoded.damage}" if decoded.damage else "",
    )
    return decoded


def remove(cache_dir: str | os.PathLike, digest: str, stream: int = 0) -> None:
    """Forget one copy (it is rebuilt on the next read)."""
    found = find(cache_dir, digest, stream)
    _meta_path(cache_dir, digest, stream).unlink(missing_ok=True)
    if found is not None:
        Path(found.path).unlink(missing_ok=True)


def samples_path(
    clip,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> str:
    """The file that holds a clip's samples: the source itself when libsndfile reads it,
    else its decoded copy, rebuilt here from the source if the cache was deleted.

    A source that changed since import (its content hash differs) is not decoded again
    under the old key: the edits were made on the old audio.
    """
    if not clip.decoded or os.path.isfile(clip.audio_path):
        return clip.audio_path
    cache_dir = Path(clip.audio_path).parent.parent
    found = find(cache_dir, clip.hash, clip.stream)
    if found is not None:
        return found.path
    if not os.path.exists(clip.path):
        raise AudioReadError(clip.path, say(QT_TRANSLATE_NOOP("MediaFailures",
            "source missing, and its decoded copy was deleted from the project cache")))  # fmt: skip
    if content_hash(clip.path) != clip.hash:
        raise AudioReadError(clip.path, say(QT_TRANSLATE_NOOP("MediaFailures",
            "changed on disk since import, and its decoded copy was deleted: import it again")))  # fmt: skip
    log.info("decoded copy of %s missing; decoding it again", clip.path)
    decoded = build(clip.path, cache_dir, clip.hash, clip.stream, progress, should_cancel)
    if decoded.path != clip.audio_path:  # the decoder changed (another FFmpeg); same data
        log.info("%s: decoded copy now at %s", clip.path, decoded.path)
    return decoded.path
