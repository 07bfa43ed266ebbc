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
                                                    (core.audio.dsp.SilenceRule.to_edit/from_edit)

Every function here is pure: arrays in, arrays out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.audio import dsp

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
    return fade_slice(length, curve, rising, 0, length)


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
        try:
            rule = dsp.SilenceRule.from_edit(edit)
        except ValueError as exc:
            raise EditError(f"delete_silence: {exc}") from exc
        voiced = dsp.voiced_mask(audio, sr, rule)
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


# -- streaming view of an edit list, for files too long to render in memory ----------------
class NotStreamable(EditError):
    """The edit list has an operation that needs the whole audio at once."""


@dataclass
class _Gain:
    """One multiplicative operation over a whole piece, in the order it was applied."""

    kind: str  # "zero", "scale", "fade"
    value: np.float32 = np.float32(1.0)  # "scale": the factor
    curve: str = "linear"  # "fade": fade_curve's arguments, and where in it the piece starts
    rising: bool = True
    length: int = 0
    offset: int = 0


@dataclass
class _Piece:
    src: int  # source frame of the piece's first frame
    length: int
    gains: list[_Gain]
    keep: bool = True


def fade_slice(length: int, curve: str, rising: bool, start: int, stop: int) -> np.ndarray:
    """fade_curve(length, curve, rising)[start:stop], computed without the whole curve."""
    idx = np.arange(start, stop, dtype=np.float64)
    if not rising:
        idx = (length - 1) - idx
    t = (idx + 0.5) / length
    if curve == "linear":
        g = t
    elif curve == "equal_power":
        g = np.sin(t * np.pi / 2)
    else:
        raise EditError(f"unknown fade curve {curve!r}")
    return g.astype(np.float32)


class Timeline:
    """An edit list as pieces of the source with gains, read block by block.

    Cuts (trim, delete) only rearrange pieces and gains (silence, fades, gain, peak
    normalize) are applied as each block is read, so an hour-long file is edited without
    decoding it whole; `read` gives exactly what `render` would, sample for sample, since
    every sample sees the same float32 multiplications in the same order. Operations that
    need the whole audio at once (delete_silence, LUFS normalize) raise NotStreamable.
    """

    def __init__(self, frames: int) -> None:
        self.pieces: list[_Piece] = [_Piece(0, int(frames), [])] if frames > 0 else []

    @property
    def frames(self) -> int:
        return sum(p.length for p in self.pieces)

    @classmethod
    def compile(cls, edits: list[dict], frames: int, reader, sr: int = 48000) -> Timeline:
        """`reader(start, stop)` reads source frames; used only by peak normalize."""
        tl = cls(frames)
        for edit in edits:
            tl._apply(edit, reader, sr)
        return tl

    # -- structure -----------------------------------------------------------------------
    def _split(self, pos: int) -> int:
        """Make a piece start at timeline position `pos`; returns that piece's index."""
        at = 0
        for i, piece in enumerate(self.pieces):
            if pos == at:
                return i
            if pos < at + piece.length:
                cut = pos - at
                right = _Piece(
                    piece.src + cut,
                    piece.length - cut,
                    [
                        _Gain(g.kind, g.value, g.curve, g.rising, g.length, g.offset + cut)
                        for g in piece.gains
                    ],
                    piece.keep,
                )
                piece.length = cut
                self.pieces.insert(i + 1, right)
                return i + 1
            at += piece.length
        return len(self.pieces)

    def _range(self, s: int, e: int) -> range:
        i0 = self._split(s)
        i1 = self._split(e)
        return range(i0, i1)

    def _apply(self, edit: dict, reader, sr: int) -> None:
        op = edit.get("op")
        if op not in OPS:
            raise EditError(f"unknown edit operation {op!r}")
        s, e = _span(edit, self.frames)
        if op in ("delete_silence",) or (op == "normalize" and edit.get("mode") == "lufs"):
            raise NotStreamable(f"{op} needs the whole audio")
        if op == "trim":
            r = self._range(s, e)
            self.pieces = self.pieces[r.start : r.stop]
        elif op == "delete":
            r = self._range(s, e)
            del self.pieces[r.start : r.stop]
        elif op in ("exclude", "include"):
            for i in self._range(s, e):
                self.pieces[i].keep = op == "include"
        elif op == "silence":
            for i in self._range(s, e):
                self.pieces[i].gains.append(_Gain("zero"))
        elif op == "gain":
            value = np.float32(10 ** (float(edit["db"]) / 20))
            for i in self._range(s, e):
                self.pieces[i].gains.append(_Gain("scale", value))
        elif op in ("fade_in", "fade_out"):
            curve = edit.get("curve", "linear")
            fade_slice(1, curve, True, 0, 0)  # reject an unknown curve now, not on read
            at = 0
            r = self._range(s, e)
            for piece in self.pieces[: r.start]:
                at += piece.length
            for i in r:
                piece = self.pieces[i]
                piece.gains.append(
                    _Gain("fade", curve=curve, rising=op == "fade_in", length=e - s, offset=at - s)
                )
                at += piece.length
        elif op == "normalize":
            mode = edit.get("mode", "peak")
            if mode != "peak":
                raise EditError(f"unknown normalize mode {mode!r}")
            peak = 0.0
            for b0 in range(s, e, 1 << 20):
                block = self.read(reader, b0, min(e, b0 + (1 << 20)))
                if block.size:
                    peak = max(peak, float(np.max(np.abs(block))))
            if peak > 0:
                level = 20 * np.log10(peak)
                value = np.float32(10 ** ((float(edit["target"]) - level) / 20))
                for i in self._range(s, e):
                    self.pieces[i].gains.append(_Gain("scale", value))

    # -- reading -------------------------------------------------------------------------
    def read(self, reader, start: int, stop: int) -> np.ndarray:
        """Edited frames [start, stop) as float32 (frames, channels)."""
        start, stop = max(0, int(start)), min(self.frames, int(stop))
        parts = []
        at = 0
        for piece in self.pieces:
            p0, p1 = at, at + piece.length
            at = p1
            if p1 <= start:
                continue
            if p0 >= stop:
                break
            a, b = max(start, p0) - p0, min(stop, p1) - p0
            block = np.array(reader(piece.src + a, piece.src + b), dtype=np.float32)
            for g in piece.gains:
                if g.kind == "zero":
                    block[:] = 0.0
                elif g.kind == "scale":
                    block *= g.value
                else:
                    block *= fade_slice(g.length, g.curve, g.rising, g.offset + a, g.offset + b)[
                        :, None
                    ]
            parts.append(block)
        if not parts:
            return np.zeros((0, 1), dtype=np.float32)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def excluded_runs(self) -> list[tuple[int, int]]:
        """[start, end) regions left out of training, merged."""
        out: list[tuple[int, int]] = []
        at = 0
        for piece in self.pieces:
            if not piece.keep:
                if out and out[-1][1] == at:
                    out[-1] = (out[-1][0], at + piece.length)
                else:
                    out.append((at, at + piece.length))
            at += piece.length
        return out
