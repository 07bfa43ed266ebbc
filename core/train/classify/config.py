"""Typed settings of the classify task: the log-mel features and what the task does with them.

`FeatureConfig` is everything a spectrogram depends on; the feature cache is keyed by all of
it (and by each clip's edits), and an exported model carries it so the same features are
computed wherever the model runs. `ClassifyConfig` is `TrainConfig.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.messages import QT_TRANSLATE_NOOP
from core.train.config_checks import (
    at_least,
    check,
    check_probability,
    low_high,
    one_of,
    value_in,
    within,
)

BALANCE_MODES = ("weighted", "oversample", "off")
FEATURE_CACHE_MODES = ("auto", "ram", "disk")


@dataclass
class FeatureConfig:
    sample_rate: int = 16000  # clips are resampled to this rate before the spectrogram
    n_mels: int = 64
    n_fft: int = 512
    win_length: int = 400  # 25 ms at 16 kHz
    hop_length: int = 160  # 10 ms at 16 kHz: 100 frames per second
    f_min: float = 50.0
    f_max: float = 0.0  # 0: half the sample rate
    window_s: float = 1.0  # the model's input: one window of this many seconds
    window_hop_s: float = 0.5  # windows along a clip start this far apart (training, detection)

    def __post_init__(self) -> None:
        p = "classify.features"
        check(
            8000 <= self.sample_rate <= 192000,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {rate} Hz"),
            name=f"{p}.sample_rate",
            rate=self.sample_rate,
        )
        value_in(self.n_mels, 8, 256, f"{p}.n_mels")
        check(
            self.n_fft >= 64 and self.n_fft % 2 == 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: even and >= {low}"),
            name=f"{p}.n_fft",
            low=64,
        )
        check(
            0 < self.win_length <= self.n_fft,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: must be in (0, n_fft]"),
            name=f"{p}.win_length",
        )
        check(
            0 < self.hop_length <= self.win_length,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: in (0, win_length]"),
            name=f"{p}.hop_length",
        )
        nyquist = self.sample_rate / 2
        check(
            0 <= self.f_min < nyquist,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {f_min} not below {nyquist:g} Hz"),
            name=f"{p}.f_min",
            f_min=self.f_min,
            nyquist=nyquist,
        )
        check(
            self.f_max == 0 or self.f_min < self.f_max <= nyquist,
            QT_TRANSLATE_NOOP(
                "ConfigErrors", "{name}: {f_max} not in (f_min, {nyquist:g}] Hz (0: {nyquist:g})"
            ),
            name=f"{p}.f_max",
            f_max=self.f_max,
            nyquist=nyquist,
        )
        check(
            0.1 <= self.window_s <= 30,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {window_s} not in 0.1..30 s"),
            name=f"{p}.window_s",
            window_s=self.window_s,
        )
        check(
            0 < self.window_hop_s <= self.window_s,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: in (0, window_s]"),
            name=f"{p}.window_hop_s",
        )

    @property
    def top_hz(self) -> float:
        return self.f_max or self.sample_rate / 2

    @property
    def window_samples(self) -> int:
        return int(round(self.window_s * self.sample_rate))

    @property
    def frames(self) -> int:
        """Spectrogram frames in one window (centred STFT)."""
        return self.window_samples // self.hop_length + 1


@dataclass
class VariantConfig:
    """How the cache's augmented variants of a training window differ from the original
    (core.train.classify.variants). Each step runs with its probability; the gain, pitch,
    stretch and speed fields have core.train.config.AugmentConfig's names, so one draw
    (core.train.augment.draw_augment) serves both."""

    gain_prob: float = 0.8
    gain_db: tuple[float, float] = (-9.0, 9.0)
    pitch_prob: float = 0.5
    pitch_semitones: tuple[float, float] = (-2.0, 2.0)
    stretch_prob: float = 0.5
    stretch_rate: tuple[float, float] = (0.85, 1.15)  # >1 plays faster
    speed_prob: float = 0.0  # resampled faster and higher (AugmentConfig's); off by default
    speed_rate: tuple[float, float] = (0.88, 1.12)
    noise_prob: float = 0.5  # mixed from the project's noise clips (none: skipped)
    noise_snr_db: tuple[float, float] = (3.0, 20.0)
    time_masks: int = 2  # SpecAugment: masked runs of frames per variant
    time_mask_frames: int = 10  # each up to this many frames wide
    freq_masks: int = 2  # masked runs of mel bins per variant
    freq_mask_bins: int = 8  # each up to this many bins wide

    def __post_init__(self) -> None:
        p = "classify.augment"
        for name in ("gain_db", "pitch_semitones", "stretch_rate", "speed_rate", "noise_snr_db"):
            setattr(self, name, low_high(getattr(self, name), f"{p}.{name}"))
        for name in ("gain_prob", "pitch_prob", "stretch_prob", "speed_prob", "noise_prob"):
            check_probability(getattr(self, name), f"{p}.{name}")
        check(
            self.stretch_rate[0] > 0.25,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: rates must be > 0.25"),
            name=f"{p}.stretch_rate",
        )
        check(
            0.5 <= self.speed_rate[0] and self.speed_rate[1] <= 2.0,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: rates must be within [0.5, 2], got {rates}"),
            name=f"{p}.speed_rate",
            rates=self.speed_rate,
        )
        for name in ("time_masks", "time_mask_frames", "freq_masks", "freq_mask_bins"):
            within(getattr(self, name), 0, 100, f"{p}.{name}")


@dataclass
class ClassifyConfig:
    features: FeatureConfig = field(default_factory=FeatureConfig)
    augment: VariantConfig = field(default_factory=VariantConfig)  # the cache's variants
    max_per_class: int = 500  # training windows kept per class (0: all)
    # "weighted": every class drawn equally often in training; "oversample": rare classes
    # repeated up to `oversample_cap` times; "off": the data's own frequencies.
    balance: str = "weighted"
    oversample_cap: int = 4
    variants: int = 10  # augmented variants of each training window in the cache
    cache: str = "auto"  # where the feature cache is read from: ram if it fits, else disk
    cache_workers: int = 0  # worker processes writing the cache; 0: one per core, up to 16
    min_per_class: int = 5  # fewer clips than this: advice, and the class is still trained
    label_smoothing: float = 0.1
    mixup: float = 0.0  # probability a batch is mixed (labels mixed alike); 0 disables

    def __post_init__(self) -> None:
        check(
            self.max_per_class >= 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "classify.max_per_class: must be >= 0 (0: all)"),
        )
        one_of(self.balance, BALANCE_MODES, "classify.balance")
        at_least(self.oversample_cap, 1, "classify.oversample_cap")
        within(self.variants, 0, 100, "classify.variants")
        one_of(self.cache, FEATURE_CACHE_MODES, "classify.cache")
        within(self.cache_workers, 0, 64, "classify.cache_workers")
        at_least(self.min_per_class, 1, "classify.min_per_class")
        check(
            0 <= self.label_smoothing < 1,
            QT_TRANSLATE_NOOP("ConfigErrors", "classify.label_smoothing: must be in [0, 1)"),
        )
        check_probability(self.mixup, "classify.mixup")
