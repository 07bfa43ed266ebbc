"""What the trainer's data set-up tells the user before the first step."""

from __future__ import annotations

from core.train import events as ev
from core.train.ddp import DistContext
from core.train.setup import VAL_FEW_SEGMENTS, load_data
from tests.support.training import make_project, tiny_config


def test_a_validation_of_a_handful_of_segments_is_warned_about(tmp_path):
    # Eight short clips: the split leaves one or two for validation, a few segments.
    project = make_project(tmp_path, kind="speech_or_tones", clips=8)
    events: list = []
    data = load_data(
        project, tiny_config("gui"), tmp_path / "run", DistContext(), events.append, lambda: False
    )
    project.close()
    warnings = [e.message for e in events if isinstance(e, ev.Warning)]
    assert len(data.val.inputs) >= 1
    few = [w for w in warnings if w.startswith("validation rests on only")]
    assert len(few) == 1, warnings
    n = int(few[0].split("only ")[1].split(" segment")[0])
    assert n < VAL_FEW_SEGMENTS and "validation split" in few[0]
