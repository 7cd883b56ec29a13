"""Learning-curve figures (PNG, SVG, PDF) with matplotlib's object API.

This module owns what a plot shows and how it is laid out: one figure per run
(a loss panel, a panel per other metric, a small learning-rate / grad_norm
panel), the diagnosis drawn on the curves (best point, overfitting onset,
spikes, non-finite points, the early-stopping step, the verdict in the title),
secondary x axes (epochs under steps, examples or tokens seen on top),
TensorBoard's outlier-ignoring y range, min/max decimation, and the overlay and
seed-group figures of several runs. It takes ``RunLog``s and the analysis'
``RunReport``s and never judges a curve itself. matplotlib is imported inside
the functions that draw, so importing this module stays cheap.

Smoothing is TensorBoard's debiased EMA (``analysis.smoothing``), computed per
frame row exactly as ``export --smooth`` does, so an explicit ``--smooth W``
draws the numbers ``export --smooth W`` writes. Without ``--smooth`` the
weight is chosen per series (``auto_weight``): TensorBoard's 0.6, raised for
long series so that the EMA spans about 1% of the points (0.9 at 1,000 points,
0.98 at 5,000), because 0.6 leaves a 5,000-step noisy loss as noisy as the raw
one; the weight used is printed in the figure, so ``export --smooth`` can
reproduce it. Series of fewer than ``SPARSE_POINTS`` points (per-epoch
evaluations) are drawn raw with markers: an EMA over a handful of evaluations
shifts the curve by epochs and moves its minimum away from the best checkpoint.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from curvecli.analysis.report import RunReport
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.robust import saturating
from curvecli.analysis.series import (
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    extract,
    kept_rows,
    lower_is_better,
    resolve_name,
    series_rows,
)
from curvecli.analysis.smoothing import smooth_ema, smooth_frame
from curvecli.errors import UsageError
from curvecli.frame import RunLog
from curvecli.names import is_curve_metric, series_name

# --- choices (named so the docs and the tests can point at them) -----------------------------
TB_SMOOTHING = 0.6  # TensorBoard's default slider value (FORMATS.md §2.7)
SPARSE_POINTS = 50  # fewer finite points: markers on the line, and no default smoothing
AUTO_WINDOW_SHARE = 0.01  # default smoothing: the EMA spans about this share of the points
MAX_AUTO_SMOOTHING = 0.99
MAX_LINE_POINTS = 4000  # a drawn line holds at most this many points (min/max decimation)
OUTLIER_QUANTILES = (0.05, 0.95)  # TensorBoard's computeDataSeriesExtent
OUTLIER_MIN_POINTS = SPARSE_POINTS  # sparser series (every point an evaluation) are all shown
EPOCH_JITTER = 1e-3  # epochs logged as rounded floats may step back this much
EVAL_POINTS = 200  # sparser curves are evaluations: their best raw point is never clipped
EXTENT_MARGIN = 0.06  # of the y range, added on both sides
AXIS_LIMIT = 1e300  # axis ends beyond this would make the span overflow
LOG_LIMIT = 300.0  # the same on a log axis, in decades
MAX_METRIC_PANELS = 4  # more metrics are named in the subtitle and left to --metric
MAX_LOSS_CURVES = 8  # more loss curves: the loss panel keeps the monitored family first
LEGEND_INSIDE_MAX = 6  # a longer legend goes beside its panel
AUTO_LOG_RATIO = 1e4  # a panel whose values span more is drawn on a log scale
YLABEL_CHARS = 20  # longer y-label parts are shortened (the legend has the full name)

FIG_WIDTH = 10.0  # inches
DPI = 110
LOSS_HEIGHT, METRIC_HEIGHT, SCHEDULE_HEIGHT, CHROME_HEIGHT = 3.4, 1.8, 1.3, 1.5
OVERLAY_SIZE = (10.0, 5.6)

X_AXES = ("step", "epoch", "examples", "tokens", "time")
FORMATS = ("png", "svg", "pdf")
BANDS = ("minmax", "std")
TOKEN_METRICS = ("num_input_tokens_seen", "num_tokens", "tokens_seen", "tokens")
ITERATION_METRICS = ("iter", "iters", "iteration", "global_step", "trainer/global_step")
# Sources whose step is the optimisation step (W&B's is a log-call counter unless told).
STEP_IS_ITERATION = ("trainer_state", "tensorboard", "lightning")
SCHEDULE_METRICS = re.compile(r"^(learning_rate(_pg\d+)?|grad_norm)$")
# Metric names a reader expects to see first when a run logs too many to draw.
COMMON_METRICS = ("accuracy", "f1", "wer", "cer", "bleu", "rouge1", "rouge-1", "rougel",
                  "exact_match", "precision", "recall", "perplexity", "auc", "map", "iou")

# One colour family per metric: train a light shade, val a dark one.
FAMILIES = ("Blues", "Oranges", "Greens", "Purples", "Greys", "RdPu", "YlOrBr", "GnBu")
SPLIT_SHADE = {"train": 0.5, "val": 0.88, "test": 0.7, "": 0.75}
VERDICT_COLOURS = {"healthy": "#1e8449", "still_improving": "#2471a3", "overfitting": "#c0392b",
                   "underfitting": "#b9770e", "erratic": "#b9770e", "diverging": "#922b21",
                   "loss_spike": "#b9770e"}
ONSET_COLOUR, STOP_COLOUR = "#c0392b", "#424949"
SPIKE_COLOUR, NONFINITE_COLOUR = "#e74c3c", "#d35400"
RUN_COLOURS = ("tab10", "tab20")
GRAD_COLOUR = "#7d3c98"


@dataclass(frozen=True)
class PlotOptions:
    """What the user asked for; the same for every figure of one command."""

    smooth: float | None = None  # None: auto_weight per series
    metrics: tuple[str, ...] = ()  # series to draw (split/metric or a tag); () = all
    x: str = "step"
    log_y: bool = False
    clip: bool = True  # ignore outliers in the y range (TensorBoard's default)
    batch_size: int | None = None  # examples per optimisation step, for --x examples
    band: str = "minmax"


# --- small numeric helpers -------------------------------------------------------------------


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
    finite = np.isfinite(y)
    lo, hi = (np.nanmin(x), np.nanmax(x)) if np.isfinite(x).any() else (0.0, 0.0)
    if np.isfinite(x).all() and hi > lo:
        ids = ((x - lo) / (hi - lo) * buckets).astype(np.int64)
    else:  # no usable x: equal-count buckets
        ids = np.arange(n) * buckets // n
    ids = np.clip(ids, 0, buckets - 1)
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


def drawing(function):
    """Build or save figures quietly: float overflow saturates to ±inf (values near 1e308
    overflow in matplotlib's autoscaling), and matplotlib's missing-glyph warnings are
    dropped (a name in a script the font lacks is drawn as boxes; the figure is still right).
    """
    saturated = saturating(function)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
            return saturated(*args, **kwargs)

    return wrapper


_UNSAFE = re.compile(r"[^\w.+=@,-]+")


def safe_name(name: str, max_length: int = 120) -> str:
    """A file-name stem for a run: path separators become ``__``, odd characters ``_``."""
    parts = [part for part in re.split(r"[/\\]+", str(name)) if part not in ("", ".", "..")]
    cleaned = [_UNSAFE.sub("_", part).strip("_ ") or "_" for part in parts]
    stem = "__".join(cleaned).lstrip(".-") or "run"
    if len(stem) > max_length:
        digest = hashlib.sha1(str(name).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        stem = f"{stem[:max_length - 9]}-{digest}"
    return stem


def unique_names(stems: Sequence[str]) -> list[str]:
    """``stems`` with ``-2``, ``-3``... added where two would share a file (case-insensitively)."""
    seen: dict[str, int] = {}
    out = []
    for stem in stems:
        key = stem.lower()
        count = seen.get(key, 0) + 1
        seen[key] = count
        candidate = stem if count == 1 else f"{stem}-{count}"
        while count > 1 and candidate.lower() in seen:
            count += 1
            candidate = f"{stem}-{count}"
        seen.setdefault(candidate.lower(), 1)
        out.append(candidate)
    return out


def _fmt_count(value: float, _position: Any = None) -> str:
    """Tick labels for counts: 12k, 3.5M, 1.2B."""
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def _fmt_step(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else _fmt(value)


# --- x coordinates -----------------------------------------------------------------------------


@dataclass
class Scale:
    """A monotone map from steps to another x quantity (epoch, examples, tokens, time).

    Piecewise linear through known ``(step, value)`` pairs, extended linearly
    with the overall slope beyond them; ``inverse`` maps back.
    """

    name: str
    label: str
    steps: np.ndarray  # strictly increasing
    values: np.ndarray  # non-decreasing, not constant

    @classmethod
    def linear(cls, name: str, label: str, factor: float) -> "Scale":
        return cls(name, label, np.array([0.0, 1.0]), np.array([0.0, float(factor)]))

    @classmethod
    def from_pairs(cls, name: str, label: str, steps: Any, values: Any) -> "Scale | None":
        steps = np.asarray(steps, dtype=np.float64)
        values = np.asarray(values, dtype=np.float64)
        finite = np.isfinite(steps) & np.isfinite(values)
        if not finite.all():
            steps, values = steps[finite], values[finite]
        if not len(steps):
            return None
        if bool((np.diff(steps) >= 0).all()):  # in step order: each step's minimum, no sort
            starts = np.flatnonzero(np.r_[True, steps[1:] != steps[:-1]])
            xs, lowest = steps[starts], np.minimum.reduceat(values, starts)
        else:
            table = pd.Series(values).groupby(steps, sort=True).min()
            xs, lowest = table.index.to_numpy(dtype=np.float64), table.to_numpy(dtype=np.float64)
        ys = np.maximum.accumulate(lowest)
        if len(xs) < 2 or ys[-1] <= ys[0]:
            return None
        return cls(name, label, xs, ys)

    @property
    def slope(self) -> float:
        return float((self.values[-1] - self.values[0]) / (self.steps[-1] - self.steps[0]))

    def __call__(self, steps: Any) -> np.ndarray:
        s = np.asarray(steps, dtype=np.float64)
        out = np.interp(s, self.steps, self.values)
        out = np.where(s < self.steps[0], self.values[0] + (s - self.steps[0]) * self.slope, out)
        return np.where(s > self.steps[-1], self.values[-1] + (s - self.steps[-1]) * self.slope,
                        out)

    def inverse(self, values: Any) -> np.ndarray:
        v = np.asarray(values, dtype=np.float64)
        ys, first = np.unique(self.values, return_index=True)
        xs = self.steps[first]
        out = np.interp(v, ys, xs)
        out = np.where(v < ys[0], xs[0] + (v - ys[0]) / self.slope, out)
        return np.where(v > ys[-1], xs[-1] + (v - ys[-1]) / self.slope, out)


def _identity(name: str, label: str) -> Scale:
    return Scale.linear(name, label, 1.0)


def _epoch_scale(frame: pd.DataFrame) -> tuple[Scale | None, bool]:
    """Steps -> fractional epochs, and whether the log is epoch-indexed (step == epoch)."""
    steps = frame["step"].to_numpy(dtype=np.float64)
    epochs = frame["epoch"].to_numpy(dtype=np.float64)
    named = (frame["metric"] == "epoch").to_numpy(dtype=bool)  # on the codes: no 5M strings
    pair_steps = np.r_[steps[np.isfinite(epochs)], steps[named]]
    pair_epochs = np.r_[epochs[np.isfinite(epochs)], frame["value"].to_numpy()[named]]
    finite = np.isfinite(pair_epochs)
    pair_steps, pair_epochs = pair_steps[finite], pair_epochs[finite]
    if len(pair_steps) == 0:
        return None, False
    by_step = pd.Series(pair_epochs).groupby(pair_steps).min()
    if (np.diff(by_step.to_numpy()) < -EPOCH_JITTER).any():
        # The epoch went back while steps went on (a streamed dataset's counter, a
        # restart with a new schedule): it does not measure progress.
        return None, False
    if np.array_equal(np.unique(pair_steps), np.unique(frame["step"].to_numpy())) and \
            np.all(np.abs(pair_steps - pair_epochs) <= 1.0):
        return None, True  # Keras / YOLO: the step column is the epoch index
    if np.all(pair_epochs == np.round(pair_epochs)) and len(np.unique(pair_steps)) > \
            len(np.unique(pair_epochs)):
        # Lightning writes the integer epoch a step belongs to: epoch e starts at its first step.
        table = pd.DataFrame({"step": pair_steps, "epoch": pair_epochs})
        firsts = table.groupby("epoch")["step"].min()
        pair_epochs = firsts.index.to_numpy(dtype=np.float64)
        pair_steps = firsts.to_numpy(dtype=np.float64)
    scale = Scale.from_pairs("epoch", "epoch", pair_steps, pair_epochs)
    if scale is not None and scale.slope >= 1.0 / 1.5:
        return None, True  # about one step per epoch
    return scale, False


def _number(value: Any) -> float | None:
    if isinstance(value, dict) and "value" in value:  # W&B config entries
        value = value["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _batch_size(meta: dict, override: int | None) -> tuple[float | None, str]:
    """Examples per optimisation step and where that number came from."""
    if override:
        return float(override), f"batch size {override}"
    config = meta.get("config") if isinstance(meta.get("config"), dict) else {}
    batch = _number(config.get("batch_size"))
    if batch:
        accumulation = _number(config.get("gradient_accumulation_steps")) or 1.0
        return batch * accumulation, f"batch {batch:g} × accumulation {accumulation:g}"
    batch = _number(meta.get("train_batch_size"))
    if batch:
        return batch, f"train_batch_size {batch:g}"
    return None, ""


def _iteration_scale(rows_of: dict, steps: np.ndarray, values: np.ndarray) -> Scale | None:
    """Steps -> optimisation steps, from a logged counter (nanoGPT's ``iter`` under W&B's step)."""
    for metric in ITERATION_METRICS:
        rows = rows_of.get(("", metric))
        if rows is not None:
            scale = Scale.from_pairs(metric, metric, steps[rows], values[rows])
            if scale is not None:
                return scale
    return None


def _time_scale(frame: pd.DataFrame) -> Scale | None:
    times = frame["wall_time"].to_numpy(dtype=np.float64)
    finite = np.isfinite(times)
    if finite.sum() < 2:
        return None
    steps = frame["step"].to_numpy()
    if finite.all():  # no NaN to skip, nothing to select: the plain reductions, no copies
        start, span = times.min(), times.max() - times.min()
    else:
        start, span = np.nanmin(times), np.nanmax(times) - np.nanmin(times)
        steps, times = steps[finite], times[finite]
    unit, divisor = ("h", 3600.0) if span > 3 * 3600 else \
        ("min", 60.0) if span > 180 else ("s", 1.0)
    return Scale.from_pairs("time", f"time ({unit})", steps, (times - start) / divisor)


# --- a run's curves, ready to draw -------------------------------------------------------------


@dataclass
class Curve:
    """One series of one run after rewind resolution: raw points, the drawn line, its x."""

    name: str
    split: str
    metric: str
    steps: np.ndarray
    values: np.ndarray
    smoothed: np.ndarray | None  # None: drawn raw
    x: np.ndarray
    weight: float = 0.0  # the EMA weight of ``smoothed``

    @property
    def line(self) -> np.ndarray:
        """The values of the bold line: smoothed where smoothing applies, else raw."""
        return self.values if self.smoothed is None else self.smoothed

    @property
    def sparse(self) -> bool:
        return int(np.isfinite(self.values).sum()) < SPARSE_POINTS

    @property
    def lower_is_better(self) -> bool:
        return lower_is_better(self.metric)


@dataclass
class RunPlot:
    """Everything one run's figure is drawn from."""

    run: str
    source: str
    curves: dict[str, Curve]
    x: Scale  # steps -> the primary x quantity
    scales: dict[str, Scale]  # steps -> each known x quantity
    warnings: list[str] = field(default_factory=list)

    @property
    def smoothing(self) -> str:
        """The EMA weights used, for titles: ``0.6`` or ``0.6-0.98``; empty when all raw."""
        return weights_label(self.curves.values())

    def to_x(self, steps: Any) -> np.ndarray:
        return self.x(steps)

    @property
    def step_word(self) -> str:
        """What a step is called: ``epoch`` in epoch-indexed logs (Keras, YOLO)."""
        return self.scales["step"].label


def _series_rows(frame: pd.DataFrame) -> tuple[dict[tuple[str, str], np.ndarray],
                                               dict[tuple[str, str], tuple]]:
    """Frame row numbers of each (split, metric) after rewinds, in step order (as ``extract``);
    and each series' rows as written (file order) with ``kept_rows``' index into them."""
    steps = frame["step"].to_numpy()
    kept, written = {}, {}
    for split, metric, rows in series_rows(frame):
        index, _, _ = kept_rows(steps[rows])
        kept[(split, metric)] = rows if index is None else rows[index]
        written[(split, metric)] = (rows, index)
    return kept, written


def _smoothed(frame: pd.DataFrame, written: np.ndarray, index: np.ndarray | None,
              weight: float, uniform: tuple[str, ...] = ()) -> np.ndarray:
    """``smooth_frame`` of a series' rows ``written``, at the survivors ``written[index]``.

    ``uniform`` names categorical columns known to hold one value on every row."""
    kept = written if index is None else written[index]
    codes = [frame[column].cat.codes.to_numpy()[written] for column in ("run", "source", "tag")
             if column not in uniform and isinstance(frame[column].dtype, pd.CategoricalDtype)]
    categorical = len(codes) + len(uniform) == 3
    if categorical and len(written) and all(c[0] >= 0 and (c == c[0]).all() for c in codes):
        # One (run, source, split, tag) group: smooth_frame is smooth_ema of it in row order.
        smoothed = smooth_ema(frame["value"].to_numpy(dtype=np.float64)[written], weight)
        return smoothed if index is None else smoothed[index]
    by_row = pd.Series(smooth_frame(frame.take(written), weight), index=written)
    return by_row.loc[kept].to_numpy()


def _uniform_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    """The categorical columns among run and source that hold one value on every row."""
    found = []
    for column in ("run", "source"):
        if isinstance(frame[column].dtype, pd.CategoricalDtype) and len(frame):
            codes = frame[column].cat.codes.to_numpy()
            if codes[0] >= 0 and (codes == codes[0]).all():
                found.append(column)
    return tuple(found)


def prepare_run(log: RunLog, options: PlotOptions = PlotOptions()) -> RunPlot:
    """A run's curves with their smoothing and x coordinates, and the x axes it knows."""
    if options.x not in X_AXES:
        raise UsageError(f"unknown --x '{options.x}'; use one of {', '.join(X_AXES)}")
    frame = log.frame.reset_index(drop=True)
    warnings: list[str] = []
    values_all = frame["value"].to_numpy(dtype=np.float64)
    steps_all = frame["step"].to_numpy()

    epoch, epoch_indexed = _epoch_scale(frame) if len(frame) else (None, False)
    step_label = "epoch" if epoch_indexed else "step"
    scales: dict[str, Scale] = {"step": _identity("step", step_label)}
    if epoch is not None:
        scales["epoch"] = epoch
    elif epoch_indexed:
        scales["epoch"] = _identity("epoch", "epoch")
    rows_of, all_rows = _series_rows(frame) if len(frame) else ({}, {})
    for metric in TOKEN_METRICS:
        rows = rows_of.get(("", metric), rows_of.get(("train", metric)))
        if rows is not None:
            tokens = Scale.from_pairs("tokens", "tokens seen", steps_all[rows], values_all[rows])
            if tokens is not None:
                scales["tokens"] = tokens
                break
    batch, batch_source = _batch_size(log.meta, options.batch_size)
    iteration, counter = _iteration_scale(rows_of, steps_all, values_all), "steps"
    if iteration is not None:
        counter = iteration.name
    elif batch and (options.batch_size or log.source in STEP_IS_ITERATION):
        iteration = _identity("step", "step")
    if batch and iteration is not None and not epoch_indexed:
        scales["examples"] = Scale(
            "examples", f"examples seen ({counter} × {batch_source})", iteration.steps,
            iteration.values * batch)
        config = log.meta.get("config") if isinstance(log.meta.get("config"), dict) else {}
        block = _number(config.get("block_size"))
        if "tokens" not in scales and block:
            scales["tokens"] = Scale(
                "tokens", f"tokens seen ({counter} × {batch:g} × block {block:g})",
                iteration.steps, iteration.values * batch * block)
    time = _time_scale(frame) if len(frame) else None
    if time is not None:
        scales["time"] = time

    primary = scales.get(options.x)
    if primary is None:
        hint = {"epoch": "the log has no epoch column or epoch series",
                "examples": "the batch size is unknown; pass --batch-size N",
                "tokens": "no num_input_tokens_seen / num_tokens series",
                "time": "the log has no wall times"}[options.x]
        warnings.append(f"{log.run}: cannot draw against {options.x} ({hint}); drawn against steps")
        primary = scales["step"]

    curves: dict[str, Curve] = {}
    uniform = _uniform_columns(frame)
    for (split, metric), rows in rows_of.items():
        values = values_all[rows]
        steps = steps_all[rows]
        weight = options.smooth if options.smooth is not None else \
            auto_weight(int(np.isfinite(values).sum()))
        smoothed = None
        if weight > 0:
            # As ``export --smooth``: every row of the series' tags, in file order, then
            # the rows that survive the rewinds.
            smoothed = _smoothed(frame, *all_rows[(split, metric)], weight, uniform)
        name = series_name(split, metric)
        curves[name] = Curve(name, split, metric, steps, values, smoothed, primary(steps),
                             weight if smoothed is not None else 0.0)
    return RunPlot(log.run, log.source, curves, primary, scales, warnings)


def auto_weight(points: int) -> float:
    """The default EMA weight for a series of ``points`` finite points (0: drawn raw).

    TensorBoard's 0.6, or more for long series so that the EMA's window
    (``1 / (1 - w)`` points) is about ``AUTO_WINDOW_SHARE`` of the series; two
    decimals, so ``export --smooth`` can reproduce it.
    """
    if points < SPARSE_POINTS:
        return 0.0
    weight = 1.0 - 1.0 / max(points * AUTO_WINDOW_SHARE, 1.0)
    return round(min(max(weight, TB_SMOOTHING), MAX_AUTO_SMOOTHING), 2)


def weights_label(curves) -> str:
    weights = sorted({c.weight for c in curves if c.smoothed is not None and c.weight > 0})
    if not weights:
        return ""
    return f"{weights[0]:g}" if len(weights) == 1 else f"{weights[0]:g}–{weights[-1]:g}"


def select_curve(plot: RunPlot, log: RunLog, wanted: str) -> Curve:
    """The curve the user named (``val/loss``, ``eval_loss``, ``val/perplexity``)."""
    if wanted in plot.curves:
        return plot.curves[wanted]
    series = resolve_name(extract(log.frame), wanted)  # raises UsageError naming the series
    if series.name in plot.curves:
        return plot.curves[series.name]
    # A derived series (perplexity from a loss): smoothed like its source.
    source = plot.curves.get(series_name(series.split, "loss"))
    weight = source.weight if source is not None else 0.0
    smoothed = smooth_ema(series.values, weight) if weight > 0 else None
    curve = Curve(series.name, series.split, series.metric, series.steps, series.values,
                  smoothed, plot.to_x(series.steps), weight)
    plot.curves[curve.name] = curve
    return curve


# --- panels ------------------------------------------------------------------------------------


@dataclass
class Panel:
    kind: str  # "loss", "metric" or "schedule"
    label: str
    curves: list[Curve]


def _is_loss(curve: Curve) -> bool:
    return "loss" in curve.metric and curve.lower_is_better


def _drawable(curve: Curve) -> bool:
    return is_curve_metric(curve.metric)


def _metric_rank(metric: str, monitored_metric: str | None) -> int:
    """Which metrics get a panel first: the judged one, well-known ones, then any quality
    metric (a reward, a score), then the rest (lengths, counts)."""
    if metric == monitored_metric:
        return 0
    if metric in COMMON_METRICS:
        return 1
    if metric.startswith(("overall_", "macro_", "micro_")) or metric.endswith(("_macro", "_micro")):
        return 2
    if HIGHER_IS_BETTER.search(metric) or LOWER_IS_BETTER.search(metric):
        return 3
    return 4


def plan_panels(plot: RunPlot, report: RunReport | None, log: RunLog | None = None,
                metrics: Sequence[str] = ()) -> tuple[list[Panel], list[str]]:
    """The panels of a run's figure, and the metrics left out for lack of room."""
    curves = [c for c in plot.curves.values()
              if not SCHEDULE_METRICS.match(c.metric) and _drawable(c)]
    if metrics:
        chosen = [select_curve(plot, log, wanted) if log is not None else plot.curves[wanted]
                  for wanted in metrics]
        families = {c.metric for c in chosen}
        curves = [c for c in plot.curves.values() if c.metric in families]
    monitored = plot.curves.get(report.monitored) if report and report.monitored else None
    monitored_metric = monitored.metric if monitored else None

    losses = [c for c in curves if _is_loss(c)]
    if len(losses) > MAX_LOSS_CURVES:
        losses.sort(key=lambda c: (c.metric != monitored_metric, c.split != "val"))
        losses = losses[:MAX_LOSS_CURVES]
    panels: list[Panel] = []
    if losses:
        panels.append(Panel("loss", "loss", losses))
    by_metric: dict[str, list[Curve]] = {}
    for curve in curves:
        if not _is_loss(curve):
            by_metric.setdefault(curve.metric, []).append(curve)
    # Val metrics before train-only ones; the monitored and the well-known ones first.
    order = sorted(by_metric, key=lambda m: (
        _metric_rank(m, monitored_metric), not any(c.split == "val" for c in by_metric[m])))
    room = MAX_METRIC_PANELS if not metrics else len(order)
    for metric in order[:room]:
        split_order = {"train": 0, "": 1, "val": 2, "test": 3}
        group = sorted(by_metric[metric], key=lambda c: split_order.get(c.split, 4))
        panels.append(Panel("metric", metric, group))
    left_out = order[room:]
    schedule = [c for c in plot.curves.values() if SCHEDULE_METRICS.match(c.metric)
                and np.isfinite(c.values).any()]
    if schedule and (not metrics or panels):
        panels.append(Panel("schedule", "lr / grad_norm", schedule))
    return panels, left_out


# --- drawing -----------------------------------------------------------------------------------


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _shade(family: str, split: str):
    from matplotlib import colormaps

    return colormaps[family](SPLIT_SHADE.get(split, 0.75))


def _draw_curve(axes, curve: Curve, colour, label: str, *, markers: bool | None = None,
                linewidth: float = 2.0) -> None:
    """Raw points faint, the smoothed line bold; markers on sparse series."""
    buckets = MAX_LINE_POINTS // 2
    finite = np.isfinite(curve.values)
    markers = curve.sparse if markers is None else markers
    if curve.smoothed is not None:
        x, y = decimate_minmax(curve.x[finite], curve.values[finite], buckets)
        dense = len(x) > 1000  # a wash of raw points: lighter still
        axes.plot(x, y, color=colour, alpha=0.2 if dense else 0.3, linewidth=0.7 if dense else 0.9,
                  marker="o" if markers else None, markersize=3, gid=f"raw:{curve.name}")
    line_finite = np.isfinite(curve.line)
    x, y = decimate_minmax(curve.x[line_finite], curve.line[line_finite], buckets)
    style = {"marker": "o", "markersize": 4} if markers and curve.smoothed is None else {}
    if len(x) == 1:
        style = {"marker": "D", "markersize": 6}
    axes.plot(x, y, color=colour, linewidth=linewidth, label=label, gid=f"line:{curve.name}",
              **style)


def _mark_non_finite(axes, curves: Sequence[Curve]) -> None:
    """NaN and ±inf points drawn at the panel's edge: never silently dropped."""
    from matplotlib.transforms import blended_transform_factory

    transform = blended_transform_factory(axes.transData, axes.transAxes)
    total = sum(int((~np.isfinite(curve.values)).sum()) for curve in curves)
    labelled = False
    for curve in curves:
        bad = ~np.isfinite(curve.values)
        if not bad.any():
            continue
        for kind, mask, y, marker in (("NaN", np.isnan(curve.values), 1.0, "X"),
                                      ("+inf", curve.values == np.inf, 1.0, "^"),
                                      ("-inf", curve.values == -np.inf, 0.0, "v")):
            if not mask.any():
                continue
            label = None if labelled else f"NaN / inf ({total} point{'s' * (total > 1)})"
            labelled = True
            axes.plot(curve.x[mask], np.full(mask.sum(), y), linestyle="none", marker=marker,
                      markersize=7, color=NONFINITE_COLOUR, clip_on=False, transform=transform,
                      label=label, gid=f"nonfinite:{curve.name}:{kind}", zorder=5)


def _finish_metric_axes(axes, curves: Sequence[Curve], metric: str, x_label: str,
                        options) -> None:
    """Y range (log for a loss with --log-y), labels and grid of a one-metric panel of
    several runs or groups."""
    log_y = options.log_y and "loss" in metric
    extent = _panel_extent(curves, options.clip, log_y)
    if log_y and extent is not None:
        axes.set_yscale("log")
    if extent is not None:
        axes.set_ylim(*extent)
    axes.set_ylabel(metric)
    axes.set_xlabel(x_label)
    axes.grid(True, alpha=0.3, linewidth=0.6)


def _panel_extent(curves: Sequence[Curve], clip: bool, log: bool,
                  extra: Sequence[float] = ()) -> tuple[float, float] | None:
    """The union of every curve's extent (TensorBoard clips each chart, i.e. each series).

    Clipping ignores outliers on the bad side and the noise, never a curve's best
    part: the lowest point of a loss (the highest of an accuracy) stays in view.
    """
    lows, highs = [], []
    for curve in curves:
        values = curve.line if clip else np.r_[curve.values, curve.line]
        extent = y_extent(values, clip=clip, log=log)
        if extent is None:
            continue
        low, high = extent
        if clip:
            # Evaluations (sparse curves) show every point on their good side.
            shown = curve.line if len(curve.values) >= EVAL_POINTS else np.r_[curve.line,
                                                                              curve.values]
            best = y_extent(shown, clip=False, log=log)
            if best is not None:
                low, high = (best[0], high) if curve.lower_is_better else (low, best[1])
        lows.append(low)
        highs.append(high)
    for value in extra:
        if math.isfinite(value) and (value > 0 or not log):
            lows.append(value)
            highs.append(value)
    if not lows:
        return None
    return pad_extent(min(lows), max(highs), log)


def _needs_log(curves: Sequence[Curve], extent: tuple[float, float]) -> bool:
    """True for a blow-up: positive values whose largest is ``AUTO_LOG_RATIO`` times their
    median, so a linear axis would flatten everything before it to a line."""
    parts = [np.r_[c.line, c.values] for c in curves]
    values = np.concatenate(parts) if parts else np.zeros(0)
    values = values[np.isfinite(values)]
    if not len(values) or values.min() <= 0:
        return False
    return float(values.max() / np.median(values)) > AUTO_LOG_RATIO and \
        extent[1] / max(extent[0], values.min()) > AUTO_LOG_RATIO


def _x_limits(low: float, high: float) -> tuple[float, float]:
    span = high - low
    if span <= 0:  # one point: centred
        span = max(abs(high) * 0.1, 1.0)
        return low - span, high + span
    return low - span * 0.01, high + span * 0.01


def _ylabel(name: str) -> str:
    """A y label that fits a short panel: wrapped at a slash, long names shortened."""
    head, _, tail = name.rpartition("/")
    parts = [part if len(part) <= YLABEL_CHARS else part[:YLABEL_CHARS - 1] + "…"
             for part in ((head, tail) if head else (tail,))]
    return "/\n".join(parts)


def _annotate_best(axes, x: float, value: float, step: int, series: str, word: str) -> None:
    """A star on the best point and its value, in the panel's emptier quarter next to it."""
    axes.plot([x], [value], linestyle="none", marker="*", markersize=15, markerfacecolor="#f1c40f",
              markeredgecolor="black", markeredgewidth=0.8, zorder=6, gid="best",
              label=f"best {series}")
    to_axes = axes.transAxes.inverted().transform(axes.transData.transform((x, value)))
    right, top = to_axes[0] > 0.7, to_axes[1] > 0.7
    axes.annotate(f"best {_fmt(value)}\n{word} {_fmt_step(step)}", (x, value),
                  xytext=(-10 if right else 10, -12 if top else 12), textcoords="offset points",
                  ha="right" if right else "left", va="top" if top else "bottom", fontsize=8,
                  zorder=7, bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                                  "alpha": 0.85, "edgecolor": "#999999"})


def _finding_steps(report: RunReport | None, code: str) -> list[tuple[int, str | None]]:
    if report is None:
        return []
    return [(int(f.step), f.series) for f in report.findings
            if f.code == code and f.step is not None]


def _value_at(curve: Curve, step: int) -> float | None:
    if not len(curve.steps):
        return None
    index = int(np.argmin(np.abs(curve.steps - step)))
    value = float(curve.values[index])
    return value if math.isfinite(value) else None


def _title(figure, top_axes, plot: RunPlot, report: RunReport | None,
           left_out: Sequence[str]) -> None:
    """The run and its verdict above the figure; the details as the top panel's title."""
    verdict = report.verdict if report else None
    head = plot.run if verdict is None else f"{plot.run}  —  {verdict.replace('_', ' ')}"
    details = [plot.source]
    if report and report.best:
        details.append(f"best {report.best.series} {_fmt(report.best.value)} at {plot.step_word} "
                       f"{_fmt_step(report.best.step)}")
    if report and report.early_stop and report.early_stop.stop_step is not None:
        details.append(f"early stopping (patience {report.early_stop.patience}) would stop at "
                       f"{plot.step_word} {_fmt_step(report.early_stop.stop_step)}")
    if plot.smoothing:
        details.append(f"bold: TensorBoard EMA {plot.smoothing}, faint: raw")
    line = "  ·  ".join(details)
    if left_out:
        shown = ", ".join(left_out[:4]) + (f" +{len(left_out) - 4} more" if len(left_out) > 4
                                           else "")
        line += f"\nnot drawn: {shown} (pass --metric)"
    figure.suptitle(head, fontsize=13, fontweight="bold",
                    color=VERDICT_COLOURS.get(verdict or "", "black"))
    # Above a secondary top axis (examples / tokens seen), clear of its label.
    has_top = any(child.get_gid() in ("secondary:examples", "secondary:tokens")
                  for child in top_axes.child_axes)
    top_axes.set_title(line, fontsize=8.5, color="#333333", loc="center",
                       pad=38 if has_top else 6)


def _secondary_axes(top_axes, bottom_axes, plot: RunPlot) -> None:
    from matplotlib.ticker import FuncFormatter

    primary = plot.x
    under = "epoch" if primary.name == "step" else "step"
    scale = plot.scales.get(under)
    epoch_indexed = plot.scales["step"].label == "epoch"
    if scale is not None and not (epoch_indexed and under in ("epoch", "step")):
        secondary = bottom_axes.secondary_xaxis(
            "bottom", functions=(lambda x, s=scale: s(primary.inverse(x)),
                                 lambda v, s=scale: primary(s.inverse(v))))
        secondary.spines["bottom"].set_position(("outward", 34))
        secondary.set_xlabel(scale.label)
        secondary.set_gid(f"secondary:{scale.name}")
    for name in ("tokens", "examples"):
        scale = plot.scales.get(name)
        if scale is not None and name != primary.name:
            secondary = top_axes.secondary_xaxis(
                "top", functions=(lambda x, s=scale: s(primary.inverse(x)),
                                  lambda v, s=scale: primary(s.inverse(v))))
            secondary.set_xlabel(scale.label, fontsize=9)
            secondary.xaxis.set_major_formatter(FuncFormatter(_fmt_count))
            secondary.set_gid(f"secondary:{scale.name}")
            break


@drawing
def run_figure(plot: RunPlot, report: RunReport | None = None,
               options: PlotOptions = PlotOptions(), log: RunLog | None = None):
    """The figure of one run: curves in panels, the diagnosis drawn on them.

    ``plot`` comes from ``prepare_run``; ``report`` from ``diagnose_run`` (the
    renderer never judges). Returns the matplotlib ``Figure``; ``save_figure``
    writes it.
    """
    panels, left_out = plan_panels(plot, report, log, options.metrics)
    if not panels:
        names = ", ".join(plot.curves) or "none"
        raise UsageError(f"run '{plot.run}' has no curve to plot (series: {names})")
    heights = [LOSS_HEIGHT if p.kind == "loss" else SCHEDULE_HEIGHT if p.kind == "schedule"
               else METRIC_HEIGHT for p in panels]
    if panels[0].kind != "loss":
        heights[0] = max(heights[0], METRIC_HEIGHT + 0.6)
    figure = _figure(FIG_WIDTH, sum(heights) + CHROME_HEIGHT + 0.25 * bool(left_out))
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
    axes_list = []
    for index, panel in enumerate(panels):
        axes = figure.add_subplot(grid[index, 0], sharex=axes_list[0] if axes_list else None)
        axes.set_gid(f"panel:{panel.kind}:{panel.label}")
        axes_list.append(axes)
    x_max = max((float(np.nanmax(c.x)) for p in panels for c in p.curves if len(c.x)),
                default=0.0)
    x_min = min((float(np.nanmin(c.x)) for p in panels for c in p.curves if len(c.x)),
                default=0.0)

    families: dict[str, str] = {}
    best = report.best if report else None
    for axes, panel in zip(axes_list, panels):
        if panel.kind == "schedule":
            _draw_schedule(axes, panel, options)
        else:
            log_y = options.log_y and panel.kind == "loss"
            for curve in panel.curves:
                family = families.setdefault(curve.metric, FAMILIES[len(families) % len(FAMILIES)])
                _draw_curve(axes, curve, _shade(family, curve.split), curve.name)
            _mark_non_finite(axes, panel.curves)
            # The diagnosis stays in view: the best point and every spike.
            shown = {c.name: c for c in panel.curves}
            marked = [best.value] if best and best.series in shown else []
            marked += [_value_at(shown[series], step) or math.nan
                       for step, series in _finding_steps(report, "loss_spike") if series in shown]
            extent = _panel_extent(panel.curves, options.clip, log_y, marked)
            if not log_y and extent is not None and _needs_log(panel.curves, extent):
                log_y = True  # a blow-up would flatten everything else to a line
                extent = _panel_extent(panel.curves, options.clip, True, marked)
                plot.warnings.append(f"{plot.run}: {panel.label} spans "
                                     f"{extent[1] / extent[0]:.0e}x; drawn on a log scale")
            if log_y:
                if extent is not None:
                    axes.set_yscale("log")
                else:
                    plot.warnings.append(f"{plot.run}: no positive {panel.label} values; "
                                         "--log-y not applied")
            if extent is not None:
                axes.set_ylim(*extent)
            axes.set_ylabel(_ylabel(panel.label), fontsize=9 if len(panel.label) > 12 else 10)
        axes.grid(True, alpha=0.3, linewidth=0.6)
        axes.set_xlim(*_x_limits(x_min, x_max))

    # The diagnosis, drawn on every panel it concerns.
    for onset_step, _ in _finding_steps(report, "overfitting")[:1]:
        onset = float(plot.to_x([onset_step])[0])
        for index, axes in enumerate(axes_list):
            axes.axvspan(onset, x_max, color=ONSET_COLOUR, alpha=0.07, linewidth=0,
                         gid="overfitting-region")
            axes.axvline(onset, color=ONSET_COLOUR, linewidth=1.3, gid="overfitting-onset",
                         label=f"overfitting from {plot.step_word} {_fmt_step(onset_step)}"
                         if index == 0 else None)
    stop = report.early_stop.stop_step if report and report.early_stop else None
    if stop is not None:
        stop_x = float(plot.to_x([stop])[0])
        for index, axes in enumerate(axes_list):
            axes.axvline(stop_x, color=STOP_COLOUR, linestyle="--", linewidth=1.1,
                         gid="early-stop", label=f"early stop (patience "
                         f"{report.early_stop.patience})" if index == 0 else None)
    for axes, panel in zip(axes_list, panels):
        names = {c.name: c for c in panel.curves}
        spikes = [(step, names[series]) for step, series in _finding_steps(report, "loss_spike")
                  if series in names]
        for number, (step, curve) in enumerate(spikes):
            value = _value_at(curve, step)
            if value is not None:
                axes.plot(plot.to_x([step]), [value], linestyle="none", marker="o", markersize=11,
                          markerfacecolor="none", markeredgecolor=SPIKE_COLOUR,
                          markeredgewidth=1.6, zorder=6, gid=f"spike:{curve.name}:{step}",
                          label="loss spike" if number == 0 else None)
        if best and best.series in names:
            _annotate_best(axes, float(plot.to_x([best.step])[0]), best.value, best.step,
                           best.series, plot.step_word)

    for axes, panel in zip(axes_list, panels):
        if panel.kind == "schedule":
            continue
        handles, labels = axes.get_legend_handles_labels()
        if len(handles) > LEGEND_INSIDE_MAX:  # beside the panel, not over the curves
            axes.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                        fontsize=8, frameon=False)
        elif handles:
            axes.legend(handles, labels, loc="best", fontsize=8, framealpha=0.85)
    for axes in axes_list[:-1]:
        axes.tick_params(labelbottom=False)
    axes_list[-1].set_xlabel(plot.x.label)
    if plot.x.name == "step":
        from matplotlib.ticker import MaxNLocator

        axes_list[-1].xaxis.set_major_locator(MaxNLocator(integer=True))
    _secondary_axes(axes_list[0], axes_list[-1], plot)
    _title(figure, axes_list[0], plot, report, left_out)
    return figure


def _draw_schedule(axes, panel: Panel, options: PlotOptions) -> None:
    """Learning rate(s) on the left axis, grad_norm on a right-hand twin (their scales differ)."""
    from matplotlib.ticker import FuncFormatter

    rates = [c for c in panel.curves if c.metric.startswith("learning_rate")]
    norms = [c for c in panel.curves if c.metric == "grad_norm"]
    handles = []
    colours = ("#117a65", "#48c9b0", "#a3e4d7")
    for index, curve in enumerate(rates[:3]):
        finite = np.isfinite(curve.values)
        x, y = decimate_minmax(curve.x[finite], curve.values[finite], MAX_LINE_POINTS // 2)
        (line,) = axes.plot(x, y, color=colours[index], linewidth=1.5, label=curve.name,
                            gid=f"line:{curve.name}", marker="o" if len(x) < 12 else None,
                            markersize=3)
        handles.append(line)
    if rates:
        axes.set_ylabel("lr", fontsize=9, color=colours[0])
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _fmt(value) if value
                                                     else "0"))
        extent = _panel_extent(rates, False, False)
        if extent is not None:
            axes.set_ylim(*extent)
    target = axes
    if norms:
        target = axes.twinx() if rates else axes
        target.set_gid("panel:schedule:grad_norm")
        if rates:  # the learning rate drawn over the (spikier) grad_norm
            axes.set_zorder(target.get_zorder() + 1)
            axes.patch.set_visible(False)
        curve = norms[0]
        finite = np.isfinite(curve.values)
        x, y = decimate_minmax(curve.x[finite], curve.values[finite], MAX_LINE_POINTS // 2)
        (line,) = target.plot(x, y, color=GRAD_COLOUR, linewidth=1.0, alpha=0.8, label=curve.name,
                              gid=f"line:{curve.name}", marker="o" if len(x) < 12 else None,
                              markersize=3)
        handles.append(line)
        target.set_ylabel("grad_norm", fontsize=9, color=GRAD_COLOUR)
        target.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _fmt(value) if value
                                                       else "0"))
        extent = _panel_extent([curve], options.clip, False)
        if extent is not None:
            target.set_ylim(*extent)
        _mark_non_finite(target, norms)
    if len(rates) > 1:
        axes.legend(handles[:len(rates[:3])], [c.name for c in rates[:3]], loc="best",
                    fontsize=7, framealpha=0.85)


# --- several runs ------------------------------------------------------------------------------


def _short_names(names: Sequence[str]) -> list[str]:
    """Run names without the path components they all share."""
    parts = [name.split("/") for name in names]
    if len(parts) < 2:
        return list(names)
    common = 0
    while all(len(p) > common + 1 for p in parts) and len({p[common] for p in parts}) == 1:
        common += 1
    return ["/".join(p[common:]) for p in parts]


def _run_colours(count: int) -> list:
    from matplotlib import colormaps

    cmap = colormaps[RUN_COLOURS[0] if count <= 10 else RUN_COLOURS[1]]
    size = 10 if count <= 10 else 20
    return [cmap(index % size) for index in range(count)]


def _legend_below(figure, axes, count: int) -> None:
    handles, labels = axes.get_legend_handles_labels()
    if not handles:
        return
    if count <= 6:
        axes.legend(handles, labels, loc="best", fontsize=8, framealpha=0.85)
    else:
        figure.legend(handles, labels, loc="outside lower center", fontsize=8,
                      ncol=3 if count > 12 else 2, frameon=False)


@drawing
def overlay_figure(items: Sequence[tuple[RunPlot, Curve, RunReport | None]], metric: str,
                   options: PlotOptions = PlotOptions()):
    """One metric of several runs on one axes, a colour per run, each run's best marked."""
    if not items:
        raise UsageError(f"no run has the series '{metric}' to overlay")
    rows = math.ceil(len(items) / (3 if len(items) > 12 else 2)) if len(items) > 6 else 0
    figure = _figure(OVERLAY_SIZE[0], OVERLAY_SIZE[1] + 0.2 * rows)
    axes = figure.add_subplot(1, 1, 1)
    axes.set_gid(f"panel:overlay:{metric}")
    colours = _run_colours(len(items))
    names = _short_names([plot.run for plot, _, _ in items])
    curves = []
    for (plot, curve, report), colour, short in zip(items, colours, names):
        verdict = f"  ({report.verdict.replace('_', ' ')})" if report else ""
        _draw_curve(axes, curve, colour, f"{short}{verdict}", linewidth=1.8)
        curves.append(curve)
        best = report.best if report else None
        if best and best.series == curve.name:
            axes.plot(plot.to_x([best.step]), [best.value], linestyle="none", marker="*",
                      markersize=13, markerfacecolor=colour, markeredgecolor="black",
                      markeredgewidth=0.7, zorder=6, gid=f"best:{plot.run}")
        _mark_non_finite(axes, [curve])
    _finish_metric_axes(axes, curves, metric, items[0][0].x.label, options)
    smoothing = weights_label(curves)
    figure.suptitle(f"{metric}: {len(items)} runs" + (f"  ·  bold: TensorBoard EMA {smoothing}, "
                    "★ best" if smoothing else "  ·  ★ best"), fontsize=12)
    _legend_below(figure, axes, len(items))
    return figure


def group_runs(names: Sequence[str], pattern: str | None = None) -> dict[str, list[str]]:
    """Runs that are seeds of one config, keyed by the config.

    Without ``pattern``: sibling directories (``sweep/lr0.1/seed0`` and
    ``sweep/lr0.1/seed1`` -> ``sweep/lr0.1``). With a regex: its capture groups
    name the config (``--group 'lr([\\d.]+)'``), or, without groups, the run name
    with the match removed does (``--group '_seed\\d+'``).
    """
    groups: dict[str, list[str]] = {}
    if pattern is not None:
        try:
            regex = re.compile(pattern)
        except re.error as error:
            raise UsageError(f"--group '{pattern}' is not a regular expression: {error}") from None
    for name in names:
        if pattern is None:
            key = name.rsplit("/", 1)[0] if "/" in name else ""
        else:
            match = regex.search(name)
            if match is None:
                key = name
            elif regex.groups:
                key = "-".join(part for part in match.groups() if part) or name
            else:
                key = (name[:match.start()] + name[match.end():]).strip("/_-. ") or name
        groups.setdefault(key, []).append(name)
    return groups


def aggregate(curves: Sequence[Curve], band: str = "minmax") -> tuple[np.ndarray, ...]:
    """Mean and band of several runs' drawn lines on a common x grid.

    The grid is every x any run has inside the range all runs cover; each run is
    interpolated onto it (its finite points). Returns ``(x, mean, low, high)``;
    the band is min-max or mean ± one standard deviation.
    """
    if band not in BANDS:
        raise UsageError(f"unknown --band '{band}'; use {' or '.join(BANDS)}")
    usable = [(c.x[np.isfinite(c.line)], c.line[np.isfinite(c.line)]) for c in curves]
    usable = [(x, y) for x, y in usable if len(x)]
    if not usable:
        empty = np.zeros(0)
        return empty, empty, empty, empty
    start = max(x[0] for x, _ in usable)
    end = min(x[-1] for x, _ in usable)
    grid = np.unique(np.concatenate([x for x, _ in usable]))
    grid = grid[(grid >= start) & (grid <= end)]
    if not len(grid):
        grid = np.array([start])
    stack = np.vstack([np.interp(grid, x, y) for x, y in usable])
    mean = stack.mean(axis=0)
    if band == "std":
        std = stack.std(axis=0)
        return grid, mean, mean - std, mean + std
    return grid, mean, stack.min(axis=0), stack.max(axis=0)


@drawing
def group_figure(groups: dict[str, Sequence[Curve]], metric: str, x_label: str,
                 options: PlotOptions = PlotOptions()):
    """Each group of seeds as its mean line and a min-max (or ±std) band."""
    if not groups:
        raise UsageError(f"no run has the series '{metric}' to group")
    rows = math.ceil(len(groups) / 2) if len(groups) > 6 else 0
    figure = _figure(OVERLAY_SIZE[0], OVERLAY_SIZE[1] + 0.2 * rows)
    axes = figure.add_subplot(1, 1, 1)
    axes.set_gid(f"panel:groups:{metric}")
    colours = _run_colours(len(groups))
    means = []
    band_name = "min–max" if options.band == "minmax" else "±1 std"
    for (key, curves), colour in zip(groups.items(), colours):
        x, mean, low, high = aggregate(curves, options.band)
        if not len(x):
            continue
        count = len(curves)
        label = f"{key or 'runs'} (mean of {count})" if count > 1 else f"{key or 'runs'} (1 run)"
        if count > 1:
            axes.fill_between(x, low, high, color=colour, alpha=0.2, linewidth=0,
                              gid=f"band:{key}")
        xd, yd = decimate_minmax(x, mean, MAX_LINE_POINTS // 2)
        axes.plot(xd, yd, color=colour, linewidth=2.0, label=label, gid=f"mean:{key}",
                  marker="o" if len(x) < SPARSE_POINTS else None, markersize=3.5)
        means.append(Curve(key, "", metric, x, mean, None, x))
        means.append(Curve(key, "", metric, x, low, None, x))
        means.append(Curve(key, "", metric, x, high, None, x))
    _finish_metric_axes(axes, means, metric, x_label, options)
    title = f"{metric}: {len(groups)} group{'s' if len(groups) != 1 else ''}, mean and {band_name}"
    smoothing = weights_label([c for group in groups.values() for c in group])
    if smoothing:
        title += f" of runs smoothed {smoothing}"
    figure.suptitle(title, fontsize=12)
    _legend_below(figure, axes, len(groups))
    return figure


# --- writing -----------------------------------------------------------------------------------


@drawing
def save_figure(figure, path: Path, file_format: str = "png") -> Path:
    """Write ``figure`` to ``path`` atomically, with no timestamps (same input, same bytes)."""
    from matplotlib import rc_context

    from curvecli.render.files import atomic_path

    if file_format not in FORMATS:
        raise UsageError(f"unknown --format '{file_format}' for plot; use {', '.join(FORMATS)}")
    metadata: dict[str, Any] = {"png": {"Software": None}, "svg": {"Date": None},
                                "pdf": {"CreationDate": None, "ModDate": None}}[file_format]
    with atomic_path(Path(path)) as temporary, rc_context({"svg.hashsalt": "curvecli",
                                                          "svg.fonttype": "none"}):
        figure.savefig(temporary, format=file_format, dpi=DPI, metadata=metadata)
    return Path(path)
