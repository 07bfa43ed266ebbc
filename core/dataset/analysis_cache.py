"""Stored measurements of clips (see core.dataset.stats), keyed by what they measured."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from core.dataset.project import Project


def cached_analysis(project: Project, key: str) -> dict | None:
    """A stored measurement (see core.dataset.stats), or None."""
    row = project.connection().execute("SELECT data FROM analysis WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def cached_analyses(project: Project, keys: Iterable[str]) -> dict[str, dict]:
    """Many stored measurements in one query per 500 keys (SQLite's variable limit)."""
    keys = list(keys)
    out: dict[str, dict] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        rows = (
            project.connection()
            .execute(
                f"SELECT key, data FROM analysis WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            .fetchall()
        )
        out.update({r[0]: json.loads(r[1]) for r in rows})
    return out


def store_analysis(project: Project, key: str, content_hash: str, data: dict) -> None:
    project.connection().execute(
        "INSERT INTO analysis(key, hash, data, created_at) VALUES (?,?,?,?) "
        "ON CONFLICT(key) DO UPDATE SET data = excluded.data, created_at = excluded.created_at",
        (key, content_hash, json.dumps(data), time.time()),
    )
