"""Free space, a full disk said in words, and files written whole or not at all.

A real full disk does not always surface as `OSError(ENOSPC)`: torch's zip writer turns the
failed write into `RuntimeError: unexpected pos ...`, a memory-mapped file that cannot be
backed dies with SIGBUS. Writers that can fill a disk check the space first
(`require_free`) and name the failure with `DiskFullError`, an OSError with errno ENOSPC
that carries the figures. Shared by every room (no imports from the rest of core but units).

`atomic_output(path)` is the one way an output file is written: into a temporary sibling,
renamed over `path` when the writing succeeds and removed when it fails, so neither a half
file under the final name nor a `.part` leftover survives an error.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.units import format_bytes

NAME_MAX = 255  # bytes in one path component on Linux, macOS and Windows filesystems
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


def part_path(path: str | os.PathLike) -> Path:
    """The temporary sibling `.NAME.part`; for a name too long to take the extra bytes,
    `.<hash of NAME>.part` (still one per output file)."""
    p = Path(path)
    name = f".{p.name}.part"
    if len(os.fsencode(name)) > NAME_MAX:
        name = f".{hashlib.sha1(os.fsencode(p.name)).hexdigest()[:24]}.part"
    return p.with_name(name)


# Free space under which a failed write is blamed on a full disk: libsndfile reports
# ENOSPC as "System error.", and the space is only told apart before the part is removed.
NEARLY_FULL = 256 * 1024


@contextmanager
def atomic_output(path: str | os.PathLike, expected_bytes: int | None = None) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces `path`, on any error
    (a full disk, a cancel, a kill signal turned exception) it is removed. A failure on a
    disk that is full comes out as DiskFullError naming the file and `expected_bytes`."""
    tmp = part_path(path)
    try:
        yield tmp
        os.replace(tmp, path)
    except Exception as exc:
        free = free_bytes(tmp.parent)
        tmp.unlink(missing_ok=True)
        full = is_disk_full(exc) or (free is not None and free < NEARLY_FULL)
        if full and not isinstance(exc, DiskFullError):
            raise DiskFullError(tmp.parent, expected_bytes, free, Path(path).name) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def output_folder(path: str | os.PathLike) -> Path:
    """`path` as a folder to write into, made if missing. ValueError, saying which, when it
    or a folder above it is a file, or it cannot be made (read-only, no permission)."""
    p = Path(path)
    for above in (p, *p.parents):
        if above.exists() or above.is_symlink():
            if not above.is_dir():
                where = "is a file" if above == p else f"is inside {above}, which is a file"
                raise ValueError(f"{p}: {where}, not a folder to write into")
            break
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"{p}: cannot make the output folder ({exc.strerror or exc})") from exc
    return p
