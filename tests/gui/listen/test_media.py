"""The Listen tab and pairing on what FFmpeg decodes: raw takes in .m4a paired with mixed
versions in .webm, the pair's target preselected as reference, a take processed."""

from __future__ import annotations

import numpy as np

from core.dataset.pairing import pair_folders
from core.dataset.project import Project
from gui.widgets.file_filters import audio_filter
from tests.core.listen.test_inference_export import exported_passthrough
from tests.gui.listen.test_tab import tab  # noqa: F401  (the fixture)
from tests.support.mediagen import encode, signal

SR = 16000


def test_pair_m4a_with_webm_and_process_in_listen(tab, qtbot, tmp_path):  # noqa: F811
    from core.audio import decode as decoder

    for ext in ("*.m4a", "*.webm", "*.mp4", "*.mkv", "*.g722", "*.wav"):
        assert ext in audio_filter()
    raw, mixed = tmp_path / "raw", tmp_path / "mixed"
    take = signal(3.0, SR, 330, 4)
    lag = 160  # the mixed version starts 10 ms late
    late = np.concatenate([np.zeros((lag, 1), np.float32), 0.5 * take])
    import soxr

    encode(raw / "take1.m4a", take, SR)
    encode(mixed / "take1.webm", soxr.resample(late, SR, 48000), 48000, "libopus")
    with Project.create(tmp_path / "project") as project:
        report = pair_folders(project, raw, mixed)
        (pair,) = report.pairs
        assert abs(pair.offset - lag) <= 2, pair.offset
        assert pair.confidence > 0.9
        tab.set_project(project)
        tab.sources.original_combo.setCurrentIndex(
            tab.sources.original_combo.findData(pair.input.path)
        )
        assert tab.sources.reference_combo.currentData() == pair.target.path
        tab.set_model_path(exported_passthrough(tmp_path, SR))
        with qtbot.waitSignal(tab.processed, timeout=60000) as blocker:
            assert tab.processing.process()
        outcome = blocker.args[0]
        decoded, rate = decoder.read(pair.input.path)
        assert outcome.sample_rate == rate == SR
        assert outcome.processed.shape == outcome.original.shape == decoded.shape
        np.testing.assert_array_equal(outcome.original, decoded)
        tab.set_project(None)
