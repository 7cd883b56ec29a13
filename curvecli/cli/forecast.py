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
    reads_logs,
    refuse_log_folder,
    reporting,
    write_report,
)
from curvecli.cli.diagnose import SchedulerOption, load_on_cluster


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
    scheduler: Optional[str] = SchedulerOption,
    reading: Reading = None,
) -> None:
    """Extrapolate each run's monitored curve to the end of training, with a band."""
    with reporting():
        from curvecli.errors import UsageError

        if to_step is not None and to_epoch is not None:
            raise UsageError("give --to-step or --to-epoch, not both")
        from curvecli.analysis.run_forecast import Beat
        from curvecli.distributed import scheduler_address

        options = dict(metric=metric, to_step=to_step, to_epoch=to_epoch, target=target,
                       level=level)
        address = scheduler_address(scheduler)
        if address is not None and plot_dir is not None:
            raise UsageError("--plot draws the curves here, and with --scheduler they stay on "
                             "the workers", hint="run forecast --plot without --scheduler")
        if address is None:
            runs, results, warnings = _forecast_here(paths, reading, plot_dir, beat, options)
        else:
            runs, results, warnings = _forecast_on_cluster(paths, reading, address,
                                                           beat=Beat.parse(beat), **options)
        _write(results, output_format, warnings)
        if plot_dir is not None:
            _plot(results, runs, plot_dir, reading.jobs, warnings)


def _no_points(paths: List[Path]):
    from curvecli.errors import NoLogsError

    return NoLogsError("no points to forecast in any run", ", ".join(map(str, paths)))


def _forecast_here(paths: List[Path], reading: Reading, plot_dir: Optional[Path],
                   beat: Optional[str], options: dict):
    """(the runs with points, their forecasts, the warnings), read and forecast here."""
    from curvecli.analysis.run_forecast import Beat, forecast_runs

    loaded = _load(paths, reading)
    runs = [log for log in loaded.runs if log.points]
    if not runs:
        raise _no_points(paths)
    if plot_dir is not None:
        refuse_log_folder(plot_dir, runs, "--plot")
    warnings = list(loaded.warnings)
    return runs, forecast_runs(runs, beat=Beat.parse(beat), warnings=warnings, **options), \
        warnings


def _forecast_on_cluster(paths: List[Path], reading: Reading, address: str, **options):
    """``_forecast_here`` with each run read and forecast on the cluster at ``address``."""
    from curvecli.distributed import forecast_paths, forecast_results

    gathered = load_on_cluster(reading, lambda progress: forecast_paths(
        paths, address, input_format=reading.input_format, all_sources=reading.all_sources,
        progress=progress, **options))
    runs = [run for run in gathered.runs if run.points]
    if not runs:
        raise _no_points(paths)
    warnings = list(gathered.warnings)
    return runs, forecast_results(gathered, warnings), warnings


def _write(results, output_format: str, warnings: List[str]) -> None:
    from curvecli.render import forecast as render

    write_report(output_format, warnings, lambda: render.to_json(results),
                 lambda: render.to_markdown(results), lambda fmt: _tables(results, fmt))


def _tables(results, output_format: str) -> None:
    from curvecli.errors import printable_text
    from curvecli.render import forecast as render
    from curvecli.render import terminal

    terminal.print_table(render.columns(results), render.rows(results), output_format)
    if output_format == "table" and sys.stdout.isatty():
        # a narrow terminal may have left the outcome column out: say each run's here
        sys.stdout.write("".join(f"{printable_text(render.sentence(result))}\n"
                                 for result in results))


def _plot(results, runs, plot_dir: Path, jobs: Optional[int], warnings: List[str]) -> None:
    """One PNG per forecast run in ``plot_dir``; the paths go to stderr (stdout is the
    forecast)."""
    from curvecli.cli.plot import figures_beside_report
    from curvecli.render import plot_forecast

    by_run = {log.run: log for log in runs}
    figures_beside_report([(result.run, lambda r=result: plot_forecast.figure(r, by_run[r.run]),
                            []) for result in results], plot_dir, jobs)
