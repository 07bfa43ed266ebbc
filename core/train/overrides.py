"""Dotted-name overrides of a training config: `--set optim.lr=1e-3` on the command line.

`TrainConfig.with_overrides` calls `apply_overrides` on its dict form; string values are parsed
to the type of the field they replace, as a command line gives them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import fields
from typing import Any, get_type_hints

from core.train.config import ConfigError


def apply_overrides(d: dict, cls: type, overrides: dict[str, Any]) -> dict:
    """`d` (the dict form of a `cls` config) with the dotted fields in `overrides` replaced.
    Changes `d` in place and returns it; raises ConfigError naming the key it cannot apply."""
    hints = _field_types(cls)
    for key, value in overrides.items():
        parts = key.split(".")
        node, types = d, hints
        for part in parts[:-1]:
            if part not in node or not isinstance(node[part], dict):
                raise ConfigError(f"--set {key}: no section {part!r}")
            node, types = node[part], types[part]
        leaf = parts[-1]
        if leaf not in node or isinstance(node[leaf], dict):
            raise ConfigError(f"--set {key}: unknown field {leaf!r}")
        node[leaf] = _parse_value(value, node[leaf], key)
    return d


def _field_types(cls: type) -> dict:
    hints = get_type_hints(cls)
    out = {}
    for f in fields(cls):
        t = hints[f.name]
        out[f.name] = _field_types(t) if dataclasses.is_dataclass(t) else t
    return out


def _parse_value(value: Any, current: Any, key: str) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if isinstance(current, bool):
            if value.lower() in ("1", "true", "yes", "on"):
                return True
            if value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, (tuple, list)):
            items = [v for v in value.replace(" ", "").strip("()[]").split(",") if v]
            kind = type(current[0]) if current else str
            return tuple(kind(v) for v in items)
    except ValueError as exc:
        raise ConfigError(f"--set {key}={value}: cannot parse as {type(current).__name__}") from exc
    return value
