"""Forecast a learning curve to the planned end of training, with a band.

After Domhan, Springenberg & Hutter (IJCAI 2015): a weighted ensemble of parametric
learning-curve families, each fitted robustly and weighted by how well it predicts held-out
later points of the curve itself. Pure analysis: nothing here prints, and scipy is imported
only when a curve is actually fitted.

The rules, in order:

* Input. Points with a non-finite step are dropped; steps are sorted and a step written
  twice keeps its later write. A curve whose last point is NaN or infinite is refused;
  other non-finite values are dropped. Values are divided by their largest magnitude first
  (so 1e30 or 1e300 fits like 1.0).
* Direction. Values are oriented so that lower is better (accuracies are negated), then
  normalised: ``z = (y - end level) / range of the fitted part``, so one code path serves
  losses and accuracies, and the answer scales and shifts with the values.
* Time. ``t = (step - origin) / (last step - origin)`` where ``origin`` is one logging
  interval (median of the first gaps) before the first step: a run logging from step 5000
  reads like one logging from its first interval, and t = 1 at the last observed step.
* LR clock. When a logged learning rate has decayed by ``LR_MIN_DECAY`` since its peak,
  the families are fitted against the cumulative learning rate ("LR area") instead of t,
  the schedule extrapolated to ``to_step`` by a line through the second half of its
  post-peak points, clipped at 0 (linear decay is then exact, a cosine roughly so).
* Warm-up. The fit starts at the worst point within the first ``WARMUP_SHARE`` of the
  points. Points beyond ``MAX_FIT_POINTS`` are binned (equal-count bins, medians).
* Turn. When the running median's best point is followed by ``MIN_POINTS`` points or more
  and it has since risen by more than ``TURN_SHARE`` of its range and ``TURN_NOISE`` noise
  sigmas, the curve has turned (overfitting): the fit starts at that best point and the
  families are fitted upside down, so they describe a saturating rise.
* Refusals. Fewer than ``MIN_POINTS`` finite points after the warm-up; a non-finite last
  point; an erratic curve: point-to-point noise (MAD of second differences / sqrt 6) above
  ``ERRATIC_RATIO`` times the trend (the range of the running median of the fitted part).
* Families (``FAMILIES``): ``z = c + a * g(x)`` with ``a >= 0``, plus ``level`` (flat at
  the end level: the median of the last ``LEVEL_SHARE`` of the points). A fit is a grid
  over the shape parameters with ``c`` and ``a`` in closed form under soft-L1 reweighting,
  then polished by bounded ``scipy.optimize.least_squares(loss="soft_l1")``.
* Weights. Every family is fitted on the first ``HOLDOUT_TRAIN`` of the points and scored
  by its RMS error on the rest; its weight is ``1 / (error^2 + noise^2)`` (shares under
  ``WEIGHT_FLOOR`` dropped); then it is refitted on every point. The point forecast is the
  weighted median of the members at ``to_step``.
* Band. A Student-t (``BAND_DOF`` degrees of freedom) around the point forecast; its scale
  is the root sum of squares of the members' weighted spread, the noise, and the
  extrapolation error ``hypot(EXTRAP_GAIN * holdout error, HORIZON_FLOOR) * log(T) /
  log(T_holdout)``, where T is the step-time ratio of the target to the last point and
  T_holdout that of the holdout; at most ``MAX_BAND_SCALE`` fitted ranges (one member fitted
  wild on a few points must not make the band span orders of magnitude). ``p_beat`` comes
  from the same distribution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

MAX_FIT_POINTS = 150  # longer curves are binned to this many medians before fitting
MIN_POINTS = 6  # fewer finite points after the warm-up: refused
WARMUP_SHARE = 0.3  # the fit starts at the worst point within this first share of points
ERRATIC_RATIO = 0.5  # noise above this share of the trend: too erratic to extrapolate
USE_LR_CLOCK = True  # fit against the LR area when a decaying learning rate is logged
LR_MIN_POINTS = 3  # logged rates needed after the peak
LR_MIN_DECAY = 0.1  # the rate must have fallen by this share since its peak
LR_GRID = 400  # points of the extrapolated schedule
TURN_SHARE = 0.02  # a rise after the best point above this share of the range is a turn ...
TURN_NOISE = 3.0  # ... and above this many noise sigmas
HOLDOUT_TRAIN = 0.7  # families are scored on the points after this share
MIN_TRAIN = 4  # fewest points a holdout fit is made on
LEVEL_SHARE = 0.15  # the level model: median of this last share of the points ...
LEVEL_MIN = 3  # ... and at least this many points
SMOOTH_WINDOW = 5  # running-median window (points) for trend and level
ASYMPTOTE_FLOOR = -4.0  # an asymptote at most 4 fitted ranges better than the end level
MAX_AMPLITUDE = 1e3  # bound of a family's amplitude (normalised units)
GRID_SIZE = {1: 40, 2: 16}  # grid points per shape parameter (families of 1 and 2 shapes)
MIN_F_SCALE = 1e-3  # soft-L1 scale (normalised units) for a noiseless curve
ROBUST_ITERATIONS = 3  # reweighting rounds of the grid fit
POLISH_WEIGHT = 0.0  # full fits of families with at least this weight are polished ...
POLISH_EVALS = 10  # ... by least squares with at most this many function evaluations
HORIZON_FLOOR = 0.03  # extrapolation error per holdout-sized horizon, at least (normalised)
BAND_DOF = 3  # Student-t degrees of freedom of the band and of p_beat
EXTRAP_GAIN = 2.0  # held-out error multiplier per holdout-sized horizon
MAX_BAND_SCALE = 2.0  # the band's scale at most twice the fitted part's range (normalised)
TARGET_HORIZON = 10.0  # target_step is searched up to 10x the observed time (from origin)
PATH_POINTS = 100  # points of the plotted path
CROSSING_GRID = 2000  # points searched for target_step
WEIGHT_FLOOR = 0.01  # families below this weight share are dropped
MAD_TO_SIGMA = 1.4826


@dataclass
class Forecast:
    """A curve's forecast at ``to_step``; ``predicted`` is None when refused (see ``reason``).

    Values are in the curve's own units and direction. ``target_step`` is the first step
    at which the curve reaches ``target``: the observed step when it already has, else where
    the point forecast crosses it, searched up to ``TARGET_HORIZON`` times the observed time
    (from one logging interval before the first step); None when not reached by then.
    """

    predicted: float | None
    low: float | None
    high: float | None
    level: float
    target_step: int | None = None
    p_beat: float | None = None
    method: str = ""
    reason: str | None = None
    weights: dict[str, float] = field(default_factory=dict)
    fit_from: int | None = None
    noise: float | None = None
    path_steps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    path_mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    path_low: np.ndarray = field(default_factory=lambda: np.zeros(0))
    path_high: np.ndarray = field(default_factory=lambda: np.zeros(0))
    to_step: int | None = None
    lower_is_better: bool = True
    last_level: float | None = None  # the smoothed value at the last observed step
    scale: float | None = None  # band scale (Student-t) at to_step, in value units
    _model: object = field(default=None, repr=False, compare=False)

    def gain(self) -> float | None:
        """Predicted improvement from the last smoothed value to ``to_step`` (positive =
        better), None when refused."""
        if self.predicted is None or self.last_level is None:
            return None
        diff = self.last_level - self.predicted
        return diff if self.lower_is_better else -diff


# --- the families: z = c + a * g(x; shape), fitted in normalised units ------------------

def _pow3(x, p):
    return p[0] + p[1] * x ** (-p[2])


def _pow4(x, p):
    return p[0] + p[1] * (x + p[2]) ** (-p[3])


def _mmf(x, p):
    return p[0] + p[1] / (1.0 + (x / p[2]) ** p[3])


def _weibull(x, p):
    return p[0] + p[1] * np.exp(-((x / p[2]) ** p[3]))


def _exp3(x, p):
    return p[0] + p[1] * np.exp(-x / p[2])


def _ilog2(x, p):
    return p[0] + p[1] / np.log1p(x / p[2])


@dataclass(frozen=True)
class Family:
    """One parametric family: ``func(x, params)`` with ``params = (c, a, *shape)`` and the
    bounds of its shape parameters (those of ``c`` and ``a`` come from the data)."""

    name: str
    func: Callable
    shape_low: tuple[float, ...]
    shape_high: tuple[float, ...]


# Domhan's families, reparametrised as z = c + a * g: pow3 (c - a x^-alpha), pow4, MMF
# (= Hill and the log-power curve up to reparametrisation), Weibull (= Janoschek, = exp4
# up to reparametrisation), exp3 and ilog2. Left out: vapor pressure and loglog-linear
# (they need positive values and diverge outside the fitted range).
FAMILIES = (
    Family("pow3", _pow3, (0.01,), (5.0,)),
    Family("pow4", _pow4, (0.0, 0.01), (2.0, 5.0)),
    Family("mmf", _mmf, (1e-3, 0.1), (10.0, 10.0)),
    Family("weibull", _weibull, (1e-3, 0.1), (10.0, 10.0)),
    Family("exp3", _exp3, (1e-3,), (10.0,)),
    Family("ilog2", _ilog2, (1e-3,), (10.0,)),
)
LEVEL = "level"


# --- preparing the curve -----------------------------------------------------------------

@dataclass
class _Curve:
    """A cleaned curve: every finite point (oriented: lower is better) and the fit part."""

    steps: np.ndarray  # sorted, unique, finite values (all points)
    y: np.ndarray  # oriented values of those points
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # fit part, normalised time
    z: np.ndarray = field(default_factory=lambda: np.zeros(0))  # fit part, normalised value
    t: np.ndarray = field(default_factory=lambda: np.zeros(0))  # fit part, step time
    origin: float = 0.0
    span: float = 1.0
    ref: float = 0.0
    scale: float = 1.0
    fit_from: int | None = None
    noise: float = 0.0  # in z units
    clock: Callable | None = None  # step -> normalised LR area (None: step time)

    def time(self, steps) -> np.ndarray:
        """Normalised step time: 1 at the last observed step."""
        return (np.asarray(steps, dtype=np.float64) - self.origin) / self.span

    def at(self, steps) -> np.ndarray:
        """The fitting axis: the LR clock when there is one, else step time."""
        return self.clock(steps) if self.clock is not None else self.time(steps)


def _clean(steps, values) -> tuple[np.ndarray, np.ndarray, str | None]:
    """Sorted unique steps and their values (a step written twice keeps its later write);
    the reason to refuse when the curve ends in a non-finite value."""
    steps = np.asarray(steps, dtype=np.float64).ravel()
    values = np.asarray(values, dtype=np.float64).ravel()
    n = min(len(steps), len(values))
    steps, values = steps[:n], values[:n]
    keep = np.isfinite(steps)
    steps, values = steps[keep], values[keep]
    if n and len(steps):
        order = np.argsort(steps, kind="stable")
        steps, values = steps[order], values[order]
        last_write = np.append(steps[1:] != steps[:-1], True)
        steps, values = steps[last_write], values[last_write]
    if len(values) and not np.isfinite(values[-1]):
        return steps, values, "the curve ends in a non-finite value (NaN or inf)"
    finite = np.isfinite(values)
    return steps[finite], values[finite], None


def _binned(steps: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At most ``MAX_FIT_POINTS`` points: equal-count bins, median step and median value."""
    n = len(steps)
    if n <= MAX_FIT_POINTS:
        return steps, values
    edges = np.linspace(0, n, MAX_FIT_POINTS + 1).astype(np.int64)
    step_bins = [np.median(steps[a:b]) for a, b in zip(edges[:-1], edges[1:])]
    value_bins = [np.median(values[a:b]) for a, b in zip(edges[:-1], edges[1:])]
    return np.asarray(step_bins), np.asarray(value_bins)


def running_median(values: np.ndarray, window: int = SMOOTH_WINDOW) -> np.ndarray:
    """Centred running median over ``window`` points (shrinking at the ends)."""
    n = len(values)
    if n < 3:
        return values.astype(np.float64, copy=True)
    half = min(window // 2, (n - 1) // 2)
    padded = np.concatenate([np.full(half, np.nan), values, np.full(half, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    return np.nanmedian(windows, axis=1)


def jump_noise(values: np.ndarray) -> float:
    """Point-to-point noise: the MAD of second differences / sqrt 6 (0 below 4 points)."""
    if len(values) < 4:
        return 0.0
    second = np.diff(values, 2)
    return MAD_TO_SIGMA * float(np.median(np.abs(second - np.median(second)))) / math.sqrt(6)


def _warmup_start(y: np.ndarray) -> int:
    """Index of the worst point within the first ``WARMUP_SHARE`` of the points."""
    head = max(1, int(math.ceil(WARMUP_SHARE * len(y))))
    return int(np.argmax(y[:head]))


def _level(z: np.ndarray) -> float:
    """The end level: the median of the last ``LEVEL_SHARE`` of the points (>= LEVEL_MIN)."""
    count = max(LEVEL_MIN, int(math.ceil(LEVEL_SHARE * len(z))))
    return float(np.median(z[-count:]))


def _lr_future(lr_steps: np.ndarray, lr_values: np.ndarray) -> Callable | None:
    """The schedule beyond its last logged point: a line through the second half of the
    points after the peak, clipped at 0 (flat when it rises); None when the rate has not
    decayed by ``LR_MIN_DECAY`` since its peak or fewer than ``LR_MIN_POINTS`` follow it."""
    peak = int(np.argmax(lr_values))
    tail_steps, tail = lr_steps[peak:], lr_values[peak:]
    if len(tail) < LR_MIN_POINTS or tail[-1] > (1.0 - LR_MIN_DECAY) * tail[0]:
        return None
    half = len(tail) // 2
    slope = float(np.polyfit(tail_steps[half:], tail[half:], 1)[0])
    slope = min(slope, 0.0)
    last_step, last = float(tail_steps[-1]), float(tail[-1])
    return lambda s: np.maximum(last + slope * (s - last_step), 0.0)


def lr_clock(lr, origin: float, last_step: float, far: float) -> Callable | None:
    """Step -> cumulative learning rate since ``origin`` ("LR area"), normalised to 1 at
    ``last_step``, the schedule extrapolated by ``_lr_future``; None when the rate is not
    usable (too few finite points, never positive, or not decaying)."""
    lr_steps, lr_values, _ = _clean(*lr)
    keep = (lr_values >= 0) & (lr_steps <= last_step)
    lr_steps, lr_values = lr_steps[keep], lr_values[keep]
    if len(lr_steps) < LR_MIN_POINTS or not np.max(lr_values) > 0:
        return None
    future = _lr_future(lr_steps, lr_values)
    if future is None:
        return None
    ahead = np.linspace(last_step, max(far, last_step + 1.0), LR_GRID)[1:]
    grid = np.concatenate([[origin], lr_steps[lr_steps > origin], ahead])
    rate = np.concatenate([np.interp(grid[:-len(ahead)], lr_steps, lr_values),
                           future(ahead)])
    area = np.concatenate([[0.0], np.cumsum(np.diff(grid) * (rate[1:] + rate[:-1]) / 2)])
    at_last = float(np.interp(last_step, grid, area))
    if not at_last > 0:
        return None
    return lambda s: np.interp(np.asarray(s, dtype=np.float64), grid, area) / at_last


def _turn_start(y: np.ndarray, noise: float) -> int:
    """Where a curve that has turned (improved, then got worse) starts its worsening regime:
    the best point of the running median, when at least ``MIN_POINTS`` points follow it and
    the median has since risen by more than ``TURN_SHARE`` of its range and ``TURN_NOISE``
    times the noise; else 0 (no turn)."""
    smooth = running_median(y)
    best = int(np.argmin(smooth))
    rise = float(smooth[-1] - smooth[best])
    spread = float(np.max(smooth) - np.min(smooth))
    if len(y) - best >= MIN_POINTS and rise > max(TURN_SHARE * spread, TURN_NOISE * noise):
        return best
    return 0


def _prepare(curve: _Curve, lr, to_step: float) -> str | None:
    """Fill the fit part of ``curve`` (warm-up cut, turn found, binned, normalised); the
    reason to refuse when it cannot be extrapolated."""
    steps, y = curve.steps, curve.y
    interval = float(np.median(np.diff(steps[: 2 * SMOOTH_WINDOW]))) if len(steps) > 1 else 1.0
    curve.origin = float(steps[0]) - (interval if interval > 0 else 1.0)
    curve.span = float(steps[-1]) - curve.origin
    if lr is not None and USE_LR_CLOCK:
        far = max(to_step, curve.origin + TARGET_HORIZON * curve.span)
        curve.clock = lr_clock(lr, curve.origin, float(steps[-1]), far)
    start = _warmup_start(y)
    fit_steps, fit_y = _binned(steps[start:], y[start:])
    curve.fit_from = int(steps[start])
    if len(fit_y) < MIN_POINTS:
        return (f"too short to extrapolate: {len(fit_y)} finite point(s) after the warm-up, "
                f"at least {MIN_POINTS} needed")
    turn = _turn_start(fit_y, jump_noise(fit_y))
    fit_steps, fit_y = fit_steps[turn:], fit_y[turn:]
    curve.fit_from = int(fit_steps[0]) if turn else curve.fit_from
    curve.ref = _level(fit_y)
    # A turned curve is fitted upside down: its families then describe a saturating rise.
    curve.scale = float(np.max(fit_y) - np.min(fit_y)) * (-1.0 if turn else 1.0)
    curve.x, curve.t = curve.at(fit_steps), curve.time(fit_steps)
    curve.z = (fit_y - curve.ref) / curve.scale if curve.scale else fit_y * 0.0
    curve.noise = jump_noise(curve.z)
    smooth = running_median(curve.z)
    trend = float(np.max(smooth) - np.min(smooth))
    if curve.scale and curve.noise > ERRATIC_RATIO * trend:
        return (f"too erratic to extrapolate: its point-to-point noise is "
                f"{curve.noise / max(trend, 1e-300):.1f}x its trend (limit {ERRATIC_RATIO})")
    return None


# --- fitting -------------------------------------------------------------------------------

def _shape_grid(family: Family) -> np.ndarray:
    """The family's shape parameters on a grid (rows), geometric between the bounds
    (a lower bound of 0 is included as a value of its own)."""
    axes = []
    for low, high in zip(family.shape_low, family.shape_high):
        count = GRID_SIZE[len(family.shape_low)]
        axis = np.geomspace(max(low, high * 1e-4), high, count)
        axes.append(np.concatenate([[0.0], axis[:-1]]) if low == 0 else axis)
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([m.ravel() for m in mesh], axis=1)


def _basis(family: Family, x: np.ndarray, shapes: np.ndarray) -> np.ndarray:
    """g(x) for every shape row (c = 0, a = 1): shapes x points."""
    params = [0.0, 1.0] + [shapes[:, i:i + 1] for i in range(shapes.shape[1])]
    with np.errstate(all="ignore"):
        return family.func(x[None, :], params)


def _linear(basis: np.ndarray, z: np.ndarray, weights: np.ndarray, c_high: float):
    """Weighted least squares of ``z = c + a * g`` for every basis row (rows scaled to a
    maximum of 1), with ``a >= 0`` and ``ASYMPTOTE_FLOOR <= c <= c_high`` (``c`` clipped,
    then ``a`` refitted with ``c`` fixed)."""
    sw = weights.sum(axis=1)
    wg = weights * basis
    sg, sgg = wg.sum(axis=1), (wg * basis).sum(axis=1)
    sz, sgz = weights @ z, wg @ z
    var = sgg - sg * sg / sw
    cov = sgz - sg * sz / sw
    a = np.maximum(np.divide(cov, var, out=np.zeros_like(cov), where=var > 1e-12), 0.0)
    c = (sz - a * sg) / sw
    clipped = np.clip(c, ASYMPTOTE_FLOOR, c_high)
    refit = np.divide(sgz - clipped * sg, sgg, out=np.zeros_like(sg), where=sgg > 0)
    a = np.where(clipped != c, np.maximum(refit, 0.0), a)
    return clipped, a


def _soft_l1(residuals: np.ndarray, f_scale: float) -> np.ndarray:
    return 2.0 * (np.sqrt(1.0 + (residuals / f_scale) ** 2) - 1.0)


def fit_family(family: Family, x: np.ndarray, z: np.ndarray, f_scale: float,
               polish: bool = False) -> np.ndarray | None:
    """Robust fit of ``(c, a, *shape)``: on the family's shape grid, ``c`` and ``a`` in
    closed form with iteratively reweighted soft-L1 weights (``ROBUST_ITERATIONS``), the
    grid point of least soft-L1 cost kept; with ``polish``, refined by bounded
    ``least_squares`` (``loss="soft_l1"``). None when nothing finite fits."""
    if family.name not in _GRIDS:
        _GRIDS[family.name] = _shape_grid(family)
    shapes = _GRIDS[family.name]
    basis = _basis(family, x, shapes)
    norm = np.max(np.abs(basis), axis=1)
    usable = np.all(np.isfinite(basis), axis=1) & (norm > 0)
    if not np.any(usable):
        return None
    shapes, norm = shapes[usable], norm[usable]
    basis = basis[usable] / norm[:, None]
    c_high = float(np.max(z))
    weights = np.ones_like(basis)
    for _ in range(ROBUST_ITERATIONS):
        c, a = _linear(basis, z, weights, c_high)
        residuals = c[:, None] + a[:, None] * basis - z
        weights = 1.0 / np.sqrt(1.0 + (residuals / f_scale) ** 2)
    cost = _soft_l1(residuals, f_scale).sum(axis=1)
    best = int(np.argmin(cost))
    with np.errstate(all="ignore"):
        params = np.concatenate([[c[best], a[best] / norm[best]], shapes[best]])
    if not np.all(np.isfinite(params)):
        return None
    return _polished(family, x, z, f_scale, params, c_high) if polish else params


def _polished(family: Family, x, z, f_scale: float, params: np.ndarray,
              c_high: float) -> np.ndarray:
    """``params`` refined by bounded soft-L1 least squares (kept as is when that fails)."""
    from scipy.optimize import least_squares

    low = np.array([ASYMPTOTE_FLOOR, 0.0, *family.shape_low])
    high = np.array([c_high + 1e-9, MAX_AMPLITUDE, *family.shape_high])
    start = np.clip(params, low, high - 1e-12)

    def residuals(p):
        return family.func(x, p) - z

    try:
        with np.errstate(all="ignore"):
            result = least_squares(residuals, start, bounds=(low, high), loss="soft_l1",
                                   f_scale=f_scale, max_nfev=POLISH_EVALS)
    except (ValueError, np.linalg.LinAlgError, FloatingPointError):
        return params
    return result.x if np.all(np.isfinite(result.x)) else params


_GRIDS: dict[str, np.ndarray] = {}


def weighted_median(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted median over axis 0 of ``values`` (families x points)."""
    order = np.argsort(values, axis=0)
    sorted_values = np.take_along_axis(values, order, axis=0)
    cumulative = np.cumsum(weights[order], axis=0)
    index = np.argmax(cumulative >= 0.5 * cumulative[-1:], axis=0)
    return np.take_along_axis(sorted_values, index[None, :], axis=0)[0]


@dataclass
class _Ensemble:
    """The fitted families (normalised units) and what the band needs."""

    names: list[str]
    params: list[np.ndarray | None]  # None for the level model
    weights: np.ndarray
    level: float
    noise: float
    holdout_error: float  # RMS error of the ensemble on the held-out points, beyond noise
    holdout_ratio: float  # the holdout's horizon: last x over the last fitted x

    def members(self, x: np.ndarray) -> np.ndarray:
        rows = []
        for name, params in zip(self.names, self.params):
            if params is None:
                rows.append(np.full(len(x), self.level))
            else:
                with np.errstate(all="ignore"):
                    rows.append(_FAMILY[name].func(x, params))
        return np.asarray(rows)

    def predict(self, x: np.ndarray, time: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Point forecast and band scale (Student-t) on the fitting axis ``x``; the
        extrapolation error grows with the step time ``time`` (both 1 at the last point)."""
        members = self.members(x)
        center = weighted_median(members, self.weights)
        spread = np.sqrt(self.weights @ (members - center) ** 2 / self.weights.sum())
        growth = np.log(np.maximum(time, 1.0)) / math.log(max(self.holdout_ratio, 1.0 + 1e-9))
        extrap = math.hypot(EXTRAP_GAIN * self.holdout_error, HORIZON_FLOOR) * growth
        return center, np.sqrt(spread ** 2 + self.noise ** 2 + extrap ** 2)


_FAMILY = {family.name: family for family in FAMILIES}


def _holdout(x: np.ndarray, z: np.ndarray, f_scale: float):
    """Fit each family on the first ``HOLDOUT_TRAIN`` of the points and predict the rest:
    the held-out predictions per member (level last) and the train size (None, None when
    fewer than 2 points are left to hold out)."""
    n = len(x)
    n_train = max(MIN_TRAIN, int(math.ceil(HOLDOUT_TRAIN * n)))
    if n - n_train < 2:
        return None, None
    predictions = []
    for family in FAMILIES:
        params = fit_family(family, x[:n_train], z[:n_train], f_scale)
        if params is not None:
            with np.errstate(all="ignore"):
                predictions.append(family.func(x[n_train:], params))
        else:
            predictions.append(np.full(n - n_train, np.nan))
    predictions.append(np.full(n - n_train, _level(z[:n_train])))
    return np.asarray(predictions), n_train


def _weights(errors: np.ndarray, noise: float) -> np.ndarray:
    """``1 / (held-out error^2 + noise^2)``, normalised; shares under ``WEIGHT_FLOOR`` and
    failed fits (non-finite error) dropped."""
    weights = 1.0 / (errors ** 2 + noise ** 2 + 1e-12)
    weights[~np.isfinite(weights)] = 0.0
    weights /= weights.sum()
    weights[weights < WEIGHT_FLOOR] = 0.0
    return weights / weights.sum()


def fit_ensemble(x: np.ndarray, z: np.ndarray, noise: float,
                 time: np.ndarray | None = None) -> _Ensemble:
    """Weight every family by its held-out error, then refit it on every point (polished
    by least squares when its weight is at least ``POLISH_WEIGHT``); ``time`` is the step
    time of the points when ``x`` is another axis (the LR area)."""
    time = x if time is None else time
    f_scale = max(noise, MIN_F_SCALE)
    held, n_train = _holdout(x, z, f_scale)
    if held is None:
        errors = np.zeros(len(FAMILIES) + 1)
    else:
        errors = np.sqrt(np.mean((held - z[n_train:]) ** 2, axis=1))
    weights = _weights(errors, noise)
    params = [fit_family(family, x, z, f_scale, polish=weight >= POLISH_WEIGHT) if weight else None
              for family, weight in zip(FAMILIES, weights)] + [None]
    failed = [i for i, p in enumerate(params[:-1]) if p is None]
    if failed:
        errors[failed] = np.inf
        weights = _weights(errors, noise)
    holdout_error, ratio = 0.0, 1.0
    if held is not None:
        keep = weights > 0
        center = weighted_median(np.nan_to_num(held[keep]), weights[keep])
        rms = math.sqrt(float(np.mean((center - z[n_train:]) ** 2)))
        holdout_error = math.sqrt(max(rms ** 2 - noise ** 2, 0.0))
        ratio = float(time[-1] / time[n_train - 1])
    names = [family.name for family in FAMILIES] + [LEVEL]
    return _Ensemble(names, params, weights, _level(z), noise, holdout_error, ratio)


# --- the forecast --------------------------------------------------------------------------

def _refused(reason: str, level: float, lower_is_better: bool, **extra) -> Forecast:
    return Forecast(None, None, None, level, reason=reason, lower_is_better=lower_is_better,
                    **extra)


def _reached(curve: _Curve, target_y: float) -> int | None:
    """The first observed step whose running median (``SMOOTH_WINDOW`` points: one noisy
    point is not the curve) is at or better than the (oriented) target."""
    hit = np.flatnonzero(running_median(curve.y) <= target_y)
    return int(curve.steps[hit[0]]) if len(hit) else None


def _crossing(ensemble: _Ensemble, curve: _Curve, target_z: float, to_step: float) -> int | None:
    """The first step after the last observed one where the point forecast reaches the
    target, searched up to ``TARGET_HORIZON`` times the observed time (or ``to_step`` when
    further)."""
    horizon = max(TARGET_HORIZON, float(curve.time(to_step)))
    steps = curve.origin + np.geomspace(1.0, horizon, CROSSING_GRID) * curve.span
    center, _ = ensemble.predict(curve.at(steps), curve.time(steps))
    direction = 1.0 if curve.scale >= 0 else -1.0
    hit = np.flatnonzero(direction * center <= direction * target_z)
    if not len(hit):
        return None
    return int(math.ceil(steps[hit[0]]))


def _t_quantile(level: float) -> float:
    from scipy.special import stdtrit

    return float(stdtrit(BAND_DOF, 0.5 + level / 2.0))


def _t_cdf(value: np.ndarray) -> np.ndarray:
    from scipy.special import stdtr

    return stdtr(BAND_DOF, value)


def forecast_curve(steps, values, to_step: int, *, lower_is_better: bool, level: float = 0.8,
                   target: float | None = None, beat: float | None = None,
                   lr: tuple[np.ndarray, np.ndarray] | None = None) -> Forecast:
    """Forecast ``values`` at ``to_step`` (see the module docstring for the rules).

    ``level`` is the band's central probability, ``target`` a value to reach (its first
    step goes to ``target_step``), ``beat`` a value to beat at ``to_step`` (its probability
    goes to ``p_beat``), ``lr`` the logged learning rate as ``(steps, values)``. Never raises
    on odd input: the forecast is refused with a reason instead.
    """
    try:
        return _forecast(steps, values, to_step, lower_is_better, level, target, beat, lr)
    except Exception as error:  # noqa: BLE001 - a forecast refuses rather than raises
        return _refused(f"could not be fitted ({type(error).__name__})", level,
                        lower_is_better)


def _forecast(steps, values, to_step, lower_is_better, level, target, beat, lr) -> Forecast:
    steps, values, reason = _clean(steps, values)
    if reason:
        return _refused(reason, level, lower_is_better)
    if len(values) < MIN_POINTS:
        return _refused(f"too short to extrapolate: {len(values)} finite point(s), at least "
                        f"{MIN_POINTS} needed", level, lower_is_better)
    if to_step is None or not math.isfinite(float(to_step)):
        return _refused("no finite step to forecast to", level, lower_is_better)
    sign = 1.0 if lower_is_better else -1.0
    unit = float(np.max(np.abs(values)))
    unit = unit if 0.0 < unit < math.inf else 1.0
    curve = _Curve(steps, sign * values / unit)
    reason = _prepare(curve, lr, float(to_step))
    to_value = _Values(sign, unit, curve)
    target_z = None if target is None else to_value.z(float(target))
    reached = None if target is None else _reached(curve, sign * float(target) / unit)
    if reason:
        return _refused(reason, level, lower_is_better, fit_from=curve.fit_from,
                        target_step=reached)
    if not curve.scale:
        return _constant(curve, to_value, float(to_step), level, lower_is_better, beat, reached)
    ensemble = fit_ensemble(curve.x, curve.z, curve.noise, curve.t)
    if reached is None and target_z is not None:
        reached = _crossing(ensemble, curve, target_z, float(to_step))
    return _assemble(curve, ensemble, to_value, float(to_step), level, lower_is_better,
                     beat, reached)


@dataclass
class _Values:
    """Maps normalised oriented values back to the curve's units and direction."""

    sign: float
    unit: float
    curve: _Curve

    def value(self, z: np.ndarray | float) -> np.ndarray | float:
        return self.sign * self.unit * (self.curve.ref + np.asarray(z) * self.curve.scale)

    def z(self, value: float) -> float:
        oriented = self.sign * value / self.unit
        scale = self.curve.scale or 1.0
        return (oriented - self.curve.ref) / scale


def _constant(curve, to_value, to_step, level, lower_is_better, beat, reached) -> Forecast:
    """A curve flat after its warm-up forecasts its value, with no band."""
    value = float(to_value.value(0.0))
    p_beat = None
    if beat is not None and math.isfinite(beat):
        better = value < beat if lower_is_better else value > beat
        p_beat = 1.0 if better else (0.5 if value == beat else 0.0)
    path = np.linspace(float(curve.steps[-1]), max(to_step, float(curve.steps[-1])),
                       PATH_POINTS)
    flat = np.full(PATH_POINTS, value)
    return Forecast(value, value, value, level, reached, p_beat, "constant curve", None,
                    {LEVEL: 1.0}, curve.fit_from, 0.0, path, flat, flat, flat,
                    int(to_step), lower_is_better, value, 0.0)


def _assemble(curve, ensemble, to_value, to_step, level, lower_is_better, beat,
              reached) -> Forecast:
    """The Forecast from the fitted ensemble: point, band, p_beat and the plotted path."""
    quantile = _t_quantile(level)
    path_steps = np.linspace(float(curve.steps[-1]), max(to_step, float(curve.steps[-1])),
                             PATH_POINTS)
    center, scale = ensemble.predict(curve.at(path_steps), curve.time(path_steps))
    scale = np.minimum(scale, MAX_BAND_SCALE)  # a family gone wild widens, it does not explode
    one = to_value.value(center - quantile * scale)
    other = to_value.value(center + quantile * scale)
    low, high = np.minimum(one, other), np.maximum(one, other)
    floor, ceiling = natural_bounds(to_value.sign * to_value.unit * curve.y, lower_is_better)
    center_values = np.clip(to_value.value(center), floor, ceiling)
    low, high = np.clip(low, floor, ceiling), np.clip(high, floor, ceiling)
    unit_scale = to_value.unit * abs(curve.scale)
    used = {n: round(float(w), 4) for n, w in zip(ensemble.names, ensemble.weights) if w > 0}
    forecast = Forecast(
        predicted=float(center_values[-1]), low=float(low[-1]), high=float(high[-1]),
        level=level, target_step=reached,
        method=f"ensemble of {len(used)} curve families", reason=None, weights=used,
        fit_from=curve.fit_from, noise=curve.noise * unit_scale,
        path_steps=path_steps,
        path_mean=center_values, path_low=low, path_high=high,
        to_step=int(round(to_step)), lower_is_better=lower_is_better,
        last_level=float(to_value.value(0.0)), scale=float(scale[-1] * unit_scale),
        _model=(ensemble, to_value))
    if beat is not None:
        forecast.p_beat = p_beat_value(forecast, float(beat), lower_is_better)
    return forecast


def natural_bounds(values: np.ndarray, lower_is_better: bool) -> tuple[float, float]:
    """Where a curve's values cannot go: below 0 when none was negative (a loss, an error
    rate), and, for a higher-is-better score logged within [0, 1] or [0, 100], above that
    ceiling. The band and the forecast are clipped to them."""
    finite = values[np.isfinite(values)]
    if not len(finite) or float(np.min(finite)) < 0:
        return -math.inf, math.inf
    top = float(np.max(finite))
    if lower_is_better:
        return 0.0, math.inf
    return 0.0, 1.0 if top <= 1.0 else 100.0 if top <= 100.0 else math.inf


def p_beat_value(forecast: Forecast, value: float, lower_is_better: bool) -> float | None:
    """P(the curve at ``forecast.to_step`` is better than ``value``) from the forecast's
    band (None when the forecast was refused or ``value`` is not finite)."""
    if forecast.predicted is None or value is None or not math.isfinite(float(value)):
        return None
    if not forecast.scale:
        better = forecast.predicted < value if lower_is_better else forecast.predicted > value
        return 1.0 if better else (0.5 if forecast.predicted == value else 0.0)
    distance = (value - forecast.predicted) / forecast.scale
    return float(_t_cdf(distance if lower_is_better else -distance))
