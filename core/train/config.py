"""Typed training configuration: nested dataclasses, saved as JSON beside every run.

`TrainConfig.preset("speech")` gives the users' speech denoiser setup, `preset("music")` their
44.1 kHz setup; `with_overrides({"optim.lr": 1e-3})` changes single fields by dotted name.
Every dataclass checks itself in `__post_init__`, so a bad value fails with a message naming the
field before any audio is read.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.audio.dsp import SilenceRule
from core.train.classify.config import ClassifyConfig
from core.train.config_checks import ConfigError, check, check_probability, low_high

TASKS = ("denoise", "paired", "classify")
MODEL_KINDS = ("band_gru", "spectral_mask", "unet", "cnn_small", "cnn_large")
# The kinds that map a log-mel window to class scores (the classify task's); the others map
# a waveform to a waveform (denoise, paired).
CLASSIFIER_KINDS = ("cnn_small", "cnn_large")
NOISE_KINDS = ("white", "pink", "brown", "hum", "babble", "clicks", "tones", "project")
LOSSES = ("mse", "l1_stft", "si_sdr", "si_sdr_mrstft")
OPTIMIZERS = ("adam", "adamw")
SCHEDULERS = ("plateau", "cosine", "none")
AMP_MODES = ("auto", "off", "bf16", "fp16")
CACHE_MODES = ("off", "auto", "ram", "disk")
PRESETS = ("speech", "speech_small", "music")
_SILENCE = SilenceRule()  # the defaults of DataConfig's silence fields


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
        check(self.mode in ("snr", "levels"), f"data.noise.mode: {self.mode!r} is not snr|levels")
        check(
            len(self.levels) > 0 and all(0 < v <= 1 for v in self.levels),
            f"data.noise.levels: amplitudes must be in (0, 1], got {self.levels}",
        )
        bad = [k for k in self.kinds if k not in NOISE_KINDS]
        check(not bad and self.kinds, f"data.noise.kinds: unknown {bad}; use {NOISE_KINDS}")
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
        check(self.stretch_rate[0] > 0.25, "data.augment.stretch_rate: rates must be > 0.25")
        check(
            0.5 <= self.speed_rate[0] and self.speed_rate[1] <= 2.0,
            f"data.augment.speed_rate: rates must be within [0.5, 2], got {self.speed_rate}",
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
            f"data.corrupt.rt60_s: needs (low, high) within 0.05-3 s, got {self.rt60_s}",
        )
        check(1 <= self.max_sources <= 8, "data.corrupt.max_sources: must be in 1..8")
        check(self.eq_db >= 0 and self.source_spread_db >= 0, "data.corrupt: dB must be >= 0")


@dataclass
class DataConfig:
    # "denoise": clean clips + noise; "paired": input -> target pairs; "classify": labelled
    # clips -> class scores (its own settings are TrainConfig.classify).
    task: str = "denoise"
    sample_rate: int = 22050  # every clip is resampled to this rate
    segment_samples: int = 44032  # training example length (2 s at 22,050 Hz, divisible by 2^10)
    skip_silence: bool = True  # drop silences longer than silence_min_s before cutting segments
    # The silence skipping drops, as `silence` (a core.audio.dsp.SilenceRule); the fields keep
    # their names so configs saved before still load, and cache keys stay as they were.
    silence_threshold_db: float = _SILENCE.threshold_db  # frames below this (dBFS RMS)
    silence_min_s: float = _SILENCE.min_silence_s  # shorter quiet gaps are kept
    # Segments are cut every segment_samples * hop_fraction; 1.0 means no overlap.
    hop_fraction: float = 1.0
    val_segments_max: int = 256  # caps validation time on large projects
    # PESQ (wideband) and STOI of the output on validation, every `quality_every` epochs
    # (0: never) on `quality_segments` evenly spaced validation segments. They cost about
    # 65 ms per 2 s segment on one core of a 2-core CPU, so 32 segments add ~2 s per epoch.
    quality_every: int = 1
    quality_segments: int = 32
    sample_clips: int = 3  # validation clips rendered to samples/ each epoch
    sample_seconds: float = 4.0
    # Pre-generated cache: "off" mixes on the fly, "auto" uses a cache if one was built,
    # "ram"/"disk" force where a built cache lives (auto chooses from free memory).
    cache: str = "auto"
    cache_variants: int = 2  # augmented variants per training segment in the cache
    noise: NoiseConfig = field(default_factory=NoiseConfig)
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    corrupt: CorruptConfig = field(default_factory=CorruptConfig)

    def __post_init__(self) -> None:
        check(self.task in TASKS, f"data.task: {self.task!r} is not one of {TASKS}")
        check(8000 <= self.sample_rate <= 192000, f"data.sample_rate: {self.sample_rate} Hz")
        check(
            self.segment_samples >= 256,
            f"data.segment_samples: {self.segment_samples} is shorter than 256 samples",
        )
        check(0.1 <= self.hop_fraction <= 1.0, "data.hop_fraction: must be in [0.1, 1]")
        check(self.cache in CACHE_MODES, f"data.cache: {self.cache!r} not in {CACHE_MODES}")
        check(self.cache_variants >= 1, "data.cache_variants: must be >= 1")
        check(self.segment_samples <= 60 * self.sample_rate, "data.segment_samples: over 60 s")
        check(self.val_segments_max >= 1, "data.val_segments_max: must be >= 1")
        check(self.sample_seconds > 0, "data.sample_seconds: must be > 0")
        check(self.sample_clips >= 0, "data.sample_clips: must be >= 0")
        check(self.quality_every >= 0, "data.quality_every: must be >= 0 (0 disables)")
        check(self.quality_segments >= 0, "data.quality_segments: must be >= 0")
        check(self.silence_min_s >= 0, "data.silence_min_s: must be >= 0 s")

    @property
    def segment_seconds(self) -> float:
        return self.segment_samples / self.sample_rate

    @property
    def hop_samples(self) -> int:
        """Samples between the starts of two training segments of one clip."""
        return max(1, int(self.segment_samples * self.hop_fraction))

    @property
    def silence(self) -> SilenceRule:
        """What silence skipping drops before segments are cut."""
        return SilenceRule(self.silence_threshold_db, self.silence_min_s)


@dataclass
class ModelConfig:
    kind: str = "spectral_mask"
    # band_gru (speech default): ERB-band features, a GRU over frames, a band gain plus a
    # fine mask below fine_hz. spectral_mask: STFT magnitude mask predicted by dilated 1-D
    # convolutions over frames. Both use n_fft, hop, hidden and layers.
    n_fft: int = 512
    hop: int = 128
    hidden: int = 128
    layers: int = 4
    # unet: waveform U-Net; segments must be divisible by 2**depth.
    depth: int = 4
    channels: int = 16  # first level's channels; doubled per level up to max_channels
    max_channels: int = 256
    kernel: int = 15
    # band_gru: number of ERB bands (fewer when low bands are narrower than two bins) and
    # the frequency below which every bin gets its own gain (the harmonics of a voice).
    bands: int = 32
    fine_hz: float = 5000.0
    # band_gru's core over frames: "gru" (recurrent, unbounded context) or "dilated"
    # (centred dilated convolutions, 2**layers frames each side, faster to train on a CPU).
    core: str = "gru"
    # cnn_small / cnn_large (the classify task): log-mel window -> class scores, `channels`
    # in the first block (see core.train.classify.models). The classes its outputs stand
    # for, in order: taken from the data when a run starts, so the model's shape is in its
    # config (a resumed or loaded model has the run's classes, whatever the project has now).
    classes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.classes = tuple(str(c) for c in self.classes)
        check(4 <= self.bands <= 128, f"model.bands: {self.bands} not in 4..128")
        check(self.fine_hz > 0, "model.fine_hz: must be > 0")
        check(self.core in ("gru", "dilated"), f"model.core: {self.core!r} not gru|dilated")
        check(self.kind in MODEL_KINDS, f"model.kind: {self.kind!r} not in {MODEL_KINDS}")
        check(self.n_fft >= 16 and self.n_fft % 2 == 0, "model.n_fft: even and >= 16")
        check(0 < self.hop <= self.n_fft, "model.hop: must be in (0, n_fft]")
        check(self.hidden >= 4 and self.layers >= 1, "model.hidden/layers: too small")
        check(self.hidden <= 4096 and self.layers <= 32, "model.hidden/layers: over 4096/32")
        check(1 <= self.depth <= 12, f"model.depth: {self.depth} not in 1..12")
        check(self.channels >= 1 and self.max_channels >= self.channels, "model.channels")
        check(self.kernel % 2 == 1, f"model.kernel: {self.kernel} must be odd (zero delay)")


@dataclass
class OptimConfig:
    optimizer: str = "adam"
    lr: float = 1e-3
    weight_decay: float = 0.0
    loss: str = "l1_stft"  # "mse" is the users' baseline
    scheduler: str = "plateau"
    plateau_patience: int = 3  # epochs without improvement before the LR is cut
    plateau_factor: float = 0.5
    warmup_steps: int = 200  # cosine only
    min_lr: float = 1e-6
    early_stop_patience: int = 6  # epochs without val improvement; 0 disables
    min_delta: float = 0.0  # improvement smaller than this does not count
    grad_clip: float = 5.0  # max gradient norm; 0 disables

    def __post_init__(self) -> None:
        check(self.optimizer in OPTIMIZERS, f"optim.optimizer: {self.optimizer!r}")
        check(self.loss in LOSSES, f"optim.loss: {self.loss!r} not in {LOSSES}")
        check(self.scheduler in SCHEDULERS, f"optim.scheduler: {self.scheduler!r}")
        check(self.lr > 0, f"optim.lr: {self.lr} must be > 0")
        check(0 < self.plateau_factor < 1, "optim.plateau_factor: must be in (0, 1)")
        check(self.early_stop_patience >= 0, "optim.early_stop_patience: must be >= 0")
        check(self.grad_clip >= 0, "optim.grad_clip: must be >= 0")


@dataclass
class RunConfig:
    epochs: int = 40
    hours: float = 0.0  # time budget; 0 means none. The run stops cleanly with a checkpoint.
    # Step budget; 0 means none. Unlike hours it does not depend on the machine's load, so
    # benchmarks on a shared machine train the same amount every time.
    max_steps: int = 0
    batch_size: int = 16
    workers: int = 2  # DataLoader worker processes; 0 loads in the training process
    device: str = "auto"  # "auto", "cpu", "cuda", "cuda:1", "mps"
    seed: int = 0
    amp: str = "auto"  # CUDA only: bf16 where supported, else fp16 with a grad scaler
    compile: bool = False  # torch.compile the model (CUDA; slow first steps)
    checkpoint_minutes: float = 10.0  # mid-epoch checkpoints in long epochs; 0 disables
    checkpoint_steps: int = 0  # mid-epoch checkpoint every N steps as well; 0 disables
    keep_last: int = 3  # numbered checkpoints kept besides latest.pt and best.pt
    max_nan_retries: int = 3
    threads: int = 0  # torch intra-op threads; 0 keeps torch's default

    def __post_init__(self) -> None:
        check(self.epochs >= 1, f"run.epochs: {self.epochs} must be >= 1")
        check(self.hours >= 0, "run.hours: must be >= 0")
        check(self.max_steps >= 0, "run.max_steps: must be >= 0")
        check(self.batch_size >= 1, "run.batch_size: must be >= 1")
        check(self.workers >= 0, "run.workers: must be >= 0")
        check(0 <= self.seed < 2**32, f"run.seed: {self.seed} not in 0..4294967295")
        check(self.amp in AMP_MODES, f"run.amp: {self.amp!r} not in {AMP_MODES}")
        check(self.keep_last >= 0 and self.max_nan_retries >= 0, "run.keep_last/max_nan_retries")


@dataclass
class TrainConfig:
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    optim: OptimConfig = field(default_factory=OptimConfig)
    run: RunConfig = field(default_factory=RunConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)  # the classify task's

    def __post_init__(self) -> None:
        classifier = self.model.kind in CLASSIFIER_KINDS
        if classifier != (self.data.task == "classify"):
            fits = [k for k in MODEL_KINDS if (k in CLASSIFIER_KINDS) != classifier]
            raise ConfigError(
                f"model.kind: {self.model.kind!r} does not fit the task {self.data.task!r}; "
                f"use one of {', '.join(fits)}"
            )
        if self.model.kind == "unet":
            step = 2**self.model.depth
            check(
                self.data.segment_samples % step == 0,
                f"data.segment_samples: a U-Net of depth {self.model.depth} halves the signal "
                f"{self.model.depth} times, so segments must be divisible by {step}; "
                f"{self.data.segment_samples} is not (try {_round_to(self.data.segment_samples, step)})",
            )
        if self.model.kind in ("spectral_mask", "band_gru"):
            check(
                self.data.segment_samples >= self.model.n_fft,
                f"data.segment_samples: {self.data.segment_samples} is shorter than "
                f"model.n_fft {self.model.n_fft}",
            )

    # -- presets -------------------------------------------------------------------------
    @classmethod
    def preset(
        cls, name: str = "speech", task: str = "denoise", sample_rate: int | None = None
    ) -> TrainConfig:
        """The users' setups by name ("speech", "speech_small", "music"): core.train.presets."""
        from core.train.presets import preset

        return preset(name, task, sample_rate)

    # -- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        """The config a dict describes, every value checked against its field's type."""
        from core.train.overrides import config_from_dict  # it imports ConfigError from here

        return config_from_dict(cls, d, "")

    def save(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=2) + "\n")
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> TrainConfig:
        try:
            d = json.loads(Path(path).read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config ({exc})") from exc
        return cls.from_dict(d)

    def with_overrides(self, overrides: dict[str, Any]) -> TrainConfig:
        """A copy with dotted fields replaced: {"optim.lr": 1e-3, "run.epochs": "10"}.
        String values are parsed to the field's type (as given on a command line)."""
        # Imported here: core.train.overrides imports ConfigError from this module.
        from core.train.overrides import apply_overrides

        d = apply_overrides(self.to_dict(), type(self), overrides)
        return TrainConfig.from_dict(d)


def _round_to(n: int, step: int) -> int:
    return max(step, int(round(n / step)) * step)


def flatten(d: dict, prefix: str = "") -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out
