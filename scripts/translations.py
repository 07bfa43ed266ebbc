"""The translations' tooling: update the .ts from the code, apply a TSV of translations,
compile to .qm, and list what is not translated yet.

    uv run python scripts/translations.py update          # lupdate gui/ and core/ into the .ts
    uv run python scripts/translations.py apply FILE.tsv  # fill translations, then update
    uv run python scripts/translations.py compile         # lrelease: resources/i18n/*.qm
    uv run python scripts/translations.py check           # exit 1 if any entry is unfinished

A TSV line is context<TAB>source<TAB>French, with `\\n` for a newline and `\\t` for a tab
inside a string; a `%n` string may give its French forms (singular, plural) in further
columns, else the one French text serves both. `apply` updates the .ts from the code first;
lines whose string the code no longer has are listed, not added.

`--lang fr` picks resources/i18n/wavesmith_<lang>.ts; `update` and `check` take every
catalog without it, `apply` French. The .ts keeps no source locations (`-locations none`)
and sorts its messages, so two branches adding strings in different classes merge without
conflicts.

English is the source language, so its catalog (wavesmith_en.ts) holds only the `%n`
strings, with their English forms ("%n file" / "%n files"): `update` keeps only those in
it, `check` lists the unfinished ones, a TSV for it (`apply --lang en`) gives singular and
plural. Core's counts (core.messages.counted) carry their English forms in the code;
`update` copies them into the English catalog, so the GUI and the command line agree.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gui.i18n import APP_CATALOG, _tool, lrelease  # noqa: E402

SOURCE_DIRS = ("gui", "core")  # core marks its messages with core.messages.QT_TRANSLATE_NOOP
I18N = ROOT / "resources" / "i18n"
CATALOGS = ("fr", "en")  # the languages of gui.i18n.LANGUAGES, each with its .ts
# The source language's catalog: its plural forms only (every other text is the source).
NUMERUS_ONLY = frozenset({"en"})


def ts_path(lang: str) -> Path:
    return I18N / f"{APP_CATALOG}_{lang}.ts"


def source_files() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))


def update(ts: Path, lang: str) -> str:
    """Run lupdate over the sources into `ts`, keeping its translations; returns its report."""
    tool = _tool("lupdate")
    if tool is None:
        raise SystemExit("lupdate (from the PySide6 wheel) is not installed")
    ts.parent.mkdir(parents=True, exist_ok=True)
    before = plural_forms(ts)
    list_file = ts.parent / f".{ts.stem}-sources.lst"
    list_file.write_text("\n".join(str(p) for p in source_files()) + "\n", encoding="utf-8")
    try:
        done = subprocess.run(
            [
                str(tool),
                "-no-obsolete",
                "-locations",
                "none",
                "-sort-messages",
                "-target-language",
                lang,
                f"@{list_file}",
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        list_file.unlink(missing_ok=True)
    settle_plurals(ts, lang, before)
    return done.stdout.strip()


PLURAL = "%n"  # a message with it is a count: its translation has plural forms


def grouped(form: str) -> str:
    """A plural form with its count as `%Ln`: Qt writes it in the reader's locale ("1 234
    fichiers", "1,234 files") where `%n` gives "1234". The catalogs keep only this form."""
    return form.replace("%Ln", PLURAL).replace(PLURAL, "%Ln")


def core_english_forms() -> dict[tuple[str, str], list[str]]:
    """(context, template) -> [singular, plural] of each count in core/: a call with
    `QT_TRANSLATE_NOOP(context, "... %n ...")` followed by its two English forms, as
    core.messages.counted takes them (a module's wrapper of it too)."""
    out: dict[tuple[str, str], list[str]] = {}
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call):
                continue
            for marker, forms in zip(node.args, node.args[1:], strict=False):
                if getattr(getattr(marker, "func", None), "id", "") != "QT_TRANSLATE_NOOP":
                    continue
                try:
                    context, template = (ast.literal_eval(a) for a in marker.args)
                    one, other = ast.literal_eval(forms)
                except (ValueError, TypeError):
                    continue  # not a count: no literal forms after the marker
                if all(isinstance(t, str) and PLURAL in t for t in (template, one, other)):
                    out[(context, template)] = [one, other]
    return out


FORMS = {"fr": 2, "en": 2}  # how many plural forms each language has (Qt's rules)


def plural_forms(ts: Path) -> dict[tuple[str, str], tuple[list[str], bool]]:
    """The plural forms of each `%n` message of `ts` and whether they are finished."""
    out = {}
    if not ts.is_file():
        return out
    for context, message in messages(ET.parse(ts)):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")]
        out[(context, message.findtext("source", ""))] = (forms, translation.get("type") is None)
    return out


def settle_plurals(ts: Path, lang: str, before: dict) -> None:
    """After lupdate: every `%n` message a plural one, with the forms it had `before`.

    pyside6-lupdate marks only `self.tr(text, "", n)` as plural; a
    `QCoreApplication.translate(context, text, "", n)` outside a class comes out as one
    text (and loses the forms it had). At run time the count picks the form either way.
    The source language's catalog (NUMERUS_ONLY) keeps only these messages."""
    english = core_english_forms() if lang == "en" else {}
    root = ET.parse(ts).getroot()
    for context in list(root.findall("context")):
        name = context.findtext("name", "")
        for message in list(context.findall("message")):
            source = message.findtext("source", "")
            if PLURAL not in source:
                if lang in NUMERUS_ONLY:
                    context.remove(message)
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            kept = before.get((name, source))
            had = [f.text or "" for f in translation.findall("numerusform")]
            if message.get("numerus") == "yes" and kept is None:
                continue  # lupdate's own plural message, new: as it made it
            message.set("numerus", "yes")
            forms, done = kept if kept is not None else (had, False)
            if (name, source) in english:  # core's own English, not a hand-kept copy
                forms, done = english[(name, source)], True
            forms = (forms + [""] * FORMS.get(lang, 2))[: max(len(forms), FORMS.get(lang, 2))]
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            translation.attrib.clear()
            if not done or not all(forms):
                translation.set("type", "unfinished")
            for form in forms:
                ET.SubElement(translation, "numerusform").text = grouped(form)
        if context.find("message") is None:
            root.remove(context)
    ts.write_text(ts_text(root), encoding="utf-8")


# The .ts as lupdate lays it out (checked byte for byte on its own output), so that a file
# written here and one written by lupdate do not differ.


def _esc(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("'", "&apos;").replace('"', "&quot;")
    return "".join(
        f"&#x{ord(c):x};" if c == "\xa0" or (ord(c) < 32 and c not in "\n\t") else c for c in text
    )


def _attrs(el) -> str:
    return "".join(f' {k}="{_esc(v)}"' for k, v in el.attrib.items())


def ts_text(root) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", f"<TS{_attrs(root)}>"]
    for context in root.findall("context"):
        out.append("<context>")
        out.append(f"    <name>{_esc(context.findtext('name', ''))}</name>")
        for m in context.findall("message"):
            out.append(f"    <message{_attrs(m)}>")
            for child in m:
                if child.tag == "translation":
                    forms = child.findall("numerusform")
                    if m.get("numerus") == "yes":
                        out.append(f"        <translation{_attrs(child)}>")
                        for f in forms:
                            out.append(
                                f"            <numerusform>{_esc(f.text or '')}</numerusform>"
                            )
                        out.append("        </translation>")
                    else:
                        out.append(
                            f"        <translation{_attrs(child)}>{_esc(child.text or '')}</translation>"
                        )
                else:
                    out.append(
                        f"        <{child.tag}{_attrs(child)}>{_esc(child.text or '')}</{child.tag}>"
                    )
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    return "\n".join(out) + "\n"


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "nt\\":
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def read_tsv(path: Path) -> list[tuple[str, str, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise SystemExit(f"{path}:{number}: want context<TAB>source<TAB>French")
        rows.append((parts[0], _unescape(parts[1]), [_unescape(p) for p in parts[2:]]))
    return rows


def messages(tree: ET.ElementTree):
    """(context, message element) for each message of a .ts."""
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def apply_tsv(ts: Path, rows: list[tuple[str, str, list[str]]]) -> list[str]:
    """Fill the translations of `rows` into `ts`; returns the rows it has no entry for."""
    tree = ET.parse(ts)
    index: dict[tuple[str, str], list[ET.Element]] = {}
    for context, message in messages(tree):
        index.setdefault((context, message.findtext("source", "")), []).append(message)
    missing = []
    for context, source, french in rows:
        found = index.get((context, source))
        if not found:
            missing.append(f"{context}\t{source!r}")
            continue
        # A TSV line names no disambiguation: it fills the plain message, and one with a
        # comment only when there is no plain one (a second meaning keeps its own text).
        found = [m for m in found if m.find("comment") is None] or found
        for message in found:
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                forms = translation.findall("numerusform") or [None, None]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for i in range(max(len(forms), 2)):
                    form = french[min(i, len(french) - 1)]
                    ET.SubElement(translation, "numerusform").text = grouped(form)
            else:
                translation.text = french[0]
    ts.write_text(ts_text(tree.getroot()), encoding="utf-8")
    return missing


def unfinished(ts: Path) -> list[str]:
    """The entries of `ts` with no finished translation: `context: source`."""
    out = []
    for context, message in messages(ET.parse(ts)):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            continue
        texts = [translation.text] if translation is not None else []
        if translation is not None and message.get("numerus") == "yes":
            texts = [f.text for f in translation.findall("numerusform")]
        if kind == "unfinished" or not texts or not all(t for t in texts):
            out.append(f"{context}: {message.findtext('source', '')!r}")
    return out


def unfinished_in_code(lang: str) -> list[str]:
    """What `unfinished` would list after an update, without touching the .ts: lupdate runs
    on a temporary copy (a new tr() string in the code is an unfinished entry there)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts_path(lang).name
        if ts_path(lang).is_file():
            shutil.copyfile(ts_path(lang), copy)
        update(copy, lang)
        return unfinished(copy)


def compile_all() -> list[Path]:
    out = []
    for ts in sorted(I18N.glob(f"{APP_CATALOG}_*.ts")):
        qm = ts.with_suffix(".qm")
        lrelease(ts, qm)
        out.append(qm)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "apply", "compile", "check"))
    parser.add_argument("tsv", nargs="*", type=Path, help="apply: the TSV files")
    parser.add_argument("--lang", choices=CATALOGS, help="one catalog (default: all; apply: fr)")
    args = parser.parse_intermixed_args(argv)  # `apply --lang en FILE` too
    langs = [args.lang] if args.lang else list(CATALOGS)
    ts = ts_path(args.lang or "fr")
    if args.command == "update":
        for lang in langs:
            print(update(ts_path(lang), lang))
    elif args.command == "apply":
        args.lang = args.lang or "fr"
        if not args.tsv:
            parser.error("apply needs a TSV file")
        print(update(ts, args.lang))  # the code's strings first, so new ones can be filled
        for tsv in args.tsv:
            missing = apply_tsv(ts, read_tsv(tsv))
            print(f"{tsv}: applied; {len(missing)} line(s) have no entry in {ts.name}")
            for line in missing:
                print("  no entry:", line)
        print(update(ts, args.lang))  # lupdate's own layout again
    elif args.command == "compile":
        for qm in compile_all():
            print(qm.relative_to(ROOT))
    else:
        failed = False
        for lang in langs:
            left = unfinished_in_code(lang)
            for line in left:
                print("unfinished:", line)
            name = ts_path(lang).name
            print(f"{len(left)} unfinished entr{'y' if len(left) == 1 else 'ies'} in {name}")
            failed = failed or bool(left)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
