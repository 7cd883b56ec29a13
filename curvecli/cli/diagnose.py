"""`curvecli diagnose`: a verdict per run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    EXIT_FINDING,
    MinDeltaOption,
    PathsArgument,
    PatienceOption,
    Reading,
    _load,
    app,
    reads_logs,
    reporting,
    write_report,
)

FAIL_ON = ("info", "warning", "error")


def _problem_id(path: Path, paths: List[Path]) -> str:
    """The id of a run that could not be read: its folder relative to the PATH given."""
    from curvecli.discover import relative_id
    from curvecli.errors import printable

    folder = path.parent if path.parent != Path("") else Path(".")
    for given in paths:
        if folder.resolve().is_relative_to(Path(given).resolve()):
            return relative_id(folder.resolve(), Path(given).resolve())
    return printable(folder.as_posix())


# --scheduler: the per-run work on a Dask cluster (curvecli.distributed); declared once here,
# used by diagnose and forecast.
SchedulerOption = typer.Option(
    None, "--scheduler", metavar="ADDRESS",
    help="Read and analyse each run on a Dask cluster: tcp://HOST:PORT, a scheduler file, or "
         "'local' (a local cluster of processes; local:N for N); default $CURVECLI_SCHEDULER. "
         "--jobs is then ignored. Needs the distributed extra.")


def load_on_cluster(reading: Reading, load):
    """``_load`` for ``--scheduler``: ``load(progress)`` (a curvecli.distributed call that
    returns what was read first) with a progress bar on a terminal, then the --verbose notes
    about each run."""
    from curvecli.cli import PROGRESS_MIN_RUNS
    from curvecli.errors import short_list
    from curvecli.render import terminal

    terminal.set_verbosity(reading.quiet, reading.verbose)
    if sys.stderr.isatty():
        with terminal.reading_progress(PROGRESS_MIN_RUNS) as progress:
            answer = load(progress)
    else:
        answer = load(None)
    gathered = answer[0] if isinstance(answer, tuple) else answer
    if terminal.verbose():
        for run in gathered.runs:
            terminal.print_note(f"{run.run}: {run.source}, {run.points:,} points from "
                                f"{short_list(run.files, 5) or 'no file'}")
    return answer


def _reports(paths: List[Path], reading: Reading, scheduler: Optional[str], skipped: list,
             **options):
    """(what was read, a RunReport per run): here, or on the cluster ``--scheduler`` names."""
    from curvecli.distributed import scheduler_address

    address = scheduler_address(scheduler)
    if address is None:
        from curvecli.analysis.diagnose import diagnose

        loaded = _load(paths, reading)
        return loaded, diagnose(loaded.runs, warnings=skipped, **options)
    from curvecli.distributed import diagnose_paths

    return load_on_cluster(reading, lambda progress: diagnose_paths(
        paths, address, input_format=reading.input_format, all_sources=reading.all_sources,
        progress=progress, warnings=skipped, **options))


@app.command("diagnose")
@reads_logs
def diagnose_command(
    paths: List[Path] = PathsArgument,
    metric: Optional[str] = typer.Option(
        None, "--metric", "-m",
        metavar="SERIES",
        help="Series to judge (val/loss, val/accuracy, eval_f1, val/perplexity...)."),
    output_format: Literal["table", "tsv", "json", "markdown"] = typer.Option(
        "table", "--format", "-f", help="A table, tab-separated rows, JSON or Markdown."),
    fail_on: Optional[Literal["info", "warning", "error"]] = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding has this severity or worse, or a run "
                                "cannot be read."),
    patience: Optional[int] = PatienceOption,
    min_delta: Optional[float] = MinDeltaOption,
    scheduler: Optional[str] = SchedulerOption,
    reading: Reading = None,
) -> None:
    """One verdict per run, with findings, evidence and advice."""
    with reporting():
        from curvecli.analysis.diagnose import unreadable

        skipped: list[str] = []
        loaded, reports = _reports(paths, reading, scheduler, skipped, metric=metric,
                                   patience=patience, min_delta=min_delta)
        reports += [unreadable(_problem_id(problem.path, paths), str(problem.path),
                               problem.message)
                    for problem in loaded.problems if problem.unreadable]
        if not any(report.points for report in reports):
            from curvecli.errors import NoLogsError

            raise NoLogsError("no points to judge in any run", ", ".join(map(str, paths)))
        _write(reports, output_format, loaded.warnings + [
            w for r in reports for w in r.warnings if w not in loaded.warnings] + skipped)
        if fail_on is not None:
            threshold = FAIL_ON.index(fail_on)
            if any(FAIL_ON.index(r.worst_severity) >= threshold
                   for r in reports if r.findings or r.error):
                raise typer.Exit(EXIT_FINDING)


def _write(reports, output_format: str, warnings: List[str]) -> None:
    """The warnings to stderr, the reports to stdout in ``output_format``, and the Markdown
    to the GitHub step summary."""
    from curvecli.render import report as report_render
    from curvecli.render import terminal

    write_report(output_format, warnings, lambda: report_render.to_json(reports),
                 lambda: report_render.to_markdown(reports),
                 lambda fmt: terminal.print_diagnosis(reports, fmt))
