"""The classify task's input: log-mel spectrograms of fixed-length windows, computed one way
by the feature cache, by training, by detection along long recordings and by what an
exported model documents; and the arrays a split of the cache hands to training.

A window is `FeatureConfig.window_s` of mono audio at the feature rate; a clip gives windows
every `window_hop_s`, the last one padded with silence, and a clip shorter than one window
gives one padded window (so short keyword clips still count).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

from core.audio.blocks import mono_resampled
from core.audio.io import resample, to_mono
from core.train.classify.config import FeatureConfig

LOG_FLOOR = 1e-6  # power floor before the log: silence reads log(1e-6), never -inf


@lru_cache(maxsize=8)
def _mel(cfg_key: tuple) -> torch.nn.Module:
    import torchaudio

    sample_rate, n_fft, win_length, hop_length, f_min, f_max, n_mels = cfg_key
    return torchaudio.transforms.MelSpectrogram(
        sample_rate=sample_rate,
        n_fft=n_fft,
        win_length=win_length,
        hop_length=hop_length,
        f_min=f_min,
        f_max=f_max,
        n_mels=n_mels,
        power=2.0,
        center=True,
    )


def mel_transform(cfg: FeatureConfig) -> torch.nn.Module:
    """The power mel filterbank of `cfg`, as a torch module (shared, not to be modified)."""
    key = (
        cfg.sample_rate,
        cfg.n_fft,
        cfg.win_length,
        cfg.hop_length,
        cfg.f_min,
        cfg.top_hz,
        cfg.n_mels,
    )
    return _mel(key)


def log_mel_batch(windows: torch.Tensor, cfg: FeatureConfig) -> torch.Tensor:
    """[B, samples] float32 at the feature rate -> [B, n_mels, frames] natural-log power."""
    with torch.no_grad():
        return torch.log(mel_transform(cfg)(windows) + LOG_FLOOR)


def log_mel(audio: np.ndarray, cfg: FeatureConfig) -> np.ndarray:
    """One window (or any length) of mono audio at the feature rate -> [n_mels, frames]."""
    x = torch.from_numpy(np.ascontiguousarray(audio, dtype=np.float32)).reshape(1, -1)
    return log_mel_batch(x, cfg)[0].numpy()


def feature_audio(audio: np.ndarray, sr: int, cfg: FeatureConfig) -> np.ndarray:
    """A clip's samples, (frames,) or (frames, channels) at `sr`, as the mono 1-D float32
    signal at the feature rate that windows are cut from."""
    mono = to_mono(audio) if audio.ndim == 2 else audio
    mono = np.asarray(mono, dtype=np.float32).reshape(-1)
    if sr != cfg.sample_rate:
        mono = resample(mono, sr, cfg.sample_rate)
    return np.asarray(mono, dtype=np.float32).reshape(-1)


def feature_stream(
    blocks: Iterable[np.ndarray], sr: int, cfg: FeatureConfig
) -> Iterator[np.ndarray]:
    """`feature_audio` of a recording read in blocks ((frames, channels) at `sr`): the same
    samples, in pieces (core.audio.blocks.mono_resampled), so an hour is never held whole."""
    return mono_resampled(blocks, sr, cfg.sample_rate)


def window_starts(n_samples: int, cfg: FeatureConfig) -> np.ndarray:
    """Start samples of the windows along a signal of `n_samples`: every `window_hop_s`, at
    least one, the last reaching the end (it is padded when the signal is shorter)."""
    win = cfg.window_samples
    hop = max(1, int(round(cfg.window_hop_s * cfg.sample_rate)))
    if n_samples <= win:
        return np.zeros(1, dtype=np.int64)
    starts = np.arange(0, n_samples - win + 1, hop, dtype=np.int64)
    if starts[-1] + win < n_samples:  # the tail would be lost: one more window, padded
        starts = np.append(starts, starts[-1] + hop)
    return starts


def cut_windows(signal: np.ndarray, cfg: FeatureConfig) -> tuple[np.ndarray, np.ndarray]:
    """(starts, windows [N, window_samples]) of a 1-D signal, zero-padded at the end."""
    starts = window_starts(len(signal), cfg)
    win = cfg.window_samples
    padded = np.zeros(int(starts[-1]) + win, dtype=np.float32)
    padded[: len(signal)] = signal
    idx = starts[:, None] + np.arange(win)[None, :]
    return starts, padded[idx]


@dataclass(frozen=True)
class FeatureSplit:
    """One split of the feature cache, as training reads it. `features` may be a
    memory-mapped array: index it, never copy it whole."""

    features: np.ndarray  # [N, n_mels, frames], float16 from the cache: float32 per batch
    labels: np.ndarray  # [N] int64, indices into `classes`
    clip_ids: np.ndarray  # [N] int64, the clip each window was cut from
    starts_s: np.ndarray  # [N] float32, where in the clip (after edits) the window starts
    variants: np.ndarray  # [N] int16, 0 for the original window, 1.. for augmented ones
    classes: tuple[str, ...]  # every class of the project, in index order

    def __post_init__(self) -> None:
        n = len(self.labels)
        for name in ("features", "clip_ids", "starts_s", "variants"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"FeatureSplit.{name}: {len(getattr(self, name))} rows, not {n}")

    def __len__(self) -> int:
        return len(self.labels)
