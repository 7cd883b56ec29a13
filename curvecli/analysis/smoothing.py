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
