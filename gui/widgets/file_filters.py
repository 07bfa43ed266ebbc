"""The file dialogs' filter of audio files, in the reader's language: the one the Dataset
tab's import, the Listen tab's sources and the classify view open files with.

The patterns come from core.audio.formats (what the app reads); only the filter's names
("Audio and video", "All files") are translated. A function, not a module constant: the
text must be translated after gui.i18n has installed the language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.audio.formats import name_patterns


def audio_filter() -> str:
    """The Qt file-dialog filter for every audio and video file the app reads."""
    return QCoreApplication.translate(
        "FileFilters", "Audio and video ({patterns});;All files (*)"
    ).format(patterns=name_patterns())
