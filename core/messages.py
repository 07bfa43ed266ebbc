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
