"""Free space, and a full disk said in words: what is needed, what is free, where.

A real full disk does not always surface as `OSError(ENOSPC)`: torch's zip writer turns the
failed write into `RuntimeError: unexpected pos ...`, a memory-mapped file that cannot be
backed dies with SIGBUS. Writers that can fill a disk check the space first
(`require_free`) and name the failure with `DiskFullError`, an OSError with errno ENOSPC
that carries the figures. Shared by every room (no imports from the rest of core but units).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from core.units import format_bytes

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class DiskFullError(OSError):
    """Not enough space in `folder`: `needed` bytes (about), `free` bytes there."""

    def __init__(self, folder: Path, needed: int | None, free: int | None, what: str) -> None:
        self.folder, self.needed, self.free_bytes, self.what = Path(folder), needed, free, what
        need = f"needs about {format_bytes(needed)}" if needed else "could not be written"
        have = f", {format_bytes(free)} free" if free is not None else ""
        # The reason without the place, for messages that name the folder themselves.
        self.reason = f"the disk is full: {what} {need}{have}"
        super().__init__(errno.ENOSPC, f"{self.reason} in {self.folder}")

    def __str__(self) -> str:
        return self.strerror or ""


def free_bytes(path: str | os.PathLike) -> int | None:
    """Bytes free to this user on the filesystem holding `path` (or its nearest existing
    parent); None when it cannot be told."""
    p = Path(path)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return shutil.disk_usage(p).free
    except OSError:
        return None


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in FULL_ERRNOS


def require_free(folder: str | os.PathLike, needed: int, what: str) -> None:
    """Raise DiskFullError unless `needed` bytes are free in `folder`."""
    free = free_bytes(folder)
    if free is not None and free < needed:
        raise DiskFullError(Path(folder), needed, free, what)
