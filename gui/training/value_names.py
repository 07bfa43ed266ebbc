"""The names the Training tab shows for config values and run states, in the interface's
language.

The config keeps its identifiers ("denoise", "plateau", "early_stopped"): they are saved in
config.json and status.json and typed on the command line. The form shows each one's name
through Qt's translation and keeps the identifier as the item's data, so in English the
names are the identifiers themselves. lupdate reads the literals below (it cannot read
core's tuples), which is why every value is listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

VALUE_CONTEXT = "ConfigValue"
STATUS_CONTEXT = "RunStatus"

VALUES = (
    # presets
    QT_TRANSLATE_NOOP("ConfigValue", "speech"),
    QT_TRANSLATE_NOOP("ConfigValue", "speech_small"),
    QT_TRANSLATE_NOOP("ConfigValue", "music"),
    # tasks
    QT_TRANSLATE_NOOP("ConfigValue", "denoise"),
    QT_TRANSLATE_NOOP("ConfigValue", "paired"),
    QT_TRANSLATE_NOOP("ConfigValue", "classify"),
    # models
    QT_TRANSLATE_NOOP("ConfigValue", "band_gru"),
    QT_TRANSLATE_NOOP("ConfigValue", "spectral_mask"),
    QT_TRANSLATE_NOOP("ConfigValue", "unet"),
    QT_TRANSLATE_NOOP("ConfigValue", "cnn_small"),
    QT_TRANSLATE_NOOP("ConfigValue", "cnn_large"),
    # schedulers (and "none")
    QT_TRANSLATE_NOOP("ConfigValue", "plateau"),
    QT_TRANSLATE_NOOP("ConfigValue", "cosine"),
    QT_TRANSLATE_NOOP("ConfigValue", "none"),
    # cache modes (and balancing's "off"); "auto" is a device's too
    QT_TRANSLATE_NOOP("ConfigValue", "off"),
    QT_TRANSLATE_NOOP("ConfigValue", "auto"),
    QT_TRANSLATE_NOOP("ConfigValue", "ram"),
    QT_TRANSLATE_NOOP("ConfigValue", "disk"),
    # balancing
    QT_TRANSLATE_NOOP("ConfigValue", "weighted"),
    QT_TRANSLATE_NOOP("ConfigValue", "oversample"),
    # noise level by
    QT_TRANSLATE_NOOP("ConfigValue", "snr"),
    QT_TRANSLATE_NOOP("ConfigValue", "levels"),
    # devices (an editable choice: "cuda:1" is typed)
    QT_TRANSLATE_NOOP("ConfigValue", "cpu"),
    QT_TRANSLATE_NOOP("ConfigValue", "cuda"),
    QT_TRANSLATE_NOOP("ConfigValue", "mps"),
    # noise kinds
    QT_TRANSLATE_NOOP("ConfigValue", "white"),
    QT_TRANSLATE_NOOP("ConfigValue", "pink"),
    QT_TRANSLATE_NOOP("ConfigValue", "brown"),
    QT_TRANSLATE_NOOP("ConfigValue", "hum"),
    QT_TRANSLATE_NOOP("ConfigValue", "babble"),
    QT_TRANSLATE_NOOP("ConfigValue", "clicks"),
    QT_TRANSLATE_NOOP("ConfigValue", "tones"),
    QT_TRANSLATE_NOOP("ConfigValue", "project"),
)

STATUSES = (
    QT_TRANSLATE_NOOP("RunStatus", "running"),
    QT_TRANSLATE_NOOP("RunStatus", "completed"),
    QT_TRANSLATE_NOOP("RunStatus", "stopped"),
    QT_TRANSLATE_NOOP("RunStatus", "early stopped"),
    QT_TRANSLATE_NOOP("RunStatus", "time budget"),
    QT_TRANSLATE_NOOP("RunStatus", "failed"),
    QT_TRANSLATE_NOOP("RunStatus", "unknown"),
    QT_TRANSLATE_NOOP("RunStatus", "training"),
    QT_TRANSLATE_NOOP("RunStatus", "following"),
    QT_TRANSLATE_NOOP("RunStatus", "running elsewhere or interrupted"),
)


def value_name(value: str) -> str:
    """A config value as the interface shows it ("denoise" reads "débruitage" in French)."""
    return QCoreApplication.translate(VALUE_CONTEXT, value)


def status_name(status: str) -> str:
    """A run's status ("early_stopped") as the interface shows it."""
    return QCoreApplication.translate(STATUS_CONTEXT, status.replace("_", " "))
