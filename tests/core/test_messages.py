"""A count in core's texts is English for the command line ("1 file", "2 files"), with no
Qt, and keeps what a face needs to say it in another language."""

from __future__ import annotations

import pickle

from core.messages import QT_TRANSLATE_NOOP, counted, from_parts, to_parts

FORMS = ("health: %n file with problems", "health: %n files with problems")


def _problems(n: int):
    template = QT_TRANSLATE_NOOP("DatasetStats", "health: %n file(s) with problems")
    return counted("DatasetStats", template, FORMS, n)


def test_a_count_says_its_english_singular_and_plural():
    assert _problems(1) == "health: 1 file with problems"
    assert _problems(2) == "health: 2 files with problems"
    assert _problems(0) == "health: 0 files with problems"
    assert _problems(2).template == "health: %n file(s) with problems"
    assert _problems(2).count == 2


def test_a_count_formats_its_other_arguments():
    text = counted(
        "C",
        "%n clip(s) under {s:g} s",
        ("%n clip under {s:g} s", "%n clips under {s:g} s"),
        1,
        s=0.5,
    )
    assert text == "1 clip under 0.5 s"


def test_a_count_survives_pickling_and_the_run_folder():
    text = _problems(1)
    for again in (pickle.loads(pickle.dumps(text)), from_parts(to_parts(text))):
        assert again == "health: 1 file with problems"
        assert (again.count, again.english, again.template) == (1, FORMS, text.template)


def test_the_stats_report_counts_in_english():
    from core.dataset.stats_report import _count

    one = _count(
        QT_TRANSLATE_NOOP("DatasetStats", "%n channel(s)"), ("%n channel", "%n channels"), 1
    )
    assert f"most files: 44100 Hz, {one}" == "most files: 44100 Hz, 1 channel"
