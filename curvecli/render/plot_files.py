"""Writing figures: safe file names, deterministic files, several figures in parallel.

Every figure of a ``plot`` command is independent, so with ``-j N`` they are
drawn and saved by N forked worker processes (``write_figures``); each file is
the same bytes the serial run writes (no timestamps, the same code on the same
data), and the paths come back in the order of the figures.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from curvecli.errors import UsageError
from curvecli.render.plot_draw import drawing, freeze_layout
from curvecli.render.plot_style import DPI

FORMATS = ("png", "svg", "pdf")
PARALLEL_MIN_FIGURES = 4  # fewer figures are not worth starting processes for
_UNSAFE = re.compile(r"[^\w.+=@,-]+")


def safe_name(name: str, max_length: int = 120) -> str:
    """A file-name stem for a run: path separators become ``__``, odd characters ``_``."""
    parts = [part for part in re.split(r"[/\\]+", str(name)) if part not in ("", ".", "..")]
    cleaned = [_UNSAFE.sub("_", part).strip("_ ") or "_" for part in parts]
    stem = "__".join(cleaned).lstrip(".-") or "run"
    if len(stem) > max_length:
        digest = hashlib.sha1(str(name).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        stem = f"{stem[:max_length - 9]}-{digest}"
    return stem


def unique_names(stems: Sequence[str]) -> list[str]:
    """``stems`` with ``-2``, ``-3``... added where two would share a file (case-insensitively)."""
    seen: dict[str, int] = {}
    out = []
    for stem in stems:
        key = stem.lower()
        count = seen.get(key, 0) + 1
        seen[key] = count
        candidate = stem if count == 1 else f"{stem}-{count}"
        while count > 1 and candidate.lower() in seen:
            count += 1
            candidate = f"{stem}-{count}"
        seen.setdefault(candidate.lower(), 1)
        out.append(candidate)
    return out


@drawing
def save_figure(figure, path: Path, file_format: str = "png") -> Path:
    """Write ``figure`` to ``path`` atomically, with no timestamps (same input, same bytes)."""
    from matplotlib import rc_context

    from curvecli.render.files import atomic_path

    if file_format not in FORMATS:
        raise UsageError(f"unknown --format '{file_format}' for plot; use {', '.join(FORMATS)}")
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None},
                                "pdf": {"CreationDate": None, "ModDate": None}}[file_format]
    with atomic_path(Path(path)) as temporary, rc_context({"svg.hashsalt": "curvecli",
                                                          "svg.fonttype": "none"}):
        freeze_layout(figure)
        figure.savefig(temporary, format=file_format, dpi=DPI, metadata=metadata)
    return Path(path)


@dataclass
class FigureJob:
    """One figure to write: how to draw it, where, and the warnings it adds."""

    name: str  # the run or metric, for messages
    draw: Callable[[], Any]  # returns the Figure, or raises UsageError (nothing to draw)
    path: Path
    warnings: list[str] = field(default_factory=list)  # drawing appends here


@dataclass
class Written:
    """What came of a ``FigureJob``: the path written, or the error; the warnings drawing
    added."""

    path: Path | None
    error: UsageError | None
    warnings: list[str]


def _write(job: FigureJob, file_format: str) -> Written:
    before = len(job.warnings)
    try:
        figure = job.draw()
    except UsageError as error:  # a run with nothing to draw: the others still are
        return Written(None, error, job.warnings[before:])
    path = save_figure(figure, job.path, file_format)
    return Written(path, None, job.warnings[before:])


# The jobs of the running ``write_figures``, inherited by its forked workers.
_JOBS: list[FigureJob] = []
_FORMAT: list[str] = ["png"]


def _write_index(index: int) -> Written:
    return _write(_JOBS[index], _FORMAT[0])


def write_figures(jobs: Sequence[FigureJob], file_format: str = "png",
                  processes: int | None = None) -> Iterator[Written]:
    """Draw and save every job, yielding the results in the jobs' order as they are done.

    With ``processes`` > 1 (None: the number of cores) and enough figures, forked
    workers draw them; where fork is not available they are drawn here.
    """
    import multiprocessing

    processes = processes if processes is not None else (os.cpu_count() or 1)
    processes = min(processes, len(jobs))
    if processes < 2 or len(jobs) < PARALLEL_MIN_FIGURES or \
            "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield _write(job, file_format)
        return
    from concurrent.futures import ProcessPoolExecutor

    _JOBS[:] = list(jobs)
    _FORMAT[0] = file_format
    try:
        with ProcessPoolExecutor(max_workers=processes,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            for index, result in enumerate(pool.map(_write_index, range(len(jobs)))):
                jobs[index].warnings.extend(result.warnings)
                yield result
    finally:
        _JOBS.clear()
