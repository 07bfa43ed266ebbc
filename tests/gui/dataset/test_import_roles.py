"""An import whose roles folder names do not give asks once per drop (issue #15, 2)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.dataset.role_question import ask_role
from gui.main_window import MainWindow
from tests.support.audiogen import noise, sine, write


def _answer_with(qtbot, text: str | None, asked: list):
    """The real question, answered by clicking the button `text` (None: Cancel)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        for button in box.buttons():
            if (text is None and box.buttonRole(button) == QMessageBox.ButtonRole.RejectRole) or (
                button.text() == text
            ):
                button.click()
                return

    def asker(parent, files):
        QTimer.singleShot(0, click)
        return ask_role(parent, files)

    return asker


def _folders(tmp_path):
    music = tmp_path / "formats"  # a name that says nothing about a role
    write(music / "song.wav", sine(220, 0.5), 16000)
    write(music / "song2.wav", sine(330, 0.5), 16000)
    write(tmp_path / "noise" / "fan.wav", noise(0.5, 16000), 16000)
    return music, tmp_path / "noise"


def _window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.new_project(tmp_path / "proj")
    return window


def test_files_no_folder_names_are_asked_about_once(qtbot, tmp_path):
    music, noise_dir = _folders(tmp_path)
    window = _window(qtbot, tmp_path)
    tab, asked = window.dataset_tab, []
    tab.import_bar.role_asker = _answer_with(qtbot, "Noise", asked)
    with qtbot.waitSignal(tab.imported, timeout=60_000) as done:
        assert tab.import_bar.import_paths([str(music), str(noise_dir)])
    assert len(asked) == 1 and "2 files" in asked[0] and "formats" in asked[0]
    roles = {c.name: c.role for c in window.project.clips()}
    assert roles == {"song": "noise", "song2": "noise", "fan": "noise"}
    assert len(done.args[0].added) == 3


def test_skip_leaves_them_out_and_cancel_imports_nothing(qtbot, tmp_path):
    music, noise_dir = _folders(tmp_path)
    window = _window(qtbot, tmp_path)
    tab, asked = window.dataset_tab, []
    tab.import_bar.role_asker = _answer_with(qtbot, None, asked)
    assert tab.import_bar.import_paths([str(music), str(noise_dir)])
    qtbot.waitUntil(lambda: "no role chosen" in tab.status.text(), timeout=30_000)
    assert window.project.clips() == [] and len(asked) == 1

    tab.import_bar.role_asker = _answer_with(qtbot, "Skip them", asked)
    with qtbot.waitSignal(tab.imported, timeout=60_000) as done:
        assert tab.import_bar.import_paths([str(music), str(noise_dir)])
    assert [c.name for c in window.project.clips()] == ["fan"]
    assert {why for _, why in done.args[0].skipped} == {"no role chosen for it"}


def test_recognised_folders_are_not_asked_about(qtbot, tmp_path):
    _music, noise_dir = _folders(tmp_path)
    window = _window(qtbot, tmp_path)
    tab = window.dataset_tab
    tab.import_bar.role_asker = lambda parent, files: (_ for _ in ()).throw(AssertionError)
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        assert tab.import_bar.import_paths([str(noise_dir)])
    assert [c.role for c in window.project.clips()] == ["noise"]
