"""`wavesmith process` on what FFmpeg decodes: a video in gives its processed soundtrack
out as audio, of the decoded length, and says so."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from cli.main import run_cli
from core.audio import decode as decoder
from tests.core.listen.test_inference_export import passthrough_run
from tests.support.mediagen import AudioTrack, best_lag, encode, signal, video_only, write_media


def test_process_a_video_and_a_webm(tmp_path, capsys):
    run = passthrough_run(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    stereo = np.repeat(signal(2.0, 48000, 300), 2, axis=1)
    video = write_media(folder / "camera.mp4", [AudioTrack(stereo, 48000)], video_seconds=2.0)
    webm = encode(folder / "talk.webm", signal(1.5, 48000, 500), 48000, "libopus")
    silent = video_only(folder / "screen.mp4")
    code = run_cli(["process", str(run), str(folder), "--out", str(tmp_path / "o")])
    out = capsys.readouterr()
    assert code == 1  # the video without audio failed, and was named with its reason
    assert f"{silent}: " in out.err and "no audio stream" in out.err
    assert f"note: {video}: video in: the processed soundtrack is written as audio only" in out.out
    assert f"note: {webm}" not in out.out
    for src, name in ((video, "camera.wav"), (webm, "talk.wav")):
        dry, sr = decoder.read(src)
        info = sf.info(str(tmp_path / "o" / name))
        assert (info.samplerate, info.channels, info.frames) == (sr, dry.shape[1], len(dry))
        wet, _ = sf.read(str(tmp_path / "o" / name), dtype="float32", always_2d=True)
        lag, corr = best_lag(dry, wet, 32)
        assert lag == 0 and corr > 0.99, (name, lag, corr)
