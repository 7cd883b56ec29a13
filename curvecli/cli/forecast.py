"""`curvecli forecast`: where each run's curve is going, and whether to go on."""

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
    append_step_summary,
    reads_logs,
    refuse_log_folder,
    reporting,
)


@app.command("forecast")
@reads_logs
def forecast_command(
    paths: List[Path] = PathsArgument,
    metric: Optional[str] = typer.Option(
        None, "--metric", "-m", metavar="SERIES",
        help="Series to extrapolate (default: the one diagnose judges)."),
    to_step: Optional[int] = typer.Option(
        None, "--to-step", min=1, help="Forecast to this step (default: the planned end the "
                                       "logs give, else twice the last step)."),
    to_epoch: Optional[float] = typer.Option(
        None, "--to-epoch", min=0.0, help="Forecast to the end of this epoch instead."),
    target: Optional[float] = typer.Option(
        None, "--target", help="Say at which step the curve is predicted to reach this value."),
    beat: Optional[str] = typer.Option(
        None, "--beat", metavar="VALUE|RUN",
        help="The probability that each run ends better than this value or than this run's "
             "best, with Domhan's advice (stop when under 0.05)."),
    level: float = typer.Option(0.8, "--level", min=0.5, max=0.99,
                                help="Probability covered by the band."),
    output_format: Literal["table", "tsv", "json", "markdown"] = typer.Option(
        "table", "--format", "-f", help="A table, tab-separated rows, JSON or Markdown."),
    plot_dir: Optional[Path] = typer.Option(
        None, "--plot", metavar="DIR",
        help="Also draw each run's curve, forecast and band as a PNG in DIR."),
    reading: Reading = None,
) -> None:
    """Extrapolate each run's monitored curve to the end of training, with a band."""
    with reporting():
        from curvecli.errors import UsageError

        if to_step is not None and to_epoch is not None:
            raise UsageError("give --to-step or --to-epoch, not both")
        from curvecli.analysis.run_forecast import Beat, forecast_runs

        loaded = _load(paths, reading)
        runs = [log for log in loaded.runs if log.points]
        if not runs:
            from curvecli.errors import NoLogsError

            raise NoLogsError("no points to forecast in any run", ", ".join(map(str, paths)))
        if plot_dir is not None:
            refuse_log_folder(plot_dir, runs, "--plot")
        warnings = list(loaded.warnings)
        results = forecast_runs(runs, metric=metric, to_step=to_step, to_epoch=to_epoch,
                                target=target, beat=Beat.parse(beat), level=level,
                                warnings=warnings)
        _write(results, output_format, warnings)
        if plot_dir is not None:
            _plot(results, runs, plot_dir, reading.jobs, warnings)


def _write(results, output_format: str, warnings: List[str]) -> None:
    from curvecli.errors import printable_text
    from curvecli.render import forecast as render
    from curvecli.render import terminal

    terminal.print_warnings(warnings)
    if output_format == "json":
        sys.stdout.write(render.to_json(results) + "\n")
    elif output_format == "markdown":
        sys.stdout.write(printable_text(render.to_markdown(results)))
    else:
        terminal.print_table(render.columns(results), render.rows(results), output_format)
        if output_format == "table":
            for result in results:
                terminal.print_note(render.sentence(result))
    append_step_summary(render.to_markdown(results))


def _plot(results, runs, plot_dir: Path, jobs: Optional[int], warnings: List[str]) -> None:
    """One PNG per forecast run in ``plot_dir``; the paths go to stderr (stdout is the
    forecast)."""
    from curvecli.cli.plot import write_figures
    from curvecli.errors import UsageError
    from curvecli.render import plot_forecast, png, terminal

    try:
        plot_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the --plot directory: {error.strerror or error}",
                         plot_dir) from None
    by_run = {log.run: log for log in runs}
    figures = [(result.run, lambda r=result: plot_forecast.figure(r, by_run[r.run]), [])
               for result in results]
    added: List[str] = []
    write_figures(png, figures, plot_dir, "png", jobs, added, listing=sys.stderr)
    terminal.print_warnings(added)
