"""Augmentations drawn once per example and applied identically to every side of a pair.

`draw_augment` decides (from the example's Generator) which augmentations run and with what
amount; `apply_augment` applies that decision, so an input and its target get the same pitch
shift, stretch and gain and stay sample-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.audio.io import fit_length, resample
from core.train.config import AugmentConfig


@dataclass(frozen=True)
class AugmentPlan:
    gain_db: float = 0.0
    semitones: float = 0.0
    stretch: float = 1.0  # >1 is faster: a stretched window needs `stretch` times the samples
    speed: float = 1.0  # >1 is faster and higher, by resampling

    def source_length(self, n: int) -> int:
        """Samples to read so that the stretched and sped-up result has at least n samples."""
        factor = self.stretch * self.speed
        return int(np.ceil(n * factor)) + 8 if factor != 1.0 else n


def draw_augment(cfg: AugmentConfig, rng: np.random.Generator) -> AugmentPlan:
    # Always draw every random number so the stream does not depend on which branch ran.
    u = rng.random(3)
    gain = rng.uniform(*cfg.gain_db)
    semis = rng.uniform(*cfg.pitch_semitones)
    rate = rng.uniform(*cfg.stretch_rate)
    speed = 1.0
    if cfg.speed_prob > 0:
        # Drawn only when asked, so configs without it keep their examples.
        u_speed, drawn = rng.random(), float(rng.uniform(*cfg.speed_rate))
        speed = drawn if u_speed < cfg.speed_prob else 1.0
    return AugmentPlan(
        gain_db=float(gain) if u[0] < cfg.gain_prob else 0.0,
        semitones=float(semis) if u[1] < cfg.pitch_prob else 0.0,
        stretch=float(rate) if u[2] < cfg.stretch_prob else 1.0,
        speed=speed,
    )


def apply_augment(x: np.ndarray, sr: int, plan: AugmentPlan, n: int) -> np.ndarray:
    """Apply the plan to a mono float32 array and return exactly n samples."""
    y = x
    if plan.stretch != 1.0 or plan.semitones != 0.0:
        import librosa  # imported here: slow to import and only needed when augmenting

        if plan.stretch != 1.0:
            y = librosa.effects.time_stretch(y, rate=plan.stretch, n_fft=512)
        if plan.semitones != 0.0:
            y = librosa.effects.pitch_shift(y, sr=sr, n_steps=plan.semitones, n_fft=512)
    if plan.speed != 1.0:
        # Read as if recorded at sr * speed and brought back to sr: 1/speed as many samples.
        y = resample(np.asarray(y, dtype=np.float32), int(round(sr * plan.speed)), sr)
    if plan.gain_db != 0.0:
        y = y * np.float32(10 ** (plan.gain_db / 20))
    return fit_length(np.asarray(y, dtype=np.float32), n)
