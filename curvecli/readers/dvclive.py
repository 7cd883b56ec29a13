"""DVCLive's metric files: one ``.tsv`` per metric, the run being the folder DVCLive writes.

``Live(dir="dvclive").log_metric("eval/loss", v)`` appends ``step<TAB>loss`` rows to
``dvclive/plots/metrics/eval/loss.tsv`` (DVCLive 2 and 3; some 2.x releases lead with a
``timestamp`` column); DVCLive 1 wrote ``dvclive/scalars/eval/loss.tsv`` with the columns
``timestamp, step, eval/loss``, and DVCLive 0.x ``dvclive/loss.tsv``. The metric's name is
the file's path under ``plots/metrics`` (or ``scalars``, or DVCLive 0.x's ``dvclive``) without
``.tsv``: ``eval/loss``, ``train/loss``, ``loss/val``, ``test_acc``
(HF's ``DVCLiveCallback`` logs ``train/loss``, ``eval/loss``, ``learning_rate``). Every file of
one DVCLive folder is one run (``dvclive/``, or whatever ``dir`` was given); a file given
alone is that metric. Timestamps are milliseconds since the epoch.
"""

from __future__ import annotations

import math
from pathlib import Path

from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import MAX_STEP, Reader, decode_text, read_whole

LAYOUT = "dvclive"
DEFAULT_DIR = "dvclive"  # Live()'s folder when none is given
MAX_BYTES = 256 << 20  # a metric of ten million steps is under 200 MB; refuse beyond this


def metrics_root(path: Path) -> Path | None:
    """The folder a DVCLive metric file's name is relative to (``.../plots/metrics`` or
    ``.../scalars``, else a folder named ``dvclive``: DVCLive 0.x wrote ``dvclive/loss.tsv``),
    the nearest above ``path``; None when there is none."""
    parents = Path(path).parents
    for parent in parents:
        if parent.name == "metrics" and parent.parent.name == "plots":
            return parent
        if parent.name == "scalars":
            return parent
    return next((parent for parent in parents if parent.name == DEFAULT_DIR), None)


def run_dir(path: Path) -> Path:
    """The DVCLive folder a metric file belongs to: its run (``dvclive/``)."""
    root = metrics_root(path)
    if root is None:
        return Path(path).parent
    if root.name == "metrics":
        return root.parent.parent
    return root.parent if root.name == "scalars" else root


def _columns(first_line: str) -> list[str] | None:
    """The header's columns when it is DVCLive's (``step, <name>`` or ``timestamp, step,
    <name>``), else None."""
    cells = first_line.rstrip("\r").split("\t")
    if len(cells) == 2 and cells[0] == "step" and cells[1]:
        return cells
    if len(cells) == 3 and cells[:2] == ["timestamp", "step"] and cells[2]:
        return cells
    return None


class DvcLiveReader(Reader):
    """DVCLive's ``plots/metrics/**.tsv`` and ``scalars/**.tsv`` (see the module docstring)."""

    name = "dvclive"
    source = "csv"
    per_directory = True
    layout = LAYOUT

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            if Path(path).suffix.lower() != ".tsv" or metrics_root(path) is None \
                    or b"\x00" in head:
                return False
            return _columns(decode_text(head).split("\n", 1)[0]) is not None
        except Exception:  # a sniff never decides a run's fate
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        data = read_whole(path, MAX_BYTES, "DVCLive file")  # a regular file only, at most MAX_BYTES
        lines = decode_text(data).split("\n")
        columns = _columns(lines[0]) if lines else None
        if columns is None:
            raise FormatError("not a DVCLive metric file (header 'step<TAB>name')", path)
        root = metrics_root(path)
        tag = path.relative_to(root).with_suffix("").as_posix() if root else columns[-1]
        steps, values, walls, bad = [], [], [], 0
        for line in lines[1:]:
            cells = line.rstrip("\r").split("\t")
            try:
                step, value = int(cells[-2]), float(cells[-1])
                wall = float(cells[0]) / 1000 if len(columns) == 3 else math.nan
            except (ValueError, IndexError):
                bad += bool(line.strip())
                continue
            if len(cells) != len(columns) or abs(step) >= MAX_STEP:
                bad += 1
                continue
            steps.append(step)
            values.append(value)
            walls.append(wall)
        warnings = [f"skipped {bad} line(s) that are not rows of {len(columns)} fields"] \
            if bad else []
        return Points(points_table(tag, steps, values, None, walls), warnings, {})
