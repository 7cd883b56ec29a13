"""MLflow tracking stores, read without mlflow: the file store (``mlruns/``) and the SQL store.

The file store (FORMATS.md §5.1) is a tree: ``<store>/<experiment_id>/meta.yaml`` names the
experiment, and each ``<store>/<experiment_id>/<run_id>/`` is one run: ``meta.yaml`` (run
name, status, start time, ``lifecycle_stage``), ``metrics/<key>``, ``params/<key>`` and
``tags/<key>``, one file per key, nested in sub-folders when the key holds ``/``
(``metrics/val/loss`` is the key ``val/loss``). A run is read from its ``meta.yaml``
(``MlflowRunReader``): every metric file under ``metrics/``, keys in sorted order, each file's
points in file order. A metric line is ``<timestamp ms> <value> <step>``; two fields are legal
(older MLflow, step 0); ``nan`` and ``inf`` are written literally and kept; a line that is
neither is skipped with a warning naming the file. ``wall_time`` is the timestamp / 1000.

The SQL store (FORMATS.md §5.2, ``mlflow.db``, the default since MLflow 3.7) is one SQLite
file holding every run (``MlflowDbReader``): points come from the ``metrics`` table in rowid
(insertion) order, which is the order MLflow wrote them; ``latest_metrics`` (one value per key)
is not a curve and is not read. ``is_nan`` rows are NaN (the stored value is a placeholder)
and MLflow stores ±inf as ±``sys.float_info.max``, which is read back as ±inf.

Both stores: a run's id is ``<experiment name>/<run name>`` (the run id when it has no name);
in one store, runs that share it keep it for the earliest started and get `` (<first 8 chars
of the run id>)`` added for the others. Deleted runs (``lifecycle_stage: deleted``; in the SQL
store also the runs of a deleted experiment; in the file store ``.trash/``) are not read.
Params become ``meta["hparams"]`` (a value becomes an int, float or bool when that value
printed by Python gives back the text exactly, as MLflow stored ``str(value)``; else it stays
a string); user tags (not ``mlflow.*``) go to ``meta["tags"]``; run bookkeeping to
``meta["mlflow"]``. A SQL store holds several runs, so its per-run meta is in
``meta["by_run"]`` keyed by the run's id.

SQLite files are opened read-only (``mode=ro``) and read in short queries of ``CHUNK_ROWS``
rows, each its own read transaction, so a live tracking server is never held up for longer
than one chunk; nothing is ever written (see ``open_read_only`` for WAL databases).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from curvecli import safeio
from curvecli.errors import FormatError, NoLogsError, NotAFileError, printable
from curvecli.frame import Points, points_table
from curvecli.readers.base import MAX_STEP, Reader, check_not_pointer, decode_text, read_head

SOURCE = "mlflow"
META_FILE = "meta.yaml"
METRICS_DIR, PARAMS_DIR, TAGS_DIR = "metrics", "params", "tags"
# Folders MLflow owns inside a run and inside an experiment: discovery never walks them (their
# files are read by this module, or are not logs: datasets, traces, logged models).
RUN_OWNED_DIRS = frozenset({METRICS_DIR, PARAMS_DIR, TAGS_DIR, "inputs", "outputs"})
EXPERIMENT_OWNED_DIRS = frozenset({TAGS_DIR, "datasets", "traces", "models"})
DELETED = "deleted"
RUN_NAME_TAG = "mlflow.runName"
PARENT_RUN_TAG = "mlflow.parentRunId"
SYSTEM_TAG_PREFIX = "mlflow."
# File-store run status (mlflow.entities.RunStatus); the SQL store writes the names.
RUN_STATUS = {1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"}
MS_PER_SECOND = 1000.0
SHORT_ID = 8  # characters of a run id added to tell apart runs that share a name
MAX_SMALL_FILE = 1 << 20  # meta.yaml, a param or a tag larger than this is not MLflow's
DB_NAME = "mlflow.db"  # MLflow's default SQL store file: claimed by name
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_BYTES = 100  # the database header: magic, page size, format versions
CHUNK_ROWS = 100_000
BUSY_TIMEOUT_S = 5.0  # how long a read waits while a writer commits
_WAL_MODE = 2  # header bytes 18 and 19 (read/write format version) are 2 in WAL mode
_INF_STORED = sys.float_info.max  # what MLflow's SQL store writes for inf
_KEY_LINE = re.compile(rb"^(run_uuid|run_id|artifact_location|experiment_id|model_id):",
                       re.MULTILINE)


# --- small files: meta.yaml, params, tags ----------------------------------------------------


def _small_text(path: Path) -> str | None:
    try:
        with safeio.open_regular(path) as handle:
            data = handle.read(MAX_SMALL_FILE + 1)
    except OSError:  # a FIFO or a device too (NotAFileError)
        return None
    return None if len(data) > MAX_SMALL_FILE else decode_text(data)


def load_meta(path: Path) -> dict[str, Any]:
    """A ``meta.yaml`` as a dict ({} when missing, too big or not a YAML mapping)."""
    import yaml

    text = _small_text(path)
    if text is None:
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when present
    try:
        data = loader.get_single_data()
    except (ValueError, RecursionError, yaml.YAMLError):
        return {}
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else {}


def meta_kind(folder: Path) -> str | None:
    """``run``, ``experiment`` or None: what the ``meta.yaml`` in ``folder`` describes, from
    the keys at the start of its lines (a run has ``run_uuid``/``run_id``; an experiment has
    ``artifact_location`` and ``experiment_id`` and no run id; a logged model has
    ``model_id``). Cheap (one 4 KiB read) and never raises."""
    try:
        head = read_head(folder / META_FILE)
    except OSError:
        return None
    keys = {match.group(1) for match in _KEY_LINE.finditer(head)}
    if keys & {b"run_uuid", b"run_id"}:
        return "run"
    if {b"artifact_location", b"experiment_id"} <= keys and b"model_id" not in keys:
        return "experiment"
    return None


def parse_value(text: str) -> Any:
    """A param as MLflow stored it (``str(value)``): an int, float or bool when printing that
    value gives back ``text`` exactly (``32``, ``0.001``, ``True``), else the text."""
    if text in ("True", "False"):
        return text == "True"
    for kind in (int, float):
        try:
            value = kind(text)
        except (ValueError, OverflowError):
            continue
        if str(value) == text:
            return value
    return text


def _key_files(folder: Path) -> dict[str, str]:
    """``<key>`` -> content of every file under ``folder`` (keys with ``/`` are nested
    folders), in sorted key order. Missing folder: {}."""
    found: dict[str, str] = {}
    for path, key in _files_by_key(folder):
        text = _small_text(path)
        if text is not None:
            found[key] = text
    return found


def _files_by_key(folder: Path) -> list[tuple[Path, str]]:
    """(file, key) under ``folder``, the key being the file's path relative to it."""
    found = []
    for base, _, entries in safeio.walk(folder, on_error=lambda error: None):
        prefix = base.relative_to(folder).as_posix()
        for entry in entries:
            key = entry.name if prefix == "." else f"{prefix}/{entry.name}"
            found.append((base / entry.name, key))
    return sorted(found, key=lambda item: item[1])


# --- run names --------------------------------------------------------------------------------


@dataclass
class RunIdentity:
    """What names a run of a store: discovery builds run ids from it."""

    run_id: str
    run_name: str
    experiment: str
    start_time: float
    deleted: bool

    @property
    def label(self) -> str:
        """``<experiment name>/<run name>``, made printable (``/`` at the ends dropped)."""
        experiment = self.experiment.strip("/")
        name = self.run_name or self.run_id
        return printable(f"{experiment}/{name}" if experiment else name)


@lru_cache(maxsize=4096)
def _experiment_name(meta_path: str, mtime_ns: int) -> str:
    return str(load_meta(Path(meta_path)).get("name") or "")


def experiment_name(experiment_dir: Path) -> str:
    """The ``name`` in an experiment's ``meta.yaml`` (its folder name when it has none)."""
    meta_path = experiment_dir / META_FILE
    try:
        mtime = os.stat(meta_path).st_mtime_ns
    except OSError:
        return experiment_dir.name
    return _experiment_name(str(meta_path), mtime) or experiment_dir.name


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def run_identity(meta_path: Path) -> RunIdentity:
    """The identity of the file-store run whose ``meta.yaml`` is ``meta_path``: its name from
    ``run_name`` (else the ``mlflow.runName`` tag, else the run id)."""
    meta = load_meta(meta_path)
    run_dir = meta_path.parent
    run_id = _text(meta.get("run_id") or meta.get("run_uuid")) or run_dir.name
    name = _text(meta.get("run_name"))
    if not name:
        name = (_small_text(run_dir / TAGS_DIR / RUN_NAME_TAG) or "").strip()
    start = meta.get("start_time")
    start = float(start) if isinstance(start, (int, float)) else math.inf
    return RunIdentity(run_id, name, experiment_name(run_dir.parent), start,
                       meta.get("lifecycle_stage") == DELETED)


def unique_labels(identities: list[RunIdentity]) -> list[str]:
    """Each run's label, unique within one store: the earliest started run (then the lowest
    run id) keeps a shared label; the others get `` (<first 8 chars of their run id>)``."""
    order = sorted(range(len(identities)),
                   key=lambda i: (identities[i].start_time, identities[i].run_id))
    labels = [identity.label for identity in identities]
    seen: set[str] = set()
    for index in order:
        label = labels[index]
        if label in seen:
            labels[index] = f"{label} ({printable(identities[index].run_id[:SHORT_ID])})"
        seen.add(label)
    return labels


# --- the file store ---------------------------------------------------------------------------


@dataclass
class _MetricLines:
    """The points of one metric file, and how many lines were not ``timestamp value step``."""

    times: list[int]
    values: list[float]
    steps: list[int]
    bad: int = 0


def parse_metric(data: bytes) -> _MetricLines:
    """A file-store metric file: ``<timestamp> <value> [<step>]`` per line (step 0 when
    absent), in file order. Blank lines are ignored; other lines are counted as bad."""
    found = _MetricLines([], [], [])
    for line in data.splitlines():
        fields = line.split()
        if not fields:
            continue
        if len(fields) not in (2, 3):
            found.bad += 1
            continue
        try:
            timestamp, value = int(fields[0]), float(fields[1])
            step = int(fields[2]) if len(fields) == 3 else 0
        except ValueError:
            found.bad += 1
            continue
        if abs(step) > MAX_STEP:
            found.bad += 1
            continue
        found.times.append(timestamp)
        found.values.append(value)
        found.steps.append(step)
    return found


def _run_meta(run_dir: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """A file-store run's ``meta``: params as ``hparams``, user tags, and bookkeeping."""
    tags = _key_files(run_dir / TAGS_DIR)
    status = meta.get("status")
    info = {
        "run_id": _text(meta.get("run_id") or meta.get("run_uuid")) or run_dir.name,
        "run_name": _text(meta.get("run_name")) or tags.get(RUN_NAME_TAG, ""),
        "experiment_id": _text(meta.get("experiment_id")),
        "experiment": experiment_name(run_dir.parent),
        "status": RUN_STATUS.get(status, _text(status)) if isinstance(status, int)
        else _text(status),
        "start_time": meta.get("start_time"),
        "end_time": meta.get("end_time"),
    }
    if PARENT_RUN_TAG in tags:
        info["parent_run_id"] = tags[PARENT_RUN_TAG]
    params = _key_files(run_dir / PARAMS_DIR)
    return {
        "hparams": {key: parse_value(value) for key, value in params.items()},
        "tags": {key: value for key, value in tags.items()
                 if not key.startswith(SYSTEM_TAG_PREFIX)},
        "mlflow": info,
    }


def read_run_dir(run_dir: Path) -> Points:
    """Every point of a file-store run: metric keys in sorted order, each file in file order."""
    tags: list[np.ndarray] = []
    steps: list[Any] = []
    values: list[Any] = []
    walls: list[Any] = []
    warnings: list[str] = []
    for path, key in _files_by_key(run_dir / METRICS_DIR):
        try:
            data = safeio.read_all(path)
        except NotAFileError as error:
            warnings.append(f"{METRICS_DIR}/{key}: {error.message}")
            continue
        except OSError as error:
            warnings.append(f"{METRICS_DIR}/{key}: cannot read: {error.strerror or error}")
            continue
        found = parse_metric(data)
        if found.bad:
            warnings.append(f"{METRICS_DIR}/{key}: skipped {found.bad} line(s) that are not "
                            "'<timestamp> <value> <step>'")
        tags.append(np.full(len(found.values), key, dtype=object))
        steps.append(np.asarray(found.steps, dtype=np.int64))
        values.append(np.asarray(found.values, dtype=np.float64))
        walls.append(np.asarray(found.times, dtype=np.float64))
    if not tags:
        return Points(points_table([], [], []), [printable(warning) for warning in warnings])
    wall_time = np.concatenate(walls) / MS_PER_SECOND
    table = points_table(np.concatenate(tags), np.concatenate(steps), np.concatenate(values),
                         wall_time=wall_time)
    return Points(table, [printable(warning) for warning in warnings])


class MlflowRunReader(Reader):
    """One run of an MLflow file store, read from its ``meta.yaml`` (see the module doc)."""

    name = "mlflow"
    source = SOURCE
    layout = "mlflow_run"

    def claims_name(self, path: Path) -> bool:
        """A ``meta.yaml`` beside a ``metrics/`` folder is a file-store run."""
        path = Path(path)
        return path.name == META_FILE and (path.parent / METRICS_DIR).is_dir()

    def sniff(self, head: bytes, path: Path) -> bool:
        return self.claims_name(path) and b"run_" in head

    def identity(self, path: Path) -> RunIdentity:
        return run_identity(Path(path))

    def read(self, path: Path) -> Points:
        path = Path(path)
        run_dir = path if path.is_dir() else path.parent
        meta_path = run_dir / META_FILE
        try:
            head = read_head(meta_path)
        except FileNotFoundError:
            raise NoLogsError("no meta.yaml: not an MLflow run folder", run_dir) from None
        except OSError as error:
            raise FormatError(f"cannot read: {error.strerror or error}", meta_path) from None
        check_not_pointer(head, meta_path)
        meta = load_meta(meta_path)
        if not meta:
            raise FormatError("meta.yaml is not an MLflow run's YAML mapping", meta_path)
        points = read_run_dir(run_dir)
        points.meta.update(_run_meta(run_dir, meta))
        return points


# --- read-only SQLite (shared with the trackio reader) ----------------------------------------


def is_sqlite(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


def _wal_mode(head: bytes) -> bool:
    return len(head) > 19 and head[18] == _WAL_MODE and head[19] == _WAL_MODE


def _connect(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                 check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    # Text in a damaged file may not be UTF-8: decode it leniently, never raise on it.
    connection.text_factory = _lenient_text
    return connection


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _store_head(path: Path) -> bytes:
    """The SQLite header (first 100 bytes) of a store file; an unreadable file is a
    ``FormatError`` naming it (a FIFO or a device stays ``NotAFileError``)."""
    try:
        return read_head(path, SQLITE_HEADER_BYTES)
    except NotAFileError:
        raise
    except OSError as error:
        raise FormatError(f"cannot read: {error.strerror or error}", path) from None


@contextmanager
def open_read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the SQLite file ``path``, closed on exit.

    ``mode=ro`` never writes the database. A WAL-mode database (trackio's) opened that way
    would still get ``-wal``/``-shm`` files created beside it, so when it has no ``-wal`` file
    (no writer has it open) it is read as ``immutable`` (no side files, no locks), and the
    caller must check with ``unchanged`` that the file did not change meanwhile.
    """
    immutable = _wal_mode(_store_head(path)) and not os.path.exists(f"{path}-wal")
    try:
        connection = _connect(path, immutable)
    except sqlite3.Error as error:
        raise FormatError(f"cannot open as SQLite: {error}", path) from None
    try:
        yield connection
    finally:
        connection.close()


def read_consistently(path: Path, read: Any) -> Any:
    """``read(connection)`` on a read-only connection; read again (``mode=ro``) when the file
    changed during an ``immutable`` read. SQLite errors become a ``FormatError`` naming the
    file (a corrupt or locked database)."""
    before = _signature(path)
    try:
        with open_read_only(path) as connection:
            result = read(connection)
        if _signature(path) == before and not os.path.exists(f"{path}-wal"):
            return result
        with open_read_only(path) as connection:  # a writer came: read under its locks
            return read(connection)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        # A damaged schema makes SQLite's own error message undecodable: still a bad file.
        raise FormatError(f"not a readable SQLite database: {error}", path) from None


def read_sqlite_store(path: Path, read: Any) -> Any:
    """``read(connection)`` of an SQLite store file (MLflow's, trackio's): a Git LFS pointer,
    an empty file or a file without SQLite's header is a ``FormatError`` naming it; then
    ``read_consistently``."""
    head = _store_head(path)
    check_not_pointer(head, path)
    if not is_sqlite(head):
        raise FormatError("not an SQLite database (no 'SQLite format 3' header)", path)
    try:
        return read_consistently(path, read)
    except NoLogsError as error:
        raise NoLogsError(error.message, path) from None


def table_columns(connection: sqlite3.Connection) -> dict[str, set[str]]:
    """Table name -> its column names."""
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {row[1] for row in connection.execute(
        f"PRAGMA table_info(\"{table.replace(chr(34), chr(34) * 2)}\")")} for table in tables}


def sniff_tables(head: bytes, path: Path) -> dict[str, set[str]]:
    """The tables of an SQLite file (``{}`` when it is not one or cannot be opened); a sniff
    helper, so it never raises."""
    if not is_sqlite(head):
        return {}
    try:
        return read_consistently(Path(path), table_columns)
    except Exception:  # noqa: BLE001 - a sniff never raises
        return {}


def chunks(connection: sqlite3.Connection, query: str, params: tuple = ()) -> Iterator[list]:
    """The rows of ``query`` (which must select ``rowid`` first and take ``:after`` and
    ``:limit``) in chunks of ``CHUNK_ROWS``, each chunk its own short read."""
    after = -(2**63)
    while True:
        rows = connection.execute(query, {"after": after, "limit": CHUNK_ROWS}).fetchall()
        if not rows:
            return
        yield rows
        if len(rows) < CHUNK_ROWS:
            return
        after = rows[-1][0]


# --- the SQL store ----------------------------------------------------------------------------

_RUNS_QUERY = """
SELECT r.rowid, r.run_uuid, r.name, r.experiment_id, r.lifecycle_stage, r.status,
       r.start_time, r.end_time, e.name, e.lifecycle_stage
FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id
"""
# Each point with its run as the run's rowid (an int: cheaper than its 32-character uuid),
# a NaN-flagged value as NULL, in metrics' rowid (insertion) order. CROSS JOIN keeps metrics
# the outer loop (SQLite never reorders it), so a chunk is a rowid range scan, never a sort.
_METRICS_QUERY = """
SELECT m.rowid, r.rowid, m.key, m.step, m.timestamp, {value} FROM metrics m
CROSS JOIN runs r ON r.run_uuid = m.run_uuid
WHERE m.rowid > :after ORDER BY m.rowid LIMIT :limit
"""
_VALUE_WITH_NAN = "CASE WHEN m.is_nan THEN NULL ELSE m.value END"
_PARAMS_QUERY = "SELECT run_uuid, key, value FROM params"
_TAGS_QUERY = "SELECT run_uuid, key, value FROM tags"
DB_TABLES = {"metrics": {"run_uuid", "key", "value", "timestamp", "step"},
             "runs": {"run_uuid", "name", "experiment_id"}}


def is_mlflow_db(tables: dict[str, set[str]]) -> bool:
    return all(columns <= tables.get(table, set()) for table, columns in DB_TABLES.items())


@dataclass
class _DbRun:
    ref: int  # the run's rowid in the runs table
    identity: RunIdentity
    info: dict[str, Any]


def _db_runs(connection: sqlite3.Connection) -> dict[str, _DbRun]:
    """run_uuid -> the run, for runs neither deleted nor in a deleted experiment."""
    found = {}
    for (ref, run_uuid, name, experiment_id, stage, status, start, end, experiment,
         experiment_stage) in connection.execute(_RUNS_QUERY).fetchall():
        run_uuid = _text(run_uuid)
        start_time = float(start) if isinstance(start, (int, float)) else math.inf
        deleted = DELETED in (stage, experiment_stage)
        identity = RunIdentity(run_uuid, _text(name), _text(experiment), start_time, deleted)
        if not deleted:
            found[run_uuid] = _DbRun(ref, identity, {
                "run_id": run_uuid, "run_name": _text(name),
                "experiment_id": _text(experiment_id), "experiment": _text(experiment),
                "status": _text(status), "start_time": start, "end_time": end})
    return found


def _key_values(connection: sqlite3.Connection, query: str, tables: dict[str, set[str]],
                table: str) -> dict[str, dict[str, str]]:
    """run_uuid -> {key: value} from the params or tags table ({} without the table)."""
    if table not in tables:
        return {}
    found: dict[str, dict[str, str]] = {}
    for run_uuid, key, value in connection.execute(query).fetchall():
        found.setdefault(_text(run_uuid), {})[_text(key)] = _text(value)
    return found


@dataclass
class _DbContent:
    runs: dict[str, _DbRun]
    params: dict[str, dict[str, str]]
    tags: dict[str, dict[str, str]]
    rows: list[tuple]


def _read_db(connection: sqlite3.Connection) -> _DbContent:
    tables = table_columns(connection)
    if not is_mlflow_db(tables):
        raise NoLogsError("no MLflow 'metrics' and 'runs' tables: not an MLflow SQL store")
    runs = _db_runs(connection)
    params = _key_values(connection, _PARAMS_QUERY, tables, "params")
    tags = _key_values(connection, _TAGS_QUERY, tables, "tags")
    value = _VALUE_WITH_NAN if "is_nan" in tables["metrics"] else "m.value"
    query = _METRICS_QUERY.format(value=value)
    rows = [row for chunk in chunks(connection, query) for row in chunk]
    return _DbContent(runs, params, tags, rows)


def floats(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Float64 of an object array of SQLite values (NULL is NaN), and how many were neither a
    number nor NULL (those are NaN too)."""
    try:
        return values.astype(np.float64), 0
    except (TypeError, ValueError):
        numbers = [v if isinstance(v, (int, float)) or v is None else math.nan for v in values]
        return np.array(numbers, dtype=np.float64), sum(
            1 for v in values if not isinstance(v, (int, float)) and v is not None)


def integers(values: np.ndarray) -> np.ndarray:
    """Int64 of an object array of SQLite values; anything not an int in range is 0."""
    try:
        return values.astype(np.int64)
    except (TypeError, ValueError, OverflowError):
        return np.array([v if isinstance(v, int) and abs(v) <= MAX_STEP else 0 for v in values],
                        dtype=np.int64)


def _db_points(content: _DbContent, labels: dict[int, str]) -> tuple[Any, int]:
    """The points table of the rows of the runs in ``labels`` (run rowid -> run id), and how
    many rows had a value that is not a number."""
    if not content.rows:
        return points_table([], [], [], run=np.array([], dtype=object)), 0
    columns = np.array(content.rows, dtype=object)  # 4x faster than zip(*rows)
    refs, keys, steps, times, raw = (columns[:, index] for index in range(1, 6))
    refs = refs.astype(np.int64)
    known = np.array(sorted(labels), dtype=np.int64)
    slot = np.clip(np.searchsorted(known, refs), 0, max(len(known) - 1, 0))
    keep = known[slot] == refs if len(known) else np.zeros(len(refs), dtype=bool)
    values, not_numbers = floats(raw)
    values[values == _INF_STORED] = math.inf
    values[values == -_INF_STORED] = -math.inf
    run = np.array([labels[ref] for ref in known.tolist()], dtype=object)[slot]
    table = points_table(keys, integers(steps), values,
                         wall_time=floats(times)[0] / MS_PER_SECOND, run=run)
    return (table if keep.all() else table[keep].reset_index(drop=True)), not_numbers


class MlflowDbReader(Reader):
    """MLflow's SQL store in SQLite (``mlflow.db``): every run in it (see the module doc)."""

    name = "mlflow_db"
    source = SOURCE
    layout = "store"

    def claims_name(self, path: Path) -> bool:
        """``mlflow.db`` is MLflow's store whatever it holds (read() says what is wrong)."""
        return Path(path).name == DB_NAME

    def sniff(self, head: bytes, path: Path) -> bool:
        return is_mlflow_db(sniff_tables(head, path))

    def read(self, path: Path) -> Points:
        path = Path(path)
        content = read_sqlite_store(path, _read_db)
        uuids = list(content.runs)
        names = unique_labels([content.runs[uuid].identity for uuid in uuids])
        labels = dict(zip(uuids, names))
        table, not_numbers = _db_points(
            content, {content.runs[uuid].ref: labels[uuid] for uuid in uuids})
        warnings = [] if not not_numbers else [
            f"{not_numbers} metric row(s) hold a value that is not a number; kept as NaN"]
        by_run = {labels[uuid]: {
            "hparams": {key: parse_value(value)
                        for key, value in content.params.get(uuid, {}).items()},
            "tags": {key: value for key, value in content.tags.get(uuid, {}).items()
                     if not key.startswith(SYSTEM_TAG_PREFIX)},
            "mlflow": content.runs[uuid].info} for uuid in uuids}
        if not uuids:
            raise NoLogsError("no runs in this MLflow store (all deleted, or none logged)", path)
        return Points(table, warnings, {"runs": names, "by_run": by_run})
