"""``forecast --plot``: a run's observed curve, its forecast and the band, in one figure.

Drawn from what analysis computed (``RunForecast`` and its engine ``Forecast``): the
logged points (light), their smoothed line, the forecast path to the planned end with its
band, the planned end and, when given, the target and the value to beat.
"""

from __future__ import annotations

import numpy as np

from curvecli.analysis.series import extract
from curvecli.analysis.smoothing import smooth_ema
from curvecli.errors import UsageError, printable
from curvecli.render.plot_draw import drawing, new_figure, number_label
from curvecli.render.plot_style import (
    BEST_COLOUR,
    FIG_WIDTH,
    LEGEND_SIZE,
    STOP_COLOUR,
    SUBTITLE_COLOUR,
    SUBTITLE_SIZE,
    TITLE_SIZE,
)

HEIGHT = 4.6
OBSERVED_COLOUR, FORECAST_COLOUR = "#1f4e79", "#c0392b"
RAW_ALPHA, BAND_ALPHA = 0.3, 0.22
SMOOTH_WEIGHT = 0.6  # the display smoothing of plot's default
SMOOTH_MIN_POINTS = 50  # shorter series are drawn raw, as plot does


def _observed(axes, steps: np.ndarray, values: np.ndarray) -> None:
    finite = np.isfinite(values)
    steps, values = steps[finite], values[finite]
    if len(values) >= SMOOTH_MIN_POINTS:
        axes.plot(steps, values, color=OBSERVED_COLOUR, alpha=RAW_ALPHA, linewidth=0.8)
        axes.plot(steps, smooth_ema(values, SMOOTH_WEIGHT), color=OBSERVED_COLOUR,
                  linewidth=1.6, label="logged (smoothed)")
    else:
        axes.plot(steps, values, color=OBSERVED_COLOUR, linewidth=1.6, marker="o",
                  markersize=3, label="logged")


def _forecast(axes, result) -> None:
    detail = result.detail
    if detail is None or result.predicted is None or len(detail.path_steps) == 0:
        return
    axes.fill_between(detail.path_steps, detail.path_low, detail.path_high,
                      color=FORECAST_COLOUR, alpha=BAND_ALPHA, linewidth=0,
                      label=f"{result.level:.0%} band")
    axes.plot(detail.path_steps, detail.path_mean, color=FORECAST_COLOUR, linewidth=1.6,
              linestyle="--", label="forecast")
    axes.plot([result.to_step], [result.predicted], marker="o", color=FORECAST_COLOUR)


def _references(axes, result) -> None:
    axes.axvline(result.to_step, color=STOP_COLOUR, linewidth=0.8, linestyle=":",
                 label=f"planned end ({printable(result.to_step_source)})")
    if result.target is not None:
        axes.axhline(result.target, color=BEST_COLOUR, linewidth=1.0, label="target")
    if result.beat is not None:
        axes.axhline(result.beat, color=STOP_COLOUR, linewidth=1.0, linestyle="-.",
                     label=f"to beat ({printable(result.beat_source or 'value')})")


@drawing
def figure(result, log):
    """The forecast figure of one run (UsageError when the run has no such series)."""
    from matplotlib.ticker import FuncFormatter

    from curvecli.render.forecast import sentence

    series = extract(log.frame).get(result.series or "")
    if series is None:
        raise UsageError(f"run '{result.run}' has no series to draw")
    fig = new_figure(FIG_WIDTH, HEIGHT)
    axes = fig.add_subplot(1, 1, 1)
    _observed(axes, series.steps.astype(np.float64), series.values)
    _forecast(axes, result)
    _references(axes, result)
    axes.set_xlabel("step")
    axes.set_ylabel(result.series)
    axes.yaxis.set_major_formatter(FuncFormatter(number_label))
    axes.grid(alpha=0.3)
    axes.legend(fontsize=LEGEND_SIZE, loc="best")
    fig.suptitle(printable(f"{result.run}: {result.series} forecast"), fontsize=TITLE_SIZE)
    axes.set_title(printable(sentence(result).split(": ", 1)[-1]), fontsize=SUBTITLE_SIZE,
                   color=SUBTITLE_COLOUR, wrap=True)
    return fig
