"""The words shown for what core stores as identifiers: a clip's role (`clean`, `noise`,
`input`, `target`) and its split (`train`, `val`, `test`), in the reader's language.
Core, the index and the files written keep the identifiers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_name(role: str) -> str:
    names = {
        "clean": QCoreApplication.translate("RoleNames", "clean"),
        "noise": QCoreApplication.translate("RoleNames", "noise"),
        "input": QCoreApplication.translate("RoleNames", "input"),
        "target": QCoreApplication.translate("RoleNames", "target"),
    }
    return names.get(role, role)


def split_name(split: str) -> str:
    names = {
        "train": QCoreApplication.translate("RoleNames", "train"),
        "val": QCoreApplication.translate("RoleNames", "val"),
        "test": QCoreApplication.translate("RoleNames", "test"),
    }
    return names.get(split, split)
