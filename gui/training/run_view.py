"""The run shown on the right of the Training tab: its title, progress with ETA, the live
plots, the listening samples and a log of what the trainer said, fed by the controller."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.messages import device_words
from core.train import events as ev
from core.train.run_folder import run_info
from gui.jobs import Jobs
from gui.localized import error_text, format_duration, format_text, number, translated
from gui.training.class_results import ClassResults
from gui.training.controller import TrainingController
from gui.training.plots import TrainingPlots
from gui.training.progress import ProgressPanel
from gui.training.samples_list import SamplesList
from gui.training.value_names import status_name

log = logging.getLogger(__name__)

RESULTS_PAGE = 1  # of RunView.views: a classify run's class results (after the curves)

WARNING_TITLES = {
    "oom": QT_TRANSLATE_NOOP("RunView", "Out of memory"),
    "nan": QT_TRANSLATE_NOOP("RunView", "Loss became NaN"),
    "data": QT_TRANSLATE_NOOP("RunView", "Data problem"),
    "resume": QT_TRANSLATE_NOOP("RunView", "Resume"),
}
# The heading of a finished run's line; the trainer's message (Finished.message) says the
# rest (why, and that Resume continues), so the heading does not say it again.
FINISHED_TEXT = {
    "completed": QT_TRANSLATE_NOOP("RunView", "Training completed"),
    "stopped": QT_TRANSLATE_NOOP("RunView", "Stopped"),
    "early_stopped": QT_TRANSLATE_NOOP("RunView", "Stopped early"),
    "time_budget": QT_TRANSLATE_NOOP("RunView", "Stopped at its budget"),
    "failed": QT_TRANSLATE_NOOP("RunView", "Training failed"),
}


def finished_text(e: ev.Finished) -> str:
    """ "Stopped after 3 epochs: on request; Resume continues from the checkpoint"."""
    known = e.status in FINISHED_TEXT
    heading = QCoreApplication.translate("RunView", FINISHED_TEXT[e.status]) if known else e.status
    epochs = e.epoch  # a plain name: lupdate skips a translate() whose count is an expression
    text = QCoreApplication.translate("RunView", "{heading} after %n epoch(s)", "", epochs)
    text = text.format(heading=heading)
    # A completed run's message only counts its epochs, said already.
    if e.message and e.status != "completed":
        said = QCoreApplication.translate("RunView", "{text}: {message}")
        return said.format(text=text, message=translated(e.message))
    return text


def log_time(at: float | None, now: float | None = None) -> str:
    """The log's time prefix: the clock time, with the date when it is not today's."""
    if at is None:
        return ""
    when = time.localtime(at)
    today = time.localtime(time.time() if now is None else now)[:3]
    return time.strftime("%H:%M:%S " if when[:3] == today else "%Y-%m-%d %H:%M:%S ", when)


class RunView(QSplitter):
    message = Signal(str, str)  # text, level (info, warning, error)
    shown_changed = Signal(object)  # Path | None: the run shown here
    epoch_timed = Signal(int, float)  # epoch, seconds (the shown run's)
    runs_changed = Signal()  # a run folder appeared, finished or failed: list them again
    run_changed = Signal(object)  # Path: one run's files were rewritten (a checkpoint)

    def __init__(
        self,
        parent: QWidget,
        controller: TrainingController,
        jobs: Jobs | None = None,
        project=lambda: None,  # the project open in the window (a classify run's clips)
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("trainingRightSplitter")
        self.controller = controller
        self.shown_run: Path | None = None
        self.hours = 0.0  # the shown run's time budget (for the ETA)
        self._device, self._total_epochs = "", 0  # of the run training here
        top = QWidget(self)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        self.run_title = QLabel(self.tr("No run shown"))
        self.run_title.setObjectName("runTitle")  # bold, from resources/wavesmith.qss
        top_box.addWidget(self.run_title)
        self.progress = ProgressPanel(top)
        top_box.addWidget(self.progress)
        self.plots = TrainingPlots(top)
        # A classify run's results get a page beside the curves: in the bottom strip, at
        # 1280×800, its three tables showed two rows and two columns each.
        self.views = QTabWidget(top)
        self.views.setObjectName("runViews")
        self.views.setDocumentMode(True)
        self.views.addTab(self.plots, self.tr("Curves"))
        top_box.addWidget(self.views, 1)
        self.addWidget(top)

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        samples_group = QGroupBox(self.tr("Listening samples"), bottom)
        samples_group.setObjectName("samplesGroup")
        self.samples = SamplesList(samples_group)
        QVBoxLayout(samples_group).addWidget(self.samples)
        bottom.addWidget(samples_group)
        self.samples_group = samples_group
        # A classify run renders no listening samples: its per-class results take their place.
        self.results_group = QGroupBox(self.tr("Class results"), self.views)
        self.results_group.setObjectName("classResultsGroup")
        self.results = ClassResults(self.results_group, jobs or Jobs(self), project)
        QVBoxLayout(self.results_group).addWidget(self.results)
        self.views.addTab(self.results_group, self.tr("Class results"))
        self.views.setTabVisible(RESULTS_PAGE, False)
        self._bottom = bottom
        log_group = QGroupBox(self.tr("Training log"), bottom)
        log_group.setObjectName("trainingLogGroup")
        self.log_view = QPlainTextEdit(log_group)
        self.log_view.setObjectName("trainingLog")
        self.log_view.setAccessibleName(self.tr("Training log"))
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(2000)
        QVBoxLayout(log_group).addWidget(self.log_view)
        bottom.addWidget(log_group)
        self.addWidget(bottom)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        # At 1280×800 an even split left the six plots 64 px of data each; the samples and
        # the log read well in a third of the height.
        self.setSizes([460, 200])

        c = controller
        c.train_started.connect(self._on_started)
        c.steps.connect(self._on_steps)
        c.epoch_done.connect(self._on_epoch)
        c.checkpoint_saved.connect(self._on_checkpoint)
        c.sample_rendered.connect(self.samples.add_sample)
        c.cache_progress.connect(self._on_cache_progress)
        c.warning.connect(self._on_warning)
        c.finished.connect(self._on_finished)
        c.failed.connect(self._on_failed)
        for signal in (c.epoch_done, c.checkpoint_saved, c.finished):
            signal.connect(self._reload_results)

    def clear(self, run_dir: Path | None, hours: float = 0.0) -> None:
        """Empty the view for `run_dir` (None: nothing shown) before its events arrive."""
        self.plots.clear()
        self.progress.reset()
        self.samples.clear()
        self.results.clear()
        self.hours = hours
        self.shown_run = run_dir
        self.run_title.setText(run_dir.name if run_dir else self.tr("No run shown"))
        self.shown_changed.emit(run_dir)

    def show_run(self, run_dir: Path) -> None:
        self.shown_run = run_dir
        info = run_info(run_dir)
        task = info.task if info is not None else "denoise"
        self.plots.set_task(task)
        self.samples_group.setVisible(task != "classify")
        self.views.setTabVisible(RESULTS_PAGE, task == "classify")
        if task != "classify":
            self.views.setCurrentIndex(0)
        else:  # no listening samples below, only the log: a fifth of the height
            height = sum(self.sizes())
            self.setSizes([4 * height // 5, height - 4 * height // 5])
        self._reload_results()
        if self.controller.is_training:
            mode = status_name("training")
        else:
            # A run written elsewhere that is still going is followed; one that ended is
            # only shown, with how it ended.
            status = info.status if info is not None else "unknown"
            live = status == "running" or (status == "unknown" and self.controller.is_active)
            mode = status_name("following" if live else status)
        self.run_title.setText(self._titled(run_dir, mode))
        self.shown_changed.emit(run_dir)

    def _reload_results(self, *_: object) -> None:
        """A classify run's report is rewritten when validation improves: show the latest."""
        if self.shown_run is not None and self.views.isTabVisible(RESULTS_PAGE):
            self.results.load(self.shown_run)

    def log(self, text: str, event: object = None) -> None:
        """A line of the training log, stamped with `event`'s own time (a run reopened
        later shows when things happened, not when it was reopened); an event of a run
        written before events carried a time gets no time rather than a wrong one. A line
        of this window's own (no event) gets the time now."""
        at = time.time() if event is None else getattr(event, "time", None)
        self.log_view.appendPlainText(log_time(at) + text)
        log.info("%s", text)

    def _on_started(self, e: ev.TrainStarted) -> None:
        self.progress.started(e, self.hours)
        device = translated(device_words(e.device))  # "the CPU", not "cpu"
        where = (
            self.tr(", resumed from {checkpoint}").format(checkpoint=Path(e.resumed_from).name)
            if e.resumed_from
            else ""
        )
        started = self.tr(
            "started at epoch {epoch}/{total} (step {step:,}), {steps} steps/epoch, "
            "batch {batch} on {device}{where}"
        )
        self.log(
            format_text(
                started,
                epoch=e.epoch + 1, total=e.total_epochs, step=e.step,
                steps=e.steps_per_epoch, batch=e.batch_size, device=device, where=where,
            ),
            e,
        )  # fmt: skip
        self._device, self._total_epochs = device, e.total_epochs
        if self.controller.is_training:
            self.message.emit(
                self.tr("Training on {device}: continuing at epoch {epoch}").format(
                    device=device, epoch=e.epoch + 1
                )
                if e.epoch
                else self.tr("Training on {device}").format(device=device),
                "info",
            )
            self.runs_changed.emit()  # a new run's folder exists now

    def _on_steps(self, steps: list) -> None:
        self.plots.add_steps(steps)
        self.progress.update_steps(steps)

    def _on_epoch(self, e: ev.EpochDone) -> None:
        self.epoch_timed.emit(e.epoch, e.seconds)
        if self.controller.is_training:  # the banner follows the run, not its first epoch
            self.message.emit(
                self.tr("Training on {device}: epoch {epoch} of {total} done").format(
                    device=self._device, epoch=e.epoch + 1, total=self._total_epochs
                ),
                "info",
            )
        self.plots.add_epoch(e)
        self.progress.epoch_finished(e)
        best = self.tr(" (best)") if e.best_epoch == e.epoch else ""
        quality = "".join(
            f"{name} {number(value, digits)}, "
            for name, value, digits in (("PESQ", e.val_pesq, 2), ("STOI", e.val_stoi, 3))
            if value is not None
        )
        if e.val_top1 is not None:  # a classifier: no SI-SDR (NaN)
            scores = format_text(
                self.tr("top-1 {top1:.3f}, top-5 {top5:.3f}, macro-F1 {f1:.3f}, "),
                top1=e.val_top1,
                top5=e.val_top5 or 0,
                f1=e.val_macro_f1 or 0,
            )
        else:
            scores = format_text(
                self.tr("SI-SDR {sdr:.2f} dB ({gain:+.2f}), "),
                sdr=e.val_si_sdr,
                gain=e.val_si_sdr_improvement,
            )
        line = self.tr(
            "epoch {epoch}: train {train:.4f}, val {val:.4f}{best}, {scores}lr {lr:.2e}, {time}"
        )
        self.log(
            format_text(
                line,
                epoch=e.epoch + 1, train=e.train_loss, val=e.val_loss,
                best=best, scores=scores + quality, lr=e.lr,
                time=format_duration(e.seconds),
            ),
            e,
        )  # fmt: skip

    def _on_checkpoint(self, e: ev.CheckpointSaved) -> None:
        self.log(
            format_text(
                self.tr("checkpoint {name} (continues at epoch {epoch}, step {step:,})"),
                name=Path(e.path).name,
                epoch=e.epoch + 1,
                step=e.step,
            ),
            e,
        )
        if self.controller.is_training:
            self.run_changed.emit(self.controller.run_dir)  # status.json, metrics.csv rewritten

    def _on_cache_progress(self, e: ev.CacheProgress) -> None:
        self.progress.cache_progress(e)
        if e.done == 0:
            self.message.emit(
                format_text(
                    self.tr(
                        "Building the training cache ({segments:,} segments) before the first step…"
                    ),
                    segments=e.total,
                ),
                "info",
            )
            built = self.tr("building the training cache: {segments:,} segments in {path}")
            self.log(format_text(built, segments=e.total, path=e.path), e)
        elif e.done == e.total:
            self.log(self.tr("training cache built"), e)

    def _on_warning(self, e: ev.Warning) -> None:
        title = self.tr(WARNING_TITLES.get(e.kind, QT_TRANSLATE_NOOP("RunView", "Warning")))
        text = self.tr("{title}: {message}").format(title=title, message=translated(e.message))
        self.message.emit(text, "warning")
        self.log(self.tr("WARNING {text}").format(text=text), e)

    def _on_finished(self, e: ev.Finished) -> None:
        self.progress.finished(e)
        if self.shown_run is not None:
            self.run_title.setText(self._titled(self.shown_run, status_name(e.status)))
        text = finished_text(e)
        self.message.emit(text, "error" if e.status == "failed" else "info")
        self.log(text, e)
        self.runs_changed.emit()

    def _on_failed(self, message: str) -> None:
        self.message.emit(
            self.tr("Training failed: {reason}").format(reason=error_text(message)), "error"
        )
        self.log(self.tr("ERROR {reason}").format(reason=error_text(message)))
        self.runs_changed.emit()

    def _titled(self, run_dir: Path, mode: str) -> str:
        return self.tr("{run} ({mode})").format(run=run_dir.name, mode=mode)
