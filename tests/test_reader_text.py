"""Console logs (readers/text.py): Keras fit, HF Trainer dicts, nanoGPT, hand-written loops.

Every fixture under tests/data/text was written by the real writer (see its SOURCE.txt); the
points of a console log are checked against what the same run wrote elsewhere (Keras CSVLogger
and History, the Trainer's trainer_state.json).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA
from typer.testing import CliRunner

from curvecli import load_runs
from curvecli.analysis.diagnose import diagnose_run
from curvecli.cli import app
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.csv_logs import KerasReader
from curvecli.readers.text import TextLogReader
from curvecli.reading import load_paths

TEXT = DATA / "text"
KERAS_RUNS = ["keras3-verbose1", "keras3-verbose2", "keras3-tty", "keras2-verbose1",
              "keras2-verbose2", "keras3-callbacks"]
runner = CliRunner()


def read(path: Path):
    return TextLogReader().read(path)


def keras_console(value: float) -> float:
    """A value as Keras' progress bar prints it (keras/src/utils/progbar.py format_value)."""
    return float(f"{value:.4f}") if abs(value) > 1e-3 else float(f"{value:.4e}")


def series(table, tag: str) -> list[tuple[int, float]]:
    part = table[table["tag"] == tag]
    return list(zip(part["step"].tolist(), part["value"].tolist()))


def split_metrics(log: Path) -> set[tuple[str, str]]:
    """The (split, metric) pairs of the one run ``log`` holds, as curvecli names them."""
    (run,) = load_paths([log]).runs
    return set(zip(run.frame["split"].astype(str), run.frame["metric"].astype(str)))


@pytest.mark.parametrize("run", KERAS_RUNS)
def test_keras_console_equals_its_history_and_csvlogger(run: str) -> None:
    log = TEXT / run / "train.log"
    assert choose(read_head(log), log).name == "text"
    points = read(log)
    table = points.table
    history = json.loads((TEXT / run / "history.json").read_text())
    for tag, values in history.items():
        assert series(table, tag) == [(epoch, keras_console(v)) for epoch, v in enumerate(values)]
    assert len(table) == sum(len(values) for values in history.values())
    # The CSVLogger file of the same fit gives the same steps and epochs (0-based).
    csv = KerasReader().read(TEXT / run / "training.csv").table
    for tag in set(csv["tag"]):
        expected = [(step, keras_console(value)) for step, value in series(csv, tag)]
        assert series(table, tag) == expected
    assert points.meta["step_from"] == "log" and not points.warnings


def test_keras_console_and_csv_name_the_same_series() -> None:
    loaded = load_paths([TEXT / "keras3-verbose1"])
    by_source = {run.source: run.frame for run in loaded.runs}
    console, csv = by_source["text"], by_source["keras"]
    pairs = set(zip(console["split"], console["metric"]))
    assert set(zip(csv["split"], csv["metric"])) <= pairs
    assert ("train", "loss") in pairs and ("val", "loss") in pairs


def test_keras_bar_rewrites_ansi_and_backspaces_are_handled() -> None:
    raw = (TEXT / "keras3-tty" / "train.log").read_bytes()
    assert b"\x1b[" in raw and b"\x08" in raw and b"\r" in raw and "━".encode() in raw
    table = read(TEXT / "keras3-tty" / "train.log").table
    assert set(table["step"]) == set(range(6))  # one value per epoch, not per rewrite
    assert table.groupby("tag").size().eq(6).all()


def test_keras_epoch_cut_mid_bar_and_evaluate_bars(tmp_path: Path) -> None:
    lines = (TEXT / "keras2-verbose1" / "train.log").read_bytes()
    cut = lines.index(b"Epoch 4/6")
    partial = lines[:cut] + b"Epoch 4/6\n\r 10/150 [==>...] - ETA: 0s - loss: 0.0500\x08\x08\r"
    path = tmp_path / "train.log"
    path.write_bytes(partial)
    points = read(path)
    assert sorted(set(points.table["step"])) == [0, 1, 2]
    assert "never finished" in " ".join(points.warnings)
    evaluate = lines + b"\r 1/10 [==>...] - ETA: 0s - loss: 9.0\x08\r10/10 [====] - loss: 9.0\n"
    path.write_bytes(evaluate)
    assert 9.0 not in read(path).table["value"].tolist()


def the_run_of(path: Path, lines: list[str]):
    """The one run of a log written as ``lines`` at ``path`` (its folder made)."""
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n")
    (log,) = load_runs(path.parent).runs
    return log


def test_hf_trainer_console_equals_its_trainer_state() -> None:
    run = TEXT / "hf-trainer-tiny"
    points = read(run / "train.log")
    state = json.loads((run / "trainer_state.json").read_text())
    expected = []
    for entry in state["log_history"]:
        if "train_runtime" in entry:
            summary = entry
            continue
        expected += [(key, entry["step"], entry["epoch"], float(f"{value:.4g}"))
                     for key, value in entry.items() if key not in ("step", "epoch")]
    table = points.table
    got = list(zip(table["tag"], table["step"], table["epoch"], table["value"]))
    assert sorted(got) == sorted(expected)
    assert points.meta["step_from"] == "log"
    assert points.meta["summary"]["train_loss"] == float(f"{summary['train_loss']:.4g}")
    assert "train_runtime" not in set(table["tag"])


def test_hf_console_with_only_the_last_bar_takes_steps_from_the_epochs() -> None:
    # A public ViT fine-tune's console (SOURCE.txt): one dict per line, the Trainer's bar
    # kept only as its last redraw (4650/4650) after the summary. That bar is the summary's:
    # the dicts before it take their steps from their epochs (465 steps per epoch), not 4650.
    (log,) = load_runs(TEXT / "hf-console-last-bar-ahmad10raza").runs
    frame = log.frame
    val = frame[frame["tag"] == "eval_loss"]
    assert val["step"].tolist() == [465 * epoch for epoch in range(1, 11)]
    train = frame[frame["tag"] == "loss"]
    assert train["step"].tolist()[:3] == [502, 1000, 1502]  # epochs 1.08, 2.15, 3.23
    assert log.meta["step_from"] == "epoch"


def test_hf_console_takes_the_trainers_bar_not_the_evaluations_after_a_dict() -> None:
    # A public ConvNeXt fine-tune's console (SOURCE.txt): after each training dict the
    # evaluation's bar opens (0/7 ... 7/7) before the Trainer's bar is redrawn at the step the
    # dict was logged at (26/650). The evaluation's 0/7 had been taken: every point at step 0.
    (log,) = load_runs(TEXT / "hf-console-eval-bars-zkdeng").runs
    train = log.frame[log.frame["tag"] == "loss"]
    assert train["step"].tolist()[:3] == [13, 26, 39]
    assert train["step"].is_monotonic_increasing
    assert diagnose_run(log).monitored == "val/loss"


def test_hf_console_of_two_trainings_is_one_run_per_training() -> None:
    # A public console (SOURCE.txt): a 3-epoch masked-LM fine-tune, its summary dict, then a
    # 10-epoch classifier whose first dicts are evaluations at epochs 1 and 2 (its logging
    # steps span two epochs). Each training is a session with its own epochs and steps.
    runs = {log.run: log for log in load_runs(TEXT / "hf-console-two-trainings-eshaubale").runs
            if "eval_loss" in set(log.frame["tag"])}
    assert sorted(runs) == ["hf-console-two-trainings-eshaubale/session=1",
                            "hf-console-two-trainings-eshaubale/session=2"]
    first, second = (runs[name].frame for name in sorted(runs))
    assert first.loc[first["tag"] == "eval_loss", "epoch"].tolist() == [1.0, 2.0, 3.0]
    assert "eval_f1" not in set(first["tag"])
    evaluations = second[second["tag"] == "eval_f1"]
    assert evaluations["epoch"].tolist()[:10] == [float(epoch) for epoch in range(1, 11)]
    assert evaluations["step"].is_monotonic_increasing


def test_a_line_opening_with_its_split_in_brackets_and_a_counter_printed_once_an_epoch() -> None:
    # A public UNet++ console (SOURCE.txt, cut at epoch 163): "Total Epoch:300 ..." first,
    # then per epoch "[train] epoch:N iter:0/18 ... loss:x" and "[val] epoch:N miou:y". The
    # bracketed split is the line's; the counter, 0 at every epoch, restarts each epoch.
    (log,) = load_runs(TEXT / "segmentation-val-brackets-alex8211101").runs
    frame = log.frame
    miou = frame[frame["metric"] == "miou"]
    assert set(miou["split"]) == {"val"} and len(miou) == 163  # stopped at epoch 163
    assert miou["value"].tolist()[:3] == [0.20, 0.48, 0.61]
    loss = frame[frame["metric"] == "loss"]
    assert set(loss["split"]) == {"train"}
    assert loss["step"].tolist()[:4] == [0, 18, 36, 54]
    assert (miou["step"].to_numpy() == loss["step"].to_numpy()[:163]).all()


def test_epoch_lines_with_commas_and_the_position_in_brackets_are_no_csv() -> None:
    # A public ViT log (SOURCE.txt): "Epoch [1/200], Train Loss: 2.3225, Train Acc: 0.1351,
    # Val Loss: 2.2778, ...". Every line has commas, but its first field holds a name and its
    # position: a console line, not a CSV row (the file was refused as no known log).
    (log,) = load_runs(TEXT / "epoch-brackets-commas-rizstilllearning").runs
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["step"].tolist() == list(range(1, 61))
    assert val["value"].tolist()[:3] == [2.2778, 1.9519, 1.8613]
    assert set(frame.loc[frame["split"] == "train", "metric"]) == {"loss", "accuracy"}


def test_a_line_opening_with_its_split_before_its_position_gives_it_to_its_names(
        tmp_path: Path) -> None:
    # A public crack segmenter's tqdm lines (atisioma/Crack-SEG log/train.log): "Train Epoch
    # N: ... Loss=, Dice=, IoU=" are train's, all three; "Validate: ... Val Loss=, Val Dice="
    # name their split themselves.
    lines = []
    for epoch in range(6):
        lines.append(f"Train Epoch {epoch}: 100%|##########| 30/30 [00:04<00:00,  7.23it/s, "
                     f"Loss={0.5 / (epoch + 1):.4f}, Dice={0.1 * epoch:.3f}, "
                     f"IoU={0.08 * epoch:.3f}, LR=1.00e-04]")
        lines.append(f"Validate: 100%|##########| 8/8 [00:00<00:00, 19.12it/s, Val Loss="
                     f"{0.6 / (epoch + 1):.4f}, Val Dice={0.09 * epoch:.3f}, Val IoU=0.000]")
    frame = the_run_of(tmp_path / "log" / "train.log", lines).frame
    assert set(frame.loc[frame["metric"] == "dice", "split"]) == {"train", "val"}
    train_dice = frame[(frame["split"] == "train") & (frame["metric"] == "dice")]
    assert train_dice["value"].tolist() == pytest.approx([0.1 * epoch for epoch in range(6)])
    assert "" not in set(frame.loc[frame["metric"].isin(["dice", "iou"]), "split"])


def test_pytorch_mnist_example_output_reads_test_accuracy_as_a_share(tmp_path: Path) -> None:
    # pytorch/examples mnist/main.py prints "Train Epoch: 1 [0/60000 (0%)]\tLoss: 2.30" and
    # "Test set: Average loss: 0.0330, Accuracy: 9897/10000 (99%)": the accuracy is a count
    # out of a total (0.9897, not 9897) and the line's metrics are the test set's.
    lines = []
    for epoch in range(1, 6):
        lines += [f"Train Epoch: {epoch} [{n}/60000 ({n // 600}%)]\tLoss: {2.3 / epoch:.6f}"
                  for n in (0, 12800, 25600, 38400, 51200)]
        lines.append(f"\nTest set: Average loss: {0.1 / epoch:.4f}, "
                     f"Accuracy: {9600 + 60 * epoch}/10000 ({96 + epoch // 2}%)\n")
    frame = the_run_of(tmp_path / "run" / "train.log", lines).frame
    accuracy = frame[(frame["metric"] == "accuracy")]
    assert set(accuracy["split"]) == {"test"}
    assert accuracy["value"].tolist() == pytest.approx([0.96 + 0.006 * e for e in range(1, 6)])
    assert set(frame.loc[frame["tag"].str.contains("Average loss"), "split"]) == {"test"}


def test_a_split_before_in_epoch_names_the_line_even_glued_to_its_number(tmp_path: Path) -> None:
    # A public WIDER-event classifier's train.out prints "TRAIN in epoch 0 , step 300, loss =
    # 1.95" and, after each epoch, "TEST in epoch0, loss = 2.20, acc = 44.13%": the test lines
    # are the held-out curve, at the epoch they name, not more train losses.
    lines = []
    for epoch in range(4):
        lines += [f"TRAIN in epoch {epoch} , step {step}, loss = {2.5 - epoch * 0.3:.4f}"
                  for step in range(0, 300, 50)]
        lines.append(f"TEST in epoch{epoch}, loss = {2.2 - epoch * 0.05:.5f}, "
                     f"acc = {44 + epoch:.4f}%")
    frame = the_run_of(tmp_path / "run" / "train.out", lines).frame
    test = frame[frame["split"] == "test"]
    assert sorted(set(test["metric"])) == ["accuracy", "loss"]
    assert test.loc[test["metric"] == "loss", "value"].tolist() == pytest.approx(
        [2.2, 2.15, 2.1, 2.05])
    assert test["epoch"].dropna().unique().tolist() == [0, 1, 2, 3]
    assert len(frame[(frame["split"] == "train") & (frame["metric"] == "loss")]) == 24


def test_gluoncv_detection_log_reads_its_losses_and_val_ap(tmp_path: Path) -> None:
    # GluonCV's SSD train script logs "[Epoch 0][Batch 50], Speed: 6.896 samples/sec,
    # CrossEntropy=8.60e-01, SmoothL1=3.74e-03, val_AP=0.168" (a public MXNet repository):
    # no metric word of the usual kind, yet two losses and a held-out AP, higher is better.
    lines = []
    for epoch in range(12):
        for batch in (0, 50):
            lines.append(f"2020-09-02 13:28:04,330 - train_net.py[line:177] - INFO: [Epoch "
                         f"{epoch}][Batch {batch}], Speed: 6.9 samples/sec, CrossEntropy="
                         f"{1.7 / (epoch + 1):.2e}, SmoothL1={3e-3 / (epoch + 1):.2e}, "
                         f"val_AP={0.1 + 0.04 * epoch:.3f}")
    run = the_run_of(tmp_path / "log" / "resnet18_SSD_train.log", lines)
    series = {name: part for name, part in run.frame.groupby(["split", "metric"], observed=True)}
    assert ("val", "ap") in series and ("", "crossentropy") in series
    assert ("", "smoothl1") in series
    report = diagnose_run(run)
    assert report.monitored == "val/ap"
    assert report.best is not None and report.best.value == pytest.approx(0.54)


def test_pytorch_imagenet_progress_meter_lines_are_train_and_val_points(tmp_path: Path) -> None:
    # pytorch/examples imagenet/main.py's ProgressMeter, copied by MoCo, SimCLR and torchreid:
    # "Epoch: [0][ 10/100]\tTime ... (...)\tLoss 6.9e+00 (6.9e+00)\tAcc@1 10.00 ( 10.00)", then
    # "Test: [ 0/20]\t... Loss ... (avg)" and " * Acc@1 12.000 Acc@5 33.000". A second loader's
    # loop printed with the same "Epoch: [e]" prefix and another total is not train.
    lines = []
    for epoch in range(5):
        for batch in range(0, 100, 10):
            lines.append(f"Epoch: [{epoch}][{batch:3d}/100]\tTime  0.520 ( 0.713)\tData  0.002 "
                         f"( 0.171)\tLoss {6.9 - epoch * 0.8:.4e} ({6.9 - epoch * 0.8:.4e})\t"
                         f"Acc@1  {10 + epoch * 5:6.2f} ({10 + epoch * 5:6.2f})")
        lines.append(f"Epoch: [{epoch}][ 5/20]\tTime  0.1 ( 0.1)\tLoss 9.0e+00 (9.0e+00)")
        lines.append(f"Test: [ 0/20]\tTime  0.3 ( 0.3)\tLoss {6.0 - epoch * 0.7:.4e} "
                     f"({6.0 - epoch * 0.7:.4e})\tAcc@1  {12 + epoch * 5:6.2f} ( 0.00)")
        lines.append(f" * Acc@1 {12 + epoch * 5:.3f} Acc@5 {33 + epoch * 5:.3f}")
    frame = the_run_of(tmp_path / "run" / "train.log", lines).frame
    series = {name: part for name, part in frame.groupby(["split", "metric"], observed=True)}
    assert len(series[("train", "loss")]) == 50  # the 20-batch loop's lines are not train
    assert 9.0 not in series[("train", "loss")]["value"].tolist()
    assert series[("val", "loss")]["value"].tolist() == pytest.approx(
        [6.0 - e * 0.7 for e in range(5)])
    assert series[("val", "loss")]["step"].tolist() == [100, 200, 300, 400, 500]
    assert series[("val", "acc@1")]["value"].tolist() == pytest.approx(
        [12 + e * 5 for e in range(5)])
    assert "time" not in {metric for _, metric in series}


def test_torchvision_style_metric_logger_lines_are_train_and_val_points() -> None:
    # DeiT's utils.MetricLogger (torchvision's references' logger, copied by DETR, MAE, DINO,
    # ConvNeXt): "Epoch: [0]  [10/44]  eta: ...  lr: 0.002000  loss: 2.2319 (2.2226)  time: ...",
    # "Test:  [6/7]  ...  loss: 1.1827 (1.1859)  acc1: ...", "* Acc@1 76.574 ... loss 1.186".
    # The lines main.py prints around them ("Averaged stats:" again, "Accuracy of the network on
    # the 397 test images: 76.6%", "Max accuracy") are not more series.
    points = read(TEXT / "deit-metriclogger" / "output.log")
    table = points.table
    train = series(table, "train loss")
    assert len(train) == 12 * 6 and train[0] == (0, 2.2943) and train[-1] == (11 * 44 + 43, 0.0979)
    val = series(table, "val loss")
    assert len(val) == 12 and val[0] == (44, 1.186)
    assert series(table, "val Acc@1")[0] == (44, 76.574)
    assert series(table, "lr")[0] == (0, 0.002)
    assert set(table["tag"]) == {"train loss", "lr", "val loss", "val acc1", "val acc5",
                                 "val Acc@1", "val Acc@5"}
    assert points.meta["dialects"] == ["progress-meter"]


def test_an_epoch_out_of_its_total_in_brackets_after_a_colon_is_the_position(
        tmp_path: Path) -> None:
    # jindongwang/transferlearning's DeepDA main.py (and its many forks) prints each epoch as
    # "Epoch: [{:2d}/{}], cls_loss: {:.4f}, transfer_loss: {:.4f}, total_Loss: {:.4f}" +
    # ", test_loss {:4f}, test_acc: {:.4f}", then "Transfer result: {:.4f}" (the best test_acc).
    lines = ["Namespace(backbone='resnet50', n_epoch=20, lr=0.01)"]
    for epoch in range(1, 21):
        cls, transfer = 3.0 / epoch + 0.2, 0.5 / epoch
        lines.append(f"Epoch: [{epoch:2d}/20], cls_loss: {cls:.4f}, transfer_loss: "
                     f"{transfer:.4f}, total_Loss: {cls + transfer:.4f}, test_loss "
                     f"{2.0 / epoch + 0.6:4f}, test_acc: {45 + epoch * 1.5:.4f}")
    lines.append("Transfer result: 75.0000")
    frame = the_run_of(tmp_path / "log" / "train.log", lines).frame
    series = {name: part for name, part in frame.groupby(["split", "metric"], observed=True)}
    assert series[("test", "loss")]["step"].tolist() == list(range(1, 21))
    assert series[("test", "loss")]["value"].iloc[-1] == pytest.approx(0.7)
    assert series[("train", "total_loss")]["value"].iloc[0] == pytest.approx(3.7)
    assert series[("test", "accuracy")]["value"].iloc[-1] == pytest.approx(75.0)


def test_mmengine_console_log_equals_its_scalars_json() -> None:
    # OpenMMLab 2.x: MMEngine's Runner printed "... - mmengine - INFO - Epoch(train) [2][ 5/25]
    # lr: 1.0000e-02  eta: ...  time: ...  data_time: ...  loss: 0.6877" and, after each
    # validation, "Epoch(val) [1][13/13]    accuracy: 61.5000  loss: 0.6601  ...", and wrote
    # vis_data/scalars.json beside it: the same points at full precision.
    run = TEXT / "mmengine-tiny"
    table = read(run / "20261206_223227.log").table
    records = [json.loads(line) for line in (run / "vis_data" / "scalars.json").open()]
    train = [r for r in records if "iter" in r]
    assert series(table, "train loss") == [(r["step"], round(r["loss"], 4)) for r in train]
    assert [v for _, v in series(table, "lr")] == [r["lr"] for r in train]
    val = [r for r in records if "iter" not in r]
    assert series(table, "val accuracy") == [(25 * r["step"], r["accuracy"]) for r in val]
    assert [v for _, v in series(table, "val loss")] == pytest.approx(
        [r["loss"] for r in val], abs=5e-5)
    assert not {"train time", "train data_time", "train eta", "val time"} & set(table["tag"])


def test_mmcv_1_console_lines_are_train_and_val_points(tmp_path: Path) -> None:
    # OpenMMLab 1.x (MMCV's TextLoggerHook, MMDetection 2.x): "Epoch [1][50/397]\tlr:
    # 3.705e-05, eta: 0:35:48, time: 0.181, data_time: 0.066, memory: 3298, loss_cls: 86.3651,
    # ..., loss: 677.6959, grad_norm: 1022.6088" and "Epoch(val) [1][71]\tmAP: 0.6113, AP50:
    # 0.6110" after a Python logging prefix; by iteration "Iter [100/8000]" and
    # "Iter(val) [500]".
    prefix = "2023-02-10 17:55:02,972 - mmdet - INFO - "
    lines = [prefix + "Environment info:", "sys.platform: linux"]
    for epoch in (1, 2):
        for it in (50, 100):
            loss = 600 / (epoch * it)
            lines.append(f"{prefix}Epoch [{epoch}][{it}/397]\tlr: 1.000e-04, eta: 0:35:48, "
                         f"time: 0.181, data_time: 0.066, memory: 3298, loss_cls: {loss / 2:.4f}, "
                         f"loss: {loss:.4f}, grad_norm: 12.5")
        lines.append(f"{prefix}Epoch(val) [{epoch}][71]\tmAP: {0.5 + epoch / 10:.4f}, AP50: 0.7")
    frame = the_run_of(tmp_path / "work_dir" / "20230210_175449.log", lines).frame
    series_ = {name: part for name, part in frame.groupby(["split", "metric"], observed=True)}
    assert series_[("train", "loss")]["step"].tolist() == [50, 100, 447, 497]
    assert series_[("train", "loss")]["value"].iloc[0] == pytest.approx(12.0)
    assert series_[("val", "map")]["step"].tolist() == [397, 794]
    assert series_[("val", "map")]["value"].tolist() == pytest.approx([0.6, 0.7])
    assert ("train", "time") not in series_ and ("train", "memory") not in series_
    by_iter = [prefix + f"Iter [{it}/8000]\tlr: 1.0e-02, eta: 1:00:00, time: 0.5, loss: "
               f"{10 / it:.4f}" for it in (100, 200, 300, 400, 500)]
    by_iter.append(prefix + "Iter(val) [500]\tmIoU: 0.4100, mAcc: 0.5000, aAcc: 0.8000")
    frame = the_run_of(tmp_path / "iters" / "20230301_101010.log", by_iter).frame
    val = frame[frame["split"] == "val"]
    assert set(val["metric"]) == {"miou", "macc", "aacc"} and set(val["step"]) == {500}


def test_timm_train_py_console_equals_its_summary_csv() -> None:
    # timm's train.py printed "Train: 1 [   5/15 ( 40%)]  Loss: 0.474 (0.770)  Time: ...  LR:
    # 9.045e-03  Data: ..." and "Test: [   5/5]  ...  Loss:   0.003 ( 0.011)  Acc@1: ...",
    # and wrote summary.csv beside it: the last Test line's averages are its eval columns.
    run = TEXT / "timm-train"
    table = read(run / "train.log").table
    summary = pd.read_csv(run / "summary.csv")
    val = series(table, "val Loss")
    assert [step for step, _ in val] == [15 * (epoch + 1) for epoch in summary["epoch"]]
    assert [value for _, value in val] == pytest.approx(summary["eval_loss"].tolist(), abs=5e-4)
    top1 = [value for _, value in series(table, "val Acc@1")]
    assert top1 == pytest.approx(summary["eval_top1"].tolist(), abs=5e-4)
    train = series(table, "train Loss")
    assert train[:2] == [(0, 1.18), (5, 1.18)] and train[-1] == (4 * 15 + 14, 0.394)
    lr = [value for _, value in series(table, "lr")]
    assert lr[0] == 1e-5 and lr[-1] == pytest.approx(summary["lr"].iloc[-1], rel=1e-3)
    assert set(table["tag"]) == {"train Loss", "lr", "val Loss", "val Acc@1", "val Acc@5"}


def test_timm_log_file_lines_after_their_logging_prefix_are_read() -> None:
    # timm's log file (setup_default_logging(log_path=...)) prefixes each line with
    # "2024-03-06 19:52:50,642 -                train: [    INFO] - ": its "Train: 0 [ 0/390
    # (  0%)]  Loss: 13.42 (13.4) ..." and "Test: [  78/78]  ...  Acc@1:  6.2500 ( 0.8000)"
    # lines are timm's console lines (a public distillation run, 129 lines of headers first).
    run = TEXT / "timm-logfile-becai" / "train.log"
    assert choose(read_head(run), run).name == "text"
    table = read(run).table
    val = series(table, "val Acc@1")
    assert val[0] == (390, 0.8) and val[-1] == (3900, 36.53) and len(val) == 10
    assert series(table, "val Loss")[0] == (390, 6.6598)
    train = series(table, "train Loss")
    assert train[0] == (0, 13.42) and len(train) == 36
    assert {"train Loss_gt", "train Loss_kd", "lr"} <= set(table["tag"])


def test_epoch_lines_after_a_head_of_batch_lines_are_sniffed() -> None:
    # A public Mamba tracker's train.log (SOURCE.txt): behind "10:31:55 [INFO]", 64 lines of
    # "[1/100] batch 10/644 loss=47.1420 lr=5.00e-06" an epoch, then "Epoch 1/100 (110.6s) |
    # loss=49.4699 ... | val=51.3027 ...". The first 40 lines with metrics are batch lines; the
    # epoch lines after them show it is a training log.
    run = TEXT / "mamba-dekf-batch-lines" / "train.log"
    head = read_head(run)
    assert b"Epoch 1/100" not in head
    assert choose(head, run).name == "text"
    table = read(run).table
    assert series(table, "val loss") == [(1, 51.3027), (2, 49.5568), (3, 49.5416)]


def test_a_short_measure_name_after_its_split_is_a_metric(tmp_path: Path) -> None:
    # A public U-Net's console pasted into a .md file (SOURCE.txt): "epoch 1 | val_dsc: 0.739",
    # the Dice similarity coefficient, beside "epoch 1 | val_loss: 0.659". DSC, MAE, MSE and
    # RMSE are measures after an underscore too: "val_dsc" and "val_mae" were not read (mAP
    # is not: MMEngine's "bbox_mAP_copypaste: 0.080 0.163 ..." repeats its evaluation).
    table = read(TEXT / "unet-mri-dsc-howdrox" / "2-train_10_epochs.md").table
    assert series(table, "val_dsc") == [(104, 0.7392518295760285), (209, 0.7270527034832581),
                                        (314, 0.7539813437960723)]
    assert len(series(table, "val_loss")) == 3
    path = tmp_path / "train.log"
    path.write_text("".join(f"Epoch {e} | train_mae: {1 / e:.3f} | val_mae: {2 / e:.3f} | "
                            f"val_rmse: {3 / e:.3f}\n" for e in range(1, 4)))
    table = read(path).table
    assert series(table, "val_mae") == [(1, 2.0), (2, 1.0), (3, 0.667)]
    assert series(table, "train_mae")[0] == (1, 1.0) and len(series(table, "val_rmse")) == 3
    path.write_text("".join(f"Epoch {e} | heatmap_size: 64 | loss: {1 / e:.3f}\n"
                            f"bbox_mAP_copypaste: 0.080 0.163 0.058\n" for e in range(1, 4)))
    assert set(read(path).table["tag"]) == {"loss"}  # "map" inside a word is no measure


def test_the_pytorch_cifar10_tutorial_output_is_read() -> None:
    # A public copy of PyTorch's "Training a Classifier" tutorial (SOURCE.txt): "[1,  2000]
    # loss: 2.131", the epoch and the mini-batch count that restarts every epoch, then
    # "Accuracy of the network on the 10000 test images: 55 %". Nothing was read.
    run = TEXT / "cifar-tutorial-chancharge" / "train.out"
    assert choose(read_head(run), run).name == "text"
    table = read(run).table
    train = series(table, "loss")
    assert train[:2] == [(2000, 2.131), (4000, 1.757)] and len(train) == 12
    assert train[6] == (12001, 1.333)  # epoch 2's first count, after epoch 1's last step
    assert series(table, "test Accuracy") == [(22001, 55.0)]  # not the 10000 images


def test_a_learning_rate_for_this_epoch_is_no_epoch_position() -> None:
    # A public YOLOv1 console (SOURCE.txt): "Starting epoch 41 / 100", then "Learning Rate for
    # this epoch: 1e-05" and "Epoch [41/100], Iter [20/1070] Loss: ...". "epoch: 1e-05" (or
    # "0.001") is a rate, not epoch 1 (or 0): one run, its steps never going back.
    (log,) = load_runs(DATA / "public" / "text-yolov1-earlystop-dylanzhang").runs
    train = log.frame[(log.frame["split"] == "train") & (log.frame["metric"] == "loss")]
    assert train["step"].is_monotonic_increasing and len(train) == 57 * 53  # 57 epochs
    assert train["step"].iloc[-1] == (57 - 1) * 1070 + 1060  # epoch 57's iteration 1060


def test_a_split_in_brackets_inside_a_line_names_the_metrics_after_it() -> None:
    # A public latent-diffusion console (SOURCE.txt): "Epoch 1/200 [Train] loss: 0.742663,
    # lr: ..." and "Epoch 1/200 [Val]   loss: 0.361312". The val lines are val's, not a second
    # write of the train loss at the same epoch.
    table = read(TEXT / "latent-diffusion-bracketed-split-yz14" / "train0.log").table
    val = series(table, "Val loss")
    assert val[0] == (1, 0.361312) and len(val) == len(series(table, "Train loss")) == 200
    assert series(table, "Train loss")[0] == (1, 0.742663)


def test_build_nanogpt_log_lines_are_its_train_val_and_hellaswag_series(tmp_path: Path) -> None:
    # karpathy/build-nanogpt writes log.txt as "<step> train|val|hella <value>" lines (no
    # metric word a console line is found by); a config line beside them ("72 train / 9 val
    # videos") gives nothing.
    lines = ["videos: 81 total  ->  72 train / 9 val"]
    for step in range(0, 300):
        lines.append(f"{step} train {10.9 - step / 100:.6f}")
        if step % 100 == 0:
            lines += [f"{step} val {11.0 - step / 100:.4f}",
                      f"{step} hella {0.25 + step / 1e4:.4f}"]
    frame = the_run_of(tmp_path / "log" / "log.txt", lines).frame
    series = {name: part for name, part in frame.groupby(["split", "metric"], observed=True)}
    assert sorted(series) == [("train", "loss"), ("val", "hellaswag_accuracy"), ("val", "loss")]
    assert series[("val", "loss")]["step"].tolist() == [0, 100, 200]
    assert series[("val", "hellaswag_accuracy")]["value"].tolist() == [0.25, 0.26, 0.27]
    assert len(series[("train", "loss")]) == 300


def test_hf_steps_from_epoch_then_line_order(tmp_path: Path) -> None:
    with_bar = ("\r 10%|#| 1/10 [00:00<00:01]\r{'loss': 0.9, 'epoch': 0.5}\n"
                "\r 10%|#| 1/10 [00:00<00:01]\n{'loss': 0.8, 'epoch': 1.0}\n")
    path = tmp_path / "nohup.out"
    path.write_text(with_bar)
    points = read(path)
    assert points.table["step"].tolist() == [1, 2]  # 2 steps per epoch, from the first dict
    assert "from the epoch for 1" in points.warnings[0]
    path.write_text("{'loss': 0.9, 'epoch': 0.5}\n{'eval_loss': 1.0, 'epoch': 0.5}\n"
                    "{'loss': 0.8, 'learning_rate': 1e-05, 'epoch': 1.0}\n")
    points = read(path)
    assert points.meta["step_from"] == "line order"
    assert points.table["step"].tolist() == [1, 1, 2, 2]


def test_nanogpt_log_points() -> None:
    points = read(TEXT / "nanogpt-shakespeare-char" / "train.log")
    table = points.table
    assert series(table, "train/loss") == [(0, 4.2874), (250, 1.5482)]
    assert series(table, "val/loss") == [(0, 4.2823), (250, 1.7322)]
    batch = series(table, "batch_loss")
    assert batch[0] == (0, 4.2586) and batch[-1] == (440, 1.35) and len(batch) == 45
    assert series(table, "mfu")[0] == (10, 10.73)  # -100.00% (no estimate yet) is no value
    assert points.meta["dialects"] == ["nanogpt"]


def test_llms_from_scratch_lines_still_read() -> None:
    table = read(DATA / "labelled/seed/llms-from-scratch-ch6.log").table
    assert series(table, "Train loss")[:2] == [(0, 2.153), (50, 0.617)]
    assert series(table, "Validation accuracy")[0] == (100, 72.5)


def test_noise_and_a_truncated_last_line(tmp_path: Path) -> None:
    noise = "".join(f"2024-01-01 INFO step of the pipeline {i} done, it took 3s\n"
                    for i in range(200))
    body = (noise + "iter 10: loss 2.5000, time 1.00ms, mfu 1.00%\n" + noise
            + "iter 20: loss 2.4000, time 1.00ms, mfu 1.00%\n" + "iter 30: loss 2.3")
    path = tmp_path / "train.log"
    path.write_text(body)
    # Followed live (watch), the last line is still being written: not read.
    assert series(TextLogReader().read_live(path).table, "batch_loss") == [(10, 2.5), (20, 2.4)]


def test_a_finished_log_without_a_final_newline_keeps_its_last_line(tmp_path: Path) -> None:
    # Two public console logs (blind set 22) end without a newline: their last epoch was lost.
    path = tmp_path / "training_log.txt"
    path.write_text("Epoch 1/3, Train Loss: 0.9000, Val Loss: 0.8000\n"
                    "Epoch 2/3, Train Loss: 0.7000, Val Loss: 0.6500\n"
                    "Epoch 3/3, Train Loss: 0.5000, Val Loss: 0.3401")
    assert series(read(path).table, "Val Loss") == [(1, 0.8), (2, 0.65), (3, 0.3401)]
    assert series(TextLogReader().read_live(path).table, "Val Loss") == [(1, 0.8), (2, 0.65)]


def test_warnings_before_the_first_metric_line_are_looked_past(tmp_path: Path) -> None:
    path = tmp_path / "slurm-123.out"
    warning = "UserWarning: something long\n"
    path.write_text(warning * 400 + "step 0: train loss 4.0, val loss 4.1\n")
    head = read_head(path)
    assert b"loss" not in head
    assert TextLogReader().sniff(head, path)
    assert not TextLogReader().sniff(head, tmp_path / "notes.md")


def test_garbage_log_is_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "train.log"
    path.write_bytes(b"hello\nnothing here at all\n\xff\xfe binary-ish\n")
    result = runner.invoke(app, ["ls", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "error:" in result.output
    with pytest.raises(Exception, match="no '<metric> <value>' lines"):
        read(path)


def test_cli_on_the_fixture_dirs() -> None:
    result = runner.invoke(app, ["ls", "--format", "json", str(TEXT)])
    assert result.exit_code == 0, result.output
    runs = {run["run"]: run for run in json.loads(result.stdout)["runs"]}
    console = {name: run for name, run in runs.items() if run["source"] == "text"}
    # + the HF Trainer and nanoGPT logs, the HF console with the last bar, and the console of
    # two trainings (a session each; its "Perplexity: 1.00" line printed with no position after
    # the first training's Trainer dicts is that session's, no run of its own), the
    # segmentation console, the ViT log with commas, the GPT log whose first line has them,
    # the GATv2 log with a test heading, the Mamba log with split sizes, the BERT log with
    # Keras-like epoch headers, the DeepLab log with "iters" glued to its timestamps, DeiT's
    # MetricLogger output, timm's train.py console, MMEngine's console log, the ConvNeXt
    # console whose evaluation bars open after each Trainer dict, ST-GCN's sectioned console,
    # timm's log file, the latent-diffusion log with bracketed splits, the Mamba log whose
    # first metric lines are batch lines, the CIFAR-10 tutorial's output
    assert len(console) == len(KERAS_RUNS) + 21
    assert all(run["points"] > 0 for run in console.values())
    done = subprocess.run([sys.executable, "-m", "curvecli", "diagnose",
                           str(TEXT / "nanogpt-shakespeare-char" / "train.log")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


def test_nan_values_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "train.log"
    path.write_text("Epoch 1/2\n2/2 - 0s - loss: nan - val_loss: nan\n"
                    "Epoch 2/2\n2/2 - 0s - loss: 0.5000 - val_loss: inf\n")
    values = read(path).table["value"].tolist()
    assert math.isnan(values[0]) and math.isnan(values[1]) and values[3] == math.inf


def test_hf_dicts_of_a_diverging_run_keep_nan_and_inf(tmp_path: Path) -> None:
    """The Trainer prints nan/inf bare (``{'loss': nan}``), which Python's literal parser
    refuses: those dicts are the divergence and must be read."""
    path = tmp_path / "nohup.out"
    path.write_text("{'loss': 0.9, 'grad_norm': 1.5, 'epoch': 0.5}\n"
                    "{'loss': nan, 'grad_norm': inf, 'epoch': 1.0}\n"
                    "{'eval_loss': 0.7, 'eval_runtime': 1.2, 'epoch': 1.0}\n")
    table = read(path).table
    losses = table[table["tag"] == "loss"]["value"].tolist()
    assert losses[0] == 0.9 and math.isnan(losses[1])
    assert table[table["tag"] == "grad_norm"]["value"].tolist() == [1.5, math.inf]
    assert table[table["tag"] == "eval_loss"]["value"].tolist() == [0.7]


def test_keras_callback_messages_are_not_metrics() -> None:
    # "Epoch 4: val_loss did not improve from 0.03644", "Epoch 4: ReduceLROnPlateau reducing
    # learning rate to 0.0149...", "Epoch 12: early stopping": numbers, but not the epoch's
    # metrics (those are on the bar line). Only History's series are read.
    table = read(TEXT / "keras3-callbacks" / "train.log").table
    history = json.loads((TEXT / "keras3-callbacks" / "history.json").read_text())
    assert set(table["tag"]) == set(history)


def test_a_metric_name_ending_in_digits_is_read(tmp_path: Path) -> None:
    # The line format of a public hand-written PyTorch loop (didaralideed's training log):
    # "Train F1: 0.1121" is F1, not a metric "Train F" of value 1.
    log = tmp_path / "training_log.txt"
    log.write_text("Epoch 1/50, Train Loss: 2.4794, Train F1: 0.1121, Val Loss: 2.1885, "
                   "Val F1: 0.0405\n"
                   "Epoch 2/50, Train Loss: 2.1001, Train F1: 0.2310, Val Loss: 2.0012, "
                   "Val F1: 0.1502\n")
    table = read(log).table
    assert series(table, "Val F1") == [(1, 0.0405), (2, 0.1502)]
    assert series(table, "Train F1") == [(1, 0.1121), (2, 0.2310)]
    assert not any(tag.endswith(" F") for tag in set(table["tag"]))


def test_a_batch_counter_that_restarts_every_epoch_gives_global_steps(tmp_path: Path) -> None:
    # The formats of two public logs (blind set 22): "[ts] Epoch 1 | Batch 100/7849 | Loss
    # 0.04" and "Epoch 1/2, step 10/542, loss = 0.0296": the counter restarts every epoch, so
    # the step is (epoch - first epoch) x total + counter; an epoch line keeps the last step.
    log = tmp_path / "train.log"
    log.write_text("".join(f"[12:00:00] Epoch {epoch} | Batch {batch}/300 | Loss 0.{epoch}{batch}\n"
                           for epoch in (1, 2, 3) for batch in (100, 200, 300))
                   + "Epoch 3 finished, val loss 0.5\n")
    table = read(log).table
    assert [step for step, _ in series(table, "Loss")] == [100, 200, 300, 400, 500, 600, 700,
                                                          800, 900]
    assert series(table, "val loss") == [(900, 0.5)]
    # A counter that keeps growing across epochs is global already.
    global_log = tmp_path / "global.log"
    global_log.write_text("".join(f"Epoch {epoch}/3, Step {step}/900, loss 0.{epoch}\n"
                                  for epoch, step in ((1, 300), (2, 600), (3, 900))))
    assert [step for step, _ in series(read(global_log).table, "loss")] == [300, 600, 900]
    # A public catheter classifier's "Epoch[2] Iteration[50/3385] Loss: 0.60" (the counter in
    # brackets): epoch 2's iterations come after epoch 1's, not on the same steps.
    brackets = tmp_path / "log.txt"
    brackets.write_text("".join(f"Epoch[{epoch}] Iteration[{it}/200] Loss: 0.{epoch}{it}\n"
                                for epoch in (1, 2) for it in (100, 200)))
    assert [step for step, _ in series(read(brackets).table, "Loss")] == [100, 200, 300, 400]


def _python_logging(path: Path, messages: list[str],
                    layout: str = "%(asctime)s %(name)s %(levelname)s: %(message)s") -> None:
    """Write ``messages`` with Python's logging, by default in the formatter of a public
    training script (CLong05/SkinDiseaseDiagnosis utils/logger.py):
    "%(asctime)s %(name)s %(levelname)s: ..."."""
    import logging

    logger = logging.getLogger(f"train_log_{path.stem}")
    logger.setLevel(logging.DEBUG)
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(logging.Formatter(layout))
    logger.addHandler(handler)
    try:
        for message in messages:
            logger.info(message)
    finally:
        handler.close()
        logger.removeHandler(handler)


def test_python_logging_lines_are_read(tmp_path: Path) -> None:
    # That script's messages: "fold[1/5] epoch[3/50] loss: ... train accuracy: ..., lr:..."
    # then "val accuracy: 0.2125, correct_num: ..., total_num: ..." on a line of its own.
    log = tmp_path / "train_log.txt"
    messages = []
    for epoch in range(1, 5):
        messages.append("fold[1/5] epoch[%d/50] loss: %f train accuracy: %f, lr:%e"
                        % (epoch, 1.0 / epoch, 0.5 + epoch / 10, 1e-3))
        messages.append(f"val accuracy: {0.2 + epoch / 20:.4f}, correct_num: 37, total_num: 174")
    _python_logging(log, messages)
    assert choose(read_head(log), log).name == "text"
    table = read(log).table
    assert series(table, "val accuracy") == [(e, pytest.approx(0.2 + e / 20)) for e in range(1, 5)]
    assert [step for step, _ in series(table, "loss")] == [1, 2, 3, 4]


def test_logged_messages_full_of_commas_are_no_csv(tmp_path: Path) -> None:
    # A public emotion classifier's training.log ("%(asctime)s - %(levelname)s - %(message)s"):
    # a Counter and a list of class weights logged before every epoch, then "Epoch [1/50],
    # Train Loss: ..., Val Acc: ...%". Its commas once made it a CSV of columns like "6: 3171".
    log = tmp_path / "training.log"
    messages = []
    for epoch in range(1, 4):
        messages += ["Class distribution: Counter({3: 7215, 4: 4965, 5: 4830, 2: 4097})",
                     "Class weights: [1.0266046524047852, 9.40661907196045, 1.001046061515808]",
                     f"Epoch [{epoch}/50], Train Loss: {2.0 / epoch:.4f}, Train Acc: "
                     f"{20 + epoch:.2f}%, Val Loss: {1.9 / epoch:.4f}, Val Acc: {17 + epoch:.2f}%",
                     "Saved best model"]
    _python_logging(log, messages, "%(asctime)s - %(levelname)s - %(message)s")
    assert choose(read_head(log), log).name == "text"
    table = read(log).table
    assert set(table["tag"]) == {"Train Loss", "Train Acc", "Val Loss", "Val Acc"}
    assert series(table, "Val Loss") == [(e, pytest.approx(round(1.9 / e, 4))) for e in (1, 2, 3)]


def test_positions_and_metrics_on_separate_logging_lines(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    messages = []
    for epoch in range(1, 4):
        messages += [f"epoch: {epoch}", f"train loss: {1.0 / epoch:.4f}",
                     f"val accuracy: {0.5 + epoch / 10:.4f}"]
    _python_logging(log, messages)
    assert choose(read_head(log), log).name == "text"
    assert series(read(log).table, "train loss") == [(1, 1.0), (2, 0.5), (3, 0.3333)]


def test_a_metric_after_a_split_name_in_its_segment_is_that_split(tmp_path: Path) -> None:
    # A public car classifier's console log: "Train Loss: x Acc: y | Val Loss: x Acc: y F1: z",
    # and "--> Saved new best ResNet weights with Acc: 0.7551" after an improvement. The second
    # Acc (and F1) are val's; the checkpoint message repeats a value, it is no series.
    log = tmp_path / "training_logs.txt"
    lines = []
    for epoch in range(1, 5):
        lines.append(f"Epoch {epoch}/50 | Train Loss: {1.0 / epoch:.4f} Acc: {0.6 + epoch / 50:.4f}"
                     f" | Val Loss: {0.8 / epoch:.4f} Acc: {0.7 + epoch / 50:.4f} F1: 0.7{epoch}")
        lines.append(f"--> Saved new best ResNet weights with Acc: {0.7 + epoch / 50:.4f}")
    log.write_text("\n".join(lines) + "\n")
    assert split_metrics(log) == {("train", "loss"), ("train", "accuracy"), ("val", "loss"),
                     ("val", "accuracy"), ("val", "f1")}
    assert series(read(log).table, "Val Acc") == [(e, pytest.approx(0.7 + e / 50))
                                                  for e in range(1, 5)]


def test_a_loggers_name_and_level_are_not_part_of_a_metric_name(tmp_path: Path) -> None:
    # "%(asctime)s - %(name)s - %(levelname)s - %(message)s" (public dental and speech
    # classifiers): "... - trainer - INFO - Validation Loss: 0.41" is val loss, not a metric
    # named "trainer - info - validation loss" with no split.
    log = tmp_path / "training.log"
    messages = []
    for epoch in range(1, 4):
        messages += [f"Epoch {epoch}/20", f"Training Loss: {1.0 / epoch:.4f}",
                     f"Validation Loss: {1.2 / epoch:.4f}", f"Validation Accuracy: {60 + epoch}%"]
    _python_logging(log, messages, "%(asctime)s - %(name)s - %(levelname)s - %(message)s")
    assert split_metrics(log) == {("train", "loss"), ("val", "loss"), ("val", "accuracy")}


def test_escape_codes_pasted_in_caret_notation_are_dropped(tmp_path: Path) -> None:
    # A terminal session saved as text: "^[[B" (the down-arrow's escape, as caret notation)
    # before a line hid its "Epoch 1/50" position.
    log = tmp_path / "training_logs.txt"
    log.write_text("^[[BEpoch 1/50 | Train Loss: 1.3505 | Val Loss: 0.8150\n"
                   "Epoch 2/50 | Train Loss: 0.4773 | Val Loss: 0.5277\n"
                   "^[[A^[[BEpoch 3/50 | Train Loss: 0.3036 | Val Loss: 0.2541\n")
    assert series(read(log).table, "Val Loss") == [(1, 0.815), (2, 0.5277), (3, 0.2541)]


def test_a_k_fold_log_is_one_run_per_fold(tmp_path: Path) -> None:
    # The CLong05 script's log: "fold[1/5] epoch[3/50] loss: ..." then its val line; fold 2
    # starts its epochs over. Read as one run, fold 2 overwrote fold 1's steps.
    log = tmp_path / "train_log.txt"
    messages = []
    for fold in (1, 2):
        for epoch in range(1, 4):
            messages.append("fold[%d/5] epoch[%d/50] loss: %f train accuracy: %f, lr:%e"
                            % (fold, epoch, fold + 1.0 / epoch, 0.5 + epoch / 10, 1e-3))
            messages.append(f"val accuracy: {0.2 * fold + epoch / 20:.4f}, correct_num: 37")
    _python_logging(log, messages)
    runs = {run.run: run for run in load_paths([log]).runs}
    assert sorted(runs) == [f"{tmp_path.name}/fold=1", f"{tmp_path.name}/fold=2"]
    for fold in (1, 2):
        table = runs[f"{tmp_path.name}/fold={fold}"].frame
        loss = table[table["tag"] == "loss"]
        assert loss["step"].tolist() == [1, 2, 3]
        assert loss["value"].tolist() == pytest.approx([fold + 1.0 / e for e in (1, 2, 3)])


def keras_fit_twice(log: Path, first: str, between: str) -> tuple[dict, dict]:
    """A real Keras 3 fit's console output (tests/data/text/keras3-verbose1) written twice into
    ``log``, after the lines ``first`` and ``between``: the runs read, by id, and its History."""
    fit = (TEXT / "keras3-verbose1" / "train.log").read_text()
    log.write_text(f"{first}{fit}\n{between}\n{fit}")
    history = json.loads((TEXT / "keras3-verbose1" / "history.json").read_text())
    return {run.run: run for run in load_paths([log]).runs}, history


def test_keras_fits_printed_fold_by_fold_are_one_run_per_fold(tmp_path: Path) -> None:
    # A Keras fit printed twice, after "Fold 1/2" and "Fold 2/2", as a cross-validation
    # script does.
    runs, history = keras_fit_twice(tmp_path / "cv.log", "Fold 1/2\n", "Fold 2/2")
    assert sorted(runs) == [f"{tmp_path.name}/fold=1", f"{tmp_path.name}/fold=2"]
    for run in runs.values():
        val = run.frame[run.frame["tag"] == "val_loss"]
        assert val["value"].tolist() == pytest.approx(
            [keras_console(v) for v in history["val_loss"]])


def test_keras_fits_printed_one_after_another_are_sessions(tmp_path: Path) -> None:
    # Four models fitted one after another into one console log (a public traffic-sign
    # script): each fit's "Epoch 1/6" after the last one's epoch 6 starts a new training.
    runs, history = keras_fit_twice(tmp_path / "training_log.txt", "",
                                    "Training the second model")
    assert sorted(runs) == [f"{tmp_path.name}/session=1", f"{tmp_path.name}/session=2"]
    for run in runs.values():
        val = run.frame[run.frame["tag"] == "val_loss"]
        assert val["step"].tolist() == list(range(len(history["val_loss"])))


def test_a_console_log_resumed_from_a_middle_epoch_stays_one_run(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    epochs = [*range(1, 11), *range(6, 13)]  # resumed from the epoch-5 checkpoint
    log.write_text("".join(f"Epoch {e}/12, Train Loss: {1.0 / e:.4f}, Val Loss: {1.1 / e:.4f}\n"
                           for e in epochs))
    (run,) = load_paths([log]).runs
    val = run.frame[run.frame["tag"] == "Val Loss"]
    assert sorted(set(val["step"])) == list(range(1, 13))


def test_a_monai_style_log_with_a_warning_and_dice_lines_is_read(tmp_path: Path) -> None:
    # A public MONAI spleen segmentation's console log: a FutureWarning echoes a line of code
    # with commas among the first lines (it once made the whole head look like a CSV), then
    # per-step losses, "Epoch N average loss: x (78.2s)" and "Epoch N validation mean Dice: y".
    lines = ["=== MONAI Spleen Segmentation Training ===",
             "/env/monai/utils/deprecate_utils.py:320: FutureWarning: default changed.",
             "  warn_deprecated(argname, msg, warning_category)"]
    for epoch in range(1, 4):
        lines += [f"  epoch {epoch}/50  step {step}/3  loss={0.7 - 0.05 * epoch - 0.01 * step}"
                  for step in range(1, 4)]
        lines += [f"Epoch {epoch} average loss: {0.6 - 0.05 * epoch:.4f}  (78.2s)",
                  f"Epoch {epoch} validation mean Dice: {0.03 * epoch:.4f}",
                  f"  -> New best model saved (Dice: {0.03 * epoch:.4f})"]
    log = tmp_path / "training_log.txt"
    log.write_text("\n".join(lines) + "\n")
    assert choose(read_head(log), log).name == "text"
    (run,) = load_paths([log]).runs
    dice = run.frame[(run.frame["split"] == "val") & (run.frame["metric"] == "mean dice")]
    assert dice["value"].tolist() == pytest.approx([0.03, 0.06, 0.09])
    assert dice["step"].tolist() == [3, 6, 9]  # the epoch's last global step


def test_filler_words_around_a_metric_name_are_dropped(tmp_path: Path) -> None:
    log = tmp_path / "train.log"
    log.write_text("".join(f"Epoch {e}: train loss is {1.0 / e:.3f}, Val acc is {80 + e:.1f}%\n"
                           for e in range(1, 4)))
    assert split_metrics(log) == {("train", "loss"), ("val", "accuracy")}


def test_a_bare_split_name_is_that_splits_loss(tmp_path: Path) -> None:
    # A public CNN-LSTM's train.log: "Epoch 5/40 - train: 0.5213  val: 0.6120  lr: 0.001"
    # once gave the learning rate alone.
    log = tmp_path / "train.log"
    log.write_text("".join(f"Epoch {e}/40 - train: {1.0 / e:.4f}  val: {1.2 / e:.4f}  lr: 0.001\n"
                           for e in range(1, 6)))
    assert split_metrics(log) == {("train", "loss"), ("val", "loss"), ("", "learning_rate")}
    assert series(read(log).table, "val loss") == [(e, pytest.approx(round(1.2 / e, 4)))
                                                   for e in range(1, 6)]


def test_top_1_and_top_5_accuracy_are_two_series(tmp_path: Path) -> None:
    # A public image classifier's train.log (Python logging): per-epoch evaluation lines
    # "==============Epoch: 0/50,top 1 acc: 0.0354==============" and "top 5 acc". Both once
    # read as one "acc" series (and a pair top = 1).
    log = tmp_path / "train.log"
    messages = []
    for epoch in range(3):
        messages += [f"Epoch: {epoch}/50, Iteration step: {1300 * (2 * epoch + k)}, "
                     f"loss: {5.2 - 0.2 * epoch - 0.1 * k}" for k in (1, 2)]
        messages += [f"==============Epoch: {epoch}/50,top 1 acc: {0.03 + 0.01 * epoch:.4f}"
                     "==============",
                     f"==============Epoch: {epoch}/50,top 5 acc: {0.12 + 0.04 * epoch:.4f}"
                     "=============="]
    _python_logging(log, messages, "%(asctime)s %(levelname)s: %(message)s")
    table = read(log).table
    assert series(table, "top1 acc") == [(2600, 0.03), (5200, 0.04), (7800, 0.05)]
    assert series(table, "top5 acc") == [(2600, 0.12), (5200, 0.16), (7800, 0.2)]
    assert "acc" not in set(table["tag"]) and "top" not in set(table["tag"])


def test_a_split_named_once_heads_the_metrics_after_it_on_its_line(tmp_path: Path) -> None:
    # A public translation model's train.log: "Epoch N | Train Loss .. | Token Acc .. | Seq Acc
    # .. | Val Loss .. | Token Acc .. | Seq Acc ..": the val Token and Seq Acc were not read.
    log = tmp_path / "train.log"
    log.write_text("".join(
        f"Epoch {e} | Train Loss {10.0 / e:.3f} | Token Acc {0.06 + e / 100:.3f} | Seq Acc 0.010"
        f" | Val Loss {11.0 / e:.3f} | Token Acc {0.05 + e / 100:.3f} | Seq Acc 0.008\n"
        for e in range(1, 5)))
    assert split_metrics(log) == {("train", "loss"), ("train", "token acc"), ("train", "seq acc"),
                     ("val", "loss"), ("val", "token acc"), ("val", "seq acc")}



def test_a_classification_report_printed_after_training_gives_no_point(tmp_path: Path) -> None:
    # scikit-learn's classification_report after the last epoch (as scikit-learn 1.9 prints
    # it): its "accuracy 0.88 8" row once added a second accuracy point at the last step.
    log = tmp_path / "train.log"
    lines = [f"Epoch {e}: loss {1.0 / e:.3f} accuracy {0.7 + e / 20:.3f}" for e in range(1, 4)]
    report = """              precision    recall  f1-score   support

           0       0.75      1.00      0.86         3
           1       1.00      0.80      0.89         5

    accuracy                           0.88         8
   macro avg       0.88      0.90      0.87         8
weighted avg       0.91      0.88      0.88         8
"""
    log.write_text("\n".join(lines) + "\n" + report)
    assert series(read(log).table, "accuracy") == [(1, 0.75), (2, 0.8), (3, 0.85)]


def test_an_opennmt_log_after_its_printed_model_is_read(tmp_path: Path) -> None:
    # OpenNMT-py's log (a public morphological-inflection model): the model's architecture
    # first (lines with commas and no metric), then "Step 50/100000; acc: 12.00; ppl: 26.87;
    # ..." and "Validation perplexity: 5.45" every 200 steps, and its early-stopping messages
    # ("Model is improving ppl: inf --> 5.45"), which give no points.
    head = ["[2024-05-08 04:06:10,001 INFO] NMTModel("]
    head += [f"  (layer{i}): Embedding({50 + i}, 128, padding_idx=1)" for i in range(60)]
    lines = []
    for step in range(50, 1050, 50):
        lines.append(f"[2024-05-08 04:06:17,722 INFO] Step {step}/100000; "
                     f"acc:  {10 + step / 20:.2f}; ppl: {30 - step / 50:5.2f}; xent: 3.29; "
                     "lr: 1.00000; 11270/8704 tok/s;      4 sec")
        if step % 200 == 0:
            lines += [f"[2024-05-08 04:06:28,463 INFO] Validation perplexity: {9 - step / 200:.5f}",
                      "[2024-05-08 04:06:28,463 INFO] Model is improving ppl: 9.0 --> 8.0."]
    log = tmp_path / "train.log"
    log.write_text("\n".join(head + lines) + "\n")
    (run,) = load_paths([log]).runs
    val = run.frame[(run.frame["split"] == "val") & (run.frame["metric"] == "perplexity")]
    assert val["step"].tolist() == [200, 400, 600, 800, 1000]
    assert not any("improving" in tag for tag in run.frame["tag"].astype(str))


def test_a_position_inside_a_metric_name_is_not_its_value(tmp_path: Path) -> None:
    # Python logging of a public toxic-comment classifier (benchmarks/public_runs, set 48):
    # "Average loss for epoch 1: 0.3625" was read as the value 1.
    lines = []
    for epoch, (loss, accuracy) in enumerate([(0.3625, 90.36), (0.3320, 90.11),
                                              (0.3238, 90.01)], start=1):
        lines += [f"2024-11-28 15:01:21,774 - INFO - Epoch {epoch}/50 started",
                  f"2024-11-28 15:01:23,378 - INFO - Average loss for epoch {epoch}: {loss:.4f}",
                  f"2024-11-28 15:01:23,511 - INFO - Test accuracy after epoch {epoch}: "
                  f"{accuracy:.2f}%"]
    frame = the_run_of(tmp_path / "models" / "training.log", lines).frame
    loss = frame[frame["metric"] == "average loss"]
    assert loss["value"].tolist() == [0.3625, 0.332, 0.3238]
    assert loss["step"].tolist() == [1, 2, 3]
    accuracy = frame[(frame["split"] == "test") & (frame["metric"] == "accuracy")]
    assert accuracy["value"].tolist() == [90.36, 90.11, 90.01]


def test_a_position_before_is_inside_a_metric_name_is_not_its_value(tmp_path: Path) -> None:
    # A public U-Net's log (benchmarks/public_runs, set 242): "[3/251] running loss of epoch 0
    # is : 6.2678" was read as a metric "running loss of epoch" worth 0, the epoch.
    lines = [f"[{batch}/251] running loss of epoch {epoch} is : {value}"
             for epoch, values in enumerate([(1.704606056213379, 3.282721757888794),
                                             (0.6914, 1.3702)])
             for batch, value in enumerate(values)]
    frame = the_run_of(tmp_path / "logs" / "train_log.txt", lines).frame
    assert set(frame["metric"]) == {"running loss"}
    assert frame["value"].tolist() == [1.704606056213379, 3.282721757888794, 0.6914, 1.3702]
    assert frame["epoch"].tolist() == [0, 0, 1, 1]


def test_a_split_in_markdown_bold_names_its_lines_split(tmp_path: Path) -> None:
    # A public MNIST log (benchmarks/public_runs, set 262) prints "  **Train** Prec@1 94.590"
    # and "  **Test** Prec@1 97.830" each epoch: both were read as one series with no split.
    lines = []
    for epoch, (train, test) in enumerate([(94.59, 97.83), (98.572, 98.81), (98.882, 98.72)]):
        lines += [f"==>>[2019-05-29 12:33:00] [Epoch={epoch:03d}/030] [learning_rate=0.1000]",
                  f"  **Train** Prec@1 {train:.3f} Prec@5 99.282",
                  f"  **Test** Prec@1 {test:.3f} Prec@5 99.970"]
    frame = the_run_of(tmp_path / "save" / "log.txt", lines).frame
    prec = frame[frame["metric"] == "prec@1"]
    assert prec[prec["split"] == "train"]["value"].tolist() == [94.59, 98.572, 98.882]
    assert prec[prec["split"] == "test"]["value"].tolist() == [97.83, 98.81, 98.72]
    assert prec[prec["split"] == "test"]["step"].tolist() == [0, 1, 2]


def test_a_console_log_whose_first_line_holds_commas_is_not_taken_for_a_csv() -> None:
    # A public char-level GPT log (SOURCE.txt) opens "train 564,597 tokens | val 62,732
    # tokens | vocab 126": split on commas that is a 3-field header, and "model: 10,833,408
    # params" below it has numeric cells. Its lines do not share the header's width, so it is
    # a console log: "step N | train X | val Y" every 100 steps.
    (log,) = load_runs(TEXT / "char-gpt-commas-first-line-oliverma").runs
    assert log.source == "text"
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")
                & (frame["tag"] == "val loss")]
    assert val["step"].tolist() == list(range(0, 2001, 100))
    assert val["value"].tolist()[:3] == [4.8743, 2.5916, 2.5175]
    assert val["value"].iloc[-1] == 1.4429


def test_a_split_with_a_whole_number_is_its_size_not_its_loss() -> None:
    # A public Mamba forecaster's log (SOURCE.txt) opens "Split — train: 1519 | val: 217 |
    # test: 434": a bare split name before a number is that split's loss in "Epoch 5 - train:
    # 0.52 val: 0.61", but a whole number there counts examples.
    (log,) = load_runs(TEXT / "mamba-split-sizes-nguyennamthuytrinh").runs
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["value"].max() < 1.0 and val["value"].iloc[0] == 0.538297
    assert (frame["value"] != 1519).all()


def test_a_heading_names_the_split_of_the_unpositioned_lines_under_it() -> None:
    # A public GATv2 log (SOURCE.txt): 7 "Epoch N/100 - Train Loss: ..., Val Loss: ..." lines,
    # then "Evaluating on Test Set", "Test Metrics:" and "  Loss: 0.2668", "  Accuracy: ...":
    # the test set's, not one more train point beside the last epoch's train loss.
    (log,) = load_runs(TEXT / "gatv2-test-heading-nghianguyen").runs
    frame = log.frame
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["value"].tolist() == [0.0668, 0.0501, 0.0455, 0.0395, 0.0372, 0.0327, 0.0306]
    test = frame[frame["split"] == "test"]
    assert dict(zip(test["metric"], test["value"]))["loss"] == 0.2668


def test_a_split_and_epoch_line_heads_the_metric_lines_under_it() -> None:
    # A public ST-GCN console (SOURCE.txt): "[time] Training epoch: 4", then "\tmean_loss: nan";
    # "[time] Eval epoch: 4", then "\tmean_loss: 5.99". The section line names the split of the
    # lines under it: the evaluation's loss is val's, not one more train point at epoch 4.
    (log,) = load_runs(TEXT / "stgcn-eval-epoch-heading-byebyechen").runs
    frame = log.frame
    train = frame[(frame["split"] == "train") & (frame["metric"] == "mean_loss")]
    val = frame[(frame["split"] == "val") & (frame["metric"] == "mean_loss")]
    assert train["step"].tolist() == list(range(25))
    assert train["value"].isna().all()
    assert val["step"].tolist() == [4, 9, 14, 19, 24]
    assert val["value"].tolist() == pytest.approx([5.9914655685424805] * 5)


def test_a_keras_like_epoch_header_positions_the_hand_written_lines_under_it() -> None:
    # A public hierarchical BERT classifier's console (SOURCE.txt): "Epoch 1/20" on its own
    # line (Keras prints the same header), then tqdm bars and "Train Loss: 8.7897, Val Loss:
    # 6.7511". The header is the lines' position: every point sat at step 0 before.
    (log,) = load_runs(TEXT / "bert-epoch-header-elderflame").runs
    frame = log.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["step"].tolist()[:3] == [1, 2, 3]
    assert val["value"].tolist()[:2] == [6.7511, 5.3715]


def test_a_bracketed_iteration_count_is_the_lines_position(tmp_path: Path) -> None:
    # deep-text-recognition-benchmark (EasyOCR fine-tuning), as a public log_train.txt prints
    # it (Bcayy/Easyocr_finetuning): "[20000/300000] Train loss: ..., Valid loss: ..." then
    # accuracy lines and a table of predictions.
    lines = []
    for step, train, valid in ((20000, "0.30092", "1.49355"), (40000, "0.00001", "1.58368"),
                               (60000, "0.00001", "1.60004")):
        lines += [f"[{step}/300000] Train loss: {train}, Valid loss: {valid}, "
                  "Elapsed_time: 1935.90580",
                  "Current_accuracy : 60.039, Current_norm_ED  : 0.8185",
                  "-" * 80, "Ground Truth              | Prediction                | "
                  "Confidence Score & T/F", "TROY                      | TROY"
                  "                      | 0.4822\tTrue", "-" * 80]
    (tmp_path / "log_train.txt").write_text("\n".join(lines) + "\n")
    (log,) = load_runs(tmp_path).runs
    val = log.frame[(log.frame["split"] == "val") & (log.frame["metric"] == "loss")]
    assert val["step"].tolist() == [20000, 40000, 60000]
    assert val["value"].tolist() == [1.49355, 1.58368, 1.60004]


@pytest.mark.parametrize("fixture", ["epoch-brackets-commas-rizstilllearning",
                                     "nanogpt-shakespeare-char", "keras3-verbose2"])
def test_a_utf16_console_log_reads_as_its_utf8_self(tmp_path: Path, fixture: str) -> None:
    # Windows PowerShell's "python train.py > log.txt" writes UTF-16 with a byte-order mark.
    (original,) = [p for p in (TEXT / fixture).rglob("*")
                   if p.suffix in (".log", ".txt") and p.name != "SOURCE.txt"]
    copy = tmp_path / "log.txt"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-16")
    assert copy.read_bytes()[:2] == b"\xff\xfe"
    (mine,) = load_runs(copy).runs
    (theirs,) = load_runs(original).runs
    columns = ["split", "metric", "step", "value"]
    pd.testing.assert_frame_equal(mine.frame[columns].reset_index(drop=True),
                                  theirs.frame[columns].reset_index(drop=True))


def test_a_printed_keras_history_dict_in_a_console_log_is_read(tmp_path: Path) -> None:
    # ``print(history.history)`` at the end of a script's console log (a public log was not
    # read at all): Python's repr of a dict of lists, NumPy 2 scalars spelled np.float32(...).
    np = pytest.importorskip("numpy")
    history = {"loss": [np.float32(v) for v in (0.9, 0.7, 0.6)],
               "val_loss": [np.float32(v) for v in (1.0, 0.8, float("nan"))],
               "accuracy": [0.5, 0.625, 0.75]}
    log = tmp_path / "out.log"
    log.write_text(f"Training done in 12 s\n{history}\n")
    frame = load_runs(log).runs[0].frame
    val = frame[(frame.split == "val") & (frame.metric == "loss")].sort_values("step")
    assert val.step.tolist() == [0, 1, 2]
    assert val.value.iloc[:2].round(6).tolist() == [1.0, 0.8] and math.isnan(val.value.iloc[2])
    train = frame[(frame.split == "train") & (frame.metric == "accuracy")]
    assert train.value.tolist() == [0.5, 0.625, 0.75]


def test_a_step_counter_that_restarts_every_epoch_becomes_a_global_step(tmp_path: Path) -> None:
    # A video-localisation log (public): "... - INFO - [epoch:1] [step:0] loss:91.2", the step
    # back at 0 every epoch and printed with no total. Read at the step alone, 6 epochs of 18
    # steps came out as 18 steps of 6 points, out of time order.
    log = tmp_path / "log.txt"
    log.write_text("".join(
        f"2018-12-25 11:49:25,609 - log/log.txt - INFO - [epoch:{e}] [step:{s}] loss:{90 + s}\n"
        for e in range(3) for s in range(4)))
    frame = load_runs(log).runs[0].frame
    train = frame[(frame.split == "train") & (frame.metric == "loss")]
    assert train.step.tolist() == list(range(12))
    assert train.epoch.tolist() == [float(e) for e in range(3) for _ in range(4)]


@pytest.mark.parametrize("line", [
    "ep: {e}, batch: {b}, time: 8.35, ntokens: 428.90/513, loss: {v}",
    "Epoch {e} | Batch {b} | Loss {v}",
])
def test_a_batch_counter_after_the_epoch_positions_its_line(tmp_path: Path, line: str) -> None:
    # An LLM pre-training log (public): "ep: 0, batch: 20, time: 9.17, ntokens: 485.20/513,
    # loss: 10.98", a batch count with no total after the epoch. Read at the epoch alone, its
    # 13 points all landed on step 0. A count that restarts every epoch goes on from the last.
    log = tmp_path / "train.log"
    log.write_text("".join(line.format(e=e, b=b, v=10 - e - b / 100) + "\n"
                           for e in range(2) for b in (20, 40, 60)))
    frame = load_runs(log).runs[0].frame
    train = frame[(frame.split == "train") & (frame.metric == "loss")]
    assert train.step.tolist() == [20, 40, 60, 61, 81, 101]
    assert train.value.tolist() == pytest.approx([9.8, 9.6, 9.4, 8.8, 8.6, 8.4])


def test_a_clock_per_batch_is_no_batch_count(tmp_path: Path) -> None:
    # PyTorch's word_language_model example (a public copy): "ms/batch 181.56" is a clock, not
    # a batch count to position the line by.
    log = tmp_path / "train_log.txt"
    log.write_text("".join(
        f"| epoch   1 | {b:5d}/ 2826 batches | lr 20.00 | ms/batch 181.56 | loss  {v:.2f} | "
        f"ppl  1009.16\n" for b, v in ((100, 6.92), (200, 5.99), (300, 5.58))))
    frame = load_runs(log).runs[0].frame
    train = frame[(frame.split == "train") & (frame.metric == "loss")]
    assert train.value.tolist() == [6.92, 5.99, 5.58]
    assert 181 not in train.step.tolist()


def test_an_iteration_counter_between_commas_positions_its_pairs(tmp_path: Path) -> None:
    # A lottery-ticket log (public): "iteration,1,train_loss,2.3096,train_accuracy,0.0469".
    log = tmp_path / "train.log"
    log.write_text("".join(f"iteration,{i},train_loss,{2.31 - 0.01 * i},train_accuracy,0.1\n"
                           for i in range(1, 6)))
    frame = load_runs(log).runs[0].frame
    train = frame[(frame.split == "train") & (frame.metric == "loss")]
    assert train.step.tolist() == [1, 2, 3, 4, 5]


def test_comma_separated_name_value_pairs_are_a_console_log_not_a_csv(tmp_path: Path) -> None:
    # A public log printed "Epoch, 1/20, loss, 0.9, ..." lines; it was read as a CSV whose
    # header is its first data line.
    log = tmp_path / "train.log"
    log.write_text("".join(f"Epoch, {e}/20, loss, {1 / e:.3f}, val_loss, {1.2 / e:.3f}\n"
                           for e in range(1, 6)))
    frame = load_runs(log).runs[0].frame
    assert frame.source.iloc[0] == "text"
    val = frame[(frame.split == "val") & (frame.metric == "loss")]
    assert val.step.tolist() == [1, 2, 3, 4, 5] and val.value.iloc[-1] == 0.24


@pytest.mark.parametrize("lines, expected", [
    # a skin-lesion classifier's log: "<Split> - Loss: ... | Acc: ..." lines under "Epoch n/40:"
    (["Epoch 1/40:", "Train - Loss: 0.7025 | Acc: 0.4500", "Val - Loss: 0.6675 | Acc: 0.6970",
      "Epoch 2/40:", "Train - Loss: 0.6933 | Acc: 0.5500", "Val - Loss: 0.6479 | Acc: 0.6970"],
     {("train", "loss"): [0.7025, 0.6933], ("val", "loss"): [0.6675, 0.6479],
      ("val", "acc"): [0.697, 0.697]}),
    # DeepSleepNet: both halves of one line, each opened by its split and its timing
    ([f"epoch {e} : train (517.15 sec): n=215300, loss=1.609 (0.000), acc=0.198 | valid (3.22 "
      f"sec): n=5400, loss=1.612 (0.000), acc=0.319" for e in (1, 2)],
     {("train", "loss"): [1.609, 1.609], ("val", "loss"): [1.612, 1.612],
      ("val", "acc"): [0.319, 0.319]}),
    # an MXNet ImageNet log's validation lines; an NMT log's dev BLEU
    (["[Epoch 0] validation: top1=0.171816 top5=0.379668",
      "[Epoch 1] validation: top1=0.332825 top5=0.597941"],
     {("val", "top1"): [0.171816, 0.332825]}),
    (["[INFO] 2021-12-25 21:44:38,457 : Epoch:  1 Dev Bleu Score: BLEU = 0.01 14.9/1.0/0.0/0.0",
      "[INFO] 2021-12-25 21:49:27,180 : Epoch:  2 Dev Bleu Score: BLEU = 0.27 10.5/1.8/0.1/0.0"],
     {("val", "bleu"): [0.01, 0.27]}),
])
def test_a_split_opening_a_segment_of_a_line_names_what_follows(
        tmp_path: Path, lines: list[str], expected: dict) -> None:
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    frame = load_runs(log).runs[0].frame
    for (split, word), values in expected.items():
        rows = frame[(frame.split == split) & frame.metric.str.contains(word)]
        assert rows.sort_values("step").value.tolist() == values, (split, word)


def test_a_dict_printed_under_a_split_heading_is_that_splits(tmp_path: Path) -> None:
    # A SLURM log of a BERT fine-tune (public): "Dev results:" then the dict on its own line,
    # nested by task; read as the Trainer's dicts, every value was train's.
    lines = ["Epoch 0:", "Dev results:",
             "{'Circa': {'loss': 1.7973, 'accuracy': 0.1581}, 'time': {'elapsed_time': '0:01:01'}}"]
    result = "{{'Circa': {{'loss': {}, 'accuracy': 0.8}}, 'time': {{'elapsed_time': 'x'}}}}"
    for epoch, (train, dev) in enumerate([(0.7138, 0.5616), (0.4559, 0.5215)], start=1):
        lines += [f"Epoch {epoch}:", "Train results:", result.format(train),
                  "Dev results:", result.format(dev), "Saving new best model..", "---"]
    log = tmp_path / "slurm_output_1.out"
    log.write_text("\n".join(lines) + "\n")
    frame = load_runs(log).runs[0].frame
    val = frame[(frame.split == "val") & (frame.metric == "loss")].sort_values("step")
    assert list(zip(val.step, val.value)) == [(0, 1.7973), (1, 0.5616), (2, 0.5215)]
    train = frame[(frame.split == "train") & (frame.metric == "loss")]
    assert sorted(train.value) == [0.4559, 0.7138]


def test_a_value_printed_before_its_name_is_read(tmp_path: Path) -> None:
    # A public DDP training log: "Epoch 3 @ 11:29 PM : 0.9722 C.E. Loss, 96.29% Accuracy". Read
    # with the comma as a separator, its accuracy came out as the loss.
    log = tmp_path / "train.out"
    log.write_text("".join(f"Epoch {e} @ 10:27 PM : {0.98 - 0.01 * e:.4f} C.E. Loss, "
                           f"{94 + e}.28% Accuracy\n" for e in range(5)))
    frame = load_runs(log).runs[0].frame
    loss = frame[(frame.split == "train") & (frame.metric == "ce_loss")].sort_values("step")
    assert loss.value.round(4).tolist() == [0.98, 0.97, 0.96, 0.95, 0.94]
    accuracy = frame[frame.metric == "accuracy"].sort_values("step")
    assert accuracy.value.tolist() == [94.28, 95.28, 96.28, 97.28, 98.28]


def test_filler_words_before_a_metric_are_dropped(tmp_path: Path) -> None:
    # "Epoch 0 trained with loss: 0.93." (a public lung-nodule log: read as a metric named
    # "trained with loss" of no split).
    log = tmp_path / "train.log"
    log.write_text("".join(f"Epoch {e} trained with loss: {0.93 - 0.1 * e:.2f}.\n"
                           for e in range(4)))
    frame = load_runs(log).runs[0].frame
    assert set(zip(frame.split, frame.metric)) == {("train", "loss")}


def test_a_trainer_dict_under_a_split_heading_stays_the_trainers(tmp_path: Path) -> None:
    # A heading line ("eval metrics") before an HF Trainer dict: the dict is the Trainer's, read
    # by its own keys (eval_loss: val's loss), not prefixed with the heading.
    log = tmp_path / "train.log"
    log.write_text("Epoch 1:\neval metrics\n{'eval_loss': 0.5, 'epoch': 1.0}\n"
                   "Epoch 2:\neval metrics\n{'eval_loss': 0.4, 'epoch': 2.0}\n")
    frame = load_runs(log).runs[0].frame
    assert set(frame.tag) == {"eval_loss"}
    assert frame[(frame.split == "val") & (frame.metric == "loss")].value.tolist() == [0.5, 0.4]


def test_joey_nmt_validation_results_are_val_and_its_closing_best_is_no_point(
        tmp_path: Path) -> None:
    # Joey-NMT's train.log (a public de-en Transformer, benchmarks/public_runs set 119): a
    # "Validation result (greedy) at epoch 26, step 4000: token_accuracy: ..., ppl: ..." line per
    # evaluation, read as train before; and a closing "Best validation result (greedy) at step
    # 4000: 22.96 ppl." that repeats the best evaluation.
    lines = ["2020-05-12 16:47:34,244 Hello! This is Joey-NMT."]
    evaluations = {4000: 22.9588, 8000: 54.4424, 12000: 81.1695}
    for step in range(200, 12001, 200):
        epoch = step // 154
        lines.append(f"2020-05-12 17:04:07,845 Epoch {epoch:>3} Step: {step:>8} Batch Loss:"
                     f"     {4.0 / (1 + step / 1000):.6f} Tokens per Sec:     8955, Lr: 0.000200")
        if step in evaluations:
            lines += ["2020-05-12 17:07:11,228 Hooray! New best validation result [ppl]!",
                      f"2020-05-12 17:07:12,782 Validation result (greedy) at epoch {epoch:>3},"
                      f" step {step:>7}: token_accuracy:   6.22, loss: {30000 + step:.4f}, ppl: "
                      f"{evaluations[step]:8.4f}, duration: 11.6068s"]
        lines.append(f"2020-05-12 17:04:23,801 Epoch {epoch:>3}: total training loss 52.24")
    lines.append("2020-05-12 18:04:20,061 Best validation result (greedy) at step     4000:  "
                 "22.96 ppl.")
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    val = run.frame[(run.frame["split"] == "val") & (run.frame["metric"] == "perplexity")]
    assert val["step"].tolist() == [4000, 8000, 12000]
    assert val["value"].tolist() == [22.9588, 54.4424, 81.1695]
    assert "perplexity" not in set(run.frame[run.frame["split"] == "train"]["metric"])


def test_a_bare_name_beside_its_glued_val_twin_is_train(tmp_path: Path) -> None:
    # A public log (benchmarks/public_runs, set 125): "Epoch 1 finished | acc=0.8626
    # val_acc=1.0000 loss=0.3842 val_loss=0.2354". The loss after val_acc inherited val and
    # merged with val_loss into one zig-zag series; beside its glued twin val_loss it is train's.
    # A name with no twin after a val name still inherits val ("val_loss 0.19 F1 0.46").
    lines = [f"[2026-03-13 11:13:16] Epoch {epoch} finished | acc={0.86 + epoch / 100:.4f} "
             f"val_acc={0.96 + epoch / 200:.4f} loss={0.38 - epoch / 50:.4f} "
             f"val_loss={0.24 - epoch / 100:.4f}" for epoch in range(1, 7)]
    lines += [f"epoch {epoch}  train_loss {0.18 - epoch / 100:.4f}  "
              f"val_loss {0.19 + epoch / 100:.4f}  F1 {0.45 + epoch / 50:.3f}"
              for epoch in range(7, 13)]
    log = tmp_path / "training_log.txt"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert train["value"].round(4).tolist()[:6] == [round(0.38 - e / 50, 4) for e in range(1, 7)]
    assert val["value"].round(4).tolist()[:6] == [round(0.24 - e / 100, 4) for e in range(1, 7)]
    assert set(frame[frame["metric"] == "f1"]["split"]) == {"val"}


def test_iters_glued_to_a_timestamp_is_the_lines_position(tmp_path: Path) -> None:
    # A public DeepLab-V1 training log (SOURCE.txt): "2019-11-08 23:37:35iters:  20,
    # loss:2.0569, accuracy:0.5154", 300 lines. "iters" (plural), glued to the timestamp, was
    # no position, so the file was no log curvecli knew.
    (log,) = load_runs(TEXT / "iters-glued-timestamp-wangleihitcs").runs
    loss = log.frame[log.frame["metric"] == "loss"]
    assert loss["step"].tolist()[:3] == [20, 40, 60]
    assert loss["value"].tolist()[:2] == [2.0569, 1.4630]
    assert len(loss) == 300
    # A config's "max_iters" or "Total steps" is not a position.
    config = tmp_path / "train.log"
    config.write_text("max_iters: 5000\nTotal steps: 10000\n" + "".join(
        f"iter {i}: loss {1 / i:.4f}\n" for i in range(1, 9)))
    (run,) = load_runs(config).runs
    assert sorted(set(run.frame["step"])) == list(range(1, 9))


def yolox_line(epoch: int, it: int, loss: float) -> str:
    return (f"2021-09-03 20:17:51.976 | INFO     | yolox.core.trainer:after_iter:246 - epoch: "
            f"{epoch}/300, iter: {it}/47, mem: 1491Mb, iter_time: 0.487s, data_time: 0.002s, "
            f"total_loss: {loss:.1f}, iou_loss: 1.9, l1_loss: 0.0, conf_loss: 4.9, "
            f"cls_loss: 4.0, lr: 7.073e-06, size: 640, ETA: 2:14:58")


def test_a_yolox_log_after_its_printed_model_is_read(tmp_path: Path) -> None:
    # YOLOX's train_log.txt (loguru): the experiment's table and the model's repr, whose loss
    # modules ("(l1_loss): L1Loss()") hold a metric word without a value, fill the first
    # 170-330 KB (once per restart) before "epoch: 1/300, iter: 10/47, ... total_loss: 10.7".
    module = ["      (conv): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), bias=False)",
              "    (l1_loss): L1Loss()", "    (bcewithlog_loss): BCEWithLogitsLoss()",
              "    (iou_loss): IOUloss()", "        (act): SiLU(inplace=True)"]
    head = ["2021-09-03 20:17:40.001 | INFO     | yolox.core.trainer:before_train:129 - Model:"]
    head += module * 3000  # about 330 KB
    lines = [yolox_line(epoch, it, 12 / (epoch * 5 + it / 10)) for epoch in range(1, 5)
             for it in (10, 20, 30, 40)]
    log = tmp_path / "train_log.txt"
    log.write_text("\n".join(head + lines) + "\n")
    (run,) = load_runs(log).runs
    total = run.frame[run.frame["metric"] == "total_loss"]
    assert total["step"].tolist()[:5] == [10, 20, 30, 40, 57]
    assert total["value"].tolist()[0] == round(12 / 6, 1)
    assert "l1_loss" in set(run.frame["metric"]) and len(total) == 16


def test_a_global_step_key_is_the_lines_position(tmp_path: Path) -> None:
    # DBNet.pytorch's log: "[38/200], [299/604], global_step: 13397, ..., loss: 0.8514": the
    # epoch, the batch within it and the global step; the global step is the position.
    lines = [f"2020-12-07 21:20:46,223 DBNet INFO: [{epoch}/200], [{batch}/604], global_step: "
             f"{(epoch - 1) * 604 + batch}, speed: 12.0 samples/sec, acc: 0.8973, "
             f"iou_shrink_map: 0.8206, loss: {2 / epoch:.4f}, loss_shrink_maps: 0.2185, , "
             f"lr:0.000847883, time:1.2" for epoch in (1, 2, 3) for batch in (299, 599)]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    loss = run.frame[run.frame["metric"] == "loss"]
    assert loss["step"].tolist() == [299, 599, 903, 1203, 1507, 1807]
    # "warmup_steps: 500" in a config is still no position.
    config = tmp_path / "config.log"
    config.write_text("warmup_steps: 500\n" + "".join(
        f"step {i}: loss {1 / i:.4f}\n" for i in range(1, 6)))
    (run,) = load_runs(config).runs
    assert sorted(set(run.frame["step"])) == list(range(1, 6))


def test_a_pointnet_log_train_is_read(tmp_path: Path) -> None:
    # PointNet's log_train.txt: "**** EPOCH 000 ****", running "mean loss:" / "accuracy:"
    # lines without a position, then "---- EPOCH 000 EVALUATION ----" and "eval mean loss:".
    lines = []
    for epoch in range(6):
        lines += [f"**** EPOCH {epoch:03d} ****", "---------"]
        lines += [f"mean loss: {2 - epoch / 4 - batch / 100:.6f}\naccuracy: 0.{40 + epoch}0000"
                  for batch in range(40)]
        lines += [f"---- EPOCH {epoch:03d} EVALUATION ----",
                  f"eval mean loss: {1.8 - epoch / 5:.6f}", f"eval accuracy: 0.{41 + epoch}",
                  "eval avg class acc: nan", "Model saved in file: log/model.ckpt"]
    log = tmp_path / "log_train.txt"
    log.write_text("\n".join(lines) + "\n")
    assert choose(read_head(log), log).name == "text"
    (run,) = load_runs(log).runs
    diagnosis = diagnose_run(run)
    assert diagnosis.monitored == "val/mean loss"


def coco_summary(ap: float) -> list[str]:
    """pycocotools' COCOeval.summarize() lines, by its own format string, for an AP of ``ap``."""
    form = " {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}"
    rows = [("Average Precision", "(AP)", "0.50:0.95", "all", 100, ap),
            ("Average Precision", "(AP)", "0.50", "all", 100, ap + 0.2),
            ("Average Precision", "(AP)", "0.75", "all", 100, ap - 0.05)]
    rows += [("Average Precision", "(AP)", "0.50:0.95", area, 100, ap / 2)
             for area in ("small", "medium", "large")]
    rows += [("Average Recall", "(AR)", "0.50:0.95", "all", dets, 0.4) for dets in (1, 10, 100)]
    return [form.format(*row) for row in rows]


def test_the_coco_summary_after_an_evaluation_is_val_map(tmp_path: Path) -> None:
    # DETR's console: MetricLogger train and "Test:" lines, then "IoU metric: bbox" and the
    # COCOeval summary. Its AP at IoU 0.50:0.95 and 0.50 are val points at the epoch's end
    # (the names the YOLO fitness knows); "IoU=0.50" was read as an "IoU" series of 0.5s.
    lines = []
    for epoch in range(3):
        lines += [f"Epoch: [{epoch}]  [{i:3d}/128]  eta: 0:00:30  lr: 0.000100  class_error: "
                  f"98.96  loss: {30 - epoch - i / 100:.4f} (40.0)  time: 0.6  data: 0.1"
                  for i in (0, 127)]
        lines += [f"Test:  [3/4]  eta: 0:00:00  class_error: 100.00  loss: {50 - epoch:.4f} "
                  "(56.3321)  time: 0.7  data: 0.1", "Accumulating evaluation results...",
                  "IoU metric: bbox", *coco_summary(0.1 * (epoch + 1))]
    log = tmp_path / "log_directory" / "default.txt"
    log.parent.mkdir()
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    val_map = frame[frame["tag"] == "val mAP50-95"]
    assert val_map["step"].tolist() == [128, 256, 384]
    assert val_map["value"].tolist() == [0.1, 0.2, 0.3]
    assert frame[frame["tag"] == "val mAP50"]["value"].tolist() == [0.3, 0.4, 0.5]
    assert frame[frame["tag"] == "val loss"]["step"].tolist() == [128, 256, 384]
    assert set(frame["tag"]) == {"train loss", "lr", "val loss", "val mAP50-95", "val mAP50",
                                 "val mAP75"}
    # A YOLOX-style line log: the summary after an epoch's last iteration is at that step; a
    # mask evaluation's ("Evaluate annotation type *segm*") is segm_mAP50-95.
    lines = [yolox_line(1, it, 5.0 - it / 10) for it in (10, 20, 30, 40)]
    lines += coco_summary(0.25) + ["Evaluate annotation type *segm*"] + coco_summary(0.2)
    lines += [yolox_line(2, it, 4.0 - it / 10) for it in (10, 20, 30, 40)]
    yolox = tmp_path / "train_log.txt"
    yolox.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(yolox).runs
    frame = run.frame
    assert frame[frame["tag"] == "val mAP50-95"][["step", "value"]].values.tolist() == [[40, 0.25]]
    assert frame[frame["tag"] == "val segm_mAP50-95"]["value"].tolist() == [0.2]


def test_a_count_in_brackets_after_the_epoch_gives_global_steps(tmp_path: Path) -> None:
    # PyTorch's MNIST example (pytorch/examples mnist/main.py, copied into countless repos)
    # prints "Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}" every 10 batches, the count in
    # samples, then "\nTest set: Average loss: ..., Accuracy: {}/{} ({:.0f}%)\n". Every train
    # point of an epoch was at the step of the epoch (9 of 10 lost to the last one written).
    lines = []
    for epoch in range(1, 4):
        for batch in range(0, 938, 100):
            lines.append("Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}".format(
                epoch, batch * 64, 60000, 100.0 * batch / 938, 2.3 / (epoch + batch / 500)))
        lines.append("\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n".format(
            0.1 / epoch, 9800 + epoch, 10000, 98.0))
    log = tmp_path / "mnist.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["step"].tolist()[:3] == [0, 6400, 12800] and len(train) == 30
    assert train["step"].tolist()[10] == 60000  # epoch 2's first: (2 - 1) x 60000 + 0
    test = frame[(frame["split"] == "test") & (frame["metric"] == "average loss")]
    assert test["step"].tolist() == [57600, 117600, 177600]
    # "epoch : 0 [5/21279] Train loss: ..." (a batch counter inside one long epoch).
    lines = [f"epoch : 0 [{i}/21279] Train loss: {8 / (i + 1):.5f},Valid loss: {8 / i:.5f}, "
             f"time : 10.6 lr : 1" for i in range(1, 9)]
    log = tmp_path / "log_train.txt"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    assert sorted(set(run.frame["step"])) == list(range(1, 9))


def test_a_split_and_its_epoch_opening_a_line_position_it(tmp_path: Path) -> None:
    # DGCNN's main.py (WangYue01/dgcnn and its forks) prints "Train %d, loss: %.6f, train acc:
    # %.6f, train avg acc: %.6f" and "Test %d, loss: %.6f, test acc: %.6f, test avg acc: %.6f"
    # per epoch: the number after the split is the epoch, and the bare loss is that split's.
    lines = []
    for epoch in range(6):
        lines.append("Train %d, loss: %.6f, train acc: %.6f, train avg acc: %.6f"
                     % (epoch, 2.6 / (epoch + 1), 0.45 + epoch / 20, 0.24 + epoch / 20))
        lines.append("Test %d, loss: %.6f, test acc: %.6f, test avg acc: %.6f"
                     % (epoch, 2.0 / (epoch + 1), 0.5 + epoch / 20, 0.3 + epoch / 20))
    log = tmp_path / "run.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    test = frame[(frame["split"] == "test") & (frame["metric"] == "loss")]
    assert test["step"].tolist() == list(range(6)) and test["value"].tolist()[1] == 1.0
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["value"].tolist()[:2] == [2.6, 1.3]


def test_a_batch_in_brackets_after_the_epochs_is_a_count_within_it(tmp_path: Path) -> None:
    # SwAV's logger (facebookresearch/swav main_swav.py): "INFO - 09/02/20 14:19:41 - 0:02:03 -
    # Epoch: [0][50]\tTime 2.376 (1.927)\tData 0.000 (0.014)\tLoss 4.2079 (4.2377)\tLr: 0.0019",
    # the batch with no total. Every point of an epoch had been at the epoch's step.
    lines = [f"INFO - 09/02/20 14:19:41 - 0:02:03 - Epoch: [{epoch}][{batch}]\tTime 2.376 "
             f"(1.927)\tData 0.000 (0.014)\tLoss {4.3 - epoch / 10 - batch / 1000:.4f} (4.2377)"
             f"\tLr: 0.0019" for epoch in range(3) for batch in (0, 50, 100)]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    loss = run.frame[run.frame["metric"] == "loss"]
    assert loss["step"].tolist() == [0, 50, 100, 101, 151, 201, 202, 252, 302]
    assert loss["epoch"].tolist()[3] == 1.0


def test_a_detectron2_log_gives_its_evaluations_and_not_its_config(tmp_path: Path) -> None:
    # Detectron2's log: its yacs config printed first ("  FOCAL_LOSS_ALPHA: 0.25" under
    # "TEST:", "# LR reduced at the 28 epoch" comments), "eta: ... iter: 19  total_loss: 156.1
    # loss_cls: 144.7 ... lr: 2.5e-05" every 20 iterations, the evaluator's progress ("Eval:
    # 0.0002 s/iter", a clock) and its results as "copypaste:" lines (AP in percent).
    head = ["[11/16 02:58:06] detectron2 INFO: Running with full config:", "SOLVER:",
            "  # LR reduced at the 28 epoch and 34 epoch, end at 37 epoch.", "  BASE_LR: 0.004",
            "TEST:", "  EVAL_PERIOD: 500", "  FOCAL_LOSS_ALPHA: 0.25", "  LOSS_WEIGHT: 1.0"]
    lines = []
    for it in range(19, 1000, 20):
        lines.append(f"[11/16 02:58:32] d2.utils.events INFO:  eta: 3:30:43  iter: {it}  "
                     f"total_loss: {2 - it / 1000:.4g}  loss_cls: 0.2251  time: 0.6774  "
                     f"data_time: 0.3745  lr: 2.5373e-05  max_mem: 11810M")
        if it % 500 == 479:
            lines += ["[11/16 03:04:05] d2.evaluation.evaluator INFO: Inference done 11/3334. "
                      "Dataloading: 0.0011 s/iter. Inference: 0.0501 s/iter. Eval: 0.0002 "
                      "s/iter. Total: 0.0514 s/iter. ETA=0:02:50"]
            lines += [f"[11/16 03:06:55] d2.evaluation.testing INFO: copypaste: {text}" for text
                      in ("Task: bbox", "AP,AP50,AP75,APs,APm,APl",
                          f"{it / 100:.4f},45.7,0.1,0.0,0.6,1.1")]
    log = tmp_path / "log.txt"
    log.write_text("\n".join(head + lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    assert set(frame["tag"]) == {"total_loss", "loss_cls", "lr", "val mAP50-95", "val mAP50",
                                 "val mAP75"}
    val = frame[frame["tag"] == "val mAP50-95"]
    assert val["step"].tolist() == [479, 979] and val["value"].tolist() == [4.79, 9.79]


def test_a_value_with_a_unit_of_time_is_a_clock(tmp_path: Path) -> None:
    # "Epoch 1: train=1025s, val=0.5s, loss=0.41" (how long each took): a bare split name is
    # its loss, but not a number of seconds.
    lines = [f"Epoch {e}: train={1000 + e}s, val=0.5s, loss={1 / e:.3f}, Eval: 0.0002 s/iter"
             for e in range(1, 6)]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    assert set(run.frame["tag"]) == {"loss"} and len(run.frame) == 5


def test_a_paddle_fit_log_gives_its_evaluations_as_val(tmp_path: Path) -> None:
    # PaddlePaddle's Model.fit (paddle.hapi, verbose 2): "Epoch 1/10", "step 10/614 - loss:
    # 0.1637 - acc: 0.52 - 205ms/step" lines, then "Eval begin...", the evaluation's own "step
    # 10/88 - loss: ..." lines and "Eval samples: 11219". The last evaluation line is the
    # epoch's val values; they had been read as its train values.
    lines = []
    for epoch in range(1, 4):
        lines.append(f"Epoch {epoch}/3")
        lines += [f"step {step:3d}/614 - loss: {0.5 / epoch - step / 10000:.4f} - acc: "
                  f"0.{60 + epoch} - 205ms/step" for step in (10, 300, 614)]
        lines += ["save checkpoint at /home/aistudio/save/0", "Eval begin..."]
        lines += [f"step {step}/88 - loss: {0.3 / epoch + step / 1000:.4f} - acc: 0.{70 + epoch}"
                  f" - 98ms/step" for step in (10, 88)]
        lines.append("Eval samples: 11219")
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert val["value"].round(4).tolist() == [0.388, 0.238, 0.188]
    assert train["value"].round(4).tolist() == [0.4386, 0.1886, 0.1053]


def test_a_dataset_and_split_before_a_dotted_metric_name_it(tmp_path: Path) -> None:
    # A shadow detector's log: "[batch 50/152, epoch 1/15]: loss_rmse:0.12 ...", then under
    # "Scores:" one metric a line, "\tFSD_test.ber:3.8388" (balanced error rate, lower is
    # better) and "\tFSD_test.acc:0.9591". The accuracy had been read as a train accuracy.
    lines = []
    for epoch in range(1, 5):
        lines += [f"2025-11-19 11:16:42,577 - ShadowDet - INFO - [batch {b}/152, epoch {epoch}"
                  f"/15]: loss_rmse:{0.2 / epoch:.4f} loss_inv:0.0129" for b in (50, 150)]
        lines += ["2025-11-19 11:17:46,276 - ShadowDet - INFO - Scores:", "=" * 47,
                  f"\tFSD_test.ber:{4 - epoch / 2}", f"\tFSD_test.acc:{0.95 + epoch / 100}",
                  "=" * 47]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    assert set(frame[frame["split"] == "test"]["metric"]) == {"ber", "accuracy"}
    assert "accuracy" not in set(frame[frame["split"] == "train"]["metric"])


def fairseq_lines(epoch: int, updates: int, loss: float, prefix: bool) -> list[str]:
    """One epoch of fairseq's ``simple`` log, in its progress bar's formats (``name=value``
    pairs every log interval, ``| name value`` segments for the validation and the epoch's
    averages), with the logging prefix fairseq >= 0.10 prints or without it (0.9)."""
    def head(logger: str) -> str:
        return f"2023-06-13 17:31:08 | INFO | {logger} | " if prefix else "| "

    inner = [f"{head('train_inner')}epoch {epoch:03d}:    {k} / 282 loss={loss + k / 1000:.3f}, "
             f"nll_loss={loss - 1:.3f}, ppl=8.86, wps=72384.3, ups=1.21, wpb=59997.9, "
             f"bsz=2186.3, num_updates={updates - 282 + k}, lr=0.000157917, gnorm=0.489, "
             f"clip=0, loss_scale=32768, train_wall=48, wall=0" for k in (100, 200)]
    valid = (f"{head('valid')}epoch {epoch:03d} | valid on 'valid' subset | loss {loss + 1:.3f} "
             f"| nll_loss {loss:.3f} | ppl 6550.94 | bleu {20 + epoch:.2f} | wps 88225 | wpb "
             f"21176.3 | bsz 666.3 | num_updates {updates} | best_bleu {20 + epoch:.2f}")
    average = (f"{head('train')}epoch {epoch:03d} | loss {loss:.3f} | nll_loss 1.23 | ppl 8.82 | "
               f"wps 106814 | num_updates {updates} | lr 0.00015753 | gnorm 0.485 | wall 0")
    return inner + [valid, average]


@pytest.mark.parametrize("prefix", [True, False])
def test_a_fairseq_log_gives_train_and_val_at_its_updates(tmp_path: Path, prefix: bool) -> None:
    # fairseq's train.log: the validation line had been read as train points, all four lines
    # of an epoch at the epoch's index.
    lines = ["2023-06-13 17:29:55 | INFO | fairseq.trainer | begin training epoch 1"]
    for epoch in range(1, 6):
        lines += fairseq_lines(epoch, 282 * epoch, 6 - epoch / 2, prefix)
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    val = frame[frame["tag"] == "val loss"]
    assert val["step"].tolist() == [282, 564, 846, 1128, 1410]
    assert val["value"].tolist() == [6.5, 6.0, 5.5, 5.0, 4.5]
    train = frame[frame["tag"] == "train loss"]  # the intervals', not the epochs' averages
    assert train["step"].tolist()[:4] == [100, 200, 382, 482]
    assert set(frame["metric"]) >= {"bleu", "grad_norm", "learning_rate", "perplexity"}
    assert not set(frame["metric"]) & {"wps", "num_updates", "best_bleu", "loss_scale"}
    # Without interval lines (a log interval longer than an epoch) the averages are train's.
    averages = tmp_path / "averages" / "train.log"
    averages.parent.mkdir()
    averages.write_text("\n".join(line for line in lines if "train_inner" not in line
                                  and " / 282 " not in line) + "\n")
    (run,) = load_runs(averages).runs
    train = run.frame[run.frame["tag"] == "train loss"]
    assert train["step"].tolist() == [282, 564, 846, 1128, 1410]


def test_measures_at_a_cut_off_are_read_with_their_split(tmp_path: Path) -> None:
    # Retrieval and recommender logs: "Validation | R@1: 0.93 | R@5: 0.97" and "HR@10: 0.51
    # NDCG@10: 0.29" after a clock with its unit ("time=20.8s"); none of them had been read
    # (the "@" was no name character), and the split before a "|" named nothing.
    lines = []
    for epoch in range(1, 7):
        lines += [f"[2026-01-20 12:27:36] INFO: Epoch {epoch} | Batch 100/100 | Loss: "
                  f"{1 / epoch:.4f}",
                  f"[2026-01-20 12:27:37] INFO: Validation | R@1: {0.5 + epoch / 20:.4f} | "
                  f"R@5: {0.7 + epoch / 40:.4f} | mAP@.5:.95: 0.{20 + epoch}",
                  f"Epoch {epoch:4d}/200  loss={1 / epoch:.4f}  time=20.8s  HR@10: 0.{50 + epoch}"
                  f"  NDCG@10: 0.{20 + epoch}"]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    r1 = frame[(frame["split"] == "val") & (frame["metric"] == "r@1")]
    assert r1["value"].tolist() == [0.55, 0.6, 0.65, 0.7, 0.75, 0.8]
    assert {"r@5", "map@.5:.95", "hr@10", "ndcg@10"} <= set(frame["metric"])
    assert not any(metric.startswith("s ") for metric in frame["metric"])
    assert diagnose_run(run).monitored == "val/r@1"


def test_an_iteration_after_its_epoch_out_of_a_total_counts_within_it(tmp_path: Path) -> None:
    # awesome-semantic-segmentation-pytorch and Fast-SCNN: "Epoch: [ 2/200] Iter [  20/1487] ||
    # Time: ... || lr: ... || Loss: 0.45". The iteration restarts every epoch; every epoch's
    # points had landed on the same 1..1487 steps.
    lines = [f"2020-01-01 10:00:00,123 Fast-SCNN INFO: Epoch: [{epoch:2d}/200] Iter [{it:4d}/1487]"
             f" || Time: 1.2 sec || lr: 0.045 || Loss: {1 / (epoch + it / 100):.4f}"
             for epoch in (1, 2, 3) for it in (10, 20, 30)]
    log = tmp_path / "train.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    loss = run.frame[run.frame["metric"] == "loss"]
    assert loss["step"].tolist() == [10, 20, 30, 1497, 1507, 1517, 2984, 2994, 3004]
    assert loss["epoch"].tolist() == [1.0] * 3 + [2.0] * 3 + [3.0] * 3


def test_an_iteration_within_an_epoch_counted_from_zero_starts_at_zero() -> None:
    # The public Fast-SCNN console (SOURCE.txt; its first 3,500 lines) counts its epochs from
    # 0: "Epoch: [ 0/200] Iter [  10/1487]". Its first points had been at step -1477.
    (run,) = load_runs(DATA / "public" / "text-fastscnn-cuber-wei" / "train.log").runs
    loss = run.frame[run.frame["metric"] == "loss"]
    assert loss["step"].tolist()[:2] == [10, 20]
    assert loss["step"].tolist()[-1] == 23 * 1487 + 799
    assert loss["epoch"].tolist()[0] == 0.0


def test_a_line_without_a_position_after_trainer_dicts_is_at_the_last_one(tmp_path: Path) -> None:
    # A fine-tune's console: "[BASE] eval_loss=85.1" before trainer.train(), the Trainer's
    # dicts, then "[FINAL] eval_loss=3.0258" after it. Both printed lines had been at step 0,
    # the final one overwriting the base: the val loss read as flat from its first evaluation.
    lines = ["[BASE] eval_loss=85.1189 | ppl=9260842151569.00"]
    for k in range(1, 7):
        lines.append(f"{{'loss': {4 / k:.4f}, 'grad_norm': 1.2, 'learning_rate': 5e-05, "
                     f"'epoch': {k / 2}}}")
        lines.append(f"{{'eval_loss': {3 + 1 / k:.4f}, 'eval_runtime': 12.5, 'epoch': {k / 2}}}")
    lines.append("[FINAL] eval_loss=3.0258 | ppl=20.61")
    log = tmp_path / "output.log"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    val = run.frame[(run.frame["split"] == "val") & (run.frame["metric"] == "loss")]
    steps = val["step"].tolist()
    assert val["value"].tolist()[0] == 85.1189 and steps[0] == 0
    assert val["value"].tolist()[-1] == 3.0258 and steps[-1] == max(steps) > 0


def test_a_heading_names_the_positioned_line_right_under_it(tmp_path: Path) -> None:
    # A Paddle tutorial's console: "testing in eval mode……" then "epoch: 1,  loss is: 0.58,
    # acc is: 0.80" (the evaluation), and "Now continue training……" before the next epoch's
    # train line: both lines had been read as train points. A config's "TEST:" key with other
    # keys under it names nothing for the training line that comes later.
    lines = ["TEST:", "  BASE_SIZE: 960", "  BATCH_SIZE_PER_GPU: 4"]
    for epoch in range(4):
        lines += [f"epoch: {epoch},  loss is: {0.6 / (epoch + 1):.3f}, acc is: 0.{80 + epoch}",
                  "testing in eval mode……",
                  f"epoch: {epoch},  loss is: {0.7 / (epoch + 1):.3f}, acc is: 0.{70 + epoch}",
                  "Now continue training……"]
    log = tmp_path / "training_log.txt"
    log.write_text("\n".join(lines) + "\n")
    (run,) = load_runs(log).runs
    frame = run.frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert val["value"].tolist() == [0.7, 0.35, 0.233, 0.175]
    assert train["value"].tolist() == [0.6, 0.3, 0.2, 0.15]
    assert "test" not in set(frame["split"])
