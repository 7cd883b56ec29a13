"""``sweep --plot``: the clusters' curve shapes, and the metric against what mattered.

Drawn from what analysis computed (``SweepResult``): ``clusters.png`` has one panel per
cluster with its members' normalised shapes (``analysis.clusters.curve_shape``), the mean
shape and the typical run; ``hparams.png`` has the importances and, for the most
important hyper-parameters, each run's best value against the setting (log x for
log-scaled ones), the runs that rank last marked at the top or bottom edge.
"""

from __future__ import annotations

import math

from curvecli.errors import UsageError, printable
from curvecli.render.plot_draw import drawing, new_figure, number_label
from curvecli.render.plot_style import (
    FIG_WIDTH,
    ONSET_COLOUR,
    SUBTITLE_COLOUR,
    SUBTITLE_SIZE,
    TITLE_SIZE,
)

PANEL_HEIGHT = 2.6
PANELS_PER_ROW = 3
SCATTERS = 3  # the most important hyper-parameters drawn against the metric
MEMBER_ALPHA = 0.35
CLUSTER_COLOURS = "tab10"


def figures(result) -> list[tuple[str, object]]:
    """(file stem, draw) for each figure the sweep has something to show in."""
    shown = []
    if result.clustering is not None and result.clusters:
        shown.append(("clusters", lambda: clusters_figure(result)))
    if result.importance is not None and result.importance.hparams:
        shown.append(("hparams", lambda: hparams_figure(result)))
    return shown


def _grid(count: int):
    columns = min(PANELS_PER_ROW, max(count, 1))
    rows = math.ceil(count / columns)
    fig = new_figure(FIG_WIDTH, PANEL_HEIGHT * rows + 0.8)
    return fig, [fig.add_subplot(rows, columns, i + 1) for i in range(count)]


@drawing
def clusters_figure(result):
    from matplotlib import colormaps

    from curvecli.analysis.clusters import curve_shape

    clustering = result.clustering
    fig, panels = _grid(len(result.clusters))
    colours = colormaps[CLUSTER_COLOURS]
    for axes, summary in zip(panels, result.clusters):
        colour = colours(summary.id % 10)
        for run in summary.runs:
            curve = result.curves.get(run)
            if curve is None:
                continue
            shape = curve_shape(curve.steps, curve.values, result.lower_is_better)
            if shape is not None:
                width = 2.0 if run == summary.typical else 0.8
                axes.plot(clustering.grid, shape, color=colour,
                          alpha=1.0 if run == summary.typical else MEMBER_ALPHA,
                          linewidth=width)
        axes.set_title(printable(f"{summary.id}: {summary.description}"), fontsize=SUBTITLE_SIZE,
                       color=SUBTITLE_COLOUR, wrap=True)
        axes.set_xlabel("progress (share of the run)")
        axes.grid(alpha=0.3)
    if panels:
        panels[0].set_ylabel("improvement (0 start, -1 best)")
    fig.suptitle(printable(f"runs that behaved alike: {result.metric}, K={clustering.k}"),
                 fontsize=TITLE_SIZE)
    return fig


def _setting_axis(axes, item, values: list, metric: list[float], failed: list[bool],
                  lower: bool) -> None:
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    x = list(values) if numeric else [str(v) for v in values]
    finite = [m for m in metric if m is not None and math.isfinite(m)]
    edge = (max(finite) if lower else min(finite)) if finite else 0.0
    shown = [edge if bad or m is None or not math.isfinite(m) else m
             for m, bad in zip(metric, failed)]
    colours = [ONSET_COLOUR if bad else "#1f4e79" for bad in failed]
    axes.scatter(x, shown, c=colours, s=18)
    if numeric and item.kind == "log-numeric":
        axes.set_xscale("log")
    axes.set_xlabel(printable(f"{item.name} ({item.direction})"))
    axes.grid(alpha=0.3)


@drawing
def hparams_figure(result):
    items = result.importance.hparams
    chosen = items[:SCATTERS]
    fig, panels = _grid(1 + len(chosen))
    bars = panels[0]
    names = [printable(item.name) for item in items][::-1]
    bars.barh(names, [item.importance for item in items][::-1], color="#1f4e79")
    bars.set_xlabel("importance")
    bars.set_xlim(0.0, 1.0)
    bars.set_title("what mattered", fontsize=SUBTITLE_SIZE, color=SUBTITLE_COLOUR)
    for axes, item in zip(panels[1:], chosen):
        rows = [row for row in result.runs if item.name in row.hparams]
        if not rows:
            raise UsageError(f"no run has {item.name}")
        _setting_axis(axes, item, [row.hparams[item.name] for row in rows],
                      [row.best_value for row in rows], [row.reason is not None for row in rows],
                      result.lower_is_better)
        axes.set_ylabel(printable(f"best {result.metric}"))
        axes.yaxis.set_major_formatter(number_label_formatter())
    fig.suptitle(printable(f"{result.metric}: {result.importance.method}"), fontsize=TITLE_SIZE)
    return fig


def number_label_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(number_label)
