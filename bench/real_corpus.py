"""The real-recording corpus: Debian's speech prompts, music and noise, split by file.

Speech (16 kHz G.722 prompts, one real speaker per package):
- OWN_VOICE, en_US_f_Allison (asterisk-core-sounds-en-g722): the user's own voice. Its
  prompts are split by file, deterministically, into train / val / test; test prompts never
  train.
- NEW_VOICE, fr_CA_f_June (asterisk-core-sounds-fr-g722): a voice never used in training.
- EXTRA_VOICES, it_IT_m_Carlo and ru_RU_f_IvrvoiceRU (asterisk-core-sounds-{it,ru}-g722):
  more real speakers a project may train on (their train/val prompts only).

Noise families (NOISE_FAMILIES):
- "own_room": a synthesised room recording (a fan with motor and blade-pass lines, airflow,
  traffic rumble with passing cars, occasional clicks); takes differ in fan speed, traffic
  and clicks; OWN_ROOM_TAKES says which takes are for train, val and test.
- "music": asterisk-moh-opsound-g722, real music (16 kHz), split by file.
- "outdoor": openttd-opensfx, real field recordings (vehicles, machines, animals, wind,
  crowds) at 44.1 kHz. UNSEEN_NOISE: never used in training, every file is test.
- "alerts": desktop event sounds (sound-theme-freedesktop, oxygen-sounds), split by file.

The small API the benchmarks use: `speech(voice, split)`, `noise(family, split, sr)`,
`own_room_take(take, seconds, sr)`, `mixtures(...)` (the test conditions: voice x noise family
x SNR x full-band / 8 kHz-limited) and `build_project(root, ...)` (a Wavesmith project holding a
training split). Every result is deterministic: file splits are hashes of the file names,
mixtures come from a seed.
"""

from __future__ import annotations

import io
import re
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.signal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.audio.bandwidth import band_limit  # noqa: E402
from core.audio.io import read_audio, resample, to_mono, write_audio  # noqa: E402
from core.dataset.clips import split_for_key  # noqa: E402
from core.train.noise import loop_crop, mix_at_snr, rms  # noqa: E402

SPEECH_SR = 16000
SOUNDS = Path("/usr/share/asterisk/sounds")
MOH = Path("/usr/share/asterisk/moh")
OPENSFX = Path("/usr/share/games/openttd/baseset/opensfx/opensfx.cat")
ALERT_DIRS = (Path("/usr/share/sounds/freedesktop/stereo"), Path("/usr/share/sounds"))

OWN_VOICE = "en_US_f_Allison"
NEW_VOICE = "fr_CA_f_June"
EXTRA_VOICES = ("it_IT_m_Carlo", "ru_RU_f_IvrvoiceRU")
VOICES = (OWN_VOICE, NEW_VOICE, *EXTRA_VOICES)
NOISE_FAMILIES = ("own_room", "music", "outdoor", "alerts")
UNSEEN_NOISE = "outdoor"
OWN_ROOM_TAKES = {"train": (0, 1, 2, 3), "val": (4,), "test": (5, 6)}

PACKAGES = {
    OWN_VOICE: "asterisk-core-sounds-en-g722",
    NEW_VOICE: "asterisk-core-sounds-fr-g722",
    "it_IT_m_Carlo": "asterisk-core-sounds-it-g722",
    "ru_RU_f_IvrvoiceRU": "asterisk-core-sounds-ru-g722",
    "music": "asterisk-moh-opsound-g722",
    "outdoor": "openttd-opensfx",
    "alerts": "sound-theme-freedesktop oxygen-sounds",
}

# Prompts that are no one's voice: asterisk's silence/1 ... silence/10 (1-10 s of
# near-silence, about -80 dBFS, for pauses) and the beeps and two-tone signals every
# package has (but not at-tone-time-exactly, which is speech). Scored as "clean speech",
# a silence prompt made its cell's mean SI-SDR improvement meaningless (a model that
# removes the faint noise under silence scores -20 dB there).
NOT_SPEECH = re.compile(r"^(silence/|beep|beeperr$|ascending-2tone$|descending-2tone$)")

# Bandwidth conditions: the mixture as it is, and low-passed at 8 kHz as a 16 kHz
# recording (a call, most video soundtracks) would have it.
BANDS = {"full": None, "8k": 8000.0}


class CorpusMissing(RuntimeError):
    """A Debian package the corpus needs is not installed; the message names it."""


def missing_packages() -> list[str]:
    """Debian packages the corpus needs that are not installed here."""
    missing = []
    for voice in VOICES:
        if not (SOUNDS / voice).is_dir():
            missing.append(PACKAGES[voice])
    if not any(MOH.glob("*.g722")):
        missing.append(PACKAGES["music"])
    if not OPENSFX.is_file():
        missing.append(PACKAGES["outdoor"])
    if not ALERT_DIRS[0].is_dir():
        missing.append(PACKAGES["alerts"])
    return missing


def read_g722(path: str | Path) -> np.ndarray:
    """A raw G.722 prompt as mono float32 at 16 kHz, through the app's one decoder
    (core.audio.decode, which knows the .g722 format hint raw G.722 needs)."""
    from core.audio.decode import read

    audio, rate = read(path)
    if rate != SPEECH_SR:
        audio = resample(audio, rate, SPEECH_SR)
    return np.ascontiguousarray(to_mono(audio)[:, 0], dtype=np.float32)


def split_of(collection: str, name: str) -> str:
    """train / val / test of one file, from a hash of its collection and name (the same
    rule the project uses): adding files never moves the others."""
    return split_for_key(f"{collection}/{name}")


def _need(path: Path, what: str) -> None:
    if not path.exists():
        raise CorpusMissing(f"{path}: not installed; apt-get install {PACKAGES[what]}")


# -- speech ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    voice: str
    name: str  # the file's path below the voice folder, without suffix
    path: Path


def prompts(voice: str, split: str | None = None) -> list[Prompt]:
    """The voice's prompt files of one split (None: all), sorted by name. NEW_VOICE never
    trains: all its prompts are "test"."""
    folder = SOUNDS / voice
    _need(folder, voice)
    out = []
    for path in sorted(folder.rglob("*.g722")):
        name = str(path.relative_to(folder).with_suffix(""))
        if NOT_SPEECH.search(name) or path.stat().st_size == 0:
            continue
        which = "test" if voice == NEW_VOICE else split_of(voice, name)
        if split is None or which == split:
            out.append(Prompt(voice, name, path))
    return out


@lru_cache(maxsize=4096)
def _prompt_audio(path: Path) -> np.ndarray:
    audio = read_g722(path)
    audio.flags.writeable = False
    return audio


def speech(voice: str, split: str, min_seconds: float = 1.0) -> list[tuple[Prompt, np.ndarray]]:
    """(prompt, 16 kHz audio) of one voice and split, prompts shorter than min_seconds left
    out (a prompt of one word is mostly its silences)."""
    out = []
    for p in prompts(voice, split):
        audio = _prompt_audio(p.path)
        if audio.shape[0] >= min_seconds * SPEECH_SR:
            out.append((p, audio))
    return out


# -- noise -----------------------------------------------------------------------------


def _opensfx_sounds() -> list[tuple[str, np.ndarray, int]]:
    """(name, mono audio, rate) of every sound in OpenTTD's opensfx.cat: a table of
    (offset | 0x80000000, size) pairs, each entry a name-length byte, the name, a RIFF WAV."""
    import soundfile as sf

    _need(OPENSFX, "outdoor")
    blob = OPENSFX.read_bytes()
    count = (struct.unpack_from("<I", blob, 0)[0] & 0x7FFFFFFF) // 8
    out = []
    for i in range(count):
        offset = struct.unpack_from("<I", blob, 8 * i)[0] & 0x7FFFFFFF
        name_len = blob[offset]
        name = blob[offset + 1 : offset + 1 + name_len].rstrip(b"\0").decode("latin-1")
        riff = offset + 1 + name_len
        if blob[riff : riff + 4] != b"RIFF":
            continue
        size = struct.unpack_from("<I", blob, riff + 4)[0] + 8
        audio, rate = sf.read(io.BytesIO(blob[riff : riff + size]), dtype="float32")
        audio = to_mono(audio)[:, 0] if audio.ndim > 1 else audio
        if audio.shape[0] >= rate // 2:  # beeps and empty placeholders are no noise bed
            out.append((name.split('"')[1] if '"' in name else name, audio, rate))
    return out


def _alert_files() -> list[Path]:
    found = sorted(ALERT_DIRS[0].glob("*.oga"))
    found += sorted(ALERT_DIRS[1].glob("Oxygen-*.ogg"))
    return found


def noise(family: str, split: str, sr: int) -> list[np.ndarray]:
    """The family's noise recordings of one split, mono float32 at sr. "outdoor" is the
    unseen family: it has test files only."""
    if family == "own_room":
        return [own_room_take(t, 30.0, sr) for t in OWN_ROOM_TAKES[split]]
    if family == "music":
        files = [p for p in sorted(MOH.glob("*.g722")) if split_of("music", p.stem) == split]
        if not files and split != "train":  # five tracks: val and test may share the last
            files = sorted(MOH.glob("*.g722"))[-1:]
        return [resample(read_g722(p), SPEECH_SR, sr) for p in files]
    if family == "outdoor":
        if split != "test":
            return []
        return [resample(a, rate, sr) for _, a, rate in _opensfx_sounds()]
    if family == "alerts":
        out = []
        for p in _alert_files():
            if split_of("alerts", p.stem) == split:
                audio, rate = read_audio(p)
                out.append(resample(to_mono(audio)[:, 0], rate, sr))
        return out
    raise ValueError(f"unknown noise family {family!r}; use {NOISE_FAMILIES}")


def own_room_take(take: int, seconds: float = 30.0, sr: int = 48000) -> np.ndarray:
    """One take of the "own room" recording, full band at sr, RMS 0.05: a desk fan (motor
    lines at 100 Hz and harmonics, blade-pass lines that wander with the speed, airflow
    hiss modulated at the blade rate), traffic rumble with cars passing now and then, and
    occasional clicks (a chair, a mouse, a keyboard). Takes share the room and differ in
    fan speed, traffic and clicks."""
    rng = np.random.default_rng([13, 2026, take])
    n = int(round(seconds * sr))
    t = np.arange(n) / sr
    # Fan speed: a setting per take plus a slow wander (bearing and load).
    rot_hz = 23.0 * (1.0 + 0.03 * (take % 4)) * (1 + 0.004 * _slow_walk(n, sr, 0.3, rng))
    phase = 2 * np.pi * np.cumsum(rot_hz) / sr
    blades = 5
    fan = np.zeros(n)
    for k, amp in ((1, 1.0), (2, 0.5), (3, 0.3), (4, 0.15), (6, 0.08)):
        fan += amp * np.sin(k * blades * phase + rng.uniform(0, 2 * np.pi))
    for k, amp in ((1, 0.6), (2, 0.25), (3, 0.3), (5, 0.1)):  # motor: 100 Hz magnetostriction
        fan += amp * np.sin(2 * np.pi * 100.0 * k * t + rng.uniform(0, 2 * np.pi))
    air = _shaped_noise(n, sr, rng, low=60.0, high=min(9000.0, 0.45 * sr), tilt=-0.6)
    air *= 1.0 + 0.25 * np.sin(blades * phase)
    rumble = _shaped_noise(n, sr, rng, low=20.0, high=300.0, tilt=-1.5)
    rumble *= 0.6 + 0.4 * (1 + _slow_walk(n, sr, 0.1, rng)) / 2
    cars = np.zeros(n)
    at = rng.uniform(0, 6)
    while at < seconds:
        dur = rng.uniform(3.0, 7.0)
        env = np.exp(-0.5 * ((t - at - dur / 2) / (dur / 5)) ** 2)
        cars += env * _shaped_noise(n, sr, rng, low=40.0, high=rng.uniform(800, 2500), tilt=-1.0)
        at += dur + rng.exponential(8.0)
    clicks = np.zeros(n)
    for at in np.cumsum(rng.exponential(1 / 0.4, size=int(seconds * 0.4) + 8)):
        if at >= seconds - 0.05:
            break
        start = int(at * sr)
        length = int(sr * rng.uniform(0.004, 0.03))
        decay = np.exp(-np.arange(length) / (length / 5))
        ring = np.sin(2 * np.pi * rng.uniform(1500, 6000) * np.arange(length) / sr)
        burst = decay * (0.5 * ring + rng.standard_normal(length))
        clicks[start : start + length] += rng.uniform(2.0, 8.0) * burst
    room = (
        0.5 * fan / (rms(fan) + 1e-12)
        + 1.0 * air / (rms(air) + 1e-12)
        + 0.6 * rumble / (rms(rumble) + 1e-12)
        + 0.8 * cars / (rms(cars) + 1e-12)
        + 0.25 * clicks / (rms(clicks) + 1e-12)
    )
    return (0.05 * room / (rms(room) + 1e-12)).astype(np.float32)


def _slow_walk(n: int, sr: int, hz: float, rng: np.random.Generator) -> np.ndarray:
    """A smooth random curve in about [-1, 1] that changes over 1/hz seconds."""
    points = max(4, int(n / sr * hz) + 4)
    knots = rng.uniform(-1, 1, points)
    return np.interp(np.linspace(0, points - 1, n), np.arange(points), knots)


def _shaped_noise(
    n: int, sr: int, rng: np.random.Generator, low: float, high: float, tilt: float
) -> np.ndarray:
    """Gaussian noise band-passed to [low, high] Hz with a spectral tilt of `tilt`
    (power ~ f**tilt), unit RMS."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / sr)
    f[0] = 1.0
    gain = f ** (tilt / 2)
    sos = scipy.signal.butter(4, [low, high], "bandpass", fs=sr, output="sos")
    _, h = scipy.signal.sosfreqz(sos, worN=f, fs=sr)
    out = np.fft.irfft(spec * gain * np.abs(h), n)
    return out / (rms(out) + 1e-12)


# -- test mixtures ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mixture:
    """One test item: clean speech and its noisy version, both mono float32 at sr."""

    voice: str
    family: str
    snr_db: float
    band: str  # a key of BANDS
    name: str
    sr: int
    clean: np.ndarray
    noisy: np.ndarray

    @property
    def cell(self) -> tuple[str, str, float, str]:
        return (self.voice, self.family, self.snr_db, self.band)


def mixtures(
    voices: tuple[str, ...] = (OWN_VOICE, NEW_VOICE),
    families: tuple[str, ...] = ("own_room", UNSEEN_NOISE),
    snrs: tuple[float, ...] = (0.0, 5.0, 10.0),
    bands: tuple[str, ...] = ("full", "8k"),
    per_cell: int = 6,
    sr: int = 48000,
    seed: int = 0,
    split: str = "test",
) -> list[Mixture]:
    """Test mixtures, per_cell for every (voice, family, snr, band): test prompts of each
    voice (2 s or longer), noise from the family's test recordings, both at sr. The same
    speech and noise go into the full-band and the 8 kHz-limited version of a cell, so the
    two differ only by the band limit."""
    out = []
    noise_cache = {f: noise(f, split, sr) for f in families}
    for voice in voices:
        pool = speech(voice, split, min_seconds=2.0)
        if not pool:
            raise CorpusMissing(f"{voice}: no {split} prompts of 2 s or longer")
        for family in families:
            beds = noise_cache[family]
            if not beds:
                raise CorpusMissing(f"{family}: no {split} noise recordings")
            for snr in snrs:
                rng = np.random.default_rng(
                    [seed, VOICES.index(voice), NOISE_FAMILIES.index(family), int(snr * 10)]
                )
                picks = rng.choice(len(pool), size=min(per_cell, len(pool)), replace=False)
                for k in picks:
                    prompt, audio16 = pool[int(k)]
                    clean = resample(np.asarray(audio16), SPEECH_SR, sr)
                    bed = _noise_bed(beds, clean.shape[0], rng)
                    noisy = mix_at_snr(clean, bed, snr)
                    peak = float(np.max(np.abs(noisy)))
                    scale = 0.9 / peak if peak > 0.9 else 1.0
                    for band in bands:
                        limited = band_limit(noisy * scale, sr, BANDS[band])
                        out.append(
                            Mixture(
                                voice, family, snr, band, prompt.name, sr, clean * scale, limited
                            )
                        )
    return out


def _noise_bed(beds: list[np.ndarray], n: int, rng: np.random.Generator) -> np.ndarray:
    """n samples of noise: recordings laid end to end from random starting points (short
    field recordings are chained rather than looped, so a bed is not one sound repeated)."""
    parts, have = [], 0
    while have < n:
        src = beds[int(rng.integers(len(beds)))]
        take = min(src.shape[0], n - have)
        parts.append(loop_crop(src, take, rng))
        have += take
    return np.concatenate(parts)[:n].astype(np.float32)


# -- a project to train on ---------------------------------------------------------------


def build_project(
    root: str | Path,
    voices: tuple[str, ...] = (OWN_VOICE,),
    room_takes: tuple[int, ...] = OWN_ROOM_TAKES["train"],
    room_seconds: float = 30.0,
    sr: int = SPEECH_SR,
):
    """A Wavesmith project at root/project holding the train and val prompts of `voices` as
    clean speech (the project splits them again, by its own rule, into train and val) and
    the own-room takes as noise, written as WAV at sr under root/audio. Test prompts, the
    new voice and the unseen noise family never enter it."""
    from core.dataset.importer import import_paths
    from core.dataset.project import Project

    root = Path(root)
    if NEW_VOICE in voices:
        raise ValueError(f"{NEW_VOICE} is the new voice: it never trains")
    clean_dir, noise_dir = root / "audio" / "clean", root / "audio" / "noise"
    for voice in voices:
        for split in ("train", "val"):
            for prompt, audio in speech(voice, split):
                path = clean_dir / voice / f"{prompt.name.replace('/', '_')}.wav"
                write_audio(path, resample(np.asarray(audio), SPEECH_SR, sr)[:, None], sr, "PCM_16")
    for take in room_takes:
        write_audio(
            noise_dir / f"room_take{take}.wav",
            own_room_take(take, room_seconds, sr)[:, None],
            sr,
            "PCM_16",
        )
    project = Project.create(root / "project")
    import_paths(project, [clean_dir], role="clean")
    import_paths(project, [noise_dir], role="noise")
    return project
