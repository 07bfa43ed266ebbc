"""Audio output devices through sounddevice (PortAudio): which can play, and a rescan for one
plugged in later. PortAudio is imported lazily, so a machine without it still starts and says
why nothing plays."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message


class PlaybackUnavailable(Exception):
    """Audio output cannot be used; the message says why in words a user can act on (a
    core Message: the GUI shows it in its reader's language)."""


def said(template: str, **args) -> Message:
    """Playback's words (context Playback), for the errors here and in core.listen.playback."""
    return Message("Playback", template, **args)


OPEN_FAILED = QT_TRANSLATE_NOOP("Playback", "cannot open the output device {device}{hint}: {text}")
START_FAILED = QT_TRANSLATE_NOOP("Playback", "cannot start playback on {device}{hint}: {text}")


def device_failure(exc: Exception, what: str, device, channels: int, rate: int) -> Message:
    """Why an output device refused (`what`: OPEN_FAILED or START_FAILED), with a hint from
    PortAudio's words when it gives one."""
    text = str(exc).strip() or type(exc).__name__
    lowered = text.lower()
    where = (
        said(QT_TRANSLATE_NOOP("Playback", "the default output"))
        if device is None
        else f"{device!r}"
    )
    if "busy" in lowered or "unanticipated host error" in lowered:
        hint = said(QT_TRANSLATE_NOOP("Playback", " (it may be busy: another program has it open)"))
    elif any(
        k in lowered for k in ("no device", "invalid device", "error querying", "no output device")
    ):
        hint = said(QT_TRANSLATE_NOOP("Playback", " (it is not connected, or no longer exists)"))
    elif "invalid number of channels" in lowered:
        hint = said(QT_TRANSLATE_NOOP("Playback", " (it cannot play {n} channels)"), n=channels)
    elif "sample rate" in lowered:
        hint = said(QT_TRANSLATE_NOOP("Playback", " (it cannot play at {rate} Hz)"), rate=rate)
    else:
        hint = ""
    return said(what, device=where, hint=hint, text=text)


def load_sounddevice():
    """Import sounddevice lazily: it raises OSError at import when PortAudio is missing."""
    try:
        import sounddevice as sd
    except (OSError, ImportError) as exc:
        raise PlaybackUnavailable(
            said(QT_TRANSLATE_NOOP("Playback", "the PortAudio library was not found, so nothing can be played (install "
                   "it: apt-get install libportaudio2, or brew install portaudio)"))
        ) from exc  # fmt: skip
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
        raise PlaybackUnavailable(
            said(QT_TRANSLATE_NOOP("Playback", "cannot list audio devices: {exc}"), exc=str(exc))
        ) from exc
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
