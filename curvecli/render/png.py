"""Learning-curve figures (PNG, SVG, PDF) with matplotlib's object API: the public names.

What a plot shows and how it is laid out lives in modules by job:

* ``plot_curves``: a run's series (``analysis.series.extract``) with their x
  coordinates and smoothed line (``PlotOptions``, ``Curve``, ``RunPlot``,
  ``prepare_run``);
* ``plot_panels``: which panels a run's figure has (``plan_panels``);
* ``plot_run``: one run's figure with the diagnosis drawn on it (``run_figure``);
* ``plot_groups``: several runs overlaid, seed groups as a mean and a band;
* ``plot_scales``: y ranges, decimation, x limits and ticks;
* ``plot_draw`` and ``plot_style``: drawing primitives, text fitting, colours;
* ``plot_files``: file names, deterministic saving, parallel writing.

The x quantities (epochs, examples, tokens, time) are ``analysis.axes``' step
maps. This module re-exports the names the command line and other renderers use.
"""

from __future__ import annotations

from curvecli.analysis.axes import BANDS, TOKEN_METRICS
from curvecli.analysis.axes import StepMap as Scale
from curvecli.render.plot_curves import (
    SPARSE_POINTS,
    TB_SMOOTHING,
    X_AXES,
    Curve,
    PlotOptions,
    RunPlot,
    auto_weight,
    prepare_run,
    select_curve,
    weights_label,
)
from curvecli.render.plot_draw import MAX_LINE_POINTS, drawing
from curvecli.render.plot_files import (
    FORMATS,
    FigureJob,
    safe_name,
    save_figure,
    unique_names,
    write_figures,
)
from curvecli.render.plot_groups import aggregate, group_figure, group_runs, overlay_figure
from curvecli.render.plot_panels import Panel, plan_panels
from curvecli.render.plot_run import run_figure, summary_figure
from curvecli.render.plot_scales import decimate_minmax, pad_extent, y_extent
from curvecli.render.plot_style import DPI, FIG_WIDTH, VERDICT_COLOURS

__all__ = [
    "BANDS", "DPI", "FIG_WIDTH", "FORMATS", "MAX_LINE_POINTS", "SPARSE_POINTS", "TB_SMOOTHING",
    "TOKEN_METRICS", "VERDICT_COLOURS", "X_AXES", "Curve", "FigureJob", "Panel", "PlotOptions",
    "RunPlot", "Scale", "aggregate", "auto_weight", "decimate_minmax", "drawing",
    "group_figure", "group_runs", "overlay_figure", "pad_extent", "plan_panels",
    "prepare_run", "run_figure", "safe_name", "save_figure", "select_curve", "summary_figure",
    "unique_names", "weights_label", "write_figures", "y_extent",
]
