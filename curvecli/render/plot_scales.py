"""Axes arithmetic for the figures: decimation, y ranges, x limits, ticks and tick labels.

Plain numpy, no matplotlib state: TensorBoard's outlier-ignoring y range
(``y_extent``), its margin (``pad_extent``), min/max decimation of long lines
(``decimate_minmax``), the ticks of a secondary x axis spaced so that their
labels never run into each other (``spaced_ticks``), and tick labels for
counts and elapsed time.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

from curvecli.analysis.report import format_number as _fmt

OUTLIER_QUANTILES = (0.05, 0.95)  # TensorBoard's computeDataSeriesExtent
OUTLIER_MIN_POINTS = 50  # sparser series (every point an evaluation) are all shown
EVAL_POINTS = 200  # sparser curves are evaluations: their best raw point is never clipped
EXTENT_MARGIN = 0.06  # of the y range, added on both sides
AXIS_LIMIT = 1e300  # axis ends beyond this would make the span overflow
LOG_LIMIT = 300.0  # the same on a log axis, in decades
AUTO_LOG_RATIO = 1e4  # a panel whose values span more is drawn on a log scale
X_MARGIN = 0.01  # of the x range, on both sides
# Secondary axis ticks: a label's width as a share of the axis per character, and the gap.
TICK_CHAR_SHARE, TICK_GAP_CHARS = 0.0115, 3
TICK_BINS = 9
# Tick steps (in the axis' unit) that read as round times: 15 s, 30 min, 6 h, 2 d...
TIME_STEPS = {"s": [1, 1.5, 2, 3, 5, 6, 10], "min": [1, 1.5, 2, 3, 5, 6, 10],
              "h": [1, 2, 3, 6, 10], "d": [1, 2, 5, 7, 10]}


def decimate_minmax(x: Any, y: Any, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``2 * buckets + 2`` points of a line, keeping each bucket's min and max.

    ``x`` is cut into ``buckets`` equal-width buckets; in each, the lowest and the
    highest finite point survive (in their original order), so a one-point spike
    stays visible where random sampling (TensorBoard's) would usually drop it. The
    first and last points and every non-finite point are kept too.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if buckets < 1:
        raise ValueError("buckets must be >= 1")
    n = len(x)
    if n <= 2 * buckets + 2:
        return x.copy(), y.copy()
    ids = _bucket_ids(x, buckets)
    finite = np.isfinite(y)
    keep = ~finite
    keep[0] = keep[-1] = True
    rows = np.flatnonzero(finite)
    if len(rows) and bool((np.diff(ids[rows]) >= 0).all()):
        # x in order (the usual case): buckets are runs of rows, no sort needed.
        low, high = _run_extremes(y[rows], ids[rows])
        keep[rows[low]] = True
        keep[rows[high]] = True
    elif len(rows):
        order = rows[np.lexsort((y[rows], ids[rows]))]
        bucket = ids[order]
        starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
        ends = np.r_[starts[1:] - 1, len(order) - 1]
        keep[order[starts]] = True
        keep[order[ends]] = True
    return x[keep], y[keep]


def _bucket_ids(x: np.ndarray, buckets: int) -> np.ndarray:
    """Each point's bucket: equal-width in x, or equal-count when x is unusable."""
    lo, hi = (np.nanmin(x), np.nanmax(x)) if np.isfinite(x).any() else (0.0, 0.0)
    if np.isfinite(x).all() and hi > lo:
        ids = ((x - lo) / (hi - lo) * buckets).astype(np.int64)
    else:
        ids = np.arange(len(x)) * buckets // len(x)
    return np.clip(ids, 0, buckets - 1)


def _run_extremes(values: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per run of equal ``keys``: the index of its lowest value (the first such) and of its
    highest (the last such): what a stable sort by (key, value) puts at each run's ends."""
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[starts, len(keys)])
    index = np.arange(len(keys))
    lows = np.repeat(np.minimum.reduceat(values, starts), counts)
    highs = np.repeat(np.maximum.reduceat(values, starts), counts)
    first_low = np.minimum.reduceat(np.where(values == lows, index, len(keys)), starts)
    last_high = np.maximum.reduceat(np.where(values == highs, index, -1), starts)
    return first_low, last_high


def y_extent(values: Any, clip: bool = True, log: bool = False) -> tuple[float, float] | None:
    """The y range of one series: TensorBoard's 5th-95th percentile, or min-max.

    As ``computeDataSeriesExtent`` with "ignore outliers" on: sorted finite values
    ``ys``, ``ys[ceil((n-1)*0.05)]`` to ``ys[floor((n-1)*0.95)]``. Series with
    fewer than ``OUTLIER_MIN_POINTS`` points keep their whole range. With ``log``,
    only positive values count. None when there is nothing to show.
    """
    ys = np.asarray(values, dtype=np.float64)
    ys = ys[np.isfinite(ys)]
    if log:
        ys = ys[ys > 0]
    if ys.size == 0:
        return None
    ys = np.sort(ys)
    n = len(ys)
    if clip and n >= OUTLIER_MIN_POINTS:
        low, high = OUTLIER_QUANTILES
        return float(ys[math.ceil((n - 1) * low)]), float(ys[math.floor((n - 1) * high)])
    return float(ys[0]), float(ys[-1])


def pad_extent(low: float, high: float, log: bool = False) -> tuple[float, float]:
    """``EXTENT_MARGIN`` of the range on both sides (in log space for a log axis).

    The ends stay within ±``AXIS_LIMIT`` (and 10^±300 on a log axis), so that a range
    holding values near the float limit (1e308) still has a finite span to draw.
    """
    if log:
        a, b = math.log10(low), math.log10(high)
        span = (b - a) or 0.5
        a, b = max(a - span * EXTENT_MARGIN, -LOG_LIMIT), min(b + span * EXTENT_MARGIN, LOG_LIMIT)
        return 10 ** a, 10 ** max(b, a + 1)
    low, high = max(low, -AXIS_LIMIT), min(high, AXIS_LIMIT)
    span = high - low
    if span <= 0:
        span = abs(high) * 0.1 or 1.0
        return low - span, high + span
    return low - span * EXTENT_MARGIN, high + span * EXTENT_MARGIN


def panel_extent(curves: Sequence, clip: bool, log: bool,
                 extra: Sequence[float] = ()) -> tuple[float, float] | None:
    """The union of every curve's extent (TensorBoard clips each chart, i.e. each series).

    Clipping ignores outliers on the bad side and the noise, never a curve's best
    part: the lowest point of a loss (the highest of an accuracy) stays in view.
    """
    lows, highs = [], []
    for curve in curves:
        extent = _curve_extent(curve, clip, log)
        if extent is not None:
            lows.append(extent[0])
            highs.append(extent[1])
    for value in extra:
        if math.isfinite(value) and (value > 0 or not log):
            lows.append(value)
            highs.append(value)
    if not lows:
        return None
    return pad_extent(min(lows), max(highs), log)


def _curve_extent(curve, clip: bool, log: bool) -> tuple[float, float] | None:
    values = curve.line if clip else np.r_[curve.values, curve.line]
    extent = y_extent(values, clip=clip, log=log)
    if extent is None or not clip:
        return extent
    low, high = extent
    # Evaluations (sparse curves) show every point on their good side.
    shown = curve.line if len(curve.values) >= EVAL_POINTS else np.r_[curve.line, curve.values]
    best = y_extent(shown, clip=False, log=log)
    if best is not None:
        low, high = (best[0], high) if curve.lower_is_better else (low, best[1])
    return low, high


def needs_log(curves: Sequence, extent: tuple[float, float]) -> bool:
    """True for a blow-up: positive values whose largest is ``AUTO_LOG_RATIO`` times their
    median, so a linear axis would flatten everything before it to a line."""
    parts = [np.r_[c.line, c.values] for c in curves]
    values = np.concatenate(parts) if parts else np.zeros(0)
    values = values[np.isfinite(values)]
    if not len(values) or values.min() <= 0:
        return False
    return float(values.max() / np.median(values)) > AUTO_LOG_RATIO and \
        extent[1] / max(extent[0], values.min()) > AUTO_LOG_RATIO


def x_limits(low: float, high: float) -> tuple[float, float]:
    span = high - low
    if span <= 0:  # one point: centred
        span = max(abs(high) * 0.1, 1.0)
        return low - span, high + span
    return low - span * X_MARGIN, high + span * X_MARGIN


# --- tick labels --------------------------------------------------------------------------------


def fmt_count(value: float, _position: Any = None) -> str:
    """Tick labels for counts: 12k, 3.5M, 1.2B."""
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def fmt_step(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else _fmt(value)


def fmt_tick(value: float, _position: Any = None) -> str:
    """A plain tick label: an integer without decimals, else 4 significant digits."""
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:.4g}"


def time_locator(unit: str):
    """Ticks at round times of ``unit`` (15 and 30 min, 6 and 12 h...)."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=TICK_BINS, steps=TIME_STEPS.get(unit, [1, 2, 5, 10]))


def spaced_ticks(forward: Callable, inverse: Callable, low: float, high: float,
                 label: Callable[[float], str]) -> list[float]:
    """Ticks of a secondary x axis (in its own quantity) whose labels do not collide.

    ``forward`` maps the primary axis to the secondary quantity and ``inverse``
    back. The mapping may be far from linear (a run paused for hours on a time
    axis puts hundreds of steps in a sliver), so of the round candidate ticks
    the first and the last are kept, then each other one, left to right, that
    lands at least a label's width (plus a gap) away from every tick kept, on
    the primary axis.
    """
    from matplotlib.ticker import MaxNLocator

    ends = forward(np.array([low, high], dtype=np.float64))
    if not np.isfinite(ends).all() or ends[1] <= ends[0]:
        return []
    candidates = MaxNLocator(nbins=TICK_BINS, steps=[1, 2, 2.5, 5, 10]).tick_values(*ends)
    candidates = [float(v) for v in candidates if ends[0] <= v <= ends[1]]
    if len(candidates) > 2:
        candidates = [candidates[0], candidates[-1], *candidates[1:-1]]
    kept: list[tuple[float, float, float]] = []  # (value, left, right) as shares of the axis
    for value in candidates:
        share = (float(inverse(np.array([value]))[0]) - low) / (high - low)
        half = (len(label(value)) + TICK_GAP_CHARS) * TICK_CHAR_SHARE / 2
        if all(share + half <= left or share - half >= right for _, left, right in kept):
            kept.append((value, share - half, share + half))
    return sorted(value for value, _, _ in kept)
