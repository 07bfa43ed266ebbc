"""Pairing: names matched across folders, offsets found to the sample and recorded."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal

from core.audio.io import read_audio
from core.dataset.pairing import _xcorr, find_offset, normalize_stem, pair_folders
from core.dataset.project import Project
from tests.support.audiogen import noise, speech, write

SR = 22050


@pytest.fixture(scope="module")
def voice(tmp_path_factory):
    """A few seconds of espeak-ng speech (a broadband, non-periodic signal like a vocal)."""
    folder = tmp_path_factory.mktemp("voice")
    path = speech(
        folder / "v.wav", "Every clip should be between three and ten seconds long.", sr=SR
    )
    audio, sr = read_audio(path)
    assert sr == SR
    return audio[:, 0]


def _mix(x: np.ndarray, seed: int = 0) -> np.ndarray:
    """What a mix engineer might do: EQ (low-pass), gain, a little added noise.

    The EQ is zero-phase (as a DAW's latency-compensated EQ is): a causal filter would
    add its own group delay of a sample or two, and the planted offset would no longer
    be the true one."""
    b, a = signal.butter(4, 5000, fs=SR)
    y = 0.6 * signal.filtfilt(b, a, x)
    return (y + noise(len(y) / SR, SR, amp=0.003, seed=seed)[: len(y), 0]).astype(np.float32)


@pytest.mark.parametrize("planted", [123, -77, 0, 4000])
def test_find_offset_exact(voice, planted):
    mixed = _mix(voice)
    if planted >= 0:
        target = np.concatenate([np.zeros(planted, np.float32), mixed])
    else:
        target = mixed[-planted:]
    offset, confidence = find_offset(voice, target, SR)
    assert offset == planted
    assert confidence > 0.8


def test_find_offset_unrelated_audio_has_low_confidence(voice):
    other = noise(len(voice) / SR, SR, amp=0.1, seed=9)[:, 0]
    _, confidence = find_offset(voice, other, SR)
    assert confidence < 0.2


def test_find_offset_stereo_and_polarity(voice):
    stereo = np.stack([voice, 0.5 * voice], axis=1)
    flipped = -np.concatenate([np.zeros(50, np.float32), voice])
    offset, confidence = find_offset(stereo, flipped, SR)
    assert offset == 50 and confidence > 0.9


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Song1_raw.wav", "song1"),
        ("song1_MIX.wav", "song1"),
        ("song1-mixed.flac", "song1"),
        ("raw - Song1.wav", "song1"),
        ("Song1 (input).wav", "song1"),
        ("take 03_target.wav", "take_03"),
        ("take_03.wav", "take_03"),
        ("verse2_dry_final.wav", "verse2"),
        ("mix.wav", "mix"),  # nothing left after stripping: keep the name
    ],
)
def test_normalize_stem(name, key):
    assert normalize_stem(name) == key


def test_pair_folders_records_offsets_and_reports_strays(tmp_path, voice):
    raw, mixed = tmp_path / "raw", tmp_path / "mixed"
    planted = {"verse": 123, "chorus": -45, "bridge": 0}
    for i, (name, lag) in enumerate(planted.items()):
        take = np.roll(voice, 1000 * i)  # different takes, so no pair matches another
        write(raw / f"{name}_raw.wav", take[:, None], SR, "FLOAT")
        y = _mix(take, seed=i)
        y = np.concatenate([np.zeros(lag, np.float32), y]) if lag >= 0 else y[-lag:]
        y = np.concatenate([y, np.zeros(SR // 2, np.float32)])  # a longer export tail
        write(mixed / f"{name.upper()}_mix.wav", y[:, None], SR, "FLOAT")
    write(raw / "outro_raw.wav", voice[:SR, None], SR)
    write(mixed / "intro_mix.wav", voice[SR : 2 * SR, None], SR)

    project = Project.create(tmp_path / "proj")
    report = pair_folders(project, raw, mixed)

    found = {r.input.name.removesuffix("_raw"): r for r in report.pairs}
    assert set(found) == set(planted)
    for name, lag in planted.items():
        r = found[name]
        assert r.offset == lag, (name, r.offset)
        assert r.length_diff == lag + SR // 2
        assert r.confidence > 0.8
        assert (r.input.role, r.target.role) == ("input", "target")
    assert [p.rsplit("/", 1)[1] for p in report.unpaired_inputs] == ["outro_raw.wav"]
    assert [p.rsplit("/", 1)[1] for p in report.unpaired_targets] == ["intro_mix.wav"]

    stored = {p.input.name: p for p in project.pairs()}
    assert stored["verse_raw"].offset == 123
    assert stored["chorus_raw"].offset == -45
    assert all(p.input.split == p.target.split for p in project.pairs())

    # Pairing again is idempotent: same pairs, no new clips.
    clips_before = len(project.clips())
    again = pair_folders(project, raw, mixed)
    assert len(again.pairs) == 3 and len(project.pairs()) == 3
    assert len(project.clips()) == clips_before


def test_pair_window_bounds_long_files(tmp_path, voice):
    # 2 minutes of audio: only the first 30 s are correlated, and the offset still lands.
    long = np.tile(voice, int(np.ceil(120 * SR / len(voice))))[: 120 * SR]
    long = long + noise(120, SR, amp=0.01, seed=4)[:, 0]
    write(tmp_path / "in" / "long.wav", long[:, None], SR, "FLOAT")
    write(
        tmp_path / "out" / "long.wav",
        np.concatenate([np.zeros(321, np.float32), _mix(long)])[:, None],
        SR,
        "FLOAT",
    )
    project = Project.create(tmp_path / "proj")
    report = pair_folders(project, tmp_path / "in", tmp_path / "out", window_seconds=10)
    assert [r.offset for r in report.pairs] == [321]


def test_ambiguous_names_are_reported(tmp_path, voice):
    write(tmp_path / "a" / "take1_raw.wav", voice[:SR, None], SR)
    write(tmp_path / "a" / "take1_input.wav", voice[SR : 2 * SR, None], SR)
    write(tmp_path / "b" / "take1_mix.wav", voice[2 * SR : 3 * SR, None], SR)
    project = Project.create(tmp_path / "proj")
    report = pair_folders(project, tmp_path / "a", tmp_path / "b")
    assert report.pairs == []
    assert report.ambiguous and report.ambiguous[0][0] == "take1"
    assert len(report.ambiguous[0][1]) == 2


def test_pair_across_sample_rates(tmp_path, voice):
    # Input at 22,050 Hz, target exported at 44,100 Hz 200 input samples later: the
    # offset is reported at the input's rate.
    from core.audio.io import resample

    write(tmp_path / "in" / "t.wav", voice[:, None], SR, "FLOAT")
    late = np.concatenate([np.zeros(200, np.float32), voice])[:, None]
    write(tmp_path / "out" / "t.wav", resample(late, SR, 2 * SR), 2 * SR, "FLOAT")
    project = Project.create(tmp_path / "proj")
    (r,) = pair_folders(project, tmp_path / "in", tmp_path / "out").pairs
    assert r.offset == 200
    assert r.length_diff == 200
    assert r.confidence > 0.9


def test_overlapping_folders_are_refused(tmp_path, voice):
    write(tmp_path / "all" / "raw" / "t.wav", voice[:SR, None], SR)
    project = Project.create(tmp_path / "proj")
    with pytest.raises(ValueError, match="overlap"):
        pair_folders(project, tmp_path / "all" / "raw", tmp_path / "all")
    with pytest.raises(FileNotFoundError, match="not a folder"):
        pair_folders(project, tmp_path / "all", tmp_path / "nope")
    assert project.clips() == []  # nothing imported before the refusal


@pytest.mark.parametrize(("lx", "ly"), [(1, 1), (5, 9), (100, 37), (1024, 1025)])
def test_fft_correlation_matches_direct(lx, ly):
    rng = np.random.default_rng(lx + ly)
    x, y = rng.standard_normal(lx), rng.standard_normal(ly)
    np.testing.assert_allclose(_xcorr(y, x), np.correlate(y, x, mode="full"), atol=1e-9)
