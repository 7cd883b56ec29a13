"""Per-run work on a Dask cluster: ``--scheduler ADDRESS`` (or ``$CURVECLI_SCHEDULER``).

The rules:

* Discovery stays on the client; the runs found (``RunSpec``s: file paths, no data) are sent
  to the workers a few a task (``MAX_CHUNK``). The worker reads each run itself
  (``reading.read_run``) and analyses it there, and only a small ``RunDigest`` per run
  travels back (its id, point count, files, warnings, and the ``RunReport`` or
  ``RunForecast``): never a frame.
* Results are taken in submission order, so the answer is the single-machine answer, in the
  same order; the client-side assembly below mirrors ``reading.read_all``,
  ``analysis.diagnose.diagnose`` and ``analysis.run_forecast.forecast_runs`` step for step.
* A lost worker's tasks are rerun by Dask (the scheduler's ``allowed-failures``; a chunk that
  still fails is rerun a run a task); a run whose task raises is retried ``TASK_RETRIES``
  times, then reported like any unreadable run.
  A ``CurveError`` the single-machine command would stop on (a bad ``--to-epoch``) travels
  back as a value and stops the command the same way.
* A relative PATH means the client's working directory: a worker elsewhere reads the files
  under it, and the paths in what it sends back are the ones the user typed.
* ``distributed`` is imported only here and only when a scheduler is asked for: the core
  install does not need it, and ``curvecli --help`` does not load it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from curvecli.errors import CurveError, MissingSeriesError, NoLogsError, UsageError, short_list

SCHEDULER_ENV = "CURVECLI_SCHEDULER"
LOCAL = "local"  # ``local`` or ``local:N``: a LocalCluster of N worker processes
_LOCAL_ADDRESS = re.compile(r"^local(?::(\d+))?$")
EXTRA_MESSAGE = "--scheduler needs the 'distributed' extra: pip install 'curvecli[distributed]'"
CONNECT_TIMEOUT_S = 5  # an unreachable scheduler is an error after this long
TASK_RETRIES = 1  # a run whose task raised (not a lost worker: Dask reruns those) is retried
MAX_CHUNK = 32  # runs per task at most (the scheduler's ~1 ms a task is shared by them)
TASKS_PER_WORKER = 4  # tasks per worker at least, for balance and a small share to redo


@dataclass
class RunDigest:
    """What travels back for one run read on a worker: what the client prints about it (the
    fields of a ``RunLog`` but its frame) and the result of its analysis."""

    run: str
    source: str
    points: int
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    result: Any = None  # RunReport, RunForecast, or None (a forecast of a run with no points)
    error: CurveError | None = None  # its analysis raised this (MissingSeriesError: no --metric)


@dataclass
class SpecOutcome:
    """One task's answer: a digest per run the RunSpec held (a store holds several), or the
    ``CurveError`` reading it raised (which stops the command, as it does locally)."""

    digests: list[RunDigest] = field(default_factory=list)
    error: CurveError | None = None


@dataclass
class Gathered:
    """The cluster's answer for every PATH, in the order a local read gives: ``runs`` (one
    digest per run) and ``problems`` (discovery's), as ``reading.Loaded`` has them."""

    runs: list[RunDigest]
    problems: list

    @property
    def warnings(self) -> list[str]:
        """``reading.Loaded.warnings``: the problems', then every run's."""
        from curvecli.reading import all_warnings

        return all_warnings(self.problems, self.runs)


# ------------------------------------------------------------------------------------------
# the client: where the scheduler is, and connecting to it


def scheduler_address(option: str | None) -> str | None:
    """The scheduler to use: ``--scheduler``, else ``$CURVECLI_SCHEDULER``; None (run here)
    when neither is set or both are blank."""
    for value in (option, os.environ.get(SCHEDULER_ENV)):
        if value is not None and value.strip():
            return value.strip()
    return None


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError(EXTRA_MESSAGE) from None
    return distributed


def _local_cluster(distributed, workers: int | None):
    """A LocalCluster of worker processes, one thread each (the work holds the GIL), without
    a dashboard, and quiet: its start-up warnings (a port taken by another cluster's HTTP
    server, which then moves) would mix with the command's own on stderr."""
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None,
                                        silence_logs=logging.ERROR)


@contextmanager
def connect(address: str, timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Any]:
    """A ``distributed.Client``: to the scheduler at ``address`` (``tcp://host:port``, or a
    scheduler file written by ``dask scheduler --scheduler-file``), or to a new LocalCluster
    for ``local`` / ``local:N``. A scheduler that cannot be reached within ``timeout`` seconds
    is a ``UsageError``; the client (and a local cluster) is closed on the way out."""
    distributed = _import_distributed()
    local = _LOCAL_ADDRESS.match(address)
    cluster = None
    try:
        if local:
            workers = int(local.group(1)) if local.group(1) else None
            if workers == 0:
                raise UsageError("--scheduler local:N needs N >= 1 worker")
            cluster = _local_cluster(distributed, workers)
            client = distributed.Client(cluster)
        elif address.endswith(".json") and Path(address).is_file():
            client = distributed.Client(scheduler_file=address, timeout=timeout)
        else:
            client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot reach the Dask scheduler at {address} "
                         f"({type(error).__name__}: {error})".replace("\n", " "),
                         hint="start it with `dask scheduler`, or use --scheduler local") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _await_workers(client, address: str) -> None:
    """Say so on stderr when the scheduler has no worker yet (the tasks wait for one; an
    adaptive cluster starts them on demand; ``--timeout`` bounds the wait)."""
    if not client.scheduler_info().get("workers"):
        from curvecli.render.terminal import print_warnings

        print_warnings([f"the Dask scheduler at {address} has no worker yet: waiting for one"])


# ------------------------------------------------------------------------------------------
# the workers' side: module-level task functions (picklable by reference), light imports


def _place(path: Path | None, base: Path) -> Path | None:
    return path if path is None or path.is_absolute() else base / path


def _relocated(spec, cwd: str):
    """``spec`` with its relative paths under the client's working directory ``cwd``, and the
    prefix to take off the paths in the answer (None: nothing to do, the worker works where
    the client does or every path is absolute)."""
    paths = [spec.path] + [source.owner for source in spec.sources] \
        + [log_file.path for source in spec.sources for log_file in source.files]
    if os.getcwd() == cwd or all(p is None or p.is_absolute() for p in paths):
        return spec, None
    base = Path(cwd)
    sources = [dataclasses.replace(source, owner=_place(source.owner, base),
                                   files=[dataclasses.replace(log_file,
                                                              path=_place(log_file.path, base))
                                          for log_file in source.files])
               for source in spec.sources]
    return dataclasses.replace(spec, sources=sources, path=_place(spec.path, base)), \
        f"{base.as_posix().rstrip('/')}/"


def _unplaced(value: Any, prefix: str) -> Any:
    """``value`` with ``prefix`` taken off every path and message in it (in place for
    dataclasses and errors; new lists, tuples and dicts): the worker's absolute paths back to
    the relative ones the user gave."""
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, Path):
        return Path(str(value).replace(prefix, "", 1)) if value.is_absolute() else value
    if isinstance(value, (list, tuple)):
        return type(value)(_unplaced(item, prefix) for item in value)
    if isinstance(value, dict):
        return {key: _unplaced(item, prefix) for key, item in value.items()}
    if isinstance(value, CurveError):
        value.message, value.path = _unplaced(value.message, prefix), _unplaced(value.path,
                                                                                 prefix)
        value.args = (value.message,)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            setattr(value, item.name, _unplaced(getattr(value, item.name), prefix))
    return value


def _digest(log) -> RunDigest:
    return RunDigest(log.run, log.source, log.points, list(log.files), list(log.warnings),
                     list(log.meta.get("errors") or []))


def run_spec(spec, analyse: Callable[..., Any], *, cwd: str, all_sources: bool = False,
             **options) -> SpecOutcome:
    """Read one run where this worker runs and ``analyse(log, **options)`` each of its
    RunLogs. A ``CurveError`` travels back as a value, in the outcome (from reading) or in
    the run's digest (from its analysis: the client decides, as the local command does)."""
    from curvecli.reading import read_run

    placed, prefix = _relocated(spec, cwd)
    outcome = SpecOutcome()
    try:
        logs = read_run(placed, all_sources)
    except CurveError as error:
        outcome.error = error
        logs = []
    for log in logs:
        digest = _digest(log)
        try:
            digest.result = analyse(log, **options)
        except CurveError as error:
            digest.error = error
        outcome.digests.append(digest)
    return _unplaced(outcome, prefix) if prefix else outcome


def diagnose_log(log, metric: str | None = None, patience: int | None = None,
                 min_delta: float | None = None):
    """``analysis.diagnose.diagnose`` for one run: a run with no points is ``unreadable``."""
    from curvecli.analysis.diagnose import diagnose_run, unreadable

    if not log.points:
        return unreadable(log.run, log.meta.get("path"), log.why_empty, log.source,
                          log.warnings)
    return diagnose_run(log, metric, patience, min_delta)


def forecast_log(log, **options):
    """``analysis.run_forecast.forecast_run`` for a run with points (None without), without
    the fitted paths (``detail``: only ``--plot`` draws them, and it does not run here)."""
    from curvecli.analysis.run_forecast import forecast_run

    if not log.points:
        return None
    result = forecast_run(log, **options)
    result.detail = None
    return result


def diagnose_spec(spec, **options) -> SpecOutcome:
    """The diagnose task: read one RunSpec, diagnose each of its runs."""
    return run_spec(spec, diagnose_log, **options)


def forecast_spec(spec, **options) -> SpecOutcome:
    """The forecast task: read one RunSpec, forecast each of its runs with points."""
    return run_spec(spec, forecast_log, **options)


def reference_spec(spec, *, cwd: str, all_sources: bool, run: str):
    """The ``--beat RUN`` lookup task: (each run's id and point count, ``run``'s series when
    this RunSpec holds it with points, else None)."""
    from curvecli.analysis.series import extract
    from curvecli.reading import read_run

    placed, prefix = _relocated(spec, cwd)
    logs = read_run(placed, all_sources)
    found = next((log for log in logs if log.run == run and log.points), None)
    ids = [(log.run, log.points) for log in logs]
    return (_unplaced(ids, prefix) if prefix else ids), \
        (extract(found.frame) if found is not None else None)


# ------------------------------------------------------------------------------------------
# the client: one task per run, results in submission order


def _outcome_of(future) -> Any:
    """A future's value, or the exception it ended with (a lost result is recomputed)."""
    try:
        return future.result()
    except Exception as error:  # the task's own, or KilledWorker: the caller reports it
        return error


def _collect(client, batch: list) -> list[tuple[Any, Any]]:
    """(future, value or exception) for a batch of done futures: the finished ones fetched in
    one round trip, the others one by one."""
    finished = [future for future in batch if future.status == "finished"]
    try:
        values = client.gather(finished)
    except Exception:  # a result lost with its worker meanwhile: wait for each again
        values = [_outcome_of(future) for future in finished]
    pairs = list(zip(finished, values))
    return pairs + [(future, _outcome_of(future)) for future in batch
                    if future.status != "finished"]


class TaskFailed(Exception):
    """A run whose task raised on the worker (after ``TASK_RETRIES`` more tries): its message
    is the original exception's type and message."""


def run_chunk(specs: list, task: Callable[..., Any], **options) -> list[Any]:
    """The task Dask runs: ``task(spec, **options)`` for a few RunSpecs in turn, each tried
    ``1 + TASK_RETRIES`` times; a run that keeps raising gives a ``TaskFailed`` and the others
    go on (the chunk as a whole is rerun by Dask only when its worker is lost)."""
    values: list[Any] = []
    for spec in specs:
        for attempt in range(1 + TASK_RETRIES):
            try:
                values.append(task(spec, **options))
                break
            except Exception as error:  # a bug or a transient failure: reported, not fatal
                failure = TaskFailed(f"{type(error).__name__}: {error}")
        else:
            values.append(failure)
    return values


def _chunk_size(client, total: int) -> int:
    """Runs per task: at most ``MAX_CHUNK`` (the scheduler's cost per task is then shared),
    and at least ``TASKS_PER_WORKER`` tasks per worker (for balance, and so that a lost
    worker's share is small)."""
    workers = max(1, len(client.scheduler_info().get("workers") or {}))
    return max(1, min(MAX_CHUNK, total // (workers * TASKS_PER_WORKER)))


def map_runs(client, task: Callable[..., Any], specs: list,
             progress: Callable[[int, int], None] | None = None, chunk: int | None = None,
             **options) -> list[Any]:
    """``task(spec, **options)`` for every RunSpec on the cluster, ``chunk`` runs a task
    (default ``_chunk_size``); the values in the order of ``specs``, an exception where a run
    failed for good. A chunk whose workers all died (``KilledWorker``) is run again one run a
    task, so that only the run that kills its worker is lost. ``progress(done, total)`` is
    called as runs complete; each result leaves the cluster once fetched."""
    from uuid import uuid4

    from distributed import as_completed

    size = chunk or _chunk_size(client, len(specs))
    starts = range(0, len(specs), size)
    keys = [f"{task.__name__}-{uuid4().hex}" for _ in starts]
    futures = client.map(run_chunk, [specs[start:start + size] for start in starts],
                         key=keys, task=task, **options)
    first = {future.key: start for future, start in zip(futures, starts)}
    values: list[Any] = [None] * len(specs)
    lost: list[int] = []
    done = 0
    pending = as_completed(futures)
    del futures  # each future is released once collected
    for batch in pending.batches():
        for future, value in _collect(client, batch):
            start = first[future.key]
            count = min(size, len(specs) - start)
            if isinstance(value, BaseException):
                if size > 1:
                    lost.extend(range(start, start + count))
                value = [value] * count
            values[start:start + count] = value
            done += count
        if progress:
            progress(done, len(specs))
    if lost:
        again = map_runs(client, task, [specs[index] for index in lost], chunk=1, **options)
        for index, value in zip(lost, again):
            values[index] = value
    return values


def _failed(spec, error: BaseException, task) -> SpecOutcome:
    """A task that failed for good (its workers died, or it raised): its run, reported like
    a run whose file could not be read (no points, the reason as its error and warning)."""
    from curvecli.analysis.diagnose import unreadable
    from curvecli.errors import printable

    where = spec.path if spec.path is not None else next(
        (log_file.path for source in spec.sources for log_file in source.files), spec.run)
    path = printable(where)
    what = str(error) if isinstance(error, TaskFailed) else f"{type(error).__name__}: {error}"
    message = f"not read on the cluster: {what}".replace("\n", " ")
    source = spec.sources[0].reader.source if spec.sources else ""
    digest = RunDigest(spec.run, source, 0, [], [f"{path}: {message}"], [(path, message)])
    if task is diagnose_spec:
        digest.result = unreadable(spec.run, None if spec.path is None else str(spec.path),
                                   f"{path}: {message}", source, digest.warnings)
    return SpecOutcome([digest])


def gather_runs(client, found, task, progress=None, **options) -> Gathered:
    """Every discovered run through ``task`` on the cluster, as ``reading.read_all`` reads
    them: a reading ``CurveError`` stops it (the first, in order); when no run has a file
    read, the first file's error is raised."""
    values = map_runs(client, task, found.runs, progress, **options)
    outcomes = [value if isinstance(value, SpecOutcome) else _failed(spec, value, task)
                for spec, value in zip(found.runs, values)]
    for outcome in outcomes:
        if outcome.error is not None:
            raise outcome.error
    runs = [digest for outcome in outcomes for digest in outcome.digests]
    if not any(digest.files for digest in runs):
        errors = [error for digest in runs for error in digest.errors]
        if errors:
            path, message = errors[0]
            raise NoLogsError(message, path)
    return Gathered(runs, list(found.problems))


def _analysed(runs: list[RunDigest], what: str, warnings: list[str] | None,
              judged: Callable[[list], bool] = bool) -> list[Any]:
    """The results of ``runs`` in order, as ``diagnose`` and ``forecast_runs`` assemble them:
    a run's ``CurveError`` stops here, except a missing ``--metric``: those runs are left out
    and named in one warning; when nothing was ``judged`` in the results, the first such
    run's error is raised instead."""
    results, lacking, first_error = [], [], None
    for digest in runs:
        if isinstance(digest.error, MissingSeriesError):
            lacking.append(digest.run)
            first_error = first_error or digest.error
        elif digest.error is not None:
            raise digest.error
        else:
            results.append(digest.result)
    if first_error is not None and not judged(results):
        raise first_error
    if lacking and warnings is not None:
        warnings.append(f"{len(lacking)} run(s) without {what} left out: "
                        f"{short_list(lacking)}")
    return results


def _discovered(paths, input_format: str | None):
    from curvecli.discover import discover

    return discover([Path(path) for path in paths], input_format)


def diagnose_paths(paths, address: str, *, input_format: str | None = None,
                   all_sources: bool = False, progress=None, metric: str | None = None,
                   patience: int | None = None, min_delta: float | None = None,
                   warnings: list[str] | None = None) -> tuple[Gathered, list]:
    """``load_paths`` + ``diagnose`` with the per-run work on the cluster at ``address``:
    (what was read, one RunReport per run in the local order)."""
    found = _discovered(paths, input_format)
    with connect(address) as client:
        _await_workers(client, address)
        gathered = gather_runs(client, found, diagnose_spec, progress, cwd=os.getcwd(),
                               all_sources=all_sources, metric=metric, patience=patience,
                               min_delta=min_delta)
    return gathered, _analysed(gathered.runs, f"'{metric}'", warnings,
                               judged=lambda reports: any(r.points for r in reports))


def _reference_series(client, specs: list, run: str, **options) -> dict:
    """``--beat RUN``: that run's series, read on the cluster: first from the RunSpecs whose
    id leads to it (usually one), else from all the others. Not a run with points: the
    ``UsageError`` ``forecast_runs`` gives, naming the runs with points in the local order."""
    near = [index for index, spec in enumerate(specs)
            if not spec.run or spec.run == run or run.startswith(spec.run + "/")]
    rest = sorted(set(range(len(specs))) - set(near))
    ids: dict[int, list] = {}
    for group in (near, rest):
        values = map_runs(client, reference_spec, [specs[index] for index in group],
                          run=run, **options) if group else []
        for index, value in zip(group, values):
            if isinstance(value, BaseException):
                continue
            ids[index], series = value
            if series is not None:
                return series
    read = [name for index in sorted(ids) for name, points in ids[index] if points]
    raise UsageError(f"--beat {run}: not a number and not one of the runs read "
                     f"({short_list(read)})")


def forecast_paths(paths, address: str, *, input_format: str | None = None,
                   all_sources: bool = False, progress=None, **options) -> Gathered:
    """``load_paths`` with ``forecast_run`` on the cluster at ``address`` (``options`` are
    its keywords; ``--beat RUN`` is looked up first and sent to every worker once): what was
    read, each run with points carrying its RunForecast (``forecast_results`` orders them)."""
    found = _discovered(paths, input_format)
    cwd = os.getcwd()
    beat = options.get("beat")
    with connect(address) as client:
        _await_workers(client, address)
        others = None
        if beat is not None and beat.run is not None:
            series = _reference_series(client, found.runs, beat.run, cwd=cwd,
                                       all_sources=all_sources)
            [others] = client.scatter([{beat.run: series}], broadcast=True)
        return gather_runs(client, found, forecast_spec, progress, cwd=cwd,
                           all_sources=all_sources, others=others, **options)


def forecast_results(gathered: Gathered, warnings: list[str] | None = None) -> list:
    """The RunForecasts of the runs with points, in order, as ``forecast_runs`` gives them."""
    return _analysed([run for run in gathered.runs if run.points], "a curve to forecast",
                     warnings)
