"""What a person reads, in their language: numbers with the locale's decimal point and
grouping (`QLocale()`, set by gui.i18n), durations and byte sizes in its units, and core's
messages (core.messages.Message) translated.

Only for the screen: files written for machines (CSV, JSON, the run folder) keep Python's
formatting, and core's own strings stay English.
"""

from __future__ import annotations

import math
import re
import string
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QLocale

from core import units
from core.messages import COUNT, Message, message_of

_SPEC = re.compile(
    r"(?P<align>[<>^]?)(?P<sign>\+?)(?P<width>\d*)(?P<group>,?)(?:\.(?P<prec>\d+))?(?P<kind>[dfge%]?)"
)


def number(
    value: float, decimals: int | None = None, significant: int = 6, grouped: bool = False
) -> str:
    """`value` in the reader's locale: `1 234,5` in French; `decimals` None writes an int
    whole and a float with up to `significant` digits (as `{:.6g}` does). `grouped` (a
    `{:,}` in the template) groups thousands even where the locale leaves them (Qt's C
    locale, a system without one: "2,147,483,647" as the English text has it)."""
    locale = QLocale()
    if grouped:
        omit = QLocale.NumberOption.OmitGroupSeparator
        locale.setNumberOptions(locale.numberOptions() & ~omit)
    if isinstance(value, int) and decimals is None:
        return locale.toString(value)
    if not math.isfinite(value):
        return "−∞" if value < 0 else ("∞" if value > 0 else "NaN")
    if decimals is None:
        return locale.toString(float(value), "g", significant)
    return locale.toString(float(value), "f", decimals)


def _in_sequence(value: Any) -> str:
    # A number inside a tuple or list as Python writes it (15.0 stays "15.0": the reader
    # sees a float) but with the locale's decimal point.
    if isinstance(value, tuple | list):
        return sequence(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return repr(value)
    if isinstance(value, int):  # no grouping: "44,100" would read as two items in English
        return str(value)
    return repr(value).replace(".", QLocale().decimalPoint())


def sequence(values: tuple | list) -> str:
    """A tuple or list of numbers (a setting a config check quotes) in the reader's
    locale: `(15.0, 0.0)` in English, `(15,0 ; 0,0)` in French, where a comma inside a
    number leaves the semicolon to part them."""
    point = QLocale().decimalPoint()
    sep = " ; " if point == "," else ", "
    inside = sep.join(_in_sequence(v) for v in values)
    if isinstance(values, list):
        return f"[{inside}]"
    return f"({inside},)" if len(values) == 1 and point != "," else f"({inside})"


def _numbers_only(value: Any) -> bool:
    if isinstance(value, tuple | list):
        return all(_numbers_only(v) for v in value)
    return isinstance(value, int | float) and not isinstance(value, bool)


class _LocaleFormatter(string.Formatter):
    """str.format with numbers written by `number` (`{x:.1f}` gives `1,5` in French,
    `{lr:.2e}` gives `2,00e-03`, `{pair}` of (15.0, 0.0) gives `(15,0 ; 0,0)`)."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        # `{value!r}` of numbers: still the numbers, so format_field writes them the
        # reader's way (a string keeps its quotes).
        if conversion == "r" and _numbers_only(value):
            return value
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        match = _SPEC.fullmatch(format_spec)
        if isinstance(value, tuple | list) and value and _numbers_only(value):
            return format(sequence(value), format_spec)
        if isinstance(value, bool) or not isinstance(value, int | float) or match is None:
            return super().format_field(translated(value), format_spec)
        prec, kind = match["prec"], match["kind"]
        if kind == "%":
            text = number(100 * value, int(prec) if prec else 6) + " %"
        elif kind == "g":  # "{step:.3g} s": three significant digits, "2,32 s"
            text = number(float(value), significant=int(prec) if prec else 6)
        elif kind == "e":  # a learning rate: "2.00e-03" is "2,00e-03" in French
            text = format(float(value), f".{prec or 6}e").replace(".", QLocale().decimalPoint())
        else:
            decimals = int(prec) if prec is not None else None
            text = number(value, decimals, grouped=bool(match["group"]))
        if match["sign"] and value >= 0:  # "{gain:+.1f}": a gain says its sign
            text = "+" + text
        return format(text, f"{match['align'] or '>'}{match['width']}")


_FORMATTER = _LocaleFormatter()


def format_text(template: str, **args: Any) -> str:
    """`template.format(**args)` with the numbers in the reader's locale."""
    return _FORMATTER.vformat(template, (), args)


def translated(text: Any) -> Any:
    """A core Message in the reader's language (its arguments too); anything else as it is."""
    if not isinstance(text, Message):
        return text
    if text.count is None:
        template = QCoreApplication.translate(text.context, text.template)
        return format_text(template, **text.args)
    n = text.count
    template = QCoreApplication.translate(text.context, text.template, None, n)
    if template == text.template.replace(COUNT, str(n)) and text.english is not None:
        # No catalog holds it (an English window without its plural forms, a text not
        # translated yet): the English forms the Message carries, not "1 file(s)".
        template = text.english[0 if n == 1 else 1].replace(COUNT, number(n))
    return format_text(template, **text.args)


def _unit(unit: str) -> str:
    # Each name written out, so lupdate finds it (context "Units").
    names = {
        "GB": QCoreApplication.translate("Units", "GB"),
        "MB": QCoreApplication.translate("Units", "MB"),
        "KB": QCoreApplication.translate("Units", "KB"),
        "s": QCoreApplication.translate("Units", "s"),
        "min": QCoreApplication.translate("Units", "min"),
        "h": QCoreApplication.translate("Units", "h"),
        "days": QCoreApplication.translate("Units", "days"),
    }
    return names[unit]


def format_bytes(n: float | None) -> str:
    """core.units.format_bytes in the reader's language: `3,0 Go` in French."""
    if n is None:
        return QCoreApplication.translate("Units", "unknown")
    value, decimals, unit = units.bytes_in_unit(n)
    return f"{number(value, decimals)} {_unit(unit)}"


def format_duration(
    seconds: float | None, style: Literal["clock", "rough"] = "clock", decimals: int = 0
) -> str:
    """core.units.format_duration in the reader's language: `1:02,5` and `1,5 h` in French."""
    if style == "rough" and seconds is not None and math.isfinite(seconds):
        value, places, unit = units.rough_in_unit(seconds)
        return f"{number(value, places)} {_unit(unit)}"
    return units.format_duration(seconds, style, decimals, decimal_point=QLocale().decimalPoint())


def error_text(error: Any) -> str:
    """What an error says, in the reader's language: an exception raised with a core
    Message (core.messages.message_of), or a Message as a job's `errored` delivers it, is
    translated; any other text is shown as it is."""
    if isinstance(error, BaseException):
        error = message_of(error)
    return str(translated(error)) if error is not None else ""
