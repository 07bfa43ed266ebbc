"""The Dataset tab's three toolbars: edit commands with undo/redo, levels (normalize and the
silence tools), view and playback. They hold the actions and their settings; the clip editor
and the clip player connect to them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from gui.dataset.silence_tools import SilenceTools
from gui.widgets import factory


class EditToolbars(QWidget):
    """Every `action_*` of the editor; `scope` is the widget whose shortcuts they are."""

    def __init__(self, parent: QWidget, scope: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("editToolbars")
        self._scope = scope
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_edit_bar())
        layout.addWidget(self._build_level_bar())
        layout.addWidget(self._build_view_bar())

    def _action(self, toolbar: QToolBar, name: str, text: str, shortcuts=(), checkable=False):
        action = QAction(text, self._scope)
        action.setObjectName(name)
        action.setCheckable(checkable)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setToolTip(f"{text} ({QKeySequence(shortcuts[0]).toString()})")
        # Shortcuts work anywhere in the tab but not in the other tabs.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._scope.addAction(action)
        toolbar.addAction(action)
        widget = toolbar.widgetForAction(action)
        widget.setObjectName(name.replace("action", "button", 1))
        widget.setAccessibleName(text)
        return action

    def _toolbar(self, title: str, name: str, accessible: str) -> QToolBar:
        bar = QToolBar(title, self)
        bar.setObjectName(name)
        bar.setAccessibleName(accessible)
        return bar

    def _build_edit_bar(self) -> QToolBar:
        bar = self._toolbar("Edit", "editToolbar", "Edit tools")
        a = self._action
        self.action_undo = a(bar, "actionUndo", "Undo", ["Ctrl+Z"])
        self.action_redo = a(bar, "actionRedo", "Redo", ["Ctrl+Shift+Z", "Ctrl+Y"])
        bar.addSeparator()
        self.action_trim = a(bar, "actionTrim", "Trim", ["Ctrl+T"])
        self.action_delete = a(bar, "actionDelete", "Delete", ["Del"])
        self.action_silence = a(bar, "actionSilence", "Silence")
        self.action_fade_in = a(bar, "actionFadeIn", "Fade in")
        self.action_fade_out = a(bar, "actionFadeOut", "Fade out")
        self.fade_curve = factory.combo(
            self, "fadeCurve", "Fade curve", [("linear", "linear"), ("equal power", "equal_power")]
        )
        bar.addWidget(self.fade_curve)
        bar.addSeparator()
        self.action_split = a(bar, "actionSplit", "Split at cursor")
        self.action_exclude = a(bar, "actionExclude", "Exclude")
        self.action_include = a(bar, "actionInclude", "Include")
        return bar

    def _build_level_bar(self) -> QToolBar:
        bar = self._toolbar("Levels", "levelToolbar", "Normalize and delete silence")
        self.action_normalize = self._action(bar, "actionNormalize", "Normalize")
        self.normalize_mode = factory.combo(
            self, "normalizeMode", "Normalize mode", [("peak dBFS", "peak"), ("LUFS", "lufs")]
        )
        self.normalize_mode.currentIndexChanged.connect(self._normalize_mode_changed)
        self.normalize_target = factory.spin(
            self, "normalizeTarget", "Normalize target", -70, 0, -1.0, suffix=" dB"
        )
        bar.addWidget(self.normalize_mode)
        bar.addWidget(self.normalize_target)
        bar.addSeparator()
        self.silence_tools = SilenceTools(self)
        for widget in self.silence_tools.widgets():
            bar.addWidget(widget)
        return bar

    def _build_view_bar(self) -> QToolBar:
        bar = self._toolbar("View", "viewToolbar", "View and playback tools")
        a = self._action
        self.action_play = a(bar, "actionPlay", "Play/Stop", ["Space"])
        self.action_play_sel = a(bar, "actionPlaySelection", "Play selection")
        self.action_loop = a(bar, "actionLoop", "Loop", checkable=True)
        bar.addSeparator()
        self.action_zoom_in = a(bar, "actionZoomIn", "Zoom in")
        self.action_zoom_out = a(bar, "actionZoomOut", "Zoom out")
        self.action_zoom_sel = a(bar, "actionZoomSelection", "Zoom to sel.")
        self.action_fit = a(bar, "actionFit", "Fit")
        bar.addSeparator()
        self.action_snap = a(bar, "actionSnap", "Snap (Z)", ["Z"], True)
        self.action_db = a(bar, "actionDb", "dB", checkable=True)
        self.action_spectrogram = a(bar, "actionSpectrogram", "Spectrogram", checkable=True)
        self.playback_status = QLabel("", self)
        self.playback_status.setObjectName("playbackStatus")
        self.playback_status.setAccessibleName("Playback status")
        bar.addWidget(self.playback_status)
        return bar

    def clip_actions(self) -> tuple[QAction, ...]:
        """The actions that need a clip shown (and none being read)."""
        return (
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
        )

    def _normalize_mode_changed(self) -> None:
        lufs = self.normalize_mode.currentData() == "lufs"
        self.normalize_target.setValue(-23.0 if lufs else -1.0)
        self.normalize_target.setSuffix(" LUFS" if lufs else " dBFS")
