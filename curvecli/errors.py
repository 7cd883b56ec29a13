"""The one exception hierarchy of curvecli.

The library raises these; ``cli.py`` turns them into one line on stderr and
exit code 2. Anything that is not a ``CurveError`` is a bug.
"""

from __future__ import annotations

import re

# Control characters: in a name from a log they would move the cursor, recolour or retitle
# the user's terminal (escape sequences), or break a one-line message.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # keeps tab and newline


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


LIST_SHOWN = 3  # a message names this many items of a list, then counts the rest


def short_list(items, limit: int = LIST_SHOWN) -> str:
    """``a, b, c and 14 more``: a list for a one-line message (each item made printable)."""
    items = [printable(item) for item in items]
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def printable(value: object) -> str:
    """``str(value)`` safe to print on one line: undecodable file-name bytes become U+FFFD,
    control characters (escape sequences, line breaks) are shown as ``\\xNN``."""
    text = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(_escape, text)


def printable_text(text: str) -> str:
    """``printable`` for multi-line output (tables, Markdown): tabs and newlines are kept."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL_IN_TEXT.sub(_escape, text)


class CurveError(Exception):
    """Base of every error curvecli reports to the user.

    ``path`` names the file or run the error is about; ``hint`` is an optional
    second line telling the user what to do.
    """

    def __init__(self, message: str, path: object = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __str__(self) -> str:
        if self.path is not None:
            return f"{printable(self.message)} ({printable(self.path)})"
        return printable(self.message)


class FormatError(CurveError, ValueError):
    """A file could not be parsed as the format it claims to be."""


class NoLogsError(CurveError, FileNotFoundError):
    """A path holds nothing curvecli can read."""


class UsageError(CurveError, ValueError):
    """Bad options or arguments (an unknown metric, a bad smoothing weight)."""


class MissingSeriesError(UsageError):
    """A run does not log the series asked for (``--metric``)."""


class MissingExtraError(CurveError, ImportError):
    """An optional dependency is needed for this input or output."""


class NotAFileError(CurveError, OSError):
    """A path that names a FIFO, a socket, a device or a directory where a log file was
    expected (``safeio.open_regular`` refuses it after opening it without blocking). It is an
    ``OSError`` too, so every reader that keeps going past an unreadable file keeps going past
    this one."""


class TimedOut(BaseException):
    """The command ran past ``--timeout``, or a read delivered nothing for the stall limit.

    A ``BaseException`` (like ``KeyboardInterrupt``), not a ``CurveError``: it must stop the
    command, so it passes through every ``except CurveError``/``except Exception`` that keeps
    partial data after a bad file; ``reporting`` turns it into one ``error:`` line, exit 2.
    """

    def __init__(self, message: str, path: object = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def __reduce__(self):  # a worker process hands it back to its parent whole
        return (type(self), (self.message, self.path, self.hint))

    def __str__(self) -> str:
        if self.path is not None:
            return f"{printable(self.message)} ({printable(self.path)})"
        return printable(self.message)
