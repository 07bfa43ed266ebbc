"""Live training plots and progress: curves created once, redrawn from buffers on a timer.

Events only append to numpy buffers (cheap, any rate); a 100 ms QTimer calls `setData` on
curves that changed since the last tick. This is what keeps the window responsive when steps
arrive hundreds of times a second (pyqtgraph's scrolling-plot pattern).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.train import events as ev
from gui.plotting import pg
from gui.training.plot_buffers import Buffer, StickyRange, ema
from gui.widgets.locale_axis import locale_axes

# Each tick redraws one plot group (below), so a group is at most len(GROUPS) ticks old.
REFRESH_MS = 50
GROUPS = ("loss", "epochs", "lr", "speed", "sdr", "pesq")
AXIS_WIDTH = 52  # px for the y tick labels (e.g. "1e-03", "0.025")
TITLE_SIZE = "9pt"
LEGEND_ROW = 4  # of a PlotItem's layout: title 0, top axis 1, view 2, bottom axis 3
EMA_DECAY = 0.95  # smoothing of the step loss; ~20 steps of memory
# Titles and legend names of the two per-epoch quality plots: (title, curve names...)
TASK_TITLES = {
    "audio": (
        (
            QT_TRANSLATE_NOOP("TrainingPlots", "Validation SI-SDR (dB)"),
            QT_TRANSLATE_NOOP("TrainingPlots", "SI-SDR"),
            QT_TRANSLATE_NOOP("TrainingPlots", "improvement"),
        ),
        (
            QT_TRANSLATE_NOOP("TrainingPlots", "Validation PESQ (wideband)"),
            QT_TRANSLATE_NOOP("TrainingPlots", "output"),
            QT_TRANSLATE_NOOP("TrainingPlots", "input"),
        ),
    ),
    "classify": (
        (
            QT_TRANSLATE_NOOP("TrainingPlots", "Validation accuracy"),
            QT_TRANSLATE_NOOP("TrainingPlots", "top-1"),
            QT_TRANSLATE_NOOP("TrainingPlots", "top-5"),
        ),
        (
            QT_TRANSLATE_NOOP("TrainingPlots", "Validation macro-F1"),
            QT_TRANSLATE_NOOP("TrainingPlots", "macro-F1"),
            "",
        ),
    ),
}


class TrainingPlots(QWidget):
    """Step loss (raw and smoothed), epoch losses with the best epoch, LR, SI-SDR, PESQ of the
    output against the input's, throughput, data-wait share and GPU memory (on the LR plot's
    right axis, shown once a step reports it)."""

    def __init__(self, parent: QWidget | None = None, refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlots")
        self.setAccessibleName(self.tr("Training plots"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = pg.GraphicsLayoutWidget(self)
        self.view.setObjectName("trainingPlotsView")
        self.view.setAccessibleName(self.tr("Training curves"))
        self.view.setBackground("w")
        layout.addWidget(self.view)

        self.loss_plot = self._plot(0, 0, self.tr("Step loss"), self.tr("step"))
        self.epoch_plot = self._plot(0, 1, self.tr("Loss per epoch"), self.tr("epoch"))
        self.sdr_plot = self._plot(0, 2, self.tr("Validation SI-SDR (dB)"), self.tr("epoch"))
        self.lr_plot = self._plot(1, 0, self.tr("Learning rate"), self.tr("step"), legend=False)
        self.lr_plot.setLogMode(y=True)
        # Decades only: the labels of a log axis's minor ticks ran into each other.
        self.lr_plot.getAxis("left").setStyle(maxTextLevel=0)
        self.speed_plot = self._plot(1, 1, self.tr("Samples/s and data wait %"), self.tr("step"))
        self.pesq_plot = self._plot(1, 2, self.tr("Validation PESQ (wideband)"), self.tr("epoch"))

        grey, blue, orange, green = (150, 150, 150), (31, 119, 180), (255, 127, 14), (44, 160, 44)
        self.loss_raw = self.loss_plot.plot(pen=pg.mkPen(grey, width=1), name=self.tr("raw"))
        self.loss_smooth = self.loss_plot.plot(
            pen=pg.mkPen(blue, width=2), name=self.tr("smoothed")
        )
        self.train_curve = self.epoch_plot.plot(
            pen=pg.mkPen(blue, width=2), symbol="o", symbolSize=5, name=self.tr("train")
        )
        self.val_curve = self.epoch_plot.plot(
            pen=pg.mkPen(orange, width=2), symbol="o", symbolSize=5, name=self.tr("validation")
        )
        self.best_marker = pg.ScatterPlotItem(
            size=14, symbol="star", brush=pg.mkBrush(214, 39, 40), pen=None, name=self.tr("best")
        )
        self.epoch_plot.addItem(self.best_marker)
        self.sdr_curve = self.sdr_plot.plot(
            pen=pg.mkPen(green, width=2), symbol="o", symbolSize=5, name=self.tr("SI-SDR")
        )
        self.sdr_gain_curve = self.sdr_plot.plot(
            pen=pg.mkPen(grey, width=1, style=pg.QtCore.Qt.PenStyle.DashLine),
            name=self.tr("improvement"),
        )
        self.pesq_curve = self.pesq_plot.plot(
            pen=pg.mkPen(green, width=2), symbol="o", symbolSize=5, name=self.tr("output")
        )
        self.pesq_input_curve = self.pesq_plot.plot(
            pen=pg.mkPen(grey, width=1, style=pg.QtCore.Qt.PenStyle.DashLine), name=self.tr("input")
        )
        self.lr_curve = self.lr_plot.plot(pen=pg.mkPen(blue, width=2))
        self.speed_curve = self.speed_plot.plot(
            pen=pg.mkPen(blue, width=1), name=self.tr("samples/s")
        )
        self.wait_curve = self.speed_plot.plot(
            pen=pg.mkPen(orange, width=1), name=self.tr("data wait %")
        )
        self.gpu_view, self.gpu_curve = self._gpu_axis(green)
        for plot in (self.loss_plot, self.lr_plot, self.speed_plot):
            # Long runs have 100k+ steps: draw only what is visible, peak-decimated.
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
        self.gpu_curve.setClipToView(True)
        self.gpu_curve.setDownsampling(auto=True, method="peak")
        self.loss_range = StickyRange(self.loss_plot)
        self.lr_range = StickyRange(self.lr_plot, log_y=True)
        self.speed_range = StickyRange(self.speed_plot)
        self.gpu_range = StickyRange(self.gpu_view, own_x=False)  # x follows the LR plot's
        self._ranges = (self.loss_range, self.lr_range, self.speed_range, self.gpu_range)

        # columns: loss, ema, lr, samples/s, wait %, gpu MB
        self.steps = Buffer(6)
        # columns: train, val, si-sdr, si-sdr improvement, pesq, input pesq (NaN: not measured),
        # then a classifier's top-1, top-5 and macro-F1 (NaN for the audio tasks)
        self.epochs = Buffer(9)
        self.task = "denoise"  # "classify" plots accuracy and macro-F1 instead of SI-SDR, PESQ
        self.best_epoch: int | None = None
        self._ema_state: float | None = None
        self._ema_count = 0
        # One group per tick: when the x range of every step plot grows at the same step,
        # redrawing them all (new axis ticks and labels) held the GUI thread ~100 ms; one at a
        # time keeps each paint small. Untouched groups keep their cached drawing.
        self._dirty: set[str] = set()
        self._turn = 0
        self.redraws = 0  # how many timer ticks actually pushed data (for tests)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def _plot(
        self, row: int, col: int, title: str, xlabel: str, legend: bool = True
    ) -> pg.PlotItem:
        # A title's text is its column's minimum width: at pyqtgraph's default size three
        # columns needed 925 px, more than the 794 px the run view has at 1280×800.
        # Tick labels with the reader's decimal point; an axis given is shown, and the right
        # one (the GPU memory's on the LR plot) waits until a step reports memory.
        plot = self.view.addPlot(row=row, col=col, axisItems=locale_axes("left", "bottom", "right"))
        plot.hideAxis("right")
        plot.setTitle(title, size=TITLE_SIZE)
        plot.setLabel("bottom", xlabel)
        # Fixed: an axis that widens for longer tick labels ("0.5" -> "0.05") re-lays out
        # the whole grid, and a repaint of all six plots held the window ~50 ms.
        plot.getAxis("left").setWidth(AXIS_WIDTH)
        # No grid: grid lines belong to the axes, so every curve update would redraw them.
        # The legend sits below the x axis, outside the data: inside the view box it covered
        # the curves it names. One row, as many columns as it has entries.
        if legend:
            item = pg.LegendItem(labelTextSize="8pt", colCount=3, frame=False, horSpacing=4)
            item.layout.setContentsMargins(0, 0, 0, 0)
            plot.layout.addItem(item, LEGEND_ROW, 1)
            plot.legend = item  # where plot(name=...) and addItem(name=...) register
        return plot

    def _gpu_axis(self, color) -> tuple[pg.ViewBox, pg.PlotDataItem]:
        """GPU memory (GB) on a right-hand axis of the learning-rate plot, shown once a
        step reports it (CUDA). As a fourth plot column it needed 846-866 px of the 794 the
        run view has at 1280×800; the learning-rate plot is the narrowest of its column (a
        right axis leaves the column's width as it is) and shares its steps on x."""
        view = pg.ViewBox(enableMenu=False)
        view.setMouseEnabled(x=False, y=False)  # drags and zooms go to the LR plot's axes
        self.lr_plot.scene().addItem(view)
        view.setXLink(self.lr_plot.vb)
        axis = self.lr_plot.getAxis("right")
        axis.linkToView(view)
        axis.setLogMode(False, False)  # the LR plot's log y set every axis of it to log
        # The axis says what it shows (a legend was wider than the column could give), in
        # the curve's colour; GB ticks ("12.5") need fewer digits than the LR's "1e-03".
        axis.enableAutoSIPrefix(False)
        axis.setLabel(self.tr("GPU memory (GB)"), color=pg.mkColor(color).name())
        axis.setWidth(AXIS_WIDTH)
        axis.setPen(pg.mkPen(color))
        axis.setTextPen(pg.mkPen(color))

        def follow() -> None:
            view.setGeometry(self.lr_plot.mapRectToScene(self.lr_plot.vb.geometry()))

        self.lr_plot.vb.sigResized.connect(follow)
        curve = pg.PlotDataItem(pen=pg.mkPen(color, width=2))
        view.addItem(curve)
        self._gpu_shown = False
        view.hide()
        return view, curve

    def _show_gpu(self, show: bool) -> None:
        if show == self._gpu_shown:
            return
        self._gpu_shown = show
        self.gpu_view.setVisible(show)
        self.lr_plot.showAxis("right", show)
        if show:
            self.gpu_view.setGeometry(self.lr_plot.mapRectToScene(self.lr_plot.vb.geometry()))

    def set_task(self, task: str) -> None:
        """The shown run's task (its config.json): a classifier's run has no SI-SDR or PESQ,
        so those two plots show validation top-1/top-5 accuracy and macro-F1 instead."""
        self.task = task
        for (plot, curves), texts in zip(
            ((self.sdr_plot, (self.sdr_curve, self.sdr_gain_curve)),
             (self.pesq_plot, (self.pesq_curve, self.pesq_input_curve))),
            TASK_TITLES["classify" if task == "classify" else "audio"],
            strict=True,
        ):  # fmt: skip
            plot.setTitle(self.tr(texts[0]), size=TITLE_SIZE)
            for curve, name in zip(curves, texts[1:], strict=True):
                plot.legend.removeItem(curve)
                if name:
                    plot.legend.addItem(curve, self.tr(name))
        self._dirty |= {"sdr", "pesq"}

    # -- data in -----------------------------------------------------------------------
    def clear(self) -> None:
        self.steps.clear()
        self.epochs.clear()
        self.best_epoch = None
        self._ema_state, self._ema_count = None, 0
        for sticky in self._ranges:
            sticky.reset()
        self._dirty = set(GROUPS)

    def add_steps(self, steps: list[ev.StepDone]) -> None:
        if not steps:
            return
        rows = np.array(
            [
                (
                    s.step,
                    s.loss,
                    0.0,
                    s.lr,
                    s.samples_per_s,
                    100.0 * s.data_wait_fraction,
                    np.nan if s.gpu_mem_mb is None else s.gpu_mem_mb,
                )
                for s in steps
            ],
            dtype=np.float64,
        )
        # A resumed run replays from its checkpoint: drop steps the plot already shows past.
        if self.steps.n and rows[0, 0] <= self.steps.x[-1]:
            keep = np.searchsorted(self.steps.x, rows[0, 0])
            self.steps.n = int(keep)
        rows[:, 2], self._ema_state, self._ema_count = ema(
            rows[:, 1], EMA_DECAY, self._ema_state, self._ema_count
        )
        self.steps.extend(rows)
        self._dirty |= {"loss", "lr", "speed"}

    def add_epoch(self, e: ev.EpochDone) -> None:
        # Plotted 1-based, as the log and the progress bar count epochs.
        x = e.epoch + 1
        if self.epochs.n and x <= self.epochs.x[-1]:
            self.epochs.n = int(np.searchsorted(self.epochs.x, x))
        more = (e.val_pesq, e.val_pesq_input, e.val_top1, e.val_top5, e.val_macro_f1)
        more = [np.nan if v is None else v for v in more]
        self.epochs.extend(
            np.array([[x, e.train_loss, e.val_loss, e.val_si_sdr, e.val_si_sdr_improvement, *more]])
        )
        self.best_epoch = e.best_epoch + 1
        self._dirty |= {"epochs", "sdr", "pesq"}

    # -- drawing -----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._dirty:
            return
        self.redraws += 1
        for i in range(len(GROUPS)):
            group = GROUPS[(self._turn + i) % len(GROUPS)]
            if group in self._dirty:
                self._turn = (self._turn + i + 1) % len(GROUPS)
                self._dirty.discard(group)
                self._draw(group)
                return

    @property
    def up_to_date(self) -> bool:
        """Every curve shows all the data received so far."""
        return not self._dirty

    def flush(self) -> None:
        """Draw every pending group now (tests and screenshots)."""
        while self._dirty:
            self.refresh()

    def _draw(self, group: str) -> None:
        if group == "epochs":
            self._draw_epochs()
            return
        classify = self.task == "classify"
        if group in ("sdr", "pesq"):
            # PESQ is measured every data.quality_every epochs: only those epochs have points.
            pairs = {
                "sdr": ((self.sdr_curve, 6 if classify else 2), (self.sdr_gain_curve, 7 if classify else 3)),
                "pesq": ((self.pesq_curve, 8 if classify else 4), (self.pesq_input_curve, None if classify else 5)),
            }[group]  # fmt: skip
            for curve, column in pairs:
                y = self.epochs.y(column) if column is not None else np.array([])
                ok = np.isfinite(y)
                curve.setData(self.epochs.x[: len(y)][ok], y[ok])
            return
        s = self.steps
        x = s.x
        if group == "loss":
            self.loss_raw.setData(x, s.y(0))
            self.loss_smooth.setData(x, s.y(1))
            self.loss_range.update(x, [s.y(0)])
        elif group == "lr":
            lr = s.y(2)
            positive = lr > 0  # log axis
            self.lr_curve.setData(x[positive], lr[positive])
            self.lr_range.update(x, [lr])
            gpu = s.y(5) / 1024  # MB -> GB
            ok = np.isfinite(gpu)
            self._show_gpu(bool(ok.any()))
            self.gpu_curve.setData(x[ok], gpu[ok])
            self.gpu_range.update(x[ok], [gpu[ok]])
        elif group == "speed":
            self.speed_curve.setData(x, s.y(3))
            self.wait_curve.setData(x, s.y(4))
            self.speed_range.update(x, [s.y(3), s.y(4)])

    def _draw_epochs(self) -> None:
        e = self.epochs
        ex = e.x
        self.train_curve.setData(ex, e.y(0))
        self.val_curve.setData(ex, e.y(1))
        best = np.flatnonzero(ex == self.best_epoch) if self.best_epoch is not None else []
        if len(best):
            i = best[0]
            self.best_marker.setData([ex[i]], [e.y(1)[i]])
        else:
            self.best_marker.setData([], [])
