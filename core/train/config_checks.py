"""How a training config says a value cannot work: one exception and the checks, shared by
core.train.config and the task sections it holds (core.train.classify.config).

A ConfigError carries a core.messages.Message of context "ConfigErrors": its English is the
command line's, the GUI shows it translated (gui.localized.error_text). Each template is
marked where it is written, `QT_TRANSLATE_NOOP("ConfigErrors", ...)`, for lupdate; its text
starts with the dotted field it names, which the Training tab's form reads to place it.
"""

from __future__ import annotations

from typing import Any

from core.messages import QT_TRANSLATE_NOOP, Message

CONTEXT = "ConfigErrors"


class ConfigError(ValueError):
    """A configuration value that cannot work; the message names the field."""


def said(template: str, **args: Any) -> Message:
    """A ConfigError's text: `template` (marked in context "ConfigErrors") with `args`."""
    return Message(CONTEXT, template, **args)


def check(cond: bool, template: str, **args: Any) -> None:
    """ConfigError saying `template` with `args` (see `said`) unless `cond`."""
    if not cond:
        raise ConfigError(said(template, **args))


def at_least(value: float, low: float, name: str) -> None:
    """ConfigError `{name}: must be >= {low}` unless value >= low."""
    check(
        value >= low,
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: must be >= {low}"),
        name=name,
        low=low,
    )


def within(value: float, low: float, high: float, name: str) -> None:
    """ConfigError `{name}: must be in {low}..{high}` unless low <= value <= high."""
    check(
        low <= value <= high,
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: must be in {low}..{high}"),
        name=name,
        low=low,
        high=high,
    )


def low_high(value, name: str) -> tuple[float, float]:
    """`value` as a (low, high) pair of floats; ConfigError naming `name` unless low <= high."""
    pair = tuple(float(v) for v in value)
    check(
        len(pair) == 2 and pair[0] <= pair[1],
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: needs (low, high) with low <= high, got {pair}"),
        name=name,
        pair=pair,
    )
    return pair


def check_probability(p: float, name: str) -> None:
    check(
        0.0 <= p <= 1.0,
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: probability {p} not in [0, 1]"),
        name=name,
        p=p,
    )


def value_in(value: float, low: float, high: float, name: str) -> None:
    """ConfigError `{name}: {value} not in {low}..{high}` unless low <= value <= high."""
    check(
        low <= value <= high,
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {value} not in {low}..{high}"),
        name=name,
        value=value,
        low=low,
        high=high,
    )


def one_of(value: str, choices: tuple[str, ...], name: str) -> None:
    """ConfigError `{name}: 'x' not in (choices)` unless value is one of `choices`."""
    check(
        value in choices,
        QT_TRANSLATE_NOOP("ConfigErrors", "{name}: {value!r} not in {choices}"),
        name=name,
        value=value,
        choices=choices,
    )


def positive(value: float, name: str) -> None:
    """ConfigError `{name}: must be > 0` unless value > 0."""
    check(value > 0, QT_TRANSLATE_NOOP("ConfigErrors", "{name}: must be > 0"), name=name)
