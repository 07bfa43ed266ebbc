"""The French catalog is complete: lupdate, run on a copy of the .ts, finds no tr() string
without French (a new one fails here, named); and the TSV a branch hands over fills it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)


def test_every_string_has_its_french():
    left = translations.unfinished_in_code("fr")
    assert not left, (
        f"{len(left)} string(s) without French; add them to resources/i18n/wavesmith_fr.ts "
        "(scripts/translations.py update, then Qt Linguist or apply a TSV):\n" + "\n".join(left)
    )


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Editor</name>
    <message>
        <source>Trim</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation type="unfinished"><numerusform></numerusform><numerusform></numerusform></translation>
    </message>
    <message>
        <source>Line one
line two</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
"""


def test_a_tsv_fills_the_catalog(tmp_path):
    ts = tmp_path / "wavesmith_fr.ts"
    ts.write_text(TS, encoding="utf-8")
    assert len(translations.unfinished(ts)) == 3
    tsv = tmp_path / "fr-branch.tsv"
    tsv.write_text(
        "Editor\tTrim\tRogner\n"
        "Editor\t%n clip(s)\t%n extrait\t%n extraits\n"
        "Editor\tLine one\\nline two\tLigne un\\nligne deux\n"
        "Editor\tGone\tParti\n",
        encoding="utf-8",
    )
    missing = translations.apply_tsv(ts, translations.read_tsv(tsv))
    assert missing == ["Editor\t'Gone'"]
    assert translations.unfinished(ts) == []
    text = ts.read_text(encoding="utf-8")
    assert "Rogner" in text and "Ligne un\nligne deux" in text
    # Counts are kept as %Ln, which Qt writes in the reader's locale ("1 234 extraits").
    assert translations.plural_forms(ts) == {
        ("Editor", "%n clip(s)"): (["%Ln extrait", "%Ln extraits"], True)
    }


def test_every_count_has_its_english_forms():
    left = translations.unfinished_in_code("en")
    assert not left, (
        f"{len(left)} %n string(s) without their English forms in "
        "resources/i18n/wavesmith_en.ts (scripts/translations.py update, then apply a TSV "
        "with --lang en: context, source, singular, plural):\n" + "\n".join(left)
    )


def test_the_english_catalog_holds_cores_own_english_counts():
    """Core's counts (core.messages.counted) print their English forms on the command
    line; the English window reads them from wavesmith_en.ts, which must say the same."""
    core = translations.core_english_forms()
    assert core[("DatasetStats", "health: %n file(s) with problems")] == [
        "health: %n file with problems",
        "health: %n files with problems",
    ]
    assert len(core) >= 12  # the stats, health and advice counts, found in the calls
    catalog = translations.plural_forms(translations.ts_path("en"))
    differ = {
        key: (forms, catalog.get(key))
        for key, forms in core.items()
        if catalog.get(key) != ([translations.grouped(f) for f in forms], True)
    }
    assert not differ, f"run scripts/translations.py update; the English catalog differs: {differ}"


LUPDATED = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="{lang}">
<context>
    <name>PairFoldersDialog</name>
    <message>
        <source>%n pair(s) not aligned: </source>
        <translation type="unfinished">{first}</translation>
    </message>
    <message>
        <source>Pair folders</source>
        <translation>Apparier des dossiers</translation>
    </message>
</context>
</TS>
"""


def test_a_count_outside_a_class_keeps_its_plural_forms(tmp_path):
    """pyside6-lupdate writes a `QCoreApplication.translate(ctx, "%n …", "", n)` as one text
    and drops the forms it had; the update makes it plural again with them, and the English
    catalog keeps only such messages, each listed while its forms are missing."""
    fr = tmp_path / "wavesmith_fr.ts"
    fr.write_text(LUPDATED.format(lang="fr", first="%n paire non alignée"), encoding="utf-8")
    key = ("PairFoldersDialog", "%n pair(s) not aligned: ")
    before = {key: (["%n paire non alignée : ", "%n paires non alignées : "], True)}
    translations.settle_plurals(fr, "fr", before)
    grouped = [translations.grouped(f) for f in before[key][0]]
    assert grouped == ["%Ln paire non alignée : ", "%Ln paires non alignées : "]
    assert translations.plural_forms(fr) == {key: (grouped, True)}
    assert translations.unfinished(fr) == []
    assert "Apparier des dossiers" in fr.read_text(encoding="utf-8")
    # Written as lupdate lays a .ts out: lupdate's own file reads back the same.
    assert fr.read_text(encoding="utf-8").startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="fr">\n<context>\n'
    )

    en = tmp_path / "wavesmith_en.ts"
    en.write_text(LUPDATED.format(lang="en", first=""), encoding="utf-8")
    translations.settle_plurals(en, "en", {})
    assert translations.unfinished(en) == ["PairFoldersDialog: '%n pair(s) not aligned: '"]
    assert "Pair folders" not in en.read_text(encoding="utf-8")


def test_the_catalogs_are_written_as_lupdate_writes_them():
    for lang in translations.CATALOGS:
        ts = translations.ts_path(lang)
        text = ts.read_text(encoding="utf-8")
        assert translations.ts_text(translations.ET.parse(ts).getroot()) == text, ts.name


def test_a_tsv_line_leaves_a_second_meaning_alone(tmp_path):
    """A TSV names no disambiguation: "Fade in" fills the action's text, not the toolbar
    button's two-line label kept under its comment."""
    ts = tmp_path / "wavesmith_fr.ts"
    ts.write_text(
        TS.replace(
            "<source>Trim</source>",
            "<source>Fade in</source>\n        <comment>button: may be two lines</comment>",
        ).replace(
            "<context>\n    <name>Editor</name>\n",
            "<context>\n    <name>Editor</name>\n    <message>\n        <source>Fade in</source>\n"
            '        <translation type="unfinished"></translation>\n    </message>\n',
        ),
        encoding="utf-8",
    )
    tsv = tmp_path / "fr.tsv"
    tsv.write_text("Editor\tFade in\tFondu en ouverture\n", encoding="utf-8")
    assert translations.apply_tsv(ts, translations.read_tsv(tsv)) == []
    assert translations.unfinished(ts)[0] == "Editor: 'Fade in'"  # the commented one
    assert "<translation>Fondu en ouverture</translation>" in ts.read_text(encoding="utf-8")
