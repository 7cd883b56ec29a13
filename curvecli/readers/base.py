"""What every reader is: a name, a cheap content sniff, and a read that returns points.

Also the small helpers readers share: reading a file's head, recognising a
Git LFS pointer, decoding text that may carry a BOM or latin-1 bytes, the
bounds of a step, and the float a JSON-logged value stands for.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from curvecli import safeio
from curvecli.errors import FormatError, NoLogsError, NotAFileError
from curvecli.frame import Points

HEAD_BYTES = 4096
# The largest step a text or CSV log may give: larger ones are not steps (and could not stay
# int64 through arithmetic elsewhere), so those rows are skipped.
MAX_STEP = 2**62
# trainer_state.json steps stop lower, where float64 (which its numbers are read as) stops
# being exact: larger values are not step counts, and the entry takes the previous step.
MAX_EXACT_STEP = 2**53
LFS_POINTER_PREFIX = b"version https://git-lfs.github.com/spec/"
LFS_POINTER_MESSAGE = "this is a Git LFS pointer, not the log; run git lfs pull"


class Reader:
    """Base class of a format reader.

    ``name`` is what ``--input-format`` accepts; ``source`` is the frame's
    ``source`` value. ``per_directory`` readers (TensorBoard events, TensorBoard
    UI exports) combine all their files in one directory into one run.
    ``layout`` tells discovery how the format's files make runs: ``events``
    (event files: split hints from sub-directories, HF's ``runs/<date>/`` folded
    into its output dir, one run per directory), ``output_dir`` (HF: the newest
    ``trainer_state.json`` of an output dir and its ``checkpoint-N/``),
    ``downloads`` (TensorBoard UI downloads: a ``.csv`` and ``.json`` twin read
    once). ``twin_group``: readers whose files in one directory are one run
    written twice (``events``: a second logger beside event files; ``wandb``:
    a ``.wandb`` file and its history export).
    ``sniff`` must be cheap and never raise; ``read`` returns every point the
    file holds, in file order, and raises ``CurveError`` subclasses only.
    """

    name: str = ""
    source: str = ""
    per_directory: bool = False
    layout: str = ""
    twin_group: frozenset = frozenset()

    def claims_name(self, path: Path) -> bool:
        """True when the file name alone says this reader owns the file."""
        return False

    def sniff(self, head: bytes, path: Path) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def read(self, path: Path) -> Points:  # pragma: no cover - interface
        raise NotImplementedError

    def read_live(self, path: Path) -> Points:
        """What a file that is still being written holds so far (``watch``): ``read``, unless
        the format's last line may be half written (console logs override it)."""
        return self.read(path)


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """An ``OSError`` raised while opening or reading the log ``path`` as curvecli's error: a
    missing file is ``NoLogsError``, a FIFO or a device stays ``NotAFileError``, any other is a
    ``FormatError`` ("cannot read: ...")."""
    try:
        yield
    except FileNotFoundError:
        raise NoLogsError("no such file", path) from None
    except NotAFileError:
        raise
    except OSError as error:
        raise FormatError(f"cannot read: {error.strerror or error}", path) from None


def read_whole(path: Path, limit: int, what: str) -> bytes:
    """A log file whole (``safeio.read_all``: a regular file, at most ``limit`` bytes; a head of
    zero bytes is refused, naming ``what``, before the rest is read); errors as
    ``read_errors`` says."""
    with read_errors(path):
        return safeio.read_all(path, limit, lambda head: safeio.refuse_zeros(head, path, what))


def read_json_whole(path: Path, what: str) -> bytes:
    """A JSON-like log whole (``read_whole``, at most ``safeio.json_limit()`` bytes)."""
    return read_whole(path, safeio.json_limit(), what)


def json_lines(text: str, bad: list[int]) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of JSON Lines ``text`` parsed, with its number (from 1); the numbers
    of lines that do not parse are appended to ``bad``. Split on ``\\n`` only, not
    ``splitlines()``: JSON text may hold a raw U+2028 inside a string."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError):
            bad.append(number)


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (``safeio.read_head``: a FIFO or
    a device is refused with ``NotAFileError``, an ``OSError`` that propagates to the caller
    like any other)."""
    return safeio.read_head(path, size)


def is_lfs_pointer(head: bytes) -> bool:
    return head.startswith(LFS_POINTER_PREFIX)


def check_not_pointer(head: bytes, path: Path) -> None:
    """Raise a clear error for Git LFS pointers and empty files."""
    if is_lfs_pointer(head):
        raise FormatError(LFS_POINTER_MESSAGE, path)
    if not head:
        raise FormatError("empty file (0 bytes)", path)


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), falling back to latin-1 so no byte is fatal."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# How JSON writers that allow non-finite floats spell them (Python's json, trackio's
# serialize_values, HF's trainer_state.json).
JSON_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
LISTED = 5  # warnings name this many offending keys or lines, then count the rest


def to_float(value: int | float) -> float:
    """``float(value)``; a JSON integer beyond the float range is ±inf."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


# A number printed inside its container's repr: torch's ``tensor(3.1304, device='cuda:0',
# grad_fn=<DivBackward0>)`` (a loss appended without ``.item()``), numpy 2's ``np.float64(0.5)``,
# ``array(0.5, dtype=float32)``.
WRAPPED_NUMBER = re.compile(
    r"^\s*(?:tensor|np\.float\d*|numpy\.float\d*|np\.int\d*|array)\(\s*\[?\s*"
    r"([-+]?(?:\d[\d.]*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf)\s*\]?\s*(?:,[^)]*)?\)\s*$")
WRAPPER_OPENINGS = ("tensor(", "np.", "numpy.", "array(")


def unwrapped_number(text: str) -> float | None:
    """The number inside a container's repr (``WRAPPED_NUMBER``), else None."""
    match = WRAPPED_NUMBER.match(text) if text.startswith(WRAPPER_OPENINGS) else None
    return float(match.group(1)) if match else None


def json_number(value: Any) -> float | None:
    """The point value of a JSON-logged value (a number, a non-finite spelled as
    ``JSON_NON_FINITE``, or a number in a container's repr written as text:
    ``"tensor(0.41)"``), or None when it is not a number (booleans are not)."""
    kind = type(value)
    if kind is float or kind is int:
        return to_float(value)
    if kind is str:
        found = JSON_NON_FINITE.get(value)
        return found if found is not None else unwrapped_number(value)
    return None
