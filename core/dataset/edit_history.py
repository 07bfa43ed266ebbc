"""Undo and redo of a clip's edit list, persisted with the clip in the project index.

The history is a list of steps, each a label and the whole edit list after that step,
with a cursor on the current one (like an image editor's history panel). Undo moves the
cursor back, redo forward; a new edit after an undo drops the steps ahead of the cursor.
Storing whole edit lists costs little (edit lists are a few hundred bytes) and makes every
step trivially correct to restore.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from core.audio.dsp import SilenceRule
from core.dataset.edits import validate
from core.messages import QT_TRANSLATE_NOOP

MAX_STEPS = 200  # older steps are dropped; the first step stays as the anchor


@dataclass
class HistoryStep:
    label: str
    edits: list[dict]


@dataclass
class EditHistory:
    steps: list[HistoryStep] = field(
        default_factory=lambda: [HistoryStep(QT_TRANSLATE_NOOP("EditHistory", "Original"), [])]
    )
    index: int = 0

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError("an edit history needs at least one step")
        if not 0 <= self.index < len(self.steps):
            raise ValueError(f"history cursor {self.index} outside 0..{len(self.steps) - 1}")

    @property
    def edits(self) -> list[dict]:
        """The current edit list (a copy: callers may not change history by mutation)."""
        return copy.deepcopy(self.steps[self.index].edits)

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.steps) - 1

    def push(self, edits: list[dict], label: str) -> None:
        validate(edits)
        del self.steps[self.index + 1 :]
        self.steps.append(HistoryStep(label, copy.deepcopy(edits)))
        if len(self.steps) > MAX_STEPS:
            del self.steps[1 : len(self.steps) - MAX_STEPS + 1]
        self.index = len(self.steps) - 1

    def apply(self, edit: dict, label: str | None = None) -> list[dict]:
        """Append one operation to the current edit list as a new step."""
        edits = self.edits + [copy.deepcopy(edit)]
        self.push(edits, label or describe(edit))
        return self.edits

    def undo(self) -> list[dict]:
        if self.can_undo:
            self.index -= 1
        return self.edits

    def redo(self) -> list[dict]:
        if self.can_redo:
            self.index += 1
        return self.edits

    def go_to(self, index: int) -> list[dict]:
        if not 0 <= index < len(self.steps):
            raise IndexError(f"no history step {index}")
        self.index = index
        return self.edits

    def labels(self) -> list[str]:
        return [s.label for s in self.steps]

    def to_dict(self) -> dict:
        return {
            "version": 1,
            "index": self.index,
            "steps": [{"label": s.label, "edits": s.edits} for s in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict | None, edits: list[dict] | None = None) -> EditHistory:
        """Restore a stored history; `edits` is the clip's stored edit list.

        A clip with edits but no history (edited by another tool, or an older project) gets
        a one-step history holding its edits, so undo never jumps to something unseen.
        """
        edits = list(edits or [])
        steps = [
            HistoryStep(str(s["label"]), list(s["edits"]))
            for s in (data or {}).get("steps", [])
            if isinstance(s, dict) and "edits" in s
        ]
        index = int((data or {}).get("index", len(steps) - 1))
        if not steps or not 0 <= index < len(steps) or steps[index].edits != edits:
            return cls(
                [
                    HistoryStep(
                        QT_TRANSLATE_NOOP("EditHistory", "Original")
                        if not edits
                        else QT_TRANSLATE_NOOP("EditHistory", "Stored edits"),
                        edits,
                    )
                ],
                0,
            )
        return cls(steps, index)

    # -- persistence -----------------------------------------------------------------------
    @classmethod
    def load(cls, project, clip_id: int) -> EditHistory:
        clip = project.clip(clip_id)
        return cls.from_dict(clip.history, clip.edits)

    def save(self, project, clip_id: int) -> None:
        project.set_edits(clip_id, self.edits, self.to_dict())


def describe(edit: dict) -> str:
    """A short human label for one operation, shown in the history list."""
    op = edit.get("op", "?")
    # Marked for translation: the Dataset tab's history shows the label in the reader's
    # language when it is one of these whole (gui.dataset.history_view).
    names = {
        "trim": QT_TRANSLATE_NOOP("EditHistory", "Trim"),
        "delete": QT_TRANSLATE_NOOP("EditHistory", "Delete"),
        "silence": QT_TRANSLATE_NOOP("EditHistory", "Silence"),
        "gain": QT_TRANSLATE_NOOP("EditHistory", "Gain"),
        "normalize": QT_TRANSLATE_NOOP("EditHistory", "Normalize"),
        "exclude": QT_TRANSLATE_NOOP("EditHistory", "Exclude"),
        "include": QT_TRANSLATE_NOOP("EditHistory", "Include"),
        "delete_silence": QT_TRANSLATE_NOOP("EditHistory", "Delete silence"),
    }
    fades = {
        ("fade_in", True): QT_TRANSLATE_NOOP("EditHistory", "Fade in (equal power)"),
        ("fade_in", False): QT_TRANSLATE_NOOP("EditHistory", "Fade in (linear)"),
        ("fade_out", True): QT_TRANSLATE_NOOP("EditHistory", "Fade out (equal power)"),
        ("fade_out", False): QT_TRANSLATE_NOOP("EditHistory", "Fade out (linear)"),
    }
    label = names.get(op, op)
    if op in ("fade_in", "fade_out"):
        label = fades[(op, edit.get("curve") == "equal_power")]
    elif op == "normalize":
        unit = "LUFS" if edit.get("mode") == "lufs" else "dBFS"
        label += f" to {float(edit.get('target', 0)):g} {unit}"
    elif op == "gain":
        label += f" {float(edit.get('db', 0)):+g} dB"
    elif op == "delete_silence":
        label += f" below {SilenceRule.from_edit(edit).threshold_db:g} dB"
    return label
