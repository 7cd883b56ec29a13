"""Detectors: one small function per finding code, each with its rule in its docstring.

Every detector takes a ``RunCurves`` (the run's series after rewind
resolution) and returns a list of ``Finding``s with numbers as evidence and
the remedies practitioners use as advice. No detector uses an absolute
threshold on a loss value: levels are compared with the series' own range
and noise (``robust``), so scaling or shifting the values, or thinning the
log to every k-th point, leaves the verdict unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from curvecli.analysis import robust
from curvecli.analysis.report import Finding
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.series import Series

# --- thresholds (named so users can find why a run was flagged) -----------------------------
MIN_POINTS = 4  # fewer points than this: no shape can be judged
OVERFIT_MIN_RISE_OF_GAIN = 0.10  # val gave back >= 10% of its improvement after its best ...
OVERFIT_MIN_RISE_NOISE = 2.5  # ... and the rise exceeds 2.5 sigmas of its point-to-point jumps
OVERFIT_MIN_POINTS_AFTER_BEST = 2
DIVERGE_GIVE_BACK = 0.75  # train loss gave back >= 75% of its improvement ...
DIVERGE_RISE_NOISE = 5.0  # ... by more than 5 noise sigmas, and did not come back down
DIVERGE_MAGNITUDE = 100.0  # |values| grew 100x beyond their start: unbounded
SPIKE_WINDOW_FRACTION = 0.05  # rolling window: 5% of the series (>= 5 points)
SPIKE_SIGMAS = 10.0  # a spike sits this many rolling sigmas above the rolling median
SPIKE_MIN_RANGE_SHARE = 0.05  # and jumps by at least 5% of the series' range
SPIKE_RECOVERY_POINTS = 0.1  # and comes back within 10% of the series (>= 3 points)
SPIKE_MAX_SHARE = 0.02  # more candidates than 2% of the points (and > 2): heavy-tailed batch
#                         noise, not spikes
ERRATIC_JUMP_OF_GAIN_VAL = 0.4  # val: point-to-point jumps >= 40% of its improvement
ERRATIC_JUMP_OF_GAIN_TRAIN = 0.6  # train (only when there is no val series)
STILL_IMPROVING_SIGMAS = 2.0  # last-quarter slope below zero by > 2 standard errors ...
STILL_IMPROVING_SHARE = 0.05  # ... and still worth >= 5% of the total improvement
TAIL_FRACTION = 0.25  # the "last part" of a series
UNDERFIT_MAX_GAIN_NOISE = 3.0  # improvement below 3 noise sigmas: nothing was learned
PLATEAU_FRACTION = 0.3  # flat (within noise) over the last 30% of the series
GRAD_EXPLODE_RATIO = 50.0  # grad_norm max over its median
GRAD_VANISH_RATIO = 1e-3  # grad_norm at the end below this share of its early median
LR_FLAT_RATIO = 1.0  # a constant learning rate


ADVICE = {
    "overfitting": ["early stopping at the best step (keep that checkpoint)",
                    "more regularisation: weight decay, dropout, data augmentation",
                    "more training data or a smaller model"],
    "underfitting": ["more capacity (a larger model)", "train longer",
                     "a higher learning rate or less regularisation"],
    "erratic": ["lower the learning rate", "a larger batch size",
                "gradient clipping", "learning-rate warm-up"],
    "diverging": ["lower the learning rate", "gradient clipping", "learning-rate warm-up",
                  "restart from the last good checkpoint", "check the data and the loss for NaN sources"],
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
    "resumed": ["nothing to do: the later write of each step is used"],
}


@dataclass
class RunCurves:
    """The series a run is judged on."""

    monitored: Series | None
    train: Series | None
    learning_rate: Series | None = None
    grad_norm: Series | None = None
    all: dict[str, Series] = field(default_factory=dict)


def _finite(series: Series) -> tuple[np.ndarray, np.ndarray]:
    mask = np.isfinite(series.values)
    return series.steps[mask], series.values[mask]


def _oriented(series: Series) -> tuple[np.ndarray, np.ndarray]:
    """Finite points with values flipped so that lower is always better."""
    steps, values = _finite(series)
    return steps, values if series.lower_is_better else -values


@dataclass
class Shape:
    """Shape statistics of one series, oriented so that lower is better."""

    steps: np.ndarray
    y: np.ndarray
    smooth: np.ndarray
    sigma: float
    start: float
    end: float
    floor: float  # the lowest point of the trend
    floor_index: int
    best_index: int  # the best raw point

    @property
    def gain(self) -> float:
        """How far the trend came down from the start to its floor."""
        return max(self.start - self.floor, 0.0)

    @property
    def give_back(self) -> float:
        """How far the end sits above the trend's floor."""
        return max(self.end - self.floor, 0.0)


def shape(series: Series) -> Shape | None:
    """The series' shape statistics (computed once per series and cached on it)."""
    if "shape" in series.cache:
        return series.cache["shape"]
    steps, y = _oriented(series)
    if len(y) < MIN_POINTS:
        series.cache["shape"] = None
        return None
    smooth = robust.trend(y)
    floor_index = int(np.argmin(smooth))
    found = Shape(steps, y, smooth, robust.noise(y, smooth), robust.start_level(y),
                  robust.end_level(y), float(smooth[floor_index]), floor_index, int(np.argmin(y)))
    series.cache["shape"] = found
    return found


def _raw(series: Series, oriented_value: float) -> float:
    return oriented_value if series.lower_is_better else -oriented_value


# --- detectors ---------------------------------------------------------------------------------


def find_non_finite(curves: RunCurves) -> list[Finding]:
    """non_finite: a loss, metric or grad_norm series holds NaN or ±inf.

    One finding per series, at the first non-finite step, with the count.
    Severity error when the monitored series, the train loss or grad_norm is
    affected, else warning.
    """
    findings = []
    key = {s.name for s in (curves.monitored, curves.train, curves.grad_norm) if s is not None}
    for series in curves.all.values():
        bad = ~np.isfinite(series.values)
        if not bad.any():
            continue
        first = int(series.steps[np.argmax(bad)])
        findings.append(Finding(
            "non_finite", "error" if series.name in key else "warning", series.name, first,
            f"{series.name} has {int(bad.sum())} non-finite value(s), the first at step {first}",
            {"count": int(bad.sum()), "first_step": first, "points": len(series)},
            ADVICE["non_finite"]))
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

    Rules (any one): (1) the train loss, the monitored series or grad_norm ends
    in non-finite values (HF's ``logging_nan_inf_filter`` can hide a NaN loss
    as 0.0, which is why grad_norm and the eval metrics are checked too);
    (2) the magnitude of the train loss (else the monitored series) grew
    ``DIVERGE_MAGNITUDE`` times beyond its start level (a loss unbounded below,
    such as -1e8, counts); (3) its trend rose from its floor by at least
    ``DIVERGE_GIVE_BACK`` of the improvement it had made and by more than
    ``DIVERGE_RISE_NOISE`` noise sigmas, and the last quarter is not falling
    back: the run lost what it had learned and did not recover.
    """
    for series in (curves.train, curves.monitored, curves.grad_norm):
        step = _ends_non_finite(series)
        if step is not None:
            return [Finding(
                "diverging", "error", series.name, step,
                f"{series.name} turned non-finite at step {step} and never recovered",
                {"non_finite_from_step": step, "last_value": float(series.values[-1])},
                ADVICE["diverging"])]
    subject = curves.train if curves.train is not None and len(curves.train) >= MIN_POINTS \
        else curves.monitored
    if subject is None:
        return []
    stats = shape(subject)
    if stats is None:
        return []
    _, raw = _finite(subject)
    head = float(np.median(np.abs(raw[: robust.edge_count(len(raw))])))
    tail_peak = float(np.max(np.abs(raw[-robust.edge_count(len(raw)):])))
    if head > 0 and tail_peak > DIVERGE_MAGNITUDE * head:
        step = int(stats.steps[-1])
        return [Finding(
            "diverging", "error", subject.name, step,
            f"{subject.name} grew in magnitude from about {_fmt(head)} to {_fmt(tail_peak)}",
            {"start_magnitude": head, "end_magnitude": tail_peak,
             "ratio": tail_peak / head}, ADVICE["diverging"])]
    span = stats.start - stats.floor
    rise = stats.give_back
    tail = stats.y[-robust.edge_count(len(stats.y), TAIL_FRACTION):]
    slope, stderr = robust.slope_per_index(tail)
    recovering = math.isfinite(slope) and slope < 0 and (stderr == 0 or -slope > 2 * stderr)
    floor_at_end = stats.floor_index >= len(stats.y) - robust.edge_count(len(stats.y))
    lost = rise >= DIVERGE_GIVE_BACK * span if span > 0 else rise > 0
    if lost and rise > DIVERGE_RISE_NOISE * stats.sigma and not recovering and not floor_at_end:
        onset = int(stats.steps[stats.floor_index])
        return [Finding(
            "diverging", "error", subject.name, onset,
            f"{subject.name} rose from {_fmt(_raw(subject, stats.floor))} at step {onset} "
            f"to {_fmt(_raw(subject, stats.end))} (it started at {_fmt(_raw(subject, stats.start))})",
            {"start": _raw(subject, stats.start), "best_trend": _raw(subject, stats.floor),
             "end": _raw(subject, stats.end), "given_back": rise / span if span > 0 else "Infinity",
             "noise_sigma": stats.sigma},
            ADVICE["diverging"])]
    return []


def find_overfitting(curves: RunCurves, spikes: list[Finding] | None = None) -> list[Finding]:
    """overfitting: val got worse after its best point while train kept improving.

    The onset is the monitored (val) series' best step. Flagged when at least
    ``OVERFIT_MIN_POINTS_AFTER_BEST`` evaluations follow the best, the val
    level at the end (median of the last tenth) sits above the best by more
    than ``OVERFIT_MIN_RISE_NOISE`` sigmas of its point-to-point jumps (so an
    erratic val curve is not read as a trend) and by at least
    ``OVERFIT_MIN_RISE_OF_GAIN`` of the improvement val made before its best
    (when the best is the first evaluation: by at least half the val range),
    and the train loss at the end is no worse than at the val best (a quarter
    noise sigma of slack). A rise that starts at a train loss spike is the
    spike's doing, not overfitting.
    """
    val = curves.monitored
    if val is None or val.split != "val":
        return []
    stats = shape(val)
    if stats is None:
        return []
    after = len(stats.y) - 1 - stats.best_index
    if after < OVERFIT_MIN_POINTS_AFTER_BEST:
        return []
    best_value = float(stats.y[stats.best_index])
    rise = stats.end - best_value
    gain = max(stats.start - best_value, 0.0)
    jumps = jumpiness(stats.y)
    if rise <= 0 or rise <= OVERFIT_MIN_RISE_NOISE * jumps:
        return []
    if gain > 0 and rise < OVERFIT_MIN_RISE_OF_GAIN * gain:
        return []
    if gain == 0 and rise < 0.5 * float(np.ptp(stats.smooth)):
        return []
    onset = int(stats.steps[stats.best_index])
    worse_from = stats.steps[stats.best_index + 1:][stats.y[stats.best_index + 1:] > best_value + rise / 2]
    if spikes and len(worse_from):
        first_worse = int(worse_from[0])
        if any(onset < (spike.step or -1) <= first_worse for spike in spikes):
            return []
    evidence = {"best_step": onset, "best_value": _raw(val, best_value),
                "last_value": _raw(val, float(stats.y[-1])), "end_level": _raw(val, stats.end),
                "rise_over_gain": rise / gain if gain > 0 else "Infinity",
                "jump_sigma": jumps}
    train_text = ""
    train = curves.train
    if train is not None and len(train) >= 2:
        steps, values = _oriented(train)
        if len(values) >= 2:
            near = np.abs(steps - onset) <= _neighbourhood(steps, onset)
            at_best = float(np.median(values[near])) if near.any() else float(values[0])
            train_end = robust.end_level(values)
            if train_end > at_best + 0.25 * robust.noise(values):
                return []  # train got worse too: not overfitting (diverging or erratic)
            change = (train_end - at_best) / abs(at_best) if at_best else math.nan
            evidence.update({"train_at_best": _raw(train, at_best),
                             "train_end": _raw(train, train_end)})
            if math.isfinite(change):
                train_text = (f" while {train.name} went "
                              f"{'down' if change <= 0 else 'up'} {abs(change):.0%}")
    pct = rise / abs(best_value) if best_value else math.nan
    rise_text = f"{pct:.0%}" if math.isfinite(pct) else _fmt(rise)
    direction = "rose" if val.lower_is_better else "fell"
    return [Finding(
        "overfitting", "warning", val.name, onset,
        f"{val.name} {direction} {rise_text} after its best at step {onset}{train_text}",
        evidence, ADVICE["overfitting"])]


def _neighbourhood(steps: np.ndarray, step: int) -> float:
    if len(steps) < 2:
        return math.inf
    spacing = float(np.median(np.diff(steps))) if len(steps) > 1 else 1.0
    return max(spacing * 2, 0.0)


def find_loss_spikes(curves: RunCurves) -> list[Finding]:
    """loss_spike: a sharp transient jump that recovers (one finding per spike).

    As in OLMo-core's stability monitor: a point sits above the rolling median
    of the preceding window (``SPIKE_WINDOW_FRACTION`` of the series, at least
    5 points) by more than ``SPIKE_SIGMAS`` rolling sigmas (from the window's
    interquartile range) and by at least ``SPIKE_MIN_RANGE_SHARE`` of the
    series' range, and the series comes back below the pre-spike level plus
    half the jump within ``SPIKE_RECOVERY_POINTS`` of the series. Checked on
    the train loss (else the monitored series). When more than
    ``SPIKE_MAX_SHARE`` of the points qualify, the jumps are the heavy tail
    of per-batch losses, not spikes, and none is reported.
    """
    subject = curves.train if curves.train is not None else curves.monitored
    if subject is None:
        return []
    steps, y = _oriented(subject)
    n = len(y)
    if n < 12:
        return []
    window = max(5, int(round(n * SPIKE_WINDOW_FRACTION)))
    sigma_floor = max(shape(subject).sigma, 1e-300)  # robust.noise(y), computed once
    value_range = float(np.percentile(y, 99) - np.percentile(y, 1)) or float(np.ptp(y))
    # Only points this far above a lower bound of their window's median can be spikes.
    least_jump = max(SPIKE_SIGMAS * (sigma_floor * 0.5), SPIKE_MIN_RANGE_SHARE * value_range)
    level, spread = _history_stats(y, window, least_jump if n > SPIKE_EXACT_MAX else None)
    spread = np.maximum(np.nan_to_num(spread, nan=sigma_floor), sigma_floor * 0.5)
    jump = y - level
    candidates = np.where((jump > SPIKE_SIGMAS * spread)
                          & (jump > SPIKE_MIN_RANGE_SHARE * value_range))[0]
    if len(candidates) > max(2, SPIKE_MAX_SHARE * n):
        return []
    recovery = max(3, int(round(n * SPIKE_RECOVERY_POINTS)))
    findings: list[Finding] = []
    last_end = -1
    for index in candidates:
        if index <= last_end:
            continue
        base, height = level[index], jump[index]
        after = y[index + 1: index + 1 + recovery]
        back = np.where(after < base + 0.5 * height)[0]
        if len(after) == 0 or len(back) == 0:
            continue  # no recovery: a level shift or divergence, not a spike
        peak_end = index + 1 + int(back[0])
        peak = index + int(np.argmax(y[index:peak_end]))
        last_end = peak_end
        step = int(steps[peak])
        raw_peak, raw_base = _raw(subject, float(y[peak])), _raw(subject, float(base))
        findings.append(Finding(
            "loss_spike", "warning", subject.name, step,
            f"{subject.name} jumped from about {_fmt(raw_base)} to {_fmt(raw_peak)} at step {step} "
            f"and recovered after {int(steps[peak_end]) - step} steps",
            {"step": step, "value": raw_peak, "before": raw_base,
             "sigmas": float(height / spread[index]), "recovered_at_step": int(steps[peak_end])},
            ADVICE["loss_spike"]))
    return findings


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


def jumpiness(values: np.ndarray) -> float:
    """Robust sigma of point-to-point changes (MAD of first differences / sqrt 2)."""
    if len(values) < 3:
        return 0.0
    diffs = np.diff(values)
    return float(robust.MAD_TO_SIGMA * np.median(np.abs(diffs - np.median(diffs))) / math.sqrt(2))


def find_erratic(curves: RunCurves) -> list[Finding]:
    """erratic: the loss fluctuates strongly without a clear trend.

    Judged on the monitored val series (a full evaluation is not batch noise,
    so jumps there are instability): flagged when its point-to-point jumps
    (robust sigma of first differences) reach ``ERRATIC_JUMP_OF_GAIN_VAL`` of
    the improvement its trend made from the start to its floor. Without a val
    series the train loss is used with ``ERRATIC_JUMP_OF_GAIN_TRAIN``, since
    per-batch train losses are noisy by nature.
    """
    subject, limit = curves.monitored, ERRATIC_JUMP_OF_GAIN_VAL
    if subject is None or subject.split != "val":
        subject, limit = curves.train or curves.monitored, ERRATIC_JUMP_OF_GAIN_TRAIN
    if subject is None:
        return []
    stats = shape(subject)
    if stats is None or len(stats.y) < 8:
        return []
    jumps = jumpiness(stats.y)
    gain = stats.start - stats.floor
    ratio = jumps / gain if gain > 0 else math.inf
    if jumps == 0 or ratio < limit:
        return []
    return [Finding(
        "erratic", "warning", subject.name, None,
        f"{subject.name} jumps by {_fmt(jumps)} (sigma) from point to point, "
        f"{'with no net improvement' if not math.isfinite(ratio) else f'{ratio:.0%} of its total improvement'}",
        {"jump_sigma": jumps, "improvement": abs(_raw(subject, stats.start) - _raw(subject, stats.floor)),
         "jump_over_improvement": ratio if math.isfinite(ratio) else "Infinity"},
        ADVICE["erratic"])]

def find_still_improving(curves: RunCurves) -> list[Finding]:
    """still_improving: the monitored series was still improving clearly at its last point.

    The least-squares slope over the last ``TAIL_FRACTION`` of the points (at
    least 3) points in the better direction by more than
    ``STILL_IMPROVING_SIGMAS`` standard errors, and the improvement it implies
    over that stretch is at least ``STILL_IMPROVING_SHARE`` of the series'
    total improvement.
    """
    series = curves.monitored
    if series is None:
        return []
    stats = shape(series)
    if stats is None:
        return []
    tail = max(3, int(math.ceil(len(stats.y) * TAIL_FRACTION)))
    y_tail = stats.y[-tail:]
    slope, stderr = robust.slope_per_index(y_tail)
    if not math.isfinite(slope) or slope >= 0:
        return []
    implied = -slope * (len(y_tail) - 1)
    gain = stats.start - float(np.min(stats.y))
    if gain <= 0 or implied < STILL_IMPROVING_SHARE * gain:
        return []
    if stderr > 0 and -slope < STILL_IMPROVING_SIGMAS * stderr:
        return []
    step = int(stats.steps[-1])
    return [Finding(
        "still_improving", "info", series.name, step,
        f"{series.name} was still improving at step {step}: the last {tail} points moved "
        f"{_fmt(implied)} ({implied / gain:.0%} of its total improvement)",
        {"tail_points": tail, "tail_improvement": implied, "share_of_improvement": implied / gain,
         "slope_over_stderr": (-slope / stderr) if stderr > 0 else "Infinity"},
        ADVICE["still_improving"])]


def find_underfitting(curves: RunCurves) -> list[Finding]:
    """underfitting: the model learned nothing measurable.

    Flagged when the train loss (else the monitored series) improved from its
    start level (and from its first three points) to its end level by less
    than ``UNDERFIT_MAX_GAIN_NOISE`` noise sigmas: the loss stayed where it began. Only the curve's shape is
    used, so the verdict survives scaling and shifting; a loss that fell fast
    and then stayed high is indistinguishable from a converged one without
    knowing the task's floor, and is not called underfitting.
    """
    subject = curves.train if curves.train is not None else curves.monitored
    if subject is None:
        return []
    stats = shape(subject)
    if stats is None:
        return []
    gain = stats.start - stats.end
    # A loss that fell within its first few logs has a low "start level": the very first
    # points must not be far above the end either.
    first_drop = float(np.median(stats.y[:3])) - stats.end
    if (stats.sigma > 0 and -stats.sigma <= gain < UNDERFIT_MAX_GAIN_NOISE * stats.sigma
            and first_drop < UNDERFIT_MAX_GAIN_NOISE * stats.sigma):
        return [Finding(
            "underfitting", "warning", subject.name, None,
            f"{subject.name} barely moved: it improved {_fmt(abs(_raw(subject, stats.start) - _raw(subject, stats.end)))}, under "
            f"{UNDERFIT_MAX_GAIN_NOISE:g} noise sigmas ({_fmt(stats.sigma)})",
            {"improvement": gain, "noise_sigma": stats.sigma}, ADVICE["underfitting"])]
    return []


def find_plateau(curves: RunCurves) -> list[Finding]:
    """plateau: a series stopped changing for a long stretch.

    The monitored series' trend over its last ``PLATEAU_FRACTION`` moves by
    less than 2 noise sigmas and by less than 2% of its total improvement.
    """
    series = curves.monitored
    if series is None:
        return []
    stats = shape(series)
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

    Exploding: grad_norm is non-finite somewhere or its maximum exceeds
    ``GRAD_EXPLODE_RATIO`` times its median. Vanishing: its level at the end is
    below ``GRAD_VANISH_RATIO`` of its level at the start.
    """
    series = curves.grad_norm
    if series is None or len(series) < MIN_POINTS:
        return []
    values = series.values
    finite = values[np.isfinite(values)]
    findings = []
    if len(finite) == 0:
        return findings
    median = float(np.median(np.abs(finite)))
    peak = float(np.max(np.abs(finite)))
    non_finite = int((~np.isfinite(values)).sum())
    if non_finite or (median > 0 and peak > GRAD_EXPLODE_RATIO * median):
        index = int(np.argmax(~np.isfinite(values))) if non_finite else int(np.nanargmax(np.abs(values)))
        step = int(series.steps[index])
        findings.append(Finding(
            "exploding_gradients", "error" if non_finite else "warning", series.name, step,
            f"grad_norm reached {_fmt(peak) if not non_finite else 'non-finite values'} at step {step} "
            f"(median {_fmt(median)})",
            {"max": peak, "median": median, "non_finite": non_finite}, ADVICE["exploding_gradients"]))
    start, end = robust.start_level(np.abs(finite)), robust.end_level(np.abs(finite))
    if start > 0 and end < GRAD_VANISH_RATIO * start:
        findings.append(Finding(
            "vanishing_gradients", "warning", series.name, int(series.steps[-1]),
            f"grad_norm fell from {_fmt(start)} to {_fmt(end)}",
            {"start": start, "end": end}, ADVICE["vanishing_gradients"]))
    return findings


def find_learning_rate(curves: RunCurves, verdict_codes: set[str]) -> list[Finding]:
    """lr_too_high / lr_too_low: learning-rate evidence from the curve shape and the logged LR.

    lr_too_high when the run diverged, turned erratic or spiked (its learning
    rate at that point is quoted when logged). lr_too_low when the run is
    underfitting or still improving slowly with a learning rate that never
    changed, so the schedule did not cause the slow progress.
    """
    lr = curves.learning_rate
    lr_text, evidence = "", {}
    if lr is not None and len(lr):
        finite = lr.values[np.isfinite(lr.values)]
        if len(finite):
            evidence = {"max_learning_rate": float(np.max(finite)), "last_learning_rate": float(finite[-1])}
            lr_text = f" (peak learning rate {_fmt(float(np.max(finite)))})"
    if verdict_codes & {"diverging", "erratic"}:
        return [Finding("lr_too_high", "warning", lr.name if lr is not None else None, None,
                        "the curve shape points to a learning rate that is too high" + lr_text,
                        evidence, ADVICE["lr_too_high"])]
    if "underfitting" in verdict_codes and lr is not None and len(lr):
        finite = lr.values[np.isfinite(lr.values)]
        if len(finite) and float(np.max(finite)) <= LR_FLAT_RATIO * float(np.min(finite)):
            return [Finding("lr_too_low", "info", lr.name, None,
                            "slow progress at a constant learning rate" + lr_text,
                            evidence, ADVICE["lr_too_low"])]
    return []


def find_resumed(curves: RunCurves) -> list[Finding]:
    """resumed: a series went back to an earlier step (a restart from a checkpoint).

    The later write wins; the finding lists the steps the run went back to.
    """
    rewinds: dict[int, list[str]] = {}
    duplicates = 0
    for series in curves.all.values():
        duplicates += series.duplicates
        for step in series.rewinds:
            rewinds.setdefault(step, []).append(series.name)
    if not rewinds:
        return []
    steps = sorted(rewinds)
    return [Finding(
        "resumed", "info", None, steps[0],
        f"the run went back to step{'s' if len(steps) > 1 else ''} "
        f"{', '.join(map(str, steps[:5]))}{'...' if len(steps) > 5 else ''} "
        "(resumed from a checkpoint); the later write of each step is used",
        {"rewind_steps": steps[:50], "rewinds": len(steps), "duplicate_points": duplicates},
        ADVICE["resumed"])]
