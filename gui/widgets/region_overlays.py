"""Shaded regions over a waveform plot, by kind: what training leaves out ("excluded"),
what "delete silence" would remove ("preview"), or any other kind given a brush per region
(a classifier's detections). Regions come in frames, are drawn in seconds."""

from __future__ import annotations

from gui.plotting import pg

BRUSHES = {"excluded": (160, 160, 160, 70), "preview": (255, 70, 70, 90)}


class RegionOverlays:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._items: dict[str, list[pg.LinearRegionItem]] = {kind: [] for kind in BRUSHES}

    def set(
        self,
        kind: str,
        regions: list[tuple[int, int]],
        sample_rate: int,
        brushes: list[tuple[int, ...]] | None = None,
    ) -> None:
        """Draw `kind`'s regions instead of those drawn before; `brushes` (one per region)
        for a kind not in BRUSHES."""
        for item in self._items.get(kind, []):
            self._plot.removeItem(item)
        self._items[kind] = []
        for i, (s, e) in enumerate(regions):
            brush = brushes[i] if brushes is not None else BRUSHES[kind]
            item = pg.LinearRegionItem(
                (s / sample_rate, e / sample_rate), movable=False, brush=brush
            )
            item.setZValue(5)
            for line in item.lines:
                line.setPen(pg.mkPen(None))
            self._plot.addItem(item, ignoreBounds=True)
            self._items[kind].append(item)

    def regions(self, kind: str) -> list[tuple[float, float]]:
        """The regions drawn, in seconds."""
        return [tuple(item.getRegion()) for item in self._items.get(kind, [])]
