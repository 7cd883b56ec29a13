"""Histories as tables (readers/history.py): curvecli's export read back, W&B Parquet history."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from typer.testing import CliRunner
from writers import write_trainer_state

from curvecli.cli import app
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.history import ExportReader, WandbParquetReader
from curvecli.readers.wandb import WandbHistoryReader
from curvecli.reading import load_paths

runner = CliRunner()
HF_RUN = DATA / "trainer_state" / "hf-distilbert-lora-imdb-tashu014"
KERAS_TB = DATA / "tensorboard" / "tb-keras-imdb-thecodeheadmt"  # validation/ dir: a split hint
WANDB_PARQUET = DATA / "history" / "wandb-parquet-spaceinvaders-mfts"
FORMATS = ("csv", "jsonl", "parquet")


def export(paths: list[Path], out: Path) -> Path:
    result = runner.invoke(app, ["export", *map(str, paths), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def without_ids(frame):
    """The frame but the run ids (prefixed with the export's folder)."""
    return frame.drop(columns=["run"]).reset_index(drop=True)


def assert_same_points(left, right) -> None:
    assert list(left.columns) == list(right.columns)
    for column in left.columns:
        a, b = left[column].to_numpy(), right[column].to_numpy()
        if a.dtype.kind == "f":
            assert np.array_equal(a, b, equal_nan=True), column
        else:
            assert [str(x) for x in a] == [str(x) for x in b], column


def test_export_reads_back_the_same_in_every_format(tmp_path: Path) -> None:
    original = load_paths([HF_RUN, KERAS_TB])
    frames = {}
    for fmt in FORMATS:
        path = export([HF_RUN, KERAS_TB], tmp_path / f"frame.{fmt}")
        assert choose(read_head(path), path).name == "export"
        loaded = load_paths([path])
        assert [run.points for run in loaded.runs] == [run.points for run in original.runs]
        assert [run.run.split("/", 1)[1] for run in loaded.runs] == [
            run.run for run in original.runs]  # one run per run id, under the file's folder
        # each run comes back with the source it was exported from, in the frame too
        assert [run.source for run in loaded.runs] == [run.source for run in original.runs]
        assert list(loaded.frame["source"].astype(str)) == \
            list(original.frame["source"].astype(str))
        frames[fmt] = loaded.frame
        assert_same_points(without_ids(loaded.frame), without_ids(original.frame))
    assert frames["csv"].equals(frames["jsonl"]) and frames["csv"].equals(frames["parquet"])
    assert "val" in set(frames["csv"]["split"])  # the Keras validation/ dir's split is kept


def test_export_keeps_nan_and_inf(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "run" / "trainer_state.json", [
        {"loss": float("nan"), "step": 1}, {"loss": float("inf"), "step": 2},
        {"loss": -float("inf"), "step": 3}, {"loss": 0.5, "step": 4}])
    for fmt in FORMATS:
        path = export([tmp_path / "run"], tmp_path / f"out.{fmt}")
        values = ExportReader().read(path).table["value"].tolist()
        assert math.isnan(values[0]) and values[1:] == [math.inf, -math.inf, 0.5], fmt


def test_export_jsonl_bad_lines_are_warned(tmp_path: Path) -> None:
    path = export([HF_RUN], tmp_path / "frame.jsonl")
    with open(path, "a") as handle:
        handle.write("not json\n" + json.dumps({"x": 1}) + "\n")
    points = ExportReader().read(path)
    assert len(points.table) == 66 and "2 line(s)" in points.warnings[0]
    assert points.meta["sources"] == {"hf-distilbert-lora-imdb-tashu014": "trainer_state"}


def test_wandb_parquet_equals_its_csv_and_jsonl_history() -> None:
    parquet = WANDB_PARQUET / "history.parquet"
    assert choose(read_head(parquet), parquet).name == "wandb_parquet"
    points = WandbParquetReader().read(parquet)
    csv = WandbHistoryReader().read(WANDB_PARQUET / "history.csv")
    jsonl = WandbHistoryReader().read(
        DATA / "wandb" / "wandb-history-jsonl-spaceinvaders-mfts" / "wandb-history.jsonl")
    assert points.table.equals(csv.table) and points.table.equals(jsonl.table)
    assert len(points.table) == 196 and not points.warnings  # media (video) structs: no points
    assert points.table["wall_time"].notna().all()


def test_wandb_parquet_nested_and_step_keys(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"_step": [0, 1, 2], "_timestamp": [1.0, 2.0, 3.0],
                          "train/global_step": [10, 20, 30],
                          "train/loss": [1.0, float("nan"), 0.5],
                          "nested": [{"a": 1.0}, {"a": 2.0}, {"a": 3.0}],
                          "tokens": [[1, 2], [3], []]})
    path = tmp_path / "history.parquet"
    frame.to_parquet(path)
    table = WandbParquetReader().read(path).table
    assert list(zip(table["tag"], table["step"])) == [
        ("train/loss", 10), ("nested.a", 10), ("nested.a", 20), ("train/loss", 30),
        ("nested.a", 30)]


def test_broken_parquet_is_a_format_error(tmp_path: Path) -> None:
    from curvecli.errors import FormatError

    path = tmp_path / "history.parquet"
    path.write_bytes(b"PAR1" + b"\x00" * 100)
    assert not WandbParquetReader().sniff(read_head(path), path)
    with pytest.raises(FormatError, match="Parquet"):
        WandbParquetReader().read(path)
    with pytest.raises(FormatError, match="Parquet"):
        ExportReader().read(path)
