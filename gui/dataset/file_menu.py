"""The file list's context menu: a role or a class for the selected clips, another audio
stream for a file holding several, removal from the project."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from core.dataset.project import ROLES
from gui.widgets.role_names import role_name

log = logging.getLogger(__name__)


def context_menu(browser, ids: list[int]) -> QMenu:
    menu = QMenu(browser)
    menu.setObjectName("fileContextMenu")
    roles = menu.addMenu(QCoreApplication.translate("FileMenu", "Change role"))
    roles.setObjectName("changeRoleMenu")
    for role in ROLES:
        action = QAction(role_name(role), roles)
        action.setObjectName(f"actionRole_{role}")
        action.triggered.connect(lambda _=False, r=role: browser.set_role(ids, r))
        roles.addAction(action)
    _add_class_menu(browser, menu, ids)
    if len(ids) == 1:
        _add_stream_menu(browser, menu, ids[0])
    n = len(ids)
    text = QCoreApplication.translate(
        "FileMenu", "Remove %n clip(s) from project (keeps the files)", "", n
    )
    remove = QAction(text, menu)
    remove.setObjectName("actionRemoveClip")
    remove.triggered.connect(lambda: browser.remove(ids))
    menu.addAction(remove)
    return menu


MENU_CLASSES = 30  # more classes than this: only "Class…" (a name with completion)


def _add_class_menu(browser, menu: QMenu, ids: list[int]) -> None:
    """The classify task's class of the selected clips: one of the project's classes, a
    new one, or none."""
    from core.dataset.labels import classes

    names = [k.name for k in classes(browser.project)]
    sub = menu.addMenu(QCoreApplication.translate("FileMenu", "Class"))
    sub.setObjectName("classMenu")
    for name in names if len(names) <= MENU_CLASSES else ():
        action = QAction(name, sub)
        action.setObjectName(f"actionClass_{name}")
        action.triggered.connect(lambda _=False, n=name: browser.set_label(ids, n))
        sub.addAction(action)
    sub.addSeparator()
    other = QAction(QCoreApplication.translate("FileMenu", "Class…"), sub)
    other.setObjectName("actionClassOther")
    other.triggered.connect(lambda: ask_class(browser, ids, names))
    sub.addAction(other)
    none = QAction(QCoreApplication.translate("FileMenu", "No class"), sub)
    none.setObjectName("actionClassNone")
    none.triggered.connect(lambda: browser.set_label(ids, None))
    sub.addAction(none)


def ask_class(browser, ids: list[int], names: list[str]) -> QInputDialog:
    """Ask for a class name (new or existing, completed as it is typed); open(), not exec():
    the window keeps running, and tests answer the dialog."""
    dialog = QInputDialog(browser)
    dialog.setObjectName("classNameDialog")
    dialog.setWindowTitle(QCoreApplication.translate("FileMenu", "Class"))
    n = len(ids)
    dialog.setLabelText(
        QCoreApplication.translate(
            "FileMenu", "Class of %n clip(s): a new name or one of the project's", "", n
        )
    )
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(names)
    dialog.textValueSelected.connect(lambda text: browser.set_label(ids, text.strip() or None))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


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
    sub = menu.addMenu(QCoreApplication.translate("FileMenu", "Audio stream"))
    sub.setObjectName("audioStreamMenu")
    for s in streams:
        action = QAction(f"{s.index}: {s.describe()}", sub)
        action.setObjectName(f"actionStream_{s.index}")
        action.setCheckable(True)
        action.setChecked(s.index == clip.stream)
        action.triggered.connect(lambda _=False, n=s.index: browser.stream_chosen.emit(clip_id, n))
        sub.addAction(action)
