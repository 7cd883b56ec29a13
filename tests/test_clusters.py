"""Clusters of runs that behaved alike (curvecli.analysis.clusters) on synthetic sweeps."""

from __future__ import annotations

import numpy as np
import pytest

from curvecli.analysis.clusters import (
    GRID_POINTS,
    WORST,
    Clustering,
    cluster_curves,
    curve_shape,
)

PER_GROUP = 6


def _steps(n: int, every: float) -> np.ndarray:
    return np.arange(1, n + 1) * every


def healthy(rng, scale: float = 1.0, n: int = 100, every: float = 10.0):
    """A power-law decay that levels off: 0.3 + 2 * (1 + step / 50) ** -1.5, plus noise."""
    steps = _steps(n, every)
    t = steps / steps[-1] * 1000
    values = 0.3 + 2.0 * (1 + t / 50) ** -1.5
    return steps, scale * (values + rng.normal(0, 0.01, n))


def overfitting(rng, scale: float = 1.0, n: int = 100, every: float = 10.0):
    """Falls to its best at 30% of the run, then rises back (a U)."""
    steps = _steps(n, every)
    t = steps / steps[-1]
    values = 0.5 + 1.5 * np.exp(-t / 0.08) + 1.2 * np.maximum(t - 0.3, 0) ** 1.2
    return steps, scale * (values + rng.normal(0, 0.01, n))


def diverging(rng, scale: float = 1.0, n: int = 100, every: float = 10.0, end=None):
    """Dips briefly, then grows exponentially; ``end`` (NaN, inf) replaces the last 10%."""
    steps = _steps(n, every)
    t = steps / steps[-1]
    values = 1.0 - 0.2 * np.sin(np.pi * np.minimum(t / 0.2, 1)) + 0.05 * np.exp(8 * t)
    values = scale * (values + rng.normal(0, 0.01, n))
    if end is not None:
        values[int(0.9 * n):] = end
    return steps, values


def flat(rng, scale: float = 1.0, n: int = 100, every: float = 10.0):
    """Barely moves: 2.3 with noise of 0.02 (an underfitting run)."""
    return _steps(n, every), scale * (2.3 + rng.normal(0, 0.02, n))


def sweep(kinds, seed: int = 0, vary: bool = True):
    """PER_GROUP curves of every kind; with ``vary`` the scales (x1, x10), lengths (40..300
    points) and logging intervals differ from curve to curve."""
    rng = np.random.default_rng(seed)
    curves, groups = [], []
    for group, kind in enumerate(kinds):
        for i in range(PER_GROUP):
            options = {}
            if vary:
                options = {"scale": (1.0, 10.0, 0.3)[i % 3], "n": int(rng.integers(40, 300)),
                           "every": float(rng.choice([1, 5, 32]))}
            curves.append(kind(rng, **options))
            groups.append(group)
    return curves, groups


def same_partition(labels, groups) -> bool:
    pairs = {(label, group) for label, group in zip(labels, groups)}
    return len(pairs) == len(set(labels)) == len(set(groups))


def test_three_regimes_make_three_clusters_whatever_the_scale_and_length():
    curves, groups = sweep([healthy, overfitting, diverging])
    result = cluster_curves(curves, lower_is_better=True)
    assert isinstance(result, Clustering)
    assert result.k == 3 and result.reason is None
    assert same_partition(result.labels, groups)
    assert result.quality is not None and result.quality > 0.5
    assert result.shapes.shape == (len(curves), GRID_POINTS)


def test_scaling_and_thinning_change_nothing():
    curves, groups = sweep([healthy, overfitting, diverging], seed=1)
    base = cluster_curves(curves, True).labels
    scaled = cluster_curves([(s, v * 10) for s, v in curves], True).labels
    thinned = cluster_curves([(s[::4] * 3, v[::4]) for s, v in curves], True).labels
    assert same_partition(scaled, base) and same_partition(thinned, base)
    for steps, values in curves:
        assert np.allclose(curve_shape(steps, values, True), curve_shape(steps, values * 10, True))


def test_flat_noisy_curves_stay_together_and_apart_from_decays():
    curves, groups = sweep([healthy, flat], seed=2)
    result = cluster_curves(curves, True)
    assert result.k == 2 and same_partition(result.labels, groups)
    rng = np.random.default_rng(3)
    only_flat = [flat(rng, scale=s) for s in (1.0, 10.0, 0.1, 1.0, 3.0, 1.0, 2.0, 5.0)]
    assert cluster_curves(only_flat, True).k == 1
    assert np.max(np.abs(curve_shape(*only_flat[0], True))) < 0.3  # flat stays flat


def test_runs_that_all_behaved_alike_are_one_cluster():
    curves, _ = sweep([healthy], seed=4)
    result = cluster_curves(curves + sweep([healthy], seed=5)[0], True)
    assert result.k == 1 and set(result.labels) == {0}


def test_curves_that_turn_non_finite_join_the_diverging():
    curves, groups = sweep([healthy, overfitting, diverging], seed=6)
    rng = np.random.default_rng(7)
    for end in (np.nan, np.inf, np.nan):
        curves.append(diverging(rng, n=80, end=end))
        groups.append(2)
    result = cluster_curves(curves, True)
    assert result.k == 3 and same_partition(result.labels, groups)
    shape = curve_shape(*diverging(rng, end=np.nan), True)
    assert shape[-1] == WORST and shape[0] == 0.0


def test_accuracies_are_mirrored_losses():
    steps, values = healthy(np.random.default_rng(8))
    assert np.allclose(curve_shape(steps, values, True), curve_shape(steps, -values, False))


def test_given_k_is_honoured_and_typical_is_a_member():
    curves, _ = sweep([healthy, overfitting, diverging], seed=9)
    for k in (1, 2, 5):
        result = cluster_curves(curves, True, k=k)
        assert result.k == k == len(result.clusters)
        sizes = [len(c.members) for c in result.clusters]
        assert sizes == sorted(sizes, reverse=True)
        for cluster in result.clusters:
            assert cluster.typical in cluster.members
            assert all(result.labels[m] == cluster.id for m in cluster.members)
            assert cluster.centroid.shape == (GRID_POINTS,)
    with pytest.raises(ValueError):
        cluster_curves(curves, True, k=0)


def test_deterministic_for_a_seed():
    curves, _ = sweep([healthy, overfitting, diverging, flat], seed=10)
    first, again = cluster_curves(curves, True, seed=3), cluster_curves(curves, True, seed=3)
    assert first.labels == again.labels
    assert [c.typical for c in first.clusters] == [c.typical for c in again.clusters]


def test_too_few_curves_and_unshaped_curves():
    rng = np.random.default_rng(11)
    curves = [healthy(rng), overfitting(rng), (np.array([1.0, 2.0]), np.array([1.0, 0.5]))]
    result = cluster_curves(curves, True)
    assert result.reason is not None and result.k == 1
    assert result.labels == [0, 0, None]
    assert result.clusters[0].typical in (0, 1)
    empty = cluster_curves([], True)
    assert empty.k == 0 and empty.clusters == [] and empty.reason is not None
    assert curve_shape([5, 5, 5, 5], [1, 2, 3, 4], True) is None  # no step span
    assert curve_shape([1, 2, 3, 4, 5], [1, np.nan, np.nan, np.nan, np.nan], True) is None
