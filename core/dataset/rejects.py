"""The files an import turned down, and why: kept in the index for the Dataset tab's list.

The reason is stored in English, with its Message parts (core.messages) beside it when it
is one, so the list shows it in its reader's language.
A file imported later under the same path drops its entry (Project.add_source)."""

from __future__ import annotations

import json
import time

from core.dataset.project import Project
from core.messages import from_parts, to_parts


def add_reject(project: Project, path: str, reason: str) -> None:
    parts = to_parts(reason)
    project.connection().execute(
        "INSERT INTO rejects(path, reason, reason_parts, at) VALUES (?,?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, "
        "reason_parts = excluded.reason_parts, at = excluded.at",
        (path, reason, json.dumps(parts) if parts is not None else None, time.time()),
    )


def rejects(project: Project) -> list[tuple[str, str]]:
    """(path, reason) of each reject, the reason a Message when its parts were stored."""
    rows = (
        project.connection()
        .execute("SELECT path, reason, reason_parts FROM rejects ORDER BY id")
        .fetchall()
    )
    return [(r[0], _reason(r[1], r[2])) for r in rows]


def _reason(english: str, parts: str | None) -> str:
    if parts:
        try:
            said = from_parts(json.loads(parts))
        except (ValueError, KeyError, TypeError, IndexError):
            return english
        if said == english:  # the parts say what the English says
            return said
    return english
