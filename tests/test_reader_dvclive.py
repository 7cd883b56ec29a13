"""DVCLive's metric files: one ``.tsv`` per metric, a DVCLive folder one run."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import DATA

from curvecli import load_runs
from curvecli.analysis.diagnose import diagnose_run
from curvecli.readers import choose
from curvecli.readers.base import read_head

DVCLIVE = DATA / "dvclive"
NEW = DVCLIVE / "musicnet-lezek123" / "dvclive"  # DVCLive 2/3: plots/metrics/, step<TAB>name
OLD = DVCLIVE / "hackathon-v1-shcheklein" / "dvclive"  # DVCLive 1: scalars/, with timestamps


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def test_a_dvclive_folder_is_one_run_named_by_each_files_path() -> None:
    # A public DVCLive folder (SOURCE.txt): plots/metrics/train/loss.tsv, eval/loss.tsv,
    # eval/f1_weighted.tsv ... Each file is a metric named by its path there: eval/loss is
    # val's loss, train/loss train's, all in one run. Independent reading: csv's tab dialect.
    path = NEW / "plots" / "metrics" / "eval" / "loss.tsv"
    assert choose(read_head(path), path).name == "dvclive"
    (log,) = load_runs(NEW.parent).runs
    assert log.run == "dvclive"
    frame = log.frame
    assert {"eval/loss", "train/loss", "eval/f1_weighted"} <= set(frame["tag"].astype(str))
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    rows = _rows(path)
    assert val["step"].tolist() == [int(step) for step, _ in rows]
    assert val["value"].tolist() == [float(value) for _, value in rows]
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert len(train) == len(_rows(NEW / "plots" / "metrics" / "train" / "loss.tsv")) == 16


def test_a_dvclive_1_scalars_file_keeps_its_timestamps_as_wall_time() -> None:
    # DVCLive 1 (SOURCE.txt): scalars/eval/loss.tsv with "timestamp, step, eval/loss", the
    # timestamps in milliseconds. A file given alone is that metric.
    path = OLD / "scalars" / "eval" / "loss.tsv"
    (log,) = load_runs(path).runs
    frame = log.frame
    assert set(frame["tag"].astype(str)) == {"eval/loss"}
    assert set(frame["split"].astype(str)) == {"val"}
    rows = _rows(path)
    assert frame["step"].tolist() == [int(step) for _, step, _ in rows]
    assert frame["wall_time"].tolist() == [int(stamp) / 1000 for stamp, _, _ in rows]


def test_a_tsv_outside_a_dvclive_folder_is_not_dvclive(tmp_path: Path) -> None:
    # The same header in a folder of another name is a generic tab-separated log.
    path = tmp_path / "logs" / "loss.tsv"
    path.parent.mkdir()
    path.write_text("step\tloss\n0\t1.0\n1\t0.5\n")
    assert choose(read_head(path), path).name != "dvclive"


def test_a_music_tagger_whose_val_loss_climbed_from_its_first_logged_epoch_overfits() -> None:
    # The DVCLive folder above: its log starts at epoch 4, val loss 0.419, 0.411 (best), then up
    # at nearly every epoch to 0.81 while the train loss falls 0.171 -> 0.090. Val never got
    # below its first logged value, but train fitted by half: overfitting, not a model that
    # fitted neither set (it was underfitting).
    (log,) = load_runs(NEW.parent).runs
    report = diagnose_run(log)
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"


def test_dvclive_0_x_wrote_its_metrics_at_the_top_of_its_folder(tmp_path: Path) -> None:
    # DVCLive 0.x: ``dvclive/loss.tsv`` and ``dvclive/val_loss.tsv``, "timestamp, step, name",
    # no plots/metrics folder. Its folder is still one run.
    folder = tmp_path / "run" / "dvclive"
    folder.mkdir(parents=True)
    for name, values in (("loss", (1.0, 0.5, 0.4)), ("val_loss", (1.2, 0.7, 0.6))):
        rows = "".join(f"{1_600_000_000_000 + 1000 * step}\t{step}\t{value}\n"
                       for step, value in enumerate(values))
        (folder / f"{name}.tsv").write_text(f"timestamp\tstep\t{name}\n{rows}")
    (log,) = load_runs(tmp_path / "run").runs
    assert log.run == "dvclive"
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["value"].tolist() == [1.2, 0.7, 0.6]
    assert frame["wall_time"].min() == 1_600_000_000.0


def test_dvclive_params_yaml_gives_the_run_its_settings() -> None:
    """``Live.log_params`` writes ``params.yaml`` in the DVCLive folder that is the run: its
    settings are the run's hyper-parameters (nested keys joined with dots), for sweep and
    forecast's planned length."""
    from curvecli.hparams import planned_length, run_hparams

    log = load_runs(NEW).runs[0]
    found = run_hparams(log.meta, log.files)
    assert found["lr"] == 0.0025 and found["model.n_layers"] == 5
    assert found["dataset.default.batch_size"] == 8
    assert planned_length(found) == ("epoch", 20.0, "model.epochs")
