"""The main window: tabs, projects, recent projects, About, and a real start-up of main.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from core.dataset.project import INDEX_NAME, Project
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_tabs_and_accessible_names(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert names == ["Dataset", "Hardware", "Training", "Listen"]
    assert window.tabs.accessibleName()


def test_new_and_open_project_are_remembered(qtbot, tmp_path):
    QSettings().remove("recentProjects")
    window = MainWindow()
    qtbot.addWidget(window)
    project = window.new_project(tmp_path / "proj")
    assert project is not None and (tmp_path / "proj" / INDEX_NAME).is_file()
    assert "proj" in window.windowTitle()
    assert window.recent_projects()[0] == str((tmp_path / "proj").resolve())

    other = Project.create(tmp_path / "other")
    other.close()
    window.open_project(tmp_path / "other")
    assert window.recent_projects()[:2] == [
        str((tmp_path / "other").resolve()),
        str((tmp_path / "proj").resolve()),
    ]
    # The recent menu lists them and reopens one.
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions][:2] == window.recent_projects()[:2]
    actions[1].trigger()
    assert window.project.root == (tmp_path / "proj").resolve()


def test_open_a_broken_project_reports_and_keeps_state(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    (tmp_path / INDEX_NAME).write_bytes(b"not a database at all")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(tmp_path) is None
    assert window.project is None
    assert shown and "not a readable project index" in shown[0]


def _answer(monkeypatch, button):
    """Answer every QMessageBox.question with `button`; returns the questions' texts."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_new_project_dialog_takes_a_name_and_a_parent_folder(qtbot, tmp_path):
    from gui.widgets.new_project_dialog import NewProjectDialog

    dialog = NewProjectDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    create = dialog.buttons.buttons()[0]
    assert not create.isEnabled()  # no name yet
    dialog.name_edit.setText("My voice")
    assert create.isEnabled()
    assert dialog.project_path() == tmp_path / "My voice"
    assert str(tmp_path / "My voice") in dialog.path_label.text()
    dialog.name_edit.setText("a/b")
    assert not create.isEnabled()
    dialog.name_edit.setText("My voice")
    dialog.folder_edit.setText(str(tmp_path / "missing"))
    assert not create.isEnabled() and "not a folder" in dialog.path_label.text()


def test_new_project_in_a_folder_holding_files_asks_first(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "music"
    folder.mkdir()
    (folder / "song.flac").write_bytes(b"x")
    window = MainWindow()
    qtbot.addWidget(window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.new_project(folder) is None
    assert asked and "1 file" in asked[0]
    assert not (folder / INDEX_NAME).exists() and window.project is None

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.new_project(folder) is not None
    assert (folder / INDEX_NAME).is_file() and (folder / "song.flac").read_bytes() == b"x"

    # A new, empty folder is made without a question.
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.new_project(tmp_path / "fresh") is not None and asked == []


def test_opening_a_folder_without_a_project_offers_to_create_one(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "takes"
    folder.mkdir()
    (folder / "a.wav").write_bytes(b"x")
    window = MainWindow()
    qtbot.addWidget(window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.open_project(folder) is None and window.project is None
    assert len(asked) == 1 and "not a Wavesmith project" in asked[0]
    assert not (folder / INDEX_NAME).exists()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.open_project(folder) is not None and len(asked) == 1  # asked once
    assert window.project.root == folder.resolve()


def test_recent_projects_leave_out_vanished_folders_and_the_last_reopens(qtbot, tmp_path):
    import shutil

    from gui.app import create_window

    QSettings().remove("recentProjects")
    window = MainWindow()
    qtbot.addWidget(window)
    window.new_project(tmp_path / "gone")
    window.new_project(tmp_path / "kept")
    window.new_project(tmp_path / "last")
    window.project.close()
    window.project = None
    shutil.rmtree(tmp_path / "last")
    shutil.rmtree(tmp_path / "gone")
    assert window.recent_projects() == [str((tmp_path / "kept").resolve())]
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == window.recent_projects()

    again = create_window()  # what a launch without a project on the command line does
    qtbot.addWidget(again)
    assert again.project is not None and again.project.root == (tmp_path / "kept").resolve()


def test_about_box(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    box = window.show_about()
    assert "Wavesmith" in box.text()
    box.close()


def test_main_py_starts_the_window(tmp_path):
    """Start the real entry point in a subprocess and wait until the window is shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py")],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        seen = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            seen.append(line)
            if "Wavesmith window shown" in line:
                break
        assert any("Wavesmith window shown" in s for s in seen), "".join(seen)
        assert proc.poll() is None, "the app exited right after start"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_main_py_help_runs_headless():
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0
    assert "wavesmith" in out.stdout
    # The headless path must not load Qt.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, main; main.main(['--help']) if False else None; "
            "from cli.main import build_parser; build_parser(); "
            "print('PySide6' in sys.modules)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.stdout.strip() == "False", probe.stderr


def test_garbage_is_collected_by_the_event_loop_not_by_allocations(qtbot):
    """gui.gc_policy: automatic collection is off; the collector's timer frees cycles."""
    import gc
    import weakref

    from gui.gc_policy import GarbageCollector

    class Node:
        pass

    gc.enable()
    collector = GarbageCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        node = Node()
        node.self = node  # a cycle: only the cyclic collector can free it
        alive = weakref.ref(node)
        del node
        # Enough net allocations for collections to be due, again and again (automatic
        # collection would have run during them); only the timer may collect.
        kept = [Node() for _ in range(2 * gc.get_threshold()[0])]
        assert alive() is not None and collector.collections == 0
        # Paused (start-up, while torch imports): due collections wait.
        collector.paused = True
        qtbot.wait(100)
        assert alive() is not None and collector.collections == 0
        collector.paused = False

        def freed() -> bool:
            kept.extend(Node() for _ in range(2 * gc.get_threshold()[0]))
            return alive() is None

        qtbot.waitUntil(freed, timeout=10_000)
        assert collector.collections >= 1
    finally:
        collector.deleteLater()
        gc.disable()  # the test session's policy (conftest)
