"""How a training config says a value cannot work: one exception and one check, shared by
core.train.config and the task sections it holds (core.train.classify.config)."""

from __future__ import annotations


class ConfigError(ValueError):
    """A configuration value that cannot work; the message names the field."""


def check(cond: bool, message: str) -> None:
    if not cond:
        raise ConfigError(message)
