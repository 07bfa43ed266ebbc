"""The project index: a SQLite file with a versioned schema.

Each entry of MIGRATIONS moves the schema one version up; `PRAGMA user_version` records
where a file stands, so an older project opens in a newer app and is upgraded in place.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

from core.disk import DiskFullError, free_bytes
from core.messages import QT_TRANSLATE_NOOP, Message

# Seconds a write waits for another program's lock on the index before giving up with
# DatabaseBusyError. WAVESMITH_DB_BUSY_TIMEOUT overrides it (tests use a short wait).
DEFAULT_BUSY_TIMEOUT = 10.0


class DatabaseBusyError(sqlite3.OperationalError):
    """Another program holds the project index locked for longer than the busy timeout.

    A subclass of sqlite3.OperationalError, so existing handlers still catch it; the
    message names the project folder and says what to do."""


def busy_timeout() -> float:
    try:
        return float(os.environ.get("WAVESMITH_DB_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT


class ReadOnlyIndexError(sqlite3.OperationalError):
    """A write to a project on a read-only disk or folder; the message says so."""


def read_only_place(path: Path) -> bool:
    """The index's folder cannot be written (a read-only mount, or no permission)."""
    folder = Path(path).parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    return not os.access(folder, os.W_OK)


class _IndexConnection(sqlite3.Connection):
    """Turns SQLite's bare "database is locked" into an error naming the project."""

    timeout_s = DEFAULT_BUSY_TIMEOUT
    index_path = Path()

    def execute(self, *args, **kwargs):  # type: ignore[override]
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if "readonly" in text:
                raise ReadOnlyIndexError(
                    Message(
                        "ProjectErrors",
                        QT_TRANSLATE_NOOP(
                            "ProjectErrors",
                            "{folder}: the project is read-only (a read-only disk or folder): "
                            "commands that only read it work; copy the project somewhere writable "
                            "to change it",
                        ),
                        folder=self.index_path.parent,
                    )  # fmt: skip
                ) from exc
            if "disk is full" in text:
                folder = self.index_path.parent
                raise DiskFullError(folder, None, free_bytes(folder), "the project index") from exc
            if isinstance(exc, DatabaseBusyError) or not ("locked" in text or "busy" in text):
                raise
            raise DatabaseBusyError(
                Message(
                    "ProjectErrors",
                    QT_TRANSLATE_NOOP(
                        "ProjectErrors",
                        "{folder}: the project is locked by another program (waited {seconds:g} s "
                        "for {index}); close the other Wavesmith window or command using this "
                        "project, then try again",
                    ),
                    folder=self.index_path.parent,
                    seconds=self.timeout_s,
                    index=self.index_path.name,
                )  # fmt: skip
            ) from exc


MIGRATIONS: list[str] = [
    # 1: sources are files on disk; clips are what the dataset uses (a source may give several
    # clips after a split); pairs join an input clip to its target clip.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime REAL NOT NULL,
        sample_rate INTEGER NOT NULL,
        channels INTEGER NOT NULL,
        frames INTEGER NOT NULL,
        format TEXT NOT NULL,
        subtype TEXT NOT NULL,
        added_at REAL NOT NULL
    );
    CREATE INDEX sources_hash ON sources(hash);
    CREATE TABLE clips (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('clean', 'noise', 'input', 'target')),
        split TEXT NOT NULL CHECK (split IN ('train', 'val', 'test')),
        split_key TEXT NOT NULL,
        edits TEXT NOT NULL DEFAULT '[]',
        history TEXT NOT NULL DEFAULT '{}',
        created_at REAL NOT NULL
    );
    CREATE INDEX clips_source ON clips(source_id);
    CREATE TABLE pairs (
        id INTEGER PRIMARY KEY,
        input_clip INTEGER NOT NULL UNIQUE REFERENCES clips(id) ON DELETE CASCADE,
        target_clip INTEGER NOT NULL UNIQUE REFERENCES clips(id) ON DELETE CASCADE,
        offset INTEGER NOT NULL DEFAULT 0,
        length_diff INTEGER NOT NULL DEFAULT 0,
        confidence REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE rejects (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        reason TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE TABLE caches (
        key TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    """,
    # 2: per-clip measurements (levels, voiced seconds) keyed by content hash, edit list and
    # settings, so dataset statistics are fast the second time. `hash` lets a cleanup drop
    # the entries of sources that left the project.
    """
    CREATE TABLE analysis (
        key TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX analysis_hash ON analysis(hash);
    """,
    # 3: sources FFmpeg decodes (AAC, WebM, video soundtracks, G.722, ...). `stream` is the
    # audio stream used; `decoded` names the lossless copy in cache/decoded/ that every
    # reader uses instead of the source ('' : libsndfile reads the source itself); `note`
    # keeps what the decode lost on a damaged source.
    """
    ALTER TABLE sources ADD COLUMN stream INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sources ADD COLUMN decoded TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN note TEXT NOT NULL DEFAULT '';
    """,
    # 4: labels of the classify task (core.dataset.labels). A class is a row of `labels`
    # (renamed in one place, merged by moving its clips, excluded by a flag that keeps
    # them); a clip has at most one. `recording` groups the files cut from one recording
    # (filled when a source is labelled; '' before), so they share a split.
    """
    CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        excluded INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL
    );
    ALTER TABLE clips ADD COLUMN label_id INTEGER REFERENCES labels(id) ON DELETE SET NULL;
    CREATE INDEX clips_label ON clips(label_id);
    ALTER TABLE sources ADD COLUMN recording TEXT NOT NULL DEFAULT '';
    CREATE INDEX sources_recording ON sources(recording);
    """,
    # 5: a reject's reason as a core Message's parts too (JSON, core.messages.to_parts), so
    # the Dataset tab shows it in its reader's language; `reason` keeps the English.
    """
    ALTER TABLE rejects ADD COLUMN reason_parts TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(Exception):
    pass


def index_problem(path: Path) -> str | None:
    """Why an existing file cannot be a project index (empty, or another program's SQLite
    database, or one whose tables are gone), read without writing to it; None when it may
    be one (a damaged file is left to the first real query to report)."""
    if path.stat().st_size == 0:
        return Message("ProjectErrors", QT_TRANSLATE_NOOP("ProjectErrors",
            "is empty (0 bytes): its content was lost (a full disk, a copy cut short). Restore it "
            "from a backup, or create a new project and import the audio again"))  # fmt: skip
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    if "sources" not in names or "meta" not in names:
        return Message("ProjectErrors", QT_TRANSLATE_NOOP("ProjectErrors",
            "holds none of a project index's tables (another program's database?). Restore it "
            "from a backup, or create a new project and import the audio again"))  # fmt: skip
    return None


def connect(path: Path, timeout: float | None = None) -> sqlite3.Connection:
    """Open the index with the settings every connection needs."""
    timeout = busy_timeout() if timeout is None else timeout
    read_only = Path(path).exists() and read_only_place(path)
    target = _read_only_uri(Path(path)) if read_only else str(path)
    conn = sqlite3.connect(
        target, timeout=timeout, isolation_level=None, factory=_IndexConnection, uri=read_only
    )
    conn.timeout_s, conn.index_path = timeout, Path(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:  # WAL lets the GUI read while an import thread writes.
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return conn


_wal_copies: dict[tuple, Path] = {}
_wal_lock = threading.Lock()


def _read_only_uri(path: Path) -> str:
    """How an index on a read-only place is opened. Without a -wal beside it: immutable (no
    -shm, no journal to create). With one (a project copied while it was open), the file
    alone misses what the WAL holds, and SQLite cannot read a WAL it has no writable -shm
    for (the copied -shm may be stale too); so the index and its -wal are copied to a
    temporary folder, where SQLite rebuilds the -shm, and that copy is opened read-only:
    writes still fail as on the original."""
    wal = Path(f"{path}-wal")
    try:
        stat = wal.stat()
    except OSError:
        stat = None
    if stat is None or stat.st_size == 0:
        return f"{path.resolve().as_uri()}?immutable=1"
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _wal_lock:  # one copy per state of the files, shared by every thread's connection
        copy = _wal_copies.get(key)
        if copy is None:
            folder = Path(tempfile.mkdtemp(prefix="wavesmith-ro-index-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            copy = folder / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, Path(f"{copy}-wal"))
            _wal_copies[key] = copy
    return f"{copy.as_uri()}?mode=ro"


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION; returns the version the file had before."""
    before = conn.execute("PRAGMA user_version").fetchone()[0]
    if before > SCHEMA_VERSION:
        raise SchemaTooNewError(
            Message(
                "ProjectErrors",
                QT_TRANSLATE_NOOP(
                    "ProjectErrors",
                    "the project index has schema version {before}, newer than this Wavesmith "
                    "understands ({version}); update Wavesmith to open it",
                ),
                before=before,
                version=SCHEMA_VERSION,
            )  # fmt: skip
        )
    for version in range(before, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
    return before


def _statements(script: str) -> list[str]:
    # executescript() commits implicitly; splitting keeps each migration one transaction.
    return [s.strip() for s in script.split(";") if s.strip()]


class ConnectionPerThread:
    """sqlite3 connections must stay on the thread that made them; hand each thread its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close_all(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass  # made on another thread that is gone; the GC closes it
            self._all.clear()
        self._local = threading.local()
