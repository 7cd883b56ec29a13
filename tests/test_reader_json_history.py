"""Per-epoch JSON histories (readers/json_history.py): DeiT-style JSON Lines, Keras' history
dumped with json, and two public hand-written histories (their SOURCE.txt say whence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from curvecli import load_runs
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.csv_logs import KerasReader
from curvecli.readers.json_history import JsonHistoryReader
from curvecli.reading import load_paths

JSON = DATA / "json"


def points(path: Path, tag: str) -> list[tuple[int, float]]:
    table = JsonHistoryReader().read(path).table
    part = table[table["tag"] == tag]
    return list(zip(part["step"].tolist(), part["value"].tolist()))


@pytest.mark.parametrize("path", [JSON / "deit-style" / "log.txt",
                                  DATA / "text" / "keras3-verbose2" / "history.json",
                                  JSON / "lists-alihamzaazam" / "training_history.json",
                                  JSON / "records-andyzhao" / "metrics.json"])
def test_each_layout_is_sniffed_as_a_json_history(path: Path) -> None:
    assert choose(read_head(path), path).name == "json_history"


def test_json_lines_records_are_a_history_by_any_name(tmp_path: Path) -> None:
    # DeiT's log.txt saved as out.txt: two records or more, the first with a metric-named
    # number, are a history whatever the file is called; a lone object (a config, a summary)
    # in a file not named like a log is not one.
    lines = (JSON / "deit-style" / "log.txt").read_text()
    renamed = tmp_path / "out.txt"
    renamed.write_text(lines)
    assert choose(read_head(renamed), renamed).name == "json_history"
    assert points(renamed, "test_acc1") == points(JSON / "deit-style" / "log.txt", "test_acc1")
    single = tmp_path / "config.json"
    single.write_text(lines.splitlines()[0] + "\n")
    chosen = choose(read_head(single), single)
    assert chosen is None or chosen.name != "json_history"


def test_mmengine_scalars_json_validation_records_are_val_points() -> None:
    # MMEngine's vis_data/scalars.json (tests/data/text/mmengine-tiny, written by its Runner):
    # train records carry epoch, iter and step; a validation's record only its metrics and
    # "step": the epoch. They are val points at that epoch's last logged iteration, on the
    # train records' axis, not train points at steps 1-8.
    path = DATA / "text" / "mmengine-tiny" / "vis_data" / "scalars.json"
    records = [json.loads(line) for line in path.open()]
    val = [r for r in records if "iter" not in r]
    assert points(path, "val_accuracy") == [(25 * r["step"], r["accuracy"]) for r in val]
    assert [step for step, _ in points(path, "loss")] == [r["step"] for r in records
                                                          if "iter" in r]
    (run,) = load_paths([path]).runs
    names = set(run.frame["split"].astype(str) + "/" + run.frame["metric"].astype(str))
    assert {"train/loss", "val/loss", "val/accuracy"} <= names


def test_mmcv_1_log_json_records_are_split_and_placed_on_one_axis(tmp_path: Path) -> None:
    # MMCV 1.x's TextLoggerHook (MMDetection 2.x, MMClassification 0.x) writes <time>.log.json:
    # the run's meta first ({"env_info": ..., "config": ..., "seed": 0}), then {"mode":
    # "train", "epoch": 1, "iter": 50, "lr": ..., "loss": ...} per interval, "iter" counted
    # within the epoch, and {"mode": "val", "epoch": 1, "iter": 210, "bbox_mAP": ...} after it.
    path = tmp_path / "work_dir" / "20230208_205118.log.json"
    path.parent.mkdir()
    meta = {"env_info": "sys.platform: linux", "config": "model = dict()\n" * 400, "seed": 0,
            "exp_name": "mask_rcnn.py", "hook_msgs": {}}
    lines = [json.dumps(meta)]
    for epoch in (1, 2, 3):
        for it in (50, 100, 150, 200):
            lines.append(json.dumps({"mode": "train", "epoch": epoch, "iter": it, "lr": 1e-4,
                                     "memory": 3351, "data_time": 0.06, "loss": 100 / it / epoch,
                                     "time": 0.28}))
        lines.append(json.dumps({"mode": "val", "epoch": epoch, "iter": 210,
                                 "bbox_mAP": 0.4 + epoch / 10, "bbox_mAP_copypaste": "0.5 0.8"}))
    path.write_text("\n".join(lines) + "\n")
    assert choose(read_head(path), path).name == "json_history"
    assert points(path, "train_loss")[:5] == [(50, 2.0), (100, 1.0), (150, 100 / 150),
                                              (200, 0.5), (260, 1.0)]
    val = points(path, "val_bbox_mAP")
    assert [step for step, _ in val] == [210, 420, 630]
    assert [value for _, value in val] == pytest.approx([0.5, 0.6, 0.7])
    tags = set(JsonHistoryReader().read(path).table["tag"])
    assert tags == {"train_loss", "train_lr", "val_bbox_mAP"}  # no seed, memory, val lr


def test_deit_log_lines_are_epoch_points() -> None:
    path = JSON / "deit-style" / "log.txt"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert points(path, "test_acc1") == [(row["epoch"], row["test_acc1"]) for row in rows]
    table = JsonHistoryReader().read(path).table
    assert "n_parameters" not in set(table["tag"]) and "epoch" not in set(table["tag"])
    (run,) = load_paths([path]).runs
    names = set(run.frame["split"].astype(str) + "/" + run.frame["metric"].astype(str))
    assert {"train/loss", "test/loss", "test/acc1"} <= names


def test_keras_history_json_equals_its_csvlogger() -> None:
    folder = DATA / "text" / "keras3-verbose2"
    history = json.loads((folder / "history.json").read_text())
    csv = KerasReader().read(folder / "training.csv").table
    for tag, values in history.items():
        assert points(folder / "history.json", tag) == list(enumerate(values))
        logged = csv[csv["tag"] == tag]
        if len(logged):
            assert logged["step"].tolist() == list(range(len(values)))
            assert logged["value"].tolist() == pytest.approx(values)


def test_a_dict_of_lists_keeps_only_its_number_lists() -> None:
    path = JSON / "lists-alihamzaazam" / "training_history.json"
    document = json.loads(path.read_text())
    table = JsonHistoryReader().read(path).table
    assert set(table["tag"]) == {"train_losses", "val_losses"}  # config, flags, scalars left
    assert points(path, "val_losses") == list(enumerate(document["val_losses"]))


def test_records_use_their_step_and_timestamp() -> None:
    path = JSON / "records-andyzhao" / "metrics.json"
    records = json.loads(path.read_text())
    expected = [(r["step"], r["train/loss"]) for r in records if "train/loss" in r]
    assert points(path, "train/loss") == expected
    table = JsonHistoryReader().read(path).table
    first = table[table["tag"] == "train/loss"].iloc[0]
    assert first["wall_time"] == records[2]["timestamp"]


def test_a_config_or_a_broken_line(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"loss_weights": [1.0, 0.5], "lr": 0.1}))
    assert choose(read_head(config), config) is None or \
        choose(read_head(config), config).name != "json_history"
    log = tmp_path / "log.txt"
    log.write_text('{"train_loss": 1.0, "epoch": 0}\n{"train_loss": 0.8, "epoch": 1}\n'
                   'not json\n{"train_loss": NaN, "epoch": 2}\n')
    result = JsonHistoryReader().read(log)
    steps = result.table["step"].tolist()
    assert steps == [0, 1, 2] and result.table["value"].isna().tolist() == [False, False, True]
    assert result.warnings == ["skipped 1 line(s) that are not JSON objects: line 3"]


def test_a_dict_of_lists_after_its_metadata_is_read(tmp_path: Path) -> None:
    # As a public EfficientNet script saves it (json.dump(..., indent=2)): the backbone, the
    # classes and the phases first, then the per-epoch lists and a final test accuracy.
    epochs = 20
    history = {"timestamp": "2026-04-18T17:21:59", "backbone": "EfficientNet-B0",
               "classes": ["Happy", "Neutral", "Sad"], "phase_starts": [0, 5, 12],
               "phase_labels": ["Head only", "Fine-tune 30", "Fine-tune 60"],
               "train_loss": [1.0 / (e + 1) for e in range(epochs)],
               "val_loss": [1.1 / (e + 1) for e in range(epochs)],
               "val_acc": [50.0 + e for e in range(epochs)], "test_acc": 77.65}
    path = tmp_path / "training_history.json"
    path.write_text(json.dumps(history, indent=2))
    assert choose(read_head(path), path).name == "json_history"
    table = JsonHistoryReader().read(path).table
    assert set(table["tag"]) == {"train_loss", "val_loss", "val_acc"}  # no phase_starts
    assert points(path, "val_loss") == [(e, pytest.approx(1.1 / (e + 1))) for e in range(epochs)]


def test_an_epochs_list_first_gives_the_steps(tmp_path: Path) -> None:
    # As a public steganalysis script saves it: "epochs": [1, 2, ...] first, then the metrics.
    epochs = list(range(1, 81))
    history = {"epochs": epochs, "loss": [1.0 / e for e in epochs],
               "val_loss": [1.2 / e for e in epochs], "val_acc": [0.5 + e / 200 for e in epochs],
               "learning_rate": [1e-3] * 80}
    path = tmp_path / "training_history.json"
    path.write_text(json.dumps(history, indent=2))
    assert choose(read_head(path), path).name == "json_history"
    assert [step for step, _ in points(path, "val_loss")] == epochs


def test_a_training_config_with_short_number_lists_is_no_history(tmp_path: Path) -> None:
    path = tmp_path / "train_config.json"
    path.write_text(json.dumps({"name": "resnet", "loss_weights": [1, 0.5],
                                "lr_milestones": [30, 60], "lr": 0.1}, indent=2))
    assert choose(read_head(path), path) is None or choose(read_head(path), path).name != \
        "json_history"


def test_a_metrics_lists_per_split_are_its_split_series(tmp_path: Path) -> None:
    # A hand-written history keyed by metric, then split (the layout of a public sleep-event
    # detector's train_history.json): {"loc_loss": {"train": [...], "validation": [...]}}.
    # Not a dict of runs: "train" and "validation" are splits.
    history = {"loc_loss": {"train": [69.6, 47.5, 32.1, 25.0], "validation": [32.0, 87.6, 72.4,
                                                                             60.1]},
               "class_loss": {"train": [10.7, 6.2, 3.7, 2.9], "validation": [6.5, 27.4, 33.3,
                                                                           30.0]},
               "time_stamps": [1.0, 2.0, 3.0, 4.0]}
    path = tmp_path / "train_history.json"
    path.write_text(json.dumps(history))
    assert choose(read_head(path), path).name == "json_history"
    (run,) = load_paths([path]).runs
    frame = run.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loc_loss")]
    assert val["step"].tolist() == [0, 1, 2, 3]
    assert val["value"].tolist() == history["loc_loss"]["validation"]
    train = frame[(frame["split"] == "train") & (frame["metric"] == "class_loss")]
    assert train["value"].tolist() == history["class_loss"]["train"]


def test_a_history_of_tensors_dumped_as_text_is_read(tmp_path: Path) -> None:
    # ``json.dump(history, f, default=str)`` on losses kept as torch tensors writes each as
    # its repr; the numbers inside are the points, a NaN tensor a NaN point.
    path = tmp_path / "history.json"
    path.write_text(json.dumps({
        "loss": ["tensor(0.9000)", "tensor(0.5000)", "tensor(0.3000)", "tensor(nan)"],
        "val_loss": ["tensor(1.0000, device='cuda:0')", "tensor(0.7000, device='cuda:0')",
                     "tensor(0.6000, device='cuda:0')", "tensor(0.5500, device='cuda:0')"]}))
    assert choose(read_head(path), path).name == "json_history"
    (run,) = load_paths([path]).runs
    val = run.frame[run.frame.split == "val"].sort_values("step").value.tolist()
    train = run.frame[run.frame.split == "train"].sort_values("step").value.tolist()
    assert val == [1.0, 0.7, 0.6, 0.55] and train[:3] == [0.9, 0.5, 0.3]
    assert train[3] != train[3]  # NaN


def test_llama_factory_trainer_log_is_stepped_by_its_current_steps() -> None:
    # A public LLaMA-Factory trainer_log.jsonl (SOURCE.txt), a Qwen2.5-7B SFT: one line per
    # 10 steps, {"current_steps": 10, "total_steps": 6750, "loss": ..., "epoch": 0.0044, ...},
    # eval lines with eval_loss every 500. The step is current_steps (the epoch's whole part
    # put every point of an epoch at one step); its progress fields are not metrics.
    (log,) = load_paths([JSON / "llamafactory-qwen-medical-xueh"]).runs
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["step"].tolist()[:3] == [500, 1000, 1500]
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["step"].iloc[0] == 10 and train["step"].is_monotonic_increasing
    assert not {"total_steps", "percentage"} & set(frame["metric"])


def test_a_history_written_with_str_is_read_as_a_json_history(tmp_path: Path) -> None:
    # ``f.write(str(history.history))``: single quotes, bare nan and -inf, NumPy 2 scalars.
    import numpy as np

    history = {"loss": [np.float64(0.9), np.float64(0.7), float("nan")],
               "val_loss": [1.0, 0.8, float("-inf")], "lr": [0.001, 0.001, 0.0005]}
    path = tmp_path / "history.txt"
    path.write_text(str(history))
    log = load_runs(path).runs[0]
    assert log.source == "json"
    val = log.frame[log.frame.tag == "val_loss"].value.tolist()
    assert val[:2] == [1.0, 0.8] and val[2] == float("-inf")


def test_lists_under_bare_split_names_are_their_losses(tmp_path: Path) -> None:
    # A public sentiment model's history.json: {"train": [...], "val": [...]} (not read at all).
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"train": [0.9, 0.7, 0.6, 0.55], "val": [1.0, 0.8, 0.75, 0.74]}))
    frame = load_runs(path).runs[0].frame
    assert set(zip(frame.split, frame.metric)) == {("train", "loss"), ("val", "loss")}
    assert frame[frame.split == "val"].sort_values("step").value.tolist() == [1.0, 0.8, 0.75, 0.74]


def test_records_under_one_key_are_the_history(tmp_path: Path) -> None:
    # A hand-written trainer saving {"training_history": [{"epoch": 1, "train_loss": ...,
    # "val_loss": ..., "val_f1": ...}, ...], "best_epoch": 3}: the records under the key.
    records = [{"epoch": e, "train_loss": 1.0 / e, "val_loss": 1.2 / e, "val_f1": 0.5 + e / 20}
               for e in range(1, 9)]
    path = tmp_path / "training_history.json"
    path.write_text(json.dumps({"training_history": records, "best_epoch": 3}, indent=2))
    assert choose(read_head(path), path).name == "json_history"
    assert points(path, "val_loss") == [(e, pytest.approx(1.2 / e)) for e in range(1, 9)]
    assert "best_epoch" not in set(JsonHistoryReader().read(path).table["tag"])


def test_dicts_of_lists_per_split_are_one_run_with_its_splits(tmp_path: Path) -> None:
    # {"train": {"loss": [...], "acc": [...]}, "valid": {"loss": [...], "acc": [...]}}: the
    # outer keys are splits, not folds (one run, train and val series).
    history = {"train": {"loss": [1.0, 0.8, 0.6, 0.5], "acc": [0.5, 0.6, 0.7, 0.8]},
               "valid": {"loss": [1.1, 0.9, 0.8, 0.8], "acc": [0.5, 0.6, 0.65, 0.7]}}
    path = tmp_path / "history.json"
    path.write_text(json.dumps(history))
    runs = [run for run in load_runs(path).runs if run.points]
    assert len(runs) == 1
    frame = runs[0].frame
    assert sorted(set(zip(frame["split"], frame["metric"]))) == [
        ("train", "accuracy"), ("train", "loss"), ("val", "accuracy"), ("val", "loss")]


def test_per_split_lists_of_records_are_read(tmp_path: Path) -> None:
    # As a public research script saves it (benchmarks/public_runs set 131, not collected
    # since it did not read): {"train": [{"loss": ...}, ...], "val": [{"loss": ...}, ...]},
    # one record per epoch, val here evaluated every second epoch with its own epoch numbers.
    history = {"train": [{"loss": 1.0 / (e + 1), "acc": 0.5 + e / 20} for e in range(6)],
               "val": [{"epoch": e, "loss": 1.1 / (e + 1)} for e in range(0, 6, 2)]}
    path = tmp_path / "training_history.json"
    path.write_text(json.dumps(history))
    (run,) = load_runs(path).runs
    frame = run.frame
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert train["step"].tolist() == [0, 1, 2, 3, 4, 5]
    assert val["step"].tolist() == [0, 2, 4]
    assert val["value"].tolist() == pytest.approx([1.1, 1.1 / 3, 1.1 / 5])


def test_a_splits_dict_inside_each_record_is_read_as_that_splits_metrics(tmp_path: Path) -> None:
    # As a public bug-localisation trainer writes it (benchmarks/public_runs set 133): each
    # epoch's record holds train_loss and val_loss, and its ranking metrics in dicts under
    # "train" and "val". A dict under another key (per-class AUROCs, prediction counts) is not
    # a series.
    history = [{"epoch": e, "train_loss": 0.5 - e / 50, "val_loss": 0.37 - e / 100,
                "train": {"top1": 0.27 + e / 50, "mrr": 0.49 + e / 50},
                "val": {"top1": 0.83, "mrr": 0.92 - e / 100},
                "val_pred_dist": {"0": 377, "2": 49}} for e in range(1, 5)]
    path = tmp_path / "history.json"
    path.write_text(json.dumps(history))
    (run,) = load_runs(path).runs
    frame = run.frame
    assert sorted(set(zip(frame["split"], frame["metric"]))) == [
        ("train", "loss"), ("train", "mrr"), ("train", "top1"),
        ("val", "loss"), ("val", "mrr"), ("val", "top1")]
    mrr = frame[(frame["split"] == "val") & (frame["metric"] == "mrr")]
    assert mrr["step"].tolist() == [1, 2, 3, 4]
    assert mrr["value"].tolist() == pytest.approx([0.91, 0.90, 0.89, 0.88])


def test_a_metric_list_one_epoch_short_is_read_from_the_first_epoch(tmp_path: Path) -> None:
    # A public bike/motorbike CNN's history (SOURCE.txt): 20 train epochs, 19 val ones (its
    # last evaluation was not run). The val lists are its curve, read from epoch 0 on, with a
    # warning; a metric-named list far shorter ("lr_milestones") is still metadata.
    path = JSON / "bike-motorbike-hiepngoc2006" / "training_history.json"
    result = JsonHistoryReader().read(path)
    val = points(path, "val_loss")
    assert len(val) == 19 and val[0] == (0, pytest.approx(0.0473))
    assert val[-1] == (18, pytest.approx(0.0143))
    assert len(points(path, "train_loss")) == 20
    assert result.warnings == ["val_loss, val_acc: fewer values than the longest list, read "
                               "from the first epoch on"]
    history = json.loads(path.read_text())
    history["lr_milestones"] = [5, 10, 15]
    short = tmp_path / "training_history.json"
    short.write_text(json.dumps(history))
    assert "lr_milestones" not in set(JsonHistoryReader().read(short).table["tag"])
