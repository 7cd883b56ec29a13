"""Readers for every CSV-shaped training log: TensorBoard UI downloads (CSV and JSON),
Lightning ``metrics.csv``, Keras ``CSVLogger`` files, YOLO ``results.csv``, long
``step,tag,value`` tables and generic wide CSVs. They share one loader that turns the
bytes into raw columns with pandas' C engine (BOM, latin-1, ``,``/``;``/tab, ragged rows,
junk cells) and one numeric parser that keeps ``nan``/``inf`` as points while ``NA`` and
empty cells are missing; a plain file (numbers and missing tokens only) is parsed by
pyarrow instead, with the same result. Each reader then only says which column is the step,
which the epoch, and which are tags. Points come out in file order: row by row, and within a
row in column order. The W&B CSV exports (``wandb.py``) are read by the same loader, every
column as text (``load_text``), and judge their cells one by one (``cell_values``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from curvecli import names, safeio
from curvecli.errors import FormatError, NoLogsError, NotAFileError
from curvecli.frame import Points, empty_points, points_table
from curvecli.readers.base import (
    MAX_STEP,
    WRAPPED_NUMBER,
    WRAPPER_OPENINGS,
    Reader,
    check_not_pointer,
    decode_text,
    is_lfs_pointer,
    read_head,
)

BOM = b"\xef\xbb\xbf"
SEPARATORS = (",", ";", "\t")
# Cells that mean "no value here". NaN spelled out is a value (divergence evidence).
MISSING_TOKENS = ("", "NA", "N/A", "null", "NULL", "None")
NAN_TOKENS = frozenset({"nan", "+nan", "-nan"})
# Generic x-axis columns, in the order FORMATS.md §4.3 gives.
X_COLUMNS = ("step", "global_step", "Step", "_step", "epoch", "iteration", "iter", "it", "epochs",
             "ep",
             "epoca", "época", "època", "epoque", "époque", "epoche",
             "round", "comm_round",  # federated learning: a communication round
             "episode", "episodes")  # reinforcement learning: a log per episode
# A batch counter beside the epoch in a per-batch log (``epoch,batch,loss``): see _batch_steps.
WITHIN_EPOCH_COLUMNS = ("batch", "batch_idx", "batch_index", "iteration", "iter", "it")
TAG_COLUMNS = ("tag", "metric", "name", "key", "series")
VALUE_COLUMNS = ("value",)
WALL_TIME_COLUMNS = ("wall_time", "wall time", "walltime")
RUN_COLUMNS = ("run", "dir_name")
# A long CSV's split column (``epoch,split,metric,value``): it prefixes a tag that names none.
SPLIT_COLUMNS = ("split", "phase", "subset")
# A wide CSV's column naming each row's split (``epoch,phase,loss,acc``: see ``_row_splits``).
ROW_SPLIT_COLUMNS = frozenset({"split", "phase", "subset", "mode", "stage"})
# A wide CSV with one of these columns may hold several trainings, one after another or
# interleaved (k-fold cross-validation, seeds, a model per block of rows): see _run_key.
RUN_KEY_COLUMNS = ("fold", "kfold", "fold_idx", "fold_id", "cv_fold", "seed", "run", "run_id",
                   "run_name", "trial", "trial_id", "model", "model_name", "experiment",
                   "experiment_name", "config", "variant")
RUN_KEY_MIN_ROWS = 3  # rows per run, on average, for a column to tell runs apart
# Trainings appended with nothing naming them continue one another when each starts within a
# quarter of the way from where the one before ended back to where the first started: see
# _continued_steps.
CONTINUED_NEAR = 0.25
# A summary table names one metric per row (``Metric,Value``: YOLO's final metrics written
# by hand, a results table): its first column, named so, holds the names.
SUMMARY_NAME_COLUMNS = ("metric", "metrics", "metric_name", "name", "key", "measure",
                        "statistic", "stat")
SUMMARY_MAX_ROWS = 200  # a longer table is a log, whatever its first column
TB_EXPORT_HEADER = ["Wall time", "Step", "Value"]
VAL_PREFIX = "val_"
# A column counts as numeric when at least this share of its filled cells parse.
NUMERIC_SHARE = 0.5
JUNK_EXAMPLES = 3
# Directories with more files than this are not scanned for sibling exports.
MAX_SIBLINGS = 2000
# Plain files go through pyarrow (tests turn it off to hold both readings to the same
# points); its parser takes the file in blocks of this size.
USE_PYARROW = True
ARROW_BLOCK_BYTES = 1 << 22
# Sniffing looks at this many data lines after the header.
SNIFF_LINES = 5
# A file not named .csv/.tsv is sniffed as a table only when at least this share of its
# sniffed data lines have the header's number of fields.
TABLE_SHAPED_SHARE = 0.6
# A latin-1 header line is mostly ASCII (``précision``); random bytes are not.
TEXT_ASCII_SHARE = 0.8

# Bytes a text file never holds (tab, line breaks and form feed are text).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?([eE][-+]?\d+)?")
_WITH_UNIT = re.compile(r"^([-+]?[\d.,]*\d(?:[eE][-+]?\d+)?)\s*([A-Za-z%µ/]+)$")
_DECIMAL_COMMA = re.compile(rb"\d,\d")
_DECIMAL_POINT = re.compile(rb"\d\.\d")
_TB_JSON_HEAD = re.compile(
    r"^\[\s*\[\s*-?[\d.eE+\-]+\s*,\s*-?[\d.eE+]+\s*,\s*(-?[\d.eE+\-]+|-?Infinity|NaN)\s*[\],]"
)
# Python logging's default time stamp, "2024-05-01 12:00:01,123": its comma is not a CSV's.
LOGGING_TIME = re.compile(r"^\s*\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d,\d{3}\]?")
_TB_EXPORT_NAME = re.compile(r"^run[-_](?P<run>.*?)[-_]tag[-_](?P<tag>.+)$")
_SKIPPED_LINE = re.compile(r"Skipping line (\d+)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FIRST_LINE_BREAK = re.compile(rb"[\r\n]")
_LEADING_BLANK_LINES = re.compile(rb"(?:[ \t\r]*\n)*")
_BARE_CR = re.compile(rb"\r(?!\n)")  # an old-Mac line end; pandas' C parser can drop the next row
# Excel's separator directive, a first line "sep=," before the header (a CSV saved for Excel).
_EXCEL_SEP = re.compile(r"^\ufeff?sep=.\s*$")
_EXCEL_SEP_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?sep=.[ \t\r]*\n")


# --------------------------------------------------------------------------- header sniffing


@dataclass
class _Header:
    """The first line of a CSV-looking file, split into stripped column names."""

    names: list[str]
    separator: str
    raw_first: str
    data_lines: list[str]


def _split_line(line: str, separator: str) -> list[str]:
    row = next(csv.reader([line], delimiter=separator, skipinitialspace=True), [])
    return [cell.strip() for cell in row]


def _table_shaped(header: _Header) -> bool:
    """True when most sniffed data lines have as many fields as the header: a table. A
    console log whose first line happens to hold commas (``train 564,597 tokens | val
    62,732 tokens``) is prose with thousands separators, and its next lines split into any
    number of fields."""
    width = len(header.names)
    same = sum(len(_split_line(line, header.separator)) == width for line in header.data_lines)
    return same >= TABLE_SHAPED_SHARE * len(header.data_lines)


def _pick_separator(line: str) -> str:
    # Quoted names may contain any separator, so count outside quotes only.
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {sep: outside.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _looks_like_text(head: bytes) -> bool:
    """False for binary data: control bytes, or non-UTF-8 bytes that are mostly not ASCII."""
    if _CONTROL_BYTES.search(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not just a character cut at the end of the head
            first = head.lstrip().split(b"\n", 1)[0]
            return sum(byte < 0x80 for byte in first) >= TEXT_ASCII_SHARE * len(first)
    return True


def _header(head: bytes) -> _Header | None:
    """Parse the header line from a file's first bytes; None when it is not CSV-like."""
    if not _looks_like_text(head):
        return None
    return _header_text(decode_text(head))


def _header_text(text: str) -> _Header | None:
    # Only the line breaks pandas knows; str.splitlines would also split on \x0c etc.
    lines = _LINE_BREAK.split(text)
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _EXCEL_SEP.match(lines[0]):
        lines.pop(0)
    if not lines:
        return None
    first = lines[0]
    if first.lstrip()[:1] in ("{", "[", "<", "#"):
        return None
    separator = _pick_separator(first)
    header_names = _split_line(first, separator)
    if not header_names:
        return None
    data_lines = [line for line in lines[1 : SNIFF_LINES + 1] if line.strip()]
    return _Header(header_names, separator, first, data_lines)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _is_wandb(header_names: list[str]) -> bool:
    """W&B history exports and panel exports belong to the W&B readers."""
    present = set(header_names)
    if "_step" in present and present & {"_runtime", "_timestamp"}:
        return True
    dashed = any(" - " in name for name in header_names)
    return dashed and any(name.endswith(("__MIN", "__MAX")) for name in header_names)


def _find(header_names: list[str], wanted: tuple[str, ...]) -> int | None:
    """Index of the first wanted column: exact spelling first, then any case."""
    for name in wanted:
        if name in header_names:
            return header_names.index(name)
    lowered = [name.lower() for name in header_names]
    for name in wanted:
        if name.lower() in lowered:
            return lowered.index(name.lower())
    return None


def _is_long(header_names: list[str]) -> bool:
    return (
        _find(header_names, X_COLUMNS) is not None
        and _find(header_names, TAG_COLUMNS) is not None
        and _find(header_names, VALUE_COLUMNS) is not None
    )


def _with_split(table, tags: pd.Series) -> pd.Series:
    """A long CSV's tags, each prefixed with its row's split (``val`` + ``loss`` is
    ``val/loss``) when the file has a split column and the tag names no split of its own
    (``train/loss`` stays); without the column the tags as written."""
    split_index = _find(table.names, SPLIT_COLUMNS)
    if split_index is None:
        return tags
    splits = table.columns[split_index].astype("str").fillna("").str.strip()
    named = tags.map({tag: names.has_split_word(str(tag)) for tag in tags.unique()})
    prefix = (splits != "") & (splits.str.lower() != "nan") & ~named
    return tags.where(~prefix, splits + "/" + tags.str.strip())


def _is_yolo(header_names: list[str]) -> bool:
    return (
        bool(header_names)
        and header_names[0] == "epoch"
        and any(name.startswith("train/") for name in header_names)
        and any(name.startswith(("metrics/", "val/")) for name in header_names)
    )


def _is_tb_export_csv(header: _Header) -> bool:
    return header.raw_first.strip() == ",".join(TB_EXPORT_HEADER)


def _is_tb_export_json(head: bytes) -> bool:
    text = decode_text(head).lstrip()
    return bool(_TB_JSON_HEAD.match(text))


def _sniff_header(head: bytes) -> _Header | None:
    """A header that none of the more specific readers (W&B, TB export) owns; a first line
    opening with Python logging's time stamp is a log's message, not a header (its commas,
    a ``Counter({3: 7215, 4: 4965})`` logged, are no columns)."""
    header = _header(head)
    if header is None or _is_wandb(header.names) or _is_tb_export_csv(header) \
            or LOGGING_TIME.match(header.raw_first):
        return None
    return header


# --------------------------------------------------------------------------- loading


@dataclass
class _Table:
    """A CSV file as raw columns (by position) plus what went wrong while reading it.

    Read by pandas, ``columns`` holds the raw cells. Read by pyarrow (a plain file:
    every cell a number or a missing token), ``numbers`` holds each column already
    parsed as (float64 values, filled mask) and ``columns`` is empty.
    """

    path: Path
    names: list[str]
    columns: list[pd.Series]
    separator: str
    decimal: str = "."
    warnings: list[str] = field(default_factory=list)
    numbers: list[tuple[np.ndarray, np.ndarray]] | None = None

    @property
    def rows(self) -> int:
        if self.numbers is not None:
            return len(self.numbers[0][0]) if self.numbers else 0
        return len(self.columns[0]) if self.columns else 0

    def warn(self, message: str) -> None:
        self.warnings.append(message)  # reading.py names the file


def _read_bytes(path: Path) -> bytes:
    """The file's bytes (``safeio.read_all``: a regular file only, as long as it was when
    opened; a head of zero bytes is refused before the rest is read), BOM dropped."""
    try:
        data = safeio.read_all(path, check=lambda head: safeio.refuse_zeros(head, path,
                                                                             "CSV log"))
    except FileNotFoundError as exc:
        raise NoLogsError("no such file", path) from exc
    except NotAFileError:
        raise
    except OSError as exc:
        raise FormatError(f"cannot read file: {exc.strerror or exc}", path) from exc
    check_not_pointer(data[:64], path)
    if data.startswith(BOM):
        data = data[len(BOM) :]
    return data


def _encoding(data: bytes) -> str:
    if data.isascii():
        return "utf-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _line_fields(data: bytes, separator: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Fields per non-blank line (line numbers 1-based), counted on the raw bytes.

    Vectorised so that a 2M-row file costs a fraction of a second; skipped when the
    file quotes cells, because a quoted separator would be miscounted.
    """
    if b'"' in data:
        return None
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    if not len(data) or data[-1:] != b"\n":
        ends = np.append(ends, len(data))
    starts = np.concatenate(([0], ends[:-1] + 1))
    # Separators before each line end; a newline is never a separator, so the
    # difference between consecutive ends is the count within a line.
    before_end = np.searchsorted(np.flatnonzero(raw == ord(separator)), ends)
    fields = np.diff(before_end, prepend=0) + 1
    lengths = ends - starts
    has_cr = np.zeros(len(ends), dtype=bool)
    inside = ends > starts
    has_cr[inside] = raw[ends[inside] - 1] == 13
    filled = lengths - has_cr > 0
    return fields[filled], np.flatnonzero(filled) + 1


def _arrow_numbers(
    data: bytes, separator: str, count: int
) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Every column as (float64 values, filled mask), read by pyarrow's multi-threaded
    CSV parser; None when the file is not plain.

    Plain means what the pandas path would read the same way: no quotes, no space or
    tab inside the cells (the pandas path strips leading blanks only, pyarrow both
    sides), at least one data row, and every data row with the header's ``count``
    fields and every cell a number (``nan``, ``inf`` and ``Infinity`` spellings
    included) or a missing token. pyarrow refuses anything else (a ragged row, a
    word, ``1,234``, ``True``) and the pandas path reads the file with its repairs and
    warnings.
    """
    import pyarrow as arrow  # imported when a plain file is first read: it takes a while
    import pyarrow.csv as arrow_csv

    line_break = _FIRST_LINE_BREAK.search(data)
    if line_break is None or b'"' in data:
        return None
    # The header may hold blanks (``Wall time``); it is not read by pyarrow.
    blanks = (b" ",) if separator == "\t" else (b" ", b"\t")
    if any(data.find(blank, line_break.end()) >= 0 for blank in blanks):
        return None
    names = [str(index) for index in range(count)]
    try:
        parsed = arrow_csv.read_csv(
            arrow.py_buffer(data),
            read_options=arrow_csv.ReadOptions(skip_rows=1, column_names=names,
                                               block_size=ARROW_BLOCK_BYTES),
            parse_options=arrow_csv.ParseOptions(
                delimiter=separator, quote_char=False, double_quote=False, escape_char=False,
                newlines_in_values=False, ignore_empty_lines=True,
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: arrow.float64() for name in names},
                null_values=list(MISSING_TOKENS), strings_can_be_null=True,
            ),
        )
    except arrow.ArrowException:
        return None
    if not parsed.num_rows:
        return None
    columns, numbers = parsed.columns, []
    del parsed
    while columns:  # each Arrow column is let go once it is a numpy one: a lower peak
        numbers.append(_arrow_column(columns.pop(0)))
    # pyarrow's allocator keeps freed memory for later; the melt allocates with numpy's.
    arrow.default_memory_pool().release_unused()
    return numbers


def _arrow_column(column) -> tuple[np.ndarray, np.ndarray]:
    """A float64 Arrow column as (values with NaN for missing cells, filled mask)."""
    return column.to_numpy(), column.is_valid().to_numpy(zero_copy_only=False)


def _load(
    path: Path, text_columns: tuple[tuple[str, ...], ...] = (), all_text: bool = False
) -> _Table:
    """Read a CSV file into raw columns; the first match of each ``text_columns`` group
    is kept as strings (tags such as ``1`` must not become numbers), and every column is
    when ``all_text``. A plain file of numbers is read by pyarrow, any other by pandas."""
    path = Path(path)
    data, line_offset = _csv_bytes(path)
    encoding = _encoding(data)
    # errors="ignore" only drops a multi-byte character cut in half at the 64 KiB mark.
    header = _header_text(data[: 1 << 16].decode(encoding, errors="ignore"))
    if header is None or "\x00" in header.raw_first:
        raise FormatError("no CSV header line found", path, hint="is this really a CSV log?")
    table = _Table(path, header.names, [], header.separator, _decimal_mark(data, header.separator))
    if encoding != "utf-8":
        table.warn("not valid UTF-8; read as latin-1")
    count = len(header.names)
    plain_candidate = not text_columns and not all_text
    if USE_PYARROW and plain_candidate and encoding == "utf-8" and table.decimal == ".":
        table.numbers = _arrow_numbers(data, header.separator, count)
        if table.numbers is not None:
            return table
    if all_text:  # object: the cells as Python strings, as read (str would convert them)
        dtype: dict[int, type] = dict.fromkeys(range(count), object)
    else:
        dtype = {index: str for index in {_find(header.names, g) for g in text_columns} - {None}}
    frame = _pandas_frame(data, table, encoding, dtype, line_offset)
    frame = _drop_cut_last_line(data, table, frame, line_offset)
    table.columns = [frame[index].reset_index(drop=True) for index in range(count)]
    if not len(frame):
        table.warn("no data rows (header only)")
    return table


def _csv_bytes(path: Path) -> tuple[bytes, int]:
    """The file's bytes as both engines must see them, and the blank lines dropped before
    the header (added back to the line numbers in warnings). A lone CR ends a line for both
    engines; pandas would take a line of spaces for the header, so leading blank lines go, and
    so does Excel's ``sep=,`` directive before the header."""
    data = _read_bytes(path)
    if b"\r" in data:
        data = _BARE_CR.sub(b"\n", data)
    blank_prefix = _LEADING_BLANK_LINES.match(data).end()
    directive = _EXCEL_SEP_BYTES.match(data, blank_prefix)
    if directive:
        blank_prefix = directive.end()
    line_offset = data[:blank_prefix].count(b"\n")
    return data[blank_prefix:], line_offset


def _decimal_mark(data: bytes, separator: str) -> str:
    """``,`` for a European-locale file (``0,5`` in a ``;``-separated file is a half): not
    comma-separated, with decimal commas and no decimal points in its first 64 KiB."""
    if separator != ",":
        sample = data[: 1 << 16]
        if _DECIMAL_COMMA.search(sample) and not _DECIMAL_POINT.search(sample):
            return ","
    return "."


def _pandas_frame(
    data: bytes, table: _Table, encoding: str, dtype: dict[int, type], line_offset: int
) -> pd.DataFrame:
    """The file's data rows read by pandas' C engine, columns numbered by position (those in
    ``dtype`` kept as text); rows with more fields than the header are skipped, with a
    warning that names the first one."""
    count = len(table.names)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                io.BytesIO(data),
                sep=table.separator,
                header=0,
                names=list(range(count)),
                index_col=False,
                dtype=dtype or None,
                na_values=list(MISSING_TOKENS),
                keep_default_na=False,
                skipinitialspace=True,
                skip_blank_lines=True,
                on_bad_lines="warn",
                encoding=encoding,
                decimal=table.decimal,
                engine="c",
                low_memory=False,
            )
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame({index: pd.Series(dtype=float) for index in range(count)})
        except (pd.errors.ParserError, ValueError, UnicodeError, OverflowError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise FormatError(f"cannot parse as CSV: {message}", table.path) from exc

    skipped = [
        int(m) + line_offset for w in caught for m in _SKIPPED_LINE.findall(str(w.message))
    ]
    if skipped:
        table.warn(
            f"{len(skipped)} row(s) with more fields than the header's {count} were skipped "
            f"(first at line {min(skipped)})"
        )
    return frame


def _drop_cut_last_line(
    data: bytes, table: _Table, frame: pd.DataFrame, line_offset: int
) -> pd.DataFrame:
    """Rows with fewer fields than the header keep empty cells, with a warning; a last line
    cut short with no newline is a write interrupted mid-row: its last cell may be a partial
    number, so none of it is trusted. Counted on the raw bytes (not when cells are quoted)."""
    fields = _line_fields(data, table.separator)
    if fields is None or not len(frame):
        return frame
    count = len(table.names)
    per_line, line_numbers = fields
    data_fields, data_lines = per_line[1:], line_numbers[1:] + line_offset
    short = data_fields < count
    if len(short) and short[-1] and data[-1:] not in (b"\n", b"\r"):
        frame = frame.iloc[:-1]
        short = short[:-1]
        table.warn(f"last line {data_lines[-1]} is truncated; skipped")
    if short.any():
        table.warn(
            f"{int(short.sum())} row(s) have fewer fields than the header's {count} "
            f"(first at line {int(data_lines[:len(short)][short][0])}); "
            "their missing cells are empty"
        )
    return frame


# --------------------------------------------------------------------------- numbers


def _repair(cells: pd.Series, decimal_comma: bool) -> np.ndarray:
    """Numbers hidden in formatted cells (``1,234``, ``0.5s``, ``12%``); NaN where none."""
    if not len(cells):
        return np.zeros(0)
    number = cells.str.extract(_WITH_UNIT, expand=False)[0].fillna(cells)
    thousands = number.str.fullmatch(_THOUSANDS.pattern).fillna(False).to_numpy(dtype=bool)
    if decimal_comma:
        number = number.str.replace(",", ".", regex=False)
    else:
        number = number.where(~thousands, number.str.replace(",", "", regex=False))
    # A unit must follow a plain number, and ``nan``/``inf`` inside junk stay junk.
    plain = number.str.fullmatch(r"[-+]?(\d[\d.]*|\.\d+)([eE][-+]?\d+)?").fillna(False)
    parsed = pd.to_numeric(number.where(plain), errors="coerce")
    return parsed.to_numpy(dtype=np.float64, na_value=np.nan)


def _unwrapped(text: pd.Series) -> pd.Series:
    """Cells whose number is printed inside a container's repr (``WRAPPED_NUMBER``) as that number;
    other cells as they are."""
    wrapped = text.str.startswith(WRAPPER_OPENINGS, na=False)
    if not wrapped.any():
        return text
    inner = text[wrapped].str.extract(WRAPPED_NUMBER, expand=False)
    return text.where(~wrapped, inner.fillna(text[wrapped]))


def _numeric(table: _Table, index: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Column ``index`` as (float64 values, filled mask); None when it is not numeric.

    Filled means the cell holds something other than a missing token. ``nan`` and
    ``inf`` spellings are values. Cells that do not parse are dropped with a warning.
    """
    if table.numbers is not None:
        return table.numbers[index]
    column = table.columns[index]
    name = table.names[index] or f"column {index + 1}"
    if pd.api.types.is_bool_dtype(column.dtype):
        return None
    if pd.api.types.is_numeric_dtype(column.dtype):
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        return values, ~np.isnan(values)

    text = _unwrapped(column.astype("str"))
    # Copies: pandas hands out read-only views, and repaired cells are written in place.
    filled = text.notna().to_numpy(copy=True)
    values = pd.to_numeric(text, errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan, copy=True
    )
    failed = filled & np.isnan(values)
    if failed.any():
        failed_index = np.flatnonzero(failed)
        cells = text.iloc[failed_index].str.strip()
        # Blanks around a number: ``-inf `` is -inf, as ``1.5 `` is 1.5 and ``nan `` NaN.
        spaced = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=np.float64,
                                                                 na_value=np.nan)
        spelled = ~np.isnan(spaced)
        values[failed_index[spelled]] = spaced[spelled]
        junk = ~(spelled | cells.str.lower().isin(NAN_TOKENS).to_numpy())
        failed_index, cells = failed_index[junk], cells[junk]
        repaired = _repair(cells, decimal_comma=table.decimal == ",")
        fixed = ~np.isnan(repaired)
        values[failed_index[fixed]] = repaired[fixed]
        filled[failed_index[~fixed]] = False
        dropped = int((~fixed).sum())
        if not filled.any() or filled.sum() < NUMERIC_SHARE * (filled.sum() + dropped):
            return None
        if fixed.any():
            _warn_repaired(table, name, list(cells[fixed]))
        if dropped:
            examples = ", ".join(repr(c) for c in cells[~fixed][:JUNK_EXAMPLES])
            table.warn(
                f"column '{name}': {dropped} cell(s) are not numbers and were skipped "
                f"(e.g. {examples})"
            )
    return values, filled


def _warn_repaired(table: _Table, name: str, repaired: list[str]) -> None:
    """Say that formatted cells of a column were read as numbers, with a few examples."""
    examples = ", ".join(repr(c) for c in repaired[:JUNK_EXAMPLES])
    table.warn(
        f"column '{name}': {len(repaired)} cell(s) with thousands separators or "
        f"units read as numbers (e.g. {examples})"
    )


# --------------------------------------------------------------------------- cell by cell


def header_names(head: bytes) -> list[str]:
    """The column names in a file's first bytes, by this family's rules (separator, BOM,
    latin-1); [] when they hold no CSV header line."""
    header = _header(head)
    return header.names if header is not None else []


def load_text(path: Path) -> _Table:
    """A CSV file read by this family's rules (separator, BOM, latin-1, line ends, ragged
    rows, missing tokens), every column as text: for readers that judge cell by cell (the
    W&B exports, whose columns may mix numbers and strings)."""
    return _load(path, all_text=True)


def text_cells(table: _Table, index: int) -> list[str | None]:
    """Column ``index`` of a ``load_text`` table: each cell stripped, None where it is
    missing (a missing token, or blank)."""
    return [
        (cell.strip() or None) if isinstance(cell, str) else None
        for cell in table.columns[index].tolist()
    ]


def _float_or_text(cell: str | None) -> float | str | None:
    """A cell as ``float()`` reads it, else its text; ``1_000`` stays text (``float()``
    accepts it, no CSV writer groups digits so)."""
    if cell is not None and "_" not in cell:
        try:
            return float(cell)
        except ValueError:
            pass
    return cell


def cell_values(table: _Table, index: int) -> list[float | str | None]:
    """Column ``index`` of a ``load_text`` table cell by cell: None where missing, a float
    where the cell is a number, else its text.

    A number is what ``float()`` reads (``nan``, ``inf`` spellings included), else a
    formatted number as ``_numeric`` repairs it (``1,234``, ``0,5`` in a decimal-comma
    file, ``0.5s``, ``12%``), with the same warning.
    """
    raw = table.columns[index].tolist()
    if "_" not in "".join([cell for cell in raw if type(cell) is str]):
        try:  # the usual column: every filled cell a number (float() ignores blanks around it)
            return [float(cell) if type(cell) is str else None for cell in raw]
        except ValueError:
            pass
    cells = text_cells(table, index)
    values = [_float_or_text(cell) for cell in cells]
    texts = [position for position, value in enumerate(values) if isinstance(value, str)]
    if not texts:
        return values
    cells = [values[position] for position in texts]
    repaired = _repair(pd.Series(cells, dtype=object), decimal_comma=table.decimal == ",")
    fixed = np.flatnonzero(~np.isnan(repaired))
    for at in fixed.tolist():
        values[texts[at]] = float(repaired[at])
    if len(fixed):
        name = table.names[index] or f"column {index + 1}"
        _warn_repaired(table, name, [cells[at] for at in fixed.tolist()])
    return values


def _steps(
    table: _Table, values: np.ndarray, filled: np.ndarray, what: str
) -> tuple[np.ndarray, np.ndarray]:
    """Integer steps and the rows that have one; rows without a usable step are warned."""
    usable = _whole_numbers(values, filled)
    bad = int((~usable).sum())
    if bad:
        table.warn(f"{bad} row(s) without an integer {what} were skipped")
    steps = np.where(usable, values, 0).astype(np.int64)
    return steps, usable


def _whole_numbers(values: np.ndarray, filled: np.ndarray) -> np.ndarray:
    """The rows whose cell is a whole number a step can be (finite, under ``MAX_STEP``)."""
    return filled & np.isfinite(values) & (np.abs(values) < MAX_STEP) \
        & (np.floor(values) == values)


def _global_steps(table: _Table, steps: np.ndarray, usable: np.ndarray,
                  epochs: np.ndarray | None, what: str = "step") -> np.ndarray:
    """Steps made global when the ``step`` column counts within each epoch (a hand-written
    ``epoch,step,...`` log, not Lightning's, whose step is global): the epoch never goes down
    and every time the step goes back the epoch has just gone up. Each epoch is then offset
    by the steps of the epochs before it (the largest step seen in each, plus one), and a
    warning says so; otherwise the steps are returned as written."""
    rows = usable & np.isfinite(epochs) if epochs is not None else usable[:0]
    if epochs is None or int(rows.sum()) < 2:
        return steps
    kept_steps, kept_epochs = steps[rows], epochs[rows]
    back = np.flatnonzero(np.diff(kept_steps) < 0) + 1
    if not len(back) or bool((np.diff(kept_epochs) < 0).any()) \
            or not bool((kept_epochs[back] > kept_epochs[back - 1]).all()):
        return steps
    offsets = np.zeros(len(kept_steps), dtype=np.int64)
    starts = np.flatnonzero(np.diff(kept_epochs) > 0) + 1
    total = 0
    for start, end in zip(np.r_[0, starts], np.r_[starts, len(kept_steps)]):
        offsets[start:end] = total
        total += int(kept_steps[start:end].max()) + 1
    result = steps.copy()
    result[rows] = kept_steps + offsets
    table.warn(f"the {what} column counts within each epoch; steps made global (epoch by epoch)")
    return result


# fastai's CSVLogger (Learner.recorder): its losses, and the columns that are not metrics
FASTAI_LOSSES = ("train_loss", "valid_loss")
FASTAI_COLUMNS = (*FASTAI_LOSSES, "time", "epoch")


def _twin_contexts(metric_names: list[str]) -> list[str]:
    """``loss`` next to ``val_loss`` is the training curve: give it the hint ``train``. In
    fastai's CSVLogger file (``epoch,train_loss,valid_loss,<metrics>,time``) the metrics
    named without a split are measured on the validation set: the hint ``val``."""
    present = set(metric_names)
    fastai = all(name in present for name in FASTAI_LOSSES)
    return [
        names.TRAIN if not name.startswith(VAL_PREFIX) and VAL_PREFIX + name in present
        else names.VAL if fastai and name not in FASTAI_COLUMNS and not names.has_split_word(name)
        else ""
        for name in metric_names
    ]


def _row_splits(table: _Table, skip: set[int]) -> tuple[int | None, np.ndarray | None]:
    """(the column, each row's split word) when a wide CSV names each row's split in a text
    column (``epoch,phase,loss,acc``: ``1,train,...`` then ``1,val,...``, the rows of
    PyTorch's ``for phase in ['train', 'val']`` loop) named as one of ``ROW_SPLIT_COLUMNS``,
    every filled cell a split word (``names.SPLIT_WORDS``); else (None, None). A metric column
    named without a split is then that row's split's (``val/loss``)."""
    if table.numbers is not None:
        return None, None  # every cell a number: no column of words
    for index, name in enumerate(table.names):
        if index in skip or name.strip().lower() not in ROW_SPLIT_COLUMNS:
            continue
        labels = np.array([label.lower() for label in _key_labels(table, index).tolist()],
                          dtype=object)
        words = set(labels.tolist()) - {""}
        if words and all(word in names.SPLIT_WORDS for word in words):
            return index, labels
    return None, None


def _tag_name(table: _Table, index: int) -> str:
    return table.names[index] or f"Unnamed: {index}"


def _wide_points(
    table: _Table,
    metric_indices: list[int],
    steps: np.ndarray,
    usable_rows: np.ndarray,
    epoch: np.ndarray | None = None,
    wall_time: np.ndarray | None = None,
    contexts: list[str] | None = None,
    runs: np.ndarray | None = None,
    row_splits: np.ndarray | None = None,
) -> pd.DataFrame:
    """Points from metric columns, row by row and column by column within a row (``runs``:
    each row's sub-run, see ``_run_key``; ``row_splits``: each row's split word, see
    ``_row_splits``, the context of its points where it has one)."""
    columns, tags, kept_contexts = _metric_columns(table, metric_indices, contexts)
    if not columns or not table.rows:
        return empty_points()
    rows, positions, values = _melt(columns, usable_rows, table.rows)
    extra = {}
    if row_splits is not None:
        by_column = np.array(kept_contexts, dtype=object)[positions]
        by_row = row_splits[rows]
        extra["context"] = pd.Categorical(np.where(by_row != "", by_row, by_column))
    elif any(kept_contexts):
        extra["context"] = _categories(kept_contexts, positions)
    if runs is not None:
        extra["run"] = runs[rows]
    return points_table(
        _categories(tags, positions),
        steps[rows],
        values,
        epoch=None if epoch is None else epoch[rows],
        wall_time=None if wall_time is None else wall_time[rows],
        **extra,
    )


def _metric_columns(
    table: _Table, metric_indices: list[int], contexts: list[str] | None
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[str], list[str]]:
    """The numeric metric columns as (values, filled mask), their tags and context hints;
    the columns that are not numeric are skipped, named in one warning."""
    columns, tags, kept_contexts, skipped = [], [], [], []
    for position, index in enumerate(metric_indices):
        parsed = _numeric(table, index)
        if parsed is None:
            skipped.append(_tag_name(table, index))
            continue
        columns.append(parsed)
        tags.append(_tag_name(table, index))
        kept_contexts.append(contexts[position] if contexts else "")
    if skipped:
        table.warn(f"non-numeric column(s) skipped: {', '.join(skipped)}")
    return columns, tags, kept_contexts


def _melt(
    columns: list[tuple[np.ndarray, np.ndarray]], usable_rows: np.ndarray, row_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column position, value) of every filled cell of a usable row, in file order.

    Melted column by column: each point goes to its row's offset plus the number of
    points the row has in the columns before it, so the order is row by row and
    column by column within a row without stacking the columns or sorting.
    """
    kept = [filled & usable_rows for _, filled in columns]
    per_row = np.zeros(row_count, dtype=np.int64)
    for mask in kept:
        per_row += mask
    ends = np.cumsum(per_row)
    total = int(ends[-1])
    row_starts = ends - per_row
    rows = np.empty(total, dtype=np.int64)
    positions = np.empty(total, dtype=np.int64)
    values = np.empty(total, dtype=np.float64)
    per_row[:] = 0
    for position, ((column_values, _), mask) in enumerate(zip(columns, kept)):
        column_rows = np.flatnonzero(mask)
        at = row_starts[column_rows] + per_row[column_rows]
        rows[at] = column_rows
        positions[at] = position
        values[at] = column_values[column_rows]
        per_row += mask
    return rows, positions, values


def _categories(labels: list[str], positions: np.ndarray) -> pd.Categorical:
    """The label of each point's column as a categorical: a 2M-row file has a handful of
    distinct names."""
    unique = list(dict.fromkeys(labels))
    codes = np.array([unique.index(label) for label in labels], dtype=np.int32)
    return pd.Categorical.from_codes(codes[positions], unique)


NO_RUNS: tuple[list[int], None, dict] = ([], None, {})  # a file holding one training


def _run_key(table: _Table, steps: np.ndarray, usable: np.ndarray, skip: set[int]
             ) -> tuple[list[int], np.ndarray | None, dict]:
    """(columns, each row's run, each run's settings as its hyper-parameters for ``sweep``)
    when one file holds several trainings, else ``NO_RUNS``.

    Two layouts. Trainings appended one after another (``_appended_key``): the steps start
    over, and columns that hold one value per training (a hyper-parameter grid's
    ``optimizer``, ``batch_size``, ``VGG``; a ``model`` or ``fold``) change only where they
    do (a learning rate, momentum or weight decay alone is a logged value, not such a column:
    Keras' CSVLogger writes it every epoch, constant under a constant schedule). Trainings
    interleaved (``_interleaved_key``): a column of ``RUN_KEY_COLUMNS`` under
    whose values the steps rise strictly while some step occurs under two of them. Either way
    the columns must take at least two values, ``RUN_KEY_MIN_ROWS`` rows per training on
    average; a column whose value changes while the steps go on (the stage of one training)
    splits nothing. A run is named ``<column>=<value>``,
    joined by commas; columns ``skip`` lists (the step, the epoch) are never keys. With no
    column naming them, trainings appended one after another are ``_sessions``."""
    rows = np.flatnonzero(usable)
    if len(rows) < 2 * RUN_KEY_MIN_ROWS:
        return NO_RUNS
    kept = steps[rows]
    restart, new = _restarts(kept)
    columns = _appended_key(table, restart, rows, skip)
    if columns is None:
        named = _find(table.names, RUN_KEY_COLUMNS)
        if named is None or named in skip or not _interleaved_key(
                _key_codes(table, named)[rows], kept):
            return _sessions(kept, new, usable)
        columns = [named]
    labels = [_key_labels(table, index) for index in columns]
    runs = np.array([",".join(f"{table.names[i]}={text}" for i, text in zip(columns, texts))
                     for texts in zip(*labels)], dtype=object)
    runs[~usable] = ""
    run_names, first = np.unique(runs[usable], return_index=True)
    at = np.flatnonzero(usable)[first]
    by_run = {str(name): {"hparams": {table.names[i]: _float_or_text(texts[row])
                                      for i, texts in zip(columns, labels)}}
              for name, row in zip(run_names, at)}
    return columns, runs, by_run


def _continued_steps(table: _Table, steps: np.ndarray, usable: np.ndarray, skip: set[int]
                     ) -> np.ndarray:
    """``steps`` on one axis when the trainings appended one after another with nothing naming
    them (``_sessions``: the steps go back to the first one) are one training resumed: ``fit``
    called again on the same model with ``CSVLogger(append=True)`` (fastai's chained
    ``fit_one_cycle``, a Keras run resumed without ``initial_epoch``). Read off the loss columns
    (``_session_votes``): some session starts where the one before ended and none starts
    over at the first session's start. Then each session's steps follow the last one's (by
    its own step interval); else ``steps`` as they are."""
    rows = np.flatnonzero(usable)
    if len(rows) < 2 * RUN_KEY_MIN_ROWS or _find(table.names, RUN_KEY_COLUMNS) is not None:
        return steps
    kept = steps[rows]
    restart, new = _restarts(kept)
    if not new.any() or _appended_key(table, restart, rows, skip) is not None:
        return steps
    session = np.cumsum(new)
    continued, started_over = _session_votes(table, rows, session, skip)
    if not continued or started_over:
        return steps
    kept = kept.copy()
    for number in range(1, int(session[-1]) + 1):
        before, this = kept[session == number - 1], session == number
        gaps = np.diff(before)
        gap = int(np.median(gaps[gaps > 0])) if (gaps > 0).any() else 1
        kept[this] += before[-1] + max(gap, 1) - kept[this][0]
    out = steps.copy()
    out[rows] = kept
    return out


def _session_votes(table: _Table, rows: np.ndarray, session: np.ndarray, skip: set[int]
                   ) -> tuple[int, int]:
    """(sessions that continue the one before, sessions that start over), by the loss columns'
    votes: a session whose first value lies within ``CONTINUED_NEAR`` of the way from the
    previous session's last value (``end``) back to the first session's first (``start``)
    continues it; one that lies that near ``start`` starts over (a new model, untrained); a
    column where ``end`` and ``start`` are equal decides nothing."""
    losses = [i for i in range(len(table.names))
              if i not in skip and "loss" in table.names[i].lower()]
    warned = len(table.warnings)
    columns = [parsed for parsed in (_numeric(table, i) for i in losses) if parsed is not None]
    del table.warnings[warned:]  # read again, and warned about, as series
    continued = started_over = 0
    for number in range(1, int(session[-1]) + 1):
        votes = 0
        for values, filled in columns:
            value, ok = values[rows], filled[rows] & np.isfinite(values[rows])
            first, before, this = (ok & (session == k) for k in (0, number - 1, number))
            if not (first.any() and before.any() and this.any()):
                continue
            start, end = value[first][0], value[before][-1]
            begin, span = value[this][0], abs(value[first][0] - value[before][-1])
            if span > 0 and abs(begin - end) <= CONTINUED_NEAR * span:
                votes += 1
            elif span > 0 and abs(begin - start) <= CONTINUED_NEAR * span:
                votes -= 1
        continued += votes > 0
        started_over += votes < 0
    return continued, started_over


def _restarts(kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the steps (``kept``: those of the usable rows) went back or stood still, and where
    a new training starts among those: a step back to the first one or below (a step back to a
    middle one is a resume, rows standing still at one step one training's)."""
    restart = np.r_[False, np.diff(kept) <= 0]
    return restart, restart & (np.r_[0, np.diff(kept)] < 0) & (kept <= kept[0])


def _sessions(kept: np.ndarray, new: np.ndarray, usable: np.ndarray
              ) -> tuple[list[int], np.ndarray | None, dict]:
    """Trainings appended one after another with nothing naming them (``fit`` run again with
    ``CSVLogger(append=True)``): each time the steps (``kept``: those of the ``usable`` rows)
    go back to the first one (or below) a new training starts, run ``session=2``,
    ``session=3``... (``RUN_KEY_MIN_ROWS`` rows each on average). Steps going back to a middle
    step are a resume from a checkpoint, one training whose later writes win (the analysis'
    rewinds). Rows standing still at one step are one training's (Lightning writes the
    learning-rate monitor's row and the metrics' row apart at each logged step): ``new`` marks
    the rows that start one (``_restarts``)."""
    count = int(new.sum()) + 1
    if count < 2 or count * RUN_KEY_MIN_ROWS > len(kept):
        return NO_RUNS
    runs = np.full(len(usable), "", dtype=object)
    runs[usable] = [f"session={k}" for k in np.cumsum(new) + 1]
    return [], runs, {}


def _appended_key(table: _Table, restart: np.ndarray, rows: np.ndarray, skip: set[int]
                  ) -> list[int] | None:
    """The columns that change only where the steps start over (``restart``, over the usable
    ``rows``), and at some restart (see ``_run_key``), a ``RUN_KEY_COLUMNS`` one first; None
    when there are none."""
    if not restart.any() or (int(restart.sum()) + 1) * RUN_KEY_MIN_ROWS > len(rows):
        return None
    starts = np.flatnonzero(np.r_[True, restart[1:]])
    found = []
    for index in range(len(table.names)):
        if index in skip:
            continue
        codes = _key_codes(table, index)[rows]
        change = np.r_[False, codes[1:] != codes[:-1]]
        if not (codes >= 0).all() or not change.any() or (change & ~restart).any():
            continue
        if len(np.unique(codes[starts])) == len(starts) and _fractional(table, index) \
                and not _named_as_run_key(table.names[index]):
            continue  # a measured value, new in every session (a time), names no setting
        found.append(index)
    if all(names.normalise(table.names[i])[1] in names.RUN_LEVEL_METRICS for i in found):
        return None  # a learning rate alone (Keras logs it every epoch) names no training
    named = _find([table.names[i] for i in found], RUN_KEY_COLUMNS)
    if named is not None:
        found.insert(0, found.pop(named))
    return found


def _numeric_column(table: _Table, index: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Column ``index`` as (values, filled) when it was read as numbers, else None (text)."""
    if table.numbers is not None:
        return table.numbers[index]
    if pd.api.types.is_numeric_dtype(table.columns[index].dtype):
        return _numeric(table, index)
    return None


def _fractional(table: _Table, index: int) -> bool:
    """True when column ``index`` holds a number that is not whole."""
    parsed = _numeric_column(table, index)
    if parsed is None:
        return False
    values, filled = parsed
    finite = values[filled & np.isfinite(values)]
    return bool((np.floor(finite) != finite).any())


def _interleaved_key(codes: np.ndarray, kept: np.ndarray) -> bool:
    """True when the steps rise strictly under each code and some step occurs under two."""
    present = codes >= 0
    codes, kept = codes[present], kept[present]
    if len(np.unique(codes)) < 2 or len(np.unique(codes)) * RUN_KEY_MIN_ROWS > len(codes) \
            or len(np.unique(kept)) == len(kept):
        return False
    order = np.argsort(codes, kind="stable")
    same_run = codes[order][1:] == codes[order][:-1]
    return bool((np.diff(kept[order])[same_run] > 0).all())


def _keys_not_series(table: _Table, columns: list[int]) -> list[int]:
    """The key columns that leave the metrics: those named as run keys (``fold``, ``seed``,
    ``model``...) and text ones; a numeric setting that tells runs apart (``learning_rate``)
    stays a series as well, constant within each run."""
    return [i for i in columns
            if _named_as_run_key(table.names[i]) or _numeric_column(table, i) is None]


def _named_as_run_key(name: str) -> bool:
    """True for a column named as one of ``RUN_KEY_COLUMNS`` (any case)."""
    return _find([name], RUN_KEY_COLUMNS) is not None


def _key_codes(table: _Table, index: int) -> np.ndarray:
    """Column ``index`` as integer codes, equal cells equal codes, -1 where missing."""
    if table.numbers is not None:
        values, filled = table.numbers[index]
        return pd.factorize(np.where(filled, values, np.nan))[0]
    return pd.factorize(table.columns[index].to_numpy())[0]


def _key_labels(table: _Table, index: int) -> np.ndarray:
    """Column ``index`` as text, "" where missing; a whole number is written without ``.0``."""
    parsed = _numeric_column(table, index)
    if parsed is not None:
        values, filled = parsed
        labels = np.full(len(values), "", dtype=object)
        finite = filled & np.isfinite(values)
        whole = finite & (np.floor(values) == values) & (np.abs(values) < MAX_STEP)
        labels[whole] = values[whole].astype(np.int64).astype(str)
        labels[finite & ~whole] = [format(value, ".6g") for value in values[finite & ~whole]]
        return labels
    cells = table.columns[index]
    return np.array(["" if not isinstance(cell, str) else cell.strip() for cell in cells],
                    dtype=object)


def _optional_float(table: _Table, index: int | None) -> np.ndarray | None:
    if index is None:
        return None
    parsed = _numeric(table, index)
    if parsed is None:
        return None
    values, filled = parsed
    return np.where(filled, values, np.nan)


def _result(table: _Table, points: pd.DataFrame, **meta: object) -> Points:
    """The reader's points, warnings and metadata (an empty ``by_run``, a file of one
    training, is left out)."""
    meta = {"separator": table.separator, "rows": table.rows,
            **{key: value for key, value in meta.items() if key != "by_run" or value}}
    return Points(points, table.warnings, meta)


# --------------------------------------------------------------------------- readers


class TensorBoardExportReader(Reader):
    """TensorBoard UI downloads: ``Wall time,Step,Value`` CSVs and ``[[t, step, v]]`` JSON.

    The tag lives only in the file name: ``run-<run>-tag-<tag>.csv`` (also as mangled by
    browsers, ``run_.-tag-loss.csv``), else the stem minus the prefix its sibling exports
    share (``cnn-train_loss.csv`` next to ``cnn-validation_loss.csv`` -> ``train_loss``).
    The run part becomes a split hint when it names one (``run-validation-tag-epoch_loss``).
    """

    name = "tensorboard_export"
    layout = "downloads"
    source = "tensorboard"
    per_directory = True

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            if head.startswith(BOM):
                head = head[len(BOM) :]
            header = _header(head)
            if header is not None and _is_tb_export_csv(header):
                return True
            return _is_tb_export_json(head)
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        tag, context = export_tag(path)
        data = _read_bytes(path)
        if data.lstrip()[:1] == b"[":
            points, problems = self._read_json(data, path, tag, context)
            return Points(points, problems, {"tag": tag})
        table = _load(path)
        if table.names != TB_EXPORT_HEADER:
            raise FormatError(
                f"expected the header 'Wall time,Step,Value', found '{','.join(table.names)}'",
                path,
            )
        parsed = _numeric(table, 1)
        if parsed is None:
            raise FormatError("the Step column holds no numbers", path)
        steps, usable = _steps(table, *parsed, what="Step")
        wall_time = _optional_float(table, 0)
        points = _wide_points(table, [2], steps, usable, wall_time=wall_time)
        points["tag"] = pd.Categorical([tag] * len(points))
        if context:
            points["context"] = context
        return _result(table, points, tag=tag)

    @staticmethod
    def _read_json(
        data: bytes, path: Path, tag: str, context: str
    ) -> tuple[pd.DataFrame, list[str]]:
        try:
            rows = json.loads(decode_text(data))
        except (ValueError, RecursionError) as exc:
            raise FormatError(f"not a TensorBoard JSON export: {exc}", path) from exc
        if not isinstance(rows, list):
            raise FormatError("a TensorBoard JSON export is a list of [time, step, value]", path)
        wall_time, steps, values, bad = [], [], [], 0

        def number(item: object) -> bool:
            return isinstance(item, (int, float)) and not isinstance(item, bool)

        for row in rows:
            if (
                isinstance(row, list)
                and len(row) == 3
                and all(number(item) for item in row)
                and float(row[1]).is_integer()
                and abs(row[1]) < MAX_STEP
            ):
                wall_time.append(float(row[0]))
                steps.append(int(row[1]))
                values.append(float(row[2]))
            else:
                bad += 1
        problems = []
        if bad:
            problems.append(f"{path.name}: {bad} entr(ies) not [time, step, value] skipped")
        if not rows:
            problems.append(f"{path.name}: no data rows (empty list)")
        points = points_table(tag, steps, values, wall_time=wall_time)
        if context:
            points["context"] = context
        return points, problems


def _export_stem(path: Path) -> str:
    """The file name without ``.csv``/``.json`` (browsers may drop it; tags hold dots)."""
    name = path.name
    for suffix in (".csv", ".json"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=64)
def _export_stems(directory: Path, modified: int) -> tuple[str, ...]:
    """Stems of the TensorBoard exports without a ``-tag-`` name in ``directory``.

    Cached per directory state, so reading n exports scans the directory once.
    """
    reader = TensorBoardExportReader()
    stems = []
    try:
        entries = sorted(directory.iterdir())[:MAX_SIBLINGS]
    except OSError:
        return ()
    for entry in entries:
        stem = _export_stem(entry)
        if _TB_EXPORT_NAME.match(stem) or entry.suffix.lower() not in (".csv", ".json", ""):
            continue
        try:
            if entry.is_file() and reader.sniff(read_head(entry), entry):
                stems.append(stem)
        except OSError:
            continue
    return tuple(stems)


def _export_prefix(path: Path) -> str:
    """The file-name prefix shared by the TensorBoard exports in ``path``'s directory."""
    try:
        modified = path.parent.stat().st_mtime_ns
    except OSError:
        return ""
    stems = set(_export_stems(path.parent.resolve(), modified)) | {_export_stem(path)}
    if len(stems) < 2:
        return ""
    # Cut back to the last dash: ``_`` usually belongs to the tag (``train_loss``),
    # so ``cnn-train_loss`` and ``cnn-train_acc`` keep ``train_``.
    common = os.path.commonprefix(sorted(stems))
    prefix = common[: common.rfind("-") + 1]
    return prefix if all(len(stem) > len(prefix) for stem in stems) else ""


def _run_context(run: str) -> str:
    """A split hint from an export's run name (``validation``, ``2019_train``), or ''."""
    for word in reversed(re.split(r"[/_\-. ]+", run)):
        if word.lower() in names.SPLIT_WORDS:
            return word
    return ""


def export_tag(path: Path) -> tuple[str, str]:
    """(tag, split hint) of a TensorBoard UI export, from its file name."""
    path = Path(path)
    stem = _export_stem(path)
    match = _TB_EXPORT_NAME.match(stem)
    if match:
        return match.group("tag"), _run_context(match.group("run"))
    return stem[len(_export_prefix(path)) :], ""


class LightningReader(Reader):
    """Lightning ``CSVLogger`` ``metrics.csv``: sparse rows keyed by ``step`` and ``epoch``.

    Every filled cell of every other column is a point at its row's step; the columns are
    found by name because Lightning versions order them differently.
    """

    name = "lightning"
    twin_group = frozenset({"events"})
    source = "lightning"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            header = _sniff_header(head)
            return (
                header is not None
                and "step" in header.names
                and "epoch" in header.names
                and not _is_long(header.names)
            )
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        table = _load(Path(path))
        step_index, epoch_index = _find(table.names, ("step",)), _find(table.names, ("epoch",))
        if step_index is None:
            raise FormatError("no 'step' column in this Lightning metrics.csv", path)
        parsed = _numeric(table, step_index)
        if parsed is None:
            raise FormatError("the 'step' column holds no numbers", path)
        steps, usable = _steps(table, *parsed, what="step")
        epochs = _optional_float(table, epoch_index)
        steps = _global_steps(table, steps, usable, epochs)
        metrics = [i for i in range(len(table.names)) if i not in (step_index, epoch_index)]
        contexts = _twin_contexts([table.names[i] for i in metrics])
        points = _wide_points(table, metrics, steps, usable, epochs, contexts=contexts)
        return _result(table, points)


class KerasReader(Reader):
    """Keras ``CSVLogger`` files (often ``training.log``): ``epoch`` then sorted metric names.

    Step is the epoch index as written (0-based); ``NA`` cells are missing. A metric
    with a ``val_`` twin is the training curve and is marked so.
    """

    name = "keras"
    twin_group = frozenset({"events"})
    source = "keras"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            header = _sniff_header(head)
            if header is None or len(header.names) < 2 or header.names[0] != "epoch":
                return False
            metrics = header.names[1:]
            # CSVLogger writes ``sorted(logs)`` and ``val_`` twins; a hand-rolled
            # per-epoch CSV (``epoch,train_loss,val_loss``) has neither.
            twins = any(VAL_PREFIX + name in metrics for name in metrics)
            return (
                (metrics == sorted(metrics) or twins)
                and not header.raw_first.startswith(" ")
                and "step" not in metrics
                and not _is_yolo(header.names)
                and not _is_long(header.names)
            )
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        return _read_epoch_indexed(Path(path), "Keras CSVLogger file", twin_contexts=True)


def _read_epoch_indexed(path: Path, kind: str, twin_contexts: bool) -> Points:
    """A wide CSV with one row per epoch (Keras, YOLO): the epoch index is the step."""
    table = _load(path)
    epoch_index = _find(table.names, ("epoch",))
    if epoch_index is None:
        raise FormatError(f"no 'epoch' column in this {kind}", path)
    parsed = _numeric(table, epoch_index)
    if parsed is None:
        raise FormatError("the 'epoch' column holds no numbers", path)
    steps, usable = _steps(table, *parsed, what="epoch")
    steps = _one_epoch_sessions(table, steps, usable)
    steps = _continued_steps(table, steps, usable, {epoch_index})
    epochs = steps.astype(np.float64)
    steps, counter_index = _batch_steps(table, steps, usable)
    used = {epoch_index, counter_index} - {None}
    split_index, row_splits = _row_splits(table, used)
    used.update({split_index} - {None})
    key_columns, runs, by_run = _run_key(table, steps, usable, used)
    metrics = [i for i in range(len(table.names))
               if i not in used and i not in _keys_not_series(table, key_columns)]
    contexts = _twin_contexts([table.names[i] for i in metrics]) if twin_contexts else None
    points = _wide_points(table, metrics, steps, usable, epochs, contexts=contexts, runs=runs,
                          row_splits=row_splits)
    return _result(table, points, by_run=by_run)


def _summary_names(table: _Table) -> np.ndarray | None:
    """The metric names when the table is a summary, one named metric per row (else None):
    its first column is named as one of ``SUMMARY_NAME_COLUMNS`` (any case), holds text, and
    names each of at most ``SUMMARY_MAX_ROWS`` rows once (a cow-face detector's
    ``Metric,Value`` rows ``metrics/precision(B),0.958`` ... ``fitness,0.676``: five metrics,
    not a curve of five steps). Read only when no step or epoch column says the rows are a
    history."""
    if not table.names or not 0 < table.rows <= SUMMARY_MAX_ROWS \
            or table.names[0].strip().lower() not in SUMMARY_NAME_COLUMNS \
            or _numeric_column(table, 0) is not None:
        return None
    labels = _key_labels(table, 0)
    return labels if bool((labels != "").all()) and len(set(labels)) == len(labels) else None


def _summary_points(table: _Table, names: np.ndarray) -> Points:
    """A summary table's values (``_summary_names``), each its own series of one point at
    step 0: the row's name is the tag, ``<column>/<name>`` when several columns hold values
    (``Metric,Train,Val``). One point per series is no curve: diagnose says
    insufficient_data."""
    columns, tags, _ = _metric_columns(table, list(range(1, len(table.names))), None)
    parts = [(name if len(columns) == 1 else f"{tag}/{name}", values[row])
             for tag, (values, filled) in zip(tags, columns)
             for row, name in enumerate(names) if filled[row]]
    table.warn("a summary table (one value per named metric), not a training history")
    points = points_table(pd.Categorical([tag for tag, _ in parts]),
                          np.zeros(len(parts), dtype=np.int64),
                          np.array([value for _, value in parts], dtype=np.float64))
    return _result(table, points, x="none (summary)")


def _batch_steps(table: _Table, epochs: np.ndarray, usable: np.ndarray
                 ) -> tuple[np.ndarray, int | None]:
    """Steps of a per-batch log written with an epoch column (``epoch,batch,loss``: every
    batch of an epoch on its own row): when an epoch repeats and a batch counter column
    (``WITHIN_EPOCH_COLUMNS``) holds an integer on every row, the steps are that counter, made
    global epoch by epoch when it restarts in each (``_global_steps``), and the counter is no
    metric (with the epoch as the step, 14 batches of an epoch would share one step); else the
    epochs, and no counter column."""
    index = _find(table.names, WITHIN_EPOCH_COLUMNS)
    kept = epochs[usable]
    if index is None or len(np.unique(kept)) == len(kept):
        return epochs, None
    parsed = _numeric(table, index)
    if parsed is None:
        return epochs, None
    values, filled = parsed
    whole = _whole_numbers(values, filled)
    if not bool(whole[usable].all()):
        return epochs, None
    counter = np.where(whole, values, 0).astype(np.int64)
    return _global_steps(table, counter, usable, epochs.astype(np.float64),
                         what=table.names[index]), index


def _one_epoch_sessions(table: _Table, steps: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Steps of an epoch column that holds one value on every row: ``fit(epochs=1)`` called in
    a loop with ``CSVLogger(append=True)`` writes epoch 0 again and again. Its rows are
    consecutive epochs, numbered in file order from that value, with a warning; any other
    column is kept as written."""
    kept = steps[usable]
    if len(kept) < 2 or int(kept.min()) != int(kept.max()):
        return steps
    renumbered = steps.copy()
    renumbered[usable] = int(kept[0]) + np.arange(len(kept))
    table.warnings.append(f"every row has epoch {int(kept[0])} (fit called once per epoch with "
                          "CSVLogger(append=True)?): the rows are read as consecutive epochs")
    return renumbered


class YoloReader(Reader):
    """YOLOv5 / Ultralytics ``results.csv``: space-padded, one row per epoch."""

    name = "yolo"
    twin_group = frozenset({"events"})
    source = "csv"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            header = _sniff_header(head)
            return header is not None and _is_yolo(header.names)
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        return _validated_once(
            _read_epoch_indexed(Path(path), "YOLO results.csv", twin_contexts=False))


YOLO_VALIDATION = ("val/", "metrics/")  # the columns a YOLO validation fills
MIN_VALIDATED_ONCE_EPOCHS = 3  # (over 3 epochs at least: a 2-epoch run of zeros is no pattern)


def _validated_once(points: Points) -> Points:
    """A YOLO run trained with ``val=False`` validates only after its last epoch and writes 0
    into every validation column (``YOLO_VALIDATION``) of the epochs before: when each of those
    columns is exactly 0 at every epoch but the last and one is not 0 at the last, those zeros
    are no evaluations and are left out, with a warning (a motion model's val box loss and mAP
    0 for epochs 1-39, then 0.99 and 0.73 at epoch 40: read as they were, a detector that
    learned nothing in 39 epochs)."""
    table = points.table
    validation = table["tag"].astype(str).str.startswith(YOLO_VALIDATION)
    steps = table.loc[validation, "step"]
    if steps.nunique() < MIN_VALIDATED_ONCE_EPOCHS:
        return points
    last = table["step"].max()
    before = validation & (table["step"] < last)
    if not bool((table.loc[before, "value"] == 0).all()) \
            or not bool((table.loc[validation & (table["step"] == last), "value"] != 0).any()):
        return points
    warning = (f"every validation column is 0 before its last epoch ({int(last)}): validated "
               "only at the end (val=False), the zeros are left out")
    return Points(table.loc[~before].reset_index(drop=True), [*points.warnings, warning],
                  points.meta)


class LongCsvReader(Reader):
    """Long CSVs: one point per row with a step, a tag and a value column.

    Reads tbparse output and curvecli's own ``export`` (``run`` becomes a sub-run,
    ``epoch`` and ``wall_time`` are kept; a ``timestamp`` in milliseconds is scaled).
    """

    name = "csv_long"
    source = "csv"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            header = _sniff_header(head)
            return header is not None and _is_long(header.names)
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        table = _load(path, text_columns=(TAG_COLUMNS, RUN_COLUMNS, SPLIT_COLUMNS))
        step_index = _find(table.names, X_COLUMNS)
        tag_index = _find(table.names, TAG_COLUMNS)
        value_index = _find(table.names, VALUE_COLUMNS)
        if step_index is None or tag_index is None or value_index is None:
            raise FormatError(
                "a long CSV needs a step, a tag (tag/metric/name/key) and a value column; "
                f"found {', '.join(table.names)}",
                path,
            )
        parsed = _numeric(table, step_index)
        if parsed is None:
            raise FormatError(f"the '{table.names[step_index]}' column holds no numbers", path)
        steps, usable = _steps(table, *parsed, what=table.names[step_index])
        parsed_values = _numeric(table, value_index)
        if parsed_values is None:
            raise FormatError("the 'value' column holds no numbers", path)
        values, filled = parsed_values

        tags = _with_split(table, table.columns[tag_index].astype("str"))
        has_tag = (tags.notna() & (tags.str.strip() != "")).to_numpy()
        if (~has_tag & usable).any():
            table.warn(f"{int((~has_tag & usable).sum())} row(s) without a tag were skipped")
        keep = np.flatnonzero(usable & filled & has_tag)

        epoch_index = _find(table.names, ("epoch",))
        epoch = None if epoch_index in (None, step_index) else _optional_float(table, epoch_index)
        if epoch_index == step_index:
            epoch = steps.astype(np.float64)
        wall_time = _optional_float(table, _find(table.names, WALL_TIME_COLUMNS))
        timestamp_index = _find(table.names, ("timestamp",))
        if wall_time is None and timestamp_index is not None:
            wall_time = _optional_float(table, timestamp_index)
            finite = wall_time[np.isfinite(wall_time)] if wall_time is not None else []
            if len(finite) and np.median(np.abs(finite)) > 1e11:
                # MLflow-style millisecond timestamps.
                wall_time = wall_time / 1000.0

        extra = {}
        run_index = _find(table.names, RUN_COLUMNS)
        if run_index is not None:
            extra["run"] = table.columns[run_index].astype("str").fillna("").to_numpy()[keep]
        points = points_table(
            tags.str.strip().to_numpy()[keep],
            steps[keep],
            values[keep],
            epoch=None if epoch is None else epoch[keep],
            wall_time=None if wall_time is None else wall_time[keep],
            **extra,
        )
        return _result(table, points)


class WideCsvReader(Reader):
    """Any other CSV with numeric columns: one x column, every other numeric column a tag.

    x is the first of step / global_step / Step / _step / epoch / iteration / iter / it / epochs,
    else a leading unnamed pandas index, else the row index. An ``epoch`` column that is
    not the x is the epoch; a ``wall_time`` column is the wall time.
    """

    name = "csv"
    twin_group = frozenset({"events"})
    source = "csv"

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            suffix = Path(path).suffix.lower()
            if suffix in (".csv", ".tsv") and (not head.strip() or is_lfs_pointer(head)):
                # Empty files and LFS pointers named .csv: read() says what is wrong.
                return True
            header = _sniff_header(head)
            if header is None or all(_is_number(name) for name in header.names if name):
                return False
            if len(header.names) < 2 and suffix not in (".csv", ".tsv"):
                return False
            if not header.data_lines:
                return len(header.names) >= 2
            if suffix not in (".csv", ".tsv") and (not _table_shaped(header) or any(
                    _is_number(name) for name in header.names)):
                return False  # "Epoch, 1/20, loss, 0.9, ...": name-value pairs, no header
            return any(
                _is_number(cell)
                for line in header.data_lines
                for cell in _split_line(line, header.separator)
            )
        except Exception:
            return False

    def read(self, path: Path) -> Points:
        table = _load(Path(path))
        x_index = _find(table.names, X_COLUMNS)
        names = _summary_names(table) if x_index is None else None
        if names is not None:
            return _summary_points(table, names)
        index_column = 0 if table.names and table.names[0] in ("", "Unnamed: 0") else None
        x_name = "row index"
        steps, usable = np.arange(table.rows, dtype=np.int64), np.ones(table.rows, dtype=bool)
        epoch, counter_index = None, None
        if x_index is None and index_column is not None:
            x_index, x_name = index_column, "index"
        if x_index is not None:
            x_name = table.names[x_index] or x_name
            parsed = _numeric(table, x_index)
            if parsed is None:
                table.warn(f"x column '{x_name}' is not numeric; using the row index as step")
                x_index, x_name = None, "row index"
            else:
                x_values, x_filled = parsed
                written = x_values[x_filled & np.isfinite(x_values)]
                if x_name.lower() in ("epoch", "epochs"):
                    epoch = np.where(x_filled, x_values, np.nan)
                if (np.floor(written) == written).all():
                    steps, usable = _steps(table, x_values, x_filled, what=x_name)
                    if epoch is not None:  # an epoch repeated over rows: a batch counter's?
                        steps, counter_index = _batch_steps(table, steps, usable)
                else:
                    # Fractional x (epoch 0.25, 0.5, ...) cannot be a step; rows are in order.
                    table.warn(f"x column '{x_name}' is fractional; using the row index as step")

        epoch_index = _find(table.names, ("epoch",))
        if epoch is None and epoch_index is not None:
            epoch = _optional_float(table, epoch_index)
        wall_index = _find(table.names, WALL_TIME_COLUMNS)
        wall_time = _optional_float(table, wall_index)
        used = {x_index, epoch_index, wall_index, index_column, counter_index} - {None}
        split_index, row_splits = _row_splits(table, used)
        used.update({split_index} - {None})
        steps = _continued_steps(table, steps, usable, used)
        key_columns, runs, by_run = _run_key(table, steps, usable, used)
        used.update(_keys_not_series(table, key_columns))
        metrics = [i for i in range(len(table.names)) if i not in used]
        contexts = _twin_contexts([table.names[i] for i in metrics])
        points = _wide_points(table, metrics, steps, usable, epoch, wall_time, contexts,
                              runs=runs, row_splits=row_splits)
        return _result(table, points, x=x_name, by_run=by_run)
