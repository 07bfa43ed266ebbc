"""What a person reads follows the language: a decimal comma, grouping and French units in
French, Python's own formatting in English (the tests' C locale); core's messages come out
translated, numbers included, and their English is unchanged for the command line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from core.messages import QT_TRANSLATE_NOOP, Message
from gui import localized
from gui.i18n import install_language, remove_language


@pytest.fixture
def french(qapp):
    install_language("fr")
    yield
    remove_language()


def test_english_is_as_core_writes_it(qapp):
    from core import units

    assert localized.number(1234.5, 1) == "1234.5"
    assert localized.format_bytes(3.2 * 1024**3) == units.format_bytes(3.2 * 1024**3)
    assert localized.format_duration(62.5, decimals=1) == "1:02.5"
    assert localized.format_duration(5500, "rough") == units.format_duration(5500, "rough")


def test_french_numbers_durations_and_sizes(french):
    assert QLocale().decimalPoint() == ","
    assert localized.number(1234.5, 1) == "1\u202f234,5"
    assert localized.number(44100) == "44\u202f100"
    assert localized.format_bytes(1.5 * 1024**3) == "1,5 Go"
    assert localized.format_bytes(5 * 1024**2) == "5 Mo"
    assert localized.format_duration(62.5, decimals=1) == "1:02,5"
    assert localized.format_duration(5500, "rough") == "1,5 h"
    assert localized.format_duration(3 * 86400, "rough") == "3,0 jours"
    assert localized.format_duration(None) == "—"


def test_a_core_message_is_translated_with_its_numbers(french):
    size = Message("Units", QT_TRANSLATE_NOOP("Units", "GB"))
    text = Message("Nowhere", "{x:.1f} {unit} ({n} files)", x=2.5, unit=size, n=3)
    assert str(text) == "2.5 GB (3 files)"  # the command line's English, untouched
    # The template has no French: its arguments still are, numbers and the unit.
    assert localized.translated(text) == "2,5 Go (3 files)"
    assert localized.translated("plain") == "plain"


def test_a_signed_number_keeps_its_sign_in_french(french):
    """An SI-SDR improvement or a loudness gain reads "+1,50" (the sign and the comma)."""
    text = localized.format_text("{up:+.2f} {down:+.1f} {plain:.1f}", up=1.5, down=-2.25, plain=3)
    assert text == "+1,50 -2,2 3,0" or text == "+1,50 -2,3 3,0"


def test_a_learning_rate_in_exponent_form_takes_the_decimal_comma(french):
    """The Training log's "lr {lr:.2e}" read "taux 2.00e-03" in French."""
    assert localized.format_text("{lr:.2e}", lr=0.002) == "2,00e-03"
    assert localized.format_text("{lr:e}", lr=0.5) == "5,000000e-01"
    remove_language()
    assert localized.format_text("{lr:.2e}", lr=0.002) == "2.00e-03"


def test_significant_digits_are_kept_in_french(french):
    """The Hardware tab's "{step:.3g} s" read "2,31881 s": the precision was dropped."""
    assert localized.format_text("{step:.3g} s", step=2.318814) == "2,32 s"
    assert localized.format_text("{step:.3g} s", step=0.00581186) == "0,00581 s"
    assert localized.format_text("{x:g}", x=2.318814) == "2,31881"
    assert localized.format_text("{x:>8.2g}|", x=1234567.0) == " 1,2e+06|"
    assert localized.format_text("{x:+.2f} {p:.0%} {lr:+.1e}", x=0.5, p=0.25, lr=0.002) == (
        "+0,50 25 % +2,0e-03"
    )
    remove_language()
    assert localized.format_text("{step:.3g} s", step=2.318814) == "2.32 s"


def test_numbers_inside_a_tuple_take_the_decimal_comma(french):
    """A config refusal read "reçu (15.0, 0.0)" in French."""
    text = Message("Nowhere", "got {pair} and {levels!r}", pair=(15.0, 0.0), levels=[0.1, 2])
    assert str(text) == "got (15.0, 0.0) and [0.1, 2]"
    assert localized.translated(text) == "got (15,0 ; 0,0) and [0,1 ; 2]"
    assert localized.format_text("{v!r}", v=("a", 1.5)) == "('a', 1.5)"  # not numbers only
    remove_language()
    assert localized.translated(text) == "got (15.0, 0.0) and [0.1, 2]"
    assert localized.format_text("{v}", v=(5.0,)) == "(5.0,)"


def _counts(n: int) -> list:
    """Core's counts as the Dataset tab shows them (core.dataset.stats_report and stats_advice)."""
    from core.dataset import stats_advice
    from core.dataset import stats_report as stats

    return [
        stats._count(
            QT_TRANSLATE_NOOP("DatasetStats", "health: %n file(s) with problems"),
            ("health: %n file with problems", "health: %n files with problems"),
            n,
        ),
        stats._count(
            QT_TRANSLATE_NOOP("DatasetStats", "%n channel(s)"), ("%n channel", "%n channels"), n
        ),
        stats_advice._count(
            QT_TRANSLATE_NOOP(
                "DatasetAdvice", "%n clip(s) are shorter than {seconds:g} s and add little"
            ),
            (
                "%n clip is shorter than {seconds:g} s and adds little",
                "%n clips are shorter than {seconds:g} s and add little",
            ),
            n,
            seconds=0.5,
        ),
    ]


def test_a_core_count_takes_its_plural_in_both_languages(french):
    """The stats panel read "1 fichiers", "1 canal(aux)", "1 fichier(s) à problèmes"."""
    assert [localized.translated(t) for t in _counts(1)] == [
        "santé : 1 fichier à problèmes",
        "1 canal",
        "1 extrait dure moins de 0,5 s et apporte peu",
    ]
    assert [localized.translated(t) for t in _counts(2)] == [
        "santé : 2 fichiers à problèmes",
        "2 canaux",
        "2 extraits durent moins de 0,5 s et apportent peu",
    ]
    remove_language()  # no catalog at all: the forms the Message carries, not "1 file(s)"
    assert [localized.translated(t) for t in _counts(1)] == [str(t) for t in _counts(1)]
    install_language("en")  # the English window: its catalog agrees with the command line
    for n in (1, 2):
        assert [localized.translated(t) for t in _counts(n)] == [str(t) for t in _counts(n)]
    assert localized.translated(_counts(1)[1]) == "1 channel"
    assert localized.translated(_counts(2)[2]) == "2 clips are shorter than 0.5 s and add little"


def test_a_device_reads_french(french):
    """The Training tab's banner and log said "Entraînement sur cpu", "lot de 4 sur cpu"."""
    from core.messages import device_words

    assert localized.translated(device_words("cpu")) == "le processeur"
    assert localized.translated(device_words("cuda:0")) == "le GPU 0 (cuda:0)"
    assert localized.format_text("sur {d}", d=device_words("mps")) == "sur le GPU Apple (mps)"


def test_a_large_count_is_grouped_as_the_reader_writes_numbers(french):
    """Qt writes %n as plain digits ("1234 fichiers"); the catalogs hold %Ln."""
    big = _counts(1234)
    thousands = localized.number(1234)
    assert thousands != "1234"  # French groups thousands (a narrow no-break space)
    assert localized.translated(big[1]) == f"{thousands} canaux"
    assert str(big[1]) == "1234 channels"  # the command line: plain digits, for scripts
    install_language("en")
    assert localized.translated(big[1]) == "1,234 channels"
    remove_language()  # no catalog: the Message's own English forms, in the locale's digits
    assert localized.translated(big[1]) == f"{localized.number(1234)} channels"


def test_a_grouped_number_is_grouped_in_every_locale(qapp):
    """`{rate:,.0f}` asks for thousands grouped: the English window writes what the command
    line writes, even where Qt's locale would leave the digits bare."""
    said = QT_TRANSLATE_NOOP("MediaFailures", "header declares a sample rate of {rate:,.0f} Hz, outside 1 kHz–768 kHz (damaged?)")  # fmt: skip
    text = Message("MediaFailures", said, rate=2147483647)
    remove_language()
    before = QLocale()
    try:
        QLocale.setDefault(QLocale.c())  # a system without a locale
        assert localized.translated(text) == str(text)
        assert "2,147,483,647 Hz" in str(text)
        install_language("fr")
        assert localized.number(2147483647, 0, grouped=True) in localized.translated(text)
        assert "2147483647" not in localized.translated(text)
    finally:
        remove_language()
        QLocale.setDefault(before)
