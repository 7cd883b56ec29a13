"""`curvecli forecast`: the planned end, the JSON contract, --beat/--target, plots, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from typer.testing import CliRunner
from writers import write_csv, write_scalars

from curvecli.cli import app

runner = CliRunner()
KEYS = {"run", "series", "last_step", "to_step", "to_step_source", "predicted", "low", "high",
        "level", "target_step", "p_beat", "method", "reason"}
HF_CHECKPOINT = DATA / "corpus" / "hf" / "circles" / "underfitting-linear-s1" / "checkpoint-567"


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def power_law(step: np.ndarray) -> np.ndarray:
    return 0.5 + 2.0 * (step + 100.0) ** -0.5


def write_power_run(folder: Path, last: int = 400, every: int = 10, noise: float = 0.002,
                    seed: int = 0) -> Path:
    """A val loss that follows a known power law, written with TensorBoard's writer."""
    rng = np.random.default_rng(seed)
    steps = np.arange(0, last + 1, every)
    values = power_law(steps.astype(float)) + rng.normal(0, noise, len(steps))
    write_scalars(folder, [("val/loss", int(s), float(v)) for s, v in zip(steps, values)]
                  + [("train/loss", int(s), float(v) * 0.9) for s, v in zip(steps, values)])
    return folder


def forecast_json(*args) -> list[dict]:
    result = invoke("forecast", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["version"] == 1
    for run in document["runs"]:
        assert set(run) == KEYS
    return document["runs"]


def test_power_law_to_twice_the_last_step(tmp_path):
    """No planned end in the logs: twice the last step, said so; the known final value is in
    the band and nearer than the last logged value."""
    (run,) = forecast_json(write_power_run(tmp_path / "run"))
    assert run["series"] == "val/loss"
    assert (run["last_step"], run["to_step"]) == (400, 800)
    assert run["to_step_source"].startswith("2x the last step")
    truth = float(power_law(np.array([800.0]))[0])
    assert run["low"] <= truth <= run["high"]
    assert abs(run["predicted"] - truth) < abs(float(power_law(np.array([400.0]))[0]) - truth)
    assert run["level"] == 0.8 and run["reason"] is None and "curve famil" in run["method"]


def test_trainer_state_max_steps_is_the_planned_end(tmp_path):
    """A real HF checkpoint's trainer_state.json (step 567 of max_steps 630)."""
    shutil.copy(HF_CHECKPOINT / "trainer_state.json", tmp_path / "trainer_state.json")
    (run,) = forecast_json(tmp_path)
    assert (run["last_step"], run["to_step"]) == (567, 630)
    assert run["to_step_source"] == "trainer_state max_steps"
    assert (run["predicted"] is None) == (run["reason"] is not None)


def test_a_console_logs_epoch_total_is_the_planned_end(tmp_path):
    """A real Keras 3 console (``fit(verbose=1)``, tests/data/text) cut after "Epoch 4/6":
    the 6 it prints is the planned length, the end of its sixth epoch step 5 (0-based)."""
    lines = (DATA / "text" / "keras3-verbose1" / "train.log").read_text().splitlines(True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("Epoch 5/6"))
    (tmp_path / "train.log").write_text("".join(lines[:cut]))
    (run,) = forecast_json(tmp_path / "train.log")
    assert (run["last_step"], run["to_step"]) == (3, 5)
    assert run["to_step_source"] == "epochs = 6 epochs"


def test_lightning_max_epochs_from_hparams_yaml(tmp_path):
    """Lightning's metrics.csv with hparams.yaml max_epochs: 20 after 10 epochs of 50 steps:
    the end of epoch 20 is about step 1,000."""
    version = tmp_path / "lightning_logs" / "version_0"
    rows = []
    for epoch in range(10):
        step = epoch * 50 + 49
        rows.append([epoch, step, "", round(float(power_law(np.array([step]))[0]), 6)])
        rows.append([epoch, step, round(float(power_law(np.array([step]))[0]) * 0.9, 6), ""])
    write_csv(version / "metrics.csv", ["epoch", "step", "train_loss", "val_loss"], rows)
    (version / "hparams.yaml").write_text("lr: 0.01\nmax_epochs: 20\n")
    (run,) = forecast_json(tmp_path)
    assert run["to_step_source"] == "max_epochs = 20 epochs"
    assert 950 <= run["to_step"] <= 1050


def test_to_epoch_on_an_epoch_indexed_keras_log(tmp_path):
    """Keras' CSVLogger counts epochs from 0: the end of epoch 30 is row 29."""
    rows = [[epoch, 0.9 - 0.02 * epoch, float(power_law(np.array([epoch * 10.0]))[0])]
            for epoch in range(15)]
    write_csv(tmp_path / "training.log", ["epoch", "loss", "val_loss"], rows)
    (run,) = forecast_json(tmp_path, "--to-epoch", 30)
    assert (run["last_step"], run["to_step"]) == (14, 29)
    assert run["to_step_source"] == "--to-epoch 30"


def test_beat_a_value_gives_domhans_advice(tmp_path):
    run_dir = write_power_run(tmp_path / "run")
    truth = float(power_law(np.array([800.0]))[0])
    (easy,) = forecast_json(run_dir, "--beat", truth + 0.2)
    (hard,) = forecast_json(run_dir, "--beat", truth - 0.2)
    assert easy["p_beat"] > 0.95 and hard["p_beat"] < 0.05
    table = invoke("forecast", run_dir, "--beat", truth - 0.2)
    assert "stop: P(beat) = 0.0" in table.stdout


def test_beat_another_run_and_target(tmp_path):
    """--beat RUN: each run against that run's best; the reference itself has no P."""
    write_power_run(tmp_path / "good", noise=0.001)
    slow = tmp_path / "slow"
    steps = np.arange(0, 401, 10)
    write_scalars(slow, [("val/loss", int(s), float(1.0 + 2.0 * (s + 100.0) ** -0.5))
                         for s in steps])
    runs = {run["run"]: run for run in forecast_json(tmp_path, "--beat", "good",
                                                     "--target", 0.58)}
    assert runs["good"]["p_beat"] is None
    assert runs["slow"]["p_beat"] < 0.05  # it sits 0.5 above good's best and levels off
    reach = runs["good"]["target_step"]
    assert reach is not None and 450 < reach < 650  # the power law reaches 0.58 at 525
    assert runs["slow"]["target_step"] is None


def test_too_short_and_finished_runs_are_refused_with_a_reason(tmp_path):
    write_scalars(tmp_path / "short", [("val/loss", step, 1.0 / (step + 1))
                                       for step in range(0, 40, 10)])
    write_power_run(tmp_path / "done")
    runs = {run["run"]: run for run in forecast_json(tmp_path, "--to-step", 300,
                                                     "--metric", "val/loss")}
    assert runs["done"]["predicted"] is None
    assert "already reached step 300" in runs["done"]["reason"]
    assert runs["short"]["predicted"] is None and runs["short"]["low"] is None
    assert runs["short"]["reason"]


def test_plot_writes_a_png_and_keeps_stdout_clean(tmp_path):
    run_dir = write_power_run(tmp_path / "logs" / "run")
    out = tmp_path / "figures"
    result = invoke("forecast", "--format", "json", "--plot", out, "--target", 0.6,
                    run_dir)
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # the figure paths went to stderr
    (png,) = out.glob("*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and str(png) in result.stderr
    inside = invoke("forecast", "--plot", run_dir / "plots", run_dir)
    assert inside.exit_code == 2 and "inside the log folder" in inside.stderr
    assert not (run_dir / "plots").exists()


@pytest.mark.parametrize("fmt, marker", [("table", "predicted"), ("tsv", "predicted\t"),
                                         ("markdown", "## curvecli forecast")])
def test_every_format_renders(tmp_path, fmt, marker):
    result = invoke("forecast", "--format", fmt, write_power_run(tmp_path / "run"))
    assert result.exit_code == 0 and marker in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--to-step", "10", "--to-epoch", "2"], "not both"),
    (["--beat", "nosuchrun"], "--beat nosuchrun"),
    (["--metric", "val/nothing"], "no series 'val/nothing'"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    result = invoke("forecast", write_power_run(tmp_path / "run"), *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_planned_end_from_the_trainer_state_of_a_tensorboard_twin():
    """An HF output dir read from its event file (more points) still takes max_steps from
    its trainer_state.json: that run is at its planned end."""
    run_dir = DATA / "corpus" / "hf" / "digits" / "still_improving-lr1e-4-s1"
    (run,) = forecast_json(run_dir)
    assert run["to_step_source"] == "trainer_state max_steps" and run["to_step"] == 123
    assert run["predicted"] is None and "already reached" in run["reason"]


def test_diagnose_still_improving_says_what_going_on_would_gain(tmp_path):
    """still_improving carries the forecast: the gain of going on, with its spread."""
    result = invoke("diagnose", "--format", "json", write_power_run(tmp_path / "run",
                                                                   noise=0.0005))
    (report,) = json.loads(result.stdout)["runs"]
    findings = [f for f in report["findings"] if f["code"] == "still_improving"]
    assert findings, report
    forecast = findings[0]["evidence"]["forecast"]
    assert forecast["to_step"] == 800 and forecast["gain"] > 0
    assert forecast["low"] <= float(power_law(np.array([800.0]))[0]) <= forecast["high"]
    assert "forecast: going on to step 800" in findings[0]["message"]
