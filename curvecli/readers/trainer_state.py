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

from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import Reader, check_not_pointer, decode_text

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
            if isinstance(state, dict):
                return state.get("args") or None
    return None


class TrainerStateReader(Reader):
    name = "trainer_state"
    source = "trainer_state"

    def sniff(self, head: bytes, path: Path) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not text.startswith(b"{"):
            return False
        return b'"log_history"' in head or (
            path.name.startswith("trainer_state") and path.suffix == ".json"
        )

    def _load(self, path: Path) -> dict[str, Any]:
        for attempt in range(2):
            try:
                data = path.read_bytes()
            except OSError as error:
                raise FormatError(f"cannot read: {error.strerror or error}", path) from None
            check_not_pointer(data[:64], path)
            try:
                state = json.loads(decode_text(data))
            except (ValueError, RecursionError) as error:
                if attempt == 0:
                    time.sleep(_RETRY_DELAY_S)
                    continue
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

        tags: list[str] = []
        steps: list[int] = []
        epochs: list[float] = []
        values: list[float] = []
        summary: dict[str, Any] = {}
        skipped: dict[str, str] = {}
        last_step = 0
        missing_step = 0
        for entry in history:
            if not isinstance(entry, dict):
                skipped.setdefault("<entry>", type(entry).__name__)
                continue
            if _SUMMARY_KEYS & entry.keys():
                summary = entry
                continue
            step = entry.get("step")
            if _is_number(step) and math.isfinite(step):
                last_step = int(step)
            elif not any(key.startswith(("predict_", "test_")) for key in entry):
                # trainer.predict() logs its metrics without a step: that is expected.
                missing_step += 1
            epoch = entry.get("epoch")
            epoch = float(epoch) if _is_number(epoch) else math.nan
            for key, value in entry.items():
                if key in _COORDINATE_KEYS:
                    continue
                if _is_number(value):
                    tags.append(key)
                    steps.append(last_step)
                    epochs.append(epoch)
                    values.append(float(value))
                elif isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity"):
                    tags.append(key)
                    steps.append(last_step)
                    epochs.append(epoch)
                    values.append(float(value.replace("Infinity", "inf")))
                elif not isinstance(value, bool) and value is not None:
                    skipped.setdefault(key, type(value).__name__)

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
        table = points_table(tag=tags, step=steps, value=values, epoch=epochs)
        return Points(table=table, warnings=warnings, meta=meta)
