"""Editing a clip non-destructively: the commands of the toolbars append operations to the
clip's edit list (core.dataset.edit_history, stored in the project index) and the view shows the
source rendered through it again. Nothing here writes to a source file."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.dataset.edit_history import EditHistory
from core.dataset.project import Project
from gui.dataset.clip_view import ClipView
from gui.dataset.edit_toolbars import EditToolbars
from gui.jobs import Jobs


class ClipEditor(QWidget):
    clip_loaded = Signal(int)  # clip id, once its waveform is shown
    edits_changed = Signal(int)  # clip id, after an edit, undo or redo is stored and shown
    history_changed = Signal(object)  # the EditHistory shown (None when no clip is)
    clips_changed = Signal()  # a clip was added (split)
    message = Signal(str)

    def __init__(self, parent: QWidget, jobs: Jobs, scope: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("clipEditor")
        self.project: Project | None = None
        self.clip = None
        self.history: EditHistory | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toolbars = t = EditToolbars(self, scope)
        layout.addWidget(t)
        self.view = ClipView(self, jobs)
        layout.addWidget(self.view, 1)
        self.view.shown.connect(self._on_shown)
        self.view.busy_changed.connect(self.update_enabled)
        self.view.message.connect(self.message)
        self.silence_tools = t.silence_tools
        self.silence_tools.set_wave_source(lambda: self.view.wave)
        self.silence_tools.preview.connect(self.view.wave_view.set_preview)
        self.silence_tools.apply_requested.connect(self.delete_silence)
        self.silence_tools.message.connect(self.message)
        for action, slot in (
            (t.action_undo, self.undo),
            (t.action_redo, self.redo),
            (t.action_trim, self.trim),
            (t.action_delete, self.delete),
            (t.action_silence, self.silence),
            (t.action_fade_in, self.fade_in),
            (t.action_fade_out, self.fade_out),
            (t.action_split, self.split_at_cursor),
            (t.action_exclude, self.exclude),
            (t.action_include, self.include),
            (t.action_normalize, self.normalize),
        ):
            action.triggered.connect(slot)
        wave_view = self.view.wave_view
        t.action_zoom_in.triggered.connect(lambda: wave_view.zoom(0.5))
        t.action_zoom_out.triggered.connect(lambda: wave_view.zoom(2))
        t.action_zoom_sel.triggered.connect(lambda: wave_view.zoom_to_selection())
        t.action_fit.triggered.connect(lambda: wave_view.fit())
        t.action_snap.triggered.connect(self._snap_toggled)
        t.action_db.triggered.connect(wave_view.set_db)
        t.action_spectrogram.triggered.connect(wave_view.set_spectrogram)
        self.update_enabled()

    @property
    def wave(self):
        return self.view.wave

    # -- the clip --------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.view.cancel_load()
        self.project = project
        self.clear()

    def load_clip(self, clip_id: int) -> None:
        """Show a clip: small ones load here, long ones in the background."""
        if self.project is None:
            return
        self.view.cancel_load()
        self.view.hide_target()
        self.clip = self.project.clip(clip_id)
        self.history = EditHistory.load(self.project, clip_id)
        self.history_changed.emit(self.history)
        self._render(keep_view=False)

    def _render(self, keep_view: bool) -> None:
        if not self.view.render(self.clip, self.project.cache_dir, keep_view):
            self.clear()

    def _on_shown(self, _wave) -> None:
        self.silence_tools.update_preview()
        self.update_enabled()
        self.clip_loaded.emit(self.clip.id)

    def clear(self) -> None:
        """Show no clip."""
        self.clip, self.history = None, None
        self.view.clear()
        self.history_changed.emit(None)
        self.update_enabled()

    def is_loading(self) -> bool:
        return self.view.is_loading()

    def rendered_audio(self):
        """The clip as shown (edits applied), when it is held in memory."""
        return None if self.wave is None else self.wave.audio

    # -- edits -----------------------------------------------------------------------------
    def _selection_or_say(self) -> tuple[int, int] | None:
        sel = self.view.wave_view.selection()
        if sel is None:
            self.message.emit(self.tr("Select a range first (drag on the waveform)."))
        return sel

    def _editable(self) -> bool:
        return self.clip is not None and self.history is not None and not self.is_loading()

    def apply_edit(self, edit: dict, label: str | None = None) -> None:
        """Append one operation to the clip's edit list, store it, and show the result."""
        if not self._editable():
            return
        self.history.apply(edit, label)
        self._store_and_render()

    def _store_and_render(self) -> None:
        self.history.save(self.project, self.clip.id)
        self.clip = self.project.clip(self.clip.id)
        self.history_changed.emit(self.history)
        self._render(keep_view=True)
        self.edits_changed.emit(self.clip.id)

    def _range_edit(self, op: str, **extra) -> tuple[int, int] | None:
        sel = self._selection_or_say()
        if sel:
            self.apply_edit({"op": op, "start": sel[0], "end": sel[1], **extra})
        return sel

    def trim(self) -> None:
        if self._range_edit("trim"):
            self.view.wave_view.clear_selection()
            self.view.wave_view.fit()

    def delete(self) -> None:
        sel = self._range_edit("delete")
        if sel:
            self.view.wave_view.clear_selection()
            self.view.wave_view.set_cursor(sel[0])

    def silence(self) -> None:
        self._range_edit("silence")

    def fade_in(self) -> None:
        self._range_edit("fade_in", curve=self.toolbars.fade_curve.currentData())

    def fade_out(self) -> None:
        self._range_edit("fade_out", curve=self.toolbars.fade_curve.currentData())

    def exclude(self) -> None:
        self._range_edit("exclude")

    def include(self) -> None:
        self._range_edit("include")

    def normalize(self) -> None:
        """Normalize the selection, or the whole clip when nothing is selected."""
        if self.clip is None:
            return
        edit = {
            "op": "normalize",
            "mode": self.toolbars.normalize_mode.currentData(),
            "target": float(self.toolbars.normalize_target.value()),
        }
        sel = self.view.wave_view.selection()
        if sel is not None:
            edit.update(start=sel[0], end=sel[1])
        self.apply_edit(edit)

    def split_at_cursor(self) -> None:
        """Two clips of the same source: this one keeps [0, cursor), a new one the rest."""
        if not self._editable():
            return
        cursor = self.view.wave_view.cursor
        frames = self.wave.pyramid.frames if self.wave else 0
        if not 0 < cursor < frames:
            self.message.emit(
                self.tr("Put the cursor inside the clip to split it (click on the waveform).")
            )
            return
        second = self.history.edits + [{"op": "trim", "start": cursor, "end": frames}]
        new = self.project.add_clip_from(self.clip.id, f"{self.clip.name} (part 2)", second)
        # Stored in English (the project's history), shown translated (history_view).
        first = QT_TRANSLATE_NOOP("EditHistory", "Split: keep first part")
        self.history.apply({"op": "trim", "start": 0, "end": cursor}, first)
        self._store_and_render()
        self.clips_changed.emit()
        self.message.emit(
            self.tr("Split {name}: the rest is now clip {new}.").format(
                name=self.clip.name, new=repr(new.name)
            )
        )

    def delete_silence(self) -> None:
        if self.clip is None:
            return
        self.apply_edit(self.silence_tools.rule().to_edit())
        self.silence_tools.silence_preview.setChecked(False)

    def undo(self) -> None:
        if not self.is_loading() and self.history is not None and self.history.can_undo:
            self.history.undo()
            self._store_and_render()

    def redo(self) -> None:
        if not self.is_loading() and self.history is not None and self.history.can_redo:
            self.history.redo()
            self._store_and_render()

    def go_to_step(self, index: int) -> None:
        idle = not self.is_loading()
        if idle and self.history is not None and index != self.history.index:
            self.history.go_to(index)
            self._store_and_render()

    # -- state -----------------------------------------------------------------------------
    def _snap_toggled(self, on: bool) -> None:
        self.view.wave_view.snap = bool(on)
        self.message.emit(
            self.tr("Snap to zero crossings on") if on else self.tr("Snap to zero crossings off")
        )

    def update_enabled(self) -> None:
        idle = not self.is_loading()
        has_clip = self.wave is not None and idle
        for action in self.toolbars.clip_actions():
            action.setEnabled(has_clip)
        self.silence_tools.silence_apply.setEnabled(has_clip)
        history = self.history
        self.toolbars.action_undo.setEnabled(idle and history is not None and history.can_undo)
        self.toolbars.action_redo.setEnabled(idle and history is not None and history.can_redo)
