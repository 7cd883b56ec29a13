"""Hugging Face Trainer ``trainer_state.json``: ``log_history`` into points.

Every numeric value of every ``log_history`` entry becomes a point at that
entry's ``step`` (``epoch`` goes to the epoch column), in file order. The
end-of-training summary entry (the one with ``train_runtime``) describes the
run, not a step, so it goes to ``meta["summary"]``. Top-level keys such as
``best_model_checkpoint``, ``best_metric`` and ``num_input_tokens_seen`` are
kept as run metadata. The file may hold the bare tokens ``NaN`` and
``Infinity`` (Python's ``json.dumps``), so it is parsed with ``json``'s semantics,
which accept them (orjson on the text with those tokens quoted). Every key is
optional (FORMATS.md §1).
"""

from __future__ import annotations

import gc
import json
import math
import re
import time
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import orjson
import pandas as pd

from curvecli import safeio
from curvecli.errors import FormatError, NotAFileError
from curvecli.frame import Points, points_table
from curvecli.readers.base import (
    MAX_EXACT_STEP,
    Reader,
    check_not_pointer,
    decode_text,
    json_number,
    to_float,
)

# Keys of a log entry that are coordinates, not values.
_COORDINATE_KEYS = frozenset({"step", "epoch"})
# An entry holding one of these is the end-of-training summary.
_SUMMARY_KEYS = frozenset({"train_runtime", "train_samples_per_second"})
# Top-level keys worth keeping for the analysis and the report.
META_KEYS = (
    "best_model_checkpoint",
    "best_metric",
    "best_global_step",
    "global_step",
    "max_steps",
    "num_train_epochs",
    "epoch",
    "num_input_tokens_seen",
    "logging_steps",
    "eval_steps",
    "save_steps",
    "train_batch_size",
    "trial_name",
    "trial_params",
    "total_flos",
)
_GLOBAL_STEP = re.compile(rb'"global_step"\s*:\s*(\d+)')
# A half-written file (the Trainer rewrites it whole at every save) is retried once.
_RETRY_DELAY_S = 0.2


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def global_step_hint(head: bytes) -> int | None:
    """The ``global_step`` from a file's first bytes (sorted keys put it early)."""
    match = _GLOBAL_STEP.search(head)
    return int(match.group(1)) if match else None


def _early_stopping(callbacks: Any) -> dict[str, Any] | None:
    items = callbacks if isinstance(callbacks, list) else [callbacks]
    for item in items:
        if isinstance(item, dict) and "EarlyStoppingCallback" in item:
            state = item["EarlyStoppingCallback"]
            args = state.get("args") if isinstance(state, dict) else None
            if isinstance(args, dict):  # patience and threshold: finite numbers or nothing
                return {key: value for key, value in args.items()
                        if _is_number(value) and math.isfinite(to_float(value))} or None
    return None


class TrainerStateReader(Reader):
    name = "trainer_state"
    layout = "output_dir"
    twin_group = frozenset({"events"})
    source = "trainer_state"

    def claims_name(self, path: Path) -> bool:
        # Whatever it holds (a list, a half-written or empty file), read() says what is wrong.
        name = Path(path).name
        return name.startswith("trainer_state") and name.endswith(".json")

    def sniff(self, head: bytes, path: Path) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith(b"{") and b'"log_history"' in head

    @staticmethod
    def _check_head(path: Path):
        """A check of the first bytes before the rest is read: a file of zero bytes
        (preallocated, sparse) is refused at once, not read to its end."""
        return lambda head: safeio.refuse_zeros(head, path, "trainer_state.json")

    def _load(self, path: Path) -> dict[str, Any]:
        """The file as a JSON object, at most ``safeio.json_limit()`` bytes of it (larger
        ones are refused before they are read: ``CURVECLI_MAX_JSON_BYTES``)."""
        for attempt in range(2):
            try:
                data = safeio.read_all(path, safeio.json_limit(), self._check_head(path))
            except NotAFileError:
                raise
            except OSError as error:
                raise FormatError(f"cannot read: {error.strerror or error}", path) from None
            if data:
                check_not_pointer(data[:64], path)
            try:
                if not data:  # the Trainer truncates the file before writing it again
                    raise ValueError("empty file (0 bytes)")
                state = parse_json(data)
            except (ValueError, RecursionError) as error:
                if attempt == 0:
                    time.sleep(_RETRY_DELAY_S)
                    continue
                check_not_pointer(data[:64], path)
                raise FormatError(f"invalid JSON: {error}", path) from None
            break
        if not isinstance(state, dict):
            raise FormatError(
                f"expected a JSON object with log_history, found {type(state).__name__}", path
            )
        return state

    def read(self, path: Path) -> Points:
        state = self._load(path)
        warnings: list[str] = []
        history = state.get("log_history")
        if history is None:
            raise FormatError("no log_history in this trainer_state.json", path)
        if not isinstance(history, list):
            raise FormatError(
                f"log_history is a {type(history).__name__}, expected a list", path
            )
        table, summary, skipped, missing_step = history_points(history)

        if not history:
            warnings.append(f"{path}: log_history is empty (no points)")
        if missing_step:
            warnings.append(
                f"{path}: {missing_step} log entries without a numeric step; "
                "the previous entry's step was used"
            )
        if skipped:
            listed = ", ".join(f"{key} ({kind})" for key, kind in list(skipped.items())[:5])
            warnings.append(f"{path}: non-numeric values skipped: {listed}")

        meta: dict[str, Any] = {key: state[key] for key in META_KEYS if key in state}
        if summary:
            meta["summary"] = summary
        early_stopping = _early_stopping(state.get("stateful_callbacks"))
        if early_stopping:
            meta["early_stopping"] = early_stopping
        return Points(table=table, warnings=warnings, meta=meta)


def parse_json(data: bytes) -> Any:
    """``json.loads`` semantics (bare ``NaN``/``Infinity`` accepted), parsed by orjson.

    orjson rejects the bare tokens Python's ``json.dumps`` writes, so they are
    quoted first (the ``": NaN"`` form the Trainer writes); the reader treats the
    strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"`` as those numbers. Anything
    orjson still refuses goes through the standard library. The quoted text is tried
    first, as the file usually has the tokens; a ``: NaN`` inside a string of a valid
    file gets an opening quote that ends the string and leaves the token bare, so
    orjson refuses that text and then reads the original.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    with _collector_paused():
        quoted = quote_bare_tokens(data)
        for text in (quoted, data) if quoted is not data else (data,):
            try:
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return json.loads(decode_text(data))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a parser builds a file's objects.

    A 200,000-entry history is a million objects, and their allocation sets off
    collections that walk every tracked object of the process: a sixth of the parse,
    for nothing, as parsed JSON holds no cycles. Left alone when already off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# Bare tokens of ``json.dumps`` and the text before them that marks them as a value.
_BARE_TOKENS = ((b"NaN", (b": ",)), (b"Infinity", (b": ", b": -")))
# False leads (an ``N`` or ``I`` that starts no token) before searching for whole tokens.
_LEAD_MISSES = 1000


def _token_starts(data: bytes, token: bytes) -> list[int]:
    """Where ``token`` occurs in ``data``, left to right, without overlaps.

    Searched by its first byte: a one-byte find is a memchr, an order of magnitude
    faster than a substring search over a 35 MB file, and ``N`` and ``I`` are rare in a
    log. Text full of them switches to searching for the whole token.
    """
    starts: list[int] = []
    needle, misses = token[:1], 0
    at = data.find(needle)
    while at >= 0:
        if data.startswith(token, at):
            starts.append(at)
            at += len(token)
        else:
            misses += 1
            at += 1
            if misses == _LEAD_MISSES:
                needle = token
        at = data.find(needle, at)
    return starts


def quote_bare_tokens(data: bytes) -> bytes:
    """``data`` with every ``: NaN``, ``: Infinity`` and ``: -Infinity`` value quoted.

    The same bytes as replacing those three forms one after the other, in one pass
    per token and one copy (none when there is nothing to quote).
    """
    spans = []
    for token, prefixes in _BARE_TOKENS:
        for at in _token_starts(data, token):
            for prefix in prefixes:
                if data.endswith(prefix, 0, at):
                    # The sign belongs inside the quotes: ``"-Infinity"``.
                    begin = at - len(prefix) + 2
                    spans.append((begin, at + len(token)))
                    break
    if not spans:
        return data
    spans.sort()
    view = memoryview(data)  # slices of a view are not copies: the join is the one copy
    pieces, start = [], 0
    for begin, end in spans:
        pieces += (view[start:begin], b'"', view[begin:end], b'"')
        start = end
    pieces.append(view[start:])
    return b"".join(pieces)


_NUMBER_TYPES = frozenset({int, float})


def _floats(column: list) -> np.ndarray:
    """Plain numbers as float64; a JSON integer beyond the float range is ±inf."""
    try:
        return np.fromiter(column, dtype=np.float64, count=len(column))
    except OverflowError:
        return np.array([to_float(value) for value in column], dtype=np.float64)


def _odd_cells(column: list) -> list[int]:
    """Positions of the cells that are not plain numbers, found with C loops.

    A diverged run has a few ``"NaN"`` strings among 100,000 floats: each is found
    by ``list.index`` over the cells' types, which compares type objects by identity.
    """
    if _NUMBER_TYPES.issuperset(map(type, column)):
        return []
    kinds = list(map(type, column))
    positions = []
    for kind in set(kinds) - _NUMBER_TYPES:
        at = kinds.index(kind)
        while True:
            positions.append(at)
            try:
                at = kinds.index(kind, at + 1)
            except ValueError:
                break
    return sorted(positions)


def _numbers_or_nan(column: list) -> np.ndarray:
    """A coordinate column (step, epoch) as floats; anything but a number is NaN."""
    for index in _odd_cells(column):
        column[index] = math.nan
    return _floats(column)


def _points_of(
    column: list, key: str, skipped: dict[str, str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """A value column's points: float64 values and which cells are points (None: all).

    Numbers are points, and so are the strings ``NaN``/``Infinity``/``-Infinity``;
    ``None`` and bools are quietly not, anything else is noted in ``skipped``.
    Only the cells that are not numbers are looked at one by one.
    """
    odd = _odd_cells(column)
    if not odd:
        return _floats(column), None
    kept = np.ones(len(column), dtype=bool)
    for index in odd:
        value = column[index]
        point = json_number(value)
        if point is None:
            kept[index] = False
            if value is not None and type(value) is not bool:
                skipped.setdefault(key, type(value).__name__)
            point = math.nan
        column[index] = point
    return _floats(column), kept


def history_points(history: list) -> tuple[pd.DataFrame, dict, dict, int]:
    """Every numeric value of ``log_history`` as points, in file order.

    Entries are grouped by their key set (a Trainer writes a handful of entry
    shapes). A group's values are gathered into one flat list whose every
    ``width``-th item is one key's column, so each key is checked and converted to
    an array in C; only cells holding something other than a plain number (a
    ``"NaN"`` string, a bool, None) are looked at one by one. Points are then placed
    straight at their file-order position (the entry's offset plus the key's rank
    among the entry's points), without a sort. Returns the points, the summary
    entry, skipped keys and the number of entries without a step.
    """
    groups, summary, skipped = _entry_groups(history)
    n = len(history)
    raw_steps = np.full(n, np.nan)
    epochs = np.full(n, np.nan)
    points_per_entry = np.zeros(n, dtype=np.int64)
    missing_step = 0
    names: dict[str, int] = {}
    columns: list[tuple[np.ndarray, np.ndarray, int, np.ndarray]] = []
    for keys, indices in groups.items():
        entry_rows = np.asarray(indices, dtype=np.int64)
        cells = list(chain.from_iterable(map(dict.values, [history[i] for i in indices])))
        missing_step += _group_coordinates(keys, cells, entry_rows, raw_steps, epochs)
        points_per_entry[entry_rows] = _group_columns(
            keys, cells, entry_rows, names, columns, skipped
        )
    if not columns:
        return points_table([], [], []), summary, skipped, missing_step
    table = _placed_points(columns, names, raw_steps, epochs, points_per_entry)
    return table, summary, skipped, missing_step


def _entry_groups(history: list) -> tuple[dict[tuple, list[int]], dict, dict[str, str]]:
    """The log entries grouped by key set (key tuple -> entry indexes, in file order), the
    summary entry (the last holding a ``_SUMMARY_KEYS`` key, which joins no group), and the
    entries skipped because they are not objects."""
    groups: dict[tuple, list[int]] = {}
    summary: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for index, entry in enumerate(history):
        if type(entry) is not dict:
            skipped.setdefault("<entry>", type(entry).__name__)
            continue
        keys = tuple(entry)
        members = groups.get(keys)
        if members is not None:
            members.append(index)
        elif _SUMMARY_KEYS.intersection(keys):
            summary = entry
        else:
            groups[keys] = [index]
    return groups, summary, skipped


def _group_coordinates(
    keys: tuple, cells: list, entry_rows: np.ndarray, raw_steps: np.ndarray, epochs: np.ndarray
) -> int:
    """Write a group's steps and epochs into ``raw_steps`` / ``epochs``; the number of its
    entries without a usable step (not counted for ``predict_`` / ``test_`` entries).

    A step must be a finite number below ``MAX_EXACT_STEP``; it is truncated to an integer.
    An entry without one (NaN) takes the previous entry's step later.
    """
    width = len(keys)
    if "step" in keys:
        # Steps carry forward over entries that have none (trainer.predict() logs without one).
        steps = _numbers_or_nan(cells[keys.index("step")::width])
        usable = np.isfinite(steps) & (np.abs(steps) < MAX_EXACT_STEP)
        raw_steps[entry_rows] = np.where(usable, np.trunc(steps), np.nan)
    missing = 0
    if "step" not in keys or np.isnan(raw_steps[entry_rows]).any():
        if not any(key.startswith(("predict_", "test_")) for key in keys):
            missing = int(np.isnan(raw_steps[entry_rows]).sum())
    if "epoch" in keys:
        epochs[entry_rows] = _numbers_or_nan(cells[keys.index("epoch")::width])
    return missing


def _group_columns(
    keys: tuple,
    cells: list,
    entry_rows: np.ndarray,
    names: dict[str, int],
    columns: list,
    skipped: dict[str, str],
) -> np.ndarray:
    """Append each value key's points of a group to ``columns`` as (entry rows, rank of the
    point among its entry's points, tag code, values); returns each entry's point count.

    Tag codes are numbered in ``names`` by first appearance; keys with non-numeric values
    are noted in ``skipped``.
    """
    width = len(keys)
    rank = np.zeros(len(entry_rows), dtype=np.int64)
    for position, key in enumerate(keys):
        if key in _COORDINATE_KEYS:
            continue
        values, kept = _points_of(cells[position::width], key, skipped)
        if kept is None:
            rows, ranks = entry_rows, rank.copy()
            rank += 1
        else:
            rows, ranks, values = entry_rows[kept], rank[kept], values[kept]
            rank += kept
        if not len(rows):
            continue
        code = names.setdefault(key, len(names))
        columns.append((rows, ranks, code, values))
    return rank


def _placed_points(
    columns: list,
    names: dict[str, int],
    raw_steps: np.ndarray,
    epochs: np.ndarray,
    points_per_entry: np.ndarray,
) -> pd.DataFrame:
    """The points table, each point placed at its entry's offset plus its rank; an entry
    without a step takes the one before it (0 before any)."""
    steps = pd.Series(raw_steps).ffill().fillna(0).to_numpy().astype(np.int64)
    ends = np.cumsum(points_per_entry)
    starts = ends - points_per_entry
    total = int(ends[-1])
    point_rows = np.empty(total, dtype=np.int64)
    codes = np.empty(total, dtype=np.int32)
    values_out = np.empty(total, dtype=np.float64)
    for rows, ranks, code, values in columns:
        at = starts[rows] + ranks
        point_rows[at] = rows
        codes[at] = code
        values_out[at] = values
    tags = pd.Categorical.from_codes(codes, list(names))
    return points_table(tag=tags, step=steps[point_rows], value=values_out,
                        epoch=epochs[point_rows])
