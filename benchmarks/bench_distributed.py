"""Benchmark: `curvecli diagnose` of a 1,000-run sweep here (--jobs 1, --jobs 2) and on a Dask
LocalCluster of 2 worker processes (--scheduler local:2); run by hand, needs the `distributed`
extra.

Writes the sweep once with tensorboard's own EventFileWriter into
benchmarks/_data/distributed/ (RUNS runs of POINTS train-loss points and a val-loss point every
VAL_EVERY steps; curves that differ by run), then runs each mode in a fresh
``python -m curvecli diagnose SWEEP --format json`` process, ``--repeat`` times (the fastest
counts). Prints a Markdown table: wall time, runs/s, the client process's own peak RSS (its
ru_maxrss, taken in the process at exit: pool and cluster workers are not in it), the largest
other process it waited for, and whether the JSON is byte-identical to --jobs 1. Then a paper
estimate of a 100,000-run sweep on N workers, from the measured per-run cost.

    python benchmarks/bench_distributed.py                 # 1,000 runs x 300 points
    python benchmarks/bench_distributed.py --quick         # 100 runs, seconds
    python benchmarks/bench_distributed.py --runs 2000 --points 500 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "_data" / "distributed"
RUNS, POINTS, VAL_EVERY = 1000, 300, 10
MODES = (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
         ("--scheduler local:2", ["--scheduler", "local:2"]))
ESTIMATE_RUNS = 100_000
ESTIMATE_WORKERS = (2, 16, 64, 256, 1024)
# Dask's documented scheduler cost per task (docs: "Dask best practices": ~1 ms a task); used
# when the measured one is lost in the noise.
DASK_TASK_OVERHEAD_S = 0.001
MAX_CHUNK = 32  # curvecli.distributed.MAX_CHUNK: runs per task
# What the client process runs: the CLI, then its own peak RSS (KiB on Linux) and the largest
# waited-for child's, written to a file at exit.
CLIENT = """
import atexit, resource, sys
out = sys.argv.pop(1)
def record():
    with open(out, "w") as handle:
        handle.write(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} "
                     f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
atexit.register(record)
sys.argv[0] = "curvecli"
from curvecli.cli import main
main()
"""


# ------------------------------------------------------------------------------------------
# the sweep


def _points(run: int, points: int) -> list[tuple[str, int, float]]:
    """A run's train and val loss: decaying at a rate, noise and a val turn that depend on
    the run (healthy, overfitting, still improving; every 97th diverges)."""
    rate = 3.0 / points * (0.5 + (run % 11) / 5)
    turn = points * (0.4 + 0.1 * (run % 6))
    rows = []
    for step in range(points):
        train = 2.0 * math.exp(-rate * step) + 0.1 + 0.02 * math.sin(step * 0.7 + run)
        if run % 97 == 5:
            train = 1.0 + math.exp(step / (points / 12))
        rows.append(("train/loss", step, train))
        if step % VAL_EVERY == 0:
            rise = max(0.0, step - turn) * 0.004 * (run % 3) / VAL_EVERY
            rows.append(("val/loss", step, train + 0.05 + rise + 0.01 * math.cos(run + step)))
    return rows


def _write_run(folder: Path, rows: list[tuple[str, int, float]]) -> None:
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    folder.mkdir(parents=True, exist_ok=True)
    writer = EventFileWriter(str(folder))
    for index, (tag, step, value) in enumerate(rows):
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag,
                                                                       simple_value=value)])
        writer.add_event(event_pb2.Event(wall_time=1_700_000_000.0 + index, step=step,
                                         summary=summary))
    writer.close()


def write_sweep(root: Path, runs: int, points: int) -> None:
    started = time.perf_counter()
    for run in range(runs):
        _write_run(root / f"lr{run % 10}" / f"run-{run:05d}", _points(run, points))
    (root / "done").write_text("")
    print(f"wrote {runs:,} runs in {time.perf_counter() - started:.1f} s: {root}",
          file=sys.stderr)


def sweep(runs: int, points: int) -> Path:
    """The sweep's folder, written once (a ``done`` file marks a complete one) in a child
    process: this one stays small, because a child forked from it starts its peak RSS at this
    one's size (tensorboard's writer imports TensorFlow when it is installed)."""
    root = DATA_DIR / f"sweep-{runs}x{points}"
    if not (root / "done").exists():
        subprocess.run([sys.executable, __file__, "--write", str(root), "--runs", str(runs),
                        "--points", str(points)], check=True)
    return root


# ------------------------------------------------------------------------------------------
# the measurements


def run_mode(root: Path | str, options: list[str],
             env: dict | None = None) -> tuple[float, int, int, bytes]:
    """(wall seconds, client peak RSS KiB, largest child's peak RSS KiB, stdout) of one
    ``curvecli diagnose`` in a fresh process."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as record:
        environment = {k: v for k, v in os.environ.items() if k != "CURVECLI_SCHEDULER"}
        environment.update(env or {})
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CLIENT, record.name, "diagnose",
                               str(root), "--format", "json", "--quiet", *options],
                              capture_output=True, env=environment, timeout=3600)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise RuntimeError(f"diagnose {' '.join(options)}: {done.stderr.decode()[-2000:]}")
        own, children = (int(value) for value in record.read().split())
    return elapsed, own, children, done.stdout


def s3_sweep(root: Path):
    """The sweep uploaded to moto's S3 server on 127.0.0.1 (started here; needs the
    ``remote`` extra and moto): (the server, its URL for the sweep, the environment that
    points the client at it, the bytes uploaded)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
           "AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_DEFAULT_REGION": "us-east-1"}
    os.environ.update(env)
    import s3fs

    fs = s3fs.S3FileSystem()
    fs.mkdir("bench")
    fs.put(str(root), "bench/sweep", recursive=True)
    size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
    return server, "s3://bench/sweep", env, size


def _without_paths(stdout: bytes) -> list:
    runs = json.loads(stdout)["runs"]
    for run in runs:
        run.pop("path", None)
    return runs


def per_run_parts(root: Path) -> dict:
    """Measured in this process: discovery seconds per run, and the pickled size of one
    run's answer (what travels back from a worker)."""
    from curvecli import distributed
    from curvecli.discover import discover

    started = time.perf_counter()
    found = discover([root])
    discover_s = (time.perf_counter() - started) / len(found.runs)
    outcome = distributed.diagnose_spec(found.runs[0], cwd=os.getcwd())
    return {"discover_s": discover_s, "answer_bytes": len(pickle.dumps(outcome)),
            "runs": len(found.runs)}


def startup_s(options: list[str], repeat: int) -> float:
    """The fixed cost of a diagnose process in a mode: a sweep of one run, fastest of
    ``repeat``."""
    root = sweep(1, 50)
    return min(run_mode(root, options)[0] for _ in range(repeat))


# ------------------------------------------------------------------------------------------
# the report


def table(rows: list[dict], runs: int) -> str:
    lines = ["| mode | time (s) | runs/s | client peak RSS (MB) | largest other process (MB) "
             "| same JSON as --jobs 1 |", "|---|---:|---:|---:|---:|---|"]
    for row in rows:
        lines.append(f"| `{row['mode']}` | {row['time']:.2f} | {runs / row['time']:,.0f} "
                     f"| {row['own'] / 1024:,.0f} | {row['children'] / 1024:,.0f} "
                     f"| {'yes' if row['same'] else 'NO'} |")
    return "\n".join(lines)


def estimate(rows: list[dict], parts: dict) -> str:
    """A 100,000-run sweep on N workers, on paper: the client's fixed start, discovery on the
    client (per run, as measured), and the larger of the work spread over N workers (per-run
    cost measured with --jobs 1) and the client + scheduler's cost per run (measured with
    local:2 beyond its cluster start and the ideal 2-way split, which on a 2-core machine
    includes the workers' competition for the cores; at least Dask's ~1 ms a task shared by
    a chunk of runs); the client's memory grows by one answer a run."""
    runs = parts["runs"]
    row = {row["mode"]: row for row in rows}
    local, cluster = row["--jobs 1"], row["--scheduler local:2"]
    per_run = (local["time"] - local["fixed"]) / runs - parts["discover_s"]
    ideal = cluster["fixed"] + runs * (parts["discover_s"] + per_run / 2)
    overhead = (cluster["time"] - ideal) / runs
    per_task = max(overhead, DASK_TASK_OVERHEAD_S / MAX_CHUNK)
    fixed = local["fixed"]
    lines = [f"Per run: {per_run * 1000:.1f} ms to read + diagnose on one core, "
             f"{parts['discover_s'] * 1000:.2f} ms of discovery on the client, "
             f"{parts['answer_bytes']:,} bytes of answer; client + scheduler cost per run "
             f"{per_task * 1000:.2f} ms ({'measured' if per_task == overhead else 'Dask docs'}"
             f"; measured beyond the ideal 2-way split: {overhead * 1000:.2f} ms). Fixed "
             f"start: {fixed:.2f} s here, {cluster['fixed']:.2f} s with a new local:2 "
             "cluster.", "",
             f"| workers | estimated time for {ESTIMATE_RUNS:,} runs | runs/s |",
             "|---:|---:|---:|"]
    for workers in ESTIMATE_WORKERS:
        spread = ESTIMATE_RUNS * max(per_run / workers, per_task)
        total = fixed + ESTIMATE_RUNS * parts["discover_s"] + spread
        lines.append(f"| {workers:,} | {total / 60:,.1f} min | {ESTIMATE_RUNS / total:,.0f} |")
    memory = ESTIMATE_RUNS * parts["answer_bytes"] * 3 / 2**20  # x3: objects vs pickled bytes
    lines += ["", f"Client memory for the answers: about {memory:,.0f} MB "
                  f"({ESTIMATE_RUNS:,} x {parts['answer_bytes']:,} bytes pickled, x3 as "
                  "Python objects); the scheduler holds ~1 KB of state per task."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--points", type=int, default=POINTS)
    parser.add_argument("--repeat", type=int, default=1, help="fresh processes per mode")
    parser.add_argument("--quick", action="store_true", help="100 runs")
    parser.add_argument("--s3", action="store_true",
                        help="also from moto's S3 server on 127.0.0.1 (the remote extra)")
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # the sweep's writer
    args = parser.parse_args()
    if args.write:
        return write_sweep(args.write, args.runs, args.points)
    runs = 100 if args.quick else args.runs
    root = sweep(runs, args.points)
    rows, reference = [], None
    for name, options in MODES:
        timings = [run_mode(root, options) for _ in range(args.repeat)]
        elapsed, own, children, stdout = min(timings, key=lambda timing: timing[0])
        reference = stdout if reference is None else reference
        rows.append({"mode": name, "time": elapsed, "own": own, "children": children,
                     "same": stdout == reference, "fixed": startup_s(options, 2)})
        print(f"{name}: {elapsed:.2f} s", file=sys.stderr)
    if args.s3:
        server, url, env, size = s3_sweep(root)
        try:
            timings = [run_mode(url, ["--jobs", "2"], env) for _ in range(args.repeat)]
        finally:
            server.stop()
        elapsed, own, children, stdout = min(timings, key=lambda timing: timing[0])
        rows.append({"mode": f"s3:// (moto, 127.0.0.1; {size / 1e6:.0f} MB), --jobs 2",
                     "time": elapsed, "own": own, "children": children,
                     "same": _without_paths(stdout) == _without_paths(reference),
                     "fixed": 0.0})
        print(f"s3: {elapsed:.2f} s", file=sys.stderr)
    assert len(json.loads(reference)["runs"]) == runs
    print(f"`curvecli diagnose SWEEP --format json` of {runs:,} TensorBoard runs x "
          f"{args.points} train-loss points (+ val every {VAL_EVERY}); {os.cpu_count()} "
          "cores\n")
    print(table(rows, runs))
    print()
    print(estimate(rows, per_run_parts(root)))


if __name__ == "__main__":
    main()
