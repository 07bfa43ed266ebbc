"""Texts core writes for people (advice, health flags, errors naming a file) that a face
may translate, while core stays Qt-free.

A `Message` is the English text itself (a `str`: the command line prints it, logs and
tests compare it as before) that also remembers its template and arguments. Core marks the
template with `QT_TRANSLATE_NOOP(context, template)`, a Qt-free function of that name, which
`pyside6-lupdate` recognises, so the template lands in resources/i18n/*.ts like any tr()
string; the GUI translates the template and formats the arguments in the reader's language
(gui.localized.translated). Arguments may be Messages themselves, translated in turn.

Numbers stay numbers in the arguments (`{minutes:.1f}`) so the GUI can write them with a
decimal comma; the English text formats them the Python way.

A count is a `counted` Message: its template holds `%n` (`"%n file(s) with problems"`),
which scripts/translations.py turns into a plural entry of the catalogs (French has its
singular and plural there), and it carries its English forms, so the command line says
"1 file", "2 files" without Qt. The same forms fill the English catalog's entry
(translations.py reads them from the `counted(...)` call), so the English GUI agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.units import bytes_in_unit, rough_in_unit


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for translation in `context` and returns it unchanged."""
    return text


COUNT = "%n"  # where a counted Message's count goes, as in Qt's plural strings


class Message(str):
    """English text with the template (in `context`) and arguments it was made from;
    a `counted` one also has its count and English (singular, plural) forms."""

    context: str
    template: str
    args: Mapping[str, Any]
    count: int | None = None
    english: tuple[str, str] | None = None

    def __new__(cls, context: str, template: str, **args: Any) -> Message:
        text = super().__new__(cls, template.format(**args) if args else template)
        text.context = context
        text.template = template
        text.args = dict(args)
        return text

    def __reduce__(self):
        # A str subclass with attributes: rebuilt from its parts when pickled (job results).
        return (_rebuild, (self.context, self.template, dict(self.args), self.count, self.english))


def _rebuild(context: str, template: str, args: dict, count=None, english=None) -> Message:
    if count is not None and english is not None:
        return counted(context, template, tuple(english), count, **args)
    return Message(context, template, **args)


def counted(context: str, template: str, english: tuple[str, str], n: int, **args: Any) -> Message:
    """A text about `n` things: `template` (marked with QT_TRANSLATE_NOOP, with `%n` for
    the count) is the catalog's key; `english` its English singular and plural, also with
    `%n`, which the English text takes by `n`. Write the marker and the forms as literals,
    one after the other: scripts/translations.py reads them there for the English catalog."""
    form = english[0] if n == 1 else english[1]
    text = Message(context, form.replace(COUNT, str(n)), **args)
    text.template = template
    text.count = int(n)
    text.english = (english[0], english[1])
    return text


def size_words(n: float) -> Message:
    """core.units.format_bytes as a Message: `3.0 GB` here, `3,0 Go` in a French window."""
    value, places, unit = bytes_in_unit(n)
    return Message("Units", "{value:.{places}f} {unit}", value=value, places=places,
                   unit=Message("Units", unit))  # fmt: skip


def rough_words(seconds: float) -> Message:
    """core.units.format_duration(seconds, "rough") as a Message (`1.5 h`, `1,5 h`)."""
    value, places, unit = rough_in_unit(seconds)
    return Message("Units", "{value:.{places}f} {unit}", value=value, places=places,
                   unit=Message("Units", unit))  # fmt: skip


def device_words(name: str) -> Message:
    """A device id (`cpu`, `cuda:0`, what `pick_device` takes or returns) as a person reads
    it in a sentence: "training on the CPU", "batch 4 on GPU 0 (cuda:0)". Every text that
    names a device takes it from here; the id stays in brackets where a user may type it."""
    name = str(name)
    kind, _, index = name.partition(":")
    if name == "cpu":
        return Message("Devices", QT_TRANSLATE_NOOP("Devices", "the CPU"))
    if kind == "cuda" and index.isdigit():
        return Message("Devices", QT_TRANSLATE_NOOP("Devices", "GPU {index} ({device})"),
                       index=int(index), device=name)  # fmt: skip
    if name == "cuda":
        return Message("Devices", QT_TRANSLATE_NOOP("Devices", "the GPU ({device})"), device=name)
    if name == "mps":
        return Message("Devices", QT_TRANSLATE_NOOP("Devices", "the Apple GPU ({device})"),
                       device=name)  # fmt: skip
    if name == "auto":
        return Message("Devices", QT_TRANSLATE_NOOP("Devices", "the fastest device here ({device})"),
                       device=name)  # fmt: skip
    return Message("Devices", "{device}", device=name)  # a name of its own: as it is


def message_of(exc: BaseException) -> str:
    """What `exc` says: the Message it was raised with (so a face can translate it), else
    `str(exc)`. `str()` of an exception drops a Message to its plain English."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


def to_parts(text: str) -> dict | None:
    """A Message as JSON-ready parts (None for a plain str): a run folder's events.jsonl
    keeps them beside the English, so a run reopened later reads in the reader's language."""
    if not isinstance(text, Message):
        return None
    args = {
        k: ({"message": to_parts(v)} if isinstance(v, Message) else v) for k, v in text.args.items()
    }
    parts = {"context": text.context, "template": text.template, "args": args}
    if text.count is not None:
        parts.update(count=text.count, english=list(text.english or ()))
    return parts


def from_parts(parts: Mapping[str, Any]) -> Message:
    """The Message `to_parts` wrote; raises KeyError, TypeError or ValueError when it is not."""
    args = {
        k: (from_parts(v["message"]) if isinstance(v, dict) and set(v) == {"message"} else v)
        for k, v in dict(parts["args"]).items()
    }
    if "count" in parts:
        english = tuple(str(f) for f in parts["english"])
        if len(english) != 2:
            raise ValueError(f"a count's English forms are two, not {len(english)}")
        return counted(
            str(parts["context"]), str(parts["template"]), english, int(parts["count"]), **args
        )
    return Message(str(parts["context"]), str(parts["template"]), **args)


def joined(parts: list[str], sep: str = "; ") -> str:
    """`sep.join(parts)` that keeps each Message translatable (a template of no context,
    which no catalog holds, so only its parts are translated)."""
    if not any(isinstance(p, Message) for p in parts):
        return sep.join(parts)
    fields = sep.replace("{", "{{").replace("}", "}}").join(f"{{p{i}}}" for i in range(len(parts)))
    return Message("", fields, **{f"p{i}": p for i, p in enumerate(parts)})
