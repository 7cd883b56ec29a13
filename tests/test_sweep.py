"""`curvecli sweep`: leaderboard, hyper-parameters from the runs, importance, clusters."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from tensorboard.compat.proto import event_pb2
from tensorboard.plugins.hparams import summary_v2
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from typer.testing import CliRunner
from writers import write_scalars

from curvecli.cli import app

runner = CliRunner()
LRS = (1e-4, 1e-3, 1e-2, 1e-1, 3.0)
SEEDS = (1, 2, 3)


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def write_run(folder: Path, lr: float, seed: int) -> None:
    """One run of the sweep: its hyper-parameters through TensorBoard's hparams plugin, its
    val loss through the event writer. The loss levels off lowest at lr 1e-2 (too low:
    slow; too high: worse), and lr 3.0 diverges to NaN."""
    writer = EventFileWriter(str(folder))
    summary = summary_v2.hparams_pb({"lr": lr, "seed": seed, "optimizer": "adam"})
    writer.add_event(event_pb2.Event(wall_time=1.0, step=0, summary=summary))
    writer.close()
    rng = np.random.default_rng(seed)
    floor = 0.2 + 0.15 * abs(math.log10(lr) + 2)
    points = []
    for step in range(0, 1000, 20):
        if lr > 1:
            value = 0.5 * math.exp(step / 150) if step < 700 else math.nan
        else:
            value = floor + 2.0 * math.exp(-step * min(lr, 0.01) * 0.5) * 0.5 + \
                rng.normal(0, 0.003)
        points.append(("val/loss", step, value))
        points.append(("train/loss", step, value * 0.9 if math.isfinite(value) else value))
    write_scalars(folder, points, suffix=".scalars")


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sweep")
    for lr in LRS:
        for seed in SEEDS:
            write_run(root / f"lr{lr:g}-s{seed}", lr, seed)
    return root


def sweep_json(*args) -> dict:
    result = invoke("sweep", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["version"] == 1
    return document


def test_leaderboard_ranks_by_best_and_puts_diverged_runs_last(sweep_dir):
    document = sweep_json(sweep_dir)
    assert document["metric"] == "val/loss" and document["direction"] == "lower_is_better"
    runs = document["runs"]
    assert [run["rank"] for run in runs] == list(range(1, 16))
    assert runs[0]["run"].startswith("lr0.01-")
    assert all(run["run"].startswith("lr3-") for run in runs[-3:])
    assert all(run["reason"] for run in runs[-3:])
    finite = [run["best"]["value"] for run in runs[:-3]]
    assert finite == sorted(finite)
    assert runs[0]["hparams"] == {"lr": 0.01, "seed": runs[0]["hparams"]["seed"],
                                  "optimizer": "adam"}
    assert set(runs[0]) >= {"run", "rank", "best", "final", "verdict", "confidence",
                            "hparams", "cluster"}


def test_the_learning_rate_matters_and_the_seed_does_not(sweep_dir):
    """The lr's best is in the middle of its range: it still comes out first."""
    document = sweep_json(sweep_dir)
    ranked = {item["name"]: item for item in document["hparams"]}
    assert document["hparams"][0]["name"] == "lr"
    assert ranked["lr"]["direction"] == "non-monotonic"
    assert ranked.get("seed", {"importance": 0.0})["importance"] < 0.1
    assert "optimizer" not in ranked  # constant: skipped, with why
    assert "optimizer" in document["hparams_skipped"]


def test_clusters_put_the_diverged_runs_together(sweep_dir):
    document = sweep_json(sweep_dir)
    by_run = {run["run"]: run["cluster"] for run in document["runs"]}
    diverged = {by_run[name] for name in by_run if name.startswith("lr3-")}
    assert len(diverged) == 1
    (cluster,) = [c for c in document["clusters"] if c["id"] in diverged]
    assert set(cluster["runs"]) == {name for name in by_run if name.startswith("lr3-")}
    assert "diverged" in cluster["description"] and cluster["typical"] in cluster["runs"]
    fixed = sweep_json(sweep_dir, "--clusters", 2)
    assert len(fixed["clusters"]) == 2


def test_hparams_table_top_and_formats(sweep_dir, tmp_path):
    table = tmp_path / "extra.csv"
    table.write_text("run,batch,lr\n" + "".join(
        f"lr{lr:g}-s{seed},{32 * seed},{lr}\n" for lr in LRS for seed in SEEDS))
    document = sweep_json(sweep_dir, "--hparams", table, "--top", 3)
    assert len(document["runs"]) == 3
    assert document["runs"][0]["hparams"]["batch"] in (32, 64, 96)
    for fmt, marker in (("table", "what mattered"), ("tsv", "rank\trun"),
                        ("markdown", "### What mattered")):
        result = invoke("sweep", "--format", fmt, sweep_dir)
        assert result.exit_code == 0 and marker in result.stdout, (fmt, result.output)


def test_plot_writes_figures_outside_the_logs(sweep_dir, tmp_path):
    out = tmp_path / "figures"
    result = invoke("sweep", "--plot", out, sweep_dir)
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in out.glob("*.png"))
    assert written and all((out / name).read_bytes()[:4] == b"\x89PNG" for name in written)
    inside = invoke("sweep", "--plot", sweep_dir / "lr0.01-s1" / "plots", sweep_dir)
    assert inside.exit_code == 2 and "inside the log folder" in inside.stderr


@pytest.mark.parametrize("args, message", [
    (["--clusters", "0"], "--clusters 0"), (["--clusters", "many"], "--clusters many"),
    (["--hparams", "/nonexistent/table.csv"], "--hparams"),
    (["--metric", "val/nothing"], "val/nothing"),
])
def test_usage_errors(sweep_dir, args, message):
    result = invoke("sweep", sweep_dir, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_too_few_runs_says_so_instead_of_printing_noise(tmp_path):
    for lr in (1e-3, 1e-2):
        write_run(tmp_path / f"lr{lr:g}", lr, 1)
    document = sweep_json(tmp_path)
    assert document["hparams"] == [] and document["hparams_reason"]


REAL_SWEEP = DATA / "sweep" / "digits-mlp-lightning"


def test_a_real_lightning_sweep():
    """An MLP on digits trained with Lightning (CSVLogger + hparams.yaml), 6 learning rates x
    2 widths x 2 seeds: ranked by best value, every run's settings read, the learning rate
    the one that matters, and the runs that learned nothing kept apart from those that
    learned."""
    document = sweep_json(REAL_SWEEP)
    runs = document["runs"]
    assert len(runs) == 24
    ranked = [run["best"]["value"] for run in runs if not run["reason"]]
    assert ranked == sorted(ranked)
    assert all(set(run["hparams"]) >= {"lr", "width", "seed"} for run in runs)
    assert document["hparams"][0]["name"] == "lr"
    assert document["hparams"][0]["importance"] > 0.3
    assert all(item["importance"] < 0.05 for item in document["hparams"][1:])
    cluster_of = {run["run"]: run["cluster"] for run in runs}
    idle = {cluster_of[run["run"]] for run in runs if run["hparams"]["lr"] <= 1e-3}
    learned = {cluster_of[run["run"]] for run in runs if run["hparams"]["lr"] in (0.1, 1.0)}
    diverged = {cluster_of[run["run"]] for run in runs if run["verdict"] == "diverging"}
    assert len(idle) == 1 and not idle & learned and not idle & diverged


def test_a_wandb_runs_table_export_is_a_sweep():
    """A real W&B runs-table export: each run's config columns are its settings; five runs
    are too few for importances, which is said."""
    document = sweep_json(DATA / "wandb" / "wandb-runs-table-text-aug-kingb12")
    assert len(document["runs"]) == 5
    assert all("augment_probability" in run["hparams"] for run in document["runs"])
    assert document["hparams"] == [] and "runs" in document["hparams_reason"]


def test_tensorboard_hparams_of_a_real_run():
    (run,) = sweep_json(DATA / "tensorboard" / "tb-lightning-mnist-cnn-hcdescamps")["runs"]
    assert run["hparams"]["num_classes"] == 10


def test_unrelated_runs_are_not_ranked_against_each_other():
    """A tree of unrelated public runs: said, not ranked; --metric ranks them anyway."""
    document = sweep_json(DATA / "labelled" / "real")
    assert document["runs"] == [] and "do not look like one sweep" in document["reason"]
    forced = sweep_json(DATA / "labelled" / "real", "--metric", "val/loss")
    assert forced["runs"] and forced["reason"] is None


def test_runs_that_share_no_metric_are_said_so_in_every_format(tmp_path):
    for name, tag in (("a", "val/loss"), ("b", "val/accuracy"), ("c", "val/wer")):
        write_scalars(tmp_path / name, [(tag, step, 1.0 / (step + 2)) for step in range(8)])
    for fmt in ("table", "tsv", "markdown"):
        result = invoke("sweep", "--format", fmt, tmp_path)
        assert result.exit_code == 0 and "do not share a metric" in result.stdout, fmt
        assert "best val/loss" not in result.stdout  # no leaderboard
