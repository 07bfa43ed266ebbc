"""The waveform view: a clip drawn from its peak pyramid, zoom/pan, selection and cursor.

Every redraw asks core.audio.peaks.view_peaks for about two points per pixel (peak_curves), so
drawing an hour of audio costs the same as drawing a second of it. The x axis is in seconds;
selection and cursor are kept in frames (the unit edits are stored in). Its layers have modules
of their own: the plot and its axes (waveform_axes), the overview strip (waveform_overview),
the spectrogram (spectrogram_lane), the shaded regions (region_overlays), the selection box,
cursor and playhead (waveform_markers), and what shows without a waveform (waveform_placeholder).
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.audio import peaks
from core.audio.zero_crossing import snap_in_reader
from gui.plotting import pg
from gui.widgets.peak_curves import PeakCurves, lanes_bottom
from gui.widgets.region_overlays import RegionOverlays
from gui.widgets.spectrogram_lane import SpectrogramLane
from gui.widgets.waveform_axes import WaveViewBox, to_db_display, waveform_plot
from gui.widgets.waveform_markers import WaveformMarkers
from gui.widgets.waveform_overview import WaveformOverview
from gui.widgets.waveform_placeholder import WaveformPlaceholder

log = logging.getLogger(__name__)

SNAP_RADIUS_S = 0.01  # zero crossings are looked for within 10 ms of the pointer


class WaveformView(QWidget):
    """Shows one clip (a pyramid plus a raw reader); emits selection and cursor changes."""

    selection_changed = Signal(int, int)  # frames; (0, 0) when cleared
    cursor_moved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveformView")
        self.setAccessibleName(self.tr("Waveform"))
        self.pyramid: peaks.PeakPyramid | None = None
        self.reader: peaks.RawReader | None = None
        self.sample_rate = 1
        self.frames = 0
        self.db_mode = False
        self.snap = False
        self.cursor = 0
        self._selection: tuple[int, int] | None = None
        self.last_points = 0  # points drawn by the last redraw (the bench reads it)
        # Seconds added to every x: a pair's target is drawn shifted by its measured offset
        # so it lines up under the input.
        self.time_offset = 0.0
        self.read_only = False  # a follower view (a pair's target) shows, never selects
        self._leader: WaveformView | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)

        view_box = WaveViewBox()
        view_box.drag_selected.connect(self._drag_select)
        view_box.clicked.connect(self._click)
        self.plot = waveform_plot(view_box)
        self.curves = PeakCurves(self.plot)
        self.vb: WaveViewBox = view_box
        self.vb.sigXRangeChanged.connect(self._on_range_changed)
        layout.addWidget(self.plot, 5)
        self.spectrogram_lane = SpectrogramLane(self, layout, self.plot, self._spectrogram_source)
        self.overlays = RegionOverlays(self.plot)
        self.overview = WaveformOverview()
        self.overview.region_dragged.connect(lambda a, b: self.vb.setXRange(a, b, padding=0))
        layout.addWidget(self.overview)

        self.markers = WaveformMarkers(self.plot)
        self.markers.selection.sigRegionChangeFinished.connect(self._on_selection_item_moved)
        # Parts the view's tests look at, under their names from before the view was split.
        self._playhead, self._overview_region = self.markers.playhead, self.overview.region
        self.placeholder = WaveformPlaceholder(self, layout)
        self.progress = self.placeholder.progress

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
        self.placeholder.label.setVisible(pyramid is None)
        channels = 0 if pyramid is None else pyramid.channels
        self.curves.set_channels(channels)
        self.overview.curves.set_channels(channels)
        self.plot.getPlotItem().getAxis("left").set_lanes(channels, self.db_mode)
        if pyramid is None:
            self.frames = 0
            self.clear_selection()
            self.set_preview([])
            self.set_excluded([])
            return
        self.sample_rate, self.frames = pyramid.sample_rate, pyramid.frames
        duration = self.duration
        if self._leader is None:
            self.vb.setLimits(xMin=0, xMax=duration, minXRange=8 / self.sample_rate)
        self.vb.setYRange(lanes_bottom(channels), 1.05, padding=0)
        self.overview.set_extent(duration, channels)
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
        self.placeholder.show_progress(text, done, total)

    def hide_progress(self) -> None:
        self.placeholder.hide_progress()

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

    def _transform(self, y: np.ndarray) -> np.ndarray:
        return to_db_display(y) if self.db_mode else y

    def redraw(self) -> int:
        """Recompute the curves for the visible range; returns the number of points drawn."""
        if self.pyramid is None:
            return 0
        self.last_points = self.curves.draw(
            self.pyramid,
            self.reader,
            self.visible_frames(),
            self._pixels(),
            self._transform,
            self.time_offset,
        )
        return self.last_points

    def _pixels(self) -> int:
        """How many pixels wide the waveform is drawn."""
        return max(64, int(self.vb.width() or self.plot.width()))

    @property
    def _curves(self) -> list[pg.PlotDataItem]:  # tests read the curves drawn
        return self.curves.items

    def _draw_overview(self) -> None:
        self.overview.draw(self.pyramid, self.reader, self._transform)

    def _on_range_changed(self, *_args) -> None:
        self.overview.show_range(*self.vb.viewRange()[0])
        self.redraw()
        self.spectrogram_lane.range_changed()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._redraw_all()

    def _redraw_all(self) -> None:
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

    # -- display modes -------------------------------------------------------------------
    def set_db(self, on: bool) -> None:
        self.db_mode = bool(on)
        axis = self.plot.getPlotItem().getAxis("left")
        axis.set_lanes(axis.channels, self.db_mode)
        self._redraw_all()

    @property
    def spectrogram(self) -> pg.PlotWidget:
        """The spectrogram plot under the waveform, built on first use."""
        return self.spectrogram_lane.plot

    @property
    def _spectrogram(self) -> pg.PlotWidget | None:
        return self.spectrogram_lane.built

    @property
    def _spec_image(self) -> pg.ImageItem | None:
        return self.spectrogram_lane.image

    def set_spectrogram_name(self, name: str) -> None:
        """The object name the spectrogram plot gets when it is built."""
        self.spectrogram_lane.set_name(name)

    def set_spectrogram(self, on: bool) -> None:
        self.spectrogram_lane.set_visible(on)

    def _spectrogram_source(self) -> tuple | None:
        if self.pyramid is None or self.reader is None:
            return None
        return self.reader, self.sample_rate, self.visible_frames()

    # -- selection and cursor ------------------------------------------------------------
    def _frame_at(self, x_seconds: float) -> int:
        return int(np.clip(round(x_seconds * self.sample_rate), 0, self.frames))

    def snapped(self, frame: int) -> int:
        """`frame` moved to the nearest zero crossing when snapping is on."""
        if not self.snap or self.reader is None or not self.frames:
            return frame
        radius = max(1, int(SNAP_RADIUS_S * self.sample_rate))
        return snap_in_reader(self.reader, frame, self.frames, radius)

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
        self.markers.show_selection(start / self.sample_rate, end / self.sample_rate)
        self.selection_changed.emit(start, end)

    def clear_selection(self) -> None:
        had = self._selection is not None
        self._selection = None
        self.markers.selection.hide()
        if had:
            self.selection_changed.emit(0, 0)

    def _on_selection_item_moved(self) -> None:
        left, right = self.markers.selection.getRegion()
        s, e = self.snapped(self._frame_at(left)), self.snapped(self._frame_at(right))
        if (s, e) != self._selection:
            self.set_selection(s, e)

    def select_all(self) -> None:
        if self.frames:
            self.set_selection(0, self.frames)

    def set_cursor(self, frame: int) -> None:
        self.cursor = int(np.clip(frame, 0, self.frames))
        self.markers.cursor.setPos(self.cursor / self.sample_rate)
        self.cursor_moved.emit(self.cursor)

    def set_playhead(self, frame: int | None) -> None:
        self.markers.show_playhead(None if frame is None else frame / self.sample_rate)

    # -- overlays ------------------------------------------------------------------------
    def set_excluded(self, regions: list[tuple[int, int]]) -> None:
        """Shade regions that training leaves out."""
        self.overlays.set("excluded", regions, self.sample_rate)

    def set_preview(self, regions: list[tuple[int, int]]) -> None:
        """Shade what "delete silence" would remove, before it is applied."""
        self.overlays.set("preview", regions, self.sample_rate)

    def overlay_regions(self, kind: str) -> list[tuple[float, float]]:
        return self.overlays.regions(kind)

    def map_frame_to_widget(self, frame: int) -> QPoint:
        """Where `frame` lies in the plot viewport's coordinates (tests click there)."""
        scene = self.vb.mapViewToScene(QPointF(frame / self.sample_rate, 0))
        return self.plot.mapFromScene(scene)
