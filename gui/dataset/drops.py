"""What a drop of files on the window or the Dataset tab gives to import."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl

log = logging.getLogger(__name__)


def local_paths(urls: list[QUrl]) -> list[str]:
    """The local files and folders among dropped URLs (remote ones cannot be imported)."""
    out = []
    for url in urls:
        if url.isLocalFile():
            out.append(url.toLocalFile())
        else:
            log.warning("ignored dropped URL %s: only local files can be imported", url.toString())
    return out
