"""What the live training plots draw from: growable buffers, the smoothed step loss, and
axis ranges that change only when the data leaves them (so most repaints are curves only)."""

from __future__ import annotations

import math

import numpy as np

from gui.plotting import pg


class Buffer:
    """Growable parallel arrays (amortised doubling) for x and several y columns."""

    def __init__(self, columns: int) -> None:
        self._data = np.zeros((64, columns + 1), dtype=np.float64)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        need = self.n + len(rows)
        if need > len(self._data):
            grown = np.zeros((max(need, 2 * len(self._data)), self._data.shape[1]))
            grown[: self.n] = self._data[: self.n]
            self._data = grown
        self._data[self.n : need] = rows
        self.n = need

    def clear(self) -> None:
        self.n = 0

    @property
    def x(self) -> np.ndarray:
        return self._data[: self.n, 0]

    def y(self, column: int = 0) -> np.ndarray:
        return self._data[: self.n, column + 1]


def ema(
    values: np.ndarray, decay: float, start: float | None, count: int
) -> tuple[np.ndarray, float, int]:
    """Bias-corrected exponential moving average continued from (`start`, `count`) steps.

    Vectorised with lfilter (an attached run can bring 100k steps at once); non-finite
    losses (a NaN the trainer recovered from) are skipped, holding the average.
    """
    # Imported here: scipy.signal costs 1-2 s, kept off the window's start-up path (the
    # background imports load it long before a run's first steps arrive).
    from scipy.signal import lfilter

    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    m0 = 0.0 if start is None else start
    if not finite.all():
        out = np.empty(len(values))
        m = m0
        for i, v in enumerate(values):
            if finite[i]:
                m = decay * m + (1 - decay) * v
                count += 1
            out[i] = m / (1 - decay**count) if count else float("nan")
        return out, m, count
    raw, _ = lfilter([1 - decay], [1, -decay], values, zi=[decay * m0])
    counts = count + np.arange(1, len(values) + 1)
    out = raw / (1 - decay**counts)
    return out, float(raw[-1]) if len(raw) else m0, count + len(values)


def nice_ceil(x: float) -> float:
    """The next of 1, 2, 5 × 10^k at or above x (axis ends that do not move every step)."""
    if x <= 0:
        return 1.0
    k = 10 ** math.floor(math.log10(x))
    return next(m * k for m in (1, 2, 5, 10) if m * k >= x)


class StickyRange:
    """Axis ranges with hysteresis for the per-step plots.

    Re-rendering an axis (tick text) is most of what a repaint costs; auto-range moves the
    axes on every new step, so the plots would cost ~100 ms per refresh on a busy 2-core
    machine. The range here only changes when data leaves it (x grows to the next
    1-2-5 value) or fills less than a third of it, so most refreshes repaint curves only.
    """

    def __init__(
        self, plot: pg.PlotItem | pg.ViewBox, log_y: bool = False, own_x: bool = True
    ) -> None:
        self.plot = plot
        self.log_y = log_y
        self.own_x = own_x  # False: a view whose x is linked to another plot's (y only)
        self.manual = False  # the user zoomed or panned: leave the view alone
        self.x_hi: float | None = None
        self.y: tuple[float, float] | None = None
        plot.disableAutoRange()
        getattr(plot, "vb", plot).sigRangeChangedManually.connect(self._on_manual)

    def _on_manual(self, *_: object) -> None:
        self.manual = True

    def reset(self) -> None:
        self.manual = False
        self.x_hi, self.y = None, None

    def update(self, x: np.ndarray, ys: list[np.ndarray]) -> None:
        if self.manual or not len(x):
            return
        x_hi = nice_ceil(float(x[-1]) * 1.1)
        moved = self.x_hi is None or x[-1] > self.x_hi or x_hi < self.x_hi / 4
        if self.own_x and moved:
            self.x_hi = x_hi
            self.plot.setXRange(float(x[0]) if x[0] < x_hi / 10 else 0.0, x_hi, padding=0)
        values = np.concatenate([y[np.isfinite(y)] for y in ys]) if ys else np.array([])
        if self.log_y:
            values = np.log10(values[values > 0])
        if not len(values):
            return
        lo, hi = float(values.min()), float(values.max())
        if self.y is not None:
            y_lo, y_hi = self.y
            inside = y_lo <= lo and hi <= y_hi
            if inside and (hi - lo) > (y_hi - y_lo) / 3:
                return
        pad = max(hi - lo, abs(hi) * 0.05, 1e-9) * 0.1
        self.y = (lo - pad, hi + pad)
        self.plot.setYRange(*self.y, padding=0)
