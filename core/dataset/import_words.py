"""What an import says of the files it passes over or notes (core.dataset.importer and
import_scan): core Messages, English in the report, the CLI and the log, the reader's
language in the Dataset tab (gui.localized.translated). Why a file gives no audio at all
is core.audio.failures' (context MediaFailures); these are the import's own words."""

from __future__ import annotations

from core.messages import QT_TRANSLATE_NOOP, Message

CONTEXT = "ImportNotes"
NO_CLASS_FOLDER = QT_TRANSLATE_NOOP(
    "ImportNotes",
    "not in a class folder of {root} (a folder under the root names the class): move it "
    "into one, or import it with its class given",
)


def _say(template: str, **args) -> Message:
    return Message(CONTEXT, template, **args)


def no_class_folder(root) -> Message:
    return _say(NO_CLASS_FOLDER, root=str(root))


def project_folder() -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "a Wavesmith project folder"))


def folder_not_file() -> Message:
    return _say(
        QT_TRANSLATE_NOOP(
            "ImportNotes",
            "a folder, not an audio file (its contents are searched like any folder's)",
        )
    )


def unreadable_folder(why: str) -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "unreadable folder ({why})"), why=why)


def unreadable(exc: Exception) -> Message:
    # core.audio.failures' words for an OSError, in its context.
    return Message("MediaFailures", QT_TRANSLATE_NOOP("MediaFailures", "unreadable ({why})"),
                   why=str(exc))  # fmt: skip


def no_role() -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "no role chosen for it"))


def not_utf8() -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "its name is not valid UTF-8; rename the file"))


def named_twice() -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "named twice in this import"))


def now_in_class(label: str) -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "already in the project: now in class {label}"),
                label=label)  # fmt: skip


def already_there(why: str | None = None) -> Message:
    """ "already in the project", with why it was not taken again when there is a why."""
    if why is None:
        return _say(QT_TRANSLATE_NOOP("ImportNotes", "already in the project"))
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "already in the project ({why})"), why=why)


def changed_on_disk() -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "changed on disk since import"))


def changed_reimport() -> Message:
    return _say(QT_TRANSLATE_NOOP(
        "ImportNotes", "changed on disk since import: remove it and import it again"))  # fmt: skip


def duplicate_of(path: str) -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "duplicate of {path}"), path=path)


def video_stream(stream: int, described: str) -> Message:
    return _say(
        QT_TRANSLATE_NOOP(
            "ImportNotes",
            "video file: imported its audio stream {stream} ({described}); the picture is not used",
        ),
        stream=stream,
        described=described,
    )


def imported_stream(stream: int, described: str) -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "imported audio stream {stream} ({described})"),
                stream=stream, described=described)  # fmt: skip


def other_streams(count: int, others: str) -> Message:
    return _say(
        QT_TRANSLATE_NOOP(
            "ImportNotes",
            "{count} audio streams, the others: {others}. Pick one with --stream N or the "
            "Dataset tab's Audio stream menu",
        ),
        count=count,
        others=others,
    )


def now_uses_stream(stream: int) -> Message:
    return _say(QT_TRANSLATE_NOOP("ImportNotes", "now uses audio stream {stream}"), stream=stream)
