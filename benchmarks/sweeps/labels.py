"""The one rule that turns a true effect curve into a direction label (shared by the
synthetic and the real sweeps), so that every truth is labelled the same way."""

from __future__ import annotations

import numpy as np

TRUTH_NONMONOTONIC = 0.25  # rise and fall both this share of the range: non-monotonic


def direction_of(curve: np.ndarray) -> str:
    """Direction of a goodness curve along an hparam's grid (low to high values).

    ``rise``: its largest increase from left to right, ``fall``: its largest decrease, both
    as a share of its range. Both at least ``TRUTH_NONMONOTONIC``: "non-monotonic"; else
    "higher is better" when rise > fall, "lower is better" otherwise; a flat curve: "none"."""
    curve = np.asarray(curve, dtype=float)
    spread = np.ptp(curve)
    if spread <= 0:
        return "none"
    rise = np.max(curve - np.minimum.accumulate(curve)) / spread
    fall = np.max(np.maximum.accumulate(curve) - curve) / spread
    if min(rise, fall) >= TRUTH_NONMONOTONIC:
        return "non-monotonic"
    return "higher is better" if rise > fall else "lower is better"
