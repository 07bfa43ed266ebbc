"""What a run leaves when it ends, beside its checkpoints: summary.txt and history.png
(written by `write_final`, read by `wavesmith analyze`). The figures shown follow the task:
SI-SDR and PESQ for the audio tasks, top-1, top-5 and macro-F1 for classify."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from core.disk import NEARLY_FULL, free_bytes
from core.train.run_folder import write_metrics, write_status

log = logging.getLogger(__name__)


def plot_history(run_dir: Path, history: list[dict]) -> Path | None:
    """history.png: train/val loss with the best epoch marked, learning rate, SI-SDR, and
    PESQ where it was measured."""
    if not history:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    epochs = [h["epoch"] + 1 for h in history]
    best = min(history, key=lambda h: h["val_loss"])
    measured = [h for h in history if h.get("val_pesq") is not None]
    fig = Figure(figsize=(13 if measured else 10, 3.4), dpi=100)
    ax1, ax2, ax3, *ax4 = fig.subplots(1, 4 if measured else 3)
    ax1.plot(epochs, [h["train_loss"] for h in history], label="train")
    ax1.plot(epochs, [h["val_loss"] for h in history], label="validation")
    ax1.axvline(
        best["epoch"] + 1, color="grey", linestyle="--", label=f"best ({best['epoch'] + 1})"
    )
    ax1.set_title("loss")
    ax1.set_xlabel("epoch")
    ax1.legend()
    ax2.plot(epochs, [h["lr"] for h in history])
    ax2.set_yscale("log")
    ax2.set_title("learning rate")
    ax2.set_xlabel("epoch")
    # The third panel: what the task measures (core.train.tasks), SI-SDR or accuracy.
    shown = _SCORES["val_top1" in history[0]]
    for key, label in shown[1:]:
        ax3.plot(epochs, [h[key] for h in history], label=label)
    ax3.set_title(shown[0])
    ax3.set_xlabel("epoch")
    ax3.legend()
    if measured:
        x = [h["epoch"] + 1 for h in measured]
        ax4[0].plot(x, [h["val_pesq"] for h in measured], marker="o", label="output")
        if measured[-1].get("val_pesq_input") is not None:
            ax4[0].axhline(measured[-1]["val_pesq_input"], color="grey", ls="--", label="input")
        ax4[0].set_title("validation PESQ (wideband)")
        ax4[0].set_xlabel("epoch")
        ax4[0].legend()
    fig.tight_layout()
    path = Path(run_dir) / "history.png"
    fig.savefig(path)
    return path


_SCORES = {
    False: (
        "validation SI-SDR (dB)",
        ("val_si_sdr", "SI-SDR"),
        ("val_si_sdr_improvement", "improvement"),
    ),
    True: (
        "validation",
        ("val_top1", "top-1"),
        ("val_top5", "top-5"),
        ("val_macro_f1", "macro-F1"),
    ),
}


def plot_history_in_child(
    run_dir: Path, history: list[dict], timeout: float = 120.0
) -> Path | None:
    """plot_history in a child process, waited for.

    matplotlib's Agg renderer holds the GIL for tenths of a second at a time; drawn in the
    trainer's thread it froze the window at the end of every run. Waiting on a child releases
    the GIL, and history.png is still there when the call returns.
    """
    if not history:
        return None
    root = Path(__file__).resolve().parents[2]
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    )
    code = (
        "import json, sys; from pathlib import Path; "
        "from core.train.run_summary import plot_history; "
        "plot_history(Path(sys.argv[1]), json.load(sys.stdin))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(run_dir)],
        input=json.dumps(history),
        text=True,
        capture_output=True,
        env=env,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"history.png not drawn: {proc.stderr.strip()[-500:]}")
    return Path(run_dir) / "history.png"


def summary_text(run_dir: Path, history: list[dict], status: dict) -> str:
    lines = [f"run: {Path(run_dir).name}", f"status: {status.get('status', 'unknown')}"]
    if status.get("message"):
        lines.append(f"message: {status['message']}")
    lines.append(f"epochs done: {len(history)}  steps: {status.get('step', 0)}")
    if status.get("parameters"):
        size = f", {status['size_mb']:.2f} MB" if status.get("size_mb") else ""
        lines.append(f"model: {status.get('model')} {status['parameters']:,} parameters{size}")
    if status.get("elapsed_s"):
        lines.append(f"training time: {status['elapsed_s'] / 60:.1f} min")
    if history:
        best = min(history, key=lambda h: h["val_loss"])
        last = history[-1]
        if "val_top1" in best:  # the classify task
            score = f"top-1 {best['val_top1']:.1%}  top-5 {best['val_top5']:.1%}  "
            score += f"macro-F1 {best['val_macro_f1']:.3f}"
        else:
            score = f"SI-SDR {best['val_si_sdr']:.2f} dB "
            score += f"(improvement {best['val_si_sdr_improvement']:+.2f} dB)" + _quality_text(best)
        lines += [
            f"best epoch: {best['epoch'] + 1}  val loss {best['val_loss']:.5g}  {score}",
            f"last epoch: {last['epoch'] + 1}  train loss {last['train_loss']:.5g}  "
            f"val loss {last['val_loss']:.5g}  lr {last['lr']:.3g}",
        ]
    return "\n".join(lines) + "\n"


def _quality_text(h: dict) -> str:
    """ "  PESQ a (input b)  STOI c (input d)" for the epochs where they were measured."""
    text = ""
    for key, name, digits in (("val_pesq", "PESQ", 2), ("val_stoi", "STOI", 3)):
        if h.get(key) is not None:
            text += f"  {name} {h[key]:.{digits}f}"
            if h.get(f"{key}_input") is not None:
                text += f" (input {h[f'{key}_input']:.{digits}f})"
    return text


def write_summary(run_dir: Path, history: list[dict], status: dict) -> Path:
    path = Path(run_dir) / "summary.txt"
    path.write_text(summary_text(run_dir, history, status))
    return path


def write_final(run_dir: Path, history: list[dict], status: Callable[[], dict]) -> None:
    """What a run leaves when it ends: status.json, metrics.csv, summary.txt and the plot
    (drawn in a child process). A failure is logged: the run has ended either way."""
    try:
        write_status(run_dir, status())
        write_metrics(run_dir, history)
        write_summary(run_dir, history, status())
        plot_history_in_child(run_dir, history)
    except Exception as exc:
        free = free_bytes(run_dir)
        if isinstance(exc, OSError) or (free is not None and free < NEARLY_FULL):
            # A full or read-only disk is one line: the run's own message already says it.
            why = "the disk is full" if free is not None and free < NEARLY_FULL else exc
            log.error("could not write the run summary in %s: %s", run_dir, why)
        else:
            log.exception("could not write the run summary")
