"""Whether each source is still where it was imported, unchanged; pointing a moved one at
its new place."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from core.dataset.clips import Clip
from core.dataset.project import Project


@dataclass(frozen=True)
class SourceStatus:
    clip_id: int
    path: str
    state: str  # "ok", "missing", "changed"


def source_status(project: Project, clips: Iterable[Clip] | None = None) -> list[SourceStatus]:
    """Flag sources that went missing or changed (size or mtime) since import."""
    out = []
    for clip in project.clips() if clips is None else clips:
        row = (
            project.connection()
            .execute("SELECT size, mtime FROM sources WHERE id = ?", (clip.source_id,))
            .fetchone()
        )
        try:
            st = os.stat(clip.path)
        except OSError:
            out.append(SourceStatus(clip.id, clip.path, "missing"))
            continue
        changed = st.st_size != row["size"] or abs(st.st_mtime - row["mtime"]) > 1e-3
        out.append(SourceStatus(clip.id, clip.path, "changed" if changed else "ok"))
    return out


def relink_source(project: Project, source_id: int, new_path: str) -> None:
    """Point a source at the file's new location (same content, moved by the user);
    its clips, edits and pairs stay as they are."""
    st = os.stat(new_path)
    project.connection().execute(
        "UPDATE sources SET path = ?, size = ?, mtime = ? WHERE id = ?",
        (new_path, st.st_size, st.st_mtime, source_id),
    )
