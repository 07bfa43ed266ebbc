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


def test_open_non_project_reports_and_keeps_state(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(tmp_path) is None
    assert window.project is None
    assert shown and "not a Wavesmith project" in shown[0]


def test_about_box(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    box = window.show_about()
    assert "Wavesmith" in box.text()
    box.close()


def test_main_py_starts_the_window():
    """Start the real entry point in a subprocess and wait until the window is shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
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
