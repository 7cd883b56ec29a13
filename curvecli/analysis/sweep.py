"""A sweep: the leaderboard, which hyper-parameters mattered, and runs that behaved alike.

The sweep's metric is the series ``diagnose`` judges in most runs (``--metric``
overrides; a tie goes to the first run's). Every run is diagnosed as ``diagnose`` would.

Unrelated runs: without ``--metric``, when fewer than ``SHARED_SHARE`` of the runs log
the sweep's metric or log the same set of curves (``_unrelated``), the runs are not a
sweep: nothing is ranked and ``reason`` says why.

Leaderboard: runs ranked by the best value of the metric (by its direction). A run
ranks last, with its reason, when it does not log the metric, when the metric has no
finite point or ends non-finite, or when ``diagnose`` says it diverged; among those, the
order is by best value too. ``final`` is the last finite value (NaN when the metric ends
non-finite).

Hyper-parameters: ``curvecli.hparams.run_hparams`` (what the runs store), joined with a
``--hparams`` table: a CSV whose column ``run`` (or ``run_id``, ``name``, or else its first
column) holds run ids; a row matches a run by its id or by the id's last part (the run's
folder name). The table's values win over what the run stores.

Importance: ``curvecli.analysis.importance`` on the best value of every run that logs the
metric (NaN, the worst, for those that rank last: diverged or non-finite). Clusters:
``curvecli.analysis.clusters`` on every run's metric curve; each cluster is described by
its members' verdicts and by the hyper-parameter rule that best tells its members from
the other runs (``_distinguishing``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from curvecli.analysis.diagnose import best_point, diagnose_run
from curvecli.analysis.report import RunReport, format_number
from curvecli.analysis.series import Series, extract, monitored_candidates, resolve_name
from curvecli.errors import MissingSeriesError, UsageError, short_list
from curvecli.frame import RunLog
from curvecli.names import is_curve_metric

JSON_VERSION = 1
RUN_KEYS = ("run", "run_id", "name")  # the --hparams column that names the run, first found
# How a cluster's members behaved, from their verdicts.
VERDICT_PHRASES = {
    "healthy": "learned and levelled off", "still_improving": "still improving at the end",
    "overfitting": "overfitted after their best", "underfitting": "learned little",
    "diverging": "diverged", "erratic": "erratic", "loss_spike": "had loss spikes",
    "insufficient_data": "too short to judge"}
RULE_MIN_PURITY = 0.8  # a hyper-parameter rule names a cluster when >= 80% of the runs it
RULE_MIN_RECALL = 0.6  # selects are members and it selects >= 60% of the members
MAJORITY = 0.5  # a verdict named alone when more than half the members have it
SHARED_SHARE = 0.5  # without --metric, the sweep's metric must be logged by half the runs,
#                     else the runs are unrelated and are not ranked against each other


@dataclass
class SweepRun:
    """One row of the leaderboard."""

    run: str
    rank: int = 0
    series: str | None = None
    best_step: int | None = None
    best_value: float | None = None
    final: float | None = None
    verdict: str = "insufficient_data"
    confidence: float | None = None
    wasted: float | None = None
    hparams: dict[str, Any] = field(default_factory=dict)
    cluster: int | None = None
    reason: str | None = None  # why the run ranks last

    def to_json(self) -> dict:
        best = None if self.best_step is None else {"step": self.best_step,
                                                    "value": _number(self.best_value)}
        return {"run": self.run, "rank": self.rank, "best": best, "final": _number(self.final),
                "verdict": self.verdict, "confidence": _number(self.confidence),
                "wasted": _number(self.wasted), "hparams": self.hparams,
                "cluster": self.cluster, "reason": self.reason}


@dataclass
class ClusterSummary:
    id: int
    runs: list[str]
    description: str
    typical: str

    def to_json(self) -> dict:
        return {"id": self.id, "runs": self.runs, "description": self.description,
                "typical": self.typical}


@dataclass
class SweepResult:
    """Everything ``sweep`` found; every renderer takes this."""

    metric: str
    lower_is_better: bool
    runs: list[SweepRun]
    importance: Any = None  # importance.ImportanceResult
    clustering: Any = None  # clusters.Clustering
    clusters: list[ClusterSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    curves: dict[str, Series] = field(default_factory=dict, repr=False)  # for plots
    reason: str | None = None  # why the runs were not ranked (they share no metric)

    @property
    def direction(self) -> str:
        return "lower_is_better" if self.lower_is_better else "higher_is_better"

    def to_json(self, top: int | None = None) -> dict:
        importance = self.importance
        return {
            "version": JSON_VERSION, "metric": self.metric, "direction": self.direction,
            "reason": self.reason,
            "runs": [run.to_json() for run in self.runs[:top]],
            "hparams": [{"name": item.name, "importance": _number(item.importance),
                         "direction": item.direction, "best": item.best, "kind": item.kind}
                        for item in (importance.hparams if importance else [])],
            "hparams_reason": importance.reason if importance else "no hyper-parameters found",
            "hparams_skipped": dict(importance.skipped) if importance else {},
            "clusters": [cluster.to_json() for cluster in self.clusters],
            "clusters_reason": self.clustering.reason if self.clustering else None,
        }


def _number(value: Any) -> Any:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------- hparams table


def read_hparams_table(path: Path) -> dict[str, dict[str, Any]]:
    """``--hparams FILE.csv``: run id -> its row (numbers as numbers, empty cells left out)."""
    import pandas as pd

    try:
        table = pd.read_csv(path)
    except (OSError, ValueError) as error:
        raise UsageError(f"--hparams: cannot read the table: {error}", path) from None
    if table.empty or len(table.columns) < 2:
        raise UsageError("--hparams: the table needs a run column and at least one "
                         "hyper-parameter column", path)
    key = next((c for c in table.columns if str(c).lower() in RUN_KEYS), table.columns[0])
    rows: dict[str, dict[str, Any]] = {}
    for record in table.to_dict("records"):
        run = str(record.pop(key))
        rows[run] = {str(name): _cell(value) for name, value in record.items()
                     if not (isinstance(value, float) and math.isnan(value))}
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def _table_row(table: dict[str, dict[str, Any]], run: str) -> dict[str, Any]:
    if run in table:
        return table[run]
    last = run.rstrip("/").rsplit("/", 1)[-1]
    return table.get(last, {})


# --------------------------------------------------------------------------- per run


@dataclass
class _Read:
    log: RunLog
    series: dict[str, Series]
    report: RunReport


def _metric_of(runs: list[_Read], metric: str | None) -> str:
    """``--metric``, else the series diagnose judged in most runs (in runs too short to be
    judged, such as a runs table's one summary value each, the one it would judge)."""
    if metric:
        return metric
    counts = Counter(read.report.monitored for read in runs if read.report.monitored)
    if not counts:  # summaries only (a W&B runs table): the series diagnose would pick
        counts = Counter(candidates[0].name for read in runs
                         for candidates in [monitored_candidates(read.series, read.log.meta, 1)]
                         if candidates)
    if not counts:
        raise UsageError("no run has a series to rank; pass --metric")
    return counts.most_common(1)[0][0]


def _unrelated(reads: list[_Read], name: str, logging_it: int) -> str | None:
    """Why the runs are not one sweep, or None: fewer than ``SHARED_SHARE`` of them log the
    metric, or fewer than that share log the same set of curves (runs of one sweep log the
    same series; a folder of unrelated projects' runs does not, even when most of them name
    a ``val/loss``)."""
    total = len(reads)
    if logging_it < SHARED_SHARE * total:
        return (f"the runs do not share a metric: the most common one, {name}, is logged by "
                f"{logging_it} of {total} runs; they are not ranked against each other "
                "(pass --metric to rank the runs that log one)")
    sets = Counter(frozenset(series_names_of(read)) for read in reads)
    alike = sets.most_common(1)[0][1]
    if alike < SHARED_SHARE * total:
        return (f"the runs do not look like one sweep: the largest group of runs that log the "
                f"same curves has {alike} of {total} runs ({len(sets)} different sets); they "
                f"are not ranked against each other (pass --metric, e.g. {name}, to rank them "
                "anyway)")
    return None


def series_names_of(read: _Read) -> list[str]:
    """The run's learning curves (not its counters and throughput)."""
    return [name for name, series in read.series.items() if is_curve_metric(series.metric)]


def _resolve(read: _Read, name: str) -> Series | None:
    """The run's series for the sweep metric (derived ones such as YOLO's fitness too)."""
    try:
        return resolve_name(read.series, name)
    except MissingSeriesError:
        derived = {s.name: s for s in monitored_candidates(read.series, read.log.meta, 1)}
        return derived.get(name)


def _diverged_reason(report: RunReport) -> str | None:
    if report.verdict != "diverging":
        return None
    finding = next((f for f in report.findings if f.code == "diverging"), None)
    where = f" at step {finding.step:,}" if finding and finding.step is not None else ""
    return f"diverged{where}"


def _leaderboard_row(read: _Read, name: str, series: Series | None,
                     settings: dict[str, Any]) -> SweepRun:
    """The run's row; ``series`` is its sweep metric (None: it does not log it)."""
    report = read.report
    row = SweepRun(read.log.run, verdict=report.verdict, confidence=report.confidence,
                   wasted=report.wasted_fraction, hparams=settings)
    if series is None:
        row.reason = f"does not log {name}"
        return row
    row.series = series.name
    point = best_point(series)
    if point is None:
        row.reason = f"{series.name} has no finite value"
        return row
    row.best_step, row.best_value = point
    last = float(series.values[-1])
    row.final = last if math.isfinite(last) else math.nan
    row.reason = (None if math.isfinite(last) else f"{series.name} ends {last}") \
        or _diverged_reason(report)
    return row


def _rank(rows: list[SweepRun], lower: bool) -> list[SweepRun]:
    """Best first by best value; rows with a reason (no value, diverged) last."""
    def key(row: SweepRun) -> tuple:
        value = row.best_value if row.best_value is not None else math.inf
        oriented = value if lower else -value
        return (row.reason is not None, row.best_value is None, oriented, row.run)

    ordered = sorted(rows, key=key)
    for rank, row in enumerate(ordered, start=1):
        row.rank = rank
    return ordered


# --------------------------------------------------------------------------- clusters


def _distinguishing(members: set[str], rows: list[SweepRun]) -> str | None:
    """The simplest hyper-parameter rule that picks out a cluster's members: ``name >= v``,
    ``name <= v`` (numbers) or ``name = v`` (any value), selecting at least
    ``RULE_MIN_RECALL`` of the members with at least ``RULE_MIN_PURITY`` of its selection
    being members; the best F1 wins, None when no rule qualifies."""
    names = sorted({name for row in rows for name in row.hparams})
    best: tuple[float, str] | None = None
    for name in names:
        values = [(row.hparams.get(name), row.run in members) for row in rows
                  if name in row.hparams]
        for rule, selects in _rules(name, values):
            chosen = [inside for value, inside in values if selects(value)]
            hits = sum(chosen)
            if not chosen or hits < RULE_MIN_RECALL * len(members) or \
                    hits < RULE_MIN_PURITY * len(chosen):
                continue
            f1 = 2 * hits / (len(chosen) + len(members))
            if best is None or f1 > best[0]:
                best = (f1, rule)
    return best[1] if best else None


def _rules(name: str, values: list[tuple[Any, bool]]):
    """Candidate rules on one hyper-parameter: thresholds at the members' extremes for
    numbers, equality with the members' most common value otherwise."""
    inside = [value for value, member in values if member]
    numbers = [v for v in inside if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if numbers and len(numbers) == len(inside):
        low, high = min(numbers), max(numbers)
        yield f"{name} >= {format_number(low)}", \
            lambda v, t=low: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= t
        yield f"{name} <= {format_number(high)}", \
            lambda v, t=high: isinstance(v, (int, float)) and not isinstance(v, bool) and v <= t
    if inside:
        common = Counter(map(str, inside)).most_common(1)[0][0]
        yield f"{name} = {common}", lambda v, c=common: str(v) == c


def _behaviour(verdicts: list[str]) -> str:
    counts = Counter(verdicts).most_common()
    top, count = counts[0]
    phrase = VERDICT_PHRASES.get(top, top)
    if count == len(verdicts):
        return phrase
    if count > MAJORITY * len(verdicts):
        return f"mostly {phrase} ({count})"
    return ", ".join(f"{VERDICT_PHRASES.get(v, v)} ({n})" for v, n in counts[:3])


def _summaries(clustering, clustered: list[SweepRun], rows: list[SweepRun]
               ) -> list[ClusterSummary]:
    summaries = []
    for cluster in clustering.clusters:
        members = [clustered[index] for index in cluster.members]
        for member in members:
            member.cluster = cluster.id
        names = {member.run for member in members}
        text = f"{len(members)} run{'s' if len(members) != 1 else ''}: " \
            f"{_behaviour([member.verdict for member in members])}"
        rule = _distinguishing(names, rows) if len(clustering.clusters) > 1 else None
        summaries.append(ClusterSummary(cluster.id, [m.run for m in members],
                                        text + (f", {rule}" if rule else ""),
                                        clustered[cluster.typical].run))
    return summaries


def _cluster(rows: list[SweepRun], curves: dict[str, Series], lower: bool,
             k: int | None) -> tuple[Any, list[ClusterSummary]]:
    from curvecli.analysis.clusters import cluster_curves

    clustered = [row for row in rows if row.run in curves]
    clustering = cluster_curves([(curves[row.run].steps, curves[row.run].values)
                                 for row in clustered], lower, k=k)
    return clustering, _summaries(clustering, clustered, rows)


# --------------------------------------------------------------------------- the sweep


def analyse_sweep(logs: list[RunLog], metric: str | None = None,
                  table: dict[str, dict[str, Any]] | None = None,
                  clusters: int | None = None) -> SweepResult:
    """The sweep of ``logs`` (see the module docstring); ``clusters`` fixes K."""
    from curvecli.analysis.importance import hparam_importance
    from curvecli.hparams import run_hparams

    reads = [_Read(log, series, diagnose_run(log, series=series))
             for log in logs if log.points for series in [extract(log.frame)]]
    if not reads:
        raise UsageError("no run with points in the sweep")
    name = _metric_of(reads, metric)
    rows, curves = [], {}
    for read in reads:
        settings = {**run_hparams(read.log.meta, read.log.files),
                    **_table_row(table or {}, read.log.run)}
        series = _resolve(read, name)
        rows.append(_leaderboard_row(read, name, series, settings))
        if series is not None:
            curves[read.log.run] = series
    if not curves:
        raise MissingSeriesError(f"no run logs '{name}' (runs: "
                                 f"{short_list([read.log.run for read in reads])})")
    lower = next(iter(curves.values())).lower_is_better
    unrelated = None if metric else _unrelated(reads, name, len(curves))
    if unrelated:
        return SweepResult(name, lower, [], reason=unrelated)
    rows = _rank(rows, lower)
    result = SweepResult(curves[rows[0].run].name if rows[0].run in curves else name,
                         lower, rows, curves=curves)
    result.warnings = [f"{len(rows) - len(curves)} run(s) without {name}: "
                       f"{short_list([r.run for r in rows if r.run not in curves])}"
                       ] if len(curves) < len(rows) else []
    import pandas as pd

    judged = [row for row in rows if row.run in curves]  # a run without the metric says nothing
    frame = pd.DataFrame([row.hparams for row in judged])
    values = np.array([np.nan if row.best_value is None or row.reason else row.best_value
                       for row in judged], dtype=np.float64)
    result.importance = hparam_importance(frame, values, lower) if len(frame.columns) else None
    result.clustering, result.clusters = _cluster(rows, curves, lower, clusters)
    return result
