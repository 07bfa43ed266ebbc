"""How a training config says a value cannot work: one exception and the checks, shared by
core.train.config and the task sections it holds (core.train.classify.config)."""

from __future__ import annotations


class ConfigError(ValueError):
    """A configuration value that cannot work; the message names the field."""


def check(cond: bool, message: str) -> None:
    if not cond:
        raise ConfigError(message)


def low_high(value, name: str) -> tuple[float, float]:
    """`value` as a (low, high) pair of floats; ConfigError naming `name` unless low <= high."""
    pair = tuple(float(v) for v in value)
    check(
        len(pair) == 2 and pair[0] <= pair[1],
        f"{name}: needs (low, high) with low <= high, got {pair}",
    )
    return pair


def check_probability(p: float, name: str) -> None:
    check(0.0 <= p <= 1.0, f"{name}: probability {p} not in [0, 1]")
