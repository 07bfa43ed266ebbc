"""events.jsonl read back in slices: whole lines only, in order, nothing lost or doubled."""

from __future__ import annotations

import json
import time

from core.train import events as ev
from core.train.run_folder import RunFolderWriter, parse_event, read_event_bytes, read_events


def _steps(n: int) -> list[ev.StepDone]:
    return [ev.StepDone(0, i, i, n, 1.0 / i, 1e-3, 100.0, 0.1) for i in range(1, n + 1)]


def test_slices_end_on_line_boundaries_and_add_up_to_the_file(tmp_path):
    writer = RunFolderWriter(tmp_path)
    steps = _steps(300)
    for s in steps:
        writer(s)
    size = (tmp_path / "events.jsonl").stat().st_size
    offset, got, slices = 0, [], 0
    while True:
        data, offset, more = read_event_bytes(tmp_path, offset, max_bytes=1000)
        assert data.endswith(b"\n") and len(data) <= 1000
        got += [parse_event(line) for line in data.splitlines()]
        slices += 1
        if not more:
            break
    assert offset == size and slices > 10
    assert got == steps


def test_a_half_written_line_waits_and_a_line_longer_than_a_slice_comes_whole(tmp_path):
    path = tmp_path / "events.jsonl"
    long_warning = ev.Warning("x" * 5000, kind="data")
    path.write_text(json.dumps(ev.to_dict(long_warning)) + "\n" + '{"message": "half')
    data, offset, more = read_event_bytes(tmp_path, 0, max_bytes=1000)
    assert parse_event(data) == long_warning and not more
    assert read_event_bytes(tmp_path, offset, max_bytes=1000) == (b"", offset, False)
    with path.open("a") as f:
        f.write(' done", "kind": "general", "name": "warning"}\n')
    events, _ = read_events(tmp_path, offset)
    assert events == [ev.Warning("half done")]


def test_unreadable_lines_are_skipped_not_fatal(tmp_path):
    path = tmp_path / "events.jsonl"
    good = ev.Warning("ok")
    lines = ["not json", '{"name": "no_such_event"}', '{"name": "warning", "bogus": 1}', "[1, 2]"]
    path.write_text("\n".join(lines + [json.dumps(ev.to_dict(good))]) + "\n")
    assert read_events(tmp_path)[0] == [good]
    assert read_event_bytes(tmp_path / "missing", 0, 100) == (b"", 0, False)


def test_epoch_events_of_older_runs_keep_their_pesq_and_stoi(tmp_path):
    """Runs written before PESQ/STOI had fields carried them in `extra`."""
    line = json.dumps(
        {
            **ev.to_dict(ev.EpochDone(0, 0.4, 0.5, 6.0, 3.0, 1e-3, 0, 0.5, 0, 60.0)),
            "extra": [["pesq", 2.5], ["stoi", 0.9]],
        }
    )
    for key in ("val_pesq", "val_stoi", "val_pesq_input", "val_stoi_input"):
        line = line.replace(f'"{key}": null, ', "")
    event = parse_event(line.encode())
    assert isinstance(event, ev.EpochDone)
    assert (event.val_pesq, event.val_stoi, event.val_pesq_input) == (2.5, 0.9, None)


def test_events_carry_the_time_they_happened_into_the_folder(tmp_path):
    """Every listener hears the same stamped time, the folder keeps it, and reading it back
    gives it again; a line of an older run (no time) reads as None, not as 'now'."""
    from core.train.ddp import DistContext
    from core.train.reporting import RunEvents

    heard = []
    events = RunEvents(DistContext(), heard.append)
    events.writers = [RunFolderWriter(tmp_path)]
    events.warn("disk nearly full", "disk")
    (event,) = heard
    assert event.time is not None and abs(event.time - time.time()) < 60
    (back,), _ = read_events(tmp_path)
    assert back.time == event.time and back == event
    # Written by hand without a time: the writer stamps it on the way into the folder.
    RunFolderWriter(tmp_path)(ev.Warning("by hand"))
    assert read_events(tmp_path)[0][-1].time is not None

    old = {k: v for k, v in ev.to_dict(ev.Warning("old run")).items() if k != "time"}
    assert parse_event(json.dumps(old).encode()).time is None
