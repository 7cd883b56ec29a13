"""The frame as CSV, JSON Lines or Parquet: every point, one row each.

CSV writes non-finite values as ``nan``, ``inf`` and ``-inf`` (pandas reads
them back). JSON Lines cannot hold NaN, so non-finite values are written as
the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` (the W&B convention)
and ``jq`` can still read every line.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd

from curvecli.errors import UsageError
from curvecli.render.files import atomic_path

FORMATS = ("csv", "jsonl", "parquet")


def _json_value(value: float) -> float | str:
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _write_jsonl(frame: pd.DataFrame, handle) -> None:
    columns = list(frame.columns)
    float_columns = {name for name in columns if frame[name].dtype.kind == "f"}
    for row in zip(*(frame[name].tolist() for name in columns)):
        record = {}
        for name, value in zip(columns, row):
            if name in float_columns:
                if name in ("epoch", "wall_time") and math.isnan(value):
                    value = None
                else:
                    value = _json_value(value)
            record[name] = value
        handle.write(json.dumps(record, allow_nan=False))
        handle.write("\n")


def _write_text(frame: pd.DataFrame, fmt: str, handle) -> None:
    if fmt == "csv":
        frame.to_csv(handle, index=False, na_rep="nan", float_format=None)
    else:
        _write_jsonl(frame, handle)


SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
            ".pq": "parquet"}


def format_for(fmt: str | None, out: Path | None) -> str:
    """The export format: ``fmt`` when given, else the output file's suffix, else CSV."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
        return fmt
    return SUFFIXES.get(Path(out).suffix.lower(), "csv") if out is not None else "csv"


def write_frame(frame: pd.DataFrame, fmt: str, out: Path | None) -> None:
    """Write ``frame`` as ``fmt`` to ``out`` (stdout when None or ``-``). Parquet is binary:
    it goes to stdout only when stdout is not a terminal."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    to_stdout = out is None or str(out) == "-"
    if fmt == "parquet" and to_stdout:
        if sys.stdout.isatty():
            raise UsageError("parquet is binary: pass -o FILE or redirect stdout to a file")
        sys.stdout.flush()
        frame.to_parquet(sys.stdout.buffer, index=False)
        sys.stdout.buffer.flush()
        return
    if fmt == "parquet":
        with atomic_path(out) as temporary:
            frame.to_parquet(temporary, index=False)
        return
    if to_stdout:
        _write_text(frame, fmt, sys.stdout)
        sys.stdout.flush()
        return
    if str(out) == "/dev/null" or (Path(out).exists() and not Path(out).is_file()):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            _write_text(frame, fmt, handle)
        return
    with atomic_path(Path(out)) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            _write_text(frame, fmt, handle)
