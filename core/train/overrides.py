"""A training config's dict form: dotted-name overrides (`--set optim.lr=1e-3`), and the
way back to the dataclasses with every value checked against its field's type.

`TrainConfig.with_overrides` calls `apply_overrides` on its dict form; string values are parsed
to the type of the field they replace, as a command line gives them. `config_from_dict` is
`TrainConfig.from_dict` (a saved config.json, a checkpoint's config, the result of overrides).
"""

from __future__ import annotations

import dataclasses
import math
import typing
from dataclasses import fields
from typing import Any, get_type_hints

from core.messages import QT_TRANSLATE_NOOP
from core.train.config import ConfigError
from core.train.config_checks import said


def apply_overrides(d: dict, cls: type, overrides: dict[str, Any]) -> dict:
    """`d` (the dict form of a `cls` config) with the dotted fields in `overrides` replaced.
    Changes `d` in place and returns it; raises ConfigError naming the key it cannot apply."""
    hints = _field_types(cls)
    for key, value in overrides.items():
        parts = key.split(".")
        node, types = d, hints
        for part in parts[:-1]:
            if part not in node or not isinstance(node[part], dict):
                raise ConfigError(
                    said(
                        QT_TRANSLATE_NOOP("ConfigErrors", "--set {key}: no section {part!r}"),
                        key=key,
                        part=part,
                    )
                )
            node, types = node[part], types[part]
        leaf = parts[-1]
        if leaf not in node or isinstance(node[leaf], dict):
            raise ConfigError(
                said(
                    QT_TRANSLATE_NOOP("ConfigErrors", "--set {key}: unknown field {leaf!r}"),
                    key=key,
                    leaf=leaf,
                )
            )
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
        said_ = QT_TRANSLATE_NOOP("ConfigErrors", "--set {key}={value}: cannot parse as {kind}")
        raise ConfigError(said(said_, key=key, value=value, kind=type(current).__name__)) from exc
    return value


def config_from_dict(cls: type, d: dict, prefix: str):
    if not isinstance(d, dict):
        said_ = QT_TRANSLATE_NOOP("ConfigErrors", "{name}: expected a mapping, got {kind}")
        raise ConfigError(said(said_, name=prefix or "config", kind=type(d).__name__))
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    unknown = set(d) - known
    if unknown:
        said_ = QT_TRANSLATE_NOOP("ConfigErrors", "{name}: unknown fields {fields}")
        raise ConfigError(said(said_, name=prefix or "config", fields=sorted(unknown)))
    kwargs = {}
    for name, value in d.items():
        t = hints[name]
        if dataclasses.is_dataclass(t):
            kwargs[name] = config_from_dict(t, value, f"{prefix}{name}.")
        else:
            kwargs[name] = _typed(value, t, f"{prefix}{name}")
    return cls(**kwargs)


def _typed(value: Any, t: Any, key: str) -> Any:
    """`value` as the field's type `t` (bool, int, float, str, or a tuple of float/str),
    else ConfigError naming `key`: a config.json written by hand, or an override, must not
    reach the trainer as a string where a number belongs, 2.5 samples, or NaN."""
    if typing.get_origin(t) is tuple:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(
                said(
                    QT_TRANSLATE_NOOP("ConfigErrors", "{key}: expected a list, got {value!r}"),
                    key=key,
                    value=value,
                )
            )
        item = typing.get_args(t)[0]
        return tuple(_typed(v, item, f"{key}[{i}]") for i, v in enumerate(value))
    if t is int and isinstance(value, float) and value.is_integer():
        value = int(value)  # 4.0 from a spin box or a hand-written file is 4
    ok = {
        bool: isinstance(value, bool),
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, (int, float)) and not isinstance(value, bool),
        str: isinstance(value, str),
    }.get(t, True)
    if not ok:
        said_ = QT_TRANSLATE_NOOP("ConfigErrors", "{key}: expected {kind}, got {value!r}")
        raise ConfigError(said(said_, key=key, kind=_TYPE_WORDS.get(t, t), value=value))
    if t is float:
        if not math.isfinite(value):
            raise ConfigError(
                said(
                    QT_TRANSLATE_NOOP("ConfigErrors", "{key}: {value} is not a finite number"),
                    key=key,
                    value=value,
                )
            )
        return float(value)
    return value


_TYPE_WORDS = {
    bool: said(QT_TRANSLATE_NOOP("ConfigErrors", "true or false")),
    int: said(QT_TRANSLATE_NOOP("ConfigErrors", "a whole number")),
    float: said(QT_TRANSLATE_NOOP("ConfigErrors", "a number")),
    str: said(QT_TRANSLATE_NOOP("ConfigErrors", "text")),
}
