"""The run settings form, bound to `core.train.config.TrainConfig`.

Every widget edits one dotted field of the config. After each edit the whole config is rebuilt
from the preset plus the widgets' values, so the config's own `__post_init__` checks decide
what is valid (segment length vs U-Net depth and the like); their message is shown next to
the field it names, and `validity_changed` tells the tab whether Start may be enabled.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.train.classify.config import BALANCE_MODES
from core.train.config import (
    CACHE_MODES,
    MODEL_KINDS,
    PRESETS,
    SCHEDULERS,
    TASKS,
    ConfigError,
    TrainConfig,
    flatten,
)
from gui.localized import error_text, format_text
from gui.training.form_fields import FormFields, float_pair, real_number

log = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda", "mps")
# Rows that mean nothing to a classifier (it reads log-mel windows of classify.features from
# its own feature cache, has no noise mixing and no PESQ), hidden while the task is classify.
AUDIO_ONLY = (
    "data.sample_rate",
    "data.segment_samples",
    "model.depth",
    "model.hidden",
    "model.layers",
    "data.quality_every",
    "data.cache",
)
AUDIO_GROUPS = ("Noise and augmentation",)
CLASSIFY_GROUPS = ("Classes and features",)


class RunSettingsForm(QWidget):
    """Edits a TrainConfig; `config()` is None while any value is invalid."""

    changed = Signal()
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runSettingsForm")
        rows = FormFields(self, self._on_edit)
        self._rows = rows
        self._fields = rows.fields
        self._updating = False
        self._valid = True
        self._config: TrainConfig | None = None
        self._base = TrainConfig.preset("speech", "denoise")
        self._project = None  # the preset's sample rate follows this project's audio
        self._rate_choice = None  # that rate and why (core.train.rate_choice), for the hint
        self.errors: dict[str, str] = {}  # dotted key (or "" for the whole form) -> message

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        # A row per line, read as a table.
        # fmt: off
        task_box = rows.group(layout, "Task", self.tr("Task"))
        self.preset_combo = rows.combo("preset", PRESETS, self.tr("Preset"))
        self.preset_combo.setToolTip(self.tr(
            "Speech: band-GRU denoiser trained on realistic mixtures, 16-24 kHz. Speech "
            "small: the earlier 22,050 Hz spectral mask. Music: 44.1-48 kHz U-Net. The "
            "sample rate follows the project's audio."
        ))
        task_box.addRow(self.tr("Preset"), self.preset_combo)
        rows.add_combo(task_box, "data.task", self.tr("Task"), TASKS)
        rows.add_int(task_box, "data.sample_rate", self.tr("Sample rate"), 1000, 384000, " Hz")
        self.rate_hint = QLabel()
        self.rate_hint.setObjectName("rateHint")
        self.rate_hint.setWordWrap(True)
        task_box.addRow("", self.rate_hint)
        self.segment_hint = QLabel()
        rows.add_int(task_box, "data.segment_samples", self.tr("Segment length"), 1, 10_000_000, self.tr(" samples"))
        task_box.addRow("", self.segment_hint)

        model_box = rows.group(layout, "Model", self.tr("Model"))
        rows.add_combo(model_box, "model.kind", self.tr("Model"), MODEL_KINDS)
        rows.add_int(model_box, "model.depth", self.tr("U-Net depth"), 0, 20)
        # The U-Net's first level, or a classifier CNN's first block.
        rows.add_int(model_box, "model.channels", self.tr("Channels"), 1, 1024)
        rows.add_int(model_box, "model.hidden", self.tr("Mask hidden size"), 1, 4096)
        rows.add_int(model_box, "model.layers", self.tr("Mask layers"), 1, 64)

        run_box = rows.group(layout, "Training", self.tr("Training"))
        rows.add_int(run_box, "run.epochs", self.tr("Epochs"), 0, 100_000)
        rows.add_float(run_box, "run.hours", self.tr("Time budget"), 0.0, 1000.0, 2, self.tr(" h (0: none)"))
        rows.add_int(run_box, "run.batch_size", self.tr("Batch size"), 0, 4096)
        rows.add_text(run_box, "optim.lr", self.tr("Learning rate"), real_number)
        rows.add_combo(run_box, "optim.scheduler", self.tr("Scheduler"), SCHEDULERS)
        rows.add_int(run_box, "optim.plateau_patience", self.tr("LR patience"), 0, 1000, self.tr(" epochs"))
        rows.add_int(run_box, "optim.early_stop_patience", self.tr("Stop patience"), -1, 1000, self.tr(" epochs"))
        rows.add_int(run_box, "data.quality_every", self.tr("PESQ/STOI every"), -1, 1000, self.tr(" epochs (0: never)"))

        noise_box = rows.group(layout, "Noise and augmentation", self.tr("Noise and augmentation"))
        rows.add_combo(noise_box, "data.noise.mode", self.tr("Noise level by"), ("snr", "levels"))
        rows.add_text(noise_box, "data.noise.snr_db", self.tr("SNR range"), float_pair, self.tr(" dB, e.g. 0, 15"))
        rows.add_kinds(noise_box)
        rows.add_float(noise_box, "data.noise.project_share", self.tr("Own noise share"), -1.0, 2.0, 2)
        rows.add_float(noise_box, "data.augment.gain_prob", self.tr("Gain probability"), -1.0, 2.0, 2)
        rows.add_float(noise_box, "data.augment.pitch_prob", self.tr("Pitch probability"), -1.0, 2.0, 2)
        rows.add_float(noise_box, "data.augment.stretch_prob", self.tr("Stretch probability"), -1.0, 2.0, 2)
        rows.add_float(noise_box, "data.augment.speed_prob", self.tr("Speed probability"), -1.0, 2.0, 2)

        class_box = rows.group(layout, "Classes and features", self.tr("Classes and features"))
        rows.add_combo(class_box, "classify.balance", self.tr("Balancing"), BALANCE_MODES)
        rows.add_int(class_box, "classify.max_per_class", self.tr("Windows per class"), 0, 10**7, self.tr(" (0: all)"))
        rows.add_int(class_box, "classify.variants", self.tr("Augmented variants"), 0, 100)
        rows.add_float(class_box, "classify.label_smoothing", self.tr("Label smoothing"), 0.0, 0.99, 2)
        rows.add_float(class_box, "classify.mixup", self.tr("Mixup probability"), 0.0, 1.0, 2)
        rows.add_int(class_box, "classify.features.n_mels", self.tr("Mel bins"), 8, 256)
        rows.add_int(class_box, "classify.features.hop_length", self.tr("Hop"), 1, 100_000, self.tr(" samples"))
        rows.add_int(class_box, "classify.features.win_length", self.tr("Window"), 1, 100_000, self.tr(" samples"))
        rows.add_float(class_box, "classify.features.window_s", self.tr("Input length"), 0.1, 30.0, 2, " s")

        hw_box = rows.group(layout, "Hardware", self.tr("Hardware"))
        rows.add_int(hw_box, "run.workers", self.tr("Loader workers"), -1, 64)
        rows.add_combo(hw_box, "data.cache", self.tr("Cache"), CACHE_MODES)
        rows.add_combo(hw_box, "run.device", self.tr("Device"), DEVICES, editable=True)

        # fmt: on
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setProperty("fieldError", True)  # red, from resources/wavesmith.qss
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        layout.addWidget(self.form_error)
        layout.addStretch(1)

        self.preset_combo.currentTextChanged.connect(self._on_preset)
        self._fields["data.task"].widget.currentTextChanged.connect(self._on_task)
        self.set_config(self._base)

    # -- model -> widgets --------------------------------------------------------------
    def set_config(self, config: TrainConfig) -> None:
        """Show `config`; it becomes the base that fields not on the form come from."""
        self._base = config
        self._show_task_rows(config.data.task)
        values = flatten(config.to_dict())
        self._updating = True
        try:
            for key, f in self._fields.items():
                f.widget.blockSignals(True)
                for child in f.widget.findChildren(QCheckBox):
                    child.blockSignals(True)
                try:
                    f.set(values[key])
                finally:
                    f.widget.blockSignals(False)
                    for child in f.widget.findChildren(QCheckBox):
                        child.blockSignals(False)
        finally:
            self._updating = False
        self._revalidate()

    def apply_overrides(self, overrides: dict[str, Any]) -> list[str]:
        """Put dotted values on the form; returns the keys the form has no field for."""
        skipped = []
        self._updating = True
        try:
            for key, value in overrides.items():
                if key in self._fields:
                    self._fields[key].set(value)
                else:
                    skipped.append(key)
        finally:
            self._updating = False
        if skipped:
            # Fields without a widget still reach the config through the base.
            try:
                self._base = self._base.with_overrides({k: overrides[k] for k in skipped})
                skipped = []
            except ConfigError as exc:
                log.warning("advice not applied: %s", exc)
        self._revalidate()
        return skipped

    def set_project(self, project) -> None:
        """The project a new run trains on: the sample rate (and the segment length with it)
        follows its audio; the other settings stay as they are."""
        self._project = project
        current = self.config()
        if project is None or current is None:
            self._rate_choice = None
            self._update_hint()
            return
        fresh = self._preset(self.preset_combo.currentData(), current.data.task)
        if fresh.data.sample_rate != current.data.sample_rate:
            self.set_config(
                current.with_overrides(
                    {
                        "data.sample_rate": fresh.data.sample_rate,
                        "data.segment_samples": fresh.data.segment_samples,
                    }
                )
            )
        self._update_hint()

    def _show_task_rows(self, task: str) -> None:
        classify = task == "classify"
        for key in AUDIO_ONLY:
            self._rows.set_row_visible(key, not classify)
        for title in AUDIO_GROUPS + CLASSIFY_GROUPS:
            self._rows.groups[title].setVisible(classify == (title in CLASSIFY_GROUPS))
        for hint in (self.rate_hint, self.segment_hint):
            self._rows.groups["Task"].layout().setRowVisible(hint, not classify)

    def _preset(self, name: str, task: str) -> TrainConfig:
        """The preset's config on this project; its rate is the project's choice, which
        the rate hint then measures the field against."""
        self._rate_choice = None
        if task == "classify" or self._project is None:
            # A classifier's rate is its features' (classify.features.sample_rate), not one
            # chosen from the project's audio for a denoiser.
            return TrainConfig.preset(name, task)
        from core.train.rate_choice import rate_choice

        self._rate_choice = rate_choice(self._project, name, task)
        return TrainConfig.preset(name, task, sample_rate=self._rate_choice.rate)

    # -- widgets -> model --------------------------------------------------------------
    def _on_preset(self, _shown: str) -> None:
        task = self._fields["data.task"].get()
        self.set_config(self._preset(self.preset_combo.currentData(), task))

    def _on_task(self, _shown: str) -> None:
        if not self._updating:
            task = self._fields["data.task"].get()
            self.set_config(self._preset(self.preset_combo.currentData(), task))

    def _on_edit(self, *_: object) -> None:
        if not self._updating:
            self._revalidate()

    def _revalidate(self) -> None:
        errors: dict[str, str] = {}
        overrides = {}
        for key, f in self._fields.items():
            try:
                overrides[key] = f.get()
            except ValueError as exc:
                errors[key] = str(exc)
        config = None
        if not errors:
            try:
                config = self._base.with_overrides(overrides)
            except ConfigError as exc:
                # The English names the field first ("run.batch_size: must be >= 1"); the
                # reader gets the text in their language (core.train.config_checks).
                key = str(exc).split(":", 1)[0].strip()
                errors[key if key in self._fields else ""] = error_text(exc)
        self._config = config
        self.errors = errors
        for key, f in self._fields.items():
            text = errors.get(key, "")
            f.error.setText(_without_key(text, key))
            f.error.setVisible(bool(text))
        self.form_error.setText(errors.get("", ""))
        self.form_error.setVisible("" in errors)
        self._update_hint()
        valid = config is not None
        self.changed.emit()
        if valid != self._valid:
            self._valid = valid
        self.validity_changed.emit(valid)

    def _update_hint(self) -> None:
        self.rate_hint.setText(self._rate_text())
        try:
            samples = int(self._fields["data.segment_samples"].get())
            rate = int(self._fields["data.sample_rate"].get())
            self.segment_hint.setText(
                format_text(
                    self.tr("≈ {seconds:.2f} s at {rate:,} Hz"), seconds=samples / rate, rate=rate
                )
            )
        except (ValueError, ZeroDivisionError):
            self.segment_hint.setText("")

    def _rate_text(self) -> str:
        """Why the project would train at its rate, measured against the rate field: the
        field follows the project, or (changed by hand, by Duplicate settings, by advice)
        it does not, and the hint says both rates rather than a reason that no longer holds."""
        choice = self._rate_choice
        try:
            rate = int(self._fields["data.sample_rate"].get())
        except ValueError:
            rate = None
        if choice is None or rate is None:
            return ""
        if rate == choice.rate:
            if choice.found is None:
                text = self.tr("{rate} Hz: {why}.")
            else:
                text = self.tr("{rate} Hz from the project ({why}).")
        elif choice.found is None:
            text = self.tr("{suggested} Hz would be {why}; this run uses {rate} Hz.")
        else:
            text = self.tr("The project suggests {suggested} Hz ({why}); this run uses {rate} Hz.")
        return format_text(text, rate=rate, suggested=choice.rate, why=choice.why)

    # -- queries -----------------------------------------------------------------------
    def config(self) -> TrainConfig | None:
        return self._config

    def is_valid(self) -> bool:
        return self._config is not None

    def widget_for(self, key: str) -> QWidget:
        return self._fields[key].widget

    def group_box(self, title: str) -> QWidget:
        return self._rows.groups[title]

    def error_label(self, key: str) -> QLabel:
        return self._fields[key].error

    def keys(self) -> list[str]:
        return list(self._fields)


def _without_key(message: str, key: str) -> str:
    """'run.batch_size: must be >= 1' shown next to the batch size reads 'must be >= 1'
    (and 'run.batch_size : doit être ≥ 1' in French, its colon after a space)."""
    if not message.startswith(key):
        return message
    rest = message[len(key) :].lstrip(" \u00a0\u202f")
    return rest[1:].strip() if rest.startswith(":") else message
