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
from core.messages import QT_TRANSLATE_NOOP
from core.train.augment_config import AugmentConfig, CorruptConfig, NoiseConfig
from core.train.classify.config import ClassifyConfig
from core.train.config_checks import (
    ConfigError,
    at_least,
    check,
    one_of,
    positive,
    said,
    value_in,
)

TASKS = ("denoise", "paired", "classify")
MODEL_KINDS = ("band_gru", "spectral_mask", "unet", "cnn_small", "cnn_large")
# The kinds that map a log-mel window to class scores (the classify task's); the others map
# a waveform to a waveform (denoise, paired).
CLASSIFIER_KINDS = ("cnn_small", "cnn_large")
LOSSES = ("mse", "l1_stft", "si_sdr", "si_sdr_mrstft")
OPTIMIZERS = ("adam", "adamw")
SCHEDULERS = ("plateau", "cosine", "none")
AMP_MODES = ("auto", "off", "bf16", "fp16")
CACHE_MODES = ("off", "auto", "ram", "disk")
PRESETS = ("speech", "speech_small", "music")
_SILENCE = SilenceRule()  # the defaults of DataConfig's silence fields


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
        check(
            self.task in TASKS,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.task: {task!r} is not one of {tasks}"),
            task=self.task,
            tasks=TASKS,
        )
        check(
            8000 <= self.sample_rate <= 192000,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {rate} Hz"),
            name="data.sample_rate",
            rate=self.sample_rate,
        )
        check(
            self.segment_samples >= 256,
            QT_TRANSLATE_NOOP(
                "ConfigErrors", "data.segment_samples: {samples} is shorter than 256 samples"
            ),
            samples=self.segment_samples,
        )
        check(
            0.1 <= self.hop_fraction <= 1.0,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.hop_fraction: must be in [0.1, 1]"),
        )
        one_of(self.cache, CACHE_MODES, "data.cache")
        at_least(self.cache_variants, 1, "data.cache_variants")
        check(
            self.segment_samples <= 60 * self.sample_rate,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.segment_samples: over 60 s"),
        )
        at_least(self.val_segments_max, 1, "data.val_segments_max")
        positive(self.sample_seconds, "data.sample_seconds")
        at_least(self.sample_clips, 0, "data.sample_clips")
        check(
            self.quality_every >= 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.quality_every: must be >= 0 (0 disables)"),
        )
        at_least(self.quality_segments, 0, "data.quality_segments")
        check(
            self.silence_min_s >= 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "data.silence_min_s: must be >= 0 s"),
        )

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
        value_in(self.bands, 4, 128, "model.bands")
        positive(self.fine_hz, "model.fine_hz")
        check(
            self.core in ("gru", "dilated"),
            QT_TRANSLATE_NOOP("ConfigErrors", "model.core: {core!r} not gru|dilated"),
            core=self.core,
        )
        one_of(self.kind, MODEL_KINDS, "model.kind")
        check(
            self.n_fft >= 16 and self.n_fft % 2 == 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: even and >= {low}"),
            name="model.n_fft",
            low=16,
        )
        check(
            0 < self.hop <= self.n_fft,
            QT_TRANSLATE_NOOP("ConfigErrors", "model.hop: must be in (0, n_fft]"),
        )
        check(
            self.hidden >= 4 and self.layers >= 1,
            QT_TRANSLATE_NOOP("ConfigErrors", "model.hidden/layers: too small"),
        )
        check(
            self.hidden <= 4096 and self.layers <= 32,
            QT_TRANSLATE_NOOP("ConfigErrors", "model.hidden/layers: over 4096/32"),
        )
        value_in(self.depth, 1, 12, "model.depth")
        check(
            self.channels >= 1 and self.max_channels >= self.channels,
            QT_TRANSLATE_NOOP("ConfigErrors", "model.channels"),
        )
        check(
            self.kernel % 2 == 1,
            QT_TRANSLATE_NOOP("ConfigErrors", "model.kernel: {kernel} must be odd (zero delay)"),
            kernel=self.kernel,
        )


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
    # Epochs without val improvement before stopping; 0 disables. 10, not fewer: the plateau
    # schedule cuts after plateau_patience + 1 bad epochs, and a stop at 6 left its first
    # cut two epochs to work (a benchmark seed stopped so at epoch 22 of a 64-epoch budget,
    # and continued it improved again: docs/BENCHMARKS.md, real recordings).
    early_stop_patience: int = 10
    min_delta: float = 0.0  # improvement smaller than this does not count
    grad_clip: float = 5.0  # max gradient norm; 0 disables

    def __post_init__(self) -> None:
        check(
            self.optimizer in OPTIMIZERS,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {value!r}"),
            name="optim.optimizer",
            value=self.optimizer,
        )
        one_of(self.loss, LOSSES, "optim.loss")
        check(
            self.scheduler in SCHEDULERS,
            QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {value!r}"),
            name="optim.scheduler",
            value=self.scheduler,
        )
        check(
            self.lr > 0, QT_TRANSLATE_NOOP("ConfigErrors", "optim.lr: {lr} must be > 0"), lr=self.lr
        )
        check(
            0 < self.plateau_factor < 1,
            QT_TRANSLATE_NOOP("ConfigErrors", "optim.plateau_factor: must be in (0, 1)"),
        )
        at_least(self.early_stop_patience, 0, "optim.early_stop_patience")
        at_least(self.grad_clip, 0, "optim.grad_clip")


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
        check(
            self.epochs >= 1,
            QT_TRANSLATE_NOOP("ConfigErrors", "run.epochs: {epochs} must be >= 1"),
            epochs=self.epochs,
        )
        at_least(self.hours, 0, "run.hours")
        at_least(self.max_steps, 0, "run.max_steps")
        at_least(self.batch_size, 1, "run.batch_size")
        at_least(self.workers, 0, "run.workers")
        value_in(self.seed, 0, 2**32 - 1, "run.seed")
        one_of(self.amp, AMP_MODES, "run.amp")
        check(
            self.keep_last >= 0 and self.max_nan_retries >= 0,
            QT_TRANSLATE_NOOP("ConfigErrors", "run.keep_last/max_nan_retries"),
        )


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
            said_ = QT_TRANSLATE_NOOP(
                "ConfigErrors",
                "model.kind: {kind!r} does not fit the task {task!r}; use one of {fits}",
            )
            raise ConfigError(
                said(said_, kind=self.model.kind, task=self.data.task, fits=", ".join(fits))
            )
        samples = self.data.segment_samples
        if self.model.kind == "unet":
            step = 2**self.model.depth
            check(
                samples % step == 0,
                QT_TRANSLATE_NOOP(
                    "ConfigErrors",
                    "data.segment_samples: a U-Net of depth {depth} halves the signal {depth} times, "
                    "so segments must be divisible by {step}; {samples} is not (try {fit})",
                ),
                depth=self.model.depth,
                step=step,
                samples=samples,
                fit=_round_to(samples, step),
            )
        if self.model.kind in ("spectral_mask", "band_gru"):
            check(
                samples >= self.model.n_fft,
                QT_TRANSLATE_NOOP(
                    "ConfigErrors",
                    "data.segment_samples: {samples} is shorter than model.n_fft {n_fft}",
                ),
                samples=samples,
                n_fft=self.model.n_fft,
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
            raise ConfigError(
                said(
                    QT_TRANSLATE_NOOP("ConfigErrors", "{path}: cannot read config ({error})"),
                    path=path,
                    error=str(exc),
                )
            ) from exc
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
