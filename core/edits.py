"""Non-destructive edits: an edit list stored in the index and applied on every read.

An edit list is a JSON list of operations applied in order. Positions are sample indices
on the timeline as it stands after the previous operations (as in an editor where each
action works on what the user currently sees). Operations:

    {"op": "trim", "start": s, "end": e}            keep [s, e)
    {"op": "delete", "start": s, "end": e}          remove [s, e)
    {"op": "silence", "start": s, "end": e}         zero [s, e)
    {"op": "fade_in", "start": s, "end": e, "curve": "linear" | "equal_power"}
    {"op": "fade_out", "start": s, "end": e, "curve": "linear" | "equal_power"}
    {"op": "gain", "db": g, "start": s?, "end": e?}
    {"op": "normalize", "mode": "peak" | "lufs", "target": t, "start": s?, "end": e?}
    {"op": "exclude", "start": s, "end": e}         kept on the timeline, left out of training
    {"op": "include", "start": s, "end": e}         undoes exclusion over [s, e)
    {"op": "delete_silence", "threshold_db": t, "min_duration": seconds, "keep": seconds?}

Every function here is pure: arrays in, arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import dsp

OPS = (
    "trim",
    "delete",
    "silence",
    "fade_in",
    "fade_out",
    "gain",
    "normalize",
    "exclude",
    "include",
    "delete_silence",
)


class EditError(ValueError):
    pass


@dataclass
class Rendered:
    """Audio after the edit list, and a per-sample mask of what training may use."""

    audio: np.ndarray  # (frames, channels) float32
    keep: np.ndarray  # (frames,) bool; False inside excluded regions

    def for_training(self) -> np.ndarray:
        return self.audio[self.keep] if not self.keep.all() else self.audio


def _span(edit: dict, n: int) -> tuple[int, int]:
    start = int(edit.get("start", 0))
    end = int(edit.get("end", n))
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if end < start:
        start, end = end, start
    return start, end


def fade_curve(length: int, curve: str, rising: bool) -> np.ndarray:
    """Gain ramp over `length` samples; equal-power keeps loudness steady in crossfades."""
    if length <= 0:
        return np.zeros(0, dtype=np.float32)
    t = (np.arange(length, dtype=np.float64) + 0.5) / length
    if curve == "linear":
        g = t
    elif curve == "equal_power":
        g = np.sin(t * np.pi / 2)
    else:
        raise EditError(f"unknown fade curve {curve!r}")
    if not rising:
        g = g[::-1]
    return g.astype(np.float32)


def apply_edit(audio: np.ndarray, keep: np.ndarray, edit: dict, sr: int):
    """One operation on (audio, keep); returns new arrays and never mutates the inputs."""
    op = edit.get("op")
    n = audio.shape[0]
    if op not in OPS:
        raise EditError(f"unknown edit operation {op!r}")
    s, e = _span(edit, n)
    if op == "trim":
        return audio[s:e].copy(), keep[s:e].copy()
    if op == "delete":
        return (
            np.concatenate([audio[:s], audio[e:]]),
            np.concatenate([keep[:s], keep[e:]]),
        )
    out = audio.copy()
    if op == "silence":
        out[s:e] = 0.0
        return out, keep
    if op in ("fade_in", "fade_out"):
        g = fade_curve(e - s, edit.get("curve", "linear"), rising=op == "fade_in")
        out[s:e] *= g[:, None]
        return out, keep
    if op == "gain":
        out[s:e] *= np.float32(10 ** (float(edit["db"]) / 20))
        return out, keep
    if op == "normalize":
        segment = audio[s:e]
        mode = edit.get("mode", "peak")
        if mode == "peak":
            level = dsp.peak_dbfs(segment)
        elif mode == "lufs":
            level = dsp.loudness_lufs(segment, sr)
        else:
            raise EditError(f"unknown normalize mode {mode!r}")
        if np.isfinite(level):
            out[s:e] *= np.float32(10 ** ((float(edit["target"]) - level) / 20))
        return out, keep
    if op in ("exclude", "include"):
        new_keep = keep.copy()
        new_keep[s:e] = op == "include"
        return audio, new_keep
    if op == "delete_silence":
        voiced = dsp.voiced_mask(
            audio,
            sr,
            threshold_db=float(edit.get("threshold_db", -40.0)),
            min_silence=float(edit.get("min_duration", 0.5)),
            keep_margin=float(edit.get("keep", 0.05)),
        )
        return audio[voiced].copy(), keep[voiced].copy()
    raise AssertionError(op)


def render(audio: np.ndarray, sr: int, edits: list[dict]) -> Rendered:
    """Apply an edit list to source audio (frames, channels)."""
    keep = np.ones(audio.shape[0], dtype=bool)
    out = audio
    for edit in edits:
        out, keep = apply_edit(out, keep, edit, sr)
    if out is audio:
        out = audio.copy()
    return Rendered(np.ascontiguousarray(out, dtype=np.float32), keep)


def validate(edits: list[dict]) -> None:
    """Raise EditError naming the first malformed operation."""
    for i, edit in enumerate(edits):
        if not isinstance(edit, dict) or edit.get("op") not in OPS:
            raise EditError(f"edit {i}: unknown operation {edit!r}")
