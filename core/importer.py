"""Import files and folders into a project, giving every unusable file a reason.

Each candidate goes through the same checks, cheapest first: a regular readable file,
not empty, a header libsndfile understands, a WAV whose header matches its size, then
one streaming decode (NaN/inf, decoder errors, fewer frames than declared, all zeros),
then the content hash against the project (duplicates). Only then is it recorded. A file
whose content matches a source that is no longer at its recorded path was moved: the
source is pointed at the new path (keeping its clips, edits and pairs) instead of being
called a duplicate.

The user's files are only ever opened for reading.

`import_paths` is safe to call from a worker thread: the project hands each thread its
own SQLite connection, and the check-then-insert of a file is serialised per project so
two imports running at once cannot both add the same content.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.audio_io import AudioReadError, content_hash, decode_check, probe, wav_truncation
from core.project import INDEX_NAME, ROLES, Clip, Project

log = logging.getLogger(__name__)

# Extensions tried when walking a folder. Containers libsndfile cannot decode are listed
# too, so a folder of .m4a files gets "unsupported format" rather than silence.
READABLE_EXTENSIONS = frozenset(
    {".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aif", ".aiff", ".aifc"}
    | {".au", ".snd", ".caf", ".w64", ".rf64", ".sd2", ".voc", ".wv", ".nist", ".sph"}
)
UNSUPPORTED_EXTENSIONS = frozenset({".m4a", ".aac", ".mp4", ".wma", ".ape", ".amr", ".ac3"})
AUDIO_EXTENSIONS = READABLE_EXTENSIONS | UNSUPPORTED_EXTENSIONS

# Folder names that say what a file is for (compared lower-case, whole path components).
NOISE_FOLDERS = frozenset({"noise", "noises", "background", "backgrounds", "nz", "ambience"})
INPUT_FOLDERS = frozenset({"input", "inputs", "raw", "noisy", "dry", "unmixed"})
TARGET_FOLDERS = frozenset({"target", "targets", "mixed", "mix", "wet", "processed"})
CLEAN_FOLDERS = frozenset({"clean", "speech", "voice", "voices", "vocals", "dialogue"})

Progress = Callable[[int, int, str], None]
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
    cancelled: bool = False

    def summary(self) -> str:
        text = (
            f"added {len(self.added)}, skipped {len(self.skipped)}, rejected {len(self.rejected)}"
        )
        if self.relinked:
            text += f", relinked {len(self.relinked)} moved"
        return text + (" (cancelled)" if self.cancelled else "")


def guess_role(path: str | os.PathLike, base: str | os.PathLike | None = None) -> str:
    """Role from the folder names between `base` and the file (nearest folder wins).

    noise/noises/background/nz → "noise"; input/raw/noisy → "input";
    target/mixed → "target"; clean/speech/voice → "clean"; folders with other names are
    passed over; nothing recognised → "clean". "clean" means clean speech, not a paired
    target: pairing sets input/target explicitly.
    """
    p = Path(path)
    parts = p.parent.parts
    if base is not None:
        try:
            parts = p.parent.relative_to(Path(base).parent).parts
        except ValueError:
            pass
    for part in reversed(parts):
        name = part.lower()
        if name in NOISE_FOLDERS:
            return "noise"
        if name in INPUT_FOLDERS:
            return "input"
        if name in TARGET_FOLDERS:
            return "target"
        if name in CLEAN_FOLDERS:
            return "clean"
    return "clean"


@dataclass(frozen=True)
class Candidate:
    path: Path
    base: Path  # the folder or file the user named (for role guessing)
    problem: str | None = None  # set: rejected with this reason without opening the file
    skip: str | None = None  # set: passed over with this note (not an error)


def collect_files(paths: Iterable[str | os.PathLike]) -> Iterator[Candidate]:
    """Every candidate under `paths`.

    Folders are walked recursively following symlinks, with each real folder visited
    once, so a symlink loop ends. Inside folders only audio extensions are candidates
    (a README.txt is not an import failure); hidden files and folders are ignored, and so
    are Wavesmith project folders (their renders and training samples are not sources).
    A file named explicitly is always a candidate. Unreadable folders and paths that do
    not exist come back with a `problem`.
    """
    for raw in paths:
        base = Path(raw).expanduser().absolute()
        if not base.exists() and not base.is_symlink():
            yield Candidate(base, base, problem="file not found")
            continue
        if not base.is_dir():
            yield Candidate(base, base)
            continue
        seen: set[tuple[int, int]] = set()
        errors: list[OSError] = []
        for folder, dirs, files in os.walk(base, followlinks=True, onerror=errors.append):
            try:
                st = os.stat(folder)
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                dirs[:] = []  # a symlink led back to a folder already walked
                continue
            seen.add(key)
            if INDEX_NAME in files:
                dirs[:] = []
                yield Candidate(Path(folder), base, skip="a Wavesmith project folder")
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                    # A folder called take.wav would otherwise vanish without a word.
                    yield Candidate(
                        Path(folder) / name,
                        base,
                        problem="a folder, not an audio file (its contents are searched "
                        "like any folder's)",
                    )
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                    yield Candidate(Path(folder) / name, base)
        for err in errors:
            why = err.strerror or str(err)
            yield Candidate(Path(err.filename or base), base, problem=f"unreadable folder ({why})")


def check_file(path: Path) -> str | None:
    """The reason `path` cannot be imported, checked cheapest first; None if it is usable.

    Decodes the whole file once, in blocks.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file not found (broken link?)" if path.is_symlink() else "file not found"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, pipe or socket)"
    if st.st_size == 0:
        return "zero-length file"
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_EXTENSIONS:
        return (
            f"unsupported format ({suffix} cannot be decoded; "
            "convert to WAV, FLAC, OGG or MP3 first)"
        )
    try:
        info = probe(path)
    except AudioReadError as exc:
        return exc.reason
    if info.format == "RAW":
        return "unsupported format (headerless raw PCM)"
    try:
        truncated = wav_truncation(path)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if truncated:
        return truncated
    try:
        check = decode_check(path)
    except AudioReadError as exc:
        return exc.reason
    if check.peak == 0.0:
        return "digital silence (every sample is zero)"
    return None


def import_paths(
    project: Project,
    paths: Iterable[str | os.PathLike],
    role: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportReport:
    """Import files and folders (recursively). `role` None guesses from folder names.

    progress(done, total, path) is called after each file; should_cancel() is checked
    between files, and a cancelled import keeps what it already added.
    """
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    report = ImportReport()
    candidates = list(collect_files(paths))
    total = len(candidates)
    seen_paths: set[str] = set()
    lock = _project_lock(project)
    for done, cand in enumerate(candidates, start=1):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if cand.skip is not None:
            report.skipped.append((str(cand.path), cand.skip))
        else:
            _import_one(project, cand.path, cand.base, cand.problem, role, seen_paths, lock, report)
        if progress is not None:
            progress(done, total, str(cand.path))
    log.info("import into %s: %s", project.root, report.summary())
    return report


def _import_one(
    project: Project,
    path: Path,
    base: Path,
    problem: str | None,
    role: str | None,
    seen_paths: set[str],
    lock: threading.Lock,
    report: ImportReport,
) -> None:
    # Sources are keyed by their resolved path, so a file reached through two links or
    # named twice is one source.
    try:
        key = str(path.resolve(strict=False))
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        key = str(path)
    if problem is None and key in seen_paths:
        report.skipped.append((str(path), "named twice in this import"))
        return
    seen_paths.add(key)
    if problem is None and project.source_by_path(key) is not None:
        report.skipped.append((str(path), _already_there(project, key)))
        return
    reason = problem or check_file(path)
    if reason is not None:
        project.add_reject(str(path), reason)
        report.rejected.append((str(path), reason))
        return
    try:
        info = probe(key)
        digest = content_hash(key)
    except (AudioReadError, OSError) as exc:  # changed under our feet since the check
        reason = exc.reason if isinstance(exc, AudioReadError) else f"unreadable ({exc})"
        project.add_reject(str(path), reason)
        report.rejected.append((str(path), reason))
        return
    with lock:
        if project.source_by_path(key) is not None:  # another thread got there first
            report.skipped.append((str(path), _already_there(project, key)))
            return
        twin = project.source_by_hash(digest)
        if twin is not None and not os.path.exists(twin["path"]):
            project.relink_source(twin["id"], key)
            report.relinked.append((str(path), twin["path"]))
            return
        if twin is not None:
            reason = f"duplicate of {twin['path']}"
            project.add_reject(str(path), reason)
            report.rejected.append((str(path), reason))
            return
        try:
            clip = project.add_source(info, digest, role or guess_role(path, base))
        except sqlite3.IntegrityError:  # another process added it between check and insert
            report.skipped.append((str(path), "already in the project"))
            return
    report.added.append(clip)


def _already_there(project: Project, key: str) -> str:
    row = project.source_by_path(key)
    if row is None:
        return "already in the project"
    try:
        st = os.stat(key)
    except OSError:
        return "already in the project"
    if st.st_size != row["size"] or abs(st.st_mtime - row["mtime"]) > 1e-3:
        return "already in the project (changed on disk since import)"
    return "already in the project"


def supported_extensions() -> list[str]:
    """Extensions a file dialog should offer."""
    return sorted(READABLE_EXTENSIONS)
