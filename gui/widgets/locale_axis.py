"""A pyqtgraph axis whose tick labels use the reader's decimal point: pyqtgraph writes
"0.5" and "1.78" the Python way, which reads as English in a French window ("0,5")."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from gui.plotting import pg


def with_decimal_point(text: str) -> str:
    """A tick label Python wrote (`0.5`, `1e-03`) with the locale's decimal point."""
    return text.replace(".", QLocale().decimalPoint())


class LocaleAxis(pg.AxisItem):
    """pg.AxisItem, its tick labels written with the locale's decimal point."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [with_decimal_point(s) for s in super().tickStrings(values, scale, spacing)]


def locale_axes(*sides: str) -> dict[str, LocaleAxis]:
    """`axisItems` for a PlotItem or PlotWidget: a LocaleAxis on each of `sides`."""
    return {side: LocaleAxis(side) for side in sides}
