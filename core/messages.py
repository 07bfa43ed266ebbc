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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.units import bytes_in_unit, rough_in_unit


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for translation in `context` and returns it unchanged."""
    return text


class Message(str):
    """English text with the template (in `context`) and arguments it was made from."""

    context: str
    template: str
    args: Mapping[str, Any]

    def __new__(cls, context: str, template: str, **args: Any) -> Message:
        text = super().__new__(cls, template.format(**args) if args else template)
        text.context = context
        text.template = template
        text.args = dict(args)
        return text

    def __reduce__(self):
        # A str subclass with attributes: rebuilt from its parts when pickled (job results).
        return (_rebuild, (self.context, self.template, dict(self.args)))


def _rebuild(context: str, template: str, args: dict) -> Message:
    return Message(context, template, **args)


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
    return {"context": text.context, "template": text.template, "args": args}


def from_parts(parts: Mapping[str, Any]) -> Message:
    """The Message `to_parts` wrote; raises KeyError, TypeError or ValueError when it is not."""
    args = {
        k: (from_parts(v["message"]) if isinstance(v, dict) and set(v) == {"message"} else v)
        for k, v in dict(parts["args"]).items()
    }
    return Message(str(parts["context"]), str(parts["template"]), **args)


def joined(parts: list[str], sep: str = "; ") -> str:
    """`sep.join(parts)` that keeps each Message translatable (a template of no context,
    which no catalog holds, so only its parts are translated)."""
    if not any(isinstance(p, Message) for p in parts):
        return sep.join(parts)
    fields = sep.replace("{", "{{").replace("}", "}}").join(f"{{p{i}}}" for i in range(len(parts)))
    return Message("", fields, **{f"p{i}": p for i, p in enumerate(parts)})
