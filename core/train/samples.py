"""Listening samples: a few fixed validation clips rendered through the model every epoch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from core.audio.io import write_audio
from core.messages import QT_TRANSLATE_NOOP, Message
from core.train import events as ev
from core.train.config import DataConfig
from core.train.data import Sources
from core.train.noise import make_noise, mix_at_snr


@dataclass(frozen=True)
class SampleClip:
    name: str
    input_path: Path
    clean_path: Path | None
    audio: np.ndarray  # the input, mono float32


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(name).stem)
    return keep[:60] or "clip"


def prepare_samples(
    val: Sources, cfg: DataConfig, seed: int, run_dir: Path, talkers: list[np.ndarray]
) -> list[SampleClip]:
    """Pick the first `cfg.sample_clips` validation clips, make their (fixed) inputs and write
    input and reference once under samples/ref/."""
    out = []
    n_max = int(cfg.sample_seconds * cfg.sample_rate)
    ref_dir = Path(run_dir) / "samples" / "ref"
    synthetic = [k for k in cfg.noise.kinds if k != "project"] or ["pink"]
    for j in range(min(cfg.sample_clips, len(val))):
        clean = np.asarray(val.targets[j][:n_max], dtype=np.float32)
        if val.inputs is not None:
            inp = np.asarray(val.inputs[j][:n_max], dtype=np.float32)
        else:
            rng = np.random.default_rng([seed, 424242, j])
            kind = synthetic[j % len(synthetic)]
            noise = make_noise(kind, clean.shape[0], cfg.sample_rate, rng, talkers=talkers)
            inp = mix_at_snr(clean, noise, float(np.mean(cfg.noise.snr_db)))
        name = f"{j:02d}_{_safe(val.names[j])}"
        input_path = ref_dir / f"{name}_input.wav"
        clean_path = ref_dir / f"{name}_clean.wav"
        if not input_path.exists():
            write_audio(input_path, inp[:, None], cfg.sample_rate, "FLOAT")
            write_audio(clean_path, clean[:, None], cfg.sample_rate, "FLOAT")
        out.append(SampleClip(name, input_path, clean_path, np.array(inp, dtype=np.float32)))
    return out


@torch.no_grad()
def render_sample(model: torch.nn.Module, clip: SampleClip, device: torch.device) -> np.ndarray:
    x = torch.from_numpy(clip.audio).to(device).reshape(1, 1, -1)
    return model(x).reshape(-1).float().cpu().numpy()


def render_samples(
    model: torch.nn.Module,
    clips: list[SampleClip],
    folder: Path,
    epoch: int,
    sr: int,
    device: torch.device,
    emit: Callable[[ev.Event], None],
) -> None:
    """Render every clip into `folder` (one epoch's samples), announcing each; the model is
    left in training mode. A write that fails (a full disk) is a warning: samples are a
    nicety, not the run."""
    if not clips:
        return
    model.eval()
    for clip in clips:
        audio = render_sample(model, clip, device)
        try:
            path = write_audio(folder / f"{clip.name}.wav", audio[:, None], sr, "FLOAT")
        except OSError as exc:
            said = QT_TRANSLATE_NOOP(
                "TrainMessages", "could not write the sample in {folder}: {exc}"
            )
            emit(ev.Warning(Message("TrainMessages", said, folder=str(folder), exc=str(exc)),
                            kind="samples"))  # fmt: skip
            break
        emit(
            ev.SampleRendered(
                epoch=epoch,
                path=str(path),
                input_path=str(clip.input_path),
                clean_path=str(clip.clean_path) if clip.clean_path else None,
            )
        )
    model.train()
