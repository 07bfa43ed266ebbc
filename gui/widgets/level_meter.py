"""A horizontal level meter per channel: RMS bar, peak tick and a decaying peak hold."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.localized import number

FLOOR_DB = -60.0
HOLD_S = 1.5  # how long the peak hold stays before it falls
FALL_DB_PER_S = 20.0  # bars fall smoothly instead of flickering at the timer's rate


def to_db(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.maximum(20 * np.log10(np.maximum(np.asarray(x, float), 1e-12)), FLOOR_DB)


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        self.setAccessibleName(self.tr("Output level meter"))
        self.setMinimumSize(160, 26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.peak_db = np.full(2, FLOOR_DB)
        self.rms_db = np.full(2, FLOOR_DB)
        self.hold_db = np.full(2, FLOOR_DB)
        self._hold_time = np.zeros(2)
        self._last = time.monotonic()

    def set_levels(self, peak: np.ndarray, rms: np.ndarray) -> None:
        """Linear peak and RMS per channel of the latest block."""
        now = time.monotonic()
        fall = FALL_DB_PER_S * (now - self._last)
        self._last = now
        peak_db, rms_db = to_db(peak), to_db(rms)
        if peak_db.shape != self.peak_db.shape:
            n = len(peak_db)
            self.peak_db = self.rms_db = self.hold_db = np.full(n, FLOOR_DB)
            self._hold_time = np.zeros(n)
        self.peak_db = np.maximum(peak_db, self.peak_db - fall)
        self.rms_db = np.maximum(rms_db, self.rms_db - fall)
        newer = peak_db >= self.hold_db
        self.hold_db = np.where(newer, peak_db, self.hold_db)
        self._hold_time = np.where(newer, now, self._hold_time)
        old = now - self._hold_time > HOLD_S
        self.hold_db = np.where(old, np.maximum(self.hold_db - fall, peak_db), self.hold_db)
        self.setToolTip(
            "  ".join(
                self.tr("ch{n}: peak {peak} dBFS").format(n=i + 1, peak=number(p, 1))
                for i, p in enumerate(self.peak_db)
            )
        )
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#15181c"))
        n = len(self.peak_db)
        h = (self.height() - 2) / n
        w = self.width() - 2

        def x_of(db: float) -> float:
            return 1 + w * (db - FLOOR_DB) / -FLOOR_DB

        for i in range(n):
            y = 1 + i * h
            rms_x, peak_x = x_of(self.rms_db[i]), x_of(self.peak_db[i])
            colour = "#e05050" if self.peak_db[i] > -1 else "#4ec27a"
            p.fillRect(QRectF(1, y + 1, peak_x - 1, h - 2), QColor(colour).darker(180))
            p.fillRect(QRectF(1, y + 1, rms_x - 1, h - 2), QColor(colour))
            p.fillRect(QRectF(x_of(self.hold_db[i]) - 1, y + 1, 2, h - 2), QColor("#f0f0f0"))
        p.setPen(QColor("#888"))
        for db in (-48, -24, -12, -6, 0):
            p.drawLine(int(x_of(db)), self.height() - 4, int(x_of(db)), self.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.end()
