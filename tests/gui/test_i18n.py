"""The interface's language: the saved choice wins over the system's, English otherwise;
installing French translates the app's and Qt's texts and writes numbers with a decimal
comma; View → Language saves the choice and says a restart applies it, without a modal
wait; the .ts is compiled into the cache when no current .qm ships."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from gui import i18n


@pytest.fixture
def no_saved_language():
    QSettings().remove(i18n.SETTINGS_KEY)
    yield
    QSettings().remove(i18n.SETTINGS_KEY)
    i18n.remove_language()


def test_the_saved_choice_then_the_system_then_english(qapp, no_saved_language, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "fr")
    assert i18n.chosen_language() == "fr"
    monkeypatch.setattr(i18n, "system_language", lambda: "de")  # not spoken: English
    assert i18n.chosen_language() == "en"
    i18n.save_language("fr")
    assert i18n.chosen_language() == "fr"
    QSettings().setValue(i18n.SETTINGS_KEY, "xx")  # a value from elsewhere is ignored
    assert i18n.chosen_language() == "en"
    with pytest.raises(ValueError):
        i18n.save_language("xx")


def test_french_translates_the_app_and_qt_and_numbers(qapp, no_saved_language):
    assert i18n.install_language("fr") == "fr"
    assert i18n.current_language() == "fr"
    assert QCoreApplication.translate("LanguageMenu", "&Language") == "&Langue"
    # Qt's own catalog: a standard dialog's button.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QLocale().toString(1.5, "f", 1) == "1,5"
    i18n.remove_language()
    assert QCoreApplication.translate("LanguageMenu", "&Language") == "&Language"
    assert QLocale().toString(1.5, "f", 1) == "1.5"
    assert i18n.current_language() == "en"


def test_language_menu_saves_and_says_restart(qapp, qtbot, no_saved_language):
    from PySide6.QtWidgets import QWidget

    from gui.widgets.language_menu import LanguageMenu

    parent = QWidget()
    qtbot.addWidget(parent)
    menu = LanguageMenu(parent)
    assert [a.text() for a in menu.actions()] == ["English", "Français"]
    assert menu.language_actions["en"].isChecked()
    box = menu.choose("fr")
    assert QSettings().value(i18n.SETTINGS_KEY) == "fr"
    assert menu.language_actions["fr"].isChecked()
    assert box is not None and box.isVisible() and not box.isModal() or box.windowModality()
    assert "Redémarrez Wavesmith" in box.text()
    # Back to the language in use before restarting: nothing to restart for.
    assert menu.choose("en") is None
    assert not box.isVisible()
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"


def test_the_ts_is_compiled_into_the_cache(qapp, tmp_path, monkeypatch):
    folder = tmp_path / "i18n"
    folder.mkdir()
    ts = folder / "wavesmith_fr.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="fr">'
        "<context><name>C</name><message><source>Stop</source>"
        "<translation>Arrêt</translation></message></context></TS>",
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "i18n_folder", lambda: folder)
    monkeypatch.setattr(i18n, "_cache_folder", lambda: tmp_path / "cache")
    first = i18n.compiled_catalog("fr")
    assert first is not None and first.parent == tmp_path / "cache"
    assert i18n.compiled_catalog("fr") == first  # compiled once
    ts.write_text(ts.read_text(encoding="utf-8").replace("Arrêt", "Arrêter"), encoding="utf-8")
    second = i18n.compiled_catalog("fr")
    assert second != first and second.is_file()
    # A shipped .qm (the frozen build's) is used when it is not older than the .ts.
    shipped = folder / "wavesmith_fr.qm"
    shipped.write_bytes(second.read_bytes())
    later = time.time() + 5
    os.utime(shipped, (later, later))
    assert i18n.compiled_catalog("fr") == shipped
    # The frozen build takes its own whatever the times (its copies do not keep them).
    os.utime(shipped, (0, 0))
    assert i18n.compiled_catalog("fr") != shipped
    monkeypatch.setattr(i18n.sys, "frozen", True, raising=False)
    assert i18n.compiled_catalog("fr") == shipped
    assert i18n.compiled_catalog("de") is None


def test_counts_take_their_plural_forms_in_english_and_french(qapp):
    """`%n` strings read "1 file" and "2 files" in English (its catalog of plural forms), and
    in French with 0 and 1 singular; a plural said by a translate() outside a class (which
    pyside6-lupdate does not mark as one) and one of a tr() alike."""
    from core.dataset.pairing import PairReport
    from core.train import events as ev
    from gui.dataset.pair_dialog import describe_pair_report
    from gui.training.run_view import finished_text

    def exported(n: int) -> str:  # gui.dataset.export_panel's, a tr() of ExportPanel
        return QCoreApplication.translate("ExportPanel", "Exported %n file(s)", "", n)

    def paired(n: int) -> str:
        return describe_pair_report(PairReport(pairs=[object()] * n)).splitlines()[0]

    def stopped(epochs: int) -> str:
        return finished_text(ev.Finished("stopped", epochs, 10, 0.5))

    try:
        i18n.remove_language()
        assert exported(2) == "Exported 2 file(s)"  # the source text, without a catalog
        assert i18n.install_language("en") == "en"
        assert [exported(n) for n in (1, 2, 0)] == [
            "Exported 1 file",
            "Exported 2 files",
            "Exported 0 files",
        ]
        assert paired(1) == "Pairing done: 1 pair recorded."
        assert paired(3) == "Pairing done: 3 pairs recorded."
        assert [stopped(1), stopped(2)] == ["Stopped after 1 epoch", "Stopped after 2 epochs"]

        i18n.install_language("fr")
        assert [exported(n) for n in (1, 0, 2)] == [
            "1 fichier exporté",
            "0 fichier exporté",
            "2 fichiers exportés",
        ]
        assert [paired(n).replace("\xa0", " ") for n in (0, 1, 2)] == [
            "Appariement terminé : 0 paire enregistrée.",
            "Appariement terminé : 1 paire enregistrée.",
            "Appariement terminé : 2 paires enregistrées.",
        ]
        assert [stopped(n) for n in (1, 2)] == ["Arrêté après 1 époque", "Arrêté après 2 époques"]
    finally:
        i18n.remove_language()
