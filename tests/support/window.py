"""The main window as a user first sees it: 1280×800, every tab built, a new project open."""

from __future__ import annotations

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
