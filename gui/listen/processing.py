"""Processing in the Listen tab: the original through the model (job `process`), or a file
processed earlier against its original (job `compare`); both build a core.listen.comparison
Comparison off the GUI thread, which the tab then shows."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from core.listen.comparison import Comparison, ComparisonJob, compare_files, compare_job
from core.listen.playback import Player
from core.messages import device_words
from gui.heavy_imports import heavy_imports
from gui.jobs import Jobs
from gui.listen.sources import ListenSources
from gui.localized import error_text, format_text, number


class Processing(QObject):
    compared = Signal(object)  # Comparison to show: processed here, or opened
    processed = Signal(object)  # Comparison, once shown (after `compared`)
    failed = Signal(str)  # the reason shown
    message = Signal(str)

    def __init__(
        self,
        parent: QObject,
        jobs: Jobs,
        sources: ListenSources,
        player: Player,
        out_dir: Callable[[], Path],
    ) -> None:
        super().__init__(parent)
        self.jobs, self.sources, self.player = jobs, sources, player
        self._out_dir = out_dir  # where processed files go (the project's cache, or a temp)
        sources.process_button.clicked.connect(self.process)
        sources.cancel_button.clicked.connect(lambda: self.jobs.cancel("process"))

    def process(self) -> bool:
        """Process the original with the model in the background; False if it cannot start.

        In the first seconds after start-up torch may still be loading (gui.heavy_imports):
        then the click is kept and processing starts as soon as it has loaded.
        """
        sources = self.sources
        original = sources.original_combo.currentData()
        model_path = sources.model_combo.currentData()
        if not original or not model_path:
            self.message.emit(self.tr("Choose an original and a model first."))
            return False
        imports = heavy_imports()
        if not imports.is_ready():
            if sources.process_button.isEnabled():
                sources.process_button.setEnabled(False)
                self.message.emit(
                    self.tr("Loading PyTorch… processing starts as soon as it has loaded.")
                )
                imports.when_ready(self._process_after_loading)
            return True
        try:
            config = sources.config()
        except ValueError as exc:
            self.message.emit(error_text(exc))
            return False
        tag = Path(str(model_path)).stem or "model"
        job = ComparisonJob(
            original=Path(original),
            out_path=self._out_dir() / f"{Path(original).stem}.{tag}.wav",
            model_path=str(model_path),
            config=config,
            reference=Path(r) if (r := sources.reference_combo.currentData()) else None,
        )
        self.player.pause()
        started = self.jobs.start(
            "process", lambda progress, should_cancel: compare_job(job, progress, should_cancel)
        )
        if started is None:
            return False
        started.progress.connect(self._on_progress)
        started.result.connect(self._on_processed)
        started.errored.connect(self._on_failed)
        sources.set_busy(True)
        sources.progress.setValue(0)
        self.message.emit(self.tr("Processing {name}…").format(name=Path(original).name))
        return True

    def _process_after_loading(self) -> None:
        self.sources.process_button.setEnabled(True)
        self.process()

    def _on_progress(self, done: int, total: int, _what: str = "") -> None:
        self.sources.progress.setValue(int(1000 * done / total) if total else 0)

    def _on_failed(self, reason: str) -> None:
        self.sources.set_busy(False)
        self.sources.progress.setValue(0)
        job = self.sender()
        if getattr(job, "cancelled", False):  # the user's Cancel: nothing failed
            self.message.emit(self.tr("Processing cancelled; the original is untouched."))
            return
        self.message.emit(self.tr("Processing failed: {reason}").format(reason=error_text(reason)))
        self.failed.emit(reason)

    def _on_processed(self, comparison: Comparison) -> None:
        self.sources.set_busy(False)
        self.sources.progress.setValue(1000)
        self.compared.emit(comparison)  # shown, and loaded into the player, now
        r = comparison.result
        gains = self.player.match_gains_db
        done = format_text(
            self.tr(
            "Processed {name} with {model}: {audio:.1f} s in {wall:.2f} s (real-time factor {rtf:.3f}, "
            "{device}). Loudness match: A {gain_a:+.1f} dB, B {gain_b:+.1f} dB."
            ),
            name=Path(r.input).name, model=comparison.model_name,
            audio=r.seconds_audio, wall=r.seconds_wall, rtf=r.rtf,
            device=device_words(r.device), gain_a=gains[0], gain_b=gains[1],
        )  # fmt: skip
        warning = self.tr("Warning: {text}")
        self.message.emit(done + "".join("\n" + warning.format(text=w) for w in r.warnings))
        self.processed.emit(comparison)

    def open_processed(self, processed: str | Path, original: str | Path = "") -> bool:
        """Compare an already processed file (e.g. a training sample) with its original, read
        in the background. False when a file does not exist. Without an original the
        processed file plays as both A and B."""
        for path in (processed, original):
            if path and not Path(path).is_file():
                self.message.emit(self.tr("Cannot open: {path}: no such file").format(path=path))
                return False

        def work(progress, should_cancel):
            return compare_files(processed, original or None)

        job = self.jobs.start("compare", work, replace=True)
        job.result.connect(self._on_opened)
        job.errored.connect(self._on_open_failed)
        return True

    def _on_opened(self, comparison: Comparison) -> None:
        self.compared.emit(comparison)
        r = comparison.result
        self.message.emit(
            self.tr("Comparing {processed} with {original}.").format(
                processed=Path(r.output).name, original=Path(r.input).name
            )
        )

    def _on_open_failed(self, reason: str) -> None:
        self.message.emit(self.tr("Cannot open: {reason}").format(reason=error_text(reason)))

    def shutdown(self) -> None:
        for key in ("process", "compare"):  # processing writes into the tab's temp folder
            self.jobs.cancel(key, discard=True, wait=True)


def metrics_text(comparison: Comparison) -> str:
    m = comparison.metrics
    if not m:
        return QCoreApplication.translate("metrics_text", "Metrics need a clean reference.")
    parts = [
        format_text(
            "SI-SDR {before:.1f} → {after:.1f} dB ({gain:+.1f})",
            before=m["si_sdr_original"],
            after=m["si_sdr_processed"],
            gain=m["si_sdr_improvement"],
        )  # fmt: skip
    ]
    for name, label, digits in (("pesq", "PESQ", 2), ("stoi", "STOI", 3)):
        before, after = m[f"{name}_original"], m[f"{name}_processed"]
        if math.isfinite(before) and math.isfinite(after):
            parts.append(f"{label} {number(before, digits)} → {number(after, digits)}")
        else:  # PESQ/STOI need a few seconds with speech in the reference
            parts.append(
                QCoreApplication.translate(
                    "metrics_text", "{metric} — (no speech in the reference)"
                ).format(metric=label)
            )
    return "   ".join(parts)
