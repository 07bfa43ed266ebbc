"""Noise for the denoise task: synthetic coloured noise, mains hum, babble, and mixing rules.

Pure functions on float32 mono arrays with an explicit numpy Generator, so every example is
reproducible from its seed.
"""

from __future__ import annotations

import functools

import numpy as np

_EPS = 1e-10


@functools.lru_cache(maxsize=16)
def _colour_filter(n: int, exponent: float) -> np.ndarray:
    """Amplitude response 1/f**(exponent/2) over rfft bins, DC removed (cached: the same
    segment length is asked for millions of times)."""
    f = np.arange(n // 2 + 1, dtype=np.float64)
    f[0] = 1.0
    gain = (1.0 / f ** (exponent / 2.0)).astype(np.float32)
    gain[0] = 0.0
    gain.flags.writeable = False
    return gain


def coloured_noise(n: int, exponent: float, rng: np.random.Generator) -> np.ndarray:
    """Noise whose power falls as 1/f**exponent: 0 white, 1 pink, 2 brown. Unit RMS."""
    white = rng.standard_normal(n, dtype=np.float32)
    if exponent == 0:
        return white / (np.sqrt(np.mean(white**2)) + _EPS)
    out = np.fft.irfft(np.fft.rfft(white) * _colour_filter(n, exponent), n).astype(np.float32)
    return out / (np.sqrt(np.mean(out**2)) + _EPS)


def hum(n: int, sr: int, base_hz: float, rng: np.random.Generator) -> np.ndarray:
    """Mains hum: the base frequency and a few odd-heavy harmonics with random phases. Unit RMS."""
    # Phase in float64 (wrapped to one cycle) so long signals keep their pitch; sin in float32.
    cycles = (np.arange(n, dtype=np.float64) * (base_hz / sr)) % 1.0
    base = (2 * np.pi * cycles).astype(np.float32)
    out = np.zeros(n, dtype=np.float32)
    for k, amp in ((1, 1.0), (2, 0.3), (3, 0.5), (5, 0.25), (7, 0.12)):
        if base_hz * k < sr / 2:
            out += np.float32(amp) * np.sin(k * base + np.float32(rng.uniform(0, 2 * np.pi)))
    return out / (np.sqrt(np.mean(out**2)) + _EPS)


def clicks(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """Impulsive noise over a faint hiss: short decaying bursts (a chair, keys, a door, a
    mouse) at random times, 0.5-3 a second. Unit RMS."""
    out = 0.05 * rng.standard_normal(n).astype(np.float32)
    seconds = n / sr
    at = float(rng.exponential(1.0))
    rate = rng.uniform(0.5, 3.0)
    while at < seconds:
        start = int(at * sr)
        length = min(n - start, int(sr * rng.uniform(0.003, 0.08)))
        k = np.arange(length, dtype=np.float32)
        decay = np.exp(-k / max(1.0, length / 5))
        ring = np.sin(2 * np.pi * rng.uniform(300, 0.45 * sr) * k / sr)
        burst = decay * (rng.uniform(0, 1) * ring + rng.standard_normal(length))
        out[start : start + length] += np.float32(rng.uniform(1, 10)) * burst.astype(np.float32)
        at += float(rng.exponential(1.0 / rate))
    return out / (np.sqrt(np.mean(out**2)) + _EPS)


def tones(n: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """Beeps, rings and whistles: harmonic tones, some gliding, switching on and off (phones,
    alarms, appliances, a kettle). Unit RMS."""
    out = 0.02 * rng.standard_normal(n).astype(np.float32)
    t = np.arange(n, dtype=np.float64) / sr
    for _ in range(int(rng.integers(1, 4))):
        f0 = float(np.exp(rng.uniform(np.log(200), np.log(min(4000, 0.2 * sr)))))
        glide = rng.uniform(-0.5, 0.5) if rng.random() < 0.4 else 0.0
        freq = f0 * 2 ** (glide * t / max(t[-1], 1e-3))
        phase = 2 * np.pi * np.cumsum(freq) / sr
        tone = sum(
            rng.uniform(0.1, 1.0) / k * np.sin(k * phase) for k in range(1, 5) if k * f0 < sr / 2
        )
        period = rng.uniform(0.1, 1.5)
        duty = rng.uniform(0.3, 1.0)
        gate = ((t / period + rng.uniform()) % 1.0) < duty
        out += (tone * gate).astype(np.float32)
    return out / (np.sqrt(np.mean(out**2)) + _EPS)


def babble(n: int, talkers: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Several voices summed at random positions: the noise of a room full of people. Unit RMS.

    `talkers` are long speech arrays (other training clips); an empty list gives pink noise."""
    usable = [t for t in talkers if t.shape[0] > 0]
    if not usable:
        return coloured_noise(n, 1.0, rng)
    out = np.zeros(n, dtype=np.float32)
    for _ in range(int(rng.integers(3, 7))):
        src = usable[int(rng.integers(len(usable)))]
        out += loop_crop(src, n, rng) * rng.uniform(0.5, 1.0)
    rms = np.sqrt(np.mean(out**2))
    return out / rms if rms > _EPS else coloured_noise(n, 1.0, rng)


def loop_crop(src: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """n samples from a random position of src, looping it when it is shorter than n."""
    if src.shape[0] >= n:
        start = int(rng.integers(0, src.shape[0] - n + 1))
        return src[start : start + n].astype(np.float32, copy=False)
    reps = int(np.ceil(n / src.shape[0])) + 1
    tiled = np.tile(src, reps)
    start = int(rng.integers(0, src.shape[0]))
    return tiled[start : start + n].astype(np.float32, copy=False)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def mix_at_snr(clean: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """clean + noise scaled so 10*log10(P_clean / P_noise) == snr_db. Silent clean gets the
    noise at a low fixed level, so the model also learns to output silence."""
    c, nz = rms(clean), rms(noise)
    if nz < _EPS:
        return clean.copy()
    level = c / (10 ** (snr_db / 20)) if c > _EPS else 0.01
    return (clean + noise * (level / nz)).astype(np.float32)


def mix_at_level(clean: np.ndarray, noise: np.ndarray, amplitude: float) -> np.ndarray:
    """clean + noise scaled to a fixed RMS amplitude (the users' 0.005 ... 0.1 list).

    RMS, not peak: the users' scripts add `np.random.normal(0, level, n)`, whose standard
    deviation (= RMS) is the level; this keeps their numbers meaning the same for any kind."""
    level = rms(noise)
    if level < _EPS:
        return clean.copy()
    return (clean + noise * (amplitude / level)).astype(np.float32)


def make_noise(
    kind: str,
    n: int,
    sr: int,
    rng: np.random.Generator,
    *,
    talkers: list[np.ndarray] | None = None,
    noise_clips: list[np.ndarray] | None = None,
    hum_hz: tuple[float, ...] = (50.0, 60.0),
) -> np.ndarray:
    """One noise signal of length n (unit RMS for synthetic kinds)."""
    if kind == "white":
        return coloured_noise(n, 0.0, rng)
    if kind == "pink":
        return coloured_noise(n, 1.0, rng)
    if kind == "brown":
        return coloured_noise(n, 2.0, rng)
    if kind == "hum":
        base = float(hum_hz[int(rng.integers(len(hum_hz)))])
        # Real hum comes with a hiss floor; pure sines would be too easy to learn away.
        return hum(n, sr, base, rng) + 0.1 * coloured_noise(n, 0.0, rng)
    if kind == "babble":
        return babble(n, talkers or [], rng)
    if kind == "clicks":
        return clicks(n, sr, rng)
    if kind == "tones":
        return tones(n, sr, rng)
    if kind == "project":
        if not noise_clips:
            return coloured_noise(n, 1.0, rng)
        src = noise_clips[int(rng.integers(len(noise_clips)))]
        return loop_crop(src, n, rng)
    raise ValueError(f"unknown noise kind {kind!r}")
