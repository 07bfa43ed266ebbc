"""Every text a person can read in a widget tree (labels, buttons, tooltips, accessible
names, tab titles, menu and action texts, table and tree headers and cells, combo items,
spin-box affixes, read-only text views, plot titles, axis labels, legends and text
items), and which of them are still English once the interface is French
(tests/gui/test_french.py).

A text counts as English when the English window shows the very same text (it was not
translated) or when it holds a word of English that French does not use; names, units and
file names are allowed (ALLOWED_WORDS, and `skip` patterns removed first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Names, units, abbreviations and words French writes the same way.
ALLOWED_WORDS = {
    *"Wavesmith ABX SI SDR PESQ STOI dB dBFS LUFS RMS Hz kHz ms GPU CPU RAM CUDA MPS DC"
    " ONNX FFT WAV FLAC MP3 Opus AAC OGG F1 JSON CSV SQLite PyTorch Qt PySide6 DDP torchrun"
    " AMP fp16 bf16 VRAM NVIDIA Ko Mo Go To min s h x Ctrl Alt Esc Tab Home End"
    " English Français OK".split(),
    # The same in French.
    *"Total Source Sources Position Date Normal Version Volume Mode Minimum Maximum Action"
    " Segments Ratio Batch Statistiques Clips Clip Export Log Description Options Pause"
    " Seed Type Zoom Info Format Notes Actions Solo Mono Stereo Audio Vide Simple Silence"
    " Test Original Gain Journal Classes".split(),
}
# Words of English that French does not use: found in a French text, it is half-translated.
ENGLISH_WORDS = set(
    """the and of to with from for this that is are not or open select file files project
    new save load play stop start training dataset noise clean speech settings help
    view quit about recent run runs model listen hardware rate sample edit undo redo cut
    trim delete split fade normalize normalise selection refresh measuring statistics
    advice yet none all any only more add remove cancel browse choose folder name role
    pair pairs paired input target label loading waiting error failed cannot
    your you it be was will has have at on by as an per each epoch epochs best loss when
    after before there here what which who how shown show hide click drop drag right left
    over under into out off than then too very no yes apply reset close window tab tabs
    used use using keep kept excluded exclude include rename merge missing changed found
    between below above while until once first last next previous second seconds
    hours voiced silent quiet loud clipping clipped waveform spectrogram channel
    channels denoise space shift del""".split()
)

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:['’][A-Za-zÀ-ÿ]+)?")
# Removed before the words are read: file names and paths, numbers with units, shortcuts.
_SKIP = (
    re.compile(r"\S*[/\\]\S*"),  # paths
    re.compile(r"\b[\w.-]+\.(?:wav|flac|mp3|ogg|opus|m4a|mp4|mkv|webm|json|csv|pt|onnx)\b", re.I),
    re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b"),  # settings as typed: data.sample_rate, torch.compile
    re.compile(r"<[^>]+>"),  # rich-text tags
    re.compile(r"&(?:nbsp|amp|lt|gt);"),
)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _action_texts(owner: str, actions: Iterable) -> Iterable[tuple[str, str]]:
    for action in actions:
        if action.isSeparator():
            continue
        where = f"{owner} action {action.objectName() or action.text()!r}"
        yield where, _plain(action.text())
        if action.toolTip() and _plain(action.toolTip()) != _plain(action.text()):
            yield where + " tooltip", action.toolTip()
        yield where + " status tip", action.statusTip()
        menu = action.menu()
        if menu is not None:
            yield from menu_texts(menu)


def menu_texts(menu: QMenu) -> Iterable[tuple[str, str]]:
    yield f"menu {menu.objectName() or menu.title()!r}", _plain(menu.title())
    yield from _action_texts(f"menu {menu.title()!r}", menu.actions())


def _count(method, default: int) -> int:
    # A list model's count takes no parent in Python and hides the overload that does.
    for args in ((), (QModelIndex(),)):
        try:
            return method(*args)
        except TypeError:
            continue
    return default


def _model_texts(where: str, view: QAbstractItemView, rows: int = 50):
    model = view.model()
    if model is None:
        return
    columns = _count(model.columnCount, 1)
    for column in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield f"{where} header {column}", value
    # The first rows, and the first rows under each of them (a tree's groups and files).
    pending = [(QModelIndex(), 0)]
    while pending:
        parent, depth = pending.pop()
        count = _count(model.rowCount, 0) if not parent.isValid() else model.rowCount(parent)
        for row in range(min(rows, count)):
            for column in range(columns):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"{where} cell {depth}:{row},{column}", value
            if depth < 3:
                pending.append((model.index(row, 0, parent), depth + 1))


def _plot_texts(where: str, widget) -> Iterable[tuple[str, str]]:
    """What a pyqtgraph view draws in words: every plot's title, axis labels and legend,
    and any text item, found in its scene (a GraphicsLayoutWidget holds several plots,
    the Training tab's six among them, and has no single plot item)."""
    from gui.plotting import pg

    for item in widget.scene().items():
        if isinstance(item, pg.AxisItem):
            if item.isVisible() or item.labelText:
                side = item.orientation
                yield f"{where} {side} axis", item.labelText or ""
                yield f"{where} {side} axis units", item.labelUnits or ""
        elif isinstance(item, pg.LabelItem):  # plot titles and legend entries
            yield f"{where} plot label", item.text or ""
        elif isinstance(item, pg.TextItem):
            yield f"{where} text item", item.toPlainText()


def widget_texts(widget: QWidget) -> Iterable[tuple[str, str]]:
    """(where, text) for the texts `widget` itself shows (not its children's)."""
    where = f"{type(widget).__name__}#{widget.objectName()}"
    if widget.isWindow():
        yield where + " title", widget.windowTitle()
    yield where + " tooltip", widget.toolTip()
    yield where + " status tip", widget.statusTip()
    yield where + " what's this", widget.whatsThis()
    yield where + " accessible name", widget.accessibleName()
    yield where + " accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield where, widget.text()
    elif isinstance(widget, QAbstractButton):
        yield where, _plain(widget.text())
    elif isinstance(widget, QGroupBox):
        yield where, _plain(widget.title())
    elif isinstance(widget, QLineEdit):
        yield where + " placeholder", widget.placeholderText()
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        yield where + " placeholder", widget.placeholderText()
        if widget.isReadOnly():  # what the program wrote there
            yield where + " text", widget.toPlainText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{where} item {i}", widget.itemText(i)
            tip = widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield f"{where} item {i} tooltip", tip
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{where} tab {i}", _plain(widget.tabText(i))
            yield f"{where} tab {i} tooltip", widget.tabToolTip(i)
    elif isinstance(widget, QProgressBar):
        yield where + " format", widget.format().replace("%p", "").replace("%v", "")
    elif isinstance(widget, QMenu):
        yield from menu_texts(widget)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        yield where + " prefix", widget.prefix()
        yield where + " suffix", widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield where + " special value", widget.specialValueText()
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(where, widget)
    if _is_plot_view(widget):
        yield from _plot_texts(where, widget)
    if not isinstance(widget, QMenu):
        yield from _action_texts(where, QWidget.actions(widget))  # a tab may shadow it


def _is_plot_view(widget: QWidget) -> bool:
    from gui.plotting import pg

    return isinstance(widget, pg.GraphicsView)


def tree_texts(root: QWidget, skip: Iterable[QWidget] = ()) -> list[tuple[str, str]]:
    """The texts of `root` and everything under it, but not under the widgets in `skip`."""
    skipped = list(skip)
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if _under(widget, skipped) or _in_combo_popup(widget):
            continue
        out.extend((w, t) for w, t in widget_texts(widget) if t and t.strip())
    return out


def _under(widget: QWidget, skipped: list[QWidget]) -> bool:
    # The parent chain, not isAncestorOf: that stops at a window (a combo box's popup).
    while widget is not None:
        if any(widget is s for s in skipped):
            return True
        widget = widget.parent()
    return False


def _in_combo_popup(widget: QWidget) -> bool:
    # The popup's list shows the combo box's items, read from the combo box itself.
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parent()
    return False


def words(text: str, extra_allowed: Iterable[str] = ()) -> list[str]:
    """The words of `text` that would need a translation (allowed ones left out)."""
    for pattern in _SKIP:
        text = pattern.sub(" ", text)
    allowed = {w.lower() for w in ALLOWED_WORDS | set(extra_allowed)}
    return [
        w
        for w in _WORD.findall(text)
        if len(w) > 1 and w.lower() not in allowed and not w.isupper()
    ]


def english_left(
    french: list[tuple[str, str]], english: Iterable[str], extra_allowed: Iterable[str] = ()
) -> list[str]:
    """The French window's texts that are still English: shown as the English window shows
    them, or holding an English word."""
    seen = set(english)
    out = []
    for where, text in french:
        left = words(text, extra_allowed)
        if not left:
            continue
        same = text in seen
        english_words = [w for w in left if w.lower() in ENGLISH_WORDS]
        if same or english_words:
            out.append(f"{where}: {text!r}")
    return out


def message_box_texts(trigger, timeout_s: float = 20.0) -> tuple[list[tuple[str, str]], object]:
    """The texts of each message box `trigger()` opens and waits on (QMessageBox.question,
    warning, exec), read while it is up and then answered with its escape button (No,
    Cancel, or OK where that is all it has); returns (texts, what `trigger` returned)."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[tuple[str, str]] = []
    answered: list[QMessageBox] = []
    end = time.monotonic() + timeout_s

    def answer() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible() and box not in answered:
                answered.append(box)
                seen.extend(tree_texts(box))
                no = QMessageBox.StandardButton
                for kind in (no.No, no.Cancel, no.Close, no.Ok):
                    if box.button(kind) is not None:
                        box.button(kind).click()
                        return
                box.reject()
                return
        if time.monotonic() > end:  # a box that never came: let the test fail, not hang
            modal = QApplication.activeModalWidget()
            if modal is not None:
                modal.close()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    try:
        result = trigger()
    finally:
        timer.stop()
    return seen, result
