"""Following log files as they grow: each poll reads only what changed.

``Follower.poll()`` returns every run under the PATHs as a ``RunLog``, like
``load_paths``, through the same discovery and the same per-run reading
(``reading.read_run``); only the file reading differs. Each file is kept
between polls with what is known of it (``FileState``):

* a file whose size and modification time did not change is not opened, and a
  run none of whose files changed is the same ``RunLog`` objects as before;
* a format that can be read from an offset (``TAIL_READERS``: TensorBoard
  event files, CSV logs with a header line) reads only the bytes appended since the
  last complete record or line, and adds their points to the ones it has;
* any other file (``trainer_state.json``, rewritten whole at each save) is
  read again whole when it changed; a file that fails to parse while it is
  being rewritten keeps its last good points until the next poll;
* a file that shrank or was replaced (another inode) is read again from the
  start; a file that vanished is dropped.

Discovery's verdict on a file (which reader, or none) is kept per path, so a
poll sniffs only the files that are new.
"""

from __future__ import annotations

import os
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from curvecli import safeio
from curvecli.discover import LogFile, discover
from curvecli.errors import CurveError, NoLogsError
from curvecli.frame import Points, RunLog
from curvecli.reading import read_run


@dataclass
class FileState:
    """What a follower knows of one file: its identity when last read, and its points."""

    signature: tuple[int, int, int] | None = None  # (inode, size, mtime_ns)
    points: Points | None = None
    tail: object = None  # a tail reader's own position (see TAIL_READERS)
    bytes_read: int = 0  # bytes read from this file over its life (for tests and benchmarks)


# A tail reader: (log file, its last state or None for the whole file) -> (points to add,
# new state, bytes read); it raises ``Restart`` when the file must be read whole again.
TailReader = Callable[[LogFile, object], tuple[Points, object, int]]


class Restart(Exception):
    """The file no longer continues what was read (rewritten, truncated): read it whole."""


@dataclass
class Tail:
    """Where a tail reader stopped: the offset after the last complete record or line, and
    (line formats) the header line the new lines are read under."""

    offset: int
    header: bytes = b""


RECORD_HEAD = 12  # a TFRecord: u64 length, u32 crc of it, data, u32 crc of the data
RECORD_FOOT = 4
MAX_RECORD = 1 << 30  # a length past this is not a record being written: read the file whole


def _new_bytes(path: Path, offset: int) -> bytes:
    """What ``path`` holds past ``offset`` (a regular file only; ``safeio.open_regular`` bounds
    the read by the size at open, plus what a live writer appends meanwhile)."""
    with safeio.open_regular(path) as handle:
        handle.seek(offset)
        return handle.read()


def _through_reader(log_file: LogFile, data: bytes) -> Points:
    """The points of ``data`` (complete records or lines of ``log_file``'s format), read by the
    file's own reader from a scratch copy outside the log folder, so that a tail is decoded
    exactly as the whole file is; warnings name the real file."""
    with tempfile.TemporaryDirectory(prefix="curvecli-tail-") as scratch:
        copy = Path(scratch) / log_file.path.name
        copy.write_bytes(data)
        points = log_file.reader.read(copy)
    points.warnings[:] = [w.replace(str(copy), str(log_file.path)) for w in points.warnings]
    return points


def _complete_records(data: bytes) -> int:
    """How many bytes of ``data`` are whole TFRecords (the rest is being written)."""
    position = 0
    while position + RECORD_HEAD <= len(data):
        (length,) = struct.unpack_from("<Q", data, position)
        if length > MAX_RECORD:
            raise Restart()
        end = position + RECORD_HEAD + length + RECORD_FOOT
        if end > len(data):
            break
        position = end
    return position


def tail_records(log_file: LogFile, state: object) -> tuple[Points, object, int]:
    """Event files: the records appended since ``state``'s offset (whole records only); with
    no state, the whole file through its reader, which says where its last whole record ends
    (``meta["complete_bytes"]``)."""
    if not isinstance(state, Tail):
        size = os.path.getsize(log_file.path)
        points = log_file.reader.read(log_file.path)
        return points, Tail(int(points.meta.pop("complete_bytes", 0))), size
    data = _new_bytes(log_file.path, state.offset)
    complete = _complete_records(data)
    points = _through_reader(log_file, data[:complete]) if complete else _nothing()
    points.meta.pop("complete_bytes", None)
    return points, Tail(state.offset + complete), len(data)


LAST_LINE_WINDOW = 1 << 16  # where the end of the last whole line is looked for


def _line_ends(path: Path, size: int) -> tuple[int, bytes]:
    """(the offset after the last whole line, the header line) of a line log, reading its
    first and last ``LAST_LINE_WINDOW`` bytes (the whole file only when no line ends there)."""
    with safeio.open_regular(path) as handle:
        first = handle.read(LAST_LINE_WINDOW)
        start = max(0, size - LAST_LINE_WINDOW)
        handle.seek(start)
        last = handle.read()
        if b"\n" not in last and start > 0:
            start, last = 0, first + _new_bytes(path, len(first))
    newline = last.rfind(b"\n")
    header = first[:first.find(b"\n") + 1] if b"\n" in first else b""
    return (start + newline + 1 if newline >= 0 else 0), header


def tail_lines(log_file: LogFile, state: object) -> tuple[Points, object, int]:
    """CSV logs with a header line whose rows carry their own step: the complete lines
    appended since ``state``'s offset, read under the file's header line."""
    if state is None:
        size = os.path.getsize(log_file.path)
        complete, header = _line_ends(log_file.path, size)
        points = log_file.reader.read(log_file.path) if complete else _nothing()
        return points, Tail(complete, header), size
    if not isinstance(state, Tail) or not state.header:
        raise Restart()
    data = _new_bytes(log_file.path, state.offset)
    complete = data.rfind(b"\n") + 1
    points = _through_reader(log_file, state.header + data[:complete]) if complete \
        else _nothing()
    return points, Tail(state.offset + complete, state.header), len(data)


def _nothing() -> Points:
    from curvecli.frame import points_table

    return Points(points_table([], [], []))


# Readers whose files grow by appending, and how to read what they gained. CSV readers that
# number rows themselves (a wide CSV without a step column) are not here: a tail would number
# its rows from 0 again; nor text logs, which have no header line to read new lines under
# (they are read whole again when they change).
TAIL_READERS: dict[str, TailReader] = {
    "tensorboard": tail_records,
    "lightning": tail_lines,
    "keras": tail_lines,
    "yolo": tail_lines,
    "csv_long": tail_lines,
}


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _starts_over(old: Points, new: Points) -> bool:
    """True when the file must be read whole to tell its trainings apart: it holds several
    already (a ``run`` column), or the lines it gained go back to its first step or before (a
    new training appended, ``session=2``; a resume from a middle step goes on with the run)."""
    if old.table.empty or new.table.empty:
        return False
    return "run" in old.table.columns or "run" in new.table.columns \
        or int(new.table["step"].min()) <= int(old.table["step"].min())


def _appended(old: Points, new: Points) -> Points:
    table = new.table if old.table.empty else pd.concat([old.table, new.table],
                                                        ignore_index=True)
    return Points(table, old.warnings + [w for w in new.warnings if w not in old.warnings],
                  {**old.meta, **new.meta})


@dataclass
class Follower:
    """Runs under ``paths``, read again at every ``poll`` at the cost of what changed."""

    paths: list[Path]
    input_format: str | None = None
    all_sources: bool = False
    files: dict[Path, FileState] = field(default_factory=dict)
    known: dict = field(default_factory=dict)  # discovery's classifications, kept
    waiting: list[Path] = field(default_factory=list)  # PATHs that do not exist (yet)
    runs: dict = field(default_factory=dict)  # run id -> (its files' signatures, its RunLogs)
    _now: dict = field(default_factory=dict)  # the signatures taken for the run being read

    def poll(self) -> list[RunLog]:
        """Every run as it is now (an empty list while no log exists yet; a PATH that does
        not exist yet is waited for, listed in ``waiting``)."""
        present = [path for path in self.paths if os.path.lexists(path)]
        self.waiting = [path for path in self.paths if path not in present]
        if not present:
            return []
        try:
            found = discover(present, self.input_format, self.known)
        except NoLogsError:
            return []
        seen: set[Path] = set()
        logs: list[RunLog] = []
        runs: dict = {}
        for spec in found.runs:
            files = [log_file.path for source in spec.sources for log_file in source.files]
            seen.update(files)
            self._now = {path: _signature(path) for path in files}
            key = tuple(self._now.items())
            previous = self.runs.get(spec.run)
            if previous is None or previous[0] != key:
                previous = (key, read_run(spec, self.all_sources, read=self.read))
            runs[spec.run] = previous
            logs.extend(previous[1])
        self.runs = runs
        for gone in set(self.files) - seen:
            del self.files[gone]
        for gone in [path for path in self.known if not os.path.lexists(path)]:
            del self.known[gone]
        return logs

    @property
    def bytes_read(self) -> int:
        return sum(state.bytes_read for state in self.files.values())

    def read(self, log_file: LogFile) -> Points:
        """One file's points now, reading only what changed (see the module docstring)."""
        state = self.files.setdefault(log_file.path, FileState())
        signature = self._now.get(log_file.path) or _signature(log_file.path)
        if signature is not None and signature == state.signature and state.points is not None:
            return state.points
        try:
            state.points, state.tail, count = self._changed(log_file, state, signature)
        except CurveError:
            if state.points is None:
                raise
            return state.points  # caught mid-rewrite: the last read stands; the next poll retries
        state.bytes_read += count
        state.signature = signature
        return state.points

    @staticmethod
    def _changed(log_file: LogFile, state: FileState,
                 signature: tuple[int, int, int] | None) -> tuple[Points, object, int]:
        """(points, tail position, bytes read) of a file that changed: its tail when it only
        grew and its format can be read from an offset, else the whole file."""
        tail = TAIL_READERS.get(log_file.reader.name)
        grew = (state.signature is not None and signature is not None
                and signature[0] == state.signature[0] and signature[1] >= state.signature[1])
        if tail is not None and grew and state.points is not None:
            try:
                new, position, count = tail(log_file, state.tail)
                if not _starts_over(state.points, new):
                    return _appended(state.points, new), position, count
            except Restart:
                pass
        if tail is not None:
            return tail(log_file, None)
        return log_file.reader.read_live(log_file.path), None, signature[1] if signature else 0
