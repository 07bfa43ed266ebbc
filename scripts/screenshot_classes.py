"""Screenshot of the Dataset tab on a labelled project: class folders imported, the Class
column, and the Statistics tab's per-class table with its imbalance chart.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_classes.py
"""

from __future__ import annotations

import sys

from screenshot_app import finish, save_shot, start_app, wait, wait_for

from tests.support.class_folders import make_class_folders


def main() -> int:
    app, tmp = start_app()
    from PySide6.QtWidgets import QTabWidget

    from gui.main_window import MainWindow

    root = tmp / "sounds"
    # Imbalanced on purpose: 3 to 12 recordings per class, and one rare class.
    cf = make_class_folders(root, {"Merle noir": 0, "Grillon": 3}, recordings=12, seconds=1.5)
    make_class_folders(root, {"Pluie": 1, "Moteur": 5}, recordings=6, seconds=1.5, into=cf)
    make_class_folders(root, {"Rouge-gorge": 4}, recordings=3, seconds=1.5, into=cf)
    make_class_folders(root, {"Chouette": 2}, recordings=1, seconds=1.5, into=cf)

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    win.new_project(tmp / "project")
    tab = win.dataset_tab
    tab.import_bar.classes_button.setChecked(True)
    tab.import_bar.import_paths([str(root)])
    wait_for(tab.imported, 600_000)
    clip = next(c for c in win.project.clips() if c.label == "Grillon")
    tab.browser.select_clip(clip.id)
    wait(300)
    tab.splitter.setSizes([380, 420, 480])
    side = tab.findChild(QTabWidget, "datasetSideTabs")
    side.setCurrentWidget(tab.stats_panel)
    view = tab.stats_panel.class_view
    for _ in range(100):  # the class statistics job
        if view.table_data is not None:
            break
        wait(100)
    wait(1500)
    ok = save_shot(win, "dataset-classes")
    return finish(app, win, ok, tab)


if __name__ == "__main__":
    sys.exit(main())
