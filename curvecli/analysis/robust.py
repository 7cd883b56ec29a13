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
    window = odd_window(n)
    return pd.Series(values).rolling(window, center=True, min_periods=1).median().to_numpy()


def noise(values: np.ndarray, smooth: np.ndarray | None = None) -> float:
    """Robust sigma of the residuals around the trend (0.0 for fewer than 5 points)."""
    n = len(values)
    if n < 5:
        return 0.0
    smooth = trend(values) if smooth is None else smooth
    residual = values - smooth
    mad = float(np.median(np.abs(residual - np.median(residual))))
    sigma = MAD_TO_SIGMA * mad
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


def slope_per_index(values: np.ndarray) -> tuple[float, float]:
    """Least-squares slope per point and its standard error (NaN for < 3 points)."""
    n = len(values)
    if n < 3:
        return math.nan, math.nan
    # Scaled to at most 1 first, so that values near the float limit do not overflow.
    scale = float(np.max(np.abs(values)))
    if not 0.0 < scale < math.inf:
        scale = 1.0
    x = np.arange(n, dtype=np.float64)
    x -= x.mean()
    y = values / scale
    y = y - y.mean()
    sxx = float(np.dot(x, x))
    slope = float(np.dot(x, y)) / sxx
    residual = y - slope * x
    stderr = math.sqrt(float(np.dot(residual, residual)) / max(n - 2, 1) / sxx)
    return slope * scale, stderr * scale
