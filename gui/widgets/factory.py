"""The one way the tabs make their buttons, combos, spin boxes, cards and tables.

Every widget gets its objectName (tests and screenshots find widgets by it) and an
accessible name (screen readers say it). The argument order is the same everywhere:
parent, then what the user reads, then the name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


def button(
    parent: QWidget,
    text: str,
    name: str,
    *,
    slot: Callable[[], object] | None = None,
    accessible: str | None = None,
    tooltip: str = "",
    checkable: bool = False,
) -> QPushButton:
    """A push button; `accessible` defaults to the text without its "…". The slot is called
    without arguments, never with `checked` (a slot with a default argument would get it)."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setAccessibleName(accessible if accessible is not None else text.rstrip("…"))
    if tooltip:
        b.setToolTip(tooltip)
    b.setCheckable(checkable)
    if slot is not None:
        b.clicked.connect(lambda _checked=False: slot())
    return b


def combo(
    parent: QWidget,
    name: str,
    accessible: str,
    items: Iterable[str | tuple[str, object]] = (),
    *,
    min_chars: int | None = None,
) -> QComboBox:
    """A combo box of `items`: texts, or (text, data) pairs. With `min_chars` it is at least
    that many characters wide and grows no wider with long entries (file paths)."""
    c = QComboBox(parent)
    c.setObjectName(name)
    c.setAccessibleName(accessible)
    for item in items:
        if isinstance(item, tuple):
            c.addItem(item[0], item[1])
        else:
            c.addItem(item)
    if min_chars is not None:
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(min_chars)
    return c


def spin(
    parent: QWidget,
    name: str,
    accessible: str,
    lo: float,
    hi: float,
    value: float,
    *,
    suffix: str = "",
    decimals: int = 1,
    step: float | None = None,
) -> QDoubleSpinBox:
    s = QDoubleSpinBox(parent)
    s.setObjectName(name)
    s.setAccessibleName(accessible)
    s.setDecimals(decimals)  # first: it rounds the range and the value
    s.setRange(lo, hi)
    if step is not None:
        s.setSingleStep(step)
    s.setValue(value)
    s.setSuffix(suffix)
    return s


def int_spin(
    parent: QWidget, name: str, accessible: str, lo: int, hi: int, value: int, *, suffix: str = ""
) -> QSpinBox:
    s = QSpinBox(parent)
    s.setObjectName(name)
    s.setAccessibleName(accessible)
    s.setRange(lo, hi)
    s.setValue(value)
    s.setSuffix(suffix)
    return s


def card(parent: QWidget, title: str, name: str) -> tuple[QGroupBox, QLabel]:
    """A titled box holding one selectable rich-text label (named `name + "Text"`); styled
    by the `card` rules of resources/wavesmith.qss."""
    box = QGroupBox(title, parent)
    box.setObjectName(name)
    box.setProperty("card", True)
    label = QLabel(box)
    label.setObjectName(name + "Text")
    label.setAccessibleName(title)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    QVBoxLayout(box).addWidget(label)
    return box, label


def titled_box(parent: QWidget, title: str, name: str) -> QGroupBox:
    """A titled box styled as a card, for panels that lay out their own contents."""
    box = QGroupBox(title, parent)
    box.setObjectName(name)
    box.setProperty("card", True)
    return box


def table(
    parent: QWidget,
    name: str,
    columns: tuple[str, ...],
    accessible: str,
    edit: QAbstractItemView.EditTrigger = QAbstractItemView.EditTrigger.NoEditTriggers,
) -> QTableWidget:
    """A table of whole rows: its first column stretches, no row numbers, the headers named
    (`name + "Columns"` / `"Rows"`) for tests and screen readers."""
    t = QTableWidget(0, len(columns), parent)
    t.setObjectName(name)
    t.setAccessibleName(accessible)
    t.setHorizontalHeaderLabels(list(columns))
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().hide()
    for header, what, said in (
        (
            t.horizontalHeader(),
            "Columns",
            QCoreApplication.translate("Table", "Columns of the table"),
        ),
        (t.verticalHeader(), "Rows", QCoreApplication.translate("Table", "Rows of the table")),
    ):
        header.setObjectName(f"{name}{what}")
        header.setAccessibleName(said)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(edit)
    corner = t.findChild(QAbstractButton, "qt_tableview_cornerbutton")  # "select all"
    if corner is not None:
        corner.setAccessibleName(QCoreApplication.translate("factory", "Select every row"))
    return t
