"""Import files and folders into a project, giving every unusable file a reason.

Each candidate goes through the same checks, cheapest first: a regular readable file,
not empty, a header libsndfile or FFmpeg understands, a WAV whose header matches its
size, then one streaming decode (NaN/inf, decoder errors, fewer frames than declared, all
zeros), then the content hash against the project (duplicates). Only then is it recorded.
A file only FFmpeg reads (AAC, WebM, a video's soundtrack, G.722, ...) is hashed first
and its one decode writes the project's lossless copy (core.audio.decoded_cache), so the
duplicate check spares a long decode and an unchanged file is never decoded twice. A file
whose content matches a source that is no longer at its recorded path was moved: the
source is pointed at the new path (keeping its clips, edits and pairs) instead of being
called a duplicate.

The user's files are only ever opened for reading. Which files are candidates, and their
roles, is core.dataset.import_scan; the checks before the hash are core.dataset.import_checks.

`import_paths` is safe to call from a worker thread: the project hands each thread its
own SQLite connection, and the check-then-insert of a file is serialised per project so
two imports running at once cannot both add the same content.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.audio import decoded_cache
from core.audio.io import AudioInfo, AudioReadError, content_hash
from core.dataset import import_words as words
from core.dataset.clips import Clip
from core.dataset.import_checks import inspect_file
from core.dataset.import_scan import (
    SKIP_ROLE,
    collect_files,
    label_from_folders,
    role_from_folders,
)
from core.dataset.label_splits import assignment_order, recording_key
from core.dataset.labels import clean_label, label_source
from core.dataset.project import ROLES, Project
from core.dataset.rejects import add_reject
from core.dataset.source_health import relink_source
from core.messages import joined

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
DecodeProgress = Callable[[str, int, int], None]  # (path, frames decoded, frames expected)
ShouldCancel = Callable[[], bool]

# One lock per project folder: the duplicate check and the insert must be one step.
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def _project_lock(project: Project) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(project.root, threading.Lock())


@dataclass
class ImportReport:
    added: list[Clip] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why), not errors
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    # (new path, old path): a file whose old location is gone, found again by content;
    # its source now points at the new path and keeps its clips and edits.
    relinked: list[tuple[str, str]] = field(default_factory=list)
    # (path, what was lost): imported from a damaged file, keeping what decoded.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # (path, note): imported, with something to know (the audio stream a video gave, the
    # other streams it holds and how to pick one).
    notes: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        text = (
            f"added {len(self.added)}, skipped {len(self.skipped)}, rejected {len(self.rejected)}"
        )
        if self.relinked:
            text += f", relinked {len(self.relinked)} moved"
        if self.warnings:
            text += f", {len(self.warnings)} damaged (kept what decoded)"
        return text + (" (cancelled)" if self.cancelled else "")


def import_paths(
    project: Project,
    paths: Iterable[str | os.PathLike],
    role: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    stream: int | None = None,
    decode_progress: DecodeProgress | None = None,
    unknown_role: str | None = None,
    labels_from_folders: bool = False,
    label: str | None = None,
    label_level: int = 1,
) -> ImportReport:
    """Import files and folders (recursively). `role` None reads it from folder names;
    `unknown_role` is the role of files whose folders name none (None: "clean"; SKIP_ROLE:
    they are skipped), the answer the window asks for.

    progress(done, total, path) is called after each file; should_cancel() is checked
    between files and between the blocks of a decode, and a cancelled import keeps what
    it already added. `stream` picks the audio stream of files that hold several (None:
    the first; naming a file already imported switches it to that stream).
    decode_progress(path, done, total) follows the decode of each file FFmpeg reads.

    `labels_from_folders`: `paths` are roots of class folders; each file's class is the top
    folder under the root (import_scan.label_from_folders), files lying directly in a root
    are skipped, and folder names no longer give roles (a class may be called "noise");
    `label_level` picks a deeper folder (2: the one below the top, -1: the file's own);
    `label` puts every file in that one class instead. A file already in the project
    without a class gets the one asked for; one with a class keeps it.
    """
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    if unknown_role is not None and unknown_role not in (*ROLES, SKIP_ROLE):
        raise ValueError(f"unknown role {unknown_role!r} for files no folder names")
    report = ImportReport()
    candidates = list(collect_files(paths))
    labelling = labels_from_folders or label is not None
    if labelling:
        label = None if label is None else clean_label(label)
        # New recordings get their split in this order (core.dataset.label_splits).
        candidates.sort(key=lambda c: (assignment_order(recording_key(c.path)), str(c.path)))
    total = len(candidates)
    seen_paths: set[str] = set()
    lock = _project_lock(project)
    for done, cand in enumerate(candidates, start=1):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if labelling:
            role_here = role or "clean"
            label_here = label or label_from_folders(cand.path, cand.base, label_level)
        else:
            role_here = role or role_from_folders(cand.path, cand.base) or unknown_role or "clean"
            label_here = None
        if cand.skip is not None:
            report.skipped.append((str(cand.path), cand.skip))
        elif cand.problem is None and labelling and label_here is None:
            report.skipped.append((str(cand.path), words.no_class_folder(cand.base)))
        elif role_here == SKIP_ROLE and cand.problem is None:
            report.skipped.append((str(cand.path), words.no_role()))
        else:
            job = _Job(project, role_here, stream, lock, report, decode_progress, should_cancel)
            job.label = label_here
            _import_one(job, cand.path, cand.problem, seen_paths)
        if progress is not None:
            progress(done, total, str(cand.path))
    log.info("import into %s: %s", project.root, report.summary())
    return report


@dataclass
class _Job:
    """What every file of one import shares."""

    project: Project
    role: str
    stream: int | None
    lock: threading.Lock
    report: ImportReport
    decode_progress: DecodeProgress | None
    should_cancel: ShouldCancel | None
    label: str | None = None  # the class of the classify task each new file gets


def _import_one(job: _Job, path: Path, problem: str | None, seen_paths: set[str]) -> None:
    project, report = job.project, job.report
    # Sources are keyed by their resolved path, so a file reached through two links or
    # named twice is one source.
    try:
        key = str(path.resolve(strict=False))
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        key = str(path)
    if not _utf8(key):
        # Bytes that are no UTF-8 (a name from an old Windows or Mac disk) cannot go into
        # the index, nor through libsndfile: refuse this one file, shown with escapes.
        _reject(project, report, Path(printable_path(key)), words.not_utf8())
        return
    if problem is None and key in seen_paths:
        report.skipped.append((str(path), words.named_twice()))
        return
    seen_paths.add(key)
    existing = project.source_by_path(key) if problem is None else None
    if existing is not None:
        if job.label is not None and label_source(project, existing["id"], job.label):
            report.notes.append((str(path), words.now_in_class(job.label)))
            return
        if job.stream is not None and existing["decoded"] and existing["stream"] != job.stream:
            _switch_stream(job, path, existing)
        else:
            report.skipped.append((str(path), _already_there(project, key)))
        return
    checked = _inspect_and_hash(path, key, job.stream, problem)
    if isinstance(checked, str):
        _reject(project, report, path, checked)
        return
    info, digest = checked
    with job.lock:
        twin = _twin_or_there(job, path, key, digest)
    if twin:
        return
    decoded = None
    if info.decoder == "ffmpeg":
        # Outside the lock: a long decode must not hold up the other imports' checks.
        decoded = _decode(job, path, key, digest, job.stream or 0)
        if decoded is None:
            return
    with job.lock:
        if _twin_or_there(job, path, key, digest):  # another thread got there meanwhile
            return
        try:
            clip = project.add_source(info, digest, job.role, decoded, job.label)
        except sqlite3.IntegrityError:  # another process added it between check and insert
            report.skipped.append((str(path), words.already_there()))
            return
    report.added.append(clip)
    if decoded is not None:
        _note_streams(job, path, key, decoded)


def _inspect_and_hash(
    path: Path, key: str, stream: int | None, problem: str | None
) -> tuple[AudioInfo, str] | str:
    """The file's checked info and content hash, taken from the same bytes: a file cut
    short or rewritten between the check and the hash (a copy still running) is checked
    again, and refused if it keeps changing. Returns the reason when it cannot be used."""
    for _attempt in range(2):
        if problem is not None:
            return problem
        before = _signature(key)
        problem, info = inspect_file(path, stream)
        if problem is not None or info is None:
            return problem or "unreadable"
        try:
            digest = content_hash(key)
        except OSError as exc:  # gone or unreadable since the check
            return _reason(exc)
        if _signature(key) == before:
            return replace(info, path=key), digest
        log.info("%s changed while it was checked; checking it again", path)
    return "changed while it was imported (still being written?); add it again once complete"


def _signature(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def printable_path(path: str) -> str:
    """`path` as it can be shown and stored: bytes that are not UTF-8 as `\\xe9` escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, AudioReadError) else words.unreadable(exc)


def _reject(project: Project, report: ImportReport, path: Path, reason: str) -> None:
    add_reject(project, str(path), reason)
    report.rejected.append((str(path), reason))


def _twin_or_there(job: _Job, path: Path, key: str, digest: str) -> bool:
    """Handle a file already in the project by path or content; True when it was."""
    project, report = job.project, job.report
    if project.source_by_path(key) is not None:
        report.skipped.append((str(path), _already_there(project, key)))
        return True
    twin = project.source_by_hash(digest)
    if twin is not None and not os.path.exists(twin["path"]):
        relink_source(project, twin["id"], key)
        report.relinked.append((str(path), twin["path"]))
        return True
    if twin is not None:
        _reject(project, report, path, words.duplicate_of(twin["path"]))
        return True
    return False


def _decode(
    job: _Job, path: Path, key: str, digest: str, stream: int
) -> decoded_cache.Decoded | None:
    """The project's decoded copy of a new source (made now, or found from before);
    None when it was rejected or the import cancelled."""
    progress = None
    if job.decode_progress is not None:
        progress = lambda done, total: job.decode_progress(str(path), done, total)  # noqa: E731
    try:
        decoded = decoded_cache.build(
            key, job.project.cache_dir, digest, stream, progress, job.should_cancel
        )
    except decoded_cache.DecodeCancelled:
        job.report.cancelled = True
        return None
    except (AudioReadError, OSError) as exc:
        _reject(job.project, job.report, path, _reason(exc))
        return None
    if decoded.peak == 0.0:
        _reject(job.project, job.report, path, "digital silence (every sample is zero)")
        return None
    if decoded.damage:
        job.report.warnings.append((str(path), decoded.damage))
    return decoded


def _note_streams(job: _Job, path: Path, key: str, decoded: decoded_cache.Decoded) -> None:
    """Say which audio stream a file gave and what else it holds."""
    from core.audio import media_probe

    try:
        media = media_probe.probe(key)
    except AudioReadError:
        return
    used = media.audio[decoded.stream]
    parts = []
    if media.is_video:
        parts.append(words.video_stream(decoded.stream, used.describe()))
    if len(media.audio) > 1:
        others = "; ".join(f"{s.index}: {s.describe()}" for s in media.audio if s is not used)
        if not media.is_video:
            parts.append(words.imported_stream(decoded.stream, used.describe()))
        parts.append(words.other_streams(len(media.audio), others))
    if parts:
        job.report.notes.append((str(path), joined(parts)))


def _switch_stream(job: _Job, path: Path, row: dict) -> None:
    """`--stream N` on a file already imported: decode that stream and use it."""
    project, report = job.project, job.report
    key = row["path"]
    try:
        if content_hash(key) != row["hash"]:
            report.skipped.append((str(path), words.already_there(words.changed_reimport())))
            return
    except OSError as exc:
        report.skipped.append((str(path), words.already_there(_reason(exc))))
        return
    decoded = _decode(job, path, key, row["hash"], job.stream or 0)
    if decoded is None:
        return
    project.set_source_stream(row["id"], decoded)
    report.notes.append((str(path), words.now_uses_stream(decoded.stream)))


def _already_there(project: Project, key: str) -> str:
    row = project.source_by_path(key)
    if row is None:
        return words.already_there()
    try:
        st = os.stat(key)
    except OSError:
        return words.already_there()
    if st.st_size != row["size"] or abs(st.st_mtime - row["mtime"]) > 1e-3:
        return words.already_there(words.changed_on_disk())
    return words.already_there()
