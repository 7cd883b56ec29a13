"""Writing output files safely: to a temporary name beside the target, then renamed.

A reader of the output never sees a half-written file, and a failed write
leaves no partial file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from curvecli.errors import UsageError


@lru_cache(maxsize=1)
def _umask_mode() -> int:
    """The mode a new file gets from the user's umask (mkstemp makes its files 0600); read
    once, since reading the umask means setting it for a moment."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path in ``target``'s directory; rename it to ``target`` on success."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"output directory does not exist: {directory}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=directory)
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", target) from None
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, _umask_mode())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
            raise UsageError(f"cannot write: {error.strerror or error}", target) from None
        raise
