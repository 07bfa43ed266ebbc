"""What the Hardware tab advises (core.hardware.advice) and how long training takes, with the button
that hands the advised settings to the Training tab."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.hardware.advice import Advice, advise
from core.hardware.batch_probe import ProbeResult
from core.hardware.detect import MachineInfo
from core.hardware.estimates import DatasetSize
from gui.localized import translated
from gui.style import LEVEL_COLOR, LEVEL_ICON
from gui.widgets import factory

log = logging.getLogger(__name__)


class AdvicePanel(QWidget):
    applied = Signal(dict)  # dotted TrainConfig keys: {"run.batch_size": .., ...}

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("hwAdvicePanel")
        self.advice: Advice | None = None
        self._inputs: tuple | None = None  # (machine, probe, dataset, has_project, timing)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        box = factory.titled_box(self, self.tr("Advice"), "hwAdviceBox")
        self.advice_text = QLabel(box)
        self.advice_text.setObjectName("hwAdviceText")
        self.advice_text.setAccessibleName(self.tr("Training advice"))
        self.advice_text.setWordWrap(True)
        self.advice_text.setTextFormat(Qt.TextFormat.RichText)
        self.advice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        av = QVBoxLayout(box)
        av.addWidget(self.advice_text)
        self.apply_button = factory.button(
            box, self.tr("Apply to training settings"), "hwApplyButton", slot=self.apply_advice,
            accessible=self.tr("Apply advice to training settings"),
        )  # fmt: skip
        self.apply_button.setEnabled(False)
        av.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(box, 3)
        row.addWidget(self._build_time_box(), 2)

    def _build_time_box(self) -> QGroupBox:
        box = factory.titled_box(self, self.tr("Training time"), "hwTimeBox")
        form = QFormLayout(box)
        self.epochs_radio = QRadioButton(self.tr("Epochs planned"), box)
        self.epochs_radio.setObjectName("hwEpochsRadio")
        self.epochs_radio.setAccessibleName(self.tr("Plan by epochs"))
        self.hours_radio = QRadioButton(self.tr("I have hours"), box)
        self.hours_radio.setObjectName("hwHoursRadio")
        self.hours_radio.setAccessibleName(self.tr("Plan by a time budget"))
        group = QButtonGroup(box)
        group.addButton(self.epochs_radio)
        group.addButton(self.hours_radio)
        self.epochs_radio.setChecked(True)
        self.epochs_spin = factory.int_spin(
            box, "hwEpochsSpin", self.tr("Epochs planned"), 1, 100000, 40
        )
        self.hours_spin = factory.spin(
            box, "hwHoursSpin", self.tr("Hours available"), 0.1, 10000, 8.0, suffix=" h", decimals=2
        )
        form.addRow(self.epochs_radio, self.epochs_spin)
        form.addRow(self.hours_radio, self.hours_spin)
        self.time_label = QLabel(box)
        self.time_label.setObjectName("hwTimeEstimate")
        self.time_label.setAccessibleName(self.tr("Time estimate"))
        self.time_label.setWordWrap(True)
        form.addRow(self.time_label)
        for w in (self.epochs_spin, self.hours_spin):
            w.valueChanged.connect(self._refresh)
        self.epochs_radio.toggled.connect(self._refresh)
        return box

    def show_advice(
        self,
        machine: MachineInfo | None,
        probe: ProbeResult | None,
        dataset: DatasetSize | None,
        has_project: bool,
        timing=None,
    ) -> None:
        """Advise for these facts (`timing`: an epoch timed on the project's data), and
        again with them whenever the time budget changes."""
        self._inputs = (machine, probe, dataset, has_project, timing)
        self._refresh()

    def _refresh(self, *_: object) -> None:
        if self._inputs is None or self._inputs[0] is None:
            return
        machine, probe, dataset, has_project, timing = self._inputs
        by_epochs = self.epochs_radio.isChecked()
        self.advice = advise(
            machine,
            probe,
            dataset,
            epochs=self.epochs_spin.value() if by_epochs else None,
            hours=None if by_epochs else self.hours_spin.value(),
            timing=timing,
        )
        items = []
        for line in self.advice.lines:
            if line.topic == "time":
                continue
            items.append(
                f"<p style='margin:2px; color:{LEVEL_COLOR[line.level]}'>"
                f"{LEVEL_ICON[line.level]} {html.escape(translated(line.text))}</p>"
            )
        self.advice_text.setText("".join(items))
        if self.advice.estimate is not None:
            time_lines = [translated(ln.text) for ln in self.advice.lines if ln.topic == "time"]
            self.time_label.setText("\n".join(time_lines))
        elif not has_project:
            self.time_label.setText(
                self.tr("Open a project and measure the batch size to estimate time.")
            )
        else:
            self.time_label.setText(self.tr("Measure the batch size to estimate time."))
        self.apply_button.setEnabled(True)

    def apply_advice(self) -> dict:
        if self.advice is None:
            return {}
        settings = self.advice.settings()
        log.info("hardware advice applied: %s", settings)
        self.applied.emit(settings)
        return settings

    def restore_settings(self, s: QSettings) -> None:
        self.epochs_spin.setValue(int(s.value("epochs", 40)))
        self.hours_spin.setValue(float(s.value("hours", 8.0)))
        by_hours = s.value("byHours", False, bool)
        (self.hours_radio if by_hours else self.epochs_radio).setChecked(True)

    def save_settings(self, s: QSettings) -> None:
        s.setValue("epochs", self.epochs_spin.value())
        s.setValue("hours", self.hours_spin.value())
        s.setValue("byHours", self.hours_radio.isChecked())
