"""The main window as a user first sees it: 1280×800, every tab built, a new project open."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow


def window_with_project(qtbot, tmp_path, width: int = 1280, height: int = 800) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    done = []
    window.build_all_tabs(lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    window.new_project(tmp_path / "proj")
    return window


def drop_files(target, paths, at: tuple[int, int] = (20, 20)) -> QDropEvent:
    """What a file manager does: drag enter (which must be accepted), then drop, carrying
    the paths as file URLs and proposing Copy. Returns the drop event."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(*at), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), "the drop target refused the drag"
    event = QDropEvent(QPointF(*at), *args)
    QApplication.sendEvent(target, event)
    return event
