"""Delete silence: its setting (a core.audio.dsp.SilenceRule), a preview of what it would
remove, and the button that asks for it. The preview only shades regions; the edit itself is
the editor's."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from core.audio import dsp
from gui.localized import format_text
from gui.widgets import factory


class SilenceTools(QObject):
    """The widgets (children of `parent`) go into a toolbar one by one (`widgets()`), so the
    toolbar hides only those that do not fit."""

    preview = Signal(list)  # [(start, end)] frames that "delete silence" would remove
    apply_requested = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("silenceTools")
        self._wave: Callable[[], object | None] = lambda: None
        default = dsp.SilenceRule()
        self.silence_threshold = factory.spin(
            parent,
            "silenceThreshold",
            self.tr("Silence threshold"),
            -90,
            -10,
            default.threshold_db,
            suffix=" dB",
        )
        self.silence_min = factory.spin(
            parent,
            "silenceMinDuration",
            self.tr("Minimum silence duration"),
            0.05,
            10,
            default.min_silence_s,
            suffix=" s",
            decimals=2,
        )
        self.silence_preview = QCheckBox(self.tr("Preview"), parent)
        self.silence_preview.setObjectName("silencePreview")
        self.silence_preview.setAccessibleName(self.tr("Preview silence to delete"))
        self.silence_preview.toggled.connect(self.update_preview)
        self.silence_threshold.valueChanged.connect(lambda _v: self.update_preview())
        self.silence_min.valueChanged.connect(lambda _v: self.update_preview())
        self.silence_apply = QPushButton(self.tr("Delete silence"), parent)
        self.silence_apply.setObjectName("silenceApply")
        self.silence_apply.setAccessibleName(self.tr("Delete silence"))
        self.silence_apply.clicked.connect(self.apply_requested)
        self._widgets = [
            QLabel(self.tr(" Silence below "), parent),
            self.silence_threshold,
            QLabel(self.tr(" for ≥ "), parent),
            self.silence_min,
            self.silence_preview,
            self.silence_apply,
        ]

    def widgets(self) -> list[QWidget]:
        """In the order they are shown."""
        return list(self._widgets)

    def set_wave_source(self, wave: Callable[[], object | None]) -> None:
        """Where the clip shown is read from (a core.dataset.clip_audio.ClipWaveform or None)."""
        self._wave = wave

    def rule(self) -> dsp.SilenceRule:
        """The setting shown (margin and frame are the rule's own)."""
        return dsp.SilenceRule(
            threshold_db=float(self.silence_threshold.value()),
            min_silence_s=float(self.silence_min.value()),
        )

    def update_preview(self) -> None:
        """Shade what "delete silence" would remove, without changing anything."""
        wave = self._wave()
        if not self.silence_preview.isChecked() or wave is None:
            self.preview.emit([])
            return
        if not wave.in_memory:
            self.message.emit(
                self.tr("Preview needs the clip in memory; apply an edit or use a shorter clip.")
            )
            self.preview.emit([])
            return
        sr = wave.pyramid.sample_rate
        mask = dsp.voiced_mask(wave.audio, sr, self.rule())
        regions = dsp.true_runs(~mask)
        self.preview.emit(regions)
        removed = int(np.count_nonzero(~mask)) / sr
        self.message.emit(
            format_text(
                self.tr(
                    "Delete silence would remove %n region(s), {seconds:.2f} s.", "", len(regions)
                ),
                seconds=removed,
            )
        )
