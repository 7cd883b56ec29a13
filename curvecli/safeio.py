"""Opening files curvecli does not control: regular files only, bounded reads, no hang.

curvecli reads shared folders where anything may sit under a log's name. The rules, kept
here for every reader and for discovery:

- **Regular files only.** ``open_regular`` opens with ``O_NONBLOCK`` (opening a FIFO that no
  one writes never blocks), then checks the *opened descriptor* with ``fstat`` (not the path,
  which may be swapped between a check and the open): a FIFO, socket, character or block
  device or directory is refused with ``NotAFileError`` naming its kind ("a FIFO, not a log
  file"). ``O_NONBLOCK`` is then cleared; ``O_NOCTTY`` and ``O_CLOEXEC`` are set.
- **Bounded reads.** A file opened so reads at most the size ``fstat`` gave at open time plus
  ``LIVE_GROWTH_BYTES`` (what a live writer appended meanwhile); the rest is left for the next
  read. ``read_all`` can refuse a file larger than a limit before reading it (JSON documents:
  ``json_limit``, from ``CURVECLI_MAX_JSON_BYTES``, default 1 GiB) and can check the first
  bytes before reading the rest (a multi-GB file of zeros is refused after 4 KiB).
- **Iterative walks.** ``walk`` lists a tree with an explicit stack (no recursion limit for a
  deep tree, one ``scandir`` per folder), never following directory symlinks.
- **No hang.** ``watchdog`` arms a one-second ``SIGALRM`` tick in the main thread. When the
  command's ``--timeout`` has passed, or one open or read has delivered nothing for the stall
  limit (``CURVECLI_STALL_SECONDS``, default 60 s), the tick raises ``TimedOut`` out of the
  interrupted system call. Not covered: a read the kernel does not let a signal interrupt (a
  hard-mounted NFS server that is gone keeps the process in uninterruptible sleep), and files
  opened by libraries by their path (SQLite databases, whose head is checked here first).
"""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from curvecli.errors import FormatError, NotAFileError, TimedOut

try:
    import fcntl
except ImportError:  # Windows: no FIFOs to open without blocking, and no O_NONBLOCK
    fcntl = None

# A live writer's appends read past the size the file had when opened, at most this much.
LIVE_GROWTH_BYTES = 8 << 20
# The largest JSON document read whole (a trainer_state.json), unless the environment says.
JSON_LIMIT_ENV = "CURVECLI_MAX_JSON_BYTES"
DEFAULT_JSON_LIMIT = 1 << 30
# An open or read that delivers nothing for this long has stalled, unless the environment says.
STALL_ENV = "CURVECLI_STALL_SECONDS"
DEFAULT_STALL_SECONDS = 60.0
# How often the watchdog looks at the clock (more often for a stall limit under 2 s).
TICK_SECONDS = 1.0
MIN_TICK_SECONDS = 0.01
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISDIR, "a directory"))


def kind_of(mode: int) -> str | None:
    """What a file of mode ``mode`` is when it is not a regular file ("a FIFO"); None for a
    regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def not_a_file(path: object, kind: str) -> NotAFileError:
    """The error for a path that is ``kind`` (see ``kind_of``), naming it."""
    return NotAFileError(f"{kind}, not a log file", path)


def special_kind(path: Path | str) -> str | None:
    """The kind of what ``path`` names (following symlinks) when it exists and is not a
    regular file or directory: a FIFO, socket or device a walk must not open."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISDIR(mode) else kind_of(mode)


# --------------------------------------------------------------------------- opening


class _BoundedFile(io.RawIOBase):
    """A read-only file (``inner``) that stops at ``stop``: the size at open plus
    ``LIVE_GROWTH_BYTES``. Every read is timed by the watchdog (see ``_reading``)."""

    def __init__(self, inner: io.FileIO, path: object, stop: int):
        super().__init__()
        self.inner, self.path, self.stop = inner, path, stop

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.inner.fileno()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def close(self) -> None:
        self.inner.close()
        super().close()

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        room = max(self.stop - self.inner.tell(), 0)
        if not room or not len(view):
            return 0
        with _reading(self.path):
            return self.inner.readinto(view[:room])

    def readall(self) -> bytes:
        pieces = []
        while True:
            room = max(self.stop - self.inner.tell(), 0)
            with _reading(self.path):
                piece = self.inner.read(room) if room else b""
            if not piece:
                break
            pieces.append(piece)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _regular_opener(path, flags: int) -> int:
    """``io.open``'s opener: a descriptor of ``path`` opened without blocking, refused
    (``NotAFileError``) unless ``fstat`` says it is a regular file, then made blocking."""
    try:
        with _reading(path):
            fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:  # a socket cannot be opened at all (ENXIO): say what it is
        kind = special_kind(path) if error.errno == errno.ENXIO else None
        if kind is None:
            raise
        raise not_a_file(path, kind) from None
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise not_a_file(path, kind)
        if fcntl is not None and _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular(path: Path | str, buffering: int = 1 << 16) -> io.BufferedReader:
    """``path`` opened for reading, when it is a regular file (see the module docstring);
    ``NotAFileError`` for anything else, ``OSError`` when it cannot be opened."""
    inner = io.open(path, "rb", buffering=0, opener=_regular_opener)
    try:
        stop = os.fstat(inner.fileno()).st_size + LIVE_GROWTH_BYTES
    except BaseException:
        inner.close()
        raise
    return io.BufferedReader(_BoundedFile(inner, path, stop), buffer_size=buffering)


def read_head(path: Path | str, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path``."""
    with open_regular(path, buffering=max(size, 1)) as handle:
        return handle.read(size)


HEAD_CHECK_BYTES = 4096


def read_all(path: Path | str, limit: int | None = None,
             check: Callable[[bytes], None] | None = None) -> bytes:
    """The bytes of the regular file ``path`` (bounded as ``open_regular`` says).

    ``limit``: a larger file is refused (``FormatError``) before anything is read.
    ``check(head)`` sees the first ``HEAD_CHECK_BYTES`` first and raises to refuse the file
    before the rest is read.
    """
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if limit is not None and size > limit:
            raise too_big(path, size, limit)
        if check is None:
            return handle.read()
        check(handle.read(HEAD_CHECK_BYTES))
        handle.seek(0)  # from the buffer: no second read, and no copy of the whole
        return handle.read()


def too_big(path: object, size: int, limit: int) -> FormatError:
    """The error for a file of ``size`` bytes over the ``limit`` of its kind (read whole)."""
    return FormatError(f"{_size(size)} ({size:,} bytes), larger than the {limit:,} bytes "
                       f"curvecli reads of such a file; set {JSON_LIMIT_ENV} to raise it", path)


def json_limit() -> int:
    """The largest JSON document read whole: ``CURVECLI_MAX_JSON_BYTES`` or 1 GiB."""
    return _env_number(JSON_LIMIT_ENV, DEFAULT_JSON_LIMIT, int)


def refuse_zeros(head: bytes, path: object, what: str) -> None:
    """A text log does not start with NUL bytes: a head that is more than half NUL (a
    preallocated or sparse file, a disk image) is refused without reading the rest."""
    if head and head.count(0) * 2 > len(head):
        raise FormatError(f"not a {what}: its first {len(head)} bytes are mostly zero bytes",
                          path)


def _size(count: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count >= 1 << shift:
            return f"{count / (1 << shift):.1f} {unit}"
    return f"{count} bytes"


def _env_number(name: str, default, kind):
    text = os.environ.get(name, "").strip()
    try:
        value = kind(text) if text else default
    except ValueError:
        return default
    return value if value > 0 else default


# --------------------------------------------------------------------------- walking


def walk(root: Path, on_error: Callable[[OSError], None]
         ) -> Iterator[tuple[Path, list[str], list[os.DirEntry]]]:
    """``(folder, subfolder names, other entries)`` for ``root`` and every folder under it,
    top-down and depth-first in name order, like ``os.walk(followlinks=False)`` but with an
    explicit stack: no recursion, however deep the tree. The caller may prune the names in
    place. Directory symlinks are neither listed nor walked; the other entries are files of
    any kind (``entry.is_file()`` tells regular ones)."""
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            on_error(error)
            continue
        subfolders, others = [], []
        for entry in entries:
            if _is_real_dir(entry):
                subfolders.append(entry.name)
            elif not _is_dir_link(entry):
                others.append(entry)
        subfolders.sort()
        others.sort(key=lambda entry: entry.name)
        yield folder, subfolders, others
        stack.extend(folder / name for name in reversed(subfolders))


def _is_real_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_dir_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


# --------------------------------------------------------------------------- the watchdog


@dataclass
class _Guard:
    timeout: float | None
    deadline: float | None
    stall: float


_guard: _Guard | None = None
_current: tuple[object, float] | None = None  # the open or read under way: (path, since)
_last: object = None  # the file opened or read last


@contextmanager
def _reading(path: object):
    """Mark an open or read of ``path`` as under way, for the watchdog's stall check."""
    global _current, _last
    _current, _last = (path, time.monotonic()), path
    try:
        yield
    finally:
        _current = None


def stall_seconds() -> float:
    """How long one open or read may deliver nothing: ``CURVECLI_STALL_SECONDS`` or 60."""
    return _env_number(STALL_ENV, DEFAULT_STALL_SECONDS, float)


def _on_tick(signum, frame) -> None:
    """The watchdog's tick: raise ``TimedOut`` past the deadline or on a stalled read."""
    guard, current, now = _guard, _current, time.monotonic()
    if guard is None:
        return
    if guard.deadline is not None and now >= guard.deadline:
        where = current[0] if current is not None else None
        what = " while reading" if where is not None else ""
        raise TimedOut(f"timed out after {guard.timeout:g} s{what}", where,
                       hint="--timeout SECONDS sets how long a command may run")
    if current is not None and now - current[1] >= guard.stall:
        raise TimedOut(f"no data for {guard.stall:g} s: the read stalled (a hung network "
                       "file system, or a device)", current[0],
                       hint=f"{STALL_ENV} sets how long a read may wait")


def _arm(timeout: float | None) -> None:
    global _guard
    stall = stall_seconds()
    deadline = time.monotonic() + timeout if timeout is not None else None
    _guard = _Guard(timeout, deadline, stall)
    every = min(TICK_SECONDS, stall / 2)
    first = min(every, timeout) if timeout is not None else every
    signal.signal(signal.SIGALRM, _on_tick)
    signal.setitimer(signal.ITIMER_REAL, max(first, MIN_TICK_SECONDS), every)


def _can_arm() -> bool:
    return (hasattr(signal, "setitimer") and _guard is None
            and threading.current_thread() is threading.main_thread())


@contextmanager
def watchdog(timeout: float | None = None):
    """Stop what runs inside with ``TimedOut`` after ``timeout`` seconds (None: never) or when
    one open or read stalls (see the module docstring). Only the main thread of a POSIX
    process can be guarded; elsewhere, or inside another watchdog, this does nothing."""
    global _guard
    if not _can_arm():
        yield
        return
    previous = signal.getsignal(signal.SIGALRM)
    _arm(timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _guard = None


def guard_state() -> tuple[float | None, float | None, bool]:
    """What a worker process needs to guard itself like its parent: (the ``--timeout``, the
    seconds left before its deadline, whether a watchdog is on)."""
    guard = _guard
    if guard is None:
        return None, None, False
    left = None if guard.deadline is None else max(guard.deadline - time.monotonic(), 0.01)
    return guard.timeout, left, True


def guard_worker(timeout: float | None, left: float | None, on: bool) -> None:
    """A worker process's initializer: a watchdog for the rest of its life when its parent
    had one (timers are not inherited across ``fork``)."""
    global _guard
    _guard = None
    if on and _can_arm():
        _arm(left)
        _guard.timeout = timeout  # the message names the user's --timeout
