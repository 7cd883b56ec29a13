"""Figures of several runs: one metric overlaid, and seed groups as a mean with a band.

Grouping runs into configs (``group_runs``) is a naming rule; putting a
group's runs on one grid and taking their mean and band is the analysis'
(``analysis.axes.common_grid`` and ``band``, as ``compare`` does).
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from curvecli.analysis.axes import StepMap, band, common_grid, on_grid
from curvecli.analysis.report import RunReport
from curvecli.errors import UsageError
from curvecli.render.plot_curves import (
    SPARSE_POINTS,
    Curve,
    PlotOptions,
    RunPlot,
    weights_label,
)
from curvecli.render.plot_draw import (
    MAX_LINE_POINTS,
    draw_curve,
    drawing,
    finish_metric_axes,
    legend_below,
    mark_non_finite,
    new_figure,
    run_colours,
)
from curvecli.render.plot_scales import decimate_minmax
from curvecli.render.plot_style import OVERLAY_SIZE


def short_names(names: Sequence[str]) -> list[str]:
    """Run names without the path components they all share."""
    parts = [name.split("/") for name in names]
    if len(parts) < 2:
        return list(names)
    common = 0
    while all(len(p) > common + 1 for p in parts) and len({p[common] for p in parts}) == 1:
        common += 1
    return ["/".join(p[common:]) for p in parts]


def _one_axes(anything: bool, kind: str, metric: str):
    """A figure of one axes for several runs' ``metric`` (an error when no run has it)."""
    if not anything:
        raise UsageError(f"no run has the series '{metric}' to "
                         f"{'overlay' if kind == 'overlay' else 'group'}")
    figure = new_figure(*OVERLAY_SIZE)
    axes = figure.add_subplot(1, 1, 1)
    axes.set_gid(f"panel:{kind}:{metric}")
    return figure, axes


@drawing
def overlay_figure(items: Sequence[tuple[RunPlot, Curve, RunReport | None]], metric: str,
                   options: PlotOptions = PlotOptions()):
    """One metric of several runs on one axes, a colour per run, each run's best marked."""
    figure, axes = _one_axes(bool(items), "overlay", metric)
    colours = run_colours(len(items))
    names = short_names([plot.run for plot, _, _ in items])
    curves = []
    for (plot, curve, report), colour, short in zip(items, colours, names):
        verdict = f"  ({report.verdict.replace('_', ' ')})" if report else ""
        draw_curve(axes, curve, colour, f"{short}{verdict}", linewidth=1.8)
        curves.append(curve)
        best = report.best if report else None
        if best and best.series == curve.name:
            axes.plot(plot.to_x([best.step]), [best.value], linestyle="none", marker="*",
                      markersize=13, markerfacecolor=colour, markeredgecolor="black",
                      markeredgewidth=0.7, zorder=6, gid=f"best:{plot.run}")
        mark_non_finite(axes, [curve])
    finish_metric_axes(axes, curves, metric, items[0][0].x, options)
    smoothing = weights_label(curves)
    figure.suptitle(f"{metric}: {len(items)} runs" + (f"  ·  bold: TensorBoard EMA {smoothing}, "
                    "★ best" if smoothing else "  ·  ★ best"), fontsize=12)
    legend_below(figure, axes, len(items))
    return figure


def group_runs(names: Sequence[str], pattern: str | None = None) -> dict[str, list[str]]:
    """Runs that are seeds of one config, keyed by the config.

    Without ``pattern``: sibling directories (``sweep/lr0.1/seed0`` and
    ``sweep/lr0.1/seed1`` -> ``sweep/lr0.1``). With a regex: its capture groups
    name the config (``--group 'lr([\\d.]+)'``), or, without groups, the run name
    with the match removed does (``--group '_seed\\d+'``).
    """
    regex = None
    if pattern is not None:
        try:
            regex = re.compile(pattern)
        except re.error as error:
            raise UsageError(f"--group '{pattern}' is not a regular expression: {error}") from None
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(_group_key(name, regex), []).append(name)
    return groups


def _group_key(name: str, regex: re.Pattern | None) -> str:
    if regex is None:
        return name.rsplit("/", 1)[0] if "/" in name else ""
    match = regex.search(name)
    if match is None:
        return name
    if regex.groups:
        return "-".join(part for part in match.groups() if part) or name
    return (name[:match.start()] + name[match.end():]).strip("/_-. ") or name


def aggregate(curves: Sequence[Curve], kind: str = "minmax") -> tuple[np.ndarray, ...]:
    """Mean and band of several runs' drawn lines on a common x grid.

    The grid is ``analysis.axes.common_grid``'s: every x any run has inside the
    range all runs cover, each run interpolated onto it (its finite points).
    Returns ``(x, mean, low, high)``; the band is min-max or mean ± one
    standard deviation. Runs that do not overlap meet at the latest first x.
    """
    usable = [(c.x[np.isfinite(c.line)], c.line[np.isfinite(c.line)]) for c in curves]
    usable = [(x, y) for x, y in usable if len(x)]
    if not usable:
        band(np.zeros((1, 0)), kind)  # an unknown band is an error even with nothing to draw
        empty = np.zeros(0)
        return empty, empty, empty, empty
    grid = common_grid(usable)
    x, values = grid.x, grid.values
    if not len(x):
        x = np.array([grid.start])
        values = on_grid(usable, x)
    return (x, *band(values, kind))


@drawing
def group_figure(groups: dict[str, Sequence[Curve]], metric: str, x: StepMap | str,
                 options: PlotOptions = PlotOptions()):
    """Each group of seeds as its mean line and a min-max (or ±std) band."""
    figure, axes = _one_axes(bool(groups), "groups", metric)
    lines = []
    for (key, curves), colour in zip(groups.items(), run_colours(len(groups))):
        lines += _draw_group(axes, key or "runs", curves, colour, metric, options.band)
    finish_metric_axes(axes, lines, metric, x, options)
    band_name = "min–max" if options.band == "minmax" else "±1 std"
    title = f"{metric}: {len(groups)} group{'s' if len(groups) != 1 else ''}, mean and {band_name}"
    smoothing = weights_label([c for group in groups.values() for c in group])
    if smoothing:
        title += f" of runs smoothed {smoothing}"
    figure.suptitle(title, fontsize=12)
    legend_below(figure, axes, len(groups))
    return figure


def _draw_group(axes, key: str, curves: Sequence[Curve], colour, metric: str,
                kind: str) -> list[Curve]:
    """A group's mean line and band; the lines drawn, for the y range."""
    x, mean, low, high = aggregate(curves, kind)
    if not len(x):
        return []
    count = len(curves)
    label = f"{key} (mean of {count})" if count > 1 else f"{key} (1 run)"
    if count > 1:
        axes.fill_between(x, low, high, color=colour, alpha=0.2, linewidth=0, gid=f"band:{key}")
    xd, yd = decimate_minmax(x, mean, MAX_LINE_POINTS // 2)
    axes.plot(xd, yd, color=colour, linewidth=2.0, label=label, gid=f"mean:{key}",
              marker="o" if len(x) < SPARSE_POINTS else None, markersize=3.5)
    return [Curve.of(key, metric, x, values) for values in (mean, low, high)]

