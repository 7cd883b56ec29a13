"""Per-epoch JSON histories that training scripts write by hand.

(MMCV 1.x's ``<time>.log.json`` is JSON Lines after a meta record: ``_mmcv_records``.)
Three layouts, all in a file named like a log (``log``, ``history``, ``metric``, ``result``,
``train``, ``stats`` or ``loss`` in its name: a ``config.json`` is never read), JSON Lines
also by any name (``out.txt``: two records or more, the first with a metric-named number):

* **JSON Lines of records**, one object per epoch or step: the ``log.txt`` of the DeiT, MAE,
  ConvNeXt and DINO training scripts (``json.dumps(log_stats) + "\\n"``, with ``train_loss``,
  ``test_loss``, ``test_acc1``, ``epoch``), ``metrics.jsonl``;
* **a list of records** (``json.dump(records, f)``), also under one key of a dict
  (``{"training_history": [{...}, ...]}``);
* **a dict of lists**: Keras' ``json.dump(model.fit(...).history, f)``
  (``{"loss": [...], "val_loss": [...]}``) and its hand-written kin
  (``{"train_losses": [...], "val_losses": [...]}``), also per split
  (``{"train": {"loss": [...]}, "valid": {"loss": [...]}}``).

A record's step is its ``step``, ``global_step``, ``current_steps`` (LLaMA-Factory), ``iteration``,
``iter`` or ``epoch`` (the first
present, as written), else its position (0-based, as Keras' CSVLogger counts epochs); ``epoch``
is also the point's epoch and ``timestamp`` its wall time. Every other number (``NaN`` and
``Infinity`` kept) is a point; text, lists and nested objects are not. In a dict of lists each
list of numbers is a series whose steps are the positions (or the ``epoch`` list's values when
one of the same length is there). A line that is not a JSON object is skipped with a warning.
Sniffing: the name hint, then a first line that is a JSON object holding a metric-named number
(JSON Lines), or a ``{"<metric name>": [<number>`` or ``[{`` opening with a metric word in the
head (whole documents).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curvecli import names
from curvecli.errors import FormatError, short_list
from curvecli.frame import Points, points_table
from curvecli.readers.base import (
    LISTED,
    MAX_STEP,
    WRAPPER_OPENINGS,
    Reader,
    check_not_pointer,
    decode_text,
    json_lines,
    json_number,
    read_json_whole,
)

NAME_HINTS = ("log", "history", "metric", "result", "train", "stats", "loss")
SUFFIXES = frozenset({".json", ".jsonl", ".txt", ".log", ".ndjson"})
STEP_KEYS = ("step", "global_step", "current_steps", "iteration", "iter", "epoch")
LIST_STEP_KEYS = ("epoch", "epochs", "step", "steps")  # a dict of lists' own x
COORDINATES = frozenset({*STEP_KEYS, *LIST_STEP_KEYS, "timestamp", "time", "wall_time",
                         "n_parameters", "_step", "_runtime", "_timestamp",
                         "total_steps", "percentage"})  # LLaMA-Factory's progress
_METRIC = re.compile(r"loss|acc|f1|auc|bleu|rouge|wer|cer|ppl|perplex|mse|mae|rmse|iou|dice|"
                     r"map|lr|learning_rate|precision|recall|score", re.IGNORECASE)
# (a list of numbers, or of numbers in a container's repr: "tensor(0.41)", json.dump's
# default=str on torch tensors)
_DICT_OF_LISTS = re.compile(r'^\{\s*"([^"\\]{1,200})"\s*:\s*\[\s*(?:[-0-9.NI]|"(?:'
                            + "|".join(map(re.escape, WRAPPER_OPENINGS)) + "))")
# a key with a list of three numbers or more (a config's "lr_milestones": [30, 60] is not one)
_NUMBER_LIST = re.compile(r'"([^"\\]{1,200})"\s*:\s*\[\s*(?:[-+0-9.eENaIinfty]+\s*,\s*){2}'
                          r'[-+0-9.NI]')
# a metric's lists per split: {"loc_loss": {"train": [...], "validation": [...]}}
_SPLIT_LISTS = re.compile(r'"([^"\\]{1,200})"\s*:\s*\{\s*"(?:' + names.LOGGED_SPLIT_WORDS
                          + r')"\s*:\s*\[\s*[-0-9.NI]', re.IGNORECASE)
LIST_SHORT_SHARE = 0.1  # a metric list up to 10% (at least 1) shorter than the longest is a series
LISTS_AFTER_METADATA = 2  # metric-named number lists in the head of a dict opening otherwise
# ``print(history.history)``: a dict of lists as Python prints it (single quotes, bare ``nan``,
# NumPy 2's ``np.float32(0.5)``), in a file of its own or a line of a console log
_PYTHON_LISTS = re.compile(r"^\{\s*'([^'\\]{1,200})'\s*:\s*\[")
_NUMPY_SCALAR = re.compile(r"np\.(?:float|int)(?:16|32|64)\(\s*([^()]*?)\s*\)")
_PYTHON_WORDS = re.compile(r"'|-?\binf\b|\b(?:nan|True|False|None)\b")
_AS_JSON = {"'": '"', "nan": "NaN", "inf": "Infinity", "-inf": "-Infinity", "True": "true",
            "False": "false", "None": "null"}
_RECORDS = re.compile(r"^\[\s*\{")
# MMCV 1.x's TextLoggerHook <time>.log.json opens with the run's meta ({"env_info": ...,
# "config": ...}), then one record per log interval: {"mode": "train", "epoch": 1, "iter": 50,
# "lr": ..., "loss": ...}, {"mode": "val", "epoch": 1, "iter": 2510, "bbox_mAP": ...}
MMCV_META_KEYS = ("env_info", "exp_name", "config")
_MMCV_META = re.compile(r'^\{\s*"(?:' + "|".join(MMCV_META_KEYS) + r')"\s*:')
MMCV_MODES = ("train", "val")
MMCV_BOOKKEEPING = frozenset({"mode", "iter", "memory", "data_time"})
_WRAPPED_RECORDS = re.compile(r'^\{\s*"[^"\\]{1,200}"\s*:\s*\[\s*\{')  # {"history": [{...}


def _named_like_history(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in SUFFIXES and any(hint in name for hint in NAME_HINTS)


def _jsonl_head(text: str) -> bool:
    """True when the first line is a JSON object with a metric-named number and a second
    line follows (a lone object is a config or a summary, not a history)."""
    first, _, rest = text.partition("\n")
    if not rest.lstrip().startswith("{"):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and any(
        _METRIC.search(str(key)) and json_number(value) is not None
        for key, value in record.items())


class JsonHistoryReader(Reader):
    """Per-epoch JSON histories: JSON Lines records (DeiT's ``log.txt``), record lists, and
    dicts of lists (Keras ``history.history`` dumped with ``json``)."""

    name = "json_history"
    source = "json"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            path = Path(path)
            if path.suffix.lower() not in SUFFIXES or b"\x00" in head:
                return False
            text = decode_text(head).lstrip()
            if not _named_like_history(path):  # JSON Lines records by any name (not W&B's)
                return '"_step"' not in text and _jsonl_head(text)
            records = _RECORDS.match(text) or _WRAPPED_RECORDS.match(text)
            if records or text.startswith("["):
                return bool(records) and bool(_METRIC.search(text))
            if not text.startswith("{") or '"_step"' in text or '"log_history"' in text:
                return False
            if _MMCV_META.match(text):
                return True  # MMCV 1.x's <time>.log.json: a meta record, then the log's
            python = _PYTHON_LISTS.match(text)
            if python is not None:
                return bool(_METRIC.search(python.group(1)))
            opening = _DICT_OF_LISTS.match(text)
            if opening is not None and (_METRIC.search(opening.group(1))
                                        or opening.group(1).lower() in names.SPLIT_WORDS):
                return True
            if _jsonl_head(text):
                return True
            if any(_METRIC.search(key) for key in _SPLIT_LISTS.findall(text)):
                return True
            # an "epochs" list, or metadata ("timestamp", "backbone"), before the metric lists
            lists = [key for key in _NUMBER_LIST.findall(text) if _METRIC.search(key)]
            if opening is not None and opening.group(1) in LIST_STEP_KEYS:
                return bool(lists)
            return len(lists) >= LISTS_AFTER_METADATA
        except Exception:  # a sniff never decides a run's fate
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        text = decode_text(_read_bytes(path))
        found = _Found()
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            document = python_lists(text)
            if document is None:
                _read_lines(text, found)
        if isinstance(document, dict):
            document = _unwrapped(document)
        if isinstance(document, dict) and document and all(
                isinstance(value, dict) and not _split_lists(value)
                for value in document.values()):
            for run, history in document.items():  # {"fold 0": {"loss": [...]}, ...}
                found.run = str(run)
                _read_lists(history, found)
        elif isinstance(document, dict):
            _read_lists(document, found)
        elif isinstance(document, list):
            for index, record in enumerate(document):
                found.record(record, index)
        elif document is not None:
            raise FormatError("a JSON value that is not a history", path)
        if not found.values:
            raise FormatError("no numeric history in this JSON", path)
        warnings = []
        if found.bad:
            warnings.append(f"skipped {len(found.bad)} line(s) that are not JSON objects: line "
                            + short_list(map(str, found.bad), LISTED))
        if found.short:
            warnings.append(f"{short_list(found.short, LISTED)}: fewer values than the longest "
                            "list, read from the first epoch on")
        extra = {"run": found.runs} if any(found.runs) else {}
        table = points_table(found.tags, found.steps, found.values, found.epochs, found.times,
                             **extra)
        return Points(table, warnings, {})


class _Found:
    """Points in file order."""

    def __init__(self) -> None:
        self.tags: list[str] = []
        self.steps: list[int] = []
        self.values: list[float] = []
        self.epochs: list[float] = []
        self.times: list[float] = []
        self.runs: list[str] = []
        self.run = ""  # a dict of histories' key ("0" of {"0": {"loss": [...]}})
        self.bad: list[int] = []
        self.short: list[str] = []  # metric lists a few values short, read from their first

    def add(self, tag: str, step: int, value: float, epoch: float, time: float) -> None:
        self.runs.append(self.run)
        self.tags.append(tag)
        self.steps.append(step)
        self.values.append(value)
        self.epochs.append(epoch)
        self.times.append(time)

    def record(self, record: Any, index: int, line: int | None = None) -> None:
        """One record's points (a non-object is counted as a bad line)."""
        if not isinstance(record, dict):
            self.bad.append(line if line is not None else index + 1)
            return
        step = next((json_number(record[key]) for key in STEP_KEYS
                     if json_number(record.get(key)) is not None), None)
        at = int(step) if step is not None and abs(step) < MAX_STEP else index  # NaN fails too
        epoch = json_number(record.get("epoch"))
        time = json_number(record.get("timestamp"))
        for key, value in _flattened(record):
            number = json_number(value) if key not in COORDINATES else None
            if number is not None:
                self.add(str(key), at, number, _nan(epoch), _nan(time))


def _flattened(record: dict) -> Iterator[tuple[Any, Any]]:
    """A record's items, a split's dict of numbers one level down read as keys joined to the
    split (``{"val": {"top1": 0.83, "mrr": 0.92}}`` as ``val_top1``, ``val_mrr``: a
    bug-localisation history keeps its per-split metrics so); other dicts (per-class AUROCs,
    prediction counts) are not series."""
    for key, value in record.items():
        if isinstance(value, dict) and str(key).lower() in names.SPLIT_WORDS:
            for inner, number in value.items():
                if not isinstance(number, dict):
                    yield f"{key}_{inner}", number
        else:
            yield key, value


def _unwrapped(document: dict) -> dict | list:
    """A history wrapped in one more dict: the list of records under a key
    (``{"training_history": [{"epoch": 1, "val_loss": ...}, ...]}``), the per-split dicts of
    lists (``{"train": {"loss": [...]}, "valid": {"loss": [...]}}``, read as ``train_loss`` and
    ``valid_loss``), or the per-split lists of records (``_split_records``); any other document
    as it is."""
    records = [value for value in document.values() if isinstance(value, list) and value
               and all(isinstance(record, dict) for record in value)
               and any(_METRIC.search(str(key)) and json_number(number) is not None
                       for key, number in value[0].items())]
    if len(records) == 1 and not any(isinstance(value, list) and value
                                     and json_number(value[0]) is not None
                                     for value in document.values()):
        return records[0]
    per_split = len(document) > 1 and all(str(key).lower() in names.SPLIT_WORDS and value
                                          for key, value in document.items())
    if per_split and all(isinstance(lists, dict)
                         and all(isinstance(values, list) for values in lists.values())
                         for lists in document.values()):
        return {f"{split}_{key}": values for split, lists in document.items()
                for key, values in lists.items()}
    if per_split and all(isinstance(records, list) and all(isinstance(r, dict) for r in records)
                         for records in document.values()):
        return _split_records(document)
    return document


def _split_records(document: dict) -> list[dict]:
    """Per-split lists of records (``{"train": [{"loss": ...}, ...], "val": [{"loss": ...},
    ...]}``) as one list of records whose keys carry their split (``train_loss``,
    ``val_loss``), each at its own step key or, without one, at its index in its split's list:
    a split evaluated less often keeps its own epochs."""
    merged = []
    for split, records in document.items():
        for index, record in enumerate(records):
            coordinates = {key: value for key, value in record.items() if key in COORDINATES}
            if not any(key in coordinates for key in STEP_KEYS):
                coordinates["step"] = index
            merged.append({**coordinates, **{f"{split}_{key}": value
                                             for key, value in record.items()
                                             if key not in COORDINATES}})
    return merged


def _nan(value: float | None) -> float:
    return float("nan") if value is None else value


def _read_lines(text: str, found: _Found) -> None:
    """JSON Lines: one record per non-blank line (``json_lines``). MMEngine's
    ``vis_data/scalars.json`` (OpenMMLab 2.x) mixes train records, which carry ``iter``, with
    validation records, which carry only ``step`` (the epoch, when training by epoch): those
    are val points (``_mmengine_validation``)."""
    lines = list(json_lines(text, found.bad))
    if lines and isinstance(lines[0][1], dict) and next(iter(lines[0][1]), None) in MMCV_META_KEYS:
        lines = _mmcv_records(lines[1:])
    epoch_ends = _mmengine_epoch_ends([record for _, record in lines])
    for index, (number, record) in enumerate(lines):
        if epoch_ends is not None and isinstance(record, dict) and "iter" not in record \
                and json_number(record.get("step")) is not None:
            record = _mmengine_validation(record, epoch_ends)
        found.record(record, index, number)


def _split_record(step: int, split: str, record: dict, left_out=frozenset()) -> dict:
    """A record's numbers as the split's (``loss`` as ``val_loss``) at ``step``, its
    coordinates and the keys ``left_out`` dropped (OpenMMLab's records name no split)."""
    return {"step": step, **{f"{split}_{key}": value for key, value in record.items()
                             if key not in COORDINATES and key not in left_out}}


def _mmcv_records(lines: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """MMCV 1.x's log records (``_MMCV_META``) with their split and a global step: a
    ``mode`` of ``train`` or ``val`` prefixes its keys; by epoch (the epoch moves), ``iter``
    counts within the epoch, so the step is (epoch - 1) x the epoch's length + iter, the
    length being the largest ``iter`` logged in any epoch (a val record's is the epoch's last
    iteration), and a val record sits at the end of its epoch; by iteration (epoch 1 throughout)
    ``iter`` is the step."""
    records = [(n, r, int(json_number(r.get("epoch")) or 1), int(json_number(r.get("iter")) or 0))
               for n, r in lines if isinstance(r, dict) and r.get("mode") in MMCV_MODES]
    length = max((at for *_, at in records), default=0)
    by_epoch = len({epoch for _, _, epoch, _ in records}) > 1
    out = []
    for number, record, epoch, at in records:
        mode = record["mode"]
        if by_epoch:
            at = epoch * length if mode == "val" else (epoch - 1) * length + at
        left_out = MMCV_BOOKKEEPING | ({"lr"} if mode == "val" else set())
        out.append((number, {**_split_record(at, mode, record, left_out), "epoch": epoch}))
    return out


def _mmengine_epoch_ends(records: list) -> dict[int, int] | None:
    """For MMEngine's scalars.json (train records with ``iter`` and ``step``, others without
    ``iter``), the last logged iteration of each epoch (empty when it trained by iteration),
    else None."""
    train = [r for r in records if isinstance(r, dict) and "iter" in r and "step" in r]
    if not train or len(train) == len(records):
        return None
    ends: dict[int, int] = {}
    for record in train:
        epoch, step = json_number(record.get("epoch")), json_number(record.get("step"))
        if epoch is not None and step is not None:
            ends[int(epoch)] = max(ends.get(int(epoch), 0), int(step))
    return ends


def _mmengine_validation(record: dict, epoch_ends: dict[int, int]) -> dict:
    """An MMEngine validation record as val metrics at the train step it closes: its
    ``step`` is an epoch when the run trained by epoch (the last logged iteration of that
    epoch), else an iteration."""
    step = int(json_number(record["step"]))
    return _split_record(epoch_ends.get(step, step), "val", record)


def _read_lists(document: dict, found: _Found) -> None:
    """A dict of per-epoch lists; its ``epoch`` (or ``epochs``, ``step``, ``steps``) list of
    the same length gives the steps. Metadata beside them is left out: text, single numbers,
    and number lists shorter than the longest metric-named one (``phase_starts: [0, 15,
    40]`` beside 90 epochs), unless metric-named and at most ``_short_by`` values short
    (read from the first epoch on, with a warning); a list under a bare split name is its
    loss (``_split_loss``). A metric's lists per split (``{"loss": {"train": [...],
    "validation": [...]}}``) are the series ``train/loss`` and ``validation/loss``."""
    document = {**document, **{f"{split}/{key}": values for key, value in document.items()
                               if _split_lists(value) for split, values in value.items()}}
    lists = {_split_loss(str(key)): [json_number(value) for value in values]
             for key, values in document.items() if isinstance(values, list) and values}
    lists = {key: numbers for key, numbers in lists.items()
             if all(number is not None for number in numbers)}
    length = max((len(numbers) for key, numbers in lists.items() if _METRIC.search(key)),
                 default=0)
    x = next((lists[key] for key in LIST_STEP_KEYS
              if key in lists and len(lists[key]) == length), None)
    steps = [int(e) for e in x] if x is not None else list(range(length))
    for key, numbers in lists.items():
        if key in COORDINATES or len(numbers) > length or len(numbers) < length and (
                not _METRIC.search(key) or len(numbers) < length - _short_by(length)):
            continue
        if len(numbers) < length:
            found.short.append(key)
        for step, number in zip(steps, numbers):
            found.add(key, step, number, float(step), float("nan"))


def python_lists(text: str) -> dict | None:
    """A dict of lists as Python prints it (``_PYTHON_LISTS``), read as the JSON it
    becomes once its quotes, words and NumPy scalars are spelled JSON's way; None when
    ``text`` is no such dict."""
    text = text.strip()
    if not _PYTHON_LISTS.match(text):
        return None
    text = _PYTHON_WORDS.sub(lambda word: _AS_JSON[word.group()], _NUMPY_SCALAR.sub(r"\1", text))
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _short_by(length: int) -> int:
    """How many values a metric-named list may lack beside the longest and still be a series
    (read from the first epoch on): ``LIST_SHORT_SHARE`` of that length, at least one (a val
    list of 19 epochs beside 20 train epochs: the last evaluation was not run). A list shorter
    than that is metadata (``lr_milestones: [30, 60]``) or logged at another interval,
    whose epochs a position cannot give."""
    return max(1, int(length * LIST_SHORT_SHARE))


def history_points(document: dict) -> Iterator[tuple[str, int, float]]:
    """(tag, step, value) of a dict of per-epoch lists (``_read_lists``' rules)."""
    found = _Found()
    _read_lists(document, found)
    return zip(found.tags, found.steps, found.values)


def _split_loss(key: str) -> str:
    """A list keyed by a bare split name is that split's loss (``{"train": [...], "val":
    [...]}``: ``train_loss``, ``val_loss``), as a bare split name before a value is in a
    console log; any other key as it is."""
    return f"{key}_loss" if key.lower() in names.SPLIT_WORDS else key


def _split_lists(value: Any) -> bool:
    """True for a metric's lists per split: ``{"train": [...], "validation": [...]}``."""
    return isinstance(value, dict) and bool(value) and all(
        isinstance(key, str) and key.lower() in names.SPLIT_WORDS and isinstance(lists, list)
        for key, lists in value.items())


def _read_bytes(path: Path) -> bytes:
    """The file whole (``read_json_whole``), not a Git LFS pointer."""
    data = read_json_whole(path, "JSON history")
    check_not_pointer(data[:64], path)
    return data
