"""Where a point lies on an x axis, and several runs on one grid.

One home for two things that ``plot`` and ``compare`` both need:

* step -> epoch / examples / tokens / time. A ``StepMap`` is a monotone map
  from steps to another quantity through the ``(step, value)`` pairs a run
  logged: each step's lowest value, then the running maximum (a counter that
  never goes back), linearly interpolated; ``StepMap.__call__`` extends it
  linearly beyond the logged steps (for drawing), ``lookup`` leaves NaN there
  (for comparing). The token counters a log may carry are ``TOKEN_METRICS``.
* several runs on one grid (``common_grid``): the overlapping range, from the
  latest first point to the earliest last point, and the union of every run's
  points inside it (no sampling), each run linearly interpolated onto it;
  ``band`` is the runs' mean with a min-max or ±std band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

from curvecli.analysis.series import Series
from curvecli.errors import UsageError
from curvecli.names import series_name

# Token counters, most specific first (HF's num_input_tokens_seen, Megatron's consumed_tokens...).
TOKEN_METRICS = ("num_input_tokens_seen", "num_tokens", "tokens_seen", "tokens", "ntokens",
                 "total_tokens", "consumed_tokens", "tokens_processed")
ITERATION_METRICS = ("iter", "iters", "iteration", "global_step", "trainer/global_step")
# Sources whose step is the optimisation step (W&B's is a log-call counter unless told).
STEP_IS_ITERATION = ("trainer_state", "tensorboard", "lightning")
EPOCH_JITTER = 1e-3  # epochs logged as rounded floats may step back this much
BANDS = ("minmax", "std")
# Elapsed-time units: (unit, seconds, used when the run lasts more than this many seconds).
TIME_UNITS = (("d", 86400.0, 3 * 86400.0), ("h", 3600.0, 3 * 3600.0), ("min", 60.0, 180.0),
              ("s", 1.0, -math.inf))


# --------------------------------------------------------------------------- step maps


def step_pairs(steps: Any, values: Any) -> tuple[np.ndarray, np.ndarray]:
    """The ``(step, value)`` pairs as a monotone table: finite pairs only, one per step
    (its lowest value), steps increasing, values the running maximum."""
    steps = np.asarray(steps, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(steps) & np.isfinite(values)
    if not finite.all():
        steps, values = steps[finite], values[finite]
    if not len(steps):
        return steps, values
    if bool((np.diff(steps) >= 0).all()):  # in step order: each step's minimum, no sort
        starts = np.flatnonzero(np.r_[True, steps[1:] != steps[:-1]])
        xs, lowest = steps[starts], np.minimum.reduceat(values, starts)
    else:
        table = pd.Series(values).groupby(steps, sort=True).min()
        xs, lowest = table.index.to_numpy(dtype=np.float64), table.to_numpy(dtype=np.float64)
    return xs, np.maximum.accumulate(lowest)


def lookup(steps: Any, values: Any, at: Any) -> np.ndarray:
    """The logged ``(step, value)`` mapping at ``at``, NaN outside the logged steps."""
    xs, ys = step_pairs(steps, values)
    at = np.asarray(at, dtype=np.float64)
    if not len(xs):
        return np.full(at.shape, np.nan)
    return np.interp(at, xs, ys, left=np.nan, right=np.nan)


@dataclass
class StepMap:
    """A monotone map from steps to another x quantity (epoch, examples, tokens, time).

    Piecewise linear through known ``(step, value)`` pairs, extended linearly
    with the overall slope beyond them; ``inverse`` maps back.
    """

    name: str
    label: str
    steps: np.ndarray  # strictly increasing
    values: np.ndarray  # non-decreasing, not constant
    unit: str = ""  # for time: s, min, h or d

    @classmethod
    def linear(cls, name: str, label: str, factor: float) -> "StepMap":
        return cls(name, label, np.array([0.0, 1.0]), np.array([0.0, float(factor)]))

    @classmethod
    def from_pairs(cls, name: str, label: str, steps: Any, values: Any) -> "StepMap | None":
        """The map through logged pairs (``step_pairs``); None when it would be constant."""
        xs, ys = step_pairs(steps, values)
        if len(xs) < 2 or ys[-1] <= ys[0]:
            return None
        return cls(name, label, xs, ys)

    @property
    def slope(self) -> float:
        return float((self.values[-1] - self.values[0]) / (self.steps[-1] - self.steps[0]))

    def scaled(self, name: str, label: str, factor: float) -> "StepMap":
        return StepMap(name, label, self.steps, self.values * factor)

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


def identity(name: str, label: str) -> StepMap:
    return StepMap.linear(name, label, 1.0)


def token_series(series: dict[str, Series]) -> Series | None:
    """The run's token counter (the first of ``TOKEN_METRICS`` it logs with a finite value)."""
    for metric in TOKEN_METRICS:
        for candidate in series.values():
            if candidate.metric == metric and np.isfinite(candidate.values).any():
                return candidate
    return None


def epoch_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every finite ``(step, epoch)`` pair a run logged: its epoch column and epoch series."""
    steps = frame["step"].to_numpy(dtype=np.float64)
    epochs = frame["epoch"].to_numpy(dtype=np.float64)
    named = (frame["metric"] == "epoch").to_numpy(dtype=bool)  # on the codes: no 5M strings
    pair_steps = np.r_[steps[np.isfinite(epochs)], steps[named]]
    pair_epochs = np.r_[epochs[np.isfinite(epochs)], frame["value"].to_numpy()[named]]
    finite = np.isfinite(pair_epochs)
    return pair_steps[finite], pair_epochs[finite]


def epoch_map(frame: pd.DataFrame) -> tuple[StepMap | None, bool]:
    """Steps -> fractional epochs, and whether the log is epoch-indexed (step == epoch)."""
    pair_steps, pair_epochs = epoch_pairs(frame)
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
    scale = StepMap.from_pairs("epoch", "epoch", pair_steps, pair_epochs)
    if scale is not None and scale.slope >= 1.0 / 1.5:
        return None, True  # about one step per epoch
    return scale, False


def time_unit(seconds: float) -> tuple[str, float]:
    """The unit elapsed time reads best in for a run of ``seconds``: s, min, h or d."""
    return next((unit, size) for unit, size, above in TIME_UNITS if seconds > above)


def time_map(frame: pd.DataFrame) -> StepMap | None:
    """Steps -> elapsed wall time since the first point, in ``time_unit``'s unit."""
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
    unit, size = time_unit(span)
    scale = StepMap.from_pairs("time", f"elapsed time ({unit})", steps, (times - start) / size)
    if scale is not None:
        scale.unit = unit
    return scale


def _number(value: Any) -> float | None:
    if isinstance(value, dict) and "value" in value:  # W&B config entries
        value = value["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def batch_size(meta: dict, override: int | None) -> tuple[float | None, str]:
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


def _iteration_map(series: dict[str, Series]) -> StepMap | None:
    """Steps -> optimisation steps, from a logged counter (nanoGPT's ``iter`` under W&B's step)."""
    for metric in ITERATION_METRICS:
        found = series.get(series_name("", metric))
        if found is not None:
            scale = StepMap.from_pairs(metric, metric, found.steps, found.values)
            if scale is not None:
                return scale
    return None


@dataclass
class RunAxes:
    """Every x quantity a run's steps map to (``step`` always), by name."""

    maps: dict[str, StepMap]
    epoch_indexed: bool  # the step column counts epochs (Keras, YOLO)


def run_axes(frame: pd.DataFrame, series: dict[str, Series], meta: dict, source: str,
             batch: int | None = None) -> RunAxes:
    """The step maps of one run: epoch, examples, tokens and time when the log says."""
    epoch, epoch_indexed = epoch_map(frame) if len(frame) else (None, False)
    maps = {"step": identity("step", "epoch" if epoch_indexed else "step")}
    if epoch is not None:
        maps["epoch"] = epoch
    elif epoch_indexed:
        maps["epoch"] = identity("epoch", "epoch")
    tokens = token_series(series)
    if tokens is not None:
        found = StepMap.from_pairs("tokens", "tokens seen", tokens.steps, tokens.values)
        if found is not None:
            maps["tokens"] = found
    _examples(maps, series, meta, source, batch, epoch_indexed)
    time = time_map(frame) if len(frame) else None
    if time is not None:
        maps["time"] = time
    return RunAxes(maps, epoch_indexed)


def _examples(maps: dict[str, StepMap], series: dict[str, Series], meta: dict, source: str,
              batch_override: int | None, epoch_indexed: bool) -> None:
    """Examples seen (steps x batch size), and tokens (x block size) when none is logged."""
    batch, batch_source = batch_size(meta, batch_override)
    iteration, counter = _iteration_map(series), "steps"
    if iteration is not None:
        counter = iteration.name
    elif batch and (batch_override or source in STEP_IS_ITERATION):
        iteration = identity("step", "step")
    if not batch or iteration is None or epoch_indexed:
        return
    maps["examples"] = iteration.scaled(
        "examples", f"examples seen ({counter} × {batch_source})", batch)
    config = meta.get("config") if isinstance(meta.get("config"), dict) else {}
    block = _number(config.get("block_size"))
    if "tokens" not in maps and block:
        maps["tokens"] = iteration.scaled(
            "tokens", f"tokens seen ({counter} × {batch:g} × block {block:g})", batch * block)


# --------------------------------------------------------------------------- one grid


@dataclass
class Grid:
    """Several runs on one x grid: ``values`` holds a row per run."""

    x: np.ndarray
    values: np.ndarray
    start: float
    end: float

    @property
    def overlaps(self) -> bool:
        return self.start <= self.end


def common_grid(curves: Sequence[tuple[np.ndarray, np.ndarray]]) -> Grid:
    """Every curve ``(x, y)`` (x increasing, at least one point) on the overlapping range.

    The grid is every x any curve has from the latest first x to the earliest
    last one; each curve is interpolated onto it. Curves that do not overlap
    give an empty grid (``overlaps`` is False).
    """
    start = max(float(x[0]) for x, _ in curves)
    end = min(float(x[-1]) for x, _ in curves)
    inside = [x[(x >= start) & (x <= end)] for x, _ in curves]
    if all(np.array_equal(part, inside[0]) for part in inside[1:]):
        grid = inside[0]  # every run logged the same positions
    else:
        grid = np.unique(np.concatenate(inside))
    return Grid(grid, on_grid(curves, grid), start, end)


def on_grid(curves: Sequence[tuple[np.ndarray, np.ndarray]], grid: np.ndarray) -> np.ndarray:
    """Each curve linearly interpolated at ``grid``, a row per curve."""
    if not curves:
        return np.zeros((0, len(grid)))
    with np.errstate(invalid="ignore"):
        return np.vstack([np.interp(grid, x, y) for x, y in curves])


def band(values: np.ndarray, kind: str = "minmax") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The mean of the rows and a band around it: their min-max, or ± one standard deviation."""
    if kind not in BANDS:
        raise UsageError(f"unknown --band '{kind}'; use {' or '.join(BANDS)}")
    with np.errstate(invalid="ignore", over="ignore"):
        mean = values.mean(axis=0)
        if kind == "std":
            std = values.std(axis=0)
            return mean, mean - std, mean + std
        return mean, values.min(axis=0), values.max(axis=0)
