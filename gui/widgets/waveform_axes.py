"""The waveform view's plot and axes: its dB scale, its time ruler and the view box that turns
mouse gestures into selection, pan and zoom."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal

from gui.localized import format_duration
from gui.plotting import pg
from gui.widgets.locale_axis import with_decimal_point
from gui.widgets.peak_curves import LANE_HEIGHT

DB_RANGE = 60.0  # dB view: -60 dBFS sits on the lane's centre line, 0 dBFS on its edge


def to_db_display(y: np.ndarray, db_range: float = DB_RANGE) -> np.ndarray:
    """Map amplitude to a signed dB scale in [-1, 1] (Audacity's waveform (dB) view)."""
    mag = np.abs(y)
    with np.errstate(divide="ignore"):
        db = 20 * np.log10(np.maximum(mag, 1e-12))
    return np.sign(y) * np.clip((db + db_range) / db_range, 0, 1)


class TimeAxis(pg.AxisItem):
    """A ruler labelled in h:m:s.ms, with as many decimals as the tick spacing needs."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        decimals = 0 if spacing >= 1 else min(6, int(np.ceil(-np.log10(spacing))))
        return [format_duration(v, decimals=decimals) for v in values]


class LaneAxis(pg.AxisItem):
    """The amplitude axis, labelled per channel lane: each lane is its own -1..1 (in dB
    mode its own 0 dB at the edges), so a stereo clip reads 1 … -1, 1 … -1, not 1 … -3
    (pyqtgraph's labels of the y the second lane is drawn at)."""

    def __init__(self) -> None:
        super().__init__("left")
        self.channels = 1
        self.db_mode = False

    def set_lanes(self, channels: int, db_mode: bool) -> None:
        self.channels, self.db_mode = max(1, int(channels)), bool(db_mode)
        self.picture = None  # re-label
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        last = self.channels - 1
        values = []
        for ch in range(self.channels):
            # A lane's ±1 touches the next lane's: only the outer edges are labelled.
            rel = [
                r
                for r in (1.0, 0.5, 0.0, -0.5, -1.0)
                if abs(r) < 1 or (ch, r) in ((0, 1.0), (last, -1.0))
            ]
            values += [r - ch * LANE_HEIGHT for r in rel]
        return [(1.0, [v for v in values if minVal <= v <= maxVal])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [self.label_of(v) for v in values]

    def label_of(self, y: float) -> str:
        """What the lane `y` lies in reads at `y`: its amplitude, or its level in dB."""
        ch = min(max(round(-y / LANE_HEIGHT), 0), self.channels - 1)
        rel = y + ch * LANE_HEIGHT
        if self.db_mode:
            text = "-∞" if abs(rel) < 1e-9 else f"{(abs(rel) - 1) * DB_RANGE:.0f}"
        else:
            text = with_decimal_point(f"{rel:g}")
        return text.replace("-", "−")


class WaveViewBox(pg.ViewBox):
    """Left-drag selects, middle/right-drag or Ctrl+drag pans, wheel zooms, Shift+wheel pans."""

    drag_selected = Signal(float, float, bool)  # from, to (seconds), whether the drag ended
    clicked = Signal(float, bool)  # seconds, whether Shift was held

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self._drag_origin: float | None = None
        self.setMouseEnabled(x=True, y=False)

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802
        mods = ev.modifiers()
        if ev.button() == Qt.MouseButton.LeftButton and not (
            mods & Qt.KeyboardModifier.ControlModifier
        ):
            ev.accept()
            x = self.mapSceneToView(ev.scenePos()).x()
            if ev.isStart():
                self._drag_origin = self.mapSceneToView(ev.buttonDownScenePos()).x()
            if self._drag_origin is not None:
                self.drag_selected.emit(self._drag_origin, x, ev.isFinish())
            if ev.isFinish():
                self._drag_origin = None
            return
        if ev.button() == Qt.MouseButton.LeftButton:
            # Ctrl+drag pans like the middle button; pyqtgraph pans only on its own buttons.
            ev.accept()
            dx = self.mapSceneToView(ev.lastScenePos()).x() - self.mapSceneToView(ev.scenePos()).x()
            self.translateBy(x=dx)
            return
        super().mouseDragEvent(ev, axis)

    def mouseClickEvent(self, ev):  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            x = self.mapSceneToView(ev.scenePos()).x()
            self.clicked.emit(x, bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        super().mouseClickEvent(ev)

    def wheelEvent(self, ev, axis=None):  # noqa: N802
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            ev.accept()
            left, right = self.viewRange()[0]
            step = (right - left) * 0.1 * (-1 if ev.delta() > 0 else 1)
            self.translateBy(x=step)
            return
        super().wheelEvent(ev, axis)


def waveform_plot(view_box: WaveViewBox) -> pg.PlotWidget:
    """The plot a waveform is drawn in, over `view_box`, with a time ruler below."""
    plot = pg.PlotWidget(
        viewBox=view_box, axisItems={"bottom": TimeAxis("bottom"), "left": LaneAxis()}
    )
    plot.setObjectName("waveformPlot")
    plot.setAccessibleName(
        QCoreApplication.translate("WaveformPlot", "Waveform plot: drag to select, wheel to zoom")
    )
    plot.setBackground("#15181c")
    plot.hideButtons()
    plot.getPlotItem().getAxis("left").setWidth(42)
    return plot
