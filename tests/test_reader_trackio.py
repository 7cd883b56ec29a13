"""trackio: a project's SQLite database, read without trackio.

The fixture was written by trackio itself (tests/data/trackio/SOURCE.txt); the expected points
below are what that script logged, and they are also checked against a plain sqlite3 + json
read of the metrics table.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

import curvecli
from curvecli.cli import app
from curvecli.errors import FormatError
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.trackio import TrackioReader

FIXTURES = DATA / "trackio"
DB = FIXTURES / "demo-proj.db"
NAN = math.nan
runner = CliRunner()

# (run, tag) -> [(step, value)] as gen_trackio.py logged them.
LOGGED = {
    ("demo-proj/run-a", "train/loss"): [(0, 2.0), (1, 1.5), (2, 1.0), (3, NAN)],
    ("demo-proj/run-a", "val_loss"): [(0, 2.1), (1, 1.7000000000000002), (2, 1.3)],
    ("demo-proj/run-a", "lr"): [(0, 0.001), (1, 0.001), (2, 0.001)],
    ("demo-proj/run-a", "eval/accuracy"): [(10, 0.75)],
    ("demo-proj/run-b", "train/loss"): [(0, 3.0), (5, 2.0)],
}


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def by_series(table) -> dict:
    found: dict = {}
    for run, tag, step, value in zip(table["run"], table["tag"], table["step"], table["value"]):
        found.setdefault((str(run), str(tag)), []).append((int(step), float(value)))
    return found


def assert_same_points(found: dict, expected: dict) -> None:
    assert set(found) == set(expected)
    for key, points in expected.items():
        assert [step for step, _ in found[key]] == [step for step, _ in points], key
        assert all(same(a, b) for (_, a), (_, b) in zip(found[key], points)), key


def test_points_are_what_was_logged() -> None:
    points = TrackioReader().read(DB)
    assert_same_points(by_series(points.table), LOGGED)
    assert points.warnings == []  # "note" is text in a key that never holds numbers


def test_points_equal_a_plain_sqlite_read() -> None:
    with sqlite3.connect(f"file:{DB}?mode=ro&immutable=1", uri=True) as connection:
        rows = connection.execute(
            "SELECT run_name, step, metrics FROM metrics ORDER BY id").fetchall()
    connection.close()
    expected: dict = {}
    for run_name, step, blob in rows:
        for key, value in json.loads(blob).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                expected.setdefault((f"demo-proj/{run_name}", key), []).append((step, value))
            elif value == "NaN":
                expected.setdefault((f"demo-proj/{run_name}", key), []).append((step, NAN))
    assert_same_points(by_series(TrackioReader().read(DB).table), expected)


def test_runs_series_and_configs() -> None:
    runs = {log.run: log for log in curvecli.load_runs(DB).runs}
    assert sorted(runs) == ["demo-proj/run-a", "demo-proj/run-b"]
    frame = runs["demo-proj/run-a"].frame
    named = dict(zip(frame["tag"].astype(str), zip(frame["split"], frame["metric"])))
    assert named == {"train/loss": ("train", "loss"), "val_loss": ("val", "loss"),
                     "lr": ("", "learning_rate"), "eval/accuracy": ("val", "accuracy")}
    assert frame["wall_time"].between(1.7e9, 2.2e9).all()
    assert {log.source for log in runs.values()} == {"trackio"}
    meta = TrackioReader().read(DB).meta["by_run"]
    assert meta["demo-proj/run-a"]["hparams"] == {"lr": 0.001, "epochs": 3, "model": "mlp",
                                                  "amp": True}
    assert meta["demo-proj/run-b"]["hparams"] == {"lr": 0.01}


def test_sniffed_as_trackio_not_mlflow() -> None:
    assert choose(read_head(DB), DB).name == "trackio"
    mlflow_db = DATA / "mlflow" / "sqlite" / "mlflow.db"
    assert not TrackioReader().sniff(read_head(mlflow_db), mlflow_db)


def test_reading_never_writes_nor_leaves_wal_files() -> None:
    before = (DB.read_bytes(), os.stat(DB).st_mtime_ns, sorted(os.listdir(FIXTURES)))
    TrackioReader().read(DB)
    curvecli.load_runs(FIXTURES)
    assert (DB.read_bytes(), os.stat(DB).st_mtime_ns, sorted(os.listdir(FIXTURES))) == before


def test_reading_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    db = tmp_path / "demo-proj.db"
    shutil.copy(DB, db)
    writer = sqlite3.connect(db, isolation_level=None)  # WAL, as trackio opens it
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO metrics (run_id, timestamp, run_name, step, metrics) "
                   "VALUES ('x', '2026-12-05T04:10:51+00:00', 'run-b', 9, '{\"train/loss\": 1}')")
    try:
        table = TrackioReader().read(db).table  # the uncommitted row is not seen
        assert len(table) == sum(len(points) for points in LOGGED.values())
    finally:
        writer.execute("COMMIT")
    table = TrackioReader().read(db).table  # committed, still in the -wal file
    writer.close()
    assert len(table) == sum(len(points) for points in LOGGED.values()) + 1


def test_runs_sharing_a_name_are_told_apart(tmp_path: Path) -> None:
    db = tmp_path / "demo-proj.db"
    shutil.copy(DB, db)
    with sqlite3.connect(db) as writer:
        writer.execute("INSERT INTO metrics (run_id, timestamp, run_name, step, metrics) "
                       "VALUES ('0123456789abcdef', '2026-12-05T05:00:00+00:00', 'run-a', 0, "
                       "'{\"train/loss\": \"Infinity\", \"x\": \"text\", \"y\": true}')")
    writer.close()
    points = TrackioReader().read(db)
    assert points.meta["runs"] == ["demo-proj/run-a", "demo-proj/run-b",
                                   "demo-proj/run-a (01234567)"]
    last = points.table.iloc[-1]
    assert (last["run"], last["tag"], last["value"]) == (
        "demo-proj/run-a (01234567)", "train/loss", math.inf)
    assert len(points.table) == sum(len(v) for v in LOGGED.values()) + 1


def test_ls_and_diagnose_list_the_runs() -> None:
    for command in ("ls", "diagnose"):
        result = runner.invoke(app, [command, "--format", "json", str(FIXTURES)])
        assert result.exit_code == 0, result.output
        assert {run["run"] for run in json.loads(result.stdout)["runs"]} == {
            "trackio/demo-proj/run-a", "trackio/demo-proj/run-b"}, command


def test_a_corrupt_project_db_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "proj.db"
    bad.write_bytes(b"SQLite format 3\x00" + random.Random(4).randbytes(3000))
    with pytest.raises(FormatError):
        TrackioReader().read(bad)
    result = runner.invoke(app, ["ls", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert "Traceback" not in result.output + result.stderr
