"""A real PulseAudio server with a null sink, for tests that check what reaches the speakers.

The server is started by the test run (not by CI) so the tests work the same on a
developer's machine that has pulseaudio installed. Recording uses `parec` on the sink's
monitor, so the captured samples are exactly what PortAudio delivered.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SINK = "wstest"


@dataclass
class PulseServer:
    runtime_dir: Path
    sink: str = SINK

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    def record(self, path: Path, rate: int = 48000, channels: int = 2) -> subprocess.Popen:
        """Start recording the sink's monitor to a WAV file; stop with stop_recording()."""
        return subprocess.Popen(
            [
                "parec",
                "-d",
                self.monitor,
                "--file-format=wav",
                f"--rate={rate}",
                f"--channels={channels}",
                "--format=float32le",
                "--latency-msec=10",
                str(path),
            ],
            env=os.environ.copy(),
        )

    @staticmethod
    def stop_recording(proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def pulse_available() -> str | None:
    """None when a server can be started here; otherwise why not."""
    for tool in ("pulseaudio", "parec", "pactl"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install pulseaudio pulseaudio-utils)"
    return None


def start_pulse(runtime_dir: Path) -> PulseServer:
    """Start a private server whose socket lives in runtime_dir."""
    runtime_dir.mkdir(parents=True, exist_ok=True)
    env = os.environ
    env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    env["PULSE_RUNTIME_PATH"] = str(runtime_dir / "pulse")
    env["PULSE_SERVER"] = f"unix:{runtime_dir / 'pulse' / 'native'}"
    # PortAudio reaches the server through ALSA's "pulse" device (libasound2-plugins),
    # which reads PULSE_SERVER when a stream opens.
    args = [
        "pulseaudio",
        "-D",
        "--exit-idle-time=-1",
        "-n",
        "--disallow-exit",
        "--use-pid-file=yes",
        f"--load=module-null-sink sink_name={SINK} rate=48000 channels=2",
        "--load=module-native-protocol-unix",
        "--log-target=stderr",
    ]
    if os.geteuid() == 0:
        args.insert(1, "--system=false")
    subprocess.run(args, check=True, capture_output=True, timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError("pulseaudio did not come up")
    subprocess.run(["pactl", "set-default-sink", SINK], check=True, capture_output=True)
    return PulseServer(runtime_dir)


def stop_pulse(server: PulseServer) -> None:
    subprocess.run(["pulseaudio", "--kill"], capture_output=True, env=os.environ.copy())
