"""The Dataset tab: import by drag and drop, browse, edit clips non-destructively, play, export.

The tab binds widgets to core objects: the edit list lives in the project index (through
core.dataset.edit_history), the audio shown is always the source rendered through that edit list
(core.audio.clip_audio.clip_waveform, from the decoded copy for what FFmpeg reads), and nothing here
writes to a source file.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core.audio import dsp, peaks
from core.dataset import clip_audio
from core.dataset.edit_history import EditHistory
from core.dataset.project import Project
from gui.dataset.clip_player import ClipPlayer
from gui.dataset.drops import local_paths
from gui.dataset.export_panel import ExportPanel
from gui.dataset.file_browser import FileBrowser
from gui.dataset.history_view import EditHistoryView
from gui.dataset.import_bar import ImportBar
from gui.dataset.selection_bar import SelectionBar
from gui.dataset.stats_panel import DatasetStatsPanel
from gui.jobs import Job, Jobs
from gui.widgets import factory
from gui.widgets.waveform_view import WaveformView

log = logging.getLogger(__name__)


class DatasetTab(QWidget):
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
        self.setAccessibleName("Dataset")
        self.setAcceptDrops(True)
        self._own_jobs = jobs is None  # built alone (tests): its own, shut down with it
        self.jobs = jobs if jobs is not None else Jobs(self)
        self.project: Project | None = None
        self.clip = None
        self.history: EditHistory | None = None
        self.wave: clip_audio.ClipWaveform | None = None
        self._loader: Job | None = None  # the clip's waveform being read
        self._preview_mask: np.ndarray | None = None

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
        self.browser.files_dropped.connect(self.import_paths)
        self.browser.changed.connect(self._on_browser_changed)
        self.browser.stream_chosen.connect(self.choose_stream)
        self.import_bar.clips_changed.connect(self.browser.refresh)
        splitter.addWidget(self.browser)
        splitter.addWidget(self._build_editor())
        self.clip_player = ClipPlayer(
            self, self.wave_view, self.action_loop, self.playback_status, lambda: self.wave
        )
        self.clip_player.message.connect(self._say)
        splitter.addWidget(self._build_side())
        splitter.setSizes([370, 800, 230])
        self.splitter = splitter
        root.addWidget(splitter, 1)
        self.status = QLabel("Open or create a project, then drop audio files or folders here.")
        self.status.setObjectName("datasetStatus")
        self.status.setAccessibleName("Dataset status")
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        # Statistics follow edits, but only once the user pauses: each run decodes the
        # edited clip again.
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(3000)
        self._stats_timer.timeout.connect(self.stats_panel.refresh)
        self.edits_changed.connect(self._edits_settling)

        self._update_enabled()
        self._restore_settings()

    # -- building ------------------------------------------------------------------------
    def _action(self, toolbar: QToolBar, name: str, text: str, slot, shortcuts=(), checkable=False):
        action = QAction(text, self)
        action.setObjectName(name)
        action.setCheckable(checkable)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setToolTip(f"{text} ({QKeySequence(shortcuts[0]).toString()})")
        # Shortcuts work anywhere in this tab but not in the other tabs.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        toolbar.addAction(action)
        widget = toolbar.widgetForAction(action)
        widget.setObjectName(name.replace("action", "button", 1))
        widget.setAccessibleName(text)
        return action

    def _build_editor(self) -> QWidget:
        editor = QWidget(self)
        editor.setObjectName("clipEditor")
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)

        edit_bar = QToolBar("Edit", editor)
        edit_bar.setObjectName("editToolbar")
        edit_bar.setAccessibleName("Edit tools")
        a = self._action
        self.action_undo = a(edit_bar, "actionUndo", "Undo", self.undo, ["Ctrl+Z"])
        self.action_redo = a(edit_bar, "actionRedo", "Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        edit_bar.addSeparator()
        self.action_trim = a(edit_bar, "actionTrim", "Trim", self.trim, ["Ctrl+T"])
        self.action_delete = a(edit_bar, "actionDelete", "Delete", self.delete, ["Del"])
        self.action_silence = a(edit_bar, "actionSilence", "Silence", self.silence)
        self.action_fade_in = a(edit_bar, "actionFadeIn", "Fade in", self.fade_in)
        self.action_fade_out = a(edit_bar, "actionFadeOut", "Fade out", self.fade_out)
        self.fade_curve = factory.combo(
            self, "fadeCurve", "Fade curve", [("linear", "linear"), ("equal power", "equal_power")]
        )
        edit_bar.addWidget(self.fade_curve)
        edit_bar.addSeparator()
        self.action_split = a(edit_bar, "actionSplit", "Split at cursor", self.split_at_cursor)
        self.action_exclude = a(edit_bar, "actionExclude", "Exclude", self.exclude)
        self.action_include = a(edit_bar, "actionInclude", "Include", self.include)
        layout.addWidget(edit_bar)

        level_bar = QToolBar("Levels", editor)
        level_bar.setObjectName("levelToolbar")
        level_bar.setAccessibleName("Normalize and delete silence")
        self.action_normalize = a(level_bar, "actionNormalize", "Normalize", self.normalize)
        self.normalize_mode = factory.combo(
            self, "normalizeMode", "Normalize mode", [("peak dBFS", "peak"), ("LUFS", "lufs")]
        )
        self.normalize_mode.currentIndexChanged.connect(self._normalize_mode_changed)
        self.normalize_target = factory.spin(
            self, "normalizeTarget", "Normalize target", -70, 0, -1.0, suffix=" dB"
        )
        level_bar.addWidget(self.normalize_mode)
        level_bar.addWidget(self.normalize_target)
        level_bar.addSeparator()
        level_bar.addWidget(QLabel(" Silence below ", editor))
        self.silence_threshold = factory.spin(
            self, "silenceThreshold", "Silence threshold", -90, -10, -40, suffix=" dB"
        )
        self.silence_min = factory.spin(
            self,
            "silenceMinDuration",
            "Minimum silence duration",
            0.05,
            10,
            0.5,
            suffix=" s",
            decimals=2,
        )
        self.silence_preview = QCheckBox("Preview", editor)
        self.silence_preview.setObjectName("silencePreview")
        self.silence_preview.setAccessibleName("Preview silence to delete")
        self.silence_preview.toggled.connect(self.update_silence_preview)
        self.silence_threshold.valueChanged.connect(lambda _v: self.update_silence_preview())
        self.silence_min.valueChanged.connect(lambda _v: self.update_silence_preview())
        self.silence_apply = QPushButton("Delete silence", editor)
        self.silence_apply.setObjectName("silenceApply")
        self.silence_apply.setAccessibleName("Delete silence")
        self.silence_apply.clicked.connect(self.delete_silence)
        level_bar.addWidget(self.silence_threshold)
        level_bar.addWidget(QLabel(" for ≥ ", editor))
        level_bar.addWidget(self.silence_min)
        level_bar.addWidget(self.silence_preview)
        level_bar.addWidget(self.silence_apply)
        layout.addWidget(level_bar)

        tool_bar = QToolBar("View", editor)
        tool_bar.setObjectName("viewToolbar")
        tool_bar.setAccessibleName("View and playback tools")
        self.action_play = a(
            tool_bar, "actionPlay", "Play/Stop", lambda: self.clip_player.toggle_play(), ["Space"]
        )
        self.action_play_sel = a(
            tool_bar,
            "actionPlaySelection",
            "Play selection",
            lambda: self.clip_player.play_selection(),
        )
        self.action_loop = a(tool_bar, "actionLoop", "Loop", lambda: None, checkable=True)
        tool_bar.addSeparator()
        self.action_zoom_in = a(
            tool_bar, "actionZoomIn", "Zoom in", lambda: self.wave_view.zoom(0.5)
        )
        self.action_zoom_out = a(
            tool_bar, "actionZoomOut", "Zoom out", lambda: self.wave_view.zoom(2)
        )
        self.action_zoom_sel = a(
            tool_bar,
            "actionZoomSelection",
            "Zoom to sel.",
            lambda: self.wave_view.zoom_to_selection(),
        )
        self.action_fit = a(tool_bar, "actionFit", "Fit", lambda: self.wave_view.fit())
        tool_bar.addSeparator()
        self.action_snap = a(tool_bar, "actionSnap", "Snap (Z)", self._snap_toggled, ["Z"], True)
        self.action_db = a(tool_bar, "actionDb", "dB", self._db_toggled, checkable=True)
        self.action_spectrogram = a(
            tool_bar, "actionSpectrogram", "Spectrogram", self._spectrogram_toggled, checkable=True
        )
        layout.addWidget(tool_bar)

        self.playback_status = QLabel("", editor)
        self.playback_status.setObjectName("playbackStatus")
        self.playback_status.setAccessibleName("Playback status")
        tool_bar.addWidget(self.playback_status)

        self.wave_view = WaveformView(editor)
        self.wave_view.selection_changed.connect(self._on_selection_changed)
        self.wave_view.cursor_moved.connect(lambda f: self.selection_bar.show_cursor(f))
        layout.addWidget(self.wave_view, 1)
        self.target_label = QLabel("", editor)
        self.target_label.setObjectName("pairTargetLabel")
        self.target_label.hide()
        layout.addWidget(self.target_label)
        self._editor_layout = layout
        self._target_view: WaveformView | None = None  # built for the first pair shown
        self.selection_bar = SelectionBar(editor)
        self.selection_bar.selection_edited.connect(self.wave_view.set_selection)
        self.selection_bar.cursor_edited.connect(self.wave_view.set_cursor)
        layout.addWidget(self.selection_bar)
        return editor

    @property
    def target_view(self) -> WaveformView:
        """A pair's target under the input, built the first time a pair is shown: the
        window's first paint waits for the Dataset tab, and a view is ~0.1 s of it."""
        if self._target_view is None:
            view = WaveformView(self.wave_view.parentWidget())
            view.setObjectName("targetWaveformView")
            view.setAccessibleName("Waveform of the pair's target, aligned by its offset")
            view.plot.setObjectName("targetWaveformPlot")
            view.overview.setObjectName("targetWaveformOverview")
            view.set_spectrogram_name("targetSpectrogramPlot")
            view.follow(self.wave_view)
            view.hide()
            layout = self._editor_layout
            layout.insertWidget(layout.indexOf(self.target_label) + 1, view, 1)
            self._target_view = view
        return self._target_view

    def _build_side(self) -> QWidget:
        side = QTabWidget(self)
        side.setObjectName("datasetSideTabs")
        side.setAccessibleName("History, statistics and export")
        self.history_view = EditHistoryView(side)
        self.history_view.step_chosen.connect(self.go_to_step)
        side.addTab(self.history_view, "History")
        self.stats_panel = DatasetStatsPanel(side, self.jobs)
        self.stats_panel.stats_ready.connect(self._on_stats)
        side.addTab(self.stats_panel, "Statistics")
        self.export_panel = ExportPanel(side, self.jobs, self.browser.listed_clip_ids)
        self.export_panel.exported.connect(self.export_done)
        self.export_panel.message.connect(self._say)
        side.addTab(self.export_panel, "Export")
        return side

    # -- project -------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.clip_player.stop()
        self._cancel_loader()
        self._stats_timer.stop()
        self.import_bar.set_project(project)  # stops what writes into the old project
        self.export_panel.set_project(project)
        self.project = project
        self._show_clip(None)
        self.browser.set_project(project)
        self.stats_panel.set_project(project)
        self._update_enabled()
        if project is not None:
            self._say(
                f"{len(project.clips())} clip(s) in the project. Drop files or folders to add."
            )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)
        log.info("%s", text)

    # -- import --------------------------------------------------------------------------
    def handle_drop(self, urls: list[QUrl]) -> None:
        self.import_paths(local_paths(urls))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.handle_drop(event.mimeData().urls())

    def import_paths(self, paths: list[str]) -> bool:
        return self.import_bar.import_paths(paths)

    def _on_imported(self, report) -> None:
        self.browser.refresh()
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
        if self.clip is not None and self.clip.id == clip_id:
            self.clip_player.stop()
            self._cancel_loader()
            self._show_clip(None)  # its waveform is about to describe another stream
        if not self.import_bar.start_import([clip.path], stream=stream):
            self._say("An import is already running; wait for it, then choose the stream.")
            return False
        self._say(f"Decoding audio stream {stream} of {clip.name}…")
        return True

    # -- pairing -------------------------------------------------------------------------
    def _on_browser_changed(self) -> None:
        if self.clip is not None and self.browser.item_for(self.clip.id) is None:
            self._show_clip(None)
        self.stats_panel.refresh()

    def _edits_settling(self, _clip_id: int) -> None:
        # A long clip's statistics decode the whole edited file: that waits for Refresh.
        if self.clip is not None and clip_audio.is_small(self.clip.frames, self.clip.channels):
            self._stats_timer.start()
        else:
            self.stats_panel.status.setText("Edits changed; press Refresh to measure again.")

    def _on_stats(self, stats) -> None:
        self.browser.set_health({f.clip_id: f.issues for f in stats.files})

    # -- loading a clip ------------------------------------------------------------------
    def _on_pair_selected(self, input_id: int, target_id: int) -> None:
        """Edit the input; show the target under it, shifted by the measured offset."""
        self.load_clip(input_id)
        pair = next((p for p in self.project.pairs() if p.input.id == input_id), None)
        if pair is None:
            return
        target = pair.target
        try:
            if clip_audio.is_small(target.frames, target.channels):
                wave = clip_audio.clip_waveform(target, self.project.cache_dir)
                pyramid, reader = wave.pyramid, wave.reader
            elif not target.edits and peaks.load_cached(self.project.cache_dir, target.audio_key):
                pyramid = peaks.load_cached(self.project.cache_dir, target.audio_key)
                reader = peaks.file_reader(target.audio_path)
            else:
                self._say("The target is long; select it on its own to read it.")
                return
        except Exception as exc:
            self._say(f"Cannot show the target {target.path}: {exc}")
            return
        self.target_view.time_offset = -pair.offset / target.sample_rate
        self.target_view.set_source(pyramid, reader)
        self.target_label.setText(
            f"Target: {target.name} (offset {1000 * pair.offset / target.sample_rate:+.1f} ms,"
            f" confidence {pair.confidence:.2f}; drawn aligned under the input)"
        )
        self.target_label.show()
        self.target_view.show()

    def load_clip(self, clip_id: int) -> None:
        """Show a clip: small ones load here, long ones in the background."""
        if self.project is None:
            return
        self.clip_player.stop()
        self._cancel_loader()
        if self._target_view is not None:
            self._target_view.hide()
        self.target_label.hide()
        clip = self.project.clip(clip_id)
        self.clip = clip
        self.history = EditHistory.load(self.project, clip_id)
        self.history_view.show_history(self.history)
        self._render(keep_view=False)

    def _render(self, keep_view: bool) -> None:
        clip = self.clip
        # The decoded source is reused across edits of the same clip, so an edit costs a
        # re-render, not a re-read.
        source = self.wave.source if (keep_view and self.wave is not None) else None
        if clip_audio.is_small(clip.frames, clip.channels):
            try:
                wave = clip_audio.clip_waveform(clip, self.project.cache_dir, source=source)
            except Exception as exc:
                self._say(f"Cannot show {clip.path}: {exc}")
                self._show_clip(None)
                return
            self._show_wave(wave, keep_view)
            return
        cache_dir = self.project.cache_dir

        def work(progress, should_cancel):
            return clip_audio.clip_waveform(
                clip,
                cache_dir,
                source=source,
                progress=lambda d, t: progress(d, t, clip.name),
                should_cancel=should_cancel,
            )

        if not keep_view:
            # Never leave another clip's waveform up while this one loads: an edit would
            # land on this clip with positions taken from that one.
            self.wave = None
            self.wave_view.set_source(None)
            self.selection_bar.set_timeline(0, 1)
        context = {"keep_view": keep_view, "clip_id": clip.id, "name": clip.name}
        job = self.jobs.start("load", work, replace=True, context=context | {"path": clip.path})
        job.progress.connect(self._on_loader_progress)
        job.result.connect(self._loaded)
        job.errored.connect(self._load_failed)
        self._loader = job
        self._update_enabled()  # no edits while the edited audio is being read
        self._say(f"Reading {clip.name}…")

    # A load the user moved away from was discarded (gui.jobs drops what it still says).
    def _on_loader_progress(self, done: int, total: int, _what: str) -> None:
        name = self.sender().context["name"]
        self._say(f"Reading {name}: {100 * done // max(1, total)} %")
        self.wave_view.show_progress(f"Building the waveform of {name}", done, total)

    def _load_failed(self, msg: str) -> None:
        job = self.sender()
        self._loader = None
        self._update_enabled()
        self.wave_view.hide_progress()
        self._say(f"Cannot show {job.context['path']}: {msg}")

    def _loaded(self, wave) -> None:
        job = self.sender()
        self._loader = None
        if self.clip is None or self.clip.id != job.context["clip_id"]:
            self._update_enabled()
            return  # the clip was closed while it loaded
        self._show_wave(wave, job.context["keep_view"])
        self._say(f"{self.clip.name}: {self.clip.duration:.1f} s source")

    def _show_wave(self, wave: clip_audio.ClipWaveform, keep_view: bool) -> None:
        self.wave = wave
        self.wave_view.set_source(wave.pyramid, wave.reader, keep_view=keep_view)
        self.wave_view.set_excluded(wave.excluded_runs())
        self.selection_bar.set_timeline(wave.pyramid.frames, wave.pyramid.sample_rate)
        self._preview_mask = None
        self.update_silence_preview()
        self._update_enabled()
        self.clip_loaded.emit(self.clip.id)

    def _show_clip(self, clip) -> None:
        if clip is None:
            self.clip, self.history, self.wave = None, None, None
            self.wave_view.set_source(None)
            self.history_view.show_history(None)
            self.selection_bar.set_timeline(0, 1)
            self._update_enabled()

    def _cancel_loader(self) -> None:
        if self._loader is not None:
            # Waited for: a second read of the same clip would write the same cache files.
            self._loader.discard()
            self._loader.wait()
            self._loader = None

    def is_loading(self) -> bool:
        return self._loader is not None

    # -- edits ---------------------------------------------------------------------------
    def _selection_or_say(self) -> tuple[int, int] | None:
        sel = self.wave_view.selection()
        if sel is None:
            self._say("Select a range first (drag on the waveform).")
        return sel

    def apply_edit(self, edit: dict, label: str | None = None) -> None:
        """Append one operation to the clip's edit list, store it, and show the result."""
        if self.clip is None or self.history is None or self._loader is not None:
            return
        self.history.apply(edit, label)
        self._store_and_render()

    def _store_and_render(self) -> None:
        self.history.save(self.project, self.clip.id)
        self.clip = self.project.clip(self.clip.id)
        self.history_view.show_history(self.history)
        self._render(keep_view=True)
        self.edits_changed.emit(self.clip.id)

    def trim(self) -> None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": "trim", "start": sel[0], "end": sel[1]})
            self.wave_view.clear_selection()
            self.wave_view.fit()

    def delete(self) -> None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": "delete", "start": sel[0], "end": sel[1]})
            self.wave_view.clear_selection()
            self.wave_view.set_cursor(sel[0])

    def silence(self) -> None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": "silence", "start": sel[0], "end": sel[1]})

    def _fade(self, op: str) -> None:
        sel = self._selection_or_say()
        if sel:
            curve = self.fade_curve.currentData()
            self.apply_edit({"op": op, "start": sel[0], "end": sel[1], "curve": curve})

    def fade_in(self) -> None:
        self._fade("fade_in")

    def fade_out(self) -> None:
        self._fade("fade_out")

    def normalize(self) -> None:
        """Normalize the selection, or the whole clip when nothing is selected."""
        if self.clip is None:
            return
        edit = {
            "op": "normalize",
            "mode": self.normalize_mode.currentData(),
            "target": float(self.normalize_target.value()),
        }
        sel = self.wave_view.selection()
        if sel is not None:
            edit.update(start=sel[0], end=sel[1])
        self.apply_edit(edit)

    def _normalize_mode_changed(self) -> None:
        lufs = self.normalize_mode.currentData() == "lufs"
        self.normalize_target.setValue(-23.0 if lufs else -1.0)
        self.normalize_target.setSuffix(" LUFS" if lufs else " dBFS")

    def exclude(self) -> None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": "exclude", "start": sel[0], "end": sel[1]})

    def include(self) -> None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": "include", "start": sel[0], "end": sel[1]})

    def split_at_cursor(self) -> None:
        """Two clips of the same source: this one keeps [0, cursor), a new one the rest."""
        if self.clip is None or self.history is None or self._loader is not None:
            return
        cursor = self.wave_view.cursor
        frames = self.wave.pyramid.frames if self.wave else 0
        if not 0 < cursor < frames:
            self._say("Put the cursor inside the clip to split it (click on the waveform).")
            return
        second = self.history.edits + [{"op": "trim", "start": cursor, "end": frames}]
        new = self.project.add_clip_from(self.clip.id, f"{self.clip.name} (part 2)", second)
        self.history.apply({"op": "trim", "start": 0, "end": cursor}, "Split: keep first part")
        self._store_and_render()
        self.browser.refresh()
        self._say(f"Split {self.clip.name}: the rest is now clip {new.name!r}.")

    def _silence_params(self) -> dict:
        return {
            "op": "delete_silence",
            "threshold_db": float(self.silence_threshold.value()),
            "min_duration": float(self.silence_min.value()),
        }

    def update_silence_preview(self) -> None:
        """Shade what "delete silence" would remove, without changing anything."""
        if not self.silence_preview.isChecked() or self.wave is None:
            self.wave_view.set_preview([])
            self._preview_mask = None
            return
        if not self.wave.in_memory:
            self._say("Preview needs the clip in memory; apply an edit or use a shorter clip.")
            self.wave_view.set_preview([])
            return
        p = self._silence_params()
        mask = dsp.voiced_mask(
            self.wave.audio,
            self.wave.pyramid.sample_rate,
            threshold_db=p["threshold_db"],
            min_silence=p["min_duration"],
            keep_margin=0.05,
        )
        self._preview_mask = mask
        regions = dsp.true_runs(~mask)
        self.wave_view.set_preview(regions)
        removed = int(np.count_nonzero(~mask)) / self.wave.pyramid.sample_rate
        self._say(f"Delete silence would remove {len(regions)} region(s), {removed:.2f} s.")

    def delete_silence(self) -> None:
        if self.clip is None:
            return
        self.apply_edit(self._silence_params())
        self.silence_preview.setChecked(False)

    def undo(self) -> None:
        if self._loader is None and self.history is not None and self.history.can_undo:
            self.history.undo()
            self._store_and_render()

    def redo(self) -> None:
        if self._loader is None and self.history is not None and self.history.can_redo:
            self.history.redo()
            self._store_and_render()

    def go_to_step(self, index: int) -> None:
        if self._loader is None and self.history is not None and index != self.history.index:
            self.history.go_to(index)
            self._store_and_render()

    def rendered_audio(self) -> np.ndarray | None:
        """The clip as shown (edits applied), when it is held in memory."""
        return None if self.wave is None else self.wave.audio

    # -- view toggles ----------------------------------------------------------------------
    def _snap_toggled(self, on: bool) -> None:
        self.wave_view.snap = bool(on)
        self._say("Snap to zero crossings " + ("on" if on else "off"))

    def _db_toggled(self, on: bool) -> None:
        self.wave_view.set_db(on)

    def _spectrogram_toggled(self, on: bool) -> None:
        self.wave_view.set_spectrogram(on)

    def _on_selection_changed(self, start: int, end: int) -> None:
        self.selection_bar.show_selection(start, end)
        if self.wave is None:
            self.stats_panel.show_selection(None, 1)
            return
        self.stats_panel.measure_selection(
            self.wave.reader, start, end, self.wave.pyramid.sample_rate
        )

    def _update_enabled(self) -> None:
        has_clip = self.wave is not None and self._loader is None
        for action in (
            self.action_trim,
            self.action_delete,
            self.action_silence,
            self.action_fade_in,
            self.action_fade_out,
            self.action_normalize,
            self.action_split,
            self.action_exclude,
            self.action_include,
            self.action_play,
            self.action_play_sel,
        ):
            action.setEnabled(has_clip)
        self.silence_apply.setEnabled(has_clip)
        idle = self._loader is None
        self.action_undo.setEnabled(idle and self.history is not None and self.history.can_undo)
        self.action_redo.setEnabled(idle and self.history is not None and self.history.can_redo)

    # -- playback ------------------------------------------------------------------------
    # -- settings and shutdown -----------------------------------------------------------
    def _restore_settings(self) -> None:
        s = QSettings()
        sizes = s.value("datasetTab/splitter")
        if sizes:
            self.splitter.restoreState(sizes)
        self.action_db.setChecked(s.value("datasetTab/db", False, bool))
        self.wave_view.set_db(self.action_db.isChecked())
        self.fade_curve.setCurrentIndex(s.value("datasetTab/fadeCurve", 0, int))

    def _save_settings(self) -> None:
        s = QSettings()
        s.setValue("datasetTab/splitter", self.splitter.saveState())
        s.setValue("datasetTab/db", self.action_db.isChecked())
        s.setValue("datasetTab/fadeCurve", self.fade_curve.currentIndex())

    def shutdown(self) -> None:
        self._save_settings()
        self._stats_timer.stop()
        self.clip_player.close()
        # Everything reads or writes the project, which closes next: stop and wait.
        self._cancel_loader()
        for key in self.JOB_KEYS:
            self.jobs.cancel(key, discard=True, wait=True)
        self.stats_panel.shutdown()
        if self._own_jobs:
            self.jobs.shutdown()
