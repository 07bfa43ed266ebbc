"""The Dataset tab's import row: import files or folders, pair two folders by name, with
one progress bar and Cancel button for both (one runs at a time: both write clips). Both run
as background jobs (gui.jobs, keys `import` and `pair`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QWidget

from core.dataset.project import Project
from gui.dataset.import_report import describe_import_report, job_words
from gui.dataset.pair_dialog import PairFoldersDialog, describe_pair_report
from gui.dataset.role_question import ask_role
from gui.jobs import Jobs
from gui.localized import error_text
from gui.widgets import factory
from gui.widgets.file_filters import audio_filter

log = logging.getLogger(__name__)


NO_PROJECT = QT_TRANSLATE_NOOP(
    "ImportBar", "Open or create a project first (File menu), then drop the files again."
)
PAIR_TIP = QT_TRANSLATE_NOOP(
    "ImportBar",
    "Match input files (e.g. raw takes) to target files (e.g. mixed takes) by name across two "
    "folders and measure their offsets",
)
CLASSES_TIP = QT_TRANSLATE_NOOP(
    "ImportBar",
    "Import folders as roots of class folders (the classify task): each file's class is the "
    "folder under the root it lies in, at any depth. On by itself in a project with classes",
)


class ImportBar(QWidget):
    # Asked for the role of files no folder names (gui.dataset.role_question); tests
    # answer in its place.
    role_asker: Callable[[QWidget, list[Path]], str | None] = staticmethod(ask_role)

    imported = Signal(object)  # core.dataset.importer.ImportReport (also when cancelled)
    import_failed = Signal(str)  # the reason shown
    # path, frames decoded, frames expected: a file FFmpeg reads is being decoded into the
    # project's cache (shown in the progress bar first)
    decode_progress = Signal(str, int, int)
    paired = Signal(object)  # core.dataset.pairing.PairReport, once pairing ended
    pairing_failed = Signal(str)  # the message shown
    clips_changed = Signal()  # clips were added although the job failed
    message = Signal(str)

    def __init__(self, parent: QWidget, jobs: Jobs) -> None:
        super().__init__(parent)
        self.setObjectName("importBar")
        self.jobs = jobs
        self.project: Project | None = None
        self._import_files = (0, 1)  # files done, files total of the running import
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        b = factory.button
        self.import_files_button = b(
            self, self.tr("Import files…"), "importFiles", slot=self._ask_files
        )
        self.import_folder_button = b(
            self, self.tr("Import folder…"), "importFolder", slot=self._ask_folder
        )
        self.pair_folders_button = b(
            self, self.tr("Pair folders…"), "pairFoldersButton", slot=self._ask_pair_folders
        )
        self.pair_folders_button.setToolTip(self.tr(PAIR_TIP))
        self.classes_button = b(
            self,
            self.tr("Class folders"),
            "importAsClasses",
            checkable=True,
            tooltip=self.tr(CLASSES_TIP),
        )
        self.import_progress = QProgressBar(self)
        self.import_progress.setObjectName("importProgress")
        self.import_progress.setAccessibleName(self.tr("Import progress"))
        self.import_progress.hide()
        # One progress bar and Cancel button for the import and the pairing: one runs at a time.
        self.import_cancel = b(self, self.tr("Cancel import"), "importCancel", slot=self.cancel)
        self.import_cancel.hide()
        imports = (self.import_files_button, self.import_folder_button, self.classes_button)
        for w in (*imports, self.pair_folders_button):
            row.addWidget(w)
        row.addWidget(self.import_progress, 1)
        row.addWidget(self.import_cancel)
        row.addStretch()
        self._update_buttons()

    def set_project(self, project: Project | None) -> None:
        """Stop what runs (it writes into the project being closed) and drop what it would
        still report; then work on `project`."""
        self.stop()
        self.project = project
        if project is not None:
            from core.dataset.labels import has_labels

            self.classes_button.setChecked(has_labels(project))
        self._update_buttons()

    def stop(self) -> None:
        for key in ("import", "pair"):
            self.jobs.cancel(key, discard=True, wait=True)
        self._hide_progress()
        self._import_files = (0, 1)

    def _update_buttons(self) -> None:
        self.pair_folders_button.setEnabled(self.project is not None and not self.is_pairing())

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def import_paths(self, paths: list[str]) -> bool:
        if not paths:
            return False
        if self.project is None:
            self._say(self.tr(NO_PROJECT))
            return False
        if self.is_pairing():  # both write clips; one at a time keeps each report whole
            self._say(self.tr("Folders are being paired; wait for it or cancel it, then import."))
            return False
        from core.dataset.import_scan import without_role

        paths = [str(p) for p in paths]
        if self.classes_button.isChecked():  # class folders: no role to ask about
            if not self.start_import(paths, labels=True):
                self._say(self.tr("An import is already running; wait for it or cancel it."))
                return False
            self._say(self.tr("Importing %n path(s) as class folders…", "", len(paths)))
            return True
        # First which files no folder name gives a role (a walk, no file opened), so the
        # question is asked before anything is imported.
        job = self.jobs.start("import", lambda **_: without_role(paths))
        if job is None:
            self._say(self.tr("An import is already running; wait for it or cancel it."))
            return False
        job.result.connect(lambda unknown: self._on_scanned(paths, unknown))
        job.errored.connect(self._on_import_failed)
        self._show_progress("import")
        self._say(self.tr("Importing %n path(s)…", "", len(paths)))
        return True

    def _on_scanned(self, paths: list[str], unknown: list[Path]) -> None:
        role = None
        if unknown:
            role = self.role_asker(self, unknown)
            if role is None:
                self._hide_progress()
                self._say(self.tr("Import cancelled: no role chosen."))
                return
        self.start_import(paths, unknown_role=role)

    def start_import(
        self,
        paths: list,
        stream: int | None = None,
        unknown_role: str | None = None,
        labels: bool = False,
    ) -> bool:
        """Import `paths` in the background (job `import`); False while one runs. `stream`
        picks the audio stream of files holding several (and switches files imported);
        `unknown_role` is the role of files whose folders name none; `labels`: the paths
        are roots of class folders."""
        from core.dataset.importer import import_paths

        project, paths = self.project, [str(p) for p in paths]

        def work(progress, should_cancel, detail):
            return import_paths(
                project,
                paths,
                progress=progress,
                should_cancel=should_cancel,
                stream=stream,
                decode_progress=detail,
                unknown_role=unknown_role,
                labels_from_folders=labels,
            )

        job = self.jobs.start("import", work, detail=True)
        if job is None:
            return False
        job.progress.connect(self._on_import_progress)
        job.detail.connect(self._on_decode_progress)
        job.result.connect(self._on_import_finished)
        job.errored.connect(self._on_import_failed)
        self._show_progress("import")
        return True

    def is_importing(self) -> bool:
        return self.jobs.busy("import")

    def _show_progress(self, job: str) -> None:
        self.import_progress.setRange(0, 0)  # busy until the first progress report
        progress_name, cancel_text = job_words(job)
        self.import_progress.setAccessibleName(progress_name)
        self.import_progress.show()
        self.import_cancel.setText(cancel_text)
        self.import_cancel.setAccessibleName(cancel_text)
        self.import_cancel.show()

    def _hide_progress(self) -> None:
        self.import_progress.hide()
        self.import_cancel.hide()

    def cancel(self) -> None:
        """The Cancel button: the import or pairing stops early; its report still arrives."""
        self.jobs.cancel("import")
        self.jobs.cancel("pair")

    def _ask_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import audio files"), "", audio_filter()
        )
        self.import_paths(files)

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of audio"))
        if folder:
            self.import_paths([folder])

    def _on_import_progress(self, done: int, total: int, path: str) -> None:
        self._import_files = (done, total)
        self.import_progress.setRange(0, max(1, total))
        self.import_progress.setValue(done)
        self.import_progress.setFormat(f"{done}/{total} {Path(path).name}")

    def _on_decode_progress(self, path: str, done: int, total: int) -> None:
        files_done, files = self._import_files
        self.import_progress.setRange(0, 1000 * max(1, files))
        self.import_progress.setValue(1000 * files_done + 1000 * done // max(1, total))
        self.import_progress.setFormat(
            self.tr("{done}/{files} decoding {name}: {percent} %").format(
                done=files_done,
                files=files,
                name=Path(path).name,
                percent=100 * done // max(1, total),
            )
        )
        self.decode_progress.emit(path, done, total)

    def _on_import_finished(self, report) -> None:
        self._hide_progress()
        self._import_files = (0, 1)
        text = describe_import_report(report, as_classes=self.classes_button.isChecked())
        self._say(text)
        self.imported.emit(report)

    def _on_import_failed(self, msg: str) -> None:
        self._hide_progress()
        self._import_files = (0, 1)
        self._say(self.tr("Import failed: {reason}").format(reason=error_text(msg)))
        self.import_failed.emit(msg)

    def _ask_pair_folders(self) -> None:
        # open(), not exec(): the window keeps running (and tests can fill in the dialog).
        dialog = PairFoldersDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_pair_dialog_accepted)
        dialog.open()

    def _on_pair_dialog_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, PairFoldersDialog):
            self.pair_folders(*dialog.folders())

    def is_pairing(self) -> bool:
        return self.jobs.busy("pair")

    def pair_folders(self, input_dir: str | Path, target_dir: str | Path) -> bool:
        """Import both folders and pair their files by name in the background (reads the
        audio, never writes it). False when it could not start."""
        if self.project is None:
            self._say(self.tr("Open or create a project first (File menu), then pair folders."))
            return False
        if self.is_importing() or self.is_pairing():
            self._say(self.tr("An import or pairing is already running; wait for it or cancel it."))
            return False
        from core.dataset import pairing

        project, input_dir, target_dir = self.project, str(input_dir), str(target_dir)

        def work(progress, should_cancel):
            return pairing.pair_folders(
                project, input_dir, target_dir, progress=progress, should_cancel=should_cancel
            )

        job = self.jobs.start("pair", work, context={"input": input_dir, "target": target_dir})
        if job is None:  # the check above makes this unreachable; say it anyway
            self._say(self.tr("A pairing is already running; wait for it or cancel it."))
            return False
        job.progress.connect(self._on_pair_progress)
        job.result.connect(self._on_paired)
        job.errored.connect(self._on_pair_failed)
        job.finished.connect(self._update_buttons)
        self._update_buttons()
        self._show_progress("pairing")
        self._say(
            self.tr("Pairing {inputs} (inputs) with {targets} (targets): importing…").format(
                inputs=input_dir, targets=target_dir
            )
        )
        return True

    def _on_pair_progress(self, done: int, total: int, path: str) -> None:
        self.import_progress.setRange(0, max(1, total))
        self.import_progress.setValue(done)
        self.import_progress.setFormat(
            self.tr("aligning {done}/{total} {name}").format(
                done=done, total=total, name=Path(path).name
            )
        )

    def _on_paired(self, report) -> None:
        job = self.sender()
        self._hide_progress()
        for path in report.unpaired_inputs + report.unpaired_targets:
            log.info("unpaired: %s", path)
        for path, why in report.rejected + report.failed:
            log.warning("not paired: %s: %s", path, why)
        self._say(describe_pair_report(report, cancelled=job.cancelled))
        self.paired.emit(report)

    def _on_pair_failed(self, msg: str) -> None:
        self._hide_progress()
        self.clips_changed.emit()  # a failure after the import still leaves the imported files
        ctx = self.sender().context
        text = self.tr("Cannot pair {inputs} (inputs) with {targets} (targets): {reason}").format(
            inputs=ctx["input"], targets=ctx["target"], reason=error_text(msg)
        )
        self._say(text)
        self.pairing_failed.emit(text)
