"""Detectors: one small function per finding code, each with its rule in its docstring.

Every detector takes a ``RunCurves`` (the run's series after rewind
resolution, on one step axis) and returns a list of ``Finding``s with
numbers as evidence, the cue that fired, and the remedies practitioners use
as advice. Shapes are judged against the series' own noise and range, so
multiplying the values by a constant or thinning the log to every k-th point
leaves the verdict unchanged. Levels are used where they carry meaning: a
loss has a natural zero, an accuracy a ceiling, and a loss that never left
its first level learned nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from curvecli.analysis import robust
from curvecli.analysis.report import Finding
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.series import MIN_POINTS, Series, has_no_top, same_domain

# --- thresholds (named so users can find why a run was flagged) -----------------------------
OVERFIT_MIN_POINTS_AFTER_BEST = 2  # evaluations after the best before a rise can be judged
OVERFIT_END_SHARE = 1 / 2  # the end stretch: the last half of the points after the best ...
OVERFIT_END_ABOVE = 0.9  # ... has 90% of its points above the best (rounded: 1 may dip from 5) ...
OVERFIT_MIN_RISE_NOISE = 2.75  # ... sits this many standard errors above the best
OVERFIT_LINE_POINTS = 3  # (the scatter around the line of >= 3 points after the best)
OVERFIT_MIN_RISE_OF_GAIN = 0.06  # val gave back >= 6% of its improvement (from its first point) ...
OVERFIT_SCORE_WORSE = 1.25  # (2) waived when a held-out score's error grew 1.25x after the best
OVERFIT_SCORE_WORSE_SHARE = 0.02  # and by 2% of its scale,
OVERFIT_CORROBORATED_RISE = 0.25  # the loss having risen 25% above its best level
OVERFIT_SCORE_MIN_DROP = 0.01  # a bounded score (0-1, 0-100) must fall 1% of its scale
OVERFIT_JUMP_POINTS = 2  # val's highest point after its best within 2 evaluations of it,
OVERFIT_JUMP_OVER_RISE = 2.0  # twice the end's rise: a spike's recovery, not overfitting
OVERFIT_MIN_RISE_OF_LEVEL = 0.10  # ... and (a loss with a natural zero) rose >= 10% above best
OVERFIT_GAVE_BACK = 0.33  # (the 10% is 5% once val gave back a third of what it improved
OVERFIT_GAVE_BACK_LEVEL = 0.05  # while train kept fitting)
OVERFIT_TRAIN_FELL = 0.10  # (and then train fell >= 10% of its level at the val best)
OVERFIT_TRAIN_SLACK = 0.0  # train must end no higher (in its sigmas) than at the val best:
#                             a rise that train shares is not overfitting
DIVERGE_GIVE_BACK = 0.75  # train loss gave back >= 75% of its improvement ...
DIVERGE_RISE_NOISE = 5.0  # ... by more than 5 noise sigmas, and did not come back down
DIVERGE_RISE_OF_LEVEL = 0.1  # ... and (natural zero) by at least 10% of its floor level
DIVERGE_RECOVERING = 0.1  # a last quarter falling by 10% of that rise is coming back
DIVERGE_FEW_TRAIN_POINTS = 8  # a train loss of fewer points beside a longer val is not judged
DIVERGE_SPARSE_TRAIN_POINTS = 3  # but one of >= 3 points that fell 25% from its first to its
DIVERGE_SPARSE_TRAIN_FELL = 0.25  # last leaves a val losing its progress to overfitting,
DIVERGE_SPARSE_TRAIN_BELOW = 0.75  # and so does one ending at 75% of val's best or under
DIVERGE_HELD_POINTS = 3  # the rise is held by the median of the last 3 points at least
DIVERGE_TIMES_FLOOR = 3.0  # or (natural zero) ended >= 3x its floor, having given back >= 10%
DIVERGE_TIMES_FLOOR_GIVE_BACK = 0.1
COLLAPSE_MIN_BEST = 0.2  # a held-out score that reached 20% of its ceiling ...
COLLAPSE_SHARE = 0.1  # ... and ended (its last quarter) at <= 10% of its best collapsed,
FROZEN_POINTS = 5  # with a loss frozen over its last quarter (>= 5 points) ...
FROZEN_SPREAD = 1e-4  # ... to 1e-4 of its level: the weights stopped changing
DIVERGE_MAGNITUDE = 100.0  # |values| grew 100x beyond their start: unbounded
BLOW_UP_RATIO = 10.0  # a loss jumping to >= 10x the median of its points before ...
BLOW_UP_SETTLED = 5.5  # ... whose later points stay (median) >= 5.5x that level: no recovery
SPIKE_WINDOW_FRACTION = 0.05  # rolling window: 5% of the series (>= 5 points)
SPIKE_SIGMAS = 10.0  # a spike starts this many rolling sigmas above the rolling median
SPIKE_MIN_RANGE_SHARE = 0.15  # and jumps by at least 15% of the series' range
SPIKE_MIN_RATIO = 2.5  # with a natural zero the peak is >= 2.5x the level before it
SPIKE_VAL_MIN_RATIO = 2.0  # (a val loss, a full evaluation without batch noise: 2x)
SPIKE_TAIL_QUANTILE = 0.99  # and rises >= 10x the series' ordinary excursions above its
SPIKE_TAIL_FACTOR = 10.0  # trend (this quantile of them): per-batch noise is not a spike
SPIKE_LEVEL_BAND = 3.0  # relative excursions are compared among points at a like level
SPIKE_ALONE = 3.0  # a 10x jump 3x above every other point (past the first tenth) stands alone
SPIKE_CLEAR_MARGIN = 2.0  # a spike decides the verdict (severity warning) when it passes the
SPIKE_HUGE_RATIO = 10.0  # (or is >= 10x the level before, passing the tail rule at all)
SPIKE_CLEAR_RATIO = 2.5  # tail rule by 2x and is >= 2.5x the level before; others are info
SPIKE_RECOVERY_SHARE = 0.25  # and it comes back within 25% of the series (>= 3 points)
SPIKE_RECOVERED = 0.5  # "back": below the level before plus half the spike's height,
SPIKE_CONFIRM_SIGMAS = 5.0  # its train candidate: 5 rolling sigmas up (val carries the proof)
SPIKE_VAL_RATIO = 1.3  # a train spike the tail rule turned down counts when val rose 1.3x
SPIKE_VAL_NOISE = 5.0  # and by 5 of its noise sigmas with it (see _confirmed_by_val)
SPIKE_VAL_UNIQUE = 1.5  # ... and that rise is 1.5x any step up val takes elsewhere
SPIKE_VAL_CALM = 0.05  # ... in an otherwise calm val (median swing <= 5% of its level)
SPIKE_VAL_STANDOUT = 4.0  # a val rise 4x any step up it takes elsewhere needs no calm val
SPIKE_VAL_STANDOUT_RATIO = 1.2  # ... and only a 1.2x rise
SPIKE_VAL_OF_GAIN = 0.01  # ... and by 1% of all val gained from its first point at least
SPIKE_SUSTAINED_POINTS = 4  # a spike of a per-step loss by persistence: >= 4 points in a row
SPIKE_SUSTAINED_WINDOW = 0.05  # above the 99% quantile of the 5% of the series before them
SPIKE_SUSTAINED_MIN_WINDOW = 50  # (>= 50 points) and 2x its median,
SPIKE_SUSTAINED_MAX = 3  # at most 3 such runs in a series (more: a pattern, not spikes)
SPIKE_STAYS_DOWN = 3  # and the points after the return (>= 3) stay there
SPIKE_SLOW_WINDOW = 0.25  # spikes lasting several points: the level before is a low quantile
SPIKE_SLOW_QUANTILE = 0.1  # of the preceding quarter of the series ...
SPIKE_SLOW_RATIO = 2.0  # ... and the spike's points are >= 2x that level
SPIKE_SLOW_MAX = 20_000  # series longer than this are searched for sharp spikes only
SPIKE_FILTER_MIN_POINTS = 200  # per-step logs this long are also searched in their running
SPIKE_FILTER_FRACTION = 0.005  # median over this share of the series (>= 5 points)
SPIKE_MAX_SHARE = 0.01  # more spikes than 1% of the points (and > 5): heavy-tailed batch
#                         noise, not spikes
SPIKE_EARLY_SHARE = 0.2  # a spike over by then, from a level still 2x the floor, is
SPIKE_EARLY_LEVEL = 2.0  # early-training instability (info, not the verdict)
SPIKE_RATE_SHARE = 0.025  # nor several candidates making over 2.5% of the points: the rate of
#                           big excursions is what thinning keeps, not their count
ERRATIC_JUMP_OF_GAIN_VAL = 0.35  # val: point-to-point jumps >= 35% of its improvement
ERRATIC_JUMP_OF_GAIN_TRAIN = 0.6  # train (only when there is no val series)
ERRATIC_JUMP_OF_LEVEL = 0.175  # with a natural zero: jumps >= 17.5% of the level as well
ERRATIC_SWING_OF_LEVEL = 0.35  # val's median step-to-step swing around its trend: erratic
BEST_SHORT = 12  # under 12 evaluations the best is the raw best unless it is a lone dip:
BEST_DIP = 2.0  # below both neighbours by 2x the median step-to-step change of the rest
SWING_MIN_WINDOW = 5  # the swing's trend spans 5 points at least: over 3 it follows the noise
ERRATIC_SWING_MANY = 20  # from 20 evaluations on the swing need not be 35% of the improvement,
ERRATIC_SWING_MANY_OF_FIRST = 0.03  # only 3% of all val fell from its first evaluation
ERRATIC_SCORE_SWING = 0.02  # a bounded score (0-1, 0-100) must move 2% of its scale to be erratic
ERRATIC_SWING_WILD = 1.0  # (from 12 evaluations on) a swing as large as the level: erratic
ERRATIC_SWING_STEADY_MIN = 12  # from 12 evaluations on, also: a swing of 12% of the level
ERRATIC_SWING_STEADY_OF_LEVEL = 0.12  # (a bouncing val, not one quantised wobble) that is
ERRATIC_SWING_STEADY_OF_GAIN = 0.15  # 15% of all it improved from its first evaluation,
ERRATIC_SWING_STEADY_LEARNED = 0.1  # which is 10% of the level (else: learned nothing)
ERRATIC_VAL_ALONE_OF_LEVEL = 0.35  # val jumping this share of its level is unstable alone
ERRATIC_TRAIN_NOISE_OF_GAIN = 0.2  # and train's noise >= 20% of its improvement
ERRATIC_TRAIN_ONLY_LEVEL = 0.5  # without val: only while the loss ends >= half its start
ERRATIC_KICK_QUANTILE = 75  # kicked back: in its second half train's upper quartile (not a
ERRATIC_KICK = 0.35  # 90th percentile: that of 20 thinned points is their 2nd largest) is >= 35%
ERRATIC_KICK_SPREAD = 0.5  # of its initial level, its IQR >= half its median, and val's
ERRATIC_KICK_VAL_JUMPS = 0.15  # point-to-point noise >= 15% of val's level
STILL_IMPROVING_SIGMAS = 2.0  # last-quarter slope below zero by > 2 standard errors ...
STILL_IMPROVING_SHARE = 0.08  # ... and still worth >= 8% of the total improvement ...
STILL_IMPROVING_NOISE = 3.0  # ... and >= 3 noise sigmas
STILL_IMPROVING_TAIL = 1 / 3  # the stretch whose slope is measured: the last third
ACCELERATION_MIN_POINTS = 6  # a descent's acceleration is read from 6 points on
STILL_IMPROVING_FEW = 12  # under 12 points, noise is the smaller of scatter and jumps
SATURATED = 0.999  # an accuracy-type series at >= 99.9% of its ceiling cannot improve
TAIL_FRACTION = 0.25  # the "last part" of a series
UNDERFIT_MAX_GAIN_NOISE = 3.0  # improvement below 3 noise sigmas: nothing was learned
UNDERFIT_LEARNED_NOTHING = 0.10  # best level within 10% of the initial loss: nothing learned
UNDERFIT_LEARNED_LITTLE = 0.35  # stalled early having learned < 35% of the initial loss ...
UNDERFIT_EARLY = 0.20  # ... within the first 20% of the run ...
UNDERFIT_NO_GAP = 0.80  # ... with train no lower than 80% of val (no capacity to fit),
UNDERFIT_GOOD_ACCURACY = 0.85  # unless val accuracy reached 85% of its ceiling (noisy labels)
UNDERFIT_CHANCE_RATIO = 1.3  # at chance: val accuracy x e^(best val loss) <= 1.3 (1/C x C) ...
UNDERFIT_CHANCE_LOSS = 0.6  # ... with a best val cross-entropy a guess scores (ln 2 and up),
UNDERFIT_ACCURACY_ROSE = 0.01  # (a converged fine-tune's accuracy rose 1% of its scale)
UNDERFIT_CONVERGED_PACE = 0.5  # a val whose second half fell <= half its first half converged
UNDERFIT_CONVERGED_BEND = 0.02  # (without an accuracy, its second half still fell > 2% as much)
UNDERFIT_FAR_FROM_GUESS = 1.6  # stalled_high: val accuracy x e^(best val loss) >= 1.6 (and
UNDERFIT_GUESS_CAP = 50.0  # <= 50) is a noise floor far above a guess, not a model stalled
UNDERFIT_CHANCE_FLOOR = 0.9  # ... and >= 0.9: a guess scores >= 1 (below: another "accuracy")
UNDERFIT_FLAT_GAIN = 0.10  # flat from the first eval: val never 10% below its first value,
UNDERFIT_FLAT_POINTS = 5  # over >= 5 evals, at >= 30% of the initial train loss, with the
UNDERFIT_FLAT_LEARNED = 0.70  # train loss's second half no lower than 70% of val
UNDERFIT_FLAT_NO_GAP = 0.70
UNDERFIT_FLAT_TIGHT = 0.90  # no accuracy logged (a regression): train >= 90% of val, any level,
UNDERFIT_FLAT_LOOSE = 0.70  # or >= 70% of it over >= 8 evals (5 flat evals prove little when
UNDERFIT_FLAT_POINTS_FIT = 8  # train fits a quarter below val)
UNDERFIT_ACCURACY_KEPT_LEARNING = 0.25  # (flat val loss) accuracy's error cut by a quarter
UNDERFIT_FLAT_KEPT_GAIN = 0.03  # (flat val loss, accuracy classifying well) or val loss -3%
UNDERFIT_SCORE_LEARNED = 0.5  # a held-out score whose error halved since its first eval learned
UNDERFIT_FROZEN_SHARE = 0.001  # a loss moving < 0.1% of its level over >= 5 evals is frozen
UNDERFIT_FROZEN_EVALS = 10  # a val accuracy with one value at >= 10 evals never changed a guess
UNDERFIT_SCORE_LOW = 0.5  # a score judged for learned_nothing stayed under half its scale
UNDERFIT_SCORE_NOTHING = 0.05  # a monitored held-out score whose best stayed <= 5% of its scale
UNDERFIT_NOTHING_EVALS = 15  # over >= 15 evals a val never 5% below its first evaluation learned
UNDERFIT_NOTHING_VAL = 0.05  # nothing, however far train fitted
UNDERFIT_NEVER_FELL_POINTS = 10  # a train loss without val, over >= 10 points, ending no lower
UNDERFIT_NEVER_FELL_FLOOR = 0.75  # than it started and whose trend never got 25% below its start
PLATEAU_FRACTION = 0.3  # flat (within noise) over the last 30% of the series
GRAD_EXPLODE_RATIO = 50.0  # grad_norm max over its median ...
GRAD_WARMUP_SHARE = 0.05  # ... after the first 5% of the points (large at step 1 is normal)
GRAD_VANISH_RATIO = 1e-3  # grad_norm at the end below this share of its early median
LR_FLAT_RATIO = 1.0  # a constant learning rate
LR_LOW_CEILING = 1e-4  # ... at or below this: above it, a run that learned nothing says nothing
# of the rate's direction (Adam at 5e-3 stuck at ln 10 is as likely a rate too high)


ADVICE = {
    "overfitting": ["early stopping at the best step (keep that checkpoint)",
                    "more regularisation: weight decay, dropout, data augmentation",
                    "more training data or a smaller model"],
    "underfitting": ["more capacity (a larger model)", "train longer",
                     "a higher learning rate or less regularisation"],
    "erratic": ["lower the learning rate", "a larger batch size",
                "gradient clipping", "learning-rate warm-up"],
    "diverging": ["lower the learning rate", "gradient clipping", "learning-rate warm-up",
                  "restart from the last good checkpoint",
                  "check the data and the loss for NaN sources"],
    "loss_spike": ["restart from a checkpoint before the spike and skip the batches that caused it",
                   "gradient clipping", "a lower peak learning rate"],
    "still_improving": ["train longer (the curve had not levelled off)",
                        "resume from the last checkpoint with the same schedule"],
    "plateau": ["decay the learning rate on plateau", "stop earlier to save compute"],
    "lr_too_high": ["lower the learning rate (try 3-10x lower)", "learning-rate warm-up"],
    "lr_too_low": ["raise the learning rate (try 3-10x higher)"],
    "exploding_gradients": ["gradient clipping (e.g. max norm 1.0)", "lower the learning rate"],
    "vanishing_gradients": ["check the learning-rate schedule and initialisation",
                            "normalisation layers or residual connections"],
    "non_finite": ["find the first non-finite step; lower the learning rate or use bf16/fp32"],
    "never_computed": ["check how this metric is computed and logged (nothing to fix in training)"],
    "resumed": ["nothing to do: the later write of each step is used"],
}


@dataclass
class RunCurves:
    """The series a run is judged on (all on the monitored series' step axis)."""

    monitored: Series | None
    train: Series | None
    learning_rate: Series | None = None
    grad_norm: Series | None = None
    all: dict[str, Series] = field(default_factory=dict)
    accuracy: Series | None = None  # the val accuracy-type series, for level cues


def _finite(series: Series) -> tuple[np.ndarray, np.ndarray]:
    mask = np.isfinite(series.values)
    return series.steps[mask], series.values[mask]


def _ceiling(series: Series, values: np.ndarray) -> float | None:
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
        return _swing(self.y, first)

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


def _swing(y: np.ndarray, first: int = 0) -> float:
    """The median step-to-step change of ``y`` around its trend (a rolling median over
    ``SWING_MIN_WINDOW`` points at least), from index ``first`` on (``Shape.swing``)."""
    trend = robust.rolling_median(y, robust.odd_window(len(y), minimum=SWING_MIN_WINDOW))
    return float(np.median(np.abs(np.diff((y - trend)[first:]))))


def shape(series: Series) -> Shape | None:
    """The series' shape statistics (computed once per series and cached on it)."""
    if "shape" in series.cache:
        return series.cache["shape"]
    steps, values = _finite(series)
    if len(values) < MIN_POINTS:
        series.cache["shape"] = None
        return None
    ceiling = _ceiling(series, values)
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


def _initial_level(stats: Shape) -> float:
    """The level a curve started from: the highest of its first three points."""
    return float(np.max(stats.y[:3]))


def _level_near(stats: Shape, step: int) -> float:
    """The series' median over the points around ``step`` (two spacings either side)."""
    spacing = float(np.median(np.diff(stats.steps))) if len(stats.steps) > 1 else 1.0
    near = np.abs(stats.steps - step) <= 2 * spacing
    return float(np.median(stats.y[near])) if near.any() else float(stats.y[0])


# --- detectors ---------------------------------------------------------------------------------


def find_non_finite(curves: RunCurves) -> list[Finding]:
    """non_finite: a loss, metric or grad_norm series holds NaN or ±inf.

    One finding per series, at the first non-finite step, with the count.
    Severity error when the monitored series, the train loss or grad_norm is
    affected, else warning. A series other than those that holds no finite value at all
    while the train loss is finite throughout was never computed (Ultralytics' classify
    ``val/loss`` written as nan every epoch), not a training gone wrong: ``info``, with the
    advice to check how it is logged.
    """
    findings = []
    key = {s.name for s in (curves.monitored, curves.train, curves.grad_norm) if s is not None}
    train_finite = curves.train is not None and len(curves.train) > 0 \
        and bool(np.isfinite(curves.train.values).all())
    for series in curves.all.values():
        bad = ~np.isfinite(series.values)
        if not bad.any():
            continue
        first = int(series.steps[np.argmax(bad)])
        evidence = {"count": int(bad.sum()), "first_step": first, "points": len(series)}
        if series.name not in key and bad.all() and train_finite:
            findings.append(Finding(
                "non_finite", "info", series.name, first,
                f"{series.name} holds no finite value at all ({int(bad.sum())} points) while "
                f"{curves.train.name} is finite: it was never computed",
                evidence, ADVICE["never_computed"]))
            continue
        findings.append(Finding(
            "non_finite", "error" if series.name in key else "warning", series.name, first,
            f"{series.name} has {int(bad.sum())} non-finite value(s), the first at step {first}",
            evidence, ADVICE["non_finite"]))
    return findings


def _ends_non_finite(series: Series | None) -> int | None:
    """The step from which a series stays non-finite to its end, if it does."""
    if series is None or len(series) == 0 or np.isfinite(series.values[-1]):
        return None
    finite = np.isfinite(series.values)
    if not finite.any():
        return int(series.steps[0])
    last_finite = len(finite) - 1 - int(np.argmax(finite[::-1]))
    return int(series.steps[last_finite + 1])


def find_diverging(curves: RunCurves) -> list[Finding]:
    """diverging: the loss grows without bound, or turns NaN/inf and stays so.

    Rules (any one; the evidence names the cue): (1) ``non_finite``: the train
    loss, the monitored series or grad_norm ends in non-finite values (HF's
    ``logging_nan_inf_filter`` can hide a NaN loss as 0.0, which is why
    grad_norm and the eval metrics are checked too); (2) ``magnitude``: the
    train loss or the monitored series (lower is better) grew
    ``DIVERGE_MAGNITUDE`` times in magnitude beyond its start (a loss unbounded
    below, such as -1e8, counts);
    (3) ``blew_up`` (``_blew_up``): the monitored val loss jumped tenfold in one
    point and stayed high; (4) ``lost_progress``: the train loss' (else the
    monitored series') trend rose from its floor by at least
    ``DIVERGE_GIVE_BACK`` of the improvement it had made and by more than
    ``DIVERGE_RISE_NOISE`` noise sigmas, or ended ``DIVERGE_TIMES_FLOOR`` times its floor
    with the val loss as high against its own (see ``_lost_progress``) (and, with a natural
    zero, by
    ``DIVERGE_RISE_OF_LEVEL`` of its floor), and the last quarter is not falling
    back (by ``DIVERGE_RECOVERING`` of that rise: a loss collapsed to chance that
    creeps down by 1% is not recovering): the run lost what it had learned and did
    not recover. When train gave back as much but too noisily to pass, the
    monitored val loss is judged the same way (train no better rules out
    overfitting), if val had learned something to lose: its floor is
    ``DIVERGE_RISE_OF_LEVEL`` of itself below its start or train's start. (5)
    ``val_ran_away`` (``_val_ran_away``): val ended several times its best while train got
    worse too. (6) ``metric_collapsed`` (``_metric_collapsed``): a held-out score fell to
    nothing under a frozen loss.
    """
    for series in (curves.train, curves.monitored, curves.grad_norm):
        step = _ends_non_finite(series)
        if step is not None:
            return [Finding(
                "diverging", "error", series.name, step,
                f"{series.name} turned non-finite at step {step} and never recovered",
                {"cue": "non_finite", "margin": math.inf, "non_finite_from_step": step,
                 "last_value": float(series.values[-1])},
                ADVICE["diverging"])]
    found = _grew_unbounded(curves.train) or _grew_unbounded(curves.monitored)
    if not found and curves.monitored is not None and curves.monitored.held_out:
        found = _blew_up(curves.monitored)
    if found:
        return found
    subject = curves.train if _train_judgeable(curves) else curves.monitored
    stats = shape(subject) if subject is not None else None
    if stats is None:
        return []
    val = curves.monitored if curves.monitored is not None and curves.monitored.held_out \
        and curves.monitored.lower_is_better and subject is curves.train else None
    if subject is not curves.train and (_sparse_train_fell(curves.train)
                                        or _sparse_train_below(curves.train, stats)):
        return _metric_collapsed(curves)  # a val losing its progress while train learns
    found = _lost_progress(subject, stats, shape(val) if val is not None else None)
    if not found and subject is curves.train:
        found = _val_lost_progress(curves.monitored, stats)
    if not found and val is not None:
        found = _val_ran_away(val, stats)
    return found or _metric_collapsed(curves)


def _metric_collapsed(curves: RunCurves) -> list[Finding]:
    """find_diverging's rule (6) ``metric_collapsed``: a held-out score on a bounded scale
    (accuracy, Dice, F1, IoU: 0-1 or 0-100) that reached ``COLLAPSE_MIN_BEST`` of its ceiling
    ended (its last ``DIVERGE_HELD_POINTS`` points or more, all of them) at most
    ``COLLAPSE_SHARE`` of its best, while a loss froze (``_frozen``): the network died (a
    segmentation whose Dice fell from 0.72 to 0 while its loss froze at a lower value looks
    better by the loss alone; an F1 falling to 0 as a live model settles on the majority class
    is not this). The frozen loss must have learned first, ending ``UNDERFIT_LEARNED_NOTHING``
    below its initial level: one frozen where it started (0.693 = ln 2 from the first epoch)
    never learned, and its accuracy flipping about the threshold is no collapse."""
    if not any(_frozen(s) and _frozen_below_start(s)
               for s in (curves.train, curves.monitored) if s is not None):
        return []
    for series in curves.all.values():
        if not series.held_out or series.lower_is_better:
            continue
        stats = shape(series)
        if stats is None or stats.ceiling is None or len(stats.y) < 2 * DIVERGE_HELD_POINTS:
            continue
        values = stats.raw(stats.y)
        best = float(np.max(values))
        last = values[-max(DIVERGE_HELD_POINTS, len(values) // 4):]
        if best < COLLAPSE_MIN_BEST * stats.ceiling or float(np.max(last)) > COLLAPSE_SHARE * best:
            continue
        onset = int(stats.steps[int(np.argmax(values))])
        return [Finding(
            "diverging", "error", series.name, onset,
            f"{series.name} collapsed from {_fmt(best)} at step {onset} to "
            f"{_fmt(float(values[-1]))} and stayed there",
            {"cue": "metric_collapsed", "margin": COLLAPSE_SHARE * best / max(float(np.max(last)),
                                                                           1e-12),
             "best": best, "end": float(values[-1])}, ADVICE["diverging"])]
    return []


def _frozen(series: Series) -> bool:
    """True when a loss's last quarter (``FROZEN_POINTS`` points or more) holds one value, to
    ``FROZEN_SPREAD`` of it, away from zero: the weights stopped changing (a memorised loss
    frozen at 0 is not this)."""
    values = series.values[np.isfinite(series.values)]
    last = values[-(len(values) // 4):] if len(values) >= 4 * FROZEN_POINTS else values[:0]
    if not series.lower_is_better or len(last) < FROZEN_POINTS:
        return False
    level = float(np.median(np.abs(last)))
    return level > 0 and float(np.ptp(last)) <= FROZEN_SPREAD * level


def _frozen_below_start(series: Series) -> bool:
    """True when a loss ended ``UNDERFIT_LEARNED_NOTHING`` below the highest of its first
    three points (``_metric_collapsed``)."""
    stats = shape(series)
    return stats is not None and stats.end <= (1 - UNDERFIT_LEARNED_NOTHING) * _initial_level(stats)


def _val_ran_away(val: Series, train: Shape) -> list[Finding]:
    """find_diverging's rule (5): the val loss ended (the median of its last
    ``DIVERGE_HELD_POINTS`` points) ``DIVERGE_TIMES_FLOOR`` times its best level, having
    learned (its first point that far above its best too), while train ended worse than it
    was at val's best (by its sigma): a rise train shares is not overfitting, and a run whose
    val ends several times its best lost what it had learned (a learning-rate restart that
    threw val from 0.055 to 0.5-1.1)."""
    stats = shape(val)
    if stats is None or not stats.zero or len(stats.y) < 2 * DIVERGE_HELD_POINTS:
        return []
    best = stats.best_level()
    held = float(np.median(stats.y[-DIVERGE_HELD_POINTS:]))
    onset = int(stats.steps[stats.best_index])
    train_then = _level_near(train, onset)
    if best <= 0 or held < DIVERGE_TIMES_FLOOR * best or stats.first < DIVERGE_TIMES_FLOOR * best \
            or train.end <= train_then + train.sigma:
        return []
    return [Finding(
        "diverging", "error", val.name, onset,
        f"{val.name} rose from {_fmt(stats.raw(best))} at step {onset} to "
        f"{_fmt(stats.raw(held))} over its last points, and the train loss got worse with it "
        f"({_fmt(train.raw(train_then))} to {_fmt(train.raw(train.end))})",
        {"cue": "val_ran_away", "margin": held / best / DIVERGE_TIMES_FLOOR, "best": best,
         "end": held, "train_at_best": train_then, "train_end": train.end},
        ADVICE["diverging"])]


def _sparse_train_fell(train: Series | None) -> bool:
    """True when a train loss too sparse for rule (4) (see ``_train_judgeable``) has
    ``DIVERGE_SPARSE_TRAIN_POINTS`` finite points or more and its last is
    ``DIVERGE_SPARSE_TRAIN_FELL`` below its first: the model kept fitting, so a val loss that
    lost its progress beside it is overfitting's to judge, not a divergence (a one-class val
    set whose loss climbs 34x while seven train points fall 2.6 -> 1.0)."""
    if train is None:
        return False
    values = train.values[np.isfinite(train.values)]
    return len(values) >= DIVERGE_SPARSE_TRAIN_POINTS and float(values[0]) > 0 \
        and float(values[-1]) <= (1 - DIVERGE_SPARSE_TRAIN_FELL) * float(values[0])


def _sparse_train_below(train: Series | None, val: Shape) -> bool:
    """True when a train loss too sparse for rule (4) ends ``DIVERGE_SPARSE_TRAIN_BELOW`` of
    the val loss's best level or lower (``val`` is that loss's shape, natural zero): the model
    fits its train set far better than val ever got, so a val loss losing its progress beside
    it is overfitting's to judge (an LM fine-tuned for 60 epochs on a small set, whose one
    logged train loss, 2.41, sits far under a val loss climbing 4.07 -> 5.45)."""
    if train is None or not val.zero or val.ceiling is not None:
        return False
    values = train.values[np.isfinite(train.values)]
    best = val.best_level()
    return len(values) > 0 and best > 0 and float(values[-1]) >= 0 \
        and float(values[-1]) <= DIVERGE_SPARSE_TRAIN_BELOW * best


def _train_judgeable(curves: RunCurves) -> bool:
    """find_diverging's rule (4) reads the train loss when it has ``MIN_POINTS`` points, unless
    it has fewer than ``DIVERGE_FEW_TRAIN_POINTS`` and the held-out series more (four per-step
    train losses beside 41 evaluations are four batches, not a curve)."""
    train, val = curves.train, curves.monitored
    if train is None or len(train) < MIN_POINTS:
        return False
    return not (val is not None and val.held_out and len(train) < DIVERGE_FEW_TRAIN_POINTS
                and len(val) > len(train))


def _val_lost_progress(val: Series | None, train: Shape) -> list[Finding]:
    """find_diverging's rule (4) on the held-out loss, when the train loss gave back
    ``DIVERGE_GIVE_BACK`` of its improvement but too noisily to pass: only if val had learned
    something to lose (its floor ``DIVERGE_RISE_OF_LEVEL`` of itself below its start or
    train's start)."""
    if val is None or not val.held_out or not val.lower_is_better \
            or train.start <= train.floor \
            or train.give_back < DIVERGE_GIVE_BACK * (train.start - train.floor):
        return []
    stats = shape(val)
    if stats is None or max(stats.start, train.start) - stats.floor \
            < DIVERGE_RISE_OF_LEVEL * abs(stats.floor):
        return []
    return _lost_progress(val, stats)


def _grew_unbounded(series: Series | None) -> list[Finding]:
    """find_diverging's rule (2) on one series: the median magnitude of its last tenth is
    ``DIVERGE_MAGNITUDE`` times its start (the larger of its first point and the median of
    its first tenth: a loss that fell to 3e-5 at once and spikes to 21 at the end did not
    grow without bound). Also on the monitored val loss: one blown up to 1e12
    diverged even when the thinned train loss no longer shows it."""
    stats = shape(series) if series is not None and series.lower_is_better else None
    if stats is None:
        return []
    _, raw = _finite(series)
    head = max(float(np.median(np.abs(raw[: robust.edge_count(len(raw))]))), abs(float(raw[0])))
    tail_peak = float(np.median(np.abs(raw[-robust.edge_count(len(raw)):])))
    if head <= 0 or tail_peak <= DIVERGE_MAGNITUDE * head:
        return []
    return [Finding(
        "diverging", "error", series.name, int(stats.steps[-1]),
        f"{series.name} grew in magnitude from about {_fmt(head)} to {_fmt(tail_peak)}",
        {"cue": "magnitude", "margin": tail_peak / head / DIVERGE_MAGNITUDE,
         "start_magnitude": head, "end_magnitude": tail_peak,
         "ratio": tail_peak / head}, ADVICE["diverging"])]


def _blew_up(series: Series | None) -> list[Finding]:
    """find_diverging's rule (3): a loss (natural zero) jumped in one point to
    ``BLOW_UP_RATIO`` times the median of the points before it (the spike detector's rolling
    window, at least 3 points), and the points after it never came back under
    ``BLOW_UP_SETTLED`` times that level (``_lowest_after``): it blew up and stayed up (a
    spike comes back; see ``_stayed_high``). A log that ends on such a jump (its last point)
    blew up too: nothing shows it came back."""
    stats = shape(series) if series is not None and series.lower_is_better else None
    if stats is None or not stats.zero:
        return []
    y = stats.y
    window = max(5, int(round(len(y) * SPIKE_WINDOW_FRACTION)))
    before = pd.Series(y).shift(1).rolling(window, min_periods=3).median().to_numpy()
    with np.errstate(invalid="ignore"):
        jumps = np.flatnonzero((before > 0) & (y >= BLOW_UP_RATIO * before))
    for index in jumps.tolist():
        level, settled = float(before[index]), _lowest_after(y[index + 1:])
        step = int(stats.steps[index])
        if index == len(y) - 1:  # the log ends on the blow-up: nothing shows it came back
            return [Finding(
                "diverging", "error", series.name, step,
                f"{series.name} blew up from about {_fmt(level)} to {_fmt(float(y[index]))} at "
                f"step {step}, its last point",
                {"cue": "blew_up", "margin": float(y[index]) / level / BLOW_UP_RATIO,
                 "level_before": level, "peak": float(y[index]), "settled": "Infinity",
                 "settled_ratio": "Infinity"}, ADVICE["diverging"])]
        if settled is None or settled < BLOW_UP_SETTLED * level:
            continue
        return [Finding(
            "diverging", "error", series.name, step,
            f"{series.name} blew up from about {_fmt(level)} to {_fmt(float(y[index]))} at step "
            f"{step} and never came back (the points after stay at {_fmt(settled)} or above)",
            {"cue": "blew_up", "margin": settled / level / BLOW_UP_SETTLED, "level_before": level,
             "peak": float(y[index]), "settled": settled, "settled_ratio": settled / level},
            ADVICE["diverging"])]
    return []


def _lost_progress(subject: Series, stats: Shape, val: Shape | None = None) -> list[Finding]:
    """find_diverging's rule (4): the trend gave back most of its gain and stays up, or (a
    loss with a natural zero) ended ``DIVERGE_TIMES_FLOOR`` times its floor having given back
    ``DIVERGE_TIMES_FLOOR_GIVE_BACK`` of its gain, with the val loss (when there is one, as
    ``val``) as high against its own floor: a memorised train loss bouncing off 1e-8 while
    val stays put has lost nothing. The rise is the lesser of the end's and that of the median
    of the last ``DIVERGE_HELD_POINTS`` points (at least): one bad batch at the end of a
    short, bouncing log is not a loss that stays up."""
    span = stats.start - stats.floor
    last = stats.y[-max(DIVERGE_HELD_POINTS, robust.edge_count(len(stats.y))):]
    rise = min(stats.give_back, max(float(np.median(last)) - stats.floor, 0.0))
    tail = stats.y[-robust.edge_count(len(stats.y), TAIL_FRACTION):]
    slope, stderr = robust.slope_per_index(tail)
    recovering = math.isfinite(slope) and slope < 0 and (stderr == 0 or -slope > 2 * stderr) \
        and -slope * len(tail) >= DIVERGE_RECOVERING * rise
    floor_at_end = stats.floor_index >= len(stats.y) - robust.edge_count(len(stats.y))
    lost = rise >= DIVERGE_GIVE_BACK * span if span > 0 else rise > 0
    lost = lost or (_times_floor(stats) and rise >= DIVERGE_TIMES_FLOOR_GIVE_BACK * span
                    and (val is None or _times_floor(val)))
    if not lost or rise <= DIVERGE_RISE_NOISE * stats.sigma or recovering or floor_at_end:
        return []
    if stats.zero and stats.floor > 0 and rise < DIVERGE_RISE_OF_LEVEL * stats.floor:
        return []  # a flat loss wandering by 1% of its level lost nothing
    onset = int(stats.steps[stats.floor_index])
    return [Finding(
        "diverging", "error", subject.name, onset,
        f"{subject.name} rose from {_fmt(stats.raw(stats.floor))} at step {onset} "
        f"to {_fmt(stats.raw(stats.end))} (it started at {_fmt(stats.raw(stats.start))})",
        {"cue": "lost_progress",
         "margin": min(rise / span / DIVERGE_GIVE_BACK if span > 0 else math.inf,
                       rise / (DIVERGE_RISE_NOISE * stats.sigma) if stats.sigma > 0 else math.inf),
         "start": stats.raw(stats.start),
         "best_trend": stats.raw(stats.floor), "end": stats.raw(stats.end),
         "given_back": rise / span if span > 0 else "Infinity", "noise_sigma": stats.sigma},
        ADVICE["diverging"])]


def _times_floor(stats: Shape) -> bool:
    """A loss with a natural zero that ends ``DIVERGE_TIMES_FLOOR`` times its trend's floor."""
    return stats.zero and stats.floor > 0 and stats.end >= DIVERGE_TIMES_FLOOR * stats.floor


def find_overfitting(curves: RunCurves, spikes: list[Finding] | None = None) -> list[Finding]:
    """overfitting: val got worse after its best point, beyond its noise, while train did not.

    The onset is the monitored (val) series' best step; its level there is
    read off the trend, so a best that is a noise dip does not count as the
    best. Flagged when at least ``OVERFIT_MIN_POINTS_AFTER_BEST`` evaluations
    follow it and (1) the points of the end stretch (the last
    ``OVERFIT_END_SHARE`` of the points after the best, at least 2) sit above
    the best (a share ``OVERFIT_END_ABOVE`` of them, rounded, so that from 5 points on one
    noise dip may fall below: a count, not the lowest
    point, so that logging val more often does not change the answer) and
    their median by more than ``OVERFIT_MIN_RISE_NOISE`` standard
    errors (the scatter of the points after the best around their straight
    line when there are ``OVERFIT_LINE_POINTS`` of them, else the series' noise, over the
    square root of the stretch's length): a sustained rise,
    not val bouncing (the rise is their median's, or, when val climbed at every one of
    ``OVERFIT_LINE_POINTS`` evaluations or more after its best, its last point's); (2) the
    rise is at least ``OVERFIT_MIN_RISE_OF_GAIN``
    of the improvement val made before its best, from its first point (when the best
    is the first evaluation: half the val range) and, for a loss with a natural zero, at
    least ``OVERFIT_MIN_RISE_OF_LEVEL`` of the best level (``OVERFIT_GAVE_BACK_LEVEL`` when
    val gave back ``OVERFIT_GAVE_BACK`` of its gain and train kept fitting, see
    ``_train_kept_fitting``), and for a bounded score (accuracy, fitness: 0-1 or 0-100) the
    end stretch's median at least ``OVERFIT_SCORE_MIN_DROP`` of its scale below its best raw
    point; (3) the train loss
    ends no worse than at the val best (``OVERFIT_TRAIN_SLACK`` of its sigma
    of slack): a rise that train shares is divergence or instability. A rise
    that starts at a train loss spike (val still near its best until the
    spike) is the spike's doing.
    """
    val = curves.monitored
    stats = shape(val) if val is not None and val.held_out else None
    found = _sustained_rise(stats, _score_worsened(curves, stats)) if stats is not None else None
    if found is None:
        return []
    best, rise, gain, standard_error = found
    onset = int(stats.steps[stats.best_index])
    if _rise_is_a_spike(stats, best, rise, onset, spikes or [], val.name):
        return []
    margins = [rise / (OVERFIT_MIN_RISE_NOISE * standard_error) if standard_error > 0 else math.inf,
               rise / (OVERFIT_MIN_RISE_OF_GAIN * gain) if gain > 0 else math.inf,
               rise / (OVERFIT_MIN_RISE_OF_LEVEL * best) if stats.zero and best > 0 else math.inf]
    evidence = {"cue": "sustained_rise", "margin": min(margins), "best_step": onset,
                "best_value": stats.raw(float(stats.y[stats.best_index])),
                "best_level": stats.raw(best),
                "end_level": stats.raw(best + rise), "last_value": stats.raw(float(stats.y[-1])),
                "rise_over_gain": rise / gain if gain > 0 else "Infinity",
                "rise_over_noise": rise / standard_error if standard_error > 0 else "Infinity"}
    train_text = _train_since(curves.train, onset, evidence)
    if train_text is None or (rise < OVERFIT_MIN_RISE_OF_LEVEL * best and stats.zero
                              and not _train_kept_fitting(evidence)):
        return []
    pct = rise / abs(best) if stats.zero and best else math.nan
    rise_text = f"{pct:.0%}" if math.isfinite(pct) else _fmt(rise)
    direction = "rose" if val.lower_is_better else "fell"
    return [Finding(
        "overfitting", "warning", val.name, onset,
        f"{val.name} {direction} {rise_text} after its best at step {onset}{train_text}",
        evidence, ADVICE["overfitting"])]


def _sustained_rise(stats: Shape, corroborated: bool = False
                    ) -> tuple[float, float, float, float] | None:
    """(best level, rise, gain before the best, standard error) when val's end stretch sits
    above its best by rules (1) and (2) of find_overfitting, else None; rule (2)'s share of
    the gain is waived for a loss that rose ``OVERFIT_CORROBORATED_RISE`` of its best level
    while a held-out score got worse with it (``corroborated``)."""
    after = len(stats.y) - 1 - stats.best_index
    if after < OVERFIT_MIN_POINTS_AFTER_BEST:
        return None
    best = stats.best_before_rise()
    end_stretch = stats.y[-max(2, math.ceil(after * OVERFIT_END_SHARE)):]
    rise = float(np.median(end_stretch)) - best
    gain = max(stats.first - best, 0.0)
    after_best = stats.y[stats.best_index + 1:]
    if after >= OVERFIT_LINE_POINTS and bool(np.all(np.diff(after_best) > 0)):
        rise = max(rise, float(after_best[-1]) - best)  # a climb at every evaluation
    noise = robust.scatter_around_line(after_best) if after >= OVERFIT_LINE_POINTS \
        else stats.noise
    standard_error = noise / math.sqrt(len(end_stretch))
    allowed_below = round(len(end_stretch) * (1 - OVERFIT_END_ABOVE))
    if int(np.sum(end_stretch <= best)) > allowed_below \
            or rise <= OVERFIT_MIN_RISE_NOISE * standard_error:
        return None
    if gain > 0 and rise < OVERFIT_MIN_RISE_OF_GAIN * gain and not (
            corroborated and stats.zero and rise >= OVERFIT_CORROBORATED_RISE * best):
        return None
    if gain == 0 and rise < 0.5 * float(np.ptp(stats.smooth)):
        return None
    if stats.zero and best > 0 and rise < OVERFIT_MIN_RISE_OF_LEVEL * best \
            and not (gain > 0 and rise >= OVERFIT_GAVE_BACK * gain
                     and rise >= OVERFIT_GAVE_BACK_LEVEL * best):
        return None
    if _recovering_from_a_jump(stats, best, rise):
        return None
    if stats.ceiling is not None and float(np.median(end_stretch)) - float(
            stats.y[stats.best_index]) < OVERFIT_SCORE_MIN_DROP * stats.ceiling:
        return None  # a top-1 accuracy 0.953 -> 0.947: large against 1 - 0.953, not a drop
    return best, rise, gain, standard_error


def _train_kept_fitting(evidence: dict) -> bool:
    """True when the train loss fell ``OVERFIT_TRAIN_FELL`` of its level at the val best by
    the end: a val rise under ``OVERFIT_MIN_RISE_OF_LEVEL`` of its best (let through because
    val gave back much of its gain) is overfitting only while train clearly keeps fitting;
    a train loss bouncing at one level beside a bouncing val is no memorising."""
    at_best, end = evidence.get("train_at_best"), evidence.get("train_end")
    if at_best is None or end is None or at_best <= 0:
        return True  # no train loss to ask
    return end <= (1 - OVERFIT_TRAIN_FELL) * at_best


def _score_worsened(curves: RunCurves, stats: Shape) -> bool:
    """True when a bounded held-out score beside the monitored val loss (accuracy, IoU, F1 in
    its split, on its axis) got worse after the loss's best: over the end stretch (the last
    half of the points after that best) its median distance from the ceiling is
    ``OVERFIT_SCORE_WORSE`` times that around the best and ``OVERFIT_SCORE_WORSE_SHARE`` of the
    scale more. A val loss whose first evaluation (an untrained 0.76) dwarfs a late climb
    from 0.052 to 0.156 overfits when the accuracy falls 0.969 -> 0.93 with it; a loss
    drifting up under a flat accuracy (growing over-confidence) is not corroborated."""
    monitored = curves.monitored
    after = len(stats.y) - 1 - stats.best_index
    if monitored is None or not monitored.lower_is_better or after <= 0:
        return False
    onset = int(stats.steps[stats.best_index])
    start = int(stats.steps[-max(2, math.ceil(after * OVERFIT_END_SHARE))])
    for score in _held_out_scores(curves):
        end = score.y[score.steps >= start]
        if not len(end):
            continue
        at_best, late = _level_near(score, onset), float(np.median(end))
        if late >= OVERFIT_SCORE_WORSE * at_best \
                and late - at_best >= OVERFIT_SCORE_WORSE_SHARE * score.ceiling:
            return True
    return False


def _held_out_scores(curves: RunCurves) -> Iterator[Shape]:
    """The shapes of the bounded held-out scores beside the monitored series (accuracy, IoU,
    F1, Dice on a 0-1 or 0-100 scale, in its split and on its step axis)."""
    monitored = curves.monitored
    if monitored is None or not monitored.held_out:
        return
    for series in curves.all.values():
        if series.split == monitored.split and not series.lower_is_better \
                and same_domain(series, monitored):
            score = shape(series)
            if score is not None and score.ceiling is not None:
                yield score


def _recovering_from_a_jump(stats: Shape, best: float, rise: float) -> bool:
    """True when val jumped right after its best (its highest point after the best comes
    within ``OVERFIT_JUMP_POINTS`` evaluations and stands ``OVERFIT_JUMP_OVER_RISE`` times the
    end's rise above the best) and has been coming down since: the tail of a spike's
    recovery, not a sustained rise (overfitting climbs towards the end)."""
    after = stats.y[stats.best_index + 1:]
    if not len(after):
        return False
    peak = int(np.argmax(after))
    return peak < OVERFIT_JUMP_POINTS and float(after[peak]) - best >= OVERFIT_JUMP_OVER_RISE * rise


def _rise_is_a_spike(stats: Shape, best: float, rise: float, onset: int,
                     spikes: list[Finding], name: str) -> bool:
    """True when val was still near its best until a clear train spike, and rose with it,
    and the spike had not recovered before val's end stretch began (train back to normal
    for half the run while val stays up is not the spike's doing)."""
    after = len(stats.y) - 1 - stats.best_index
    stretch_start = int(stats.steps[-max(2, math.ceil(after * OVERFIT_END_SHARE))])
    for spike in spikes:
        step = spike.step if spike.series != name and spike.severity != "info" else None
        if step is None or not onset < step <= int(stats.steps[-1]) \
                or spike.evidence.get("recovered_at_step", step) < stretch_start:
            continue
        before = stats.y[(stats.steps >= onset) & (stats.steps < step)]
        if len(before) and float(np.median(before[-2:])) - best < rise / 2:
            return True
    return False


def _train_since(train: Series | None, onset: int, evidence: dict) -> str | None:
    """How train moved after the val best (None: it got worse too, so no overfitting)."""
    stats = shape(train) if train is not None else None
    if stats is None:
        return ""
    at_best, train_end = _level_near(stats, onset), stats.end
    if train_end > at_best + OVERFIT_TRAIN_SLACK * robust.noise(stats.y):
        return None
    evidence.update({"train_at_best": stats.raw(at_best), "train_end": stats.raw(train_end)})
    change = (train_end - at_best) / abs(at_best) if at_best else math.nan
    if not math.isfinite(change):
        return ""
    return f" while {train.name} went {'down' if change <= 0 else 'up'} {abs(change):.0%}"


def find_loss_spikes(curves: RunCurves) -> list[Finding]:
    """loss_spike: a sharp transient jump that recovers (one finding per spike).

    As OLMo-core's stability monitor: a spike starts at a point above the rolling
    median of the preceding window (``SPIKE_WINDOW_FRACTION`` of the series, at
    least 5 points) by more than ``SPIKE_SIGMAS`` rolling sigmas (from the window's
    interquartile range) and by at least ``SPIKE_MIN_RANGE_SHARE`` of the series'
    range. Consecutive high points are one spike: it lasts until the series comes
    back below the level before it plus ``SPIKE_RECOVERED`` of its height, which
    must happen within ``SPIKE_RECOVERY_SHARE`` of the series (else it is a level
    shift or a divergence). With a natural zero the peak must be ``SPIKE_MIN_RATIO``
    times the level before (``SPIKE_VAL_MIN_RATIO`` on a val series: a full
    evaluation has no batch noise, and there that ratio is also clear), and the rise
    must be ``SPIKE_TAIL_FACTOR`` times the series' ordinary excursions
    (``_beyond_the_tail``). Spikes that build up over several points are found
    against a low quantile of the level before (``_slow_candidates``). Checked on
    the train loss and on the monitored val series. More spikes than
    ``SPIKE_MAX_SHARE`` of the points are the heavy tail of per-batch losses, not
    spikes, and none is reported. A spike is a warning, and can decide the verdict,
    when it is clear: it passes the tail rule by ``SPIKE_CLEAR_MARGIN`` and is
    ``SPIKE_CLEAR_RATIO`` times the level before it, or it is ``SPIKE_HUGE_RATIO``
    times that level; a smaller one is reported as info, and so is a train spike whose peak
    stays under the val loss' level (``_below_val``).
    """
    findings: list[Finding] = []
    subjects = [curves.train, curves.monitored if curves.monitored is not curves.train else None]
    for subject in subjects:
        if subject is not None:
            findings.extend(_spikes_in(subject))
    findings = [_with_val_rise(curves, _below_val(curves, f)) for f in findings]
    confirmed = _confirmed_by_val(curves, findings)
    steps = {(f.series, f.step) for f in confirmed}
    return [f for f in findings if (f.series, f.step) not in steps] + confirmed


def _below_val(curves: RunCurves, spike: Finding) -> Finding:
    """A train spike whose peak stays under the val loss' level before it is ``info``: a
    memorised train loss hiccuping far below what the model scores on unseen data (5e-5 to
    0.08 under a val loss of 0.24) disturbs nothing an engineer acts on."""
    stats = _val_loss_beside(curves, spike)
    if stats is None:
        return spike
    before = stats.y[stats.steps <= spike.step][-3:]
    if not len(before) or spike.evidence["value"] >= float(np.median(before)):
        return spike
    return replace(spike, severity="info")


def _spikes_in(subject: Series) -> list[Finding]:
    stats = shape(subject)
    if stats is None or len(stats.y) < 12:
        return []
    findings = []
    on_val = subject.held_out
    min_ratio = SPIKE_VAL_MIN_RATIO if on_val else SPIKE_MIN_RATIO
    clear_ratio = SPIKE_VAL_MIN_RATIO if on_val else SPIKE_CLEAR_RATIO
    events = _spike_events(stats, min_ratio, on_val)
    sustained = [] if on_val else _sustained_events(stats)
    merged = _merged(stats.y, events + sustained)
    starts = {event[0] for event in merged if _overlaps(event, sustained)}
    steps = stats.steps
    for start, peak, end, base, margin in merged:
        step = int(steps[peak])
        raw_peak, raw_base = stats.raw(float(stats.y[peak])), stats.raw(base)
        duration = int(steps[end - 1]) - int(steps[start]) if end - 1 > start else 0
        ratio = float(stats.y[peak] / base) if stats.zero and base > 0 else None
        clear = (margin >= SPIKE_CLEAR_MARGIN and (ratio is None or ratio >= clear_ratio)) \
            or (ratio is not None and ratio >= SPIKE_HUGE_RATIO) \
            or (start in starts and ratio is not None and ratio >= SPIKE_CLEAR_RATIO)
        clear = clear and not _early_instability(stats, end, base)
        cue = "sustained" if start in starts else "multi_point" if end - start > 1 else "sharp"
        findings.append(Finding(
            "loss_spike", "warning" if clear else "info", subject.name, step,
            f"{subject.name} jumped from about {_fmt(raw_base)} to {_fmt(raw_peak)} at step {step} "
            f"and recovered by step {int(steps[end])}",
            {"cue": cue, "margin": margin,
             "step": step, "value": raw_peak, "before": raw_base,
             "height_ratio": ratio,
             "start_step": int(steps[start]), "duration_steps": duration,
             "points": end - start, "recovered_at_step": int(steps[end])},
            ADVICE["loss_spike"]))
    return findings


def _confirmed_by_val(curves: RunCurves, found: list[Finding]) -> list[Finding]:
    """Train spikes that the tail rule turned down but the val loss confirms.

    The tail rule rejects a train spike that does not stand out of the
    per-batch losses' ordinary excursions, which a spike lasting tens of steps
    inflates with its own slow decay. A hard batch leaves the weights alone; a
    learning-rate bump or poisoned batches do not: a train candidate (its jump
    measured against the range after the first tenth, which a loss falling 100x at
    the start would otherwise dwarf; a clear
    ``SPIKE_CLEAR_RATIO`` jump, not early instability) counts when the val loss,
    within two evaluations of its end, rose ``SPIKE_VAL_RATIO`` times its level
    before and by ``SPIKE_VAL_NOISE`` of its noise (the larger of its sigma and its
    median step-to-step swing around its trend: a val curve that bounces anyway confirms
    nothing), a rise ``SPIKE_VAL_UNIQUE`` times any step up val takes elsewhere
    (after its first tenth), in a val curve otherwise calm (its median swing after its first
    tenth at most ``SPIKE_VAL_CALM`` of its level: an otherwise healthy run; the steep first
    drop of a val evaluated a dozen times is no bouncing). A rise ``SPIKE_VAL_STANDOUT``
    times any step up elsewhere stands out of the val curve by itself: it needs no calm val
    (a regression's val swinging 6% of its level, bumping 2x at an LR bump) or, in a calm
    val, only a ``SPIKE_VAL_STANDOUT_RATIO`` rise (a language model near its entropy
    floor, poisoned batches moving its val 1.20 -> 1.52). A rise of ``SPIKE_VAL_OF_GAIN``
    of all val gained at least (a val loss of 1e-4 bumping to 6e-4 after falling from 0.6
    has lost nothing that matters), and came back at
    least half way in the evaluations after its peak (else it is a level shift or a
    divergence). Since val carries the proof, the train candidate needs only
    ``SPIKE_CONFIRM_SIGMAS`` rolling sigmas (as well as those ``SPIKE_SIGMAS`` finds, which
    a noisy band at 5 sigmas can drown: per-step losses of small batches hide a 3x LR
    bump in their band) and need not settle at once
    (``_recovered``'s ``settled``: a long LR bump decays slowly), but its peak must
    reach val's level before it (a memorised train loss hiccuping at a hundredth of
    val's level is no spike). All the
    candidates must point at one val bump, its peak evaluation (reported once, at the highest train
    point): a val curve that bumps again and again along with train's hard
    batches is bouncing on its own. A bump a train spike found on its own points at is
    that spike's, and confirms no later candidate (the spike's tail).
    """
    train, val = curves.train, curves.monitored
    if train is None or val is None or val is train or not val.held_out \
            or not val.lower_is_better:
        return []
    stats, val_stats = shape(train), shape(val)
    if stats is None or val_stats is None or not stats.zero or not val_stats.zero \
            or len(stats.y) < 12:
        return []
    taken = {f.step for f in found if f.series == train.name and f.severity != "info"}
    findings = []
    body_range = _value_range(stats.y[robust.edge_count(len(stats.y)):])  # no first drop
    candidates = [event for sigmas in (SPIKE_SIGMAS, SPIKE_CONFIRM_SIGMAS)
                  for event in _candidate_events(stats.y, stats, stats.sigma, True, body_range,
                                                 settled=False, sigmas=sigmas)]
    for start, peak, end, base in _merged(stats.y, candidates):
        step = int(stats.steps[peak])
        if step in taken or base <= 0 or stats.y[peak] < SPIKE_CLEAR_RATIO * base \
                or _early_instability(stats, end, base):
            continue
        confirmed = _val_rose_with(val_stats, int(stats.steps[start]), int(stats.steps[end]))
        if confirmed is None or stats.y[peak] < confirmed["val_before"]:
            continue  # a memorised train loss hiccuping far below val's level is no spike
        findings.append(Finding(
            "loss_spike", "warning", train.name, step,
            f"{train.name} jumped from about {_fmt(base)} to {_fmt(float(stats.y[peak]))} at "
            f"step {step} and {val.name} rose with it ({_fmt(confirmed['val_before'])} to "
            f"{_fmt(confirmed['val_peak'])}) before both came back",
            {"cue": "confirmed_by_val", "margin": min(
                float(stats.y[peak]) / base / SPIKE_CLEAR_RATIO, confirmed["margin"]),
             "step": step, "value": float(stats.y[peak]), "before": base,
             "height_ratio": float(stats.y[peak]) / base, "start_step": int(stats.steps[start]),
             "points": end - start, "recovered_at_step": int(stats.steps[end]), **confirmed},
            ADVICE["loss_spike"]))
    explained = {f.evidence.get("val_peak_step") for f in found if f.series == train.name}
    findings = [f for f in findings if f.evidence["val_peak_step"] not in explained]
    events = {f.evidence["val_peak_step"] for f in findings}
    if len(events) > 1:
        return []  # val bumps again and again with train's hard batches: its own bouncing
    return [max(findings, key=lambda f: f.evidence["value"])] if findings else []


def _with_val_rise(curves: RunCurves, spike: Finding) -> Finding:
    """A train spike found on its own (a warning), with the val bump that rose with it, if
    one did (``_val_rose_with``): its evidence gains ``val_before``, ``val_peak`` and
    ``val_peak_step``, its message says so, and no later train candidate pointing at that
    bump is reported again (``_confirmed_by_val``: the spike's tail)."""
    stats = _val_loss_beside(curves, spike)
    if stats is None:
        return spike
    rose = _val_rose_with(stats, spike.evidence["start_step"], spike.evidence["recovered_at_step"])
    if rose is None:
        return spike
    rise = {key: value for key, value in rose.items() if key != "margin"}
    before, peak = _fmt(stats.raw(rose["val_before"])), _fmt(stats.raw(rose["val_peak"]))
    return replace(spike, message=f"{spike.message}; {curves.monitored.name} rose with it "
                   f"({before} to {peak})", evidence={**spike.evidence, **rise})


def _val_loss_beside(curves: RunCurves, spike: Finding) -> Shape | None:
    """The shape of the held-out val loss (natural zero) a train spike is read against, when
    ``spike`` is a train warning and there is such a val loss (``_below_val``,
    ``_with_val_rise``), else None."""
    train, val = curves.train, curves.monitored
    if spike.severity == "info" or train is None or spike.series != train.name \
            or val is None or val is train or not val.held_out or not val.lower_is_better:
        return None
    stats = shape(val)
    return stats if stats is not None and stats.zero else None


def _val_rose_with(val: Shape, start_step: int, end_step: int) -> dict | None:
    """find_loss_spikes' val confirmation (see ``_confirmed_by_val``), else None."""
    spacing = float(np.median(np.diff(val.steps))) if len(val.steps) > 1 else 0.0
    before = val.y[val.steps < start_step][-3:]
    inside = (val.steps >= start_step) & (val.steps <= end_step + 2 * spacing)
    if not len(before) or not inside.any():
        return None
    top = int(np.flatnonzero(inside)[np.argmax(val.y[inside])])
    after = val.y[top + 1:]
    if len(after) < SPIKE_STAYS_DOWN:
        return None
    level, peak = float(np.median(before)), float(val.y[top])
    rise = peak - level
    first = robust.edge_count(len(val.y))  # the first drop is no noise
    swing = val.swing_from(first)
    noise = max(robust.noise(val.y[first:], val.smooth[first:]), swing)
    steps_up = np.diff(val.y)
    elsewhere = ~inside[1:] & (np.arange(1, len(val.y)) >= robust.edge_count(len(val.y)))
    largest = float(np.max(steps_up[elsewhere])) if elsewhere.any() else 0.0
    stands_out = rise >= SPIKE_VAL_STANDOUT * largest
    calm = swing <= SPIKE_VAL_CALM * val.level
    if level <= 0 or rise < SPIKE_VAL_NOISE * noise or rise < SPIKE_VAL_OF_GAIN * val.gain \
            or peak < (SPIKE_VAL_STANDOUT_RATIO if stands_out and calm else SPIKE_VAL_RATIO) \
            * level or not (calm or stands_out):
        return None
    if _lowest_after(after) > level + SPIKE_RECOVERED * rise:
        return None
    if rise < SPIKE_VAL_UNIQUE * largest:
        return None  # val rises as much elsewhere: it bounces on its own
    return {"val_before": level, "val_peak": peak, "val_peak_step": int(val.steps[top]),
            "margin": min(peak / level / SPIKE_VAL_RATIO,
                          rise / (SPIKE_VAL_NOISE * noise) if noise > 0 else math.inf)}


def _early_instability(stats: Shape, end: int, base: float) -> bool:
    """A spike over within the first ``SPIKE_EARLY_SHARE`` of the steps, from a level still
    ``SPIKE_EARLY_LEVEL`` times the trend's floor (without a natural zero: above the middle of
    its descent), is early-training instability: reported as info, never the verdict (a
    spike once the loss has come down is one)."""
    steps = stats.steps
    over_early = steps[end] - steps[0] <= SPIKE_EARLY_SHARE * (steps[-1] - steps[0])
    if stats.zero and stats.floor > 0:
        descending = base >= SPIKE_EARLY_LEVEL * stats.floor
    else:
        descending = stats.gain > 0 and base >= stats.floor + stats.gain / SPIKE_EARLY_LEVEL
    return bool(over_early and descending)


def _sustained_events(stats: Shape) -> list[tuple[int, int, int, float, float]]:
    """Spikes of a per-step loss told from its batch noise by lasting, not by height:
    ``SPIKE_SUSTAINED_POINTS`` points in a row or more, each above the highest of the
    ``SPIKE_SUSTAINED_WINDOW`` points before (its ``SPIKE_TAIL_QUANTILE`` quantile, at least
    ``SPIKE_SUSTAINED_MIN_WINDOW`` points) and ``SPIKE_SLOW_RATIO`` times their median, that
    come back down and stay (``_recovered``). Hard batches are drawn one at a time, so they
    stand above the band alone; poisoned batches or a learning-rate bump lift tens of steps
    in a row (a GRU's loss 0.78 -> 2.33 for 15 steps inside a band reaching 1.1). Only on a
    loss with a natural zero logged at ``SPIKE_FILTER_MIN_POINTS`` points or more (a log of
    epochs has no batch noise to tell a spike from); more than ``SPIKE_SUSTAINED_MAX`` such
    runs are a pattern of the data (epoch boundaries), not spikes. The margin is the run's
    length over the least that counts."""
    y, n = stats.y, len(stats.y)
    if not stats.zero or not SPIKE_FILTER_MIN_POINTS <= n <= SPIKE_SLOW_MAX:
        return []
    window = max(SPIKE_SUSTAINED_MIN_WINDOW, int(round(n * SPIKE_SUSTAINED_WINDOW)))
    history = pd.Series(y).shift(1).rolling(window, min_periods=window)
    level = history.median().to_numpy()
    bar = np.maximum(history.quantile(SPIKE_TAIL_QUANTILE).to_numpy(), SPIKE_SLOW_RATIO * level)
    long, last_end = [], -1
    for start in np.flatnonzero((y > bar) & (level > 0)).tolist():
        if start < last_end:
            continue  # inside a run found already (the bar before its first point holds)
        above = y[start:] > bar[start]
        length = int(np.argmin(above)) if not above.all() else len(above)
        last_end = start + length
        if length >= SPIKE_SUSTAINED_POINTS:
            long.append((start, length))
    if len(long) > SPIKE_SUSTAINED_MAX:
        return []
    events = []
    for start, length in long:
        for event in _recovered(y, np.array([start]), level):
            events.append((*event, length / SPIKE_SUSTAINED_POINTS))
    return events


def _overlaps(event: tuple, events: list[tuple]) -> bool:
    """True when ``event`` (first index, ..., index of recovery) overlaps one of ``events``."""
    return any(event[0] <= other[2] and other[0] <= event[2] for other in events)


def _spike_events(stats: Shape, min_ratio: float = SPIKE_MIN_RATIO, held_out: bool = False
                  ) -> list[tuple[int, int, int, float, float]]:
    """(first index, peak index, index of recovery, level before, margin) of every spike, sharp or
    lasting several points, in step order (overlapping detections merged).

    Searched in the points as logged, and, for per-step logs of at least
    ``SPIKE_FILTER_MIN_POINTS`` points, in their running median over
    ``SPIKE_FILTER_FRACTION`` of the series: a spike lasting tens of steps
    lifts the whole band of noisy per-batch losses, which the running median
    shows and single hard batches do not.
    """
    events = _events_in(stats.y, stats, stats.sigma, True, min_ratio, held_out)
    n = len(stats.y)
    if SPIKE_FILTER_MIN_POINTS <= n <= SPIKE_SLOW_MAX:
        width = robust.odd_window(n, SPIKE_FILTER_FRACTION, minimum=5)
        band = robust.rolling_median(stats.y, width)
        events += _events_in(band, stats, robust.noise(band, stats.smooth), False, min_ratio)
    return _merged(stats.y, events)


def _events_in(y: np.ndarray, stats: Shape, sigma: float, sharp: bool,
               min_ratio: float, held_out: bool = False
               ) -> list[tuple[int, int, int, float, float]]:
    """Spikes in ``y`` (the points, or their running median) that pass every test."""
    return _beyond_the_tail(y, stats, _candidate_events(y, stats, sigma, sharp,
                                                        min_ratio=min_ratio, held_out=held_out))


def _value_range(y: np.ndarray) -> float:
    """The 1-99% range of ``y`` (its full range when that is 0): what a spike's jump is
    measured against (``SPIKE_MIN_RANGE_SHARE``)."""
    return float(np.percentile(y, 99) - np.percentile(y, 1)) or float(np.ptp(y))


def _candidate_events(y: np.ndarray, stats: Shape, sigma: float, sharp: bool,
                      value_range: float | None = None, settled: bool = True,
                      min_ratio: float = SPIKE_MIN_RATIO,
                      sigmas: float = SPIKE_SIGMAS, held_out: bool = False
                      ) -> list[tuple[int, int, int, float]]:
    """Spikes in ``y`` that pass every test but the tail rule (``_beyond_the_tail``), a jump
    measured against ``value_range`` (default: the 1-99% range of ``y``). On a ``held_out``
    series, spikes of ``SPIKE_HUGE_RATIO`` times their level do not count towards the rate
    rule: a full evaluation has no heavy batch tail, so two 100x jumps in 40 evaluations
    are two spikes."""
    n = len(y)
    if value_range is None:
        value_range = _value_range(y)
    events: list[tuple[int, int, int, float]] = []
    if sharp:
        window = max(5, int(round(n * SPIKE_WINDOW_FRACTION)))
        sigma_floor = max(sigma, 1e-300)
        least_jump = max(sigmas * (sigma_floor * 0.5), SPIKE_MIN_RANGE_SHARE * value_range)
        level, spread = _history_stats(y, window, least_jump if n > SPIKE_EXACT_MAX else None)
        spread = np.maximum(np.nan_to_num(spread, nan=sigma_floor), sigma_floor * 0.5)
        jump = y - level
        candidates = np.flatnonzero((jump > sigmas * spread)
                                    & (jump > SPIKE_MIN_RANGE_SHARE * value_range))
        if len(candidates) > n // 4:
            return []  # a quarter of the points "spiking": a noisy or shifting series
        early = _huge_before_history(y, window) if stats.zero and held_out else ()
        if len(early):
            level = level.copy()
            level[early] = y[early - 1]
            candidates = np.union1d(early, candidates)
        events = _recovered(y, candidates, level, settled)
        counted = [event for event in events if not (
            held_out and stats.zero and y[event[1]] >= SPIKE_HUGE_RATIO * event[3] > 0)]
        if len(events) > max(5, SPIKE_MAX_SHARE * n) or \
                (len(counted) >= 2 and len(counted) > SPIKE_RATE_SHARE * n):
            return []  # heavy-tailed batch noise, not spikes
    slow, slow_level = _slow_candidates(y, stats.zero, sigma, value_range, sigmas)
    events += _recovered(y, slow, slow_level, settled)
    if stats.zero:
        events = [event for event in events
                  if not event[3] > 0 or y[event[1]] >= min_ratio * event[3]]
    return _merged(y, events)


def _huge_before_history(y: np.ndarray, window: int) -> np.ndarray:
    """The points among the first ``window`` (which have no history of their own to be
    measured against) that stand ``SPIKE_HUGE_RATIO`` times above every point before them,
    the untrained first evaluation included: a val loss 0.33, 0.092, then 789 at the third
    epoch is no early descent. Their level is the point before. Held-out series only: a
    per-batch train loss has a heavy tail of its own, which the rate rule judges."""
    head = y[:min(window, len(y))]
    if len(head) < 3 or float(np.min(head)) <= 0:
        return np.zeros(0, dtype=int)
    before = np.maximum.accumulate(head)[:-1]
    found = np.flatnonzero(head[1:] >= SPIKE_HUGE_RATIO * before) + 1
    return found[found >= 2]  # two points before it at least: one says nothing of a level


def _merged(y: np.ndarray, events: list[tuple]) -> list[tuple]:
    """Overlapping spikes as one: the earliest start, the highest peak, the latest end."""
    merged: dict[int, tuple] = {}
    for event in sorted(events):
        previous = merged.get(max(merged)) if merged else None
        if previous is not None and event[0] <= previous[2]:
            peak = previous[1] if y[previous[1]] >= y[event[1]] else event[1]
            merged[previous[0]] = (previous[0], peak, max(previous[2], event[2]),
                                   min(previous[3], event[3]), *previous[4:])
        else:
            merged[event[0]] = event
    return list(merged.values())


def _beyond_the_tail(y: np.ndarray, stats: Shape, events: list[tuple[int, int, int, float]]
                     ) -> list[tuple[int, int, int, float, float]]:
    """The spikes that stand out of the series' ordinary excursions, each with its margin
    (its rise over the least rise that qualifies).

    Per-batch losses of small batches have heavy tails: a batch of hard
    examples is not a spike. The ordinary excursion is the
    ``SPIKE_TAIL_QUANTILE`` quantile (at most 1 - 2/n) of the points' rise
    above the trend, the spikes' own points and the first tenth (where the
    trend lags the first drop) left out; a spike must rise
    ``SPIKE_TAIL_FACTOR`` times that above the level before it and, where the
    series has a natural zero, also relative to the level, against the points
    whose trend is within ``SPIKE_LEVEL_BAND`` times the level before the
    spike (batch noise grows with the loss, relatively so at low losses). A jump of
    ``SPIKE_HUGE_RATIO`` times its level that stands ``SPIKE_ALONE`` times above every other
    point past the first tenth passes whatever the tail (a learning-rate bump throwing a noisy
    per-step loss from 0.18 to 2.66 once, 3.3x its highest batch anywhere else).
    """
    if not events:
        return []
    n = len(y)
    ordinary = np.ones(n, dtype=bool)
    ordinary[:robust.edge_count(n)] = False
    for start, _, end, _ in events:
        ordinary[start:end] = False
    quantile = min(SPIKE_TAIL_QUANTILE, 1.0 - 2.0 / max(n, 3))
    rises = (y - stats.smooth)[ordinary]
    tail = float(np.quantile(rises, quantile)) if len(rises) else 0.0
    relative = stats.zero and float(np.min(stats.smooth)) > 0
    levels = stats.smooth[ordinary]
    kept = []
    for start, peak, end, base in events:
        height = y[peak] - base
        margin = height / (SPIKE_TAIL_FACTOR * tail) if tail > 0 else math.inf
        band = (levels >= base / SPIKE_LEVEL_BAND) & (levels <= base * SPIKE_LEVEL_BAND)
        if relative and base > 0 and band.sum() >= MIN_POINTS:
            relative_tail = float(np.quantile(rises[band] / levels[band], quantile))
            if relative_tail > 0:
                margin = min(margin, height / base / (SPIKE_TAIL_FACTOR * relative_tail))
        if margin < 1 and relative and base > 0 and y[peak] >= SPIKE_HUGE_RATIO * base:
            margin = max(margin, _alone(y, start, peak, end) / SPIKE_ALONE)
        if margin >= 1:
            kept.append((start, peak, end, base, margin))
    return kept


def _alone(y: np.ndarray, start: int, peak: int, end: int) -> float:
    """How many times the highest point of the series past its first tenth, outside the
    spike ``start``..``end``, the spike's peak is (0 when the peak is in the first tenth)."""
    first = robust.edge_count(len(y))
    if peak < first:
        return 0.0
    others = np.ones(len(y), dtype=bool)
    others[:first] = False
    others[start:end + 1] = False
    highest = float(np.max(y[others])) if others.any() else 0.0
    return float(y[peak]) / highest if highest > 0 else math.inf


def _slow_candidates(y: np.ndarray, zero: bool, sigma: float, value_range: float,
                     sigmas: float = SPIKE_SIGMAS) -> tuple[np.ndarray, np.ndarray]:
    """Points of a spike that builds up over several points, with the level before each.

    The level before a point is the ``SPIKE_SLOW_QUANTILE`` quantile of the
    preceding ``SPIKE_SLOW_WINDOW`` of the series, which a rise lasting a few
    points does not drag up (a rolling median follows it); a point is part of
    a spike when it is ``SPIKE_SLOW_RATIO`` times that level and above it by
    ``SPIKE_SIGMAS`` noise sigmas. Only for series with a natural zero and at
    most ``SPIKE_SLOW_MAX`` points (in longer logs a spike of tens of steps is
    sharp, and the rolling detector finds it).
    """
    n = len(y)
    none = np.zeros(0, dtype=np.int64), np.full(n, np.nan)
    if not zero or n > SPIKE_SLOW_MAX:
        return none
    window = max(5, int(round(n * SPIKE_SLOW_WINDOW)))
    level = pd.Series(y).shift(1).rolling(window, min_periods=5).quantile(
        SPIKE_SLOW_QUANTILE).to_numpy()
    with np.errstate(invalid="ignore"):
        mask = (y >= SPIKE_SLOW_RATIO * level) & (level > 0) \
            & (y - level > np.maximum(sigmas * sigma,
                                      SPIKE_MIN_RANGE_SHARE * value_range))
    return np.flatnonzero(mask), level


def _recovered(y: np.ndarray, candidates: np.ndarray, level: np.ndarray,
               settled: bool = True) -> list[tuple[int, int, int, float]]:
    """Group candidate points into spikes that come back down (see find_loss_spikes) and,
    when ``settled``, stay down: the median of the points after the return (as many as the
    spike lasted, at least ``SPIKE_STAYS_DOWN``) is back under the recovery line too."""
    n = len(y)
    longest = max(3, int(round(n * SPIKE_RECOVERY_SHARE)))
    events, last_end = [], -1
    for index in candidates.tolist():
        if index <= last_end:
            continue
        base = float(level[index])
        peak_values = np.maximum.accumulate(y[index:index + longest + 1])
        back = np.flatnonzero(y[index + 1:index + longest + 1]
                              < base + SPIKE_RECOVERED * (peak_values[1:] - base))
        if not len(back):
            continue  # no recovery: a level shift or divergence, not a spike
        end = index + 1 + int(back[0])
        peak = index + int(np.argmax(y[index:end]))
        last_end = end
        after = y[end:end + max(SPIKE_STAYS_DOWN, end - index)]
        if settled and float(np.median(after)) >= base + SPIKE_RECOVERED * (y[peak] - base):
            continue  # a dip inside a rise or a level shift, not a recovery
        if _stayed_high(y, base, float(y[peak]), y[end:]):
            continue
        events.append((index, peak, end, base))
    return events


def _stayed_high(y: np.ndarray, base: float, peak: float, after: np.ndarray) -> bool:
    """A blow-up that came down from its peak but not to its old level is no spike.

    For a spike of ``BLOW_UP_RATIO`` times the level before it or more (on a series with a
    natural zero), half its height is a meaningless bar: a val loss at 0.07 that blew up to
    6e5 and settled at 1.1 came "back". Such a spike recovered only when the series later
    gets back under ``BLOW_UP_SETTLED`` times the level (``_lowest_after``; find_diverging's
    ``blew_up`` rule calls the others diverging).
    """
    if base <= 0 or float(np.min(y)) < 0 or peak < BLOW_UP_RATIO * base:
        return False
    lowest = _lowest_after(after)
    return lowest is not None and lowest >= BLOW_UP_SETTLED * base


def _lowest_after(after: np.ndarray) -> float | None:
    """The lowest level the points after a blow-up came back to: the minimum of their
    running median over 3 points (one low point is not a return); None under 3 points."""
    if len(after) < SPIKE_STAYS_DOWN:
        return None
    return float(np.min(pd.Series(after).rolling(3, center=True, min_periods=2).median()))


# Up to this many points the spike detector's rolling statistics are computed at every
# point; longer series compute them only where a cheap bound says a spike is possible.
SPIKE_EXACT_MAX = 20_000


def _history_stats(y: np.ndarray, window: int,
                   least_jump: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Median and interquartile sigma of the ``window`` points before each point (NaN for
    the first ``window`` points), as pandas' rolling median and quantiles compute them.

    With ``least_jump``, only at the points that rise more than ``least_jump`` above
    ``_median_floor`` (a lower bound of that median): every other point is NaN, which no
    spike test passes. The numbers at the points computed are the same, since pandas'
    rolling median and quantiles depend only on the values inside each window.
    """
    n = len(y)
    at = None
    if least_jump is not None and math.isfinite(least_jump):
        floor = _median_floor(y, window)
        if floor is not None:
            at = np.flatnonzero(y - floor > least_jump)
            at = at[at >= window]
    if at is None or _segments_length(at, window) > n // 2:
        history = pd.Series(y).shift(1).rolling(window, min_periods=window)
        level = history.median().to_numpy()
        spread = (history.quantile(0.75) - history.quantile(0.25)).to_numpy() / 1.349
        return level, spread
    level, spread = np.full(n, np.nan), np.full(n, np.nan)
    for first, last in _segments(at, window):
        # The windows before points first..last: y[first - window : last].
        rolling = pd.Series(y[first - window:last]).rolling(window, min_periods=window)
        seg_level = rolling.median().to_numpy()
        seg_spread = (rolling.quantile(0.75) - rolling.quantile(0.25)).to_numpy() / 1.349
        inside = at[(at >= first) & (at <= last)]
        offsets = inside - 1 - (first - window)
        level[inside] = seg_level[offsets]
        spread[inside] = seg_spread[offsets]
    return level, spread


def _segments(at: np.ndarray, window: int) -> list[tuple[int, int]]:
    """Runs of sorted indices whose preceding windows overlap, as (first, last) pairs."""
    if not len(at):
        return []
    breaks = np.flatnonzero(np.diff(at) >= window)
    firsts = np.r_[at[0], at[breaks + 1]]
    lasts = np.r_[at[breaks], at[-1]]
    return list(zip(firsts.tolist(), lasts.tolist()))


def _segments_length(at: np.ndarray, window: int) -> int:
    return sum(last - first + window for first, last in _segments(at, window))


def _median_floor(y: np.ndarray, window: int) -> np.ndarray | None:
    """A lower bound of the median of the ``window`` points before each point (-inf for the
    first ``window`` points), from low quantiles of fixed blocks; None when too short.

    Cut ``y`` into blocks of ``block`` points and take each block's ``r``-th smallest value
    ``q``. Any window holds at least ``blocks`` whole consecutive blocks; the least ``q`` of
    them, ``m``, has at most ``r`` smaller values in each of those blocks and at most
    ``window - blocks * block`` elsewhere in the window, in all no more than
    ``k = (window - 1) // 2`` when ``r`` is chosen as below. So at least ``window - k``
    values of the window are >= ``m``, and the median (the k-th smallest value, or its
    mean with the next one) is >= ``m``.
    """
    n = len(y)
    block = max(1, window // 64)
    k = (window - 1) // 2
    blocks = (window - (block - 1)) // block
    if blocks < 1:
        return None
    r = block - -(-(window - k) // blocks)
    if r < 0 or n < window + 1:
        return None
    whole = n // block
    lows = np.partition(y[:whole * block].reshape(whole, block), r, axis=1)[:, r]
    least = np.lib.stride_tricks.sliding_window_view(lows, blocks).min(axis=1)
    floor = np.full(n, -np.inf)
    points = np.arange(window, n)
    floor[window:] = least[-((window - points) // block)]  # first whole block in the window
    return floor


def find_erratic(curves: RunCurves) -> list[Finding]:
    """erratic: the loss fluctuates strongly without a clear trend, train and val together.

    Cue ``kicked_back``: in the second half of the run the train loss keeps
    returning towards where it started (its ``ERRATIC_KICK_QUANTILE``
    percentile is ``ERRATIC_KICK`` of its initial level or more) with swings as
    large as its level (IQR at least ``ERRATIC_KICK_SPREAD`` of its median), and
    val jumps by at least
    ``ERRATIC_KICK_VAL_JUMPS`` of its level, both in its point-to-point noise and in its swing
    around its trend (a smooth val descent from 0.1 to 0.001 jumps, but does not swing): the
    steps are too large to settle.

    Cue ``swings`` (``_val_swings``): every evaluation lands far from the last
    (val's median step-to-step change around its trend is
    ``ERRATIC_SWING_OF_LEVEL`` of its level and ``ERRATIC_JUMP_OF_GAIN_VAL`` of
    its improvement; or, over ``ERRATIC_SWING_STEADY_MIN`` evaluations or more,
    ``ERRATIC_SWING_STEADY_OF_LEVEL`` of its level and
    ``ERRATIC_SWING_STEADY_OF_GAIN`` of all it improved from its first
    evaluation), whatever train does.

    Cue ``jumps``, judged on the monitored val series (a full evaluation is
    not batch noise): flagged when its point-to-point noise (``robust.jumpiness``) reaches
    ``ERRATIC_JUMP_OF_GAIN_VAL`` of the improvement its trend made from the
    start to its floor and, for a series with a natural zero,
    ``ERRATIC_JUMP_OF_LEVEL`` of its typical level (a flat val curve with tiny
    jumps learned nothing; it is not unstable), and the train loss, when
    logged, is unstable too: its noise is at least ``ERRATIC_TRAIN_NOISE_OF_GAIN``
    of its improvement (a val curve that bounces while train falls smoothly is
    evaluation noise, not unstable training) unless val's jumps reach
    ``ERRATIC_VAL_ALONE_OF_LEVEL`` of its level (no evaluation set is that noisy:
    the weights at each evaluation are far apart, while an epoch-averaged train
    loss looks smooth). A score on a bounded scale (accuracy, F1: 0-1 or 0-100) whose jumps
    and swings stay under ``ERRATIC_SCORE_SWING`` of that scale, over the run or over its
    second half (it bounced early and settled), is not erratic, however large
    they are against its distance from the ceiling. Without a val series the train
    loss is judged alone with ``ERRATIC_JUMP_OF_GAIN_TRAIN``, and only while
    its end (the median of its last tenth) stays above ``ERRATIC_TRAIN_ONLY_LEVEL`` of its
    start (that of its first tenth): per-batch noise around a loss that came down is not
    instability, and a single noisy first point or lucky batch measures nothing.
    """
    subject, limit = curves.monitored, ERRATIC_JUMP_OF_GAIN_VAL
    if subject is None or not subject.held_out:
        subject, limit = curves.train or curves.monitored, ERRATIC_JUMP_OF_GAIN_TRAIN
    stats = shape(subject) if subject is not None else None
    if stats is None or len(stats.y) < 8 or stats.jumps == 0:
        return []
    if stats.ceiling is not None and (_score_steady(stats, len(stats.y))
                                      or _score_steady(stats, len(stats.y) // 2)):
        return []  # an F1 at 0.98 wobbling by 0.004: large against 1 - F1, small on its scale
    kicked = _kicked_back(curves, stats)
    if kicked is not None:
        return [_kicked_back_finding(curves, subject, stats, kicked)]
    swings = _val_swings(stats) if subject.held_out else None
    if swings is not None:
        return [Finding(
            "erratic", "warning", subject.name, None,
            f"{subject.name} swings by {_fmt(swings['swing'])} from one evaluation to the next "
            f"({swings['swing_over_level']:.0%} of its level) with no trend to show for it",
            swings, ADVICE["erratic"])]
    return _erratic_jumps(curves, subject, stats, limit)


def _score_steady(stats: Shape, last: int) -> bool:
    """True when a bounded score's last ``last`` points (all of them, or its second half: a
    score that bounced early and settled) jump and swing by less than
    ``ERRATIC_SCORE_SWING`` of its scale."""
    y = stats.y[-last:]
    if len(y) < SWING_MIN_WINDOW:
        return False
    return max(robust.jumpiness(y), _swing(y)) < ERRATIC_SCORE_SWING * stats.ceiling


def _erratic_jumps(curves: RunCurves, subject: Series, stats: Shape,
                   limit: float) -> list[Finding]:
    """find_erratic's ``jumps`` cue on ``subject`` (see find_erratic), as a finding list."""
    ratio = stats.jumps / stats.gain if stats.gain > 0 else math.inf
    level = stats.level
    if ratio < limit or (stats.zero and stats.jumps < ERRATIC_JUMP_OF_LEVEL * level):
        return []
    evidence = {"cue": "jumps", "margin": ratio / limit, "jump_sigma": stats.jumps,
                "improvement": abs(stats.raw(stats.start) - stats.raw(stats.floor)),
                "jump_over_improvement": ratio if math.isfinite(ratio) else "Infinity",
                "jump_over_level": stats.jumps / level if level > 0 else "Infinity"}
    if not subject.held_out and stats.zero and stats.start > 0 \
            and stats.end < ERRATIC_TRAIN_ONLY_LEVEL * stats.start:
        return []  # it learned most of the way: per-batch noise around a low level
    train = shape(curves.train) if curves.train is not None and subject is not curves.train \
        else None
    if train is not None:
        train_ratio = train.noise / train.gain if train.gain > 0 else math.inf
        if train_ratio < ERRATIC_TRAIN_NOISE_OF_GAIN and not (
                stats.zero and stats.jumps >= ERRATIC_VAL_ALONE_OF_LEVEL * level):
            return []
        evidence["train_noise_over_improvement"] = \
            train_ratio if math.isfinite(train_ratio) else "Infinity"
    return [Finding(
        "erratic", "warning", subject.name, None,
        f"{subject.name} jumps by {_fmt(stats.jumps)} (sigma) from point to point, "
        + ("with no net improvement" if not math.isfinite(ratio)
           else f"{ratio:.0%} of its total improvement")
        + (f", and {curves.train.name} is as unstable" if train is not None else ""),
        evidence, ADVICE["erratic"])]


def _val_swings(stats: Shape) -> dict | None:
    """Evidence for erratic's ``swings`` cue, else None: the median step-to-step change of
    val around its trend (a rolling median) is ``ERRATIC_SWING_OF_LEVEL`` of its level and,
    under ``ERRATIC_SWING_MANY`` evaluations (where a steep first drop reads as swings),
    ``ERRATIC_JUMP_OF_GAIN_VAL`` of its improvement, and from there on at least
    ``ERRATIC_SWING_MANY_OF_FIRST`` of all it fell from its first evaluation (a val that fell
    a hundredfold and wobbles at the bottom, where any wobble is large against the tiny
    level, has converged). Steadier bouncing counts too, over
    ``ERRATIC_SWING_STEADY_MIN`` evaluations or more: a swing of
    ``ERRATIC_SWING_STEADY_OF_LEVEL`` of the level that is ``ERRATIC_SWING_STEADY_OF_GAIN``
    of the improvement from the first evaluation (its steep first drop included, so a
    saturated run wobbling near zero is not erratic), when that improvement is
    ``ERRATIC_SWING_STEADY_LEARNED`` of the level (a val that learned nothing and wobbles
    where it started is underfitting). And from ``ERRATIC_SWING_STEADY_MIN`` evaluations on,
    a swing of ``ERRATIC_SWING_WILD`` of the level whatever the improvement: each evaluation
    lands farther from the last than the level itself. Unlike the MAD of second differences,
    which reads an alternating 0.9, 2.0, 1.0, 2.5, 1.1 as a few outliers, this sees every
    evaluation landing far from the last (natural zero only)."""
    if not stats.zero or stats.level <= 0:
        return None
    swing = stats.swing
    of_gain = swing / stats.gain if stats.gain > 0 else math.inf
    many = len(stats.y) >= ERRATIC_SWING_MANY
    from_first = stats.first - stats.floor
    wide = swing >= ERRATIC_SWING_OF_LEVEL * stats.level and (
        of_gain >= ERRATIC_JUMP_OF_GAIN_VAL
        or (many and swing >= ERRATIC_SWING_MANY_OF_FIRST * from_first))
    steady = len(stats.y) >= ERRATIC_SWING_STEADY_MIN \
        and swing >= ERRATIC_SWING_STEADY_OF_LEVEL * stats.level \
        and swing >= ERRATIC_SWING_STEADY_OF_GAIN * from_first \
        and from_first >= ERRATIC_SWING_STEADY_LEARNED * stats.level
    wild = len(stats.y) >= ERRATIC_SWING_STEADY_MIN and swing >= ERRATIC_SWING_WILD * stats.level
    if not (wide or steady or wild):
        return None
    margin = min(swing / stats.level / ERRATIC_SWING_OF_LEVEL, of_gain / ERRATIC_JUMP_OF_GAIN_VAL)
    if wild and not (wide or steady):
        margin = swing / stats.level / ERRATIC_SWING_WILD
    elif not wide:
        margin = min(swing / stats.level / ERRATIC_SWING_STEADY_OF_LEVEL,
                     swing / from_first / ERRATIC_SWING_STEADY_OF_GAIN)
    return {"cue": "swings", "margin": margin,
            "swing": swing, "swing_over_level": swing / stats.level,
            "swing_over_improvement": of_gain if math.isfinite(of_gain) else "Infinity"}


def _kicked_back_finding(curves: RunCurves, subject: Series, stats: Shape,
                         kicked: dict) -> Finding:
    return Finding(
        "erratic", "warning", subject.name, None,
        f"{curves.train.name} keeps being thrown back towards its initial level (its late "
        f"upper quartile is {kicked['late_p75_over_initial']:.0%} of where it started) and "
        f"{subject.name} jumps by {_fmt(stats.jumps)} from point to point",
        kicked, ADVICE["erratic"])


def _kicked_back(curves: RunCurves, stats: Shape) -> dict | None:
    """Evidence for erratic's ``kicked_back`` cue (see find_erratic), else None."""
    train = curves.train
    if train is None or stats is None or train is curves.monitored or not stats.zero:
        return None
    values = train.values[np.isfinite(train.values)]
    if len(values) < 8 or float(np.min(values)) < 0:
        return None
    initial, late = float(np.max(values[:3])), values[len(values) // 2:]
    median = float(np.median(late))
    level = stats.level
    if initial <= 0 or median <= 0 or level <= 0:
        return None
    kick = float(np.percentile(late, ERRATIC_KICK_QUANTILE)) / initial
    spread = float(np.percentile(late, 75) - np.percentile(late, 25)) / median
    if kick < ERRATIC_KICK or spread < ERRATIC_KICK_SPREAD \
            or min(stats.jumps, stats.swing) < ERRATIC_KICK_VAL_JUMPS * level:
        return None
    return {"cue": "kicked_back", "margin": min(kick / ERRATIC_KICK, spread / ERRATIC_KICK_SPREAD,
                                                stats.jumps / level / ERRATIC_KICK_VAL_JUMPS),
            "late_p75_over_initial": kick, "late_spread": spread,
            "jump_over_level": stats.jumps / level}


def find_still_improving(curves: RunCurves) -> list[Finding]:
    """still_improving: the monitored series was still improving by amounts that matter.

    The least-squares slope over the last ``STILL_IMPROVING_TAIL`` of the
    points (at least 3) points in the better direction by more than
    ``STILL_IMPROVING_SIGMAS`` standard errors; the improvement it implies
    over that stretch is at least ``STILL_IMPROVING_SHARE`` of the series'
    total improvement and ``STILL_IMPROVING_NOISE`` times its point noise (``_tail_noise``)
    (the next stretch would gain something visible); and one of its last 3 points is
    within 2 noise sigmas of its best, and its trend reaches a new low in the tail (a
    tail falling back from a spike recovers, it does not improve). Cue
    ``accuracy_tail``: a val loss that ends at a new best after a fall so steep at first
    that its tail looks small is still improving when its val accuracy passes the same
    tail test (a loss 12.8 -> 2.2 -> 1.76 while accuracy climbs 0.74 -> 0.81). Not when the
    val accuracy-type series (or the monitored series itself) sat at its
    ceiling (``SATURATED``) over its last quarter: a saturated metric cannot
    improve, and a val loss drifting down under it no longer matters.
    """
    series = curves.monitored
    stats = shape(series) if series is not None else None
    if stats is None or any(_saturated(s) for s in (series, curves.accuracy) if s is not None):
        return []
    found, cue = _improving_tail(stats), "tail_slope"
    accuracy = curves.accuracy
    if found is None and accuracy is not None and accuracy is not series \
            and series.held_out and _ends_at_a_new_best(stats):
        series, stats, cue = accuracy, shape(accuracy), "accuracy_tail"
        found = _improving_tail(stats) if stats is not None else None
    if found is None:
        return []
    step = int(stats.steps[-1])
    return [Finding(
        "still_improving", "info", series.name, step,
        f"{series.name} was still improving at step {step}: the last {found['tail_points']} "
        f"points moved {_fmt(found['tail_improvement'])} "
        f"({found['share_of_improvement']:.0%} of its total improvement)",
        {"cue": cue, **found, "acceleration": _acceleration(stats)},
        ADVICE["still_improving"])]


def _ends_at_a_new_best(stats: Shape) -> bool:
    """True when the last point is the series' best (oriented: lower is better)."""
    return float(stats.y[-1]) <= float(np.min(stats.y))


def _tail_noise(stats: Shape) -> float:
    """The noise a still-improving tail must beat: the series' noise, or, under
    ``STILL_IMPROVING_FEW`` points, the smaller of its scatter around the trend and its
    point-to-point jumps (over a few evaluations of a bending curve the trend lags the bend,
    and its scatter reads the bend as noise)."""
    return min(stats.sigma, stats.jumps) if len(stats.y) < STILL_IMPROVING_FEW else stats.noise


def _improving_tail(stats: Shape) -> dict | None:
    """find_still_improving's tail test on one series: its evidence, else None."""
    tail = max(3, int(math.ceil(len(stats.y) * STILL_IMPROVING_TAIL)))
    y_tail = stats.y[-tail:]
    slope, stderr = robust.slope_per_index(y_tail)
    if not math.isfinite(slope) or slope >= 0:
        return None
    implied = -slope * (len(y_tail) - 1)
    gain = stats.first - float(np.min(stats.y))
    if gain <= 0 or implied < STILL_IMPROVING_SHARE * gain \
            or implied < STILL_IMPROVING_NOISE * _tail_noise(stats):
        return None
    if float(np.min(y_tail[-3:])) > float(np.min(stats.y)) + 2 * stats.noise:
        return None  # none of the last 3 points is near the best: it turned (one noisy last
        # point of a per-step loss still falling is not a turn)
    if len(stats.y) > tail and float(np.min(stats.smooth[-tail:])) \
            >= float(np.min(stats.smooth[:-tail])):
        return None  # no new low in the tail: the slope is a recovery (from a spike), not progress
    if stderr > 0 and -slope < STILL_IMPROVING_SIGMAS * stderr:
        return None
    return {"margin": min(implied / (STILL_IMPROVING_SHARE * gain),
                          implied / (STILL_IMPROVING_NOISE * stats.noise)
                          if stats.noise > 0 else math.inf),
            "tail_points": tail, "tail_improvement": implied,
            "share_of_improvement": implied / gain,
            "slope_over_stderr": (-slope / stderr) if stderr > 0 else "Infinity"}


def _acceleration(stats: Shape) -> float | str:
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


def _saturated(series: Series) -> bool:
    """True when an accuracy-type series sat at its ceiling over its last quarter."""
    stats = shape(series)
    if stats is None or stats.ceiling is None:
        return False
    tail = stats.y[-max(2, int(math.ceil(len(stats.y) * TAIL_FRACTION))):]
    return bool(np.all(tail <= (1 - SATURATED) * stats.ceiling))


def find_underfitting(curves: RunCurves) -> list[Finding]:
    """underfitting: the model learned nothing, or stalled early at a high level.

    Cues (the evidence names the one that fired), on the val loss (else the
    monitored series) against the train loss's initial level:
    ``learned_nothing``: its best level is within ``UNDERFIT_LEARNED_NOTHING``
    of the initial loss (a linear model on a non-linear task at ln 2; a
    learning rate far too low) and train did not get far below it either (unless, over
    ``UNDERFIT_NOTHING_EVALS`` evaluations or more, val never got ``UNDERFIT_NOTHING_VAL``
    below its first, or val froze, ``_val_frozen``: train fitting what does not generalise at
    all, unless the val accuracy kept learning, ``_accuracy_kept_learning``), nor val
    ``UNDERFIT_LEARNED_LITTLE`` below its own first evaluation (a first logged train loss,
    an epoch's average, can come after most of the learning: val 0.55 -> 0.13 learned);
    ``stalled_high``: a val loss stopped improving within the first
    ``UNDERFIT_EARLY`` of the run having learned less than ``UNDERFIT_LEARNED_LITTLE``
    of the initial train loss (a model at the entropy floor of its data, such as a
    character LM at 60% of its initial loss, has learned more), and train did not
    fit below ``UNDERFIT_NO_GAP`` of it (without a val series the first logged loss
    may come long after initialisation, so this cue needs both);
    ``at_chance``: the val accuracy is where a guess scores against the val loss (see
    ``_at_chance``); ``flat_from_first_eval``: over at least ``UNDERFIT_FLAT_POINTS``
    evaluations val never got ``UNDERFIT_FLAT_GAIN`` below its first value, still
    above 1 - ``UNDERFIT_FLAT_LEARNED`` of the initial train loss, and the second half
    of the train loss is no lower than ``UNDERFIT_FLAT_NO_GAP`` of val (nothing
    learned after the first evaluation,
    nothing fitted either: a regression's flat val MSE with noisy batch losses). A
    regression has no chance level to measure "learned" against, so when no
    accuracy-type series is logged the level test is replaced by a tighter fit
    test: train's second half no lower than ``UNDERFIT_FLAT_TIGHT`` of val, or than
    ``UNDERFIT_FLAT_LOOSE`` of it over ``UNDERFIT_FLAT_POINTS_FIT`` evaluations or more (a
    model that fits its train set no better than unseen data after the first
    epoch lacks capacity; a healthy one keeps fitting train below val; a val flat for
    50 evaluations while train sits a quarter below it learned nothing that generalises). A
    regression whose val stalled early, with train as high, is not called
    underfitting: a linear model on a non-linear target and a good model at the
    data's noise floor draw the same curve, and no level tells them apart;
    ``never_fell``: a train loss judged without val never went down (see ``_never_fell``);
    ``score_near_zero``: the monitored score stayed near 0 (see ``_score_near_zero``);
    ``accuracy_frozen``: the val accuracy never changed (see ``_accuracy_frozen``);
    ``barely_moved``:
    (no level known) the series improved by less than
    ``UNDERFIT_MAX_GAIN_NOISE`` noise sigmas over the whole run.
    """
    subject = curves.monitored
    val_loss = curves.all.get(f"{subject.split}/loss") if subject is not None else None
    if subject is not None and subject.held_out and val_loss is not None \
            and same_domain(val_loss, subject):
        subject = val_loss
    stats = shape(subject) if subject is not None else None
    if stats is None:
        return []
    cue = _underfit_cue(stats, curves, "loss" in subject.metric)
    if cue is None:
        subject, cue = _other_underfit_cue(curves, subject, stats)
    if cue is None:
        return []
    name, evidence = cue
    judged = shape(subject)
    level = evidence.get("best_level", judged.raw(judged.best_level()))
    return [Finding(
        "underfitting", "warning", subject.name, None,
        f"{subject.name} {UNDERFIT_TEXT[name]} (best {_fmt(level)})",
        {"cue": name, "best_level": level, **evidence}, ADVICE["underfitting"])]


def _other_underfit_cue(curves: RunCurves, subject: Series, stats: Shape
                        ) -> tuple[Series, tuple[str, dict] | None]:
    """find_underfitting's cues beyond the loss levels, with the series each is about:
    ``never_fell`` (the train loss judged without val), ``score_near_zero`` (the monitored
    score), ``accuracy_frozen`` (the val accuracy)."""
    if not subject.held_out and _never_fell(stats):
        return subject, ("never_fell", {"start_level": stats.raw(stats.start),
                                        "end_level": stats.raw(stats.end),
                                        "margin": stats.end / stats.start})
    monitored = curves.monitored
    if _score_near_zero(monitored):
        score = shape(monitored)
        best = score.raw(float(np.min(score.y)))
        return monitored, ("score_near_zero", {
            "best_level": best,
            "margin": UNDERFIT_SCORE_NOTHING * score.ceiling / max(best, 1e-12)})
    if _accuracy_frozen(curves.accuracy):
        return curves.accuracy, ("accuracy_frozen", {
            "val_accuracy": float(curves.accuracy.values[0]),
            "evaluations": len(curves.accuracy.values), "margin": 1.0})
    return subject, None


UNDERFIT_TEXT = {
    "learned_nothing": "never got far below its initial level: nothing was learned",
    "stalled_high": "stopped improving early at a high level",
    "barely_moved": "barely moved over the whole run",
    "flat_from_first_eval": "learned nothing after its first evaluation",
    "at_chance": "is where a classifier that guesses is, with the val accuracy at chance",
    "never_fell": "never went down: it ends no lower than it started",
    "score_near_zero": "never got far from zero: nothing the score measures was learned",
    "accuracy_frozen": "was the same at every evaluation: the model always predicts the "
                       "same classes, such as the majority class",
}


def _low_or_loss(stats: Shape, is_loss: bool) -> bool:
    """True for a loss, or for a bounded score whose best stayed under
    ``UNDERFIT_SCORE_LOW`` of its scale: a score first evaluated at 0.78 AUC or 95% accuracy
    learned before that evaluation, so staying near it is not "nothing learned"."""
    if is_loss or stats.ceiling is None:
        return True
    return stats.raw(stats.best_level()) <= UNDERFIT_SCORE_LOW * stats.ceiling


def _a_score_learned(curves: RunCurves) -> bool:
    """True when a bounded held-out score beside the monitored series (accuracy, IoU, F1, Dice
    on a 0-1 or 0-100 scale, in its split and on its axis) cut its distance from the ceiling
    by ``UNDERFIT_SCORE_LEARNED`` from its first evaluation to its best level: the model
    learned (a segmentation loss with a high floor moving 0.57 -> 0.49 while the IoU climbs
    0.62 -> 0.93), whatever the loss's level says."""
    return any(float(score.y[0]) > 0
               and score.best_level() <= (1 - UNDERFIT_SCORE_LEARNED) * float(score.y[0])
               for score in _held_out_scores(curves))


def _score_near_zero(monitored: Series | None) -> bool:
    """True when the monitored series is a held-out score on a bounded scale (BLEU, F1, mAP,
    accuracy: 0-1 or 0-100) whose best, over ``MIN_POINTS`` evaluations or more, stayed at
    ``UNDERFIT_SCORE_NOTHING`` of that scale or under: a translator at BLEU 0-2.5, an F1 of
    a model that never predicts the minority class, learned nothing the score measures."""
    stats = shape(monitored) if monitored is not None and monitored.held_out \
        and not monitored.lower_is_better else None
    if stats is None or stats.ceiling is None:
        return False
    return stats.raw(float(np.min(stats.y))) <= UNDERFIT_SCORE_NOTHING * stats.ceiling


def _accuracy_frozen(accuracy: Series | None) -> bool:
    """True when the val accuracy took one value at every one of ``UNDERFIT_FROZEN_EVALS`` or
    more evaluations, below its ceiling: the predictions never changed from the first
    evaluation on (a model always predicting the majority class scores its share, 0.8264,
    fifty times), whatever the loss did. A saturated accuracy (at its ceiling) is excluded."""
    stats = shape(accuracy) if accuracy is not None and accuracy.held_out else None
    if stats is None or stats.ceiling is None or len(stats.y) < UNDERFIT_FROZEN_EVALS:
        return False
    return float(np.ptp(stats.y)) == 0.0 and float(stats.y[0]) > 0


def _never_fell(stats: Shape) -> bool:
    """True for a loss with a natural zero (judged without a val series) that, over at least
    ``UNDERFIT_NEVER_FELL_POINTS`` points, ends (its last tenth's median) no lower than its
    first point and than its first tenth's median, and whose trend never got below
    ``UNDERFIT_NEVER_FELL_FLOOR`` of that start: a probe bouncing around chance, a model that
    learned nothing. A log whose first point sits above the rest fell before it flattened (a
    fine-tune or a PINN at its floor from the second logged step): that one learned."""
    return stats.zero and len(stats.y) >= UNDERFIT_NEVER_FELL_POINTS and stats.start > 0 \
        and stats.end >= max(stats.start, float(stats.y[0])) \
        and stats.floor >= UNDERFIT_NEVER_FELL_FLOOR * stats.start


def _underfit_cue(stats: Shape, curves: RunCurves, is_loss: bool) -> tuple[str, dict] | None:
    """The underfitting cue that fires on ``stats`` (see find_underfitting), if any.

    The initial level is the train loss's when ``stats`` is a loss too, else its own.
    """
    train = shape(curves.train) if curves.train is not None and is_loss else None
    reference = train if train is not None and stats.zero and train.zero else stats
    initial = _initial_level(reference)
    best = stats.best_level()
    if stats.zero and initial > 0:
        if is_loss and _converged_fine_tune(stats, curves.accuracy):
            return None
        learned = 1.0 - best / initial
        train_learned = 1.0 - reference.end / initial
        evidence = {"initial_level": reference.raw(initial), "learned_share": learned}
        val_learned = _gain_from_first(stats)
        never_moved = _val_frozen(stats) or (len(stats.y) >= UNDERFIT_NOTHING_EVALS
                                             and val_learned < UNDERFIT_NOTHING_VAL)
        if _low_or_loss(stats, is_loss) and learned < UNDERFIT_LEARNED_NOTHING \
                and val_learned < UNDERFIT_LEARNED_LITTLE \
                and (train_learned < 2 * UNDERFIT_LEARNED_NOTHING
                     or (never_moved and not _accuracy_kept_learning(curves.accuracy))) \
                and not _a_score_learned(curves):
            return "learned_nothing", {
                **evidence, "margin": UNDERFIT_LEARNED_NOTHING / max(learned, 0.01)}
        chance = _at_chance(stats, curves.accuracy) if is_loss else None
        if chance is not None:
            return "at_chance", {**evidence, **chance}
        train_late = float(np.median(reference.y[len(reference.y) // 2:]))
        if reference is not stats and _flat_from_first(stats) \
                and train_late >= UNDERFIT_FLAT_NO_GAP * stats.end \
                and not _learned_to_classify(curves.accuracy, stats) \
                and ((learned < UNDERFIT_FLAT_LEARNED and curves.accuracy is not None)
                     or (curves.accuracy is None
                         and train_late >= _flat_fit_bar(len(stats.y)) * stats.end)):
            return "flat_from_first_eval", {
                **evidence, "first_eval": stats.raw(float(stats.y[0])),
                "margin": UNDERFIT_FLAT_GAIN * float(stats.y[0])
                / max(float(stats.y[0]) - best, 0.01 * float(stats.y[0]))}
        if learned >= UNDERFIT_LEARNED_LITTLE:
            return None
        if reference is not stats and _stalled_early(stats) \
                and reference.end >= UNDERFIT_NO_GAP * stats.end \
                and not _classifies_well(curves.accuracy) and not _a_score_learned(curves) \
                and not _far_from_a_guess(stats, curves.accuracy):
            return "stalled_high", {
                **evidence, "margin": UNDERFIT_LEARNED_LITTLE / max(learned, 0.01)}
        return None
    gain = stats.start - stats.end
    first_drop = float(np.median(stats.y[:3])) - stats.end
    if (stats.sigma > 0 and -stats.sigma <= gain < UNDERFIT_MAX_GAIN_NOISE * stats.sigma
            and first_drop < UNDERFIT_MAX_GAIN_NOISE * stats.sigma):
        margin = UNDERFIT_MAX_GAIN_NOISE * stats.sigma / max(gain, 0.01 * stats.sigma)
        return "barely_moved", {"improvement": gain, "noise_sigma": stats.sigma, "margin": margin}
    return None


def _at_chance(stats: Shape, accuracy: Series | None) -> dict | None:
    """Evidence for underfitting's ``at_chance`` cue, else None: the val accuracy over the
    second half of its evaluations (its median) times e to the val loss's best level is at
    most ``UNDERFIT_CHANCE_RATIO``, that loss being ``UNDERFIT_CHANCE_LOSS`` or more. A
    classifier that guesses among C classes scores a cross-entropy of ln C and an accuracy
    of 1/C, so the product is 1 whatever C is; one that learned something scores well above
    it at such a loss (10 overlapping classes at 0.64 and 79%: 1.5). Guessing the class prior
    scores the prior's entropy, at least -ln of the majority share, so a guess's product is
    1 or more: below ``UNDERFIT_CHANCE_FLOOR`` the accuracy series does not measure the
    classes the loss does (a segmentation's mean per-class accuracy). This sees a val set
    that never learned while the train set was memorised, which the flat-val cue leaves to
    the fit."""
    found = _guess_ratio(stats, accuracy)
    if found is None or stats.raw(stats.best_level()) < UNDERFIT_CHANCE_LOSS:
        return None
    share, ratio = found
    if not UNDERFIT_CHANCE_FLOOR <= ratio <= UNDERFIT_CHANCE_RATIO:
        return None
    return {"val_accuracy": share, "accuracy_times_e_loss": ratio,
            "margin": UNDERFIT_CHANCE_RATIO / max(ratio, 0.01)}


def _converged_fine_tune(stats: Shape, accuracy: Series | None) -> bool:
    """True when a val loss learned after its first evaluation and settled, beside an accuracy
    far above a guess (``_far_from_a_guess``): it gained ``UNDERFIT_FLAT_KEPT_GAIN`` of its
    first value or more, ever more slowly (its trend's second half fell
    ``UNDERFIT_CONVERGED_PACE`` of its first half's fall or less, ``_acceleration``). A
    fine-tune whose loss starts near its floor (a character LM pre-trained on other text: val
    2.41 -> 2.32, accuracy 0.40 -> 0.42, 4x a guess at that loss) has no level cue to fail,
    when that accuracy also rose (``_accuracy_rose``); a learning rate far too low crawls at one
    pace, a model at chance is not far from a guess, and one predicting the majority class of
    imbalanced data, however far from a uniform guess, does not move. Without an accuracy (an
    LM or LoRA fine-tune logs its loss only) the settling must show in the loss itself: its
    second half still fell more than ``UNDERFIT_CONVERGED_BEND`` of its first half's fall (an
    instruction fine-tune's val 2.835 -> 2.751 -> 2.722), where a linear fit at its floor
    or a model at chance stops dead or drifts back up."""
    if _gain_from_first(stats) < UNDERFIT_FLAT_KEPT_GAIN:
        return False
    pace = _acceleration(stats)
    if not isinstance(pace, float) or pace > UNDERFIT_CONVERGED_PACE:
        return False
    if accuracy is None:  # an LM fine-tune logs no accuracy: its val must visibly bend
        return pace > UNDERFIT_CONVERGED_BEND
    return pace >= 0.0 and _far_from_a_guess(stats, accuracy) and _accuracy_rose(accuracy)


def _accuracy_rose(accuracy: Series | None) -> bool:
    """True when the val accuracy's second half (its median) sits ``UNDERFIT_ACCURACY_ROSE`` of
    its scale above its first evaluation: predictions changed for the better (0.396 -> 0.42),
    where a model predicting the majority class holds 0.734-0.736 throughout."""
    stats = _score_shape(accuracy)
    return stats is not None \
        and float(stats.y[0]) - _late_distance(stats) >= UNDERFIT_ACCURACY_ROSE * stats.ceiling


def _score_shape(score: Series | None) -> Shape | None:
    """The shape of a held-out score on a bounded scale (accuracy, F1: 0-1 or 0-100), measured
    as its distance from the ceiling; None for anything else."""
    stats = shape(score) if score is not None and score.held_out else None
    return stats if stats is not None and stats.ceiling is not None else None


def _guess_ratio(stats: Shape, accuracy: Series | None) -> tuple[float, float] | None:
    """(share, product): the val accuracy's share of its scale over its second half, and that
    share times e to the val loss's best level (``stats``): how much better than a uniform
    guess among e^loss classes the accuracy is (see ``_at_chance``, ``_far_from_a_guess``).
    None without an accuracy or a finite best."""
    acc = _score_shape(accuracy)
    best = stats.raw(stats.best_level())
    if acc is None or not math.isfinite(best):
        return None
    share = acc.raw(_late_distance(acc)) / acc.ceiling
    return share, share * math.exp(min(best, 50.0))


def _gain_from_first(stats: Shape) -> float:
    """How far below its first evaluation a loss got, its best read off the trend, as a share
    of that first value (0 when the first is not positive)."""
    first = float(stats.y[0])
    return (first - stats.best_level()) / first if first > 0 else 0.0


def _late_distance(score: Shape) -> float:
    """A bounded score's distance from its ceiling over its second half (the median): where
    the accuracy settled, one noisy evaluation aside."""
    return float(np.median(score.y[len(score.y) // 2:]))


def _far_from_a_guess(stats: Shape, accuracy: Series | None) -> bool:
    """True when the val accuracy (median of its second half) times e to the val loss's best
    level is between ``UNDERFIT_FAR_FROM_GUESS`` and ``UNDERFIT_GUESS_CAP``: e to a
    cross-entropy is the number of classes a uniform guess at that loss picks from, so the
    product is how much better than such a guess the accuracy is. A guess scores about 1 (see
    ``_at_chance``), and so does a confident model near 0; a model whose loss stalls high
    because a quarter of its labels are noise still classifies far above a guess (4 classes,
    28% of labels flipped: loss 0.98, accuracy 0.67, 1.8; a character LM at 2.3 and 40%, 4),
    while an over-regularised or too small one hugs its guess (1.0-1.5). Above the cap the
    loss is no cross-entropy over the accuracy's classes (a loss scaled x10)."""
    found = _guess_ratio(stats, accuracy)
    return found is not None and UNDERFIT_FAR_FROM_GUESS <= found[1] <= UNDERFIT_GUESS_CAP


def _classifies_well(accuracy: Series | None) -> bool:
    """True when the val accuracy-type series reached ``UNDERFIT_GOOD_ACCURACY`` of its
    ceiling: a loss that stalled at a high level there is the data's noise (label noise, an
    irreducible error), not a model without capacity."""
    stats = shape(accuracy) if accuracy is not None else None
    if stats is None or stats.ceiling is None:
        return False
    return stats.raw(float(np.min(stats.y))) >= UNDERFIT_GOOD_ACCURACY * stats.ceiling


def _learned_to_classify(accuracy: Series | None, val: Shape) -> bool:
    """True when the val accuracy-type series classifies well over its second half (median
    at ``UNDERFIT_GOOD_ACCURACY`` of its ceiling or above) and the model kept learning after
    the first evaluation: the accuracy did (``_accuracy_kept_learning``: 0.91 -> 0.955 beside
    a loss flat from its first evaluation), or the val loss ``val`` still got
    ``UNDERFIT_FLAT_KEPT_GAIN`` below its first value (a pre-trained CNN at 93% from its first
    epoch, its val loss 0.229 -> 0.199). It learned before that evaluation. An accuracy
    bouncing 0.87-0.96 beside a val loss that only got worse (heavy weight decay) shows no
    learning, nor one frozen at a majority class's share."""
    stats = _score_shape(accuracy)
    if stats is None or stats.raw(_late_distance(stats)) < UNDERFIT_GOOD_ACCURACY * stats.ceiling:
        return False
    return _accuracy_kept_learning(accuracy) or _gain_from_first(val) >= UNDERFIT_FLAT_KEPT_GAIN


def _accuracy_kept_learning(accuracy: Series | None) -> bool:
    """True when the val accuracy-type series' second half (its median distance from the
    ceiling) is ``UNDERFIT_ACCURACY_KEPT_LEARNING`` closer to the ceiling than its first
    evaluation: the model learned from there on, whatever a flat val loss says (a binary
    steganalysis model whose accuracy climbs 54% -> 67% while its over-confident val loss
    never gets below its first value)."""
    stats = _score_shape(accuracy)
    return stats is not None and float(stats.y[0]) > 0 \
        and _late_distance(stats) <= (1 - UNDERFIT_ACCURACY_KEPT_LEARNING) * float(stats.y[0])


def _val_frozen(stats: Shape) -> bool:
    """True when a loss moved less than ``UNDERFIT_FROZEN_SHARE`` of its level over all of its
    ``UNDERFIT_FLAT_POINTS`` or more evaluations: nothing that reaches the evaluation was learned
    (a forecaster's val loss 211653.9 -> 211655.6 over 6 epochs while its train loss fell 4.4 ->
    3.5), however far train fitted."""
    level = stats.level
    return len(stats.y) >= UNDERFIT_FLAT_POINTS and level > 0 \
        and float(np.ptp(stats.y)) <= UNDERFIT_FROZEN_SHARE * level


def _flat_fit_bar(evaluations: int) -> float:
    """The share of val's level train must stay at for a regression's flat val to be
    underfitting: ``UNDERFIT_FLAT_TIGHT``, or ``UNDERFIT_FLAT_LOOSE`` over
    ``UNDERFIT_FLAT_POINTS_FIT`` evaluations or more (a long flat val is stronger evidence)."""
    return UNDERFIT_FLAT_LOOSE if evaluations >= UNDERFIT_FLAT_POINTS_FIT else UNDERFIT_FLAT_TIGHT


def _flat_from_first(stats: Shape) -> bool:
    """True when val, over at least ``UNDERFIT_FLAT_POINTS`` evaluations, never got more
    than ``UNDERFIT_FLAT_GAIN`` below its first evaluation (its best read off the trend)."""
    return len(stats.y) >= UNDERFIT_FLAT_POINTS and float(stats.y[0]) > 0 \
        and _gain_from_first(stats) < UNDERFIT_FLAT_GAIN


def _stalled_early(stats: Shape) -> bool:
    """True when the trend got within noise of its floor in the first part of the run."""
    first, last = float(stats.steps[0]), float(stats.steps[-1])
    early = stats.steps <= first + UNDERFIT_EARLY * (last - first)
    reached = float(np.min(stats.smooth[early]))
    return reached - stats.floor <= max(UNDERFIT_MAX_GAIN_NOISE * stats.noise, 0.05 * reached)


def find_plateau(curves: RunCurves) -> list[Finding]:
    """plateau: a series stopped changing for a long stretch.

    The monitored series' trend over its last ``PLATEAU_FRACTION`` moves by
    less than 2 noise sigmas and by less than 2% of its total improvement.
    """
    series = curves.monitored
    stats = shape(series) if series is not None else None
    if stats is None or len(stats.y) < 10:
        return []
    tail = max(3, int(math.ceil(len(stats.y) * PLATEAU_FRACTION)))
    moved = float(np.ptp(stats.smooth[-tail:]))
    gain = stats.start - stats.floor
    if gain <= 0 or moved > 2 * stats.sigma or moved > 0.02 * gain:
        return []
    step = int(stats.steps[-tail])
    return [Finding(
        "plateau", "info", series.name, step,
        f"{series.name} has been flat since step {step} (moved {_fmt(moved)})",
        {"since_step": step, "moved": moved, "noise_sigma": stats.sigma}, ADVICE["plateau"])]


def find_gradients(curves: RunCurves) -> list[Finding]:
    """exploding_gradients / vanishing_gradients, from a logged grad_norm.

    Exploding: grad_norm is non-finite somewhere, or after the first
    ``GRAD_WARMUP_SHARE`` of the points (a large norm at step 1 is normal) its
    maximum exceeds ``GRAD_EXPLODE_RATIO`` times its median. Vanishing: its
    level at the end is below ``GRAD_VANISH_RATIO`` of its level at the start.
    """
    series = curves.grad_norm
    if series is None or len(series) < MIN_POINTS:
        return []
    values = series.values
    finite = np.abs(values[np.isfinite(values)])
    if len(finite) == 0:
        return []
    findings = []
    skip = int(math.ceil(len(values) * GRAD_WARMUP_SHARE))
    later = np.abs(values[skip:])
    median = float(np.median(finite))
    non_finite = int((~np.isfinite(values)).sum())
    peak_index = skip + int(np.nanargmax(np.where(np.isfinite(later), later, -np.inf))) \
        if np.isfinite(later).any() else 0
    peak = float(np.abs(values[peak_index]))
    if non_finite or (median > 0 and peak > GRAD_EXPLODE_RATIO * median):
        index = int(np.argmax(~np.isfinite(values))) if non_finite else peak_index
        step = int(series.steps[index])
        findings.append(Finding(
            "exploding_gradients", "error" if non_finite else "warning", series.name, step,
            f"grad_norm reached {'non-finite values' if non_finite else _fmt(peak)} at step "
            f"{step} (median {_fmt(median)})",
            {"max": peak, "median": median, "non_finite": non_finite},
            ADVICE["exploding_gradients"]))
    start, end = robust.start_level(finite), robust.end_level(finite)
    if start > 0 and end < GRAD_VANISH_RATIO * start:
        findings.append(Finding(
            "vanishing_gradients", "warning", series.name, int(series.steps[-1]),
            f"grad_norm fell from {_fmt(start)} to {_fmt(end)}",
            {"start": start, "end": end}, ADVICE["vanishing_gradients"]))
    return findings


def find_learning_rate(curves: RunCurves, verdict: str,
                       findings: list[Finding] | None = None) -> list[Finding]:
    """lr_too_high / lr_too_low: learning-rate evidence from the verdict and the logged LR.

    lr_too_high when the run's verdict is diverging or erratic (its peak
    learning rate is quoted when logged): the curve itself says the steps are
    too large; a secondary finding alone is not enough. lr_too_low when the
    verdict is underfitting because the loss barely moved (cue
    ``learned_nothing`` or ``barely_moved``, not a model that stalled at its
    capacity) with a learning rate that never changed, so the schedule did not
    cause the slow progress, and that is at most ``LR_LOW_CEILING``.
    """
    lr = curves.learning_rate
    finite = lr.values[np.isfinite(lr.values)] if lr is not None else np.zeros(0)
    lr_text, evidence = "", {}
    if len(finite):
        evidence = {"max_learning_rate": float(np.max(finite)),
                    "last_learning_rate": float(finite[-1])}
        lr_text = f" (peak learning rate {_fmt(float(np.max(finite)))})"
    if verdict in ("diverging", "erratic"):
        return [Finding("lr_too_high", "warning", lr.name if lr is not None else None, None,
                        f"the {verdict} curve points to a learning rate that is too high" + lr_text,
                        evidence, ADVICE["lr_too_high"])]
    slow = any(f.code == "underfitting" and f.evidence.get("cue") in ("learned_nothing",
                                                                     "barely_moved")
               for f in findings or [])
    if verdict == "underfitting" and slow and len(finite) \
            and float(np.max(finite)) <= LR_FLAT_RATIO * float(np.min(finite)) \
            and float(np.max(finite)) <= LR_LOW_CEILING:
        return [Finding("lr_too_low", "info", lr.name, None,
                        "slow progress at a constant learning rate" + lr_text,
                        evidence, ADVICE["lr_too_low"])]
    return []


def find_resumed(curves: RunCurves) -> list[Finding]:
    """resumed: a series went back to an earlier step (a restart from a checkpoint).

    The later write wins; the finding lists the steps the run went back to. A series that
    went back to (or before) its first logged step started over: a new training appended
    to the same log (a Keras ``CSVLogger(append=True)`` run again from epoch 0), of which
    only the last session is judged (evidence ``restarted_from_scratch``).
    """
    rewinds: dict[int, list[str]] = {}
    duplicates, from_scratch = 0, False
    for series in curves.all.values():
        duplicates += series.duplicates
        for step in series.rewinds:
            rewinds.setdefault(step, []).append(series.name)
        from_scratch = from_scratch or any(step <= int(series.steps[0])
                                           for step in series.rewinds if len(series.steps))
    if not rewinds:
        return []
    steps = sorted(rewinds)
    why = "started over: a new training appended to the same log; only the last session " \
        "is judged" if from_scratch else "resumed from a checkpoint; the later write of " \
        "each step is used"
    return [Finding(
        "resumed", "info", None, steps[0],
        f"the run went back to step{'s' if len(steps) > 1 else ''} "
        f"{', '.join(map(str, steps[:5]))}{'...' if len(steps) > 5 else ''} ({why})",
        {"rewind_steps": steps[:50], "rewinds": len(steps), "duplicate_points": duplicates,
         "restarted_from_scratch": from_scratch},
        ADVICE["resumed"])]
