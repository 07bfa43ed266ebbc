"""The rows of a settings form: each edits one dotted config field through a widget (combo,
spin box, line edit or check boxes) with an error label under it that the form fills."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.train.augment_config import NOISE_KINDS
from gui.training.value_names import value_name

KINDS_PER_ROW = 4  # noise kind check boxes per row


@dataclass
class Field:
    key: str  # dotted config field, e.g. "optim.lr"
    widget: QWidget
    get: Callable[[], Any]  # raises ValueError with a message for text that does not parse
    set: Callable[[Any], None]
    error: QLabel


def object_name(text: str) -> str:
    return "".join(
        p.capitalize() if i else p for i, p in enumerate(text.replace(".", "_").split("_"))
    )


class FormFields:
    """Builds the rows into `owner`'s form layouts; `on_edit` is called after each user edit."""

    def __init__(self, owner: QWidget, on_edit: Callable[..., None]) -> None:
        self._owner = owner
        self._on_edit = on_edit
        self.fields: dict[str, Field] = {}
        self.groups: dict[str, QGroupBox] = {}  # by title
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}  # key -> its form and cell

    def group(self, layout: QVBoxLayout, title: str, shown: str | None = None) -> QFormLayout:
        """A group box known by its English `title`, showing `shown` (its translation)."""
        box = QGroupBox(title if shown is None else shown, self._owner)
        box.setObjectName(object_name("group_" + title.split()[0].lower()))
        form = QFormLayout(box)
        # A label too long beside its field (French says more) goes above it rather than
        # widen the form past the panel into a sideways scroll.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addWidget(box)
        self.groups[title] = box
        return form

    def combo(self, key: str, items, label: str, editable: bool = False) -> QComboBox:
        combo = QComboBox(self._owner)
        for item in items:
            # Each item shows the value's name and keeps the value as its data; what is
            # typed into an editable one (a device, "cuda:1") is a value itself.
            combo.addItem(value_name(item), item)
        combo.setEditable(editable)
        combo.setObjectName(object_name(key) + "Combo")
        combo.setAccessibleName(label)
        return combo

    def add(self, form: QFormLayout, key: str, label: str, widget: QWidget, get, set_) -> None:
        error = QLabel()
        error.setObjectName(object_name(key) + "Error")
        error.setProperty("fieldError", True)
        error.setWordWrap(True)
        error.hide()
        cell = QWidget(self._owner)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, cell)
        self._rows[key] = (form, cell)
        widget.setAccessibleName(label)
        self.fields[key] = Field(key, widget, get, set_, error)

    def set_row_visible(self, key: str, visible: bool) -> None:
        """Show or hide a field's whole row (its label too)."""
        form, cell = self._rows[key]
        form.setRowVisible(cell, visible)

    def add_combo(self, form, key, label, items, editable: bool = False) -> None:
        combo = self.combo(key, items, label, editable)
        if editable:
            self.add(
                form, key, label, combo, lambda c=combo: typed(c), lambda v, c=combo: select(c, v)
            )
        else:
            self.add(form, key, label, combo, combo.currentData, lambda v, c=combo: select(c, v))
        combo.currentTextChanged.connect(self._on_edit)

    def add_int(self, form, key, label, lo, hi, suffix: str = "") -> None:
        spin = QSpinBox(self._owner)
        spin.setRange(lo, hi)
        spin.setSuffix(suffix)
        spin.setObjectName(object_name(key) + "Spin")
        self.add(form, key, label, spin, spin.value, lambda v, s=spin: s.setValue(int(v)))
        spin.valueChanged.connect(self._on_edit)

    def add_float(self, form, key, label, lo, hi, decimals, suffix: str = "") -> None:
        spin = QDoubleSpinBox(self._owner)
        spin.setRange(lo, hi)
        spin.setDecimals(decimals)
        spin.setSingleStep(10**-decimals * 5 if decimals > 1 else 0.5)
        spin.setSuffix(suffix)
        spin.setObjectName(object_name(key) + "Spin")
        self.add(form, key, label, spin, spin.value, lambda v, s=spin: s.setValue(float(v)))
        spin.valueChanged.connect(self._on_edit)

    def add_text(self, form, key, label, parse, hint: str = "") -> None:
        edit = QLineEdit(self._owner)
        edit.setObjectName(object_name(key) + "Edit")
        edit.setPlaceholderText(hint.strip())

        def get(e=edit, p=parse, k=key):
            try:
                return p(e.text())
            except ValueError as exc:
                reason = QCoreApplication.translate(
                    "FormFields", "{text} is not a valid value ({reason})"
                ).format(text=repr(e.text()), reason=exc)
                raise ValueError(f"{k}: {reason}") from exc

        def set_(v, e=edit):
            e.setText(", ".join(f"{x:g}" for x in v) if isinstance(v, tuple) else f"{v:g}")

        self.add(form, key, label, edit, get, set_)
        edit.textChanged.connect(self._on_edit)

    def add_kinds(self, form: QFormLayout) -> None:
        row = QWidget(self._owner)
        # Rows of KINDS_PER_ROW: eight in one line made the form 650 px wide, wider than the
        # settings panel at 1280×800.
        box = QGridLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        checks = {}
        for i, kind in enumerate(NOISE_KINDS):
            check = QCheckBox(value_name(kind), row)
            check.setObjectName(object_name("noise_kind_" + kind) + "Check")
            check.setAccessibleName(
                QCoreApplication.translate("FormFields", "Noise kind {kind}").format(
                    kind=value_name(kind)
                )
            )
            check.toggled.connect(self._on_edit)
            box.addWidget(check, *divmod(i, KINDS_PER_ROW))
            checks[kind] = check

        def get():
            return tuple(k for k, c in checks.items() if c.isChecked())

        def set_(kinds):
            for k, c in checks.items():
                c.setChecked(k in kinds)

        label = QCoreApplication.translate("FormFields", "Noise kinds")
        self.add(form, "data.noise.kinds", label, row, get, set_)


def real_number(text: str) -> float:
    """`float(text)`, refused in the reader's language: Python's own reason ("could not
    convert string to float") is English."""
    try:
        return float(text)
    except ValueError:
        raise ValueError(QCoreApplication.translate("FormFields", "not a number")) from None


def float_pair(text: str) -> tuple[float, float]:
    parts = [p for p in text.replace(" ", "").strip("()[]").split(",") if p]
    if len(parts) != 2:
        raise ValueError(
            QCoreApplication.translate("FormFields", "two numbers separated by a comma")
        )
    return real_number(parts[0]), real_number(parts[1])


def select(combo: QComboBox, value: object) -> None:
    """Choose the item whose data is `value` (a combo showing names of values); a value
    it does not list leaves it as it is, as setCurrentText did."""
    i = combo.findData(value)
    if i >= 0:
        combo.setCurrentIndex(i)
    elif combo.isEditable():
        combo.setEditText(str(value))


def typed(combo: QComboBox) -> str:
    """An editable combo's value: the chosen item's, or the text typed in."""
    text = combo.currentText()
    i = combo.currentIndex()
    return combo.itemData(i) if i >= 0 and combo.itemText(i) == text else text
