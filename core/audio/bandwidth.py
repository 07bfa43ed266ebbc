"""Bandwidth: band-limiting a signal the way real recordings are limited, and measuring it.

Real inputs rarely fill their sample rate: a 16 kHz recording (or a phone call, most MP3s,
video soundtracks) played at 44.1 kHz has nothing above 8 kHz. A model that only ever saw
full-band mixtures meets empty bins it never saw and gets worse, so training band-limits
its noisy inputs at random (`draw_band_limit` / `band_limit`), and inference measures a
file's content bandwidth (`content_bandwidth`) to warn when it is far from what the model saw.

Pure functions on float32 mono arrays; randomness only through an explicit Generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.ndimage
import scipy.signal
import soxr

# Cut-offs a recording meets in the wild (Hz): narrowband phone (8 kHz rate), 11,025 Hz
# rate, wideband / G.722 / 16 kHz files, 22,050 Hz files, and the lowpass of MP3 and Opus
# encoders at common bit rates (about 11, 15, 16, 19 kHz).
COMMON_CUTOFFS_HZ = (4000.0, 5512.5, 8000.0, 11025.0, 15000.0, 16000.0, 19000.0)


@dataclass(frozen=True)
class BandLimit:
    """One band-limiting decision: nothing (cutoff None) or a cut-off and how it was made."""

    cutoff_hz: float | None = None
    method: str = "resample"  # "resample": down to 2*cutoff and back (a low-rate file);
    # "lowpass": a steep filter at cutoff (an encoder's lowpass, an anti-alias filter)


def band_limit(
    x: np.ndarray, sr: int, cutoff_hz: float | None, method: str = "resample"
) -> np.ndarray:
    """x with nothing above cutoff_hz; same length. A cutoff at or above Nyquist is a no-op."""
    x = np.asarray(x, dtype=np.float32)
    if cutoff_hz is None or cutoff_hz >= sr / 2 or x.shape[0] == 0:
        return x
    if method == "resample":
        low = max(1000, int(round(2 * cutoff_hz)))
        down = soxr.resample(x, sr, low, quality="HQ")
        up = soxr.resample(down, low, sr, quality="HQ")
        out = np.zeros_like(x)
        n = min(len(up), len(x))
        out[:n] = up[:n]
        return out
    if method == "lowpass":
        # Elliptic: a cliff like an encoder's (60 dB down within ~5 % of the cut-off).
        sos = scipy.signal.ellip(8, 0.1, 70, cutoff_hz, fs=sr, output="sos")
        if x.shape[0] <= 3 * 2 * sos.shape[0]:
            return x
        return scipy.signal.sosfiltfilt(sos, x).astype(np.float32)
    raise ValueError(f"unknown band-limit method {method!r}")


def draw_band_limit(
    rng: np.random.Generator,
    sr: int,
    prob: float,
    cutoffs_hz: tuple[float, ...] = COMMON_CUTOFFS_HZ,
) -> BandLimit:
    """With probability prob a cut-off from cutoffs_hz below Nyquist (jittered a little, as
    real filters differ), else none. Draws the same random numbers whatever the outcome,
    so the rest of an example's stream does not depend on it."""
    u, pick, jitter, how = rng.random(4)
    usable = [c for c in cutoffs_hz if c < 0.95 * sr / 2]
    if u >= prob or not usable:
        return BandLimit()
    cutoff = usable[int(pick * len(usable))] * (0.94 + 0.06 * jitter)
    return BandLimit(float(cutoff), "resample" if how < 0.6 else "lowpass")


def content_bandwidth(x: np.ndarray, sr: int, drop_db: float = 50.0) -> float:
    """Highest frequency (Hz) at which x still has content: where its long-term spectrum,
    smoothed over ~2 % of the band, last stays within drop_db of the level of its strongest
    tenth. A 16 kHz file at 44.1 kHz reads about 8,000; white noise, Nyquist."""
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    nyq = sr / 2
    if x.shape[0] < 256 or not np.any(x):
        return nyq
    nper = 2048 if x.shape[0] >= 2048 else 256
    # Blackman-Harris: its -92 dB sidelobes keep strong low frequencies (brown noise, hum)
    # from leaking over an empty top band.
    f, psd = scipy.signal.welch(x, sr, window="blackmanharris", nperseg=nper)
    db = 10 * np.log10(psd + 1e-20)
    width = max(1, len(db) // 50)
    smooth = scipy.ndimage.uniform_filter1d(db, width, mode="nearest")
    # The reference is the level of the strongest tenth of the band: a signal cut at 2 kHz
    # has no level at 3 kHz to compare with.
    ref = float(np.percentile(smooth[f >= 50], 90))
    above = np.nonzero(smooth > ref - drop_db)[0]
    if above.size == 0:
        return nyq
    last = int(above[-1])
    # The smoothing window spreads a cliff by half its width: step back to its middle.
    return float(min(nyq, f[min(len(f) - 1, max(0, last - width // 2))]))


def bandwidth_warning(
    bandwidth_hz: float, trained_min_hz: float, trained_max_hz: float, name: str = "the file"
) -> str | None:
    """A sentence for the user when a file's content bandwidth lies well outside the range
    the model was trained on, else None."""
    if bandwidth_hz < 0.8 * trained_min_hz:
        return (
            f"{name}: its content stops near {bandwidth_hz / 1000:.1f} kHz, but the model was "
            f"trained on audio reaching {trained_min_hz / 1000:.1f} kHz or more; it may "
            "remove less noise or colour the voice (train with band-limiting, or on such audio)"
        )
    if bandwidth_hz > 1.25 * trained_max_hz and trained_max_hz > 0:
        return (
            f"{name}: its content reaches {bandwidth_hz / 1000:.1f} kHz, above the "
            f"{trained_max_hz / 1000:.1f} kHz the model was trained on; the band above is "
            "passed through with the model's gain at the top of its band"
        )
    return None


def trained_band(sample_rate: int, band_limit_prob: float) -> tuple[float, float]:
    """(lowest, highest) content bandwidth in Hz a denoiser trained at sample_rate saw:
    down to the lowest common cut-off below its Nyquist when it was trained with band-
    limiting, else only its full band."""
    nyq = sample_rate / 2
    usable = [c for c in COMMON_CUTOFFS_HZ if c < 0.95 * nyq]
    low = min(usable) if band_limit_prob > 0 and usable else 0.9 * nyq
    return float(low), float(nyq)
