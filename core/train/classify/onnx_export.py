"""A classify run as an ONNX model, for use outside Wavesmith.

`export_onnx(run, "birds.onnx")` writes:
- birds.onnx: input "log_mel" [batch, n_mels, frames] float32, output "logits" [batch,
  classes] (softmax gives probabilities); batch and frames are free.
- birds.labels.txt: the class names, one a line, in the order of the outputs.
- birds.json: the feature parameters the input must be computed with (FeatureConfig's
  fields, and how: natural log of the mel power plus LOG_FLOOR), the classes and the run.

The model standardises each window itself, so nothing else is needed between the features
and the model.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import asdict
from pathlib import Path

import torch

from core.train.checkpoint import CheckpointError

# The floor under the mel power before the log: the features' own (one owner).
from core.train.classify.features import LOG_FLOOR
from core.train.config import CLASSIFIER_KINDS

ONNX_FORMAT = "wavesmith-classifier-onnx/1"


def export_onnx(checkpoint_or_run: str | os.PathLike, out_path: str | os.PathLike) -> Path:
    """Write <out>.onnx, <out>.labels.txt and <out>.json; returns the .onnx path. Raises
    CheckpointError for a run that is not a classifier (the message names it)."""
    from core.train.export import load_model

    loaded = load_model(checkpoint_or_run)
    config = loaded.config
    if config.model.kind not in CLASSIFIER_KINDS:
        raise CheckpointError(
            f"{checkpoint_or_run}: ONNX export is for classify runs; this is a "
            f"{config.data.task} model (export it as .safetensors)"
        )
    out = Path(out_path).with_suffix(".onnx")
    out.parent.mkdir(parents=True, exist_ok=True)
    features = config.classify.features
    example = torch.zeros(1, features.n_mels, features.frames)
    with warnings.catch_warnings():
        # torch 2.11 calls the TorchScript exporter "legacy"; the new one needs onnxscript,
        # a further dependency, for a plain CNN the legacy one writes exactly.
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(
            loaded.model,
            (example,),
            str(out),
            dynamo=False,
            input_names=["log_mel"],
            output_names=["logits"],
            dynamic_axes={"log_mel": {0: "batch", 2: "frames"}, "logits": {0: "batch"}},
        )
    classes = config.model.classes
    out.with_suffix(".labels.txt").write_text("\n".join(classes) + "\n", encoding="utf-8")
    meta = {
        "format": ONNX_FORMAT,
        "input": {"name": "log_mel", "shape": ["batch", features.n_mels, "frames"]},
        "output": {"name": "logits", "shape": ["batch", len(classes)]},
        "features": asdict(features),
        "frames_per_window": features.frames,
        "log_mel": f"natural log of the mel power spectrogram (centred STFT, Hann window) + {LOG_FLOOR:g}",
        "classes": list(classes),
        "model": config.model.kind,
        "source": str(checkpoint_or_run),
    }
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return out
