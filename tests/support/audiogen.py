"""Test audio made at test time: numpy signals and espeak-ng speech. Nothing is committed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import soundfile as sf

from core.audio.io import read_audio, write_audio


def sine(freq: float, seconds: float, sr: int = 16000, amp: float = 0.5, channels: int = 1):
    t = np.arange(int(round(seconds * sr))) / sr
    x = (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(x[:, None], channels, axis=1)


def noise(seconds: float, sr: int = 16000, amp: float = 0.1, seed: int = 0, channels: int = 1):
    rng = np.random.default_rng(seed)
    return (amp * rng.standard_normal((int(round(seconds * sr)), channels))).astype(np.float32)


def write(path: Path, audio: np.ndarray, sr: int, subtype: str = "PCM_16") -> Path:
    return write_audio(path, audio, sr, subtype)


VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb+m3", "en-us+f2", "en-us+m7")
SENTENCES = (
    "The quick brown fox jumps over the lazy dog.",
    "Please record every take in a quiet room.",
    "A denoiser learns what speech sounds like without the noise.",
    "She sells sea shells by the sea shore on sunny days.",
    "Training runs overnight and resumes in the morning.",
    "Listen closely and compare the two versions.",
    "Every clip should be between three and ten seconds long.",
    "The microphone was placed a little too far away.",
)


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def speech(path: Path, text: str, voice: str = "en-us", sr: int | None = None, speed: int = 160):
    """Speak `text` with espeak-ng into a WAV (22,050 Hz mono unless resampled to `sr`)."""
    if not have_espeak():
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = path.with_name(path.stem + ".espeak.wav")
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    audio, rate = read_audio(raw)
    raw.unlink()
    if sr is not None and sr != rate:
        from core.audio.io import resample

        audio, rate = resample(audio, rate, sr), sr
    sf.write(str(path), audio, rate, subtype="PCM_16")
    return path


def speech_in_white_noise(
    folder: Path, text: str, sr: int = 16000, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(clean, noise): `text` spoken at sr as mono float32, and unit-variance white noise
    of the same length (scale it with `at_snr`)."""
    audio, _ = read_audio(speech(Path(folder) / "talk.wav", text, sr=sr))
    clean = audio[:, 0]
    rng = np.random.default_rng(seed)
    return clean, rng.standard_normal(len(clean)).astype(np.float32)


def at_snr(clean: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """clean + noise scaled to snr_db below it (by mean power)."""
    gain = np.sqrt(np.mean(clean**2) / np.mean(noise**2) / 10 ** (snr_db / 10))
    return (clean + gain * noise).astype(np.float32)


def speech_corpus(folder: Path, n: int, sr: int | None = None) -> list[Path]:
    """n different spoken clips across voices and sentences."""
    out = []
    for i in range(n):
        text = SENTENCES[i % len(SENTENCES)]
        voice = VOICES[i % len(VOICES)]
        out.append(speech(Path(folder) / f"speech_{i:03d}.wav", text, voice, sr=sr))
    return out
