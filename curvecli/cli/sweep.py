"""`curvecli sweep`: the leaderboard of a sweep, what mattered, and runs that behaved alike."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    PathsArgument,
    Reading,
    _load,
    app,
    reads_logs,
    refuse_log_folder,
    reporting,
    write_report,
)


def _clusters(text: str) -> Optional[int]:
    from curvecli.errors import UsageError

    if text == "auto":
        return None
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"--clusters {text}: a number of clusters or 'auto'") from None
    if value < 1:
        raise UsageError(f"--clusters {text}: at least 1")
    return value


@app.command("sweep")
@reads_logs
def sweep_command(
    paths: List[Path] = PathsArgument,
    metric: Optional[str] = typer.Option(
        None, "--metric", "-m", metavar="SERIES",
        help="Series to rank by (default: the one diagnose judges in most runs)."),
    hparams_file: Optional[Path] = typer.Option(
        None, "--hparams", metavar="FILE.csv",
        help="A table of hyper-parameters keyed by run (a run column, then one column each)."),
    clusters: str = typer.Option("auto", "--clusters", metavar="K|auto",
                                 help="Number of clusters of curve shapes (default: chosen)."),
    top: Optional[int] = typer.Option(None, "--top", min=1,
                                      help="Only the N best runs in the leaderboard."),
    output_format: Literal["table", "tsv", "json", "markdown"] = typer.Option(
        "table", "--format", "-f", help="Tables, tab-separated rows, JSON or Markdown."),
    plot_dir: Optional[Path] = typer.Option(
        None, "--plot", metavar="DIR",
        help="Also draw the clusters' curves and what mattered as PNGs in DIR."),
    reading: Reading = None,
) -> None:
    """Rank a sweep's runs, say which hyper-parameters mattered and which runs behaved
    alike."""
    with reporting():
        from curvecli.analysis.sweep import analyse_sweep, read_hparams_table

        k = _clusters(clusters)
        table = read_hparams_table(hparams_file) if hparams_file is not None else None
        loaded = _load(paths, reading)
        runs = [log for log in loaded.runs if log.points]
        if not runs:
            from curvecli.errors import NoLogsError

            raise NoLogsError("no points in any run of the sweep", ", ".join(map(str, paths)))
        if plot_dir is not None:
            refuse_log_folder(plot_dir, runs, "--plot")
        result = analyse_sweep(runs, metric=metric, table=table, clusters=k)
        _write(result, output_format, top, loaded.warnings + result.warnings)
        if plot_dir is not None:
            _plot(result, plot_dir, reading.jobs)


def _write(result, output_format: str, top: Optional[int], warnings: List[str]) -> None:
    from curvecli.render import sweep as render

    write_report(output_format, warnings, lambda: render.to_json(result, top),
                 lambda: render.to_markdown(result, top),
                 lambda fmt: _tables(result, fmt, top))


def _tables(result, output_format: str, top: Optional[int]) -> None:
    """The leaderboard (tsv: alone), what mattered, the clusters and how each was found; for
    unrelated runs only why nothing is ranked."""
    from curvecli.errors import printable_text
    from curvecli.render import sweep as render
    from curvecli.render import terminal

    if result.reason:  # unrelated runs: nothing ranked, say why
        sys.stdout.write(f"{printable_text(result.reason)}\n")
        return
    terminal.print_table(render.leaderboard_columns(result),
                         render.leaderboard_rows(result, top), output_format)
    if output_format != "table":
        return
    for title, columns, rows in (
            ("what mattered", render.IMPORTANCE_COLUMNS, render.importance_rows(result)),
            ("runs that behaved alike", render.CLUSTER_COLUMNS, render.cluster_rows(result))):
        if rows:
            sys.stdout.write(f"\n{title}:\n")
            terminal.print_table(columns, rows, output_format)
    sys.stdout.write("\n" + "".join(f"{printable_text(note)}\n"
                                     for note in render.notes(result)))


def _plot(result, plot_dir: Path, jobs: Optional[int]) -> None:
    """The sweep's figures in ``plot_dir``; the paths go to stderr (stdout is the report)."""
    from curvecli.cli.plot import figures_beside_report
    from curvecli.render import plot_sweep

    figures_beside_report([(name, draw, []) for name, draw in plot_sweep.figures(result)],
                          plot_dir, jobs)
