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
    assert "<numerusform>%n extrait</numerusform><numerusform>%n extraits</numerusform>" in text
