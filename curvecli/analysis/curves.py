"""The series a run is judged on (``RunCurves``) and their shape statistics (``Shape``).

A shape is a series oriented as a badness (lower is better, 0 perfect when known) with its
robust trend, noise, start, end and floor, computed once per series and cached on it. The
helpers here read levels off a shape that several detectors share.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from curvecli.analysis import robust
from curvecli.analysis.series import (
    MIN_POINTS,
    Series,
    direction_known,
    has_no_top,
    same_domain,
)
from curvecli.analysis.thresholds import (
    ACCELERATION_MIN_POINTS,
    BEST_DIP,
    BEST_SHORT,
    LATE_FIRST_EPOCH,
    SWING_MIN_WINDOW,
    UNTRAINED_FIRST,
)


@dataclass
class RunCurves:
    """The series a run is judged on (all on the monitored series' step axis)."""

    monitored: Series | None
    train: Series | None
    learning_rate: Series | None = None
    grad_norm: Series | None = None
    all: dict[str, Series] = field(default_factory=dict)
    accuracy: Series | None = None  # the val accuracy-type series, for level cues


def finite_points(series: Series) -> tuple[np.ndarray, np.ndarray]:
    mask = np.isfinite(series.values)
    return series.steps[mask], series.values[mask]


def score_ceiling(series: Series, values: np.ndarray) -> float | None:
    """The perfect value of a higher-is-better series on a bounded scale (1 or 100); none for
    a measure without a top (``has_no_top``)."""
    if series.lower_is_better or not len(values) or float(np.min(values)) < 0 \
            or has_no_top(series.metric):
        return None
    top = float(np.max(values))
    return 1.0 if top <= 1.0 else 100.0 if top <= 100.0 else None


@dataclass
class Shape:
    """Shape statistics of one series as a badness: lower is better, 0 perfect when known.

    Losses and error rates are kept as they are (``zero``: none is negative);
    accuracies and scores on a 0-1 or 0-100 scale become their distance from
    the ceiling; other higher-is-better values are negated (no natural zero).
    """

    steps: np.ndarray
    y: np.ndarray
    smooth: np.ndarray
    sigma: float
    start: float
    end: float
    floor: float  # the lowest point of the trend
    floor_index: int
    best_index: int  # the best raw point
    jumps: float  # robust sigma of point-to-point changes
    zero: bool  # 0 is the perfect value (levels and ratios carry meaning)
    ceiling: float | None = None
    negated: bool = False

    @property
    def gain(self) -> float:
        """How far the trend came down from the start to its floor."""
        return max(self.start - self.floor, 0.0)

    @property
    def first(self) -> float:
        """Where the series started, its first point included: a first drop too fast for the
        robust start (a median of the first points) still counts as improvement."""
        return max(float(self.y[0]), self.start)

    @property
    def learned(self) -> float:
        """How far the series got from where it started, its first point included, to its best
        raw point (0 when it never got below its start)."""
        return max(self.first - float(np.min(self.y)), 0.0)

    @property
    def untrained_first(self) -> bool:
        """True when the first point (a natural zero) stands ``UNTRAINED_FIRST`` times above the
        robust start (the median of the first tenth of points) or more: the untrained model's
        loss before a first drop too fast for that median (an Estimator's 6.12 at step 1, then
        0.088 at step 101; an ECG net's val 1.515 at epoch 0, then 0.30, 0.11)."""
        return self.zero and self.start > 0 and float(self.y[0]) >= UNTRAINED_FIRST * self.start

    @property
    def give_back(self) -> float:
        """How far the end sits above the trend's floor."""
        return max(self.end - self.floor, 0.0)

    @property
    def level(self) -> float:
        """The series' typical magnitude (median of |y|)."""
        return float(np.median(np.abs(self.y)))

    @property
    def swing(self) -> float:
        """The median step-to-step change around the trend: how far each point lands from
        the last once the trend is taken out (an alternating 0.9, 2.0, 1.0, 2.5 swings by
        about 1; the MAD behind ``jumps`` reads it as a few outliers)."""
        return self.swing_from(0)

    def swing_from(self, first: int) -> float:
        """``swing`` over the points from index ``first`` on (the trend still spans them all)."""
        return swing_around_trend(self.y, first)

    @property
    def noise(self) -> float:
        """The larger of the scatter around the trend and the point-to-point jumps."""
        return max(self.sigma, self.jumps)

    def raw(self, value: float) -> float:
        """An oriented value back on the series' own scale."""
        if self.ceiling is not None:
            return self.ceiling - value
        return -value if self.negated else value

    def best_level(self) -> float:
        """The level at the best raw point, its noise removed (a noise dip is not the best)."""
        if len(self.y) < 5:
            return float(self.y[self.best_index])
        return max(float(self.y[self.best_index]), float(self.smooth[self.best_index]))

    def best_before_rise(self) -> float:
        """``best_level`` for a rise measured from the best (overfitting). Under
        ``BEST_SHORT`` evaluations the trend (a rolling median) cuts the bottom of a V: val
        3.66, 3.50, 3.57, 3.72, 3.87 would have its best at 3.57 and rise 9%, not 11%. There
        the raw best stands when it is the bottom of a V (``_v_bottom``) and not a lone dip
        (``_lone_dip``)."""
        i = self.best_index
        if 5 <= len(self.y) < BEST_SHORT and _v_bottom(self.y, i) and not _lone_dip(self.y, i):
            return float(self.y[i])
        return self.best_level()


def _v_bottom(y: np.ndarray, index: int) -> bool:
    """True when ``y`` falls into ``index`` (its two points before, or the one there is, step
    down) and climbs out of it (its two points after step up): a V, not a bounce."""
    before = y[max(index - 2, 0):index + 1]
    after = y[index:index + 3]
    return len(before) >= 2 and len(after) == 3 \
        and bool(np.all(np.diff(before) < 0)) and bool(np.all(np.diff(after) > 0))


def _lone_dip(y: np.ndarray, index: int) -> bool:
    """True when ``y[index]`` sits below each of its neighbours by more than ``BEST_DIP``
    times the median step-to-step change of the rest of the series: one noisy evaluation,
    not the bottom of a V (at an end, the one neighbour decides)."""
    steps = np.abs(np.diff(y))
    keep = np.ones(len(steps), dtype=bool)
    keep[max(index - 1, 0):index + 1] = False
    if not keep.any():
        return False
    typical = float(np.median(steps[keep]))
    neighbours = [y[i] for i in (index - 1, index + 1) if 0 <= i < len(y)]
    return all(float(n) - float(y[index]) > BEST_DIP * typical for n in neighbours)


def swing_around_trend(y: np.ndarray, first: int = 0) -> float:
    """The median step-to-step change of ``y`` around its trend (a rolling median over
    ``SWING_MIN_WINDOW`` points at least), from index ``first`` on (``Shape.swing``)."""
    trend = robust.rolling_median(y, robust.odd_window(len(y), minimum=SWING_MIN_WINDOW))
    return float(np.median(np.abs(np.diff((y - trend)[first:]))))


def shape(series: Series) -> Shape | None:
    """The series' shape statistics (computed once per series and cached on it)."""
    if "shape" in series.cache:
        return series.cache["shape"]
    steps, values = finite_points(series)
    if len(values) < MIN_POINTS:
        series.cache["shape"] = None
        return None
    ceiling = score_ceiling(series, values)
    negated = not series.lower_is_better and ceiling is None
    y = ceiling - values if ceiling is not None else (-values if negated else values)
    smooth = robust.trend(y)
    floor_index = int(np.argmin(smooth))
    found = Shape(steps, y, smooth, robust.noise(y, smooth), robust.start_level(y),
                  robust.end_level(y), float(smooth[floor_index]), floor_index,
                  int(np.argmin(y)), robust.jumpiness(y), not negated and float(np.min(y)) >= 0,
                  ceiling, negated)
    series.cache["shape"] = found
    return found


def initial_level(stats: Shape) -> float:
    """The level a curve started from: the highest of its first three points."""
    return float(np.max(stats.y[:3]))


def level_near(stats: Shape, step: int) -> float:
    """The series' median over the points around ``step`` (two spacings either side)."""
    spacing = float(np.median(np.diff(stats.steps))) if len(stats.steps) > 1 else 1.0
    near = np.abs(stats.steps - step) <= 2 * spacing
    return float(np.median(stats.y[near])) if near.any() else float(stats.y[0])


def losses_beside_a_score(curves: RunCurves) -> list[Series]:
    """The held-out losses on the axis of a monitored held-out score (YOLO's val box, cls and
    dfl losses beside its fitness): a score has no spike of its own to measure, its losses
    do, and a loss still reaching its best says the model still got better."""
    score = curves.monitored
    if score is None or not score.held_out or score.lower_is_better:
        return []
    return [s for s in curves.all.values() if s.split == score.split and s.lower_is_better
            and "loss" in s.metric and same_domain(s, score)]


def _beside(curves: RunCurves, keep) -> list[tuple[Series, Shape | None]]:
    """The series beside a held-out monitored series (in its split and on its step axis) that
    ``keep`` accepts, each with its shape (None under ``MIN_POINTS`` points); none when the
    monitored series is not held out."""
    monitored = curves.monitored
    if monitored is None or not monitored.held_out:
        return []
    return [(series, shape(series)) for series in curves.all.values()
            if series.split == monitored.split and keep(series)
            and same_domain(series, monitored)]


def scores_beside(curves: RunCurves) -> list[tuple[Series, Shape | None]]:
    """The higher-is-better series beside a held-out monitored series (``_beside``)."""
    return _beside(curves, lambda series: not series.lower_is_better)


def measures_beside(curves: RunCurves) -> list[tuple[Series, Shape | None]]:
    """The named measures beside a held-out monitored series (``_beside``), itself left out: a
    name that says which way is better (accuracy, IoU, MAE, RMSE, a loss part)."""
    return _beside(curves, lambda series: series is not curves.monitored
                   and direction_known(series.metric))


def held_out_scores(curves: RunCurves) -> Iterator[Shape]:
    """The shapes of the bounded held-out scores beside the monitored series (accuracy, IoU,
    F1, Dice on a 0-1 or 0-100 scale, in its split and on its step axis)."""
    for _, score in scores_beside(curves):
        if score is not None and score.ceiling is not None:
            yield score


def acceleration(stats: Shape) -> float | str:
    """How much faster the trend fell in the second half of the run (by step) than in the
    first: the fall from the middle step to the end over the fall from the start to the
    middle ("Infinity" when the first half did not fall). A curve leaving a plateau, which
    was cut short just as it started to learn, falls faster and faster (well above 1); a
    loss crawling down at a learning rate far too low falls at a constant rate (about 1);
    a converging one slows down (below 1). Under ``ACCELERATION_MIN_POINTS`` points it is 1:
    four noisy evaluations at chance that dipped and rose again show no acceleration."""
    steps, trend = stats.steps, stats.smooth
    if len(steps) < ACCELERATION_MIN_POINTS or steps[-1] <= steps[0]:
        return 1.0  # a few noisy evaluations show no acceleration
    middle = float(np.interp((steps[0] + steps[-1]) / 2, steps, trend))
    first, second = float(trend[0]) - middle, middle - float(trend[-1])
    if first <= 0:
        return "Infinity" if second > 0 else 1.0
    return second / first


def accuracy_beside(axis: dict[str, Series], split: str, monitored: Series) -> Series | None:
    """The ``split``'s accuracy-type series read with ``monitored``: of several (Lightning's
    ``val/acc_step`` per val batch beside ``val/accuracy`` per epoch), the one whose steps are
    most nearly ``monitored``'s (shared steps over the steps of either), the first logged on a
    tie."""
    found = [s for s in axis.values()
             if s.split == split and "acc" in s.metric and not s.lower_is_better]
    if len(found) < 2:
        return found[0] if found else None

    def overlap(series: Series) -> float:
        shared = len(np.intersect1d(series.steps, monitored.steps))
        return shared / len(np.union1d(series.steps, monitored.steps))

    return max(found, key=overlap)


FEW_EVALUATIONS_MIN = 2  # a held-out series of 2 points (to MIN_POINTS - 1) is too few to judge


def few_evaluations(series: Series) -> np.ndarray | None:
    """A held-out series' finite values, oriented lower-is-better, when it has
    ``FEW_EVALUATIONS_MIN`` to ``MIN_POINTS`` - 1 of them (evaluations too few to judge a
    curve on, still telling whether each found the model better); else None."""
    if not series.held_out:
        return None
    values = series.values[series.finite]
    if not FEW_EVALUATIONS_MIN <= len(values) < MIN_POINTS:
        return None
    return values if series.lower_is_better else -values


def joined_late(series: Series) -> bool:
    """True when ``series``' log starts after its training did: its first logged epoch is
    ``LATE_FIRST_EPOCH`` or later while its first step is under half the steps the epochs
    before it took (at the series' own steps per epoch): the steps count from a late epoch (the
    last epoch of a longer run, "Epoch [6/6], Step [10/1549]" from its first line; a resume),
    so its first points are no untrained level to measure progress from. A log whose first
    point lands in epoch 3 at step 49 (16 steps an epoch, logged every 50) started with its
    training."""
    if series.epochs is None:
        return False
    known = np.isfinite(series.epochs)
    epochs, steps = series.epochs[known], series.steps[known]
    if len(epochs) < 2 or float(epochs[0]) < LATE_FIRST_EPOCH:
        return False
    span = float(epochs[-1] - epochs[0])
    per_epoch = float(steps[-1] - steps[0]) / span if span > 0 else float(steps[-1] - steps[0])
    return float(steps[0]) < 0.5 * (float(epochs[0]) - 1) * per_epoch


def few_evaluations_improved(curves: RunCurves) -> bool:
    """True when a run judged on its train loss also logged a held-out loss of too few
    evaluations (``few_evaluations``) that ended at its best, below its first: each evaluation
    found the model better (an LLM LoRA's eval loss 1.641 -> 1.616 -> 1.611 beside a per-step
    train loss bouncing at a flat 2.0). Its train curve's batch noise or flat level then says
    nothing against learning (``find_erratic``, ``never_fell``)."""
    monitored = curves.monitored
    if monitored is None or monitored.held_out:
        return False
    return any(values[-1] < values[0] and values[-1] <= np.min(values)
               for _, values in few_evaluation_losses(curves))


def few_evaluation_losses(curves: RunCurves) -> Iterator[tuple[Series, np.ndarray]]:
    """Each held-out loss (lower is better) of too few evaluations to judge
    (``few_evaluations``), with its finite values."""
    for series in curves.all.values():
        values = few_evaluations(series) if "loss" in series.metric \
            and series.lower_is_better else None
        if values is not None:
            yield series, values
