"""The waveform view: peak-pyramid drawing, zoom/pan, selection, cursor, overlays.

Every redraw asks core.audio.peaks.view_peaks for about two points per pixel, so drawing an
hour of audio costs the same as drawing a second of it. The x axis is in seconds;
selection and cursor are kept in frames (the unit edits are stored in).
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from core.audio import peaks
from core.audio.zero_crossing import snap_to_zero_crossing
from core.units import format_duration
from gui.plotting import pg

log = logging.getLogger(__name__)

DB_RANGE = 60.0  # dB view: -60 dBFS sits on the lane's centre line, 0 dBFS on its edge
SNAP_RADIUS_S = 0.01  # zero crossings are looked for within 10 ms of the pointer
SPECTROGRAM_MAX_FRAMES = 4_000_000  # beyond this the spectrogram asks to zoom in
LANE_HEIGHT = 2.2  # lanes of ±1 with a little gap between channels


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


class _WaveViewBox(pg.ViewBox):
    """Left-drag selects, middle/right-drag or Ctrl+drag pans, wheel zooms, Shift+wheel pans."""

    def __init__(self, owner: WaveformView) -> None:
        super().__init__(enableMenu=False)
        self._owner = owner
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
                self._owner._drag_select(self._drag_origin, x, finished=ev.isFinish())
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
            self._owner._click(x, shift=bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier))
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


class WaveformView(QWidget):
    """Shows one clip (a pyramid plus a raw reader); emits selection and cursor changes."""

    selection_changed = Signal(int, int)  # frames; (0, 0) when cleared
    cursor_moved = Signal(int)
    view_changed = Signal(float, float)  # seconds shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveformView")
        self.setAccessibleName("Waveform")
        self.pyramid: peaks.PeakPyramid | None = None
        self.reader: peaks.RawReader | None = None
        self.sample_rate = 1
        self.frames = 0
        self.db_mode = False
        self.snap = False
        self.cursor = 0
        self._selection: tuple[int, int] | None = None
        self._curves: list[pg.PlotDataItem] = []
        self._overview_curves: list[pg.PlotDataItem] = []
        self._overlays: dict[str, list[pg.LinearRegionItem]] = {"excluded": [], "preview": []}
        self.last_points = 0  # points drawn by the last redraw (the bench reads it)
        # Seconds added to every x: a pair's target is drawn shifted by its measured offset
        # so it lines up under the input.
        self.time_offset = 0.0
        self.read_only = False  # a follower view (a pair's target) shows, never selects
        self._leader: WaveformView | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)

        self.plot = pg.PlotWidget(
            viewBox=_WaveViewBox(self), axisItems={"bottom": TimeAxis("bottom")}
        )
        self.plot.setObjectName("waveformPlot")
        self.plot.setAccessibleName("Waveform plot: drag to select, wheel to zoom")
        self.plot.setBackground("#15181c")
        self.plot.hideButtons()
        self.plot.getPlotItem().getAxis("left").setWidth(42)
        self.vb: _WaveViewBox = self.plot.getPlotItem().getViewBox()
        self.vb.sigXRangeChanged.connect(self._on_range_changed)
        layout.addWidget(self.plot, 5)
        self._layout = layout
        # Built when first shown: a plot is ~40 ms, and the window's start-up builds four
        # views (docs/bench/startup.md) whose spectrograms are off until asked for.
        self._spectrogram: pg.PlotWidget | None = None
        self._spectrogram_name = "spectrogramPlot"
        self._spec_timer = QTimer(self)
        self._spec_timer.setSingleShot(True)
        self._spec_timer.setInterval(150)  # recompute once the user stops zooming
        self._spec_timer.timeout.connect(self._update_spectrogram)

        self.overview = pg.PlotWidget()
        self.overview.setObjectName("waveformOverview")
        self.overview.setAccessibleName("Overview of the whole clip: drag the box to pan")
        self.overview.setBackground("#101215")
        self.overview.hideButtons()
        self.overview.setMouseEnabled(x=False, y=False)
        self.overview.getPlotItem().hideAxis("bottom")
        self.overview.getPlotItem().getAxis("left").setWidth(42)
        self.overview.getPlotItem().getAxis("left").setStyle(showValues=False)
        self.overview.setFixedHeight(54)
        self._overview_region = pg.LinearRegionItem(brush=(120, 170, 255, 50))
        self._overview_region.sigRegionChanged.connect(self._on_overview_dragged)
        self.overview.addItem(self._overview_region)
        layout.addWidget(self.overview)

        self._selection_item = pg.LinearRegionItem(brush=(90, 150, 255, 70))
        self._selection_item.setZValue(10)
        self._selection_item.sigRegionChangeFinished.connect(self._on_selection_item_moved)
        self._selection_item.hide()
        self.plot.addItem(self._selection_item, ignoreBounds=True)
        self._cursor_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#ffd24a", width=1))
        self._playhead = pg.InfiniteLine(angle=90, pen=pg.mkPen("#4aff88", width=2))
        self._playhead.hide()
        for line in (self._cursor_line, self._playhead):
            line.setZValue(20)
            self.plot.addItem(line, ignoreBounds=True)
        self._empty = QLabel("Select a clip to see its waveform.", self)
        self._empty.setObjectName("waveformEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._empty)
        # While a long clip's peak pyramid builds (or its decoded copy is made again), the
        # view says how far it has got.
        self.progress = QProgressBar(self)
        self.progress.setObjectName("waveformProgress")
        self.progress.setAccessibleName("Waveform loading progress")
        self.progress.hide()
        layout.addWidget(self.progress)

    # -- source --------------------------------------------------------------------------
    def set_source(
        self,
        pyramid: peaks.PeakPyramid | None,
        reader: peaks.RawReader | None = None,
        keep_view: bool = False,
    ) -> None:
        """Show a clip; keep_view keeps zoom and selection (after an edit of the same clip)."""
        old_range = self.vb.viewRange()[0]
        self.progress.hide()
        self.pyramid, self.reader = pyramid, reader
        self._empty.setVisible(pyramid is None)
        for curve in self._curves + self._overview_curves:
            curve.getViewBox().removeItem(curve) if curve.getViewBox() else None
        self._curves, self._overview_curves = [], []
        if pyramid is None:
            self.frames = 0
            self.clear_selection()
            self.set_preview([])
            self.set_excluded([])
            return
        self.sample_rate, self.frames = pyramid.sample_rate, pyramid.frames
        colours = ["#5fb4ff", "#7fe0a8", "#ffb86b", "#ff7fbf"]
        for ch in range(pyramid.channels):
            pen = pg.mkPen(colours[ch % len(colours)], width=1)
            curve = pg.PlotDataItem(pen=pen, antialias=False, skipFiniteCheck=True)
            self.plot.addItem(curve)
            self._curves.append(curve)
            ov = pg.PlotDataItem(pen=pen, antialias=False, skipFiniteCheck=True)
            self.overview.addItem(ov)
            self._overview_curves.append(ov)
        duration = self.duration
        lanes = pyramid.channels
        y_low = -LANE_HEIGHT * (lanes - 1) - 1.05
        if self._leader is None:
            self.vb.setLimits(xMin=0, xMax=duration, minXRange=8 / self.sample_rate)
        self.vb.setYRange(y_low, 1.05, padding=0)
        self.overview.setXRange(0, duration, padding=0)
        self.overview.setYRange(y_low, 1.05, padding=0)
        self._overview_region.setBounds((0, duration))
        self._draw_overview()
        if self._leader is not None:
            pass  # the leader decides what is shown
        elif keep_view and old_range[1] - old_range[0] > 0 and old_range[0] < duration:
            self.vb.setXRange(old_range[0], min(old_range[1], duration), padding=0)
            if self._selection is not None:
                s, e = self._selection
                self.set_selection(min(s, self.frames), min(e, self.frames))
            self.set_cursor(min(self.cursor, self.frames))
        else:
            self.clear_selection()
            self.set_cursor(0)
            self.fit()
        self.redraw()

    def show_progress(self, text: str, done: int, total: int) -> None:
        """Progress of the waveform being prepared, in place of the waveform."""
        scaled = 1000 * done // max(1, total)
        self.progress.setRange(0, 1000)
        self.progress.setValue(min(1000, scaled))
        self.progress.setFormat(f"{text}: {scaled // 10} %")
        self.progress.show()
        self._empty.setText(text)

    def hide_progress(self) -> None:
        self.progress.hide()
        self._empty.setText("Select a clip to see its waveform.")

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate if self.frames else 0.0

    # -- drawing -------------------------------------------------------------------------
    def visible_frames(self) -> tuple[int, int]:
        left, right = (x - self.time_offset for x in self.vb.viewRange()[0])
        return (
            int(max(0, np.floor(left * self.sample_rate))),
            int(min(self.frames, np.ceil(right * self.sample_rate))),
        )

    def _pixels(self) -> int:
        return max(64, int(self.vb.width() or self.plot.width()))

    def _transform(self, y: np.ndarray) -> np.ndarray:
        return to_db_display(y) if self.db_mode else y

    def redraw(self) -> int:
        """Recompute the curves for the visible range; returns the number of points drawn."""
        if self.pyramid is None:
            return 0
        start, end = self.visible_frames()
        pixels = self._pixels()
        total = 0
        for ch, curve in enumerate(self._curves):
            vp = peaks.view_peaks(self.pyramid, ch, start, end, pixels, self.reader)
            y = self._transform(vp.y) - ch * LANE_HEIGHT
            curve.setData(vp.x / self.sample_rate + self.time_offset, y)
            total += len(vp.y)
        self.last_points = total
        return total

    def _draw_overview(self) -> None:
        width = max(200, int(self.overview.width()))
        for ch, curve in enumerate(self._overview_curves):
            vp = peaks.view_peaks(self.pyramid, ch, 0, self.frames, width, self.reader)
            curve.setData(vp.x / self.sample_rate, self._transform(vp.y) - ch * LANE_HEIGHT)

    def _on_range_changed(self, *_args) -> None:
        left, right = self.vb.viewRange()[0]
        self._overview_region.blockSignals(True)
        self._overview_region.setRegion((left, right))
        self._overview_region.blockSignals(False)
        self.redraw()
        if self._spectrogram is not None and self._spectrogram.isVisible():
            self._spec_timer.start()
        self.view_changed.emit(left, right)

    def _on_overview_dragged(self) -> None:
        left, right = self._overview_region.getRegion()
        if right > left:
            self.vb.setXRange(left, right, padding=0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.pyramid is not None:
            self.redraw()
            self._draw_overview()

    # -- zoom ----------------------------------------------------------------------------
    def set_view(self, start_s: float, end_s: float) -> None:
        self.vb.setXRange(max(0.0, start_s), min(self.duration, end_s), padding=0)

    def fit(self) -> None:
        if self.frames:
            self.vb.setXRange(0, self.duration, padding=0)

    def zoom(self, factor: float, centre_s: float | None = None) -> None:
        """factor < 1 zooms in around centre_s (default: the middle of the view)."""
        left, right = self.vb.viewRange()[0]
        c = (left + right) / 2 if centre_s is None else centre_s
        self.set_view(c - (c - left) * factor, c + (right - c) * factor)

    def zoom_to_selection(self) -> None:
        if self._selection is not None:
            s, e = self._selection
            pad = (e - s) * 0.02
            self.set_view((s - pad) / self.sample_rate, (e + pad) / self.sample_rate)

    def pan(self, fraction: float) -> None:
        left, right = self.vb.viewRange()[0]
        self.vb.translateBy(x=(right - left) * fraction)

    # -- display modes -------------------------------------------------------------------
    def set_db(self, on: bool) -> None:
        self.db_mode = bool(on)
        if self.pyramid is not None:
            self.redraw()
            self._draw_overview()

    @property
    def spectrogram(self) -> pg.PlotWidget:
        """The spectrogram plot under the waveform, built on first use."""
        if self._spectrogram is None:
            plot = pg.PlotWidget(axisItems={"bottom": TimeAxis("bottom")})
            plot.setObjectName(self._spectrogram_name)
            plot.setAccessibleName("Spectrogram")
            plot.setBackground("#15181c")
            plot.hideButtons()
            plot.setMouseEnabled(x=False, y=False)
            plot.getPlotItem().getAxis("left").setWidth(42)
            plot.setXLink(self.plot)
            self._spec_image = pg.ImageItem()
            self._spec_image.setColorMap(pg.colormap.get("magma"))
            plot.addItem(self._spec_image)
            self._spec_note = pg.TextItem("", color="#aaa")
            plot.addItem(self._spec_note)
            plot.hide()
            self._layout.insertWidget(self._layout.indexOf(self.plot) + 1, plot, 3)
            self._spectrogram = plot
        return self._spectrogram

    def set_spectrogram_name(self, name: str) -> None:
        """The object name the spectrogram plot gets when it is built."""
        self._spectrogram_name = name
        if self._spectrogram is not None:
            self._spectrogram.setObjectName(name)

    def set_spectrogram(self, on: bool) -> None:
        if not on and self._spectrogram is None:
            return
        self.spectrogram.setVisible(bool(on))
        if on:
            self._update_spectrogram()

    def _update_spectrogram(self) -> None:
        if self.pyramid is None or self.reader is None or self._spectrogram is None:
            return
        if not self._spectrogram.isVisible():
            return
        from scipy.signal import spectrogram

        start, end = self.visible_frames()
        if end - start > SPECTROGRAM_MAX_FRAMES or end - start < 512:
            self._spec_image.clear()
            self._spec_note.setText("zoom in to see the spectrogram")
            self._spec_note.setPos(start / self.sample_rate, self.sample_rate / 2)
            return
        self._spec_note.setText("")
        mono = np.asarray(self.reader(start, end)).mean(axis=1)
        nperseg = 1024 if end - start > 1024 * 64 else 512
        f, _t, sxx = spectrogram(mono, fs=self.sample_rate, nperseg=nperseg, noverlap=nperseg // 2)
        img = 10 * np.log10(sxx + 1e-12)
        self._spec_image.setImage(img.T, levels=(img.max() - 90, img.max()))
        self._spec_image.setRect(
            pg.QtCore.QRectF(start / self.sample_rate, 0, (end - start) / self.sample_rate, f[-1])
        )
        self.spectrogram.setYRange(0, f[-1], padding=0)

    # -- selection and cursor ------------------------------------------------------------
    def _frame_at(self, x_seconds: float) -> int:
        return int(np.clip(round(x_seconds * self.sample_rate), 0, self.frames))

    def snapped(self, frame: int) -> int:
        """`frame` moved to the nearest zero crossing when snapping is on."""
        if not self.snap or self.reader is None or not self.frames:
            return frame
        radius = max(1, int(SNAP_RADIUS_S * self.sample_rate))
        lo, hi = max(0, frame - radius), min(self.frames, frame + radius + 1)
        mono = np.asarray(self.reader(lo, hi)).mean(axis=1)
        return lo + snap_to_zero_crossing(mono, frame - lo, radius)

    def follow(self, leader: WaveformView, time_offset: float = 0.0) -> None:
        """Show this view under `leader`, sharing its time axis, shifted by time_offset."""
        self._leader = leader
        self.time_offset = float(time_offset)
        self.read_only = True
        self.overview.hide()
        self.plot.setXLink(leader.plot)
        self.vb.setLimits(xMin=None, xMax=None)

    def _drag_select(self, x0: float, x1: float, finished: bool) -> None:
        if not self.frames or self.read_only:
            return
        a, b = sorted((self._frame_at(x0), self._frame_at(x1)))
        if finished:
            a, b = self.snapped(a), self.snapped(b)
        self.set_selection(a, b)
        self.set_cursor(a)

    def _click(self, x: float, shift: bool) -> None:
        if not self.frames or self.read_only:
            return
        frame = self.snapped(self._frame_at(x))
        if shift:
            anchor = self._selection if self._selection is not None else (self.cursor,) * 2
            self.set_selection(min(anchor[0], frame), max(anchor[1], frame))
        else:
            self.clear_selection()
            self.set_cursor(frame)

    def selection(self) -> tuple[int, int] | None:
        return self._selection

    def set_selection(self, start: int, end: int) -> None:
        start, end = sorted((int(start), int(end)))
        start, end = max(0, start), min(self.frames, end)
        if end <= start:
            self.clear_selection()
            return
        self._selection = (start, end)
        self._selection_item.blockSignals(True)
        self._selection_item.setRegion((start / self.sample_rate, end / self.sample_rate))
        self._selection_item.blockSignals(False)
        self._selection_item.show()
        self.selection_changed.emit(start, end)

    def clear_selection(self) -> None:
        had = self._selection is not None
        self._selection = None
        self._selection_item.hide()
        if had:
            self.selection_changed.emit(0, 0)

    def _on_selection_item_moved(self) -> None:
        left, right = self._selection_item.getRegion()
        s, e = self.snapped(self._frame_at(left)), self.snapped(self._frame_at(right))
        if (s, e) != self._selection:
            self.set_selection(s, e)

    def select_all(self) -> None:
        if self.frames:
            self.set_selection(0, self.frames)

    def set_cursor(self, frame: int) -> None:
        self.cursor = int(np.clip(frame, 0, self.frames))
        self._cursor_line.setPos(self.cursor / self.sample_rate)
        self.cursor_moved.emit(self.cursor)

    def set_playhead(self, frame: int | None) -> None:
        if frame is None:
            self._playhead.hide()
            return
        self._playhead.setPos(frame / self.sample_rate)
        self._playhead.show()

    # -- overlays ------------------------------------------------------------------------
    def _set_overlay(self, kind: str, regions: list[tuple[int, int]], brush) -> None:
        for item in self._overlays[kind]:
            self.plot.removeItem(item)
        self._overlays[kind] = []
        for s, e in regions:
            item = pg.LinearRegionItem(
                (s / self.sample_rate, e / self.sample_rate), movable=False, brush=brush
            )
            item.setZValue(5)
            for line in item.lines:
                line.setPen(pg.mkPen(None))
            self.plot.addItem(item, ignoreBounds=True)
            self._overlays[kind].append(item)

    def set_excluded(self, regions: list[tuple[int, int]]) -> None:
        """Shade regions that training leaves out."""
        self._set_overlay("excluded", regions, (160, 160, 160, 70))

    def set_preview(self, regions: list[tuple[int, int]]) -> None:
        """Shade what "delete silence" would remove, before it is applied."""
        self._set_overlay("preview", regions, (255, 70, 70, 90))

    def overlay_regions(self, kind: str) -> list[tuple[float, float]]:
        return [tuple(item.getRegion()) for item in self._overlays[kind]]

    def map_frame_to_widget(self, frame: int) -> QPoint:
        """Where `frame` lies in the plot viewport's coordinates (tests click there)."""
        scene = self.vb.mapViewToScene(QPointF(frame / self.sample_rate, 0))
        return self.plot.mapFromScene(scene)
