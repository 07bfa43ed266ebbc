"""Which files an import looks at, and what each is for.

`collect_files` walks what the user named into candidates (skipping hidden files and
Wavesmith project folders, ending symlink loops); `guess_role` reads a file's role from
the folder names above it. Nothing here opens a file's content.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.audio.formats import AUDIO_EXTENSIONS
from core.dataset import import_words as words
from core.dataset.project import INDEX_NAME

# Folder names that say what a file is for (compared lower-case, whole path components).
NOISE_FOLDERS = frozenset({"noise", "noises", "background", "backgrounds", "nz", "ambience"})
INPUT_FOLDERS = frozenset({"input", "inputs", "raw", "noisy", "dry", "unmixed"})
TARGET_FOLDERS = frozenset({"target", "targets", "mixed", "mix", "wet", "processed"})
CLEAN_FOLDERS = frozenset({"clean", "speech", "voice", "voices", "vocals", "dialogue"})
SKIP_ROLE = "skip"  # the answer "do not import them" for files whose folders name no role


def guess_role(path: str | os.PathLike, base: str | os.PathLike | None = None) -> str:
    """Role from the folder names between `base` and the file (nearest folder wins);
    "clean" when none is recognised (see `role_from_folders`)."""
    return role_from_folders(path, base) or "clean"


def role_from_folders(path: str | os.PathLike, base: str | os.PathLike | None = None) -> str | None:
    """Role from the folder names between `base` and the file (nearest folder wins), None
    when no folder name says it.

    noise/noises/background/nz → "noise"; input/raw/noisy → "input";
    target/mixed → "target"; clean/speech/voice → "clean"; folders with other names are
    passed over. "clean" means clean speech, not a paired target: pairing sets
    input/target explicitly.
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
    return None


def label_from_folders(
    path: str | os.PathLike, base: str | os.PathLike, level: int = 1
) -> str | None:
    """The class a file's folders give it in a root of class folders: the top folder under
    the root the user named (`base`), however deep the file lies below it, so a class may
    keep its files in sub-folders (per site, per session). `level` 2 takes the folder
    below that one (a tree of order/species), -1 the folder holding the file (the leaf of
    a taxonomy). A file named on its own takes its folder's name; a file with no folder at
    that level (one lying directly in the root) has none (None)."""
    p, root = Path(path), Path(base)
    if p == root:
        return p.parent.name or None
    try:
        folders = p.relative_to(root).parts[:-1]
    except ValueError:
        return None
    if level == -1:
        return folders[-1] if folders else None
    return folders[level - 1] if 1 <= level <= len(folders) else None


def without_role(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files an import of `paths` would add whose folders name no role (walked as
    `collect_files` walks; no file is opened)."""
    return [
        c.path
        for c in collect_files(paths)
        if c.problem is None and c.skip is None and role_from_folders(c.path, c.base) is None
    ]


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
                yield Candidate(Path(folder), base, skip=words.project_folder())
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                    # A folder called take.wav would otherwise vanish without a word.
                    yield Candidate(Path(folder) / name, base, problem=words.folder_not_file())
            for name in sorted(files):
                if name.startswith("."):
                    continue
                if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                    yield Candidate(Path(folder) / name, base)
        for err in errors:
            why = err.strerror or str(err)
            yield Candidate(Path(err.filename or base), base, problem=words.unreadable_folder(why))
