"""Writing output files safely: to a temporary name beside the target, then renamed.

A reader of the output never sees a half-written file, and a failed write
leaves no partial file behind.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from curvecli.errors import UsageError


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path in ``target``'s directory; rename it to ``target`` on success."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"output directory does not exist: {directory}")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
