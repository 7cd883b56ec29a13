"""A run's curves, ready to draw: the analysis' ``Series`` with their x and smoothed line.

The series are ``analysis.series.extract``'s (rewinds resolved, step order);
the x quantities are ``analysis.axes``' step maps. What this module adds is
only what drawing needs: each series' x coordinates and its smoothed line.

Smoothing is TensorBoard's debiased EMA (``analysis.smoothing``), computed per
frame row exactly as ``export --smooth`` does, so an explicit ``--smooth W``
draws the numbers ``export --smooth W`` writes. Without ``--smooth`` the
weight is chosen per series (``auto_weight``): TensorBoard's 0.6, raised for
long series so that the EMA spans about 1% of the points (0.9 at 1,000 points,
0.98 at 5,000), because 0.6 leaves a 5,000-step noisy loss as noisy as the raw
one; the weight used is printed in the figure, so ``export --smooth`` can
reproduce it. Series of fewer than ``SPARSE_POINTS`` points (per-epoch
evaluations) are drawn raw with markers: an EMA over a handful of evaluations
shifts the curve by epochs and moves its minimum away from the best checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from curvecli.analysis.axes import StepMap, run_axes
from curvecli.analysis.series import (
    Series,
    extract,
    infer_directions,
    kept_rows,
    link_epoch_indexed,
    resolve_name,
    series_rows,
)
from curvecli.analysis.smoothing import smooth_ema, smooth_frame
from curvecli.errors import UsageError
from curvecli.frame import RunLog
from curvecli.names import series_name

TB_SMOOTHING = 0.6  # TensorBoard's default slider value (FORMATS.md §2.7)
SPARSE_POINTS = 50  # fewer finite points: markers on the line, and no default smoothing
AUTO_WINDOW_SHARE = 0.01  # default smoothing: the EMA spans about this share of the points
MAX_AUTO_SMOOTHING = 0.99
X_AXES = ("step", "epoch", "examples", "tokens", "time")
NO_AXIS_HINT = {"epoch": "the log has no epoch column or epoch series",
                "examples": "the batch size is unknown; pass --batch-size N",
                "tokens": "no num_input_tokens_seen / num_tokens series",
                "time": "the log has no wall times"}


@dataclass(frozen=True)
class PlotOptions:
    """What the user asked for; the same for every figure of one command."""

    smooth: float | None = None  # None: auto_weight per series
    metrics: tuple[str, ...] = ()  # series to draw (split/metric or a tag); () = all
    x: str = "step"
    log_y: bool = False
    clip: bool = True  # ignore outliers in the y range (TensorBoard's default)
    batch_size: int | None = None  # examples per optimisation step, for --x examples
    band: str = "minmax"


@dataclass
class Curve:
    """A ``Series`` as drawn: its x coordinates and its bold (smoothed) line."""

    series: Series
    x: np.ndarray
    smoothed: np.ndarray | None = None  # None: drawn raw
    weight: float = 0.0  # the EMA weight of ``smoothed``

    @classmethod
    def of(cls, run: str, metric: str, x: np.ndarray, values: np.ndarray) -> "Curve":
        """A computed line (a group's mean) drawn as a curve of its own, at steps ``x``."""
        series = Series(run, "", metric, x, values, np.full(len(x), np.nan), [])
        return cls(series, x)

    # The series' own fields, read through (a Curve adds only what drawing needs).
    name = property(lambda self: self.series.name)
    split = property(lambda self: self.series.split)
    metric = property(lambda self: self.series.metric)
    steps = property(lambda self: self.series.steps)
    values = property(lambda self: self.series.values)
    lower_is_better = property(lambda self: self.series.lower_is_better)

    @property
    def line(self) -> np.ndarray:
        """The values of the bold line: smoothed where smoothing applies, else raw."""
        return self.values if self.smoothed is None else self.smoothed

    @property
    def sparse(self) -> bool:
        return int(np.isfinite(self.values).sum()) < SPARSE_POINTS

    @property
    def points(self) -> int:
        return int(np.isfinite(self.values).sum())


@dataclass
class RunPlot:
    """Everything one run's figure is drawn from."""

    run: str
    source: str
    curves: dict[str, Curve]
    x: StepMap  # steps -> the primary x quantity
    scales: dict[str, StepMap]  # steps -> each known x quantity
    warnings: list[str] = field(default_factory=list)
    series: dict[str, Series] = field(default_factory=dict, repr=False)

    @property
    def smoothing(self) -> str:
        """The EMA weights used, for titles: ``0.6`` or ``0.6-0.98``; empty when all raw."""
        return weights_label(self.curves.values())

    def to_x(self, steps: Any) -> np.ndarray:
        return self.x(steps)

    @property
    def step_word(self) -> str:
        """What a step is called: ``epoch`` in epoch-indexed logs (Keras, YOLO)."""
        return self.scales["step"].label

    @property
    def summary_only(self) -> bool:
        """True when no series has two finite points and some have one: one value per
        metric (a W&B runs-table row, a single evaluation), no curve."""
        points = [curve.points for curve in self.curves.values()]
        return max(points, default=0) == 1


def auto_weight(points: int) -> float:
    """The default EMA weight for a series of ``points`` finite points (0: drawn raw).

    TensorBoard's 0.6, or more for long series so that the EMA's window
    (``1 / (1 - w)`` points) is about ``AUTO_WINDOW_SHARE`` of the series; two
    decimals, so ``export --smooth`` can reproduce it.
    """
    if points < SPARSE_POINTS:
        return 0.0
    weight = 1.0 - 1.0 / max(points * AUTO_WINDOW_SHARE, 1.0)
    return round(min(max(weight, TB_SMOOTHING), MAX_AUTO_SMOOTHING), 2)


def weights_label(curves) -> str:
    weights = sorted({c.weight for c in curves if c.smoothed is not None and c.weight > 0})
    if not weights:
        return ""
    return f"{weights[0]:g}" if len(weights) == 1 else f"{weights[0]:g}–{weights[-1]:g}"


def prepare_run(log: RunLog, options: PlotOptions = PlotOptions(),
                series: dict[str, Series] | None = None) -> RunPlot:
    """A run's curves with their smoothing and x coordinates, and the x axes it knows.

    ``series`` is ``extract(log.frame)`` when the caller has it (``diagnose_run``
    takes the same).
    """
    if options.x not in X_AXES:
        raise UsageError(f"unknown --x '{options.x}'; use one of {', '.join(X_AXES)}")
    series, linked = link_epoch_indexed(extract(log.frame) if series is None else series)
    series = infer_directions(series)  # a nameless-direction score read the way diagnose reads it
    scales = run_axes(log.frame, series, log.meta, log.source, options.batch_size).maps
    warnings: list[str] = [f"{log.run}: {linked}"] if linked else []
    primary = scales.get(options.x)
    if primary is None:
        warnings.append(f"{log.run}: cannot draw against {options.x} "
                        f"({NO_AXIS_HINT[options.x]}); drawn against steps")
        primary = scales["step"]
    smoother = _Smoother(log.frame)
    curves: dict[str, Curve] = {}
    for name, found in series.items():
        weight = options.smooth if options.smooth is not None else \
            auto_weight(int(np.isfinite(found.values).sum()))
        smoothed = smoother(found, weight) if weight > 0 else None
        curves[name] = Curve(found, primary(found.steps), smoothed,
                             weight if smoothed is not None else 0.0)
    return RunPlot(log.run, log.source, curves, primary, scales, warnings, series)


class _Smoother:
    """``export --smooth``'s numbers for a series: ``smooth_frame`` of the rows of its tags
    as written (file order), at the points that survive the rewinds (step order)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.uniform = _uniform_columns(frame)
        self._rows: dict[tuple[str, str], tuple] | None = None

    def __call__(self, series: Series, weight: float) -> np.ndarray:
        if len(series.tags) == 1 and not series.rewinds and not series.duplicates \
                and len(self.uniform) == 2:
            # One (run, source, split, tag) group written in step order: smooth_frame is
            # smooth_ema of the series itself.
            return smooth_ema(series.values, weight)
        written, index = self.rows()[(series.split, series.metric)]
        return _smoothed(self.frame, written, index, weight, self.uniform)

    def rows(self) -> dict[tuple[str, str], tuple]:
        """Each series' frame rows as written, with ``kept_rows``' index into them."""
        if self._rows is None:
            steps, values = self.frame["step"].to_numpy(), self.frame["value"].to_numpy()
            self._rows = {(split, metric): (rows, kept_rows(steps[rows], values[rows])[0])
                          for split, metric, rows in series_rows(self.frame)}
        return self._rows


def _smoothed(frame: pd.DataFrame, written: np.ndarray, index: np.ndarray | None,
              weight: float, uniform: tuple[str, ...] = ()) -> np.ndarray:
    """``smooth_frame`` of a series' rows ``written``, at the survivors ``written[index]``.

    ``written`` are positions (not labels) in ``frame``; ``uniform`` names categorical
    columns known to hold one value on every row."""
    kept = written if index is None else written[index]
    codes = [frame[column].cat.codes.to_numpy()[written] for column in ("run", "source", "tag")
             if column not in uniform and isinstance(frame[column].dtype, pd.CategoricalDtype)]
    categorical = len(codes) + len(uniform) == 3
    if categorical and len(written) and all(c[0] >= 0 and (c == c[0]).all() for c in codes):
        # One (run, source, split, tag) group: smooth_frame is smooth_ema of it in row order.
        smoothed = smooth_ema(frame["value"].to_numpy(dtype=np.float64)[written], weight)
        return smoothed if index is None else smoothed[index]
    by_row = pd.Series(smooth_frame(frame.take(written), weight), index=written)
    return by_row.loc[kept].to_numpy()


def _uniform_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    """The categorical columns among run and source that hold one value on every row."""
    found = []
    for column in ("run", "source"):
        if isinstance(frame[column].dtype, pd.CategoricalDtype) and len(frame):
            codes = frame[column].cat.codes.to_numpy()
            if codes[0] >= 0 and (codes == codes[0]).all():
                found.append(column)
    return tuple(found)


def select_curve(plot: RunPlot, log: RunLog | None, wanted: str) -> Curve:
    """The curve the user named (``val/loss``, ``eval_loss``, ``val/perplexity``)."""
    if wanted in plot.curves:
        return plot.curves[wanted]
    found = plot.series or (extract(log.frame) if log is not None else {})
    series = resolve_name(found, wanted)  # raises UsageError naming the series
    if series.name in plot.curves:
        return plot.curves[series.name]
    # A derived series (perplexity from a loss): smoothed like its source.
    source = plot.curves.get(series_name(series.split, "loss"))
    weight = source.weight if source is not None else 0.0
    smoothed = smooth_ema(series.values, weight) if weight > 0 else None
    curve = Curve(series, plot.to_x(series.steps), smoothed, weight)
    plot.curves[curve.name] = curve
    return curve

