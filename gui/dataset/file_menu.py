"""The file list's context menu: a role for the selected clips, another audio stream for a
file holding several, removal from the project."""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from core.dataset.project import ROLES

log = logging.getLogger(__name__)


def context_menu(browser, ids: list[int]) -> QMenu:
    menu = QMenu(browser)
    menu.setObjectName("fileContextMenu")
    roles = menu.addMenu("Change role")
    roles.setObjectName("changeRoleMenu")
    for role in ROLES:
        action = QAction(role, roles)
        action.setObjectName(f"actionRole_{role}")
        action.triggered.connect(lambda _=False, r=role: browser.set_role(ids, r))
        roles.addAction(action)
    if len(ids) == 1:
        _add_stream_menu(browser, menu, ids[0])
    what = "clip" if len(ids) == 1 else f"{len(ids)} clips"
    remove = QAction(f"Remove {what} from project (keeps the files)", menu)
    remove.setObjectName("actionRemoveClip")
    remove.triggered.connect(lambda: browser.remove(ids))
    menu.addAction(remove)
    return menu


def _add_stream_menu(browser, menu: QMenu, clip_id: int) -> None:
    """Files with several audio streams (a video with commentary, a multi-track
    recording) offer the others."""
    clip = browser.project.clip(clip_id)
    if not clip.decoded:
        return
    # FFmpeg loads when a menu needs it, not at start-up.
    from core.audio import media_probe

    try:
        streams = media_probe.probe(clip.path).audio
    except media_probe.DecodeError as exc:
        log.info("no stream list for %s: %s", clip.path, exc)
        return
    if len(streams) < 2:
        return
    sub = menu.addMenu("Audio stream")
    sub.setObjectName("audioStreamMenu")
    for s in streams:
        action = QAction(f"{s.index}: {s.describe()}", sub)
        action.setObjectName(f"actionStream_{s.index}")
        action.setCheckable(True)
        action.setChecked(s.index == clip.stream)
        action.triggered.connect(lambda _=False, n=s.index: browser.stream_chosen.emit(clip_id, n))
        sub.addAction(action)
