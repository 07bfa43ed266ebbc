"""Typed settings of the classify task: the log-mel features and what the task does with them.

`FeatureConfig` is everything a spectrogram depends on; the feature cache is keyed by all of
it (and by each clip's edits), and an exported model carries it so the same features are
computed wherever the model runs. `ClassifyConfig` is `TrainConfig.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.train.config_checks import check, check_probability, low_high

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
        check(8000 <= self.sample_rate <= 192000, f"{p}.sample_rate: {self.sample_rate} Hz")
        check(8 <= self.n_mels <= 256, f"{p}.n_mels: {self.n_mels} not in 8..256")
        check(self.n_fft >= 64 and self.n_fft % 2 == 0, f"{p}.n_fft: even and >= 64")
        check(0 < self.win_length <= self.n_fft, f"{p}.win_length: must be in (0, n_fft]")
        check(0 < self.hop_length <= self.win_length, f"{p}.hop_length: in (0, win_length]")
        nyquist = self.sample_rate / 2
        check(0 <= self.f_min < nyquist, f"{p}.f_min: {self.f_min} not below {nyquist:g} Hz")
        check(
            self.f_max == 0 or self.f_min < self.f_max <= nyquist,
            f"{p}.f_max: {self.f_max} not in (f_min, {nyquist:g}] Hz (0: {nyquist:g})",
        )
        check(0.1 <= self.window_s <= 30, f"{p}.window_s: {self.window_s} not in 0.1..30 s")
        check(0 < self.window_hop_s <= self.window_s, f"{p}.window_hop_s: in (0, window_s]")

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
        check(self.stretch_rate[0] > 0.25, f"{p}.stretch_rate: rates must be > 0.25")
        check(
            0.5 <= self.speed_rate[0] and self.speed_rate[1] <= 2.0,
            f"{p}.speed_rate: rates must be within [0.5, 2], got {self.speed_rate}",
        )
        for name in ("time_masks", "time_mask_frames", "freq_masks", "freq_mask_bins"):
            check(0 <= getattr(self, name) <= 100, f"{p}.{name}: must be in 0..100")


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
        check(self.max_per_class >= 0, "classify.max_per_class: must be >= 0 (0: all)")
        check(
            self.balance in BALANCE_MODES,
            f"classify.balance: {self.balance!r} not in {BALANCE_MODES}",
        )
        check(self.oversample_cap >= 1, "classify.oversample_cap: must be >= 1")
        check(0 <= self.variants <= 100, "classify.variants: must be in 0..100")
        check(
            self.cache in FEATURE_CACHE_MODES,
            f"classify.cache: {self.cache!r} not in {FEATURE_CACHE_MODES}",
        )
        check(0 <= self.cache_workers <= 64, "classify.cache_workers: must be in 0..64")
        check(self.min_per_class >= 1, "classify.min_per_class: must be >= 1")
        check(0 <= self.label_smoothing < 1, "classify.label_smoothing: must be in [0, 1)")
        check_probability(self.mixup, "classify.mixup")
