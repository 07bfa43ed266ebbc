"""The Export dialog opens where the recordings are, then where the last export went
(issue #15, 10), not in the folder the app was started from."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from gui.main_window import MainWindow
from tests.support.audiogen import sine, write


def test_the_export_dialog_starts_in_the_recordings_folder(qtbot, tmp_path, monkeypatch):
    QSettings().remove("export/lastFolder")
    take = write(tmp_path / "recordings" / "take.wav", sine(300, 0.5), 16000)
    window = MainWindow()
    qtbot.addWidget(window)
    window.new_project(tmp_path / "proj")
    tab = window.dataset_tab
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        tab.import_paths([str(take)])
    qtbot.waitUntil(lambda: tab.browser.item_for(window.project.clips()[0].id) is not None)
    opened, chosen = [], tmp_path / "exports"
    chosen.mkdir()

    def dialog(parent, title, folder="", *args, **kwargs):
        opened.append(folder)
        return str(chosen)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", dialog)
    monkeypatch.setattr(tab.export_panel, "export_to", lambda folder, sliced: None)
    tab.export_panel._ask_export()
    tab.export_panel._ask_export()
    assert opened == [str(take.parent), str(chosen)]
