"""Histories kept as tables: curvecli's own ``export`` (CSV, JSON Lines, Parquet) and W&B's
Parquet history.

**curvecli export.** ``curvecli export`` writes the frame, one row per point, with the columns
``run, source, tag, split, metric, step, epoch, wall_time, value`` (and ``smoothed`` with
``--smooth``, which is not read back). All three formats read back to the same points: every
row is a point (NaN and infinities kept: JSON Lines spells them ``"NaN"``, ``"Infinity"``,
``"-Infinity"``; an empty ``epoch``/``wall_time`` is NaN), ``run`` is the point's sub-run (so a
multi-run export splits back into its runs), and the exported ``split`` is given as the tag's
split hint wherever the tag alone would name another split (a Keras ``epoch_loss`` of a
``validation/`` dir stays ``val/loss``). The frame's ``source`` column says ``export``; the
sources written in the file are kept in ``meta["sources"]`` (run -> source).
Sniffing: a CSV whose header is the export's columns; a JSON Lines file whose first line is an
object with them; a Parquet file (magic ``PAR1``) whose schema has them.

**W&B Parquet history** (``run.history().to_parquet()``, or W&B's own history parquet files):
``_step`` plus one column per key, read by the W&B history rules (``wandb._Rows``, as the CSV and
JSON history): ``_step`` / ``train/global_step`` is the step, ``_timestamp`` the wall time,
``_runtime`` a coordinate; nested (struct) columns become ``a.b`` keys; media structs
(``_type``) are not points; a null cell is a key not logged in that row. List and binary columns
are not read at all. Sniffing: magic ``PAR1`` and a ``_step`` column in the schema (the footer,
read from the end of the file).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from curvecli import names, safeio
from curvecli.errors import FormatError, NoLogsError, short_list
from curvecli.frame import COLUMNS, STRING_COLUMNS, Points, points_table
from curvecli.readers.base import (
    LISTED,
    MAX_STEP,
    Reader,
    check_not_pointer,
    decode_text,
    read_head,
)
from curvecli.readers.wandb import SOURCE as WANDB_SOURCE
from curvecli.readers.wandb import _number, _Rows, _sidecar_summary

HEAD_SNIFF_BYTES = 64  # enough for the parquet magic and a pointer check
PARQUET_MAGIC = b"PAR1"
EXPORT_SOURCE = "export"
# The columns an export must have to be read as one (``source``, ``metric`` may be absent).
EXPORT_REQUIRED = ("run", "tag", "split", "step", "value")
EXPORT_FLOATS = ("epoch", "wall_time", "value")
PANDAS_INDEX_PREFIX = "__index_level_"


def _parquet_columns(path: Path) -> list[str] | None:
    """Top-level column names of a Parquet file (from its footer), or None if unreadable."""
    try:
        import pyarrow.parquet as pq

        with safeio.open_regular(path) as handle:
            return list(pq.read_schema(handle).names)
    except Exception:  # any failure: not a Parquet file we can read
        return None


def _first_line(head: bytes) -> str:
    return decode_text(head).lstrip().split("\n", 1)[0].strip()


def _is_export_keys(keys: list[str]) -> bool:
    return all(column in keys for column in EXPORT_REQUIRED)


def _read_parquet(path: Path, columns: list[str] | None):
    """A Parquet file as a pyarrow Table (only ``columns``); errors become FormatError."""
    import pyarrow as arrow
    import pyarrow.parquet as pq

    try:
        with safeio.open_regular(path) as handle:
            return pq.read_table(handle, columns=columns)
    except FileNotFoundError:
        raise NoLogsError("no such file", path) from None
    except (arrow.ArrowException, OSError, ValueError) as error:
        raise FormatError(f"not a readable Parquet file: {error}", path) from None


# --------------------------------------------------------------------------- curvecli export


def _export_frame_csv(path: Path) -> pd.DataFrame:
    """An export CSV with the string columns as written (``NA`` is a tag, not a gap)."""
    floats = [column for column in EXPORT_FLOATS]
    try:
        with safeio.open_regular(path) as handle:
            return pd.read_csv(handle, dtype={column: str for column in STRING_COLUMNS},
                               keep_default_na=False,
                               na_values={column: ["nan", "NaN", ""] for column in floats})
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise FormatError(f"not a readable curvecli export: {error}", path) from None


def _export_frame_jsonl(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """An export JSON Lines file as a DataFrame; lines that are not export rows are counted."""
    rows, bad = [], []
    with safeio.open_regular(path) as handle:
        size, limit = os.fstat(handle.fileno()).st_size, safeio.json_limit()
        if size > limit:  # a line is read whole: the file's size bounds it
            raise safeio.too_big(path, size, limit)
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except (ValueError, RecursionError):
                row = None
            if not isinstance(row, dict) or not _is_export_keys(list(row)):
                bad.append(number)
                continue
            rows.append(row)
    warnings = []
    if bad:
        warnings.append(f"skipped {len(bad)} line(s) that are not export rows: "
                        f"line {short_list(bad, LISTED)}")
    return pd.DataFrame.from_records(rows), warnings


def _floats(column: pd.Series | None, size: int) -> np.ndarray:
    """A column as float64: numbers, ``NaN``/``Infinity`` strings; anything else NaN."""
    if column is None:
        return np.full(size, np.nan)
    if column.dtype.kind in "fiu":
        return column.to_numpy(dtype=np.float64)
    values = [_number(value) for value in column.tolist()]
    return np.array([math.nan if value is None else value for value in values], dtype=np.float64)


def _split_hints(tags: pd.Series, splits: pd.Series) -> np.ndarray:
    """Each row's split hint: the exported split where the tag alone names another one."""
    hints = np.full(len(tags), "", dtype=object)
    pairs = pd.MultiIndex.from_arrays([tags, splits])
    unique = pairs.unique()
    needed = {pair for pair in unique if names.normalise(pair[0])[0] != pair[1] and pair[1]}
    if needed:
        where = pairs.isin(list(needed))
        hints[where] = splits.to_numpy(dtype=object)[where]
    return hints


def _export_points(frame: pd.DataFrame, path: Path) -> Points:
    """Points of an export, whatever format it came in."""
    if not _is_export_keys(list(frame.columns)):
        raise FormatError("not a curvecli export: needs the columns "
                          + ", ".join(EXPORT_REQUIRED), path)
    size = len(frame)
    steps = _floats(frame["step"], size)
    usable = np.isfinite(steps) & (np.abs(steps) < MAX_STEP) & (steps == np.round(steps))
    warnings = []
    if not usable.all():
        warnings.append(f"skipped {int((~usable).sum())} row(s) without an integer step")
    frame = frame[usable]
    text = {column: frame[column].fillna("").astype(str) if column in frame else
            pd.Series([""] * len(frame), index=frame.index) for column in STRING_COLUMNS}
    table = points_table(
        text["tag"].to_numpy(dtype=object), steps[usable].astype(np.int64),
        _floats(frame["value"], len(frame)),
        epoch=_floats(frame.get("epoch"), len(frame)),
        wall_time=_floats(frame.get("wall_time"), len(frame)),
        run=text["run"].to_numpy(dtype=object),
        context=_split_hints(text["tag"], text["split"]),
    )
    sources = dict(zip(text["run"], text["source"])) if "source" in frame else {}
    return Points(table, warnings, {"sources": sources, "layout": "export"})


def _checked_head(path: Path) -> bytes:
    """A history file's first bytes; a missing file or a Git LFS pointer is said so."""
    try:
        head = read_head(path, HEAD_SNIFF_BYTES)
    except FileNotFoundError:
        raise NoLogsError("no such file", path) from None
    check_not_pointer(head, path)
    return head


class ExportReader(Reader):
    """curvecli's own ``export`` output: CSV, JSON Lines or Parquet."""

    name = "export"
    source = EXPORT_SOURCE

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            if head.startswith(PARQUET_MAGIC):
                columns = _parquet_columns(Path(path))
                return columns is not None and _is_export_keys(columns)
            first = _first_line(head)
            if first.startswith("{"):
                row = json.loads(first)
                return isinstance(row, dict) and _is_export_keys(list(row))
            cells = [cell.strip() for cell in first.split(",")]
            return cells[:len(COLUMNS)] == list(COLUMNS) and len(cells) <= len(COLUMNS) + 1
        except Exception:  # a sniff never decides a run's fate
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        head = _checked_head(path)
        if not head.startswith(PARQUET_MAGIC):  # a text export: refused if zeros lead it
            safeio.refuse_zeros(head, path, "curvecli export")
        warnings: list[str] = []
        if head.startswith(PARQUET_MAGIC):
            columns = _parquet_columns(path) or []
            wanted = [column for column in COLUMNS if column in columns]
            frame = _read_parquet(path, wanted).to_pandas()
        elif decode_text(head).lstrip().startswith("{"):
            frame, warnings = _export_frame_jsonl(path)
        else:
            frame = _export_frame_csv(path)
        points = _export_points(frame, path)
        points.warnings[:0] = warnings
        return points


# --------------------------------------------------------------------------- W&B parquet


def _history_columns(path: Path) -> list[str]:
    """The columns worth reading: scalars, strings (``"NaN"``) and structs, not lists, binary
    data or the pandas index."""
    import pyarrow as arrow
    import pyarrow.parquet as pq

    try:
        with safeio.open_regular(path) as handle:
            schema = pq.read_schema(handle)
    except (arrow.ArrowException, OSError, ValueError) as error:
        raise FormatError(f"not a readable Parquet file: {error}", path) from None
    kept = []
    for column in schema:
        kind = column.type
        skip = (arrow.types.is_list(kind) or arrow.types.is_large_list(kind)
                or arrow.types.is_binary(kind) or arrow.types.is_large_binary(kind)
                or arrow.types.is_map(kind) or column.name.startswith(PANDAS_INDEX_PREFIX))
        if not skip:
            kept.append(column.name)
    return kept


class WandbParquetReader(Reader):
    """W&B history as Parquet: the rules of its CSV/JSON history (``WandbHistoryReader``)."""

    name = "wandb_parquet"
    twin_group = frozenset({"events", "wandb"})
    source = WANDB_SOURCE

    def sniff(self, head: bytes, path: Path) -> bool:
        if not head.startswith(PARQUET_MAGIC):
            return False
        columns = _parquet_columns(Path(path))
        return columns is not None and "_step" in columns and not _is_export_keys(columns)

    def read(self, path: Path) -> Points:
        path = Path(path)
        _checked_head(path)  # a pointer or a missing file is said before parquet tries
        table = _read_parquet(path, _history_columns(path))
        while any(str(field.type).startswith("struct") for field in table.schema):
            table = table.flatten()  # a struct column a {b, c} becomes a.b, a.c
        keys = table.column_names
        columns = [table.column(key).to_pylist() for key in keys]
        rows = _Rows()
        for row in zip(*columns) if columns else ():
            rows.add((key, value) for key, value in zip(keys, row) if value is not None)
        warnings = rows.warnings()
        meta: dict[str, Any] = {"layout": "parquet"}
        summary = _sidecar_summary(path, warnings)
        if summary is not None:
            meta["summary"] = summary
        return Points(rows.table(), warnings, meta)
