"""Labels of the classify task: which class each clip belongs to, and its split.

A project imported from a root of class folders stores each clip's label in the index (the
name of the top folder under the root, editable). A class is one row of `labels`, so a rename
is one update, a merge moves clips, and excluding a class keeps its clips (they give
`labelled_clips` nothing until it is included again).

Splits for this task are made by source recording and stratified per class (see
`core.dataset.label_splits`): all files cut from one recording share a split, every class
with four recordings or more has train and validation, and a split, once given, never moves
when files are added, renamed, merged or relabelled.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.dataset.label_splits import recording_key, split_for_new_recording

if TYPE_CHECKING:
    import sqlite3

    from core.dataset.project import Project


class LabelError(ValueError):
    """A label operation the index refuses (an unknown class, a name already taken, ...)."""


@dataclass(frozen=True)
class LabelledClip:
    """One clip the classify task trains or tests on."""

    clip_id: int
    label: str  # the class name, as the index stores it (after renames and merges)
    source: str  # the recording it comes from: clips of one source share a split
    split: str  # "train", "val" or "test"


@dataclass(frozen=True)
class ClassInfo:
    """One class of the project, with what it holds."""

    name: str
    excluded: bool
    clips: int
    recordings: int  # distinct source recordings among its clips


def clean_label(name: str) -> str:
    """A class name as the index keeps it: Unicode NFC (macOS spells folder names
    decomposed; the same name from two disks must be one class), outer spaces removed."""
    text = unicodedata.normalize("NFC", str(name)).strip()
    if not text:
        raise LabelError("a class name cannot be empty")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise LabelError(f"{text!r}: a class name cannot hold control characters")
    return text


# -- reading -------------------------------------------------------------------------------


def labelled_clips(project: Project) -> list[LabelledClip]:
    """Every clip with a class that is not excluded, by class name then clip id."""
    rows = (
        project.connection()
        .execute(
            "SELECT c.id, l.name, s.recording, s.path, c.split FROM clips c"
            " JOIN labels l ON l.id = c.label_id JOIN sources s ON s.id = c.source_id"
            " WHERE l.excluded = 0 ORDER BY l.name, c.id"
        )
        .fetchall()
    )
    return [LabelledClip(r[0], r[1], r[2] or recording_key(r[3]), r[4]) for r in rows]


def classes(project: Project) -> list[ClassInfo]:
    """Every class holding clips (excluded ones too), by name."""
    rows = (
        project.connection()
        .execute(
            "SELECT l.name, l.excluded, COUNT(c.id), COUNT(DISTINCT s.recording)"
            " FROM labels l JOIN clips c ON c.label_id = l.id JOIN sources s ON s.id = c.source_id"
            " GROUP BY l.id ORDER BY l.name"
        )
        .fetchall()
    )
    return [ClassInfo(r[0], bool(r[1]), r[2], r[3]) for r in rows]


def has_labels(project: Project) -> bool:
    row = project.connection().execute("SELECT 1 FROM clips WHERE label_id IS NOT NULL LIMIT 1")
    return row.fetchone() is not None


def project_task(project: Project) -> str:
    """The task a project's clips are for, when none is asked for: "classify" when they
    are labelled (a root of class folders), "paired" when it has input/target pairs, else
    "denoise"."""
    if has_labels(project):
        return "classify"
    return "paired" if project.pairs() else "denoise"


def clip_label(project: Project, clip_id: int) -> str | None:
    row = (
        project.connection()
        .execute(
            "SELECT l.name FROM clips c JOIN labels l ON l.id = c.label_id WHERE c.id = ?",
            (clip_id,),
        )
        .fetchone()
    )
    return row[0] if row else None


# -- writing -------------------------------------------------------------------------------


def set_label(project: Project, clip_id: int, label: str | None) -> None:
    """Put a clip in class `label` (created if new), or take its class away (None).

    A clip that had a class keeps its split when it moves to another; a clip labelled for
    the first time joins its recording's split, or gets one by the stratified rule."""
    conn = project.connection()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT id FROM clips WHERE id = ?", (clip_id,)).fetchone()
        if row is None:
            raise LabelError(f"no clip with id {clip_id}")
        if label is None:
            conn.execute("UPDATE clips SET label_id = NULL WHERE id = ?", (clip_id,))
        else:
            label_clip(conn, clip_id, label)
        _drop_empty(conn)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise


def label_source(project: Project, source_id: int, label: str) -> int:
    """Give the clips of a source that have no class the class `label` (a file imported
    before without one, now imported from a class folder). Returns how many."""
    conn = project.connection()
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute(
            "SELECT id FROM clips WHERE source_id = ? AND label_id IS NULL", (source_id,)
        ).fetchall()
        for (clip_id,) in rows:
            label_clip(conn, clip_id, label)
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return len(rows)


def label_clip(conn: sqlite3.Connection, clip_id: int, label: str) -> None:
    """Give one clip a class inside the caller's transaction (the importer labels a new
    source in the transaction that adds it, so no clip is left half labelled)."""
    label_id = _label_id(conn, clean_label(label))
    row = conn.execute(
        "SELECT c.label_id, c.split, s.id, s.path, s.recording FROM clips c"
        " JOIN sources s ON s.id = c.source_id WHERE c.id = ?",
        (clip_id,),
    ).fetchone()
    old_label, split, source_id, path, recording = row
    if not recording:  # a source from before labels (schema 4), or never labelled
        recording = recording_key(path)
        conn.execute("UPDATE sources SET recording = ? WHERE id = ?", (recording, source_id))
    if old_label is None:
        split = _recording_split(conn, recording, clip_id) or _new_split(conn, label_id)
    conn.execute(
        "UPDATE clips SET label_id = ?, split = ? WHERE id = ?", (label_id, split, clip_id)
    )


def rename_class(project: Project, old: str, new: str) -> None:
    """Rename a class; every clip in it follows. A name another class has is refused (merge
    them instead)."""
    old, new = clean_label(old), clean_label(new)
    conn = project.connection()
    old_id = _existing_id(conn, old)
    if old == new:
        return
    taken = conn.execute("SELECT id FROM labels WHERE name = ?", (new,)).fetchone()
    if taken is not None and _clip_count(conn, taken[0]) == 0:
        # A class whose clips were all removed (or relabelled) is no name to defend.
        conn.execute("DELETE FROM labels WHERE id = ?", (taken[0],))
    elif taken is not None:
        raise LabelError(f"a class named {new!r} exists already: merge {old!r} into it instead")
    conn.execute("UPDATE labels SET name = ? WHERE id = ?", (new, old_id))


def merge_classes(project: Project, names: Iterable[str], into: str) -> int:
    """Move the clips of classes `names` into class `into` (created if new; it keeps its own
    excluded flag) and drop the emptied classes. Splits do not move. Returns the clips moved."""
    into = clean_label(into)
    conn = project.connection()
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = [_existing_id(conn, clean_label(n)) for n in names]
        target = _label_id(conn, into)
        moving = [i for i in ids if i != target]
        moved = 0
        for label_id in moving:
            cur = conn.execute(
                "UPDATE clips SET label_id = ? WHERE label_id = ?", (target, label_id)
            )
            moved += cur.rowcount
            conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return moved


def set_excluded(project: Project, name: str, excluded: bool = True) -> None:
    """Leave a class out of the classify task (its clips stay labelled), or take it back."""
    conn = project.connection()
    label_id = _existing_id(conn, clean_label(name))
    conn.execute("UPDATE labels SET excluded = ? WHERE id = ?", (int(excluded), label_id))


# -- inside ---------------------------------------------------------------------------------


def _label_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM labels WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    cur = conn.execute("INSERT INTO labels(name, created_at) VALUES (?, ?)", (name, time.time()))
    return int(cur.lastrowid)


def _existing_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM labels WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = [r[0] for r in conn.execute("SELECT name FROM labels ORDER BY name LIMIT 8")]
        hint = f" (classes: {', '.join(known)}…)" if known else " (the project has no classes)"
        raise LabelError(f"no class named {name!r}{hint}")
    return int(row[0])


def _clip_count(conn: sqlite3.Connection, label_id: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM clips WHERE label_id = ?", (label_id,)).fetchone()[0]


def _recording_split(conn: sqlite3.Connection, recording: str, clip_id: int) -> str | None:
    """The split other labelled clips of this recording are in, if any."""
    row = conn.execute(
        "SELECT c.split FROM clips c JOIN sources s ON s.id = c.source_id"
        " WHERE s.recording = ? AND c.label_id IS NOT NULL AND c.id != ? LIMIT 1",
        (recording, clip_id),
    ).fetchone()
    return row[0] if row else None


def _new_split(conn: sqlite3.Connection, label_id: int) -> str:
    counts = dict(
        conn.execute(
            "SELECT c.split, COUNT(DISTINCT s.recording) FROM clips c"
            " JOIN sources s ON s.id = c.source_id WHERE c.label_id = ? GROUP BY c.split",
            (label_id,),
        ).fetchall()
    )
    return split_for_new_recording(counts)


def _drop_empty(conn: sqlite3.Connection) -> None:
    """Forget classes no clip is in any more, unless excluded (the user's choice stays)."""
    conn.execute(
        "DELETE FROM labels WHERE excluded = 0 AND id NOT IN"
        " (SELECT label_id FROM clips WHERE label_id IS NOT NULL)"
    )
