"""The A/B player's rendering (what the callback sends), without a device."""

from __future__ import annotations

import numpy as np
import pytest

from core.listen.ab_mixer import equal_power_gains, loudness_match_gains
from core.listen.playback import Player

SR = 48000


def _pair(n: int = SR):
    rng = np.random.default_rng(0)
    a = (0.2 * rng.standard_normal((n, 2))).astype(np.float32)
    b = (0.05 * rng.standard_normal((n, 1))).astype(np.float32)  # quieter and mono
    return a, b


def _render(player: Player, frames: int, block: int = 256) -> np.ndarray:
    out = []
    for _ in range(0, frames, block):
        out.append(player.next_block(block)[0])
    return np.concatenate(out)[:frames]


def test_equal_power_gains_keep_power():
    g_out, g_in = equal_power_gains(np.linspace(0, 1, 11))
    np.testing.assert_allclose(g_out**2 + g_in**2, 1.0, atol=1e-12)


def test_mono_b_is_matched_to_a_and_positions_are_shared():
    a, b = _pair()
    p = Player(crossfade_ms=5)
    p.load(a, SR, b)
    assert p.channels == 2 and p.frames == SR
    first = _render(p, 1024)
    np.testing.assert_array_equal(first, a[:1024])
    p.select("B")
    fade = int(0.005 * SR)
    out = _render(p, 2048)
    # After the fade B plays at the same position A had reached: nothing skipped.
    np.testing.assert_allclose(out[fade:], np.repeat(b[1024 + fade : 1024 + 2048], 2, 1), atol=1e-6)
    g_out, g_in = equal_power_gains((np.arange(fade) + 1) / fade)
    expect = a[1024 : 1024 + fade] * g_out[:, None] + b[1024 : 1024 + fade] * g_in[:, None]
    np.testing.assert_allclose(out[:fade], expect, atol=1e-6)


def test_difference_loop_and_end():
    a, b = _pair(4096)
    p = Player()
    p.load(a, SR, b)
    p.select("diff")
    p.set_loop(1000, 1500)
    assert p.position == 1000
    out = _render(p, 1024 + 500 * 3)
    body = out[1024:]  # past the fade: three exact passes of A - B over the loop
    loop = a[1000:1500] - b[1000:1500]
    np.testing.assert_allclose(body, np.concatenate([loop[24:], loop, loop, loop[:24]]), atol=1e-6)
    p.set_loop(None)
    p.seek(4000)
    block, at_end = p.next_block(512)
    assert at_end and p.position == 4096
    assert np.all(block[96 + 400 :] == 0)  # silence past the end, never stale samples


def test_loudness_match_turns_the_louder_down():
    a, b = _pair()
    ga, gb = loudness_match_gains(a, np.repeat(b, 2, 1), SR)
    assert gb == 1.0 and ga == pytest.approx(0.25, rel=0.05)  # 12 dB louder
    p = Player()
    p.load(a, SR, b)
    p.set_loudness_match(True)
    assert p.match_gains_db[0] == pytest.approx(-12.0, abs=0.5)
    _render(p, 2048)  # past the crossfade into the matched level
    block, _ = p.next_block(4096)
    peak, rms = p.levels()
    np.testing.assert_allclose(block, a[2048 : 2048 + 4096] * ga, rtol=1e-5, atol=1e-7)
    assert rms[0] == pytest.approx(np.sqrt(np.mean(block[:, 0] ** 2)))
    assert peak[1] == pytest.approx(np.max(np.abs(block[:, 1])))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        Player(crossfade_ms=50)
    p = Player()
    with pytest.raises(ValueError):
        p.load(np.zeros((0, 2)), SR)
    p.load(np.zeros((100, 1)), SR)
    with pytest.raises(ValueError):
        p.select("C")
    with pytest.raises(ValueError):
        p.set_loop(10, 11)


def test_without_portaudio_playing_fails_with_a_clear_message(tmp_path):
    """A machine without PortAudio (sounddevice cannot load): a message, not a crash."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    code = (
        "import sys; sys.modules['sounddevice'] = None\n"  # import fails as without the library
        "import numpy as np\n"
        "from core.listen.output_devices import PlaybackUnavailable, list_output_devices\n"
        "from core.listen.playback import Player\n"
        "p = Player(); p.load(np.zeros((100, 1), np.float32), 48000)\n"
        "for f in (p.play, list_output_devices):\n"
        "    try:\n"
        "        f()\n"
        "    except PlaybackUnavailable as e:\n"
        "        print('MSG', e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    msgs = [line for line in out.stdout.splitlines() if line.startswith("MSG")]
    assert len(msgs) == 2 and all("PortAudio" in m and "libportaudio2" in m for m in msgs)
