"""A two-hour .m4a: imported headless with memory independent of its length (measured in
a child process), then drawn in the Dataset tab with progress while its pyramid builds.

The fixture is cheap on purpose: mono AAC at 8 kHz, 20 s encoded once and its packets
repeated (tests.support.mediagen.long_aac). Decoding it still costs the full two hours of audio.
"""

from __future__ import annotations

import subprocess

import pytest

from core.dataset.project import Project
from tests.journeys.test_bad_corpus import wavesmith
from tests.support.mediagen import encode, long_aac, signal

RATE = 8000
HOURS = 2.0


def _add(project_dir, path) -> tuple[subprocess.CompletedProcess, int]:
    """`wavesmith add` in a fresh process, and its peak resident memory in kB."""
    assert wavesmith("new", project_dir).returncode == 0
    proc = wavesmith("add", project_dir, path)
    return proc, int(proc.stdout.strip().splitlines()[-1].split()[1])


@pytest.fixture(scope="module")
def two_hours(tmp_path_factory):
    """(project with the 2-hour file imported, peak RSS kB of that import, peak RSS kB of
    importing a 10-second file the same way)."""
    root = tmp_path_factory.mktemp("long")
    path = long_aac(root / "lecture.m4a", HOURS * 3600, RATE)
    short = encode(root / "short.m4a", signal(10.0, RATE), RATE)
    proc, peak = _add(root / "proj", path)
    assert proc.returncode == 0, proc.stderr
    assert "decoding" in proc.stderr and "100 %" in proc.stderr  # progress while it decodes
    short_proc, short_peak = _add(root / "short_proj", short)
    assert short_proc.returncode == 0, short_proc.stderr
    return root / "proj", peak, short_peak


def test_two_hour_m4a_imports_in_bounded_memory(two_hours):
    project_dir, peak_kb, short_kb = two_hours
    if peak_kb == 0:
        pytest.skip("no /proc/self/status here to read the peak from")
    with Project.open(project_dir) as project:
        (clip,) = project.clips()
    assert clip.decoded and clip.sample_rate == RATE
    assert clip.frames >= HOURS * 3600 * RATE
    decoded_bytes = clip.frames * 4  # the whole stream as float32: 230 MB
    # Streamed: the import peaks within 40 MB of importing ten seconds, and far below the
    # decoded size (measured: 65 MB against 61 MB for the short file).
    assert peak_kb - short_kb < 40_000, (peak_kb, short_kb)
    assert peak_kb * 1024 < 0.6 * decoded_bytes, peak_kb


def test_waveform_shows_progress_while_the_pyramid_builds(qtbot, window, two_hours):
    project_dir, _, _ = two_hours
    tab = window.dataset_tab
    window.open_project(project_dir)
    (clip,) = window.project.clips()
    seen: list[int] = []
    formats: list[str] = []
    bar = tab.editor.view.wave_view.progress

    def moved(value: int) -> None:
        # Every value the bar is given, not what a poll happens to catch: on a quiet
        # machine the build could move twice between two polls.
        if bar.isVisible():
            seen.append(value)
            formats.append(bar.format())

    bar.valueChanged.connect(moved)
    tab.browser.select_clip(clip.id)
    qtbot.waitUntil(
        lambda: tab.editor.wave is not None and not tab.editor.is_loading(), timeout=240000
    )
    assert formats and all(f.startswith("Building the waveform of lecture") for f in formats)
    assert len(set(seen)) >= 3 and seen == sorted(seen), seen  # it moved, forwards
    assert not tab.editor.view.wave_view.progress.isVisible()
    assert tab.editor.view.wave_view.frames == clip.frames


def test_import_bar_follows_the_decode(qtbot, window, tmp_path):
    tab = window.dataset_tab
    path = long_aac(tmp_path / "talk.m4a", 600, RATE)  # ten minutes: a few blocks
    shown: list[str] = []
    tab.decode_progress.connect(lambda *_: shown.append(tab.import_bar.import_progress.format()))
    with qtbot.waitSignal(tab.imported, timeout=120000) as blocker:
        tab.import_bar.import_paths([str(path)])
    assert len(blocker.args[0].added) == 1
    assert len(shown) >= 3 and shown[-1] == "0/1 decoding talk.m4a: 100 %", shown[-3:]
