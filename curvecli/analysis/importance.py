"""Which hyper-parameters of a sweep matter for its metric, and which way (issue #15).

A random forest, written here in numpy, is fitted to the sweep's runs (one row per run: its
hyper-parameters, and the best value of the sweep metric); a hyper-parameter's importance is
its share of the out-of-bag explained variance, and its direction is read off the forest's
partial dependence. Pure analysis: nothing here prints; only numpy and pandas are used.

The rules, in order:

* Metric. Values are oriented so that higher is better (negated when ``lower_is_better``).
  Runs whose metric is NaN or infinite diverged: they rank as the worst, tied with each
  other. The forest is fitted to the ranks (average ranks of ties, scaled to 0..1), so the
  answer does not change under any increasing transform of the metric (x10, log, ...) and a
  diverged run's loss of 1e30 weighs like any other bad run.
* Too few runs. With fewer than ``MIN_RUNS`` runs, or a metric that does not vary (every run
  tied, diverged ones included), ``reason`` says so and no importance is given.
* Columns. A value that is None, NaN or infinite is missing. Text that all parses as numbers
  is numeric and ``true``/``false`` text is boolean (MLflow stores every parameter as text);
  lists and dicts count as their text. Left out, with the reason in ``skipped``:
  - "mostly missing": fewer than ``MIN_PRESENT_RUNS`` runs, or under ``MIN_PRESENT_SHARE`` of
    the runs, have a value;
  - "constant": fewer than 2 distinct values among the runs that have one;
  - "an id: every run differs": text (not a number) that differs in every run (a run name);
    "nearly an id": text with fewer than ``MIN_RUNS_PER_LEVEL`` runs per distinct value;
  - "same as 'x'": a column that carries the same information as an earlier one (two
    numbers in the same order or exactly reversed, e.g. ``lr`` and ``optimizer.lr``; other
    columns whose values map one to one onto the earlier one's, with repeats).
  Numbers are never taken for ids: a seed is kept and comes out unimportant by itself.
* Kinds. ``boolean`` (bool values), ``categorical`` (any other non-numeric column),
  ``log-numeric`` (numbers, all positive, spanning ``LOG_DECADES`` decades or more, whose
  logarithms are less skewed than they are: a log-uniform learning rate, a 1e-5..1e-1 grid),
  ``numeric`` (other numbers). Numbers are cut into at most ``MAX_BINS`` bins (each distinct
  value its own bin when there are few enough, else equal-count bins); a missing number forms
  a bin below the smallest. Categories (missing being one more) are split CART-style: at
  each node the levels are ordered by their mean there and cut like a number.
* Forest. ``N_TREES`` regression trees (``N_TREES_LARGE`` when runs x columns exceed
  ``LARGE_CELLS``), each on a bootstrap sample of the runs (or ``SUBSAMPLE`` of them drawn
  without replacement, when set), grown breadth-first to leaves of
  at least ``MIN_LEAF`` (bootstrap-weighted) runs and depth ``MAX_DEPTH``; each node tries a
  random ``MTRY_SHARE`` of the columns (all of them if none of those can split it).
* Importance. ``explained`` is the forest's out-of-bag R^2 on the ranks (each run predicted
  by the trees that did not see it), floored at 0. A column's raw importance is how much the
  out-of-bag squared error grows when its values are permuted (within each tree, against the
  whole column). ``importance = explained * raw / sum(raw)`` (negative raws count as 0): the
  importances sum to the share of the metric's rank variance the hyper-parameters explain,
  shared out by permutation importance. A sweep where nothing matters explains ~0, so every
  importance is ~0. ``low``/``high``: the ``INTERVAL`` percentiles of the same quantity over
  ``N_BOOTSTRAP`` bootstrap resamples of the runs (the forest held fixed).
* Direction. Below ``DIRECTION_MIN_IMPORTANCE``: "none", and ``best`` is None. Categorical
  and boolean columns: "categorical", ``best`` the level with the highest partial dependence
  (None when that is "missing"). Numbers: the partial dependence (the forest's mean prediction with
  the column set to each bin; by tree traversal: at a split on another column both branches
  count, weighted by the in-bag share that went each way) over the bins in order;
  ``rise`` is its largest increase from left to right, ``fall`` its largest decrease. When
  both reach ``NONMONOTONIC_SHARE`` of its range, or both reach ``NONMONOTONIC_RANKS`` on the
  rank scale (a gentle interior optimum next to a divergence cliff), the effect is
  "non-monotonic" (an interior optimum, or an interior worst); else "higher is better" when
  rise > fall, "lower is better" otherwise. ``best`` is the median value in the best bin.
* Deterministic for a given ``seed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from curvecli.errors import UsageError

MIN_RUNS = 10  # fewer runs: no importance (an out-of-bag estimate on fewer is noise)
MIN_PRESENT_RUNS = 5  # a column with a value in fewer runs is "mostly missing"
MIN_PRESENT_SHARE = 0.1  # ... or in under this share of the runs
MIN_RUNS_PER_LEVEL = 2.0  # text with fewer runs per distinct value is (nearly) an id
LOG_DECADES = 2.0  # positive numbers spanning this many decades are read on a log scale
MAX_BINS = 32  # numbers are cut into at most this many bins
N_TREES = 200
N_TREES_LARGE = 100  # when runs x columns exceed LARGE_CELLS
LARGE_CELLS = 6000
MIN_LEAF = 2  # bootstrap-weighted runs in a leaf, at least
MAX_DEPTH = 16
SUBSAMPLE = None  # share of the runs each tree sees (without replacement); None: bootstrap
MTRY_SHARE = 0.5  # share of the columns tried at each node
MIN_GAIN = 1e-12  # a split must reduce the squared error by more than this (ranks 0..1)
N_BOOTSTRAP = 200
INTERVAL = (5.0, 95.0)  # percentiles of the bootstrap interval
DIRECTION_MIN_IMPORTANCE = 0.01  # below it the direction is "none"
NONMONOTONIC_SHARE = 0.25  # rise and fall both this share of the range: non-monotonic
NONMONOTONIC_RANKS = 0.05  # ... or both this much on the rank scale (0..1)
MISSING = "(missing)"


@dataclass
class HparamImportance:
    """One hyper-parameter's importance and direction; see the module docstring for rules.

    ``importance``: 0..1, its share of the variance of the metric's ranks explained out of bag
    (the importances of a sweep sum to ``ImportanceResult.explained``). ``direction`` is
    relative to the metric's goodness: "higher is better" means raising the hyper-parameter
    improves the metric."""

    name: str
    importance: float
    direction: str
    best: object | None
    kind: str
    runs: int
    low: float | None = None
    high: float | None = None


@dataclass
class ImportanceResult:
    """Every kept hyper-parameter (most important first), the left-out ones with why, and
    ``reason`` when no importance could be given at all."""

    hparams: list[HparamImportance]
    skipped: dict[str, str]
    reason: str | None
    method: str
    explained: float | None = None  # out-of-bag R^2 of the forest on the metric's ranks


@dataclass
class _Column:
    """A kept column, binned: ``bins`` (int per run), the value each bin stands for."""

    name: str
    kind: str
    bins: np.ndarray
    values: list
    present: int
    codes: np.ndarray  # dense codes of the raw values (missing = -1), for duplicate checks

    @property
    def ordered(self) -> bool:
        return self.kind in ("numeric", "log-numeric")


@dataclass
class _Tree:
    """A grown tree in breadth-first order; ``levels`` lists its split nodes by depth."""

    feature: np.ndarray  # column split on, -1 at a leaf
    left: np.ndarray
    right: np.ndarray
    goes_left: np.ndarray  # (nodes, bins) which bins go left
    share_left: np.ndarray  # in-bag weight share that went left
    value: np.ndarray  # in-bag weighted mean of the ranks
    levels: list = field(default_factory=list)


# --------------------------------------------------------------------------- metric


def goodness_ranks(metric, lower_is_better: bool) -> np.ndarray:
    """The metric as ranks scaled to 0 (worst) .. 1 (best); NaN/inf runs tie as the worst."""
    values = np.asarray(metric, dtype=float).copy()
    good = -values if lower_is_better else values
    good[~np.isfinite(good)] = -np.inf
    ranks = pd.Series(good).rank(method="average").to_numpy()
    spread = ranks.max() - ranks.min()
    return (ranks - ranks.min()) / spread if spread > 0 else np.zeros_like(ranks)


# --------------------------------------------------------------------------- columns


def _as_plain(series: pd.Series) -> pd.Series:
    """Object values made hashable (lists and dicts become their text); inf is missing."""
    if series.dtype == object:
        series = series.map(lambda v: str(v) if isinstance(v, (list, dict, set, tuple)) else v)
    if pd.api.types.is_float_dtype(series):
        series = series.where(np.isfinite(series.to_numpy(dtype=float, na_value=np.nan)))
    return series


def _kind_and_values(series: pd.Series) -> tuple[str, pd.Series]:
    """("boolean" | "number" | "categorical", the present values converted)."""
    present = series.dropna()
    if pd.api.types.is_bool_dtype(present) or all(
            isinstance(v, (bool, np.bool_)) for v in present):
        return "boolean", present.astype(bool)
    if pd.api.types.is_numeric_dtype(present):
        return "number", present.astype(float)
    text = present.astype(str).str.strip()
    lowered = text.str.lower()
    if lowered.isin(["true", "false"]).all():
        return "boolean", lowered == "true"
    numbers = pd.to_numeric(text, errors="coerce")
    if numbers.notna().all():
        numbers = numbers.astype(float)
        return "number", numbers[np.isfinite(numbers)]
    return "categorical", text


def _skip_reason(kind: str, values: pd.Series, n_runs: int) -> str | None:
    """Why a column is left out (see the module docstring), or None to keep it."""
    present = len(values)
    if present < MIN_PRESENT_RUNS or present < MIN_PRESENT_SHARE * n_runs:
        return f"mostly missing ({present} of {n_runs} runs have a value)"
    distinct = values.nunique()
    if distinct < 2:
        return "constant"
    if kind == "categorical" and distinct == present:
        return "an id: every run differs"
    if kind == "categorical" and present / distinct < MIN_RUNS_PER_LEVEL:
        return f"nearly an id: {distinct} values for {present} runs"
    return None


def _number_bins(values: np.ndarray, log: bool) -> tuple[np.ndarray, list]:
    """Bins of a numeric column (missing = bin 0 when any) and each bin's median value."""
    present = ~np.isnan(values)
    scale = np.log10(values[present]) if log else values[present]
    distinct = np.unique(scale)
    if len(distinct) <= MAX_BINS:
        codes = np.searchsorted(distinct, scale)
    else:
        edges = np.unique(np.quantile(scale, np.linspace(0, 1, MAX_BINS + 1)[1:-1]))
        codes = np.searchsorted(edges, scale, side="right")
    codes = np.unique(codes, return_inverse=True)[1]
    offset = 0 if present.all() else 1
    bins = np.zeros(len(values), dtype=np.int64)
    bins[present] = codes + offset
    raw = values[present]
    medians = [float(np.median(raw[codes == c])) for c in range(codes.max() + 1)]
    return bins, ([None] if offset else []) + medians


def _level_bins(values: pd.Series, n_runs: int, index) -> tuple[np.ndarray, list]:
    """Bins of a categorical or boolean column: one per level, missing being one more."""
    full = values.reindex(index)
    codes, levels = pd.factorize(full, sort=True)
    levels = list(levels)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(levels), codes)
        levels.append(None)
    levels = [v.item() if hasattr(v, "item") else v for v in levels]
    return codes.astype(np.int64), levels


def _skewness(values: np.ndarray) -> float:
    spread = values.std()
    return float(np.mean((values - values.mean()) ** 3) / spread ** 3) if spread > 0 else 0.0


def _log_scale(values: np.ndarray) -> bool:
    """Positive numbers spanning ``LOG_DECADES`` decades or more whose logarithms are less
    skewed than they are (a log-uniform learning rate, not a uniform 0..0.1)."""
    if values.min() <= 0 or values.max() < values.min() * 10 ** LOG_DECADES:
        return False
    return abs(_skewness(np.log10(values))) < abs(_skewness(values))


def _prepare_column(name: str, series: pd.Series) -> _Column | str:
    """A kept ``_Column``, or the reason the column is left out."""
    series = _as_plain(series.reset_index(drop=True))
    kind, values = _kind_and_values(series)
    reason = _skip_reason(kind, values, len(series))
    if reason:
        return reason
    raw_codes = pd.factorize(values.reindex(series.index), sort=True)[0]
    if kind == "number":
        full = values.reindex(series.index).to_numpy(dtype=float)
        log = _log_scale(values.to_numpy(dtype=float))
        kind = "log-numeric" if log else "numeric"
        bins, grid = _number_bins(full, log)
    else:
        bins, grid = _level_bins(values, len(series), series.index)
    return _Column(name, kind, bins, grid, len(values), raw_codes)


def _same_information(a: _Column, b: _Column) -> bool:
    """True when column ``b`` says nothing that ``a`` does not (see the module docstring)."""
    if not np.array_equal(a.codes < 0, b.codes < 0):
        return False
    if a.ordered and b.ordered:
        top = b.codes.max()
        flipped = np.where(b.codes < 0, -1, top - b.codes)
        return np.array_equal(a.codes, b.codes) or np.array_equal(a.codes, flipped)
    distinct_a = len(np.unique(a.codes))
    if distinct_a != len(np.unique(b.codes)) or distinct_a >= len(a.codes):
        return False
    pairs = (a.codes + 1) * (b.codes.max() + 2) + (b.codes + 1)
    return len(np.unique(pairs)) == distinct_a


def prepare_columns(hparams: pd.DataFrame) -> tuple[list[_Column], dict[str, str]]:
    """The kept columns, binned, and the left-out ones with why (in column order)."""
    kept: list[_Column] = []
    skipped: dict[str, str] = {}
    for name in hparams.columns:
        column = _prepare_column(str(name), hparams[name])
        if isinstance(column, str):
            skipped[str(name)] = column
            continue
        twin = next((k for k in kept if _same_information(k, column)), None)
        if twin is not None:
            skipped[str(name)] = f"same as '{twin.name}'"
            continue
        kept.append(column)
    return kept, skipped


# --------------------------------------------------------------------------- forest


def _split_gains(counts, sums, categorical, rng, mtry):
    """Best split per node: (gain, feature, cut position, bin order) from the histograms.

    ``counts``/``sums``: (nodes, features, bins) weighted run counts and rank sums."""
    n_nodes, n_features, n_bins = counts.shape
    order = np.broadcast_to(np.arange(n_bins), counts.shape).copy()
    if categorical.any():
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(counts[:, categorical] > 0,
                             sums[:, categorical] / counts[:, categorical], np.inf)
        cat_order = np.argsort(means, axis=2, kind="stable")
        order[:, categorical] = cat_order
        counts = np.take_along_axis(counts, order, axis=2)
        sums = np.take_along_axis(sums, order, axis=2)
    left_n = np.cumsum(counts, axis=2)[..., :-1]
    left_s = np.cumsum(sums, axis=2)[..., :-1]
    total_n = counts.sum(axis=2, keepdims=True)
    total_s = sums.sum(axis=2, keepdims=True)
    right_n = total_n - left_n
    valid = (left_n >= MIN_LEAF) & (right_n >= MIN_LEAF)
    with np.errstate(invalid="ignore", divide="ignore"):
        gain = (left_s ** 2 / left_n + (total_s - left_s) ** 2 / right_n
                - total_s ** 2 / total_n)
    gain = np.where(valid, gain, -np.inf).reshape(n_nodes, n_features, n_bins - 1)
    tried = np.argsort(rng.random((n_nodes, n_features)), axis=1) < mtry
    masked = np.where(tried[..., None], gain, -np.inf).reshape(n_nodes, -1)
    flat = gain.reshape(n_nodes, -1)
    best = np.argmax(masked, axis=1)
    fallback = ~np.isfinite(masked[np.arange(n_nodes), best])
    best[fallback] = np.argmax(flat[fallback], axis=1)
    best_gain = flat[np.arange(n_nodes), best]
    return best_gain, best // (n_bins - 1), best % (n_bins - 1), order


def _histograms(x, w, y, at, n_nodes, n_bins):
    """(counts, sums): (nodes, features, bins) in-bag weights and weighted ranks per bin."""
    n_features = x.shape[1]
    index = ((at[:, None] * n_features + np.arange(n_features)) * n_bins + x).ravel()
    size = n_nodes * n_features * n_bins
    shape = (n_nodes, n_features, n_bins)
    counts = np.bincount(index, np.repeat(w, n_features), size).reshape(shape)
    sums = np.bincount(index, np.repeat(w * y, n_features), size).reshape(shape)
    return counts, sums


def _grow_tree(bins, ranks, weights, categorical, n_bins, rng, mtry) -> _Tree:
    """One regression tree on the bootstrap ``weights``, grown breadth-first."""
    rows = np.flatnonzero(weights > 0)
    w, y, x = weights[rows], ranks[rows], bins[rows]
    capacity = 2 * len(rows) + 1
    tree = _Tree(np.full(capacity, -1), np.full(capacity, -1), np.full(capacity, -1),
                 np.zeros((capacity, n_bins), dtype=bool), np.zeros(capacity),
                 np.zeros(capacity), [])
    tree.value[0] = np.average(y, weights=w)
    node_of = np.zeros(len(rows), dtype=np.int64)
    frontier, used = np.array([0]), 1
    local = np.full(capacity, -1)
    for _depth in range(MAX_DEPTH):
        local[frontier] = np.arange(len(frontier))
        active = np.flatnonzero(local[node_of] >= 0)
        counts, sums = _histograms(x[active], w[active], y[active], local[node_of[active]],
                                   len(frontier), n_bins)
        local[frontier] = -1
        gain, best_f, cut, order = _split_gains(counts, sums, categorical, rng, mtry)
        splits = np.flatnonzero(np.isfinite(gain) & (gain > MIN_GAIN))
        if len(splits) == 0:
            break
        nodes, f = frontier[splits], best_f[splits]
        position = np.argsort(order[splits, f], axis=1)
        mask = position <= cut[splits, None]
        n_all, s_all = counts[splits, f].sum(axis=1), sums[splits, f].sum(axis=1)
        n_left = (counts[splits, f] * mask).sum(axis=1)
        s_left = (sums[splits, f] * mask).sum(axis=1)
        lefts = used + 2 * np.arange(len(splits))
        used += 2 * len(splits)
        tree.feature[nodes], tree.goes_left[nodes] = f, mask
        tree.share_left[nodes], tree.left[nodes], tree.right[nodes] = n_left / n_all, lefts, \
            lefts + 1
        tree.value[lefts], tree.value[lefts + 1] = s_left / n_left, (s_all - s_left) / (
            n_all - n_left)
        tree.levels.append(nodes)
        moving = np.flatnonzero(tree.feature[node_of] >= 0)
        at = node_of[moving]
        to_left = tree.goes_left[at, x[moving, tree.feature[at]]]
        node_of[moving] = np.where(to_left, tree.left[at], tree.right[at])
        children = np.stack([lefts, lefts + 1], axis=1).ravel()
        sizes = np.stack([n_left, n_all - n_left], axis=1).ravel()
        frontier = children[sizes >= 2 * MIN_LEAF]
        if len(frontier) == 0:
            break
    return tree


def _predict(tree: _Tree, bins: np.ndarray) -> np.ndarray:
    """The tree's prediction for each row of ``bins``."""
    node = np.zeros(len(bins), dtype=np.int64)
    rows = np.arange(len(bins))
    for _ in range(len(tree.levels)):
        f = tree.feature[node[rows]]
        inner = f >= 0
        rows, f = rows[inner], f[inner]
        if len(rows) == 0:
            break
        at = node[rows]
        to_left = tree.goes_left[at, bins[rows, f]]
        node[rows] = np.where(to_left, tree.left[at], tree.right[at])
    return tree.value[node]


def _partial_dependence(tree: _Tree, n_features: int, n_bins: int) -> np.ndarray:
    """(features, bins): the tree's mean prediction with one column set to one bin, the
    others following the in-bag shares at every split (the tree-traversal method)."""
    reach = np.zeros((len(tree.feature), n_features, n_bins))
    reach[0] = 1.0
    for level in tree.levels:
        count, f = len(level), tree.feature[level]
        for child, share, goes in ((tree.left[level], tree.share_left[level],
                                    tree.goes_left[level]),
                                   (tree.right[level], 1 - tree.share_left[level],
                                    ~tree.goes_left[level])):
            factor = np.repeat(share[:, None, None], n_features, axis=1)
            factor = np.repeat(factor, n_bins, axis=2)
            factor[np.arange(count), f, :] = goes
            reach[child] = reach[level] * factor
    leaves = tree.feature < 0
    return np.einsum("n,nfb->fb", tree.value[leaves], reach[leaves])


@dataclass
class _Forest:
    """What the forest yields: per-run out-of-bag predictions (column 0 as is, column j+1
    with column j permuted), how many trees left each run out, and the partial dependence."""

    oob_sum: np.ndarray
    oob_count: np.ndarray
    dependence: np.ndarray
    trees: int


def _sample_weights(n_runs: int, rng) -> np.ndarray:
    """How often each run is in a tree's sample: a bootstrap when ``SUBSAMPLE`` is None, else
    ``SUBSAMPLE`` of the runs drawn without replacement (at least one left out)."""
    if SUBSAMPLE is None:
        return rng.multinomial(n_runs, np.full(n_runs, 1.0 / n_runs)).astype(float)
    size = min(n_runs - 1, max(2, int(round(SUBSAMPLE * n_runs))))
    weights = np.zeros(n_runs)
    weights[rng.choice(n_runs, size=size, replace=False)] = 1.0
    return weights


def _fit_forest(columns: list[_Column], ranks: np.ndarray, rng) -> _Forest:
    """Grow the forest; gather out-of-bag (permuted) predictions and partial dependence."""
    bins = np.stack([c.bins for c in columns], axis=1)
    n_runs, n_features = bins.shape
    n_bins = int(bins.max()) + 2
    categorical = np.array([not c.ordered for c in columns])
    mtry = max(1, int(round(MTRY_SHARE * n_features)))
    n_trees = N_TREES if n_runs * n_features <= LARGE_CELLS else N_TREES_LARGE
    oob_sum = np.zeros((n_features + 1, n_runs))
    oob_count = np.zeros(n_runs)
    dependence = np.zeros((n_features, n_bins))
    for _ in range(n_trees):
        weights = _sample_weights(n_runs, rng)
        tree = _grow_tree(bins, ranks, weights, categorical, n_bins, rng, mtry)
        dependence += _partial_dependence(tree, n_features, n_bins)
        oob = np.flatnonzero(weights == 0)
        if len(oob) == 0:
            continue
        shuffled = rng.permuted(bins, axis=0)[oob]
        variants = np.repeat(bins[oob][None], n_features + 1, axis=0)
        for j in range(n_features):
            variants[j + 1, :, j] = shuffled[:, j]
        predicted = _predict(tree, variants.reshape(-1, n_features))
        oob_sum[:, oob] += predicted.reshape(n_features + 1, len(oob))
        oob_count[oob] += 1
    return _Forest(oob_sum, oob_count, dependence / n_trees, n_trees)


# --------------------------------------------------------------------------- importance


def _shares(errors: np.ndarray, permuted: np.ndarray, ranks: np.ndarray, weights=None):
    """(explained, importances) from per-run squared errors; ``weights`` (resamples x runs)
    gives one row per bootstrap resample."""
    if weights is None:
        weights = np.ones((1, len(ranks)))
    total = weights.sum(axis=1, keepdims=True)
    mean_y = weights @ ranks / total[:, 0]
    variance = weights @ ranks ** 2 / total[:, 0] - mean_y ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        explained = np.clip(1 - (weights @ errors / total[:, 0]) / variance, 0, 1)
        growth = np.clip(weights @ (permuted - errors[:, None]) / total, 0, None)
        share = growth / growth.sum(axis=1, keepdims=True)
    explained = np.nan_to_num(explained)
    return explained, np.nan_to_num(share) * explained[:, None]


def _importances(forest: _Forest, ranks: np.ndarray, rng):
    """explained, importances, and their bootstrap percentiles (low, high)."""
    seen = forest.oob_count > 0
    count = forest.oob_count[seen]
    predicted = forest.oob_sum[:, seen] / count
    y = ranks[seen]
    errors = (predicted[0] - y) ** 2
    permuted = ((predicted[1:] - y) ** 2).T
    explained, importance = _shares(errors, permuted, y)
    resample = rng.multinomial(len(y), np.full(len(y), 1.0 / len(y)), size=N_BOOTSTRAP)
    _, boot = _shares(errors, permuted, y, resample.astype(float))
    low, high = np.percentile(boot, INTERVAL, axis=0)
    return float(explained[0]), importance[0], low, high


def _direction(column: _Column, curve: np.ndarray, importance: float) -> tuple[str, object]:
    """(direction, best) from the column's partial dependence ``curve`` (one value per bin)."""
    if importance < DIRECTION_MIN_IMPORTANCE:
        return "none", None
    levels = [i for i, v in enumerate(column.values) if v is not None]
    if not column.ordered:
        best = int(np.argmax(curve[:len(column.values)]))
        return "categorical", column.values[best]
    pd_curve = curve[levels]
    best = column.values[levels[int(np.argmax(pd_curve))]]
    spread = pd_curve.max() - pd_curve.min()
    if spread <= 0:
        return "none", None
    rise = np.max(pd_curve - np.minimum.accumulate(pd_curve)) / spread
    fall = np.max(np.maximum.accumulate(pd_curve) - pd_curve) / spread
    if min(rise, fall) >= min(NONMONOTONIC_SHARE, NONMONOTONIC_RANKS / spread):
        return "non-monotonic", best
    return ("higher is better" if rise > fall else "lower is better"), best


def hparam_importance(hparams: pd.DataFrame, metric, lower_is_better: bool,
                      seed: int = 0) -> ImportanceResult:
    """Importance and direction of every hyper-parameter of a sweep (module docstring).

    ``hparams``: one row per run; ``metric``: the sweep metric's best value per run, NaN or
    inf for runs that diverged."""
    metric = np.asarray(metric, dtype=float).ravel()
    if len(metric) != len(hparams):
        raise UsageError(f"{len(metric)} metric values for {len(hparams)} runs",
                         hint="pass one metric value per row of hparams")
    columns, skipped = prepare_columns(hparams)
    n_runs = len(metric)
    method = f"random forest ({N_TREES} trees, out-of-bag permutation importance), {n_runs} runs"
    ranks = goodness_ranks(metric, lower_is_better) if n_runs else metric
    reason = None
    if n_runs < MIN_RUNS:
        reason = f"too few runs: {n_runs}, at least {MIN_RUNS} are needed"
    elif np.ptp(ranks) == 0:
        reason = "the metric is the same in every run"
    elif not columns:
        reason = "no hyper-parameter varies across the runs"
    if reason:
        return ImportanceResult([], skipped, reason, method)
    rng = np.random.default_rng(seed)
    forest = _fit_forest(columns, ranks, rng)
    method = method.replace(f"({N_TREES} trees", f"({forest.trees} trees")
    explained, importance, low, high = _importances(forest, ranks, rng)
    results = []
    for j, column in enumerate(columns):
        direction, best = _direction(column, forest.dependence[j], float(importance[j]))
        results.append(HparamImportance(column.name, float(importance[j]), direction, best,
                                        column.kind, column.present, float(low[j]),
                                        float(high[j])))
    results.sort(key=lambda h: -h.importance)
    return ImportanceResult(results, skipped, None, method, explained)
