"""How a clean example becomes a realistic noisy one: room, microphone, noise sources, band.

A real take differs from a studio prompt by the room it was spoken in (reverberation), the
microphone and preamp (colouration), what else was sounding (often two or more things at
once, rising and falling) and the bandwidth of the file it ended up in. `draw_corruption`
decides all of that from an example's Generator; `apply_room`, `noise_mixture` and
`band_limit_pair` apply it. The room and the microphone change the target too: the model
learns to remove noise, not to undo the room (and so never invents a dry voice).

Pure functions on float32 mono arrays; every random number comes from the Generator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.signal

from core.audio.bandwidth import BandLimit, band_limit, draw_band_limit
from core.train.config import CorruptConfig

_EPS = 1e-10


@dataclass(frozen=True)
class Corruption:
    rt60_s: float | None = None  # synthetic room impulse response, None: dry
    rir_seed: int = 0
    eq: tuple[tuple[float, float, float], ...] = ()  # (centre Hz, gain dB, Q) peaking filters
    sources: int = 1  # noise sources mixed at once
    source_gains_db: tuple[float, ...] = (0.0,)
    band: BandLimit = BandLimit()  # limit of the noisy input (and its target)


def draw_corruption(cfg: CorruptConfig, rng: np.random.Generator, sr: int) -> Corruption:
    # A fixed count of draws in a fixed order, whatever is used.
    u = rng.random(4)
    rt60 = float(rng.uniform(*cfg.rt60_s))
    rir_seed = int(rng.integers(2**31))
    eq = tuple(
        (
            float(np.exp(rng.uniform(np.log(80.0), np.log(0.4 * sr)))),
            float(rng.uniform(-cfg.eq_db, cfg.eq_db)),
            float(rng.uniform(0.5, 2.0)),
        )
        for _ in range(3)
    )
    counts = np.arange(1, cfg.max_sources + 1)
    weights = 0.5 ** (counts - 1)
    sources = int(rng.choice(counts, p=weights / weights.sum()))
    gains = tuple(float(g) for g in rng.uniform(-cfg.source_spread_db, 0.0, cfg.max_sources))
    band = draw_band_limit(rng, sr, cfg.band_limit_prob)
    return Corruption(
        rt60_s=rt60 if u[0] < cfg.rir_prob else None,
        rir_seed=rir_seed,
        eq=eq if u[1] < cfg.eq_prob else (),
        sources=sources if u[2] < cfg.multi_noise_prob else 1,
        source_gains_db=(0.0,) + gains[1:],
        band=band,
    )


def synthetic_rir(sr: int, rt60_s: float, rng: np.random.Generator) -> np.ndarray:
    """A room impulse response: the direct path, a few early reflections within 20 ms and
    an exponentially decaying diffuse tail (decay 60 dB over rt60_s), darker as it decays
    (air and walls absorb highs). Normalised so the direct path has amplitude 1."""
    n = max(16, int(sr * min(1.5 * rt60_s, 1.2)))
    t = np.arange(n) / sr
    tail = rng.standard_normal(n) * np.exp(-6.9 * t / rt60_s)
    # Brighter early, darker late: a one-pole low-pass whose cut-off falls with time is
    # approximated by mixing a bright and a low-passed copy.
    dark = scipy.signal.lfilter([0.15], [1, -0.85], tail)
    fade = np.clip(t / max(rt60_s, 1e-3), 0, 1)
    tail = (1 - fade) * tail + fade * dark
    onset = int(sr * rng.uniform(0.002, 0.008))  # first reflections arrive after a few ms
    tail[:onset] = 0.0
    rir = 0.25 * tail * (rng.uniform(0.5, 1.5) / (np.sqrt(np.sum(tail**2) * rt60_s) + _EPS))
    rir[0] = 1.0
    for _ in range(4):
        k = int(sr * rng.uniform(0.001, 0.02))
        if k < n:
            rir[k] += rng.uniform(-0.5, 0.5)
    return rir.astype(np.float32)


def peaking_eq(x: np.ndarray, sr: int, bands: tuple[tuple[float, float, float], ...]) -> np.ndarray:
    """x through RBJ peaking biquads (centre Hz, gain dB, Q): a microphone's colouration."""
    y = np.asarray(x, dtype=np.float64)
    for f0, gain_db, q in bands:
        if not 0 < f0 < 0.49 * sr:
            continue
        a = 10 ** (gain_db / 40)
        w0 = 2 * np.pi * f0 / sr
        alpha = np.sin(w0) / (2 * q)
        b = [1 + alpha * a, -2 * np.cos(w0), 1 - alpha * a]
        den = [1 + alpha / a, -2 * np.cos(w0), 1 - alpha / a]
        y = scipy.signal.lfilter(b, den, y)
    return y.astype(np.float32)


def apply_room(clean: np.ndarray, sr: int, c: Corruption) -> np.ndarray:
    """The clean example in the drawn room and through the drawn microphone, same length
    and RMS (the mixture's SNR is set afterwards)."""
    y = np.asarray(clean, dtype=np.float32)
    if c.rt60_s is None and not c.eq:
        return y
    before = float(np.sqrt(np.mean(y.astype(np.float64) ** 2)))
    if c.rt60_s is not None:
        rir = synthetic_rir(sr, c.rt60_s, np.random.default_rng(c.rir_seed))
        y = scipy.signal.fftconvolve(y, rir)[: y.shape[0]].astype(np.float32)
    if c.eq:
        y = peaking_eq(y, sr, c.eq)
    after = float(np.sqrt(np.mean(y.astype(np.float64) ** 2)))
    return (y * (before / after)).astype(np.float32) if after > _EPS else y


def noise_mixture(
    c: Corruption,
    make_one: Callable[[np.random.Generator], np.ndarray],
    rng: np.random.Generator,
    sr: int,
    cfg: CorruptConfig,
) -> np.ndarray:
    """c.sources noise signals summed at their drawn relative levels; each may be band-
    limited on its own (noise recorded or played back through a narrow channel) and
    swell and fade (a passing car, a fan switched on)."""
    total = None
    for k in range(c.sources):
        src = np.asarray(make_one(rng), dtype=np.float32)
        u = rng.random(2)
        cut = draw_band_limit(rng, sr, 1.0, (2000.0, 4000.0, 5512.5, 8000.0, 11025.0))
        if u[0] < cfg.noise_band_prob:
            src = band_limit(src, sr, cut.cutoff_hz, cut.method)
        if u[1] < cfg.modulate_prob:
            src = src * _swell(src.shape[0], sr, rng)
        level = np.sqrt(np.mean(src.astype(np.float64) ** 2))
        src = src * np.float32(10 ** (c.source_gains_db[k] / 20) / (level + _EPS))
        total = src if total is None else total + src
    return total.astype(np.float32)


def _swell(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """A gain curve between about 0.1 and 1 that moves over a second or so."""
    points = max(3, int(n / sr * 1.5) + 3)
    knots = rng.uniform(-20, 0, points)
    db = np.interp(np.linspace(0, points - 1, n), np.arange(points), knots)
    return (10 ** (db / 20)).astype(np.float32)


def band_limit_pair(
    inp: np.ndarray, target: np.ndarray, sr: int, c: Corruption
) -> tuple[np.ndarray, np.ndarray]:
    """Both sides limited at the drawn cut-off: a band-limited file holds a band-limited
    voice, and the model is asked to clean it, not to invent the missing band."""
    if c.band.cutoff_hz is None:
        return inp, target
    return (
        band_limit(inp, sr, c.band.cutoff_hz, c.band.method),
        band_limit(target, sr, c.band.cutoff_hz, c.band.method),
    )
