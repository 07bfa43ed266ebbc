"""Statistics checked against numbers worked out by hand on generated signals."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from core.audio.dsp import SilenceRule
from core.dataset import analysis_cache, measure
from core.dataset.importer import import_paths
from core.dataset.measure import analysis_key, edited_frames, segment_count
from core.dataset.project import Project
from core.dataset.stats import dataset_stats
from core.dataset.stats_advice import ADVICE_LEVELS
from tests.support.audiogen import noise, sine, write

SR = 16000
FRAME = 0.02  # the voicing frame of core.audio.dsp


def _tone_gap_tone() -> np.ndarray:
    """3 s tone + 2 s digital silence + 3 s tone."""
    t = sine(440, 3.0, SR, amp=0.5)
    return np.concatenate([t, np.zeros((2 * SR, 1), np.float32), t])


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "proj")
    yield p
    p.close()


def _one(project, tmp_path, name, audio, sr=SR, subtype="FLOAT", role="clean"):
    path = write(tmp_path / "src" / name, audio, sr, subtype)
    report = import_paths(project, [path], role=role)
    assert report.added, report.rejected
    return report.added[0]


def _health(stats, clip):
    return next(f for f in stats.files if f.clip_id == clip.id)


def test_voiced_levels_and_segments_by_hand(project, tmp_path):
    gap = _one(project, tmp_path, "gap.wav", _tone_gap_tone())
    s = dataset_stats(project)
    h = _health(s, gap)
    assert h.seconds == pytest.approx(8.0)
    # The 2 s gap is skipped except 50 ms kept at each side (keep_margin), so 6.1 s.
    assert abs(h.voiced_seconds - 6.1) <= FRAME
    assert h.segments == 1  # floor(6.1 / 4)
    assert h.peak_dbfs == pytest.approx(20 * math.log10(0.5), abs=0.01)
    # RMS over all samples: 0.5/sqrt(2) over 6 of the 8 s.
    assert h.rms_dbfs == pytest.approx(
        20 * math.log10(0.5 / math.sqrt(2) * math.sqrt(6 / 8)), abs=0.02
    )
    assert h.issues == []


def test_lufs_of_minus_20_dbfs_sine(project, tmp_path):
    # BS.1770: a 1 kHz sine reads its RMS level minus 0.691 plus the K-weighting gain at
    # 1 kHz (+0.691 dB by design), so a -20 dBFS peak sine (RMS -23.01 dBFS) is -23.01 LUFS.
    clip = _one(project, tmp_path, "k.wav", sine(1000, 5.0, 48000, amp=0.1), sr=48000)
    h = _health(dataset_stats(project), clip)
    assert h.lufs == pytest.approx(-23.01, abs=0.05)


def test_clipping_and_dc_are_flagged(project, tmp_path):
    x = sine(300, 3.0, SR, amp=0.5)
    # 100 ms of a square wave at full scale (as from an overdriven preamp): 1,600
    # clipped samples, half positive and half negative, so no DC.
    x[SR : SR + 1600, 0] = np.where((np.arange(1600) // 20) % 2 == 0, 1.0, -1.0)
    clipped = _one(project, tmp_path, "clipped.wav", x)
    shifted = _one(project, tmp_path, "dc.wav", sine(300, 3.0, SR, amp=0.3) + 0.05)
    s = dataset_stats(project)
    h = _health(s, clipped)
    assert h.clipped_fraction == pytest.approx(1600 / (3 * SR))
    assert any(i.startswith("clipping") for i in h.issues)
    d = _health(s, shifted)
    assert d.dc_offset == pytest.approx(0.05, abs=1e-3)
    assert any(i.startswith("DC offset") for i in d.issues)
    assert not any(i.startswith("DC") for i in h.issues)
    assert any("clip" in line for line in s.advice)


def test_segments_augmentation_epochs_and_roles(project, tmp_path):
    _one(project, tmp_path, "gap.wav", _tone_gap_tone())  # 1 segment
    _one(project, tmp_path, "nine.wav", sine(220, 9.0, SR))  # floor(9/4) = 2
    _one(project, tmp_path, "twelve.wav", sine(250, 12.0, SR))  # 3
    _one(project, tmp_path, "n.wav", noise(10.0, SR, seed=1), role="noise")
    s = dataset_stats(project, segment_seconds=4.0, augmentation=3, epochs=10)
    assert s.task == "denoise"
    assert s.base_segments == 6
    assert s.segments_per_epoch == 18
    assert s.segments_total == 180
    assert s.roles["clean"].files == 3
    assert s.roles["clean"].seconds == pytest.approx(29.0)
    assert s.roles["noise"].seconds == pytest.approx(10.0)
    assert s.total_seconds == pytest.approx(39.0)
    # Shorter segments: floor(6.1/2) + floor(9/2) + floor(12/2) = 3 + 4 + 6.
    assert dataset_stats(project, segment_seconds=2.0).base_segments == 13


def test_edits_are_applied_before_measuring(project, tmp_path):
    clip = _one(project, tmp_path, "nine.wav", sine(220, 9.0, SR))
    project.set_edits(
        clip.id,
        [
            {"op": "trim", "start": SR, "end": 8 * SR},  # 7 s left
            {"op": "exclude", "start": 0, "end": 2 * SR},  # 5 s for training
            {"op": "gain", "db": -6.0206},
        ],
    )
    h = _health(dataset_stats(project), project.clip(clip.id))
    assert h.seconds == pytest.approx(5.0)
    assert h.voiced_seconds == pytest.approx(5.0)
    assert h.segments == 1
    assert h.peak_dbfs == pytest.approx(20 * math.log10(0.25), abs=0.01)


def test_cache_makes_headers_only_exact(project, tmp_path):
    clip = _one(project, tmp_path, "gap.wav", _tone_gap_tone())
    fast = dataset_stats(project, headers_only=True)
    # Never measured: voiced time unknown, segments from the full 8 s (an upper bound).
    assert not fast.voiced_exact and fast.files[0].voiced_seconds is None
    assert fast.base_segments == 2
    full = dataset_stats(project)
    key = analysis_key(project.clip(clip.id), SilenceRule())
    assert key in analysis_cache.cached_analyses(project, [key])
    cached = dataset_stats(project, headers_only=True)
    assert cached.voiced_exact
    assert cached.files[0].voiced_seconds == full.files[0].voiced_seconds
    assert cached.base_segments == 1
    # A new edit list is a new measurement, not a stale cache hit.
    project.set_edits(clip.id, [{"op": "trim", "start": 0, "end": 3 * SR}])
    assert dataset_stats(project, headers_only=True).files[0].voiced_seconds is None
    assert dataset_stats(project).files[0].voiced_seconds == pytest.approx(3.0)


def test_mismatch_short_and_missing(project, tmp_path):
    for i in range(3):
        _one(project, tmp_path, f"a{i}.wav", sine(200 + i * 30, 2.0, SR))
    odd_rate = _one(project, tmp_path, "r.wav", sine(300, 2.0, 44100), sr=44100)
    stereo = _one(project, tmp_path, "s.wav", sine(300, 2.0, SR, channels=2))
    short = _one(project, tmp_path, "short.wav", sine(300, 0.5, SR))
    gone = _one(project, tmp_path, "gone.wav", sine(350, 2.0, SR))
    (tmp_path / "src" / "gone.wav").unlink()
    s = dataset_stats(project)
    assert s.majority_sample_rate == SR and s.majority_channels == 1
    # Another rate alone is no problem (training resamples every file).
    assert not any("Hz" in i for i in _health(s, odd_rate).issues)
    assert any("2 channels; most files have 1" in i for i in _health(s, stereo).issues)
    assert any(i.startswith("very short") for i in _health(s, short).issues)
    assert _health(s, gone).issues == ["missing"] and _health(s, gone).segments == 0
    assert any("missing or changed" in a for a in s.advice)
    assert not any("resampled" in a for a in s.advice)


def test_only_speech_below_the_training_rate_is_flagged(project, tmp_path):
    # The issue's case: every noise clip flagged for a rate unlike the speech's. Noise at
    # 48 kHz beside 16 kHz speech trains fine; speech below the training rate does not.
    speech = [_one(project, tmp_path, f"a{i}.wav", sine(200 + i * 30, 2.0, SR)) for i in range(2)]
    fan = _one(project, tmp_path, "fan.wav", noise(2.0, 48000), sr=48000, role="noise")
    phone = _one(project, tmp_path, "phone.wav", sine(300, 2.0, 8000), sr=8000)
    s = dataset_stats(project, training_rate=SR)
    assert _health(s, fan).issues == []
    assert all(_health(s, c).issues == [] for c in speech)
    (issue,) = _health(s, phone).issues
    assert "8000 Hz, below the 16000 Hz training rate" in issue and "4000 Hz" in issue
    assert any("1 speech file was recorded below the training rate" in a for a in s.advice)


def test_to_dict_is_json(project, tmp_path):
    _one(project, tmp_path, "silent_end.wav", np.concatenate([sine(200, 2.0, SR)]))
    d = dataset_stats(project).to_dict()
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text)["roles"]["clean"]["files"] == 1
    assert d["advice"][0].startswith("collect more")


def test_formula_helpers():
    assert segment_count(8.0, 4.0) == 2
    assert segment_count(7.999, 4.0) == 1
    assert edited_frames(1000, [{"op": "trim", "start": 100, "end": 600}]) == (500, True)
    assert edited_frames(1000, [{"op": "delete", "start": 0, "end": 10}]) == (990, True)
    assert edited_frames(1000, [{"op": "delete_silence"}])[1] is False


@pytest.mark.parametrize(
    ("minutes", "word"), [(5, "collect more"), (15, "usable"), (45, "good"), (90, "great")]
)
def test_advice_levels(minutes, word):
    text = next(t for floor, t in ADVICE_LEVELS if minutes >= floor)
    assert text.startswith(word)


def test_paired_task_counts_paired_inputs(project, tmp_path):
    a = _one(project, tmp_path, "a_raw.wav", sine(200, 9.0, SR), role="input")
    b = _one(project, tmp_path, "a_mix.wav", sine(200, 9.0, SR, amp=0.3), role="target")
    _one(project, tmp_path, "c_raw.wav", sine(260, 9.0, SR), role="input")
    project.add_pair(a.id, b.id, 0, 0, 1.0)
    s = dataset_stats(project)
    assert s.task == "paired" and s.pair_count == 1
    assert s.base_segments == 2  # only the paired input counts
    assert s.unpaired_inputs == 1 and s.unpaired_targets == 0
    assert "paired audio (1 pair)" in s.advice[0]


def test_long_files_are_measured_in_blocks(project, tmp_path, monkeypatch):
    x = np.concatenate([_tone_gap_tone(), sine(500, 3.0, SR, amp=0.2) + 0.02])
    x[100:110] = 1.0
    clip = _one(project, tmp_path, "long.wav", x)
    whole = measure.measure_clip(clip, SilenceRule())
    # Pretend 1 s is "long" and read 2.5 s blocks (not aligned with the silent gap).
    monkeypatch.setattr(measure, "STREAM_ABOVE_SECONDS", 1.0)
    monkeypatch.setattr(measure, "BLOCK_SECONDS", 2.5)
    streamed = measure.measure_clip(clip, SilenceRule())
    assert streamed["seconds"] == whole["seconds"] == pytest.approx(11.0)
    # Silence crossing a block boundary is judged as one: voiced time is identical.
    assert streamed["voiced_seconds"] == pytest.approx(whole["voiced_seconds"], abs=1e-9)
    for key in ("peak_dbfs", "rms_dbfs", "dc_offset", "clipped_fraction"):
        assert streamed[key] == pytest.approx(whole[key], rel=1e-4, abs=1e-6), key
    assert streamed["lufs"] == pytest.approx(whole["lufs"], abs=0.5)


def test_progress_and_cancel(project, tmp_path):
    for i in range(4):
        _one(project, tmp_path, f"c{i}.wav", sine(200 + 20 * i, 1.5, SR))
    seen = []
    s = dataset_stats(
        project,
        progress=lambda done, total, path: seen.append((done, total)),
        should_cancel=lambda: len(seen) >= 2,
    )
    assert seen == [(1, 4), (2, 4)]
    assert s.cancelled and s.clip_count == 2
    assert not dataset_stats(project).cancelled


def test_threads_give_the_same_numbers(project, tmp_path):
    for i in range(6):
        x = _tone_gap_tone() * (0.2 * i) if i % 2 else sine(150 + 40 * i, 2.0 + i, SR)
        _one(project, tmp_path, f"m{i}.wav", x)
    one = dataset_stats(project, use_cache=False, workers=1).to_dict()
    three = dataset_stats(project, use_cache=False, workers=3).to_dict()
    for d in (one, three):
        d.pop("elapsed_seconds")
    assert one == three


def test_changed_file_is_measured_but_not_cached(project, tmp_path):
    clip = _one(project, tmp_path, "c.wav", sine(300, 8.0, SR))
    assert dataset_stats(project).files[0].voiced_seconds == pytest.approx(8.0)
    write(tmp_path / "src" / "c.wav", _tone_gap_tone(), SR, "FLOAT")  # overwritten by the user
    s = dataset_stats(project)
    assert "changed since import" in s.files[0].issues
    assert abs(s.files[0].voiced_seconds - 6.1) <= FRAME  # the file as it is now
    # The cache still holds the measurement of the imported content, not the new one.
    key = analysis_key(project.clip(clip.id), SilenceRule())
    assert analysis_cache.cached_analyses(project, [key])[key]["voiced_seconds"] == pytest.approx(
        8.0
    )
