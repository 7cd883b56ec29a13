"""curvecli: read every training-log format into one frame and say what the curves mean.

The library stands on its own; the command line is one client of it::

    import curvecli
    frame = curvecli.load("runs/")            # every point, one row each
    frame[frame.metric == "loss"]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curvecli.errors import CurveError, FormatError, MissingExtraError, NoLogsError, UsageError

if TYPE_CHECKING:  # pandas is imported lazily so that `curvecli --help` starts fast
    import pandas as pd

__version__ = "0.1.0"
__all__ = ["load", "load_runs", "CurveError", "FormatError", "MissingExtraError", "NoLogsError",
           "UsageError", "__version__"]


def load_runs(*paths: str | Path, input_format: str | None = None, all_sources: bool = False,
              jobs: int | None = None):
    """Read ``paths`` into a ``Loaded``: one ``RunLog`` per run (frame, files, warnings, meta)."""
    from curvecli.reading import load_paths

    return load_paths(list(paths), input_format=input_format, all_sources=all_sources, jobs=jobs)


def load(*paths: str | Path, input_format: str | None = None, all_sources: bool = False,
         jobs: int | None = None) -> "pd.DataFrame":
    """The frame of every point under ``paths`` (columns as in DESIGN.md).

    ``frame.attrs["runs"]`` holds each run's metadata (checkpoints, best metric,
    source files) and ``frame.attrs["warnings"]`` what could not be read.
    """
    loaded = load_runs(*paths, input_format=input_format, all_sources=all_sources, jobs=jobs)
    frame = loaded.frame
    frame.attrs["runs"] = {run.run: {"source": run.source, **run.meta,
                                     "files": [str(p) for p in run.files]} for run in loaded.runs}
    frame.attrs["warnings"] = loaded.warnings
    return frame
