"""gui.widgets.buffer_playback: the one "make the Player on first play, load, play, say why
not" of the Dataset tab's clip player, the classify results' windows and the Listen tab's
detections. The player is made once, on the first play; a player that cannot open its
device is said, not raised; stop and close survive a device that went away."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from core.listen import playback
from gui.dataset.clip_player import ClipPlayer
from gui.listen.classify_view import ClassifyView
from gui.training.class_results import ClassResults
from gui.training.samples_list import SamplesList
from gui.widgets.buffer_playback import BufferPlayback


class Recorder:
    """Stands in for core.listen.playback.Player: what was loaded, looped and played."""

    made = 0

    def __init__(self, device=None) -> None:
        Recorder.made += 1
        self.device = device
        self.calls: list[tuple] = []

    def load(self, audio, sr) -> None:
        self.calls.append(("load", len(audio), sr))

    def set_loop(self, start, end) -> None:
        self.calls.append(("loop", start, end))

    def play(self, start=None) -> None:
        self.calls.append(("play", start))

    def stop(self) -> None:
        raise OSError("device gone")

    def close(self) -> None:
        raise OSError("device gone")


class View(BufferPlayback, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.player = None
        self.said: list[str] = []


@pytest.fixture
def view(qtbot, monkeypatch):
    monkeypatch.setattr(playback, "Player", Recorder)
    Recorder.made = 0
    v = View()
    qtbot.addWidget(v)
    return v


def test_the_player_is_made_on_the_first_play_and_kept(view):
    assert view.player is None and Recorder.made == 0  # nothing opened before a play
    audio = np.zeros(800, dtype=np.float32)
    assert view.play_buffer(audio, 8000, view.said.append)
    assert view.play_buffer(audio[:400], 8000, view.said.append, loop=True)
    assert Recorder.made == 1 and view.said == []
    assert view.player.calls == [
        ("load", 800, 8000), ("play", 0),
        ("load", 400, 8000), ("loop", 0, 400), ("play", 0),
    ]  # fmt: skip
    view.stop_player()  # the device went away: logged, not raised
    view.close_player()
    assert view.player is None
    assert view.play_buffer(audio, 8000, view.said.append) and Recorder.made == 2
    assert view.player.device is None  # the default output


def test_a_device_is_used_when_the_player_is_made(view):
    assert view.play_buffer(np.zeros(80, np.float32), 8000, view.said.append, device="pulse")
    assert view.player.device == "pulse"


def test_a_player_that_cannot_play_is_said_not_raised(qtbot):
    v = View()
    qtbot.addWidget(v)
    v.player = playback.Player(device="no such device wavesmith")  # as the tests set theirs
    assert not v.play_buffer(np.zeros(800, dtype=np.float32), 8000, v.said.append)
    (said,) = v.said
    assert said.startswith("Playback unavailable: ") and "no such device wavesmith" in said
    # A view that names what it was to play words it itself.
    assert not v.play_buffer(np.zeros(80, np.float32), 8000, v.said.append,
                             failed=lambda exc: f"cannot play take.wav: {exc}")  # fmt: skip
    assert v.said[-1].startswith("cannot play take.wav: ") and len(v.said) == 2


def test_every_view_that_plays_a_buffer_plays_through_it():
    for view in (ClipPlayer, ClassResults, ClassifyView, SamplesList):
        assert issubclass(view, BufferPlayback), view
