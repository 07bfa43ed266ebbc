"""Exporting edited clips and slicing them for voice-cloning datasets."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from core.audio.io import content_hash, probe, read_audio
from core.dataset.export import (
    ExportOptions,
    SliceOptions,
    export_clips,
    export_sliced,
    slice_points,
)
from core.dataset.project import Project
from tests.support.audiogen import sine, write


def _project_with(tmp_path, audio, sr, edits=None, subtype="FLOAT"):
    src = write(tmp_path / "src" / "take.wav", audio, sr, subtype)
    p = Project.create(tmp_path / "proj")
    clip = p.add_source(probe(src), content_hash(src), "clean")
    if edits:
        p.set_edits(clip.id, edits)
    return p, p.clip(clip.id), src


def test_export_applies_edits_and_format(tmp_path):
    sr = 16000
    a = np.concatenate([sine(440, 1.0, sr, channels=2), sine(220, 1.0, sr, channels=2)])
    edits = [{"op": "trim", "start": 1000, "end": 9000}, {"op": "gain", "db": -6.0}]
    p, clip, src = _project_with(tmp_path, a, sr, edits)
    before = content_hash(src)
    report = export_clips(
        [clip], tmp_path / "out", ExportOptions(subtype="PCM_24", channels="mono", format="flac")
    )
    assert not report.failed and len(report.written) == 1
    info = sf.info(str(report.written[0]))
    assert (info.samplerate, info.channels, info.frames, info.format) == (sr, 1, 8000, "FLAC")
    got, _ = read_audio(report.written[0])
    expected = a[1000:9000].mean(axis=1, keepdims=True) * np.float32(10 ** (-6 / 20))
    np.testing.assert_allclose(got, expected, atol=1e-6)  # 24-bit quantization
    # Resampled, 16-bit stereo copy of the same clip.
    r2 = export_clips([clip], tmp_path / "out2", ExportOptions(sample_rate=8000))
    info = sf.info(str(r2.written[0]))
    assert (info.samplerate, info.channels, info.subtype, info.frames) == (8000, 2, "PCM_16", 4000)
    assert content_hash(src) == before
    p.close()


def test_export_reports_missing_source(tmp_path):
    p, clip, src = _project_with(tmp_path, sine(440, 0.2), 16000)
    src.unlink()
    report = export_clips([clip], tmp_path / "out")
    assert report.failed and "take" in report.failed[0][0] and "not found" in report.failed[0][1]
    p.close()


def _phrases(sr, lengths, gap=0.6, amp=0.5):
    parts = []
    for i, sec in enumerate(lengths):
        parts.append(sine(200 + 50 * i, sec, sr, amp))
        parts.append(np.zeros((int(gap * sr), 1), np.float32))
    return np.concatenate(parts)


def test_slice_points_cut_in_silences_and_respect_bounds():
    sr = 16000
    audio = _phrases(sr, [4.0, 2.0, 2.5, 1.0, 12.0])[:, 0]
    cuts = slice_points(audio, sr, SliceOptions(sample_rate=32000))
    lens = [(e - s) / sr for s, e in cuts]
    assert all(3.0 <= n <= 10.0 for n in lens), lens
    # Every cut except forced ones inside the 12 s phrase lies in silence.
    for _s, e in cuts[:-2]:
        assert abs(audio[e - 1]) < 1e-3 or e == len(audio)
    # Short phrases are merged, not dropped: nearly all sound ends up in some piece.
    covered = np.zeros(len(audio), bool)
    for s, e in cuts:
        covered[s:e] = True
    loud = np.abs(audio) > 0
    assert covered[loud].mean() > 0.9


def test_export_sliced_is_mono_normalized_and_skips_excluded(tmp_path):
    sr = 22050
    audio = _phrases(sr, [4.0, 5.0, 4.0], amp=0.3)
    n = len(audio)
    # Exclude the middle phrase: no slice may carry it.
    start_mid = int(4.6 * sr)
    edits = [{"op": "exclude", "start": start_mid, "end": start_mid + int(5.0 * sr)}]
    p, clip, src = _project_with(tmp_path, audio, sr, edits, subtype="PCM_16")
    report = export_sliced([clip], tmp_path / "sliced", SliceOptions(sample_rate=40000))
    assert not report.failed and len(report.written) == 2, report
    for path in report.written:
        info = sf.info(str(path))
        assert info.samplerate == 40000 and info.channels == 1
        assert 3.0 <= info.duration <= 10.0
        data, _ = read_audio(path)
        assert np.isclose(np.abs(data).max(), 10 ** (-1 / 20), atol=2e-3)
    assert n > 0
    p.close()


def test_options_are_checked():
    with pytest.raises(ValueError, match="32000, 40000 or 48000"):
        SliceOptions(sample_rate=44100)
    with pytest.raises(ValueError, match="bit depth"):
        ExportOptions(subtype="PCM_12")
    with pytest.raises(ValueError, match="FLAC cannot"):
        ExportOptions(subtype="FLOAT", format="flac")


def test_export_command(tmp_path, capsys):
    from cli.main import run_cli

    sr = 16000
    p, clip, src = _project_with(tmp_path, _phrases(sr, [6.0, 6.0], amp=0.3), sr)
    p.set_edits(clip.id, [{"op": "gain", "db": -3.0}])
    p.close()
    assert (
        run_cli(
            [
                "export-clips",
                str(tmp_path / "proj"),
                str(tmp_path / "o"),
                "--channels",
                "stereo",
                "--bits",
                "24",
            ]
        )
        == 0
    )
    info = sf.info(str(tmp_path / "o" / "take.wav"))
    assert (info.channels, info.subtype) == (2, "PCM_24")
    assert (
        run_cli(
            [
                "export-clips",
                str(tmp_path / "proj"),
                str(tmp_path / "s"),
                "--sliced",
                "--rate",
                "32000",
            ]
        )
        == 0
    )
    assert len(list((tmp_path / "s").glob("take_*.wav"))) == 2
    assert "wrote 2 files" in capsys.readouterr().out
    assert (
        run_cli(
            [
                "export-clips",
                str(tmp_path / "proj"),
                str(tmp_path / "x"),
                "--sliced",
                "--rate",
                "44100",
            ]
        )
        == 2
    )
    assert "32000, 40000 or 48000" in capsys.readouterr().err
    assert run_cli(["export-clips", str(tmp_path / "nope"), str(tmp_path / "x")]) == 2


def test_long_clips_export_streamed_like_in_memory(tmp_path, monkeypatch):
    from core.dataset import export as clip_export

    sr = 16000
    rng = np.random.default_rng(1)
    audio = (0.3 * rng.standard_normal((3 * sr, 2))).astype(np.float32)
    edits = [
        {"op": "delete", "start": 1000, "end": 9000},
        {"op": "fade_out", "start": 20000, "end": 30000, "curve": "equal_power"},
        {"op": "exclude", "start": 100, "end": 600},
        {"op": "normalize", "mode": "peak", "target": -2.0},
    ]
    p, clip, src = _project_with(tmp_path, audio, sr, edits)
    opts = [
        ExportOptions(subtype="FLOAT"),
        ExportOptions(subtype="FLOAT", channels="mono", for_training=True),
        ExportOptions(subtype="FLOAT", sample_rate=22050),
    ]
    in_memory = [
        export_clips([clip], tmp_path / f"mem{i}", o).written[0] for i, o in enumerate(opts)
    ]
    monkeypatch.setattr(clip_export, "STREAM_BLOCK", 4096)  # many blocks
    monkeypatch.setattr(clip_export, "is_small", lambda frames, channels: False)
    streamed = [export_clips([clip], tmp_path / f"st{i}", o).written[0] for i, o in enumerate(opts)]
    a, _ = read_audio(in_memory[0])
    b, _ = read_audio(streamed[0])
    np.testing.assert_array_equal(a, b)  # cuts and gains streamed: sample-exact
    a, _ = read_audio(in_memory[1])
    b, _ = read_audio(streamed[1])
    np.testing.assert_array_equal(a, b)
    assert len(b) == len(audio) - 8000 - 500  # the excluded region is left out
    a, _ = read_audio(in_memory[2])
    b, _ = read_audio(streamed[2])
    assert abs(len(a) - len(b)) <= 2
    n = min(len(a), len(b))
    np.testing.assert_allclose(a[:n], b[:n], atol=2e-3)  # soxr streaming vs whole-file
    p.close()


def test_long_clips_slice_streamed_like_in_memory(tmp_path, monkeypatch):
    from core.dataset import export as clip_export

    sr = 16000
    audio = _phrases(sr, [4.0, 5.0, 4.0, 6.0], amp=0.3)
    edits = [
        {"op": "delete", "start": 0, "end": 800},
        {"op": "exclude", "start": int(9.2 * sr), "end": int(14.0 * sr)},
    ]
    p, clip, src = _project_with(tmp_path, audio, sr, edits)
    options = SliceOptions(sample_rate=32000)
    mem = export_sliced([clip], tmp_path / "mem", options).written
    monkeypatch.setattr(clip_export, "STREAM_BLOCK", 8192)
    monkeypatch.setattr(clip_export, "is_small", lambda frames, channels: False)
    streamed = export_sliced([clip], tmp_path / "st", options).written
    assert len(mem) == len(streamed) >= 2
    for a_path, b_path in zip(mem, streamed, strict=True):
        a, _ = read_audio(a_path)
        b, _ = read_audio(b_path)
        assert abs(len(a) - len(b)) <= 64  # cut points from slightly different resampling
        n = min(len(a), len(b))
        assert np.corrcoef(a[:n, 0], b[:n, 0])[0, 1] > 0.99
    p.close()
