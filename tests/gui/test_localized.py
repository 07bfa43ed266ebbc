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
