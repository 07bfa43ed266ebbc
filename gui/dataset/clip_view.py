"""The clip being edited, drawn: its waveform (and spectrogram, and playhead), a pair's target
aligned under it, and the selection as numbers. Small clips are read here; long ones in the
background (jobs key `load`), so the waveform never shows another clip's audio while one loads.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.audio import peaks
from core.dataset import clip_audio
from gui.dataset.selection_bar import SelectionBar
from gui.jobs import Job, Jobs
from gui.localized import error_text, format_text
from gui.widgets.waveform_view import WaveformView


class ClipView(QWidget):
    shown = Signal(object)  # the core.dataset.clip_audio.ClipWaveform now shown
    busy_changed = Signal()  # a background read started or ended
    message = Signal(str)

    def __init__(self, parent: QWidget, jobs: Jobs) -> None:
        super().__init__(parent)
        self.setObjectName("clipView")
        self.jobs = jobs
        self.wave: clip_audio.ClipWaveform | None = None
        self._clip = None  # the clip shown or being read (a core.dataset.project.Clip)
        self._loader: Job | None = None  # the clip's waveform being read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.wave_view = WaveformView(self)
        layout.addWidget(self.wave_view, 1)
        self.target_label = QLabel("", self)
        self.target_label.setObjectName("pairTargetLabel")
        self.target_label.hide()
        layout.addWidget(self.target_label)
        self._layout = layout
        self._target_view: WaveformView | None = None  # built for the first pair shown
        self.selection_bar = SelectionBar(self)
        self.selection_bar.selection_edited.connect(self.wave_view.set_selection)
        self.selection_bar.cursor_edited.connect(self.wave_view.set_cursor)
        self.wave_view.selection_changed.connect(self.selection_bar.show_selection)
        self.wave_view.cursor_moved.connect(self.selection_bar.show_cursor)
        layout.addWidget(self.selection_bar)

    @property
    def target_view(self) -> WaveformView:
        """A pair's target under the input, built the first time a pair is shown: the
        window's first paint waits for the Dataset tab, and a view is ~0.1 s of it."""
        if self._target_view is None:
            view = WaveformView(self)
            view.setObjectName("targetWaveformView")
            view.setAccessibleName(self.tr("Waveform of the pair's target, aligned by its offset"))
            view.plot.setObjectName("targetWaveformPlot")
            view.overview.setObjectName("targetWaveformOverview")
            view.set_spectrogram_name("targetSpectrogramPlot")
            view.follow(self.wave_view)
            view.hide()
            layout = self._layout
            layout.insertWidget(layout.indexOf(self.target_label) + 1, view, 1)
            self._target_view = view
        return self._target_view

    def hide_target(self) -> None:
        if self._target_view is not None:
            self._target_view.hide()
        self.target_label.hide()

    def show_pair_target(self, pair, cache_dir) -> None:
        """Draw a pair's target under the input, shifted by the measured offset."""
        target = pair.target
        try:
            if clip_audio.is_small(target.frames, target.channels):
                wave = clip_audio.clip_waveform(target, cache_dir)
                pyramid, reader = wave.pyramid, wave.reader
            elif not target.edits and peaks.load_cached(cache_dir, target.audio_key):
                pyramid = peaks.load_cached(cache_dir, target.audio_key)
                reader = peaks.file_reader(target.audio_path)
            else:
                self.message.emit(self.tr("The target is long; select it on its own to read it."))
                return
        except Exception as exc:
            self.message.emit(
                self.tr("Cannot show the target {path}: {reason}").format(
                    path=target.path, reason=error_text(exc)
                )
            )
            return
        self.target_view.time_offset = -pair.offset / target.sample_rate
        self.target_view.set_source(pyramid, reader)
        self.target_label.setText(
            format_text(
                self.tr(
                    "Target: {name} (offset {ms:+.1f} ms, confidence {confidence:.2f}; drawn "
                    "aligned under the input)"
                ),
                name=target.name,
                ms=1000 * pair.offset / target.sample_rate,
                confidence=pair.confidence,
            )
        )
        self.target_label.show()
        self.target_view.show()

    # -- reading the clip ------------------------------------------------------------------
    def render(self, clip, cache_dir, keep_view: bool) -> bool:
        """Show `clip` with its edits; False when a small clip could not be read (said)."""
        # The decoded source is reused across edits of the same clip, so an edit costs a
        # re-render, not a re-read.
        source = self.wave.source if (keep_view and self.wave is not None) else None
        self._clip = clip
        if clip_audio.is_small(clip.frames, clip.channels):
            try:
                wave = clip_audio.clip_waveform(clip, cache_dir, source=source)
            except Exception as exc:
                self.message.emit(
                    self.tr("Cannot show {path}: {reason}").format(
                        path=clip.path, reason=error_text(exc)
                    )
                )
                return False
            self._show_wave(wave, keep_view)
            return True

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
        self.busy_changed.emit()  # no edits while the edited audio is being read
        self.message.emit(self.tr("Reading {name}…").format(name=clip.name))
        return True

    # A load the user moved away from was discarded (gui.jobs drops what it still says).
    def _on_loader_progress(self, done: int, total: int, _what: str) -> None:
        name = self.sender().context["name"]
        self.message.emit(
            self.tr("Reading {name}: {percent} %").format(
                name=name, percent=100 * done // max(1, total)
            )
        )
        self.wave_view.show_progress(
            self.tr("Building the waveform of {name}").format(name=name), done, total
        )

    def _load_failed(self, msg: str) -> None:
        job = self.sender()
        self._loader = None
        self.busy_changed.emit()
        self.wave_view.hide_progress()
        self.message.emit(
            self.tr("Cannot show {path}: {reason}").format(
                path=job.context["path"], reason=error_text(msg)
            )
        )

    def _loaded(self, wave) -> None:
        job = self.sender()
        self._loader = None
        clip = self._clip
        if clip is None or clip.id != job.context["clip_id"]:
            self.busy_changed.emit()
            return  # the clip was closed while it loaded
        self._show_wave(wave, job.context["keep_view"])
        self.message.emit(
            format_text(
                self.tr("{name}: {seconds:.1f} s source"), name=clip.name, seconds=clip.duration
            )
        )

    def _show_wave(self, wave: clip_audio.ClipWaveform, keep_view: bool) -> None:
        self.wave = wave
        self.wave_view.set_source(wave.pyramid, wave.reader, keep_view=keep_view)
        self.wave_view.set_excluded(wave.excluded_runs())
        self.selection_bar.set_timeline(wave.pyramid.frames, wave.pyramid.sample_rate)
        self.shown.emit(wave)

    def clear(self) -> None:
        self._clip, self.wave = None, None
        self.wave_view.set_source(None)
        self.selection_bar.set_timeline(0, 1)

    def cancel_load(self) -> None:
        if self._loader is not None:
            # Waited for: a second read of the same clip would write the same cache files.
            self._loader.discard()
            self._loader.wait()
            self._loader = None

    def is_loading(self) -> bool:
        return self._loader is not None
