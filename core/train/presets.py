"""The users' setups, by name: the presets `TrainConfig.preset` returns."""

from __future__ import annotations

from core.messages import QT_TRANSLATE_NOOP
from core.train.config import (
    PRESETS,
    AugmentConfig,
    ConfigError,
    CorruptConfig,
    DataConfig,
    ModelConfig,
    NoiseConfig,
    OptimConfig,
    RunConfig,
    TrainConfig,
    _round_to,
)
from core.train.config_checks import said


def preset(
    name: str = "speech", task: str = "denoise", sample_rate: int | None = None
) -> TrainConfig:
    """The users' setups: "speech" (a band-GRU denoiser trained on realistic mixtures:
    rooms, microphones, several noises, band-limited inputs; 22,050 Hz unless
    sample_rate is given, 2 s segments) and "music" (44,100 Hz waveform U-Net, 2 s
    segments). `core.train.rate_choice.choose_rate` picks sample_rate from a project.
    Paired tasks default to 4 s segments with pitch/time/gain augmentation, like the
    mix-style model. The classify task has one setup, whatever the name: `classify_preset`."""
    if task == "classify":
        return classify_preset()
    if name == "speech":
        sr = sample_rate or 22050
        data = DataConfig(task=task, sample_rate=sr, segment_samples=_round_to(2 * sr, 2**10))
        data.noise = NoiseConfig(
            kinds=("white", "pink", "brown", "hum", "babble", "clicks", "tones", "project")
        )
        data.corrupt = CorruptConfig(
            rir_prob=0.3,
            eq_prob=0.5,
            multi_noise_prob=0.5,
            noise_band_prob=0.2,
            modulate_prob=0.4,
            band_limit_prob=0.5,
        )
        # Up to 30 dB: clean takes with a hiss floor are common, and a model that never
        # saw one learns to cut speech with the noise.
        data.noise.snr_db = (-5.0, 30.0)
        # A GRU over ERB bands with a fine mask below 5 kHz: see core.train.band_model.
        # SI-SDR plus multi-resolution magnitude serves both the metric and the ear.
        # The GRU core: after a brief training it hurt clean takes less than the dilated
        # one (white noise at 25 dB: -1.2 dB before the limit against -1.8 dB, 3 epochs
        # of 40 real prompts); `model.core=dilated` is the convolutional alternative.
        model = ModelConfig(kind="band_gru", n_fft=512, hop=256, hidden=128, layers=2)
        optim = OptimConfig(lr=2e-3, loss="si_sdr_mrstft", grad_clip=1.0)
        run = RunConfig(epochs=40, batch_size=16)
    elif name == "speech_small":
        # The speech preset before the band GRU: 22,050 Hz dilated-convolution mask on
        # plain mixtures. Faster to train, worse on real recordings; kept selectable.
        sr = sample_rate or 22050
        data = DataConfig(task=task, sample_rate=sr, segment_samples=_round_to(2 * sr, 2**10))
        model = ModelConfig(kind="spectral_mask", n_fft=512, hop=256, hidden=128, layers=4)
        optim = OptimConfig(lr=1e-3, loss="si_sdr")
        run = RunConfig(epochs=40, batch_size=16)
    elif name == "music":
        sr = sample_rate or 44100
        data = DataConfig(task=task, sample_rate=sr, segment_samples=_round_to(2 * sr, 2**7))
        model = ModelConfig(kind="unet", depth=7, channels=16, max_channels=256, kernel=15)
        optim = OptimConfig(lr=1e-4, loss="l1_stft")
        run = RunConfig(epochs=40, batch_size=8)
    else:
        said_ = QT_TRANSLATE_NOOP("ConfigErrors", "preset: unknown preset {name!r}; use {presets}")
        raise ConfigError(said(said_, name=name, presets=", ".join(PRESETS)))
    if task == "paired":
        # 4-second segments divisible by 2**depth for either model kind.
        data.segment_samples = _round_to(4 * data.sample_rate, 2**7)
        data.augment = AugmentConfig(gain_prob=0.5, pitch_prob=0.3, stretch_prob=0.3)
        run.epochs = 300
    return TrainConfig(data=data, model=model, optim=optim, run=run)


def classify_preset() -> TrainConfig:
    """The classify task's setup, after the users' pipeline: log-mel windows of 1 s at
    16 kHz (TrainConfig.classify's defaults), the small CNN, batch 32, 100 epochs of AdamW
    on a cosine schedule with warm-up, early stopping after 10 epochs without improvement.
    data.sample_rate follows the features' rate (what an exported model documents)."""
    config = TrainConfig(
        data=DataConfig(task="classify", cache="off", sample_clips=0),
        model=ModelConfig(kind="cnn_small", channels=16),
        optim=OptimConfig(
            optimizer="adamw",
            lr=2e-3,
            weight_decay=1e-4,
            scheduler="cosine",
            warmup_steps=100,
            early_stop_patience=10,
        ),
        run=RunConfig(epochs=100, batch_size=32),
    )
    config.data.sample_rate = config.classify.features.sample_rate
    return config
