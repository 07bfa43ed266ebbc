"""The files an import turned down, and why: kept in the index for the Dataset tab's list.

A file imported later under the same path drops its entry (Project.add_source)."""

from __future__ import annotations

import time

from core.dataset.project import Project


def add_reject(project: Project, path: str, reason: str) -> None:
    project.connection().execute(
        "INSERT INTO rejects(path, reason, at) VALUES (?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        (path, reason, time.time()),
    )


def rejects(project: Project) -> list[tuple[str, str]]:
    rows = project.connection().execute("SELECT path, reason FROM rejects ORDER BY id").fetchall()
    return [(r[0], r[1]) for r in rows]
