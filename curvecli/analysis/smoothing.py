"""Smoothing for display and noise estimates: TensorBoard's debiased EMA.

``smooth_ema`` is the scalar dashboard's ``classicSmoothing`` exactly
(FORMATS.md §2.7): an EMA started at 0 and debiased by ``1 - w**n``, where
``n`` counts finite points only; NaN and ±inf pass through unchanged and do
not update the state; a constant series is returned unchanged; x values are
ignored (index-based). ``export --smooth`` and ``plot --smooth`` both call it,
so the numbers are the same.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def smooth_ema(values, weight: float) -> np.ndarray:
    """TensorBoard's smoothing of ``values`` with slider value ``weight`` (0 <= w <= 1)."""
    ys = np.asarray(values, dtype=np.float64)
    if not math.isfinite(weight):
        weight = 0.0
    weight = min(max(weight, 0.0), 1.0)
    out = ys.copy()
    if ys.size == 0 or bool(np.all(ys == ys[0])):
        return out
    if ys.size > EXACT_LOOP_MAX:
        finite = np.isfinite(ys)
        out[finite] = _ema_vectorised(ys[finite], weight)
        return out
    last = 0.0
    count = 0
    keep = 1.0 - weight
    for index, y in enumerate(ys.tolist()):
        if not math.isfinite(y):
            continue
        last = last * weight + keep * y
        count += 1
        debias = 1.0 if weight == 1.0 else 1.0 - weight**count
        out[index] = last / debias
    return out


# Up to this many points the EMA runs point by point, in TensorBoard's order of operations
# (bit-for-bit its numbers); longer series use numpy, equal to about 1e-10 relative.
EXACT_LOOP_MAX = 200_000
_FIR_MAX_TAPS = 256  # short memories (small weights) as a direct convolution
_BLOCK_GAIN = 1e6  # longer ones in blocks where w**-k stays below this


def _ema_vectorised(x: np.ndarray, weight: float) -> np.ndarray:
    """The debiased EMA of finite values ``x`` without a Python loop over points."""
    m = len(x)
    if m == 0:
        return x.copy()
    if weight == 0.0:
        return x.copy()
    if weight == 1.0:
        return np.zeros(m)
    keep = 1.0 - weight
    log_w = math.log(weight)
    taps = int(math.ceil(-40.0 / log_w))  # w**taps < 1e-17: the rest of the sum is below rounding
    if taps <= _FIR_MAX_TAPS:
        kernel = keep * np.exp(np.arange(taps) * log_w)
        last = np.convolve(x, kernel)[:m]
    else:
        block = max(1, int(math.log(_BLOCK_GAIN) / -log_w))
        last = np.empty(m)
        previous = 0.0
        for start in range(0, m, block):
            chunk = x[start:start + block]
            powers = np.exp(np.arange(1, len(chunk) + 1) * log_w)  # w**k
            values = powers * (previous + np.cumsum(keep * chunk / powers))
            last[start:start + len(chunk)] = values
            previous = values[-1]
    debias = -np.expm1(np.arange(1, m + 1) * log_w)  # 1 - w**n
    return last / debias


def smooth_frame(frame: pd.DataFrame, weight: float) -> np.ndarray:
    """The smoothed value of every frame row, each (run, source, split, tag) series in row order."""
    out = np.empty(len(frame), dtype=np.float64)
    if frame.empty:
        return out
    groups = frame.groupby(["run", "source", "split", "tag"], observed=True, sort=False).indices
    values = frame["value"].to_numpy()
    for rows in groups.values():
        out[rows] = smooth_ema(values[rows], weight)
    return out
