"""Weights & Biases logs: the offline ``.wandb`` file, history exports, panel and runs-table CSVs.

This module owns every W&B input (FORMATS.md §3): the ``run-<id>.wandb`` transaction log of a
local run directory (LevelDB-log framing, read here with the standard library; each record is a
``wandb_internal.Record`` protobuf, decoded with the ``wandb`` package when it is installed and
with a small built-in wire walker when it is not, both giving the same points);
``run.history()`` / ``scan_history()`` exports as CSV, JSON or JSONL and the legacy
``wandb-history.jsonl``; the chart panel's "Export -> CSV" (several runs per file, ``__MIN`` /
``__MAX`` envelopes); and the runs-table CSV export (one row of summary values per run).

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
(``val_loss``, ``accuracy``). Numeric columns before it (``augment_probability``) are config and
go to ``meta["config"]``. When no name looks like a metric, every numeric column is kept.
"""

from __future__ import annotations

import csv
import io
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

from curvecli import names
from curvecli.errors import FormatError, MissingExtraError, NoLogsError
from curvecli.frame import Points, points_table
from curvecli.readers.base import Reader, check_not_pointer, decode_text

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
_MAX_LISTED = 5

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
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise NoLogsError("no such file", path) from None
    except OSError as error:
        raise FormatError(f"cannot read: {error.strerror or error}", path) from None


def _listed(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:_MAX_LISTED])
    return shown + (f" and {len(items) - _MAX_LISTED} more" if len(items) > _MAX_LISTED else "")


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


def _cell(text: str) -> Any:
    """A CSV cell: None when empty, a float when numeric, else the text."""
    text = text.strip()
    if not text:
        return None
    if "_" not in text:  # float() accepts "1_000"; a CSV writer never does
        try:
            return float(text)
        except ValueError:
            pass
    return text


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
                + _listed(f"{key} ({self.non_numeric[key]})" for key in mixed)
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
    count, corrupt, orphans = 0, [], 0
    truncated_at: int | None = None
    pending: list[bytes] | None = None
    pending_at = 0
    block_start = size = 0
    while truncated_at is None:
        block = handle.read(BLOCK_SIZE)
        size += len(block)
        pos = FILE_HEADER.size if block_start == 0 else 0
        while pos < len(block):
            if BLOCK_SIZE - pos < RECORD_HEADER.size:
                break  # padding
            if len(block) - pos < RECORD_HEADER.size:
                truncated_at = block_start + pos
                break
            checksum, length, kind = RECORD_HEADER.unpack_from(block, pos)
            start = pos + RECORD_HEADER.size
            end = start + length
            if end > BLOCK_SIZE:
                corrupt.append(block_start + pos)
                if pending is not None:
                    pending = None
                    orphans += 1
                break
            if end > len(block):
                truncated_at = block_start + pos
                break
            payload = block[start:end]
            if kind not in (FULL, FIRST, MIDDLE, LAST) or zlib.crc32(
                payload, _TYPE_CRC[kind]
            ) != checksum:
                corrupt.append(block_start + pos)
                if pending is not None:
                    pending = None
                    orphans += 1
                pos = end
                continue
            if kind == FULL:
                if pending is not None:
                    orphans += 1
                    pending = None
                count += 1
                yield block_start + pos, payload
            elif kind == FIRST:
                if pending is not None:
                    orphans += 1
                pending, pending_at = [payload], block_start + pos
            elif pending is None:
                orphans += 1  # MIDDLE or LAST without its FIRST
            elif kind == MIDDLE:
                pending.append(payload)
            else:
                pending.append(payload)
                count += 1
                yield pending_at, b"".join(pending)
                pending = None
            pos = end
        if len(block) < BLOCK_SIZE:
            break  # the end of the file
        block_start += BLOCK_SIZE
    if pending is not None and truncated_at is None:  # the file ends inside a multi-block record
        truncated_at = pending_at
    elif pending is not None:
        truncated_at = min(truncated_at, pending_at)

    if corrupt:
        warnings_out.append(
            f"skipped {len(corrupt)} corrupt record(s) (bad checksum or header), "
            f"the first at byte {corrupt[0]}"
        )
    if orphans:
        warnings_out.append(f"dropped {orphans} incomplete multi-block record(s)")
    if truncated_at is not None:
        warnings_out.append(
            f"truncated file: the record at byte {truncated_at} of {size} is incomplete "
            f"(is the run still writing?); kept the {count} complete records before it"
        )


# --- record decoding: the wandb package's protobuf classes, or the built-in walker ---------------
# Both return the same plain tuples:
#   ("history", [(path, value), ...], step_num | None)
#   ("summary" | "config", updates, removes)       updates = [(path, value)], removes = [path]
#   ("run", {"run_id": ...}, (updates, removes) of config, (updates, removes) of summary)
# or None for every other record type. A path is a tuple of key parts.


class _WireError(Exception):
    """The built-in decoder met bytes that are not a well-formed protobuf message."""


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


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise _WireError("bad varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, pos
        shift += 7


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _fields(data: bytes) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value) of each field of a serialized message, in order."""
    pos, size = 0, len(data)
    while pos < size:
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise _WireError("field number 0")
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1 or wire == 5:
            width = 8 if wire == 1 else 4
            if pos + width > size:
                raise _WireError("short fixed field")
            value, pos = data[pos : pos + width], pos + width
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > size:
                raise _WireError("short length-delimited field")
            value, pos = data[pos : pos + length], pos + length
        else:  # groups (3, 4) are proto2-only; 6 and 7 do not exist
            raise _WireError(f"wire type {wire}")
        yield number, wire, value


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")  # protobuf rejects invalid UTF-8 in string fields too
    except UnicodeDecodeError:
        raise _WireError("invalid UTF-8") from None


def _wire_item(data: bytes, typed: bool) -> tuple[tuple[str, ...], Any]:
    """A HistoryItem / SummaryItem / ConfigItem: key=1, nested_key=2, value_json=16 (+ typed)."""
    key, nested, value_json = "", [], ""
    typed_case: int | None = None
    typed_value: Any = None
    for number, wire, value in _fields(data):
        if number == 1 and wire == 2:
            key = _text(value)
        elif number == 2 and wire == 2:
            nested.append(_text(value))
        elif number == 16 and wire == 2:
            value_json = _text(value)
        elif typed and (number in (3, 4, 5) and wire == 0 or number == 6 and wire == 1):
            typed_case, typed_value = number, value
        elif typed and number in (7, 8) and wire == 2:
            typed_case, typed_value = number, _text(value)
    path = _item_path(key, nested)
    if value_json or not typed:
        return path, _loads(value_json)
    if typed_case == 4:
        return path, bool(typed_value)
    if typed_case == 5:  # sint64, zigzag
        return path, (typed_value >> 1) ^ -(typed_value & 1)
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
        if number == 1 and wire == 2:
            updates.append(_wire_item(value, typed=False))
        elif number == 2 and wire == 2:
            removes.append(_wire_item(value, typed=False)[0])
    return updates, removes


def _decode_builtin(payload: bytes) -> tuple | None:
    # Protobuf semantics: the last oneof member set wins, and a message field that occurs
    # several times is the merge of its occurrences, i.e. the parse of their concatenation.
    kind: int | None = None
    chunks: list[bytes] = []
    for number, wire, value in _fields(payload):
        if number in _RECORD_ONEOF and wire == 2:
            if number != kind:
                kind, chunks = number, []
            chunks.append(value)
    body = b"".join(chunks)
    if kind == _HISTORY:
        items, step = [], None
        for number, wire, value in _fields(body):
            if number == 1 and wire == 2:
                items.append(_wire_item(value, typed=True))
            elif number == 2 and wire == 2:
                step = 0 if step is None else step
                for inner, inner_wire, num in _fields(value):
                    if inner == 1 and inner_wire == 0:
                        step = _signed(num)
        return ("history", items, step)
    if kind in (_SUMMARY, _CONFIG):
        return ("summary" if kind == _SUMMARY else "config", *_wire_items(body))
    if kind == _RUN:
        info: dict[str, str] = {}
        config_chunks: list[bytes] = []
        summary_chunks: list[bytes] = []
        for number, wire, value in _fields(body):
            if wire != 2:
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
    return None


def _read_sidecar_json(path: Path, warnings: list[str]) -> Any:
    try:
        return json.loads(decode_text(path.read_bytes()))
    except (OSError, ValueError, RecursionError) as error:
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
    """``files/config.yaml`` with each ``{value: x}`` unwrapped, when pyyaml is importable."""
    candidate = path.parent / "files" / "config.yaml"
    if not candidate.is_file():
        return None
    try:
        import yaml
    except ImportError:
        return None
    try:
        loaded = yaml.safe_load(candidate.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError, RecursionError, yaml.YAMLError):
        return None
    if not isinstance(loaded, dict):
        return None
    return {
        str(key): value["value"] if isinstance(value, dict) and "value" in value else value
        for key, value in loaded.items()
    }


class WandbBinaryReader(Reader):
    """The offline ``run-<id>.wandb`` transaction log: history rows, summary and config.

    ``decoder`` is ``"auto"`` (the wandb package's protobuf classes when importable, else the
    built-in walker), ``"protobuf"`` or ``"builtin"``.
    """

    name = "wandb_binary"
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
        try:
            handle = open(path, "rb")
        except FileNotFoundError:
            raise NoLogsError("no such file", path) from None
        except OSError as error:
            raise FormatError(f"cannot read: {error.strerror or error}", path) from None
        with handle:
            return self._read(handle, Path(path))

    def _read(self, handle: BinaryIO, path: Path) -> Points:
        data = handle.read(64)
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
        handle.seek(0)
        decode, with_protobuf = self._decode_function(path)
        warnings: list[str] = []
        records = 0

        rows = _Rows()
        summary: dict[str, Any] = {}
        config: dict[str, Any] = {}
        run_info: dict[str, str] = {}
        undecodable: list[int] = []
        history_records = 0
        for offset, payload in _scan_log(handle, warnings):
            records += 1
            try:
                decoded = decode(payload)
            except Exception:  # protobuf's DecodeError (or _WireError): one bad record
                undecodable.append(offset)
                continue
            if decoded is None:
                continue
            kind = decoded[0]
            if kind == "history":
                history_records += 1
                items = ((".".join(key), value) for key, value in decoded[1] if key)
                step = decoded[2]
                rows.add(items, step if step is not None and _integer(step) is not None else None)
            elif kind == "summary":
                _apply(summary, decoded[1], decoded[2])
            elif kind == "config":
                _apply(config, decoded[1], decoded[2])
            elif kind == "run":
                run_info.update(decoded[1])
                _apply(config, *decoded[2])
                _apply(summary, *decoded[3])

        if undecodable:
            if len(undecodable) == records:
                message = f"none of the {len(undecodable)} records is a W&B protobuf record"
                if not with_protobuf:
                    raise MissingExtraError(
                        message + " the built-in decoder can read", path, hint=INSTALL_HINT
                    )
                raise FormatError(message, path)
            warnings.append(
                f"skipped {len(undecodable)} record(s) that are not valid W&B protobuf "
                f"records, the first at byte {undecodable[0]}"
                + ("" if with_protobuf else f" (for the full decoder: {INSTALL_HINT})")
            )
        warnings.extend(rows.warnings())
        if not history_records:
            warnings.append("no history rows in this run")
        if not summary:
            summary = _sidecar_summary(path, warnings) or {}
        if not config:
            config = _sidecar_config(path) or {}
        meta: dict[str, Any] = {"summary": summary, "config": config, "records": records}
        if run_info:
            meta["wandb_run"] = run_info
        return Points(rows.table(), warnings, meta)


# --- text exports --------------------------------------------------------------------------------


def _csv_rows(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every CSV row; csv errors become a FormatError."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise FormatError(f"invalid CSV at line {reader.line_num}: {error}", path) from None


def _header(head: bytes) -> list[str]:
    """The cells of the first CSV line in a file's head (never raises)."""
    first_line = decode_text(head).lstrip().split("\n", 1)[0]
    try:
        cells = next(csv.reader([first_line]), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in cells]


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _cell_at(cells: list[str], position: int | None) -> str:
    """The stripped cell at ``position``; short rows and missing columns read as empty."""
    return cells[position].strip() if position is not None and position < len(cells) else ""


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
            self._read_csv(text, rows, path)
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
        # split("\n"), not splitlines(): JSON text may hold a raw U+2028 inside a string.
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (ValueError, RecursionError):
                bad_lines.append(number)
                continue
            if not isinstance(row, dict):
                bad_lines.append(number)
                continue
            rows.add((str(key), value) for key, value in row.items())
        if not rows.count:
            raise _json_error(whole_error, path)
        if bad_lines:
            warnings.append(
                f"skipped {len(bad_lines)} line(s) that are not JSON objects: line "
                + _listed(map(str, bad_lines))
            )

    def _read_csv(self, text: str, rows: _Rows, path: Path) -> None:
        lines = _csv_rows(text, path)
        header = next(lines, None)
        if header is None:
            raise FormatError("empty CSV: no header line", path)
        columns = [cell.strip() for cell in header[1]]
        # run.history().to_csv() writes the pandas index first, unnamed.
        index_column = (
            0 if columns and (not columns[0] or _PANDAS_INDEX.fullmatch(columns[0])) else -1
        )
        for _, cells in lines:
            if _is_blank(cells):
                continue
            rows.add(
                (name, value)
                for position, (name, cell) in enumerate(zip(columns, cells))
                if position != index_column and (value := _cell(cell)) is not None
            )


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
        path = Path(path)
        data = _read_bytes(path)
        check_not_pointer(data[:64], path)
        lines = _csv_rows(decode_text(data), path)
        header = next(lines, None)
        if header is None:
            raise FormatError("empty CSV: no header line", path)
        columns = [cell.strip() for cell in header[1]]
        x_axis = columns[0] if columns else ""
        series = [
            (position, parsed)
            for position, column in enumerate(columns)
            if position > 0 and (parsed := _panel_series(column)) is not None
        ]
        body = [(number, cells) for number, cells in lines if not _is_blank(cells)]

        warnings: list[str] = []
        xs = [_number(_cell(cells[0])) for _, cells in body]
        missing_x = sum(x is None for x in xs)
        if missing_x:
            warnings.append(f"skipped {missing_x} row(s) without a value in '{x_axis}'")
        integral = all(_integer(x) is not None for x in xs if x is not None)
        if not integral:
            warnings.append(
                f"x axis '{x_axis}' is not an integer step; used the row position as the step"
            )
        epoch_axis = "epoch" in x_axis.lower()

        tags: list[str] = []
        runs: list[str] = []
        steps: list[int] = []
        epochs: list[float] = []
        values: list[float] = []
        non_numeric: Counter = Counter()
        ordinal = -1
        for (_, cells), x in zip(body, xs):
            if x is None:
                continue
            ordinal += 1
            step = _integer(x) if integral else ordinal
            epoch = x if epoch_axis else math.nan
            for position, (run, metric) in series:
                raw = _cell(cells[position]) if position < len(cells) else None
                if raw is None:
                    continue  # this run has no point at this x
                value = _number(raw)
                if value is None:
                    non_numeric[columns[position]] += 1
                    continue
                tags.append(metric)
                runs.append(run)
                steps.append(step)
                epochs.append(epoch)
                values.append(value)
        if non_numeric:
            warnings.append(
                "skipped non-numeric cells: "
                + _listed(f"'{column}' ({count})" for column, count in non_numeric.items())
            )
        table = points_table(tags, steps, values, epoch=epochs, run=runs)
        meta = {
            "x_axis": x_axis,
            "runs": list(dict.fromkeys(run for _, (run, _) in series)),
            # FORMATS §3.2: a panel holds the chart's bucketed/sampled points, not raw history.
            "sampled": True,
        }
        return Points(table, warnings, meta)


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
        path = Path(path)
        data = _read_bytes(path)
        check_not_pointer(data[:64], path)
        lines = _csv_rows(decode_text(data), path)
        header = next(lines, None)
        if header is None:
            raise FormatError("empty CSV: no header line", path)
        columns = [cell.strip() for cell in header[1]]
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
            metric_columns, config_columns = candidates, []
        else:
            metric_columns = [position for position in candidates if position >= first_metric]
            config_columns = [position for position in candidates if position < first_metric]
        name_column = lowered.index("name") if "name" in lowered else None
        id_column = lowered.index("id") if "id" in lowered else None

        tags: list[str] = []
        runs: list[str] = []
        values: list[float] = []
        non_numeric: Counter = Counter()
        numeric_columns: set[int] = set()
        config: dict[str, dict[str, str]] = {}
        seen: Counter = Counter()
        body = (cells for _, cells in lines if not _is_blank(cells))
        for ordinal, cells in enumerate(body):
            name = _cell_at(cells, name_column)
            run_id = _cell_at(cells, id_column)
            run = name or run_id or f"row {ordinal + 1}"
            seen[run] += 1
            if seen[run] > 1:  # display names are not unique; keep the runs apart
                run = f"{run} ({run_id})" if run_id else f"{run} #{seen[run]}"
            config[run] = {
                columns[p]: _cell_at(cells, p) for p in config_columns if _cell_at(cells, p)
            }
            for position in metric_columns:
                raw = _cell(_cell_at(cells, position))
                if raw is None:
                    continue
                value = _number(raw)
                if value is None:
                    non_numeric[position] += 1
                    continue
                numeric_columns.add(position)
                tags.append(columns[position])
                runs.append(run)
                values.append(value)
        warnings = [RUNS_TABLE_WARNING]
        mixed = [position for position in non_numeric if position in numeric_columns]
        if mixed:
            warnings.append(
                "skipped non-numeric values in metric columns: "
                + _listed(f"'{columns[p]}' ({non_numeric[p]})" for p in mixed)
            )
        table = points_table(tags, [0] * len(values), values, run=runs)
        meta = {"runs": list(config), "config": config}
        return Points(table, warnings, meta)
