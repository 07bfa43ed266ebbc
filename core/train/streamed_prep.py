"""A long clip prepared for training without holding it in memory.

`data.prepare_clip` would read the clip whole (a 2-hour 44.1 kHz stereo take is 2.5 GB of
float32), downmix and resample it in one piece. Here its edited blocks
(`clip_audio.clip_blocks`) are downmixed, resampled by one soxr stream and appended to a
raw file, which becomes the prepared `.npy` the trainer memory-maps; silence skipping then
copies the voiced samples across in blocks. Memory stays a few blocks and a byte per
prepared sample (the silence mask), whatever the length.

A long input/target pair goes the same way (`stream_prepared_pair`): each side to its own
raw file, the measured offset applied by slicing the memory maps (`aligned`, which the
in-memory path uses too), silence judged on both sides, both written into one (2, n) `.npy`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

from core.audio.blocks import mono_resampled
from core.audio.dsp import voiced_mask
from core.dataset.clip_audio import clip_blocks
from core.train.config import DataConfig

log = logging.getLogger(__name__)

COPY_BLOCK = 1 << 22  # samples per block when copying into the .npy (16 MB)


def stream_prepared(clip, cfg: DataConfig, path: Path, skip_silence: bool) -> bool:
    """Write `path` (.npy, mono float32 at cfg.sample_rate) from `clip` in blocks; False
    when the clip's edits need it whole (the caller renders it in memory then)."""
    blocks = clip_blocks(clip, for_training=True)
    if blocks is None:
        return False
    raw = path.with_name(f"{path.stem}.{os.getpid()}.raw")
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
    try:
        n = _resample_to(raw, blocks, clip.sample_rate, cfg.sample_rate)
        data = _mapped(raw, n)
        keep = voiced_mask(data[:, None], cfg.sample_rate, cfg.silence) if skip_silence else None
        _write_npy(tmp, [data], keep)
        del data
        os.replace(tmp, path)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return True


def aligned(pair, inp: np.ndarray, tgt: np.ndarray, sr: int) -> tuple[np.ndarray, np.ndarray]:
    """The two prepared sides of `pair` (at `sr`) after its offset, cut to their overlap."""
    # Pair.offset: samples (at the input's rate) by which the target lags the input.
    shift = int(round(pair.offset * sr / pair.input.sample_rate))
    if shift > 0:
        tgt = tgt[shift:]
    elif shift < 0:
        inp = inp[-shift:]
    n = min(len(inp), len(tgt))
    if abs(len(inp) - len(tgt)) > 0.01 * max(n, 1) + sr * 0.05:
        log.warning(
            "%s / %s: lengths differ by %d samples after alignment; using the overlap",
            pair.input.name,
            pair.target.name,
            abs(len(inp) - len(tgt)),
        )
    return inp[:n], tgt[:n]


def stream_prepared_pair(pair, cfg: DataConfig, path: Path, skip_silence: bool) -> bool:
    """Write `path` (.npy, (2, n) float32: input then target, aligned) from `pair` in
    blocks; False when either side's edits need it whole."""
    sides = [clip_blocks(c, for_training=True) for c in (pair.input, pair.target)]
    if any(blocks is None for blocks in sides):
        return False
    raws = [path.with_name(f"{path.stem}.{os.getpid()}.{k}.raw") for k in ("in", "tgt")]
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
    try:
        maps = []
        for raw, blocks, clip in zip(raws, sides, (pair.input, pair.target), strict=True):
            n = _resample_to(raw, blocks, clip.sample_rate, cfg.sample_rate)
            maps.append(_mapped(raw, n))
        inp, tgt = aligned(pair, maps[0], maps[1], cfg.sample_rate)
        keep = None
        if skip_silence:
            keep = voiced_mask(inp[:, None], cfg.sample_rate, cfg.silence)
            keep |= voiced_mask(tgt[:, None], cfg.sample_rate, cfg.silence)
        _write_npy(tmp, [inp, tgt], keep)
        del inp, tgt, maps
        os.replace(tmp, path)
    finally:
        for raw in raws:
            raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return True


def _mapped(raw: Path, n: int) -> np.ndarray:
    return np.memmap(raw, np.float32, "r", shape=(n,)) if n else np.zeros(0, np.float32)


def _resample_to(raw: Path, blocks, rate: int, sr: int) -> int:
    n = 0
    with open(raw, "wb") as fh:
        for out in mono_resampled(blocks, rate, sr):
            fh.write(out.tobytes())
            n += len(out)
    return n


def _write_npy(path: Path, rows: list[np.ndarray], keep: np.ndarray | None) -> None:
    """One row: a (n,) array; several (of one length): a (rows, n) array, row after row."""
    n = int(keep.sum()) if keep is not None else len(rows[0])
    shape = (n,) if len(rows) == 1 else (len(rows), n)
    with open(path, "wb") as fh:
        header = {"descr": "<f4", "fortran_order": False, "shape": shape}
        np.lib.format.write_array_header_1_0(fh, header)
        for data in rows:
            for s in range(0, len(data), COPY_BLOCK):
                part = np.asarray(data[s : s + COPY_BLOCK])
                if keep is not None:
                    part = part[keep[s : s + COPY_BLOCK]]
                fh.write(part.astype("<f4", copy=False).tobytes())
