"""What the runs list shows, read from a run folder's small files: status, best epoch,
duration, and the checkpoints a resume can start from.

The window's runs list and its Resume menu read runs through here, so the GUI never parses
a run folder itself; the trainer writes these files (core.train.run_folder, checkpoint).
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from core.dataset.project import Project
from core.messages import QT_TRANSLATE_NOOP, Message
from core.train.run_folder import RunInfo, list_runs, read_status

log = logging.getLogger(__name__)

# The numbered checkpoints' names live here, not in core.train.checkpoint: that module imports
# torch, and the runs list reads these names on the GUI thread before torch is loaded.
_NUMBERED = re.compile(r"^ckpt_e(\d+)_s(\d+)\.pt$")


def numbered_name(epoch: int, step: int) -> str:
    return f"ckpt_e{epoch:04d}_s{step:08d}.pt"


def parse_numbered(name: str) -> tuple[int, int] | None:
    """(epoch, step) of a numbered checkpoint's file name (`numbered_name`), else None."""
    m = _NUMBERED.match(name)
    return (int(m.group(1)), int(m.group(2))) if m else None


@dataclass(frozen=True)
class RunRow:
    """What the runs list shows for one run folder (read from its small files only)."""

    path: Path
    status: str
    epochs_done: int
    total_epochs: int
    best_val_loss: float | None
    best_si_sdr: float | None
    seconds: float | None
    created: float
    best_top1: float | None = None  # a classifier's top-1 accuracy at its best epoch (0..1)


def run_rows(project: Project) -> list[RunRow]:
    """The project's runs, newest first (see `run_row`)."""
    return [run_row(info) for info in list_runs(project)]


def run_row(info: RunInfo) -> RunRow:
    """status.json and config.json via the trainer's `RunInfo`, plus the best epoch's SI-SDR
    (a classifier's: top-1 accuracy) from metrics.csv (never the checkpoints)."""
    status = read_status(info.path)
    best_loss, best_sdr, best_top1 = info.best_val_loss, None, None
    metrics = info.path / "metrics.csv"
    try:
        with metrics.open(newline="") as f:
            best = None
            for row in csv.DictReader(f):
                val = _float(row.get("val_loss"))
                if val is not None and (best is None or val < best[0]):
                    best = (val, _float(row.get("val_si_sdr")), _float(row.get("val_top1")))
            if best is not None:
                best_loss, best_sdr, best_top1 = best
    except FileNotFoundError:
        pass
    except (OSError, csv.Error) as exc:
        log.warning("%s: cannot read (%s)", metrics, exc)
    seconds = next(
        (_float(status[k]) for k in ("seconds", "elapsed_s", "train_seconds") if k in status),
        None,
    )
    return RunRow(
        info.path,
        info.status,
        info.epochs_done,
        info.total_epochs,
        best_loss,
        best_sdr,
        seconds,
        info.created,
        best_top1,
    )


def _float(text) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value == value else None


def checkpoint_choices(run_dir: Path) -> list[tuple[str, str | None]]:
    """(label, checkpoint path or None for latest), each saying where training continues.

    Read from file names and status.json only, never from the checkpoints or events.jsonl
    (both can be large; this runs on the GUI thread at every checkpoint). The trainer hard
    links latest.pt and best.pt to a numbered ckpt_eEEEE_sSSSSSSSS.pt, so the numbered file
    with the same inode names their epoch and step; status.json is the fallback.
    """
    folder = Path(run_dir) / "checkpoints"
    if not folder.is_dir():
        return []
    numbered: dict[Path, tuple[int, int]] = {}
    by_inode: dict[int, tuple[int, int]] = {}
    for p in folder.iterdir():
        where = parse_numbered(p.name)
        if where is not None:
            numbered[p] = where
            try:
                by_inode[p.stat().st_ino] = where
            except OSError:
                pass
    status = read_status(Path(run_dir))

    def located(path: Path, fallback: tuple[int, int | None] | None) -> Message:
        try:
            where = by_inode.get(path.stat().st_ino, fallback)
        except OSError:
            where = fallback
        return _continues(where)

    choices: list[tuple[str, str | None]] = []
    latest, best = folder / "latest.pt", folder / "best.pt"
    if latest.exists():
        fallback = (status["epoch"], status.get("step")) if "epoch" in status else None
        choices.append((_choice("latest.pt", located(latest, fallback)), None))
    if best.exists():
        # best.pt is written right after its epoch, so it continues at the one after.
        b = status.get("best_epoch")
        fallback = (b + 1, None) if isinstance(b, int) and b >= 0 else None
        choices.append((_choice("best.pt", located(best, fallback)), str(best)))
    for p, where in sorted(numbered.items(), key=lambda kv: kv[1], reverse=True):
        choices.append((_choice(p.name, _continues(where)), str(p)))
    return choices


def _choice(name: str, where: Message) -> Message:
    """A resume choice's label, "latest.pt — continues at epoch 4 (step 1,200)": a core
    Message, so the GUI shows it in the reader's language."""
    return Message("RunChoices", "{name} — {where}", name=name, where=where)


def _continues(where: tuple[int, int | None] | None) -> Message:
    if where is None:
        return Message("RunChoices", QT_TRANSLATE_NOOP("RunChoices", "continues where it stopped"))
    # The trainer saves the epoch it will run next (0-based): after a finished epoch that is
    # the next one; after Stop mid-epoch it is the same one, from the saved position.
    epoch, step = where
    if step is None:
        return Message(
            "RunChoices",
            QT_TRANSLATE_NOOP("RunChoices", "continues at epoch {epoch}"),
            epoch=epoch + 1,
        )
    return Message(
        "RunChoices",
        QT_TRANSLATE_NOOP("RunChoices", "continues at epoch {epoch} (step {step:,})"),
        epoch=epoch + 1,
        step=step,
    )
