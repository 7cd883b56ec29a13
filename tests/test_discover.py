"""Discovery: which files are logs, and which belong to one run."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from conftest import DATA
from writers import write_csv, write_scalars, write_trainer_state

import curvecli
from curvecli import discover as discover_module
from curvecli.discover import discover
from curvecli.errors import NoLogsError, UsageError

HISTORY = [
    {"loss": 1.0, "learning_rate": 1e-4, "epoch": 0.5, "step": 10},
    {"eval_loss": 0.9, "epoch": 0.5, "step": 10},
    {"loss": 0.8, "learning_rate": 5e-5, "epoch": 1.0, "step": 20},
    {"eval_loss": 0.85, "epoch": 1.0, "step": 20},
]


def test_keras_train_and_validation_dirs_are_one_run(tmp_path: Path) -> None:
    run = tmp_path / "fit-1"
    write_scalars(run / "train", [("epoch_loss", 0, 1.0), ("epoch_loss", 1, 0.7)], ".v2")
    write_scalars(run / "validation", [("epoch_loss", 0, 1.1), ("epoch_loss", 1, 0.9)], ".v2")
    loaded = curvecli.load_runs(tmp_path)
    (log,) = loaded.runs
    assert log.run == "fit-1"
    series = dict(zip(zip(log.frame["split"], log.frame["step"]), log.frame["value"]))
    assert series[("train", 1)] == pytest.approx(0.7)
    assert series[("val", 1)] == pytest.approx(0.9)
    assert set(log.frame["tag"]) == {"epoch_loss"}  # the tag stays as written


def test_keras_validation_dir_given_alone_is_still_val(tmp_path: Path) -> None:
    # Pointing at fit-1/validation (or one of its event files) rather than at fit-1: the
    # folder's name still says the split; epoch_loss would otherwise read as train.
    run = tmp_path / "fit-1"
    write_scalars(run / "validation", [("epoch_loss", 0, 1.1), ("epoch_loss", 1, 0.9)], ".v2")
    (event_file,) = (run / "validation").iterdir()
    for path in (run / "validation", event_file):
        (log,) = curvecli.load_runs(path).runs
        assert set(zip(log.frame["split"], log.frame["metric"])) == {("val", "loss")}


def test_add_scalars_subdirs_are_one_run_split_by_subdir(tmp_path: Path) -> None:
    run = tmp_path / "exp"
    write_scalars(run, [("lr", 0, 0.1)])
    write_scalars(run / "loss_train", [("loss", 0, 2.0), ("loss", 1, 1.5)])
    write_scalars(run / "loss_val", [("loss", 0, 2.1), ("loss", 1, 1.8)])
    (log,) = curvecli.load_runs(tmp_path).runs
    assert log.run == "exp"
    assert sorted(set(zip(log.frame["split"], log.frame["metric"]))) == [
        ("", "learning_rate"), ("train", "loss"), ("val", "loss")]


def test_add_scalars_subdirs_named_by_metric_keys_are_one_run(tmp_path: Path) -> None:
    # add_scalars("Loss", {"train_loss": ..., "val_loss": ...}): PyTorch writes exp/Loss_<key>/
    # beside the writer's own file in exp/, older tensorboardX exp/Loss/<key>/; each sub-run's
    # tag is the main tag. The key says what the series is.
    for layout in ("{main}_{key}", "{main}/{key}"):
        run = tmp_path / layout.replace("/", "-").replace("{", "").replace("}", "") / "exp"
        write_scalars(run, [("lr", 0, 0.1)])
        for key, values in (("train_loss", (2.0, 1.5)), ("val_loss", (2.1, 1.8))):
            sub = run / layout.format(main="Loss", key=key)
            write_scalars(sub, [("Loss", step, value) for step, value in enumerate(values)])
        (log,) = curvecli.load_runs(run.parent).runs
        assert log.run == "exp"
        assert sorted(set(zip(log.frame["split"], log.frame["metric"]))) == [
            ("", "learning_rate"), ("train", "loss"), ("val", "loss")]
        val = log.frame[log.frame["split"] == "val"]
        assert val["value"].tolist() == pytest.approx([2.1, 1.8])


def test_a_tensorboardx_add_scalars_log_is_one_run() -> None:
    # A public tensorboardX log (SOURCE.txt): the writer's own file in runs/<date>/ holds no
    # scalar; add_scalars("Epoch_loss", {"train_tensor_epoch_loss": ..., "valid_...": ...})
    # wrote runs/<date>/Epoch_loss/<key>/. One training of 75 epochs, train and val.
    (log,) = curvecli.load_runs(DATA / "tensorboard" / "tbx-add-scalars-priornet-siddharth").runs
    counts = log.frame.groupby(["split"], observed=True).size().to_dict()
    assert counts == {"train": 75, "val": 75}


def test_files_named_by_their_split_in_one_folder_are_one_run() -> None:
    # A public dialogue model (SOURCE.txt) writes log/train.log and log/valid.log, each the
    # CSV "epoch,loss,ppl,accuracy": one training, each file's name its split.
    (log,) = curvecli.load_runs(DATA / "csv" / "csv-train-valid-logs-aoty").runs
    assert log.run == "log"
    pairs = set(zip(log.frame["split"], log.frame["metric"]))
    assert {("train", "loss"), ("val", "loss"), ("val", "accuracy")} <= pairs
    val = log.frame[(log.frame["split"] == "val") & (log.frame["metric"] == "loss")]
    assert val["value"].iloc[0] == pytest.approx(5.62476)


def test_a_tag_written_under_two_split_folders_takes_each_folder_split(tmp_path: Path) -> None:
    # TF1 train/ and valid/ FileWriters both writing the name scope "Training_procedure/cost":
    # the tag's own split word would make both train; only the folders tell them apart.
    run = tmp_path / "logs"
    write_scalars(run / "train", [("Training_procedure/cost", step, 0.5) for step in range(3)])
    write_scalars(run / "valid", [("Training_procedure/cost", step, 0.6) for step in range(3)])
    write_scalars(run / "valid", [("Training_loss_only_here", 0, 1.0)], ".2")
    (log,) = curvecli.load_runs(run).runs
    pairs = log.frame.groupby(["split", "metric"], observed=True)["value"].mean().to_dict()
    assert pairs[("train", "training_procedure/cost")] == pytest.approx(0.5)
    assert pairs[("val", "training_procedure/cost")] == pytest.approx(0.6)
    assert ("train", "loss_only_here") in pairs  # a tag in one folder keeps its own split


def test_hf_output_dir_with_events_is_one_run_from_the_most_complete_source(tmp_path: Path) -> None:
    out = tmp_path / "bert"
    write_trainer_state(out / "checkpoint-20" / "trainer_state.json", HISTORY)
    (out / "checkpoint-20" / "model.safetensors").write_bytes(b"\0" * 1024)
    write_scalars(out / "runs" / "Mar24_22-23-40_host", [("train/loss", 10, 1.0)])
    loaded = curvecli.load_runs(tmp_path)
    (log,) = loaded.runs
    assert (log.run, log.source, log.points) == ("bert", "trainer_state", 6)
    assert log.meta["also_logged_by"][0]["source"] == "tensorboard"
    both = curvecli.load_runs(tmp_path, all_sources=True)
    assert sorted(run.source for run in both.runs) == ["tensorboard", "trainer_state"]
    assert {run.run for run in both.runs} == {"bert"}


def test_lightning_versions_are_runs(tmp_path: Path) -> None:
    for version in (0, 1):
        write_csv(tmp_path / "lightning_logs" / f"version_{version}" / "metrics.csv",
                  ["epoch", "step", "train_loss", "val_loss"],
                  [[0, 9, 0.5, ""], [0, 9, "", 0.6]])
    runs = curvecli.load_runs(tmp_path).runs
    assert [run.run for run in runs] == ["lightning_logs/version_0", "lightning_logs/version_1"]
    assert all(run.source == "lightning" for run in runs)


def test_two_logs_of_one_kind_in_a_dir_are_two_runs(tmp_path: Path) -> None:
    for name in ("a.log", "b.log"):
        write_csv(tmp_path / "keras" / name, ["epoch", "loss", "val_loss"],
                  [[0, 1.0, 1.1], [1, 0.5, 0.7]])
    runs = curvecli.load_runs(tmp_path).runs
    assert [run.run for run in runs] == ["keras/a", "keras/b"]


def test_weights_and_configs_are_never_opened(tmp_path: Path, monkeypatch) -> None:
    write_trainer_state(tmp_path / "trainer_state.json", HISTORY)
    for name in ("pytorch_model.bin", "optimizer.pt", "rng_state.pth", "model.safetensors",
                 "config.yaml"):
        (tmp_path / name).write_bytes(random.Random(name).randbytes(256))
    opened: list[str] = []
    original = discover_module.read_head

    def spy(path, size=4096):
        opened.append(Path(path).name)
        return original(path, size)

    monkeypatch.setattr(discover_module, "read_head", spy)
    (log,) = curvecli.load_runs(tmp_path).runs
    assert log.points == 6
    assert not set(opened) & {"pytorch_model.bin", "optimizer.pt", "rng_state.pth",
                              "model.safetensors", "config.yaml"}


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "run" / "trainer_state.json", HISTORY)
    (tmp_path / "run" / "loop").symlink_to(tmp_path, target_is_directory=True)
    runs = curvecli.load_runs(tmp_path).runs
    assert [run.run for run in runs] == ["run"]


def test_non_utf8_file_names_are_read(tmp_path: Path) -> None:
    directory = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(directory)
    path = Path(os.fsdecode(directory)) / "trainer_state.json"
    write_trainer_state(path, HISTORY)
    (log,) = curvecli.load_runs(tmp_path).runs
    assert log.points == 6


def test_nothing_found_lists_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# nothing here")
    with pytest.raises(NoLogsError, match="trainer_state.json, events.out.tfevents"):
        discover([tmp_path])


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        discover([tmp_path / "nope"])


def test_an_unreadable_file_among_good_ones_is_a_warning(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "good" / "trainer_state.json", HISTORY)
    bad = tmp_path / "bad" / "trainer_state.json"
    bad.parent.mkdir()
    bad.write_text('{"log_history": [')
    loaded = curvecli.load_runs(tmp_path)
    good = [run for run in loaded.runs if run.run == "good"]
    assert good[0].points == 6
    assert any("invalid JSON" in warning for warning in loaded.warnings)


def test_several_paths_keep_run_ids_apart(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_trainer_state(tmp_path / name / "out" / "trainer_state.json", HISTORY)
    runs = curvecli.load_runs(tmp_path / "a", tmp_path / "b").runs
    assert [run.run for run in runs] == ["a/out", "b/out"]


def test_a_file_path_is_one_run_named_by_its_folder(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "run-7" / "metrics.csv", ["step", "loss"], [[1, 0.5], [2, 0.4]])
    (log,) = curvecli.load_runs(path).runs
    assert log.run == "run-7"
    assert log.points == 2


def _training(start: int, end: int, offset: float = 0.0) -> list[tuple[str, int, float]]:
    return [(tag, step, offset + scale / (step + 1)) for step in range(start, end)
            for tag, scale in (("train/loss", 1.0), ("val/loss", 1.2))]


def test_a_dir_of_two_trainings_event_files_is_one_run_per_training(tmp_path: Path) -> None:
    # Two trainings written into one folder with TensorBoard's writer, one after the other
    # (a script run twice with the same log dir): each file starts its series over at step 0.
    run = tmp_path / "logs"
    write_scalars(run, _training(0, 5, offset=5.0), ".1")
    write_scalars(run, _training(0, 30), ".2")
    runs = {log.run: log for log in curvecli.load_runs(run).runs}
    assert sorted(runs) == ["logs/session=1", "logs/session=2"]
    first = runs["logs/session=1"].frame
    assert first.loc[first["tag"] == "val/loss", "step"].tolist() == list(range(5))
    assert len(runs["logs/session=2"].frame) == 60


def test_a_resume_or_a_file_of_a_few_points_in_the_same_dir_stays_one_run(tmp_path: Path) -> None:
    # A resume from step 20 continues the series; Lightning's second file holds hp_metric at
    # step 0 and one test point, and a re-validation logs one series per batch from step 0.
    run = tmp_path / "version_0"
    write_scalars(run, _training(0, 30), ".1")
    write_scalars(run, _training(20, 40), ".2")
    write_scalars(run, [("hp_metric", 0, -1.0), ("val/loss", 40, 0.05)]
                  + [("val_loss_step", step, 0.05) for step in range(10)], ".3")
    (log,) = curvecli.load_runs(run).runs
    assert log.run == "version_0"
    assert log.frame.loc[log.frame["tag"] == "train/loss", "step"].max() == 39


def test_event_files_of_one_second_are_read_in_the_order_their_writer_counted(
        tmp_path: Path) -> None:
    # TensorBoard's writer names its files events.out.tfevents.<time>.<host>.<pid>.<count>:
    # in one second, file 9 was written before file 10 (a resume from step 3 whose values win).
    run = tmp_path / "run"
    run.mkdir()
    first = write_scalars(tmp_path / "a", [("loss", step, 1.0) for step in range(6)])
    first.rename(run / "events.out.tfevents.1700000000.host.42.9")
    second = write_scalars(tmp_path / "b", [("loss", step, 0.5) for step in range(3, 8)])
    second.rename(run / "events.out.tfevents.1700000000.host.42.10")
    (log,) = curvecli.load_runs(run).runs
    assert [path.name.rsplit(".", 1)[1] for path in log.files] == ["9", "10"]
    assert log.frame["value"].tolist() == [1.0] * 6 + [0.5] * 5  # in write order


def test_a_metric_without_a_split_beside_its_val_twin_is_train(tmp_path: Path) -> None:
    # NeuralProphet's Lightning module logs MAE, RMSE and Loss on train without a prefix and
    # MAE_val, RMSE_val, Loss_val on val; the learning rate stays a run-level series.
    run = tmp_path / "version_0"
    write_scalars(run, [(tag, step, 1.0 / (step + 1)) for step in range(5)
                        for tag in ("MAE", "MAE_val", "RMSE", "RMSE_val", "lr-AdamW")])
    (log,) = curvecli.load_runs(run).runs
    splits = {(tag, split) for tag, split in zip(log.frame["tag"], log.frame["split"])}
    assert {("MAE", "train"), ("MAE_val", "val"), ("RMSE", "train"),
            ("lr-AdamW", "")} <= splits


def test_a_summarywriter_dir_named_by_its_comment_gives_its_split(tmp_path: Path) -> None:
    # SummaryWriter(comment="_val") writes to runs/<date>_<host>_val/; a public hippocampus
    # segmentation run logged its val loss there as "Loss" (its _train twin not committed),
    # read as a train loss.
    write_scalars(tmp_path / "runs" / "Aug23_13-26-39_Hannas-Mac-mini_val",
                  [("Loss", epoch, 0.02 - 0.001 * epoch) for epoch in range(5)])
    (run,) = curvecli.load_runs(tmp_path).runs
    assert set(zip(run.frame.split, run.frame.metric)) == {("val", "loss")}


def test_a_file_named_by_a_held_out_split_gives_its_bare_columns_that_split(
        tmp_path: Path) -> None:
    # A YOLOv5 federated server's val_results.csv logs its val loss as a bare "loss" (public),
    # read as a train loss. A file whose columns name their splits keeps them.
    write_csv(tmp_path / "server" / "val_results.csv", ["loss", "metrics/mAP_0.5"],
              [[0.13, 0.001], [0.08, 0.07], [0.07, 0.1]])
    write_csv(tmp_path / "other" / "eval_log.csv", ["epoch", "loss", "eval_loss"],
              [[1, 0.9, 1.0], [2, 0.7, 0.8], [3, 0.6, 0.75]])
    runs = {run.run: run.frame for run in curvecli.load_runs(tmp_path).runs}
    server, other = runs["server"], runs["other"]
    assert set(server.loc[server.metric == "loss", "split"]) == {"val"}
    assert set(zip(other.split, other.metric)) == {("train", "loss"), ("val", "loss")}


CATBOOST = DATA / "public" / "tb-catboost-h1n1-absibs" / "catboost_info" / "fold-0"


def test_a_catboost_folder_is_one_run_read_from_its_event_files() -> None:
    # A public CatBoost folder (SOURCE.txt): learn/ and test/ event files, the same curves as
    # learn_error.tsv and test_error.tsv, and time_left.tsv, a clock. It gave four runs, and
    # its clock's "passed" seconds, rising, were judged as a diverging metric.
    loaded = curvecli.load_runs(CATBOOST)
    (run,) = loaded.runs
    assert run.meta["reader"] == "tensorboard"
    assert {(split, metric) for split, metric in zip(run.frame["split"], run.frame["metric"])} \
        == {("train", "logloss"), ("test", "logloss"), ("test", "auc")}
    noted = {problem.path.name for problem in loaded.problems}
    assert noted == {"learn_error.tsv", "test_error.tsv"}


def test_catboost_tables_alone_are_one_run_with_their_splits(tmp_path: Path) -> None:
    for name in ("learn_error.tsv", "test_error.tsv", "time_left.tsv"):
        (tmp_path / name).write_bytes((CATBOOST / name).read_bytes())
    (run,) = curvecli.load_runs(tmp_path).runs
    pairs = run.frame.groupby(["split", "metric"], observed=True).size()
    assert set(pairs.index) == {("train", "logloss"), ("test", "logloss"), ("test", "auc")}
    assert pairs.nunique() == 1
    assert "passed" not in set(run.frame["metric"])
