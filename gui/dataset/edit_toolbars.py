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

    def _action(
        self, toolbar: QToolBar, name: str, text: str, shortcuts=(), checkable=False, label=None
    ):
        """`label`: the button's text when it differs from `text` (the tooltip's and the
        accessible name's), e.g. on two lines where a language says more than fits."""
        action = QAction(text, self._scope)
        if label is not None and label != text:
            action.setIconText(label)
        action.setObjectName(name)
        action.setCheckable(checkable)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            # The key as the reader's keyboard names it ("Espace", "Ctrl+Maj+Z" in French);
            # a text that names its key already ("Snap (Z)") is not told it twice.
            key = QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(text if f"({key})" in text else f"{text} ({key})")
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
        bar = self._toolbar(self.tr("Edit"), "editToolbar", self.tr("Edit tools"))
        a = self._action
        self.action_undo = a(bar, "actionUndo", self.tr("Undo", "undo the last edit"), ["Ctrl+Z"])
        self.action_redo = a(
            bar, "actionRedo", self.tr("Redo", "redo the edit undone"), ["Ctrl+Shift+Z", "Ctrl+Y"]
        )
        bar.addSeparator()
        self.action_trim = a(bar, "actionTrim", self.tr("Trim"), ["Ctrl+T"])
        self.action_delete = a(bar, "actionDelete", self.tr("Delete"), ["Del"])
        self.action_silence = a(bar, "actionSilence", self.tr("Silence"))
        # Two-line buttons where French says more (Fondu en / ouverture): the bar fits 1280 px.
        self.action_fade_in = a(bar, "actionFadeIn", self.tr("Fade in"),
                                label=self.tr("Fade in", "button: may be two lines"))  # fmt: skip
        self.action_fade_out = a(bar, "actionFadeOut", self.tr("Fade out"),
                                 label=self.tr("Fade out", "button: may be two lines"))  # fmt: skip
        self.fade_curve = factory.combo(
            self,
            "fadeCurve",
            self.tr("Fade curve"),
            [(self.tr("linear"), "linear"), (self.tr("equal power"), "equal_power")],
        )
        bar.addWidget(self.fade_curve)
        bar.addSeparator()
        self.action_split = a(bar, "actionSplit", self.tr("Split at cursor"),
                              label=self.tr("Split at cursor", "button: may be two lines"))  # fmt: skip
        self.action_exclude = a(bar, "actionExclude", self.tr("Exclude"))
        self.action_include = a(bar, "actionInclude", self.tr("Include"))
        return bar

    def _build_level_bar(self) -> QToolBar:
        bar = self._toolbar(
            self.tr("Levels"), "levelToolbar", self.tr("Normalize and delete silence")
        )
        self.action_normalize = self._action(bar, "actionNormalize", self.tr("Normalize"))
        self.normalize_mode = factory.combo(
            self,
            "normalizeMode",
            self.tr("Normalize mode"),
            [(self.tr("peak dBFS"), "peak"), ("LUFS", "lufs")],
        )
        self.normalize_mode.currentIndexChanged.connect(self._normalize_mode_changed)
        self.normalize_target = factory.spin(
            self, "normalizeTarget", self.tr("Normalize target"), -70, 0, -1.0, suffix=" dB"
        )
        bar.addWidget(self.normalize_mode)
        bar.addWidget(self.normalize_target)
        bar.addSeparator()
        self.silence_tools = SilenceTools(self)
        for widget in self.silence_tools.widgets():
            bar.addWidget(widget)
        return bar

    def _build_view_bar(self) -> QToolBar:
        bar = self._toolbar(self.tr("View"), "viewToolbar", self.tr("View and playback tools"))
        a = self._action
        self.action_play = a(bar, "actionPlay", self.tr("Play/Stop"), ["Space"])
        self.action_play_sel = a(bar, "actionPlaySelection", self.tr("Play selection"))
        self.action_loop = a(bar, "actionLoop", self.tr("Loop"), checkable=True)
        bar.addSeparator()
        self.action_zoom_in = a(bar, "actionZoomIn", self.tr("Zoom in"))
        self.action_zoom_out = a(bar, "actionZoomOut", self.tr("Zoom out"))
        self.action_zoom_sel = a(bar, "actionZoomSelection", self.tr("Zoom to sel."))
        self.action_fit = a(bar, "actionFit", self.tr("Fit"))
        bar.addSeparator()
        self.action_snap = a(bar, "actionSnap", self.tr("Snap (Z)"), ["Z"], True)
        self.action_db = a(bar, "actionDb", self.tr("dB"), checkable=True)
        self.action_spectrogram = a(
            bar, "actionSpectrogram", self.tr("Spectrogram"), checkable=True
        )
        self.playback_status = QLabel("", self)
        self.playback_status.setObjectName("playbackStatus")
        self.playback_status.setAccessibleName(self.tr("Playback status"))
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
        self.normalize_target.setSuffix(" LUFS" if lufs else " dBFS")  # units: the same in French
