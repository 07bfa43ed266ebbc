"""Importing what FFmpeg decodes: each format lands with its exact decoded length, its
samples come from the project's lossless copy, bad files get reasons, sources stay as
they were."""

from __future__ import annotations

import os

import numpy as np
import pytest
import soundfile as sf

from core.audio import decode as decoder
from core.audio import decoded_cache
from core.audio.decoded_cache import samples_path
from core.audio.io import AudioReadError, content_hash, read_audio
from core.dataset.importer import import_paths
from core.dataset.project import Project
from tests.support.mediagen import (
    AudioTrack,
    best_lag,
    empty_audio_stream,
    encode,
    raw_gsm,
    signal,
    truncate,
    unknown_codec_wav,
    video_only,
    write_media,
)


def _media_folder(folder):
    """{file: (encoded signal, rate, codec frame)} for each format, plus the mkv's second
    stream under the key "two.mkv#1"."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}

    def add(name, x, rate, frame, **kw):
        made[encode(folder / name, x, rate, **kw)] = (x, rate, frame)

    add("speech.m4a", signal(2.0, 16000, seed=1), 16000, 1024)
    add("talk.webm", signal(1.5, 48000, seed=2), 48000, 960, codec="libopus")
    add("memo.amr", signal(2.0, 8000, seed=3), 8000, 160, codec="libopencore_amrnb")
    add("phone.3gp", signal(1.8, 8000, seed=4), 8000, 160, codec="libopencore_amrnb")
    add("prompt.g722", signal(1.2, 16000, seed=5), 16000, 1024, codec="g722", container="g722")
    x = signal(1.0, 8000, seed=6)
    made[raw_gsm(folder / "prompt.gsm", x)] = (x, 8000, 160)
    x = signal(2.0, 16000, seed=7)
    made[write_media(folder / "camera.mp4", [AudioTrack(x, 16000)], video_seconds=2.0)] = (
        x,
        16000,
        1024,
    )
    first, second = signal(1.5, 48000, 220, 8), signal(1.0, 48000, 660, 9)
    two = write_media(
        folder / "two.mkv",
        [
            AudioTrack(first, 48000, metadata={"language": "eng"}),
            AudioTrack(second, 48000, "libopus", metadata={"title": "Commentary"}),
        ],
        video_seconds=1.5,
    )
    made[two] = (first, 48000, 1024)
    made[str(two) + "#1"] = (second, 48000, 960)
    return made


def _clip_for(project, path):
    return next(c for c in project.clips() if c.path == str(path.resolve()))


def test_each_format_imports_with_its_decoded_length_and_signal(tmp_path):
    made = _media_folder(tmp_path / "media")
    sources = [p for p in made if not isinstance(p, str)]
    before = {p: content_hash(p) for p in sources}
    with Project.create(tmp_path / "proj") as project:
        report = import_paths(project, [tmp_path / "media"])
        assert not report.rejected, report.rejected
        assert {c.path for c in report.added} == {str(p.resolve()) for p in sources}
        for path in sources:
            x, rate, frame = made[path]
            clip = _clip_for(project, path)
            assert clip.decoded and clip.sample_rate == rate, clip
            assert abs(clip.frames - len(x)) <= frame, (path.name, clip.frames, len(x))
            # The copy in the project holds exactly what FFmpeg decoded...
            cached, sr = read_audio(samples_path(clip))
            direct, _ = decoder.read(path)
            assert sr == rate and len(cached) == clip.frames
            np.testing.assert_array_equal(cached, direct)
            # ...which is the encoded signal, give or take the codec's delay.
            lag, corr = best_lag(x, cached[:, :1], 64)
            assert corr > (0.85 if path.suffix in (".amr", ".3gp") else 0.95), (path.name, corr)
            assert os.path.dirname(samples_path(clip)) == str(project.cache_dir / "decoded")
        notes = dict(report.notes)
        mkv = str((tmp_path / "media" / "two.mkv").resolve())
        assert "2 audio streams, the others: 1: opus, 48000 Hz, 1 ch" in notes[mkv]
        assert '"Commentary"' in notes[mkv] and "--stream N" in notes[mkv]
        mp4 = str((tmp_path / "media" / "camera.mp4").resolve())
        assert notes[mp4].startswith("video file: imported its audio stream 0 (aac")
    assert {p: content_hash(p) for p in sources} == before  # sources only read


def test_g722_is_stored_as_flac_and_aac_as_float_wav(tmp_path):
    g722 = encode(tmp_path / "p.g722", signal(1.0, 16000), 16000, "g722", container="g722")
    m4a = encode(tmp_path / "a.m4a", signal(1.0, 16000), 16000)
    with Project.create(tmp_path / "proj") as project:
        import_paths(project, [g722, m4a])
        flac = samples_path(_clip_for(project, g722))
        wav = samples_path(_clip_for(project, m4a))
    assert sf.info(flac).format == "FLAC" and sf.info(flac).subtype == "PCM_16"
    assert sf.info(wav).format == "WAV" and sf.info(wav).subtype == "FLOAT"


def test_bad_media_get_reasons_and_the_good_files_next_to_them_import(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = encode(folder / "good.m4a", signal(1.0, 16000), 16000)
    cut = truncate(encode(tmp_path / "w.m4a", signal(2.0, 16000), 16000), 0.5, folder / "cut.m4a")
    silent_video = video_only(folder / "screen.mp4")
    empty = empty_audio_stream(folder / "empty.mkv")
    odd = unknown_codec_wav(folder / "odd.wav")
    fifo = folder / "live.webm"
    os.mkfifo(fifo)
    device = folder / "capture.m4a"
    os.symlink("/dev/zero", device)  # endless bytes: opening it to probe would never end
    with Project.create(tmp_path / "proj") as project:
        report = import_paths(project, [folder])
        assert [c.path for c in report.added] == [str(good.resolve())]
        reasons = dict(report.rejected)
    assert "truncated or corrupt container" in reasons[str(cut)]
    assert "moov atom not found" in reasons[str(cut)]
    assert "no audio stream (a video with 1 video stream, mpeg4" in reasons[str(silent_video)]
    assert "zero-length stream" in reasons[str(empty)]
    assert "unsupported codec" in reasons[str(odd)]
    assert "not a regular file" in reasons[str(fifo)]
    assert "not a regular file" in reasons[str(device)]


def test_damaged_container_keeps_what_decoded_with_a_warning(tmp_path):
    x = signal(10.0, 16000)
    path = encode(tmp_path / "half.m4a", x, 16000, container_options={"movflags": "faststart"})
    truncate(path, 0.6)
    with Project.create(tmp_path / "proj") as project:
        report = import_paths(project, [path])
        clip = report.added[0]
        assert 0.4 * len(x) < clip.frames < 0.75 * len(x)
        ((where, warning),) = report.warnings
        assert where == str(path) and "of the 10.0 s the container declares" in warning
        assert clip.note == warning  # kept with the source for the statistics
        assert "1 damaged" in report.summary()
        from core.dataset.stats import dataset_stats

        (health,) = dataset_stats(project, headers_only=True).files
        assert warning in health.issues


def test_decoded_once_then_found_by_content(tmp_path, monkeypatch):
    path = encode(tmp_path / "a.m4a", signal(1.0, 16000), 16000)
    opened = []
    real = decoder.AudioDecoder.__init__

    def counting(self, *a, **kw):
        opened.append(a)
        real(self, *a, **kw)

    monkeypatch.setattr(decoder.AudioDecoder, "__init__", counting)
    with Project.create(tmp_path / "proj") as project:
        clip = import_paths(project, [path]).added[0]
        assert len(opened) == 1
        project.remove_clip(clip.id)
        again = import_paths(project, [path]).added[0]  # same content: the copy is reused
        assert len(opened) == 1 and samples_path(again) == samples_path(clip)


def test_deleted_cache_is_rebuilt_and_a_changed_source_is_noticed(tmp_path):
    path = encode(tmp_path / "a.m4a", signal(2.0, 16000), 16000)
    with Project.create(tmp_path / "proj") as project:
        clip = import_paths(project, [path]).added[0]
        before, _ = read_audio(samples_path(clip))
        for f in decoded_cache.folder(project.cache_dir).iterdir():
            f.unlink()
        rebuilt, _ = read_audio(samples_path(clip))
        np.testing.assert_array_equal(rebuilt, before)
        # The source is re-encoded under the same name, then the cache is lost again.
        encode(path, signal(2.0, 16000, seed=5), 16000)
        for f in decoded_cache.folder(project.cache_dir).iterdir():
            f.unlink()
        with pytest.raises(AudioReadError, match="changed on disk since import"):
            samples_path(project.clip(clip.id))


def test_stream_choice_at_import_and_afterwards(tmp_path):
    first, second = signal(1.5, 48000, 220, 1), signal(1.0, 48000, 660, 2)
    path = write_media(
        tmp_path / "two.mkv", [AudioTrack(first, 48000), AudioTrack(second, 48000, "libopus")]
    )
    with Project.create(tmp_path / "p1") as project:
        clip = import_paths(project, [path], stream=1).added[0]
        assert clip.stream == 1 and abs(clip.frames - len(second)) <= 960
        assert best_lag(second, read_audio(samples_path(clip))[0], 64)[1] > 0.99
        bad = import_paths(project, [path], stream=3)
        assert dict(bad.rejected)[str(path)] == "has no audio stream 3: it holds 2 (0 to 1)"
        assert project.clip(clip.id).stream == 1
    with Project.create(tmp_path / "p2") as project:
        clip = import_paths(project, [path]).added[0]
        assert clip.stream == 0 and abs(clip.frames - len(first)) <= 1024
        key = clip.audio_key
        project.set_edits(clip.id, [{"op": "gain", "db": -6.0}])
        # What the Dataset tab's stream choice does: import the same file with another stream.
        report = import_paths(project, [clip.path], stream=1)
        assert report.notes == [(str(path.resolve()), "now uses audio stream 1")]
        switched = project.clip(clip.id)
        assert switched.stream == 1 and switched.audio_key != key
        assert abs(switched.frames - len(second)) <= 960 and switched.note == ""
        assert switched.edits == [{"op": "gain", "db": -6.0}]
        assert best_lag(second, read_audio(samples_path(switched))[0], 64)[1] > 0.99


def test_a_stream_the_file_lacks_is_a_reason(tmp_path):
    wav = tmp_path / "a.wav"
    sf.write(str(wav), signal(1.0, 16000), 16000)
    mkv = write_media(tmp_path / "one.mkv", [AudioTrack(signal(1.0, 16000), 16000)])
    with Project.create(tmp_path / "proj") as project:
        reasons = dict(import_paths(project, [wav, mkv], stream=1).rejected)
    assert reasons[str(wav)] == reasons[str(mkv)] == "has no audio stream 1: it holds 1"


def test_sources_unchanged_by_import_edits_training_and_export(tmp_path):
    """Voices in .mp4 (with video), .m4a and .webm train a tiny model next to a noise .mka;
    the sources' bytes are the same at the end."""
    from core.dataset.export import ExportOptions, export_clips
    from core.train.trainer import Trainer
    from tests.support.training import SR, synthetic_voice, tiny_config

    folder = tmp_path / "audio"
    sources = []
    for i in range(8):
        voice = synthetic_voice(2.0, i)
        name, kw = [
            ("mp4", {"video_seconds": 2.0}),
            ("m4a", {}),
            ("webm", {}),
        ][i % 3]
        codec = "libopus" if name == "webm" else "aac"
        rate = 48000 if name == "webm" else SR
        if rate != SR:
            from core.audio.io import resample

            voice = resample(voice, SR, rate)
        sources.append(
            write_media(
                folder / "clean" / f"voice_{i}.{name}", [AudioTrack(voice, rate, codec)], **kw
            )
        )
    hum = signal(3.0, SR, 60, 9)
    sources.append(write_media(folder / "noise" / "room.mka", [AudioTrack(hum, SR)]))
    before = {p: content_hash(p) for p in sources}
    with Project.create(tmp_path / "proj") as project:
        report = import_paths(project, [folder])
        assert len(report.added) == len(sources), report.rejected
        first = project.clips(role="clean")[0]
        project.set_edits(first.id, [{"op": "trim", "start": 800, "end": 12000}])
        exported = export_clips(project.clips(), tmp_path / "out", ExportOptions())
        assert len(exported.written) == len(sources) and not exported.failed
        config = tiny_config(**{"run.epochs": 1, "data.noise.kinds": ("white", "project")})
        finished = Trainer(project, config, project.runs_dir / "media").run()
        assert finished.status == "completed", finished.message
    assert {p: content_hash(p) for p in sources} == before


ASTERISK = "/usr/share/asterisk/sounds/en_US_f_Allison/agent-pass.g722"


@pytest.mark.skipif(not os.path.exists(ASTERISK), reason="asterisk-core-sounds-en-g722 missing")
def test_real_asterisk_prompt_imports_as_16k_flac(tmp_path):
    with Project.create(tmp_path / "proj") as project:
        (clip,) = import_paths(project, [ASTERISK]).added
        assert (clip.sample_rate, clip.channels) == (16000, 1)
        assert clip.frames == 2 * os.path.getsize(ASTERISK)  # 64 kbit/s: 2 samples a byte
        copy = samples_path(clip)
        assert sf.info(copy).format == "FLAC"
        np.testing.assert_array_equal(read_audio(copy)[0], decoder.read(ASTERISK)[0])
