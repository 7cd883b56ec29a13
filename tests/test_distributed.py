"""`--scheduler`: diagnose and forecast on a real Dask cluster give the local answer.

A scheduler and two workers run as separate processes bound to 127.0.0.1 (no nanny, so that
killing a worker's process group kills the worker); the workers run in another folder than
the client, so the relative PATHs the tests give are resolved the way a cluster must. The
tests that need no cluster (the core install without the extra, ``--help``) run without
``distributed`` installed; the others are skipped then.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from writers import write_scalars

RUNS = 24  # the small sweep: 22 ordinary runs, a diverging one, an unreadable file
BIG_RUNS = 160  # the sweep a worker is killed in the middle of
BIG_POINTS = 400
START_TIMEOUT_S = 30
POLL_S = 0.02
UNREACHABLE_WITHIN_S = 15  # CONNECT_TIMEOUT_S (5 s) plus the interpreter's start
TASK_PREFIX = "diagnose_spec"  # the task function's name: the scheduler's task prefix
RESULT_BYTES_MAX = 20_000  # what one run's answer may weigh, pickled


# ------------------------------------------------------------------------------------------
# the sweeps


def _curve(run: int, points: int, every: int = 1) -> list[tuple[str, int, float]]:
    """A run's train and val loss: a decaying curve whose level and speed depend on ``run``
    (some still improving, some overfitting as val turns up)."""
    rate = 0.01 + 0.004 * (run % 7)
    turn = points * (0.5 + 0.1 * (run % 5))
    rows = []
    for step in range(0, points * every, every):
        train = 2.0 * math.exp(-rate * step / every) + 0.1 + 0.01 * math.sin(step + run)
        rows.append(("train/loss", step, train))
        if step % (5 * every) == 0:
            over = max(0.0, step / every - turn) * 0.002 * (run % 3)
            rows.append(("val/loss", step, train + 0.05 + over + 0.005 * math.cos(run * step)))
    return rows


def _diverging(points: int) -> list[tuple[str, int, float]]:
    rows = []
    for step in range(points):
        value = 1.0 + math.exp(step / 8) if step < points - 3 else float("nan")
        rows.append(("train/loss", step, value))
        rows.append(("val/loss", step, value * 1.1))
    return rows


def build_sweep(root: Path, runs: int, points: int) -> Path:
    """``runs`` runs under ``root``: ``run-00``... written by tensorboard's own event writer
    (run 01 diverges), and ``run-broken``, whose event file is not one."""
    for run in range(runs - 1):
        rows = _diverging(points // 4) if run == 1 else _curve(run, points)
        write_scalars(root / f"run-{run:02d}", rows)
    broken = root / "run-broken"
    broken.mkdir(parents=True)
    (broken / "events.out.tfevents.1700000000.host.1.0").write_bytes(b"\x00not an event" * 40)
    return root


def build_big_sweep(root: Path, runs: int, points: int, distinct: int = 8) -> Path:
    """``build_sweep`` of ``distinct`` runs, copied until there are ``runs`` (the event
    writer is the slow part of building a sweep)."""
    import shutil

    build_sweep(root, distinct + 1, points)
    for run in range(distinct, runs - 1):
        shutil.copytree(root / f"run-{run % distinct:02d}", root / f"run-{run:03d}")
    return root


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> Path:
    return build_sweep(tmp_path_factory.mktemp("sweep") / "sweep", RUNS, 120)


# ------------------------------------------------------------------------------------------
# the cluster


@dataclass
class Cluster:
    """A scheduler and its workers, each a process in its own process group."""

    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            _kill(process)


def _kill(process: subprocess.Popen) -> None:
    """Kill the process group of ``process`` (started with its own session) and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def _spawn(args: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    with open(log, "ab") as handle:
        return subprocess.Popen([sys.executable, "-m", *args], cwd=cwd, stdout=handle,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env=_environment())


def _wait_for(condition, what: str, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} after {timeout} s")
        time.sleep(0.05)


def start_cluster(folder: Path, workers: int = 2) -> Cluster:
    """``dask scheduler`` and ``workers`` ``dask worker`` processes on 127.0.0.1, the
    workers working in their own folder (not the client's)."""
    from distributed import Client

    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    scheduler = _spawn(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                        "--scheduler-file", str(scheduler_file), "--no-dashboard"],
                       folder, folder / "scheduler.log")
    cluster = Cluster("", scheduler)
    try:
        _wait_for(lambda: scheduler_file.exists() and scheduler_file.stat().st_size,
                  "scheduler file")
        cluster.address = json.loads(scheduler_file.read_text())["address"]
        for index in range(workers):
            cluster.workers.append(_spawn(
                ["distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file),
                 "--nworkers", "1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                 "--host", "127.0.0.1", "--name", f"worker-{index}"],
                folder, folder / f"worker-{index}.log"))
        with Client(cluster.address, timeout=START_TIMEOUT_S) as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT_S)
    except BaseException:
        cluster.stop()
        raise
    return cluster


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    pytest.importorskip("distributed")
    started = start_cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield started
    finally:
        started.stop()


def scheduler_counts(address: str, prefix: str = TASK_PREFIX, client=None) -> dict:
    """How many times the scheduler's tasks named ``prefix`` entered each state (``waiting``:
    once per task submitted, ``memory``: once per task done), asked through ``client`` or a
    new one."""
    from distributed import Client

    def counts(dask_scheduler, name=prefix):
        found = dask_scheduler.task_prefixes.get(name)
        return dict(found.state_counts) if found is not None else {}

    if client is not None:
        return client.run_on_scheduler(counts)
    with Client(address, timeout=START_TIMEOUT_S) as client:
        return client.run_on_scheduler(counts)


# ------------------------------------------------------------------------------------------
# the command


def _environment(**extra: str) -> dict:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("CURVECLI_SCHEDULER", "GITHUB_STEP_SUMMARY")}
    return {**environment, **extra}


def curvecli(*args, cwd: Path, env: dict | None = None, wait: bool = True):
    """``python -m curvecli ARGS`` in ``cwd``: its CompletedProcess (or the Popen)."""
    command = [sys.executable, "-m", "curvecli", *map(str, args)]
    if not wait:
        return subprocess.Popen(command, cwd=cwd, env=env or _environment(), text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=cwd, env=env or _environment(), text=True,
                          capture_output=True, timeout=120)


def same_answer(sweep: Path, *args: str, scheduler: str) -> tuple[str, str]:
    """The stdout of ``curvecli ARGS sweep`` here and with ``--scheduler``, after checking
    that both agree on the exit code and stderr."""
    here = curvecli(*args, sweep.name, cwd=sweep.parent)
    there = curvecli(*args, sweep.name, "--scheduler", scheduler, cwd=sweep.parent)
    assert there.returncode == here.returncode, there.stderr
    assert there.stderr == here.stderr
    return here.stdout, there.stdout


# ------------------------------------------------------------------------------------------
# the tests


def test_diagnose_on_the_cluster_is_the_local_answer(cluster, sweep) -> None:
    before = scheduler_counts(cluster.address).get("memory", 0)
    here, there = same_answer(sweep, "diagnose", "--format", "json", scheduler=cluster.address)
    assert there == here
    reports = json.loads(there)["runs"]
    assert len(reports) == RUNS
    assert reports[1]["run"] == "run-01" and reports[1]["verdict"] == "diverging"
    assert reports[-1]["run"] == "run-broken" and reports[-1]["error"]
    # The scheduler ran the tasks (a few runs each), on both workers.
    assert scheduler_counts(cluster.address).get("memory", 0) - before >= 2


@pytest.mark.parametrize("extra", [[], ["--beat", "run-03"], ["--beat", "1.0", "--level", "0.9"],
                                   ["--beat", "nope"]])
def test_forecast_on_the_cluster_is_the_local_answer(cluster, sweep, extra) -> None:
    here, there = same_answer(sweep, "forecast", "--format", "json", *extra,
                              scheduler=cluster.address)
    assert there == here


def test_the_table_and_warnings_are_the_local_ones(cluster, sweep) -> None:
    here, there = same_answer(sweep, "diagnose", "--format", "tsv", "--metric", "val/loss",
                              scheduler=cluster.address)
    assert there == here


def test_the_environment_names_the_scheduler(cluster, sweep) -> None:
    here = curvecli("diagnose", "--format", "json", sweep.name, cwd=sweep.parent)
    before = scheduler_counts(cluster.address).get("memory", 0)
    there = curvecli("diagnose", "--format", "json", sweep.name, cwd=sweep.parent,
                     env=_environment(CURVECLI_SCHEDULER=cluster.address))
    assert there.returncode == 0, there.stderr
    assert there.stdout == here.stdout
    assert scheduler_counts(cluster.address).get("memory", 0) > before


def test_an_unreachable_scheduler_is_one_error_line(sweep) -> None:
    pytest.importorskip("distributed")
    with socket.socket() as closed:  # a port nothing listens on once the socket is closed
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    started = time.monotonic()
    result = curvecli("diagnose", sweep.name, "--scheduler", f"tcp://127.0.0.1:{port}",
                      cwd=sweep.parent)
    assert time.monotonic() - started < UNREACHABLE_WITHIN_S
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert [line for line in lines if line.startswith("error:")] == lines[:1]


def test_a_local_cluster(sweep) -> None:
    pytest.importorskip("distributed")
    here, there = same_answer(sweep, "diagnose", "--format", "json", scheduler="local:2")
    assert there == here


def test_plot_is_refused_with_a_scheduler(sweep, tmp_path) -> None:
    result = curvecli("forecast", sweep.name, "--plot", tmp_path / "plots", "--scheduler",
                      "local", cwd=sweep.parent)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --plot draws the curves here")


def test_a_killed_worker_still_gives_the_full_answer(tmp_path) -> None:
    distributed = pytest.importorskip("distributed")
    big = build_big_sweep(tmp_path / "big", BIG_RUNS, BIG_POINTS)
    here = curvecli("diagnose", "--format", "json", big.name, cwd=big.parent)
    started = start_cluster(tmp_path / "cluster")
    try:
        with distributed.Client(started.address, timeout=START_TIMEOUT_S) as watcher:
            command = curvecli("diagnose", "--format", "json", big.name, "--scheduler",
                               started.address, cwd=big.parent, wait=False)
            _wait_for(lambda: scheduler_counts("", client=watcher).get("memory", 0) >= 1,
                      "finished task")
            at_kill = scheduler_counts("", client=watcher)
            _kill(started.workers[0])
        stdout, stderr = command.communicate(timeout=120)
    finally:
        started.stop()
    assert at_kill["memory"] < at_kill["waiting"], "the sweep ended before the kill"
    assert command.returncode == 0, stderr
    assert stdout == here.stdout


# ------------------------------------------------------------------------------------------
# without a cluster


def test_one_run_answer_is_small_and_picklable(sweep) -> None:
    from curvecli import distributed as cluster_side
    from curvecli.discover import discover

    spec = discover([sweep / "run-05"]).runs[0]
    outcome = cluster_side.diagnose_spec(spec, cwd=os.getcwd())
    (digest,) = outcome.digests
    assert digest.points > 0 and digest.result.verdict
    assert len(pickle.dumps(outcome)) < RESULT_BYTES_MAX
    forecast = cluster_side.forecast_spec(spec, cwd=os.getcwd())
    assert forecast.digests[0].result.detail is None
    assert len(pickle.dumps(forecast)) < RESULT_BYTES_MAX


def test_a_failed_task_is_an_unreadable_run(sweep) -> None:
    from curvecli import distributed as cluster_side
    from curvecli.discover import discover

    spec = discover([sweep / "run-05"]).runs[0]
    outcome = cluster_side._failed(spec, RuntimeError("worker lost thrice"),
                                   cluster_side.diagnose_spec)
    (digest,) = outcome.digests
    assert digest.points == 0 and digest.files == []
    report = digest.result
    assert report.verdict == "insufficient_data" and report.worst_severity == "error"
    assert "not read on the cluster: RuntimeError: worker lost thrice" in report.error


def test_relative_paths_are_the_clients(sweep, tmp_path, monkeypatch) -> None:
    """A worker in another folder reads the client's relative paths, and answers with them."""
    from curvecli import distributed as cluster_side
    from curvecli.discover import discover

    monkeypatch.chdir(sweep.parent)
    spec = discover([Path(sweep.name)]).runs[6]
    local = cluster_side.diagnose_spec(spec, cwd=os.getcwd())
    monkeypatch.chdir(tmp_path)
    remote = cluster_side.diagnose_spec(spec, cwd=str(sweep.parent))
    assert remote.digests[0].result.to_dict() == local.digests[0].result.to_dict()
    assert remote.digests[0].files == local.digests[0].files
    assert not remote.digests[0].files[0].is_absolute()


def test_help_does_not_import_dask() -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "curvecli", "diagnose",
                             "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--scheduler" in result.stdout
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert not imported & {"dask", "distributed", "tornado"}


def test_without_the_extra_scheduler_is_one_error_line(sweep) -> None:
    code = ("import sys; sys.modules['distributed'] = None; sys.argv = ['curvecli'] + "
            "sys.argv[1:]; from curvecli.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", code, "diagnose", sweep.name, "--scheduler",
                             "local"], cwd=sweep.parent, capture_output=True, text=True,
                            timeout=60, env=_environment())
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "error: --scheduler needs the 'distributed' extra: pip install 'curvecli[distributed]'")
