"""Robust statistics the detectors share: trend, noise, windows that scale with length.

Every quantity here is invariant to shifting the values by a constant and
scales with multiplying them, and every window is a fraction of the series
length, so the detectors built on them give the same answer for a log that
is scaled, shifted, or thinned to every k-th point.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

MAD_TO_SIGMA = 1.4826  # scales the median absolute deviation to a normal sigma
TREND_FRACTION = 0.1  # trend window: a tenth of the series
EDGE_FRACTION = 0.1  # "start" and "end" levels: the first / last tenth


def saturating(function):
    """Run ``function`` with float overflow saturating to ±inf without a warning.

    Logged values near the float64 limit (1e308) overflow in differences, means and dot
    products; ±inf is then the right answer ("beyond any threshold"), and the detectors
    treat it as such. Division by zero and invalid operations still warn: they are bugs.
    """
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with np.errstate(over="ignore"):
            return function(*args, **kwargs)

    return wrapper


def odd_window(n: int, fraction: float = TREND_FRACTION, minimum: int = 3) -> int:
    window = max(minimum, int(round(n * fraction)))
    return window if window % 2 == 1 else window + 1


# Above this many points the trend is computed on bucket medians (same window in
# fractions of the series, far less work on a million-point log).
TREND_BUCKETS = 4000


def trend(values: np.ndarray) -> np.ndarray:
    """A centred rolling median: the curve without its noise and single-point outliers."""
    n = len(values)
    if n < 5:
        return values.astype(np.float64, copy=True)
    if n > TREND_BUCKETS:
        edges = np.linspace(0, n, TREND_BUCKETS + 1).astype(np.int64)
        sizes = np.diff(edges)
        order = np.repeat(np.arange(TREND_BUCKETS), sizes)
        medians = pd.Series(values).groupby(order).median().to_numpy()
        smooth = trend(medians)
        return np.repeat(smooth, sizes)
    return rolling_median(values, odd_window(n))


def rolling_median(values: np.ndarray, window: int) -> np.ndarray:
    """The centred running median over ``window`` points, shrinking at the edges."""
    return pd.Series(values).rolling(window, center=True, min_periods=1).median().to_numpy()


def noise(values: np.ndarray, smooth: np.ndarray | None = None) -> float:
    """Robust sigma of the residuals around the trend (0.0 for fewer than 5 points)."""
    n = len(values)
    if n < 5:
        return 0.0
    smooth = trend(values) if smooth is None else smooth
    residual = values - smooth
    sigma = mad_sigma(residual)
    if sigma == 0.0:
        # Quantised logs (4-decimal HF losses) can make the MAD zero; use the mean deviation.
        sigma = float(np.mean(np.abs(residual))) * math.sqrt(math.pi / 2)
    return sigma


def edge_count(n: int, fraction: float = EDGE_FRACTION) -> int:
    return max(1, int(math.ceil(n * fraction)))


def start_level(values: np.ndarray) -> float:
    return float(np.median(values[: edge_count(len(values))]))


def end_level(values: np.ndarray) -> float:
    return float(np.median(values[-edge_count(len(values)):]))


def unit_scale(values: np.ndarray) -> float:
    """The largest magnitude of ``values`` (1.0 when zero or not finite): dividing by it keeps
    differences, means and dot products of values near the float limit from overflowing."""
    scale = float(np.max(np.abs(values))) if len(values) else 1.0
    return scale if 0.0 < scale < math.inf else 1.0


LINE_FEW = 3  # three points about their line leave one degree of freedom


def mad_sigma(values: np.ndarray) -> float:
    """Robust sigma: the median absolute deviation from the median, scaled to a normal sigma."""
    return MAD_TO_SIGMA * float(np.median(np.abs(values - np.median(values))))


def line_fit(values: np.ndarray) -> tuple[float, float, np.ndarray]:
    """Least-squares line through ``values`` per point: slope, its standard error and the
    residuals (NaN, NaN and zeros for fewer than 3 points)."""
    n = len(values)
    if n < 3:
        return math.nan, math.nan, np.zeros(n)
    scale = unit_scale(values)
    x = np.arange(n, dtype=np.float64)
    x -= x.mean()
    y = values / scale
    y = y - y.mean()
    sxx = float(np.dot(x, x))
    slope = float(np.dot(x, y)) / sxx
    residual = y - slope * x
    stderr = math.sqrt(float(np.dot(residual, residual)) / max(n - 2, 1) / sxx)
    return slope * scale, stderr * scale, residual * scale


def slope_per_index(values: np.ndarray) -> tuple[float, float]:
    """Least-squares slope per point and its standard error (NaN for < 3 points)."""
    slope, stderr, _ = line_fit(values)
    return slope, stderr


def below_zero_by(slope: float, stderr: float, sigmas: float) -> bool:
    """True when a fitted ``slope`` lies ``sigmas`` standard errors below zero or more (a
    ``stderr`` of 0, an exact straight line, counts when the slope is below zero)."""
    return math.isfinite(slope) and slope < 0 and (stderr <= 0 or -slope >= sigmas * stderr)


def scatter_around_line(values: np.ndarray) -> float:
    """Robust sigma of ``values`` around their least-squares line (MAD of the residuals); of
    three values, their residuals' root mean square over the one degree of freedom left
    (the residuals of three points about their line are r, -2r, r, whose MAD is 0 whatever
    r is)."""
    residuals = line_fit(values)[2]
    if len(values) == LINE_FEW:
        return math.sqrt(float(np.dot(residuals, residuals)) / (LINE_FEW - 2))
    return mad_sigma(residuals)


def trend_rank(values: np.ndarray, parts: int = 10) -> float:
    """The rank correlation of the medians of ``parts`` equal stretches of ``values`` with
    their order (-1: each stretch lower than the one before; 0: no trend; NaN for fewer
    values than ``parts``): a trend read through any noise, in fractions of the series."""
    if len(values) < parts:
        return math.nan
    medians = np.array([np.median(part) for part in np.array_split(values, parts)])
    ranks = np.argsort(np.argsort(medians, kind="stable"), kind="stable").astype(np.float64)
    order = np.arange(parts, dtype=np.float64)
    return float(np.corrcoef(ranks, order)[0, 1])


def jumpiness(values: np.ndarray) -> float:
    """Robust sigma of point-to-point noise: the MAD of second differences / sqrt 6.

    Second differences cancel a local trend and most of a smooth curve's bend,
    so a V-shaped curve of a few evaluations is not read as noise; for white
    noise of sigma s they have sigma s * sqrt 6.
    """
    if len(values) < 4:
        return 0.0
    scale = unit_scale(values)
    return mad_sigma(np.diff(values / scale, 2)) / math.sqrt(6) * scale
