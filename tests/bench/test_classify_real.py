"""The real-recording classify benchmark's data: a class folder per installed Asterisk voice,
decoded copies of its speech prompts (no silence, no beeps), imported as labelled clips."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
bcr = pytest.importorskip("bench_classify_real")
rc = pytest.importorskip("real_corpus")

VOICES = [rc.OWN_VOICE, rc.NEW_VOICE]


@pytest.mark.skipif(
    not all((rc.SOUNDS / v).is_dir() for v in VOICES),
    reason="asterisk-core-sounds-en-g722 / -fr-g722 are not installed",
)
def test_class_tree_holds_decoded_speech_prompts_and_imports_with_labels(tmp_path):
    from core.audio.io import probe
    from core.dataset.importer import import_paths
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project

    assert set(VOICES) <= set(bcr.installed_voices())
    counts = bcr.build_class_tree(tmp_path / "classes", VOICES, limit=3)
    assert counts == {v: 3 for v in VOICES}
    for voice in VOICES:
        files = sorted((tmp_path / "classes" / voice).iterdir())
        assert len(files) == 3
        for f in files:
            info = probe(f)
            assert info.sample_rate == rc.SPEECH_SR and info.duration >= bcr.MIN_SECONDS
    project = Project.create(tmp_path / "project")
    report = import_paths(project, [tmp_path / "classes"], labels_from_folders=True)
    assert not report.rejected
    clips = labelled_clips(project)
    assert sorted({c.label for c in clips}) == sorted(VOICES)
    assert len(clips) == 6
    # Nothing under /usr/share was written: the copies live in tmp_path only.
    assert all(str(tmp_path) in str(p) for p in (tmp_path / "classes").rglob("*.wav"))


def test_silence_and_tones_are_not_a_voice_but_speech_about_tones_is():
    for name in ("silence/1", "beep", "beeperr", "ascending-2tone", "descending-2tone"):
        assert bcr.NOT_A_VOICE.search(name), name
    for name in ("at-tone-time-exactly", "digits/7", "auth-thankyou", "letters/b"):
        assert not bcr.NOT_A_VOICE.search(name), name


def test_duplicate_files_counts_byte_identical_copies(tmp_path):
    import numpy as np

    from core.audio.io import write_audio

    tone = np.sin(np.arange(1600) / 5.0).astype(np.float32)[:, None] * 0.3
    write_audio(tmp_path / "a" / "one.wav", tone, 16000, "PCM_16")
    write_audio(tmp_path / "b" / "same.wav", tone, 16000, "PCM_16")
    write_audio(tmp_path / "b" / "other.wav", 0.5 * tone, 16000, "PCM_16")
    assert bcr.duplicate_files(tmp_path) == 1
    (tmp_path / "b" / "same.wav").unlink()
    assert bcr.duplicate_files(tmp_path) == 0


speakers = pytest.importorskip("classify_speakers")


def test_the_voices_experiment_takes_the_g722_voices_only():
    """The GSM prompt packages (fr/, es/, it_IT_f_Menardi/, and the it/ it_IT links) are
    the speakers experiment's held-out voices, not classes of the voices experiment."""
    voices = bcr.installed_voices()
    assert not {"fr", "es", "it", "it_IT", "it_IT_f_Menardi", "digits", "letters"} & set(voices)
    assert all(next((rc.SOUNDS / v).rglob("*.g722"), None) for v in voices)


@pytest.mark.skipif(
    bool(speakers.missing()), reason=f"not installed: {' '.join(speakers.missing())}"
)
def test_numbers_train_on_one_speaker_a_language_and_test_on_the_other(tmp_path):
    """The training tree holds the core-sounds voices' numbers (G.722, 4 takes a number)
    and none of the held-out voices; the held-out files are GSM that core.audio reads."""
    from core.audio.io import read_audio
    from core.dataset.importer import import_paths
    from core.dataset.labels import labelled_clips
    from core.dataset.project import Project

    assert speakers.training_tree(tmp_path / "numbers") == 4 * len(speakers.WORDS)
    project = Project.create(tmp_path / "project")
    report = import_paths(project, [tmp_path / "numbers"], labels_from_folders=True)
    assert not report.rejected
    clips = labelled_clips(project)
    assert sorted({c.label for c in clips}, key=int) == list(speakers.WORDS)
    held = {held for _, held in speakers.LANGUAGES.values()}
    assert not any(p.stem in held for p in (tmp_path / "numbers").rglob("*"))
    tests = speakers.test_files()
    assert len(tests) == 3 * len(speakers.WORDS)
    audio, sr = read_audio(tests[0][2])  # GSM at 8 kHz, through FFmpeg
    assert sr == 8000 and len(audio) > 0.2 * sr
    speakers.by_speaker(project)  # the experiment's split: by speaker
    splits = {c.clip_id: c.split for c in labelled_clips(project)}
    names = {c.id: c.name for c in project.clips()}
    assert {names[i].startswith(speakers.EXTRA_TRAIN) for i, s in splits.items() if s == "val"} == {
        True
    }
    assert sum(s == "train" for s in splits.values()) == 3 * len(speakers.WORDS)
