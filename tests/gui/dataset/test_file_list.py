"""The file list takes several clips at once (issue #15, 11): select with Shift, Delete
removes them all, a role goes to the whole selection, and nothing opens meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from gui.main_window import MainWindow
from tests.support.audiogen import sine, write


def _window_with_clips(qtbot, tmp_path, n: int) -> MainWindow:
    for i in range(n):
        write(tmp_path / "speech" / f"take{i}.wav", sine(200 + 40 * i, 0.5), 16000)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.new_project(tmp_path / "proj")
    with qtbot.waitSignal(window.dataset_tab.imported, timeout=60_000):
        window.dataset_tab.import_paths([str(tmp_path / "speech")])
    return window


def _select(browser, ids) -> None:
    tree = browser.tree
    tree.setCurrentItem(browser.item_for(ids[0]))
    for cid in ids[1:]:
        index = tree.indexFromItem(browser.item_for(cid))
        tree.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select)


def test_delete_removes_every_selected_clip_without_opening_another(qtbot, tmp_path):
    window = _window_with_clips(qtbot, tmp_path, 5)
    browser = window.dataset_tab.browser
    ids = [c.id for c in window.project.clips()]
    _select(browser, ids[:3])
    assert len(browser.tree.selectedItems()) == 3
    opened: list[int] = []
    browser.clip_selected.connect(opened.append)
    browser.tree.setFocus()
    qtbot.keyClick(browser.tree, Qt.Key.Key_Delete)
    assert [c.id for c in window.project.clips()] == ids[3:]
    assert opened == []  # removing does not open (and decode) the next clip
    assert (tmp_path / "speech" / "take0.wav").exists()  # the files stay


def test_removing_the_shown_clip_clears_what_named_it(qtbot, tmp_path):
    window = _window_with_clips(qtbot, tmp_path, 2)
    tab = window.dataset_tab
    first = window.project.clips()[0]
    with qtbot.waitSignal(tab.clip_loaded, timeout=30_000):
        tab.browser.select_clip(first.id)
    tab.browser.remove([first.id])
    assert tab.clip is None and tab.wave_view.frames == 0
    assert tab.status.text().startswith(f"Removed {first.name}")


def test_a_role_goes_to_the_whole_selection(qtbot, tmp_path):
    window = _window_with_clips(qtbot, tmp_path, 4)
    browser = window.dataset_tab.browser
    ids = [c.id for c in window.project.clips()]
    _select(browser, ids[1:])
    menu = browser.build_context_menu(browser._selected_clip_ids())
    assert any("3 clips" in a.text() for a in menu.actions())
    menu.findChild(type(menu.actions()[0]), "actionRole_noise").trigger()
    roles = [c.role for c in window.project.clips()]
    assert roles == ["clean", "noise", "noise", "noise"]
