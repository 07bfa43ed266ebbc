"""The project's files, grouped by role, with pairs side by side and rejects with reasons.

Reads the index only (headers were stored at import), so it refreshes instantly even for
thousands of files. Health icons come from what the header and the file system say:
missing or changed sources, very short clips, low sample rates.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.dataset.project import Project
from core.dataset.rejects import rejects
from core.dataset.source_health import source_status
from core.messages import Message
from gui.dataset import class_column, file_menu
from gui.dataset.class_column import CLASS_COLUMN
from gui.dataset.clip_health import (
    clip_health,
    edited_duration_text,
    ok_text,
    pair_confidence,
    pair_tooltip,
    state_name,
)
from gui.localized import format_duration, format_text, translated
from gui.widgets.file_drops import accept_copy, local_paths, take_file_drops
from gui.widgets.role_names import role_name, split_name

log = logging.getLogger(__name__)

CLIP_ID = Qt.ItemDataRole.UserRole
KIND = Qt.ItemDataRole.UserRole + 1  # "clip", "pair", "group", "reject"
COLUMNS = (
    QT_TRANSLATE_NOOP("FileBrowser", "Name"),
    QT_TRANSLATE_NOOP("FileBrowser", "Duration"),
    QT_TRANSLATE_NOOP("FileBrowser", "Rate"),
    QT_TRANSLATE_NOOP("FileBrowser", "Ch"),
    QT_TRANSLATE_NOOP("FileBrowser", "Split"),
    QT_TRANSLATE_NOOP("FileBrowser", "Health"),
    QT_TRANSLATE_NOOP("FileBrowser", "Class"),
)
GROUPS = (
    ("clean", QT_TRANSLATE_NOOP("FileBrowser", "Clean")),
    ("noise", QT_TRANSLATE_NOOP("FileBrowser", "Noise")),
    ("pairs", QT_TRANSLATE_NOOP("FileBrowser", "Pairs, input ⇄ target")),
)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("FileBrowser", text, "", n)


class FileBrowser(QWidget):
    clip_selected = Signal(int)  # clip id
    pair_selected = Signal(int, int)  # input clip id, target clip id
    files_dropped = Signal(list)  # local paths
    changed = Signal()  # roles or membership changed here
    stream_chosen = Signal(int, int)  # clip id, audio stream to use instead
    message = Signal(str)  # what the status line should say

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileBrowser")
        self.project: Project | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("fileFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter files"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by name or path…"))
        self.filter_edit.setClearButtonEnabled(True)
        for clear in self.filter_edit.findChildren(QToolButton):
            clear.setObjectName("fileFilterClear")
            clear.setAccessibleName(self.tr("Clear filter"))
        self.filter_edit.textChanged.connect(self.apply_filter)
        layout.addWidget(self.filter_edit)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("fileTree")
        self.tree.setAccessibleName(self.tr("Project files"))
        self.tree.setHeaderLabels([_tr(c) for c in COLUMNS])
        self.tree.header().setObjectName("fileTreeHeader")
        self.tree.header().setAccessibleName(self.tr("File list columns: click to resize"))
        # The name takes what the fixed-width columns leave, as the list widens.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in zip(range(1, 7), (58, 50, 26, 44, 52, 90), strict=True):
            self.tree.setColumnWidth(col, width)
        class_column.attach(self, CLIP_ID, KIND)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        # Shift/Ctrl-click select several clips: Delete removes them, the menu changes their
        # role, all at once.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.installEventFilter(self)  # the Delete key
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.currentItemChanged.connect(self._on_current)
        # Drops land on the viewport; the filter below turns them into files_dropped.
        self.tree.setAcceptDrops(True)
        take_file_drops(self.tree.viewport())
        self.tree.viewport().installEventFilter(self)
        layout.addWidget(self.tree)
        self._icons = {
            "ok": self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            "warn": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "bad": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
        }

    # -- drops -------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if obj is self.tree and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if event.key() == Qt.Key.Key_Delete:
                # With the list focused, Delete is the list's (not the editor's shortcut
                # that deletes the selected audio).
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.remove_selected()
                return True
            return super().eventFilter(obj, event)
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if event.mimeData().hasUrls():
                accept_copy(event)
                return True
        elif kind == QEvent.Type.Drop and event.mimeData().hasUrls():
            if accept_copy(event):
                self.files_dropped.emit(local_paths(event.mimeData().urls()))
            return True
        return super().eventFilter(obj, event)

    # -- content -----------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        """Rebuild from the index, keeping the current clip selected."""
        current = self.current_clip_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items: dict[int, QTreeWidgetItem] = {}
        if self.project is None:
            self.tree.blockSignals(False)
            return
        clips = self.project.clips()
        self.tree.setColumnHidden(CLASS_COLUMN, all(c.label is None for c in clips))
        states = {s.clip_id: s.state for s in source_status(self.project, clips)}
        pairs = self.project.pairs()
        paired = {p.input.id for p in pairs} | {p.target.id for p in pairs}
        groups = {}
        for key, title in GROUPS:
            g = QTreeWidgetItem([_tr(title)])
            g.setData(0, KIND, "group")
            g.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(g)
            groups[key] = g
        unpaired = QTreeWidgetItem([self.tr("Unpaired inputs / targets")])
        unpaired.setData(0, KIND, "group")
        self.tree.addTopLevelItem(unpaired)
        for clip in clips:
            if clip.id in paired:
                continue
            parent = groups.get(clip.role, unpaired)
            parent.addChild(self._clip_item(clip, states.get(clip.id, "ok")))
        for pair in pairs:
            row = QTreeWidgetItem(
                [
                    f"{pair.input.name} ⇄ {pair.target.name}",
                    format_duration(pair.input.duration, decimals=1),
                    str(pair.input.sample_rate),
                    str(pair.input.channels),
                    split_name(pair.input.split),
                    format_text("{ms:+.1f} ms", ms=1000 * pair.offset / pair.input.sample_rate),
                ]
            )
            row.setData(0, KIND, "pair")
            row.setData(0, CLIP_ID, pair.input.id)
            row.setToolTip(0, pair_tooltip(pair))
            row.setToolTip(5, pair_confidence(pair))
            for side, clip in (("input", pair.input), ("target", pair.target)):
                child = self._clip_item(clip, states.get(clip.id, "ok"))
                child.setText(0, f"{role_name(side)}: {clip.name}")
                row.addChild(child)
            groups["pairs"].addChild(row)
            row.setExpanded(True)
        refused = rejects(self.project)
        rej = QTreeWidgetItem([self.tr("Rejected") + f" ({len(refused)})"])
        rej.setData(0, KIND, "group")
        for path, stored in refused:
            # A Message when its parts were stored (core.dataset.rejects); rejects stored
            # before that are English, of which the fixed reasons are shown translated.
            reason = translated(stored) if isinstance(stored, Message) else (
                QCoreApplication.translate("MediaFailures", stored))  # fmt: skip
            item = QTreeWidgetItem([path.rsplit("/", 1)[-1], "", "", "", "", reason])
            item.setData(0, KIND, "reject")
            item.setIcon(5, self._icons["bad"])
            item.setToolTip(0, f"{path}\n{reason}")
            item.setToolTip(5, reason)
            rej.addChild(item)
        self.tree.addTopLevelItem(rej)
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            top.setText(0, f"{top.text(0).split(' (')[0]} ({top.childCount()})")
            top.setHidden(top.childCount() == 0)
            top.setExpanded(True)
        self.tree.blockSignals(False)
        self.apply_filter(self.filter_edit.text())
        if current is not None and current in self._items:
            self.tree.setCurrentItem(self._items[current])

    def _clip_item(self, clip, state: str) -> QTreeWidgetItem:
        level, reasons = clip_health(clip, state)
        item = QTreeWidgetItem(
            [
                clip.name,
                edited_duration_text(clip),
                str(clip.sample_rate),
                str(clip.channels),
                split_name(clip.split),
                "" if level == "ok" else state_name(state),
                clip.label or "",
            ]
        )
        item.setData(0, KIND, "clip")
        item.setData(0, CLIP_ID, clip.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setIcon(5, self._icons[level])
        tip = self.tr("{path}\nrole {role}, split {split}").format(
            path=clip.path, role=role_name(clip.role), split=split_name(clip.split)
        )
        if clip.label is not None:  # the filter finds a class by name
            tip += self.tr(", class {name}").format(name=clip.label)
        if clip.decoded:
            tip += self.tr("\naudio stream {n}, read from its decoded copy {path}").format(
                n=clip.stream, path=clip.audio_path
            )
        item.setToolTip(0, tip)
        item.setToolTip(5, "\n".join(reasons))
        if state == "missing":
            item.setForeground(0, Qt.GlobalColor.red)
        self._items[clip.id] = item
        return item

    def update_clip(self, clip_id: int) -> None:
        """A clip's edits changed: its length in the list follows (a trim shortens it)."""
        item = self._items.get(clip_id)
        if item is not None and self.project is not None:
            item.setText(1, edited_duration_text(self.project.clip(clip_id)))

    def set_health(self, issues: dict[int, list[str]]) -> None:
        """Add what the dataset statistics found (clipping, DC, silence...) to the icons."""
        for clip_id, found in issues.items():
            item = self._items.get(clip_id)
            if item is None or not found:
                continue
            if item.text(5) == "":
                item.setText(5, state_name("check"))
                item.setIcon(5, self._icons["warn"])
            tip = item.toolTip(5)
            found = [translated(f) for f in found]
            item.setToolTip(5, "\n".join(([] if tip == ok_text() else [tip]) + found))

    def item_for(self, clip_id: int) -> QTreeWidgetItem | None:
        return self._items.get(clip_id)

    def listed_clip_ids(self) -> list[int]:
        return [cid for cid, item in self._items.items() if not item.isHidden()]

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                item = top.child(j)
                hay = " ".join(
                    [item.text(0), item.toolTip(0)]
                    + [item.child(k).toolTip(0) for k in range(item.childCount())]
                ).lower()
                item.setHidden(bool(needle) and needle not in hay)

    # -- selection and menu -------------------------------------------------------------
    def current_clip_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, KIND) not in ("clip", "pair"):
            return None
        return item.data(0, CLIP_ID)

    def select_clip(self, clip_id: int) -> None:
        item = self._items.get(clip_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _on_current(self, item: QTreeWidgetItem | None, _prev) -> None:
        if item is None:
            return
        kind = item.data(0, KIND)
        if kind == "clip":
            self.clip_selected.emit(int(item.data(0, CLIP_ID)))
        elif kind == "pair":
            self.pair_selected.emit(
                int(item.child(0).data(0, CLIP_ID)), int(item.child(1).data(0, CLIP_ID))
            )

    def _selected_clip_ids(self) -> list[int]:
        ids = []
        for item in self.tree.selectedItems() or [self.tree.currentItem()]:
            if item is not None and item.data(0, KIND) == "clip":
                ids.append(int(item.data(0, CLIP_ID)))
        return ids

    def _context_menu(self, pos) -> None:
        ids = self._selected_clip_ids()
        if not ids or self.project is None:
            return
        menu = self.build_context_menu(ids)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def build_context_menu(self, ids: list[int]) -> QMenu:
        return file_menu.context_menu(self, ids)

    def set_role(self, ids: list[int], role: str) -> None:
        for cid in ids:
            self.project.set_role(cid, role)
        log.info("set role %s on %d clip(s)", role, len(ids))
        self.refresh()
        self.changed.emit()

    def set_label(self, ids: list[int], label: str | None) -> None:
        class_column.set_label(self, ids, label)

    def remove_selected(self) -> None:
        ids = self._selected_clip_ids()
        if ids and self.project is not None:
            self.remove(ids)

    def remove(self, ids: list[int]) -> None:
        for cid in ids:
            self.project.remove_clip(cid)
        log.info("removed %d clip(s) from the project; files on disk untouched", len(ids))
        self.refresh()
        self.changed.emit()
