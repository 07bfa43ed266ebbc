"""The A/B player through a real PulseAudio null sink, recorded on the sink's monitor."""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from core.listen.output_devices import list_output_devices
from core.listen.playback import Player

SR = 48000


def _signals(seconds: float):
    """Two different, non-periodic signals, so alignment against each is unambiguous."""
    n = int(seconds * SR)
    rng = np.random.default_rng(7)
    t = np.arange(n) / SR
    a = 0.3 * np.sin(2 * np.pi * (300 + 200 * t) * t) + 0.05 * rng.standard_normal(n)
    b = 0.3 * np.sin(2 * np.pi * 1700 * t) * np.sin(2 * np.pi * 3 * t) + 0.05 * rng.standard_normal(
        n
    )
    a = np.stack([a, -a], axis=1).astype(np.float32)  # channels differ, so a swap would show
    b = np.stack([b, 0.5 * b], axis=1).astype(np.float32)
    return a, b


def _wait_until(cond, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the player")
        time.sleep(0.005)  # polling a condition, not synchronising on a delay


def _find_offset(rec: np.ndarray, ref: np.ndarray, probe: int) -> int:
    """Where ref[probe:probe+L] occurs in the recording (exact sample, via FFT xcorr)."""
    from scipy.signal import correlate

    seg = ref[probe : probe + 4800, 0]
    corr = correlate(rec[:, 0], seg, mode="valid", method="fft")
    return int(np.argmax(corr)) - probe


def test_lists_pulse_as_an_output(pulse_server):
    names = [d.name for d in list_output_devices(refresh=True)]
    assert "pulse" in names


def test_switch_mid_play_is_aligned_gapless_and_crossfaded(pulse_server, tmp_path):
    a, b = _signals(3.0)
    player = Player(device="pulse", crossfade_ms=8.0, latency=0.1)
    player.load(a, SR, b)
    rec_path = tmp_path / "monitor.wav"
    rec = pulse_server.record(rec_path, rate=SR, channels=2)
    try:
        # parec is connected once the silent monitor starts filling its file.
        _wait_until(lambda: rec_path.exists() and rec_path.stat().st_size > 48000, 10)
        player.play()
        _wait_until(lambda: player.position > int(1.2 * SR), 10)
        player.select("B")
        _wait_until(lambda: not player.is_playing, 10)
        # Everything played has reached the monitor once the file holds 0.5 s beyond it.
        size = rec_path.stat().st_size
        _wait_until(lambda: rec_path.stat().st_size > size + 0.5 * SR * 8, 10)
    finally:
        pulse_server.stop_recording(rec)
        player.close()
    assert player.error is None
    switch_at, src = player.switch_frames[-1]
    assert src == "B" and SR < switch_at < 2 * SR

    captured, rate = sf.read(rec_path, dtype="float32", always_2d=True)
    assert rate == SR
    off = _find_offset(captured, a, probe=SR // 2)
    assert off >= 0, "playback start not found in the recording"
    n = a.shape[0]
    assert captured.shape[0] >= off + n, "recording ended before playback did"
    played = captured[off : off + n]

    fade = int(0.008 * SR)
    # Before the switch the sink got A exactly, after the crossfade B exactly, on one
    # timeline: any dropped or repeated block would misalign everything after it.
    before = slice(int(0.05 * SR), switch_at)
    after = slice(switch_at + fade, n)
    np.testing.assert_allclose(played[before], a[before], atol=2e-3)
    np.testing.assert_allclose(played[after], b[after], atol=2e-3)
    # The crossfade itself is an equal-power mix of the two at the same position.
    t = (np.arange(fade) + 1) / fade
    mix = a[switch_at : switch_at + fade] * np.cos(t * np.pi / 2)[:, None]
    mix += b[switch_at : switch_at + fade] * np.sin(t * np.pi / 2)[:, None]
    np.testing.assert_allclose(played[switch_at : switch_at + fade], mix, atol=2e-3)
    # No gap: no run of zeros inside the played span. (The first ~10 ms can be lost to
    # the PulseAudio stream's start-up, before anything the player controls.)
    silent = np.all(np.abs(played[int(0.02 * SR) :]) < 1e-6, axis=1)
    assert not np.any(np.convolve(silent, np.ones(32), "valid") >= 32)
    # No click: the largest sample-to-sample step is no bigger than in the sources.
    step = np.max(np.abs(np.diff(played[int(0.05 * SR) :], axis=0)))  # past the start-up
    assert step <= max(np.max(np.abs(np.diff(a, axis=0))), np.max(np.abs(np.diff(b, axis=0))))
    assert player.underflows == 0


def test_unknown_device_gives_a_clear_error(pulse_server):
    from core.listen.output_devices import PlaybackUnavailable

    player = Player(device="no such speaker")
    player.load(np.zeros((100, 1), np.float32), SR)
    with pytest.raises(PlaybackUnavailable, match="no such speaker"):
        player.play()
    assert player.error and "no such speaker" in player.error


def test_a_stalled_device_is_reported_and_playback_stops(pulse_server):
    """A suspended sink stops pulling audio, as a vanished ALSA device does."""
    import subprocess

    player = Player(device="pulse", latency=0.05)
    player.load(_signals(5.0)[0], SR)
    player.play()
    _wait_until(lambda: player.position > SR // 4, 10)
    subprocess.run(["pactl", "suspend-sink", pulse_server.sink, "1"], check=True)
    try:
        _wait_until(lambda: player.check() is not None, 10)
        assert "stopped taking audio" in player.error and not player.is_playing
    finally:
        subprocess.run(["pactl", "suspend-sink", pulse_server.sink, "0"], check=True)
    player.play()  # the device is back: playing again works and clears the error
    assert player.error is None and player.is_playing
    _wait_until(lambda: player.position > SR // 2, 10)
    player.close()
