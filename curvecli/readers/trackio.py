"""trackio (Hugging Face's local tracker): a project's SQLite database, ``<project>.db``.

trackio keeps one database per project (``~/.cache/huggingface/trackio/<project>.db``, or
``$TRACKIO_DIR``), named after the project's canonical name, which is the project here. Its
``metrics`` table has one row per ``trackio.log`` call: ``run_name``, ``step``, an ISO 8601
``timestamp`` and a JSON object ``metrics``; newer versions add ``run_id``, which tells apart
runs that share a name. ``configs`` holds each run's config (``trackio.init(config=...)``).

Rows are read in ``id`` (insertion) order, which is the order they were logged. In a row's
object, every number is a point at the row's step (``wall_time`` is the row's timestamp); the
strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` are how trackio writes non-finite
floats and are kept as NaN/±inf; booleans, other strings, lists and dicts (media, histograms,
tables) are not points, and strings in a key that elsewhere holds numbers are reported in a
warning. ``system_metrics`` (CPU/GPU usage) is not read.

A run's id is ``<project>/<run name>``; runs of one database that share it keep it for the
first logged and get `` (<first 8 chars of the run id>)`` added for the others (as MLflow's
runs, ``mlflow.unique_labels``). The config becomes ``meta["hparams"]`` (trackio's own keys,
those starting with ``_``, are left out); the database holds several runs, so the per-run
meta is in ``meta["by_run"]`` keyed by the run's id. The file is opened read-only and read in
short chunks, as MLflow's (``mlflow.read_consistently``).
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from curvecli.errors import NoLogsError, printable, short_list
from curvecli.frame import Points, points_table
from curvecli.readers.base import LISTED, MAX_STEP, Reader, json_number
from curvecli.readers.mlflow import (
    RunIdentity,
    chunks,
    read_sqlite_store,
    sniff_tables,
    table_columns,
    unique_labels,
)

SOURCE = "trackio"
METRICS_COLUMNS = frozenset({"run_name", "step", "timestamp", "metrics"})
PRIVATE_PREFIX = "_"  # trackio's own config keys: _Username, _Created, _Group
_BY_NAME = "name:"  # run key prefix of a run told apart by its name (no run_id column)


def is_trackio_db(tables: dict[str, set[str]]) -> bool:
    return METRICS_COLUMNS <= tables.get("metrics", set())


def _metrics_query(has_run_id: bool) -> str:
    run_id = "run_id" if has_run_id else "NULL"
    return (f"SELECT rowid, {run_id}, run_name, step, timestamp, metrics FROM metrics "
            "WHERE rowid > :after ORDER BY rowid LIMIT :limit")


def _configs_query(columns: set[str]) -> str:
    run_id = "run_id" if "run_id" in columns else "NULL"
    return f"SELECT {run_id}, run_name, config FROM configs ORDER BY rowid"


@dataclass
class _Content:
    rows: list[tuple] = field(default_factory=list)
    configs: list[tuple] = field(default_factory=list)


def _read_db(connection: sqlite3.Connection) -> _Content:
    tables = table_columns(connection)
    if not is_trackio_db(tables):
        raise NoLogsError("no trackio 'metrics' table with run_name, step, timestamp, metrics")
    content = _Content()
    query = _metrics_query("run_id" in tables["metrics"])
    content.rows = [row for chunk in chunks(connection, query) for row in chunk]
    configs = tables.get("configs", set())
    if {"run_name", "config"} <= configs:
        content.configs = connection.execute(_configs_query(configs)).fetchall()
    return content


def _run_key(run_id: Any, run_name: Any) -> str:
    """What tells runs apart: the run id when the table has one, else the run name."""
    return str(run_id) if run_id is not None else f"{_BY_NAME}{run_name}"


def _wall_time(stamp: Any, cache: dict) -> float:
    """Unix seconds of an ISO 8601 timestamp (UTC when it has no zone); NaN when it is not
    one. Rows of one ``trackio.log`` batch share a stamp, so each is parsed once."""
    if stamp in cache:
        return cache[stamp]
    try:
        moment = datetime.fromisoformat(str(stamp))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        seconds = moment.timestamp()
    except (ValueError, OverflowError, OSError):
        seconds = math.nan
    cache[stamp] = seconds
    return seconds


@dataclass
class _Points:
    """Collects points row by row, in row order."""

    tags: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    numeric: set[str] = field(default_factory=set)
    non_numeric: Counter = field(default_factory=Counter)
    bad_rows: int = 0

    def add_row(self, run: str, step: int, wall: float, metrics: dict) -> None:
        for key, raw in metrics.items():
            value = json_number(raw)  # trackio/utils.py serialize_values
            if value is None:
                if isinstance(raw, str):
                    self.non_numeric[key] += 1
                continue
            self.tags.append(key)
            self.steps.append(step)
            self.walls.append(wall)
            self.values.append(value)
            self.runs.append(run)
            self.numeric.add(key)

    def warnings(self) -> list[str]:
        found = []
        if self.bad_rows:
            found.append(f"skipped {self.bad_rows} metrics row(s) without a JSON object "
                         "or an integer step")
        mixed = [key for key in self.non_numeric if key in self.numeric]
        if mixed:
            found.append("skipped non-numeric values in numeric series: " + short_list(
                [f"{key} ({self.non_numeric[key]})" for key in mixed], LISTED))
        return [printable(warning) for warning in found]


def _labels(content: _Content, project: str) -> dict[str, str]:
    """Run key -> ``<project>/<run name>``, unique in the database (first logged keeps it)."""
    first: dict[str, RunIdentity] = {}
    for order, (_, run_id, run_name, *_rest) in enumerate(content.rows):
        key = _run_key(run_id, run_name)
        if key not in first:
            first[key] = RunIdentity(str(run_id or ""), str(run_name), project, order, False)
    for run_id, run_name, _ in content.configs:  # a run that logged no metrics yet
        key = _run_key(run_id, run_name)
        if key not in first:
            first[key] = RunIdentity(str(run_id or ""), str(run_name), project, math.inf, False)
    keys = list(first)
    return dict(zip(keys, unique_labels([first[key] for key in keys])))


def _points(content: _Content, labels: dict[str, str]) -> _Points:
    found, stamps = _Points(), {}
    for _, run_id, run_name, step, stamp, blob in content.rows:
        try:
            metrics = orjson.loads(blob)
        except (orjson.JSONDecodeError, TypeError):
            metrics = None
        if not isinstance(metrics, dict) or not isinstance(step, int) or abs(step) > MAX_STEP:
            found.bad_rows += 1
            continue
        found.add_row(labels[_run_key(run_id, run_name)], step, _wall_time(stamp, stamps),
                      metrics)
    return found


def _by_run(content: _Content, labels: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each run's meta: its config (trackio's ``_`` keys left out) and its ids."""
    by_run: dict[str, dict[str, Any]] = {}
    for key, label in labels.items():
        run_id = None if key.startswith(_BY_NAME) else key
        by_run[label] = {"hparams": {}, "trackio": {"run_id": run_id}}
    for run_id, run_name, blob in content.configs:
        label = labels.get(_run_key(run_id, run_name))
        try:
            config = orjson.loads(blob)
        except (orjson.JSONDecodeError, TypeError):
            continue
        if label is None or not isinstance(config, dict):
            continue
        by_run[label]["hparams"] = {key: value for key, value in config.items()
                                    if not str(key).startswith(PRIVATE_PREFIX)}
        by_run[label]["trackio"]["group"] = config.get("_Group")
    return by_run


class TrackioReader(Reader):
    """A trackio project database, ``<project>.db`` (see the module docstring)."""

    name = "trackio"
    source = SOURCE
    layout = "store"

    def sniff(self, head: bytes, path: Path) -> bool:
        return is_trackio_db(sniff_tables(head, path))

    def read(self, path: Path) -> Points:
        path = Path(path)
        content = read_sqlite_store(path, _read_db)
        project = printable(path.stem)
        labels = _labels(content, project)
        if not labels:
            raise NoLogsError("no runs in this trackio project", path)
        found = _points(content, labels)
        table = points_table(found.tags, found.steps, found.values,
                             wall_time=np.asarray(found.walls, dtype=np.float64),
                             run=np.asarray(found.runs, dtype=object))
        meta = {"runs": list(labels.values()), "by_run": _by_run(content, labels)}
        return Points(table, found.warnings(), meta)
