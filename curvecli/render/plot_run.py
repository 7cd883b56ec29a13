"""The figure of one run: its panels, the diagnosis drawn on them, its axes and titles.

Takes a ``RunPlot`` (``plot_curves.prepare_run``) and the analysis'
``RunReport`` and never judges a curve itself: the best point, the
overfitting onset, spikes, non-finite points, the early-stopping step and the
verdict all come from the report. A run that logged one value per series (a
W&B runs-table row, a trainer_state with one evaluation) has no curve: its
figure is the table of those values under the report's verdict
(``summary_figure``), not a dot on an empty axis.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from curvecli.analysis.report import RunReport
from curvecli.analysis.report import format_number as _fmt
from curvecli.errors import UsageError
from curvecli.frame import RunLog
from curvecli.names import is_curve_metric
from curvecli.render.plot_curves import Curve, PlotOptions, RunPlot, select_curve
from curvecli.render.plot_draw import (
    FIGURE_MARGIN_PT,
    MAX_LINE_POINTS,
    annotate_best,
    draw_curve,
    drawing,
    family_colours,
    figure_width_pt,
    fit_labels,
    legend_width,
    mark_non_finite,
    new_figure,
    number_label,
    primary_x_axis,
    secondary_x_axis,
    shorten,
    text_width,
    wrap,
)
from curvecli.render.plot_panels import Panel, plan_panels
from curvecli.render.plot_scales import (
    decimate_minmax,
    fmt_count,
    fmt_step,
    needs_log,
    panel_extent,
    x_limits,
)
from curvecli.render.plot_style import (
    CHROME_HEIGHT,
    FIG_WIDTH,
    GRAD_COLOUR,
    LEGEND_INSIDE_MAX,
    LEGEND_SIZE,
    LOSS_HEIGHT,
    METRIC_HEIGHT,
    ONSET_COLOUR,
    SCHEDULE_COLOURS,
    SCHEDULE_HEIGHT,
    SPIKE_COLOUR,
    STOP_COLOUR,
    SUBTITLE_COLOUR,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    YLABEL_CHARS,
    verdict_colour,
)

# Room for text beside the axes, in points: the y labels on the left (and a twin axis on the
# right), a legend beside a panel, one inside it.
SIDE_MARGIN_PT = 75.0
BESIDE_LEGEND_SHARE, INSIDE_LEGEND_SHARE = 0.3, 0.45
LINE_HEIGHT = 0.16  # inches per extra subtitle line
TOP_AXIS_PAD, TITLE_PAD = 38, 6  # points between the top panel and the subtitle
SECONDARY_OFFSET = 36  # points below the primary x axis
SUMMARY_ROWS = 40  # a summary figure lists at most this many series
SUMMARY_ROW_HEIGHT = 0.22


@drawing
def run_figure(plot: RunPlot, report: RunReport | None = None,
               options: PlotOptions = PlotOptions(), log: RunLog | None = None):
    """The figure of one run: curves in panels, the diagnosis drawn on them.

    ``plot`` comes from ``prepare_run``; ``report`` from ``diagnose_run`` (the
    renderer never judges). Returns the matplotlib ``Figure``; ``save_figure``
    writes it.
    """
    if plot.summary_only:
        return summary_figure(plot, report, options, log)
    panels, left_out = plan_panels(plot, report, log, options.metrics)
    if not panels:
        names = ", ".join(plot.curves) or "none"
        raise UsageError(f"run '{plot.run}' has no curve to plot (series: {names})")
    figure, axes_list = _layout(panels)
    x_low, x_high = _x_range(panels)
    colour = family_colours()
    for axes, panel in zip(axes_list, panels):
        if panel.kind == "schedule":
            _draw_schedule(axes, panel, options)
        else:
            _draw_panel(axes, panel, plot, report, options, colour)
        axes.grid(True, alpha=0.3, linewidth=0.6)
        axes.set_xlim(*x_limits(x_low, x_high))
    _draw_diagnosis(axes_list, panels, plot, report, x_high)
    beside = _legends(axes_list, panels)
    for axes in axes_list[:-1]:
        axes.tick_params(labelbottom=False)
    primary_x_axis(axes_list[-1], plot.x)
    has_top = _secondary_axes(axes_list[0], axes_list[-1], plot)
    _title(figure, axes_list[0], plot, report, _details(plot, report, left_out), beside,
           has_top)
    return figure


def _layout(panels: Sequence[Panel]):
    heights = [LOSS_HEIGHT if p.kind == "loss" else SCHEDULE_HEIGHT if p.kind == "schedule"
               else METRIC_HEIGHT for p in panels]
    if panels[0].kind != "loss":
        heights[0] = max(heights[0], METRIC_HEIGHT + 0.6)
    figure = new_figure(FIG_WIDTH, sum(heights) + CHROME_HEIGHT)
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
    axes_list: list = []
    for index, panel in enumerate(panels):
        axes = figure.add_subplot(grid[index, 0], sharex=axes_list[0] if axes_list else None)
        axes.set_gid(f"panel:{panel.kind}:{panel.label}")
        axes_list.append(axes)
    return figure, axes_list


def _x_range(panels: Sequence[Panel]) -> tuple[float, float]:
    xs = [c.x for p in panels for c in p.curves if len(c.x)]
    return (min((float(np.nanmin(x)) for x in xs), default=0.0),
            max((float(np.nanmax(x)) for x in xs), default=0.0))


def _draw_panel(axes, panel: Panel, plot: RunPlot, report: RunReport | None,
                options: PlotOptions, colour) -> None:
    """A loss or metric panel: its curves, non-finite points, y range and label."""
    for curve in panel.curves:
        draw_curve(axes, curve, colour(curve), curve.name)
    mark_non_finite(axes, panel.curves)
    # The diagnosis stays in view: the best point and every spike.
    shown = {c.name: c for c in panel.curves}
    best = report.best if report else None
    marked = [best.value] if best and best.series in shown else []
    marked += [value_at(shown[series], step) or math.nan
               for step, series in finding_steps(report, "loss_spike") if series in shown]
    log_y = options.log_y and panel.kind == "loss"
    extent = panel_extent(panel.curves, options.clip, log_y, marked)
    if not log_y and extent is not None and needs_log(panel.curves, extent):
        log_y = True  # a blow-up would flatten everything else to a line
        extent = panel_extent(panel.curves, options.clip, True, marked)
        plot.warnings.append(f"{plot.run}: {panel.label} spans "
                             f"{extent[1] / extent[0]:.0e}x; drawn on a log scale")
    if log_y and extent is None:
        plot.warnings.append(f"{plot.run}: no positive {panel.label} values; --log-y not applied")
    elif log_y:
        axes.set_yscale("log")
    if extent is not None:
        axes.set_ylim(*extent)
    axes.set_ylabel(_ylabel(panel.label), fontsize=9 if len(panel.label) > 12 else 10)


def _ylabel(name: str) -> str:
    """A y label that fits a short panel: wrapped at a slash, long names shortened."""
    head, _, tail = name.rpartition("/")
    parts = [part if len(part) <= YLABEL_CHARS else part[:YLABEL_CHARS - 1] + "…"
             for part in ((head, tail) if head else (tail,))]
    return "/\n".join(parts)


def _draw_schedule(axes, panel: Panel, options: PlotOptions) -> None:
    """Learning rate(s) on the left axis, grad_norm on a right-hand twin (their scales differ)."""
    from matplotlib.ticker import FuncFormatter

    rates = [c for c in panel.curves if c.metric.startswith("learning_rate")][:3]
    norms = [c for c in panel.curves if c.metric == "grad_norm"]
    for curve, colour in zip(rates, SCHEDULE_COLOURS):
        _schedule_line(axes, curve, colour, linewidth=1.5)
    if rates:
        axes.set_ylabel("lr", fontsize=9, color=SCHEDULE_COLOURS[0])
        axes.yaxis.set_major_formatter(FuncFormatter(number_label))
        extent = panel_extent(rates, False, False)
        if extent is not None:
            axes.set_ylim(*extent)
    if norms:
        target = axes.twinx() if rates else axes
        target.set_gid("panel:schedule:grad_norm")
        if rates:  # the learning rate drawn over the (spikier) grad_norm
            axes.set_zorder(target.get_zorder() + 1)
            axes.patch.set_visible(False)
        _schedule_line(target, norms[0], GRAD_COLOUR, linewidth=1.0, alpha=0.8)
        target.set_ylabel("grad_norm", fontsize=9, color=GRAD_COLOUR)
        target.yaxis.set_major_formatter(FuncFormatter(number_label))
        extent = panel_extent(norms[:1], options.clip, False)
        if extent is not None:
            target.set_ylim(*extent)
        mark_non_finite(target, norms)
    if len(rates) > 1:
        handles = [line for line in axes.get_lines()
                   if (line.get_gid() or "").startswith("line:")]
        axes.legend(handles, [c.name for c in rates], loc="best", fontsize=7, framealpha=0.85)


def _schedule_line(axes, curve: Curve, colour, **style) -> None:
    finite = np.isfinite(curve.values)
    x, y = decimate_minmax(curve.x[finite], curve.values[finite], MAX_LINE_POINTS // 2)
    axes.plot(x, y, color=colour, label=curve.name, gid=f"line:{curve.name}",
              marker="o" if len(x) < 12 else None, markersize=3, **style)


# --- the diagnosis ------------------------------------------------------------------------------


def finding_steps(report: RunReport | None, code: str) -> list[tuple[int, str | None]]:
    if report is None:
        return []
    return [(int(f.step), f.series) for f in report.findings
            if f.code == code and f.step is not None]


def value_at(curve: Curve, step: int) -> float | None:
    if not len(curve.steps):
        return None
    index = int(np.argmin(np.abs(curve.steps - step)))
    value = float(curve.values[index])
    return value if math.isfinite(value) else None


def _draw_diagnosis(axes_list, panels: Sequence[Panel], plot: RunPlot,
                    report: RunReport | None, x_high: float) -> None:
    """The overfitting region, the early stop, spikes and the best point, where they are."""
    for onset_step, _ in finding_steps(report, "overfitting")[:1]:
        onset = float(plot.to_x([onset_step])[0])
        for index, axes in enumerate(axes_list):
            axes.axvspan(onset, x_high, color=ONSET_COLOUR, alpha=0.07, linewidth=0,
                         gid="overfitting-region")
            axes.axvline(onset, color=ONSET_COLOUR, linewidth=1.3, gid="overfitting-onset",
                         label=f"overfitting from {plot.step_word} {fmt_step(onset_step)}"
                         if index == 0 else None)
    stop = report.early_stop.stop_step if report and report.early_stop else None
    if stop is not None:
        stop_x = float(plot.to_x([stop])[0])
        for index, axes in enumerate(axes_list):
            axes.axvline(stop_x, color=STOP_COLOUR, linestyle="--", linewidth=1.1,
                         gid="early-stop", label=f"early stop (patience "
                         f"{report.early_stop.patience})" if index == 0 else None)
    for axes, panel in zip(axes_list, panels):
        _draw_spikes_and_best(axes, panel, plot, report)


def _draw_spikes_and_best(axes, panel: Panel, plot: RunPlot, report: RunReport | None) -> None:
    names = {c.name: c for c in panel.curves}
    spikes = [(step, names[series]) for step, series in finding_steps(report, "loss_spike")
              if series in names]
    for number, (step, curve) in enumerate(spikes):
        value = value_at(curve, step)
        if value is not None:
            axes.plot(plot.to_x([step]), [value], linestyle="none", marker="o", markersize=11,
                      markerfacecolor="none", markeredgecolor=SPIKE_COLOUR,
                      markeredgewidth=1.6, zorder=6, gid=f"spike:{curve.name}:{step}",
                      label="loss spike" if number == 0 else None)
    best = report.best if report else None
    if best and best.series in names:
        annotate_best(axes, float(plot.to_x([best.step])[0]), best.value,
                      f"best {_fmt(best.value)}\n{plot.step_word} {fmt_step(best.step)}",
                      f"best {best.series}")


def _legends(axes_list, panels: Sequence[Panel]) -> float:
    """Each panel's legend, labels shortened to fit; the widest legend beside a panel, in
    points (0 when every legend is inside its panel)."""
    width = figure_width_pt(axes_list[0].figure)
    beside = 0.0
    for axes, panel in zip(axes_list, panels):
        if panel.kind == "schedule":
            continue
        handles, labels = axes.get_legend_handles_labels()
        if len(handles) > LEGEND_INSIDE_MAX:  # beside the panel, not over the curves
            labels = fit_labels(labels, width * BESIDE_LEGEND_SHARE)
            beside = max(beside, legend_width(labels))
            axes.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        fontsize=LEGEND_SIZE, frameon=False)
        elif handles:
            axes.legend(handles, fit_labels(labels, width * INSIDE_LEGEND_SHARE), loc="best",
                        fontsize=LEGEND_SIZE, framealpha=0.85)
    return beside


# --- axes and titles ----------------------------------------------------------------------------


def _secondary_axes(top_axes, bottom_axes, plot: RunPlot) -> bool:
    """Epochs (or steps) under the primary x axis, examples or tokens seen above the top
    panel; True when there is a top axis."""
    primary = plot.x
    under = "epoch" if primary.name == "step" else "step"
    scale = plot.scales.get(under)
    epoch_indexed = plot.scales["step"].label == "epoch"
    if scale is not None and not (epoch_indexed and primary.name in ("step", "epoch")):
        secondary = secondary_x_axis(bottom_axes, "bottom", primary, scale)
        secondary.spines["bottom"].set_position(("outward", SECONDARY_OFFSET))
        secondary.set_xlabel(scale.label)
    for name in ("tokens", "examples"):
        scale = plot.scales.get(name)
        if scale is not None and name != primary.name:
            secondary = secondary_x_axis(top_axes, "top", primary, scale, fmt_count)
            secondary.set_xlabel(scale.label, fontsize=9)
            return True
    return False


def _head(plot: RunPlot, report: RunReport | None, figure) -> str:
    """The run and its verdict, the run's name shortened to the figure's width."""
    verdict = f"  —  {report.verdict.replace('_', ' ')}" if report else ""
    room = figure_width_pt(figure) - 2 * FIGURE_MARGIN_PT
    room -= text_width(verdict, TITLE_SIZE, "bold")
    return shorten(plot.run, room, TITLE_SIZE, "bold") + verdict


def _details(plot: RunPlot, report: RunReport | None,
             left_out: Sequence[str]) -> list[list[str]]:
    """The subtitle's parts: what was read and what the diagnosis found; what was left out."""
    details = [plot.source]
    if report and report.best:
        details.append(f"best {report.best.series} {_fmt(report.best.value)} at "
                       f"{plot.step_word} {fmt_step(report.best.step)}")
    if report and report.early_stop and report.early_stop.stop_step is not None:
        details.append(f"early stopping (patience {report.early_stop.patience}) would stop at "
                       f"{plot.step_word} {fmt_step(report.early_stop.stop_step)}")
    if plot.smoothing:
        details.append(f"bold: TensorBoard EMA {plot.smoothing}, faint: raw")
    if not left_out:
        return [details]
    more = f" +{len(left_out) - 4} more" if len(left_out) > 4 else ""
    return [details, [f"not drawn: {', '.join(left_out[:4])}{more} (pass --metric)"]]


def _title(figure, top_axes, plot: RunPlot, report: RunReport | None,
           paragraphs: Sequence[Sequence[str]], beside: float, has_top: bool) -> None:
    """The head above the figure in the verdict's colour; the details as the top panel's
    title, wrapped to the room the panel leaves (the figure grows by the extra lines)."""
    figure.suptitle(_head(plot, report, figure), fontsize=TITLE_SIZE, fontweight="bold",
                    color=verdict_colour(report.verdict if report else None))
    # Centred on the panels, which the legends beside them push left.
    room = figure_width_pt(figure) - 2 * FIGURE_MARGIN_PT - max(SIDE_MARGIN_PT, beside)
    lines = [line for parts in paragraphs for line in wrap(parts, room, SUBTITLE_SIZE)]
    # Above a secondary top axis (examples / tokens seen), clear of its label.
    top_axes.set_title("\n".join(lines), fontsize=SUBTITLE_SIZE, color=SUBTITLE_COLOUR,
                       loc="center", pad=TOP_AXIS_PAD if has_top else TITLE_PAD)
    figure.set_figheight(figure.get_figheight() + LINE_HEIGHT * (len(lines) - 1))


# --- one value per series -----------------------------------------------------------------------


@drawing
def summary_figure(plot: RunPlot, report: RunReport | None,
                   options: PlotOptions = PlotOptions(), log: RunLog | None = None):
    """A run with one value per series: the values as a table, under the report's verdict."""
    curves = summary_curves(plot, log, options.metrics)
    shown = curves[:SUMMARY_ROWS]
    figure = new_figure(FIG_WIDTH, CHROME_HEIGHT + SUMMARY_ROW_HEIGHT * (len(shown) + 1))
    axes = figure.add_subplot(1, 1, 1)
    axes.set_gid("panel:summary")
    axes.set_axis_off()
    room = figure_width_pt(figure) * 0.55
    rows = len(shown) + (len(curves) > len(shown))
    for index, curve in enumerate(shown):
        y = 1.0 - (index + 0.5) / rows
        axes.text(0.05, y, shorten(curve.name, room, 10), ha="left", va="center", fontsize=10,
                  transform=axes.transAxes, gid=f"summary:{curve.name}")
        axes.text(0.95, y, summary_value(curve, plot.step_word), ha="right", va="center",
                  fontsize=10, family="monospace", transform=axes.transAxes)
    if len(curves) > len(shown):
        axes.text(0.05, 0.5 / rows, f"+{len(curves) - len(shown)} more", ha="left",
                  va="center", fontsize=9, color=SUBTITLE_COLOUR, transform=axes.transAxes)
    count = f"{len(curves)} series" if len(curves) != 1 else "1 series"
    _title(figure, axes, plot, report,
           [[plot.source, f"one value per series ({count}): no curve to draw"]], 0.0, False)
    return figure


def summary_curves(plot: RunPlot, log: RunLog | None, metrics: Sequence[str] = ()) -> list[Curve]:
    """The series a summary lists: those asked for, else every one, curve metrics (losses,
    accuracies) before counters and runtimes."""
    if metrics:
        return [select_curve(plot, log, wanted) for wanted in metrics]
    return sorted(plot.curves.values(), key=lambda curve: not is_curve_metric(curve.metric))


def summary_value(curve: Curve, step_word: str) -> str:
    finite = np.flatnonzero(np.isfinite(curve.values))
    index = int(finite[-1]) if len(finite) else len(curve.values) - 1
    if index < 0:
        return "-"
    return f"{_fmt(float(curve.values[index]))} at {step_word} {fmt_step(curve.steps[index])}"
