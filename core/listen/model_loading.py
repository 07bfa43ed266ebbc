"""Loading a trained model for inference: from a run's checkpoint or an exported
safetensors file, with its sample rate, its delay (declared or measured) and the
attenuation limit its validation chose."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

if TYPE_CHECKING:
    from core.listen.inference import ProcessConfig

log = logging.getLogger(__name__)


@dataclass
class ModelForInference:
    model: torch.nn.Module
    sample_rate: int
    source: str
    delay: int = 0  # samples; the models Wavesmith trains are zero-delay
    # What validation recommends as the attenuation limit (dB; None: none), used when the
    # user sets none.
    atten_limit_db: float | None = None
    # (lowest, highest) content bandwidth the model was trained on, for the warning when a
    # file is far outside it; None when unknown (paired models).
    trained_band_hz: tuple[float, float] | None = None

    def config_for(self, config: ProcessConfig) -> ProcessConfig:
        """`config` with this model's validated attenuation limit where it sets none (the
        "model's choice" of `wavesmith process` and the Listen tab)."""
        if config.atten_limit_db is None and self.atten_limit_db is not None:
            return replace(config, atten_limit_db=self.atten_limit_db)
        return config


class ModelLoadError(ValueError):
    """A model file or run folder could not be loaded; the message names it and says why."""


def load_for_inference(path: str | os.PathLike) -> ModelForInference:
    """A checkpoint .pt, a run folder or an exported .safetensors, via the trainer's loader."""
    from core.train.export import load_model

    if not Path(path).exists():
        raise ModelLoadError(f"{path}: no such model file or run folder")
    try:
        loaded = load_model(path)
    except Exception as exc:  # the loader raises many kinds; the user needs one message
        raise ModelLoadError(f"{path}: cannot load the model ({exc})") from exc
    if loaded.config.data.task == "classify":
        raise ModelLoadError(
            f"{path}: a sound classifier, not an audio model; `wavesmith classify` runs it"
        )
    for name, tensor in loaded.model.state_dict().items():
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            raise ModelLoadError(
                f"{path}: the model's weights hold NaN or inf ({name}); it would write "
                "silence or full-scale noise. Use an earlier checkpoint of the run"
            )
    declared = getattr(loaded.model, "delay_samples", None)
    sr = int(loaded.sample_rate)
    delay = int(declared) if declared is not None else estimate_delay(loaded.model, sr)
    if delay:
        log.info("%s: compensating a model delay of %d samples", path, delay)
    from core.audio.bandwidth import trained_band

    data = loaded.config.data
    band = trained_band(sr, data.corrupt.band_limit_prob) if data.task == "denoise" else None
    return ModelForInference(loaded.model, sr, str(path), delay, loaded.atten_limit_db, band)


def estimate_delay(model: torch.nn.Module, sample_rate: int, max_delay_s: float = 0.1) -> int:
    """The model's latency in samples, measured: the lag of the peak cross-correlation
    between a noise burst and what the model makes of it.

    Wavesmith's own models are zero-delay by construction; this catches imported or
    causal ones. Only delays in [0, max_delay_s] count, and only a clear peak, because a
    model that changes its input a lot (a mix-style model) may not correlate at all.
    """
    n = sample_rate  # one second of noise
    rng = np.random.default_rng(0)
    x = (0.1 * rng.standard_normal(n)).astype(np.float32)
    with torch.inference_mode():
        y = model(torch.from_numpy(x).reshape(1, 1, n)).reshape(-1).float().numpy()
    max_lag = int(max_delay_s * sample_rate)
    spec = np.fft.rfft(y, 2 * n) * np.conj(np.fft.rfft(x, 2 * n))
    xc = np.fft.irfft(spec, 2 * n)[: max_lag + 1]  # lags 0..max_lag: y late against x
    norm = np.sqrt(np.dot(x, x) * np.dot(y, y)) or 1.0
    lag = int(np.argmax(np.abs(xc)))
    return lag if np.abs(xc[lag]) / norm > 0.3 else 0
