"""YOLOv5, YOLOv7 and YOLOv3 ``results.txt``: the headerless table those trainers wrote before
Ultralytics' ``results.csv`` (YOLOv5 v6.0).

One space-padded row per epoch, 15 fields (YOLOv5's and YOLOv7's ``train.py``: the epoch
out of the last one, ``'%g/%g' % (epoch, epochs - 1)``, the GPU memory, the mean box,
objectness, class and total train losses, the last batch's targets and image size, then
``results``: precision, recall, mAP@0.5, mAP@0.5:0.95, and the val box, objectness and
class losses). ultralytics/yolov3 wrote F1 where YOLOv5 writes mAP@0.5:0.95; a column that
is the harmonic mean of precision and recall on its rows is read as F1. The series are named
as ``results.csv`` names them (``train/box_loss``, ``metrics/mAP_0.5:0.95``...), so the
rest of curvecli reads both alike (YOLO's fitness, the val losses as context).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import MAX_STEP, Reader, decode_text, read_whole

_ROW = re.compile(r"^\s*(\d+)/(\d+)\s+\S+((?:\s+\S+){13})\s*$")
# the names of fields 2..14 (epoch/total and memory before them)
NAMES = ("train/box_loss", "train/obj_loss", "train/cls_loss", "train/total_loss", None, None,
         "metrics/precision", "metrics/recall", "metrics/mAP_0.5", "metrics/mAP_0.5:0.95",
         "val/box_loss", "val/obj_loss", "val/cls_loss")
WIDE_MAP = 9  # NAMES' index of mAP@0.5:0.95, F1 in ultralytics/yolov3
F1_NAME = "metrics/F1"
F1_TOLERANCE = 0.02  # |column - 2PR/(P+R)| within 2% of its scale on every row: an F1
MAX_BYTES = 64 << 20  # a results.txt of a million epochs is under 200 MB; refuse beyond this


def _numbers(fields: list[str]) -> list[float] | None:
    try:
        return [float(field) for field in fields]
    except ValueError:
        return None


class YoloTxtReader(Reader):
    """YOLOv5 / YOLOv7 / YOLOv3 ``results.txt`` (see the module docstring)."""

    name = "yolo_txt"
    twin_group = frozenset({"events"})
    source = "csv"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            name = Path(path).name.lower()
            if not (name.startswith("results") and name.endswith(".txt")) or b"\x00" in head:
                return False
            first = decode_text(head).lstrip("\ufeff").split("\n", 1)[0]
            match = _ROW.match(first)
            return match is not None and _numbers(match.group(3).split()) is not None
        except Exception:  # a sniff never decides a run's fate
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        data = read_whole(path, MAX_BYTES, "results.txt")  # a regular file only, at most MAX_BYTES
        steps, rows, bad = [], [], 0
        for line in decode_text(data).splitlines():
            match = _ROW.match(line)
            numbers = _numbers(match.group(3).split()) if match else None
            if numbers is None or int(match.group(1)) >= MAX_STEP:
                bad += bool(line.strip())
                continue
            steps.append(int(match.group(1)))
            rows.append(numbers)
        if not rows:
            raise FormatError("no YOLO results.txt rows ('epoch/last mem losses ...')", path)
        table = np.asarray(rows, dtype=np.float64)
        names = list(NAMES)
        if _is_f1(table):
            names[WIDE_MAP] = F1_NAME
        tags, at, values = [], [], []
        for column, name in enumerate(names):
            if name is None:
                continue
            tags.extend([name] * len(steps))
            at.extend(steps)
            values.extend(table[:, column].tolist())
        epochs = [float(step) for step in at]
        warnings = [f"skipped {bad} line(s) that are not results.txt rows"] if bad else []
        return Points(points_table(tags, at, values, epochs, [float("nan")] * len(at)),
                      warnings, {})


def _is_f1(table: np.ndarray) -> bool:
    """True when the mAP@0.5:0.95 column is the harmonic mean of precision and recall on every
    row where they are positive (ultralytics/yolov3's F1)."""
    precision, recall, column = table[:, 6], table[:, 7], table[:, WIDE_MAP]
    positive = (precision + recall) > 0
    if not positive.any():
        return False
    harmonic = 2 * precision[positive] * recall[positive] / (precision + recall)[positive]
    return bool(np.all(np.abs(column[positive] - harmonic) <= F1_TOLERANCE))
