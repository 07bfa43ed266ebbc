"""`wavesmith add` on what FFmpeg decodes: formats in --help, folders searched recursively,
notes, warnings and reasons per file, --stream."""

from __future__ import annotations

import pytest

from cli.main import run_cli
from core.audio.formats import AUDIO_EXTENSIONS
from tests.support.mediagen import AudioTrack, encode, signal, truncate, video_only, write_media


def test_help_lists_the_formats(capsys):
    with pytest.raises(SystemExit):
        run_cli(["add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for ext in AUDIO_EXTENSIONS:
        assert f" {ext.lstrip('.')}" in text, ext
    assert "--stream N" in text


def test_add_a_folder_of_media_recursively(tmp_path, capsys):
    folder = tmp_path / "downloads"
    deep = encode(folder / "talks" / "2024" / "keynote.m4a", signal(1.0, 16000), 16000)
    two = write_media(
        folder / "two.mkv",
        [AudioTrack(signal(1.0, 48000), 48000), AudioTrack(signal(1.0, 48000, 660), 48000)],
    )
    half = encode(
        folder / "half.m4a", signal(8.0, 16000), 16000, container_options={"movflags": "faststart"}
    )
    truncate(half, 0.6)
    cut = truncate(encode(tmp_path / "c.m4a", signal(2.0, 16000), 16000), 0.5, folder / "cut.m4a")
    screen = video_only(folder / "screen.mp4")
    assert run_cli(["new", str(tmp_path / "proj")]) == 0
    assert run_cli(["add", str(tmp_path / "proj"), str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"added    {deep}" in out and f"added    {two}" in out and f"added    {half}" in out
    assert f"note     {two}: imported audio stream 0 (aac" in out
    assert "2 audio streams, the others: 1: aac" in out
    assert f"warning  {half}: damaged: decoded" in out
    assert f"rejected {cut}: not a readable media file: truncated or corrupt container" in out
    assert f"rejected {screen}: no audio stream (a video" in out
    assert "added 3, skipped 0, rejected 2, 1 damaged (kept what decoded)" in out

    assert run_cli(["add", str(tmp_path / "proj"), str(two), "--stream", "1"]) == 0
    assert f"note     {two}: now uses audio stream 1" in capsys.readouterr().out
    assert run_cli(["add", str(tmp_path / "proj"), str(two), "--stream", "-1"]) == 2
