"""Checkpoint files: one dict holding everything a run needs to continue exactly.

Keys: model, optimizer, scheduler, scaler, epoch, step, position (examples consumed in the
current epoch's order), history, best_val_loss, best_epoch, epochs_without_improvement,
config, rng (python, numpy, torch, cuda), train_loss_sum/count of the partial epoch,
batch_size, lr_scale. Everything is tensors, numbers, strings, lists and dicts, so
`torch.load(weights_only=True)` reads it and a crafted file cannot run code.

Writes go to a temporary file in the same folder, are fsync'ed, then `os.replace`d over the
old file: a crash or a full disk mid-write leaves the previous `latest.pt` intact. A full
disk is always reported as `core.disk.DiskFullError` (an OSError) with the space needed,
whatever torch's writer made of the failed write.
"""

from __future__ import annotations

import logging
import os
import pickle
import random
import re
from pathlib import Path
from typing import Any

import numpy as np
import torch

from core.disk import DiskFullError, free_bytes, is_disk_full
from core.train.runs import numbered_name, parse_numbered

log = logging.getLogger(__name__)

CHECKPOINTS = "checkpoints"
LATEST = "latest.pt"
BEST = "best.pt"
FORMAT_VERSION = 1


class CheckpointError(Exception):
    """A checkpoint that cannot be used; the message names the file and the reason."""


def rng_state() -> dict[str, Any]:
    """Every RNG state as weights_only-loadable values (tensors and plain lists)."""
    py = random.getstate()
    np_state = np.random.get_state()
    state: dict[str, Any] = {
        "python": [py[0], list(py[1]), py[2]],
        "numpy": [
            np_state[0],
            torch.from_numpy(np_state[1].astype(np.int64)),
            int(np_state[2]),
            int(np_state[3]),
            float(np_state[4]),
        ],
        "torch": torch.get_rng_state(),
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    py = state["python"]
    random.setstate((py[0], tuple(py[1]), py[2]))
    n = state["numpy"]
    np.random.set_state((n[0], n[1].numpy().astype(np.uint32), n[2], n[3], n[4]))
    torch.set_rng_state(state["torch"])
    if state.get("cuda") and torch.cuda.is_available():
        cuda = state["cuda"][: torch.cuda.device_count()]
        torch.cuda.set_rng_state_all(cuda)


def atomic_save(obj: dict, path: Path) -> None:
    """torch.save to a temporary file, fsync, then rename over `path`.

    The rename is atomic on POSIX and Windows filesystems, so readers (and a resume after a
    crash) see either the old or the new checkpoint, never half of one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    sink = None
    try:
        with open(tmp, "wb") as fh:
            sink = _WriteRecorder(fh)
            torch.save(obj, sink)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        # torch's zip writer reports a failed write as RuntimeError ("unexpected pos");
        # the OSError the file raised underneath says what really happened.
        cause = sink.error if sink is not None and sink.error is not None else exc
        if is_disk_full(cause):
            raise DiskFullError(
                path.parent, checkpoint_bytes(obj), free_bytes(path.parent), "a checkpoint"
            ) from cause
        if cause is not exc:
            raise cause from exc
        raise
    # fsync the folder too, so the rename itself survives a power cut.
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


class _WriteRecorder:
    """A file for torch.save that keeps the OSError of a failed write (torch's C++ writer
    replaces it with a RuntimeError that no longer says why)."""

    def __init__(self, fh) -> None:
        self.fh, self.error = fh, None

    def write(self, data) -> int:
        try:
            return self.fh.write(data)
        except OSError as exc:
            self.error = exc
            raise

    def flush(self) -> None:
        try:
            self.fh.flush()
        except OSError as exc:
            self.error = exc
            raise


def checkpoint_bytes(obj: Any) -> int:
    """About the size of `obj` saved: its tensors' bytes (the rest is small)."""
    if isinstance(obj, torch.Tensor):
        return obj.numel() * obj.element_size()
    if isinstance(obj, dict):
        return sum(checkpoint_bytes(v) for v in obj.values()) + 64 * 1024
    if isinstance(obj, (list, tuple)):
        return sum(checkpoint_bytes(v) for v in obj)
    return 0


def load_checkpoint(path: str | os.PathLike, map_location: str | torch.device = "cpu") -> dict:
    """Read a checkpoint with weights_only=True: tensors and plain data only, never code."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: checkpoint not found")
    try:
        ckpt = torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as exc:
        raise CheckpointError(
            f"{path}: refused to load: it contains objects other than weights and plain data "
            f"(a checkpoint must never run code) [{str(exc).splitlines()[0]}]"
        ) from exc
    except Exception as exc:
        raise CheckpointError(f"{path}: not a readable checkpoint ({exc})") from exc
    if not isinstance(ckpt, dict) or "model" not in ckpt or "config" not in ckpt:
        raise CheckpointError(f"{path}: not a Wavesmith checkpoint (no model/config)")
    return ckpt


def checkpoint_dir(run_dir: Path) -> Path:
    return Path(run_dir) / CHECKPOINTS


def save_run_checkpoint(run_dir: Path, ckpt: dict, is_best: bool, keep_last: int) -> Path:
    """Write latest.pt (and best.pt), add a numbered copy, keep the newest `keep_last`."""
    folder = checkpoint_dir(run_dir)
    folder.mkdir(parents=True, exist_ok=True)
    latest = folder / LATEST
    atomic_save(ckpt, latest)
    if is_best:
        _link_or_save(latest, folder / BEST, ckpt)
    if keep_last > 0:
        _link_or_save(latest, folder / numbered_name(ckpt["epoch"], ckpt["step"]), ckpt)
        numbered = sorted(p for p in folder.iterdir() if parse_numbered(p.name) is not None)
        for old in numbered[:-keep_last]:
            old.unlink(missing_ok=True)
    return latest


def restore_numbered(run_dir: Path, path: Path, ckpt: dict, keep_last: int) -> Path | None:
    """The numbered copy of `path` (the run's latest.pt, holding `ckpt`), made again when a
    process killed between writing latest.pt and linking it left it missing."""
    numbered = checkpoint_dir(run_dir) / numbered_name(ckpt["epoch"], ckpt["step"])
    if keep_last <= 0 or numbered.exists() or Path(path).name != LATEST:
        return None
    _link_or_save(Path(path), numbered, ckpt)
    log.info("restored %s, lost when the run was killed while saving it", numbered)
    return numbered


def _link_or_save(src: Path, dst: Path, ckpt: dict) -> None:
    """A hard link costs no space or time; filesystems without links get a second write."""
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.link")
    try:
        tmp.unlink(missing_ok=True)
        os.link(src, tmp)
        os.replace(tmp, dst)
    except OSError:
        tmp.unlink(missing_ok=True)
        atomic_save(ckpt, dst)


_TEMP = re.compile(r"^\.(.+)\.(\d+)\.(tmp|link)$")


def remove_stale_temp_files(run_dir: Path) -> list[Path]:
    """Delete half-written checkpoint temp files left by a killed process (a SIGKILL or a
    power cut mid-write skips the cleanup); each can be as large as a checkpoint."""
    folder = checkpoint_dir(run_dir)
    if not folder.is_dir():
        return []
    removed = []
    for p in folder.iterdir():
        m = _TEMP.match(p.name)
        if m and int(m.group(2)) != os.getpid():
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def list_checkpoints(run_dir: Path) -> list[Path]:
    folder = checkpoint_dir(run_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if parse_numbered(p.name) is not None)
