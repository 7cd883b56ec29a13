"""Hostile trees: what sits in a shared folder under a log's name must not hang, exhaust or
crash curvecli (issue #18).

One tree, built once, holds every kind of hostile file beside good runs: FIFOs and sockets
named like every log curvecli sniffs, links to /dev/zero and /dev/urandom under the same names,
3 GB sparse files (an event file of zeros, an event file whose first record is real, a
trainer_state.json, a metrics.csv), a 300-level deep tree with a run at its bottom, and 500
stray files (50,000 in the slow test). Every command runs on it in one subprocess whose
address space is limited (``MEMORY``) and which is killed after ``WALL`` seconds: each command
finishes in seconds, exits 0, 1 or 2 without a traceback, still reads and diagnoses the good
runs, and names the files it skipped. Cheaper cases (the readers one by one, a file swapped
for a directory or a FIFO between discovery and reading, ``--timeout`` and stalled reads, the
JSON size limit) run in-process.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time
from pathlib import Path

import pytest
from attack import (
    ALSO,
    HOSTILE_KINDS,
    LOG_NAMES,
    every_command_isolated,
    exported,
    invoke,
    make_hostile,
)
from writers import write_csv, write_scalars, write_trainer_state

from curvecli import reading, safeio
from curvecli.errors import CurveError, NotAFileError
from curvecli.readers import by_name, readers
from curvecli.readers import tensorboard as tensorboard_module

pytestmark = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "mkfifo"),
                                reason="FIFOs, devices and setitimer are POSIX")

GIB = 1 << 30
SPARSE = 3 * GIB  # each sparse file: a size no read of it may hold
MEMORY = 2 * GIB  # the address space a command's process may use (curvecli needs < 1.5 GiB)
WALL = 240  # seconds before the subprocess is killed: a hang fails, never hangs CI
COMMAND_SECONDS = 20  # each command on the hostile tree, on a slow shared runner
DEPTH = 300
STRAY = 500  # stray files in the default tree; the slow test walks 50,000
# Every command once (not each output format: those read alike), sweep and watch --once too.
ALL = ["ls", "export", "diagnose", "compare", "forecast", "plot-terminal", "plot", *ALSO]


def good_run(folder: Path, offset: float = 0.0) -> Path:
    write_trainer_state(folder / "trainer_state.json",
                        [entry for step in range(1, 30) for entry in (
                            {"loss": 1.0 / step + offset, "step": step},
                            {"eval_loss": 1.2 / step + offset, "step": step})])
    return folder


def _record(data: bytes) -> bytes:
    """One TFRecord around ``data``, with the masked CRC32C TensorBoard writes."""
    import google_crc32c

    def masked(chunk: bytes) -> bytes:
        crc = google_crc32c.value(chunk)
        return struct.pack("<I", ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8)
                           & 0xFFFFFFFF)

    header = struct.pack("<Q", len(data))
    return header + masked(header) + data + masked(data)


def sparse(path: Path, head: bytes = b"", size: int = SPARSE) -> Path:
    """A file of ``size`` bytes that takes no disk: ``head``, then zeros (a hole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def build_hostile_tree(root: Path, stray: int) -> dict[str, Path]:
    """The tree of the module docstring; returns the good runs' folders by name."""
    good = {"good": good_run(root / "good"), "deep": good_run(root.joinpath(
        "deep", *["d"] * DEPTH, "run"), 0.1)}
    write_csv(root / "csv_run" / "metrics.csv", ["epoch", "step", "train_loss", "val_loss"],
              [[step // 10, step, 1 / (step + 1), 1.1 / (step + 1)] for step in range(40)])
    good["csv_run"] = root / "csv_run"
    for kind in HOSTILE_KINDS:
        for name in LOG_NAMES:
            make_hostile(root / kind / name, kind)
    # A run folder whose event file and trainer_state are FIFOs, beside a real metrics.csv.
    make_hostile(root / "mixed" / "events.out.tfevents.2.host", "fifo")
    make_hostile(root / "mixed" / "trainer_state.json", "zero")
    write_csv(root / "mixed" / "metrics.csv", ["step", "loss"], [[s, 1 / (s + 1)] for s in
                                                                 range(30)])
    good["mixed"] = root / "mixed"
    sparse(root / "sparse" / "zeros" / "events.out.tfevents.1.host")
    first = _record(struct.pack("<Bd", 0x09, 1.0) + b"\x1a\x0dbrain.Event:2")
    sparse(root / "sparse" / "headed" / "events.out.tfevents.1.host", first)
    sparse(root / "sparse" / "state" / "trainer_state.json", b'{"log_history": [')
    sparse(root / "sparse" / "csv" / "metrics.csv", b"step,loss\n1,0.5\n")
    stray_dir = root / "stray"
    stray_dir.mkdir()
    for index in range(stray):
        (stray_dir / f"note-{index:05d}.dat").write_bytes(b"nothing here\n")
    return good


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, build_hostile_tree(root, STRAY)


def _assert_promises(results: dict, seconds: float = COMMAND_SECONDS) -> None:
    for name, line in results.items():
        assert line["exit"] is not None, f"{name}: {line.get('failure')}"
        assert line["exit"] in (0, 1, 2), (name, line)
        assert line["seconds"] < seconds, (name, line["seconds"])


def test_every_command_on_a_hostile_tree_keeps_the_good_runs(hostile, tmp_path: Path) -> None:
    root, good = hostile
    results = every_command_isolated(root, tmp_path / "out", ALL, MEMORY, WALL)
    _assert_promises(results)
    for name, line in results.items():
        if name.startswith("compare") and "no series to compare" in line["stderr"]:
            continue  # the runs log different series: a comparison's answer, not a failure
        assert line["exit"] in (0, 1), (name, line["stderr"][-2000:])
    listed = {run["run"] for run in json.loads(results["ls"]["stdout"])["runs"]}
    expected = {"good", "csv_run", "mixed", "deep/" + "/".join(["d"] * DEPTH) + "/run"}
    assert expected <= listed, listed - expected
    diagnosed = {run["run"] for run in json.loads(results["diagnose"]["stdout"])["runs"]}
    assert expected <= diagnosed
    # Warnings are capped at 20 (the other kinds are checked one by one below).
    assert "a FIFO, not a log file; skipped" in results["ls"]["stderr"]
    assert len(exported_lines(results["export"]["stdout"])) >= 4 * 29


def exported_lines(text: str) -> list[str]:
    return text.splitlines()[1:]


@pytest.mark.slow
def test_fifty_thousand_stray_files_are_walked_in_seconds(tmp_path: Path) -> None:
    build_hostile_tree(tmp_path / "tree", 50_000)
    results = every_command_isolated(tmp_path / "tree", tmp_path / "out",
                                     ["ls", "diagnose", "export"], MEMORY, WALL)
    _assert_promises(results)
    assert all(line["exit"] in (0, 1) for line in results.values())


@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_a_folder_of_one_kind_of_hostile_file_is_one_error(tmp_path: Path, kind: str) -> None:
    """Nothing but FIFOs (or devices, sockets, folders) under log names: exit 2, one error
    line naming one of them, at once (in-process: nothing is opened, so nothing to bound)."""
    made = [make_hostile(tmp_path / "run" / name, kind) for name in LOG_NAMES]
    if not all(made):
        pytest.skip(f"cannot make a {kind} here")
    start = time.monotonic()
    result = invoke("ls", tmp_path / "run")
    assert time.monotonic() - start < 10
    if kind == "directory":  # folders are walked: empty ones hold no log
        assert result.exit_code == 2 and "no training logs found" in result.stderr
    else:
        assert result.exit_code == 2 and "not a log file" in result.stderr, result.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "socket"])
def test_a_hostile_file_given_as_the_path_is_refused_by_name(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "trainer_state.json"
    if not make_hostile(path, kind):
        pytest.skip(f"cannot make a {kind} here")
    good_run(tmp_path / "good")
    result = invoke("ls", path)
    assert result.exit_code == 2
    assert "not a log file" in result.stderr and "trainer_state.json" in result.stderr
    both = invoke("export", path, tmp_path / "good")  # the good PATH is still read
    assert both.exit_code == 0 and len(exported(both)) == 58
    assert "not a log file" in both.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "socket", "directory"])
def test_every_reader_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    """A reader handed a FIFO, a device or a folder (what discovery saw may be swapped before
    the read) refuses it at once with a CurveError naming its kind."""
    path = tmp_path / "x" / "metrics.csv"
    make_hostile(path, kind)
    for reader in readers():
        if reader.name == "mlflow":  # reads a run folder, not this file
            continue
        start = time.monotonic()
        with pytest.raises(CurveError) as caught:
            reader.read(path)
        assert time.monotonic() - start < 2, reader.name
        assert "not a log file" in str(caught.value), (reader.name, caught.value)


def test_safeio_opens_regular_files_only_and_reads_no_more_than_their_size(
        tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError, match="a FIFO, not a log file"):
        safeio.open_regular(fifo)  # O_NONBLOCK: the open itself does not wait for a writer
    with pytest.raises(NotAFileError, match="a directory"):
        safeio.read_all(tmp_path)
    with pytest.raises(NotAFileError, match="a character device"):
        safeio.read_head(Path("/dev/zero"), 10)
    grown = tmp_path / "grown.log"
    grown.write_bytes(b"x" * 100)
    with safeio.open_regular(grown) as handle, open(grown, "ab") as writer:
        writer.write(b"y" * (safeio.LIVE_GROWTH_BYTES + 1000))
        writer.flush()
        assert len(handle.read()) == 100 + safeio.LIVE_GROWTH_BYTES  # the rest: next read
    with pytest.raises(CurveError, match="larger than"):
        safeio.read_all(grown, limit=1000)


def test_a_deep_tree_is_walked_without_recursion(tmp_path: Path) -> None:
    """Discovery's walk keeps its own stack: it finds a run ``DEPTH`` folders down with the
    interpreter allowed only a few frames more than it is using now."""
    import inspect

    from curvecli.discover import discover

    bottom = tmp_path
    for _ in range(DEPTH):
        bottom = bottom / "d"
        bottom.mkdir()
    good_run(bottom)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)
    try:
        found = discover([tmp_path])
    finally:
        sys.setrecursionlimit(limit)
    assert [spec.run for spec in found.runs] == ["/".join(["d"] * DEPTH)]


def test_a_symlink_loop_of_folders_is_not_followed(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    os.symlink(tmp_path, tmp_path / "run" / "loop")
    os.symlink(tmp_path / "run" / "self", tmp_path / "run" / "self")  # a file link to itself
    result = invoke("ls", "--format", "json", tmp_path)
    assert result.exit_code == 0
    assert [run["run"] for run in json.loads(result.stdout)["runs"]] == ["run"]


# --------------------------------------------------------------------------- swapped mid-run


def _swap_after_discovery(monkeypatch, change) -> None:
    """Run ``change()`` between discovery and reading (a file replaced while being read)."""
    real = reading.discover

    def discover(*args, **kwargs):
        found = real(*args, **kwargs)
        change()
        return found

    monkeypatch.setattr(reading, "discover", discover)


@pytest.mark.parametrize("kind", ["directory", "fifo", "zero"])
@pytest.mark.parametrize("name", ["trainer_state.json", "metrics.csv",
                                  "events.out.tfevents.1.host"])
def test_a_log_replaced_while_being_read_is_a_warning(tmp_path: Path, monkeypatch, kind: str,
                                                      name: str) -> None:
    good_run(tmp_path / "runs" / "good")
    victim = tmp_path / "runs" / "victim" / name
    if name == "trainer_state.json":
        good_run(victim.parent)
    elif name == "metrics.csv":
        write_csv(victim, ["step", "loss"], [[s, 1 / (s + 1)] for s in range(10)])
    else:
        victim = write_scalars(victim.parent, [("loss", s, 1 / (s + 1)) for s in range(10)])

    def change() -> None:
        victim.unlink()
        make_hostile(victim, kind)

    _swap_after_discovery(monkeypatch, change)
    result = invoke("export", tmp_path / "runs")
    assert result.exit_code == 0 and set(exported(result)["run"]) == {"good"}
    assert "not a log file" in result.stderr, result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_a_log_whose_permission_is_removed_mid_run_is_a_warning(tmp_path: Path,
                                                                monkeypatch) -> None:
    good_run(tmp_path / "runs" / "good")
    locked = good_run(tmp_path / "runs" / "locked") / "trainer_state.json"
    _swap_after_discovery(monkeypatch, lambda: locked.chmod(0))
    try:
        result = invoke("export", tmp_path / "runs")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 0 and set(exported(result)["run"]) == {"good"}
    assert "Permission denied" in result.stderr


def test_a_followed_log_replaced_by_a_fifo_keeps_its_last_points(tmp_path: Path) -> None:
    from curvecli.follow import Follower

    write_csv(tmp_path / "run" / "metrics.csv", ["step", "loss"], [[s, 1.0] for s in range(5)])
    follower = Follower([tmp_path])
    assert sum(log.points for log in follower.poll()) == 5
    (tmp_path / "run" / "metrics.csv").unlink()
    os.mkfifo(tmp_path / "run" / "metrics.csv")
    start = time.monotonic()
    follower.poll()
    assert time.monotonic() - start < 5


# --------------------------------------------------------------------------- no hang


@pytest.fixture
def stalled_reads(monkeypatch):
    """Every read of a log blocks (as on a hung network file system) until a signal ends it;
    30 s at most, so a broken watchdog fails the test rather than hanging it."""
    def stall(self, buffer) -> int:
        with safeio._reading(self.path):
            time.sleep(30)
        return 0

    monkeypatch.setattr(safeio._BoundedFile, "readinto", stall)
    monkeypatch.setattr(safeio._BoundedFile, "readall", lambda self: stall(self, None) or b"")


def test_timeout_stops_a_command_stuck_on_a_read(tmp_path: Path, stalled_reads) -> None:
    good_run(tmp_path / "run")
    start = time.monotonic()
    result = invoke("diagnose", "--timeout", "0.25", tmp_path / "run")
    assert time.monotonic() - start < 5
    assert result.exit_code == 2
    assert "error: timed out after 0.25 s while reading" in result.stderr, result.stderr
    assert "trainer_state.json" in result.stderr


def test_a_read_that_stalls_stops_the_command_without_a_timeout(tmp_path: Path,
                                                               stalled_reads) -> None:
    good_run(tmp_path / "run")
    start = time.monotonic()
    result = invoke("ls", tmp_path / "run", env={safeio.STALL_ENV: "0.25"})
    assert time.monotonic() - start < 5
    assert result.exit_code == 2 and "error: no data for 0.25 s" in result.stderr, result.stderr


def test_timeout_stops_the_reading_workers_too(tmp_path: Path, monkeypatch) -> None:
    """Discovery's 2 KiB heads are read; the whole files, read in worker processes, stall:
    the workers time out (or are terminated), none is left behind."""
    def stall(self) -> bytes:
        with safeio._reading(self.path):
            time.sleep(30)
        return b""

    monkeypatch.setattr(safeio._BoundedFile, "readall", stall)
    for index in range(reading._PARALLEL_MIN_RUNS):
        good_run(tmp_path / f"run{index:02d}")
    start = time.monotonic()
    result = invoke("ls", "--jobs", "2", "--timeout", "0.25", tmp_path)
    assert time.monotonic() - start < 10
    assert result.exit_code == 2 and "timed out after 0.25 s" in result.stderr, result.stderr
    import multiprocessing

    assert not multiprocessing.active_children()


def test_a_timeout_the_command_beats_changes_nothing(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    result = invoke("export", "--timeout", "60", tmp_path / "run")
    assert result.exit_code == 0 and len(exported(result)) == 58


# --------------------------------------------------------------------------- bounded reads


def test_a_trainer_state_larger_than_the_json_limit_is_refused(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    size = (tmp_path / "run" / "trainer_state.json").stat().st_size
    result = invoke("export", tmp_path / "run", env={safeio.JSON_LIMIT_ENV: str(size - 1)})
    assert result.exit_code == 2
    assert "larger than" in result.stderr and safeio.JSON_LIMIT_ENV in result.stderr
    assert invoke("export", tmp_path / "run").exit_code == 0


def test_a_big_file_of_zeros_named_like_a_log_is_refused_after_its_head(tmp_path: Path) -> None:
    """1 GiB of zeros (sparse) under every log name, read with every reader: refused in
    well under a second each, never scanned."""
    for name in ("events.out.tfevents.1.host", "trainer_state.json", "metrics.csv",
                 "train.log", "history.jsonl"):
        path = sparse(tmp_path / name, size=GIB)
        for reader in readers():
            if reader.name == "mlflow":
                continue
            start = time.monotonic()
            try:
                reader.read(path)
            except CurveError:
                pass
            assert time.monotonic() - start < 1, (name, reader.name)


def test_event_file_records_that_all_fail_their_checksums_are_not_scanned(
        tmp_path: Path) -> None:
    """Garbage whose framing holds but whose data never checks out: reading gives up after
    ``MAX_BAD_STREAK`` records in a row, with a warning, instead of reading to the end."""
    good = _record(struct.pack("<Bd", 0x09, 1.0) + b"\x1a\x0dbrain.Event:2")
    bad = bytearray(_record(struct.pack("<Bd", 0x09, 2.0) + b"\x10\x01"))
    bad[-1] ^= 0xFF
    count = tensorboard_module.MAX_BAD_STREAK * 4
    path = tmp_path / "events.out.tfevents.1.host"
    path.write_bytes(good + bytes(bad) * count)
    points = by_name("tensorboard").read(path)
    assert points.meta["records"] == 1
    assert any("in a row fail their data checksums" in w for w in points.warnings), \
        points.warnings
