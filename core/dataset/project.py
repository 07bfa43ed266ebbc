"""A Wavesmith project: a folder holding the index (project.sqlite), caches and runs.

The project only ever reads the user's source audio; everything it writes lives under
its own folder. The records it hands out (Clip, Pair) are core.dataset.clips; what the index
keeps beside them has its own module over `Project.connection()`: stored measurements
(analysis_cache), the sources' health and relinking (source_health), refused files (rejects).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from core.audio.decoded_cache import Decoded
from core.audio.io import AudioInfo
from core.dataset import db, labels
from core.dataset.clips import CLIP_SELECT, Clip, Pair, clip_from_row, split_for_key
from core.messages import QT_TRANSLATE_NOOP, Message, message_of

ROLES = ("clean", "noise", "input", "target")
INDEX_NAME = "project.sqlite"


class ProjectError(Exception):
    """A project that cannot be made or opened; raised with a core.messages.Message."""


def _say(template: str, **args) -> Message:
    return Message("ProjectErrors", template, **args)


def _migrate_or_explain(index: Path, conns: db.ConnectionPerThread) -> None:
    """Bring the index up to this version's schema, or ProjectError saying why it cannot
    (busy, read-only, newer than this app, damaged), its connections closed."""
    try:
        db.migrate(conns.get())
    except (db.DatabaseBusyError, db.ReadOnlyIndexError, db.SchemaTooNewError) as exc:
        conns.close_all()  # a busy or read-only index's message says where already
        if isinstance(exc, sqlite3.Error):  # its message says where already
            raise ProjectError(message_of(exc)) from exc
        raise ProjectError(_say(QT_TRANSLATE_NOOP("ProjectErrors", "{index}: {error}"),
                                index=index, error=message_of(exc))) from exc  # fmt: skip
    except sqlite3.DatabaseError as exc:  # "file is not a database", a damaged page...
        conns.close_all()
        raise ProjectError(
            _say(
                QT_TRANSLATE_NOOP(
                    "ProjectErrors",
                    "{index}: not a readable project index ({error}); restore it from a "
                    "backup, or create a new project and import the audio again",
                ),
                index=index,
                error=str(exc),  # SQLite's own words
            )
        ) from exc


class Project:
    """Open with Project.create(dir) or Project.open(dir)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._conns = db.ConnectionPerThread(self.root / INDEX_NAME)
        _migrate_or_explain(self.root / INDEX_NAME, self._conns)

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def create(cls, root: str | os.PathLike) -> Project:
        path = Path(root)
        if (path / INDEX_NAME).exists():
            raise ProjectError(_say(QT_TRANSLATE_NOOP("ProjectErrors", "{path}: a Wavesmith project already exists here"), path=path))  # fmt: skip
        if path.exists() and not path.is_dir():
            raise ProjectError(_say(QT_TRANSLATE_NOOP("ProjectErrors", "{path}: exists and is not a folder"), path=path))  # fmt: skip
        path.mkdir(parents=True, exist_ok=True)
        project = cls(path)
        project.set_meta("created_at", str(time.time()))
        return project

    @classmethod
    def open(cls, root: str | os.PathLike) -> Project:
        path = Path(root)
        if not (path / INDEX_NAME).is_file():
            raise ProjectError(_say(QT_TRANSLATE_NOOP("ProjectErrors", "{path}: not a Wavesmith project (no {index})"),
                                    path=path, index=INDEX_NAME))  # fmt: skip
        if problem := db.index_problem(path / INDEX_NAME):
            raise ProjectError(_say(QT_TRANSLATE_NOOP("ProjectErrors", "{index}: not a project index: it {problem}"),
                                    index=path / INDEX_NAME, problem=problem))  # fmt: skip
        return cls(path)

    def close(self) -> None:
        self._conns.close_all()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the index (core.dataset.db.ConnectionPerThread)."""
        return self._conns.get()

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    # -- meta --------------------------------------------------------------------------
    def set_meta(self, key: str, value: str) -> None:
        self.connection().execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    # -- sources and clips -------------------------------------------------------------
    def source_by_path(self, path: str) -> dict | None:
        row = self.connection().execute("SELECT * FROM sources WHERE path = ?", (path,)).fetchone()
        return dict(row) if row else None

    def source_by_hash(self, content_hash: str) -> dict | None:
        row = (
            self.connection()
            .execute("SELECT * FROM sources WHERE hash = ? ORDER BY id LIMIT 1", (content_hash,))
            .fetchone()
        )
        return dict(row) if row else None

    def add_source(
        self,
        info: AudioInfo,
        content_hash: str,
        role: str,
        decoded: Decoded | None = None,
        label: str | None = None,
    ) -> Clip:
        """Record a probed file and give it one clip with the chosen role.

        `decoded` is the copy in the project cache of a source FFmpeg decoded; its exact
        length, rate and channels replace the container's estimates. `label`: its class
        (core.dataset.labels), given in the same transaction."""
        if role not in ROLES:
            raise ProjectError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
        sample_rate, channels, frames = info.sample_rate, info.channels, info.frames
        stream, decoded_name, note = 0, "", ""
        if decoded is not None:
            sample_rate, channels, frames = decoded.sample_rate, decoded.channels, decoded.frames
            stream, decoded_name, note = decoded.stream, decoded.name, decoded.damage or ""
        st = os.stat(info.path)
        now = time.time()
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO sources(path, hash, size, mtime, sample_rate, channels, frames,"
                " format, subtype, added_at, stream, decoded, note)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    info.path,
                    content_hash,
                    st.st_size,
                    st.st_mtime,
                    sample_rate,
                    channels,
                    frames,
                    info.format,
                    info.subtype,
                    now,
                    stream,
                    decoded_name,
                    note,
                ),
            )
            source_id = cur.lastrowid
            clip_id = self._insert_clip(source_id, Path(info.path).stem, role, content_hash, now)
            if label is not None:
                labels.label_clip(conn, clip_id, label)
            conn.execute("DELETE FROM rejects WHERE path = ?", (info.path,))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return self.clip(clip_id)

    def _insert_clip(
        self, source_id: int, name: str, role: str, split_key: str, now: float, edits=None
    ) -> int:
        cur = self.connection().execute(
            "INSERT INTO clips(source_id, name, role, split, split_key, edits, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (
                source_id,
                name,
                role,
                split_for_key(split_key),
                split_key,
                json.dumps(edits or []),
                now,
            ),
        )
        return int(cur.lastrowid)

    def add_clip_from(self, clip_id: int, name: str, edits: list) -> Clip:
        """A second clip of the same source (used by "split at cursor"); same split and
        class as its parent, so the halves never straddle train and val."""
        parent = self.clip(clip_id)
        conn = self.connection()
        key, label_id = conn.execute(
            "SELECT split_key, label_id FROM clips WHERE id = ?", (clip_id,)
        ).fetchone()
        new_id = self._insert_clip(parent.source_id, name, parent.role, key, time.time(), edits)
        conn.execute(
            "UPDATE clips SET split = ?, label_id = ? WHERE id = ?",
            (parent.split, label_id, new_id),
        )
        return self.clip(new_id)

    def clip(self, clip_id: int) -> Clip:
        row = self.connection().execute(CLIP_SELECT + " WHERE c.id = ?", (clip_id,)).fetchone()
        if row is None:
            raise ProjectError(f"no clip with id {clip_id}")
        return clip_from_row(row, self.cache_dir)

    def clips(self, role: str | None = None, split: str | None = None) -> list[Clip]:
        where, args = [], []
        if role is not None:
            where.append("c.role = ?")
            args.append(role)
        if split is not None:
            where.append("c.split = ?")
            args.append(split)
        sql = CLIP_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.connection().execute(sql + " ORDER BY c.id", args).fetchall()
        return [clip_from_row(r, self.cache_dir) for r in rows]

    def set_role(self, clip_id: int, role: str) -> None:
        if role not in ROLES:
            raise ProjectError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
        self.connection().execute("UPDATE clips SET role = ? WHERE id = ?", (role, clip_id))

    def set_edits(self, clip_id: int, edits: list, history: dict | None = None) -> None:
        """Store the edit list (and optionally the undo history) of a clip."""
        if history is None:
            self.connection().execute(
                "UPDATE clips SET edits = ? WHERE id = ?", (json.dumps(edits), clip_id)
            )
        else:
            self.connection().execute(
                "UPDATE clips SET edits = ?, history = ? WHERE id = ?",
                (json.dumps(edits), json.dumps(history), clip_id),
            )

    def remove_clip(self, clip_id: int) -> None:
        """Forget a clip (and its source once no clip uses it). The file on disk is untouched."""
        conn = self.connection()
        row = conn.execute("SELECT source_id FROM clips WHERE id = ?", (clip_id,)).fetchone()
        if row is None:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM clips WHERE id = ?", (clip_id,))
            left = conn.execute(
                "SELECT COUNT(*) FROM clips WHERE source_id = ?", (row[0],)
            ).fetchone()[0]
            if left == 0:
                conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise

    def set_source_stream(self, source_id: int, decoded: Decoded) -> None:
        """Use another audio stream of a source (decoded into the cache already). The clips
        keep their edit lists, which apply to the new stream's timeline."""
        d = decoded
        self.connection().execute(
            "UPDATE sources SET stream = ?, decoded = ?, note = ?, sample_rate = ?,"
            " channels = ?, frames = ? WHERE id = ?",
            (d.stream, d.name, d.damage or "", d.sample_rate, d.channels, d.frames, source_id),
        )

    # -- pairs -------------------------------------------------------------------------
    def add_pair(
        self,
        input_clip: int,
        target_clip: int,
        offset: int,
        length_diff: int,
        confidence: float,
    ) -> int:
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "DELETE FROM pairs WHERE input_clip IN (?, ?) OR target_clip IN (?, ?)",
                (input_clip, target_clip, input_clip, target_clip),
            )
            cur = conn.execute(
                "INSERT INTO pairs(input_clip, target_clip, offset, length_diff, confidence)"
                " VALUES (?,?,?,?,?)",
                (input_clip, target_clip, int(offset), int(length_diff), float(confidence)),
            )
            # Both sides of a pair must land in the same split, decided by the input.
            split = conn.execute("SELECT split FROM clips WHERE id = ?", (input_clip,)).fetchone()
            conn.execute("UPDATE clips SET split = ? WHERE id = ?", (split[0], target_clip))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return int(cur.lastrowid)

    def pairs(self, split: str | None = None) -> list[Pair]:
        rows = (
            self.connection()
            .execute(
                "SELECT id, input_clip, target_clip, offset, length_diff, confidence FROM pairs"
                " ORDER BY id"
            )
            .fetchall()
        )
        out = []
        for r in rows:
            inp = self.clip(r["input_clip"])
            if split is not None and inp.split != split:
                continue
            out.append(
                Pair(
                    id=r["id"],
                    input=inp,
                    target=self.clip(r["target_clip"]),
                    offset=r["offset"],
                    length_diff=r["length_diff"],
                    confidence=r["confidence"],
                )
            )
        return out
