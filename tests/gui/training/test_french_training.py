"""A short training in the French window: everything the Training tab then shows (the log
the trainer and the controller wrote, the banner, the progress and status labels, the
runs list, the checkpoints, the six plots' titles, axes and legends, the samples, a
classifier's results) is French. The same run in English gives the texts a French one
must not show as they are (tests/support/ui_texts); the timestamps, the run's name and
its folder are taken out of both first, so that a log line is compared as it was said.

One denoiser and one classifier run per language, each a few seconds on one CPU core.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gui.i18n import install_language, remove_language
from tests.support.class_folders import FAMILIES
from tests.support.training import (
    make_classify_project,
    make_project,
    tiny_classify_config,
    tiny_config,
)
from tests.support.ui_texts import english_left, tree_texts

_CLOCK = re.compile(r"^\d\d:\d\d:\d\d ")  # the log's time of day
# The run folders' names (20261202-053531-denoise) and what the tests' data are called.
_RUN_NAME = re.compile(r"\b\d{8}-\d{6}-\w+")
# The metrics' names (top-1, macro-F1) are written so in French too.
ALLOWED = ("classify", "tone", "hiss", "latest", "best", "ckpt", "top", "macro")
ALLOWED += FAMILIES  # the classifier's classes are named after their sound


def _wait(condition, timeout: float = 300.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the run did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def _is_log(where: str) -> bool:
    return where.endswith("#trainingLog text")


def _normalised(texts: list[tuple[str, str]], run: Path) -> list[tuple[str, str]]:
    out = []
    for where, text in texts:
        lines = text.splitlines() if _is_log(where) else [text]
        for line in lines:
            line = _CLOCK.sub("", line).replace(str(run.parent), "RUNS")
            out.append((where, _RUN_NAME.sub("RUN", line)))
    return out


def _train(kind: str, folder: Path) -> list[tuple[str, str]]:
    """A run trained from the Training tab's Start button; the tab's texts while it
    trains and once it has finished."""
    from gui.training.tab import TrainingTab

    if kind == "classify":
        project = make_classify_project(folder, classes=3)
        config = tiny_classify_config(epochs=2)
    else:
        project = make_project(folder, "speech_or_tones")
        config = tiny_config("gui", epochs=2)
    tab = TrainingTab()
    tab.resize(1280, 800)
    tab.show()
    texts: list[tuple[str, str]] = []
    try:
        tab.set_project(project)
        tab.form.set_config(config)
        c = tab.controller
        during: list[bool] = []

        def look(_event) -> None:  # mid-run: the progress bar's text, ETA, "(training)"
            if not during:
                during.append(True)
                QApplication.processEvents()
                texts.extend(tree_texts(tab))

        c.epoch_done.connect(look)
        finished: list[object] = []
        c.finished.connect(finished.append)
        tab.actions.start_button.click()
        _wait(lambda: bool(finished))
        _wait(lambda: not c.is_active, 30)
        # The plots redraw on their timer and the samples list fills from the run folder.
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)
        texts.extend(tree_texts(tab))
        texts.append(("banner", tab.banner.text()))
        run = c.run_dir
        assert during and run is not None, (finished, tab.run_view.log_view.toPlainText())
        return _normalised(texts, run)
    finally:
        tab.shutdown()
        tab.close()
        tab.deleteLater()
        QApplication.processEvents()
        project.close()


@pytest.fixture(scope="module")
def runs(qapp, tmp_path_factory):
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for lang in ("en", "fr"):
        install_language(lang)
        try:
            for kind in ("denoise", "classify"):
                out[lang, kind] = _train(kind, tmp_path_factory.mktemp(f"{lang}-{kind}"))
        finally:
            remove_language()
    return out


@pytest.mark.parametrize("kind", ["denoise", "classify"])
def test_a_short_training_reads_french_in_the_training_tab(runs, kind):
    french, english = runs["fr", kind], runs["en", kind]
    log = [t for w, t in french if _is_log(w)]
    assert len(log) > 5, "the log is (almost) empty: the run said nothing"
    plots = [t for w, t in french if "plot label" in w]
    assert "Perte par étape" in plots, plots
    left = english_left(french, [t for _w, t in english], ALLOWED)
    assert not left, f"{len(left)} English text(s) in the French run:\n" + "\n\n".join(left)


def test_the_run_walk_sees_english(runs):
    """The check bites: the English run's own log and plots are English to it."""
    english = runs["en", "denoise"]
    left = english_left(english, [t for _w, t in english], ALLOWED)
    assert any(line.startswith("QPlainTextEdit#trainingLog text") for line in left), left
    assert any("plot label" in line for line in left), left


def test_plot_ticks_take_the_decimal_comma(qapp):
    """pyqtgraph writes its tick labels the Python way ("0.5"): the Training tab's plots and
    the waveform's amplitude axis write them as the reader does."""
    from gui.training.plots import TrainingPlots
    from gui.widgets.waveform_axes import LaneAxis

    install_language("fr")
    try:
        plots = TrainingPlots()
        for plot in (plots.epoch_plot, plots.pesq_plot):
            assert plot.getAxis("left").tickStrings([0.5, 1.5], 1.0, 0.5) == ["0,5", "1,5"]
        assert plots.lr_plot.getAxis("right").tickStrings([2.5], 1.0, 0.5) == ["2,5"]
        assert LaneAxis().tickStrings([0.5, -0.5], 1.0, 0.5) == ["0,5", "−0,5"]
        plots.deleteLater()
    finally:
        remove_language()
    assert LaneAxis().tickStrings([0.5], 1.0, 0.5) == ["0.5"]
