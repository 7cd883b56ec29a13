"""`curvecli compare`: a baseline against candidates; exit 1 on a regression."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    EXIT_FINDING,
    Reading,
    _load,
    app,
    append_step_summary,
    reads_logs,
    refuse_log_folder,
    reporting,
)


@app.command("compare")
@reads_logs
def compare_command(
    baseline: Path = typer.Argument(
        ..., show_default=False, metavar="BASELINE",
        help="The reference: a run, or a directory of runs (seeds) compared as one group."),
    candidates: List[Path] = typer.Argument(
        ..., show_default=False, metavar="CANDIDATE...",
        help="One or more candidates, each a run or a directory of runs (seeds), each "
             "compared with the baseline."),
    metric: Optional[List[str]] = typer.Option(
        None, "--metric", "-m", metavar="SERIES",
        help="Series to compare (repeatable; default: the monitored series and every val "
             "metric both sides log)."),
    at: str = typer.Option("final", "--at",
                           help="Statistic judged: final (mean of the last 5% of the overlap), "
                                "best, mean (over the overlap), or step:N (epoch:E / tokens:T with "
                                "--align)."),
    tolerance: Optional[str] = typer.Option(
        None, "--tolerance", "-t",
        help="Differences within this are 'same': 2% (relative) or 0.01 (absolute). "
             "Default 1%."),
    align: Literal["step", "epoch", "tokens"] = typer.Option(
        "step", "--align", help="Axis the runs are aligned on."),
    output_format: Literal["table", "tsv", "json", "markdown"] = typer.Option(
        "table", "--format", "-f", help="A table, tab-separated rows, JSON or Markdown."),
    plot: Optional[Path] = typer.Option(None, "--plot",
                                        help="Also write a PNG overlaying the curves."),
    reading: Reading = None,
) -> None:
    """Compare runs with a baseline: deltas, seed noise, diagnoses and one verdict.

    Exit status: 1 on a regression, 0 on an improvement or no change, 2 on bad input.
    """
    with reporting():
        from curvecli.analysis.compare import DEFAULT_TOLERANCE, Group, compare
        from curvecli.render import compare as render
        from curvecli.render import terminal

        groups, warnings = [], []
        for path in [baseline, *candidates]:
            loaded = _load([path], reading)
            warnings.extend(loaded.warnings)
            groups.append(Group(str(path), loaded.runs))
        if plot is not None:
            refuse_log_folder(plot, [log for group in groups for log in group.runs],
                              "--plot")
        comparison = compare(groups[0], groups[1:], metrics=metric or None, at=at,
                             tolerance=tolerance or DEFAULT_TOLERANCE, align=align)
        terminal.print_warnings(warnings + comparison.warnings)
        _write(comparison, output_format)
        append_step_summary(render.to_markdown(comparison))
        if plot is not None:
            written = render.plot_comparison(comparison, plot)
            sys.stderr.write(f"wrote {written}\n")
        if comparison.verdict == "regression":
            raise typer.Exit(EXIT_FINDING)


def _write(comparison, output_format: str) -> None:
    """The comparison to stdout in the format asked for (a table fits a terminal's width)."""
    from curvecli.errors import printable_text
    from curvecli.render import compare as render

    if output_format == "json":
        sys.stdout.write(render.to_json(comparison) + "\n")
    elif output_format == "markdown":
        sys.stdout.write(printable_text(render.to_markdown(comparison)))
    elif output_format == "tsv":
        sys.stdout.write(render.to_tsv(comparison))
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        sys.stdout.write(printable_text(render.to_text(comparison, width)))
