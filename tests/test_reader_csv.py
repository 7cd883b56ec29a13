"""CSV-shaped logs: TB UI exports, Lightning, Keras, YOLO, long and wide CSVs.

Real fixtures are counted independently with the ``csv`` module; nasty cases are written
with the real ``csv`` writer into tmp_path.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from importlib import import_module
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, SAMPLE_LOGS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curvecli import frame, load_runs
from curvecli.analysis.diagnose import diagnose_run
from curvecli.errors import CurveError, FormatError
from curvecli.frame import Points
from curvecli.readers import REGISTRY, choose, csv_logs
from curvecli.readers.base import read_head
from curvecli.readers.csv_logs import (
    KerasReader,
    LightningReader,
    LongCsvReader,
    TensorBoardExportReader,
    WideCsvReader,
    YoloReader,
    export_tag,
)

FIXTURES = DATA / "csv"
MISSING = ("", "NA")
CSV_READERS = (
    TensorBoardExportReader(),
    LightningReader(),
    KerasReader(),
    YoloReader(),
    LongCsvReader(),
    WideCsvReader(),
)


def detect(path: Path) -> str | None:
    """The name of the reader the registry picks; registry order over the modules that exist."""
    head = read_head(path)
    try:
        reader = choose(head, path)
        return reader.name if reader else None
    except ImportError:
        pass
    available = []
    for entry in REGISTRY:
        module_name, _, class_name = entry.partition(":")
        try:
            module = import_module(f"curvecli.readers.{module_name}")
        except ImportError:
            continue
        available.append(getattr(module, class_name)())
    for reader in available:
        if reader.claims_name(path):
            return reader.name
    for reader in available:
        if reader.sniff(head, path):
            return reader.name
    return None


def count_cells(path: Path, skip: set[str]) -> Counter:
    """Independent count: filled cells per column, read with the csv module."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = [name.strip() for name in rows[0]]
    counts: Counter = Counter()
    for row in rows[1:]:
        for name, cell in zip(header, row):
            if name not in skip and cell.strip() not in MISSING:
                counts[name] += 1
    return counts


def by_reader(path: Path, name: str) -> Points:
    return next(reader for reader in CSV_READERS if reader.name == name).read(path)


def check_schema(points: Points) -> None:
    table = points.table
    assert list(table.columns[:5]) == list(frame.POINT_COLUMNS)
    assert str(table["step"].dtype) == "int64"
    assert str(table["value"].dtype) == "float64"
    frame.validate(frame.build_frame(table, "run", "csv"))


# (fixture file, reader, columns that are not tags)
WIDE_FIXTURES = [
    *[(p, "lightning", {"step", "epoch"}) for p in sorted(FIXTURES.glob("lightning-*/**/*.csv"))],
    *[
        (p, "keras", {"epoch"})
        for p in sorted(FIXTURES.glob("keras-*/*.log"))
        if p.stat().st_size
    ],
    *[(p, "yolo", {"epoch"}) for p in sorted(FIXTURES.glob("csv-yolo*/**/results.csv"))],
    (FIXTURES / "csv-resnet50-plant-disease-ktrl-alt-defeat/logs/metrics.csv", "csv",
     {"epoch", "is_best"}),
]


@pytest.mark.parametrize(
    "path, reader, skip",
    WIDE_FIXTURES,
    ids=[str(path.relative_to(FIXTURES)) for path, _, _ in WIDE_FIXTURES],
)
def test_real_wide_files_keep_every_filled_cell(path: Path, reader: str, skip: set) -> None:
    assert detect(path) == reader
    points = by_reader(path, reader)
    check_schema(points)
    assert Counter(points.table["tag"].astype(str)) == count_cells(path, skip)


TB_EXPORTS = sorted(FIXTURES.glob("tbcsv-*/**/*.csv")) + sorted(FIXTURES.glob("tbcsv-*/*.json"))


@pytest.mark.parametrize("path", TB_EXPORTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_real_tensorboard_exports(path: Path) -> None:
    assert detect(path) == "tensorboard_export"
    points = TensorBoardExportReader().read(path)
    check_schema(points)
    if path.suffix == ".json":
        expected = len(json.loads(path.read_text()))
    else:
        expected = sum(count_cells(path, {"Wall time", "Step"}).values())
    assert len(points.table) == expected
    assert points.table["tag"].nunique() == 1


def test_tensorboard_export_tags_come_from_file_names() -> None:
    spectral = FIXTURES / "tbcsv-spectral-cnn-csepreghy/cnn"
    tags = {export_tag(path)[0] for path in spectral.glob("*.csv")}
    assert tags == {"train_loss", "train_accuracy", "validation_loss", "validation_accuracy"}
    wrn = FIXTURES / "tbcsv-wrn-age-gender-brunogomes97/run-.-tag-val_pred_age_loss.csv"
    assert export_tag(wrn) == ("val_pred_age_loss", "")


def test_tensorboard_export_values_as_written() -> None:
    folder = FIXTURES / "tbcsv-attention-ocr-shahariarrabby"
    from_csv = TensorBoardExportReader().read(folder / "run-.-tag-loss.csv").table
    from_json = TensorBoardExportReader().read(folder / "run-.-tag-loss.json").table
    first = from_csv.iloc[0]
    assert (first["tag"], first["step"]) == ("loss", 43)
    assert first["wall_time"] == 1575618724.7046697
    assert first["value"] == 2.8416740894317627
    # File order is kept even where the export's steps go backwards (95 -> 68).
    assert from_csv["step"].tolist()[:5] == [43, 46, 72, 95, 68]
    assert np.array_equal(from_csv["value"], from_json["value"])
    assert np.array_equal(from_csv["step"], from_json["step"])


def test_browser_mangled_and_run_named_exports(tmp_path: Path) -> None:
    rows = [["Wall time", "Step", "Value"], [1.5e9, 0, 0.9], [1.5e9 + 1, 10, 0.7]]
    for name in ("run_.-tag-loss.csv", "run-validation-tag-epoch_loss.csv", "run-.-tag-mAP_0.5"):
        with open(tmp_path / name, "w", newline="") as handle:
            csv.writer(handle).writerows(rows)
    assert export_tag(tmp_path / "run_.-tag-loss.csv") == ("loss", "")
    assert export_tag(tmp_path / "run-.-tag-mAP_0.5") == ("mAP_0.5", "")
    table = TensorBoardExportReader().read(tmp_path / "run-validation-tag-epoch_loss.csv").table
    assert table["context"].tolist() == ["validation", "validation"]
    built = frame.build_frame(table, "r", "tensorboard")
    assert frame.series_names(built) == ["val/loss"]


def test_sibling_prefix_needs_two_exports(tmp_path: Path) -> None:
    for name in ("model-train_loss.csv", "model-train_acc.csv", "notes.csv"):
        with open(tmp_path / name, "w", newline="") as handle:
            writer = csv.writer(handle)
            if name == "notes.csv":
                writer.writerows([["a", "b"], [1, 2]])
            else:
                writer.writerows([["Wall time", "Step", "Value"], [1.0, 0, 0.5]])
    # The cut stops at the last dash, so the split word stays in the tag.
    assert export_tag(tmp_path / "model-train_loss.csv") == ("train_loss", "")
    (tmp_path / "model-train_acc.csv").unlink()
    alone = tmp_path / "fresh"
    alone.mkdir()
    (tmp_path / "model-train_loss.csv").rename(alone / "model-train_loss.csv")
    assert export_tag(alone / "model-train_loss.csv") == ("model-train_loss", "")


def test_lightning_sparse_rows_values_and_order() -> None:
    path = FIXTURES / "lightning-opal-v2-eve-ning/lightning_logs/version_0/metrics.csv"
    table = LightningReader().read(path).table
    head = table.head(3)
    assert head["tag"].tolist() == ["lr-Adam", "train/nll_loss", "lr-Adam"]
    assert head["step"].tolist() == [49, 49, 99]
    assert math.isnan(head["epoch"].iloc[0]) and head["epoch"].iloc[1] == 0.0
    assert head["value"].iloc[0] == 0.00328141592920354
    gesture = FIXTURES / "lightning-gesture-mlp-kleinschock/lightning_logs/version_0/metrics.csv"
    table = LightningReader().read(gesture).table
    assert table.iloc[0][["tag", "step"]].tolist() == ["train_loss_step", 9]
    assert table.iloc[0]["value"] == 1.678262710571289


def test_lightning_odd_columns_and_hp_metric(tmp_path: Path) -> None:
    odd = FIXTURES / "lightning-lstm-oddcols-diogoferreira7/lightning_logs/version_2/metrics.csv"
    table = LightningReader().read(odd).table
    assert table["tag"].astype(str).tolist()[:3] == [
        "train_loss", "out_tensor([0.])", "out_tensor([1.])"
    ]
    assert table.iloc[0][["step", "epoch"]].tolist() == [49, 24.0]
    path = tmp_path / "metrics.csv"
    # Columns by name, not position: step last, hp_metric kept.
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, ["val_loss", "hp_metric", "epoch", "step"])
        writer.writeheader()
        writer.writerow({"val_loss": 0.5, "hp_metric": 0.5, "epoch": 0, "step": 99})
    assert detect(path) == "lightning"
    table = LightningReader().read(path).table
    assert table[["tag", "step", "epoch", "value"]].values.tolist() == [
        ["val_loss", 99, 0.0, 0.5], ["hp_metric", 99, 0.0, 0.5]
    ]


def test_keras_values_epochs_and_twin_context() -> None:
    path = FIXTURES / "keras-brats-segmentation-4hmetcakmak/training.log"
    table = KerasReader().read(path).table
    first = table[table["step"] == 0]
    assert first["tag"].tolist()[:4] == ["accuracy", "dice_coef", "loss", "lr"]
    assert first["value"].iloc[0] == 0.9847438335418701
    assert (table["epoch"] == table["step"]).all()
    context = dict(zip(first["tag"], first["context"]))
    assert context["dice_coef"] == "train" and context["lr"] == "" and context["val_loss"] == ""
    named = frame.series_names(frame.build_frame(table, "r", "keras"))
    assert "train/dice_coef" in named and "val/dice_coef" in named and "learning_rate" in named


def test_empty_keras_log_is_a_format_error() -> None:
    path = FIXTURES / "keras-empty-log-braincnn-amineechraibi/training.log"
    for reader in CSV_READERS:
        with pytest.raises(FormatError, match="empty file"):
            reader.read(path)


def test_a_yolo_run_validated_only_at_its_last_epoch_has_no_zero_evaluations() -> None:
    # A public YOLOv8 run trained with val=False (SOURCE.txt): every val loss and mAP is 0 for
    # epochs 1-39 and real at epoch 40, when Ultralytics validates once. The zeros are no
    # evaluations (read as written, a detector that learned nothing in 39 epochs).
    (log,) = load_runs(DATA / "public" / "yolo-motion-pred-1katana").runs
    frame = log.frame
    validation = frame["tag"].astype(str).str.startswith(("val/", "metrics/"))
    assert set(frame.loc[validation, "step"]) == {40}
    assert (frame.loc[validation, "value"] != 0).all()
    assert frame.loc[frame["tag"] == "train/box_loss", "step"].tolist() == list(range(1, 41))
    assert any("val=False" in warning for warning in log.warnings)
    report = diagnose_run(log)
    assert report.verdict == "still_improving"


def test_a_yolo_run_whose_validation_stayed_zero_keeps_its_zeros(tmp_path: Path) -> None:
    # An empty label set gives a mAP of 0 at every validation, the last too: measurements.
    rows = ["epoch,train/box_loss,metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss"]
    rows += [f"{epoch},{2.0 - epoch / 10:.2f},0,0,0" for epoch in range(1, 6)]
    (tmp_path / "results.csv").write_text("\n".join(rows) + "\n")
    (log,) = load_runs(tmp_path).runs
    mAP = log.frame[log.frame["tag"] == "metrics/mAP50(B)"]
    assert mAP["step"].tolist() == [1, 2, 3, 4, 5]


def test_yolo_padded_values() -> None:
    path = FIXTURES / "csv-yolov8-results-fire-smoke-abonia1/train/results.csv"
    table = YoloReader().read(path).table
    assert table.iloc[0][["tag", "step", "value"]].tolist() == ["train/box_loss", 0, 1.6878]
    assert table["step"].max() == 24


def test_wide_plant_disease_uses_epoch_and_skips_flags() -> None:
    path = FIXTURES / "csv-resnet50-plant-disease-ktrl-alt-defeat/logs/metrics.csv"
    points = WideCsvReader().read(path)
    assert points.meta["x"] == "epoch"
    assert points.table.iloc[0][["tag", "step", "epoch", "value"]].tolist() == [
        "train_loss", 1, 1.0, 1.261347
    ]
    assert any("is_best" in warning for warning in points.warnings)


# --------------------------------------------------------------------------- nasty files


@pytest.fixture(params=["pandas", "pyarrow"])
def engine(request, monkeypatch) -> str:
    """Run a test through both CSV readings: pandas' C engine alone, and pyarrow for the
    plain files (the default when pyarrow is installed)."""
    monkeypatch.setattr(csv_logs, "USE_PYARROW", request.param == "pyarrow")
    return request.param


def write_csv(path: Path, rows: list, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


KERAS_ROWS = [["epoch", "loss", "val_loss"], [0, 0.9, 1.0], [1, 0.7, "NA"], [2, 0.5, 0.8]]


@pytest.mark.parametrize(
    "encoding, delimiter",
    [("utf-8-sig", ","), ("utf-8", ";"), ("utf-8", "\t"), ("latin-1", ",")],
)
def test_keras_dialects(tmp_path: Path, engine: str, encoding: str, delimiter: str) -> None:
    path = write_csv(tmp_path / "training.log", KERAS_ROWS, encoding, delimiter)
    assert detect(path) == "keras"
    table = KerasReader().read(path).table
    assert table[["tag", "step", "value"]].values.tolist() == [
        ["loss", 0, 0.9], ["val_loss", 0, 1.0], ["loss", 1, 0.7],
        ["loss", 2, 0.5], ["val_loss", 2, 0.8],
    ]


def test_latin1_header_and_decimal_comma(tmp_path: Path, engine: str) -> None:
    path = write_csv(
        tmp_path / "log.csv", [["step", "précision"], [1, 0.5]], encoding="latin-1"
    )
    points = WideCsvReader().read(path)
    assert points.table["tag"].tolist() == ["précision"]
    assert any("latin-1" in warning for warning in points.warnings)
    path = write_csv(tmp_path / "eu.csv", [["epoch", "loss"], [0, "0,5"], [1, "0,25"]],
                     delimiter=";")
    assert WideCsvReader().read(path).table["value"].tolist() == [0.5, 0.25]


def test_nan_and_inf_are_points_na_and_empty_are_not(tmp_path: Path, engine: str) -> None:
    rows = [["epoch", "step", "train_loss", "val_loss"]]
    cells = ["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "NA", "", "1.5"]
    rows += [[0, step, cell, ""] for step, cell in enumerate(cells)]
    path = write_csv(tmp_path / "metrics.csv", rows)
    assert (csv_logs._load(path).numbers is not None) == (engine == "pyarrow")
    points = LightningReader().read(path)
    assert points.warnings == []
    values = points.table["value"].tolist()
    assert points.table["step"].tolist() == [0, 1, 2, 3, 4, 5, 8]
    assert [str(v) for v in values] == ["nan", "nan", "inf", "-inf", "inf", "-inf", "1.5"]


def test_blanks_around_numbers_and_their_spellings_are_ignored(tmp_path: Path,
                                                               engine: str) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(b"step,loss\n0,-inf \n1, inf\n2,nan \n3,1.5 \n4,\t-Infinity\n5,2\n")
    points = WideCsvReader().read(path)
    assert points.warnings == []
    assert points.table["step"].tolist() == [0, 1, 2, 3, 4, 5]
    assert [str(v) for v in points.table["value"]] == ["-inf", "inf", "nan", "1.5", "-inf", "2.0"]


def test_junk_cells_are_parsed_or_warned(tmp_path: Path, engine: str) -> None:
    rows = [["step", "loss", "time"], [1, "1,234", "0.5s"], [2, "abc", "1.5 s"], [3, 7, "2s"]]
    path = write_csv(tmp_path / "log.csv", rows)
    points = WideCsvReader().read(path)
    loss = points.table[points.table["tag"] == "loss"]
    assert loss[["step", "value"]].values.tolist() == [[1, 1234.0], [3, 7.0]]
    time = points.table[points.table["tag"] == "time"]
    assert time["value"].tolist() == [0.5, 1.5, 2.0]
    text = " ".join(points.warnings)
    assert "'abc'" in text and "'1,234'" in text and "'0.5s'" in text


def test_ragged_rows_keep_what_parses(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "log.csv"
    path.write_text("step,a,b\n0,1,2\n1,3\n2,4,5,6\n3,7,8\n4,9")
    points = WideCsvReader().read(path)
    assert points.table[["tag", "step", "value"]].values.tolist() == [
        ["a", 0, 1.0], ["b", 0, 2.0], ["a", 1, 3.0], ["a", 3, 7.0], ["b", 3, 8.0]
    ]
    text = " ".join(points.warnings)
    assert "more fields" in text and "fewer fields" in text and "truncated" in text


def test_header_only_gives_no_points_and_a_warning(tmp_path: Path, engine: str) -> None:
    path = write_csv(tmp_path / "metrics.csv", [["epoch", "step", "train_loss"]])
    points = LightningReader().read(path)
    assert len(points.table) == 0 and "header only" in " ".join(points.warnings)
    check_schema(points)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n", "LFS"),
        (b"", "empty"),
        (b"\n\n\n", "header"),
    ],
)
def test_pointer_and_empty_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "metrics.csv"
    path.write_bytes(content)
    assert detect(path) in ("csv", None)
    for reader in CSV_READERS:
        with pytest.raises(FormatError, match=message):
            reader.read(path)


def test_long_csv(tmp_path: Path) -> None:
    rows = [["run", "step", "tag", "value", "wall_time"], ["a", 0, "loss", 1.0, 1.5e9],
            ["a", 0, "1", "nan", 1.5e9], ["b", 5, "val/loss", 2.0, ""], ["b", 6, "", 3.0, ""]]
    path = write_csv(tmp_path / "long.csv", rows)
    assert detect(path) == "csv_long"
    points = LongCsvReader().read(path)
    table = points.table
    assert table["tag"].tolist() == ["loss", "1", "val/loss"]
    assert table["run"].tolist() == ["a", "a", "b"]
    assert math.isnan(table["value"].iloc[1]) and table["step"].tolist() == [0, 0, 5]
    assert "without a tag" in " ".join(points.warnings)


def test_a_long_csv_split_column_names_the_split_of_its_rows(tmp_path: Path) -> None:
    # A public long CSV (tests/data/csv, SOURCE.txt): `epoch,split,metric,value`, a train and
    # a val loss row per epoch. The split column is the rows' split; read without it, both
    # losses were one zigzag train series. A tag that names a split of its own keeps it.
    (run,) = load_runs(FIXTURES / "csv-long-split-lorenz63-sbdeery").runs
    counts = run.frame.groupby(["split", "metric"], observed=True).size().to_dict()
    assert counts == {("train", "loss"): 50, ("val", "loss"): 50}
    rows = [["step", "split", "metric", "value"], [1, "val", "train/loss", 0.5],
            [1, "test", "acc", 0.9], [2, "", "loss", 0.4]]
    points = LongCsvReader().read(write_csv(tmp_path / "long.csv", rows))
    assert points.table["tag"].tolist() == ["train/loss", "test/acc", "loss"]


def test_a_wide_csv_phase_column_names_the_split_of_its_rows(tmp_path: Path) -> None:
    # A public curling detector's train_log.csv (tests/data/csv, SOURCE.txt):
    # "epoch,phase,loss,acc,val_macro_f1,val_f1_curling", a train row then a val row each
    # epoch, two trainings appended. The phase is the row's split: read without it, train and
    # val losses were one zigzag train series (val's 10x jump at epoch 6 hidden in it).
    runs = load_runs(FIXTURES / "csv-phase-rows-curling-alivaezii").runs
    assert [run.run.rsplit("/", 1)[-1] for run in runs] == ["session=1", "session=2"]
    frame = runs[1].frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["step"].tolist() == list(range(1, 8))
    assert val["value"].iloc[5] == pytest.approx(0.031635)
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["value"].tolist()[:2] == pytest.approx([0.003643, 0.001296])
    assert set(frame[frame["split"] == "val"]["metric"]) == {"loss", "accuracy", "macro_f1",
                                                              "f1_curling"}
    # A column named so whose cells are not all split words is no split column.
    rows = [["epoch", "mode", "loss"], [1, "fast", 0.5], [2, "slow", 0.4]]
    points = WideCsvReader().read(write_csv(tmp_path / "modes.csv", rows))
    assert "mode" not in set(points.table["tag"]) and set(points.table["tag"]) == {"loss"}


def test_a_federated_log_is_indexed_by_its_communication_round() -> None:
    # A public federated RUL regressor (SOURCE.txt) logs "round,global_val_mae" for rounds
    # 1-11: the round is the x, not a metric next to the row index.
    (run,) = load_runs(FIXTURES / "csv-federated-rounds-pavana").runs
    assert set(run.frame["metric"]) == {"global_mae"}
    assert run.frame["step"].tolist() == list(range(1, 12))
    assert run.frame["value"].iloc[0] == pytest.approx(2.79180908203125)


@pytest.mark.parametrize(
    "header, x, tags",
    [
        (["global_step", "epoch", "loss"], "global_step", ["loss"]),
        (["iteration", "epoch", "loss"], "epoch", ["iteration", "loss"]),
        (["it", "loss"], "it", ["loss"]),
        (["loss", "acc"], "row index", ["loss", "acc"]),
        (["", "loss", "acc"], "index", ["loss", "acc"]),
        (["Round", "Accuracy"], "Round", ["Accuracy"]),
        (["episode", "reward_mean", "delay_mean"], "episode", ["reward_mean", "delay_mean"]),
        (["Episode", "Total_Reward"], "Episode", ["Total_Reward"]),
        (["", "ep", "train"], "ep", ["train"]),  # a pandas index, then "ep"
    ],
)
def test_wide_x_column_order(tmp_path: Path, header: list, x: str, tags: list) -> None:
    width = len(header)
    path = write_csv(tmp_path / "log.csv", [header, [3, 4, 5][:width], [6, 7, 8][:width]])
    assert detect(path) == "csv"
    points = WideCsvReader().read(path)
    assert points.meta["x"] == x
    assert list(dict.fromkeys(points.table["tag"])) == tags


@pytest.mark.parametrize(
    "text",
    [
        "_step,_runtime,_timestamp,loss\n0,1.0,1700000000,0.5\n",
        "Step,run - loss,run - loss__MIN,run - loss__MAX\n0,1,1,1\n",
        '{"log_history": [{"loss": 1.0, "step": 1}], "global_step": 1}\n',
        "[{\"_step\": 0, \"loss\": 1.0}]\n",
        "lr: 0.001\nbatch_size: 32\n",
    ],
)
def test_csv_readers_leave_other_formats_alone(tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.txt"
    path.write_text(text)
    head = read_head(path)
    assert [reader.name for reader in CSV_READERS if reader.sniff(head, path)] == []


def test_tensorboard_json_sniff(tmp_path: Path) -> None:
    path = tmp_path / "run-.-tag-loss.json"
    path.write_text(json.dumps([[1.5e9, 1, float("nan")], [1.5e9, 2, 0.5], "junk"]))
    assert detect(path) == "tensorboard_export"
    points = TensorBoardExportReader().read(path)
    assert points.table["step"].tolist() == [1, 2]
    assert "1 entr" in " ".join(points.warnings)


# --------------------------------------------------------------------------- pyarrow reading

# Every CSV-shaped real log the tests hold.
REAL_CSVS = sorted(
    path
    for root in (DATA / "csv", DATA / "labelled", SAMPLE_LOGS)
    for path in root.rglob("*")
    if path.is_file() and path.suffix.lower() in (".csv", ".log", ".tsv")
)


def read_with(reader, path: Path, engine: str, monkeypatch) -> Points | str:
    """The reader's points through one engine, or its error message."""
    monkeypatch.setattr(csv_logs, "USE_PYARROW", engine == "pyarrow")
    try:
        return reader.read(path)
    except CurveError as error:
        return str(error)


def assert_same_points(got: Points | str, want: Points | str) -> None:
    if isinstance(want, str) or isinstance(got, str):
        assert got == want
        return
    pd.testing.assert_frame_equal(got.table, want.table, check_exact=True)
    assert got.warnings == want.warnings
    assert got.meta == want.meta


@pytest.mark.parametrize("path", REAL_CSVS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pyarrow_and_pandas_readings_give_identical_points(path: Path, monkeypatch) -> None:
    for reader in CSV_READERS:
        assert_same_points(read_with(reader, path, "pyarrow", monkeypatch),
                           read_with(reader, path, "pandas", monkeypatch))


@pytest.mark.parametrize(
    "path", [path for path, reader, _ in WIDE_FIXTURES if reader in ("lightning", "keras")],
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_real_lightning_and_keras_logs_are_plain_for_pyarrow(path: Path, monkeypatch) -> None:
    monkeypatch.setattr(csv_logs, "USE_PYARROW", True)
    table = csv_logs._load(path)
    assert table.numbers is not None and table.columns == []
    assert table.rows == sum(1 for line in path.read_text().splitlines()[1:] if line.strip())


@pytest.mark.parametrize("content", [
    b"step,loss\n0, 1.5\n1,2\n",           # blanks: pandas strips leading ones only
    b"step,loss\n0,-inf \n1,2\n",          # ... and strips trailing ones itself
    b"step,loss\r0,-inf \r1,2\n",          # (lines that end in CR alone)
    b"step,loss\n0,\t1\n",
    b"step\tloss\n0\t 1\n",
    b'step,loss\n0,"1.5"\n',                # quotes
    b"step,loss\n0,1.5,7\n1,2\n",          # a row with more fields
    b"step,loss\n0\n1,2\n",                # ... and with fewer
    b"step,a,b\n0,1,2\n1,0.",               # (a short last line is cut)
    b"step,loss\n0,abc\n1,2\n",            # junk and repairs
    b"step,loss\n0,1e5_\n1,2\n",
    b"step;loss\n0;0,5\n",                  # decimal comma
    b"step,loss\n0,True\n1,False\n",       # bools are not numbers
    b"step,pr\xe9cision\n0,1\n",           # latin-1
    b"step,loss\n",                         # no data rows
])
def test_pyarrow_declines_what_pandas_reads_differently(
    tmp_path: Path, monkeypatch, content: bytes
) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(content)
    monkeypatch.setattr(csv_logs, "USE_PYARROW", True)
    assert csv_logs._load(path).numbers is None
    reader = WideCsvReader()
    assert_same_points(read_with(reader, path, "pyarrow", monkeypatch),
                       read_with(reader, path, "pandas", monkeypatch))


NUMBER_CELLS = ["nan", "NaN", "-nan", "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e-3",
                "2.5", "-0", "7", "1e400", "0.1234567890123456789"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["", "NA", "1.5"])),
            st.lists(st.sampled_from(NUMBER_CELLS + list(csv_logs.MISSING_TOKENS))
                     | st.floats().map(repr), min_size=3, max_size=3),
        ),
        min_size=1, max_size=40,
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_sparse_lightning_rows_melt_row_by_row(tmp_path: Path, monkeypatch, rows, newline) -> None:
    """Both readings equal the plain reading: every filled cell of a row with an integer
    step, row by row and column by column; nan/inf spellings are points, missing tokens not."""
    lines = ["epoch,step,a,b,val_c"] + [",".join(["0", step, *cells]) for step, cells in rows]
    path = tmp_path / "metrics.csv"
    path.write_text(newline.join(lines) + newline)
    expected = [
        (tag, int(float(step)), float(cell))
        for step, cells in rows if step not in csv_logs.MISSING_TOKENS
        and float(step).is_integer()
        for tag, cell in zip(["a", "b", "val_c"], cells) if cell not in csv_logs.MISSING_TOKENS
    ]
    for engine in ("pyarrow", "pandas"):
        table = read_with(LightningReader(), path, engine, monkeypatch).table
        got = list(zip(table["tag"].astype(str), table["step"], table["value"]))
        assert [(tag, step) for tag, step, _ in got] == [(tag, step) for tag, step, _ in expected]
        np.testing.assert_array_equal([value for *_, value in got],
                                      [value for *_, value in expected])


PLAIN_PIECES = st.sampled_from(
    [",", ",", ",", "\n", "\n", "\r\n", "\r", ";", "\t", " ", '"', "1", "2.5", "-3e2", "0.",
     ".5", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "1e400", "NA", "N/A",
     "null", "None", "True", "abc", "1,234", "0.5s", "7", "99999999999999999999"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(["epoch,step,loss,val_loss", "step,a,b", "epoch,loss,val_loss",
                               "Wall time,Step,Value", "step;loss"]),
       body=st.lists(PLAIN_PIECES, max_size=60).map("".join))
@example(header="step;loss", body="\r;")  # pandas' C parser dropped the row after a lone CR
def test_pyarrow_and_pandas_agree_on_any_csv(tmp_path: Path, monkeypatch, header, body) -> None:
    path = tmp_path / "metrics.csv"
    path.write_text(header + "\n" + body, encoding="utf-8")
    for reader in CSV_READERS:
        assert_same_points(read_with(reader, path, "pyarrow", monkeypatch),
                           read_with(reader, path, "pandas", monkeypatch))


# --------------------------------------------------------------------------- fuzzing

CSV_PIECES = st.sampled_from(
    [",", ";", "\t", "\n", "\r\n", '"', "step", "epoch", "tag", "value", "loss", "val_loss",
     "Wall time,Step,Value\n", "NA", "nan", "inf", "-1e999", "1,234", "0.5s", "\ufeff", "é",
     "3", "2.5", "", " ", "[[1, 2, 3]", "\x00", "version https://git-lfs.github.com/spec/"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(CSV_PIECES, max_size=40).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)
def test_arbitrary_bytes_raise_only_curve_errors(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "metrics.csv"
    path.write_bytes(data)
    for reader in CSV_READERS:
        reader.sniff(data[:4096], path)
        try:
            points = reader.read(path)
        except CurveError:
            continue
        assert isinstance(points, Points)
        assert str(points.table["step"].dtype) == "int64"


def test_a_step_column_counting_within_each_epoch_is_made_global(tmp_path: Path) -> None:
    # A hand-written log (as a public repository's epoch,step,train_loss,... file): the step
    # restarts every epoch. Read as written, each epoch would overwrite the last; made global,
    # every point keeps its place, epoch by epoch, with a warning.
    rows = [[epoch, step, 2.0 - 0.1 * (2 * epoch + step // 300), 2.1 - 0.1 * epoch]
            for epoch in range(1, 5) for step in (299, 599)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv",
              [["epoch", "step", "train_loss", "val_loss"], *rows])
    log = load_runs(tmp_path / "run").runs[0]
    val = log.frame[log.frame["tag"] == "val_loss"]
    assert val["step"].tolist() == [299, 599, 899, 1199, 1499, 1799, 2099, 2399]
    assert val["epoch"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    assert any("counts within each epoch" in warning for warning in log.warnings)


def test_a_lightning_step_that_only_goes_up_is_kept_as_written(tmp_path: Path) -> None:
    rows = [[epoch, step, 1.0 / (step + 1)] for epoch, step in ((0, 9), (0, 19), (1, 29), (1, 39))]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "metrics.csv", [["epoch", "step", "train_loss"], *rows])
    log = load_runs(tmp_path / "run").runs[0]
    assert log.frame["step"].tolist() == [9, 19, 29, 39]
    assert not any("counts within each epoch" in warning for warning in log.warnings)


def test_a_keras_fit_called_once_per_epoch_is_read_as_consecutive_epochs() -> None:
    # model.fit(epochs=1) six times with CSVLogger(append=True): every row says epoch 0 (a
    # public Keras history written this way read all its epochs at step 0).
    folder = DATA / "keras-epoch-loop"
    history = json.loads((folder / "history.json").read_text())
    points = KerasReader().read(folder / "training.csv")
    table = points.table
    for tag, values in history.items():
        part = table[table["tag"] == tag]
        assert part["step"].tolist() == list(range(len(values)))
        assert part["value"].tolist() == pytest.approx(values)
    assert any("every row has epoch 0" in warning for warning in points.warnings)


def test_a_k_fold_history_is_read_as_one_run_per_fold() -> None:
    # Keras fits, one per fold, saved by pandas as one cv_history.csv with a fold column:
    # the epoch restarts at 0 in every fold. Read as one run, each fold overwrote the last
    # (a "resumed" run of the last fold alone); each fold is its own training.
    # The histories also saved with json.dump({fold: history.history}) read as a run each.
    folder = DATA / "keras-kfold"
    histories = json.loads((folder / "history.json").read_text())
    runs = {log.run: log for log in load_runs(folder).runs}
    assert sorted(runs) == [*(f"keras-kfold/cv_history/fold={k}" for k in range(3)),
                            *(f"keras-kfold/history/{k}" for k in range(3))]
    for fold, history in histories.items():
        for run in (f"keras-kfold/cv_history/fold={fold}", f"keras-kfold/history/{fold}"):
            table = runs[run].frame
            assert "fold" not in set(table["tag"].astype(str))
            for tag, values in history.items():
                part = table[table["tag"] == tag]
                assert part["step"].tolist() == list(range(len(values)))
                assert part["value"].tolist() == pytest.approx(values)


def test_runs_interleaved_row_by_row_are_told_apart_by_their_seed(tmp_path: Path) -> None:
    rows = [[epoch, seed, 1.0 / (epoch + 1) + seed / 100] for epoch in range(6)
            for seed in (1, 2)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "log.csv", [["step", "seed", "loss"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == ["run/seed=1", "run/seed=2"]
    assert runs["run/seed=2"].frame["value"].tolist() == pytest.approx(
        [1.0 / (epoch + 1) + 0.02 for epoch in range(6)])


@pytest.mark.parametrize("column", [[0, 0, 0, 1, 1, 1],  # a stage of one training: steps go on
                                    [7, 7, 7, 7, 7, 7]])  # one seed
def test_a_run_column_that_tells_no_trainings_apart_splits_nothing(tmp_path: Path,
                                                                   column: list[int]) -> None:
    rows = [[step, value, 1.0 / (step + 1)] for step, value in enumerate(column)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "log.csv", [["step", "model", "loss"], *rows])
    (log,) = load_runs(tmp_path / "run").runs
    assert log.run == "run"
    assert set(log.frame["tag"].astype(str)) == {"model", "loss"}


def test_a_grid_appended_run_after_run_is_one_run_per_setting(tmp_path: Path) -> None:
    # A hand-written grid search (as a public CIFAR-10 model_history.csv): each training
    # appends its epochs 1-5 with its optimizer and learning rate on every row, and the
    # seconds it took. The settings name the runs; the time, new in every run, does not.
    rows, seconds = [], 100.123
    for optimizer in ("Adam", "SGD"):
        for lr in (0.1, 0.01):
            seconds += 7.77
            rows += [[epoch, 2.0 / epoch + lr, seconds, optimizer, lr] for epoch in range(1, 6)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "model_history.csv",
              [["Epoch", "loss", "time", "optimizer", "learning_rate"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == [f"run/optimizer={o},learning_rate={lr}"
                            for o in ("Adam", "SGD") for lr in ("0.01", "0.1")]
    frame = runs["run/optimizer=SGD,learning_rate=0.01"].frame
    loss = frame[frame["tag"] == "loss"]
    assert loss["step"].tolist() == [1, 2, 3, 4, 5]
    assert loss["value"].tolist() == pytest.approx([2.0 / epoch + 0.01 for epoch in range(1, 6)])
    assert set(frame.loc[frame["tag"] == "learning_rate", "value"]) == {0.01}
    assert "optimizer" not in set(frame["tag"].astype(str))  # text: a setting, no series
    # the settings are each run's hyper-parameters, for `sweep`'s "what mattered"
    assert runs["run/optimizer=SGD,learning_rate=0.01"].meta["hparams"] == {
        "optimizer": "SGD", "learning_rate": 0.01}


def test_a_model_trained_again_later_in_the_file_is_one_run_with_a_rewind(tmp_path: Path) -> None:
    # model A for 6 epochs, model B for 6, then A again from epoch 1: A is one run whose log
    # went back to its first step (its last session is judged), B another.
    rows = [[name, epoch, 1.0 / epoch] for name, epochs in (("A", 6), ("B", 6), ("A", 4))
            for epoch in range(1, epochs + 1)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv", [["model", "epoch", "train_loss"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == ["run/model=A", "run/model=B"]
    assert runs["run/model=A"].frame["step"].tolist() == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]


def test_appended_fits_are_sessions_and_a_learning_rate_alone_names_none(tmp_path: Path) -> None:
    # Keras fits appended to one CSVLogger file (append=True), the learning rate logged every
    # epoch: lowered for the last fit, it changes only where the epochs start over, yet it is
    # a logged value, not a setting that names the fits. Each fit went back to epoch 0: a new
    # training, the run session=k.
    fits = ((1e-4, 5), (1e-4, 4), (1e-5, 5))
    rows = [[epoch, 1.0 / (epoch + 1) + k, lr] for k, (lr, epochs) in enumerate(fits)
            for epoch in range(epochs)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv", [["epoch", "loss", "learning_rate"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == ["run/session=1", "run/session=2", "run/session=3"]
    for k, (_, epochs) in enumerate(fits):
        loss = runs[f"run/session={k + 1}"].frame
        loss = loss[loss["tag"] == "loss"]
        assert loss["step"].tolist() == list(range(epochs))
        assert loss["value"].tolist() == pytest.approx([1.0 / (e + 1) + k for e in range(epochs)])


def test_a_lightning_file_with_a_header_over_4_kb_and_rows_apart_at_a_step_is_one_run() -> None:
    # Lightning's LearningRateMonitor over 401 parameter groups: a 5.5 KB header (the
    # "step" column after 401 "lr-Adam/pgN" ones) and, at each logged step, the monitor's row
    # and the metrics' row apart. Two rows at the first step are no second training.
    path = DATA / "lightning-lr-monitor-wide"
    assert len((path / "lightning_logs/version_0/metrics.csv").read_text().split("\n")[0]) > 4096
    (log,) = load_runs(path).runs
    assert log.run == "lightning_logs/version_0" and log.source == "lightning"
    frame = log.frame
    loss = frame[frame["tag"] == "train_loss"]
    assert loss["step"].tolist() == list(range(3, 72, 4))
    assert frame.loc[frame["tag"] == "val_loss", "step"].tolist() == [11, 23, 35, 47, 59, 71]
    assert frame["tag"].astype(str).str.startswith("lr-Adam/pg").sum() == 401 * 18


def test_rows_standing_still_at_the_first_epoch_are_one_training(tmp_path: Path) -> None:
    # An early Lightning (test-tube) metrics.csv: eight train rows per epoch keyed by the epoch
    # alone, then the val row. The rows standing still at epoch 0 start no new training.
    rows = [[0.5 / (epoch + 1) + 0.01 * batch, epoch, ""] for epoch in range(6)
            for batch in range(8)]
    for epoch in range(6):
        rows.insert(9 * epoch + 8, ["", epoch, 0.6 / (epoch + 1)])
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "metrics.csv", [["train_loss", "epoch", "val_loss"], *rows])
    (log,) = load_runs(tmp_path / "run").runs
    assert log.run == "run"
    val = log.frame[log.frame["tag"] == "val_loss"]
    assert val["value"].tolist() == pytest.approx([0.6 / (epoch + 1) for epoch in range(6)])


def test_an_epochs_column_is_the_x_and_stacked_models_are_runs(tmp_path: Path) -> None:
    # A public tuberculosis classifier's history.csv: six models stacked, a `model` column and
    # an `epochs` column restarting 1..4 for each. `epochs` is the x (not a metric), and the
    # models are one run each.
    rows = [[name, 1.0 / epoch + k, 0.5, epoch] for k, name in enumerate(("AlexNet", "ResNet50"))
            for epoch in range(1, 5)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "history.csv", [["model", "loss", "acc", "epochs"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == ["run/model=AlexNet", "run/model=ResNet50"]
    frame = runs["run/model=ResNet50"].frame
    assert frame.loc[frame["tag"] == "loss", "step"].tolist() == [1, 2, 3, 4]
    assert "epochs" not in set(frame["tag"])


def test_a_resume_from_a_middle_epoch_stays_one_run(tmp_path: Path) -> None:
    # Epochs 0-9, then a resume from the epoch-6 checkpoint (6-12): one training whose later
    # writes win, not a new session.
    rows = [[epoch, 1.0 / (epoch + 1)] for epoch in [*range(10), *range(6, 13)]]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv", [["epoch", "loss"], *rows])
    (log,) = load_runs(tmp_path / "run").runs
    assert log.run == "run"


def test_losses_printed_as_tensors_are_their_numbers(tmp_path: Path) -> None:
    # A public U-Net log (SOURCE.txt) whose losses were appended as torch tensors: every cell
    # is "tensor(3.1304, device='cuda:0', grad_fn=<DivBackward0>)".
    path = FIXTURES / "csv-tensor-repr-unet-sngp-andrew-linville" / "losses.csv"
    frame = load_runs(path).runs[0].frame
    val = frame[(frame.split == "val") & (frame.metric == "loss")].sort_values("step")
    assert val.value.iloc[:2].tolist() == [2.9495, 2.8784]
    assert len(val) == len(path.read_text().splitlines()) - 1
    # A NaN tensor is a NaN point, numpy 2's scalar repr a number; other junk stays junk.
    other = tmp_path / "history.csv"
    other.write_text("epoch,loss,val_loss\n1,\"tensor(nan, device='cuda:0')\",np.float64(0.5)\n"
                     "2,tensor(0.25),\"array(0.4, dtype=float32)\"\n3,tensor(0.2),tensor(x)\n")
    points = load_runs(other).runs[0].frame.set_index(["split", "step"]).value
    assert math.isnan(points["train", 1]) and points["train", 2] == 0.25
    assert points["val", 1] == 0.5 and points["val", 2] == 0.4 and ("val", 3) not in points


def test_fastai_metrics_are_measured_on_the_validation_set() -> None:
    # fastai's CSVLogger (SOURCE.txt): epoch,train_loss,valid_loss,accuracy,time. Its metrics
    # are computed on the validation set, so `accuracy` is val's, not train's.
    path = FIXTURES / "csv-fastai-recorder-sportsball-matcgoes" / "history.csv"
    frame = load_runs(path).runs[0].frame
    splits = frame.groupby("metric", observed=True)["split"].agg(set).to_dict()
    assert splits == {"loss": {"train", "val"}, "accuracy": {"val"}}


def test_a_loss_and_an_epoch_named_in_catalan_are_read_as_such() -> None:
    # A public audio CNN's CSV (SOURCE.txt) with Catalan headers: Epoca,Perdua,Accuracy,Items.
    path = FIXTURES / "csv-catalan-headers-urbansound-gardenou" / "training_log_64m_1024w_SGD.csv"
    frame = load_runs(path).runs[0].frame
    loss = frame[frame.metric == "loss"].sort_values("step")
    assert set(loss.split) == {"train"} and loss.step.tolist() == list(range(1, 21))
    assert loss.value.iloc[0] == pytest.approx(2.30206457268108)


def test_excels_separator_directive_before_the_header_is_skipped(tmp_path: Path) -> None:
    # A public training_history.csv (benchmarks/public_runs, set 127) saved for Excel: its
    # first line is "sep=," and the header follows. It was read as a header of one column.
    path = tmp_path / "training_history.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write("sep=,\n")
        writer = csv.writer(handle)
        writer.writerow(["epoch", "training_loss", "validation_loss"])
        for epoch in range(1, 6):
            writer.writerow([epoch, 0.02 / epoch, 0.021 / epoch])
    (run,) = load_runs(path).runs
    assert set(run.frame["metric"]) == {"loss"}
    assert sorted(set(run.frame["split"])) == ["train", "val"]
    assert run.frame[run.frame["split"] == "val"]["step"].tolist() == [1, 2, 3, 4, 5]
    assert not run.warnings


def test_a_per_batch_log_with_an_epoch_column_gets_a_step_per_batch() -> None:
    # A public multimodal detector's per-batch log (SOURCE.txt): epoch,batch,loss, 14 batches
    # in each of 5 epochs, the batch counting from 0 in every epoch. With the epoch as the
    # step all 14 losses of an epoch shared one step and `batch` read as a metric.
    path = FIXTURES / "csv-epoch-batch-loss-ayrus88" / "training_log.csv"
    log = load_runs(path).runs[0]
    assert set(log.frame.metric) == {"loss"}
    loss = log.frame.sort_values("step")
    assert loss.step.tolist() == list(range(70))
    assert loss.epoch.tolist() == [float(e) for e in range(5) for _ in range(14)]
    assert loss.value.iloc[0] == pytest.approx(1.174) and loss.value.iloc[14] > 0
    assert any("batch column counts within each epoch" in w for w in log.warnings)


def test_a_metric_value_summary_table_is_one_point_per_metric_not_a_curve() -> None:
    # A public cow-face detector's results table (SOURCE.txt): `Metric,Value` rows naming
    # YOLO's final precision, recall, mAP50, mAP50-95 and fitness. Read as five steps of one
    # `value` series it was diagnosed healthy; it is a summary, no curve at all.
    path = FIXTURES / "csv-metric-value-summary-eeumairali" / "training_metrics.csv"
    log = load_runs(path).runs[0]
    assert sorted(log.frame.tag) == sorted(["metrics/precision(B)", "metrics/recall(B)",
                                            "metrics/mAP50(B)", "metrics/mAP50-95(B)",
                                            "fitness"])
    assert set(log.frame.step) == {0}
    assert log.frame[log.frame.tag == "fitness"].value.iloc[0] == pytest.approx(0.6757, abs=1e-4)
    assert any("summary table" in w for w in log.warnings)
    assert diagnose_run(log).verdict == "insufficient_data"


def test_a_summary_table_with_a_column_per_split_and_a_named_log_stay_apart(tmp_path) -> None:
    summary = tmp_path / "summary.csv"
    summary.write_text("metric,train,val\nloss,0.21,0.34\naccuracy,0.93,0.88\n")
    frame = load_runs(summary).runs[0].frame
    assert sorted(frame.tag) == ["train/accuracy", "train/loss", "val/accuracy", "val/loss"]
    assert set(frame.step) == {0}
    # A log whose rows carry a name beside an epoch column is a history, not a summary.
    history = tmp_path / "history.csv"
    history.write_text("name,epoch,loss\n" + "".join(
        f"ckpt{epoch},{epoch},{1 / epoch:.3f}\n" for epoch in range(1, 7)))
    loss = load_runs(history).runs[0].frame
    assert loss[loss.metric == "loss"].step.tolist() == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("epochs", [[1] * 6, [0, 0, 0, 1, 1, 1]])
def test_an_iteration_column_beside_a_repeated_epoch_is_the_step(tmp_path: Path,
                                                                 epochs: list[int]) -> None:
    # A hand-written log (timestamp,epoch,iteration,train_loss,val_loss) whose epoch stays 1
    # for its whole run, and Chainer's LogReport (epoch,iteration,...): with the epoch as the
    # step, every row of an epoch had landed on one step (a public run read as one point).
    rows = [[f"2025-05-04 15:0{k}:00", epoch, 1 + 1000 * k, 40 / (k + 1), 30 / (k + 1)]
            for k, epoch in enumerate(epochs)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv",
              [["timestamp", "epoch", "iteration", "train_loss", "val_loss"], *rows])
    (log,) = load_runs(tmp_path / "run").runs
    val = log.frame[log.frame["tag"] == "val_loss"]
    assert val["step"].tolist() == [1, 1001, 2001, 3001, 4001, 5001]
    assert val["epoch"].tolist() == [float(epoch) for epoch in epochs]
    assert "iteration" not in set(log.frame["metric"])


def test_fits_resumed_where_the_last_ended_are_one_training() -> None:
    # fastai's CSVLogger(append=True) over a frozen epoch and 20 chained fit_one_cycle(10) on
    # one model (SOURCE.txt): each fit writes its header again and counts epochs from 0, but
    # starts where the fit before ended (train 0.0092 -> 0.0086), so the file is one training
    # whose epochs follow one another; so is a Keras run resumed twice without initial_epoch.
    (log,) = load_runs(DATA / "csv" / "csv-fastai-appended-fits-chfc-cmi").runs
    val = log.frame[log.frame["tag"] == "valid_loss"]
    assert val["step"].tolist() == list(range(200))
    assert val["value"].iloc[[0, 10, 199]].tolist() == pytest.approx(
        [0.013872641, 0.008587956, 0.012108959], rel=1e-6)
    (log,) = load_runs(DATA / "csv" / "keras-resumed-fits-nextframe-danielebaiocco").runs
    loss = log.frame[log.frame["tag"] == "val_loss"]
    assert loss["step"].tolist() == list(range(34))
    assert loss["value"].iloc[[8, 9, 11]].tolist() == pytest.approx(
        [0.014556945, 0.014808908, 0.298301071], rel=1e-6)


def test_fits_that_start_over_from_the_untrained_level_stay_sessions(tmp_path: Path) -> None:
    # Three fits appended to one file, each a new model: each starts back at the first fit's
    # untrained loss, not where the fit before ended. Three trainings, not one.
    rows = [[epoch, 2.0 / (epoch + 1) + 0.01 * k] for k in range(3) for epoch in range(6)]
    (tmp_path / "run").mkdir()
    write_csv(tmp_path / "run" / "training_log.csv", [["epoch", "loss"], *rows])
    runs = {log.run: log for log in load_runs(tmp_path / "run").runs}
    assert sorted(runs) == ["run/session=1", "run/session=2", "run/session=3"]
    assert runs["run/session=3"].frame["step"].tolist() == list(range(6))
