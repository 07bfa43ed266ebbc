"""Screenshot of the Hardware tab after a real batch probe on this machine.

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_hardware.py

A project with a few espeak-ng clips and half an hour of longer takes is created in a
temporary folder; the tab detects the
machine it runs on (no GPU here, so it says so) and measures the speech preset's model on
the CPU up to batch 16, then shows the time estimate for an 8-hour budget.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.style import apply_style  # noqa: E402
from tests.support.audiogen import SENTENCES, VOICES, sine, speech, write  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "hardware.png"


def wait_for(signal, timeout_ms: int) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="wavesmith-shot-"))
    QCoreApplication.setOrganizationName("WavesmithScreenshot")
    QCoreApplication.setApplicationName("WavesmithScreenshot")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)  # the look of the app (gui.app applies the same sheet)
    from PySide6.QtCore import QSettings

    QSettings().clear()
    from core.dataset.importer import import_paths
    from gui.main_window import MainWindow

    clean = tmp / "recordings" / "clean"
    for i, text in enumerate(SENTENCES):
        speech(clean / f"take_{i:02d}.wav", text, VOICES[i % len(VOICES)], sr=22050)
    # Plus half an hour of longer takes, so the time estimate describes a real-sized dataset
    # (the Hardware tab only reads durations from the index).
    for i in range(20):
        write(clean / f"session_{i:02d}.wav", sine(110.0 + 7.0 * i, 90.0, sr=22050), 22050)

    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    project = win.new_project(tmp / "project")
    import_paths(project, [clean], role="clean")
    tab = win.hardware_tab
    tab.set_project(project)  # dataset size after the import
    win.tabs.setCurrentWidget(tab)
    wait_for(tab.machine_ready, 60000)
    tab.probe_panel.device_combo.setCurrentText("cpu")
    tab.probe_panel.max_batch_spin.setValue(16)
    tab.advice_panel.hours_radio.setChecked(True)
    tab.advice_panel.hours_spin.setValue(8.0)
    tab.probe_panel.start_probe()
    wait_for(tab.probe_finished, 300000)
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(OUT))
    print(f"saved {OUT}")
    win.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
