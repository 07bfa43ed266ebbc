"""A long clip prepared for training without holding it in memory.

`data.prepare_clip` would read the clip whole (a 2-hour 44.1 kHz stereo take is 2.5 GB of
float32), downmix and resample it in one piece. Here its edited blocks
(`clip_audio.clip_blocks`) are downmixed, resampled by one soxr stream and appended to a
raw file, which becomes the prepared `.npy` the trainer memory-maps; silence skipping then
copies the voiced samples across in blocks. Memory stays a few blocks and a byte per
prepared sample (the silence mask), whatever the length.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import soxr

from core.audio.dsp import voiced_mask
from core.audio.io import to_mono
from core.dataset.clip_audio import clip_blocks
from core.train.config import DataConfig

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
        data = np.memmap(raw, np.float32, "r", shape=(n,)) if n else np.zeros(0, np.float32)
        keep = voiced_mask(data[:, None], cfg.sample_rate, cfg.silence) if skip_silence else None
        _write_npy(tmp, data, keep)
        del data
        os.replace(tmp, path)
    finally:
        raw.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return True


def _resample_to(raw: Path, blocks, rate: int, sr: int) -> int:
    stream = soxr.ResampleStream(rate, sr, 1, dtype="float32", quality="HQ") if rate != sr else None
    n = 0
    with open(raw, "wb") as fh:
        for block in blocks:
            mono = np.ascontiguousarray(to_mono(block)[:, 0])
            out = stream.resample_chunk(mono) if stream else mono
            fh.write(np.ascontiguousarray(out, np.float32).tobytes())
            n += len(out)
        if stream is not None:
            tail = stream.resample_chunk(np.zeros(0, np.float32), last=True)
            fh.write(np.ascontiguousarray(tail, np.float32).tobytes())
            n += len(tail)
    return n


def _write_npy(path: Path, data: np.ndarray, keep: np.ndarray | None) -> None:
    n = int(keep.sum()) if keep is not None else len(data)
    with open(path, "wb") as fh:
        header = {"descr": "<f4", "fortran_order": False, "shape": (n,)}
        np.lib.format.write_array_header_1_0(fh, header)
        for s in range(0, len(data), COPY_BLOCK):
            part = np.asarray(data[s : s + COPY_BLOCK])
            if keep is not None:
                part = part[keep[s : s + COPY_BLOCK]]
            fh.write(part.astype("<f4", copy=False).tobytes())
