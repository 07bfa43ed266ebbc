"""A Wavesmith project: a folder holding the index (project.sqlite), caches and runs.

The project only ever reads the user's source audio; everything it writes lives under
its own folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.audio.decoded_cache import FOLDER as DECODED_FOLDER
from core.audio.decoded_cache import Decoded
from core.audio.io import AudioInfo
from core.dataset import db

ROLES = ("clean", "noise", "input", "target")
INDEX_NAME = "project.sqlite"

# Fractions of train / val / test; val and test are taken from the top of the hash range.
DEFAULT_SPLIT = (0.8, 0.1, 0.1)


class ProjectError(Exception):
    pass


def split_for_key(key: str, fractions: tuple[float, float, float] = DEFAULT_SPLIT) -> str:
    """Deterministic split from a stable key: adding files never moves existing ones."""
    u = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64
    if u < fractions[0]:
        return "train"
    if u < fractions[0] + fractions[1]:
        return "val"
    return "test"


@dataclass(frozen=True)
class Clip:
    """One usable piece of audio: a source file, its role and split, and its edit list."""

    id: int
    source_id: int
    path: str
    name: str
    role: str
    split: str
    sample_rate: int
    channels: int
    frames: int
    hash: str
    edits: list = field(default_factory=list, compare=False)
    history: dict = field(default_factory=dict, compare=False)
    # Where the samples are read: the source itself (libsndfile reads it sample-exactly),
    # or the decoded copy in the project cache for what FFmpeg decodes. Read it through
    # core.audio.decoded_cache.samples_path, which rebuilds a deleted copy.
    audio_path: str = ""
    stream: int = 0  # the audio stream of the source (several in some videos)
    note: str = ""  # what a damaged source lost when it was decoded

    def __post_init__(self) -> None:
        if not self.audio_path:
            object.__setattr__(self, "audio_path", self.path)

    @property
    def duration(self) -> float:
        """Seconds in the source file (before edits)."""
        return self.frames / self.sample_rate

    @property
    def decoded(self) -> bool:
        """The samples come from a decoded copy, not from the source file."""
        return self.audio_path != self.path

    @property
    def audio_key(self) -> str:
        """Names this clip's source audio in caches (peaks, statistics, training): the
        content hash, plus the stream when it is not the first."""
        return self.hash if self.stream == 0 else f"{self.hash}_s{self.stream}"


@dataclass(frozen=True)
class Pair:
    id: int
    input: Clip
    target: Clip
    offset: int  # samples by which the target lags the input (negative: leads)
    length_diff: int  # target frames minus input frames
    confidence: float


@dataclass(frozen=True)
class SourceStatus:
    clip_id: int
    path: str
    state: str  # "ok", "missing", "changed"


class Project:
    """Open with Project.create(dir) or Project.open(dir)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._conns = db.ConnectionPerThread(self.root / INDEX_NAME)
        try:
            db.migrate(self._conn)
        except db.DatabaseBusyError as exc:  # another program holds the index locked
            self._conns.close_all()
            raise ProjectError(str(exc)) from exc
        except sqlite3.DatabaseError as exc:  # "file is not a database", a damaged page...
            self._conns.close_all()
            raise ProjectError(
                f"{self.root / INDEX_NAME}: not a readable project index ({exc}); restore it "
                "from a backup, or create a new project and import the audio again"
            ) from exc

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def create(cls, root: str | os.PathLike) -> Project:
        path = Path(root)
        if (path / INDEX_NAME).exists():
            raise ProjectError(f"{path}: a Wavesmith project already exists here")
        if path.exists() and not path.is_dir():
            raise ProjectError(f"{path}: exists and is not a folder")
        path.mkdir(parents=True, exist_ok=True)
        project = cls(path)
        project.set_meta("created_at", str(time.time()))
        return project

    @classmethod
    def open(cls, root: str | os.PathLike) -> Project:
        path = Path(root)
        if not (path / INDEX_NAME).is_file():
            raise ProjectError(f"{path}: not a Wavesmith project (no {INDEX_NAME})")
        return cls(path)

    def close(self) -> None:
        self._conns.close_all()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _conn(self):
        return self._conns.get()

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    # -- meta --------------------------------------------------------------------------
    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    # -- sources and clips -------------------------------------------------------------
    def source_by_path(self, path: str) -> dict | None:
        row = self._conn.execute("SELECT * FROM sources WHERE path = ?", (path,)).fetchone()
        return dict(row) if row else None

    def source_by_hash(self, content_hash: str) -> dict | None:
        row = self._conn.execute(
            "SELECT * FROM sources WHERE hash = ? ORDER BY id LIMIT 1", (content_hash,)
        ).fetchone()
        return dict(row) if row else None

    def add_source(
        self, info: AudioInfo, content_hash: str, role: str, decoded: Decoded | None = None
    ) -> Clip:
        """Record a probed file and give it one clip with the chosen role.

        `decoded` is the copy in the project cache of a source FFmpeg decoded; its exact
        length, rate and channels replace the container's estimates."""
        if role not in ROLES:
            raise ProjectError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
        sample_rate, channels, frames = info.sample_rate, info.channels, info.frames
        stream, decoded_name, note = 0, "", ""
        if decoded is not None:
            sample_rate, channels, frames = decoded.sample_rate, decoded.channels, decoded.frames
            stream, decoded_name, note = decoded.stream, decoded.name, decoded.damage or ""
        st = os.stat(info.path)
        now = time.time()
        conn = self._conn
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
            conn.execute("DELETE FROM rejects WHERE path = ?", (info.path,))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return self.clip(clip_id)

    def _insert_clip(
        self, source_id: int, name: str, role: str, split_key: str, now: float, edits=None
    ) -> int:
        cur = self._conn.execute(
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
        """A second clip of the same source (used by "split at cursor"); same split as its parent."""
        parent = self.clip(clip_id)
        new_id = self._insert_clip(
            parent.source_id, name, parent.role, self._split_key(clip_id), time.time(), edits
        )
        self._conn.execute(
            "UPDATE clips SET split = ? WHERE id = ?", (parent.split, new_id)
        )  # a split clip stays with its parent so halves never straddle train and val
        return self.clip(new_id)

    def _split_key(self, clip_id: int) -> str:
        row = self._conn.execute("SELECT split_key FROM clips WHERE id = ?", (clip_id,)).fetchone()
        return row[0]

    _CLIP_SELECT = (
        "SELECT c.id, c.source_id, s.path, c.name, c.role, c.split, s.sample_rate, s.channels,"
        " s.frames, s.hash, c.edits, c.history, s.stream, s.decoded, s.note"
        " FROM clips c JOIN sources s ON s.id = c.source_id"
    )

    def _clip_from_row(self, row) -> Clip:
        decoded = row["decoded"]
        return Clip(
            id=row["id"],
            source_id=row["source_id"],
            path=row["path"],
            name=row["name"],
            role=row["role"],
            split=row["split"],
            sample_rate=row["sample_rate"],
            channels=row["channels"],
            frames=row["frames"],
            hash=row["hash"],
            edits=json.loads(row["edits"]),
            history=json.loads(row["history"]),
            audio_path=str(self.cache_dir / DECODED_FOLDER / decoded) if decoded else "",
            stream=row["stream"],
            note=row["note"],
        )

    def clip(self, clip_id: int) -> Clip:
        row = self._conn.execute(self._CLIP_SELECT + " WHERE c.id = ?", (clip_id,)).fetchone()
        if row is None:
            raise ProjectError(f"no clip with id {clip_id}")
        return self._clip_from_row(row)

    def clips(self, role: str | None = None, split: str | None = None) -> list[Clip]:
        where, args = [], []
        if role is not None:
            where.append("c.role = ?")
            args.append(role)
        if split is not None:
            where.append("c.split = ?")
            args.append(split)
        sql = self._CLIP_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self._conn.execute(sql + " ORDER BY c.id", args).fetchall()
        return [self._clip_from_row(r) for r in rows]

    def set_role(self, clip_id: int, role: str) -> None:
        if role not in ROLES:
            raise ProjectError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
        self._conn.execute("UPDATE clips SET role = ? WHERE id = ?", (role, clip_id))

    def set_edits(self, clip_id: int, edits: list, history: dict | None = None) -> None:
        """Store the edit list (and optionally the undo history) of a clip."""
        if history is None:
            self._conn.execute(
                "UPDATE clips SET edits = ? WHERE id = ?", (json.dumps(edits), clip_id)
            )
        else:
            self._conn.execute(
                "UPDATE clips SET edits = ?, history = ? WHERE id = ?",
                (json.dumps(edits), json.dumps(history), clip_id),
            )

    def remove_clip(self, clip_id: int) -> None:
        """Forget a clip (and its source once no clip uses it). The file on disk is untouched."""
        conn = self._conn
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

    def source_status(self, clips: Iterable[Clip] | None = None) -> list[SourceStatus]:
        """Flag sources that went missing or changed (size or mtime) since import."""
        out = []
        for clip in self.clips() if clips is None else clips:
            row = self._conn.execute(
                "SELECT size, mtime FROM sources WHERE id = ?", (clip.source_id,)
            ).fetchone()
            try:
                st = os.stat(clip.path)
            except OSError:
                out.append(SourceStatus(clip.id, clip.path, "missing"))
                continue
            changed = st.st_size != row["size"] or abs(st.st_mtime - row["mtime"]) > 1e-3
            out.append(SourceStatus(clip.id, clip.path, "changed" if changed else "ok"))
        return out

    def relink_source(self, source_id: int, new_path: str) -> None:
        """Point a source at the file's new location (same content, moved by the user);
        its clips, edits and pairs stay as they are."""
        st = os.stat(new_path)
        self._conn.execute(
            "UPDATE sources SET path = ?, size = ?, mtime = ? WHERE id = ?",
            (new_path, st.st_size, st.st_mtime, source_id),
        )

    def set_source_stream(self, source_id: int, decoded: Decoded) -> None:
        """Use another audio stream of a source (decoded into the cache already). The clips
        keep their edit lists, which apply to the new stream's timeline."""
        self._conn.execute(
            "UPDATE sources SET stream = ?, decoded = ?, note = ?, sample_rate = ?,"
            " channels = ?, frames = ? WHERE id = ?",
            (
                decoded.stream,
                decoded.name,
                decoded.damage or "",
                decoded.sample_rate,
                decoded.channels,
                decoded.frames,
                source_id,
            ),
        )

    # -- rejects -----------------------------------------------------------------------
    def add_reject(self, path: str, reason: str) -> None:
        self._conn.execute(
            "INSERT INTO rejects(path, reason, at) VALUES (?,?,?) "
            "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            (path, reason, time.time()),
        )

    def rejects(self) -> list[tuple[str, str]]:
        rows = self._conn.execute("SELECT path, reason FROM rejects ORDER BY id").fetchall()
        return [(r[0], r[1]) for r in rows]

    # -- analysis cache ----------------------------------------------------------------
    def cached_analysis(self, key: str) -> dict | None:
        """A stored measurement (see core.dataset.stats), or None."""
        row = self._conn.execute("SELECT data FROM analysis WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def cached_analyses(self, keys: Iterable[str]) -> dict[str, dict]:
        """Many stored measurements in one query per 500 keys (SQLite's variable limit)."""
        keys = list(keys)
        out: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self._conn.execute(
                f"SELECT key, data FROM analysis WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            out.update({r[0]: json.loads(r[1]) for r in rows})
        return out

    def store_analysis(self, key: str, content_hash: str, data: dict) -> None:
        self._conn.execute(
            "INSERT INTO analysis(key, hash, data, created_at) VALUES (?,?,?,?) "
            "ON CONFLICT(key) DO UPDATE SET data = excluded.data, created_at = excluded.created_at",
            (key, content_hash, json.dumps(data), time.time()),
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
        conn = self._conn
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
        rows = self._conn.execute(
            "SELECT id, input_clip, target_clip, offset, length_diff, confidence FROM pairs"
            " ORDER BY id"
        ).fetchall()
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
