"""The one long-format table every reader produces and every analysis reads.

One row per logged scalar, with the columns DESIGN.md fixes: run, source, tag,
split, metric, step, epoch, wall_time, value. String columns are pandas
categoricals (a 5M-point file has a few dozen distinct tags). Readers hand
over *points* (tag, step, epoch, wall_time, value, and optionally a sub-run
name and a split hint); ``build_frame`` names the series through ``names``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from curvecli import names

COLUMNS = ("run", "source", "tag", "split", "metric", "step", "epoch", "wall_time", "value")
STRING_COLUMNS = ("run", "source", "tag", "split", "metric")
DTYPES = {
    "step": "int64",
    "epoch": "float64",
    "wall_time": "float64",
    "value": "float64",
}

# Columns a reader's points table has (``run`` and ``context`` are optional).
POINT_COLUMNS = ("tag", "step", "epoch", "wall_time", "value")


@dataclass
class Points:
    """What a reader returns for one file: its points, warnings and metadata.

    ``table`` has the columns ``tag, step, epoch, wall_time, value`` and may have
    ``run`` (a sub-run name, for files that hold several runs such as a W&B
    panel export) and ``context`` (a split hint such as ``validation``).
    """

    table: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunLog:
    """One run as read: its frame rows, where they came from, and what went wrong."""

    run: str
    source: str
    frame: pd.DataFrame
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return len(self.frame)

    @property
    def why_empty(self) -> str:
        """Why the run gave no points: the first file that could not be read, or what the
        reader found instead of points."""
        errors = self.meta.get("errors") or []
        if errors:
            return f"{errors[0][0]}: {errors[0][1]}"
        return self.meta.get("empty") or (self.warnings[0] if self.warnings else "no points")


def points_table(
    tag: Any,
    step: Any,
    value: Any,
    epoch: Any = None,
    wall_time: Any = None,
    **extra: Any,
) -> pd.DataFrame:
    """Build a reader's points table from columns (arrays or scalars broadcast)."""
    n = len(value)
    if isinstance(tag, str):
        tag = [tag] * n
    elif n == 0:
        tag = np.array([], dtype=object)  # an empty list would make a float column
    data = {
        "tag": tag,
        "step": np.asarray(step, dtype=np.int64),
        "epoch": np.full(n, np.nan) if epoch is None else np.asarray(epoch, dtype=np.float64),
        "wall_time": np.full(n, np.nan)
        if wall_time is None
        else np.asarray(wall_time, dtype=np.float64),
        "value": np.asarray(value, dtype=np.float64),
    }
    data.update(extra)
    # copy=False: the columns as given (a 5M-point TensorBoard file would copy 120 MB here).
    return pd.DataFrame(data, copy=False)


def empty_points() -> pd.DataFrame:
    return points_table([], [], [])


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype=DTYPES.get(column, "object"))
                          for column in COLUMNS})
    for column in STRING_COLUMNS:
        frame[column] = frame[column].astype("category")
    return frame


def _categorical(values: Any) -> pd.Categorical:
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        # remove_unused_categories, without its sort of every code
        codes = values.cat.codes.to_numpy()
        categories = values.cat.categories
        used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
        if used.all():
            return values.array
        renumber = np.full(len(categories) + 1, -1, dtype=np.int64)
        renumber[:-1][used] = np.arange(int(used.sum()))
        return pd.Categorical.from_codes(renumber[codes], categories[used],  # -1 stays -1
                                         ordered=values.cat.ordered)
    return pd.Categorical(values)


def build_frame(points: pd.DataFrame, run: str, source: str) -> pd.DataFrame:
    """Turn a reader's points into frame rows for ``run`` (in file order).

    A ``run`` column in ``points`` holds sub-run names that are appended to
    ``run`` (``sweep.csv`` + ``lr-0.1`` -> ``sweep.csv/lr-0.1``).
    """
    if points.empty:
        return empty_frame()
    tag = points["tag"]
    tags = _categorical(tag.astype(str) if tag.dtype == object else tag)
    if "context" in points.columns:
        contexts = _categorical(points["context"].fillna("").astype(str))
        pair_codes = pd.MultiIndex.from_arrays([tags, contexts])
        pairs = pair_codes.unique()
        named = [names.normalise(tag, context or None) for tag, context in pairs]
        indexer = pairs.get_indexer(pair_codes)
    else:
        named = [names.normalise(tag) for tag in tags.categories]
        indexer = tags.codes
    named = names.with_train_twins(named)
    metrics = np.array([metric for _, metric in named], dtype=object)
    # Map the per-tag names through codes: no per-row strings for a million-point file.
    split_codes = np.array([names.SPLITS.index(split) for split, _ in named], dtype=np.int8)
    metric_names = pd.Index(list(metrics), dtype=object)
    metric_categories = metric_names.unique()
    split_col = pd.Categorical.from_codes(split_codes[indexer], categories=list(names.SPLITS))
    metric_col = pd.Categorical.from_codes(metric_categories.get_indexer(metric_names)[indexer],
                                           categories=metric_categories)

    if "run" in points.columns:
        sub = points["run"].fillna("").astype(str)
        run_values = np.where(sub == "", run, (run.rstrip("/") + "/" + sub) if run else sub)
        run_col = pd.Categorical(run_values)
    else:
        run_col = pd.Categorical.from_codes(np.zeros(len(points), dtype=np.int8), [run])

    frame = pd.DataFrame(
        {
            "run": run_col,
            "source": pd.Categorical.from_codes(np.zeros(len(points), dtype=np.int8), [source]),
            "tag": tags,
            "split": split_col,
            "metric": metric_col,
            "step": points["step"].to_numpy(dtype=np.int64, copy=False),
            "epoch": points["epoch"].to_numpy(dtype=np.float64, copy=False),
            "wall_time": points["wall_time"].to_numpy(dtype=np.float64, copy=False),
            "value": points["value"].to_numpy(dtype=np.float64, copy=False),
        },
        copy=False,  # the reader's columns as they are: no 120 MB copy of a 5M-point file
    )
    return frame


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate frames, keeping the string columns categorical."""
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty_frame()
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    from pandas.api.types import union_categoricals

    out = {}
    for column in COLUMNS:
        if column in STRING_COLUMNS:
            parts = [frame[column] for frame in frames]
            if len({part.cat.categories.dtype for part in parts}) > 1:
                # Object and str categories: a frame that crossed a process boundary (a sweep
                # read in parallel) comes back with str ones. Same labels, same codes.
                parts = [pd.Categorical.from_codes(part.cat.codes,
                                                   part.cat.categories.astype(object))
                         for part in parts]
            out[column] = union_categoricals(parts, ignore_order=True)
        else:
            out[column] = np.concatenate([frame[column].to_numpy() for frame in frames])
    return pd.DataFrame(out)


def validate(frame: pd.DataFrame) -> None:
    """Raise AssertionError when ``frame`` breaks the schema (a bug, not user input)."""
    assert tuple(frame.columns) == COLUMNS, f"columns {list(frame.columns)} != {list(COLUMNS)}"
    for column, dtype in DTYPES.items():
        assert str(frame[column].dtype) == dtype, f"{column} is {frame[column].dtype}, not {dtype}"
    for column in STRING_COLUMNS:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), f"{column} not categorical"
    assert set(frame["split"].astype(str).unique()) <= set(names.SPLITS)


def series_codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Each row's series as a small integer, and the ``(split, metric)`` of each number.

    Series are numbered in order of first appearance (as ``groupby(sort=False)`` orders
    them); a row without a split or metric gets -1. The codes are int16 when they fit, so
    a stable argsort of them is a radix sort: a 5M-point frame is grouped in tens of ms.
    """
    split, metric = frame["split"], frame["metric"]
    if not isinstance(split.dtype, pd.CategoricalDtype):
        split = split.astype("category")
    if not isinstance(metric.dtype, pd.CategoricalDtype):
        metric = metric.astype("category")
    split_codes = split.cat.codes.to_numpy()
    metric_codes = metric.cat.codes.to_numpy()
    combined = split_codes.astype(np.int64) * len(metric.cat.categories) + metric_codes
    valid = (split_codes >= 0) & (metric_codes >= 0)
    everywhere = bool(valid.all())
    numbers, uniques = pd.factorize(combined if everywhere else combined[valid])
    dtype = np.int16 if len(uniques) < np.iinfo(np.int16).max else np.int32
    if everywhere:
        codes = numbers.astype(dtype)
    else:
        codes = np.full(len(frame), -1, dtype=dtype)
        codes[valid] = numbers
    splits, metrics = split.cat.categories, metric.cat.categories
    width = len(metrics)
    pairs = [(str(splits[int(u) // width]), str(metrics[int(u) % width])) for u in uniques]
    return codes, pairs


def series_names(frame: pd.DataFrame) -> list[str]:
    """User-facing series names in a frame (``val/loss``), in order of appearance."""
    if frame.empty:
        return []
    _, pairs = series_codes(frame)
    return [names.series_name(split, metric) for split, metric in pairs]
