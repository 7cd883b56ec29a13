"""Hugging Face Trainer ``trainer_state.json``: ``log_history`` into points.

Every numeric value of every ``log_history`` entry becomes a point at that
entry's ``step`` (``epoch`` goes to the epoch column), in file order. The
end-of-training summary entry (the one with ``train_runtime``) describes the
run, not a step, so it goes to ``meta["summary"]``. Top-level keys such as
``best_model_checkpoint``, ``best_metric`` and ``num_input_tokens_seen`` are
kept as run metadata. The file may hold the bare tokens ``NaN`` and
``Infinity`` (Python's ``json.dumps``), so it is parsed with ``json``, which
accepts them. Every key is optional (FORMATS.md §1).
"""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import Reader, check_not_pointer, decode_text

try:  # a faster JSON parser when installed; json semantics are kept either way
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

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
                        if _is_number(value) and math.isfinite(_float(value))} or None
    return None


class TrainerStateReader(Reader):
    name = "trainer_state"
    source = "trainer_state"

    def claims_name(self, path: Path) -> bool:
        # Whatever it holds (a list, a half-written or empty file), read() says what is wrong.
        name = Path(path).name
        return name.startswith("trainer_state") and name.endswith(".json")

    def sniff(self, head: bytes, path: Path) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith(b"{") and b'"log_history"' in head

    def _load(self, path: Path) -> dict[str, Any]:
        for attempt in range(2):
            try:
                data = path.read_bytes()
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
    """``json.loads`` semantics (bare ``NaN``/``Infinity`` accepted), faster when orjson is there.

    orjson rejects the bare tokens Python's ``json.dumps`` writes, so they are
    quoted first (the ``": NaN"`` form the Trainer writes); the reader treats the
    strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"`` as those numbers. Anything
    orjson still refuses goes through the standard library.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _orjson is not None:
        try:
            return _orjson.loads(data)
        except _orjson.JSONDecodeError:
            quoted = (data.replace(b": NaN", b': "NaN"').replace(b": Infinity", b': "Infinity"')
                      .replace(b": -Infinity", b': "-Infinity"'))
            try:
                return _orjson.loads(quoted)
            except _orjson.JSONDecodeError:
                pass
    return json.loads(decode_text(data))


_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
_NUMBER_TYPES = (int, float)
_MAX_STEP = 2**53  # steps beyond this are not exact in float64, let alone real step counts


def _float(value: int | float) -> float:
    """``float(value)``; a JSON integer beyond the float range is ±inf."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _floats(column: list) -> np.ndarray:
    try:
        return np.asarray(column, dtype=np.float64)
    except OverflowError:
        return np.array([_float(value) for value in column], dtype=np.float64)


def _value_or_none(value: Any) -> float | None:
    """The point value of a log entry's value, or None when it is not a point."""
    kind = type(value)
    if kind is float or kind is int:
        return _float(value)
    if kind is str:
        return _NON_FINITE.get(value)
    return None


def history_points(history: list) -> tuple[pd.DataFrame, dict, dict, int]:
    """Every numeric value of ``log_history`` as points, in file order.

    Entries are grouped by their key set (a Trainer writes a handful of entry
    shapes), and each key of a group is converted to an array at once; only
    keys holding something other than plain numbers take the per-value path.
    Returns the points, the summary entry, skipped keys and the number of
    entries without a step.
    """
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

    # Steps carry forward over entries that have none (trainer.predict() logs without one).
    n = len(history)
    raw_steps = np.full(n, np.nan)
    epochs = np.full(n, np.nan)
    missing_step = 0
    for keys, indices in groups.items():
        if "step" in keys:
            values = [history[i]["step"] for i in indices]
            if all(type(v) is int and -_MAX_STEP < v < _MAX_STEP for v in values):
                raw_steps[indices] = values
            else:
                for i, v in zip(indices, values):
                    if _is_number(v) and math.isfinite(v) and abs(v) < _MAX_STEP:
                        raw_steps[i] = int(v)
        if "step" not in keys or np.isnan(raw_steps[indices]).any():
            if not any(key.startswith(("predict_", "test_")) for key in keys):
                missing_step += int(np.isnan(raw_steps[indices]).sum())
        if "epoch" in keys:
            column = [history[i]["epoch"] for i in indices]
            if not all(type(v) is float or type(v) is int for v in column):
                column = [v if _is_number(v) else math.nan for v in column]
            epochs[indices] = _floats(column)
    steps = pd.Series(raw_steps).ffill().fillna(0).to_numpy().astype(np.int64)

    names: dict[str, int] = {}
    entry_parts, position_parts, code_parts, value_parts = [], [], [], []
    for keys, indices in groups.items():
        index_array = np.asarray(indices, dtype=np.int64)
        for position, key in enumerate(keys):
            if key in _COORDINATE_KEYS:
                continue
            column = [history[i][key] for i in indices]
            if all(type(v) is float for v in column) or all(type(v) in _NUMBER_TYPES for v in column):
                rows, values = index_array, _floats(column)
            else:
                converted = [_value_or_none(v) for v in column]
                keep = np.fromiter((v is not None for v in converted), bool, len(converted))
                for v, kept in zip(column, keep):
                    if not kept and v is not None and type(v) is not bool:
                        skipped.setdefault(key, type(v).__name__)
                rows = index_array[keep]
                values = np.asarray([v for v in converted if v is not None], dtype=np.float64)
            if not len(rows):
                continue
            code = names.setdefault(key, len(names))
            entry_parts.append(rows)
            position_parts.append(np.full(len(rows), position, dtype=np.int64))
            code_parts.append(np.full(len(rows), code, dtype=np.int32))
            value_parts.append(values)
    if not value_parts:
        return points_table([], [], []), summary, skipped, missing_step
    entry_rows = np.concatenate(entry_parts)
    order = np.lexsort((np.concatenate(position_parts), entry_rows))
    entry_rows = entry_rows[order]
    tags = pd.Categorical.from_codes(np.concatenate(code_parts)[order], list(names))
    table = points_table(tag=tags, step=steps[entry_rows],
                         value=np.concatenate(value_parts)[order], epoch=epochs[entry_rows])
    return table, summary, skipped, missing_step
