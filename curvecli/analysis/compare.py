"""Compare: a baseline against one or more candidates, series by series, with a CI verdict.

Groups. BASELINE is one path and every run found under it is one group (a
path holding several runs is a group of seeds; a path holding one run is a
group of one). Each CANDIDATE path is a group of its own, compared with the
baseline on its own; the overall verdict is the worst of the candidates'.

Series. ``--metric`` (repeatable) names the series to compare, resolved in
every run as ``diagnose`` resolves it (``val/loss``, ``eval_f1``,
``val/perplexity``). By default: the baseline's monitored series plus every
val curve metric (not runtimes and such), kept when every run of both groups
logs it.

Alignment. Each series is put on one axis (``--align``): ``step``; ``epoch``
(the epochs logged, interpolated from the run's (step, epoch) pairs where a
series has none); ``tokens`` (a logged token count such as HF's
``num_input_tokens_seen``, interpolated by step). The runs are compared on the
overlapping range, from the latest first point to the earliest last point over
every run of both groups, and the range is reported. Inside it every run is
linearly interpolated onto the union of every run's points (no sampling), so
runs of different lengths and logging frequencies meet on one grid.

Statistics, per run, on the aligned curve: ``final`` is the mean of the curve
over the last 5% of the overlapping range (``FINAL_FRACTION``; its integral
divided by its width, so it is the same whatever the logging frequency, and it
always ends at the last aligned point); ``best`` is the best value (by the
metric's direction) and its position; ``mean`` is the curve's mean over the
whole overlap (integral / width); ``step:N`` (or ``epoch:E``, ``tokens:T``,
matching ``--align``) is the interpolated value at N. A group's value is the
mean of its runs' values and its spread their sample standard deviation.
``reach_step`` is where the candidate first reaches the baseline's best (the
mean over each candidate run, when every run gets there within the overlap)
and ``speedup`` the baseline's best step divided by it.

Per-series verdict, on the ``--at`` statistic (default ``final``): a NaN or
infinite value is worse than any finite one. Otherwise the difference is
``same`` when it is within ``--tolerance`` (``2%`` is relative to the
baseline's value, ``0.01`` absolute; default ``1%``). With seeds (either side
with two runs or more) it must also pass a two-sided t-test at
``SIGNIFICANCE`` = 0.05 on the per-run values: Welch's unequal-variance
t-test when both sides have two runs or more; when one side is a single run
the other side's variance stands for both (``t = d / (s * sqrt(1/n_b +
1/n_c))`` with ``n - 1`` degrees of freedom). The p-value comes from the t
distribution through the regularised incomplete beta function (a continued
fraction), so scipy is not needed. The difference is then ``better`` or
``worse`` by the metric's direction (``series.lower_is_better``).

Forecast. A candidate whose runs all stop before 90% of the baseline's steps (still
training, or stopped early) is forecast to the baseline's last step (``forecast_shorter``);
the forecast and the probability that the candidate ends better than the baseline's own
final value are reported beside the verdict, which stays on the data both sides logged.

Diagnosis. Every run is diagnosed as ``curvecli diagnose`` would. The
diagnosis makes a candidate a regression, even if its numbers look fine,
only when the difference is real, not noise flipping one seed between
neighbouring regimes: (1) a candidate run is ``HARD_VERDICTS`` (diverging,
or its loss turned non-finite) while no baseline run is; or (2) more than
half of the candidate's runs are ``SOFT_VERDICTS`` (overfitting, erratic)
while none of the baseline's runs is, and, for a candidate of one run,
that verdict's confidence is at least ``SINGLE_RUN_CONFIDENCE``. The
reverse, with the sides swapped, counts as an improvement.

A candidate's verdict is ``regression`` if a series is worse or its diagnosis
regressed, else ``improvement`` if a series is better or its diagnosis
improved, else ``same``. The overall verdict is ``regression`` if any
candidate regressed, else ``improvement`` if any improved, else ``same``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from curvecli.analysis import robust
from curvecli.analysis.axes import TOKEN_METRICS, Grid, band, common_grid, lookup, token_series
from curvecli.analysis.diagnose import diagnose_run
from curvecli.analysis.report import RunReport, _plain
from curvecli.analysis.series import (
    Series,
    extract,
    lower_is_better,
    monitored_candidates,
    resolve_name,
)
from curvecli.errors import LIST_SHOWN, UsageError
from curvecli.frame import RunLog
from curvecli.names import is_curve_metric

DEFAULT_TOLERANCE = "1%"
DEFAULT_AT = "final"
AXES = ("step", "epoch", "tokens")
FINAL_FRACTION = 0.05  # ``final`` is the mean over this share of the overlap's end
SIGNIFICANCE = 0.05  # two-sided alpha of the t-test on seed groups
HARD_VERDICTS = ("diverging",)  # and a non-finite train/monitored series
SOFT_VERDICTS = ("overfitting", "erratic")
SINGLE_RUN_CONFIDENCE = 0.8
VERDICTS = ("regression", "improvement", "same")
# An overlap shorter than this share of a run's own range earns a warning.
SHORT_OVERLAP = 0.5
SHORTER_THAN = 0.9  # a candidate ending before 90% of the baseline's steps is forecast on
_TOLERANCE = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%?)\s*$")


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Tolerance:
    """How far apart two values may be and still be the same."""

    value: float
    relative: bool

    def __str__(self) -> str:
        return f"{self.value * 100:g}%" if self.relative else f"{self.value:g}"

    def allows(self, baseline: float, delta: float) -> bool:
        limit = self.value * abs(baseline) if self.relative else self.value
        return abs(delta) <= limit


def parse_tolerance(text: str | Tolerance) -> Tolerance:
    """``2%`` (relative to the baseline's value) or ``0.01`` (absolute)."""
    if isinstance(text, Tolerance):
        return text
    match = _TOLERANCE.match(str(text))
    if not match:
        raise UsageError(f"bad --tolerance '{text}'; use a relative '2%' or an absolute '0.01'")
    number = float(match.group(1))
    return Tolerance(number / 100.0, True) if match.group(2) else Tolerance(number, False)


@dataclass(frozen=True)
class At:
    """The statistic a series is judged on: ``final``, ``best`` or a position on the axis."""

    kind: str  # final | best | point
    position: float | None = None
    label: str = DEFAULT_AT


def parse_at(text: str, axis: str) -> At:
    text = text.strip()
    if text in ("final", "best", "mean"):
        return At(text, None, text)
    prefix, _, number = text.partition(":")
    if prefix in AXES and number:
        try:
            position = float(number)
        except ValueError:
            position = math.nan
        if not math.isfinite(position):
            raise UsageError(f"bad --at '{text}': '{number}' is not a number")
        if prefix != axis:
            raise UsageError(f"--at {text} is a position on the {prefix} axis but the runs are "
                             f"aligned on {axis}", hint=f"add --align {prefix}")
        return At("point", position, f"{prefix}:{number}")
    raise UsageError(f"bad --at '{text}'; use final, best, mean or {axis}:N")


# --------------------------------------------------------------------------- results


@dataclass
class Group:
    """A baseline or candidate: the runs read from one path (seeds when there are several)."""

    label: str
    runs: list[RunLog]


@dataclass
class TestResult:
    """A two-sided t-test on the per-run values of the judged statistic."""

    name: str  # welch_t | t_one_run
    t: float
    df: float
    p_value: float
    alpha: float = SIGNIFICANCE

    @property
    def significant(self) -> bool:
        return self.p_value < self.alpha

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "t": _plain(self.t), "df": _plain(self.df),
                "p_value": _plain(self.p_value), "alpha": self.alpha,
                "significant": self.significant}


@dataclass
class Side:
    """One group's statistics for one series (group value = mean over its runs)."""

    group: str
    runs: list[str]
    value: float  # the judged (--at) statistic
    spread: float | None  # its sample standard deviation over the runs (None for one run)
    per_run: list[float]
    final: float
    best: float
    best_step: float | None
    mean: float

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "runs": len(self.runs), "value": _plain(self.value),
                "spread": _plain(self.spread), "per_run": _plain(self.per_run),
                "final": _plain(self.final), "best": _plain(self.best),
                "best_step": _plain(self.best_step), "mean": _plain(self.mean)}


@dataclass
class Delta:
    """candidate - baseline, and that relative to the baseline's magnitude."""

    absolute: float
    relative: float

    def to_dict(self) -> dict[str, Any]:
        return {"absolute": _plain(self.absolute), "relative": _plain(self.relative)}


@dataclass
class SeriesComparison:
    """One series of one candidate against the baseline."""

    series: str
    lower_is_better: bool
    axis: str
    start: float
    end: float
    points: int  # aligned points in the overlap (every point of every run there)
    statistic: str
    baseline: Side
    candidate: Side
    delta: Delta  # of the judged statistic
    deltas: dict[str, Delta]  # of final, best and mean
    reach_step: float | None
    speedup: float | None
    test: TestResult | None
    verdict: str  # better | worse | same
    reason: str
    forecast: dict[str, Any] | None = None  # a shorter candidate forecast to the baseline's end
    # The aligned group-mean curves and, for seed groups, their runs' min-max band, for plots
    # (not part of the JSON).
    grid: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    baseline_curve: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    candidate_curve: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    baseline_band: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    candidate_band: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    @property
    def direction(self) -> str:
        return "lower_is_better" if self.lower_is_better else "higher_is_better"

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "direction": self.direction,
            "statistic": self.statistic,
            "range": {"axis": self.axis, "start": _plain(self.start), "end": _plain(self.end),
                      "points": self.points},
            "baseline": self.baseline.to_dict(),
            "candidate": self.candidate.to_dict(),
            "delta": self.delta.to_dict(),
            "deltas": {name: delta.to_dict() for name, delta in self.deltas.items()},
            "reach_step": _plain(self.reach_step),
            "speedup": _plain(self.speedup),
            "test": self.test.to_dict() if self.test else None,
            "verdict": self.verdict,
            "reason": self.reason,
            "forecast": _plain(self.forecast),
        }


@dataclass
class RunVerdict:
    """A run's diagnosis, as shown beside the comparison."""

    run: str
    source: str
    verdict: str
    monitored: str | None
    confidence: float | None = None
    non_finite: bool = False  # the train loss or the monitored series turned NaN/inf

    @classmethod
    def of(cls, report: RunReport) -> "RunVerdict":
        non_finite = any(f.code == "non_finite" and f.severity == "error" for f in report.findings)
        return cls(report.run, report.source, report.verdict, report.monitored,
                   report.confidence, non_finite)

    @property
    def hard(self) -> bool:
        """Diverged or turned non-finite: a failure whatever the noise."""
        return self.verdict in HARD_VERDICTS or self.non_finite

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.run, "source": self.source, "verdict": self.verdict,
                "confidence": self.confidence, "monitored": self.monitored}


@dataclass
class CandidateResult:
    """One candidate group against the baseline."""

    group: str
    runs: list[RunVerdict]
    series: list[SeriesComparison]
    verdict: str
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "verdict": self.verdict, "reasons": list(self.reasons),
                "runs": [run.to_dict() for run in self.runs]}


@dataclass
class Comparison:
    """Everything ``compare`` found; every renderer takes this."""

    baseline: str
    baseline_runs: list[RunVerdict]
    candidates: list[CandidateResult]
    verdict: str
    statistic: str
    tolerance: Tolerance
    axis: str
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        metrics = []
        for candidate in self.candidates:
            metrics.extend(series.to_dict() for series in candidate.series)
        return {
            "verdict": self.verdict,
            "statistic": self.statistic,
            "tolerance": {"value": _plain(self.tolerance.value),
                          "relative": self.tolerance.relative, "text": str(self.tolerance)},
            "align": self.axis,
            "alpha": SIGNIFICANCE,
            "baseline": {"group": self.baseline,
                         "runs": [run.to_dict() for run in self.baseline_runs]},
            "candidates": [candidate.to_dict() for candidate in self.candidates],
            "metrics": metrics,
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- statistics


def _continued_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        for numerator in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                          -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            break
    return h


def regularized_incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the regularised incomplete beta function, for 0 <= x <= 1 and a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(1.0 - x, b, a) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with ``df`` degrees of freedom."""
    if math.isnan(t) or not df > 0:
        return math.nan
    if math.isinf(t):
        return 0.0
    return min(1.0, max(0.0, regularized_incomplete_beta(df / (df + t * t), df / 2.0, 0.5)))


def t_test(baseline: list[float], candidate: list[float],
           alpha: float = SIGNIFICANCE) -> TestResult | None:
    """Welch's t-test, or the one-run variant when one side has a single run; None for 1 vs 1."""
    base, cand = np.asarray(baseline, dtype=float), np.asarray(candidate, dtype=float)
    n_base, n_cand = len(base), len(cand)
    if max(n_base, n_cand) < 2 or not (np.isfinite(base).all() and np.isfinite(cand).all()):
        return None
    difference = float(cand.mean() - base.mean())
    if n_base >= 2 and n_cand >= 2:
        name = "welch_t"
        var_base, var_cand = base.var(ddof=1) / n_base, cand.var(ddof=1) / n_cand
        se2 = var_base + var_cand
        denominator = (var_base ** 2 / (n_base - 1) + var_cand ** 2 / (n_cand - 1))
        df = se2 ** 2 / denominator if denominator > 0 else float(n_base + n_cand - 2)
    else:
        name = "t_one_run"
        several = base if n_base >= 2 else cand
        se2 = float(several.var(ddof=1)) * (1.0 / n_base + 1.0 / n_cand)
        df = float(len(several) - 1)
    if se2 <= 0.0:
        # No seed noise at all: any difference is real, none is none.
        t = 0.0 if difference == 0.0 else math.copysign(math.inf, difference)
        return TestResult(name, t, float(df), 1.0 if difference == 0.0 else 0.0, alpha)
    t = difference / math.sqrt(se2)
    return TestResult(name, t, float(df), t_two_sided_p(t, float(df)), alpha)


def _mean(values: np.ndarray) -> float:
    with np.errstate(invalid="ignore", over="ignore"):
        return float(np.mean(values)) if len(values) else math.nan


def _spread(values: np.ndarray) -> float | None:
    if len(values) < 2 or not np.isfinite(values).all():
        return None
    return float(np.std(values, ddof=1))


def _delta(baseline: float, candidate: float) -> Delta:
    if not (math.isfinite(baseline) and math.isfinite(candidate)):
        return Delta(math.nan, math.nan)
    absolute = candidate - baseline
    relative = absolute / abs(baseline) if baseline != 0 else (0.0 if absolute == 0 else math.nan)
    return Delta(absolute, relative)


def _integral_mean(grid: np.ndarray, curves: np.ndarray) -> np.ndarray:
    """Each row's trapezoid integral over ``grid`` divided by the width (the point for width 0)."""
    if len(grid) < 2 or grid[-1] == grid[0]:
        return curves[:, -1].copy()
    with np.errstate(invalid="ignore", over="ignore"):
        areas = ((curves[:, 1:] + curves[:, :-1]) * np.diff(grid)).sum(axis=1) / 2.0
        return areas / (grid[-1] - grid[0])


# --------------------------------------------------------------------------- alignment


@dataclass
class _Curve:
    run: str
    x: np.ndarray
    y: np.ndarray


class _Runs:
    """Each run's series (extracted once) and its axis mapping."""

    def __init__(self, axis: str):
        self.axis = axis
        self._series: dict[int, dict[str, Series]] = {}
        self._epoch_maps: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def series(self, log: RunLog) -> dict[str, Series]:
        key = id(log)
        if key not in self._series:
            self._series[key] = extract(log.frame)
        return self._series[key]

    def positions(self, log: RunLog, series: Series) -> np.ndarray:
        """The series' points on the axis (NaN where the axis is unknown)."""
        steps = series.steps.astype(np.float64)
        if self.axis == "step":
            return steps
        if self.axis == "epoch":
            epochs = series.epochs.copy()
            missing = ~np.isfinite(epochs)
            if missing.any():
                known_steps, known_epochs = self._epochs(log)
                epochs[missing] = lookup(known_steps, known_epochs, steps[missing])
            return epochs
        tokens = self._token_series(log)
        return lookup(tokens.steps, tokens.values, steps)

    def _epochs(self, log: RunLog) -> tuple[np.ndarray, np.ndarray]:
        """Every (step, epoch) pair the run logged, for series that carry no epoch."""
        key = id(log)
        if key not in self._epoch_maps:
            epochs = log.frame["epoch"].to_numpy()
            known = np.isfinite(epochs)
            if not known.any():
                raise UsageError(f"run '{log.run}' logs no epochs; cannot --align epoch",
                                 hint="use --align step")
            self._epoch_maps[key] = (log.frame["step"].to_numpy()[known], epochs[known])
        return self._epoch_maps[key]

    def _token_series(self, log: RunLog) -> Series:
        found = token_series(self.series(log))
        if found is None:
            raise UsageError(f"run '{log.run}' logs no token count "
                             f"({', '.join(TOKEN_METRICS[:3])}...); cannot --align tokens",
                             hint="use --align step or epoch")
        return found


def _curve(runs: _Runs, log: RunLog, name: str, warnings: list[str]) -> _Curve:
    series = resolve_name(runs.series(log), name)
    x = runs.positions(log, series)
    y = series.values
    known = np.isfinite(x)
    if not known.all():
        warnings.append(f"{log.run}: {int((~known).sum())} point(s) of {series.name} have no "
                        f"{runs.axis} and are left out")
        x, y = x[known], y[known]
    if len(x) > 1 and not (np.diff(x) > 0).all():
        # An axis that repeats (rounded epochs): one point per position, the last one written.
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        keep = np.ones(len(x), dtype=bool)
        keep[:-1] = x[1:] != x[:-1]
        x, y = x[keep], y[keep]
    return _Curve(log.run, x, y)


@dataclass
class _Aligned:
    grid: np.ndarray
    baseline: np.ndarray  # runs x grid
    candidate: np.ndarray
    start: float
    end: float


def _align(name: str, base: list[_Curve], cand: list[_Curve], axis: str,
           warnings: list[str]) -> _Aligned:
    """Every run of both groups on one grid (``axes.common_grid``), or a UsageError."""
    curves = base + cand
    empty = [curve.run for curve in curves if not len(curve.x)]
    if empty:
        raise UsageError(f"{name}: run '{empty[0]}' has no point on the {axis} axis")
    grid: Grid = common_grid([(curve.x, curve.y) for curve in curves])
    start, end = grid.start, grid.end
    if not grid.overlaps:
        spans = ", ".join(f"{c.run} {c.x[0]:g}..{c.x[-1]:g}" for c in curves)
        raise UsageError(f"{name}: the runs do not overlap on the {axis} axis ({spans})",
                         hint="compare runs that cover a common range, or use --align epoch")
    for curve in curves:
        width = float(curve.x[-1] - curve.x[0])
        if width > 0 and (end - start) < SHORT_OVERLAP * width:
            warnings.append(f"{name}: compared on {axis} {start:g}..{end:g} only, "
                            f"{(end - start) / width:.0%} of run '{curve.run}' "
                            f"({curve.x[0]:g}..{curve.x[-1]:g})")
    return _Aligned(grid.x, grid.values[:len(base)], grid.values[len(base):], start, end)


# --------------------------------------------------------------------------- per series


@dataclass
class _Stats:
    final: np.ndarray
    best: np.ndarray
    best_at: np.ndarray
    mean: np.ndarray
    judged: np.ndarray


def _run_stats(aligned: _Aligned, curves: np.ndarray, raw: list[_Curve], at: At,
               lower: bool) -> _Stats:
    grid = aligned.grid
    mean = _integral_mean(grid, curves)
    window_start = aligned.end - FINAL_FRACTION * (aligned.end - aligned.start)
    inside = grid > window_start
    if window_start > aligned.start:
        first = np.array([[np.interp(window_start, curve.x, curve.y)] for curve in raw])
        window = np.concatenate([[window_start], grid[inside]])
        final = _integral_mean(window, np.hstack([first, curves[:, inside]]))
    else:  # a zero-width overlap: the one shared point
        final = curves[:, -1].copy()
    finite = np.isfinite(curves)
    masked = np.where(finite, curves, np.inf if lower else -np.inf)
    index = np.argmin(masked, axis=1) if lower else np.argmax(masked, axis=1)
    rows = np.arange(len(curves))
    any_finite = finite.any(axis=1)
    best = np.where(any_finite, curves[rows, index], np.nan)
    best_at = np.where(any_finite, grid[index], np.nan)
    if at.kind == "final":
        judged = final
    elif at.kind == "best":
        judged = best
    elif at.kind == "mean":
        judged = mean
    else:
        judged = np.array([np.interp(at.position, curve.x, curve.y) for curve in raw])
    return _Stats(final, best, best_at, mean, judged)


def _side(group: Group, curves: list[_Curve], stats: _Stats) -> Side:
    best_at = stats.best_at[np.isfinite(stats.best_at)]
    return Side(
        group=group.label,
        runs=[curve.run for curve in curves],
        value=_mean(stats.judged),
        spread=_spread(stats.judged),
        per_run=[float(value) for value in stats.judged],
        final=_mean(stats.final),
        best=_mean(stats.best),
        best_step=float(best_at.mean()) if len(best_at) == len(stats.best_at) else None,
        mean=_mean(stats.mean),
    )


def _reach(grid: np.ndarray, curves: np.ndarray, target: float, lower: bool) -> float | None:
    """Mean over the runs of where each first reaches ``target`` (None if one never does)."""
    if not math.isfinite(target):
        return None
    with np.errstate(invalid="ignore"):
        reached = (curves <= target) if lower else (curves >= target)
    reached &= np.isfinite(curves)
    if not reached.any(axis=1).all():
        return None
    return float(grid[np.argmax(reached, axis=1)].mean())


def _judge(base: Side, cand: Side, lower: bool, tolerance: Tolerance,
           test: TestResult | None) -> tuple[str, str]:
    b, c = base.value, cand.value
    b_ok, c_ok = math.isfinite(b), math.isfinite(c)
    if not (b_ok and c_ok):
        if b_ok == c_ok:
            return "same", "non-finite on both sides"
        if b_ok:
            return "worse", "the candidate is NaN/inf"
        return "better", "the baseline is NaN/inf"
    delta = c - b
    if tolerance.allows(b, delta):
        return "same", f"within tolerance {tolerance}"
    if test is not None and not test.significant:
        return "same", f"within seed noise ({test.name} p={test.p_value:.3g} >= {test.alpha:g})"
    improved = delta < 0 if lower else delta > 0
    noise = f", {test.name} p={test.p_value:.3g}" if test is not None else ""
    return ("better" if improved else "worse"), f"beyond tolerance {tolerance}{noise}"


def compare_series(name: str, baseline: Group, candidate: Group, runs: _Runs, at: At,
                   tolerance: Tolerance, warnings: list[str]) -> SeriesComparison:
    """One series: align every run of both groups, compute the statistics, judge."""
    base_curves = [_curve(runs, log, name, warnings) for log in baseline.runs]
    cand_curves = [_curve(runs, log, name, warnings) for log in candidate.runs]
    display = resolve_name(runs.series(baseline.runs[0]), name)
    lower = lower_is_better(display.metric)
    aligned = _align(display.name, base_curves, cand_curves, runs.axis, warnings)
    if at.kind == "point" and not aligned.start <= at.position <= aligned.end:
        raise UsageError(f"--at {at.label} is outside the range where every run has "
                         f"{display.name}: {runs.axis} {aligned.start:g}..{aligned.end:g}")
    base_stats = _run_stats(aligned, aligned.baseline, base_curves, at, lower)
    cand_stats = _run_stats(aligned, aligned.candidate, cand_curves, at, lower)
    base_side = _side(baseline, base_curves, base_stats)
    cand_side = _side(candidate, cand_curves, cand_stats)
    test = t_test(base_side.per_run, cand_side.per_run)
    verdict, reason = _judge(base_side, cand_side, lower, tolerance, test)
    reach = _reach(aligned.grid, aligned.candidate, base_side.best, lower)
    speedup = None
    if reach is not None and reach > 0 and base_side.best_step is not None:
        speedup = base_side.best_step / reach
    baseline_curve, *baseline_band = band(aligned.baseline)
    candidate_curve, *candidate_band = band(aligned.candidate)
    return SeriesComparison(
        series=display.name, lower_is_better=lower, axis=runs.axis, start=aligned.start,
        end=aligned.end, points=len(aligned.grid), statistic=at.label,
        baseline=base_side, candidate=cand_side,
        delta=_delta(base_side.value, cand_side.value),
        deltas={"final": _delta(base_side.final, cand_side.final),
                "best": _delta(base_side.best, cand_side.best),
                "mean": _delta(base_side.mean, cand_side.mean)},
        reach_step=reach, speedup=speedup, test=test, verdict=verdict, reason=reason,
        forecast=forecast_shorter(base_curves, cand_curves, lower, runs.axis),
        grid=aligned.grid, baseline_curve=baseline_curve, candidate_curve=candidate_curve,
        baseline_band=tuple(baseline_band) if len(aligned.baseline) > 1 else None,
        candidate_band=tuple(candidate_band) if len(aligned.candidate) > 1 else None)


def _baseline_final(curve: _Curve) -> float:
    """A run's own final value: the mean of its finite points in the last ``FINAL_FRACTION``
    of its range (at least its last point)."""
    finite = np.isfinite(curve.y)
    x, y = curve.x[finite], curve.y[finite]
    if not len(y):
        return math.nan
    window = y[x >= x[-1] - FINAL_FRACTION * (x[-1] - x[0])]
    return float(np.mean(window))


def forecast_shorter(base: list[_Curve], cand: list[_Curve], lower: bool,
                     axis: str) -> dict[str, Any] | None:
    """Where a candidate that stopped early would end: when every candidate run ends before
    ``SHORTER_THAN`` of the baseline runs' last step (on the step axis), each is forecast
    (``analysis.forecast``) to that step; the group's forecast is the mean of its runs', and
    ``p_better`` the mean probability that a run ends better than the baseline's own final
    value (the mean over its runs of their last ``FINAL_FRACTION``). None when the
    candidate is not shorter or no run could be forecast. The verdict stays on the data."""
    if axis != "step" or not base or not cand:
        return None
    base_end = float(np.mean([curve.x[-1] for curve in base]))
    if max(curve.x[-1] for curve in cand) >= SHORTER_THAN * base_end:
        return None
    from curvecli.analysis.forecast import forecast_curve, p_beat_value

    target = float(np.mean([_baseline_final(curve) for curve in base]))
    fitted = [forecast_curve(curve.x, curve.y, int(round(base_end)), lower_is_better=lower)
              for curve in cand]
    fitted = [fit for fit in fitted if fit.predicted is not None]
    if not fitted or not math.isfinite(target):
        return None
    chances = [p_beat_value(fit, target, lower) for fit in fitted]
    return {"to_step": int(round(base_end)), "runs": len(fitted),
            "predicted": float(np.mean([fit.predicted for fit in fitted])),
            "low": float(np.mean([fit.low for fit in fitted])),
            "high": float(np.mean([fit.high for fit in fitted])),
            "baseline_final": target,
            "p_better": float(np.mean([c for c in chances if c is not None]))}


def _forecast_reason(item: SeriesComparison) -> str | None:
    found = item.forecast
    if not found:
        return None
    return (f"{item.series}: the candidate stopped at step {item.end:,.0f}; forecast at the "
            f"baseline's step {found['to_step']:,}: {_number(found['predicted'])} "
            f"({_number(found['low'])}..{_number(found['high'])}), P(better than the "
            f"baseline's final {_number(found['baseline_final'])}) = {found['p_better']:.2f}")


# --------------------------------------------------------------------------- groups


def default_series(baseline: Group, candidate: Group, runs: _Runs,
                   warnings: list[str]) -> list[str]:
    """The baseline's monitored series and every val curve metric that every run logs."""
    first = runs.series(baseline.runs[0])
    wanted = [series.name for series in monitored_candidates(first)]
    wanted += [name for name, series in first.items()
               if series.split == "val" and is_curve_metric(series.metric) and name not in wanted]
    everywhere = [name for name in wanted
                  if all(name in runs.series(log) for log in baseline.runs + candidate.runs)]
    for name in wanted:
        if name not in everywhere:
            missing = [log.run for log in baseline.runs + candidate.runs
                       if name not in runs.series(log)]
            warnings.append(f"{name} not compared: not logged by {', '.join(missing[:3])}")
    if not everywhere:
        raise UsageError(f"no series to compare: '{baseline.label}' and '{candidate.label}' "
                         f"share none of {', '.join(wanted) or 'their series'}",
                         hint="pass --metric with a series both log")
    return everywhere


def _diagnosis_change(base: list[RunVerdict],
                      cand: list[RunVerdict]) -> tuple[list[str], list[str]]:
    """Reasons for a regression and for an improvement from the runs' diagnoses."""
    return _diagnosis_worse(base, cand, "candidate"), _diagnosis_worse(cand, base, "baseline")


def _diagnosis_worse(reference: list[RunVerdict], other: list[RunVerdict],
                     side: str) -> list[str]:
    """Why ``other``'s diagnoses are really worse than ``reference``'s (see the module
    docstring), one reason per cause; empty when they are not."""
    reasons = []
    if not any(run.hard for run in reference):
        reasons += [f"diagnosis: {side} run '{run.run}' is "
                    f"{run.verdict if run.verdict in HARD_VERDICTS else 'non-finite'} "
                    f"and no {'baseline' if side == 'candidate' else 'candidate'} run is"
                    for run in other if run.hard]
    soft = [run for run in other if run.verdict in SOFT_VERDICTS and not run.hard]
    reference_clean = not any(run.verdict in SOFT_VERDICTS for run in reference)
    sure = len(other) > 1 or all((run.confidence or 0.0) >= SINGLE_RUN_CONFIDENCE
                                 for run in soft)
    if reference_clean and soft and len(soft) > len(other) / 2 and sure:
        verdicts = ", ".join(sorted({run.verdict for run in soft}))
        reasons.append(f"diagnosis: {len(soft)} of {len(other)} {side} run(s) "
                       f"{'is' if len(soft) == 1 else 'are'} {verdicts} "
                       f"({', '.join(run.run for run in soft[:3])}) and none of the other side's")
    return reasons


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return "NaN" if math.isnan(value) else f"{value:.4g}"


def _series_reason(item: SeriesComparison) -> str:
    relative = item.delta.relative
    change = f" ({relative:+.1%})" if math.isfinite(relative) else ""
    return (f"{item.series} {item.verdict}: {item.statistic} {_number(item.baseline.value)} -> "
            f"{_number(item.candidate.value)}{change}, {item.reason}")


@robust.saturating
def _readable(group: Group, warnings: list[str]) -> Group:
    """The group without its runs that gave no points (each named in a warning); a group
    left with none is an error naming what went wrong with its runs."""
    empty = [log for log in group.runs if not log.points]
    reasons = [f"{log.run}: {log.why_empty}" for log in empty]
    if len(empty) == len(group.runs):
        detail = f": {'; '.join(reasons[:LIST_SHOWN])}" if reasons else ""
        raise UsageError(f"no readable run in '{group.label}'{detail}")
    warnings.extend(f"{reason}; left out of the comparison" for reason in reasons)
    return Group(group.label, [log for log in group.runs if log.points]) if empty else group


def compare(baseline: Group, candidates: list[Group], metrics: list[str] | None = None,
            at: str = DEFAULT_AT, tolerance: str | Tolerance = DEFAULT_TOLERANCE,
            align: str = "step") -> Comparison:
    """Compare every candidate group with the baseline group (see the module docstring)."""
    if align not in AXES:
        raise UsageError(f"unknown --align '{align}'; use step, epoch or tokens")
    at_spec = parse_at(at, align)
    tolerance = parse_tolerance(tolerance)
    if not candidates:
        raise UsageError("nothing to compare: give a CANDIDATE path after the BASELINE")
    warnings: list[str] = []
    baseline, candidates = _readable(baseline, warnings), \
        [_readable(group, warnings) for group in candidates]
    runs = _Runs(align)
    unique: dict[int, RunLog] = {}
    for group in [baseline, *candidates]:
        for log in group.runs:
            unique.setdefault(id(log), log)
    reports = {key: diagnose_run(log, series=runs.series(log)) for key, log in unique.items()}
    baseline_runs = [RunVerdict.of(reports[id(log)]) for log in baseline.runs]

    results = []
    for candidate in candidates:
        names = metrics or default_series(baseline, candidate, runs, warnings)
        seen: set[str] = set()
        compared = []
        for name in names:
            item = compare_series(name, baseline, candidate, runs, at_spec, tolerance, warnings)
            if item.series not in seen:
                seen.add(item.series)
                compared.append(item)
        candidate_runs = [RunVerdict.of(reports[id(log)]) for log in candidate.runs]
        diagnosis_worse, diagnosis_better = _diagnosis_change(baseline_runs, candidate_runs)
        worse = [_series_reason(item) for item in compared if item.verdict == "worse"]
        better = [_series_reason(item) for item in compared if item.verdict == "better"]
        if worse or diagnosis_worse:
            verdict, reasons = "regression", worse + diagnosis_worse
        elif better or diagnosis_better:
            verdict, reasons = "improvement", better + diagnosis_better
        else:
            verdict, reasons = "same", []
        reasons += [reason for reason in map(_forecast_reason, compared) if reason]
        results.append(CandidateResult(candidate.label, candidate_runs, compared, verdict, reasons))

    verdicts = {result.verdict for result in results}
    overall = next(code for code in VERDICTS if code in verdicts)
    return Comparison(baseline.label, baseline_runs, results, overall, at_spec.label, tolerance,
                      align, warnings)
