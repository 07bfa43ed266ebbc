"""A fixed strip for one message at a level (info, warning, error), coloured by the
`level` rules of resources/wavesmith.qss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gui.style import set_property

LEVELS = ("info", "warning", "error")


class MessageBanner(QLabel):
    def __init__(self, parent: QWidget | None, name: str, accessible: str, lines: int = 2) -> None:
        super().__init__("", parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setWordWrap(True)
        # A fixed height, there from the start: a message that appeared, went or changed
        # its line count would resize what is under it (re-laying out the Training tab's six
        # plots, every axis re-ticked, blocked the window for ~100 ms). The log keeps long texts.
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + 10)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def say(self, text: str, level: str = "info") -> None:
        if level not in LEVELS:
            raise ValueError(f"unknown message level {level!r}")
        self.setText(text)
        self.setToolTip(text)
        set_property(self, "level", level)
