"""Stores written by the real writers, read by curvecli, checked against the writers' own readers.

Each store test writes a store in ``tmp_path`` with the real client, reads it with
``curvecli.load_runs`` and compares, per run and per key, the (timestamp, step, value) points
with what the writer's own API returns, and the run's hyper-parameters with the params or
config it stored:

* MLflow's SQL store (``sqlite:///<tmp>/sql/mlflow.db``) and file store (``file:<tmp>/mlruns``,
  with ``MLFLOW_ALLOW_FILE_STORE=true``) against ``MlflowClient.get_metric_history`` and
  ``run.data.params``;
* trackio (``TRACKIO_DIR=<tmp>/trackio``) against ``trackio.Api().runs(project)`` (run ids and
  configs) and ``SQLiteStorage.get_logs`` (each run's stored rows).

They need mlflow-skinny (+ SQLAlchemy and alembic for the SQL store) and trackio: the
``stores`` extra. Without it they are skipped; the export round trip at the end needs neither.

No test touches the network: every socket connection to an IP address is refused and
recorded, and the test fails if one was tried; telemetry is off (``MLFLOW_DISABLE_TELEMETRY``,
``DO_NOT_TRACK``, ``HF_HUB_OFFLINE``). Nothing is written outside ``tmp_path``: the working
directory, ``HOME`` and every store directory are in it. trackio reads ``TRACKIO_DIR`` once, at
import (``trackio/utils.py``, ``TRACKIO_DIR = _get_trackio_dir()``, copied into
``trackio.sqlite_storage``), so it writes and reads back in a child process started with the
variable set; mlflow takes its store from the URI given to the client, so it runs in-process.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

import curvecli
from curvecli.cli import app
from curvecli.hparams import run_hparams

runner = CliRunner()
T0_MS = 1_700_000_000_000  # MLflow timestamps: ms, strictly increasing in logging order
QUIET_ENV = {"MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true", "HF_HUB_OFFLINE": "1",
             "HF_HUB_DISABLE_TELEMETRY": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
FLOAT_MAX = sys.float_info.max  # MLflow's SQL store writes +-inf as +-FLOAT_MAX
INF, NAN = math.inf, math.nan


# --- shared helpers ---------------------------------------------------------------------------


def refuse_network(patch: pytest.MonkeyPatch) -> list:
    """Make every connection to an IP address fail; the list records the addresses tried."""
    tried: list = []

    def guarded(real):
        def connect(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                tried.append(address)
                raise OSError(f"network refused in a store-writer test: {address}")
            return real(self, address)
        return connect

    patch.setattr(socket.socket, "connect", guarded(socket.socket.connect))
    patch.setattr(socket.socket, "connect_ex", guarded(socket.socket.connect_ex))
    return tried


@pytest.fixture
def offline(monkeypatch):
    """No network during the test: fail if the writer tried it."""
    tried = refuse_network(monkeypatch)
    yield tried
    assert tried == [], f"the writer tried the network: {tried}"


def quiet_mlflow(patch: pytest.MonkeyPatch, folder: Path):
    """mlflow, imported with telemetry off (it decides at import), working directory and
    HOME in ``folder``."""
    for name, value in QUIET_ENV.items():
        patch.setenv(name, value)
    patch.setenv("HOME", str(folder / "home"))
    patch.chdir(folder)
    return pytest.importorskip("mlflow")


def point_key(point: tuple) -> tuple:
    """Sort key of a (timestamp, step, value) point, NaN after every number."""
    timestamp, step, value = point
    return timestamp, step, math.isnan(value), 0.0 if math.isnan(value) else value


def same_points(got: list[tuple], expected: list[tuple]) -> bool:
    """Equal point lists, NaN equal to NaN."""
    return len(got) == len(expected) and all(
        a[:2] == b[:2] and (a[2] == b[2] or (math.isnan(a[2]) and math.isnan(b[2])))
        for a, b in zip(got, expected))


def same_series(got: dict[str, list[tuple]], expected: dict[str, list[tuple]]) -> bool:
    """The same keys, each with the same points (NaN equal to NaN)."""
    return set(got) == set(expected) and all(same_points(got[key], expected[key])
                                             for key in expected)


def curvecli_points(log) -> dict[str, list[tuple]]:
    """key -> sorted (timestamp ms, step, value) of one run read by curvecli."""
    frame = log.frame
    found: dict[str, list[tuple]] = {}
    for tag, step, wall, value in zip(frame["tag"].astype(str), frame["step"],
                                      frame["wall_time"], frame["value"]):
        found.setdefault(tag, []).append((round(float(wall) * 1000), int(step), float(value)))
    return {key: sorted(points, key=point_key) for key, points in found.items()}


def typed(text: str):
    """A param as a number or bool when printing it gives back the text exactly, else text."""
    if text in ("True", "False"):
        return text == "True"
    for kind in (int, float):
        try:
            value = kind(text)
        except ValueError:
            continue
        if str(value) == text:
            return value
    return text


def with_types(values: dict) -> dict:
    """``{key: (type name, value)}``: ``True == 1`` must not pass for a param."""
    return {key: (type(value).__name__, value) for key, value in values.items()}


def assert_nothing_else_written(tmp_path: Path, allowed: set[str]) -> None:
    """Only the stores (and files the test wrote itself) are in ``tmp_path``."""
    written = {path.name for path in tmp_path.iterdir()}
    assert written <= allowed, written - allowed


# --- MLflow -----------------------------------------------------------------------------------


@pytest.fixture
def mlflow(tmp_path: Path, monkeypatch, offline):
    """mlflow, quiet (``quiet_mlflow``), in ``tmp_path``, with no network."""
    return quiet_mlflow(monkeypatch, tmp_path)


@pytest.fixture(scope="module")
def empty_sql_store(tmp_path_factory) -> Path:
    """An MLflow SQL store made by mlflow (its schema, every migration run) with nothing logged
    yet. Running the migrations takes seconds, so it is made once and each test logs into a
    copy (``sql_store``)."""
    folder = tmp_path_factory.mktemp("empty-mlflow-store")
    with pytest.MonkeyPatch.context() as patch:
        tried = refuse_network(patch)
        mlflow = quiet_mlflow(patch, folder)
        pytest.importorskip("sqlalchemy")  # mlflow-skinny needs both for the SQL store
        pytest.importorskip("alembic")
        db = folder / "mlflow.db"
        mlflow.MlflowClient(tracking_uri=f"sqlite:///{db}").search_experiments()
        assert tried == [], tried
    return db


def sql_store(empty_sql_store: Path, db: Path) -> str:
    """A copy of the empty store at ``db`` (SQLite's backup API); its tracking URI."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(empty_sql_store) as source, sqlite3.connect(db) as target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{db}"


PARAMS = {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "use_amp": True,
          "optim/momentum": 0.9, "betas": (0.9, 0.999), "seed": "007", "weight_decay": 1e-05,
          "warmup": None, "max_steps": 10**20, "offset": -3, "ratio": 1.0,
          "note": "two\nlines"}
# (key, step, value) logged one call each, in this order: keys with "/" (nested folders in the
# file store), a space and a colon, steps out of order, negative and beyond 2**32, a key logged
# twice at one step, NaN and +-inf.
SERIES = [("train/loss", 0, 2.0), ("train/loss", 20, 1.5), ("train/loss", 10, 1.7),
          ("val/loss", 0, 2.1), ("val/loss", 10, NAN), ("val/loss", 20, 1.6),
          ("eval/accuracy", 10, 0.5), ("eval/accuracy", 10, 0.6), ("eval/accuracy", 10, 0.5),
          ("grad norm", 5, INF), ("grad norm", 6, -INF), ("grad norm", 7, 1.0),
          ("lr:group0/a/b", -1, 0.001), ("lr:group0/a/b", 2**40, 0.0005)]


def new_run(client, experiment_id: str, name: str, clock) -> str:
    return client.create_run(experiment_id, start_time=next(clock), run_name=name).info.run_id


def log_series(client, run_id: str, series: list[tuple], clock) -> None:
    for key, step, value in series:
        client.log_metric(run_id, key, value, timestamp=next(clock), step=step)


def write_mlflow_store(mlflow, client) -> None:
    """Two experiments (one named with a '/'), two runs sharing a name, a nested run, a
    deleted run, a run of only params; log_batch with one timestamp for several points (one
    key twice at one step and timestamp), a point without a step, user tags."""
    from mlflow.entities import Metric, Param, RunTag

    clock = itertools.count(T0_MS, 1000)
    cls = client.create_experiment("cls-exp")
    lm = client.create_experiment("team/lm-exp")
    first = new_run(client, cls, "baseline", clock)
    for key, value in PARAMS.items():
        client.log_param(first, key, value)
    client.set_tag(first, "team", "vision")
    log_series(client, first, SERIES, clock)
    stamp = next(clock)
    client.log_batch(first, metrics=[Metric("batch/x", 2.0, stamp, 3),
                                     Metric("batch/x", 1.0, stamp, 3),
                                     Metric("batch/y", NAN, stamp, 3)],
                     params=[Param("from_batch", "1.5")], tags=[RunTag("stage", "dev")])
    client.log_metric(first, "no_step", 0.25, timestamp=next(clock))
    client.set_terminated(first)
    second = new_run(client, cls, "baseline", clock)  # same name, started later
    client.log_param(second, "lr", 0.01)
    log_series(client, second, [("train/loss", 0, 3.0), ("train/loss", 1, INF)], clock)
    child = new_run(client, cls, "child", clock)
    client.set_tag(child, "mlflow.parentRunId", first)
    log_series(client, child, [("train/loss", 0, 9.0)], clock)
    deleted = new_run(client, cls, "deleted", clock)
    log_series(client, deleted, [("train/loss", 0, 5.0)], clock)
    client.delete_run(deleted)
    model = new_run(client, lm, "lm", clock)
    client.log_param(model, "block_size", 128)
    stamp = next(clock)  # 300 points in one call (a call is one SQLite transaction)
    client.log_batch(model, metrics=[Metric("loss", 4.0 - step / 100, stamp + step, step)
                                     for step in range(300)])
    write_params_only(client, lm, clock)


def write_params_only(client, experiment_id: str, clock) -> str:
    """A run that logged params and no metric yet (one just started)."""
    run_id = new_run(client, experiment_id, "params-only", clock)
    client.log_param(run_id, "lr", 0.1)
    return run_id


def active_runs(mlflow, client) -> list:
    """Every run MLflow lists as active, in every experiment."""
    from mlflow.entities import ViewType

    experiments = [e.experiment_id for e in client.search_experiments()]
    return client.search_runs(experiments, run_view_type=ViewType.ACTIVE_ONLY)


def expected_labels(client, runs: list) -> dict[str, str]:
    """run id -> ``<experiment>/<run name>``; a later-started run sharing it gets
    `` (<first 8 chars of its run id>)``."""
    labels, seen = {}, set()
    for run in sorted(runs, key=lambda run: (run.info.start_time, run.info.run_id)):
        experiment = client.get_experiment(run.info.experiment_id).name
        label = f"{experiment}/{run.info.run_name}"
        labels[run.info.run_id] = label if label not in seen else f"{label} ({run.info.run_id[:8]})"
        seen.add(label)
    return labels


def mlflow_history(client, run_id: str, key: str) -> list[tuple]:
    """``get_metric_history`` as sorted (timestamp, step, value); +-FLOAT_MAX is +-inf (how the
    SQL store keeps inf: ``SqlAlchemyStore.sanitize_metric_value``)."""
    points = []
    for metric in client.get_metric_history(run_id, key):
        value = metric.value
        if abs(value) == FLOAT_MAX:
            value = math.copysign(INF, value)
        points.append((metric.timestamp, metric.step, value))
    return sorted(points, key=point_key)


def assert_store_equals_mlflow(mlflow, client, store: Path, prefix: str) -> None:
    """Per run and per key, curvecli's points of ``store`` are MLflow's; params and user tags
    too; run ids are ``prefix + <experiment>/<run name>``."""
    active = active_runs(mlflow, client)
    runs = [run for run in active if run.data.metrics]
    loaded = {log.meta["mlflow"]["run_id"]: log for log in curvecli.load_runs(store).runs}
    # Every run with points; the deleted run never (a run of only params: see the tests below).
    assert {run.info.run_id for run in runs} <= set(loaded) <= {run.info.run_id for run in active}
    labels = expected_labels(client, active)
    for run in runs:
        log = loaded[run.info.run_id]
        assert log.run == prefix + labels[run.info.run_id]
        assert log.source == "mlflow"
        got = curvecli_points(log)
        assert set(got) == set(run.data.metrics), log.run
        for key in run.data.metrics:
            assert same_points(got[key], mlflow_history(client, run.info.run_id, key)), (
                log.run, key)
        expected = {key: typed(value) for key, value in run.data.params.items()}
        assert with_types(run_hparams(log.meta, log.files)) == with_types(expected), log.run
        user_tags = {key: value for key, value in run.data.tags.items()
                     if not key.startswith("mlflow.")}
        assert log.meta["tags"] == user_tags, log.run


def test_mlflow_sql_store_equals_mlflow_client(mlflow, empty_sql_store: Path, tmp_path: Path,
                                               monkeypatch) -> None:
    db = tmp_path / "sql" / "mlflow.db"
    uri = sql_store(empty_sql_store, db)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    client = mlflow.MlflowClient(tracking_uri=uri)
    write_mlflow_store(mlflow, client)
    assert_store_equals_mlflow(mlflow, client, db, prefix="")
    assert_store_equals_mlflow(mlflow, client, db.parent, prefix="sql/")  # the folder leads
    assert_nothing_else_written(tmp_path, {"sql"})


def test_mlflow_file_store_equals_mlflow_client(mlflow, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    store = tmp_path / "mlruns"
    uri = f"file:{store}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    client = mlflow.MlflowClient(tracking_uri=uri)
    write_mlflow_store(mlflow, client)
    assert_store_equals_mlflow(mlflow, client, store, prefix="mlruns/")
    assert_nothing_else_written(tmp_path, {"mlruns"})


def write_small_store(client) -> None:
    """One experiment: a run with one point, a run of only params."""
    clock = itertools.count(T0_MS, 1000)
    experiment = client.create_experiment("exp")
    log_series(client, new_run(client, experiment, "with-points", clock), [("loss", 0, 1.0)],
               clock)
    write_params_only(client, experiment, clock)


def test_mlflow_file_store_lists_a_run_without_metrics(mlflow, tmp_path: Path,
                                                       monkeypatch) -> None:
    """The file store lists a run that logged only params (no points, a warning)."""
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    store = tmp_path / "mlruns"
    client = mlflow.MlflowClient(tracking_uri=f"file:{store}")
    write_small_store(client)
    runs = {log.run: log for log in curvecli.load_runs(store).runs}
    assert runs["mlruns/exp/params-only"].points == 0
    assert set(runs) == {"mlruns/exp/params-only", "mlruns/exp/with-points"}


def test_mlflow_sql_store_lists_a_run_without_metrics(mlflow, empty_sql_store: Path,
                                                      tmp_path: Path) -> None:
    """The SQL store lists a run that logged only params too (no points, a warning)."""
    db = tmp_path / "mlflow.db"
    client = mlflow.MlflowClient(tracking_uri=sql_store(empty_sql_store, db))
    write_small_store(client)
    runs = {log.run for log in curvecli.load_runs(db).runs}
    assert runs == {"exp/params-only", "exp/with-points"}


# --- trackio ----------------------------------------------------------------------------------

# The child process: log the plan with trackio, then read every project back with trackio's
# own readers. Connections to IP addresses are refused and recorded before trackio is imported.
TRACKIO_CHILD = r'''
import json, socket, sys
from pathlib import Path

tried = []
real_connect = socket.socket.connect

def refuse(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        tried.append(repr(address))
        raise OSError("network refused")
    return real_connect(self, address)

socket.socket.connect = refuse
plan = json.loads(Path(sys.argv[1]).read_text())
import trackio
from trackio.sqlite_storage import SQLiteStorage

for run in plan:
    trackio.init(project=run["project"], name=run["name"], config=run["config"],
                 auto_log_cpu=False, auto_log_gpu=False)
    for metrics, step in run["logs"]:
        trackio.log(metrics, step=step)
    trackio.finish()
stored = {"tried": tried, "projects": {}}
for project in sorted({run["project"] for run in plan}):
    db = SQLiteStorage.get_project_db_path(project)
    runs = [{"id": run.id, "name": run.name, "config": run.config,
             "rows": SQLiteStorage.get_logs(project, run.name, run_id=run.id)}
            for run in trackio.Api().runs(project)]
    stored["projects"][project] = {"db": str(db), "runs": runs}
Path(sys.argv[2]).write_text(json.dumps(stored, default=str))
'''


def trackio_plan() -> list[dict]:
    """Two projects; two runs sharing a name; keys with '/'; NaN, +-inf (trackio stores the
    strings "NaN", "Infinity"); steps given out of order and automatic; a key logged twice at
    one step; values that are not points (text, a bool, None); nested and list configs."""
    config = {"lr": 0.001, "epochs": 3, "model": "mlp", "amp": True,
              "optim": {"name": "adamw", "betas": [0.9, 0.999], "eps": 1e-08}}
    logs = [({"train/loss": 2.0, "val/loss": 2.1, "lr": 0.001}, None),
            ({"train/loss": 1.5, "val/loss": NAN, "note": "text"}, None),
            ({"train/loss": 1.7, "grad/norm": INF, "flag": True}, 10),
            ({"train/loss": 1.6, "grad/norm": -INF, "empty": None}, 5),
            ({"train/loss": 1.55}, 5),
            ({"eval/accuracy": 0.75, "s": "NaN"}, 20),
            ({"train/loss": 1.0}, None)]
    return [
        {"project": "proj-a", "name": "run-1", "config": config, "logs": logs},
        {"project": "proj-a", "name": "run-2", "config": {"lr": 0.01},
         "logs": [({"train/loss": 3.0 - step / 10}, step) for step in range(50)]},
        {"project": "proj-a", "name": "run-1", "config": {"lr": 0.1, "seed": "007"},
         "logs": [({"train/loss": 9.0}, 0)]},
        {"project": "proj-b", "name": "lm", "config": {},
         "logs": [({"loss": 4.0, "ppl": 54.6}, None), ({"loss": 3.5}, None)]},
    ]


def run_trackio(tmp_path: Path) -> dict:
    """Log ``trackio_plan()`` with trackio into ``tmp_path/trackio`` (child process, nothing
    outside ``tmp_path``, no network); what trackio reads back."""
    plan, result = tmp_path / "plan.json", tmp_path / "stored.json"
    plan.write_text(json.dumps(trackio_plan()))
    keep = {key: value for key, value in os.environ.items()
            if not key.startswith(("TRACKIO_", "HF_", "SPACE_", "GRADIO_", "SYSTEM"))}
    env = {**keep, **QUIET_ENV, "TRACKIO_DIR": str(tmp_path / "trackio"),
           "HOME": str(tmp_path / "home"), "HF_HOME": str(tmp_path / "hf"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", TRACKIO_CHILD, str(plan), str(result)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    stored = json.loads(result.read_text())
    assert stored["tried"] == [], stored["tried"]
    return stored["projects"]


def trackio_points(rows: list[dict]) -> dict[str, list[tuple]]:
    """key -> sorted (timestamp, step, value) of trackio's stored rows: every number (not a
    bool) of each row; trackio has already turned "NaN"/"Infinity" back into floats."""
    found: dict[str, list[tuple]] = {}
    for row in rows:
        stamp = round(curvecli_wall(row["timestamp"]) * 1000)
        for key, value in row.items():
            if key in ("timestamp", "step") or isinstance(value, bool):
                continue
            if isinstance(value, (int, float)):
                found.setdefault(key, []).append((stamp, row["step"], float(value)))
    return {key: sorted(points, key=point_key) for key, points in found.items()}


def curvecli_wall(stamp: str) -> float:
    """Unix seconds of trackio's ISO 8601 timestamp (UTC when it has no zone)."""
    from datetime import datetime, timezone

    moment = datetime.fromisoformat(stamp)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def flat_config(config: dict, prefix: str = "") -> dict:
    """trackio's config as hyper-parameters: its own ``_`` keys dropped, nested keys joined
    with dots (as trackio's run comparer shows them), lists as their JSON text."""
    flat = {}
    for key, value in config.items():
        if not prefix and key.startswith("_"):
            continue
        if isinstance(value, dict):
            flat.update(flat_config(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = json.dumps(value) if isinstance(value, list) else value
    return flat


def test_trackio_store_equals_trackio_readers(tmp_path: Path, offline) -> None:
    pytest.importorskip("trackio")
    projects = run_trackio(tmp_path)
    store = tmp_path / "trackio"
    assert {Path(project["db"]).parent for project in projects.values()} == {store}
    loaded = {}  # trackio run id -> curvecli's run, each project's <project>.db read alone
    for project in projects.values():
        loaded.update({log.meta["trackio"]["run_id"]: log
                       for log in curvecli.load_runs(project["db"]).runs})
    stored_runs = [(name, run) for name, project in projects.items() for run in project["runs"]]
    assert set(loaded) == {run["id"] for _, run in stored_runs}
    in_folder = {log.meta["trackio"]["run_id"]: log for log in curvecli.load_runs(store).runs}
    assert set(in_folder) == set(loaded)
    for project, run in stored_runs:
        log = loaded[run["id"]]
        assert log.run in (f"{project}/{run['name']}", f"{project}/{run['name']} ({run['id'][:8]})")
        assert log.source == "trackio"
        got = curvecli_points(log)
        assert same_series(curvecli_points(in_folder[run["id"]]), got), log.run
        expected = trackio_points(run["rows"])
        assert set(got) == set(expected), log.run
        for key, points in expected.items():
            assert same_points(got[key], points), (log.run, key)
        hparams = run_hparams(log.meta, log.files)
        assert with_types(hparams) == with_types(flat_config(run["config"])), log.run
    shared = sorted(log.run for log in loaded.values() if "/run-1" in log.run)
    assert shared[0] == "proj-a/run-1" and shared[1].startswith("proj-a/run-1 (")
    assert_nothing_else_written(tmp_path, {"trackio", "plan.json", "stored.json"})


# --- curvecli's export, read back (no extra needed) -------------------------------------------

ROUND_TRIP_RUNS = [DATA / "trainer_state" / "hf-distilbert-lora-imdb-tashu014",
                   DATA / "tensorboard" / "tb-keras-imdb-thecodeheadmt"]


def export_csv(*paths: Path) -> str:
    """``curvecli export PATH...`` to CSV on stdout."""
    result = runner.invoke(app, ["export", *map(str, paths)])
    assert result.exit_code == 0, result.output
    return result.stdout


def without_prefix(text: str, prefix: str) -> str:
    """The CSV with ``prefix`` taken off every row's run id (each row must carry it)."""
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        assert row[0].startswith(prefix), row
        row[0] = row[0][len(prefix):]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_read_back_gives_the_same_rows(tmp_path: Path, fmt: str) -> None:
    """Export to ``fmt``, export that file again to CSV: the same rows, byte for byte, once the
    read-back run ids lose the prefix ``<the export file's folder>/`` (a file given alone is
    named after its folder)."""
    original = export_csv(*ROUND_TRIP_RUNS)
    folder = tmp_path / "exported"
    folder.mkdir()
    out = folder / f"frame.{fmt}"
    result = runner.invoke(app, ["export", *map(str, ROUND_TRIP_RUNS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = export_csv(out)
    assert back != original  # the run ids do carry the prefix
    assert without_prefix(back, "exported/") == without_prefix(original, "")
    assert len(original.splitlines()) > 150
