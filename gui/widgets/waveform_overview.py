"""The whole clip in a strip under the waveform, with a box over the part shown: dragging
the box pans the view."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Signal

from core.audio import peaks
from gui.plotting import pg
from gui.widgets.peak_curves import PeakCurves, lanes_bottom


class WaveformOverview(pg.PlotWidget):
    region_dragged = Signal(float, float)  # seconds

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("waveformOverview")
        self.setAccessibleName(self.tr("Overview of the whole clip: drag the box to pan"))
        self.setBackground("#101215")
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.getPlotItem().hideAxis("bottom")
        self.getPlotItem().getAxis("left").setWidth(42)
        self.getPlotItem().getAxis("left").setStyle(showValues=False)
        self.setFixedHeight(54)
        self.region = pg.LinearRegionItem(brush=(120, 170, 255, 50))
        self.region.sigRegionChanged.connect(self._on_region_changed)
        self.addItem(self.region)
        self.curves = PeakCurves(self)

    def set_extent(self, duration: float, channels: int) -> None:
        self.setXRange(0, duration, padding=0)
        self.setYRange(lanes_bottom(channels), 1.05, padding=0)
        self.region.setBounds((0, duration))

    def draw(
        self,
        pyramid: peaks.PeakPyramid,
        reader: peaks.RawReader | None,
        transform: Callable[[np.ndarray], np.ndarray],
    ) -> None:
        width = max(200, int(self.width()))
        self.curves.draw(pyramid, reader, (0, pyramid.frames), width, transform)

    def show_range(self, left: float, right: float) -> None:
        """Move the box to the part shown, without panning the view back."""
        self.region.blockSignals(True)
        self.region.setRegion((left, right))
        self.region.blockSignals(False)

    def _on_region_changed(self) -> None:
        left, right = self.region.getRegion()
        if right > left:
            self.region_dragged.emit(left, right)
