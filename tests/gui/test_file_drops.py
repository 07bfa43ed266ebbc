"""Files dropped anywhere in the window are taken as a copy, never a move (issue #15, 1).

A file manager that is answered Move deletes the originals after the drop, so every widget
that takes drops is offered one proposing Move (as a Qt drag source offering Copy|Move|Link
gets), found by walking the window's widget tree, pyqtgraph's plot views included."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from gui.main_window import MainWindow
from tests.support.audiogen import sine, write
from tests.support.window import window_with_project

OFFERED = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction | Qt.DropAction.LinkAction
MOVE = Qt.DropAction.MoveAction
# Shift makes Qt propose Move among Copy|Move|Link, as a source whose default is Move does.
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _mime(path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drop_targets(window: QWidget) -> list[QWidget]:
    widgets = [window, *window.findChildren(QWidget)]
    return [w for w in widgets if w.acceptDrops()]


def _drag_over(widget: QWidget, mime: QMimeData) -> tuple[bool, Qt.DropAction]:
    """A drag entering and moving over the widget's centre, as QDrag would send it."""
    pos = widget.rect().center()
    buttons = Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(pos, OFFERED, mime, buttons, SHIFT)
    assert enter.proposedAction() == MOVE
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False, enter.dropAction()
    move = QDragMoveEvent(pos, OFFERED, mime, buttons, SHIFT)
    QApplication.sendEvent(widget, move)
    return move.isAccepted(), move.dropAction()


def _drop(widget: QWidget, mime: QMimeData) -> QDropEvent:
    """A whole drag and drop on the widget (Qt delivers a drop only after an accepted
    enter), proposing Move."""
    accepted, _action = _drag_over(widget, mime)
    assert accepted, f"{type(widget).__name__} refused the drag"
    drop = QDropEvent(
        QPointF(widget.rect().center()), OFFERED, mime, Qt.MouseButton.LeftButton, SHIFT
    )
    QApplication.sendEvent(widget, drop)
    return drop


def test_every_drop_target_takes_files_as_a_copy(qtbot, tmp_path):
    take = write(tmp_path / "take.wav", sine(440, 0.5), 16000)
    window = window_with_project(qtbot, tmp_path)

    targets = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # a drop goes where the window shows it
        for widget in _drop_targets(window):
            if not widget.isVisible():
                continue
            targets.append(widget)
            accepted, action = _drag_over(widget, _mime(take))
            assert not accepted or action == Qt.DropAction.CopyAction, (
                f"{type(widget).__name__} {widget.objectName()!r} takes a drop as {action}"
            )
    plots = [w for w in targets if isinstance(w.parent(), QGraphicsView)]
    assert plots, "the walk found no pyqtgraph view to drop on"
    assert take.exists()


def _shown_window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.new_project(tmp_path / "proj")
    return window


def test_a_drop_on_a_plot_proposing_move_is_imported_as_a_copy(qtbot, tmp_path):
    take = write(tmp_path / "take.wav", sine(440, 0.5), 16000)
    window = _shown_window(qtbot, tmp_path)
    window.tabs.setCurrentWidget(window.dataset_tab)
    plot = next(
        v.viewport() for v in window.dataset_tab.findChildren(QGraphicsView) if v.isVisible()
    )
    mime = _mime(take)  # the events do not own it
    drop = _drop(plot, mime)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    qtbot.waitUntil(lambda: len(window.project.clips()) == 1, timeout=30000)
    assert take.exists()


def test_a_file_dropped_on_listen_opens_there_and_is_not_imported(qtbot, tmp_path):
    take = write(tmp_path / "noisy take.wav", sine(440, 0.5), 16000)
    window = _shown_window(qtbot, tmp_path)
    window.tabs.setCurrentWidget(window.listen_tab)
    mime = _mime(take)
    drop = _drop(window.listen_tab.status, mime)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert window.tabs.currentWidget() is window.listen_tab
    assert window.listen_tab.sources.original_combo.currentData() == str(take)
    qtbot.wait(200)
    assert window.project.clips() == []
    assert take.exists()


def test_a_file_drop_target_hands_over_local_paths_and_refuses_what_it_cannot_copy(qtbot, tmp_path):
    from gui.widgets.file_drops import FileDropTarget, take_file_drops

    class Target(FileDropTarget, QWidget):
        def __init__(self) -> None:
            super().__init__()
            take_file_drops(self)
            self.got: list[list[str]] = []

        def drop_files(self, paths: list[str]) -> None:
            self.got.append(paths)

    target = Target()
    qtbot.addWidget(target)
    target.resize(200, 100)
    take = tmp_path / "take.wav"
    mime = _mime(take)
    mime.setUrls([QUrl.fromLocalFile(str(take)), QUrl("https://example.org/remote.wav")])
    drop = _drop(target, mime)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert target.got == [[str(take)]]  # the remote URL cannot be imported: left out

    text = QMimeData()
    text.setText("not a file")
    assert _drag_over(target, text)[0] is False  # only drags of files are taken
    pos = QPointF(target.rect().center())
    move_only = QDropEvent(pos, MOVE, _mime(take), Qt.MouseButton.LeftButton, SHIFT)
    QApplication.sendEvent(target, move_only)  # a source that cannot copy: refused
    assert not move_only.isAccepted() and target.got == [[str(take)]]
