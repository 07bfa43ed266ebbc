"""Sharing trained models without pickle: safetensors weights plus a JSON config.

`export_model(checkpoint_or_run, "my_denoiser.safetensors")` writes the weights and
`my_denoiser.json` (model config, sample rate, training summary). `load_model` accepts a
checkpoint .pt (read with weights_only=True), a run folder (its best, else latest, checkpoint)
or an exported .safetensors, and returns the model ready for inference.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from core.messages import QT_TRANSLATE_NOOP, Message
from core.train.checkpoint import BEST, LATEST, CheckpointError, checkpoint_dir, load_checkpoint
from core.train.config import TrainConfig
from core.train.models import build_model

EXPORT_FORMAT = "wavesmith-model/1"


@dataclass
class LoadedModel:
    model: torch.nn.Module  # in eval mode, on the CPU
    sample_rate: int
    config: TrainConfig
    # The attenuation limit (dB) validation found best for this model, None for none:
    # the default of `process` (see Trainer._recommend_atten_limit).
    atten_limit_db: float | None = None


def _recommended_limit(record: dict | None) -> float | None:
    value = (record or {}).get("atten_limit_db")
    return float(value) if value else None


def _say(template: str, **args) -> Message:
    # Why a model cannot be loaded, shown in the Listen tab in its reader's language.
    return Message("ModelFiles", template, **args)


def _resolve_checkpoint(path: Path) -> Path:
    if path.is_dir():
        for name in (BEST, LATEST):
            candidate = checkpoint_dir(path) / name
            if candidate.is_file():
                return candidate
        raise CheckpointError(_say(QT_TRANSLATE_NOOP("ModelFiles", "{path}: no checkpoints/best.pt or latest.pt in this run folder"), path=str(path)))  # fmt: skip
    return path


def export_model(checkpoint_or_run: str | os.PathLike, out_path: str | os.PathLike) -> Path:
    """Write <out>.safetensors and <out>.json; returns the .safetensors path."""
    src = _resolve_checkpoint(Path(checkpoint_or_run))
    ckpt = load_checkpoint(src)
    out = Path(out_path)
    if out.suffix != ".safetensors":
        out = out.with_suffix(".safetensors")
    out.parent.mkdir(parents=True, exist_ok=True)
    config = TrainConfig.from_dict(ckpt["config"])
    tensors = {k: v.detach().contiguous().cpu() for k, v in ckpt["model"].items()}
    save_file(tensors, str(out), metadata={"format": EXPORT_FORMAT})
    history = ckpt.get("history") or []
    best = min(history, key=lambda h: h["val_loss"]) if history else None
    meta = {
        "format": EXPORT_FORMAT,
        "sample_rate": config.data.sample_rate,
        "task": config.data.task,
        "model": config.to_dict()["model"],
        "config": config.to_dict(),
        "source": str(src),
        "epochs": len(history),
        "best": best,
    }
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2))
    return out


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Load for inference from a checkpoint, a run folder or an exported .safetensors."""
    p = Path(path)
    if p.suffix == ".safetensors":
        meta_path = p.with_suffix(".json")
        if not meta_path.is_file():
            raise CheckpointError(_say(QT_TRANSLATE_NOOP("ModelFiles", "{path}: the model's config {name} is missing beside it"), path=str(p), name=meta_path.name))  # fmt: skip
        try:
            meta = json.loads(meta_path.read_text())
        except json.JSONDecodeError as exc:
            raise CheckpointError(_say(QT_TRANSLATE_NOOP("ModelFiles", "{path}: not valid JSON ({exc})"), path=str(meta_path), exc=str(exc))) from exc  # fmt: skip
        config = TrainConfig.from_dict(meta["config"])
        limit = _recommended_limit(meta.get("best"))
        try:
            state = load_file(str(p))
        except Exception as exc:
            raise CheckpointError(_say(QT_TRANSLATE_NOOP("ModelFiles", "{path}: not a readable safetensors file ({exc})"), path=str(p), exc=str(exc))) from exc  # fmt: skip
    else:
        ckpt = load_checkpoint(_resolve_checkpoint(p))
        config = TrainConfig.from_dict(ckpt["config"])
        state = ckpt["model"]
        # The last record is the epoch this checkpoint was saved after (best.pt: the best).
        limit = _recommended_limit((ckpt.get("history") or [None])[-1])
    model = build_model(config.model, config.data.sample_rate)
    try:
        model.load_state_dict(state)
    except RuntimeError as exc:
        raise CheckpointError(_say(QT_TRANSLATE_NOOP("ModelFiles", "{path}: weights do not match the model config ({exc})"), path=str(p), exc=str(exc)[:200])) from exc  # fmt: skip
    model.eval()
    return LoadedModel(model, config.data.sample_rate, config, limit)
