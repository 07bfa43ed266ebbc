"""The spectrogram under a waveform: built the first time it is asked for, time-linked to the
waveform's plot, recomputed for the visible range once the user stops zooming."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout

from gui.plotting import pg
from gui.widgets.locale_axis import locale_axes
from gui.widgets.waveform_axes import TimeAxis

SPECTROGRAM_MAX_FRAMES = 4_000_000  # beyond this the spectrogram asks to zoom in


class SpectrogramLane(QObject):
    """`source()` gives (reader, sample rate, (start, end) frames shown), or None."""

    def __init__(
        self,
        parent: QObject,
        layout: QBoxLayout,
        above: pg.PlotWidget,
        source: Callable[[], tuple | None],
    ) -> None:
        super().__init__(parent)
        self._layout, self._above, self._source = layout, above, source
        # Built when first shown: a plot is ~40 ms, and the window's start-up builds four
        # views (docs/bench/startup.md) whose spectrograms are off until asked for.
        self.built: pg.PlotWidget | None = None
        self.image: pg.ImageItem | None = None
        self._name = "spectrogramPlot"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # recompute once the user stops zooming
        self._timer.timeout.connect(self.update)

    @property
    def plot(self) -> pg.PlotWidget:
        """The spectrogram plot, built on first use."""
        if self.built is None:
            plot = pg.PlotWidget(axisItems={"bottom": TimeAxis("bottom"), **locale_axes("left")})
            plot.setObjectName(self._name)
            plot.setAccessibleName(QCoreApplication.translate("SpectrogramLane", "Spectrogram"))
            plot.setBackground("#15181c")
            plot.hideButtons()
            plot.setMouseEnabled(x=False, y=False)
            plot.getPlotItem().getAxis("left").setWidth(42)
            plot.setXLink(self._above)
            self.image = pg.ImageItem()
            self.image.setColorMap(pg.colormap.get("magma"))
            plot.addItem(self.image)
            self._note = pg.TextItem("", color="#aaa")
            plot.addItem(self._note)
            plot.hide()
            self._layout.insertWidget(self._layout.indexOf(self._above) + 1, plot, 3)
            self.built = plot
        return self.built

    def set_name(self, name: str) -> None:
        """The object name the plot gets when it is built."""
        self._name = name
        if self.built is not None:
            self.built.setObjectName(name)

    def set_visible(self, on: bool) -> None:
        if not on and self.built is None:
            return
        self.plot.setVisible(bool(on))
        if on:
            self.update()

    def range_changed(self) -> None:
        if self.built is not None and self.built.isVisible():
            self._timer.start()

    def update(self) -> None:
        source = self._source()
        if source is None or self.built is None or not self.built.isVisible():
            return
        from scipy.signal import spectrogram

        reader, sr, (start, end) = source
        if end - start > SPECTROGRAM_MAX_FRAMES or end - start < 512:
            self.image.clear()
            self._note.setText(
                QCoreApplication.translate("SpectrogramLane", "zoom in to see the spectrogram")
            )
            self._note.setPos(start / sr, sr / 2)
            return
        self._note.setText("")
        mono = np.asarray(reader(start, end)).mean(axis=1)
        nperseg = 1024 if end - start > 1024 * 64 else 512
        f, _t, sxx = spectrogram(mono, fs=sr, nperseg=nperseg, noverlap=nperseg // 2)
        img = 10 * np.log10(sxx + 1e-12)
        self.image.setImage(img.T, levels=(img.max() - 90, img.max()))
        self.image.setRect(pg.QtCore.QRectF(start / sr, 0, (end - start) / sr, f[-1]))
        self.built.setYRange(0, f[-1], padding=0)
