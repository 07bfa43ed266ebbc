"""Shaded regions over a waveform plot, by kind: what training leaves out ("excluded") and
what "delete silence" would remove ("preview"). Regions come in frames, are drawn in seconds."""

from __future__ import annotations

from gui.plotting import pg

BRUSHES = {"excluded": (160, 160, 160, 70), "preview": (255, 70, 70, 90)}


class RegionOverlays:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._items: dict[str, list[pg.LinearRegionItem]] = {kind: [] for kind in BRUSHES}

    def set(self, kind: str, regions: list[tuple[int, int]], sample_rate: int) -> None:
        for item in self._items[kind]:
            self._plot.removeItem(item)
        self._items[kind] = []
        for s, e in regions:
            item = pg.LinearRegionItem(
                (s / sample_rate, e / sample_rate), movable=False, brush=BRUSHES[kind]
            )
            item.setZValue(5)
            for line in item.lines:
                line.setPen(pg.mkPen(None))
            self._plot.addItem(item, ignoreBounds=True)
            self._items[kind].append(item)

    def regions(self, kind: str) -> list[tuple[float, float]]:
        """The regions drawn, in seconds."""
        return [tuple(item.getRegion()) for item in self._items[kind]]
