"""The Listen tab's line on bands: the model's next to the input's, and a warning before
processing when the model would cut part of the input (core.listen.band). Measured as the
background job `band` whenever the original or the model changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from gui.jobs import Jobs
from gui.localized import translated

if TYPE_CHECKING:  # core.listen.band measures with scipy: not on the start-up path
    from core.listen.band import BandCheck

WARNING_STYLE = "color: #e0a040"


class BandLabel(QLabel):
    def __init__(self, parent: QWidget, jobs: Jobs) -> None:
        super().__init__("", parent)
        self.setObjectName("listenBand")
        self.setAccessibleName(self.tr("Model band and input band"))
        self.setWordWrap(True)
        self.jobs = jobs
        self.check: BandCheck | None = None

    def update_for(self, original: str | None, model: str | None) -> None:
        self.check = None
        self.setText("")
        self.setStyleSheet("")
        if not original:
            return

        def work(**_):
            from core.listen.band import band_check

            return band_check(original, model)

        job = self.jobs.start("band", work, replace=True)
        job.result.connect(self._show)
        job.errored.connect(lambda _msg: self.setText(""))

    def _show(self, check: BandCheck) -> None:
        self.check = check
        self.setText(("⚠ " if check.drops_hz else "") + translated(check.text()))
        self.setStyleSheet(WARNING_STYLE if check.drops_hz else "")
