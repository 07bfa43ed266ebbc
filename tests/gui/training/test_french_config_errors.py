"""A config refused (core.train.config's checks, ConfigError) reads French in a French
window: under the field of the Training tab's settings form, in the banner when a run's
saved settings cannot be read, and in the training log when a run ends on one. The
command line keeps the English sentence, even with the French catalog loaded."""

from __future__ import annotations

import json

import pytest

from core.messages import message_of
from core.train.config import ConfigError, TrainConfig
from gui.i18n import install_language, remove_language
from tests.support.window import window_with_project


@pytest.fixture
def french(qapp):
    install_language("fr")
    yield
    remove_language()


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_the_settings_form_says_why_a_value_is_refused_in_french(qtbot, tmp_path, french):
    window = window_with_project(qtbot, tmp_path)
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    form = tab.form

    form.apply_overrides({"model.kind": "unet", "model.depth": 5, "data.segment_samples": 44100})
    label = form.error_label("data.segment_samples")
    assert not label.isHidden()
    said = _plain(label.text())
    assert said.startswith("un U-Net de profondeur 5 divise le signal par deux 5 fois"), said
    assert "divisibles par 32 ; 44 100 ne l'est pas (essayez 44 096)" in said, said
    assert "halves" not in said and not tab.actions.start_button.isEnabled()
    form.apply_overrides({"data.segment_samples": 44096})
    assert label.isHidden()

    form.widget_for("run.batch_size").setValue(0)
    assert form.error_label("run.batch_size").text() == "doit être ≥ 1"
    form.widget_for("run.batch_size").setValue(8)

    # A text field: the (low, high) pair is checked by core (low_high).
    form.widget_for("data.noise.snr_db").setText("15, 0")
    said = _plain(form.error_label("data.noise.snr_db").text())
    # The pair quoted back with decimal commas (gui.localized.sequence), not Python's floats.
    assert said == "il faut (bas, haut) avec bas ≤ haut, reçu (15,0 ; 0,0)", said
    form.widget_for("data.noise.snr_db").setText("0, 15")
    assert tab.actions.start_button.isEnabled()

    # Text that is no number: the reason in French, not Python's "could not convert".
    form.widget_for("optim.lr").setText("vite")
    said = _plain(form.error_label("optim.lr").text())
    assert said == "'vite' n'est pas une valeur valable (pas un nombre)", said
    form.widget_for("data.noise.snr_db").setText("0, x")
    said = _plain(form.error_label("data.noise.snr_db").text())
    assert said == "'0, x' n'est pas une valeur valable (pas un nombre)", said


def test_a_refused_config_reads_french_in_the_banner_and_the_log(qtbot, tmp_path, french):
    from core.train import events as ev
    from core.train.ddp import DistContext
    from core.train.reporting import RunEvents
    from core.train.resume import check_resume_compatible
    from core.train.run_folder import RunFolderWriter

    window = window_with_project(qtbot, tmp_path)
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)

    # A run whose config.json was edited by hand: Duplicate settings says why it is refused.
    bad = window.project.runs_dir / "20261202-030000-denoise"
    bad.mkdir(parents=True)
    (bad / "config.json").write_text(json.dumps({"run": {"epochs": 0}}))
    said: list[str] = []
    tab.actions.message.connect(lambda text, _level: said.append(text))
    tab.runs_list.refresh()
    assert tab.runs_list.select_run(bad)
    assert not tab.actions.duplicate_settings()
    assert said[-1] == "run.epochs\xa0: 0 doit être ≥ 1", said

    # A run that ended on a refused resume, read back from its folder.
    run = window.project.runs_dir / "20261202-031000-denoise"
    run.mkdir(parents=True)
    config = TrainConfig.preset("speech")
    config.save(run / "config.json")
    with pytest.raises(ConfigError) as refused:
        check_resume_compatible(config, config.with_overrides({"model.hidden": 64}))
    english = str(refused.value)
    assert english.startswith("cannot resume with a changed model.hidden: 128 -> 64;")
    events = RunEvents(DistContext())
    events.writers.append(RunFolderWriter(run))
    events.emit(ev.Finished("failed", 0, 0, float("inf"), message=message_of(refused.value)))
    assert tab.actions.attach_run(run)
    log_view = tab.run_view.log_view
    qtbot.waitUntil(lambda: "impossible de reprendre" in log_view.toPlainText(), timeout=10_000)
    text = _plain(log_view.toPlainText())
    assert "impossible de reprendre avec model.hidden: 128 -> 64 modifié ;" in text, text
    assert "cannot resume" not in text


def test_the_command_line_keeps_the_english_with_the_french_catalog_loaded(
    tmp_path, capsys, french
):
    from cli.main import run_cli
    from tests.support.training import make_project

    project = make_project(tmp_path, clips=2)
    assert run_cli(["train", str(project.root), "--set", "run.batch_size=0"]) == 2
    assert "run.batch_size: must be >= 1" in capsys.readouterr().err
    assert run_cli(["train", str(project.root), "--set", "data.noise.snr_db=15,0"]) == 2
    err = capsys.readouterr().err
    assert "data.noise.snr_db: needs (low, high) with low <= high, got (15.0, 0.0)" in err


def test_a_resume_refused_by_its_config_reads_french_in_the_log(qtbot, tmp_path, french):
    """The trainer refuses a config inside the training thread (a run killed before its
    first checkpoint, its config.json edited by hand): the window's log says why in French."""
    window = window_with_project(qtbot, tmp_path)
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    run = window.project.runs_dir / "20261202-032000-denoise"
    run.mkdir(parents=True)
    (run / "config.json").write_text(json.dumps({"run": {"batch_size": 0}}))
    failed: list[str] = []
    tab.controller.failed.connect(failed.append)
    tab.controller.resume(window.project, run)
    qtbot.waitUntil(lambda: bool(failed), timeout=60_000)
    assert failed[0] == "run.batch_size: must be >= 1"  # the English, as core says it
    log_view = tab.run_view.log_view
    qtbot.waitUntil(lambda: "doit être" in log_view.toPlainText(), timeout=10_000)
    assert "ERREUR run.batch_size : doit être ≥ 1" in _plain(log_view.toPlainText())
    qtbot.waitUntil(lambda: not tab.controller.is_active, timeout=10_000)
