"""`curvecli compare`: a baseline against candidates; exit 1 on a regression."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from curvecli.cli import (EXIT_FINDING, AllSourcesOption, InputFormatOption, JobsOption, _load,
                          app, refuse_log_folder, reporting)

FORMATS = ("table", "json", "markdown")
# GitHub Actions sets this to a file whose Markdown becomes the job's summary page.
STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


@app.command("compare")
def compare_command(
    baseline: Path = typer.Argument(
        ..., show_default=False,
        help="The reference: a run, or a directory of runs (seeds) compared as one group."),
    candidates: List[Path] = typer.Argument(
        ..., show_default=False,
        help="One or more candidates, each a run or a directory of runs (seeds), each "
             "compared with the baseline."),
    metric: Optional[List[str]] = typer.Option(
        None, "--metric", "-m",
        help="Series to compare (repeatable; default: the monitored series and every val "
             "metric both sides log)."),
    at: str = typer.Option("final", "--at",
                           help="Statistic judged: final (mean of the last 5% of the overlap), "
                                "best, or step:N (epoch:E / tokens:T with --align)."),
    tolerance: Optional[str] = typer.Option(
        None, "--tolerance", "-t",
        help="Differences within this are 'same': 2% (relative) or 0.01 (absolute). "
             "Default 1%."),
    align: str = typer.Option("step", "--align", help="Axis the runs are aligned on: step, "
                                                      "epoch or tokens."),
    output_format: str = typer.Option("table", "--format", "-f",
                                      help="table, json or markdown."),
    plot: Optional[Path] = typer.Option(None, "--plot",
                                        help="Also write a PNG overlaying the curves."),
    input_format: Optional[str] = InputFormatOption,
    all_sources: bool = AllSourcesOption,
    jobs: Optional[int] = JobsOption,
) -> None:
    """Compare runs with a baseline: deltas, seed noise, diagnoses and one verdict.

    Exit status: 1 on a regression, 0 on an improvement or no change, 2 on bad input.
    """
    with reporting():
        from curvecli.errors import UsageError, printable_text

        if output_format not in FORMATS:
            raise UsageError(f"unknown --format '{output_format}' for compare; "
                             "use table, json or markdown")
        from curvecli.analysis.compare import DEFAULT_TOLERANCE, Group, compare
        from curvecli.render import compare as render
        from curvecli.render import terminal

        groups, warnings = [], []
        for path in [baseline, *candidates]:
            loaded = _load([path], input_format, all_sources, jobs)
            warnings.extend(loaded.warnings)
            groups.append(Group(str(path), loaded.runs))
        if plot is not None:
            refuse_log_folder(plot, [log for group in groups for log in group.runs],
                              "--plot")
        comparison = compare(groups[0], groups[1:], metrics=metric or None, at=at,
                             tolerance=tolerance or DEFAULT_TOLERANCE, align=align)
        terminal.print_warnings(warnings + comparison.warnings)
        if output_format == "json":
            sys.stdout.write(render.to_json(comparison) + "\n")
        elif output_format == "markdown":
            sys.stdout.write(printable_text(render.to_markdown(comparison)))
        else:
            sys.stdout.write(printable_text(render.to_text(comparison)))
        summary = os.environ.get(STEP_SUMMARY_ENV)
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(printable_text(render.to_markdown(comparison)) + "\n")
            except OSError as error:
                raise UsageError(f"cannot append to ${STEP_SUMMARY_ENV}: "
                                 f"{error.strerror or error}", summary) from None
        if plot is not None:
            written = render.plot_comparison(comparison, plot)
            sys.stderr.write(f"wrote {written}\n")
        if comparison.verdict == "regression":
            raise typer.Exit(EXIT_FINDING)
