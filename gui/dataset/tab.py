"""The Dataset tab: import by drag and drop, browse, edit clips non-destructively, play, export.

The tab lays out its panels and wires them: the import bar, the file browser, the clip editor
(gui.dataset.editor: toolbars, the clip view, the edits), the clip player, and the side tabs
(history, statistics, classes, export). Nothing here writes to a source file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from core.dataset import clip_audio
from core.dataset.project import Project
from gui.dataset.class_panel import ClassPanel
from gui.dataset.clip_player import ClipPlayer
from gui.dataset.editor import ClipEditor
from gui.dataset.export_panel import ExportPanel
from gui.dataset.file_browser import FileBrowser
from gui.dataset.history_view import EditHistoryView
from gui.dataset.import_bar import ImportBar
from gui.dataset.stats_panel import DatasetStatsPanel
from gui.jobs import Jobs
from gui.widgets.file_drops import FileDropTarget, take_file_drops

log = logging.getLogger(__name__)


class DatasetTab(FileDropTarget, QWidget):
    clip_loaded = Signal(int)  # clip id, once its waveform is shown
    edits_changed = Signal(int)  # clip id, after an edit, undo or redo is stored and shown
    export_done = Signal(object)  # core.dataset.export.ExportReport
    paired = Signal(
        object
    )  # core.dataset.pairing.PairReport, once pairing ended (or was cancelled)
    pairing_failed = Signal(str)  # the message shown
    imported = Signal(
        object
    )  # core.dataset.importer.ImportReport, once shown (also when cancelled)
    import_failed = Signal(str)  # the reason shown
    # path, frames decoded, frames expected: a file FFmpeg reads is being decoded into the
    # project's cache (shown in the import progress bar first)
    decode_progress = Signal(str, int, int)
    message = Signal(str)

    # Every background job this tab starts (gui.jobs): stopped when the project changes.
    JOB_KEYS = ("import", "pair", "load", "export")

    def __init__(self, parent: QWidget | None = None, jobs: Jobs | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetTab")
        self.setAccessibleName(self.tr("Dataset"))
        take_file_drops(self)  # as a copy (gui.widgets.file_drops)
        self._own_jobs = jobs is None  # built alone (tests): its own, shut down with it
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project: Project | None = None

        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
        self.import_bar = ImportBar(self, self.jobs)
        self.import_bar.imported.connect(self._on_imported)
        self.import_bar.paired.connect(self._on_paired)
        self.import_bar.import_failed.connect(self.import_failed)
        self.import_bar.pairing_failed.connect(self.pairing_failed)
        self.import_bar.decode_progress.connect(self.decode_progress)
        self.import_bar.message.connect(self._say)
        root.addWidget(self.import_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("datasetSplitter")
        self.browser = FileBrowser(self)
        self.browser.clip_selected.connect(self.load_clip)
        self.browser.pair_selected.connect(self._on_pair_selected)
        self.browser.files_dropped.connect(self.import_bar.import_paths)
        self.browser.changed.connect(self._on_browser_changed)
        self.browser.stream_chosen.connect(self.choose_stream)
        self.browser.message.connect(self._say)
        self.import_bar.clips_changed.connect(self.browser.refresh)
        splitter.addWidget(self.browser)
        self.editor = ClipEditor(self, self.jobs, scope=self)
        self.editor.clip_loaded.connect(self.clip_loaded)
        self.editor.edits_changed.connect(self.edits_changed)
        self.editor.clips_changed.connect(self.browser.refresh)
        self.editor.message.connect(self._say)
        self.editor.view.wave_view.selection_changed.connect(self._measure_selection)
        splitter.addWidget(self.editor)
        toolbars = self.editor.toolbars
        self.clip_player = ClipPlayer(
            self,
            self.editor.view.wave_view,
            toolbars.action_loop,
            toolbars.playback_status,
            lambda: self.editor.wave,
        )
        self.clip_player.message.connect(self._say)
        toolbars.action_play.triggered.connect(lambda: self.clip_player.toggle_play())
        toolbars.action_play_sel.triggered.connect(lambda: self.clip_player.play_selection())
        splitter.addWidget(self._build_side())
        self.editor.history_changed.connect(self.history_view.show_history)
        # At 1280 px the editor gets what its toolbars need (tests/gui/test_layout.py); a
        # wider window widens the editor only, so the list does not jump per selection.
        splitter.setSizes([230, 860, 210])
        for index, stretch in enumerate((0, 1, 0)):
            splitter.setStretchFactor(index, stretch)
        self.splitter = splitter
        root.addWidget(splitter, 1)
        self.status = QLabel(
            self.tr("Open or create a project, then drop audio files or folders here.")
        )
        self.status.setObjectName("datasetStatus")
        self.status.setAccessibleName(self.tr("Dataset status"))
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        # Statistics follow edits, but only once the user pauses: each run decodes the
        # edited clip again.
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(3000)
        self._stats_timer.timeout.connect(self.stats_panel.refresh)
        self.edits_changed.connect(self._edits_settling)
        self.edits_changed.connect(self.browser.update_clip)
        self._restore_settings()

    def _build_side(self) -> QWidget:
        side = QTabWidget(self)
        side.setObjectName("datasetSideTabs")
        side.setAccessibleName(self.tr("History, statistics and export"))
        self.history_view = EditHistoryView(side)
        self.history_view.step_chosen.connect(self.editor.go_to_step)
        side.addTab(self.history_view, self.tr("History"))
        self.stats_panel = DatasetStatsPanel(side, self.jobs)
        self.stats_panel.stats_ready.connect(self._on_stats)
        side.addTab(self.stats_panel, self.tr("Statistics"))
        self.class_panel = ClassPanel(side)
        self.class_panel.changed.connect(self._on_classes_changed)
        self.class_panel.message.connect(self._say)
        side.addTab(self.class_panel, self.tr("Classes"))
        self.export_panel = ExportPanel(side, self.jobs, self.browser.listed_clip_ids)
        self.export_panel.exported.connect(self.export_done)
        self.export_panel.message.connect(self._say)
        side.addTab(self.export_panel, self.tr("Export"))
        return side

    # -- project -------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.clip_player.stop()
        self.editor.view.cancel_load()
        self._stats_timer.stop()
        self.import_bar.set_project(project)  # stops what writes into the old project
        self.export_panel.set_project(project)
        self.project = project
        self.editor.set_project(project)
        self.browser.set_project(project)
        self.stats_panel.set_project(project)
        self.class_panel.set_project(project)
        if project is not None:
            self._say(
                self.tr(
                    "%n clip(s) in the project. Drop files or folders to add.",
                    "",
                    len(project.clips()),
                )
            )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)
        log.info("%s", text)

    def set_config_provider(self, provider) -> None:
        """The training settings the statistics count with (the Training tab's form)."""
        self.stats_panel.set_config_provider(provider)
        self.stats_panel.refresh()

    # -- import --------------------------------------------------------------------------
    def drop_files(self, paths: list[str]) -> None:
        self.import_bar.import_paths(paths)

    def _on_imported(self, report) -> None:
        self.browser.refresh()
        self.class_panel.refresh()
        self.stats_panel.refresh()
        self.imported.emit(report)

    def _on_paired(self, report) -> None:
        self.browser.refresh()
        self.stats_panel.refresh()
        self.paired.emit(report)

    def choose_stream(self, clip_id: int, stream: int) -> bool:
        """Use another audio stream of a clip's source (decoded in the background)."""
        if self.project is None:
            return False
        clip = self.project.clip(clip_id)
        if clip.stream == stream:
            return False
        if self.editor.clip is not None and self.editor.clip.id == clip_id:
            self.clip_player.stop()
            self.editor.view.cancel_load()
            self.editor.clear()  # its waveform is about to describe another stream
        if not self.import_bar.start_import([clip.path], stream=stream):
            self._say(self.tr("An import is already running; wait for it, then choose the stream."))
            return False
        self._say(self.tr("Decoding audio stream {n} of {name}…").format(n=stream, name=clip.name))
        return True

    def _on_browser_changed(self) -> None:
        if self.editor.clip is not None and self.browser.item_for(self.editor.clip.id) is None:
            # The shown clip was removed: nothing of it may stay on screen or playing.
            name = self.editor.clip.name
            self.clip_player.stop()
            self.editor.clear()
            self._say(
                self.tr("Removed {name} from the project (its file stays on disk).").format(
                    name=name
                )
            )
        self.class_panel.refresh()
        self.stats_panel.refresh()

    def _on_classes_changed(self) -> None:
        self.browser.refresh()  # the Class column shows the new names
        self.stats_panel.refresh()

    def _edits_settling(self, _clip_id: int) -> None:
        # A long clip's statistics decode the whole edited file: that waits for Refresh.
        if self.editor.clip is not None and clip_audio.is_small(
            self.editor.clip.frames, self.editor.clip.channels
        ):
            self._stats_timer.start()
        else:
            self.stats_panel.status.setText(
                self.tr("Edits changed; press Refresh to measure again.")
            )

    def _on_stats(self, stats) -> None:
        self.browser.set_health({f.clip_id: f.issues for f in stats.files})

    def _measure_selection(self, start: int, end: int) -> None:
        wave = self.editor.wave
        if wave is None:
            self.stats_panel.show_selection(None, 1)
            return
        self.stats_panel.measure_selection(wave.reader, start, end, wave.pyramid.sample_rate)

    # -- loading a clip ------------------------------------------------------------------
    def load_clip(self, clip_id: int) -> None:
        """Show a clip: small ones load here, long ones in the background."""
        if self.project is None:
            return
        self.clip_player.stop()
        self.editor.load_clip(clip_id)

    def _on_pair_selected(self, input_id: int, target_id: int) -> None:
        """Edit the input; show the target under it, shifted by the measured offset."""
        self.load_clip(input_id)
        pair = next((p for p in self.project.pairs() if p.input.id == input_id), None)
        if pair is not None:
            self.editor.view.show_pair_target(pair, self.project.cache_dir)

    # -- settings and shutdown -----------------------------------------------------------
    def _restore_settings(self) -> None:
        s = QSettings()
        sizes = s.value("datasetTab/splitter")
        if sizes:
            self.splitter.restoreState(sizes)
        toolbars = self.editor.toolbars
        toolbars.action_db.setChecked(s.value("datasetTab/db", False, bool))
        self.editor.view.wave_view.set_db(toolbars.action_db.isChecked())
        toolbars.fade_curve.setCurrentIndex(s.value("datasetTab/fadeCurve", 0, int))

    def _save_settings(self) -> None:
        s = QSettings()
        s.setValue("datasetTab/splitter", self.splitter.saveState())
        s.setValue("datasetTab/db", self.editor.toolbars.action_db.isChecked())
        s.setValue("datasetTab/fadeCurve", self.editor.toolbars.fade_curve.currentIndex())

    def shutdown(self) -> None:
        self._save_settings()
        self._stats_timer.stop()
        self.clip_player.close()
        # Everything reads or writes the project, which closes next: stop and wait.
        self.editor.view.cancel_load()
        for key in self.JOB_KEYS:
            self.jobs.cancel(key, discard=True, wait=True)
        self.stats_panel.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
