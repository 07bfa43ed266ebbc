"""The import bar's words: what the status line says when an import ends (core's
ImportReport counts, its `summary()` in the reader's language, then the files the user has
to look at, by name), and what its progress bar and Cancel button are called. Texts keep
the import bar's context ("ImportBar") in resources/i18n."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from gui.localized import translated


def import_summary(report) -> str:
    """core.dataset.importer.ImportReport.summary in the reader's language."""
    # Plain names for the counts: lupdate skips a translate() whose count is an expression.
    added, skipped, rejected = len(report.added), len(report.skipped), len(report.rejected)
    text = ", ".join(
        (
            QCoreApplication.translate("ImportBar", "added %n", "", added),
            QCoreApplication.translate("ImportBar", "skipped %n", "", skipped),
            QCoreApplication.translate("ImportBar", "rejected %n", "", rejected),
        )
    )
    relinked, damaged = len(report.relinked), len(report.warnings)
    if relinked:
        text += QCoreApplication.translate("ImportBar", ", relinked %n moved", "", relinked)
    if damaged:
        text += QCoreApplication.translate(
            "ImportBar", ", %n damaged (kept what decoded)", "", damaged
        )
    cancelled = QCoreApplication.translate("ImportBar", " (cancelled)")
    return text + (cancelled if report.cancelled else "")


def describe_import_report(report, as_classes: bool = False) -> str:
    """The whole line: the counts, then the first skipped (class folders that gave nothing),
    damaged, noted and rejected files with their reasons."""
    text = QCoreApplication.translate("ImportBar", "Import: {summary}.").format(
        summary=import_summary(report)
    )
    if report.skipped and as_classes and not report.added:
        text += f" {Path(report.skipped[0][0]).name}: {translated(report.skipped[0][1])}."
    for path, warning in report.warnings[:1]:
        text += " " + QCoreApplication.translate("ImportBar", "Damaged: {name}: {warning}.").format(
            name=Path(path).name, warning=translated(warning)
        )
    for path, note in report.notes[:2]:
        text += f" {Path(path).name}: {translated(note)}."
    if report.rejected:
        path, reason = report.rejected[0]
        text += " " + QCoreApplication.translate("ImportBar", "Not used: {name}: {reason}").format(
            name=Path(path).name, reason=translated(reason)
        )
        more = len(report.rejected) - 1
        if more:
            text += QCoreApplication.translate(
                "ImportBar", " (and %n more, listed under Rejected)", "", more
            )
    return text


def job_words(job: str) -> tuple[str, str]:
    """The progress bar's name and the Cancel button's text for the `import` or `pairing`
    job the bar shows."""
    if job == "import":
        return (
            QCoreApplication.translate("ImportBar", "Import progress"),
            QCoreApplication.translate("ImportBar", "Cancel import"),
        )
    return (
        QCoreApplication.translate("ImportBar", "Pairing progress"),
        QCoreApplication.translate("ImportBar", "Cancel pairing"),
    )
