"""core.audio.decode: what FFmpeg (PyAV) decodes for the app, on fixtures PyAV encodes here."""

from __future__ import annotations

import glob
import os
import threading

import numpy as np
import pytest

from core.audio import decode as decoder
from core.audio import media_probe
from core.audio.io import AudioReadError, probe, read_audio
from tests.support.mediagen import (
    AudioTrack,
    add_video_frames,
    add_video_stream,
    can_encode,
    empty_audio_stream,
    encode,
    raw_gsm,
    truncate,
    unknown_codec_wav,
    video_only,
    write_media,
)


def signal(seconds: float, rate: int, freq: float = 440.0, seed: int = 0) -> np.ndarray:
    """A rising tone with a little noise: correlates only when aligned."""
    t = np.arange(int(round(seconds * rate))) / rate
    rng = np.random.default_rng(seed)
    x = 0.3 * np.sin(2 * np.pi * freq * t * (1 + 0.5 * t)) + 0.03 * rng.standard_normal(len(t))
    return x.astype(np.float32)[:, None]


def best_lag(x: np.ndarray, y: np.ndarray, max_lag: int) -> tuple[int, float]:
    """The lag of y against x (positive: y late) and the correlation there."""
    a, b = x[:, 0].astype(np.float64), y[:, 0].astype(np.float64)
    best = (0, -1.0)
    for lag in range(-max_lag, max_lag + 1):
        xa = a[max(0, -lag) :]
        yb = b[max(0, lag) :]
        n = min(len(xa), len(yb))
        c = float(np.corrcoef(xa[:n], yb[:n])[0, 1])
        if c > best[1]:
            best = (lag, c)
    return best


# name, codec, rate, container, codec frame (samples), lowest correlation accepted.
# AMR-NB at 12.2 kbit/s is a narrow-band speech codec: a tone with noise comes back at ~0.9.
CASES = [
    ("aac.m4a", "aac", 16000, "mp4", 1024, 0.99),
    ("opus.webm", "libopus", 48000, "webm", 960, 0.99),
    ("amrnb.amr", "libopencore_amrnb", 8000, "amr", 160, 0.85),
    ("amrnb.3gp", "libopencore_amrnb", 8000, "3gp", 160, 0.85),
    ("prompt.g722", "g722", 16000, "g722", 1024, 0.99),
    ("aac.mkv", "aac", 48000, "matroska", 1024, 0.99),
]


@pytest.mark.parametrize(("name", "codec", "rate", "container", "frame", "min_corr"), CASES)
def test_each_format_decodes_to_the_encoded_signal(
    tmp_path, name, codec, rate, container, frame, min_corr
):
    if not can_encode(codec):
        pytest.skip(f"the av wheel's FFmpeg has no {codec} encoder")
    x = signal(2.0, rate)
    path = encode(tmp_path / name, x, rate, codec, container=container)
    y, sr = decoder.read(path)
    assert sr == rate and y.dtype == np.float32 and y.shape[1] == 1
    assert abs(len(y) - len(x)) <= frame, f"{len(y)} frames decoded for {len(x)} encoded"
    lag, corr = best_lag(x[:rate], y[: rate + 400], 200)
    # Encoder delay is removed by the container (edit list, pre-skip) or left as a small
    # reported lag: raw AMR keeps its 40-sample delay.
    assert abs(lag) <= 64, f"lag {lag}"
    assert corr > min_corr, f"correlation {corr:.3f} at lag {lag}"


def test_gsm_decodes(tmp_path):
    # No GSM encoder in the av wheel: libsndfile writes the raw 33-byte frames.
    assert not can_encode("gsm")
    x = signal(2.0, 8000)
    y, sr = decoder.read(raw_gsm(tmp_path / "prompt.gsm", x))
    assert sr == 8000 and abs(len(y) - len(x)) <= 160
    lag, corr = best_lag(x, y, 50)
    assert lag == 0 and corr > 0.95


def test_video_soundtrack_is_found_and_listed(tmp_path):
    x = signal(2.0, 16000)
    path = write_media(tmp_path / "clip.mp4", [AudioTrack(x, 16000)], video_seconds=2.0)
    info = media_probe.probe(path)
    assert info.is_video and info.video == ("mpeg4",)
    assert len(info.audio) == 1 and info.audio[0].codec == "aac"
    y, _ = decoder.read(path)
    assert abs(len(y) - len(x)) <= 1024 and best_lag(x, y, 64)[1] > 0.99


def test_several_audio_streams_are_listed_and_each_can_be_read(tmp_path):
    low, high = signal(1.5, 48000, 220, 1), signal(2.0, 48000, 880, 2)
    path = write_media(
        tmp_path / "two.mkv",
        [
            AudioTrack(low, 48000, "aac", metadata={"language": "eng", "title": "Dialogue"}),
            AudioTrack(np.repeat(high, 2, axis=1), 48000, "libopus", metadata={"title": "Room"}),
        ],
    )
    info = media_probe.probe(path)
    assert [s.codec for s in info.audio] == ["aac", "opus"]
    assert [s.channels for s in info.audio] == [1, 2]
    assert info.audio[0].language == "eng" and info.audio[0].title == "Dialogue"
    assert 'eng "Dialogue"' in info.audio[0].describe()
    first, _ = decoder.read(path)
    second, _ = decoder.read(path, stream=1)
    assert abs(len(first) - len(low)) <= 1024 and abs(len(second) - len(high)) <= 960
    assert best_lag(low, first, 64)[1] > 0.99
    assert best_lag(high, second[:, :1], 64)[1] > 0.99
    with pytest.raises(media_probe.DecodeError, match="no audio stream 2: it holds 2"):
        decoder.read(path, stream=2)


@pytest.mark.parametrize(
    ("name", "codec", "rate"), [("a.m4a", "aac", 16000), ("a.webm", "libopus", 48000)]
)
def test_ranged_read_matches_the_full_decode(tmp_path, name, codec, rate):
    path = encode(tmp_path / name, signal(4.0, rate), rate, codec)
    full, _ = decoder.read(path)
    for start in (0, 700, int(1.3 * rate), int(3.1 * rate)):  # the last two seek
        part, _ = decoder.read(path, start, start + 5000)
        np.testing.assert_array_equal(part, full[start : start + 5000])


def test_blocks_stream_the_same_samples_as_a_whole_read(tmp_path):
    path = encode(tmp_path / "a.m4a", signal(3.0, 16000), 16000)
    whole, _ = decoder.read(path)
    with decoder.open_audio(path) as dec:
        blocks = list(dec.blocks(4096))
        assert dec.damage is None and dec.frames_read == len(whole)
    assert all(len(b) == 4096 for b in blocks[:-1])
    np.testing.assert_array_equal(np.concatenate(blocks), whole)


def test_int16_decoders_hand_over_their_integers(tmp_path):
    path = encode(tmp_path / "p.g722", signal(1.0, 16000), 16000, "g722", container="g722")
    with decoder.open_audio(path) as dec:
        assert dec.integer16
        ints = np.concatenate(list(dec.blocks(4096, dtype="int16")))
    floats, _ = decoder.read(path)
    assert ints.dtype == np.int16
    np.testing.assert_array_equal(ints.astype(np.float32) / 32768, floats)
    with decoder.open_audio(encode(tmp_path / "a.m4a", signal(1.0, 16000), 16000)) as dec:
        assert not dec.integer16


def test_truncated_m4a_without_its_index_is_refused_with_a_reason(tmp_path):
    path = encode(tmp_path / "cut.m4a", signal(3.0, 16000), 16000)
    truncate(path, 0.5)  # the moov index sits at the end: it is gone
    with pytest.raises(
        media_probe.DecodeError, match=r"cut\.m4a: .*truncated or corrupt container"
    ):
        media_probe.probe(path)


def test_half_damaged_container_keeps_what_decoded_and_says_how_much(tmp_path):
    x = signal(10.0, 16000)
    path = encode(tmp_path / "fast.m4a", x, 16000, container_options={"movflags": "faststart"})
    truncate(path, 0.6)  # index first, then the audio: the second part of the audio is lost
    with decoder.open_audio(path) as dec:
        kept = np.concatenate(list(dec.blocks()))
        damage = dec.damage
    assert 0.4 * len(x) < len(kept) < 0.75 * len(x)
    seconds = len(kept) / 16000
    assert damage is not None and f"decoded {seconds:.1f} s of the 10.0 s" in damage
    assert "kept what decoded" in damage
    assert best_lag(x[: len(kept)], kept, 8)[1] > 0.99


def test_stream_of_garbage_packets_is_corrupt_audio(tmp_path):
    import av

    seed = encode(tmp_path / "seed.m4a", signal(2.0, 16000), 16000)
    path = tmp_path / "junk.m4a"
    rng = np.random.default_rng(0)
    with av.open(str(seed)) as src, av.open(str(path), "w", format="mp4") as out:
        st = src.streams.audio[0]
        o = out.add_stream_from_template(st)
        for p in src.demux(st):
            if p.size:
                q = av.Packet(rng.bytes(p.size))
                q.stream, q.pts, q.dts, q.duration = o, p.pts, p.dts, p.duration
                q.time_base = st.time_base
                out.mux(q)
    with pytest.raises(
        media_probe.DecodeError, match="corrupt audio data: the aac decoder rejected"
    ):
        decoder.read(path)


@pytest.mark.parametrize(
    ("name", "magic"),
    [("x.ogg", b"OggS"), ("x.mp3", b"ID3"), ("x.flac", b"fLaC"), ("x.webm", b""), ("x.wav", b"")],
)
def test_random_bytes_behind_a_magic_number_are_called_unreadable(tmp_path, name, magic):
    # Random bytes drive FFmpeg down different paths (EOF while probing "OggS", a CRC
    # error, an EBML failure repeated): whichever, the user reads that the file is not
    # readable media, without FFmpeg's "(repeated 3 more times)" bookkeeping.
    reasons = set()
    for seed in range(40):
        path = tmp_path / f"{seed}{name}"
        path.write_bytes(magic + np.random.default_rng(seed).bytes(3000))
        with pytest.raises(media_probe.DecodeError) as caught:
            decoder.read(path)
        reason = caught.value.reason
        assert reason.startswith(("not a readable media file", "not a readable audio file")), reason
        assert "repeated" not in reason, reason
        reasons.add(reason.split(" (")[0])
    assert reasons


def test_video_without_audio_names_the_missing_stream(tmp_path):
    path = video_only(tmp_path / "silent.mp4")
    with pytest.raises(
        media_probe.DecodeError, match=r"no audio stream \(a video with 1 video stream"
    ):
        decoder.read(path)


def test_zero_length_audio_stream(tmp_path):
    path = empty_audio_stream(tmp_path / "empty.mkv")
    with pytest.raises(media_probe.DecodeError, match="zero-length stream"):
        decoder.read(path)


def test_unsupported_codec(tmp_path):
    path = unknown_codec_wav(tmp_path / "odd.wav")
    with pytest.raises(AudioReadError, match="unsupported codec"):
        probe(path)
    with pytest.raises(media_probe.DecodeError, match="unsupported codec"):
        decoder.read(path)


def test_fifo_and_empty_files_are_refused_before_opening(tmp_path):
    fifo = tmp_path / "stream.m4a"
    os.mkfifo(fifo)
    done = []

    def attempt():
        for call in (media_probe.probe, decoder.read, probe, read_audio):
            with pytest.raises(AudioReadError, match="not a regular file") as err:
                call(fifo)
            done.append(err.value.reason)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # an open is blocked on the FIFO: give it a writer, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
    assert len(done) == 4, "opening a FIFO blocked"
    (tmp_path / "empty.webm").write_bytes(b"")
    with pytest.raises(AudioReadError, match="zero-length file"):
        media_probe.probe(tmp_path / "empty.webm")


def test_video_frames_are_never_decoded(tmp_path, caplog):
    """After two real frames the mp4's video packets are garbage: decoding them would make
    the mpeg4 decoder complain in FFmpeg's log. Reading the audio leaves the log without
    a word from it."""
    import logging
    from fractions import Fraction

    import av
    import av.logging

    x = signal(2.0, 16000)
    path = tmp_path / "junkvideo.mp4"
    out = av.open(str(path), "w")
    a = out.add_stream("aac", rate=16000, layout="mono")
    v = add_video_stream(out)
    rng = np.random.default_rng(0)
    add_video_frames(out, v, 2)  # real frames: the header gets the stream's parameters
    for i in range(2, 10):
        packet = av.Packet(rng.bytes(400))
        packet.stream, packet.pts, packet.dts = v, i, i
        packet.time_base = Fraction(1, 5)  # the encoder's time base (the stream's differs)
        packet.is_keyframe = True
        out.mux(packet)
    for pos in range(0, len(x), 1024):
        frame = av.AudioFrame.from_ndarray(
            x[pos : pos + 1024].T.copy(), format="fltp", layout="mono"
        )
        frame.sample_rate, frame.pts = 16000, pos
        for p in a.encode(frame):
            out.mux(p)
    for p in a.encode(None):
        out.mux(p)
    out.close()

    av.logging.set_level(av.logging.ERROR)
    caplog.set_level(logging.DEBUG, logger="libav")
    y, _ = decoder.read(path)
    assert best_lag(x, y, 64)[1] > 0.99
    assert not [r for r in caplog.records if "mpeg4" in r.name], caplog.text
    # The same packets through a video decoder do make it complain: the check can fail.
    with av.open(str(path)) as c:
        for packet in c.demux(c.streams.video[0]):
            try:
                packet.decode()
            except av.error.FFmpegError:
                pass
    assert [r for r in caplog.records if "mpeg4" in r.name]


def test_headerless_g722_needs_and_gets_a_format_hint(tmp_path):
    assert media_probe.format_hint("x.G722") == ("g722", {})
    # A raw G.722 file under a name without the hint is not recognised by its bytes.
    path = encode(tmp_path / "p.g722", signal(1.0, 16000), 16000, "g722", container="g722")
    renamed = path.rename(tmp_path / "p.bin")
    with pytest.raises(AudioReadError):
        decoder.read(renamed)


ASTERISK = sorted(glob.glob("/usr/share/asterisk/sounds/en_US_f_Allison/*.g722"))


@pytest.mark.skipif(not ASTERISK, reason="asterisk-core-sounds-en-g722 not installed")
def test_real_asterisk_g722_prompt():
    path = next(p for p in ASTERISK if p.endswith("/agent-pass.g722"))
    info = probe(path)
    assert (info.sample_rate, info.channels, info.decoder) == (16000, 1, "ffmpeg")
    audio, sr = read_audio(path)
    # G.722 is 64 kbit/s: one byte holds two 16 kHz samples.
    assert sr == 16000 and len(audio) == 2 * os.path.getsize(path)
    rms = float(np.sqrt(np.mean(audio**2)))
    assert 0.01 < rms < 0.5, rms  # speech, neither silence nor noise at full scale


def test_audio_io_routes_only_what_libsndfile_cannot_read(tmp_path):
    from core.audio.io import write_audio

    x = signal(1.0, 16000)
    wav = write_audio(tmp_path / "a.wav", x, 16000, "FLOAT")
    assert probe(wav).decoder == "sndfile"
    m4a = encode(tmp_path / "a.m4a", x, 16000)
    info = probe(m4a)
    assert (info.decoder, info.format, info.subtype, info.sample_rate) == (
        "ffmpeg",
        "MOV",
        "AAC",
        16000,
    )
    assert abs(info.frames - 16000) <= 1024
    y, sr = read_audio(m4a)
    assert sr == 16000 and best_lag(x, y, 64)[1] > 0.99
