"""Following log files as they grow: each poll reads only what changed.

``Follower.poll()`` returns every run under the PATHs as a ``RunLog``, like
``load_paths``, through the same discovery and the same per-run reading
(``reading.read_run``); only the file reading differs. Each file is kept
between polls with what is known of it (``FileState``):

* a file whose size and modification time did not change is not opened;
* a format that can be read from an offset (``TAIL_READERS``: TensorBoard
  event files, CSV logs, text logs) reads only the bytes appended since the
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

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


# A tail reader: (path, its state, the last state) -> (new points to add, new state, bytes
# read); it raises ``Restart`` when the file must be read again from the start.
TailReader = Callable[[Path, object], tuple[Points, object, int]]
TAIL_READERS: dict[str, TailReader] = {}


class Restart(Exception):
    """The file no longer continues what was read (rewritten, truncated): read it whole."""


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


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
        for spec in found.runs:
            for source in spec.sources:
                seen.update(log_file.path for log_file in source.files)
            logs.extend(read_run(spec, self.all_sources, read=self.read))
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
        signature = _signature(log_file.path)
        if signature is not None and signature == state.signature and state.points is not None:
            return state.points
        tail = TAIL_READERS.get(log_file.reader.name)
        grew = (state.signature is not None and signature is not None
                and signature[0] == state.signature[0] and signature[1] >= state.signature[1])
        try:
            if tail is not None and grew and state.points is not None:
                try:
                    new, state.tail, count = tail(log_file.path, state.tail)
                    state.points = _appended(state.points, new)
                    state.bytes_read += count
                    state.signature = signature
                    return state.points
                except Restart:
                    pass
            state.points, state.tail, count = self._whole(log_file, tail)
            state.bytes_read += count
            state.signature = signature
        except CurveError:
            if state.points is None:
                raise
            # A file caught mid-rewrite: keep what was last read; the next poll retries.
        return state.points

    @staticmethod
    def _whole(log_file: LogFile, tail: TailReader | None) -> tuple[Points, object, int]:
        if tail is not None:
            return tail(log_file.path, None)
        size = _signature(log_file.path)
        return log_file.reader.read(log_file.path), None, size[1] if size else 0
