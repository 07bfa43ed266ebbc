"""Advice for machines we do not have, described by hand (no GPU needed)."""

from __future__ import annotations

import pytest

from core.hardware.advice import advise, setting_in_words
from core.hardware.advice_rules import advise_cache, advise_workers
from core.hardware.batch_probe import ProbeResult
from core.hardware.detect import CpuInfo, DiskInfo, GpuInfo, MachineInfo, MemoryInfo
from core.hardware.estimates import DatasetSize, estimate_time
from core.hardware.probe_step import ProbePoint
from core.units import GIB

MIB = 1024**2


def machine(gpu: GpuInfo | None = None, cores: int = 8, ram_gb: float = 32, os: str = "Linux 6.8"):
    return MachineInfo(
        cpu=CpuInfo("Test CPU", physical_cores=cores // 2, logical_cores=cores, usable_cores=cores),
        memory=MemoryInfo(total_bytes=int(ram_gb * GIB), available_bytes=int(ram_gb * 0.8 * GIB)),
        gpus=(gpu,) if gpu else (),
        disk=DiskInfo("/data/project", 500 * GIB, 200 * GIB),
        os=os,
        torch_version="2.11.0",
        nvml=gpu is not None,
    )


def card(name: str, total_mib: int, free_mib: int, cap: tuple[int, int], others_mib: int = 0):
    return GpuInfo(
        index=0,
        name=name,
        backend="cuda",
        total_bytes=total_mib * MIB,
        free_bytes=free_mib * MIB,
        capability=cap,
        bf16=cap >= (8, 0),
        fp16=cap >= (7, 0),
        other_process_bytes=others_mib * MIB,
    )


# The sizes real cards report (MiB), with a CUDA context of a few hundred MiB in use.
GTX1650 = card("NVIDIA GeForce GTX 1650", 3911, 3500, (7, 5))
RTX3070 = card("NVIDIA GeForce RTX 3070 Laptop GPU", 7982, 7500, (8, 6))
T4 = card("Tesla T4", 15095, 14700, (7, 5))
H100 = card("NVIDIA H100 80GB HBM3", 81559, 80900, (9, 0))
# A 24 GB card where a game or another training holds 21 GB.
BUSY3090 = card("NVIDIA GeForce RTX 3090", 24576, 2600, (8, 6), others_mib=21 * 1024)


def test_cpu_only_says_so_plainly_and_gives_cpu_advice():
    adv = advise(machine(None, cores=4, ram_gb=16))
    assert adv.device == "cpu"
    assert adv.batch_source == "table" and adv.batch_size == 8
    assert adv.amp == "off" and adv.compile is False
    assert adv.workers == 2  # data made between steps stalled them (BENCHMARKS.md)
    assert advise(machine(None, cores=2, ram_gb=16)).workers == 2  # the 2-core case too
    assert advise(machine(None, cores=1, ram_gb=16)).workers == 0
    assert any("No GPU found" in w for w in adv.warnings())
    assert adv.settings() == {
        "run.batch_size": 8,
        "run.workers": 2,
        "data.cache": "disk",
        "run.amp": "off",
        "run.compile": False,
        "run.device": "cpu",
    }


@pytest.mark.parametrize(
    "gpu, batch, amp",
    [
        (GTX1650, 16, "off"),  # 4 GB, and fp16 NaNs on GTX 16xx
        (RTX3070, 32, "bf16"),  # 8 GB Ampere
        (T4, 48, "fp16"),  # 16 GB Turing with tensor cores, no bf16
        (H100, 64, "bf16"),  # 80 GB
    ],
)
def test_table_batch_and_precision_by_card(gpu, batch, amp):
    adv = advise(machine(gpu))
    assert adv.device == "cuda:0"
    assert adv.batch_source == "table"
    assert adv.batch_size == batch
    assert adv.amp == amp
    assert adv.workers == 7  # 8 cores, one kept for the loop; 25 GB RAM allows 7
    assert adv.compile is True  # Linux, Volta or newer, Triton ships with torch
    assert not any("Other programs hold" in line.text for line in adv.lines)


def test_gtx16_warns_about_fp16_nan_and_suggests_fp32():
    adv = advise(machine(GTX1650))
    text = " ".join(adv.warnings())
    assert "NaN" in text and "fp32" in text
    assert adv.amp == "off"


def test_card_mostly_taken_by_another_process_gets_a_small_batch_and_a_warning():
    adv = advise(machine(BUSY3090))
    # The box says 24 GB (64 from the table) but only 2.5 GB is free.
    assert adv.batch_size == 8
    warning = next(w for w in adv.warnings() if "Other programs hold" in w)
    assert "21.0 GB" in warning and "RTX 3090" in warning


def test_others_vram_seen_without_nvml_process_list():
    # Containers hide other PIDs: fall back to used - own - context allowance.
    gpu = GpuInfo(0, "NVIDIA A10", "cuda", 24 * GIB, 6 * GIB, (8, 6), True, True)
    assert gpu.other_process_bytes is None
    assert gpu.held_by_others_bytes == pytest.approx(18 * GIB - 0.75 * GIB, rel=1e-6)
    assert any("Other programs hold" in w for w in advise(machine(gpu)).warnings())


def test_no_warning_for_our_own_context():
    gpu = GpuInfo(0, "NVIDIA L4", "cuda", 23034 * MIB, 22500 * MIB, (8, 9), True, True)
    assert not any("Other programs" in w for w in advise(machine(gpu)).warnings())


def test_windows_gets_no_compile():
    assert advise(machine(RTX3070, os="Windows 11")).compile is False


def _probe(points, recommended, free=80 * GIB, safety=0.7, sps=None, fastest=None):
    return ProbeResult(
        device="cuda:0",
        device_name="NVIDIA H100 80GB HBM3",
        method="measured",
        memory_kind="cuda max_memory_allocated",
        segment_samples=65536,
        parameters=1_000_000,
        free_bytes=free,
        total_bytes=free,
        safety_fraction=safety,
        budget_bytes=int(free * safety),
        points=tuple(points),
        fit_a=0.5 * GIB,
        fit_b=0.25 * GIB,
        recommended_batch=recommended,
        fastest_batch=fastest,
        seconds_per_step=sps,
    )


def test_measured_batch_wins_over_table_and_gives_a_time_estimate():
    pts = [
        ProbePoint(8, "ok", int(2.5 * GIB), None, 0.05, 160.0),
        ProbePoint(16, "ok", int(4.5 * GIB), None, 0.06, 266.0),
        ProbePoint(64, "ok", int(16.5 * GIB), None, 0.2, 320.0),
    ]
    probe = _probe(pts, 64, sps=0.2, fastest=64)
    ds = DatasetSize(
        train_seconds=3600.0, cached_seconds=4000.0, sample_rate=16000, train_segments=900
    )
    adv = advise(machine(H100), probe, ds, epochs=100, hours=8)
    assert adv.batch_source == "measured" and adv.batch_size == 64
    assert adv.cache == "ram"  # 4000 s × 16 kHz × 4 B = 244 MB
    est = adv.estimate
    assert est.steps_per_epoch == 15  # 900 segments / 64
    assert est.seconds_per_epoch == pytest.approx(3.0)
    assert est.total_seconds == pytest.approx(300.0)
    assert est.epochs_in_budget == 9600
    assert any("16.5 GB" in line.text and "70%" in line.text for line in adv.lines)


def test_the_fastest_batch_within_the_budget_is_recommended():
    # The case: the table showed 32 fastest while 64 was recommended. The advice
    # is now the fastest within the budget, and the estimate uses that size's step time.
    pts = [
        ProbePoint(4, "ok", GIB, None, 0.01, 400.0),
        ProbePoint(32, "ok", 8 * GIB, None, 0.2, 160.0),
    ]
    ds = DatasetSize(3600.0, 4000.0, 16000, train_segments=400)
    adv = advise(machine(RTX3070), _probe(pts, 32, sps=0.2, fastest=4), ds, epochs=10)
    assert adv.batch_size == 4
    (line,) = [ln.text for ln in adv.lines if ln.topic == "batch"]
    assert "fastest per example" in line and "up to 32 fits" in line
    assert adv.estimate.steps_per_epoch == 100 and adv.estimate.seconds_per_step == 0.01
    # About as fast (within 10 %): the largest that fits stays.
    pts[1] = ProbePoint(32, "ok", 8 * GIB, None, 0.085, 376.0)
    adv = advise(machine(RTX3070), _probe(pts, 32, sps=0.085, fastest=4), ds, epochs=10)
    assert adv.batch_size == 32 and adv.estimate.seconds_per_step == 0.085


def test_probe_that_fits_nothing_falls_back_with_a_warning():
    probe = _probe([ProbePoint(1, "oom", message="CUDA out of memory")], 0)
    probe = ProbeResult(**{**probe.__dict__, "warnings": ("Not even batch 1 could run: OOM",)})
    adv = advise(machine(GTX1650), probe)
    assert adv.batch_source == "table"
    assert any("Not even batch 1" in w for w in adv.warnings())


def test_workers_limited_by_ram():
    cpu = CpuInfo("x", 16, 32, 32)
    workers, text = advise_workers(cpu, MemoryInfo(8 * GIB, 5 * GIB), on_gpu=True)
    assert workers == 4  # (5 - 2) GB / 0.75 GB
    assert "RAM" in text
    assert advise_workers(cpu, MemoryInfo(128 * GIB, 120 * GIB), on_gpu=True)[0] == 8


def test_big_dataset_goes_to_disk_and_warns_when_disk_is_short():
    ds = DatasetSize(train_seconds=200 * 3600, cached_seconds=250 * 3600, sample_rate=48000)
    cache, lines = advise_cache(ds, MemoryInfo(32 * GIB, 28 * GIB), DiskInfo("/p", GIB, GIB))
    assert ds.cache_bytes > 100 * GIB
    assert cache == "disk"
    assert any(line.level == "warning" and "/p" in line.text for line in lines)


def test_time_budget_and_steps():
    est = estimate_time(0.5, 16, hours=1)
    assert est.seconds_per_epoch == 8.0
    assert est.epochs_in_budget == 450
    with pytest.raises(ValueError):
        estimate_time(0, 16)


def test_a_time_budget_reads_as_people_say_it():
    pts = [ProbePoint(8, "ok", GIB, None, 0.05, 160.0)]
    ds = DatasetSize(3600.0, 4000.0, 16000, train_segments=80)
    adv = advise(machine(H100), _probe(pts, 8, sps=0.05, fastest=8), ds, hours=1 / 6)
    (line,) = [ln.text for ln in adv.lines if ln.topic == "time"]
    assert "fit in 10 min" in line and "0.1667" not in line


def test_settings_apply_to_the_trainers_config():
    from core.train.config import TrainConfig

    adv = advise(machine(T4))
    cfg = TrainConfig.preset("speech").with_overrides(adv.settings())
    assert cfg.run.batch_size == 48 and cfg.run.amp == "fp16" and cfg.run.device == "cuda:0"
    assert cfg.run.workers == adv.workers and cfg.data.cache == "disk" and cfg.run.compile


def test_cpu_probe_on_a_gpu_machine_advises_for_the_cpu():
    pts = [ProbePoint(4, "ok", GIB, None, 0.5, 8.0)]
    probe = ProbeResult(**{**_probe(pts, 4, sps=0.5, fastest=4).__dict__, "device": "cpu"})
    adv = advise(machine(H100), probe)
    assert adv.device == "cpu" and adv.batch_size == 4 and adv.amp == "off"
    assert not adv.compile
    assert not any("No GPU found" in w for w in adv.warnings())
    assert any("Measured on the CPU" in w and "H100" in w for w in adv.warnings())
    # Measured on the card: the card's advice.
    adv = advise(machine(H100), _probe(pts, 4, sps=0.5, fastest=4))
    assert adv.device == "cuda:0" and adv.amp == "bf16"


def _french_sources() -> set[tuple[str, str]]:
    """(context, source) of every translated message in the French catalog."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parents[3] / "resources" / "i18n" / "wavesmith_fr.ts"
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            if message.findtext("translation"):
                out.add((context.findtext("name", ""), message.findtext("source", "")))
    return out


def _untranslatable(text, catalog) -> list[str]:
    """The parts of `text` a French window would show in English: a line that is a plain
    str, or a Message (arguments included) whose template has words not in the catalog."""
    import re

    from core.messages import Message

    if not isinstance(text, Message):
        return [repr(text)]
    bare = text.template
    while (shorter := re.sub(r"\{[^{}]*\}", "", bare)) != bare:  # nested fields too
        bare = shorter
    out = []
    if re.search(r"[A-Za-z]", bare) and (text.context, text.template) not in catalog:
        out.append(f"{text.context}: {text.template!r}")
    for value in text.args.values():
        if isinstance(value, Message):  # plain str arguments are names, paths, numbers
            out += _untranslatable(value, catalog)
    return out


def test_every_advice_line_is_a_message_with_its_french():
    """The rules word their lines one way (advice_rules.line/words): a line written as a
    plain string, or a template not marked for translation, shows in English in French."""
    from core.hardware.advice_rules import advise_compile, advise_precision
    from core.hardware.epoch_timing import EpochTiming

    pts = [ProbePoint(8, "ok", GIB, None, 0.05, 160.0), ProbePoint(16, "ok", 2 * GIB, None, 0.3, 53.0)]  # fmt: skip
    probe = _probe(pts, 16, sps=0.05, fastest=8)
    ds = DatasetSize(3600.0, 4000.0, 16000, train_segments=800)
    huge = DatasetSize(200 * 3600, 250 * 3600, 48000, train_segments=800)
    timing = EpochTiming(8, "cuda:0", 0.06, 0.01, 3, 2.0, 40, 0.0, 0, cached=True)
    tiny_disk = MachineInfo(**{**machine(RTX3070).__dict__, "disk": DiskInfo("/p", GIB, GIB)})
    cpu_probe = ProbeResult(**{**_probe(pts, 8, sps=0.5, fastest=8).__dict__, "device": "cpu"})
    old = card("Quadro P4000", 8192, 8000, (6, 1))
    mps = GpuInfo(0, "Apple M2", "mps", 16 * GIB, 12 * GIB, None, False, True)
    oom = _probe([ProbePoint(1, "oom", message="OOM")], 0)  # the probe's words: not advice's
    nothing_fits = ProbeResult(**{**oom.__dict__, "warnings": ("Not even batch 1 could run",)})
    advices = [
        advise(machine(None, cores=1), epochs=10),
        advise(machine(None, cores=4, ram_gb=4), dataset=huge),
        advise(machine(GTX1650)),
        advise(machine(T4, ram_gb=4)),
        advise(machine(BUSY3090, os="Windows 11"), dataset=ds),
        advise(machine(H100), probe, ds, epochs=100, hours=8),
        advise(machine(H100), probe, ds, epochs=100, hours=1e-6, timing=timing),
        advise(machine(old), cpu_probe, ds),
        advise(tiny_disk, dataset=huge),
        advise(machine(RTX3070), nothing_fits),
    ]
    lines = [
        line for adv in advices for line in adv.lines if line.text not in nothing_fits.warnings
    ]
    lines += advise_precision(mps)[1] + advise_precision(old)[1] + [advise_compile(old, "Linux")[1]]
    topics = {line.topic for line in lines}
    assert topics == {"device", "batch", "workers", "cache", "precision", "compile", "time", "disk"}
    assert len({line.text for line in lines}) >= 25  # every rule's wording, near enough
    catalog = _french_sources()
    left = [part for line in lines for part in _untranslatable(line.text, catalog)]
    assert not left, left


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("run.batch_size", 32, "batch size 32"),
        ("run.workers", 0, "data prepared in the training process (no loader workers)"),
        ("run.workers", 1, "1 data loading worker"),
        ("run.workers", 4, "4 data loading workers"),
        ("data.cache", "ram", "decoded audio kept in RAM"),
        ("data.cache", "mmap", "cache mmap"),
        ("run.amp", "fp16", "fp16 mixed precision"),
        ("run.amp", "fp8", "precision fp8"),
        ("run.compile", True, "torch.compile on"),
        ("run.device", "cpu", "training on the CPU"),
        ("run.device", "cuda:1", "training on GPU 1 (cuda:1)"),
        ("run.seed", 3, "run.seed 3"),
    ],
)
def test_an_advised_setting_in_words_is_a_message_with_its_english(key, value, said):
    """The Training tab translates these (context HardwareAdvice); the English stays."""
    words = setting_in_words(key, value)
    assert words == said
    assert words.context == "HardwareAdvice" and words.template
