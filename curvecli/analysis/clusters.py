"""Clusters of runs that behaved alike: k-means on the normalised shape of the monitored curve.

Pure analysis (numpy and pandas; no printing). ``curve_shape`` turns one curve into a
shape on a fixed progress grid; ``cluster_curves`` groups the shapes of a sweep's runs,
chooses K, and names each cluster's most typical run.

Shape rules (``curve_shape``):

* Direction. Values are oriented so that lower is better (accuracies are negated): an
  improving loss and an improving accuracy have the same shape.
* Length. Points are ordered by step; progress is ``(step - first) / (last - first)`` over
  every point, finite or not, and the shape is sampled on ``GRID_POINTS`` evenly spaced
  progress values from 0 to 1 (linear interpolation), so the run's length and logging
  frequency do not decide.
* Noise. Before sampling, the finite points are smoothed by a centred running median whose
  window is ``max(3, n / GRID_POINTS)`` points (odd; shrinking at the edges), so per-batch
  noise and single-point outliers do not decide, and a long log is not aliased.
* Scale. ``shape = (smooth - start) / scale`` where ``start`` is the first smoothed value and
  ``scale = max(start - best, worst - start, NOISE_FLOOR * noise, LEVEL_FLOOR * level)``:
  ``best`` / ``worst`` are the lowest / highest smoothed values, ``noise`` the robust sigma
  (MAD) of the residuals around the running median and ``level`` the larger magnitude of
  ``start`` and ``best``. So every shape starts at 0 and stays within -1..+1: -1 is the best
  of a curve whose improvement is its largest move, +1 the worst of a curve whose rise is
  (an overfitting or diverging curve rising above its start; an explosion to 1e6 looks
  like one to 1e3). A flat curve stays flat (its tiny range is not blown up to -1: the
  floors win). Level and units do not decide (invariant to multiplying the values by a
  positive constant).
* Non-finite. A curve whose last value is NaN or infinite went non-finite at the first
  point of that trailing non-finite block; from that progress on its shape is ``WORST``
  (beyond any finite value), so the share of the run before it went non-finite is kept and
  diverged runs cluster together. Non-finite values before the last finite one are dropped
  (a glitch, not the end). Finite values are clipped to +-``HUGE``.
* No shape (``None``): fewer than ``MIN_FINITE`` finite points before the non-finite tail,
  or every point at the same step.

Clustering rules (``cluster_curves``):

* Features: the shape (``GRID_POINTS`` values), Euclidean distance. (Scalars such as the
  relative improvement or a roughness score were tried and did not help on the corpus.)
* K-means: Lloyd's algorithm from k-means++ seeds, ``RESTARTS`` restarts (``LARGE_RESTARTS``
  above ``LARGE`` curves), the lowest
  inertia kept; deterministic for ``seed`` (numpy ``default_rng``).
* K, when not given: K = 1 when every shape is within ``MAX_WITHIN`` (RMS per grid point,
  shape units) of the mean shape: the runs behaved alike. Otherwise K = 2, 3, ... up to
  ``min(MAX_K, n // MIN_PER_CLUSTER)``: the first K whose every cluster is that tight.
  When none is, the largest K whose mean silhouette (on at most ``SILHOUETTE_SAMPLE``
  curves) is at least ``MIN_SILHOUETTE``; when none is, K = 1 (no split clearly better).
  ``quality`` is the chosen clustering's mean silhouette (None for K = 1).
* Given ``k`` is honoured, clipped to the number of distinct shapes (k < 1: ValueError).
* Fewer than ``MIN_CURVES`` curves with a shape: no clustering; ``reason`` says why, every
  shaped curve is in cluster 0 (K = 1; K = 0 and no cluster when none has a shape) and the
  unshaped ones are ``None``. Unshaped curves are ``None`` in every case.
* Clusters are numbered by size (largest first), ties by their first member; ``typical``
  is the medoid (least total Euclidean distance to the other members; in a cluster of more
  than ``MEDOID_EXACT`` members, searched among the ``MEDOID_CANDIDATES`` nearest the mean);
  ``centroid`` is the members' mean shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from curvecli.analysis import robust

GRID_POINTS = 32  # the shape's length: evenly spaced progress values 0..1
MIN_FINITE = 4  # fewer finite points: no shape
NOISE_FLOOR = 3.0  # scale >= this many noise sigmas (a flat noisy curve stays flat)
LEVEL_FLOOR = 0.1  # scale >= this share of the curve's level (a flat smooth curve stays flat)
WORST = 1.2  # the shape after a curve went non-finite (beyond the worst finite value, +1)
HUGE = 1e300  # finite values are clipped to +-HUGE (no overflow in differences)
MIN_CURVES = 4  # fewer shaped curves: no clustering
MAX_K = 8  # the largest K tried automatically
MIN_PER_CLUSTER = 3  # K <= n // this
MAX_WITHIN = 0.12  # K: the fewest clusters whose shapes are within this RMS of their mean
MIN_SILHOUETTE = 0.25  # no K gives tight clusters and the best silhouette is below: K = 1
RESTARTS = 8  # k-means restarts per K
LARGE = 2000  # above this many curves, LARGE_RESTARTS restarts (speed)
LARGE_RESTARTS = 3
MAX_ITER = 100  # Lloyd iterations per restart
SILHOUETTE_SAMPLE = 2000  # silhouettes on at most this many curves (drawn with the seed)
MEDOID_EXACT = 2000  # clusters up to this size: exact medoid
MEDOID_CANDIDATES = 500  # larger clusters: medoid among the members nearest the mean
MAD_TO_SIGMA = 1.4826


@dataclass
class Cluster:
    """One group of runs: member indices, its medoid and its mean shape."""

    id: int  # 0..K-1, ordered by size (largest first), ties by first member
    members: list[int]  # indices into the input curves
    typical: int  # the medoid: the member with the least total distance to the others
    centroid: np.ndarray  # the mean normalised shape (for plots), on the common grid


@dataclass
class Clustering:
    """The clusters of a set of curves and how they were found."""

    labels: list[int | None]  # cluster id per input curve, None for a curve without a shape
    clusters: list[Cluster]
    k: int
    grid: np.ndarray  # the normalised progress grid (0..1)
    shapes: np.ndarray  # the normalised shape of each clustered curve (rows), for plots
    method: str
    reason: str | None  # why no clustering (too few curves), else None
    quality: float | None  # mean silhouette of the chosen clustering (None for K = 1)


def progress_grid() -> np.ndarray:
    """The common progress grid: ``GRID_POINTS`` values from 0 to 1."""
    return np.linspace(0.0, 1.0, GRID_POINTS)


def _running_median(values: np.ndarray) -> np.ndarray:
    """Centred running median of ``max(3, n / GRID_POINTS)`` points (odd), edges shrinking."""
    window = max(3, int(round(len(values) / GRID_POINTS)))
    window += 1 - window % 2
    return robust.rolling_median(values, window)


def _finite_part(steps: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """The finite points before a trailing non-finite block, and that block's progress
    (1.0 past the end when the curve never went non-finite). Steps must span > 0."""
    first, last = steps[0], steps[-1]
    finite = np.isfinite(values)
    bad_from = math.inf
    if not finite[-1]:
        last_finite = np.flatnonzero(finite)
        cut = last_finite[-1] + 1 if len(last_finite) else 0
        bad_from = (steps[cut] - first) / (last - first)
        finite[cut:] = False
    progress = (steps[finite] - first) / (last - first)
    return progress, values[finite], bad_from


@np.errstate(over="ignore", invalid="ignore")
def _normalised(oriented: np.ndarray) -> np.ndarray:
    """Smoothed, shifted to start at 0 and divided by the floored scale (module doc)."""
    smooth = _running_median(oriented)
    start = smooth[0]
    noise = MAD_TO_SIGMA * float(np.median(np.abs(oriented - smooth)))
    level = max(abs(start), abs(float(np.min(smooth))))
    scale = max(start - float(np.min(smooth)), float(np.max(smooth)) - start,
                NOISE_FLOOR * noise, LEVEL_FLOOR * level)
    if not scale > 0 or not math.isfinite(scale):
        return np.zeros_like(smooth)
    relative = (smooth - start) / scale
    return np.clip(np.nan_to_num(relative, nan=0.0), -1.0, 1.0)


@np.errstate(over="ignore", invalid="ignore")
def curve_shape(steps, values, lower_is_better: bool) -> np.ndarray | None:
    """The normalised shape of one curve on ``progress_grid()`` (rules: module docstring).

    0 is the start, -1 the best when the curve improved most, +1 the worst when it rose
    most, ``WORST`` a non-finite tail. ``None`` when the curve has fewer than ``MIN_FINITE``
    finite points (before a non-finite tail) or no step span.
    """
    steps = np.asarray(steps, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(steps)
    steps, values = steps[keep], values[keep]
    if len(steps) < MIN_FINITE:
        return None
    order = np.argsort(steps, kind="stable")
    steps, values = steps[order], values[order]
    if not steps[-1] > steps[0]:
        return None
    progress, finite_values, bad_from = _finite_part(steps, values)
    if len(progress) < MIN_FINITE:
        return None
    oriented = finite_values if lower_is_better else -finite_values
    relative = _normalised(np.clip(oriented, -HUGE, HUGE))
    grid = progress_grid()
    shape = np.interp(grid, progress, relative)
    shape[grid >= bad_from] = WORST
    return shape


def _sq_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances, points x centers (clipped at 0 against rounding)."""
    cross = points @ centers.T
    sq = (points * points).sum(1)[:, None] - 2 * cross + (centers * centers).sum(1)[None, :]
    return np.maximum(sq, 0.0)


def _kmeans_pp(points: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeds: the first uniformly, each next one with probability ~ D^2."""
    n = len(points)
    centers = [points[rng.integers(n)]]
    nearest = _sq_distances(points, centers[0][None, :])[:, 0]
    for _ in range(1, k):
        total = nearest.sum()
        index = rng.choice(n, p=nearest / total) if total > 0 else rng.integers(n)
        centers.append(points[index])
        nearest = np.minimum(nearest, _sq_distances(points, points[index][None, :])[:, 0])
    return np.array(centers)


def _lloyd(points: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd iterations until the labels stop changing (at most ``MAX_ITER``); an emptied
    cluster is re-seeded with the point farthest from its center."""
    labels = np.full(len(points), -1)
    for _ in range(MAX_ITER):
        sq = _sq_distances(points, centers)
        new = sq.argmin(1)
        if np.array_equal(new, labels):
            break
        labels = new
        for j in range(len(centers)):
            inside = labels == j
            if inside.any():
                centers[j] = points[inside].mean(0)
            else:
                far = int(sq[np.arange(len(points)), labels].argmax())
                centers[j] = points[far]
                labels[far] = j
    sq = _sq_distances(points, centers)
    labels = sq.argmin(1)
    return labels, centers, float(sq[np.arange(len(points)), labels].sum())


def kmeans(points: np.ndarray, k: int, seed: int = 0,
           restarts: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Labels and centers of the best (lowest inertia) of ``restarts`` k-means++ runs
    (default ``RESTARTS``, ``LARGE_RESTARTS`` for more than ``LARGE`` points)."""
    if restarts is None:
        restarts = RESTARTS if len(points) <= LARGE else LARGE_RESTARTS
    rng = np.random.default_rng(seed)
    best = None
    for _ in range(restarts):
        labels, centers, inertia = _lloyd(points, _kmeans_pp(points, k, rng))
        if best is None or inertia < best[2] - 1e-12:
            best = (labels, centers, inertia)
    return best[0], best[1]


def _pairwise(points: np.ndarray) -> np.ndarray:
    return np.sqrt(_sq_distances(points, points))


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a distance matrix (a point alone in its cluster scores 0)."""
    k = int(labels.max()) + 1
    if k < 2:
        return 0.0
    onehot = np.eye(k)[labels]
    sums = distances @ onehot
    counts = onehot.sum(0)
    rows = np.arange(len(labels))
    own = counts[labels]
    inside = np.where(own > 1, sums[rows, labels] / np.maximum(own - 1, 1), 0.0)
    mean_other = sums / np.maximum(counts, 1)
    mean_other[rows, labels] = np.inf
    mean_other[:, counts == 0] = np.inf
    nearest = mean_other.min(1)
    denominator = np.maximum(inside, nearest)
    score = np.where((own > 1) & (denominator > 0), (nearest - inside) / denominator, 0.0)
    return float(score.mean())


def _rms(deviations: np.ndarray) -> float:
    """RMS of deviations per grid point (shape units: 1 = a curve's whole improvement)."""
    return float(np.sqrt(np.sum(deviations ** 2) / (max(len(deviations), 1) * GRID_POINTS)))


def _loosest(features: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> float:
    """The largest RMS distance of a cluster's shapes to their mean (shape units)."""
    return max(_rms(features[labels == c] - centers[c]) for c in np.unique(labels))


def _choose_k(features: np.ndarray, seed: int) -> tuple[int, np.ndarray, float | None, str]:
    """K by silhouette over 2..min(MAX_K, n // MIN_PER_CLUSTER), or 1 (rules: module doc)."""
    n = len(features)
    top = min(MAX_K, n // MIN_PER_CLUSTER, _distinct(features))
    ones = np.zeros(n, dtype=np.int64)
    if top < 2:
        return 1, ones, None, f"K=1: too few curves to split ({n})"
    spread = _rms(features - features.mean(0))
    if spread <= MAX_WITHIN:
        return 1, ones, None, f"K=1: the shapes are alike (RMS spread {spread:.2f})"
    rng = np.random.default_rng(seed)
    sample = np.arange(n)
    if n > SILHOUETTE_SAMPLE:
        sample = np.sort(rng.choice(n, SILHOUETTE_SAMPLE, replace=False))
    distances = _pairwise(features[sample])
    tried = []
    for k in range(2, top + 1):
        labels, centers = kmeans(features, k, seed)
        score = silhouette(distances, labels[sample])
        tried.append((k, labels, score))
        if _loosest(features, labels, centers) <= MAX_WITHIN:
            return k, labels, score, f"K={k}: the fewest tight clusters (silhouette {score:.2f})"
    distinct = [t for t in tried if t[2] >= MIN_SILHOUETTE]
    if not distinct:
        best = max(t[2] for t in tried)
        return 1, ones, None, f"K=1: no split clearly better (best silhouette {best:.2f})"
    k, labels, score = distinct[-1]
    return k, labels, score, (f"K={k}: no K gives tight clusters, the largest with "
                              f"silhouette >= {MIN_SILHOUETTE} ({score:.2f})")


def _distinct(features: np.ndarray) -> int:
    return len(np.unique(features, axis=0))


def _medoid(features: np.ndarray, members: np.ndarray) -> int:
    """The member with the least total distance to the other members (rules: module doc)."""
    points = features[members]
    candidates = np.arange(len(members))
    if len(members) > MEDOID_EXACT:
        near = _sq_distances(points, points.mean(0)[None, :])[:, 0]
        candidates = np.sort(np.argsort(near, kind="stable")[:MEDOID_CANDIDATES])
    totals = np.sqrt(_sq_distances(points[candidates], points)).sum(1)
    return int(members[candidates[int(np.argmin(totals))]])


def _ordered(labels: np.ndarray) -> np.ndarray:
    """Relabel clusters by size (largest first), ties by their first member."""
    ids = np.unique(labels)
    key = sorted(ids, key=lambda c: (-int(np.sum(labels == c)), int(np.argmax(labels == c))))
    mapping = {int(old): new for new, old in enumerate(key)}
    return np.array([mapping[int(label)] for label in labels], dtype=np.int64)


def _given_k(features: np.ndarray, k: int, seed: int) -> tuple[int, np.ndarray, float | None,
                                                                  str]:
    """K-means with the given K (clipped to the number of distinct shapes)."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    k = min(k, _distinct(features))
    if k == 1:
        return 1, np.zeros(len(features), dtype=np.int64), None, "K=1 given"
    labels, _ = kmeans(features, k, seed)
    score = silhouette(_pairwise(features), labels) if len(features) <= SILHOUETTE_SAMPLE \
        else None
    return k, labels, score, f"K={k} given"


def cluster_curves(curves: list[tuple[np.ndarray, np.ndarray]], lower_is_better: bool,
                   k: int | None = None, seed: int = 0) -> Clustering:
    """Cluster ``(steps, values)`` curves by shape (rules: module docstring).

    ``k`` fixes the number of clusters; ``seed`` makes the k-means restarts reproducible.
    """
    grid = progress_grid()
    every = [curve_shape(steps, values, lower_is_better) for steps, values in curves]
    shaped = [i for i, shape in enumerate(every) if shape is not None]
    rows = shapes = np.array([every[i] for i in shaped]).reshape(len(shaped), GRID_POINTS)
    what = f"k-means on {GRID_POINTS}-point shapes"
    reason = None
    if len(shaped) < MIN_CURVES:
        reason = (f"{len(shaped)} curve(s) with a shape (of {len(curves)}): clustering needs "
                  f"{MIN_CURVES}")
        found = (min(1, len(shaped)), np.zeros(len(shaped), dtype=np.int64), None, "none")
    elif k is not None:
        found = _given_k(rows, k, seed)
    else:
        found = _choose_k(rows, seed)
    count, labels, quality, how = found
    labels = _ordered(labels) if len(labels) else labels
    clusters = []
    for c in range(count):
        inside = np.flatnonzero(labels == c)
        clusters.append(Cluster(id=c, members=[shaped[i] for i in inside],
                                typical=shaped[_medoid(rows, inside)],
                                centroid=shapes[inside].mean(0)))
    per_curve: list[int | None] = [None] * len(curves)
    for position, index in enumerate(shaped):
        per_curve[index] = int(labels[position])
    method = f"{what}, {how}" if reason is None else f"no clustering: {reason}"
    return Clustering(labels=per_curve, clusters=clusters, k=count, grid=grid, shapes=shapes,
                      method=method, reason=reason, quality=quality)
