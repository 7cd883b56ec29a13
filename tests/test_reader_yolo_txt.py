"""YOLOv5 / YOLOv7 / YOLOv3 ``results.txt``: the headerless table before ``results.csv``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from conftest import DATA

from curvecli import load_runs
from curvecli.analysis.diagnose import diagnose_run
from curvecli.readers import choose
from curvecli.readers.base import read_head

REAL = DATA / "public" / "yolo-tweeks-yolov5txt-spacelab" / "results.txt"


def _series(frame, tag: str) -> tuple[list[int], np.ndarray]:
    rows = frame[frame.tag == tag].sort_values("step")
    return rows.step.tolist(), rows.value.to_numpy()


def test_a_yolov5_results_txt_reads_every_epoch_of_every_column() -> None:
    # A public YOLOv5 run (SOURCE.txt), 400 epochs. Independent reading: numpy's loadtxt of
    # the columns YOLOv5's own plot_results read (usecols 2, 3, 4, 8..14).
    assert choose(read_head(REAL), REAL).name == "yolo_txt"
    table = np.loadtxt(REAL, usecols=range(2, 15))
    frame = load_runs(REAL).runs[0].frame
    steps, box = _series(frame, "train/box_loss")
    assert steps == list(range(400))
    np.testing.assert_allclose(box, table[:, 0])
    np.testing.assert_allclose(_series(frame, "metrics/mAP_0.5:0.95")[1], table[:, 9])
    np.testing.assert_allclose(_series(frame, "val/cls_loss")[1], table[:, 12])
    assert not (frame.tag == "metrics/F1").any()


def test_a_results_txt_is_judged_on_yolo_fitness() -> None:
    report = diagnose_run(load_runs(REAL).runs[0])
    assert report.monitored == "val/fitness"


def test_ultralytics_yolov3_wrote_f1_where_yolov5_writes_map50_95(tmp_path: Path) -> None:
    # ultralytics/yolov3's train.py: ('%10s' * 2 + '%10.3g' * 6) % (epoch/last, mem, GIoU,
    # obj, cls, total, targets, img_size) + '%10.3g' * 7 % (P, R, mAP, F1, val GIoU, obj, cls).
    lines = []
    for epoch in range(5):
        p, r = 0.3 + 0.1 * epoch, 0.2 + 0.1 * epoch
        row = ("%10s" * 2 + "%10.3g" * 6) % (f"{epoch}/4", "1.2G", 3 - epoch * 0.3, 1.1, 0.5,
                                           4.6 - epoch * 0.3, 12, 416)
        lines.append(row + "%10.3g" * 7 % (p, r, 0.1 * epoch, 2 * p * r / (p + r), 2.5, 1.0, 0.4))
    path = tmp_path / "results.txt"
    path.write_text("\n".join(lines) + "\n")
    frame = load_runs(path).runs[0].frame
    steps, f1 = _series(frame, "metrics/F1")
    assert steps == [0, 1, 2, 3, 4] and f1[-1] == float("%.3g" % (2 * 0.7 * 0.6 / 1.3))
    assert not (frame.tag == "metrics/mAP_0.5:0.95").any()


def test_a_run_dir_with_event_files_and_results_txt_is_one_run(tmp_path: Path) -> None:
    # YOLOv5 wrote its TensorBoard events beside results.txt: one run logged twice.
    from writers import write_scalars

    run = tmp_path / "exp"
    write_scalars(run, [("metrics/mAP_0.5", e, 0.1 * e) for e in range(5)])
    (run / "results.txt").write_text(REAL.read_text())
    assert len(load_runs(run).runs) == 1
