"""Benchmark: tracking stores and console logs (issue #16), curvecli against the writers' readers.

Run by hand, not by CI. Inputs are built once into the gitignored benchmarks/_data/stores/
(each in a child process, so that no reader inherits the builder's memory) and reused:

* ``mlflow_sql``: an MLflow SQL store (``mlflow.db``) of 1,000,000 points over 100 runs. The
  experiment, the runs, their params and tags and the first step of every key are logged with
  the real ``MlflowClient`` (so the schema and every migration are mlflow's own); the other
  points are bulk-inserted with ``sqlite3.executemany`` into mlflow's own ``metrics`` table in
  its exact column layout ``(key, value, timestamp, run_uuid, step, is_nan)``, NaN as
  ``value 0, is_nan 1`` and inf as ``sys.float_info.max``, as ``SqlAlchemyStore`` writes them
  (``latest_metrics`` is left as the client wrote it: no reader here uses it);
* ``mlflow_files``: an MLflow file store (``mlruns/``) of 1,000 runs of 1,000 points each. The
  first runs are logged with the real client; the others are copies of the first run's folder
  with their own run id, name and points: ``meta.yaml`` written by mlflow's own ``write_yaml``,
  metric lines ``<timestamp> <value> <step>`` as ``FileStore._log_run_metric`` appends them;
* ``trackio``: a trackio project database of 1,000,000 points (200,000 rows of 5 metrics, 10
  runs) written by trackio's own storage writer, ``SQLiteStorage.bulk_log`` (what its server
  uses to store logged batches), with ``TRACKIO_DIR`` pointing into the data folder;
* ``console``: a 1 GB console log: real captured output repeated (tests/data/text: Keras 3
  ``fit`` with a TTY progress bar, HF Trainer dicts between tqdm bars, nanoGPT), with as many
  bytes of noise (a real Python traceback and warning text formatted by ``traceback`` and
  ``warnings``, tqdm bars drawn by tqdm, logging lines).

Each tool runs in a fresh process (its peak RSS, ``ru_maxrss``, is its own; imports are not
timed); curvecli's time is ``curvecli.load_runs(path)``, the fastest of ``--repeat``
processes; the references run once. References: ``pandas.read_sql`` of the ``metrics`` table
(a floor: rows as stored, no NaN/inf decoding, no runs) and ``MlflowClient.get_metric_history``
for every key of a subset of runs, extrapolated to all runs (what a script using mlflow's API
spends); trackio's ``SQLiteStorage.get_logs`` for every run; ``grep -c`` of the metric lines as a
floor for one scan of the console log.

    python benchmarks/bench_stores.py                  # full sizes
    python benchmarks/bench_stores.py --quick          # 1/20 of the sizes
    python benchmarks/bench_stores.py --only console --repeat 5
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_all import fmt_seconds  # noqa: E402  (one way to print a time in these tables)

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(__file__).resolve().parent / "_data" / "stores"
TEXT = ROOT / "tests" / "data" / "text"
PARTS = ("mlflow_sql", "mlflow_files", "trackio", "console")
FULL = {"points": 1_000_000, "sql_runs": 100, "file_runs": 1_000, "console_mb": 1024}
QUICK = {"points": 50_000, "sql_runs": 10, "file_runs": 50, "console_mb": 50}
KEYS = ("train/loss", "val/loss", "train/accuracy", "val/accuracy", "learning_rate")
CLIENT_RUNS = 3  # file store: runs logged with the client; the others copy the first
API_SUBSET = {"mlflow_sql": 5, "mlflow_files": 20}  # runs read with get_metric_history
TRACKIO_RUNS, TRACKIO_BATCH = 10, 10_000
T0_MS = 1_700_000_000_000
QUIET_ENV = {"MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true", "HF_HUB_OFFLINE": "1",
             "HF_HUB_DISABLE_TELEMETRY": "1", "MLFLOW_ALLOW_FILE_STORE": "true"}
METRICS_LAYOUT = ["key", "value", "timestamp", "run_uuid", "step", "is_nan"]
GREP_PATTERN = r"loss|accuracy|mfu"  # every metric line of the console log holds one
FILE_NAMES = {"mlflow_sql": "mlflow.db", "mlflow_files": "mlruns", "trackio": "bench.db",
              "console": "train.log"}


# ------------------------------------------------------------------------------------------
# the inputs


def curve(run: int, count: int, key_index: int):
    """``count`` values of one key of one run: a noisy decay, NaN and inf sprinkled in."""
    import numpy as np

    rng = np.random.default_rng(run * 31 + key_index)
    steps = np.arange(count)
    values = 2.0 * np.exp(-steps / max(count / 4, 1)) + 0.1 + 0.02 * rng.standard_normal(count)
    values[rng.integers(0, count, max(count // 5000, 1))] = math.nan
    values[rng.integers(0, count, max(count // 20000, 1))] = math.inf
    return values.tolist()


def run_params(run: int) -> dict:
    return {"lr": [1e-3, 3e-4, 1e-4][run % 3], "batch_size": 32, "seed": run, "optimizer": "adamw"}


def write_mlflow_sql(folder: Path, points: int, runs: int) -> None:
    """The SQL store: runs and first points with MlflowClient, the rest bulk-inserted."""
    import sqlite3

    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param

    db = folder / FILE_NAMES["mlflow_sql"]
    client = MlflowClient(tracking_uri=f"sqlite:///{db}")
    experiment = client.create_experiment("bench", artifact_location=(folder / "art").as_uri())
    per_key = points // runs // len(KEYS)
    rows = []
    for run in range(runs):
        start = T0_MS + run * 10_000_000
        run_id = client.create_run(experiment, start_time=start,
                                   run_name=f"lr{run % 10}-seed{run}").info.run_id
        series = [curve(run, per_key, index) for index in range(len(KEYS))]
        client.log_batch(run_id, params=[Param(k, str(v)) for k, v in run_params(run).items()],
                         metrics=[Metric(key, series[index][0], start, 0)
                                  for index, key in enumerate(KEYS)])
        client.set_terminated(run_id, end_time=start + per_key * 1000)
        for index, key in enumerate(KEYS):
            for step in range(1, per_key):
                value = series[index][step]
                nan = math.isnan(value)
                stored = 0.0 if nan else sys.float_info.max if value == math.inf else value
                rows.append((key, stored, start + step * 1000, run_id, step, int(nan)))
    with sqlite3.connect(db) as connection:
        layout = [row[1] for row in connection.execute("PRAGMA table_info(metrics)")]
        assert layout == METRICS_LAYOUT, f"mlflow's metrics table changed: {layout}"
        connection.executemany(f"INSERT INTO metrics ({', '.join(METRICS_LAYOUT)}) "
                               "VALUES (?, ?, ?, ?, ?, ?)", rows)
    connection.close()


def write_mlflow_files(folder: Path, points: int, runs: int) -> None:
    """The file store: ``CLIENT_RUNS`` runs with MlflowClient, the others copied from the first
    run's folder in the same format."""
    import uuid

    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param
    from mlflow.utils.file_utils import read_yaml, write_yaml

    store = folder / FILE_NAMES["mlflow_files"]
    client = MlflowClient(tracking_uri=f"file:{store}")
    experiment = client.create_experiment("bench")
    per_key = points // runs // len(KEYS)
    first_dir = None
    for run in range(runs):
        start = T0_MS + run * 10_000_000
        series = [curve(run, per_key, index) for index in range(len(KEYS))]
        name = f"lr{run % 10}-seed{run:04d}"
        if run < CLIENT_RUNS:
            run_id = client.create_run(experiment, start_time=start, run_name=name).info.run_id
            metrics = [Metric(key, series[index][step], start + step * 1000, step)
                       for index, key in enumerate(KEYS) for step in range(per_key)]
            for chunk in range(0, len(metrics), 1000):  # log_batch takes 1,000 at a time
                client.log_batch(run_id, metrics=metrics[chunk:chunk + 1000], params=[
                    Param(k, str(v)) for k, v in run_params(run).items()] if not chunk else [])
            client.set_terminated(run_id, end_time=start + per_key * 1000)
            first_dir = first_dir or store / experiment / run_id
            continue
        run_id = uuid.uuid4().hex
        run_dir = store / experiment / run_id
        shutil.copytree(first_dir, run_dir)
        meta = read_yaml(str(run_dir), "meta.yaml")
        meta.update(run_id=run_id, run_uuid=run_id, run_name=name, start_time=start,
                    end_time=start + per_key * 1000,
                    artifact_uri=str(meta["artifact_uri"]).replace(first_dir.name, run_id))
        write_yaml(str(run_dir), "meta.yaml", meta, overwrite=True)
        (run_dir / "tags" / "mlflow.runName").write_text(name)
        for key, value in run_params(run).items():
            (run_dir / "params" / key).write_text(str(value))
        for index, key in enumerate(KEYS):
            lines = [f"{start + step * 1000} {series[index][step]} {step}\n"
                     for step in range(per_key)]
            (run_dir / "metrics" / key).write_text("".join(lines))


def write_trackio(folder: Path, points: int) -> None:
    """A trackio project database written by ``SQLiteStorage.bulk_log``; TRACKIO_DIR is set by
    the caller (trackio reads it at import)."""
    import uuid
    from datetime import datetime, timezone

    from trackio.sqlite_storage import SQLiteStorage

    rows_per_run = points // len(KEYS) // TRACKIO_RUNS
    for run in range(TRACKIO_RUNS):
        series = [curve(run, rows_per_run, index) for index in range(len(KEYS))]
        run_id, name = uuid.uuid4().hex, f"lr{run % 10}-seed{run}"
        for first in range(0, rows_per_run, TRACKIO_BATCH):
            steps = list(range(first, min(first + TRACKIO_BATCH, rows_per_run)))
            stamps = [datetime.fromtimestamp((T0_MS + run * 10_000_000 + step * 1000) / 1000,
                                             timezone.utc).isoformat() for step in steps]
            metrics = [{key: series[index][step] for index, key in enumerate(KEYS)}
                       for step in steps]
            SQLiteStorage.bulk_log("bench", name, metrics, steps=steps, timestamps=stamps,
                                   config=run_params(run) if not first else None, run_id=run_id)
    assert SQLiteStorage.get_project_db_path("bench") == folder / FILE_NAMES["trackio"]


def noise_block() -> str:
    """Non-metric output as it is captured: a real traceback and warning, tqdm bars, logs."""
    import io
    import traceback
    import warnings

    from tqdm import tqdm

    try:
        {}["missing"]
    except KeyError:
        trace = traceback.format_exc()
    warning = warnings.formatwarning("`resume_download` is deprecated and will be removed",
                                     FutureWarning, "/usr/lib/python3/site-packages/hub.py", 1232)
    bars = io.StringIO()
    for _ in tqdm(range(64), file=bars, desc="Map (num_proc=4)", mininterval=0, ascii=False):
        pass
    logging = "".join(f"2026-01-0{1 + i % 9} 12:00:{i % 60:02d} INFO data.py:{100 + i}] "
                      f"shard {i} cached at /data/cache/shard-{i:05d}.arrow\n" for i in range(40))
    return (trace + warning + bars.getvalue() + "\n" + logging) * 4


def write_console(folder: Path, megabytes: int) -> None:
    """Real captured output repeated with as much noise, up to ``megabytes``."""
    runs = ["keras3-tty", "hf-trainer-tiny", "nanogpt-shakespeare-char", "keras3-verbose1"]
    cycle = b""
    noise = noise_block().encode()
    for run in runs:
        cycle += (TEXT / run / "train.log").read_bytes().rstrip(b"\n") + b"\n" + noise
    repeat = max(1, (megabytes << 20) // len(cycle))
    with open(folder / FILE_NAMES["console"], "wb") as handle:
        for _ in range(repeat):
            handle.write(cycle)


def build(kind: str, folder: Path, sizes: dict) -> None:
    if kind == "mlflow_sql":
        write_mlflow_sql(folder, sizes["points"], sizes["sql_runs"])
    elif kind == "mlflow_files":
        write_mlflow_files(folder, sizes["points"], sizes["file_runs"])
    elif kind == "trackio":
        write_trackio(folder, sizes["points"])
    else:
        write_console(folder, sizes["console_mb"])


def quiet_env(folder: Path) -> dict:
    """The environment of every child: no telemetry, trackio's storage in ``folder``."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKIO_", "HF_TOKEN"))}
    return {**keep, **QUIET_ENV, "TRACKIO_DIR": str(folder)}


def input_for(kind: str, sizes: dict, label: str) -> Path:
    """The cached input, built in a child process on first use."""
    directory = DATA_DIR / f"{kind}-{label}"
    path = directory / FILE_NAMES[kind]
    if path.exists():
        return path
    print(f"building {kind} ({label}) in {directory} ...", file=sys.stderr)
    started = time.perf_counter()
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    command = [sys.executable, __file__, "--build", kind, "--sizes", json.dumps(sizes),
               "--path", str(partial)]
    subprocess.run(command, check=True, cwd=partial, env=quiet_env(partial))
    partial.rename(directory)
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def size_mb(path: Path) -> float:
    files = path.rglob("*") if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files if f.is_file()) / 2**20


# ------------------------------------------------------------------------------------------
# the tools: each returns (points read, share of the runs read: 1.0 unless a subset, seconds
# spent once whatever the share: listing the runs)


def load_curvecli(path: Path) -> tuple[int, float, float]:
    import curvecli

    return sum(len(run.frame) for run in curvecli.load_runs(path).runs), 1.0, 0.0


def load_read_sql(path: Path) -> tuple[int, float, float]:
    import sqlite3

    import pandas as pd

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        frame = pd.read_sql("SELECT * FROM metrics", connection)
    connection.close()
    return len(frame), 1.0, 0.0


def load_mlflow_api(path: Path) -> tuple[int, float, float]:
    """``get_metric_history`` of every key of the first ``API_SUBSET`` runs (listing the runs
    with ``search_runs`` is counted once, not scaled)."""
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    sql = path.suffix == ".db"
    client = MlflowClient(tracking_uri=f"sqlite:///{path}" if sql else f"file:{path}")
    started = time.perf_counter()
    experiments = [e.experiment_id for e in client.search_experiments()]
    runs = client.search_runs(experiments, run_view_type=ViewType.ACTIVE_ONLY,
                              max_results=50_000)
    listing = time.perf_counter() - started
    subset = runs[:API_SUBSET["mlflow_sql" if sql else "mlflow_files"]]
    points = sum(len(client.get_metric_history(run.info.run_id, key))
                 for run in subset for key in run.data.metrics)
    return points, len(subset) / len(runs), listing


def load_trackio_api(path: Path) -> tuple[int, float, float]:
    """trackio's own reader: ``get_logs`` of every run; the numbers in its rows."""
    from trackio.sqlite_storage import SQLiteStorage

    project = path.stem
    points = 0
    for record in SQLiteStorage.get_run_records(project):
        for row in SQLiteStorage.get_logs(project, record["name"], run_id=record["id"]):
            points += sum(1 for key, value in row.items() if key not in ("step", "timestamp")
                          and isinstance(value, (int, float)) and not isinstance(value, bool))
    return points, 1.0, 0.0


# (kind, tool) -> (label, modules imported before timing, load)
CURVECLI_MODULES = ["pandas", "curvecli", "curvecli.reading", "curvecli.readers"]
TOOLS = {
    ("mlflow_sql", "curvecli"): ("curvecli load_runs", CURVECLI_MODULES, load_curvecli),
    ("mlflow_sql", "read_sql"): ("pandas.read_sql(metrics)", ["pandas", "sqlite3"],
                                 load_read_sql),
    ("mlflow_sql", "mlflow_api"): ("MlflowClient.get_metric_history", ["mlflow"],
                                   load_mlflow_api),
    ("mlflow_files", "curvecli"): ("curvecli load_runs", CURVECLI_MODULES, load_curvecli),
    ("mlflow_files", "mlflow_api"): ("MlflowClient.get_metric_history", ["mlflow"],
                                     load_mlflow_api),
    ("trackio", "curvecli"): ("curvecli load_runs", CURVECLI_MODULES, load_curvecli),
    ("trackio", "trackio_api"): ("trackio SQLiteStorage.get_logs",
                                 ["trackio.sqlite_storage"], load_trackio_api),
    ("console", "curvecli"): ("curvecli load_runs", CURVECLI_MODULES, load_curvecli),
}


def run_one(kind: str, tool: str, path: Path) -> dict:
    """One timed load in this (fresh) process."""
    _, modules, load = TOOLS[kind, tool]
    for module in modules:
        importlib.import_module(module)
    if tool == "curvecli":
        from curvecli.readers import readers

        readers()  # the registry imports every reader module on first use
    started = time.perf_counter()
    points, share, once = load(path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "points": points, "share": share, "once": once,
            "peak_mb": peak}


def measure(kind: str, tool: str, path: Path, repeat: int) -> dict | None:
    """The fastest of ``repeat`` fresh processes."""
    best = None
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--run-one", f"{kind}:{tool}",
                               "--path", str(path)], capture_output=True, text=True,
                              env=quiet_env(path.parent), cwd=path.parent)
        if done.returncode != 0:
            print(f"{kind} {tool} failed:\n{done.stderr}", file=sys.stderr)
            return None
        result = json.loads(done.stdout.strip().splitlines()[-1])
        best = result if best is None or result["seconds"] < best["seconds"] else best
    return best


def measure_grep(path: Path) -> dict:
    """``grep -c`` of the metric lines: one plain scan of the file, wall time and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(["grep", "-a", "-c", "-E", GREP_PATTERN, str(path)],
                               stdout=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"})
    output = process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    return {"seconds": time.perf_counter() - started, "points": None, "share": 1.0, "once": 0.0,
            "peak_mb": usage.ru_maxrss / 1024, "lines": int(output)}


# ------------------------------------------------------------------------------------------
# the driver


@dataclass
class Row:
    input: str
    tool: str
    seconds: float
    points: int | None
    peak_mb: float
    mb: float
    note: str = ""


def rows_for(kind: str, path: Path, label: str, repeat: int) -> list[Row]:
    """curvecli and the references on one input."""
    mb = size_mb(path)
    rows = []
    tools = [tool for (k, tool) in TOOLS if k == kind]
    for tool in tools:
        print(f"  {label}: {tool} ...", file=sys.stderr)
        result = measure(kind, tool, path, repeat if tool == "curvecli" else 1)
        if result is None:
            continue
        note, seconds, points = "", result["seconds"], result["points"]
        if result["share"] < 1.0:  # a subset of the runs: extrapolated to all of them
            once, share = result["once"], result["share"]
            note = (f"{points:,} points in {seconds - once:.2f} s (+{once:.2f} s listing the "
                    f"runs), x{1 / share:g}")
            seconds, points = once + (seconds - once) / share, round(points / share)
        rows.append(Row(label, TOOLS[kind, tool][0], seconds, points, result["peak_mb"], mb,
                        note))
    if kind == "console":
        result = measure_grep(path)
        rows.append(Row(label, f"grep -c -E '{GREP_PATTERN}'", result["seconds"], None,
                        result["peak_mb"], mb, f"{result['lines']:,} matching lines"))
    base = rows[0].points if rows and rows[0].tool.startswith("curvecli") else None
    for row in rows[1:]:
        if base is not None and row.points is not None and not row.note:
            row.note = "same count" if row.points == base else f"{row.points - base:+,} points"
    return rows


def print_table(rows: list[Row]) -> None:
    print("| input | tool | time (s) | points | points/s | MB/s | x curvecli | peak RSS (MB) "
          "| note |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    base = None
    for row in rows:
        if row.tool.startswith("curvecli"):
            base = row.seconds
        rate = f"{row.points / row.seconds:,.0f}" if row.points else ""
        ratio = f"{row.seconds / base:.2f}" if base else ""
        print(f"| {row.input} | {row.tool} | {fmt_seconds(row.seconds)} | "
              f"{f'{row.points:,}' if row.points else ''} | {rate} | {row.mb / row.seconds:,.0f} "
              f"| {ratio} | {row.peak_mb:,.0f} | {row.note} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/20 of the sizes")
    parser.add_argument("--only", default=",".join(PARTS),
                        help="comma-separated subset of " + ", ".join(PARTS))
    parser.add_argument("--repeat", type=int, default=3, help="fresh curvecli processes; "
                        "the fastest counts")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run_one:
        kind, tool = args.run_one.split(":")
        print(json.dumps(run_one(kind, tool, Path(args.path))))
        return 0
    if args.build:
        build(args.build, Path(args.path), json.loads(args.sizes))
        return 0

    sizes, label = (QUICK, "quick") if args.quick else (FULL, "full")
    started = time.perf_counter()
    rows: list[Row] = []
    for kind in args.only.split(","):
        path = input_for(kind, sizes, label)
        title = {"mlflow_sql": f"MLflow SQL store, {sizes['sql_runs']} runs",
                 "mlflow_files": f"MLflow file store, {sizes['file_runs']:,} runs",
                 "trackio": f"trackio db, {TRACKIO_RUNS} runs",
                 "console": "console log"}[kind]
        rows += rows_for(kind, path, f"{title} ({size_mb(path):,.0f} MB)", max(args.repeat, 1))
    print()
    print_table(rows)
    print(f"\ncurvecli: fastest of {args.repeat} fresh processes; others: one process. "
          "Extrapolated rows read a subset of the runs (note) and are scaled to all. "
          "peak RSS: ru_maxrss of the tool's process, imports included.")
    print(f"\n{os.cpu_count()} cores, python {sys.version.split()[0]}; "
          f"{time.perf_counter() - started:.0f} s in all", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
