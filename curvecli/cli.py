"""The command line: options -> library call -> renderer -> exit code.

Only this module imports typer. ``reporting`` is the one place that turns a
``CurveError`` into ``error: <what> (<file>)`` on stderr and exit code 2.
Heavy modules (pandas, the readers) are imported inside the commands so that
``curvecli --help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from curvecli import __version__
from curvecli.errors import CurveError

EXIT_OK, EXIT_FINDING, EXIT_BAD_INPUT = 0, 1, 2

app = typer.Typer(
    name="curvecli",
    help="Read training logs (HF Trainer, TensorBoard, CSV, W&B) and say what the curves mean.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Options shared by every command that reads logs: declared once.
PathsArgument = typer.Argument(..., help="Log files, run directories or trees of runs.",
                               show_default=False)
InputFormatOption = typer.Option(None, "--input-format",
                                 help="Read every file as this format instead of sniffing.")
AllSourcesOption = typer.Option(False, "--all-sources",
                                help="Keep every logger's copy of a run logged twice.")
JobsOption = typer.Option(None, "--jobs", "-j", min=1,
                          help="Processes for reading sweeps (default: the number of cores).")


def _error_line(error: CurveError) -> None:
    sys.stderr.write(f"error: {error}\n")
    if error.hint:
        sys.stderr.write(f"hint: {error.hint}\n")


@contextmanager
def reporting():
    """Turn library errors into one line on stderr and exit code 2."""
    try:
        yield
    except CurveError as error:
        _error_line(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:
        # `curvecli export ... | head`: the reader went away; that is not an error.
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"curvecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """curvecli: learning curves, read and diagnosed, from the command line."""


def _load(paths: List[Path], input_format: Optional[str], all_sources: bool, jobs: Optional[int]):
    from curvecli.reading import load_paths

    return load_paths(paths, input_format=input_format, all_sources=all_sources, jobs=jobs)


@app.command("ls")
def ls_command(
    paths: List[Path] = PathsArgument,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
    input_format: Optional[str] = InputFormatOption,
    all_sources: bool = AllSourcesOption,
    jobs: Optional[int] = JobsOption,
) -> None:
    """List the runs found: source, series, points, step range, warnings."""
    with reporting():
        if output_format not in ("table", "json"):
            from curvecli.errors import UsageError

            raise UsageError(f"unknown --format '{output_format}' for ls; use table or json")
        loaded = _load(paths, input_format, all_sources, jobs)
        from curvecli.render import terminal

        terminal.print_warnings(loaded.warnings)
        if output_format == "json":
            from curvecli.frame import series_names

            runs = [
                {
                    "run": run.run,
                    "source": run.source,
                    "series": series_names(run.frame),
                    "points": run.points,
                    "steps": [int(run.frame["step"].min()), int(run.frame["step"].max())]
                    if run.points else None,
                    "files": [str(path) for path in run.files],
                    "warnings": run.warnings,
                }
                for run in loaded.runs
            ]
            sys.stdout.write(json.dumps({"version": 1, "runs": runs}, indent=2) + "\n")
        else:
            terminal.print_runs(loaded.runs)


@app.command("export")
def export_command(
    paths: List[Path] = PathsArgument,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
    output_format: str = typer.Option("csv", "--format", "-f", help="csv, jsonl or parquet."),
    smooth: Optional[float] = typer.Option(
        None, "--smooth", help="Add a `smoothed` column: TensorBoard's EMA with this weight."),
    input_format: Optional[str] = InputFormatOption,
    all_sources: bool = AllSourcesOption,
    jobs: Optional[int] = JobsOption,
) -> None:
    """Write the frame: every point, one row each (run, source, tag, split, metric, ...)."""
    with reporting():
        from curvecli.errors import UsageError
        from curvecli.render import export, terminal

        if output_format not in export.FORMATS:
            raise UsageError(f"unknown --format '{output_format}' for export; "
                             f"use one of {', '.join(export.FORMATS)}")
        if smooth is not None and not 0.0 <= smooth < 1.0:
            raise UsageError(f"--smooth must be in [0, 1), got {smooth}")
        loaded = _load(paths, input_format, all_sources, jobs)
        terminal.print_warnings(loaded.warnings)
        frame = loaded.frame
        if smooth is not None:
            from curvecli.analysis.smoothing import smooth_frame

            frame = frame.assign(smoothed=smooth_frame(frame, smooth))
        export.write_frame(frame, output_format, out)


FAIL_ON = ("info", "warning", "error")


@app.command("diagnose")
def diagnose_command(
    paths: List[Path] = PathsArgument,
    metric: Optional[str] = typer.Option(
        None, "--metric", "-m",
        help="Series to judge (val/loss, val/accuracy, eval_f1, val/perplexity...)."),
    output_format: str = typer.Option("table", "--format", "-f",
                                      help="table, json or markdown."),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding has this severity or worse "
                                "(warning or error)."),
    patience: Optional[int] = typer.Option(
        None, "--patience", min=1, help="Early-stopping patience in evaluations (default 3)."),
    min_delta: Optional[float] = typer.Option(
        None, "--min-delta", min=0.0, help="Early-stopping minimum improvement (default 0)."),
    input_format: Optional[str] = InputFormatOption,
    all_sources: bool = AllSourcesOption,
    jobs: Optional[int] = JobsOption,
) -> None:
    """One verdict per run, with findings, evidence and advice."""
    with reporting():
        from curvecli.errors import UsageError

        if output_format not in ("table", "json", "markdown"):
            raise UsageError(f"unknown --format '{output_format}' for diagnose; "
                             "use table, json or markdown")
        if fail_on is not None and fail_on not in FAIL_ON:
            raise UsageError(f"unknown --fail-on '{fail_on}'; use warning or error")
        loaded = _load(paths, input_format, all_sources, jobs)
        from curvecli.analysis.diagnose import diagnose
        from curvecli.render import report as report_render
        from curvecli.render import terminal

        reports = diagnose(loaded.runs, metric=metric, patience=patience, min_delta=min_delta)
        terminal.print_warnings(loaded.warnings + [w for r in reports for w in r.warnings
                                                   if w not in loaded.warnings])
        if output_format == "json":
            sys.stdout.write(report_render.to_json(reports) + "\n")
        elif output_format == "markdown":
            sys.stdout.write(report_render.to_markdown(reports))
        else:
            terminal.print_diagnosis(reports)
        if fail_on is not None:
            threshold = FAIL_ON.index(fail_on)
            if any(FAIL_ON.index(r.worst_severity) >= threshold for r in reports if r.findings):
                raise typer.Exit(EXIT_FINDING)


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
