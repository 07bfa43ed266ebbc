"""The file list's Class column (the classify task): shown in a project with classes, edited
in place by a double-click on the cell (an empty name takes the class away)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QAbstractItemView, QTreeWidgetItem

CLASS_COLUMN = 6  # the last of gui.dataset.file_browser.COLUMNS


def attach(browser, clip_role: int, kind_role: int) -> None:
    """Hide the column until the project has classes; edit only its cells, only on a
    double-click on them (no other column is edited in place). `clip_role` and `kind_role`
    are where the browser's items keep their clip id and kind."""
    tree = browser.tree
    tree.setColumnHidden(CLASS_COLUMN, True)
    # Read second, after the name: in a labelled project the class is what a row is about.
    tree.header().moveSection(CLASS_COLUMN, 1)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def is_clip_cell(item: QTreeWidgetItem, column: int) -> bool:
        return column == CLASS_COLUMN and item.data(0, kind_role) == "clip"

    def edit(item: QTreeWidgetItem, column: int) -> None:
        if is_clip_cell(item, column):
            tree.editItem(item, CLASS_COLUMN)

    def edited(item: QTreeWidgetItem, column: int) -> None:
        if not is_clip_cell(item, column) or browser.project is None:
            return
        ids, label = [int(item.data(0, clip_role))], item.text(column).strip() or None
        # Later: refresh() rebuilds the tree, and `item` is still inside its own signal.
        QTimer.singleShot(0, lambda: set_label(browser, ids, label))

    tree.itemDoubleClicked.connect(edit)
    tree.itemChanged.connect(edited)


def set_label(browser, ids: list[int], label: str | None) -> None:
    """Put clips in class `label` (None: no class); a name the index refuses is said."""
    from core.dataset.labels import LabelError
    from core.dataset.labels import set_label as store

    try:
        for cid in ids:
            store(browser.project, cid, label)
    except LabelError as exc:
        browser.message.emit(
            QCoreApplication.translate("FileBrowser", "Class not changed: {reason}").format(
                reason=exc
            )
        )
    browser.refresh()
    browser.changed.emit()
