"""The message boxes a question opens (delete a run, make a project in a folder that holds
files or none, a project that cannot be made or opened) in French: each is opened by its
own code path, read while it waits for the answer, and answered No; every text a person
reads in it (title, question, buttons: tests/support/ui_texts) must be French."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.i18n import install_language, remove_language
from tests.support.ui_texts import english_left, message_box_texts


def _boxes(tmp: Path, window, training_tab) -> dict[str, list[tuple[str, str]]]:
    """Each box's texts, opened as a user reaches it."""
    from gui.widgets.new_project_dialog import confirm_folder_with_files, confirm_new_project_in

    full, empty = tmp / "rushes", tmp / "vide"
    full.mkdir()
    (full / "prise.wav").write_bytes(b"")
    empty.mkdir()
    plain_file = tmp / "notes.txt"
    plain_file.write_text("x")
    broken = tmp / "cassé"
    broken.mkdir()
    (broken / "project.sqlite").write_bytes(b"")  # an index whose content was lost
    run = tmp / "runs" / "20261202-010000-denoise"
    run.mkdir(parents=True)
    actions = training_tab.actions
    actions.runs_list.selected_run = lambda: run  # as if picked in the runs list
    boxes = {}
    for name, trigger, answer in [
        ("folder with files", lambda: confirm_folder_with_files(window, full), False),
        ("empty folder", lambda: confirm_new_project_in(window, empty), False),
        ("cannot create", lambda: window.new_project(plain_file, confirmed=True), None),
        ("cannot open", lambda: window.open_project(broken), None),
        ("delete run", actions.delete_run, False),
    ]:
        texts, said = message_box_texts(trigger)
        assert said == answer, name  # answered No: nothing was made or deleted
        assert texts, f"{name}: no message box was opened"
        boxes[name] = texts
    assert run.is_dir()
    return boxes


@pytest.fixture(scope="module")
def both_languages(qapp, tmp_path_factory):
    from gui.main_window import MainWindow
    from gui.training.tab import TrainingTab

    walks = {}
    for lang in ("en", "fr"):
        install_language(lang)
        window, tab = MainWindow(), TrainingTab()
        try:
            walks[lang] = _boxes(tmp_path_factory.mktemp(lang), window, tab)
        finally:
            tab.shutdown()
            window.close()
            for w in (tab, window):
                w.deleteLater()
            remove_language()
    return walks


NAMES = ("folder with files", "empty folder", "cannot create", "cannot open", "delete run")


@pytest.mark.parametrize("name", NAMES)
def test_a_message_box_reads_french(both_languages, name):
    french = both_languages["fr"][name]
    english = [text for _where, text in both_languages["en"][name]]
    # The folder and file names the box quotes are the test's own.
    allowed = ("rushes", "vide", "notes", "cassé", "sqlite", "denoise")
    left = english_left(french, english, allowed)
    assert not left, f"{len(left)} English text(s) in the French box {name!r}:\n" + "\n\n".join(
        left
    )


def test_the_walk_reads_the_boxes_english(both_languages):
    """The check bites: each English box is English to it (its buttons and question)."""
    for name in NAMES:
        english = both_languages["en"][name]
        assert english_left(english, [], ()), name
    said = " ".join(t for _w, t in both_languages["fr"]["delete run"])
    assert "Supprimer" in said and "Non" in said, said  # Qt's own buttons in French too
