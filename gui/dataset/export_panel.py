"""The Dataset tab's export: the listed clips rendered with their edits (as they are, or
sliced for voice cloning) into a folder, as the background job `export`, never over a source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QWidget

from core.dataset.project import Project
from gui.jobs import Job, Jobs
from gui.localized import error_text, number, translated
from gui.widgets import factory


class ExportPanel(QWidget):
    exported = Signal(object)  # core.dataset.export.ExportReport
    message = Signal(str)

    def __init__(
        self, parent: QWidget, jobs: Jobs, listed_clip_ids: Callable[[], list[int]]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportPanel")
        self.jobs = jobs
        self.project: Project | None = None
        self._listed_clip_ids = listed_clip_ids  # the clips the file browser lists
        box = self
        form = QFormLayout(self)
        # Labels above their fields: the side panel stays narrow enough at 1280 px for the
        # editor's toolbars to show every tool.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.export_rate = factory.combo(
            self,
            "exportRate",
            self.tr("Export sample rate"),
            [(self.tr("keep"), None)]
            + [(f"{number(r)} Hz", r) for r in (16000, 22050, 24000, 32000, 44100, 48000)],
        )
        self.export_depth = factory.combo(
            self,
            "exportDepth",
            self.tr("Export bit depth"),
            [
                (self.tr("16-bit"), "PCM_16"),
                (self.tr("24-bit"), "PCM_24"),
                (self.tr("32-bit float"), "FLOAT"),
            ],
        )
        self.export_channels = factory.combo(
            self,
            "exportChannels",
            self.tr("Export channels"),
            [(self.tr("keep"), "keep"), (self.tr("mono"), "mono"), (self.tr("stereo"), "stereo")],
        )
        self.export_format = factory.combo(
            self, "exportFormat", self.tr("Export format"), [("WAV", "wav"), ("FLAC", "flac")]
        )
        self.export_training = QCheckBox(self.tr("Leave out excluded regions"), box)
        self.export_training.setObjectName("exportForTraining")
        self.export_training.setAccessibleName(self.tr("Leave out excluded regions"))
        form.addRow(self.tr("Rate"), self.export_rate)
        form.addRow(self.tr("Bit depth"), self.export_depth)
        form.addRow(self.tr("Channels"), self.export_channels)
        form.addRow(self.tr("Format"), self.export_format)
        form.addRow(self.export_training)
        self.export_button = factory.button(
            self, self.tr("Export listed clips…"), "exportClips", slot=self._ask_export
        )
        form.addRow(self.export_button)
        self.slice_rate = factory.combo(
            self,
            "sliceRate",
            self.tr("Sliced export rate"),
            [(f"{r // 1000} kHz", r) for r in (32000, 40000, 48000)],
        )
        self.slice_rate.setCurrentIndex(1)
        form.addRow(self.tr("Sliced rate (mono, 3–10 s)"), self.slice_rate)
        self.slice_button = factory.button(
            self, self.tr("Export sliced…"), "exportSliced", slot=self._ask_export_sliced
        )
        self.slice_button.setToolTip(
            self.tr("Mono clips of 3-10 s, cut at silences, for voice cloning")
        )
        form.addRow(self.slice_button)
        self.set_project(None)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        for button in (self.export_button, self.slice_button):
            button.setEnabled(project is not None)

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def _export_clips(self) -> list:
        ids = set(self._listed_clip_ids())
        return [c for c in self.project.clips() if c.id in ids]

    def start_folder(self) -> str:
        """Where the folder dialog opens: the last export's folder, else the folder of the
        first recording to export (not the folder the app was started from)."""
        last = str(QSettings().value("export/lastFolder", "") or "")
        if last and Path(last).is_dir():
            return last
        clips = self._export_clips() if self.project is not None else []
        for clip in clips:
            if Path(clip.path).parent.is_dir():
                return str(Path(clip.path).parent)
        return str(self.project.root) if self.project is not None else str(Path.home())

    def _ask_folder(self, title: str) -> str:
        folder = QFileDialog.getExistingDirectory(self, title, self.start_folder())
        if folder:
            QSettings().setValue("export/lastFolder", folder)
        return folder

    def _ask_export(self) -> None:
        folder = self._ask_folder(self.tr("Export clips to folder"))
        if folder:
            self.export_to(folder, sliced=False)

    def _ask_export_sliced(self) -> None:
        folder = self._ask_folder(self.tr("Export sliced clips to folder"))
        if folder:
            self.export_to(folder, sliced=True)

    def export_to(self, folder: str | Path, sliced: bool) -> Job | None:
        """Render the listed clips into `folder` in the background (never over a source).
        One export at a time: None, with a message, while one runs."""
        if self.project is None:
            return None
        if self.jobs.busy("export"):
            self._say(self.tr("An export is already running; wait for it to finish."))
            return None
        from core.dataset import export as clip_export

        clips = self._export_clips()
        try:
            if sliced:
                opts = clip_export.SliceOptions(sample_rate=int(self.slice_rate.currentData()))

                def work(progress, should_cancel):
                    return clip_export.export_sliced(clips, folder, opts, progress, should_cancel)
            else:
                opts = clip_export.ExportOptions(
                    sample_rate=self.export_rate.currentData(),
                    subtype=self.export_depth.currentData(),
                    channels=self.export_channels.currentData(),
                    format=self.export_format.currentData(),
                    for_training=self.export_training.isChecked(),
                )

                def work(progress, should_cancel):
                    return clip_export.export_clips(clips, folder, opts, progress, should_cancel)
        except ValueError as exc:
            self._say(self.tr("Cannot export: {reason}").format(reason=error_text(exc)))
            return None
        job = self.jobs.start("export", work)
        job.progress.connect(self._on_export_progress)
        job.result.connect(self._on_exported)
        job.errored.connect(self._on_export_failed)
        return job

    def _on_export_progress(self, done: int, total: int, name: str) -> None:
        self._say(
            self.tr("Exporting {done}/{total}: {name}").format(done=done, total=total, name=name)
        )

    def _on_export_failed(self, msg: str) -> None:
        self._say(self.tr("Export failed: {reason}").format(reason=error_text(msg)))

    def _on_exported(self, report) -> None:
        text = self.tr("Exported %n file(s)", "", len(report.written))
        if report.failed:
            text += self.tr("; %n failed ({name}: {reason})", "", len(report.failed)).format(
                name=report.failed[0][0], reason=translated(report.failed[0][1])
            )
        if report.skipped:
            text += self.tr("; %n clip(s) gave no piece", "", len(report.skipped))
        self._say(text + ".")
        self.exported.emit(report)
