"""The data section's noise, augmentation and corruption settings (TrainConfig.data.noise,
.augment, .corrupt): what the mixer (core.train.noise), the augmentation draw
(core.train.augment) and the corruption of a clean example (core.train.corrupt) do."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP
from core.train.config_checks import check, check_probability, low_high, within

NOISE_KINDS = ("white", "pink", "brown", "hum", "babble", "clicks", "tones", "project")


@dataclass
class NoiseConfig:
    # "snr": SNR in dB drawn uniformly from snr_db (the better default);
    # "levels": noise scaled to one of the fixed RMS amplitudes in `levels` (the users' list;
    # for their Gaussian noise that is its standard deviation).
    mode: str = "snr"
    snr_db: tuple[float, float] = (0.0, 15.0)
    levels: tuple[float, ...] = (0.005, 0.01, 0.02, 0.05, 0.1)
    # Noise sources picked uniformly per example; "project" uses the project's noise clips
    # and is skipped silently when the project has none.
    kinds: tuple[str, ...] = ("white", "pink", "brown", "hum", "babble", "project")
    hum_hz: tuple[float, ...] = (50.0, 60.0)  # mains frequencies to draw from
    # The chance that a noise source is one of the project's own noise clips, when "project"
    # is among the kinds and the project has some (the other kinds share the rest evenly).
    # The user's room is the noise the model will meet most.
    project_share: float = 0.5

    def __post_init__(self) -> None:
        self.snr_db = low_high(self.snr_db, "data.noise.snr_db")
        self.levels = tuple(float(v) for v in self.levels)
        self.kinds = tuple(self.kinds)
        self.hum_hz = tuple(float(v) for v in self.hum_hz)
        check(
            self.mode in ("snr", "levels"),
            QT_TRANSLATE_NOOP("ConfigErrors", "data.noise.mode: {mode!r} is not snr|levels"),
            mode=self.mode,
        )
        check(
            len(self.levels) > 0 and all(0 < v <= 1 for v in self.levels),
            QT_TRANSLATE_NOOP(
                "ConfigErrors", "data.noise.levels: amplitudes must be in (0, 1], got {levels}"
            ),
            levels=self.levels,
        )
        bad = [k for k in self.kinds if k not in NOISE_KINDS]
        check(
            not bad and self.kinds,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.noise.kinds: unknown {bad}; use {kinds}"),
            bad=bad,
            kinds=NOISE_KINDS,
        )
        check_probability(self.project_share, "data.noise.project_share")


@dataclass
class AugmentConfig:
    # Each augmentation runs with its probability; for pairs identically on both sides.
    gain_prob: float = 0.5
    gain_db: tuple[float, float] = (-6.0, 6.0)
    pitch_prob: float = 0.0
    pitch_semitones: tuple[float, float] = (-2.0, 2.0)
    stretch_prob: float = 0.0
    stretch_rate: tuple[float, float] = (0.9, 1.1)  # >1 plays faster
    # Speed perturbation: the audio played faster or slower by resampling, pitch and
    # formants moving together as in a smaller or larger voice: other voices made from
    # the user's own, at the cost of one resampling (no phase vocoder).
    speed_prob: float = 0.0
    speed_rate: tuple[float, float] = (0.88, 1.12)  # >1 faster and higher

    def __post_init__(self) -> None:
        for name in ("gain_db", "pitch_semitones", "stretch_rate", "speed_rate"):
            setattr(self, name, low_high(getattr(self, name), f"data.augment.{name}"))
        for name in ("gain_prob", "pitch_prob", "stretch_prob", "speed_prob"):
            check_probability(getattr(self, name), f"data.augment.{name}")
        check(
            self.stretch_rate[0] > 0.25,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: rates must be > 0.25"),
            name="data.augment.stretch_rate",
        )
        check(
            0.5 <= self.speed_rate[0] and self.speed_rate[1] <= 2.0,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: rates must be within [0.5, 2], got {rates}"),
            name="data.augment.speed_rate",
            rates=self.speed_rate,
        )


@dataclass
class CorruptConfig:
    """Denoise task: what turns a clean example into a realistic noisy one (core.train.
    corrupt). All off by default (the users' plain mixtures); the speech preset turns them on."""

    rir_prob: float = 0.0  # share of examples spoken in a synthetic room (target too)
    rt60_s: tuple[float, float] = (0.15, 0.7)  # reverberation time range of those rooms
    eq_prob: float = 0.0  # share with microphone colouration (3 peaking filters, target too)
    eq_db: float = 6.0  # largest boost or cut of those filters
    multi_noise_prob: float = 0.0  # share mixing 2..max_sources noise sources at once
    max_sources: int = 3
    source_spread_db: float = 10.0  # extra sources lie up to this far below the first
    noise_band_prob: float = 0.0  # share of noise sources that are band-limited themselves
    modulate_prob: float = 0.0  # share of noise sources that swell and fade
    # Share of noisy inputs (and their targets) band-limited at a common cut-off (4, 5.5,
    # 8, 11 kHz, MP3/Opus lowpasses; see core.audio.bandwidth): 16 kHz, phone, MP3 audio.
    band_limit_prob: float = 0.0

    def __post_init__(self) -> None:
        self.rt60_s = tuple(float(v) for v in self.rt60_s)
        for name in (
            "rir_prob",
            "eq_prob",
            "multi_noise_prob",
            "noise_band_prob",
            "modulate_prob",
            "band_limit_prob",
        ):
            check_probability(getattr(self, name), f"data.corrupt.{name}")
        check(
            len(self.rt60_s) == 2 and 0.05 <= self.rt60_s[0] <= self.rt60_s[1] <= 3.0,
            QT_TRANSLATE_NOOP(
                "ConfigErrors", "data.corrupt.rt60_s: needs (low, high) within 0.05-3 s, got {rt60}"
            ),
            rt60=self.rt60_s,
        )
        within(self.max_sources, 1, 8, "data.corrupt.max_sources")
        check(
            self.eq_db >= 0 and self.source_spread_db >= 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.corrupt: dB must be >= 0"),
        )
