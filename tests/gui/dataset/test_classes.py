"""The Dataset tab with classes (#17.1): a dropped root of class folders, the Class column
and its edits, the Classes side tab (rename, merge, exclude), the per-class statistics and
their imbalance chart."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QInputDialog

from core.dataset.labels import classes, labelled_clips
from core.dataset.project import Project
from gui.dataset.file_browser import CLASS_COLUMN
from tests.support.class_folders import make_class_folders
from tests.support.window import drop_files


def _import_root(qtbot, window, tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=3, recordings=4, seconds=1.5)
    broken = cf.root / cf.classes[0] / "broken_009.wav"
    broken.write_text("not audio")
    tab = window.dataset_tab
    assert not tab.import_bar.classes_button.isChecked()  # a project without classes yet
    tab.import_bar.classes_button.setChecked(True)
    with qtbot.waitSignal(tab.imported, timeout=60_000) as done:
        drop_files(window, [cf.root])
    report = done.args[0]
    assert len(report.added) == 24 and [p for p, _ in report.rejected] == [str(broken)]
    assert "broken_009.wav" in tab.status.text()
    return cf, tab


def _class_cells(tab) -> dict[str, str]:
    return {
        tab.browser.item_for(cid).text(0): tab.browser.item_for(cid).text(CLASS_COLUMN)
        for cid in tab.browser.listed_clip_ids()
    }


def _stats_shown(qtbot, tab):
    view = tab.stats_panel.class_view
    qtbot.waitUntil(
        lambda: view.table_data is not None and not tab.jobs.busy("class_stats"), timeout=60_000
    )
    return view


def test_dropped_class_folders_show_classes_and_their_statistics(qtbot, window, tmp_path):
    cf, tab = _import_root(qtbot, window, tmp_path)
    assert not tab.browser.tree.isColumnHidden(CLASS_COLUMN)
    cells = _class_cells(tab)
    for label, paths in cf.files.items():
        assert {cells[p.stem] for p in paths} == {label}
    tab.browser.filter_edit.setText(cf.classes[1])  # the filter finds a class by name
    assert set(_class_cells(tab).values()) == {cf.classes[1]}
    tab.browser.filter_edit.setText("")

    view = _stats_shown(qtbot, tab)
    assert view.isVisibleTo(tab.stats_panel)
    table = view.table_data
    assert [c.name for c in table.classes] == cf.classes
    # 1.5 s files: 2 windows each; 3 train recordings of 2 files per class.
    assert view.bar_heights() == [12.0, 12.0, 12.0]
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    r = rows[cf.classes[0]]
    assert [view.table.item(r, c).text() for c in (1, 2, 3, 5)] == ["6", "2", "0", "12"]
    assert "no validation" not in view.advice.text()
    assert "fewer than 5 clips" not in view.advice.text()


def test_a_clips_class_changes_from_the_menu_and_the_cell(qtbot, window, tmp_path):
    cf, tab = _import_root(qtbot, window, tmp_path)
    a, b, _c = cf.classes
    first = next(c for c in window.project.clips() if c.label == a)
    menu = tab.browser.build_context_menu([first.id])
    action = menu.findChild(type(menu.actions()[0]), f"actionClass_{b}")
    action.trigger()
    assert window.project.clip(first.id).label == b
    assert tab.browser.item_for(first.id).text(CLASS_COLUMN) == b
    # Edited in its cell: a new class.
    item = tab.browser.item_for(first.id)
    item.setText(CLASS_COLUMN, "Rouge-gorge")
    qtbot.waitUntil(lambda: window.project.clip(first.id).label == "Rouge-gorge")
    qtbot.waitUntil(lambda: "Rouge-gorge" in tab.class_panel.names())
    # "Class…" asks for a name; the answer labels every selected clip.
    two = [c.id for c in window.project.clips() if c.label == a][:2]
    menu = tab.browser.build_context_menu(two)
    menu.findChild(type(menu.actions()[0]), "actionClassOther").trigger()
    dialog = tab.browser.findChild(QInputDialog, "classNameDialog")
    dialog.setTextValue("Merle")
    dialog.accept()
    assert {window.project.clip(i).label for i in two} == {"Merle"}
    assert window.project.clip(two[0]).split == next(
        c.split for c in window.project.clips() if c.id == two[0]
    )


def test_rename_merge_exclude_from_the_classes_tab_survive_reopening(qtbot, window, tmp_path):
    cf, tab = _import_root(qtbot, window, tmp_path)
    a, b, c = cf.classes
    panel = tab.class_panel
    assert panel.names() == cf.classes
    splits = {x.path: x.split for x in window.project.clips()}
    # Rename: double-click a name and type (here: the cell's text changes).
    panel.table.item(panel.names().index(a), 0).setText("Grive musicienne")
    qtbot.waitUntil(lambda: "Grive musicienne" in panel.names())
    qtbot.waitUntil(lambda: "Grive musicienne" in set(_class_cells(tab).values()))
    # Merge: select two, Merge…, answer the dialog.
    panel.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for name in (b, c):  # Ctrl-click on each
        index = panel.table.model().index(panel.names().index(name), 0)
        panel.table.selectionModel().select(index, flags)
    assert panel.merge_button.isEnabled()
    dialog = panel.ask_merge()
    dialog.setTextValue("Fauvettes")
    dialog.accept()
    assert sorted(panel.names()) == ["Fauvettes", "Grive musicienne"]
    # Exclude: the check box.
    row = panel.names().index("Fauvettes")
    panel.table.item(row, 3).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(
        lambda: {k.name: k.excluded for k in classes(window.project)}["Fauvettes"] is True
    )
    view = _stats_shown(qtbot, tab)
    qtbot.waitUntil(lambda: view.bar_heights() == [12.0])  # the excluded class leaves the chart
    assert "(excluded)" in view.table.item(0, 0).text() + view.table.item(1, 0).text()

    root = window.project.root
    window.dataset_tab.set_project(None)
    with Project.open(root) as project:
        info = {k.name: k for k in classes(project)}
        assert set(info) == {"Grive musicienne", "Fauvettes"}
        assert info["Fauvettes"].excluded and info["Fauvettes"].clips == 16
        assert Counter(x.label for x in labelled_clips(project)) == {"Grive musicienne": 8}
        assert {x.path: x.split for x in project.clips()} == splits


def test_a_root_without_class_folders_says_so(qtbot, window, tmp_path):
    cf = make_class_folders(tmp_path / "root", classes=1, recordings=1)
    tab = window.dataset_tab
    tab.import_bar.classes_button.setChecked(True)
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        drop_files(window, [cf.root / cf.classes[0]])  # the class folder itself, not its root
    assert "not in a class folder" in tab.status.text()
    assert not window.project.clips()
