"""Files dropped on the window: always taken as a copy, and only where we handle them.

A drag source (a file manager) proposes an action; one that offers Copy|Move and is answered
Move deletes the originals once the drop is done. So every drop target of ours accepts with
`accept_copy`, and `DropGuard` (installed on the application by the main window) turns away
file drops from every widget not marked with `take_file_drops`: pyqtgraph's views, line
edits and spin boxes would otherwise accept a file with the proposed action (a QLineEdit
inserts the path as text and answers Move). A turned-away drag is offered to the parent
widget next, so a file dropped on a waveform reaches the window underneath it. A widget
that takes files lists `FileDropTarget` before its Qt class and says in `drop_files` what a
drop of them does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

_TARGET_PROPERTY = "wavesmithFileDrops"
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def local_paths(urls: list[QUrl]) -> list[str]:
    """The local files and folders among dropped URLs (remote ones cannot be imported)."""
    out = []
    for url in urls:
        if url.isLocalFile():
            out.append(url.toLocalFile())
        else:
            log.warning("ignored dropped URL %s: only local files can be imported", url.toString())
    return out


def accept_copy(event: QDropEvent) -> bool:
    """Accept a drag or drop as a copy; refuse it when the source cannot copy."""
    if not event.possibleActions() & Qt.DropAction.CopyAction:
        event.ignore()
        return False
    event.setDropAction(Qt.DropAction.CopyAction)
    event.accept()
    return True


def accept_file_drag(event: QDropEvent) -> bool:
    """Accept a drag (or drop) carrying URLs as a copy; one carrying none is left alone."""
    return event.mimeData().hasUrls() and accept_copy(event)


def dropped_paths(event: QDropEvent) -> list[str] | None:
    """The local paths of a drop of files, accepted as a copy; None when it is not one."""
    if not accept_file_drag(event):
        return None
    return local_paths(event.mimeData().urls())


class FileDropTarget:
    """Mixin for a widget that takes files dropped on it, as a copy: listed before the Qt
    class (`class Tab(FileDropTarget, QWidget)`), it answers the drag and hands a drop's
    local paths to `drop_files`. The widget (or its viewport) is still marked with
    `take_file_drops`, where the drops land."""

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        accept_file_drag(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        accept_file_drag(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = dropped_paths(event)
        if paths is not None:
            self.drop_files(paths)

    def drop_files(self, paths: list[str]) -> None:
        raise NotImplementedError


def take_file_drops(widget: QWidget) -> None:
    """Mark a widget whose own handlers take file drops (with `accept_copy`)."""
    widget.setAcceptDrops(True)
    widget.setProperty(_TARGET_PROPERTY, True)


def takes_file_drops(widget: QWidget) -> bool:
    return bool(widget.property(_TARGET_PROPERTY))


class DropGuard(QObject):
    """An application event filter: file drags reach only the widgets marked as targets."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in _DRAG_EVENTS or not isinstance(obj, QWidget):
            return False
        if not event.mimeData().hasUrls() or takes_file_drops(obj):
            return False
        event.ignore()  # Qt offers a refused drag to the parent next
        return True


_guard: DropGuard | None = None


def install_drop_guard() -> None:
    """Install the one DropGuard on the running application (idempotent)."""
    global _guard
    app = QApplication.instance()
    if app is None or _guard is not None:
        return
    _guard = DropGuard(app)
    app.installEventFilter(_guard)
