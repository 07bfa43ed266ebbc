"""Peak pyramid: exact min/max per bucket, streaming build equals in-memory build, cache."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio import dsp, peaks
from core.audio.io import write_audio


def _signal(frames: int, channels: int = 2, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (0.5 * rng.standard_normal((frames, channels))).clip(-1, 1).astype(np.float32)


def test_from_array_levels_are_exact_bucket_min_max():
    a = _signal(70000, 2)
    pyr = peaks.PeakPyramid.from_array(a, 48000)
    for lv in peaks.LEVELS:
        for ch in range(2):
            got = np.asarray(pyr.levels[lv][ch], dtype=np.float32)
            n = -(-len(a) // lv)
            assert got.shape == (n, 2)
            for b in (0, n // 2, n - 1):  # the last bucket is partial
                seg = a[b * lv : (b + 1) * lv, ch]
                assert got[b, 0] == np.float16(seg.min())
                assert got[b, 1] == np.float16(seg.max())


def test_streaming_build_matches_in_memory_and_is_cached(tmp_path, monkeypatch):
    # Small blocks force several streaming blocks plus a partial tail.
    monkeypatch.setattr(peaks, "BLOCK_FRAMES", peaks.LEVELS[-1] * 2)
    a = _signal(65536 * 5 + 1234, 2)
    src = write_audio(tmp_path / "long.wav", a, 48000, "FLOAT")
    calls = []
    built = peaks.build_cached(
        src, tmp_path / "cache", "abc", progress=lambda d, t: calls.append(d)
    )
    assert calls[-1] == len(a) and len(calls) == 3
    ref = peaks.PeakPyramid.from_array(a, 48000)
    for lv in peaks.LEVELS:
        for ch in range(2):
            np.testing.assert_array_equal(np.asarray(built.levels[lv][ch]), ref.levels[lv][ch])
    again = peaks.load_cached(tmp_path / "cache", "abc")
    assert again is not None and again.frames == len(a) and again.sample_rate == 48000
    assert isinstance(again.levels[256][0], np.memmap)
    assert peaks.cache_size(tmp_path / "cache", "abc") > 0
    assert peaks.load_cached(tmp_path / "cache", "other") is None


def test_cancelled_build_leaves_no_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(peaks, "BLOCK_FRAMES", peaks.LEVELS[-1])
    src = write_audio(tmp_path / "a.wav", _signal(65536 * 3, 1), 16000, "FLOAT")
    with pytest.raises(peaks.PeaksCancelled):
        peaks.build_cached(src, tmp_path / "c", "k", should_cancel=lambda: True)
    assert peaks.load_cached(tmp_path / "c", "k") is None
    assert not list((tmp_path / "c" / "peaks").glob("*.npy"))


def test_view_peaks_two_points_per_pixel_and_true_envelope():
    a = _signal(48000 * 60, 1, seed=3) * 0.2
    a[1_000_000, 0] = 0.99  # a spike must survive any zoom level
    pyr = peaks.PeakPyramid.from_array(a, 48000)
    v = peaks.view_peaks(pyr, 0, 0, len(a), 1000)
    assert v.level == 256  # 2880 samples per pixel: 4096 would be coarser than a pixel
    assert len(v.y) <= 2 * 1000
    assert np.isclose(v.y.max(), 0.99, atol=1e-3)
    # Zoomed in past the finest level: raw samples, only from the view range.
    seen = []

    def raw(s, e):
        seen.append((s, e))
        return a[s:e]

    v = peaks.view_peaks(pyr, 0, 999_900, 1_000_100, 800, raw=raw)
    assert v.level == 0 and seen == [(999_900, 1_000_100)]
    np.testing.assert_array_equal(v.y, a[999_900:1_000_100, 0])
    v = peaks.view_peaks(pyr, 0, 900_000, 1_100_000, 1000, raw=raw)
    assert v.level == 0 and len(v.y) == 2000 and np.isclose(v.y.max(), 0.99)


def test_choose_level():
    assert peaks.choose_level(10) == 0
    assert peaks.choose_level(300) == 256
    assert peaks.choose_level(5000) == 4096
    assert peaks.choose_level(1e6) == 65536


def test_snap_to_zero_crossing_picks_nearest_smallest_step():
    from core.audio.zero_crossing import snap_to_zero_crossing, zero_crossings

    x = np.sin(2 * np.pi * np.arange(800) / 160).astype(np.float32)  # crossings every 80
    assert set(zero_crossings(x)[:3]) <= {0, 1, 80, 81, 160, 161}
    assert snap_to_zero_crossing(x, 75, 20) in (80, 81)
    got = snap_to_zero_crossing(x, 75, 20)
    assert abs(x[got]) <= abs(x[got - 1]) or abs(x[got]) <= abs(x[got + 1])
    assert snap_to_zero_crossing(x, 40, 10) == 40  # no crossing within reach: unchanged
    assert snap_to_zero_crossing(np.ones(10, np.float32), 5, 5) == 5


def _random_edits(rng, frames: int, count: int) -> list[dict]:
    """Edit lists of every streamable kind, positions valid on the timeline at each step."""
    from core.dataset.edits import OPS, Timeline

    edits, n = [], frames
    kinds = [op for op in OPS if op != "delete_silence"]  # it needs the audio: not streamable
    for _ in range(count):
        op = kinds[int(rng.integers(len(kinds)))]
        s = int(rng.integers(0, max(1, n - 10)))
        e = int(rng.integers(s + 1, n + 1))
        edit = {"op": op, "start": s, "end": e}
        if op.startswith("fade"):
            edit["curve"] = ["linear", "equal_power"][int(rng.integers(2))]
        if op == "gain":
            edit["db"] = float(rng.uniform(-12, 6))
        if op == "normalize":
            edit.update(mode="peak", target=float(rng.uniform(-20, -1)))
            if rng.random() < 0.3:
                del edit["start"], edit["end"]
        edits.append(edit)
        n = Timeline.compile(edits, frames, lambda a, b: np.zeros((b - a, 1))).frames
    return edits


def test_timeline_reads_exactly_what_render_gives():
    from core.dataset.edits import Timeline, render

    rng = np.random.default_rng(5)
    source = _signal(20000, 2, seed=9) * 0.5
    reader = peaks.array_reader(source)
    for trial in range(40):
        edits = _random_edits(rng, len(source), int(rng.integers(1, 7)))
        expected = render(source, 16000, edits)
        tl = Timeline.compile(edits, len(source), reader)
        assert tl.frames == len(expected.audio), (trial, edits)
        np.testing.assert_array_equal(tl.read(reader, 0, tl.frames), expected.audio)
        # Any window reads the same samples as the whole.
        a = int(rng.integers(0, max(1, tl.frames)))
        b = int(rng.integers(a, tl.frames + 1))
        np.testing.assert_array_equal(tl.read(reader, a, b), expected.audio[a:b])
        runs = dsp.true_runs(~expected.keep)
        assert tl.excluded_runs() == runs, (trial, edits)


def test_timeline_refuses_whole_audio_operations():
    from core.dataset.edits import NotStreamable, Timeline

    with pytest.raises(NotStreamable):
        Timeline.compile([{"op": "delete_silence"}], 100, None)
    with pytest.raises(NotStreamable):
        Timeline.compile([{"op": "normalize", "mode": "lufs", "target": -23}], 100, None)


def test_file_waveform_summarises_a_long_file_in_blocks_and_reads_it_by_range(tmp_path):
    import soundfile as sf

    from core.audio.peaks import PeakPyramid, file_waveform

    sr = 16000
    x = (0.3 * np.random.default_rng(5).standard_normal((sr * 80, 2))).astype(np.float32)
    path = tmp_path / "long.wav"
    sf.write(path, x, sr, subtype="FLOAT")
    whole = PeakPyramid.from_array(x, sr)
    small, read_small = file_waveform(path, small_samples=x.size)  # fits: held in memory
    long, read_long = file_waveform(path, small_samples=x.size - 1)  # does not: streamed
    blocks = []
    file_waveform(path, x.size - 1, progress=lambda done, total: blocks.append(done))
    assert len(blocks) > 1 and blocks[-1] == len(x)  # really block by block
    for got in (small, long):
        assert (got.frames, got.channels, got.sample_rate) == (len(x), 2, sr)
        for lv in whole.levels:
            for a, b in zip(got.levels[lv], whole.levels[lv], strict=True):
                np.testing.assert_array_equal(a, b)
    for read in (read_small, read_long):
        np.testing.assert_array_equal(read(123_456, 140_000), x[123_456:140_000])
