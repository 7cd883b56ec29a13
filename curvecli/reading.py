"""Runs -> frames: read every source of every discovered run into RunLogs.

A run's files are read by their readers and their points become frame rows
(``frame.build_frame``). A run logged by two loggers (HF's trainer_state.json
and its TensorBoard events) is kept once, from the source holding more points,
unless ``all_sources`` asks for both; read from the events, it keeps the
trainer_state's ``best_metric`` and ``best_model_checkpoint`` (what the Trainer
optimised). A file that fails to read becomes a warning on its run; ``LoadError`` is
raised only when no run could be read at all, so partial data is always kept.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from curvecli import frame as frames
from curvecli import names, safeio
from curvecli.discover import EVENTS, Discovery, LogFile, Problem, RunSpec, Source, discover
from curvecli.errors import CurveError, NoLogsError, printable, short_list
from curvecli.frame import Points

# Which of two twin sources wins a tie on point count.
_PREFERENCE = ("trainer_state", "lightning", "keras", "yolo", "wandb_binary", "wandb_history",
               "csv", "tensorboard")
# Below this many runs a process pool costs more than it saves.
_PARALLEL_MIN_RUNS = 16
# What a twin source's metadata says that the kept one may not (HF's metric_for_best_model).
TWIN_META = ("best_metric", "best_model_checkpoint")
# How long a terminated worker is waited for.
_TERMINATE_WAIT_S = 2.0


def all_warnings(problems, runs) -> list[str]:
    """What went wrong reading: each problem (its file and message), then every run's
    warnings (``runs`` are RunLogs or anything with ``warnings``)."""
    found = [f"{printable(problem.path)}: {problem.message}" for problem in problems]
    for run in runs:
        found.extend(run.warnings)
    return found


@dataclass
class Loaded:
    """Everything read from the PATHs: one RunLog per run, plus what went wrong."""

    runs: list[frames.RunLog] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def frame(self) -> pd.DataFrame:
        return frames.concat([run.frame for run in self.runs])

    @property
    def warnings(self) -> list[str]:
        return all_warnings(self.problems, self.runs)


def _naming(path: Path, warning: str) -> str:
    """A reader's warning, led by the file it is about (as the user gave its path)."""
    name = printable(path)
    if warning.startswith(name) or warning.startswith(str(path)):
        return warning
    for prefix in (f"{path.name}: ", f"ignored {path.name}: "):
        if warning.startswith(prefix):
            warning = warning[len(prefix):]
    return f"{name}: {warning}"


def read_file(log_file: LogFile) -> Points:
    """A log file's points, read whole by its reader (``watch`` passes its own, which reads
    only what a file gained since the last poll)."""
    return log_file.reader.read(log_file.path)


FileReader = Callable[[LogFile], Points]


def _read_source(run: str, source: Source, read: FileReader = read_file) -> frames.RunLog:
    parts, warnings, meta, files = [], [], {}, []
    errors: list[tuple[str, str]] = []
    read_files: list[tuple[LogFile, Points]] = []
    for log_file in source.files:
        try:
            read_files.append((log_file, read(log_file)))
        except CurveError as error:
            errors.append((printable(log_file.path), error.message))
        except OSError as error:
            errors.append((printable(log_file.path), f"cannot read: {error.strerror or error}"))
    sessions = _event_sessions(read_files) if source.reader.layout == EVENTS else {}
    shared = _tags_in_split_folders(read_files)
    for index, (log_file, points) in enumerate(read_files):
        files.append(log_file.path)
        table, context = points.table, log_file.context
        if log_file.subrun and not table.empty:
            table, hint = _subrun_table(table, log_file.subrun)
            context = context or hint
        context = context or _held_out_by_name(log_file, table)
        if shared and _is_split_hint(context) and not table.empty:
            tags = table["tag"].astype(str)
            table = table.assign(tag=tags.where(~tags.isin(shared), context + "/" + tags))
        if context and "context" not in table.columns:
            table = table.assign(context=context)
        if index in sessions and "run" not in table.columns:
            table = table.assign(run=f"session={sessions[index]}")
        parts.append(frames.build_frame(table, run, log_file.reader.source))
        warnings.extend(_naming(log_file.path, warning) for warning in points.warnings)
        for key, value in points.meta.items():
            meta.setdefault(key, value)
    log = frames.RunLog(run, source.reader.source, frames.concat(parts), files, warnings, meta)
    log.meta["reader"] = source.name
    log.meta["errors"] = errors
    log.warnings[:0] = [f"{path}: {message}" for path, message in errors]
    return log


def _held_out_by_name(log_file: LogFile, table) -> str | None:
    """The held-out split a file's name opens with (``val_results.csv``, ``test_log.csv``,
    ``eval-metrics.json``), when none of its tags names a split: a YOLOv5 federated server's
    ``val_results.csv`` logs its val ``loss`` bare. Not for event files (their folder says),
    nor for a file whose columns name their splits (``eval_log.csv`` with ``loss`` and
    ``eval_loss``: its bare ``loss`` is train's)."""
    word = names.split_word_in(log_file.path.stem)
    if log_file.reader.layout == EVENTS or word is None or table.empty \
            or names.SPLIT_WORDS[word.lower()] in (names.TRAIN, names.RUN_LEVEL) \
            or not log_file.path.stem.lower().startswith(word.lower()):
        return None
    tags = table["tag"].astype(str).unique()
    return None if any(names.has_split_word(tag) for tag in tags) else word


def _is_split_hint(context: str | None) -> bool:
    """True when a file's context is a split folder's name (``train``, ``valid``)."""
    return bool(context) and context.lower() in names.SPLIT_WORDS


def _tags_in_split_folders(read_files: list[tuple[LogFile, Points]]) -> set[str]:
    """The tags written under two split folders or more (TF1 ``train/`` and ``valid/`` writers
    both writing ``Training_procedure/cost``) whose own split word would overrule the folder's
    (Keras' ``epoch_loss`` names none, and takes its folder's): only the folder tells those
    apart, so its split leads such a tag (``valid/Training_procedure/cost``)."""
    by_tag: dict[str, set[str]] = {}
    for log_file, points in read_files:
        if _is_split_hint(log_file.context) and not points.table.empty:
            for tag in points.table["tag"].astype(str).unique():
                by_tag.setdefault(tag, set()).add(log_file.context)
    return {tag for tag, contexts in by_tag.items()
            if len(contexts) > 1 and names.split_word_in(tag) is not None}


def _subrun_table(table: pd.DataFrame, subrun: str) -> tuple[pd.DataFrame, str | None]:
    """The points of an ``add_scalars`` sub-run (``log_file.subrun``: ``<main_tag>_<key>`` or
    ``<main_tag>/<key>``, its file's tag the main tag) named by its key when the key says what
    it measures (``Epoch_loss/valid_epoch_loss`` -> ``valid_epoch_loss``, ``loss_val_loss``
    -> ``val_loss``); a key that is a split word (``loss_val``) is the split hint; any other key
    (HF's hparams folder, a timestamp) leaves the tag as it is. Returns the table and the
    split hint."""
    tags = table["tag"].astype(str)
    renamed, hint = {}, None
    for tag in tags.unique():
        key = subrun
        for prefix in (tag.replace("/", "_") + "_", tag + "/"):
            if subrun.startswith(prefix) and len(subrun) > len(prefix):
                key = subrun[len(prefix):]
                break
        renamed[tag] = key if names.MEASURE_NAME.search(key) else tag
        if renamed[tag] == tag:
            hint = hint or names.split_word_in(key)
    return table.assign(tag=tags.map(renamed)), hint


SESSION_RESTARTED_TAGS = 2  # a later event file starting over >= 2 series ...
SESSION_RESTARTED_POINTS = 4  # ... of >= 4 points each is a new training


def _event_sessions(read_files: list[tuple[LogFile, Points]]) -> dict[int, int]:
    """The session of each event file (by its index) when one directory holds several
    trainings, else nothing: in write order, a file that starts ``SESSION_RESTARTED_TAGS``
    series or more (of ``SESSION_RESTARTED_POINTS`` points or more in it) at or before the
    first step those series had in the session so far begins the next session
    (``session=2``...). A resume continues its series from a later step, and Lightning's
    file of hp_metric and the test or re-validation points restarts none of them (a few
    points each, or one series per batch), so both stay in the session. Files of other
    directories or split hints (Keras' ``train/`` and ``validation/``) are compared apart."""
    groups: dict[tuple[Path, str | None], list[int]] = {}
    for index, (log_file, _) in enumerate(read_files):
        groups.setdefault((log_file.path.parent, log_file.context), []).append(index)
    sessions: dict[int, int] = {}
    for indices in groups.values():
        number, first_steps, found = 1, {}, {}
        for index in indices:
            table = read_files[index][1].table
            if table.empty:
                found[index] = number
                continue
            per_tag = table.groupby(table["tag"].astype(str), sort=False)["step"].agg(
                ["min", "size"])
            restarted = sum(1 for tag, row in per_tag.iterrows() if tag in first_steps
                            and row["size"] >= SESSION_RESTARTED_POINTS
                            and row["min"] <= first_steps[tag])
            if restarted >= SESSION_RESTARTED_TAGS:
                number, first_steps = number + 1, {}
            for tag, row in per_tag.iterrows():
                first_steps[tag] = min(first_steps.get(tag, row["min"]), row["min"])
            found[index] = number
        if number > 1:
            sessions.update(found)
    return sessions


def _own_run(log: frames.RunLog, run: str, part: pd.DataFrame) -> frames.RunLog:
    """One run of a file that holds several: its own metadata (a database's per-run
    hyper-parameters, ``meta["by_run"]``) and, for a curvecli export read back, the source
    the export recorded (``meta["sources"]``)."""
    key = run[len(log.run) + 1:] if log.run and run.startswith(log.run + "/") else run
    meta = {**log.meta, **((log.meta.get("by_run") or {}).get(key) or {})}
    meta.pop("by_run", None)
    source = (log.meta.get("sources") or {}).get(key) or log.source
    frame = part.reset_index(drop=True)
    if source != log.source:
        frame["source"] = pd.Categorical([source] * len(frame))
    return frames.RunLog(str(run), source, frame, log.files, log.warnings, meta)


def _split_runs(log: frames.RunLog) -> list[frames.RunLog]:
    """One RunLog per run id: a W&B panel or runs-table export, an MLflow or trackio
    database, a curvecli export hold several runs in one file. A run the file lists
    (``meta["runs"]``) with no point yet (an MLflow run that logged only its params) is
    kept, empty, with a warning, as a file-store run would be."""
    if log.frame.empty and not log.meta.get("by_run"):
        return [log]
    if log.frame["run"].nunique() <= 1 and not log.meta.get("sources") \
            and not log.meta.get("by_run"):
        return [log]
    found = [_own_run(log, str(run), part)
             for run, part in log.frame.groupby("run", observed=True, sort=False)]
    seen = {run.run for run in found}
    for name in log.meta.get("by_run") or {}:
        run = f"{log.run.rstrip('/')}/{name}" if log.run else str(name)
        if run not in seen:
            empty = _own_run(log, run, log.frame.iloc[0:0])
            empty.warnings = [*log.warnings, f"{run}: no points yet"]
            found.append(empty)
    return found


def read_run(spec: RunSpec, all_sources: bool = False,
             read: FileReader = read_file) -> list[frames.RunLog]:
    """Read one run; with twin sources keep the more complete one (or both)."""
    logs = [_read_source(spec.run, source, read) for source in spec.sources]
    for log in logs:
        for key, value in spec.meta.items():
            log.meta.setdefault(key, value)
        if spec.path is not None:
            log.meta["path"] = str(spec.path)
        if log.points == 0 and log.files and not any("no points" in w for w in log.warnings):
            log.meta["empty"] = f"no scalar points in {short_list(log.files)}"
            log.warnings.append(f"{spec.run}: {log.meta['empty']}")
    if all_sources or len(logs) == 1:
        return [part for log in logs for part in _split_runs(log)]
    readable = [log for log in logs if log.files] or logs
    consoles = {id(log) for log, source in zip(logs, spec.sources) if source.console}

    def completeness(log: frames.RunLog) -> tuple[bool, int, int]:
        """A run's own record before its printed console (W&B's output.log: more lines,
        several sessions), then the most points, then ``_PREFERENCE``."""
        reader = log.meta.get("reader", "")
        rank = _PREFERENCE.index(reader) if reader in _PREFERENCE else len(_PREFERENCE)
        return log.points > 0 and id(log) not in consoles, log.points, -rank

    best = max(readable, key=completeness)
    others = [log for log in logs if log is not best]
    kept = set(frames.series_names(best.frame))
    for other in others:
        lost = [name for name in frames.series_names(other.frame) if name not in kept]
        if lost:
            best.warnings.append(
                f"{spec.run}: logged by {best.source} and {other.source}; read from "
                f"{best.source}, so {short_list(lost)} (only in {other.source}) left out "
                f"(--all-sources keeps both)")
    best.meta["also_logged_by"] = [
        {"source": log.source, "points": log.points, "files": [str(p) for p in log.files]}
        for log in others
    ]
    best.warnings.extend(w for log in others for w in log.warnings)
    for log in others:  # what the Trainer optimised, said only by its trainer_state.json
        for key in TWIN_META:
            if key in log.meta:
                best.meta.setdefault(key, log.meta[key])
    return _split_runs(best)


def _read_run_task(args: tuple[RunSpec, bool]) -> list[frames.RunLog]:
    return read_run(*args)


def _read_in_pool(found: Discovery, all_sources: bool, jobs: int, loaded: Loaded,
                  progress: Callable[[int, int], None] | None) -> None:
    """Read the runs in ``jobs`` worker processes, each guarded by the parent's watchdog
    (``safeio.guard_worker``). When reading stops early (a timeout, Ctrl-C), the workers are
    terminated rather than waited for: one may be stuck on a file that never answers."""
    total = len(found.runs)
    others = set(multiprocessing.active_children())  # not this pool's: never terminated here
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=safeio.guard_worker,
                               initargs=safeio.guard_state())
    try:
        results = pool.map(_read_run_task, [(spec, all_sources) for spec in found.runs],
                           chunksize=max(1, min(8, total // (4 * jobs))))
        for done, logs in enumerate(results, start=1):
            loaded.runs.extend(logs)
            if progress:
                progress(done, total)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_workers(others)
        raise
    pool.shutdown()


def _stop_workers(others: set) -> None:
    """Terminate the pool's worker processes (every child not in ``others``), again until
    none is left or ``_TERMINATE_WAIT_S`` passed: the pool's manager may start a worker
    after the first look (a one-shot snapshot left it running)."""
    deadline = time.monotonic() + _TERMINATE_WAIT_S
    while time.monotonic() < deadline:
        children = [child for child in multiprocessing.active_children()
                    if child not in others]
        if not children:
            return
        for child in children:
            child.terminate()
        for child in children:
            child.join(max(0.0, deadline - time.monotonic()))


def read_all(found: Discovery, all_sources: bool = False, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Read every discovered run (in parallel for sweeps); keep file-level failures as warnings.

    ``progress(done, total)`` is called after each run (the CLI draws a bar with it).
    """
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    loaded = Loaded(problems=list(found.problems))
    total = len(found.runs)
    if jobs > 1 and total >= _PARALLEL_MIN_RUNS:
        _read_in_pool(found, all_sources, jobs, loaded, progress)
    else:
        for done, spec in enumerate(found.runs, start=1):
            loaded.runs.extend(read_run(spec, all_sources))
            if progress:
                progress(done, total)
    if not any(log.files for log in loaded.runs):
        errors = [error for log in loaded.runs for error in log.meta.get("errors", [])]
        if errors:
            path, message = errors[0]
            raise NoLogsError(message, path)
    return loaded


def load_paths(paths: list[Path | str], input_format: str | None = None,
               all_sources: bool = False, jobs: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Discover and read ``paths``: the library entry point behind every command. A remote
    PATH (``s3://``...) is read from its local mirror (``curvecli.remote``) and what is
    said about it names the URL."""
    from curvecli import remote

    local, mirrors = remote.localise(paths)
    try:
        found = discover(local, input_format)
        loaded = read_all(found, all_sources=all_sources, jobs=jobs, progress=progress)
    except CurveError as error:
        raise remote.renamed_error(error, mirrors) if mirrors else error from None
    return remote.renamed(loaded, mirrors) if mirrors else loaded
