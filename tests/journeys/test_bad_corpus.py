"""The bad-input corpus (tests/support/badcorpus.py: 46 malformed or extreme files, a 3-hour file
among them, and a pair whose partner is missing) through core, the CLI and the GUI.

Every file must come back with a clear message of its own: "reject" items refused with a
reason that names the problem, "import" items imported, "either" items one or the other
with a reason. Nothing may crash, and the good files must still train.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.dataset.importer import import_paths, printable_path
from core.dataset.pairing import pair_folders
from core.dataset.project import Project
from core.dataset.rejects import rejects
from core.train.trainer import Trainer
from tests.support.audiogen import noise, write
from tests.support.badcorpus import Item, make_corpus, make_pair_folders
from tests.support.training import tiny_config

ROOT = Path(__file__).resolve().parents[2]

# What a refusal must say, by file: the words a user needs to know what is wrong. Files of
# random bytes fail in whichever decoder step the bytes trip, so any clear verdict will do.
GARBLED = ("not an audio file", "not a readable audio file", "corrupt", "unsupported", "truncated")
REASON_WORDS: dict[str, tuple[str, ...]] = {
    "zero_length.wav": ("zero-length",),
    "text_renamed.wav": ("not an audio file",),
    "png_renamed.wav": GARBLED,
    "random_bytes.wav": GARBLED,
    "header_only.wav": ("no audio",),
    "lying_header.wav": ("truncated",),
    "truncated_mid_header.wav": ("header",),
    "zero_channels.wav": ("channel",),
    "zero_rate.wav": ("header",),
    "bad_format_tag.wav": ("unsupported codec",),
    "rate_2147483647.wav": ("2,147,483,647 hz, outside 1 khz–768 khz",),
    "rate_1hz.wav": ("1 hz, outside 1 khz–768 khz",),
    "rate_nan.aiff": ("outside 1 khz–768 khz",),
    "rate_inf.aiff": ("outside 1 khz–768 khz",),
    "caf\udce9 latin-1.wav": ("not valid utf-8",),
    "nan_samples.wav": ("nan",),
    "inf_samples.wav": ("inf",),
    "garbage.mp3": GARBLED,
    "garbage.flac": GARBLED,
    "garbage.ogg": GARBLED,
    "truncated.flac": ("truncated or corrupt",),
    "folder_named.wav": ("a folder, not an audio file",),
    "loop_a.wav": ("symbolic links",),
    "loop_b.wav": ("symbolic links",),
    "dangling_link.wav": ("not found",),
    "named_pipe.wav": ("not a regular file",),
    "unreadable.wav": ("permission denied",),
    "silent.wav": ("digital silence",),
    "single_sample.wav": ("too short", "no audio"),
    "duplicate_of_pcm_24.wav": ("duplicate of",),
    "pcm_24.wav": ("duplicate of",),
}
# The two files with the same content: whichever comes first is imported, the other is
# refused as its duplicate.
TWINS = {"pcm_24.wav", "duplicate_of_pcm_24.wav"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    items = make_corpus(base / "corpus", long_hours=3.0)
    raw, mixed = make_pair_folders(base / "pairs")
    noise_dir = base / "noise"
    for i in range(2):
        write(noise_dir / f"fan_{i}.wav", noise(3.0, 8000, amp=0.2, seed=i), 8000)
    assert len(items) >= 30
    return base / "corpus", items, raw, mixed, noise_dir


def check_outcomes(items: list[Item], outcome: dict[str, tuple[str, str]]) -> None:
    """outcome: path -> ("added" | "rejected" | "skipped", reason); a name that is not
    UTF-8 is reported as printable_path shows it."""
    outcome = {**outcome, **{str(i.path): outcome.get(printable_path(str(i.path))) for i in items}}
    missing = [str(i.path) for i in items if outcome[str(i.path)] is None]
    assert not missing, f"no message for {missing}"
    added_twins = [i for i in items if i.path.name in TWINS and outcome[str(i.path)][0] == "added"]
    assert len(added_twins) == 1, "exactly one of two identical files is imported"
    for item in items:
        verdict, reason = outcome[str(item.path)]
        name = item.path.name
        where = f"{name} ({item.kind}): {verdict} {reason!r}"
        if name in TWINS:
            continue
        if item.expect == "import":
            assert verdict == "added", where
        elif item.expect == "reject":
            assert verdict == "rejected", where
        else:
            assert verdict in ("added", "rejected"), where
        if verdict == "rejected":
            assert any(w in reason.lower() for w in REASON_WORDS[name]), where
    for item in items:
        if item.path.name in TWINS and outcome[str(item.path)][0] == "rejected":
            assert "duplicate of" in outcome[str(item.path)][1]


def core_outcomes(report) -> dict[str, tuple[str, str]]:
    out = {}
    for clip in report.added:
        out[clip.path] = ("added", "")
    for path, why in report.rejected:
        out[path] = ("rejected", why)
    for path, why in report.skipped:
        out[path] = ("skipped", why)
    return out


def test_corpus_through_core_then_the_good_files_train(corpus, tmp_path):
    folder, items, raw, mixed, noise_dir = corpus
    project = Project.create(tmp_path / "proj")
    report = import_paths(project, [folder])
    check_outcomes(items, core_outcomes(report))
    assert rejects(project), "refusals are kept in the project for the GUI's list"

    pairs = pair_folders(project, raw, mixed)
    assert [Path(p.input.path).name for p in pairs.pairs] == ["song1.wav"]
    assert [Path(p).name for p in pairs.unpaired_inputs] == ["song2_no_partner.wav"]
    assert pairs.pairs[0].offset == 0

    # The 3-hour file imported (above); leave it out of the tiny run, where it would be
    # 5,000 steps an epoch. Everything else good trains, with imported noise mixed in.
    (long_clip,) = [c for c in project.clips() if c.name == "three_hours"]
    assert long_clip.duration == pytest.approx(3 * 3600)
    project.remove_clip(long_clip.id)
    assert len(import_paths(project, [noise_dir], role="noise").added) == 2
    config = tiny_config(
        **{"run.epochs": 1, "data.noise.kinds": ("white", "project"), "data.sample_clips": 1}
    )
    finished = Trainer(project, config, project.runs_dir / "good_files").run()
    assert finished.status == "completed", finished.message
    assert finished.step > 0 and finished.best_val_loss < float("inf")


# `main.py ARGS`, then the process's peak resident memory as the last line of stdout. VmHWM
# rather than getrusage: Linux carries ru_maxrss over exec from the (large) pytest process.
WITH_PEAK_RSS = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); import main; "
    "code = main.main(sys.argv[1:]); "
    "import os; st = '/proc/self/status'; "
    "hwm = [l.split()[1] for l in open(st) if l.startswith('VmHWM')] if os.path.exists(st) "
    "else []; "
    "print('peak_rss_kb', hwm[0] if hwm else 0); sys.exit(code)"
)


def wavesmith(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITH_PEAK_RSS, str(ROOT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=240,
        encoding="utf-8",
    )


LINE = re.compile(r"^(added|rejected|skipped)\s+(.+?)(?: \[[a-z]+, [a-z]+\]|: (.*))$")


def test_corpus_through_the_cli(corpus, tmp_path):
    folder, items, raw, mixed, _ = corpus
    proj = tmp_path / "proj"
    assert wavesmith("new", proj).returncode == 0
    proc = wavesmith("add", proj, folder)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    # The 3-hour file (173 MB of PCM, 346 MB as float32) is checked in blocks, never held
    # whole: the whole import peaks well under its size.
    long_file = folder / "three_hours.wav"
    peak_kb = int(proc.stdout.strip().splitlines()[-1].split()[1])  # 0: no /proc here
    assert peak_kb * 1024 < 0.6 * long_file.stat().st_size, f"peak RSS {peak_kb} kB"
    outcome = {}
    for line in proc.stdout.splitlines():
        m = LINE.match(line)
        if m:
            outcome[m.group(2)] = (m.group(1), m.group(3) or "")
    check_outcomes(items, outcome)

    proc = wavesmith("pair", proj, raw, mixed)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^pair\s+song1\.wav ↔ song1\.wav: offset \+0 samples", proc.stdout, re.M)
    assert f"unpaired input  {raw / 'song2_no_partner.wav'}" in proc.stdout


def test_corpus_through_the_gui(qtbot, corpus, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from tests.support.window import drop_files

    folder, items, raw, mixed, _ = corpus
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.new_project(tmp_path / "proj")
    tab = win.dataset_tab
    try:
        with qtbot.waitSignal(tab.imported, timeout=120000) as blocker:
            drop_files(win, [folder, raw, mixed])
        report = blocker.args[0]
        check_outcomes(items, core_outcomes(report))
        QApplication.processEvents()

        # Every imported file is listed; every refused one is under "Rejected" with its
        # reason beside it and the full path in the tooltip.
        for clip in report.added:
            assert tab.browser.item_for(clip.id) is not None, clip.path
        tree = tab.browser.tree
        group = next(
            tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).text(0).startswith("Rejected")
        )
        listed = {}
        for i in range(group.childCount()):
            child = group.child(i)
            listed[child.toolTip(0).split("\n")[0]] = child.text(5)
        for path, reason in report.rejected:
            assert listed.get(path) == reason, path
        assert f"rejected {len(report.rejected)}" in tab.status.text()
        assert "Not used:" in tab.status.text()
        # the pair folders came in by their names: raw → input, mixed → target
        roles = {Path(c.path).parent.name: c.role for c in report.added}
        assert roles["raw"] == "input" and roles["mixed"] == "target"
    finally:
        tab.shutdown()
