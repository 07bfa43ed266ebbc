"""A clip's channels drawn as curves in a plot, one lane each, from its peak pyramid: about two
points per pixel whatever the zoom (core.audio.peaks.view_peaks)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from core.audio import peaks
from gui.plotting import pg

LANE_HEIGHT = 2.2  # lanes of ±1 with a little gap between channels
COLOURS = ["#5fb4ff", "#7fe0a8", "#ffb86b", "#ff7fbf"]  # one per channel, then again


def lanes_bottom(channels: int) -> float:
    """The lowest y the lanes of `channels` reach (the top is 1.05)."""
    return -LANE_HEIGHT * (channels - 1) - 1.05


class PeakCurves:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self.items: list[pg.PlotDataItem] = []

    def set_channels(self, channels: int) -> None:
        for item in self.items:
            self._plot.removeItem(item)
        self.items = []
        for ch in range(channels):
            pen = pg.mkPen(COLOURS[ch % len(COLOURS)], width=1)
            item = pg.PlotDataItem(pen=pen, antialias=False, skipFiniteCheck=True)
            self._plot.addItem(item)
            self.items.append(item)

    def draw(
        self,
        pyramid: peaks.PeakPyramid,
        reader: peaks.RawReader | None,
        frames: tuple[int, int],
        pixels: int,
        transform: Callable[[np.ndarray], np.ndarray],
        x_offset: float = 0.0,
    ) -> int:
        """Draw frames [start, end) across `pixels`; returns the number of points drawn."""
        total = 0
        for ch, item in enumerate(self.items):
            vp = peaks.view_peaks(pyramid, ch, frames[0], frames[1], pixels, reader)
            y = transform(vp.y) - ch * LANE_HEIGHT
            item.setData(vp.x / pyramid.sample_rate + x_offset, y)
            total += len(vp.y)
        return total
