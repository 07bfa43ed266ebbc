"""The run folder: what a training run leaves on disk, and how others read it.

runs/<name>/config.json       the TrainConfig (JSON)
            events.jsonl      every event as one JSON line (follow a run live with read_events)
            metrics.csv       one row per epoch, rewritten from the history (the resume cursor)
            steps.csv         one row per step: loss, lr, throughput
            status.json       small summary for run lists, updated at each checkpoint
            checkpoints/      latest.pt, best.pt, ckpt_eNNNN_sNNNNNNNN.pt
            samples/          ref/ inputs and references, epoch_NNNN/ processed clips
            history.png       losses with the best epoch marked, LR, SI-SDR or accuracy, PESQ
            summary.txt       a short text summary (these two: core.train.run_summary)
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.train import events as ev

log = logging.getLogger(__name__)

METRIC_COLUMNS = (
    "epoch",
    "train_loss",
    "val_loss",
    "val_si_sdr",
    "val_si_sdr_improvement",
    "val_pesq",
    "val_stoi",
    "val_pesq_input",
    "val_stoi_input",
    "lr",
    "batch_size",
)


@dataclass(frozen=True)
class RunInfo:
    path: Path
    name: str
    created: float
    status: str  # "running", "completed", "stopped", ..., "unknown"
    epochs_done: int
    total_epochs: int
    best_val_loss: float | None
    task: str
    model: str


# A run name is one folder under runs/: letters (any script), digits, and a few signs
# inside; no separator, no leading dot (hidden folders are runs being made), no "..".
_RUN_NAME = re.compile(r"^\w[\w .,+=@()\-]*$")
RUN_NAME_MAX = 100  # characters; leaves room under the 255-byte limit for `_2` and UTF-8


def check_run_name(name: str) -> str:
    """`name` if it is a safe run folder name, else ValueError saying what is allowed."""
    if not _RUN_NAME.match(name) or name.endswith((" ", ".")) or len(name) > RUN_NAME_MAX:
        raise ValueError(
            f"run name {name!r}: use one folder name of letters, digits, spaces and "
            f"- _ . , + = @ ( ), starting with a letter or digit, at most {RUN_NAME_MAX} "
            "characters (runs always live in the project's runs/ folder)"
        )
    return name


def new_run_dir(runs_dir: Path, task: str = "run", name: str | None = None, config=None) -> Path:
    """A fresh folder under runs/: `name`, or `YYYYmmdd-HHMMSS-<task>` (the window and the
    command line name runs alike, so they sort by time together); never an existing one
    (`_2`, `_3`, ... are appended).

    With `config` (a TrainConfig), the folder appears with its config.json already in it
    (made aside and renamed into place): a process killed at any moment leaves either no
    run folder or one that `resume` can start again, never an empty one."""
    base = check_run_name(name) if name is not None else time.strftime(f"%Y%m%d-%H%M%S-{task}")
    runs_dir.mkdir(parents=True, exist_ok=True)
    path, n = runs_dir / base, 1
    while path.exists():
        n += 1
        path = runs_dir / f"{base}_{n}"
    if config is None:
        path.mkdir()
        return path
    staging = runs_dir / f".{os.getpid()}.creating"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        config.save(staging / "config.json")
        os.rename(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return path


def shared_run_dir(runs_dir: Path, name: str | None, is_main: bool) -> Path:
    """The one folder every rank of a DDP run writes to: derived from the name, not the
    clock (ranks start at slightly different times), and made by the main rank."""
    path = runs_dir / (check_run_name(name) if name is not None else "ddp_run")
    if is_main:
        path.mkdir(parents=True, exist_ok=True)
    return path


class RunFolderWriter:
    """A listener appending events to events.jsonl and step rows to steps.csv."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, event: ev.Event) -> None:
        # An event written without a time (by a tool other than the trainer) gets the
        # time it reached the folder: a reader must never have to guess it.
        line = json.dumps(ev.to_dict(ev.stamped(event, time.time())), default=str)
        with open(self.run_dir / "events.jsonl", "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        if isinstance(event, ev.StepDone):
            path = self.run_dir / "steps.csv"
            new = not path.exists()
            with open(path, "a", newline="") as fh:
                w = csv.writer(fh)
                if new:
                    w.writerow(["epoch", "step", "loss", "lr", "samples_per_s", "data_wait"])
                w.writerow(
                    [
                        event.epoch,
                        event.step,
                        f"{event.loss:.6g}",
                        f"{event.lr:.6g}",
                        f"{event.samples_per_s:.4g}",
                        f"{event.data_wait_fraction:.4f}",
                    ]
                )


def read_events(run_dir: str | os.PathLike, from_offset: int = 0) -> tuple[list, int]:
    """Events appended since byte `from_offset`; only complete lines are consumed, so a
    reader following a live run never sees half an event."""
    path = Path(run_dir) / "events.jsonl"
    data, end, _ = read_event_bytes(run_dir, from_offset)
    events = [parse_event(raw, path) for raw in data.splitlines()]
    return [e for e in events if e is not None], end


def read_event_bytes(
    run_dir: str | os.PathLike, offset: int, max_bytes: int | None = None
) -> tuple[bytes, int, bool]:
    """The complete lines of events.jsonl from byte `offset`, about `max_bytes` of them at
    most: (lines, offset after them, whether more whole lines are waiting). A line still
    being written stays for the next call."""
    path = Path(run_dir) / "events.jsonl"
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return b"", offset, False
    with fh:
        fh.seek(offset)
        data = fh.read(-1 if max_bytes is None else max_bytes + 1)
        more = max_bytes is not None and len(data) > max_bytes
        end = data.rfind(b"\n", 0, max_bytes if more else len(data)) + 1
        if end == 0 and more:  # one line longer than a slice: take it whole
            data += fh.read()
            end, more = data.rfind(b"\n") + 1, False
    return data[:end], offset + end, more


def parse_event(raw: bytes, path: Path | None = None) -> ev.Event | None:
    """One events.jsonl line as its event; None (and a log line) when it cannot be read."""
    if not raw.strip():
        return None
    try:
        d = json.loads(raw)
        if "extra" in d:  # runs written before PESQ/STOI had their own fields
            old = dict(d.pop("extra"))
            d.setdefault("val_pesq", old.get("pesq"))
            d.setdefault("val_stoi", old.get("stoi"))
        return ev.from_dict(d)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        log.warning("%s: skipped an unreadable event line", path or "events.jsonl")
        return None


def write_metrics(run_dir: Path, history: list[dict]) -> None:
    path = Path(run_dir) / "metrics.csv"
    tmp = path.with_suffix(".csv.tmp")
    extra = sorted({k for h in history for k in h} - set(METRIC_COLUMNS))
    with open(tmp, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(list(METRIC_COLUMNS) + extra)
        for h in history:
            w.writerow([h.get(c, "") for c in list(METRIC_COLUMNS) + extra])
    os.replace(tmp, path)


def write_status(run_dir: Path, status: dict) -> None:
    path = Path(run_dir) / "status.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(status, indent=1))
    os.replace(tmp, path)


def read_status(run_dir: Path) -> dict:
    try:
        return json.loads((Path(run_dir) / "status.json").read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def run_info(run_dir: Path) -> RunInfo | None:
    """One run folder's summary from its config.json and status.json; None if not a run."""
    d = Path(run_dir)
    cfg_path = d / "config.json"
    try:
        cfg = json.loads(cfg_path.read_text())
        created = cfg_path.stat().st_mtime
    except (OSError, json.JSONDecodeError):
        return None
    st = read_status(d)
    return RunInfo(
        path=d,
        name=d.name,
        created=created,
        status=st.get("status", "unknown"),
        epochs_done=int(st.get("epochs_done", 0)),
        total_epochs=int(cfg.get("run", {}).get("epochs", 0)),
        best_val_loss=st.get("best_val_loss"),
        task=cfg.get("data", {}).get("task", "?"),
        model=cfg.get("model", {}).get("kind", "?"),
    )


def list_runs(project) -> list[RunInfo]:
    """Runs of a project, newest first, from their config.json and status.json."""
    runs_dir = Path(project.runs_dir)
    if not runs_dir.is_dir():
        return []
    # Hidden folders are runs still being made (see new_run_dir), not runs.
    folders = [d for d in runs_dir.iterdir() if not d.name.startswith(".")]
    out = [info for d in folders if (info := run_info(d)) is not None]
    return sorted(out, key=lambda r: r.created, reverse=True)


def model_config(path: str | os.PathLike) -> dict | None:
    """The config (as saved in config.json) of what a model picker holds: a run folder, one
    of its checkpoints, or an exported .safetensors (its .json beside it); None when it
    cannot be read. JSON only (no torch): the GUI's pickers ask it on the GUI thread."""
    p = Path(path)
    if p.suffix == ".safetensors":
        p = p.with_suffix(".json")
    elif p.suffix == ".pt":  # <run>/checkpoints/<name>.pt
        p = p.parent.parent / "config.json"
    elif p.is_dir():
        p = p / "config.json"
    try:
        data = json.loads(p.read_text())
    except (OSError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    config = data.get("config", data)  # an export's .json holds the config under "config"
    return config if isinstance(config, dict) else None


def model_task(path: str | os.PathLike) -> str | None:
    """The task of a model picker's path: "denoise", "paired" or "classify" (model_config)."""
    data = (model_config(path) or {}).get("data")
    return data.get("task") if isinstance(data, dict) else None
