"""The frame as CSV, JSON Lines or Parquet: every point, one row each.

CSV writes non-finite values as ``nan``, ``inf`` and ``-inf`` (pandas reads
them back). JSON Lines cannot hold NaN, so non-finite values are written as
the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` (the W&B convention)
and ``jq`` can still read every line. Parquet needs pyarrow.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd

from curvecli.errors import MissingExtraError, UsageError
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


def write_frame(frame: pd.DataFrame, fmt: str, out: Path | None) -> None:
    """Write ``frame`` as ``fmt`` to ``out`` (stdout when None)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise MissingExtraError(
                "parquet output needs pyarrow", out, hint="pip install pyarrow"
            ) from None
        if out is None:
            raise UsageError("parquet is binary: pass -o FILE")
        with atomic_path(out) as temporary:
            frame.to_parquet(temporary, index=False)
        return
    if out is None or str(out) == "-":
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
