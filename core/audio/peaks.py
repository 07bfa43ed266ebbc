"""Multi-level min/max peak pyramid for drawing long waveforms fast.

A waveform view of an hour of audio must never touch the raw samples of the whole view:
it draws about two points (a min and a max) per pixel, taken from a summary whose bucket
is the largest one that still fits inside a pixel. Like Audacity's summaries (per 256 and
per 65,536 samples) we keep three levels, 256, 4096 and 65,536 samples per bucket, built
in one streaming pass over the file and cached on disk in the project, keyed by the
source's content hash, so a reopened file is drawn from a few megabytes of memmapped
summaries.

Summaries are stored as float16: a bucket's min/max only decides which pixel row to
light, and half precision (about 3 significant digits, normal down to -84 dBFS) halves
the cache against float32 while staying far finer than a pixel.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from core.audio.failures import soundfile_reason
from core.audio.io import AudioReadError

log = logging.getLogger(__name__)

LEVELS: tuple[int, ...] = (256, 4096, 65536)
# A multiple of the largest level, so every block ends on a bucket edge of every level.
BLOCK_FRAMES = LEVELS[-1] * 16
CACHE_VERSION = 1

RawReader = Callable[[int, int], np.ndarray]  # (start, stop) -> (frames, channels) float32


class PeaksCancelled(Exception):
    pass


@dataclass
class PeakPyramid:
    """Per level, per channel: an array (buckets, 2) of (min, max)."""

    frames: int
    channels: int
    sample_rate: int
    levels: dict[int, list[np.ndarray]]

    def nbytes(self) -> int:
        return sum(a.nbytes for arrays in self.levels.values() for a in arrays)

    @classmethod
    def from_array(cls, audio: np.ndarray, sample_rate: int) -> PeakPyramid:
        """Pyramid of audio already in memory (short clips, rendered edits)."""
        a = audio if audio.ndim == 2 else audio[:, None]
        frames, channels = a.shape
        levels = {lv: [] for lv in LEVELS}
        for ch in range(channels):
            finest = _bucket_minmax(a[:, ch], LEVELS[0])
            levels[LEVELS[0]].append(finest.astype(np.float16))
            prev, prev_level = finest, LEVELS[0]
            for lv in LEVELS[1:]:
                coarser = _reduce_minmax(prev, lv // prev_level)
                levels[lv].append(coarser.astype(np.float16))
                prev, prev_level = coarser, lv
        return cls(frames, channels, sample_rate, levels)


def pyramid_from_blocks(
    read: RawReader,
    frames: int,
    channels: int,
    sample_rate: int,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> PeakPyramid:
    """Pyramid of audio read block by block (an edited long file), kept in memory.

    Blocks are multiples of the largest level, so buckets never straddle two blocks.
    """
    levels = {
        lv: [np.empty((-(-frames // lv), 2), np.float16) for _ in range(channels)] for lv in LEVELS
    }
    for done in range(0, frames, BLOCK_FRAMES):
        if should_cancel is not None and should_cancel():
            raise PeaksCancelled("pyramid of edited audio")
        block = read(done, min(frames, done + BLOCK_FRAMES))
        for ch in range(channels):
            mm = _bucket_minmax(np.ascontiguousarray(block[:, ch]), LEVELS[0])
            prev_level = LEVELS[0]
            for lv in LEVELS:
                if lv != prev_level:
                    mm = _reduce_minmax(mm, lv // prev_level)
                    prev_level = lv
                first = done // lv
                levels[lv][ch][first : first + len(mm)] = mm
        if progress is not None:
            progress(min(frames, done + BLOCK_FRAMES), frames)
    return PeakPyramid(frames, channels, sample_rate, levels)


def _bucket_minmax(x: np.ndarray, size: int) -> np.ndarray:
    """(ceil(len/size), 2) min and max of consecutive buckets; the last may be partial."""
    n = len(x)
    full = n // size
    out = np.empty((full + (1 if n % size else 0), 2), dtype=np.float32)
    if full:
        body = x[: full * size].reshape(full, size)
        out[:full, 0] = body.min(axis=1)
        out[:full, 1] = body.max(axis=1)
    if n % size:
        tail = x[full * size :]
        out[-1] = (tail.min(), tail.max())
    return out


def _reduce_minmax(mm: np.ndarray, factor: int) -> np.ndarray:
    """Merge `factor` consecutive (min, max) buckets into one."""
    n = len(mm)
    full = n // factor
    out = np.empty((full + (1 if n % factor else 0), 2), dtype=np.float32)
    if full:
        body = mm[: full * factor].reshape(full, factor, 2)
        out[:full, 0] = body[:, :, 0].min(axis=1)
        out[:full, 1] = body[:, :, 1].max(axis=1)
    if n % factor:
        tail = mm[full * factor :]
        out[-1] = (tail[:, 0].min(), tail[:, 1].max())
    return out


# -- disk cache ---------------------------------------------------------------------------
def cache_folder(cache_dir: str | os.PathLike) -> Path:
    return Path(cache_dir) / "peaks"


def _level_path(folder: Path, key: str, channel: int, level: int) -> Path:
    return folder / f"{key}_c{channel}_l{level}.npy"


def _meta_path(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


def load_cached(cache_dir: str | os.PathLike, key: str) -> PeakPyramid | None:
    """The cached pyramid for `key` (a content hash), memmapped; None if absent or stale."""
    folder = cache_folder(cache_dir)
    meta_file = _meta_path(folder, key)
    if not meta_file.is_file():
        return None
    try:
        meta = json.loads(meta_file.read_text())
        if meta.get("version") != CACHE_VERSION or tuple(meta["levels"]) != LEVELS:
            return None
        levels = {
            lv: [
                np.load(_level_path(folder, key, ch, lv), mmap_mode="r")
                for ch in range(meta["channels"])
            ]
            for lv in LEVELS
        }
    except (OSError, ValueError, KeyError) as exc:
        log.warning("peak cache for %s unreadable (%s); rebuilding", key, exc)
        return None
    return PeakPyramid(meta["frames"], meta["channels"], meta["sample_rate"], levels)


def cache_size(cache_dir: str | os.PathLike, key: str) -> int:
    """Bytes the cached pyramid of `key` takes on disk."""
    folder = cache_folder(cache_dir)
    return sum(p.stat().st_size for p in folder.glob(f"{key}_c*_l*.npy")) + (
        _meta_path(folder, key).stat().st_size if _meta_path(folder, key).exists() else 0
    )


def build_cached(
    path: str | os.PathLike,
    cache_dir: str | os.PathLike,
    key: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> PeakPyramid:
    """Build the pyramid of a file in one streaming pass and store it under `key`.

    Memory stays at one block of audio plus the summaries, whatever the file's length:
    the level files are preallocated .npy memmaps filled block by block. The JSON meta is
    written last, so an interrupted build is never mistaken for a finished one.
    """
    folder = cache_folder(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        snd = sf.SoundFile(str(path))
    except Exception as exc:
        raise AudioReadError(path, soundfile_reason(exc)) from exc
    with snd:
        frames, channels, sr = snd.frames, snd.channels, snd.samplerate
        parts: dict[tuple[int, int], tuple[Path, np.memmap]] = {}
        for lv in LEVELS:
            buckets = -(-frames // lv)
            for ch in range(channels):
                final = _level_path(folder, key, ch, lv)
                tmp = final.with_name(final.name + ".part")
                arr = np.lib.format.open_memmap(
                    tmp, mode="w+", dtype=np.float16, shape=(buckets, 2)
                )
                parts[(lv, ch)] = (tmp, arr)
        done = 0
        try:
            while done < frames:
                if should_cancel is not None and should_cancel():
                    raise PeaksCancelled(str(path))
                try:
                    block = snd.read(min(BLOCK_FRAMES, frames - done), "float32", always_2d=True)
                except Exception as exc:
                    raise AudioReadError(path, soundfile_reason(exc)) from exc
                if len(block) == 0:
                    break  # header promised more frames than the file holds
                for ch in range(channels):
                    mm = _bucket_minmax(block[:, ch], LEVELS[0])
                    prev_level = LEVELS[0]
                    for lv in LEVELS:
                        if lv != prev_level:
                            mm = _reduce_minmax(mm, lv // prev_level)
                            prev_level = lv
                        first = done // lv
                        arr = parts[(lv, ch)][1]
                        take = min(len(mm), len(arr) - first)
                        arr[first : first + take] = mm[:take]
                done += len(block)
                if progress is not None:
                    progress(done, frames)
        except BaseException:
            for tmp, arr in parts.values():
                del arr
                tmp.unlink(missing_ok=True)
            raise
        for (lv, ch), (tmp, arr) in parts.items():
            arr.flush()
            del arr
            os.replace(tmp, _level_path(folder, key, ch, lv))
    meta = {
        "version": CACHE_VERSION,
        "frames": frames,
        "channels": channels,
        "sample_rate": sr,
        "levels": list(LEVELS),
        "source": str(path),
    }
    tmp_meta = _meta_path(folder, key).with_suffix(".json.part")
    tmp_meta.write_text(json.dumps(meta))
    os.replace(tmp_meta, _meta_path(folder, key))
    pyramid = load_cached(cache_dir, key)
    assert pyramid is not None
    return pyramid


def load_or_build(
    path: str | os.PathLike,
    cache_dir: str | os.PathLike,
    key: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> PeakPyramid:
    cached = load_cached(cache_dir, key)
    if cached is not None:
        return cached
    return build_cached(path, cache_dir, key, progress, should_cancel)


def file_reader(path: str | os.PathLike) -> RawReader:
    """Raw samples of a file, for views zoomed in past the finest summary level."""

    def read(start: int, stop: int) -> np.ndarray:
        try:
            data, _ = sf.read(str(path), start=start, stop=stop, dtype="float32", always_2d=True)
        except Exception as exc:
            raise AudioReadError(path, soundfile_reason(exc)) from exc
        return data

    return read


def array_reader(audio: np.ndarray) -> RawReader:
    a = audio if audio.ndim == 2 else audio[:, None]
    return lambda start, stop: a[start:stop]


# -- what to draw -------------------------------------------------------------------------
@dataclass(frozen=True)
class ViewPeaks:
    """Points for one channel of a view: x in frames, y in amplitude.

    With `level` > 0 the points come in (min, max) pairs at each pixel's x, drawn as a
    connected line that sweeps the envelope; level 0 means raw samples (or per-pixel
    min/max of raw samples when a pixel still holds several).
    """

    x: np.ndarray
    y: np.ndarray
    level: int


def choose_level(samples_per_pixel: float) -> int:
    """The coarsest level whose bucket still fits in a pixel; 0 means raw samples."""
    chosen = 0
    for lv in LEVELS:
        if lv <= samples_per_pixel:
            chosen = lv
    return chosen


def view_peaks(
    pyramid: PeakPyramid,
    channel: int,
    start: float,
    end: float,
    pixels: int,
    raw: RawReader | None = None,
) -> ViewPeaks:
    """About two points per pixel for frames [start, end) drawn `pixels` wide.

    Reads raw samples only when a pixel holds fewer samples than the finest bucket, so the
    raw range is at most LEVELS[0] * pixels frames.
    """
    n = pyramid.frames
    start = int(max(0, np.floor(start)))
    end = int(min(n, np.ceil(end)))
    pixels = max(1, int(pixels))
    if end <= start:
        return ViewPeaks(np.zeros(0), np.zeros(0, dtype=np.float32), 0)
    spp = (end - start) / pixels
    level = choose_level(spp)
    if level == 0:
        if raw is None:
            level = LEVELS[0]
        else:
            data = np.asarray(raw(start, end))[:, channel]
            if spp <= 2:
                return ViewPeaks(np.arange(start, start + len(data), dtype=np.float64), data, 0)
            mm = _pixel_minmax(data, pixels)
            xs = start + (np.arange(len(mm)) + 0.5) * (len(data) / len(mm))
            return ViewPeaks(np.repeat(xs, 2), mm.reshape(-1), 0)
    summary = pyramid.levels[level][channel]
    b0, b1 = start // level, -(-end // level)
    buckets = np.asarray(summary[b0:b1], dtype=np.float32)
    mm = _pixel_minmax_pairs(buckets, pixels)
    width = (b1 - b0) * level / len(mm)
    xs = b0 * level + (np.arange(len(mm)) + 0.5) * width
    return ViewPeaks(np.repeat(xs, 2), mm.reshape(-1), level)


def _pixel_minmax(data: np.ndarray, pixels: int) -> np.ndarray:
    """(≤pixels, 2) min and max of raw samples grouped into `pixels` near-equal runs."""
    edges = np.linspace(0, len(data), min(pixels, len(data)) + 1).astype(np.int64)
    starts = edges[:-1]
    mins = np.minimum.reduceat(data, starts)
    maxs = np.maximum.reduceat(data, starts)
    return np.stack([mins, maxs], axis=1)


def _pixel_minmax_pairs(buckets: np.ndarray, pixels: int) -> np.ndarray:
    if len(buckets) <= pixels:
        return buckets
    edges = np.linspace(0, len(buckets), pixels + 1).astype(np.int64)
    starts = edges[:-1]
    mins = np.minimum.reduceat(buckets[:, 0], starts)
    maxs = np.maximum.reduceat(buckets[:, 1], starts)
    return np.stack([mins, maxs], axis=1)


def file_waveform(
    path: str | os.PathLike,
    small_samples: int,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> tuple[PeakPyramid, RawReader]:
    """A file's pyramid and a reader of its samples, for a view of a file outside a
    project: up to `small_samples` (frames x channels), or what only FFmpeg reads (it does
    not seek exactly), read whole; longer files summarised block by block and read by range,
    so an hour is never held."""
    from core.audio.io import probe, read_audio

    info = probe(path)
    if info.decoder == "ffmpeg" or info.frames * info.channels <= small_samples:
        audio, sr = read_audio(path)
        return PeakPyramid.from_array(audio, sr), array_reader(audio)
    reader = file_reader(path)
    pyramid = pyramid_from_blocks(
        reader, info.frames, info.channels, info.sample_rate, progress, should_cancel
    )
    return pyramid, reader
