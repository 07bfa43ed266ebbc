"""What core says, shown in French: the texts core produces (core.messages.Message) reach
the French window translated, through the paths a user meets them on: an import that
turns a file down, a warning of the trainer in the Training tab's log (read back from the
run folder, as a run reopened later is), the batch probe's words in the Hardware tab, a
playback error, a background job's progress and failure. The command line keeps English
(tests/cli, tests/core assert it), so each test also checks the English is unchanged."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from gui.i18n import install_language, remove_language
from tests.support.audiogen import sine, write
from tests.support.window import window_with_project


@pytest.fixture
def french(qapp):
    install_language("fr")
    yield
    remove_language()


def _nan_wav(path):
    audio = sine(330, 1.0, sr=16000).astype(np.float32)
    audio[4000:4003] = np.nan
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, audio, 16000, subtype="FLOAT")
    return path


def test_an_import_says_why_in_french_in_the_dataset_tab(qtbot, tmp_path, french):
    window = window_with_project(qtbot, tmp_path)
    tab = window.dataset_tab
    bad = _nan_wav(tmp_path / "clean" / "abimé.wav")
    good = write(tmp_path / "clean" / "voix.wav", sine(220, 1.0, sr=16000), 16000)
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        tab.import_bar.import_paths([str(bad), str(good)])
    said = tab.status.text()
    assert "contient des échantillons NaN/inf (3 dans le bloc à la trame" in said, said
    assert "contains" not in said
    # The Rejected row of the file list: its reason was stored with its parts.
    tab.browser.refresh()
    tree = tab.browser.tree
    rejected = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert rejected.childCount() == 1
    assert rejected.child(0).text(5).startswith("contient des échantillons NaN/inf (3 dans")
    # The project keeps the English for the command line and the CSV exports.
    from core.dataset.rejects import rejects

    [(path, stored)] = rejects(window.project)
    assert stored.startswith("contains NaN/inf samples (3 in the block at frame")

    # A folder named like audio (core.dataset.import_scan): the import's own words.
    (tmp_path / "more" / "prise.wav").mkdir(parents=True)
    with qtbot.waitSignal(tab.imported, timeout=60_000):
        tab.import_bar.import_paths([str(tmp_path / "more")])
    said = tab.status.text().replace("\xa0", " ")
    assert "prise.wav : un dossier, pas un fichier audio (son contenu est parcouru" in said, said


def test_a_trainer_warning_and_its_end_read_french_in_the_training_log(qtbot, tmp_path, french):
    """The events as the trainer announces them, through the run folder (events.jsonl) to
    the window following the run: the warning of an out-of-memory step and the end of a
    stopped run come from core (core.train.recovery, TrainState.finish_message)."""
    import torch

    from core.train import events as ev
    from core.train.config import TrainConfig
    from core.train.ddp import DistContext
    from core.train.recovery import halve_batch
    from core.train.reporting import RunEvents
    from core.train.run_folder import RunFolderWriter
    from core.train.state import TrainState

    window = window_with_project(qtbot, tmp_path)
    run = window.project.runs_dir / "20261202-020000-denoise"
    run.mkdir(parents=True)
    config = TrainConfig.preset("speech")
    config.save(run / "config.json")
    events, state = RunEvents(DistContext()), TrainState(batch_size=16)
    events.writers.append(RunFolderWriter(run))
    cpu = torch.device("cpu")
    events.train_started(run, state, 10, 5, cpu, None)
    warning = halve_batch(state, cpu)
    assert warning == "out of memory at batch 16; continuing with batch 8"  # the CLI's
    events.warn(warning, "oom")
    state.epoch = 1
    end = state.finish_message("stopped", config.run)
    assert end == "on request; resume continues from the checkpoint"
    events.emit(ev.Finished("stopped", 1, state.step, 0.5, message=end))

    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.actions.attach_run(run)
    log_view = tab.run_view.log_view
    qtbot.waitUntil(lambda: "la reprise continue" in log_view.toPlainText(), timeout=10_000)
    text = log_view.toPlainText().replace("\xa0", " ")
    assert "mémoire insuffisante avec un lot de 16 ; poursuite avec un lot de 8" in text, text
    assert "à la demande ; la reprise continue depuis le point de contrôle" in text, text
    assert "out of memory" not in text and "on request" not in text
    # The device as a French reader names it (core.device.device_words), not "cpu".
    assert "lot de 16 sur le processeur" in text and " cpu" not in text, text


def test_the_probe_speaks_french_in_the_hardware_tab(qtbot, tmp_path, french):
    """A real probe on the CPU: its progress, the advised batch's reason and the kind of
    memory it measured come from core.hardware, in French."""
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from core.train.config import TrainConfig
    from gui.hardware.tab import HardwareTab

    tab = HardwareTab()
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.machine is not None, timeout=60_000)
    src = tmp_path / "clean"
    for i in range(3):
        write(src / f"c{i}.wav", sine(300 + 40 * i, 2.0, sr=16000), 16000)
    project = Project.create(tmp_path / "proj")
    import_paths(project, [src], role="clean")
    small = TrainConfig.preset("speech").with_overrides({"data.segment_samples": 4096})
    tab.set_config_provider(lambda: small)
    tab.set_project(project)
    qtbot.waitUntil(lambda: tab.machine.disk is not None, timeout=60_000)
    panel = tab.probe_panel
    panel.device_combo.setCurrentText("cpu")
    panel.max_batch_spin.setValue(2)
    shown: list[str] = []
    panel.probe_progress.valueChanged.connect(
        lambda _v: shown.append(panel.probe_progress.format())
    )
    try:
        with qtbot.waitSignal(tab.probe_finished, timeout=300_000) as done:
            panel.measure_button.click()
        result = done.args[0]
        assert result.memory_kind.startswith("tensor bytes × ")  # English in the result
        summary = panel.probe_summary.text().replace("\xa0", " ")
        assert "octets des tenseurs × 1,7, une estimation de la RSS" in summary, summary
        assert "qui tient en mémoire" in summary or "la plus rapide par exemple" in summary
        assert "fits" not in summary and "examples/s" not in summary
        # The bar's text of each step (set after its value) and the last one.
        words = " | ".join(shown + [panel.probe_progress.format()])
        assert "lot de 1 : passe avant + arrière" in words.replace("\xa0", " "), words
        assert panel.probe_progress.format() == "terminé"
        assert "forward" not in words
    finally:
        tab.set_project(None)
        project.close()
        tab.shutdown()


def test_a_playback_error_reads_french(qapp, french):
    from core.listen.output_devices import PlaybackUnavailable
    from core.listen.playback import Player
    from gui.localized import error_text

    player = Player(device="no such output 42")
    player.load(sine(440, 0.2, sr=48000), 48000)
    with pytest.raises(PlaybackUnavailable) as raised:
        player.play()
    assert str(raised.value).startswith("cannot open the output device 'no such output 42'")
    said = error_text(raised.value).replace("\xa0", " ")
    assert said.startswith("impossible d'ouvrir la sortie 'no such output 42' (elle n"), said
    assert error_text(player.error) == error_text(raised.value)


def test_a_jobs_progress_and_failure_keep_the_message(qtbot, tmp_path, french):
    """gui.jobs hands a core Message on as itself (its signals carried a plain str, which
    dropped it to English)."""
    from core.audio.io import read_audio
    from gui.jobs import Jobs
    from gui.localized import error_text, translated

    broken = _nan_wav(tmp_path / "x.wav")
    (tmp_path / "empty.wav").write_bytes(b"")
    from core.dataset.import_words import named_twice

    def work(progress, should_cancel):
        progress(1, 2, named_twice())
        read_audio(tmp_path / "empty.wav")
        return broken

    jobs = Jobs()
    seen, failed = [], []
    job = jobs.start("words", work)
    job.progress.connect(lambda done, total, what: seen.append(what))
    job.errored.connect(failed.append)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    jobs.shutdown()
    assert [translated(w) for w in seen] == ["nommé deux fois dans cette importation"]
    assert seen == ["named twice in this import"]
    [message] = failed
    assert message == f"{tmp_path / 'empty.wav'}: zero-length file"
    assert (
        error_text(message).replace("\xa0", " ")
        == f"{tmp_path / 'empty.wav'} : fichier de longueur nulle"
    )


def test_hardware_advice_applied_reads_french_in_the_training_tab(qtbot, french):
    """The banner of Apply to training settings names each setting in core's words
    (core.hardware.advice.setting_in_words), translated; their English is unchanged."""
    from core.hardware.advice import setting_in_words
    from gui.training.tab import TrainingTab

    tab = TrainingTab()
    qtbot.addWidget(tab)
    try:
        before = tab.form.config().run
        tab.apply_advice({"run.batch_size": before.batch_size + 16, "run.workers": 3,
                          "run.amp": "bf16", "run.device": "cpu"})  # fmt: skip
        said = tab.banner.text().replace("\xa0", " ")
        assert said.startswith("Conseils matériels appliqués : taille de lot "), said
        assert f"(avant : taille de lot {before.batch_size})" in said, said
        assert "3 processus de chargement des données" in said, said
        assert "précision mixte bf16" in said and "entraînement sur le processeur" in said, said
        assert "batch size" not in said and "workers" not in said and "mixed" not in said
    finally:
        tab.shutdown()
    assert setting_in_words("run.workers", 3) == "3 data loading workers"
    assert setting_in_words("run.workers", 1) == "1 data loading worker"
    assert setting_in_words("run.amp", "bf16") == "bf16 mixed precision"


def test_the_audio_file_filter_is_named_in_french(french):
    """The file dialogs' filter: its names translated, its patterns core's."""
    from core.audio.formats import name_patterns
    from gui.widgets.file_filters import audio_filter

    assert audio_filter() == f"Audio et vidéo ({name_patterns()});;Tous les fichiers (*)"
    remove_language()
    assert audio_filter() == f"Audio and video ({name_patterns()});;All files (*)"


def test_media_reasons_and_damage_read_french(qapp, tmp_path, french):
    """A video without its soundtrack is refused, a truncated AAC file keeps what decoded:
    both say so in the reader's language; the command line's English is unchanged."""
    from core.dataset.importer import import_paths
    from core.dataset.project import Project
    from gui.localized import translated
    from tests.support.mediagen import encode, signal, truncate, video_only

    screen = video_only(tmp_path / "media" / "écran.mp4")
    half = encode(tmp_path / "media" / "moitié.m4a", signal(8.0, 16000), 16000,
                  container_options={"movflags": "faststart"})  # fmt: skip
    truncate(half, 0.6)
    with Project.create(tmp_path / "proj") as project:
        report = import_paths(project, [screen, half])
    ((_, refused),) = report.rejected
    ((_, damage),) = report.warnings
    assert refused.startswith("no audio stream (a video with 1 video stream, ")
    assert damage.startswith("damaged: decoded ") and damage.endswith("; kept what decoded")
    said = translated(refused)
    assert said.startswith("aucun flux audio (une vidéo avec 1 flux vidéo, "), said
    said = translated(damage)
    assert said.startswith("endommagé : ") and "s décodées sur les 8,0 s" in said, said
    assert said.endswith(" ; ce qui a été décodé est gardé"), said
