"""The data pipeline: noise, mixing, augmentation, edits, silence skipping, pairs, order."""

from __future__ import annotations

import numpy as np
import pytest

from core.audio.io import content_hash, read_audio
from core.dataset.pairing import pair_folders
from core.dataset.project import Project
from core.dataset.segments import segment_index
from core.train.augment import AugmentPlan, apply_augment
from core.train.config import AugmentConfig, DataConfig
from core.train.data import SegmentDataset, load_sources
from core.train.noise import coloured_noise, make_noise, mix_at_level, mix_at_snr, rms
from core.train.sampling import ResumableBatchSampler, epoch_order
from core.train.trainer import Trainer
from tests.support.audiogen import write
from tests.support.training import SR, make_project, synthetic_voice, tiny_config


def _slope_db_per_decade(x: np.ndarray) -> float:
    spec = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(len(x), 1 / SR)
    band = (f > 50) & (f < 3000)
    return float(np.polyfit(np.log10(f[band]), 10 * np.log10(spec[band] + 1e-20), 1)[0])


def test_coloured_noise_has_the_right_slope():
    rng = np.random.default_rng(0)
    white, pink, brown = (coloured_noise(1 << 16, e, rng) for e in (0.0, 1.0, 2.0))
    assert abs(_slope_db_per_decade(white)) < 1.5
    assert _slope_db_per_decade(pink) == pytest.approx(-10, abs=1.5)
    assert _slope_db_per_decade(brown) == pytest.approx(-20, abs=1.5)
    for x in (white, pink, brown):
        assert rms(x) == pytest.approx(1.0, rel=1e-3)


def test_mixing_hits_the_requested_snr_and_level():
    rng = np.random.default_rng(1)
    clean = synthetic_voice(1.0, 0)[:, 0]
    noise = make_noise("hum", clean.shape[0], SR, rng)
    for snr in (0.0, 5.0, 10.0):
        noisy = mix_at_snr(clean, noise, snr)
        measured = 20 * np.log10(rms(clean) / rms(noisy - clean))
        assert measured == pytest.approx(snr, abs=0.01)
    noisy = mix_at_level(clean, noise, 0.02)
    assert rms(noisy - clean) == pytest.approx(0.02, rel=1e-4)


def test_examples_are_a_pure_function_of_seed_epoch_index():
    cfg = tiny_config().data
    sources = type("S", (), {})()
    voices = [synthetic_voice(2.0, i)[:, 0] for i in range(3)]
    from core.train.data import Sources

    sources = Sources(["a", "b", "c"], voices, None)
    ds = SegmentDataset(sources, cfg, seed=5, train=True)
    a1, t1 = ds.example(2, 3)
    a2, t2 = SegmentDataset(sources, cfg, seed=5, train=True).example(2, 3)
    assert np.array_equal(a1, a2) and np.array_equal(t1, t2)
    b, _ = ds.example(3, 3)
    assert not np.array_equal(a1, b)  # a new epoch draws new noise
    assert a1.shape == (cfg.segment_samples,) and a1.dtype == np.float32


def test_sampler_resumes_at_any_position_without_skipping_or_repeating():
    full = [k for batch in ResumableBatchSampler(23, 4, seed=1, epoch=2) for k in batch]
    assert sorted(i for _, i in full) == list(range(23))
    head = [k for batch in ResumableBatchSampler(23, 4, 1, 2) for k in batch][:8]
    tail = [k for batch in ResumableBatchSampler(23, 3, 1, 2, position=8) for k in batch]
    assert head + tail == full  # even with a different batch size after the stop
    # two ranks split an epoch into disjoint shares covering everything
    r0 = [i for b in ResumableBatchSampler(23, 4, 1, 2, rank=0, world=2) for _, i in b]
    r1 = [i for b in ResumableBatchSampler(23, 4, 1, 2, rank=1, world=2) for _, i in b]
    assert len(r0) == len(r1) == 12 and set(r0) | set(r1) == set(range(23))
    assert not np.array_equal(epoch_order(23, 1, 2), epoch_order(23, 1, 3))


def test_segment_index_covers_clips_and_pads_short_ones():
    idx = segment_index([1000, 250, 0], seg=400, hop=400)
    assert [tuple(int(v) for v in r) for r in idx] == [(0, 0, 399), (0, 400, 200), (1, 0, 0)]


def test_augmentation_is_identical_on_both_sides_and_keeps_length():
    x = synthetic_voice(1.0, 3)[:, 0]
    plan = AugmentPlan(gain_db=3.0, semitones=1.5, stretch=1.1)
    a = apply_augment(x, SR, plan, 4000)
    b = apply_augment(x.copy(), SR, plan, 4000)
    assert a.shape == (4000,) and np.array_equal(a, b)
    gain_only = apply_augment(x[:4000], SR, AugmentPlan(gain_db=6.0), 4000)
    assert np.allclose(gain_only, x[:4000] * 10 ** (6 / 20), atol=1e-6)


def test_edits_and_silence_skipping_reach_training_but_not_the_source(tmp_path):
    folder = tmp_path / "clean"
    voice = synthetic_voice(1.0, 1)
    silence = np.zeros((SR, 1), dtype=np.float32)
    path = write(folder / "gappy.wav", np.concatenate([voice, silence, voice]), SR)
    before = content_hash(path)
    project = Project.create(tmp_path / "p")
    from core.dataset.importer import import_paths

    clip = import_paths(project, [folder], role="clean").added[0]
    project.set_edits(clip.id, [{"op": "gain", "db": -6.0}])
    cfg = DataConfig(sample_rate=SR, segment_samples=1000, skip_silence=True)
    split = project.clip(clip.id).split
    prepared = load_sources(project, cfg, split, use_cache=False).targets[0]
    # the one-second gap is gone (margins kept), and the gain edit applied
    assert len(prepared) < 2.3 * SR
    assert np.max(np.abs(prepared)) == pytest.approx(
        np.max(np.abs(voice)) * 10 ** (-6 / 20), rel=0.01
    )
    no_skip = load_sources(
        project,
        DataConfig(sample_rate=SR, segment_samples=1000, skip_silence=False),
        split,
        use_cache=False,
    ).targets[0]
    assert len(no_skip) == 3 * SR
    assert content_hash(path) == before
    assert read_audio(path)[0].shape[0] == 3 * SR


def test_paired_offsets_are_compensated_and_paired_task_trains(tmp_path):
    """raw → "mixed" pairs where the mixed file lags by 37 samples; after preparation the two
    sides line up sample for sample, and a paired run learns."""
    lag = 37
    raw_dir, mix_dir = tmp_path / "raw", tmp_path / "mixed"
    for i in range(6):
        raw = synthetic_voice(2.0, 10 + i)
        mixed = np.tanh(2.0 * raw) * 0.5  # a "style": saturation and level
        mixed = np.concatenate([np.zeros((lag, 1), np.float32), mixed])[: raw.shape[0]]
        write(raw_dir / f"take{i}.wav", raw, SR)
        write(mix_dir / f"take{i}.wav", mixed, SR)
    project = Project.create(tmp_path / "p")
    report = pair_folders(project, raw_dir, mix_dir)
    pairs = project.pairs()
    assert len(pairs) == 6, report
    assert all(p.offset == lag for p in pairs)
    cfg = tiny_config(**{"data.task": "paired", "run.epochs": 3, "optim.loss": "mse"})
    sources = load_sources(project, cfg.data, pairs[0].input.split, use_cache=False)
    k = [i for i, n in enumerate(sources.names) if n == pairs[0].input.name][0]
    inp, tgt = np.asarray(sources.inputs[k]), np.asarray(sources.targets[k])
    assert np.allclose(np.tanh(2.0 * inp) * 0.5, tgt, atol=2e-3)

    trainer = Trainer(project, cfg, project.runs_dir / "paired")
    finished = trainer.run()
    assert finished.status == "completed", finished.message
    assert trainer.state.history[-1]["val_loss"] < trainer.state.history[0]["val_loss"]


def test_not_enough_data_fails_with_a_clear_message(tmp_path):
    project = Project.create(tmp_path / "empty")
    finished = Trainer(project, tiny_config(), project.runs_dir / "r").run()
    assert finished.status == "failed"
    assert "not enough clean clips" in finished.message and "import" in finished.message


def test_augment_config_probabilities_are_respected():
    cfg = AugmentConfig(gain_prob=0.0, pitch_prob=1.0, stretch_prob=0.0)
    from core.train.augment import draw_augment

    plans = [draw_augment(cfg, np.random.default_rng(i)) for i in range(20)]
    assert all(p.gain_db == 0 and p.stretch == 1.0 and p.semitones != 0 for p in plans)


def test_project_noise_files_are_used(tmp_path):
    project = make_project(tmp_path, clips=3)
    hum_only = np.sin(2 * np.pi * 1234 * np.arange(SR) / SR).astype(np.float32)[:, None] * 0.3
    from core.dataset.importer import import_paths

    write(tmp_path / "noise" / "n.wav", hum_only, SR)
    import_paths(project, [tmp_path / "noise"], role="noise")
    cfg = tiny_config(**{"data.noise.kinds": ("project",), "data.noise.snr_db": (0.0, 0.0)}).data
    from core.train.data import load_noise_clips

    sources = load_sources(project, cfg, "train", use_cache=False)
    ds = SegmentDataset(sources, cfg, 0, True, noise_clips=load_noise_clips(project, cfg))
    inp, tgt = ds.example(0, 0)
    spec = np.abs(np.fft.rfft(inp - tgt))
    assert np.argmax(spec) * SR / len(inp) == pytest.approx(1234, abs=3)


def test_prepared_cache_keys_are_those_of_earlier_versions(monkeypatch):
    """A changed key would orphan every prepared cache users already have: the keys are
    pinned to the values written before the key building was shared (_prep_key_for)."""
    from core.dataset.clips import Clip
    from core.train import data

    def clip(name: str, digest: str, edits: list) -> Clip:
        return Clip(1, 1, f"/x/{name}", name, "clean", "train", 16000, 1, 16000, digest, edits)

    voice = clip("a.wav", "0123456789abcdef", [{"op": "gain", "db": -3.0}])
    video = Clip(2, 2, "/x/b.mkv", "b", "noise", "train", 48000, 2, 4800, "fedcba9876543210")
    video = Clip(**{**video.__dict__, "stream": 1})  # the second audio stream of a video
    cfg = DataConfig()
    silence = (cfg.skip_silence, cfg.silence_threshold_db, cfg.silence_min_s)
    assert (silence, cfg.sample_rate) == ((True, -40.0, 0.3), 22050)  # what the keys saw
    keys = []
    monkeypatch.setattr(data, "_cached", lambda cache, key, make: keys.append(key))
    for c in (voice, video):
        data.prepare_clip(c, cfg, None)
        data.prepare_noise_clip(c, cfg, None)
    assert keys == [
        "69b5702fcc9133b8b75c",
        "94dba55b81715325697d",
        "c43b39179621f363ad19",
        "26b8ae3f6f38636d439a",
    ]


def _kinds_drawn(tmp_path, monkeypatch, share: float, noise_clips: list) -> dict[str, int]:
    """How often each noise kind is made over 2,000 draws of a real dataset."""
    from core.train import data as data_mod

    cfg = tiny_config(**{"data.noise.kinds": ("white", "pink", "hum", "project")}).data
    cfg.noise.project_share = share
    sources = load_sources(make_project(tmp_path, clips=2), cfg, "train", use_cache=False)
    ds = SegmentDataset(sources, cfg, 0, True, noise_clips=noise_clips)
    seen: dict[str, int] = {}
    real = data_mod.make_noise

    def counting(kind, *args, **kwargs):
        seen[kind] = seen.get(kind, 0) + 1
        return real(kind, *args, **kwargs)

    monkeypatch.setattr(data_mod, "make_noise", counting)
    rng = np.random.default_rng(0)
    for _ in range(2000):
        ds._one_noise(rng)
    return seen


def test_project_noise_is_drawn_at_its_share_and_the_rest_evenly(tmp_path, monkeypatch):
    seen = _kinds_drawn(tmp_path, monkeypatch, 0.6, [np.ones(100, np.float32)])
    assert seen["project"] / 2000 == pytest.approx(0.6, abs=0.04)
    others = [seen[k] for k in ("white", "pink", "hum")]
    assert all(n / 2000 == pytest.approx(0.4 / 3, abs=0.03) for n in others)


def test_without_project_noise_the_share_goes_to_the_other_kinds(tmp_path, monkeypatch):
    seen = _kinds_drawn(tmp_path, monkeypatch, 0.9, [])
    assert "project" not in seen
    assert all(seen[k] / 2000 == pytest.approx(1 / 3, abs=0.04) for k in ("white", "pink", "hum"))


def test_project_share_outside_0_1_is_refused():
    from core.train.config import ConfigError, NoiseConfig

    with pytest.raises(ConfigError, match="project_share"):
        NoiseConfig(project_share=1.5)
    with pytest.raises(ConfigError, match="project_share"):
        NoiseConfig(project_share=float("nan"))


def test_speed_perturbation_moves_pitch_and_keeps_the_length():
    from core.train.augment import AugmentPlan, apply_augment, draw_augment

    t = np.arange(SR) / SR
    tone = np.sin(2 * np.pi * 400 * t).astype(np.float32)
    n = SR // 2
    for speed in (0.9, 1.1):
        plan = AugmentPlan(speed=speed)
        out = apply_augment(tone[: plan.source_length(n)], SR, plan, n)
        assert out.shape == (n,)
        peak_hz = np.argmax(np.abs(np.fft.rfft(out))) * SR / n
        assert peak_hz == pytest.approx(400 * speed, abs=4)
        # the whole window is sound: enough source was read for the slower speed too
        assert np.abs(out[-200:]).max() > 0.5
    cfg = AugmentConfig(speed_prob=1.0, speed_rate=(0.9, 1.1))
    plans = [draw_augment(cfg, np.random.default_rng(i)) for i in range(50)]
    speeds = [p.speed for p in plans]
    assert all(0.9 <= s <= 1.1 for s in speeds) and len(set(speeds)) == 50
    assert [
        p.speed for p in (draw_augment(cfg, np.random.default_rng(i)) for i in range(50))
    ] == speeds


def test_configs_without_speed_perturbation_keep_their_draws():
    """Adding the option must not change the examples of configs that do not use it."""
    from core.train.augment import draw_augment

    cfg = AugmentConfig(gain_prob=0.5, pitch_prob=0.3, stretch_prob=0.3)
    rng = np.random.default_rng(7)
    draw_augment(cfg, rng)
    after = rng.random()
    ref = np.random.default_rng(7)
    ref.random(3), ref.uniform(), ref.uniform(), ref.uniform()
    assert after == ref.random()
