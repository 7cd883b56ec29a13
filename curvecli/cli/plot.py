"""`curvecli plot`: learning-curve figures (or terminal charts) with the diagnosis drawn on them."""

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
)

DEFAULT_OUT = Path("curvecli-plots")


@app.command("plot")
@reads_logs
def plot_command(
    paths: List[Path] = PathsArgument,
    smooth: Optional[float] = typer.Option(
        None, "--smooth",
        help="TensorBoard's EMA weight for every series: the numbers `export --smooth` writes "
             "(default: 0.6, more for long series, shown in the figure; series under 50 points "
             "raw; 0 = raw)."),
    metrics: Optional[List[str]] = typer.Option(
        None, "--metric", "-m", metavar="SERIES",
        help="Series to draw (repeatable: val/loss, val/accuracy, eval_f1...); the first is "
             "also the one judged, as in diagnose."),
    x_axis: Literal["step", "epoch", "examples", "tokens", "time"] = typer.Option(
        "step", "--x", help="The x axis."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Directory for the figures."),
    log_y: bool = typer.Option(False, "--log-y", help="Log-scale loss axis (language models)."),
    clip: bool = typer.Option(True, "--clip/--no-clip",
                              help="Ignore outliers in the y range (5th-95th percentile, as "
                                   "TensorBoard); --no-clip shows everything."),
    file_format: Literal["png", "svg", "pdf"] = typer.Option("png", "--format", "-f",
                                                             help="The figures' file format."),
    overlay: bool = typer.Option(False, "--overlay",
                                 help="One figure per metric with every run on it."),
    seeds: bool = typer.Option(False, "--seeds",
                               help="Sibling run directories are seeds of one config: draw "
                                    "their mean and a band."),
    group: Optional[str] = typer.Option(
        None, "--group", help="Group runs by REGEX: its capture groups name the config, or the "
                              "name minus the match does (e.g. '_seed\\d+'). Implies --seeds."),
    band: Literal["minmax", "std"] = typer.Option("minmax", "--band",
                                                  help="Band around a group's mean."),
    batch_size: Optional[int] = typer.Option(
        None, "--batch-size", min=1, help="Examples per optimisation step, for --x examples "
                                          "(default: from the log when it says)."),
    terminal: bool = typer.Option(False, "--terminal",
                                  help="Draw the main curves in the terminal instead of files."),
    reading: Reading = None,
) -> None:
    """Learning curves per run with the diagnosis drawn on them; prints the files written."""
    with reporting():
        from curvecli.errors import UsageError
        from curvecli.render import png

        if smooth is not None and not 0.0 <= smooth < 1.0:
            raise UsageError(f"--smooth must be in [0, 1), got {smooth}")
        if group is not None:
            png.group_runs([], group)  # a bad regex fails before any reading
        options = png.PlotOptions(smooth=smooth, metrics=tuple(metrics or ()), x=x_axis,
                                  log_y=log_y, clip=clip, batch_size=batch_size, band=band)
        several = "groups" if seeds or group is not None else "overlay" if overlay else None
        _plot(paths, reading, options, out, file_format, terminal, several, group)


def _plot(paths: List[Path], reading: Reading, options, out: Path, file_format: str,
          terminal: bool, several: Optional[str], pattern: Optional[str]) -> None:
    """Read, diagnose, then draw each run (or one figure per metric for ``several`` runs:
    ``overlay`` or ``groups``) to files or the terminal."""
    from curvecli.errors import UsageError
    from curvecli.render import png
    from curvecli.render import terminal as terminal_render

    loaded = _load(paths, reading)
    runs = [log for log in loaded.runs if log.points]  # load_runs splits multi-run files
    warnings = list(loaded.warnings)
    if not runs:
        terminal_render.print_warnings(warnings)
        raise UsageError("no run with curves to plot in " + ", ".join(map(str, paths)),
                         hint="`curvecli ls PATH` shows what was read")
    reports, runs, plots = _prepare(runs, options, warnings)
    if terminal:
        from curvecli.render import plot_terminal

        terminal_render.print_warnings(_unique(warnings))
        plot_terminal.print_runs(plots, reports, runs, options)
        return
    _make_out(out, runs)
    if several:
        figures = _several_runs(png, plots, reports, runs, options, several == "groups",
                                pattern, paths, warnings)
    else:
        figures = [(plot.run, lambda p=plot, r=report, lg=log: png.run_figure(p, r, options, lg),
                    plot.warnings) for plot, report, log in zip(plots, reports, runs)]
    write_figures(png, figures, out, file_format, reading.jobs, warnings)
    terminal_render.print_warnings(_unique(warnings + [w for p in plots for w in p.warnings]))


def _make_out(out: Path, runs) -> None:
    from curvecli.errors import UsageError

    refuse_log_folder(out, runs, "--out",
                      hint="pass --out DIR outside the logs (the default is ./curvecli-plots/)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the --out directory: {error.strerror or error}",
                         out) from None


def figures_beside_report(figures, plot_dir: Path, jobs: Optional[int]) -> None:
    """``--plot DIR`` of a command whose stdout is its report (forecast, sweep): DIR made,
    the PNGs written (in -j processes), their paths and any warning on stderr."""
    from curvecli.errors import UsageError
    from curvecli.render import png, terminal

    try:
        plot_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the --plot directory: {error.strerror or error}",
                         plot_dir) from None
    added: list[str] = []
    write_figures(png, figures, plot_dir, "png", jobs, added, listing=sys.stderr)
    terminal.print_warnings(added)


def write_figures(png, figures, out: Path, file_format: str, jobs: Optional[int],
                  warnings: list[str], listing=None) -> None:
    """Draw and save every figure (in -j processes), printing each path in order as it is
    written (to ``listing``, default stdout); a figure with nothing to draw is a warning
    unless none is written."""
    listing = listing or sys.stdout
    stems = png.unique_names([png.safe_name(name) for name, _, _ in figures])
    tasks = [png.FigureJob(name, draw, out / f"{stem}.{file_format}", figure_warnings)
             for stem, (name, draw, figure_warnings) in zip(stems, figures)]
    written, failures = 0, []
    for task, result in zip(tasks, png.write_figures(tasks, file_format, jobs)):
        if result.error is not None:
            failures.append(result.error)
            warnings.append(f"{result.error}; no figure for '{task.name}'")
            continue
        listing.write(f"{result.path}\n")
        listing.flush()
        written += 1
    if not written and failures:
        raise failures[0]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _prepare(runs, options, warnings: list[str]):
    """Each run's series extracted once, diagnosed and made ready to draw; with --metric, runs
    that lack it are skipped with a warning."""
    from curvecli.analysis.diagnose import diagnose_run
    from curvecli.analysis.series import extract
    from curvecli.errors import UsageError
    from curvecli.render.plot_curves import prepare_run

    metric = options.metrics[0] if options.metrics else None
    reports, kept, plots, missing = [], [], [], []
    for log in runs:
        series = extract(log.frame)
        try:
            report = diagnose_run(log, metric=metric, series=series)
        except UsageError as error:
            missing.append(error)
            continue
        reports.append(report)
        kept.append(log)
        plots.append(prepare_run(log, options, series))
        warnings.extend(w for w in report.warnings if w not in warnings)
    if not kept:
        raise missing[0]
    warnings.extend(str(error) + "; run skipped" for error in missing)
    for plot in plots:
        warnings.extend(plot.warnings)
    return reports, kept, plots


def _several_runs(png, plots, reports, runs, options, grouped: bool, pattern, paths,
                  warnings: list[str]):
    """(name, draw, warnings) for each overlay or group figure: one per metric."""
    from collections import Counter

    from curvecli.errors import UsageError

    metrics = list(options.metrics)
    if not metrics:
        monitored = Counter(r.monitored for r in reports if r.monitored)
        if not monitored:
            raise UsageError("no run has a curve to compare; pass --metric")
        metrics = [monitored.most_common(1)[0][0]]
    figures = []
    for metric in metrics:
        items = _items(png, plots, reports, runs, metric, warnings)
        stem_metric = metric.replace("/", "_")
        if grouped:
            keys = png.group_runs([plot.run for plot, _, _ in items], pattern)
            by_name = {plot.run: curve for plot, curve, _ in items}
            groups = {(key or (paths[0].name if len(paths) == 1 else "runs")):
                      [by_name[name] for name in names] for key, names in keys.items()}
            x = items[0][0].x
            figures.append((f"groups-{stem_metric}", lambda g=groups, m=metric, x=x:
                            png.group_figure(g, m, x, options), []))
        else:
            figures.append((f"overlay-{stem_metric}", lambda i=items, m=metric:
                            png.overlay_figure(i, m, options), []))
    return figures


def _items(png, plots, reports, runs, metric: str, warnings: list[str]):
    """(plot, curve, report) of every run that has ``metric``, each judged on it."""
    from curvecli.analysis.diagnose import diagnose_run
    from curvecli.errors import UsageError

    items = []
    for plot, report, log in zip(plots, reports, runs):
        try:
            curve = png.select_curve(plot, log, metric)
        except UsageError:
            warnings.append(f"{plot.run}: no series '{metric}'; left out of the {metric} plot")
            continue
        if report.monitored != curve.name:  # each run judged on the series drawn
            report = diagnose_run(log, metric=metric, series=plot.series)
        items.append((plot, curve, report))
    if not items:
        raise UsageError(f"no run has the series '{metric}'",
                         hint="see the series with: curvecli ls PATH")
    return items
