"""Audio output devices through sounddevice (PortAudio): which can play, and a rescan for one
plugged in later. PortAudio is imported lazily, so a machine without it still starts and says
why nothing plays."""

from __future__ import annotations

import weakref
from dataclasses import dataclass


class PlaybackUnavailable(Exception):
    """Audio output cannot be used; the message says why in words a user can act on."""


def load_sounddevice():
    """Import sounddevice lazily: it raises OSError at import when PortAudio is missing."""
    try:
        import sounddevice as sd
    except (OSError, ImportError) as exc:
        raise PlaybackUnavailable(
            "the PortAudio library was not found, so nothing can be played "
            "(install it: apt-get install libportaudio2, or brew install portaudio)"
        ) from exc
    return sd


@dataclass(frozen=True)
class OutputDevice:
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


# Players holding an open stream: PortAudio can only rescan devices when there are none.
open_players: weakref.WeakSet = weakref.WeakSet()


def refresh_devices() -> bool:
    """Rescan audio devices (PortAudio lists them once, at start-up), so a device plugged
    in or a sound server started later can be found. Skipped while any Player holds a
    stream, since re-initialising PortAudio would close it; returns whether it rescanned."""
    sd = load_sounddevice()
    if len(open_players):
        return False
    sd._terminate()
    sd._initialize()
    return True


def list_output_devices(refresh: bool = False) -> list[OutputDevice]:
    """Devices that can play, the default one marked; raises PlaybackUnavailable."""
    sd = load_sounddevice()
    if refresh:
        refresh_devices()
    try:
        devices = sd.query_devices()
        default_out = sd.default.device[1]
    except sd.PortAudioError as exc:
        raise PlaybackUnavailable(f"cannot list audio devices: {exc}") from exc
    out = []
    for i, dev in enumerate(devices):
        if dev["max_output_channels"] > 0:
            out.append(
                OutputDevice(
                    index=i,
                    name=str(dev["name"]),
                    channels=int(dev["max_output_channels"]),
                    default_samplerate=float(dev["default_samplerate"]),
                    is_default=(i == default_out),
                )
            )
    return out
