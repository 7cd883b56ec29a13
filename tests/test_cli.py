"""The command line: exit codes, stdout/stderr discipline, every --format has a renderer."""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, SAMPLE_LOGS
from typer.testing import CliRunner
from writers import write_csv, write_trainer_state

from curvecli.cli import app
from curvecli.frame import COLUMNS

runner = CliRunner()
HF_RUN = DATA / "trainer_state" / "hf-distilbert-lora-imdb-tashu014"


def invoke(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def test_ls_lists_every_sample_run() -> None:
    result = invoke("ls", "--format", "json", SAMPLE_LOGS)
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)["runs"]
    folders = {path.name for path in SAMPLE_LOGS.iterdir() if path.is_dir()}
    assert {run["run"].split("/")[0] for run in runs} == folders
    assert all(run["points"] > 0 for run in runs)


def test_ls_table_goes_to_stdout() -> None:
    result = invoke("ls", HF_RUN)
    assert result.exit_code == 0
    assert "trainer_state" in result.stdout and "train/loss" in result.stdout


def test_export_csv_has_every_point_and_the_design_columns() -> None:
    result = invoke("export", SAMPLE_LOGS)
    assert result.exit_code == 0
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert tuple(frame.columns) == COLUMNS
    listed = json.loads(invoke("ls", "--format", "json", SAMPLE_LOGS).stdout)["runs"]
    assert len(frame) == sum(run["points"] for run in listed)


def test_export_keeps_nan_and_inf(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "trainer_state.json", [
        {"loss": float("nan"), "step": 1}, {"loss": float("inf"), "step": 2},
        {"loss": 0.5, "step": 3}])
    csv_out = invoke("export", tmp_path)
    values = pd.read_csv(io.StringIO(csv_out.stdout))["value"].tolist()
    assert math.isnan(values[0]) and values[1] == math.inf and values[2] == 0.5
    jsonl = invoke("export", "--format", "jsonl", tmp_path)
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [row["value"] for row in rows] == ["NaN", "Infinity", 0.5]


def test_export_to_file_and_parquet(tmp_path: Path) -> None:
    out = tmp_path / "frame.csv"
    assert invoke("export", HF_RUN, "-o", out).exit_code == 0
    assert len(pd.read_csv(out)) == 66
    parquet = tmp_path / "frame.parquet"
    assert invoke("export", HF_RUN, "--format", "parquet", "-o", parquet).exit_code == 0
    assert len(pd.read_parquet(parquet)) == 66


def test_export_smooth_matches_tensorboard_reference(tmp_path: Path) -> None:
    # Hand-computed with TensorBoard's classicSmoothing at w = 0.6:
    # y = [1, NaN, 3, inf, 2]; finite points update the EMA, the others pass through.
    # n=1: last = 0.4*1 = 0.4, /(1-0.6) = 1.0
    # n=2: last = 0.24 + 0.4*3 = 1.44, /(1-0.36) = 2.25
    # n=3: last = 0.864 + 0.4*2 = 1.664, /(1-0.216) = 2.122448979591837
    write_trainer_state(tmp_path / "trainer_state.json", [
        {"loss": value, "step": step}
        for step, value in enumerate([1.0, float("nan"), 3.0, float("inf"), 2.0], start=1)])
    result = invoke("export", tmp_path, "--smooth", "0.6")
    frame = pd.read_csv(io.StringIO(result.stdout))
    expected = [1.0, math.nan, 2.25, math.inf, 1.664 / 0.784]
    for got, want in zip(frame["smoothed"], expected):
        if math.isnan(want):
            assert math.isnan(got)
        elif math.isinf(want):
            assert got == want
        else:
            assert abs(got - want) <= 1e-12


def test_diagnose_json_follows_the_schema() -> None:
    result = invoke("diagnose", "--format", "json", HF_RUN)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["version"] == 1
    (run,) = report["runs"]
    assert {"run", "source", "points", "series", "verdict", "confidence", "findings", "best",
            "wasted_fraction"} <= set(run)
    assert 0.0 <= run["confidence"] <= 1.0
    assert run["best"]["series"] == "val/loss"
    for finding in run["findings"]:
        keys = {"code", "severity", "series", "step", "message", "evidence", "advice"}
        assert keys <= set(finding)


@pytest.mark.parametrize("fmt, marker", [("table", "verdict"), ("json", '"verdict"'),
                                         ("markdown", "| run | verdict")])
def test_every_diagnose_format_renders(fmt: str, marker: str) -> None:
    result = invoke("diagnose", "--format", fmt, SAMPLE_LOGS)
    assert result.exit_code == 0, result.output
    assert marker in result.stdout


def test_exit_1_when_a_finding_reaches_fail_on(tmp_path: Path) -> None:
    rows = [[epoch, 1.0 / (epoch + 1),
             1.0 / (epoch + 1) + (0.0 if epoch < 5 else 0.1 * (epoch - 4))]
            for epoch in range(15)]
    write_csv(tmp_path / "training.log", ["epoch", "loss", "val_loss"], rows)
    assert invoke("diagnose", tmp_path).exit_code == 0
    assert invoke("diagnose", tmp_path, "--fail-on", "warning").exit_code == 1
    assert invoke("diagnose", tmp_path, "--fail-on", "error").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["ls", "/nonexistent/run"], "no such file or directory"),
    (["ls", DATA / "trainer_state" / "hf-lfs-pointer-spam-justin-donnelly"], "git lfs pull"),
    (["export", "--format", "xml", HF_RUN], "Invalid value for '--format'"),
    (["export", "--smooth", "1.5", HF_RUN], "--smooth must be in [0, 1)"),
    (["diagnose", "--metric", "val/nothing", HF_RUN], "no series 'val/nothing'"),
])
def test_exit_2_with_one_line_on_stderr(args: list, message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout == ""


def test_empty_log_file_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "training.log").write_bytes(b"")
    result = invoke("export", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: empty file (0 bytes) ({tmp_path / 'training.log'})"]


def test_python_dash_m_and_help_work() -> None:
    done = subprocess.run([sys.executable, "-m", "curvecli", "--help"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0
    for command in ("ls", "export", "diagnose"):
        assert command in done.stdout


def test_readme_and_ci_run_the_same_test_command() -> None:
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text()
    ci = (root / ".ci" / "run").read_text()
    command = "pip install -e '.[test]' && python -m pytest"
    assert command in readme and command in ci
