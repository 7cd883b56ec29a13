"""Weights & Biases logs: the offline ``.wandb`` file, history exports, panel and runs-table CSVs.

This module owns every W&B input (FORMATS.md §3): the ``run-<id>.wandb`` transaction log of a
local run directory (LevelDB-log framing, read here with the standard library; each record is a
``wandb_internal.Record`` protobuf, decoded with the ``wandb`` package when it is installed and
with a small built-in wire walker when it is not, both giving the same points);
``run.history()`` / ``scan_history()`` exports as CSV, JSON or JSONL and the legacy
``wandb-history.jsonl``; the chart panel's "Export -> CSV" (several runs per file, ``__MIN`` /
``__MAX`` envelopes); and the runs-table CSV export (one row of summary values per run).
Every CSV among them is read by the CSV family's loader (``csv_logs.load_text``: separator
detection, BOM, latin-1, ragged rows, missing tokens, formatted numbers), so it follows the same
rules as every other CSV; only what a cell means is decided here.

A history row becomes points like this: the step is the row's ``train/global_step`` (HF's
WandbCallback, FORMATS §1.5) or ``trainer/global_step`` (Lightning's WandbLogger) when it has one,
else ``_step`` (a row without one comes one after the row before); ``_timestamp`` is the wall
time and ``train/epoch`` or ``epoch`` fills the epoch column. ``_step``, ``_runtime``,
``_timestamp`` and the step key are coordinates, not points. Every other numeric value is a
point whose tag is its key (nested keys joined with ``.``); ``"NaN"`` / ``"Infinity"`` strings
count as numbers; booleans, strings, lists and media dicts (``{"_type": ...}``, or their parts
once wandb-core has split them) are not points, and strings in a key that elsewhere holds numbers
are reported in a warning.

The runs table has no step column: it holds each run's last (summary) values, so every metric
value becomes one point at step 0 and a warning says there are no curves. Its columns are
bookkeeping (Name, Created, Runtime, State, ...), config and summary metrics, and the export
gives no marker between config and metrics. The W&B UI lists config columns before summary
columns, so a column counts as a metric when it is, or comes after, the first column whose name
looks like a metric: namespaced (``train/acc``), or naming a split or a known metric
(``val_loss``, ``accuracy``). Columns before it (``augment_probability``) are config and go to
each run's ``meta["config"]`` (``meta["by_run"]``; numbers and booleans typed). When no name
looks like a metric, every numeric column is kept.
"""

from __future__ import annotations

import json
import math
import re
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from curvecli import names, safeio
from curvecli.errors import (
    CurveError,
    FormatError,
    MissingExtraError,
    short_list,
)
from curvecli.frame import Points, points_table
from curvecli.readers import csv_logs, protowire
from curvecli.readers.base import (
    LISTED,
    Reader,
    check_not_pointer,
    decode_text,
    json_lines,
    read_errors,
    read_json_whole,
)
from curvecli.readers.protowire import FIXED64, LENGTH_DELIMITED, VARINT, WireError

SOURCE = "wandb"
INSTALL_HINT = "pip install 'curvecli[wandb]'"

# Keys W&B adds to every history row: the row's coordinates, never metric points.
ROW_KEYS = frozenset({"_step", "_runtime", "_timestamp"})
# Custom x axes that integrations log next to every metric (define_metric(step_metric=...)).
STEP_KEYS = ("train/global_step", "trainer/global_step")
EPOCH_KEYS = ("train/epoch", "epoch")
# How W&B spells non-finite floats when it writes them as JSON strings (wandb/util.py).
NON_FINITE = {
    "nan": math.nan,
    "infinity": math.inf,
    "+infinity": math.inf,
    "-infinity": -math.inf,
    "inf": math.inf,
    "+inf": math.inf,
    "-inf": -math.inf,
}
# Files of a run directory that look like history rows but are not logs.
NOT_LOGS = frozenset({"wandb-summary.json", "wandb-metadata.json", "config.yaml"})
SUMMARY_FILE = "wandb-summary.json"

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1

# --- the .wandb file (FORMATS §3.5, wandb/sdk/internal/datastore.py) -----------------------------

FILE_HEADER = struct.Struct("<4sHB")
FILE_IDENT = b":W&B"
FILE_MAGIC = 0xBEE1
FILE_VERSION = 0
FILE_PREFIX = FILE_IDENT + struct.pack("<H", FILE_MAGIC)
BLOCK_SIZE = 32768
RECORD_HEADER = struct.Struct("<IHB")
FULL, FIRST, MIDDLE, LAST = 1, 2, 3, 4
_TYPE_CRC = [zlib.crc32(bytes([kind])) for kind in range(256)]

# Field numbers of wandb_internal.proto used by the built-in decoder.
_RECORD_ONEOF = frozenset(
    {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 100}
)
_HISTORY, _SUMMARY, _CONFIG, _RUN = 2, 3, 5, 17
_RUN_INFO_FIELDS = {1: "run_id", 2: "entity", 3: "project", 8: "display_name"}
_RUN_CONFIG, _RUN_SUMMARY = 4, 5
_DOUBLE = struct.Struct("<d")


def _read_bytes(path: Path) -> bytes:
    """A history export whole (``read_json_whole``)."""
    return read_json_whole(path, "W&B history")


# --- values and rows (shared by every reader here) ----------------------------------------------


def _loads(text: str) -> Any:
    """A JSON value as W&B wrote it (bare NaN/Infinity allowed); bad JSON stays a string."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def _number(value: Any) -> float | None:
    """The float a logged value stands for, or None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return value
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:  # a JSON integer beyond float range
            return math.inf if value > 0 else -math.inf
    if isinstance(value, str):
        return NON_FINITE.get(value.strip().lower())
    return None


def _integer(value: Any) -> int | None:
    """A step: a finite, integral number that fits in int64."""
    number = _number(value)
    if number is None or not math.isfinite(number) or number != int(number):
        return None
    step = int(value) if isinstance(value, int) else int(number)
    return step if _INT64_MIN <= step <= _INT64_MAX else None


def _flatten(items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """Nested dicts become ``a.b`` keys (FORMATS §3.3); media dicts (``_type``) stay whole.

    Media dicts are not points; neither are their parts when a writer has already split them
    (``image._type``, ``image.width``), which ``_Rows.add`` recognises by the ``._type`` key.
    """
    for key, value in items:
        if isinstance(value, dict) and "_type" not in value:
            yield from _flatten((f"{key}.{sub}", inner) for sub, inner in value.items())
        else:
            yield key, value


@dataclass
class _Rows:
    """Collects history rows (key -> value) as points, in file order."""

    tags: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    epochs: list[float] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    count: int = 0
    without_step: int = 0
    last_counter: int | None = None
    numeric_tags: set[str] = field(default_factory=set)
    non_numeric: Counter = field(default_factory=Counter)

    def add(self, items: Iterable[tuple[str, Any]], fallback_step: int | None = None) -> None:
        row = list(_flatten(items))
        lookup = dict(row)
        step, step_key = None, None
        for key in STEP_KEYS:
            step = _integer(lookup.get(key))
            if step is not None:
                step_key = key
                break
        # _step is W&B's log-call counter: a row without one comes after the row before it.
        counter = _integer(lookup.get("_step"))
        if counter is None:
            counter = fallback_step
        if counter is None:
            counter = self.count if self.last_counter is None else self.last_counter + 1
            if step is None:
                self.without_step += 1
        self.last_counter = counter
        self.count += 1
        if step is None:
            step = counter
        wall = _number(lookup.get("_timestamp"))
        wall = math.nan if wall is None else wall
        epoch = math.nan
        for key in EPOCH_KEYS:
            value = _number(lookup.get(key))
            if value is not None and math.isfinite(value):
                epoch = value
                break
        # wandb-core splits a media dict into nested items (image.width, image._type, ...).
        media = tuple(key[: -len("_type")] for key in lookup if key.endswith("._type"))
        for key, raw in row:
            if key in ROW_KEYS or key == step_key or (media and key.startswith(media)):
                continue
            value = _number(raw)
            if value is None:
                if isinstance(raw, str):
                    self.non_numeric[key] += 1
                continue
            self.tags.append(key)
            self.steps.append(step)
            self.epochs.append(epoch)
            self.walls.append(wall)
            self.values.append(value)
            self.numeric_tags.add(key)

    def warnings(self) -> list[str]:
        found = []
        mixed = [key for key in self.non_numeric if key in self.numeric_tags]
        if mixed:
            found.append(
                "skipped non-numeric values in numeric series: "
                + short_list([f"{key} ({self.non_numeric[key]})" for key in mixed], LISTED)
            )
        if self.without_step:
            found.append(
                f"{self.without_step} history row(s) have no _step; "
                "counted on from the row before"
            )
        return found

    def table(self, **extra: Any) -> Any:
        return points_table(
            self.tags, self.steps, self.values, epoch=self.epochs, wall_time=self.walls, **extra
        )


def _set_path(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        inner = target.get(part)
        if not isinstance(inner, dict):
            inner = target[part] = {}
        target = inner
    target[path[-1]] = value


def _del_path(target: dict[str, Any], path: tuple[str, ...]) -> None:
    for part in path[:-1]:
        target = target.get(part)
        if not isinstance(target, dict):
            return
    target.pop(path[-1], None)


def _apply(target: dict[str, Any], updates: list, removes: list) -> None:
    """Apply a SummaryRecord / ConfigRecord (updates then removes) to a nested dict."""
    for path, value in updates:
        if path:
            _set_path(target, path, value)
    for path in removes:
        if path:
            _del_path(target, path)


# --- .wandb framing ------------------------------------------------------------------------------


def _scan_log(handle: BinaryIO, warnings_out: list[str]) -> Iterator[tuple[int, bytes]]:
    """The logical records of an open ``.wandb`` file (byte offset, payload), as they are read.

    The file is read one 32 KiB block at a time (a record never crosses a block), so a
    multi-gigabyte run log is never held in memory. LevelDB log semantics: a block's last
    < 7 bytes are padding; a logical record is FULL or FIRST, MIDDLE*, LAST. A record with a
    bad checksum is skipped by trusting its length when that fits the block; otherwise the
    length itself is suspect and, as LevelDB does, the rest of the block is dropped. What was
    skipped is added to ``warnings_out`` when the iteration ends.
    """
    scan = _LogScan()
    block_start = 0
    while scan.truncated_at is None:
        block = handle.read(BLOCK_SIZE)
        scan.size += len(block)
        yield from scan.block_records(block, block_start)
        if len(block) < BLOCK_SIZE:
            break  # the end of the file
        block_start += BLOCK_SIZE
    scan.finish(warnings_out)


_KINDS = frozenset({FULL, FIRST, MIDDLE, LAST})


@dataclass
class _LogScan:
    """What ``_scan_log`` has met so far: complete records, corrupt ones, fragments without
    their FIRST or LAST, the multi-block record being assembled, and where the file is cut."""

    size: int = 0
    count: int = 0
    corrupt: list[int] = field(default_factory=list)
    orphans: int = 0
    truncated_at: int | None = None
    pending: list[bytes] | None = None
    pending_at: int = 0

    def block_records(self, block: bytes, block_start: int) -> Iterator[tuple[int, bytes]]:
        """The logical records a block completes, reading its physical records in order."""
        pos = FILE_HEADER.size if block_start == 0 else 0
        while pos < len(block) and BLOCK_SIZE - pos >= RECORD_HEADER.size:  # else padding
            if len(block) - pos < RECORD_HEADER.size:
                self.truncated_at = block_start + pos
                return
            checksum, length, kind = RECORD_HEADER.unpack_from(block, pos)
            start = pos + RECORD_HEADER.size
            end = start + length
            if end > BLOCK_SIZE:  # the length is suspect: the rest of the block goes
                self.corrupted(block_start + pos)
                return
            if end > len(block):
                self.truncated_at = block_start + pos
                return
            payload = block[start:end]
            if kind not in _KINDS or zlib.crc32(payload, _TYPE_CRC[kind]) != checksum:
                self.corrupted(block_start + pos)
            else:
                record = self.assemble(kind, payload, block_start + pos)
                if record is not None:
                    yield record
            pos = end

    def corrupted(self, offset: int) -> None:
        """A physical record that fails its checks: it and the record it continued are lost."""
        self.corrupt.append(offset)
        self.drop_pending()

    def drop_pending(self) -> None:
        """A multi-block record that will never be completed counts as an orphan."""
        if self.pending is not None:
            self.pending = None
            self.orphans += 1

    def assemble(self, kind: int, payload: bytes, offset: int) -> tuple[int, bytes] | None:
        """A FULL record, or a FIRST, MIDDLE*, LAST sequence joined: the logical record it
        completes (offset of its first piece, payload), else None."""
        if kind == FULL:
            self.drop_pending()
            self.count += 1
            return offset, payload
        if kind == FIRST:
            self.drop_pending()
            self.pending, self.pending_at = [payload], offset
            return None
        if self.pending is None:
            self.orphans += 1  # MIDDLE or LAST without its FIRST
            return None
        self.pending.append(payload)
        if kind == MIDDLE:
            return None
        record = self.pending_at, b"".join(self.pending)
        self.pending = None
        self.count += 1
        return record

    def finish(self, warnings_out: list[str]) -> None:
        """Add what was skipped to ``warnings_out``; a record still being assembled when the
        file ends is a truncation."""
        if self.pending is not None:
            at = self.truncated_at
            self.truncated_at = self.pending_at if at is None else min(at, self.pending_at)
        if self.corrupt:
            warnings_out.append(
                f"skipped {len(self.corrupt)} corrupt record(s) (bad checksum or header), "
                f"the first at byte {self.corrupt[0]}"
            )
        if self.orphans:
            warnings_out.append(f"dropped {self.orphans} incomplete multi-block record(s)")
        if self.truncated_at is not None:
            warnings_out.append(
                f"truncated file: the record at byte {self.truncated_at} of {self.size} is "
                f"incomplete (is the run still writing?); kept the {self.count} complete "
                "records before it"
            )


# --- record decoding: the wandb package's protobuf classes, or the built-in walker ---------------
# Both return the same plain tuples:
#   ("history", [(path, value), ...], step_num | None)
#   ("summary" | "config", updates, removes)       updates = [(path, value)], removes = [path]
#   ("run", {"run_id": ...}, (updates, removes) of config, (updates, removes) of summary)
# or None for every other record type. A path is a tuple of key parts.


@lru_cache(maxsize=1)
def _protobuf_record_class() -> Any:
    """``wandb_internal_pb2.Record`` when the wandb package is importable, else None."""
    try:
        from wandb.proto import wandb_internal_pb2
    except Exception:  # ImportError, or a protobuf runtime that does not match the wandb build
        return None
    return wandb_internal_pb2.Record


def _item_path(key: str, nested_key: Iterable[str]) -> tuple[str, ...]:
    return (key,) if key else tuple(nested_key)


def _proto_value(item: Any) -> Any:
    if item.value_json:
        return _loads(item.value_json)
    try:
        case = item.WhichOneof("value")  # typed values (wandb >= 0.31, x_history_value_encoding)
    except ValueError:  # an older wandb without the typed oneof
        return None
    if case is None or case == "none":
        return None
    value = getattr(item, case)
    return _loads(value) if case == "json" else value


def _proto_items(record: Any) -> tuple[list, list]:
    updates = [(_item_path(i.key, i.nested_key), _loads(i.value_json)) for i in record.update]
    removes = [_item_path(i.key, i.nested_key) for i in record.remove]
    return updates, removes


def _decode_protobuf(record_class: Any, payload: bytes) -> tuple | None:
    record = record_class()
    record.ParseFromString(payload)
    kind = record.WhichOneof("record_type")
    if kind == "history":
        history = record.history
        items = [(_item_path(i.key, i.nested_key), _proto_value(i)) for i in history.item]
        step = history.step.num if history.HasField("step") else None
        return ("history", items, step)
    if kind in ("summary", "config"):
        return (kind, *_proto_items(getattr(record, kind)))
    if kind == "run":
        run = record.run
        info = {name: getattr(run, name) for name in _RUN_INFO_FIELDS.values()}
        return (
            "run",
            {name: value for name, value in info.items() if value},
            _proto_items(run.config) if run.HasField("config") else ([], []),
            _proto_items(run.summary) if run.HasField("summary") else ([], []),
        )
    return None


def _fields(data: bytes) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value) of each field of a serialized message, in order: the
    value is the integer of a varint, else the field's bytes (``protowire`` rules)."""
    for number, wire, _, start, stop in protowire.field_spans(data, 0, len(data)):
        if number == 0:
            raise WireError("field number 0")
        if wire == VARINT:
            yield number, wire, protowire.read_varint(data, start, stop)[0]
        else:
            yield number, wire, data[start:stop]


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")  # protobuf rejects invalid UTF-8 in string fields too
    except UnicodeDecodeError:
        raise WireError("invalid UTF-8") from None


def _wire_item(data: bytes, typed: bool) -> tuple[tuple[str, ...], Any]:
    """A HistoryItem / SummaryItem / ConfigItem: key=1, nested_key=2, value_json=16 (+ typed)."""
    key, nested, value_json = "", [], ""
    typed_case: int | None = None
    typed_value: Any = None
    for number, wire, value in _fields(data):
        if number == 1 and wire == LENGTH_DELIMITED:
            key = _text(value)
        elif number == 2 and wire == LENGTH_DELIMITED:
            nested.append(_text(value))
        elif number == 16 and wire == LENGTH_DELIMITED:
            value_json = _text(value)
        elif typed and (number in (3, 4, 5) and wire == VARINT or number == 6 and wire == FIXED64):
            typed_case, typed_value = number, value
        elif typed and number in (7, 8) and wire == LENGTH_DELIMITED:
            typed_case, typed_value = number, _text(value)
    path = _item_path(key, nested)
    if value_json or not typed:
        return path, _loads(value_json)
    if typed_case == 4:
        return path, bool(typed_value)
    if typed_case == 5:  # sint64
        return path, protowire.zigzag64(typed_value)
    if typed_case == 6:
        return path, _DOUBLE.unpack(typed_value)[0]
    if typed_case == 7:
        return path, typed_value
    if typed_case == 8:
        return path, _loads(typed_value)
    return path, None


def _wire_items(data: bytes) -> tuple[list, list]:
    updates, removes = [], []
    for number, wire, value in _fields(data):
        if number == 1 and wire == LENGTH_DELIMITED:
            updates.append(_wire_item(value, typed=False))
        elif number == 2 and wire == LENGTH_DELIMITED:
            removes.append(_wire_item(value, typed=False)[0])
    return updates, removes


def _decode_builtin(payload: bytes) -> tuple | None:
    """A Record decoded by the built-in walker, as ``_decode_protobuf`` gives it (see above)."""
    kind, body = _record_body(payload)
    if kind == _HISTORY:
        return _wire_history(body)
    if kind in (_SUMMARY, _CONFIG):
        return ("summary" if kind == _SUMMARY else "config", *_wire_items(body))
    if kind == _RUN:
        return _wire_run(body)
    return None


def _record_body(payload: bytes) -> tuple[int | None, bytes]:
    """(field number, message bytes) of a Record's ``record_type`` oneof.

    Protobuf semantics: the last oneof member set wins, and a message field that occurs
    several times is the merge of its occurrences, i.e. the parse of their concatenation.
    """
    kind: int | None = None
    chunks: list[bytes] = []
    for number, wire, value in _fields(payload):
        if number in _RECORD_ONEOF and wire == LENGTH_DELIMITED:
            if number != kind:
                kind, chunks = number, []
            chunks.append(value)
    return kind, b"".join(chunks)


def _wire_history(body: bytes) -> tuple:
    """A HistoryRecord: its items (field 1) and ``step.num`` (field 2, then 1), None when it
    has no step and 0 when the step message has no num."""
    items, step = [], None
    for number, wire, value in _fields(body):
        if number == 1 and wire == LENGTH_DELIMITED:
            items.append(_wire_item(value, typed=True))
        elif number == 2 and wire == LENGTH_DELIMITED:
            step = 0 if step is None else step
            for inner, inner_wire, num in _fields(value):
                if inner == 1 and inner_wire == VARINT:
                    step = protowire.signed64(num)
    return ("history", items, step)


def _wire_run(body: bytes) -> tuple:
    """A RunRecord: its naming fields, and its config and summary as (updates, removes)."""
    info: dict[str, str] = {}
    config_chunks: list[bytes] = []
    summary_chunks: list[bytes] = []
    for number, wire, value in _fields(body):
        if wire != LENGTH_DELIMITED:
            continue
        if number in _RUN_INFO_FIELDS:
            info[_RUN_INFO_FIELDS[number]] = _text(value)
        elif number == _RUN_CONFIG:
            config_chunks.append(value)
        elif number == _RUN_SUMMARY:
            summary_chunks.append(value)
    return (
        "run",
        {name: value for name, value in info.items() if value},
        _wire_items(b"".join(config_chunks)),
        _wire_items(b"".join(summary_chunks)),
    )


def _read_sidecar_json(path: Path, warnings: list[str]) -> Any:
    try:
        return json.loads(decode_text(safeio.read_all(path, safeio.json_limit())))
    except (OSError, CurveError, ValueError, RecursionError) as error:
        warnings.append(f"ignored {path.name}: {error}")
        return None


def _sidecar_summary(path: Path, warnings: list[str]) -> dict[str, Any] | None:
    """The run's ``wandb-summary.json`` next to ``path`` or in its ``files/``, if any."""
    for candidate in (path.parent / SUMMARY_FILE, path.parent / "files" / SUMMARY_FILE):
        if candidate.is_file() and candidate.resolve() != Path(path).resolve():
            summary = _read_sidecar_json(candidate, warnings)
            return summary if isinstance(summary, dict) else None
    return None


def _sidecar_config(path: Path) -> dict[str, Any] | None:
    """``files/config.yaml`` with each ``{value: x}`` unwrapped."""
    from curvecli.hparams import load_yaml, unwrap_wandb_config

    loaded = load_yaml(path.parent / "files" / "config.yaml")
    return unwrap_wandb_config(loaded) if isinstance(loaded, dict) else None


class WandbBinaryReader(Reader):
    """The offline ``run-<id>.wandb`` transaction log: history rows, summary and config.

    ``decoder`` is ``"auto"`` (the wandb package's protobuf classes when importable, else the
    built-in walker), ``"protobuf"`` or ``"builtin"``.
    """

    name = "wandb_binary"
    twin_group = frozenset({"events", "wandb"})
    source = SOURCE

    def __init__(self, decoder: str = "auto"):
        if decoder not in ("auto", "protobuf", "builtin"):
            raise ValueError(f"unknown decoder {decoder!r}")
        self.decoder = decoder

    def claims_name(self, path: Path) -> bool:
        return Path(path).name.endswith(".wandb")

    def sniff(self, head: bytes, path: Path) -> bool:
        return head.startswith(FILE_PREFIX)

    def _decode_function(self, path: Path) -> tuple[Callable[[bytes], tuple | None], bool]:
        if self.decoder == "builtin":
            return _decode_builtin, False
        record_class = _protobuf_record_class()
        if record_class is None:
            if self.decoder == "protobuf":
                raise MissingExtraError(
                    "decoding .wandb records with protobuf needs the wandb package",
                    path,
                    hint=INSTALL_HINT,
                )
            return _decode_builtin, False
        return (lambda payload: _decode_protobuf(record_class, payload)), True

    def read(self, path: Path) -> Points:
        with read_errors(path):
            handle = safeio.open_regular(path)
        with handle:
            return self._read(handle, Path(path))

    def _read(self, handle: BinaryIO, path: Path) -> Points:
        """Every record of the log, applied in order; the sidecar files fill in a summary or
        config the log does not hold."""
        _check_file_header(handle.read(64), path)
        handle.seek(0)
        decode, with_protobuf = self._decode_function(path)
        warnings: list[str] = []
        log = _RunLog()
        for offset, payload in _scan_log(handle, warnings):
            log.add(offset, payload, decode)
        warnings.extend(_undecodable_warnings(log, with_protobuf, path))
        warnings.extend(log.rows.warnings())
        if not log.history_records:
            warnings.append("no history rows in this run")
        summary = log.summary or _sidecar_summary(path, warnings) or {}
        config = log.config or _sidecar_config(path) or {}
        meta: dict[str, Any] = {"summary": summary, "config": config, "records": log.records}
        if log.run_info:
            meta["wandb_run"] = log.run_info
        return Points(log.rows.table(), warnings, meta)


def _check_file_header(data: bytes, path: Path) -> None:
    """Raise unless the file starts with the W&B log header of the version this reads."""
    check_not_pointer(data, path)
    if len(data) < FILE_HEADER.size:
        raise FormatError(
            f"truncated W&B file header ({len(data)} of {FILE_HEADER.size} bytes)", path
        )
    ident, magic, version = FILE_HEADER.unpack_from(data)
    if ident != FILE_IDENT or magic != FILE_MAGIC:
        raise FormatError(
            f"not a W&B transaction log: header {data[:6]!r}, expected {FILE_PREFIX!r}", path
        )
    if version != FILE_VERSION:
        raise FormatError(
            f"unsupported .wandb log version {version} (this reader knows {FILE_VERSION})",
            path,
        )


@dataclass
class _RunLog:
    """A run as its log's records build it: history rows, summary, config and run info."""

    rows: _Rows = field(default_factory=_Rows)
    summary: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    run_info: dict[str, str] = field(default_factory=dict)
    undecodable: list[int] = field(default_factory=list)
    records: int = 0
    history_records: int = 0

    def add(self, offset: int, payload: bytes, decode: Callable[[bytes], tuple | None]) -> None:
        """Apply one record: a history row is added, summary and config updates are applied,
        a run record names the run; a record that does not decode is noted by its offset."""
        self.records += 1
        try:
            decoded = decode(payload)
        except Exception:  # protobuf's DecodeError (or WireError): one bad record
            self.undecodable.append(offset)
            return
        if decoded is None:
            return
        kind = decoded[0]
        if kind == "history":
            self.history_records += 1
            items = ((".".join(key), value) for key, value in decoded[1] if key)
            step = decoded[2]
            self.rows.add(items, step if step is not None and _integer(step) is not None else None)
        elif kind == "summary":
            _apply(self.summary, decoded[1], decoded[2])
        elif kind == "config":
            _apply(self.config, decoded[1], decoded[2])
        elif kind == "run":
            self.run_info.update(decoded[1])
            _apply(self.config, *decoded[2])
            _apply(self.summary, *decoded[3])


def _undecodable_warnings(log: _RunLog, with_protobuf: bool, path: Path) -> list[str]:
    """The warning for records that are not W&B protobuf records; an error when none is."""
    undecodable = log.undecodable
    if not undecodable:
        return []
    if len(undecodable) == log.records:
        message = f"none of the {len(undecodable)} records is a W&B protobuf record"
        if not with_protobuf:
            raise MissingExtraError(
                message + " the built-in decoder can read", path, hint=INSTALL_HINT
            )
        raise FormatError(message, path)
    return [
        f"skipped {len(undecodable)} record(s) that are not valid W&B protobuf "
        f"records, the first at byte {undecodable[0]}"
        + ("" if with_protobuf else f" (for the full decoder: {INSTALL_HINT})")
    ]


# --- text exports --------------------------------------------------------------------------------


def _header(head: bytes) -> list[str]:
    """The column names in a file's head, split by the CSV family's rules (its separator, a
    BOM); [] when the head holds no CSV header line (never raises)."""
    try:
        return csv_logs.header_names(head)
    except Exception:  # noqa: BLE001 - sniffing must never raise
        return []


def _body_rows(table: Any) -> list[int]:
    """Indexes of the rows of a ``csv_logs.load_text`` table with a filled cell: a row of
    blank or missing cells is no row."""
    texts = [csv_logs.text_cells(table, index) for index in range(len(table.names))]
    return [row for row, cells in enumerate(zip(*texts)) if any(c is not None for c in cells)]


@dataclass
class _CellPoints:
    """Points from the cells of a panel or runs-table export, and the non-numeric cells met
    (counted by column, and whether a column also held numbers)."""

    tags: list[str] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    epochs: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    non_numeric: Counter = field(default_factory=Counter)
    numeric_columns: set = field(default_factory=set)

    def add(self, column: Any, cell: Any, tag: str, run: str, step: int, epoch: float) -> None:
        """A cell's point (a missing cell is none); a non-numeric cell is counted instead."""
        if cell is None:
            return
        value = _number(cell)
        if value is None:
            self.non_numeric[column] += 1
            return
        self.numeric_columns.add(column)
        self.tags.append(tag)
        self.runs.append(run)
        self.steps.append(step)
        self.epochs.append(epoch)
        self.values.append(value)


_JSON_STEP = re.compile(r'"_step"\s*:\s*-?\d')
_JSON_ROW_TIME = re.compile(r'"_(?:runtime|timestamp)"\s*:')
_JSON_STEP_COLUMN = re.compile(r'"_step"\s*:\s*\{')
_PANDAS_INDEX = re.compile(r"Unnamed: \d+")


def _sniff_history(head: bytes, path: Path) -> bool:
    if path.name in NOT_LOGS:
        return False
    text = decode_text(head).lstrip()
    if text.startswith("["):
        return '"_step"' in text and ('"_runtime"' in text or '"_timestamp"' in text)
    if text.startswith("{"):
        first, _, rest = text.partition("\n")
        if _JSON_STEP.search(first) and _JSON_ROW_TIME.search(first):
            # A lone one-line object with history keys is what wandb-summary.json looks like
            # (renamed or not); a history has many rows, one per line.
            return '"_wandb"' not in first and (bool(rest.strip()) or path.suffix == ".jsonl")
        # pandas DataFrame.to_json(): {"_step": {"0": 0, ...}, "_runtime": {...}}
        return bool(_JSON_STEP_COLUMN.search(text)) and bool(_JSON_ROW_TIME.search(text))
    cells = _header(head)
    return (
        "_step" in cells
        and ("_runtime" in cells or "_timestamp" in cells)
        and not _is_runs_table(cells)  # a runs table may show _step etc. as summary columns
    )


def _json_error(error: Exception, path: Path) -> FormatError:
    if isinstance(error, json.JSONDecodeError):
        return FormatError(f"invalid JSON at line {error.lineno}: {error.msg}", path)
    return FormatError(f"invalid JSON: {error}", path)


def _json_rows(document: Any) -> tuple[list[Any], str]:
    """History rows of a whole-file JSON document, and the layout found."""
    if isinstance(document, list):
        return document, "records"
    if not isinstance(document, dict):
        return [document], "scalar"
    columns, data = document.get("columns"), document.get("data")
    if isinstance(columns, list) and isinstance(data, list):  # to_json(orient="split")
        return [
            dict(zip(map(str, columns), row)) if isinstance(row, list) else row for row in data
        ], "split"
    if isinstance(document.get("_step"), dict):  # to_json(), orient="columns"
        index: dict[str, None] = {}
        for values in document.values():
            if isinstance(values, dict):
                index.update(dict.fromkeys(values))
        rows = [
            {
                key: values[label]
                for key, values in document.items()
                if isinstance(values, dict) and label in values and values[label] is not None
            }
            for label in index
        ]
        return rows, "columns"
    inner = list(document.values())
    if inner and all(isinstance(row, dict) for row in inner) and "_step" in inner[0]:
        return inner, "index"  # to_json(orient="index")
    return [document], "row"


class WandbHistoryReader(Reader):
    """``run.history()`` / ``scan_history()`` exports as CSV/JSON/JSONL; ``wandb-history.jsonl``."""

    name = "wandb_history"
    twin_group = frozenset({"events", "wandb"})
    source = SOURCE

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            return _sniff_history(head, Path(path))
        except Exception:  # a sniff never decides a run's fate
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        data = _read_bytes(path)
        check_not_pointer(data[:64], path)
        text = decode_text(data)
        stripped = text.lstrip()
        rows = _Rows()
        warnings: list[str] = []
        if stripped.startswith(("[", "{")):
            layout = self._read_json(text, stripped, rows, warnings, path)
        else:
            layout = "csv"
            warnings.extend(self._read_csv(path, rows))
        warnings.extend(rows.warnings())
        meta: dict[str, Any] = {"layout": layout}
        summary = _sidecar_summary(path, warnings)
        if summary is not None:
            meta["summary"] = summary
        return Points(rows.table(), warnings, meta)

    def _read_json(
        self, text: str, stripped: str, rows: _Rows, warnings: list[str], path: Path
    ) -> str:
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            if stripped.startswith("["):
                raise _json_error(error, path) from None
            self._read_jsonl(text, rows, warnings, path, error)
            return "jsonl"
        found, layout = _json_rows(document)
        not_objects = 0
        for row in found:
            if isinstance(row, dict):
                rows.add((str(key), value) for key, value in row.items())
            else:
                not_objects += 1
        if not_objects:
            warnings.append(f"skipped {not_objects} history row(s) that are not JSON objects")
        return layout

    def _read_jsonl(
        self, text: str, rows: _Rows, warnings: list[str], path: Path, whole_error: Exception
    ) -> None:
        bad_lines: list[int] = []
        for number, row in json_lines(text, bad_lines):
            if not isinstance(row, dict):
                bad_lines.append(number)
                continue
            rows.add((str(key), value) for key, value in row.items())
        if not rows.count:
            raise _json_error(whole_error, path)
        if bad_lines:
            warnings.append(
                f"skipped {len(bad_lines)} line(s) that are not JSON objects: line "
                + short_list(map(str, bad_lines), LISTED)
            )

    def _read_csv(self, path: Path, rows: _Rows) -> list[str]:
        """A history CSV, read by the CSV family's rules (``csv_logs.load_text``): each
        non-blank row is a history row of its filled cells. Returns the reading's warnings."""
        table = csv_logs.load_text(path)
        columns = table.names
        # run.history().to_csv() writes the pandas index first, unnamed: it holds no value.
        first = 1 if columns and (not columns[0] or _PANDAS_INDEX.fullmatch(columns[0])) else 0
        names = columns[first:]
        cells = [csv_logs.cell_values(table, index) for index in range(first, len(columns))]
        index = csv_logs.text_cells(table, 0) if first else [None] * table.rows
        for index_cell, row in zip(index, zip(*cells) if cells else [()] * table.rows):
            if index_cell is None and row.count(None) == len(row):
                continue  # a blank row
            rows.add((name, value) for name, value in zip(names, row) if value is not None)
        return table.warnings


def _panel_series(column: str) -> tuple[str, str] | None:
    """(run name, metric) of a panel-export column, or None for envelopes and coordinates."""
    if column.endswith(("__MIN", "__MAX")):
        return None
    run, separator, metric = column.rpartition(" - ")  # run names may hold " - " themselves
    if not separator:
        run, metric = "", column
    if metric in ROW_KEYS or not metric:
        return None
    return run, metric


class WandbPanelReader(Reader):
    """A chart panel's "Export -> CSV": x axis, then ``<run> - <metric>`` columns per run."""

    name = "wandb_panel"
    source = SOURCE

    def sniff(self, head: bytes, path: Path) -> bool:
        cells = _header(head)  # never raises
        if len(cells) < 2 or "_step" in cells:
            return False
        if any(" - " in cell and cell.endswith(("__MIN", "__MAX")) for cell in cells):
            return True
        return cells[0] == "Step" and all(" - " in cell for cell in cells[1:])

    def read(self, path: Path) -> Points:
        table = csv_logs.load_text(Path(path))
        columns = table.names
        x_axis = columns[0] if columns else ""
        series = [
            (position, parsed)
            for position, column in enumerate(columns)
            if position > 0 and (parsed := _panel_series(column)) is not None
        ]
        body = _body_rows(table)
        cells = {p: csv_logs.cell_values(table, p) for p in [0] + [p for p, _ in series]}
        xs = [_number(cells[0][row]) for row in body]
        warnings = list(table.warnings)
        steps = _panel_steps(xs, x_axis, warnings)
        epoch_axis = "epoch" in x_axis.lower()
        found = _CellPoints()
        for row, x, step in zip(body, xs, steps):
            if step is None:
                continue  # no x value
            epoch = x if epoch_axis else math.nan
            for position, (run, metric) in series:  # a missing cell: no point of that run here
                found.add(columns[position], cells[position][row], metric, run, step, epoch)
        if found.non_numeric:
            warnings.append(
                "skipped non-numeric cells: "
                + short_list([f"'{column}' ({count})"
                              for column, count in found.non_numeric.items()], LISTED)
            )
        points = points_table(found.tags, found.steps, found.values, epoch=found.epochs,
                              run=found.runs)
        meta = {
            "x_axis": x_axis,
            "runs": list(dict.fromkeys(run for _, (run, _) in series)),
            # FORMATS §3.2: a panel holds the chart's bucketed/sampled points, not raw history.
            "sampled": True,
        }
        return Points(points, warnings, meta)


def _panel_steps(xs: list[float | None], x_axis: str, warnings: list[str]) -> list[int | None]:
    """The step of each panel row: its x when every x is an integer, else the row's position
    among the rows with an x (said in a warning); None for a row without an x (counted)."""
    missing_x = sum(x is None for x in xs)
    if missing_x:
        warnings.append(f"skipped {missing_x} row(s) without a value in '{x_axis}'")
    integral = all(_integer(x) is not None for x in xs if x is not None)
    if not integral:
        warnings.append(
            f"x axis '{x_axis}' is not an integer step; used the row position as the step"
        )
    steps: list[int | None] = []
    ordinal = -1
    for x in xs:
        if x is None:
            steps.append(None)
            continue
        ordinal += 1
        steps.append(_integer(x) if integral else ordinal)
    return steps


# Runs-table columns that describe the run, not a metric (lower-cased).
RUNS_TABLE_BOOKKEEPING = frozenset(
    {
        "name", "created", "runtime", "end time", "id", "notes", "updated", "tags", "state",
        "user", "sweep", "group", "job type", "hostname", "host", "commit", "github",
        "description", "heartbeat", "run path", "url", "project", "entity", "gpu", "gpu type",
        "gpu count", "cpu count", "os", "python version", "command", "git commit", "program",
        "agent",
    }
)
RUNS_TABLE_WARNING = "summary-only runs table: one value per metric, no curves"
_METRIC_NAME = re.compile(
    r"(?:^|[/_\-. ])(?:loss|acc|accuracy|f1|precision|recall|auc|auroc|perplexity|ppl|bleu|"
    r"rouge\w*|wer|cer|map\w*|mae|mse|rmse|iou|miou|dice|reward|return|score|error|err)"
    r"(?:$|[/_\-. ])",
    re.IGNORECASE,
)


def _is_runs_table(header: list[str]) -> bool:
    """A Name column and at least two other bookkeeping columns (Created, State, ...)."""
    lowered = {cell.lower() for cell in header}
    return "name" in lowered and len(lowered & RUNS_TABLE_BOOKKEEPING) >= 3


def _looks_like_metric(column: str) -> bool:
    """Namespaced (``train/acc``) or naming a quality metric (``val_loss``, ``accuracy``)."""
    if "/" in column:
        return True
    split, metric = names.normalise(column)
    return bool(_METRIC_NAME.search(column)) or (
        split in (names.TRAIN, names.VAL, names.TEST) and bool(_METRIC_NAME.search(metric))
    )


class WandbRunsTableReader(Reader):
    """The runs-table CSV export: one row per run, its summary (last) values, no steps."""

    name = "wandb_runs"
    source = SOURCE

    def sniff(self, head: bytes, path: Path) -> bool:
        cells = _header(head)  # never raises
        return _is_runs_table(cells)

    def read(self, path: Path) -> Points:
        table = csv_logs.load_text(Path(path))
        columns = table.names
        metric_columns, config_columns = _runs_table_columns(columns)
        lowered = [column.lower() for column in columns]
        names_of = _runs_table_names(
            table,
            lowered.index("name") if "name" in lowered else None,
            lowered.index("id") if "id" in lowered else None,
        )
        texts = {p: csv_logs.text_cells(table, p) for p in config_columns}
        cells = {p: csv_logs.cell_values(table, p) for p in metric_columns}
        found = _CellPoints()
        config: dict[str, dict[str, str]] = {}
        for row, run in names_of.items():
            config[run] = {columns[p]: texts[p][row] for p in config_columns if texts[p][row]}
            for position in metric_columns:
                found.add(position, cells[position][row], columns[position], run, 0, math.nan)
        warnings = [RUNS_TABLE_WARNING, *table.warnings]
        mixed = [position for position in found.non_numeric if position in found.numeric_columns]
        if mixed:
            warnings.append(
                "skipped non-numeric values in metric columns: "
                + short_list([f"'{columns[p]}' ({found.non_numeric[p]})" for p in mixed], LISTED)
            )
        points = points_table(found.tags, [0] * len(found.values), found.values, run=found.runs)
        from curvecli.hparams import typed_text

        by_run = {run: {"config": {key: typed_text(value) for key, value in values.items()}}
                  for run, values in config.items()}
        return Points(points, warnings, {"runs": list(config), "by_run": by_run})


def _runs_table_columns(columns: list[str]) -> tuple[list[int], list[int]]:
    """(metric columns, config columns) of a runs table: neither bookkeeping nor ``_`` keys;
    metrics from the first column that looks like one on (all, when none does)."""
    lowered = [column.lower() for column in columns]
    candidates = [
        position
        for position, column in enumerate(columns)
        if column and lowered[position] not in RUNS_TABLE_BOOKKEEPING
        and not column.startswith("_")
    ]
    first_metric = next(
        (position for position in candidates if _looks_like_metric(columns[position])), None
    )
    if first_metric is None:
        return candidates, []
    return (
        [position for position in candidates if position >= first_metric],
        [position for position in candidates if position < first_metric],
    )


def _runs_table_names(table: Any, name_column: int | None, id_column: int | None) -> dict:
    """Row index -> run name of each non-blank row: its Name, else its ID, else ``row n``;
    a name met before gets the run's ID (or a count) added, as display names are not unique."""
    names_cells = csv_logs.text_cells(table, name_column) if name_column is not None else None
    id_cells = csv_logs.text_cells(table, id_column) if id_column is not None else None
    seen: Counter = Counter()
    runs = {}
    for ordinal, row in enumerate(_body_rows(table)):
        name = (names_cells[row] if names_cells else None) or ""
        run_id = (id_cells[row] if id_cells else None) or ""
        run = name or run_id or f"row {ordinal + 1}"
        seen[run] += 1
        if seen[run] > 1:  # display names are not unique; keep the runs apart
            run = f"{run} ({run_id})" if run_id else f"{run} #{seen[run]}"
        runs[row] = run
    return runs
