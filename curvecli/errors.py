"""The one exception hierarchy of curvecli.

The library raises these; ``cli.py`` turns them into one line on stderr and
exit code 2. Anything that is not a ``CurveError`` is a bug.
"""

from __future__ import annotations


def printable(value: object) -> str:
    """``str(value)`` that survives printing: undecodable file-name bytes become U+FFFD."""
    return str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
            return f"{self.message} ({printable(self.path)})"
        return self.message


class FormatError(CurveError, ValueError):
    """A file could not be parsed as the format it claims to be."""


class NoLogsError(CurveError, FileNotFoundError):
    """A path holds nothing curvecli can read."""


class UsageError(CurveError, ValueError):
    """Bad options or arguments (an unknown metric, a bad smoothing weight)."""


class MissingExtraError(CurveError, ImportError):
    """An optional dependency is needed for this input or output."""
