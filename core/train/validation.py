"""The run's fixed validation set, scored after every epoch.

Loss and SI-SDR on every example; the SI-SDR improvement at each attenuation limit (the
limit `process` uses is chosen here); PESQ and STOI on an evenly spaced subset every
data.quality_every epochs, since they cost ~65 ms a segment on a CPU core.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

import numpy as np
import torch

from core.audio.quality import PerceptualScorer, si_sdr
from core.train.atten_limit import ATTEN_LIMITS_DB, choose_atten_limit, limited
from core.train.config import TrainConfig
from core.train.step import LossFn, Precision

log = logging.getLogger(__name__)


@dataclass
class ValidationSet:
    # Validation is the same every epoch, so it is made once and kept as tensors.
    inputs: torch.Tensor  # (N, 1, T)
    targets: torch.Tensor  # (N, 1, T)
    quality_index: list[int]  # the examples PESQ and STOI score
    input_sdr: torch.Tensor = field(init=False)  # SI-SDR of the inputs, per example
    # PESQ/STOI of the inputs: they do not change, so measured once per session.
    input_quality: dict[str, float | None] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.input_sdr = si_sdr(self.inputs, self.targets)

    def __len__(self) -> int:
        return int(self.inputs.shape[0])


@torch.no_grad()
def validate(
    model: torch.nn.Module,
    val: ValidationSet,
    config: TrainConfig,
    precision: Precision,
    loss_fn: LossFn,
    batch_size: int,
    device: torch.device,
    epoch: int,
    scorer: PerceptualScorer,
) -> dict:
    """val_loss, val_si_sdr, val_si_sdr_improvement, quality (PESQ/STOI where due, else {})
    and atten_limit_db of `model` on `val`; the model is left in training mode."""
    model.eval()
    losses, sdr = [], []
    by_limit: dict[float | None, list[torch.Tensor]] = {k: [] for k in ATTEN_LIMITS_DB}
    every = config.data.quality_every
    scored = set(val.quality_index) if every and epoch % every == 0 else set()
    estimates: dict[int, np.ndarray] = {}
    bs = max(1, batch_size)
    for s in range(0, len(val), bs):
        inp = val.inputs[s : s + bs].to(device)
        tgt = val.targets[s : s + bs].to(device)
        with precision.autocast():
            est = model(inp)
        est = est.float()
        losses.append(float(loss_fn(est, tgt)) * inp.shape[0])
        sdr.append(si_sdr(est, tgt).cpu())
        sdr_in = val.input_sdr[s : s + bs]
        for limit, found in by_limit.items():
            found.append(si_sdr(limited(est, inp.float(), limit), tgt).cpu() - sdr_in)
        for i in scored.intersection(range(s, s + inp.shape[0])):
            estimates[i] = est[i - s, 0].cpu().numpy()
    model.train()
    out_sdr = torch.cat(sdr)
    return {
        "val_loss": sum(losses) / len(val),
        "val_si_sdr": float(out_sdr.mean()),
        "val_si_sdr_improvement": float((out_sdr - val.input_sdr).mean()),
        "quality": _quality(val, estimates, config.data.sample_rate, scorer) if estimates else {},
        "atten_limit_db": choose_atten_limit(
            {k: torch.cat(v) for k, v in by_limit.items()}, val.input_sdr
        ),
    }


def _quality(
    val: ValidationSet, estimates: dict[int, np.ndarray], sr: int, scorer: PerceptualScorer
) -> dict[str, float | None]:
    """Mean PESQ/STOI of the estimates and (measured once per session) of the inputs."""
    t0 = time.perf_counter()
    refs = val.targets[:, 0].numpy()
    if val.input_quality is None:
        inputs = val.inputs[:, 0].numpy()
        val.input_quality = _mean_quality(
            scorer, [(inputs[i], refs[i]) for i in val.quality_index], sr
        )
    pairs = [(est, refs[i]) for i, est in sorted(estimates.items())]
    out = _mean_quality(scorer, pairs, sr)
    log.info(
        "PESQ/STOI of %d validation segments: %.1f s", len(estimates), time.perf_counter() - t0
    )
    return {
        "val_pesq": out["pesq"],
        "val_stoi": out["stoi"],
        "val_pesq_input": val.input_quality["pesq"],
        "val_stoi_input": val.input_quality["stoi"],
    }


def _mean_quality(
    scorer: PerceptualScorer, pairs: list[tuple[np.ndarray, np.ndarray]], sr: int
) -> dict[str, float | None]:
    """Mean PESQ and STOI over (estimate, reference) pairs, skipping pairs a measure cannot
    score (silent segments); None when it scored none."""
    scores: dict[str, list[float]] = {"pesq": [], "stoi": []}
    for values in scorer.score(pairs, sr):
        for key, value in values.items():
            if math.isfinite(value):
                scores[key].append(value)
    return {k: float(np.mean(v)) if v else None for k, v in scores.items()}
