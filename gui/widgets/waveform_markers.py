"""What is drawn over a waveform at a position: the selection box, the edit cursor and the
playhead. Positions come in seconds; the view keeps them in frames."""

from __future__ import annotations

from gui.plotting import pg


class WaveformMarkers:
    def __init__(self, plot: pg.PlotWidget) -> None:
        self.selection = pg.LinearRegionItem(brush=(90, 150, 255, 70))
        self.selection.setZValue(10)
        self.selection.hide()
        plot.addItem(self.selection, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#ffd24a", width=1))
        self.playhead = pg.InfiniteLine(angle=90, pen=pg.mkPen("#4aff88", width=2))
        self.playhead.hide()
        for line in (self.cursor, self.playhead):
            line.setZValue(20)
            plot.addItem(line, ignoreBounds=True)

    def show_selection(self, start_s: float, end_s: float) -> None:
        """Move the box without telling its listeners (they asked for it)."""
        self.selection.blockSignals(True)
        self.selection.setRegion((start_s, end_s))
        self.selection.blockSignals(False)
        self.selection.show()

    def show_playhead(self, at_s: float | None) -> None:
        if at_s is None:
            self.playhead.hide()
            return
        self.playhead.setPos(at_s)
        self.playhead.show()
