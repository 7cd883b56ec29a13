"""MLflow: the file store (mlruns/) and the SQL store (mlflow.db), read without mlflow.

The fixtures were written by mlflow itself (tests/data/mlflow/SOURCE.txt); the expected
points below are the values that script logged, and the SQL store is also checked against a
plain sqlite3 read of its metrics table.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import curvecli
from curvecli import discover as discover_module
from curvecli.cli import app
from curvecli.errors import CurveError, FormatError
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.mlflow import MlflowDbReader, MlflowRunReader, parse_value

FIXTURES = DATA / "mlflow"
FILE_STORE = FIXTURES / "mlruns"
DB = FIXTURES / "sqlite" / "mlflow.db"
NAN, INF = math.nan, math.inf
runner = CliRunner()

# (run, tag) -> [(step, value)] as gen_mlflow.py logged them. "baseline#2" is the second run
# named baseline (its id gets a run-id suffix).
LOGGED = {
    ("cls-exp/baseline", "train_loss"): [(0, 2.0), (10, 1.5), (20, 1.2)],
    ("cls-exp/baseline", "val/loss"): [(0, 2.1), (10, 1.7), (20, 1.6)],
    ("cls-exp/baseline", "eval_loss"): [(0, 1.9), (10, NAN), (20, 1.4)],
    ("cls-exp/baseline", "train/learning_rate"): [(0, 0.001)],
    ("cls-exp/baseline#2", "train_loss"): [(0, 3.0), (1, INF)],
    ("other-exp/lm", "loss"): [(0, 4.0), (1, 3.5), (2, 3.0), (3, 2.5), (4, 2.0)],
    ("other-exp/lm", "accuracy"): [(0, 0.5)],
}
HPARAMS = {
    "cls-exp/baseline": {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "use_amp": True},
    "cls-exp/baseline#2": {"lr": 0.01},
    "other-exp/lm": {"block_size": 128},
}


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def points_by_series(runs) -> dict:
    found: dict = {}
    for log in runs:
        for tag, step, value in zip(log.frame["tag"], log.frame["step"], log.frame["value"]):
            found.setdefault((log.run, str(tag)), []).append((int(step), float(value)))
    return found


def assert_logged(found: dict, second: str, prefix: str = "") -> None:
    """``found`` holds exactly LOGGED, the second baseline being named ``second``."""
    expected = {(prefix + run.replace("cls-exp/baseline#2", second), tag): points
                for (run, tag), points in LOGGED.items()}
    assert set(found) == set(expected)
    for key, points in expected.items():
        got = found[key]
        assert [step for step, _ in got] == [step for step, _ in points], key
        assert all(same(a, b) for (_, a), (_, b) in zip(got, points)), key


def second_baseline_file_store() -> str:
    for meta in FILE_STORE.glob("*/*/meta.yaml"):
        data = yaml.safe_load(meta.read_text())
        if (meta.parent / "params" / "lr").is_file() and \
                (meta.parent / "params" / "lr").read_text() == "0.01":
            return f"cls-exp/baseline ({data['run_id'][:8]})"
    raise AssertionError("fixture changed")


def second_baseline_db() -> str:
    with sqlite3.connect(f"file:{DB}?mode=ro", uri=True) as connection:
        (run_uuid,) = connection.execute(
            "SELECT run_uuid FROM params WHERE key = 'lr' AND value = '0.01'").fetchone()
    connection.close()
    return f"cls-exp/baseline ({run_uuid[:8]})"


# --- the file store ---------------------------------------------------------------------------


def test_file_store_points_are_what_was_logged() -> None:
    runs = curvecli.load_runs(FILE_STORE).runs
    assert_logged(points_by_series(runs), second_baseline_file_store(), prefix="mlruns/")
    assert {log.source for log in runs} == {"mlflow"}


def test_file_store_run_ids_skip_deleted_runs_and_the_trash() -> None:
    runs = curvecli.load_runs(FILE_STORE).runs
    second = second_baseline_file_store()
    assert sorted(log.run for log in runs) == sorted(
        f"mlruns/{run}" for run in ("cls-exp/baseline", second, "other-exp/lm"))
    # The PATH inside the store: ids are <experiment>/<run> alone.
    inside = curvecli.load_runs(next(FILE_STORE.glob("*/*/params/block_size")).parents[2])
    assert [log.run for log in inside.runs] == ["other-exp/lm"]


def test_slash_keys_become_the_right_series() -> None:
    runs = {log.run: log for log in curvecli.load_runs(FILE_STORE).runs}
    frame = runs["mlruns/cls-exp/baseline"].frame
    named = dict(zip(frame["tag"].astype(str), zip(frame["split"], frame["metric"])))
    assert named == {"val/loss": ("val", "loss"), "eval_loss": ("val", "loss"),
                     "train_loss": ("train", "loss"), "train/learning_rate": ("", "learning_rate")}


def test_file_store_wall_time_is_seconds_and_params_are_typed() -> None:
    runs = {log.run: log for log in curvecli.load_runs(FILE_STORE).runs}
    second = second_baseline_file_store()
    for name, hparams in HPARAMS.items():
        log = runs["mlruns/" + name.replace("cls-exp/baseline#2", second)]
        assert log.meta["hparams"] == hparams
        assert log.meta["mlflow"]["status"] == "FINISHED"
    meta = next(FILE_STORE.glob("*/*/params/block_size")).parents[1] / "meta.yaml"
    start = yaml.safe_load(meta.read_text())["start_time"] / 1000
    wall = runs["mlruns/other-exp/lm"].frame["wall_time"]
    assert (wall >= start).all() and (wall < start + 600).all()


def test_metric_files_are_never_sniffed(monkeypatch) -> None:
    opened: list[Path] = []
    original = discover_module.read_head

    def spy(path, size=4096):
        opened.append(Path(path))
        return original(path, size)

    monkeypatch.setattr(discover_module, "read_head", spy)
    found = discover_module.discover([FILE_STORE])
    assert len(found.runs) == 3
    assert not [path for path in opened if {"metrics", "params", "tags"} & set(path.parts)]


def test_a_garbage_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    store = tmp_path / "mlruns"
    shutil.copytree(FILE_STORE, store)
    metric = next(store.glob("*/*/metrics/loss"))
    lines = metric.read_text().splitlines()
    metric.write_text("\n".join([lines[0], "garbage here x y", "12 notanumber 3", *lines[1:]]))
    points = MlflowRunReader().read(metric.parents[1] / "meta.yaml")
    loss = points.table[points.table["tag"] == "loss"]
    assert list(loss["value"]) == [4.0, 3.5, 3.0, 2.5, 2.0]
    assert points.warnings == ["metrics/loss: skipped 2 line(s) that are not "
                               "'<timestamp> <value> <step>'"]


def test_two_field_lines_are_step_0_and_values_parse_exactly() -> None:
    from curvecli.readers.mlflow import parse_metric

    found = parse_metric(b"1700000000000 0.5\n1700000000001 nan 3\n\n1700000000002 -inf 4\n")
    assert found.steps == [0, 3, 4] and found.bad == 0
    assert found.values[0] == 0.5 and math.isnan(found.values[1]) and found.values[2] == -INF
    assert [parse_value(v) for v in ("32", "0.001", "True", "1e-05", "adam", "1.0e-3", "007")] \
        == [32, 0.001, True, 1e-05, "adam", "1.0e-3", "007"]


# --- the SQL store ----------------------------------------------------------------------------


def test_db_points_equal_a_plain_sqlite_read() -> None:
    points = MlflowDbReader().read(DB)
    with sqlite3.connect(f"file:{DB}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT m.key, m.step, m.value, m.is_nan, m.timestamp FROM metrics m "
            "JOIN runs r ON r.run_uuid = m.run_uuid WHERE r.lifecycle_stage = 'active' "
            "ORDER BY m.rowid").fetchall()
    connection.close()
    table = points.table
    assert list(table["tag"]) == [row[0] for row in rows]
    assert list(table["step"]) == [row[1] for row in rows]
    assert list(table["wall_time"]) == [row[4] / 1000 for row in rows]
    for got, (_, _, value, is_nan, _) in zip(table["value"], rows):
        expected = NAN if is_nan else INF if value == 1.7976931348623157e308 else value
        assert same(got, expected)


def test_db_runs_are_the_logged_ones_with_their_params() -> None:
    runs = curvecli.load_runs(DB).runs
    second = second_baseline_db()
    assert_logged(points_by_series(runs), second)
    meta = MlflowDbReader().read(DB).meta
    assert sorted(meta["runs"]) == sorted(["cls-exp/baseline", second, "other-exp/lm"])
    for name, hparams in HPARAMS.items():
        assert meta["by_run"][name.replace("cls-exp/baseline#2", second)]["hparams"] == hparams


def test_db_in_a_folder_is_led_by_the_folder() -> None:
    runs = curvecli.load_runs(FIXTURES).runs
    ids = {log.run for log in runs}
    assert {"sqlite/cls-exp/baseline", "mlruns/cls-exp/baseline", "sqlite/other-exp/lm"} <= ids
    assert len(ids) == 6


def test_reading_never_writes(tmp_path: Path) -> None:
    before = (DB.read_bytes(), os.stat(DB).st_mtime_ns, sorted(os.listdir(DB.parent)))
    MlflowDbReader().read(DB)
    assert choose(read_head(DB), DB).name == "mlflow_db"
    assert (DB.read_bytes(), os.stat(DB).st_mtime_ns, sorted(os.listdir(DB.parent))) == before


def test_reading_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    db = tmp_path / "mlflow.db"
    shutil.copy(DB, db)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    run_uuid = writer.execute("SELECT run_uuid FROM runs WHERE name = 'lm'").fetchone()[0]
    writer.execute("INSERT INTO metrics VALUES ('loss', 1.5, 1, ?, 5, 0)", (run_uuid,))
    try:
        points = MlflowDbReader().read(db)  # the uncommitted row is not seen
        assert len(points.table) == sum(len(v) for v in LOGGED.values())
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert len(MlflowDbReader().read(db).table) == sum(len(v) for v in LOGGED.values()) + 1


def test_sniffing_tells_mlflow_from_trackio_under_any_name(tmp_path: Path) -> None:
    renamed = tmp_path / "tracking.sqlite"
    shutil.copy(DB, renamed)
    assert choose(read_head(renamed), renamed).name == "mlflow_db"
    trackio_db = DATA / "trackio" / "demo-proj.db"
    assert not MlflowDbReader().sniff(read_head(trackio_db), trackio_db)
    junk = tmp_path / "other.db"
    junk.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(2000))
    assert not MlflowDbReader().sniff(read_head(junk), junk)


@pytest.mark.parametrize("content", [random.Random(2).randbytes(3000),
                                     b"SQLite format 3\x00" + random.Random(3).randbytes(3000)])
def test_a_corrupt_db_is_exit_2_naming_the_file(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "mlflow.db"
    bad.write_bytes(content)
    with pytest.raises(FormatError):
        MlflowDbReader().read(bad)
    result = runner.invoke(app, ["ls", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(bad) in lines[0]
    assert "Traceback" not in result.output + result.stderr


# --- the command line -------------------------------------------------------------------------


def test_ls_and_diagnose_list_every_run() -> None:
    second_fs, second_db = second_baseline_file_store(), second_baseline_db()
    expected = {"mlruns/cls-exp/baseline", f"mlruns/{second_fs}", "mlruns/other-exp/lm",
                "sqlite/cls-exp/baseline", f"sqlite/{second_db}", "sqlite/other-exp/lm"}
    for command in ("ls", "diagnose"):
        result = runner.invoke(app, [command, "--format", "json", str(FIXTURES)])
        assert result.exit_code == 0, result.output
        listed = {run["run"] for run in json.loads(result.stdout)["runs"]}
        assert listed == expected, command


# --- arbitrary input --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.booleans())
def test_arbitrary_bytes_never_crash_the_sqlite_readers(data: bytes, magic: bool) -> None:
    from curvecli.readers.trackio import TrackioReader

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mlflow.db"
        path.write_bytes((b"SQLite format 3\x00" if magic else b"") + data)
        for reader in (MlflowDbReader(), TrackioReader()):
            assert not reader.sniff(read_head(path), path)
            with pytest.raises(CurveError):
                reader.read(path)


@pytest.mark.parametrize("offset", [100, 600, 1500, 4000, 9000, 20000, 27000])
def test_a_damaged_db_is_read_or_refused(tmp_path: Path, offset: int) -> None:
    damaged = tmp_path / "mlflow.db"
    data = bytearray(DB.read_bytes())
    data[offset:offset + 64] = random.Random(offset).randbytes(64)  # the same bytes every run
    damaged.write_bytes(bytes(data))
    try:
        points = MlflowDbReader().read(damaged)
    except CurveError:
        return
    assert set(points.table.columns) >= {"tag", "step", "value", "run"}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_metric_files_and_meta_never_crash(data: bytes) -> None:
    from curvecli.readers.mlflow import parse_metric, run_identity

    found = parse_metric(data)
    assert len(found.times) == len(found.values) == len(found.steps)
    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "1" / "abc"
        (run / "metrics").mkdir(parents=True)
        (run / "meta.yaml").write_bytes(data)
        (run / "metrics" / "loss").write_bytes(data)
        run_identity(run / "meta.yaml")
        try:
            MlflowRunReader().read(run / "meta.yaml")
        except CurveError:
            pass
